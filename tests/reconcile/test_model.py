"""The statistical estimate: censoring, claimant bias, monotone paths, intervals and speed."""

from __future__ import annotations

import random
import time

import pytest

from counterclaim.reconcile import build_series, estimate_series

from builders import claim, kursk_claims


def fitted(records, settings):
    return {e.series.id: e for e in estimate_series(build_series(records, settings), "model",
                                                    settings)}


def test_kursk_model_is_monotone_and_discounts_the_enemy_figure(settings):
    kursk = fitted(kursk_claims(), settings)["kp-casualties-kursk-oblast-cumulative"]
    points = kursk.points
    assert [p.date.isoformat() for p in points] == ["2024-12-16", "2024-12-18", "2024-12-23"]
    for earlier, later in zip(points, points[1:]):
        assert earlier.low <= later.low and earlier.best <= later.best and earlier.high <= later.high
    last = points[-1]
    assert last.low <= last.best <= last.high
    assert 900 <= last.best <= 1300  # near the third parties, not near Zelensky's 3,000
    assert last.high < 3000
    assert kursk.claimant_bias["Volodymyr Zelensky (enemy)"] > 2.5


def test_falling_claims_still_give_a_monotone_cumulative_path(settings):
    records = [claim("killed", v, claimant=f"C{i % 3}", kind="ngo", said_on=f"2024-01-{d:02d}",
                     claim_id=f"k{i}")
               for i, (d, v) in enumerate([(1, 900), (3, 400), (5, 700), (7, 300), (9, 1000)])]
    (estimate,) = fitted(records, settings).values()
    bests = [p.best for p in estimate.points]
    lows = [p.low for p in estimate.points]
    highs = [p.high for p in estimate.points]
    assert bests == sorted(bests) and lows == sorted(lows) and highs == sorted(highs)


def test_a_lower_bound_is_read_as_censored(settings):
    exact = [claim("killed", 1000, claimant="Observer", kind="ngo", claim_id="x")]
    floor = [claim("killed", 1000, qualifier="at_least", claimant="Observer", kind="ngo",
                   claim_id="x")]
    ceiling = [claim("killed", 1000, qualifier="up_to", claimant="Observer", kind="ngo",
                     claim_id="x")]
    (p_exact,) = next(iter(fitted(exact, settings).values())).points
    (p_floor,) = next(iter(fitted(floor, settings).values())).points
    (p_ceiling,) = next(iter(fitted(ceiling, settings).values())).points
    assert 900 <= p_exact.best <= 1100
    assert p_floor.best > 1300 and p_floor.high > 3 * p_exact.high
    assert p_ceiling.best < 800 and p_ceiling.low < p_exact.low / 3


def test_claimant_bias_is_learned_across_series_and_discounts_a_lone_claim(settings):
    records = []
    for i, truth in enumerate([100, 250, 400, 800, 1500, 3000]):
        subject = ["RU", "BY", "KP", "IL", "PS", "SY"][i]
        records += [
            claim("killed", truth, subject=subject, claimant="Observer A", kind="ngo",
                  claim_id=f"a{i}"),
            claim("killed", truth * 1.05, subject=subject, claimant="Observer B", kind="media",
                  claim_id=f"b{i}"),
            claim("killed", truth * 3, subject=subject, claimant="Inflator", kind="ngo",
                  claim_id=f"x{i}"),
        ]
    records.append(claim("killed", 3000, subject="SD", claimant="Inflator", kind="ngo",
                         claim_id="alone"))
    estimates = fitted(records, settings)
    alone = estimates["sd-killed-all-theatres-cumulative"]
    assert 2.6 <= alone.claimant_bias["Inflator (third party)"] <= 3.2
    (point,) = alone.points
    assert 850 <= point.best <= 1250  # 3,000 divided by about three
    assert point.low < point.best < point.high
    (rule_point,) = estimate_series([alone.series], "rules", settings)[0].points
    assert rule_point.best == 3000  # the rules do not discount; the model does


def test_a_few_thousand_claims_take_seconds(settings):
    rng = random.Random(7)
    speakers = [(f"Speaker {i}", rng.choice(["UA", "RU", "US", "KR"])) for i in range(120)]
    records = []
    for k in range(3000):
        name, country = rng.choice(speakers)
        day = rng.randint(1, 120)
        qualifier = rng.choice(["exactly", "about", "at_least", "vague", "up_to"])
        figure = max(1, int(50 * day * rng.lognormvariate(0, 0.4)))
        records.append(claim(
            rng.choice(["killed", "wounded", "casualties"]), figure,
            high=figure * 3 if qualifier == "vague" else None, qualifier=qualifier,
            subject=rng.choice(["UA", "RU", "KP", "IL"]), claimant=name, claimant_country=country,
            said_on=f"2024-{1 + day // 31:02d}-{1 + day % 28:02d}",
            place=rng.choice(["Kursk", "Pokrovsk", "Kharkiv"]), claim_id=f"c{k}"))
    started = time.perf_counter()
    estimates = estimate_series(build_series(records, settings), "model", settings)
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert all(p.low <= p.best <= p.high for e in estimates for p in e.points)


def test_unknown_method_is_refused(settings):
    with pytest.raises(ValueError, match="unknown estimation method 'magic'"):
        estimate_series([], "magic", settings)
