"""The case the project was started for: every claim of the reference article, fully right.

Reads ../shared/reference (skipped when the shared folder is not beside the checkout).
"""

import json
from pathlib import Path

import pytest

import counterclaim

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
ARTICLE = REFERENCE / "kursk-north-korean-losses.txt"
GOLD = REFERENCE / "kursk-north-korean-losses.gold.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/reference is not beside this checkout")


def matches(gold: dict, claim: counterclaim.Claim) -> bool:
    """Same category and figure, overlapping evidence."""
    start, end = gold["evidence"]
    return (claim.category == gold["category"] and claim.quantity.low == gold["low"]
            and (gold["high"] is None or claim.quantity.high == gold["high"])
            and claim.evidence.start < end and start < claim.evidence.end)


def names(claim_part) -> str:  # noqa: ANN001
    """Name and mention of a claimant or place, lower case."""
    return f"{claim_part.name} {claim_part.mention}".lower() if claim_part else ""


@pytest.fixture(scope="module")
def claims() -> list[counterclaim.Claim]:
    return counterclaim.extract(ARTICLE.read_text(encoding="utf-8"), published="2024-12-24",
                                doc_id="reference")


def test_every_required_claim_is_found_with_its_claimant_date_place_and_subject(claims) -> None:
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    for expected in (g for g in gold if g["required"]):
        found = [c for c in claims if matches(expected, c)]
        assert found, f"missing {expected['id']}"
        claim = found[0]
        if expected["claimant_any"] is None:
            assert claim.claimant is None, expected["id"]
        else:
            assert any(n.lower() in names(claim.claimant) for n in expected["claimant_any"]), expected["id"]
        if expected["said_on"] is not None:
            assert claim.said_on and claim.said_on.isoformat() == expected["said_on"], expected["id"]
        if expected["location_any"] is not None:
            where = names(claim.location) + " " + ((claim.location.admin1 or "").lower() if claim.location else "")
            assert any(n.lower() in where for n in expected["location_any"]), expected["id"]
        assert claim.subject and claim.subject.country == expected["subject_country"], expected["id"]


def test_nothing_spurious(claims) -> None:
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    for claim in claims:
        assert any(matches(g, claim) for g in gold), f"spurious: {claim.category} {claim.quantity.text}"


def test_a_cited_source_is_the_claimant_and_the_outlet_relays_it() -> None:
    """ "X reported, citing Y": Y says so, X is `via`; "said, quoted by Z": Z is `via`."""
    cited = counterclaim.extract("At least 40 soldiers were killed in the ambush, according to Reuters, "
                                 "which cited two security officials.", published="2024-05-02")
    assert [(c.quantity.low, c.claimant.name, c.via.name) for c in cited] == [(40, "Security officials", "Reuters")]
    assert cited[0].to_dict()["via"]["kind"] == "media"
    quoted = counterclaim.extract("Thirty-six military vehicles were destroyed, the coalition said, "
                                  "quoted by the state news agency.", published="2024-05-02")
    assert [(c.claimant.name, c.via.mention) for c in quoted] == [("Coalition", "the state news agency")]
    direct = counterclaim.extract("The army said 12 soldiers were killed.", published="2024-05-02")
    assert direct[0].via is None and direct[0].to_dict()["via"] is None
