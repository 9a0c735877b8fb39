"""The real extractor over a two-document gold file written for this test."""

from __future__ import annotations

from pathlib import Path

from counterclaim.evaluate import claim_failure_classes, evaluate_gold_file

GOLD = Path(__file__).parent / "data" / "gold-end-to-end.jsonl"


def test_real_extractor_on_a_small_gold_file(extract_document) -> None:
    evaluation = evaluate_gold_file(GOLD, extract_document)
    assert (evaluation.true_positives, evaluation.false_negatives) == (2, 0)
    # the factory's workers and tractors are not losses: no claim belongs there
    assert evaluation.false_positives == 0, claim_failure_classes(evaluation)
    right, checked = evaluation.attribute_counts()["location"]
    assert (right, checked) == (2, 2)
