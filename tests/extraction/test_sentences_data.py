"""The hand-written sentence corpus itself is well formed (see test_sentences.py for its use)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from counterclaim.models import CATEGORIES, QUALIFIERS

SENTENCES_PATH = Path(__file__).resolve().parents[1] / "data" / "sentences.jsonl"

RECORD_KEYS = {"id", "family", "text", "published", "claims"}
OPTIONAL_RECORD_KEYS = {"note"}
CLAIM_KEYS = {"category", "low", "high", "qualifier"}
OPTIONAL_CLAIM_KEYS = {"unit", "subject_country", "claimant", "said_on", "location", "evidence",
                       "period"}
PERIODS = {"24h", "daily", "cumulative"}
PEOPLE_CATEGORIES = {"killed", "wounded", "casualties", "captured", "missing", "deployed"}
# The bounds of claim-format.md for "dozens", "hundreds", "thousands", and the same rule one
# and two orders of magnitude up ("tens of thousands", "hundreds of thousands").
VAGUE_BOUNDS = {(24, 99), (200, 999), (2000, 9999), (20000, 99999), (200000, 999999)}
FAMILIES = {
    "numbers", "ranges", "hedges", "vague", "killed", "wounded", "casualties", "captured",
    "missing", "deployed", "equipment", "loss-rate", "claimants", "said-on", "location",
    "subsets", "bulletins", "periods", "denials", "datelines", "negatives",
}
MIN_PER_FAMILY = 4
MIN_EXAMPLES = 110


def read_records() -> list[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line; a line that is not JSON fails here."""
    records = []
    for number, line in enumerate(SENTENCES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                pytest.fail(f"{SENTENCES_PATH.name}:{number}: not JSON: {err}")
    return records


RECORDS = read_records()


def is_iso_date(value: object) -> bool:
    """True for a YYYY-MM-DD string naming a real day."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def record_problems(record: dict[str, Any]) -> list[str]:
    """Everything wrong with one record's own shape."""
    problems = []
    keys = set(record)
    if missing := RECORD_KEYS - keys:
        problems.append(f"missing keys {sorted(missing)}")
    if unknown := keys - RECORD_KEYS - OPTIONAL_RECORD_KEYS:
        problems.append(f"unknown keys {sorted(unknown)}")
    if record.get("family") not in FAMILIES:
        problems.append(f"unknown family {record.get('family')!r}")
    elif not re.fullmatch(re.escape(record["family"]) + r"-\d{2}", str(record.get("id"))):
        problems.append(f"id {record.get('id')!r} is not <family>-<nn>")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        problems.append("text is empty")
    if record.get("published") is not None and not is_iso_date(record["published"]):
        problems.append(f"published {record['published']!r} is not YYYY-MM-DD")
    if not isinstance(record.get("claims"), list):
        problems.append("claims is not a list")
    return problems


def claim_problems(claim: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """Everything wrong with one expected claim, read against its record."""
    problems = []
    keys = set(claim)
    if missing := CLAIM_KEYS - keys:
        return [f"missing keys {sorted(missing)}"]
    if unknown := keys - CLAIM_KEYS - OPTIONAL_CLAIM_KEYS:
        problems.append(f"unknown keys {sorted(unknown)}")
    category, low, high, qualifier = (claim[key] for key in ("category", "low", "high", "qualifier"))
    if category not in CATEGORIES:
        problems.append(f"category {category!r} is not in the claim format")
    if qualifier not in QUALIFIERS:
        problems.append(f"qualifier {qualifier!r} is not in the claim format")
    # a loss rate read from a fraction keeps one decimal ("a third" is 33.3)
    share = category == "loss_rate" and isinstance(low, float) and low == round(low, 1)
    if not (isinstance(low, int) or share) or low < 0:
        problems.append(f"low {low!r} is not a count")
    if high is not None and (not isinstance(high, int) or not isinstance(low, int) or high <= low):
        problems.append(f"high {high!r} is not above low {low!r}")
    if qualifier == "range" and high is None:
        problems.append("a range needs high")
    if qualifier == "vague" and (low, high) not in VAGUE_BOUNDS:
        problems.append(f"vague bounds ({low}, {high}) are not those of the claim format")
    if qualifier not in ("range", "vague") and high is not None:
        problems.append(f"qualifier {qualifier} takes no high")
    unit = claim.get("unit")
    if category == "loss_rate" and (unit not in (None, "percent") or (isinstance(low, int) and low > 100)):
        problems.append("a loss_rate is a percentage (unit 'percent', at most 100)")
    if category == "equipment" and (unit is None or unit != unit.lower() or unit == "people"):
        problems.append("equipment needs its materiel kind as unit, in lower case")
    if category in PEOPLE_CATEGORIES and unit not in (None, "people"):
        problems.append(f"{category} counts people, not {unit!r}")
    country = claim.get("subject_country")
    if country is not None and not re.fullmatch(r"[A-Z]{2}", str(country)):
        problems.append(f"subject_country {country!r} is not ISO 3166-1 alpha-2")
    for key in ("claimant", "location"):
        if claim.get(key) is not None and not (isinstance(claim[key], str) and claim[key].strip()):
            problems.append(f"{key} must be a non-empty string or null")
    said_on = claim.get("said_on")
    if said_on is not None:
        if not is_iso_date(said_on):
            problems.append(f"said_on {said_on!r} is not YYYY-MM-DD")
        elif is_iso_date(record.get("published")) and said_on > record["published"]:
            problems.append(f"said_on {said_on} is after the document's date")
    evidence = claim.get("evidence")
    if evidence is not None and record.get("text", "").count(evidence) != 1:
        problems.append(f"evidence {evidence!r} does not occur exactly once in the text")
    if "period" in claim and claim["period"] not in PERIODS:
        problems.append(f"period {claim['period']!r} is not one of {sorted(PERIODS)}")
    return problems


@pytest.mark.parametrize("number, record", RECORDS, ids=[str(record.get("id")) for _, record in RECORDS])
def test_record_is_well_formed(number: int, record: dict[str, Any]) -> None:
    problems = record_problems(record)
    for index, claim in enumerate(record.get("claims") or []):
        problems.extend(f"claim {index}: {problem}" for problem in claim_problems(claim, record))
    figures = Counter((c.get("category"), c.get("low"), c.get("high")) for c in record.get("claims") or [])
    problems.extend(f"two expected claims share {key}: the match would be ambiguous"
                    for key, count in figures.items() if count > 1)
    assert not problems, f"{SENTENCES_PATH.name}:{number}: " + "; ".join(problems)


def test_ids_are_unique() -> None:
    counts = Counter(record.get("id") for _, record in RECORDS)
    assert [id_ for id_, count in counts.items() if count > 1] == []


def test_texts_are_unique() -> None:
    counts = Counter(record.get("text") for _, record in RECORDS)
    assert [text for text, count in counts.items() if count > 1] == []


def test_corpus_covers_every_family() -> None:
    sizes = Counter(record.get("family") for _, record in RECORDS)
    assert len(RECORDS) >= MIN_EXAMPLES
    assert {family: sizes[family] for family in FAMILIES if sizes[family] < MIN_PER_FAMILY} == {}


def test_negatives_expect_nothing() -> None:
    claimful = [record["id"] for _, record in RECORDS
                if record.get("family") == "negatives" and record.get("claims")]
    assert claimful == []


def test_every_category_and_qualifier_is_exercised() -> None:
    claims = [claim for _, record in RECORDS for claim in record.get("claims") or []]
    assert set(CATEGORIES) - {claim["category"] for claim in claims} == set()
    assert set(QUALIFIERS) - {claim["qualifier"] for claim in claims} == set()
