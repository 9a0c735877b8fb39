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

import heapq
import math
import statistics
from bisect import bisect_left, insort
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


STANDING_NATURES = ("cumulative", "stock")  # a claim stands until its claimant updates it


def in_effect(series: Series, when: date) -> list[Member]:
    """The claims that stand on `when`: each claimant's latest of each category, or that day's."""
    counted = series.counted()
    if series.nature not in STANDING_NATURES:
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
    pool, how = (credible, CREDIBLE_LOW) if credible else (floors, ANY_LOW)
    if not pool:
        return 0.0, "", NO_LOW
    floor, member = min(pool.values(), key=lambda fm: fm[0])
    return low_text(floor, member, how, settings)


CREDIBLE_LOW = "lowest floor among credible claimants"
ANY_LOW = "no credible claimant: lowest floor of any claimant"
NO_LOW = "no claim sets a lower bound"


def low_text(floor: float, member: Member, how: str, settings: Settings) -> tuple[float, str, str]:
    """The low, the claim it follows and why."""
    return floor, member.claim.id, f"{how}: {figure_text(floor)} ({describe(member, settings)})"


def describe(member: Member, settings: Settings) -> str:
    """`name, class label, date` of a member's claim."""
    label = settings.classes[member.claimant_class].label
    when = member.claim.date.isoformat() if member.claim.date else "undated"
    return f"{member.claim.claimant_name}, {label}, {when}"


Rank = tuple[float, float, date, int]


def best_rank(member: Member, settings: Settings) -> Rank:
    """How strongly a claim bids to be the best figure: class, precision, recency, reports."""
    return (settings.classes[member.claimant_class].weight,
            settings.reading(member.claim.qualifier).precision, member.claim.date,
            member.claim.reports)


def best_of(members: list[Member], floors: dict[str, tuple[float, Member]], when: date,
            settings: Settings) -> tuple[float, float, str, str]:
    """Best figure, its weight, the claim it follows and why."""
    window_start = when - timedelta(days=settings.rules.best_window_days)
    figures = [m for m in members if m.role == "figure"]
    recent = [m for m in figures if m.claim.date >= window_start]
    candidates = recent or figures or members
    top = max(best_rank(m, settings) for m in candidates)
    chosen = [m for m in candidates if best_rank(m, settings) == top]
    return best_of_chosen(chosen, top, floors, settings)


def best_of_chosen(chosen: list[Member], top: Rank, floors: dict[str, tuple[float, Member]],
                   settings: Settings) -> tuple[float, float, str, str]:
    """Best figure among the equally ranked top claims (in series order), its weight and why."""

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


def high_of(high_member: Member, top_floor: tuple[float, Member] | None, settings: Settings) -> tuple[float, Member, str]:
    """The high: the highest figure claimed, or a claimant's parts when they add up to more."""
    high = high_member.claim.claimed_max
    high_why = f"highest figure claimed: {figure_text(high)} ({describe(high_member, settings)})"
    if top_floor and top_floor[0] > high:
        high, high_member = top_floor[0], top_floor[1]
        high_why = f"highest floor set by a claimant's parts: {figure_text(high)}"
    return high, high_member, high_why


def point_row(when: date, claims: tuple[str, ...], low: tuple[float, str, str],
              high: tuple[float, Member, str], best: tuple[float, float, str, str]) -> dict:
    """One date's low, best and high with the claims and reasons behind them."""
    return {"date": when, "low": low[0], "high": high[0], "best": best[0], "weight": best[1],
            "claims": claims,
            "basis": {"low": low[1], "high": high[1].claim.id, "best": best[2],
                      "low_why": low[2], "high_why": high[2], "best_why": best[3]}}


def day_rows(series: Series, settings: Settings) -> list[dict]:
    """Rows of a per-period series: each date stands on that date's claims alone."""
    by_date: dict[date, list[Member]] = defaultdict(list)
    for m in series.counted():
        by_date[m.claim.date].append(m)
    rows = []
    for when in sorted(by_date):
        members = by_date[when]
        floors = claimant_floors(members, series, settings)
        top_floor = max(floors.values(), key=lambda fm: fm[0], default=None)
        rows.append(point_row(
            when, tuple(sorted(m.claim.id for m in members)), low_of(floors, settings),
            high_of(max(members, key=lambda m: m.claim.claimed_max), top_floor, settings),
            best_of(members, floors, when, settings)))
    return rows


def estimate_rows(series: Series, settings: Settings) -> list[dict]:
    """Low, best and high on each date as the claims in effect give them, before smoothing."""
    if series.nature in STANDING_NATURES:
        return StandingClaims(series, settings).rows()
    return day_rows(series, settings)


def rules_points(series: Series, settings: Settings) -> list[EstimatePoint]:
    """Low, best and high on each date on which the series' evidence changes."""
    rows = estimate_rows(series, settings)
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


class StandingClaims:
    """The claims in effect as the dates of a cumulative or stock series go by.

    A claimant's latest claims of a category stand until it gives a later one. Sweeping the
    dates once, in order, and keeping running structures (the sorted ids in effect, each
    claimant's floor, heaps whose stale entries are dropped when they come to the top) makes
    the work grow with the claims rather than with dates times claims. Every choice, ties
    included, is the one the per-date definitions above (in_effect, claimant_floors, low_of,
    best_of) make: ties go to the claim earlier in the series' order.
    """

    def __init__(self, series: Series, settings: Settings) -> None:
        self.series, self.settings = series, settings
        self.counted = series.counted()
        self.active = [False] * len(self.counted)
        self.groups: dict[tuple[str, str], list[int]] = {}  # (claimant, category): indices
        self.categories_of: dict[str, set[str]] = defaultdict(set)
        self.ids: list[str] = []  # sorted ids of the claims in effect
        self.floors: dict[str, tuple[float, Member]] = {}
        self.floor_version: dict[str, int] = defaultdict(int)
        # (floor, series order of the claimant's first floor-setting claim, version, claimant):
        # the order of low_of's and the high's floors dict, where ties go to the earlier one
        self.credible_lows: list[tuple[float, int, int, str]] = []
        self.any_lows: list[tuple[float, int, int, str]] = []
        self.top_floors: list[tuple[float, int, int, str]] = []
        self.ranks = [best_rank(m, settings) for m in self.counted]
        self.tied: dict[Rank, list[int]] = defaultdict(list)
        for index, rank in enumerate(self.ranks):
            self.tied[rank].append(index)
        # best-rank heaps (rank negated, then series order) of figures and of bounds
        self.recent_figures: list[tuple[float, float, int, int, int]] = []
        self.figures: list[tuple[float, float, int, int, int]] = []
        self.bounds: list[tuple[float, float, int, int, int]] = []
        self.highest: tuple[float, int] | None = None  # cumulative: every claim up to now
        self.highs: list[tuple[float, int]] = []  # stock: the claims in effect

    def rows(self) -> list[dict]:
        """One row per date on which a claim is dated, as rules_points reads them."""
        by_date: dict[date, list[int]] = defaultdict(list)
        for index, m in enumerate(self.counted):
            by_date[m.claim.date].append(index)
        rows = []
        for when in sorted(by_date):
            self.advance(by_date[when])
            rows.append(point_row(when, tuple(self.ids), self.low(), self.high(),
                                  self.best(when)))
        return rows

    def advance(self, fresh: list[int]) -> None:
        """Let the claims of the next date replace their claimants' earlier ones."""
        by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index in fresh:
            claim = self.counted[index].claim
            by_key[(claim.claimant_key, claim.category)].append(index)
        for key, indices in by_key.items():
            for old in self.groups.get(key, ()):
                self.active[old] = False
                del self.ids[bisect_left(self.ids, self.counted[old].claim.id)]
            self.groups[key] = indices
            self.categories_of[key[0]].add(key[1])
            for index in indices:
                self.active[index] = True
                insort(self.ids, self.counted[index].claim.id)
                self.enter(index)
        for claimant in dict.fromkeys(key[0] for key in by_key):
            self.refloor(claimant)

    def enter(self, index: int) -> None:
        """Put a claim that has come into effect on the high and best heaps."""
        member = self.counted[index]
        weight, precision, when, reports = self.ranks[index]
        entry = (-weight, -precision, -when.toordinal(), -reports, index)
        if member.role == "figure":
            heapq.heappush(self.recent_figures, entry)
            heapq.heappush(self.figures, entry)
        else:
            heapq.heappush(self.bounds, entry)
        high = (-member.claim.claimed_max, index)
        if self.series.is_cumulative:
            self.highest = high if self.highest is None else min(self.highest, high)
        else:
            heapq.heappush(self.highs, high)

    def refloor(self, claimant: str) -> None:
        """Work out a claimant's floor again from its claims in effect."""
        indices = sorted(i for category in self.categories_of[claimant]
                         for i in self.groups[(claimant, category)])
        members = [self.counted[i] for i in indices]
        entry = claimant_floors(members, self.series, self.settings).get(claimant)
        self.floor_version[claimant] += 1
        if entry is None:
            self.floors.pop(claimant, None)
            return
        self.floors[claimant] = entry
        floor, member = entry
        order = next(i for i, m in zip(indices, members)
                     if m.claim.floor(self.settings) is not None)
        version = self.floor_version[claimant]
        heapq.heappush(self.any_lows, (floor, order, version, claimant))
        heapq.heappush(self.top_floors, (-floor, order, version, claimant))
        if self.settings.classes[member.claimant_class].credible:
            heapq.heappush(self.credible_lows, (floor, order, version, claimant))

    def current_floor(self, heap: list[tuple[float, int, int, str]]) -> tuple[float, Member] | None:
        """The claimant floor on top of a floor heap, dropping entries since replaced."""
        while heap and heap[0][2] != self.floor_version[heap[0][3]]:
            heapq.heappop(heap)
        return self.floors[heap[0][3]] if heap else None

    def low(self) -> tuple[float, str, str]:
        """The low as low_of gives it for the claims in effect."""
        credible = self.current_floor(self.credible_lows)
        if credible:
            return low_text(*credible, CREDIBLE_LOW, self.settings)
        any_floor = self.current_floor(self.any_lows)
        if any_floor:
            return low_text(*any_floor, ANY_LOW, self.settings)
        return 0.0, "", NO_LOW

    def high(self) -> tuple[float, Member, str]:
        """The high: every claim so far for a cumulative series, those in effect for a stock."""
        if self.series.is_cumulative:
            assert self.highest is not None  # a date always brings a claim
            top = self.highest[1]
        else:
            while not self.active[self.highs[0][1]]:
                heapq.heappop(self.highs)
            top = self.highs[0][1]
        return high_of(self.counted[top], self.current_floor(self.top_floors), self.settings)

    def best(self, when: date) -> tuple[float, float, str, str]:
        """The best as best_of gives it: top-ranked recent figures, else any figures, else bounds."""
        window_start = (when - timedelta(days=self.settings.rules.best_window_days)).toordinal()
        recent = self.recent_figures
        while recent and (not self.active[recent[0][4]] or -recent[0][2] < window_start):
            heapq.heappop(recent)
        for heap, figures_only in ((recent, True), (self.figures, True), (self.bounds, False)):
            while heap and not self.active[heap[0][4]]:
                heapq.heappop(heap)
            if heap:
                break
        top = self.ranks[heap[0][4]]
        chosen = [self.counted[i] for i in self.tied[top] if self.active[i]
                  and (not figures_only or self.counted[i].role == "figure")]
        return best_of_chosen(chosen, top, self.floors, self.settings)
