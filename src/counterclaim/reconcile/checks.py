"""Derived figures and checks: loss rates, daily rates, outliers, claims impossible together.

Every flag and derived figure says, in a sentence, which claims it rests on and why.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import combinations

from counterclaim.reconcile.grouping import Member, Series
from counterclaim.reconcile.results import Derived, EstimatePoint, Flag
from counterclaim.reconcile.rules import figure_text
from counterclaim.reconcile.settings import Settings


def check_series(series: Series, points: list[EstimatePoint], rule_points: list[EstimatePoint],
                 settings: Settings) -> tuple[list[Flag], list[Derived]]:
    """Flags and derived figures of one series; `points` are the estimate being reported."""
    flags = [*outlier_flags(series, settings), *parts_exceed_total_flags(series, settings),
             *falling_total_flags(series, settings), *beyond_force_flags(series, settings)]
    derived = loss_rate_checks(series, rule_points, settings)
    flags += [Flag("inconsistent", d.claims, d.reason, d.date)
              for d in derived if d.consistent is False]
    if series.is_cumulative:
        derived += daily_rates(points)
    return flags, derived


def quoted(member: Member) -> str:
    """A claim as a reader would cite it: `Name: at least 200 (2024-12-18)`."""
    claim = member.claim
    figure = figure_text(claim.stated)
    if claim.qualifier in ("range", "vague") and claim.high is not None:
        figure = f"{figure_text(claim.stated)} to {figure_text(claim.high)}"
    hedge = "" if claim.qualifier in ("exactly", "range") else claim.qualifier.replace("_", " ") + " "
    when = claim.date.isoformat() if claim.date else "undated"
    return f"{claim.claimant_name}: {hedge}{figure} {claim.category} ({when})"


def outlier_flags(series: Series, settings: Settings) -> list[Flag]:
    """Claims whose bounds lie far from the median of the other claims near their date."""
    factor, window = settings.checks.outlier_factor, settings.checks.outlier_window_days
    figures = [m for m in series.counted() if m.role == "figure"]
    if window < 0:  # no claim is near any other
        return []
    # The figures by date, so that those near a date are a slice found by bisection.
    by_date = sorted(range(len(figures)), key=lambda i: figures[i].claim.date)
    days = [figures[i].claim.date.toordinal() for i in by_date]
    points = [figures[i].claim.point() for i in by_date]
    place = {index: position for position, index in enumerate(by_date)}
    flags = []
    for index, member in enumerate(figures):
        day = member.claim.date.toordinal()
        start, end = bisect_left(days, day - window), bisect_right(days, day + window)
        others = points[start:end]
        del others[place[index] - start]  # the claim itself is not one of the others
        if len(others) < 2:  # with one other claim, neither is "outside the others"
            continue
        median = statistics.median(others)
        floor, ceiling = member.claim.floor(settings), member.claim.ceiling(settings)
        where = (f"the median ({figure_text(median)}) of the {len(others)} other claims "
                 f"within {window} days")
        if floor is not None and median > 0 and floor > factor * median:
            reason = f"{quoted(member)} is {floor / median:.1f} times {where}"
        elif ceiling < median / factor:
            reason = f"{quoted(member)} is {median / max(ceiling, 1e-9):.1f} times below {where}"
        else:
            continue
        flags.append(Flag("outlier", (member.claim.id,), reason, member.claim.date))
    return flags


def parts_exceed_total_flags(series: Series, settings: Settings) -> list[Flag]:
    """A claimant whose parts (killed + wounded) add up to more than its own total."""
    counted = series.counted()
    parts_by_claimant: dict[str, list[Member]] = defaultdict(list)
    for m in counted:
        if m.role == "bound":
            parts_by_claimant[m.claim.claimant_key].append(m)
    flags = []
    for total in (m for m in counted if m.role == "figure"):
        usable = [p for p in parts_by_claimant[total.claim.claimant_key]
                  if p.claim.date == total.claim.date
                  or (series.is_cumulative and p.claim.date < total.claim.date)]
        largest: dict[str, Member] = {}
        for part in usable:
            floor = part.claim.floor(settings)
            if floor is None:
                continue
            best = largest.get(part.claim.category)
            if best is None or floor > best.claim.floor(settings):
                largest[part.claim.category] = part
        parts_sum = sum(p.claim.floor(settings) for p in largest.values())
        ceiling = total.claim.ceiling(settings)
        if largest and parts_sum > ceiling:
            listed = " + ".join(quoted(p) for p in largest.values())
            same_day = all(p.claim.date == total.claim.date for p in largest.values())
            timing = "the same day" if same_day else "up to that day"
            reason = (f"{listed} = {figure_text(parts_sum)}, more than the total "
                      f"{quoted(total)} from the same claimant {timing}: a total bounds its parts")
            flags.append(Flag("impossible", (*[p.claim.id for p in largest.values()],
                                             total.claim.id), reason, total.claim.date))
    return flags


def falling_total_flags(series: Series, settings: Settings) -> list[Flag]:
    """A claimant whose cumulative count of one category falls over time."""
    if not series.is_cumulative:
        return []
    by_key: dict[tuple[str, str], list[Member]] = defaultdict(list)
    for m in series.counted():
        by_key[(m.claim.claimant_key, m.claim.category)].append(m)
    flags = []
    for members in by_key.values():
        for earlier, later in combinations(sorted(members, key=lambda m: m.claim.date), 2):
            floor = earlier.claim.floor(settings)
            if (later.claim.date > earlier.claim.date and floor is not None
                    and later.claim.ceiling(settings) < floor):
                reason = (f"{quoted(earlier)}, then {quoted(later)}: "
                          f"a cumulative count cannot fall")
                flags.append(Flag("impossible", (earlier.claim.id, later.claim.id), reason,
                                  later.claim.date))
    return flags


def deployed_range(series: Series, settings: Settings,
                   claimant_key: str | None = None) -> tuple[float, float, list[Member]] | None:
    """The range of the deployed-force figures beside a series (a claimant's own when it gives one)."""
    deployed = [m for m in series.with_role("context") if m.claim.category == "deployed"]
    own = [m for m in deployed if m.claim.claimant_key == claimant_key]
    chosen = own or deployed
    floors = [m.claim.floor(settings) for m in chosen if m.claim.floor(settings) is not None]
    ceilings = [m.claim.ceiling(settings) for m in chosen]
    if not floors or not all(math.isfinite(c) for c in ceilings):
        return None
    return min(floors), max(ceilings), chosen


def beyond_force_flags(series: Series, settings: Settings) -> list[Flag]:
    """Loss figures larger than every force the sources say was deployed."""
    force = deployed_range(series, settings)
    if force is None:
        return []
    _, largest, deployed = force
    flags = []
    for m in series.counted():
        floor = m.claim.floor(settings)
        if floor is not None and floor > largest:
            reason = (f"{quoted(m)} exceeds the largest force reported deployed "
                      f"({figure_text(largest)}); possible only with reinforcements or rotation")
            flags.append(Flag("implausible", (m.claim.id, *[d.claim.id for d in deployed]),
                              reason, m.claim.date))
    return flags


def widened(low: float, high: float, tolerance: float) -> tuple[float, float]:
    """A range widened by a fraction each way."""
    return low * (1 - tolerance), high * (1 + tolerance)


def loss_rate_checks(series: Series, rule_points: list[EstimatePoint],
                     settings: Settings) -> list[Derived]:
    """Each loss rate applied to the deployed force, compared with the casualty figures."""
    tolerance = settings.checks.consistency_tolerance
    derived = []
    for rate in (m for m in series.with_role("context") if m.claim.category == "loss_rate"):
        rate_floor = rate.claim.floor(settings)
        rate_ceiling = rate.claim.ceiling(settings)
        if rate_floor is None or not math.isfinite(rate_ceiling):
            continue
        force = deployed_range(series, settings, rate.claim.claimant_key)
        rate_text = figure_text(rate.claim.stated) + "%"
        if force is None:
            derived.append(Derived("loss_rate", (rate.claim.id,), rate_floor, rate_ceiling,
                                   f"{rate_text} loss rate: no deployed force to apply it to",
                                   None, rate.claim.date))
            continue
        force_low, force_high, deployed = force
        implied = (rate_floor / 100 * force_low, rate_ceiling / 100 * force_high)
        same_claimant = [m for m in series.counted() if m.role == "figure"
                         and m.claim.claimant_key == rate.claim.claimant_key]
        if same_claimant:
            compared_ids = tuple(m.claim.id for m in same_claimant)
            target = (min(m.claim.floor(settings) or 0 for m in same_claimant),
                      max(m.claim.ceiling(settings) for m in same_claimant))
            target_text = "; ".join(quoted(m) for m in same_claimant)
        elif rule_points:
            point = next((p for p in reversed(rule_points)
                          if rate.claim.date is None or p.date <= rate.claim.date), rule_points[0])
            compared_ids, target = point.claims, (point.low, point.high)
            target_text = (f"the estimate of {point.date.isoformat()} "
                           f"({figure_text(point.low)} to {figure_text(point.high)})")
        else:
            continue
        a_low, a_high = widened(*implied, tolerance)
        b_low, b_high = widened(*target, tolerance)
        consistent = a_low <= b_high and b_low <= a_high
        force_text = (figure_text(force_low) if force_low == force_high
                      else f"{figure_text(force_low)} to {figure_text(force_high)}")
        reason = (f"{rate_text} of a force of {force_text} is {figure_text(implied[0])} to "
                  f"{figure_text(implied[1])} {series.category}: "
                  f"{'consistent' if consistent else 'inconsistent'} with {target_text}"
                  f" (ranges widened by {tolerance:.0%})")
        derived.append(Derived("loss_rate", (rate.claim.id, *[d.claim.id for d in deployed],
                                             *compared_ids),
                               implied[0], implied[1], reason, consistent, rate.claim.date))
    return derived


def daily_rates(points: list[EstimatePoint]) -> list[Derived]:
    """The daily increase implied between consecutive points of a cumulative estimate."""
    derived = []
    for earlier, later in zip(points, points[1:]):
        days = (later.date - earlier.date).days
        if days <= 0:
            continue
        rates = sorted(((later.low - earlier.low) / days, (later.high - earlier.high) / days))
        best = (later.best - earlier.best) / days
        reason = (f"best rose from {figure_text(earlier.best)} on {earlier.date.isoformat()} "
                  f"to {figure_text(later.best)} on {later.date.isoformat()}: "
                  f"{figure_text(best)} a day over {days} days")
        derived.append(Derived("daily_rate", later.claims, min(rates[0], best),
                               max(rates[1], best), reason, None, later.date, best))
    return derived
