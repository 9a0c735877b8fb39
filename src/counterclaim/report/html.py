"""One self-contained HTML report: every series' plot, estimates, flags and claims.

No network is needed to read it: plots are inline SVG (as data URIs), styles are inline, and
there is no script. All document text is escaped by Jinja2's autoescaping, and only http(s)
addresses become links.
"""

from __future__ import annotations

import base64
from datetime import datetime, timezone
from typing import Any

from jinja2 import Environment, PackageLoader

from counterclaim.reconcile import Member, SeriesEstimate, Settings
from counterclaim.reconcile.rules import figure_text
from counterclaim.report.plots import HEDGE_SIGNS, figure_svg, series_figure

LINK_SCHEMES = ("http://", "https://")


def environment() -> Environment:
    """The Jinja2 environment of the report templates, escaping everything by default."""
    env = Environment(loader=PackageLoader("counterclaim.report", "templates"),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["figure"] = lambda v: "" if v is None else figure_text(float(v))
    return env


def source_link(record: dict[str, Any]) -> str | None:
    """The claim's source address when it is an http(s) URL; never any other scheme."""
    for candidate in (record.get("url"), record.get("doc")):
        if isinstance(candidate, str) and candidate.strip().lower().startswith(LINK_SCHEMES):
            return candidate.strip()
    return None


def svg_data_uri(svg: str) -> str:
    """An SVG document as a data: URI for an <img>, where it can run nothing."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def claim_row(member: Member, settings: Settings) -> dict[str, Any]:
    """What the claims table shows of one member."""
    claim, record = member.claim, member.claim.record
    figure = HEDGE_SIGNS.get(claim.qualifier, "") + figure_text(claim.stated)
    if claim.qualifier in ("range", "vague") and claim.high is not None:
        figure = f"{figure_text(claim.stated)} to {figure_text(claim.high)}"
    if claim.unit == "percent":
        figure += "%"
    evidence = record.get("evidence") if isinstance(record.get("evidence"), dict) else {}
    quantity = record.get("quantity") if isinstance(record.get("quantity"), dict) else {}
    return {
        "id": claim.id, "date": claim.date.isoformat() if claim.date else "undated",
        "date_basis": claim.date_basis, "claimant": claim.claimant_name,
        "class": settings.classes[member.claimant_class].label,
        "class_name": member.claimant_class, "figure": figure,
        "qualifier": claim.qualifier.replace("_", " "), "category": claim.category,
        "stated": str(quantity.get("text") or ""), "role": member.role,
        "reason": member.reason, "evidence": str(evidence.get("text") or ""),
        "doc": claim.doc, "link": source_link(record), "reports": claim.reports,
    }


def series_view(estimate: SeriesEstimate, settings: Settings,
                model: SeriesEstimate | None) -> dict[str, Any]:
    """What the report shows of one series."""
    model_by_date = {p.date: p for p in model.points} if model else {}
    rows = [{"point": p, "model": model_by_date.get(p.date)} for p in estimate.points]
    return {
        "estimate": estimate, "model": model, "rows": rows,
        "plot": svg_data_uri(figure_svg(series_figure(estimate, settings, model))),
        "claims": [claim_row(m, settings) for m in estimate.series.members],
        "bias": model.claimant_bias if model else {},
    }


def render_report(estimates: list[SeriesEstimate], settings: Settings,
                  models: dict[str, SeriesEstimate] | None = None,
                  title: str = "counterclaim: reconciled loss estimates") -> str:
    """The whole report as one HTML document."""
    models = models or {}
    views = [series_view(e, settings, models.get(e.series.id)) for e in estimates]
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    classes = sorted(settings.classes.values(), key=lambda c: -c.weight)
    return environment().get_template("report.html.j2").render(
        title=title, views=views, generated=generated, classes=classes,
        interval=settings.model.interval)


def standalone_figure_page(svg: str, title: str = "counterclaim estimate") -> str:
    """An HTML page holding one figure, for `estimate --plot FILE.html`."""
    return environment().get_template("figure.html.j2").render(title=title,
                                                                plot=svg_data_uri(svg))
