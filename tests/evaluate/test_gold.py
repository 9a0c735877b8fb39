"""Loading gold files: good files load, bad lines give one error naming FILE:LINE."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.errors import InputError
from counterclaim.evaluate import load_events, load_gold

DATA = Path(__file__).parent / "data"
GOOD_LINE = ('{"id": "a", "text": "Rangers said 4 hikers are missing.", "claims": '
             '[{"category": "missing", "quantity": {"low": 4}, "evidence": "4 hikers"}]}')


def test_a_good_gold_file_loads() -> None:
    documents = load_gold(DATA / "gold-fake.jsonl")
    assert [d.id for d in documents] == ["brook-1", "brook-2", "brook-3"]
    first = documents[0].claims[0]
    assert documents[0].text[first.evidence_start:first.evidence_end] == "12 dockworkers were killed"
    assert (first.claimant, first.said_on, first.location) == (
        "Harbour Authority of Velmora", "2031-03-10", "Port Aldane")
    assert documents[1].published is None and documents[2].claims == ()


@pytest.mark.parametrize(("bad_line", "reason"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"text": "x", "claims": []}', 'missing "id"'),
    ('{"id": "b", "text": "  ", "claims": []}', 'missing "text"'),
    ('{"id": "b", "text": "x"}', 'missing "claims"'),
    ('{"id": "b", "text": "x", "published": "12/05/2030", "claims": []}', "published"),
    ('{"id": "b", "text": "9 dead", "claims": [{"category": "dead", "quantity": {"low": 9}}]}',
     "claim 0: category 'dead'"),
    ('{"id": "b", "text": "9 dead", "claims": [{"category": "killed", "quantity": {"low": "9"}}]}',
     "quantity.low must be a number"),
    ('{"id": "b", "text": "9 dead", "claims": [{"category": "killed", "quantity": {"low": 9}, '
     '"evidence": "nine dead"}]}', "evidence is not an exact substring"),
    ('{"id": "b", "text": "9 dead", "claims": [{"category": "killed", "quantity": {"low": 9}, '
     '"said_on": "yesterday"}]}', "said_on"),
    ('{"id": "a", "text": "again", "claims": []}', "already used on line 1"),
])
def test_a_bad_line_names_file_and_line(tmp_path: Path, bad_line: str, reason: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOOD_LINE + "\n\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold(gold)
    message = str(caught.value)
    assert message.startswith(f"{gold}:3: ") and reason in message
    assert "\n" not in message


@pytest.mark.parametrize(("content", "reason"), [
    (None, "no such file"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
    (b"\n\n", "no documents"),
])
def test_an_unreadable_gold_file_is_named(tmp_path: Path, content: bytes | None, reason: str) -> None:
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        gold.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        load_gold(gold)


def test_an_events_file_loads_with_prefixed_ids_and_blank_cells() -> None:
    events = load_events(DATA / "events.csv")
    assert [e.doc for e in events] == ["alpha_set:7", "alpha_set:8", "beta_set:9"]
    assert events[1].counts == {"killed": 0, "wounded": None}
    assert str(events[0].published) == "2030-06-02" and events[2].published is None
    assert [e.line for e in events] == [2, 3, 4]


def test_events_without_source_dataset_keep_their_ids(tmp_path: Path) -> None:
    csv_file = tmp_path / "events.csv"
    csv_file.write_text("id,text,killed,wounded\nr1,Two died.,2,\n", encoding="utf-8")
    assert [e.doc for e in load_events(csv_file)] == ["r1"]


@pytest.mark.parametrize(("content", "where", "reason"), [
    ("id,text,killed\n1,x,2\n", ":1", "missing column(s) wounded"),
    ("id,text,killed,wounded\n1,Some text,2,0\n2,Other text,two,0\n", ":3", "killed 'two'"),
    ("id,text,killed,wounded\n1,Some text,2,0\n1,Same id,2,0\n", ":3", "already used on line 2"),
    ("id,text,killed,wounded\n,Some text,2,0\n", ":2", "empty id"),
])
def test_a_bad_events_row_names_file_and_line(tmp_path: Path, content: str, where: str,
                                              reason: str) -> None:
    csv_file = tmp_path / "events.csv"
    csv_file.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_events(csv_file)
    assert str(caught.value).startswith(f"{csv_file}{where}: ") and reason in str(caught.value)
