"""Event tallies against coded counts, with a fake tally."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.evaluate import evaluate_events_file, event_failure_classes
from counterclaim.evaluate.report import figure_written

EVENTS = Path(__file__).parent / "data" / "events.csv"


def tally_of(counts: dict[str, dict[str, int]]):
    """A stand-in for extract_document_with_tally answering from a table."""
    return lambda document: ([], counts.get(document.id, {}))


def test_exact_match_per_column_overall_and_per_source() -> None:
    evaluation = evaluate_events_file(EVENTS, tally_of({
        "alpha_set:7": {"killed": 2, "wounded": 0},   # wounded wrong
        "alpha_set:8": {"killed": 0, "wounded": 3},   # wounded blank in gold: not scored
        "beta_set:9": {"killed": 11, "wounded": 20},
    }))
    assert evaluation.correct["all"] == {"killed": (3, 3), "wounded": (1, 2)}
    assert evaluation.correct["alpha_set"] == {"killed": (2, 2), "wounded": (0, 1)}
    assert evaluation.accuracy("wounded", "beta_set") == 1.0
    assert [(m.doc, m.column, m.gold, m.got) for m in evaluation.mismatches] == [
        ("alpha_set:7", "wounded", 5, 0)]


def test_a_missing_tally_reads_as_zero() -> None:
    evaluation = evaluate_events_file(EVENTS, tally_of({}))
    assert evaluation.correct["all"] == {"killed": (1, 3), "wounded": (0, 2)}


def test_the_tally_reads_the_row_text_and_full_dates_only() -> None:
    seen = []

    def tally(document):
        seen.append((document.id, str(document.published), document.text[:6]))
        return [], {}

    evaluate_events_file(EVENTS, tally)
    assert seen == [("alpha_set:7", "2030-06-02", "Gunmen"), ("alpha_set:8", "2030-06-03", "A parc"),
                    ("beta_set:9", "None", "An exp")]


def test_mismatches_are_classified() -> None:
    evaluation = evaluate_events_file(EVENTS, tally_of({
        "alpha_set:7": {"killed": 0, "wounded": 9},   # "two" is written; 9 > 5
        "alpha_set:8": {"killed": 1},                 # counted in a row coded 0
        "beta_set:9": {"killed": 4, "wounded": 0},    # too low; 20 is written
    }))
    counts = {c.name: len(c.failures) for c in event_failure_classes(evaluation)}
    assert counts == {"killed: none counted, figure written": 1, "wounded: too high": 1,
                      "killed: counted in a row coded 0": 1, "killed: too low": 1,
                      "wounded: none counted, figure written": 1}


@pytest.mark.parametrize(("count", "text", "written"), [
    (11, "killed 11 people", True),
    (1200, "some 1,200 people", True),
    (1200, "some 1200 people", True),
    (2, "two guards", True),
    (2, "12 guards", False),
    (12, "1,120 guards", False),
    (7, "four troops and 3 soldiers", False),
])
def test_figure_written(count: int, text: str, written: bool) -> None:
    assert figure_written(count, text) is written
