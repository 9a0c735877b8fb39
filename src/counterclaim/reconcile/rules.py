"""Transparent low / best / high estimates, in the spirit of UCDP's.

For each date on which a series' evidence changes:

- Claims in effect: each claimant's latest claim of each category up to that date (for a
  per-period series, the claims for that date only).
- low: every claimant's position sets a floor on the total (its figure's floor, or the sum of
  the parts it gives); the low is the lowest floor among credible claimant classes (see
  claimants.toml), so one credible low count keeps the low down. With no credible claimant it
  falls back to the lowest floor of any claimant.
- high: the highest figure claimed.
- best: the figure of the most reliable claimant class among recent claims (third party over
  a belligerent, a belligerent on its own losses over one on its enemy's), a precise figure
  before a hedged one, a later one before an earlier.
- Cumulative series do not decrease: the high keeps its running maximum, a later lower low
  revises earlier lows down, and the best line is the weighted isotonic (non-decreasing) fit
  of the chosen figures, kept within low..high.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
from scipy.optimize import isotonic_regression

from counterclaim.reconcile.grouping import Member, Series
from counterclaim.reconcile.results import EstimatePoint
from counterclaim.reconcile.settings import Settings


def figure_text(value: float) -> str:
    """A figure as people read it: 1,100 rather than 1100.0."""
    if math.isinf(value):
        return "unbounded"
    return f"{value:,.0f}" if value >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")


def in_effect(series: Series, when: date) -> list[Member]:
    """The claims that stand on `when`: each claimant's latest of each category, or that day's."""
    counted = series.counted()
    if series.nature not in ("cumulative", "stock"):
        return [m for m in counted if m.claim.date == when]
    latest: dict[tuple[str, str], date] = {}
    for m in counted:
        key = (m.claim.claimant_key, m.claim.category)
        if m.claim.date <= when and (key not in latest or m.claim.date > latest[key]):
            latest[key] = m.claim.date
    return [m for m in counted
            if latest.get((m.claim.claimant_key, m.claim.category)) == m.claim.date]


def claimant_floors(members: list[Member], series: Series,
                    settings: Settings) -> dict[str, tuple[float, Member]]:
    """Each claimant's floor on the series total: its figure's floor or the sum of its parts."""
    figure_floor: dict[str, tuple[float, Member]] = {}
    part_floors: dict[str, dict[str, tuple[float, Member]]] = defaultdict(dict)
    for m in members:
        floor = m.claim.floor(settings)
        if floor is None:
            continue
        key = m.claim.claimant_key
        if m.role == "figure":
            if key not in figure_floor or floor > figure_floor[key][0]:
                figure_floor[key] = (floor, m)
        else:
            parts = part_floors[key]
            if m.claim.category not in parts or floor > parts[m.claim.category][0]:
                parts[m.claim.category] = (floor, m)
    floors = dict(figure_floor)
    for key, parts in part_floors.items():
        total = sum(f for f, _ in parts.values())
        if key not in floors or total > floors[key][0]:
            floors[key] = (total, max(parts.values(), key=lambda fm: fm[0])[1])
    return floors


def low_of(floors: dict[str, tuple[float, Member]], settings: Settings) -> tuple[float, str, str]:
    """The low: lowest credible claimant floor (any claimant's when none is credible)."""
    credible = {k: v for k, v in floors.items()
                if settings.classes[v[1].claimant_class].credible}
    pool, how = (credible, "lowest floor among credible claimants") if credible else (
        floors, "no credible claimant: lowest floor of any claimant")
    if not pool:
        return 0.0, "", "no claim sets a lower bound"
    floor, member = min(pool.values(), key=lambda fm: fm[0])
    return floor, member.claim.id, f"{how}: {figure_text(floor)} ({describe(member, settings)})"


def describe(member: Member, settings: Settings) -> str:
    """`name, class label, date` of a member's claim."""
    label = settings.classes[member.claimant_class].label
    when = member.claim.date.isoformat() if member.claim.date else "undated"
    return f"{member.claim.claimant_name}, {label}, {when}"


def best_of(members: list[Member], floors: dict[str, tuple[float, Member]], when: date,
            settings: Settings) -> tuple[float, float, str, str]:
    """Best figure, its weight, the claim it follows and why."""
    window_start = when - timedelta(days=settings.rules.best_window_days)
    figures = [m for m in members if m.role == "figure"]
    recent = [m for m in figures if m.claim.date >= window_start]
    candidates = recent or figures or members

    def rank(m: Member) -> tuple[float, float, date, int]:
        return (settings.classes[m.claimant_class].weight,
                settings.reading(m.claim.qualifier).precision, m.claim.date, m.claim.reports)

    top = max(rank(m) for m in candidates)
    chosen = [m for m in candidates if rank(m) == top]

    def value(m: Member) -> float:
        own_floor = floors.get(m.claim.claimant_key, (0.0, m))[0]
        return max(m.claim.point() if m.role == "figure" else 0.0, own_floor)

    best = statistics.median(value(m) for m in chosen)
    lead = chosen[0]
    why = (f"{settings.classes[lead.claimant_class].label} figure "
           f"{lead.claim.qualifier.replace('_', ' ')} {figure_text(best)} "
           f"({describe(lead, settings)})")
    if len(chosen) > 1:
        why += f", median of {len(chosen)} equally ranked claims"
    return best, top[0] * top[1], lead.claim.id, why


def rules_points(series: Series, settings: Settings) -> list[EstimatePoint]:
    """Low, best and high on each date on which the series' evidence changes."""
    dates = sorted({m.claim.date for m in series.counted()})
    rows = []
    for when in dates:
        members = in_effect(series, when)
        floors = claimant_floors(members, series, settings)
        low, low_id, low_why = low_of(floors, settings)
        stated = [m for m in series.counted() if m.claim.date <= when] \
            if series.is_cumulative else members
        high_member = max(stated, key=lambda m: m.claim.claimed_max)
        high = high_member.claim.claimed_max
        high_why = f"highest figure claimed: {figure_text(high)} ({describe(high_member, settings)})"
        top_floor = max((fm for fm in floors.values()), key=lambda fm: fm[0], default=None)
        if top_floor and top_floor[0] > high:
            high, high_member = top_floor[0], top_floor[1]
            high_why = f"highest floor set by a claimant's parts: {figure_text(high)}"
        best, weight, best_id, best_why = best_of(members, floors, when, settings)
        rows.append({"date": when, "low": low, "high": high, "best": best, "weight": weight,
                     "claims": tuple(sorted(m.claim.id for m in members)),
                     "basis": {"low": low_id, "high": high_member.claim.id, "best": best_id,
                               "low_why": low_why, "high_why": high_why,
                               "best_why": best_why}})
    if series.is_cumulative:
        keep_cumulative(rows)
    points = []
    for row in rows:
        best = min(max(row["best"], row["low"]), row["high"])
        if round(best) != round(row["best"]):
            row["basis"]["best_why"] += f"; kept within low..high as {figure_text(best)}"
        points.append(EstimatePoint(date=row["date"], low=round(row["low"]), best=round(best),
                                    high=round(row["high"]), claims=row["claims"],
                                    basis=row["basis"]))
    return points


def keep_cumulative(rows: list[dict]) -> None:
    """Make low, high and best non-decreasing over time, saying where that changed a value.

    The high keeps its running maximum (a figure once claimed stays claimed). The low takes
    the minimum of itself and every later low: a later, lower credible figure for a total
    that cannot decrease says the earlier total was no higher either. The best line is the
    reliability-weighted isotonic fit of the chosen figures.
    """
    for earlier, later in zip(rows, rows[1:]):
        if later["high"] < earlier["high"]:
            later["high"], later["basis"]["high"] = earlier["high"], earlier["basis"]["high"]
            later["basis"]["high_why"] = (earlier["basis"]["high_why"]
                                          + "; kept from an earlier date")
    for later, earlier in zip(reversed(rows), list(reversed(rows))[1:]):
        if earlier["low"] > later["low"]:
            earlier["low"], earlier["basis"]["low"] = later["low"], later["basis"]["low"]
            earlier["basis"]["low_why"] = (
                f"revised down to {figure_text(later['low'])} by a later figure "
                f"({later['basis']['low_why']}): cumulative losses do not decrease")
    if len(rows) < 2:
        return
    chosen = np.array([row["best"] for row in rows], dtype=float)
    weights = np.array([row["weight"] for row in rows], dtype=float)
    fitted = isotonic_regression(chosen, weights=weights, increasing=True).x
    for row, value in zip(rows, fitted):
        if round(value) != round(row["best"]):
            row["basis"]["best_why"] += (f"; smoothed to {figure_text(value)} so that the best "
                                         f"line does not decrease (weighted by reliability)")
            row["best"] = float(value)
