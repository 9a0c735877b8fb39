"""Per-document tallies: the figures a conflict-data coder would enter for the event."""

from __future__ import annotations

from counterclaim.models import Claim

TALLIED = ("killed", "wounded", "captured", "missing")


def tally_claims(claims: list[Claim]) -> dict[str, int]:
    """Killed, wounded, captured and missing counts for the event a document reports."""
    totals = {}
    for category in TALLIED:
        values = [c.quantity.low or 0 for c in claims if c.category == category]
        totals[category] = max(values) if values else 0
    return totals
