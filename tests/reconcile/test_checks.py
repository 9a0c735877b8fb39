"""Flags (outliers, claims impossible together) and derived figures (loss rates, daily rates)."""

from __future__ import annotations

from counterclaim.reconcile import build_series, estimate_series

from builders import claim, kursk_claims


def estimate_of(records, settings, series_id):
    estimates = estimate_series(build_series(records, settings), "rules", settings)
    return next(e for e in estimates if e.series.id == series_id)


KURSK = "kp-casualties-kursk-oblast-cumulative"
ALL = "kp-casualties-all-theatres-cumulative"


def test_kursk_loss_rate_is_consistent_with_deployment_and_1100(settings):
    kursk = estimate_of(kursk_claims(), settings, KURSK)
    (rate,) = [d for d in kursk.derived if d.kind == "loss_rate"]
    assert (rate.low, rate.high, rate.consistent) == (900, 1080, True)
    assert rate.claims == ("jcs-9pct", "deployed", "jcs-1100")
    assert rate.reason.startswith("9% of a force of 10,000 to 12,000 is 900 to 1,080 casualties: "
                                  "consistent with Joint Chiefs of Staff of South Korea (JCS): "
                                  "about 1,100 casualties")


def test_kursk_outlier_is_zelensky_alone(settings):
    kursk = estimate_of(kursk_claims(), settings, KURSK)
    assert [(f.kind, f.claims) for f in kursk.flags] == [("outlier", ("zelensky-3000",))]
    assert "is 9.3 times the median (323) of the 4 other claims within 7 days" in kursk.flags[0].reason


def test_kursk_daily_rates(settings):
    kursk = estimate_of(kursk_claims(), settings, KURSK)
    rates = [(d.date.isoformat(), d.value) for d in kursk.derived if d.kind == "daily_rate"]
    assert rates == [("2024-12-18", 85.0), ("2024-12-23", 180.0)]


def test_a_loss_rate_that_cannot_match_is_flagged(settings):
    records = [claim("deployed", 10000, claimant="Seoul", claimant_country="KR", claim_id="force"),
               claim("loss_rate", 50, unit="percent", claimant="Seoul", claimant_country="KR",
                     claim_id="rate"),
               claim("casualties", 1100, qualifier="about", claimant="Seoul",
                     claimant_country="KR", claim_id="count")]
    estimate = estimate_of(records, settings, ALL)
    (rate,) = [d for d in estimate.derived if d.kind == "loss_rate"]
    assert (rate.low, rate.high, rate.consistent) == (5000, 5000, False)
    assert [(f.kind, f.claims) for f in estimate.flags] == [
        ("inconsistent", ("rate", "force", "count"))]


def test_killed_and_wounded_beyond_the_same_claimants_total_are_impossible(settings):
    records = [claim("casualties", 1000, claimant="A", claim_id="total"),
               claim("killed", 600, claimant="A", claim_id="k"),
               claim("wounded", 500, claimant="A", claim_id="w"),
               claim("killed", 900, claimant="B", claim_id="other")]  # another claimant: no flag
    estimate = estimate_of(records, settings, ALL)
    assert [(f.kind, f.claims) for f in estimate.flags] == [("impossible", ("k", "w", "total"))]
    assert estimate.flags[0].reason == (
        "A: 600 killed (2024-12-16) + A: 500 wounded (2024-12-16) = 1,100, more than the total "
        "A: 1,000 casualties (2024-12-16) from the same claimant the same day: "
        "a total bounds its parts")


def test_parts_within_the_total_are_fine(settings):
    records = [claim("casualties", 1000, claimant="A", claim_id="total"),
               claim("killed", 400, claimant="A", claim_id="k"),
               claim("wounded", 600, claimant="A", claim_id="w")]
    assert estimate_of(records, settings, ALL).flags == ()


def test_a_cumulative_count_that_falls_is_impossible(settings):
    records = [claim("casualties", 500, qualifier="at_least", claimant="A", said_on="2024-01-01",
                     claim_id="before"),
               claim("casualties", 300, claimant="A", said_on="2024-01-08", claim_id="after")]
    estimate = estimate_of(records, settings, ALL)
    assert [(f.kind, f.claims) for f in estimate.flags] == [("impossible", ("before", "after"))]
    assert estimate.flags[0].reason.endswith("a cumulative count cannot fall")


def test_losses_beyond_every_deployed_force_are_implausible(settings):
    records = [claim("deployed", 10000, high=12000, qualifier="range", claim_id="force"),
               claim("casualties", 20000, qualifier="more_than", claim_id="big")]
    estimate = estimate_of(records, settings, ALL)
    assert [(f.kind, f.claims) for f in estimate.flags] == [("implausible", ("big", "force"))]


def test_outliers_need_two_other_claims_and_respect_censoring(settings):
    # "at least 10" sits far below 1,000 and 1,200 but is not contradicted by them;
    # "up to 10" is, and is flagged as too low.
    base = [claim("casualties", 1000, claimant="A", claim_id="a"),
            claim("casualties", 1200, claimant="B", claim_id="b")]
    floor_only = base + [claim("casualties", 10, qualifier="at_least", claimant="C", claim_id="c")]
    assert estimate_of(floor_only, settings, ALL).flags == ()
    ceiling = base + [claim("casualties", 10, qualifier="up_to", claimant="C", claim_id="c")]
    flags = estimate_of(ceiling, settings, ALL).flags
    assert [(f.kind, f.claims) for f in flags] == [("outlier", ("c",))]
    assert "is 110.0 times below the median (1,100)" in flags[0].reason
    assert estimate_of(base, settings, ALL).flags == ()
