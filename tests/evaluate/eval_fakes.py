"""Hand-made predictions for evaluation tests: no extractor involved."""

from __future__ import annotations

from datetime import date

from counterclaim.models import Actor, Claim, Evidence, Place, Quantity


def fake_claim(doc: str, text: str, evidence: str, category: str, low: int, *,
               high: int | None = None, qualifier: str = "exactly",
               claimant: str | None = None, said_on: str | None = None,
               place: str | None = None) -> Claim:
    """A predicted claim whose evidence is the first occurrence of `evidence` in `text`."""
    start = text.index(evidence)
    return Claim(
        doc=doc, category=category,
        quantity=Quantity(low, high, qualifier, "people", str(low)),
        subject=None,
        claimant=Actor(claimant, claimant, "government") if claimant else None,
        said_on=date.fromisoformat(said_on) if said_on else None,
        location=Place(place, place) if place else None,
        evidence=Evidence(start, start + len(evidence), evidence),
    )
