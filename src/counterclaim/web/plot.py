"""The series timeline of `counterclaim estimate`, as inline SVG whose markers link to their claims.

The figure is drawn by counterclaim.report.plots, unchanged. Each claim's marker is then given
an id and a link (matplotlib's gid and url), and a <title> naming the claim: hovering shows
it, clicking opens the claim. Text is drawn as paths, so no document text becomes markup; the
titles are escaped here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import escape
from matplotlib.collections import PathCollection

from counterclaim.reconcile import Member, SeriesEstimate, Settings
from counterclaim.report.plots import claim_label, figure_svg, series_figure

SVG_START = re.compile(r"<svg\b[^>]*>", re.S)
SIZE_ATTRIBUTE = re.compile(r'\s(width|height)="[^"]*"')
# matplotlib opens links in a new tab; the UI opens a claim in place.
MARKER_LINK = re.compile(r'<a xlink:href="([^"]*)" target="_blank">')


def marker_members(estimate: SeriesEstimate) -> list[Member]:
    """The members in the order plots.draw_claims draws their markers."""
    return sorted(estimate.series.counted(), key=lambda m: (m.claim.date, m.claim.point()))


def marker_title(member: Member) -> str:
    """What hovering a marker says: who claimed what, when."""
    claim = member.claim
    when = claim.date.isoformat() if claim.date else "undated"
    evidence = str((claim.record.get("evidence") or {}).get("text") or "")
    return f"{claim_label(member).replace(chr(92) + '$', '$')} ({claim.category}, {when}): {evidence}"


def linked_series_svg(estimate: SeriesEstimate, settings: Settings,
                      claim_url: Callable[[str], str],
                      model: SeriesEstimate | None = None) -> str:
    """The series figure as an <svg> element whose claim markers are links with titles."""
    fig = series_figure(estimate, settings, model)
    members = marker_members(estimate)
    markers = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    linked = len(markers) == len(members)  # otherwise the plot changed shape: draw it unlinked
    titles: dict[str, str] = {}
    if linked:
        for index, (marker, member) in enumerate(zip(markers, members, strict=True)):
            gid = f"claim-marker-{index}"
            marker.set_gid(gid)
            marker.set_urls([claim_url(member.claim.id)])
            titles[gid] = marker_title(member)
    svg = figure_svg(fig)
    svg = svg[svg.index("<svg"):]  # no XML prolog or doctype inside HTML
    svg = SVG_START.sub(lambda m: SIZE_ATTRIBUTE.sub("", m.group(0)).replace(
        "<svg", '<svg class="series-plot" role="img"', 1), svg, count=1)
    svg = MARKER_LINK.sub(r'<a href="\1" xlink:href="\1" class="claim-link">', svg)
    for gid, title in titles.items():
        opening = f'<g id="{gid}">'
        svg = svg.replace(opening, f"{opening}<title>{escape(title)}</title>", 1)
    return svg
