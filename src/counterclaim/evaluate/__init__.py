"""Evaluate extraction against gold files: claims (precision, recall, F1, attributes) and
per-document event tallies (exact match against coded counts).

    >>> from counterclaim.evaluate import evaluate_gold_file
    >>> evaluation = evaluate_gold_file("gold.jsonl")
    >>> evaluation.precision, evaluation.recall, evaluation.f1

    gold.py      load and check gold files (one-line InputError naming FILE:LINE)
    matching.py  one-to-one matching of predictions to gold claims, attribute checks
    scores.py    the figures of an evaluation
    run.py       run the extractor over a gold file and evaluate
    report.py    summaries, error listings, failure classes, docs/accuracy.md
"""

from __future__ import annotations

from counterclaim.evaluate.gold import (EventRow, GoldClaim, GoldDocument, load_events,
                                        load_gold)
from counterclaim.evaluate.matching import (DocumentResult, MatchedClaim, check_attributes,
                                            claim_matches, evaluate_document, match_one_to_one)
from counterclaim.evaluate.report import (FailureClass, accuracy_markdown,
                                          claim_failure_classes, claim_summary,
                                          event_failure_classes, event_summary)
from counterclaim.evaluate.run import (evaluate_claims, evaluate_events, evaluate_events_file,
                                       evaluate_gold_file)
from counterclaim.evaluate.scores import (ClaimEvaluation, EventEvaluation, EventMismatch,
                                          score_tallies)

__all__ = [
    "ClaimEvaluation", "DocumentResult", "EventEvaluation", "EventMismatch", "EventRow",
    "FailureClass", "GoldClaim", "GoldDocument", "MatchedClaim", "accuracy_markdown",
    "check_attributes", "claim_failure_classes", "claim_matches", "claim_summary",
    "evaluate_claims", "evaluate_document", "evaluate_events", "evaluate_events_file",
    "evaluate_gold_file", "event_failure_classes", "event_summary", "load_events", "load_gold",
    "match_one_to_one", "score_tallies",
]
