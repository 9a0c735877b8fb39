"""Small random claim sets that exercise the rules estimate's corners.

Few claimants, few dates and round figures make ties common (equal floors, equal ranks, several
claims on one day); the same claimant name with different kinds changes credibility from one
claim to the next; parts without totals, hedges without floors, per-day and stock series,
echoes and undated claims all turn up.
"""

from __future__ import annotations

import random
from typing import Any

from builders import claim

CATEGORIES = ("casualties", "casualties", "killed", "wounded", "deployed", "captured")
QUALIFIERS = ("exactly", "exactly", "about", "at_least", "more_than", "up_to", "less_than",
              "range", "vague")
CLAIMANTS = (("Kyiv", "military", "UA"), ("Kyiv", "media", "UA"), ("Moscow", "government", "RU"),
             ("Observer", "ngo", None), ("Pyongyang", "official", "KP"),
             ("Somebody", "military", None), (None, None, None))
PERIODS = (None, None, None, None, "day", "week")


def random_claim_set(rng: random.Random) -> list[dict[str, Any]]:
    """Between 1 and 60 claim records about one or two forces."""
    records = []
    days = rng.randint(1, 25)
    for index in range(rng.randint(1, 60)):
        name, kind, country = rng.choice(CLAIMANTS)
        qualifier = rng.choice(QUALIFIERS)
        low = float(rng.choice((10, 20, 50, 100, 100, 200, 500, rng.randint(1, 900))))
        high = low * rng.choice((2, 5)) if qualifier in ("range", "vague") else None
        if qualifier in ("up_to", "less_than") and rng.random() < 0.3:
            low, high = None, low
        said_on = None if rng.random() < 0.1 else f"2024-01-{rng.randint(1, days):02d}"
        records.append(claim(
            rng.choice(CATEGORIES), low, high=high, qualifier=qualifier,
            subject=rng.choice(("KP", "KP", "RU")), claimant=name, kind=kind or "military",
            claimant_country=country, said_on=said_on, doc=f"doc-{rng.randint(1, 4)}",
            period=rng.choice(PERIODS), reports=rng.choice((1, 1, 2)),
            published=None if rng.random() < 0.5 else f"2024-01-{rng.randint(1, 28):02d}",
            claim_id=f"c{index:03d}" if rng.random() < 0.9 else None))
    if records and rng.random() < 0.3:  # the same statement again, from another document
        records.append({**rng.choice(records), "doc": "doc-echo",
                        "id": f"echo{len(records)}"})
    return records
