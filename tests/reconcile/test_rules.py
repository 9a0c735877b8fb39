"""The rules estimate: UCDP-style low / best / high, non-decreasing for cumulative losses."""

from __future__ import annotations

import json

from counterclaim.reconcile import build_series, estimate_series

from builders import claim, kursk_claims


def estimates_by_id(records, settings, method="rules"):
    return {e.series.id: e for e in estimate_series(build_series(records, settings), method, settings)}


def rows(estimate):
    return [(p.date.isoformat(), p.low, p.best, p.high) for p in estimate.points]


def test_kursk_casualties_low_best_high(settings):
    kursk = estimates_by_id(kursk_claims(), settings)["kp-casualties-kursk-oblast-cumulative"]
    assert rows(kursk) == [("2024-12-16", 30, 30, 30), ("2024-12-18", 30, 200, 200),
                           ("2024-12-23", 200, 1100, 3000)]
    last = kursk.last
    assert last.claims == ("gur-30", "jcs-1100", "officer-200", "us-hundreds", "zelensky-3000")
    assert (last.basis["low"], last.basis["best"], last.basis["high"]) == (
        "us-hundreds", "jcs-1100", "zelensky-3000")
    assert last.basis["low_why"].startswith("lowest floor among credible claimants: 200")


def test_json_shape_of_a_series(settings):
    kursk = estimates_by_id(kursk_claims(), settings)["kp-casualties-kursk-oblast-cumulative"]
    data = json.loads(json.dumps(kursk.to_dict()))
    assert {"id", "subject", "category", "location", "points", "flags", "claims"} <= data.keys()
    assert data["subject"] == {"name": "KP forces", "country": "KP"}
    assert data["points"][-1]["claims"] == list(kursk.last.claims)
    assert {c["id"] for c in data["claims"]} == {"gur-30", "officer-200", "us-hundreds",
                                                  "jcs-1100", "zelensky-3000", "deployed",
                                                  "jcs-9pct"}
    assert all(c["reason"] for c in data["claims"])


def test_cumulative_estimates_never_decrease(settings):
    # A third party says 500 on day 1; later only lower figures come, from the enemy.
    records = [
        claim("killed", 500, claimant="Observer", kind="ngo", said_on="2024-01-01", claim_id="a"),
        claim("killed", 300, claimant="Kyiv", claimant_country="UA", said_on="2024-01-05",
              claim_id="b"),
        claim("killed", 350, claimant="Kyiv", claimant_country="UA", said_on="2024-01-09",
              claim_id="c"),
    ]
    (estimate,) = estimates_by_id(records, settings).values()
    assert rows(estimate) == [("2024-01-01", 500, 500, 500), ("2024-01-05", 500, 500, 500),
                              ("2024-01-09", 500, 500, 500)]
    assert [p.basis["best"] for p in estimate.points] == ["a", "a", "a"]


def test_best_line_is_smoothed_not_ratcheted(settings):
    # The enemy claims 3,000 early; a third party later says 1,000: the best line is the
    # reliability-weighted isotonic fit (0.3*3000 + 1.0*1000) / 1.3, not a running maximum.
    records = [
        claim("killed", 3000, claimant="Kyiv", claimant_country="UA", said_on="2024-01-01",
              claim_id="enemy"),
        claim("killed", 1000, claimant="Observer", kind="ngo", said_on="2024-01-03",
              claim_id="third"),
    ]
    (estimate,) = estimates_by_id(records, settings).values()
    assert [p.best for p in estimate.points] == [1462, 1462]
    assert [p.high for p in estimate.points] == [3000, 3000]
    # Day 1 has only the enemy's figure, so its low falls back to 3,000; the third party's
    # later 1,000 revises it down, since a cumulative total cannot have been higher before.
    assert [p.low for p in estimate.points] == [1000, 1000]
    assert "cumulative losses do not decrease" in estimate.points[0].basis["low_why"]


def test_per_day_series_may_go_down(settings):
    records = [claim("killed", 40, period="24h", said_on="2024-01-01", claim_id="a"),
               claim("killed", 15, period="24h", said_on="2024-01-02", claim_id="b")]
    (estimate,) = estimates_by_id(records, settings).values()
    assert rows(estimate) == [("2024-01-01", 40, 40, 40), ("2024-01-02", 15, 15, 15)]


def test_hedges_set_floors_and_ceilings(settings):
    # "up to 80" sets no floor; "about 100" floors at 90; the credible low is the lowest floor.
    records = [claim("killed", 80, qualifier="up_to", claimant="A", kind="ngo", claim_id="a"),
               claim("killed", 100, qualifier="about", claimant="B", kind="ngo", claim_id="b"),
               claim("killed", 120, qualifier="at_least", claimant="C", kind="ngo", claim_id="c")]
    (estimate,) = estimates_by_id(records, settings).values()
    assert rows(estimate) == [("2024-12-16", 90, 100, 120)]


def test_parts_of_one_claimant_raise_its_floor_on_the_total(settings):
    records = [claim("casualties", 100, claimant="A", kind="ngo", claim_id="total"),
               claim("killed", 70, claimant="B", kind="ngo", claim_id="k"),
               claim("wounded", 90, claimant="B", kind="ngo", claim_id="w")]
    estimate = estimates_by_id(records, settings)["kp-casualties-all-theatres-cumulative"]
    # B's parts add to 160, so B's floor is 160; A's is 100; the low is the lowest: 100.
    assert rows(estimate) == [("2024-12-16", 100, 100, 160)]
