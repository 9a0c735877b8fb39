"""Event tallies: the figures a conflict-data coder enters (extraction/tally.py)."""

import json
from pathlib import Path

import pytest

import counterclaim


@pytest.mark.parametrize("text, killed, wounded", [
    ("Two soldiers and a civilian were killed when their vehicle hit a mine.", 3, 0),
    ("A man was killed in the blast.", 1, 0),
    ("Gunmen killed a shopkeeper and his son and wounded four passers-by.", 2, 4),
    ("The pilot was killed and five passengers were injured.", 1, 5),
    ("Eleven people, including four children, died in the attack.", 11, 0),
    ("A bomb killed 6 people. Police said the bomb was planted near the market.", 6, 0),
    ("No casualties were reported after the explosion.", 0, 0),
    ("A guard was shot to death outside the embassy.", 1, 0),
    ("The group was accused of killing 40 villagers in 2012. On Monday it attacked a bus, killing 3.",
     3, 0),
    ("The militants threatened to kill eight hostages.", 0, 0),
])
def test_tally_counts_each_group_once(text: str, killed: int, wounded: int) -> None:
    tally = counterclaim.tally(text, published="2015-06-01")
    assert (tally["killed"], tally["wounded"]) == (killed, wounded)


def test_tally_has_all_four_columns() -> None:
    assert set(counterclaim.tally("Four soldiers were captured.")) == {"killed", "wounded", "captured", "missing"}


TALLIES_PATH = Path(__file__).resolve().parents[1] / "data" / "tallies.jsonl"
TALLY_CASES = [json.loads(line) for line in TALLIES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", TALLY_CASES, ids=[f"{c['family']}-{i}" for i, c in enumerate(TALLY_CASES)])
def test_tally_of_hand_written_event_notes(case: dict) -> None:
    """tests/data/tallies.jsonl: one event note per line, with what a coder would enter."""
    tally = counterclaim.tally(case["text"], published="2015-06-01")
    assert (tally["killed"], tally["wounded"]) == (case["killed"], case["wounded"]), case["text"]
