"""The rules estimate's one-pass sweep gives exactly what the per-date definitions give.

So does the outlier check, which finds each claim's neighbours by bisection.

The reference below works every date out from scratch, as the module's docstring states the
rules: the claims in effect (in_effect), each claimant's floor (claimant_floors), the low
(low_of), the highest figure so far or in effect, and the best (best_of). The sweep
(estimate_rows) must agree with it on every value, every claim list and every reason,
ties included, on a few hundred seeded random claim sets.
"""

from __future__ import annotations

import random
import statistics

import pytest

from counterclaim.reconcile import build_series
from counterclaim.reconcile.checks import outlier_flags
from counterclaim.reconcile.rules import (
    best_of, claimant_floors, estimate_rows, figure_text, high_of, in_effect, low_of, point_row, rules_points,
)

from builders import claim
from random_claims import random_claim_set

SEEDS = range(300)


def reference_rows(series, settings):
    """Each date's row worked out from all the series' claims, independently of the others."""
    counted = series.counted()
    rows = []
    for when in sorted({m.claim.date for m in counted}):
        members = in_effect(series, when)
        floors = claimant_floors(members, series, settings)
        stated = [m for m in counted if m.claim.date <= when] if series.is_cumulative else members
        top_floor = max(floors.values(), key=lambda fm: fm[0], default=None)
        rows.append(point_row(
            when, tuple(sorted(m.claim.id for m in members)), low_of(floors, settings),
            high_of(max(stated, key=lambda m: m.claim.claimed_max), top_floor, settings),
            best_of(members, floors, when, settings)))
    return rows


@pytest.fixture(scope="module")
def random_series(settings):
    """Every series of the seeded random claim sets."""
    return [(seed, s) for seed in SEEDS
            for s in build_series(random_claim_set(random.Random(seed)), settings)]


def test_random_sets_cover_every_nature_and_tie(random_series, settings):
    # Without these the comparison below would prove little.
    assert {s.nature for _, s in random_series} == {"cumulative", "stock", "per_day", "per_week"}
    whys = [p.basis for _, s in random_series for p in rules_points(s, settings)]
    for phrase in ("median of", "no credible claimant", "highest floor set by a claimant's parts",
                   "revised down", "no claim sets a lower bound"):
        assert any(phrase in " ".join(basis.values()) for basis in whys), phrase


def test_sweep_matches_the_per_date_definitions(random_series, settings):
    for seed, series in random_series:
        assert estimate_rows(series, settings) == reference_rows(series, settings), (seed, series.id)


def test_a_later_figure_replaces_only_its_own_claimant_and_category(settings):
    records = [
        claim("casualties", 100, claimant="Observer", kind="ngo", said_on="2024-01-01", claim_id="o1"),
        claim("killed", 80, claimant="Observer", kind="ngo", said_on="2024-01-02", claim_id="k1"),
        claim("casualties", 90, claimant="Kyiv", claimant_country="UA", said_on="2024-01-03",
              claim_id="u1"),
        claim("casualties", 150, claimant="Observer", kind="ngo", said_on="2024-01-04", claim_id="o2"),
    ]
    (series,) = [s for s in build_series(records, settings) if s.category == "casualties"]
    rows = estimate_rows(series, settings)
    assert [r["claims"] for r in rows] == [("o1",), ("k1", "o1"), ("k1", "o1", "u1"),
                                           ("k1", "o2", "u1")]
    assert rows == reference_rows(series, settings)


def reference_outlier_medians(series, settings):
    """For each figure with two or more others within the window: its id, their count and median."""
    window = settings.checks.outlier_window_days
    figures = [m for m in series.counted() if m.role == "figure"]
    found = {}
    for member in figures:
        others = [o.claim.point() for o in figures if o is not member
                  and abs((o.claim.date - member.claim.date).days) <= window]
        if len(others) >= 2:
            found[member.claim.id] = (len(others), statistics.median(others))
    return found


def test_outlier_flags_compare_with_every_claim_in_the_window(random_series, settings):
    factor = settings.checks.outlier_factor
    flagged = 0
    for seed, series in random_series:
        expected = reference_outlier_medians(series, settings)
        members = {m.claim.id: m for m in series.counted()}
        outside = {claim_id for claim_id, (_, median) in expected.items()
                   if (members[claim_id].claim.floor(settings) or 0) > factor * median > 0
                   or members[claim_id].claim.ceiling(settings) < median / factor}
        flags = outlier_flags(series, settings)
        assert {f.claims[0] for f in flags} == outside, seed
        for flag in flags:
            count, median = expected[flag.claims[0]]
            assert f"the median ({figure_text(median)}) of the {count} other claims" in flag.reason
        flagged += len(flags)
    assert flagged > 100
