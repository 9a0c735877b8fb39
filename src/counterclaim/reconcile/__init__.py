"""Claims -> series -> estimates: group claims about the same losses and estimate them.

    >>> from counterclaim.reconcile import build_series, estimate_series, load_settings
    >>> settings = load_settings()
    >>> estimates = estimate_series(build_series(records, settings), "rules", settings)

`records` are claim records (dicts in the claim format, with `id`, optionally `reports` and
`published`). Grouping rules, claimant classes and priors are data: see load_settings.
"""

from __future__ import annotations

from counterclaim.reconcile.grouping import ClaimView, Member, Series, build_series
from counterclaim.reconcile.results import Derived, EstimatePoint, Flag, SeriesEstimate
from counterclaim.reconcile.settings import Settings, load_settings

__all__ = [
    "ClaimView", "Derived", "EstimatePoint", "Flag", "Member", "METHODS", "Series",
    "SeriesEstimate", "Settings", "build_series", "estimate_series", "load_settings",
]

METHODS = ("rules", "model")


def estimate_series(series: list[Series], method: str = "rules",
                    settings: Settings | None = None) -> list[SeriesEstimate]:
    """Estimates (by `rules` or `model`), flags and derived figures for each series."""
    from counterclaim.reconcile.checks import check_series
    from counterclaim.reconcile.model import model_points
    from counterclaim.reconcile.rules import rules_points

    settings = settings or load_settings()
    if method not in METHODS:
        raise ValueError(f"unknown estimation method {method!r}; choose one of {METHODS}")
    rules = {s.id: rules_points(s, settings) for s in series}
    fitted = model_points(series, settings) if method == "model" else None
    results = []
    for s in series:
        points, bias = (rules[s.id], {}) if fitted is None else fitted[s.id]
        flags, derived = check_series(s, points, rules[s.id], settings)
        results.append(SeriesEstimate(series=s, method=method, points=tuple(points),
                                      flags=tuple(flags), derived=tuple(derived),
                                      claimant_bias=bias))
    return results
