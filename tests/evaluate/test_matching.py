"""Matching predictions to gold claims, with hand-made predictions."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from counterclaim.evaluate import (ClaimEvaluation, evaluate_document, evaluate_gold_file, load_gold,
                                   match_one_to_one)
from counterclaim.evaluate.gold import GoldClaim, GoldDocument
from counterclaim.evaluate.matching import names_agree
from counterclaim.models import Evidence
from counterclaim.evaluate.report import claim_failure_classes
from eval_fakes import fake_claim

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold-fake.jsonl"


def texts() -> dict[str, str]:
    return {d.id: d.text for d in load_gold(GOLD)}


def right_answers() -> dict[str, list]:
    """Predictions that state every gold claim of gold-fake.jsonl correctly."""
    t = texts()
    return {
        "brook-1": [
            fake_claim("brook-1", t["brook-1"], "12 dockworkers were killed", "killed", 12,
                       claimant="Harbour Authority", said_on="2031-03-10", place="Port Aldane"),
            fake_claim("brook-1", t["brook-1"], "40 were injured", "wounded", 40,
                       claimant="Velmora harbour authority", said_on="2031-03-10",
                       place="Port Aldane")],
        "brook-2": [fake_claim("brook-2", t["brook-2"], "300 volunteers", "deployed", 300,
                               qualifier="at_least", place="Orrin valley")],
        "brook-3": [],
    }


def write_gold(directory: Path, doc_id: str, text: str, claims: list[dict]) -> Path:
    """A one-document gold file."""
    path = directory / "gold.jsonl"
    path.write_text(json.dumps({"id": doc_id, "text": text, "claims": claims}) + "\n",
                    encoding="utf-8")
    return path


def extractor(predictions: dict[str, list]):
    return lambda document: list(predictions[document.id])


def class_counts(evaluation) -> dict[str, int]:
    return {c.name: len(c.failures) for c in claim_failure_classes(evaluation)}


def test_perfect_match_scores_one_everywhere() -> None:
    evaluation = evaluate_gold_file(GOLD, extractor(right_answers()))
    assert (evaluation.precision, evaluation.recall, evaluation.f1) == (1.0, 1.0, 1.0)
    assert evaluation.attribute_counts() == {"claimant": (3, 3), "said_on": (2, 2),
                                             "location": (3, 3), "qualifier": (3, 3)}
    assert evaluation.fully_correct == 3
    assert claim_failure_classes(evaluation) == []


def test_a_miss_lowers_recall_and_is_classified() -> None:
    predictions = right_answers()
    predictions["brook-1"] = predictions["brook-1"][:1]
    evaluation = evaluate_gold_file(GOLD, extractor(predictions))
    assert (evaluation.true_positives, evaluation.false_negatives) == (2, 1)
    assert evaluation.precision == 1.0 and evaluation.recall == pytest.approx(2 / 3)
    assert [g.label for d in evaluation.documents for g in d.missed] == ["brook-1#1"]
    assert class_counts(evaluation) == {"miss: figure not found": 1}


def test_misses_in_a_silent_passage_and_of_ranges_have_their_own_classes(tmp_path: Path) -> None:
    text = "Between 10 and 20 people died; 3 more were hurt."
    gold = write_gold(tmp_path, "r", text, [
        {"category": "killed", "quantity": {"low": 10, "high": 20, "qualifier": "range"},
         "evidence": "10 and 20 people"},
        {"category": "wounded", "quantity": {"low": 3}, "evidence": "3 more"}])
    silent = evaluate_gold_file(gold, lambda d: [])
    assert class_counts(silent) == {"miss: nothing read from the passage": 2}
    hurt = fake_claim("r", text, "3 more were hurt", "wounded", 3)
    assert class_counts(evaluate_gold_file(gold, lambda d: [hurt])) == {
        "miss: range or vague amount not found": 1}
    wrong_range = fake_claim("r", text, "10 and 20 people died", "killed", 10, high=25)
    assert class_counts(evaluate_gold_file(gold, lambda d: [hurt, wrong_range])) == {
        "miss: figure read differently": 1, "spurious: counterpart of a missed claim": 1}


def test_a_spurious_claim_lowers_precision_and_is_classified() -> None:
    predictions = right_answers()
    t = texts()["brook-3"]
    predictions["brook-3"] = [fake_claim("brook-3", t, "45 rooms", "equipment", 45)]
    evaluation = evaluate_gold_file(GOLD, extractor(predictions))
    assert (evaluation.true_positives, evaluation.false_positives) == (3, 1)
    assert evaluation.precision == pytest.approx(3 / 4) and evaluation.recall == 1.0
    assert class_counts(evaluation) == {"spurious: figure in a passage without claims": 1}


def test_wrong_category_gives_a_miss_and_its_spurious_counterpart() -> None:
    predictions = right_answers()
    t = texts()["brook-1"]
    predictions["brook-1"][1] = fake_claim("brook-1", t, "40 were injured", "killed", 40)
    evaluation = evaluate_gold_file(GOLD, extractor(predictions))
    assert class_counts(evaluation) == {"miss: wrong category": 1,
                                        "spurious: counterpart of a missed claim": 1}


def test_killed_or_wounded_reads_as_casualties(tmp_path: Path) -> None:
    text = "Officials said 9 people were killed or injured."
    gold = write_gold(tmp_path, "k", text, [
        {"category": "killed_or_wounded", "quantity": {"low": 9}, "evidence": "9 people"}])
    prediction = fake_claim("k", text, "9 people were killed or injured", "casualties", 9)
    evaluation = evaluate_gold_file(gold, lambda d: [prediction])
    assert evaluation.true_positives == 1


def test_wrong_claimant_date_and_location_are_counted_apart() -> None:
    predictions = right_answers()
    t = texts()
    predictions["brook-1"][0] = fake_claim(
        "brook-1", t["brook-1"], "12 dockworkers were killed", "killed", 12,
        claimant="Coastal Police", said_on="2031-03-11", place="Lake Tessel")
    predictions["brook-1"][1] = fake_claim(
        "brook-1", t["brook-1"], "40 were injured", "wounded", 40, said_on="2031-03-10")
    predictions["brook-2"] = [fake_claim("brook-2", t["brook-2"], "300 volunteers", "deployed",
                                         300, claimant="Red Cross", qualifier="about")]
    evaluation = evaluate_gold_file(GOLD, extractor(predictions))
    assert evaluation.f1 == 1.0
    assert evaluation.attribute_counts() == {"claimant": (0, 3), "said_on": (1, 2),
                                             "location": (0, 3), "qualifier": (2, 3)}
    assert evaluation.fully_correct == 0
    assert class_counts(evaluation) == {
        "claimant wrong": 1, "claimant missing": 1,
        "claimant given where the text speaks in its own voice": 1,
        "location missing": 2, "location wrong": 1, "said_on wrong": 1, "qualifier wrong": 1}


def test_a_gold_claimant_marked_unattributed_expects_none(tmp_path: Path) -> None:
    text = "Reports said 8 fishermen are missing."
    gold = write_gold(tmp_path, "u", text, [
        {"category": "missing", "quantity": {"low": 8}, "claimant": "unattributed reports",
         "evidence": "8 fishermen are missing"}])
    silent = fake_claim("u", text, "8 fishermen are missing", "missing", 8)
    named = fake_claim("u", text, "8 fishermen are missing", "missing", 8, claimant="Reports")
    assert evaluate_gold_file(gold, lambda d: [silent]).attribute_counts()["claimant"] == (1, 1)
    assert evaluate_gold_file(gold, lambda d: [named]).attribute_counts()["claimant"] == (0, 1)


def gold_claim(index: int, start: int, end: int, low: int = 5) -> GoldClaim:
    return GoldClaim("d", index, "killed", low, None, None, None, None, None, None, start, end)


def test_one_prediction_serves_one_of_two_identical_gold_claims() -> None:
    text = "5 killed here, and later 5 killed there."
    document = GoldDocument("d", text, None, (gold_claim(0, 0, 8), gold_claim(1, 0, 8)), 1)
    once = [fake_claim("d", text, "5 killed", "killed", 5)]
    result = evaluate_document(document, once)
    assert (len(result.matched), len(result.missed), len(result.spurious)) == (1, 1, 0)
    assert class_counts(ClaimEvaluation("t", (result,))) == {
        "miss: figure taken by another gold claim": 1}
    twice = once + [fake_claim("d", text, "5 killed", "killed", 5)]
    assert len(evaluate_document(document, twice).matched) == 2
    thrice = twice + [fake_claim("d", text, "5 killed", "killed", 5)]
    result = evaluate_document(document, thrice)
    assert (len(result.matched), len(result.spurious)) == (2, 1)
    assert class_counts(ClaimEvaluation("t", (result,))) == {"spurious: repeated figure": 1}
    elsewhere = [fake_claim("d", text, "5 killed there", "killed", 5)]
    result = evaluate_document(document, elsewhere)
    assert class_counts(ClaimEvaluation("t", (result,))) == {
        "miss: evidence elsewhere": 2, "spurious: number is not a claim": 1}


def test_matching_moves_an_earlier_pair_to_match_more() -> None:
    # gold 0 spans both figures; gold 1 only the first. Taking the first free prediction
    # for gold 0 would leave gold 1 unmatched; the largest matching pairs both.
    text = "5 killed, 5 killed."
    first = fake_claim("d", text, "5 killed", "killed", 5)
    second = replace(first, evidence=Evidence(10, 18, "5 killed"))
    gold = [gold_claim(0, 0, 19), gold_claim(1, 0, 8)]
    assert match_one_to_one(gold, [first, second]) == {0: 1, 1: 0}
    assert match_one_to_one(gold[:1], [first, second]) == {0: 0}


def test_high_must_match_only_where_gold_sets_it() -> None:
    text = "Between 10 and 20 people died."
    document = GoldDocument("d", text, None, (gold_claim(0, 8, 17, low=10),), 1)
    ranged = fake_claim("d", text, "10 and 20 people died", "killed", 10, high=20, qualifier="range")
    assert len(evaluate_document(document, [ranged]).matched) == 1
    bounded = GoldClaim("d", 0, "killed", 10, 30, None, None, None, None, None, 8, 17)
    result = evaluate_document(GoldDocument("d", text, None, (bounded,), 1), [ranged])
    assert (len(result.matched), len(result.missed)) == (0, 1)


@pytest.mark.parametrize(("gold", "candidates", "agree"), [
    ("Ministry of Defence", ("Defence Ministry", None), True),
    ("Ministry of Defence", ("Ministry of Health", None), True),  # one shared word suffices
    ("General Staff of the Armed Forces of Ukraine", ("Ukrainian General Staff", None), True),
    ("General Staff of the Armed Forces of Ukraine", ("Armed Forces of Russia", None), True),
    ("General Staff of the Armed Forces of Ukraine", ("President of Ukraine", None), False),
    ("Port Aldane", (None, "the port of aldane"), True),
    ("Port Aldane", ("Lake Tessel", "Tessel"), False),
    ("UN", ("un", None), True),  # the whole name written counts even when short
    ("Officials", (None, None), False),
])
def test_names_agree(gold: str, candidates: tuple, agree: bool) -> None:
    assert names_agree(gold, *candidates) is agree
