"""The extractor against the project's hand-written sentence corpus, tests/data/sentences.jsonl.

Every record is a sentence or short passage written for this project (invented places,
officials and figures in the style of war, disaster and terror reporting) with the exact
claims a careful analyst reads in it. `counterclaim.extract` must return those claims and no
others. An expected claim is matched to a predicted one by (category, low, high); then its
qualifier and every optional field the record gives are checked:

- unit, subject_country: equal;
- claimant: a case-insensitive substring of the claimant's name or mention; null = the
  text's own voice (no claimant);
- said_on: the ISO date, or null when the text does not date the statement;
- location: a case-insensitive substring of the place's name or mention; null = no place;
- evidence: a substring of the text that the claim's evidence span must overlap;
- period: "24h" or "cumulative", where the text says which.
A key left out is not checked. `"claims": []` is a negative: nothing may come out.

Families (the `family` field) and the annotation choices they fix:
numbers (digits and words: "1 100", "27-hundred", "a dozen", "a soldier" = 1), ranges,
hedges, vague (claim-format bounds), one family per category (killed, wounded, casualties,
captured, missing, deployed, equipment, loss-rate), claimants (reporting verbs, "according
to", attribution after a quotation, anaphora, anonymous officials, the text's own voice),
said-on (dates completed with the document's year, weekdays, "yesterday", "the next day";
an event's date or an "as of" date is not the statement's), location, subsets ("including 12
children" is a claim of its own), bulletins (a general-staff line "tanks - 9,812 (+12)" gives
the total and the day's increase), periods, denials (a denial is no claim), datelines (the
dateline's date is no claim and the wire agency is not the claimant), and negatives: calibres,
years, dates, durations, distances, ages, ordinals, money, model numbers, unrelated
percentages, phone numbers, clock times, "no casualties", "heavy losses", populations,
displacement, and buildings or homes destroyed, which are not materiel of a force and so
never `equipment` claims.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import counterclaim
from counterclaim.models import Claim

SENTENCES_PATH = Path(__file__).resolve().parents[1] / "data" / "sentences.jsonl"


def load_examples(path: Path = SENTENCES_PATH) -> list[dict[str, Any]]:
    """The corpus records, one per non-blank line."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


EXAMPLES = load_examples()


def contains_folded(needle: str, *haystacks: str | None) -> bool:
    """True when needle occurs, ignoring case, in any of the haystacks."""
    folded = needle.casefold()
    return any(hay is not None and folded in hay.casefold() for hay in haystacks)


def evidence_overlaps(claim: Claim, text: str, expected_substring: str) -> bool:
    """True when the claim's evidence span overlaps an occurrence of the expected substring."""
    start = text.find(expected_substring)
    while start != -1:
        end = start + len(expected_substring)
        if claim.evidence.start < end and start < claim.evidence.end:
            return True
        start = text.find(expected_substring, start + 1)
    return False


def field_problems(expected: dict[str, Any], claim: Claim, text: str) -> list[str]:
    """How a predicted claim differs from the expected one on the fields the record checks."""
    problems: list[str] = []

    def differs(field: str, want: object, got: object) -> None:
        problems.append(f"{field}: expected {want!r}, got {got!r}")

    if claim.quantity.qualifier != expected["qualifier"]:
        differs("qualifier", expected["qualifier"], claim.quantity.qualifier)
    if "unit" in expected and claim.quantity.unit != expected["unit"]:
        differs("unit", expected["unit"], claim.quantity.unit)
    if "subject_country" in expected:
        got_country = claim.subject.country if claim.subject else None
        if got_country != expected["subject_country"]:
            differs("subject_country", expected["subject_country"], got_country)
    if "claimant" in expected:
        want = expected["claimant"]
        got = claim.claimant
        if want is None and got is not None:
            differs("claimant", None, f"{got.name} / {got.mention}")
        elif want is not None and (got is None or not contains_folded(want, got.name, got.mention)):
            differs("claimant", want, f"{got.name} / {got.mention}" if got else None)
    if "said_on" in expected:
        got_date = claim.said_on.isoformat() if claim.said_on else None
        if got_date != expected["said_on"]:
            differs("said_on", expected["said_on"], got_date)
    if "location" in expected:
        want = expected["location"]
        place = claim.location
        if want is None and place is not None:
            differs("location", None, f"{place.name} / {place.mention}")
        elif want is not None and (place is None or not contains_folded(want, place.name, place.mention)):
            differs("location", want, f"{place.name} / {place.mention}" if place else None)
    if "evidence" in expected and not evidence_overlaps(claim, text, expected["evidence"]):
        differs("evidence overlapping", expected["evidence"], claim.evidence.text)
    if "period" in expected and claim.period != expected["period"]:
        differs("period", expected["period"], claim.period)
    return problems


def describe_claim(claim: Claim) -> str:
    """One compact line for a predicted claim."""
    quantity = claim.quantity
    figure = f"{quantity.low}" if quantity.high is None else f"{quantity.low}-{quantity.high}"
    parts = [f"{claim.category} {figure} {quantity.qualifier} {quantity.unit}"]
    if claim.subject:
        parts.append(f"subject={claim.subject.country or '?'}")
    parts.append(f"by={claim.claimant.name if claim.claimant else None}")
    if claim.said_on:
        parts.append(f"on={claim.said_on.isoformat()}")
    if claim.location:
        parts.append(f"at={claim.location.name}")
    if claim.period:
        parts.append(f"period={claim.period}")
    parts.append(f"ev[{claim.evidence.start}:{claim.evidence.end}]={claim.evidence.text!r}")
    return " ".join(parts)


def describe_expected(expected: dict[str, Any]) -> str:
    """One compact line for an expected claim."""
    figure = f"{expected['low']}" if expected["high"] is None else f"{expected['low']}-{expected['high']}"
    extras = " ".join(f"{key}={expected[key]!r}" for key in
                      ("unit", "subject_country", "claimant", "said_on", "location", "period", "evidence")
                      if key in expected)
    return f"{expected['category']} {figure} {expected['qualifier']} {extras}".rstrip()


def compare_claims(example: dict[str, Any], predicted: list[Claim]) -> list[str]:
    """Every difference between the expected claims of an example and the predicted ones."""
    text = example["text"]
    unmatched = list(predicted)
    problems: list[str] = []
    for expected in example["claims"]:
        key = (expected["category"], expected["low"], expected["high"])
        candidates = [claim for claim in unmatched
                      if (claim.category, claim.quantity.low, claim.quantity.high) == key]
        if not candidates:
            problems.append(f"missing: {describe_expected(expected)}")
            continue
        # Several predictions with the same figure: judge the closest, the rest are extra.
        best = min(candidates, key=lambda claim: len(field_problems(expected, claim, text)))
        unmatched.remove(best)
        figure = f"{expected['low']}" if expected["high"] is None else f"{expected['low']}-{expected['high']}"
        problems.extend(f"{expected['category']} {figure}: {problem}"
                        for problem in field_problems(expected, best, text))
    problems.extend(f"unexpected: {describe_claim(claim)}" for claim in unmatched)
    return problems


@pytest.mark.parametrize("example", EXAMPLES, ids=[example["id"] for example in EXAMPLES])
def test_extracts_exactly_the_expected_claims(example: dict[str, Any]) -> None:
    predicted = counterclaim.extract(example["text"], published=example["published"])
    problems = compare_claims(example, predicted)
    report = "\n".join([
        f"text: {example['text']}",
        f"published: {example['published']}",
        "problems:", *(f"  {problem}" for problem in problems),
        "predicted:", *(f"  {describe_claim(claim)}" for claim in predicted or []),
    ])
    assert not problems, report


def make_claim(category: str, low: int, high: int | None = None, qualifier: str = "exactly",
               start: int = 0, end: int = 1, claimant: str | None = None) -> Claim:
    """A hand-built predicted claim, to check the comparison itself."""
    from counterclaim.models import Actor, Evidence, Quantity

    return Claim(doc="<text>", category=category,
                 quantity=Quantity(low, high, qualifier, "people", str(low)), subject=None,
                 claimant=Actor(claimant, claimant) if claimant else None, said_on=None,
                 location=None, evidence=Evidence(start, end, "x"))


COMPARISON_EXAMPLE = {
    "text": "The army said 12 soldiers were killed.", "published": None,
    "claims": [{"category": "killed", "low": 12, "high": None, "qualifier": "exactly",
                "claimant": "army", "evidence": "12 soldiers"}],
}


def test_comparison_accepts_the_expected_claim() -> None:
    claim = make_claim("killed", 12, start=14, end=37, claimant="the army")
    assert compare_claims(COMPARISON_EXAMPLE, [claim]) == []


@pytest.mark.parametrize("predicted, complaint", [
    ([], "missing: killed 12"),
    ([make_claim("killed", 12, qualifier="about", start=14, end=37, claimant="army")], "qualifier"),
    ([make_claim("killed", 12, start=14, end=37)], "claimant"),
    ([make_claim("killed", 12, start=0, end=3, claimant="army")], "evidence"),
    ([make_claim("killed", 12, start=14, end=37, claimant="army"), make_claim("wounded", 12)],
     "unexpected: wounded 12"),
    ([make_claim("killed", 12, start=14, end=37, claimant="army")] * 2, "unexpected: killed 12"),
])
def test_comparison_reports_each_difference(predicted: list[Claim], complaint: str) -> None:
    problems = compare_claims(COMPARISON_EXAMPLE, predicted)
    assert any(complaint in problem for problem in problems), problems
