"""Timelines of a series: every claim as a labelled marker, the low-high band, the best line.

Drawn to be read without a legend: each marker carries its claimant's name and figure, the
marker's shape says the claimant's class (spelt out in a key line under the title), arrows
mark open-ended claims ("at least" points up), bars mark ranges, and the lines are labelled
where they end.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, never a window

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from counterclaim.reconcile import Member, SeriesEstimate, Settings  # noqa: E402
from counterclaim.reconcile.rules import figure_text  # noqa: E402

CLASS_COLOURS = {"third_party": "#1b7837", "own_side": "#2166ac", "document": "#555555",
                 "unknown": "#8c6d31", "enemy": "#b2182b"}
MARKER_GLYPHS = {"s": "\u25a0", "^": "\u25b2", "v": "\u25bc", "o": "\u25cf", "D": "\u25c6",
                 "P": "\u271a", "X": "\u2716", "*": "\u2605"}
HEDGE_SIGNS = {"at_least": "\u2265", "more_than": ">", "up_to": "\u2264", "less_than": "<",
               "about": "~", "exactly": "", "range": "", "vague": ""}
BAND_COLOUR, BEST_COLOUR, MODEL_COLOUR = "#9ecae1", "#08519c", "#6a3d9a"
LABEL_LENGTH = 34


def plain_text(text: str) -> str:
    """Text safe for matplotlib: no mathtext (a `$` in a claimant's name stays a dollar)."""
    return text.replace("\\", "/").replace("$", r"\$").replace("\n", " ")


def short(text: str, length: int = LABEL_LENGTH) -> str:
    """Text cut to `length` characters with an ellipsis."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"


def claim_label(member: Member) -> str:
    """`Name: ≥200` for a marker."""
    claim = member.claim
    figure = HEDGE_SIGNS.get(claim.qualifier, "") + figure_text(claim.stated)
    if claim.qualifier in ("range", "vague") and claim.high is not None:
        figure = f"{figure_text(claim.stated)}\u2013{figure_text(claim.high)}"
    part = "" if member.role == "figure" else f" {claim.category}"
    return plain_text(f"{short(claim.claimant_name)}: {figure}{part}")


def uses_log_scale(values: list[float]) -> bool:
    """True when the figures span more than a factor of 30."""
    positive = [v for v in values if v > 0]
    return bool(positive) and max(positive) / min(positive) > 30


def draw_series(ax: plt.Axes, estimate: SeriesEstimate, settings: Settings,
                model: SeriesEstimate | None = None) -> None:
    """One series' timeline on the given axes."""
    series = estimate.series
    counted = series.counted()
    points = list(estimate.points)
    if not points:
        ax.text(0.5, 0.5, "no dated claims", ha="center", va="center", transform=ax.transAxes)
        return
    dates = [p.date for p in points]
    # room after the last date for the labels of its claims, before the lines' own labels
    end = dates[-1] + timedelta(days=max(2.0, 0.4 * (dates[-1] - dates[0]).days))
    xs = [*dates, end]
    step = dict(where="post")
    ax.fill_between(xs, [p.low for p in points] + [points[-1].low],
                    [p.high for p in points] + [points[-1].high], color=BAND_COLOUR,
                    alpha=0.45, linewidth=0, step="post", zorder=1)
    ax.step(xs, [p.best for p in points] + [points[-1].best], color=BEST_COLOUR, linewidth=2.4,
            zorder=3, **step)
    last = points[-1]
    right = dict(xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5,
                 annotation_clip=False)
    ax.annotate(f"best {figure_text(last.best)}", (end, last.best), color=BEST_COLOUR,
                fontweight="bold", **right)
    ax.annotate(f"high {figure_text(last.high)}", (end, last.high), color="#3182bd", **right)
    ax.annotate(f"low {figure_text(last.low)}", (end, last.low), color="#3182bd", **right)
    figures = [p.low for p in points] + [p.high for p in points]
    if model is not None and model.points:
        m_dates = [p.date for p in model.points] + [end]
        ax.step(m_dates, [p.best for p in model.points] + [model.points[-1].best],
                color=MODEL_COLOUR, linestyle="--", linewidth=1.4, zorder=3, **step)
        for attr in ("low", "high"):
            ax.step(m_dates, [getattr(p, attr) for p in model.points]
                    + [getattr(model.points[-1], attr)], color=MODEL_COLOUR, linestyle=":",
                    linewidth=1.0, zorder=3, **step)
        figures += [p.low for p in model.points] + [p.high for p in model.points]
    draw_claims(ax, counted, settings)
    figures += [m.claim.point() for m in counted]
    if uses_log_scale(figures):
        ax.set_yscale("log")
    lowest = min((v for v in figures if v > 0), default=1)
    ax.set_ylim(bottom=lowest / 1.6 if ax.get_yscale() == "log" else 0)
    ax.set_xlim(dates[0] - timedelta(days=max(1.0, 0.05 * (end - dates[0]).days)), end)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    locator.intervald[mdates.HOURLY] = []  # whole days only: claims are dated by day
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: figure_text(v)))
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    unit = "people" if series.unit == "people" else series.unit
    ax.set_ylabel(f"{series.category} ({unit})")
    classes = sorted({m.claimant_class for m in counted},
                     key=lambda c: -settings.classes[c].weight)
    key = "   ".join(f"{MARKER_GLYPHS.get(settings.classes[c].marker, '?')} "
                     f"{settings.classes[c].label}" for c in classes)
    band_name = ("80% interval (model)" if estimate.method == "model"
                 else "low\u2013high (rules)")
    band = f"\u2191 open-ended (at least)   \u2502 range   band: {band_name}"
    if model is not None and model.points:
        m_last = model.points[-1]
        band += (f"   purple: model median {figure_text(m_last.best)}, dotted 80% "
                 f"({figure_text(m_last.low)}\u2013{figure_text(m_last.high)})")
    ax.set_title(plain_text(series.describe()), loc="left", fontsize=11, fontweight="bold",
                 pad=22)
    ax.text(0, 1.015, plain_text(f"{key}     {band}"), transform=ax.transAxes, fontsize=8.5,
            color="#444444", va="bottom")


def draw_claims(ax: plt.Axes, members: list[Member], settings: Settings) -> None:
    """Each claim as a marker shaped by claimant class, with its name, bounds and figure."""
    ordered = sorted(members, key=lambda m: (m.claim.date, m.claim.point()))
    first_date, last_date = ordered[0].claim.date, ordered[-1].claim.date
    placed: dict = {}
    for m in ordered:
        claim, cls = m.claim, settings.classes[m.claimant_class]
        colour = CLASS_COLOURS.get(m.claimant_class, "#333333")
        y = claim.point()
        face = colour if m.role == "figure" else "white"
        ax.scatter([claim.date], [y], marker=cls.marker, s=70, color=face, edgecolors=colour,
                   linewidths=1.4, zorder=5)
        if claim.qualifier in ("range", "vague") and claim.high is not None:
            ax.vlines(claim.date, claim.stated, claim.high, color=colour, linewidth=1.2,
                      zorder=4)
        censoring = settings.reading(claim.qualifier).censoring
        if censoring in ("lower", "upper") or m.role == "bound":
            up = censoring != "upper"
            ax.annotate("", xy=(claim.date, y), xytext=(0, 20 if up else -20),
                        textcoords="offset points",
                        arrowprops=dict(arrowstyle="<|-", color=colour, lw=1.1,
                                        shrinkA=0, shrinkB=4), zorder=4)
        same_day = placed.get(claim.date, 0)
        placed[claim.date] = same_day + 1
        # Claims of the last date are labelled on their left, clear of the lines' end labels.
        left = claim.date == last_date and claim.date != first_date
        ax.annotate(claim_label(m), (claim.date, y),
                    xytext=(-9 if left else 9, -3 + 11 * (same_day % 2)),
                    ha="right" if left else "left",
                    textcoords="offset points", fontsize=8, color=colour, zorder=6,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))


def series_figure(estimate: SeriesEstimate, settings: Settings,
                  model: SeriesEstimate | None = None) -> Figure:
    """A figure with one series' timeline."""
    fig, ax = plt.subplots(figsize=(9.5, 4.6), layout="constrained")
    draw_series(ax, estimate, settings, model)
    return fig


def figure_svg(fig: Figure) -> str:
    """A figure as SVG text (text drawn as paths, so no document text is ever markup)."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "counterclaim"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def save_plot(estimates: list[SeriesEstimate], settings: Settings, path: str | Path,
              models: dict[str, SeriesEstimate] | None = None) -> None:
    """All series, one panel each, to a .png, .svg or .html file."""
    path = Path(path)
    models = models or {}
    shown = [e for e in estimates if e.points] or estimates
    fig, axes = plt.subplots(len(shown), 1, figsize=(9.5, 4.6 * max(len(shown), 1)),
                             layout="constrained", squeeze=False)
    for ax, estimate in zip(axes[:, 0], shown):
        draw_series(ax, estimate, settings, models.get(estimate.series.id))
    suffix = path.suffix.lower()
    if suffix == ".html":
        from counterclaim.report.html import standalone_figure_page

        path.write_text(standalone_figure_page(figure_svg(fig)), "utf-8")
        return
    fig.savefig(path, dpi=150 if suffix == ".png" else "figure")
    plt.close(fig)

