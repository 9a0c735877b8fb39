"""The UI in a real headless Chromium: claims table, a claim's evidence, its series' plot, hostile text.

Screenshots go to test-artifacts/web/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser


def test_claims_to_claim_to_series(live_server: str, page: object, artifacts: Path) -> None:
    page.goto(f"{live_server}/claims")  # type: ignore[attr-defined]
    assert page.locator("#claims-table tbody tr").count() >= 7  # type: ignore[attr-defined]

    # Filter: the category menu applies at once, the text search on submit.
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.select_option("select[name=category]", "casualties")  # type: ignore[attr-defined]
    page.fill("input[name=q]", "Kursk")  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url("**/claims?*q=Kursk*")  # type: ignore[attr-defined]
    rows = page.locator("#claims-table tbody tr")  # type: ignore[attr-defined]
    assert rows.count() >= 1
    for text in rows.all_inner_texts():
        assert "casualties" in text and "Kursk" in text
    page.screenshot(path=str(artifacts / "claims-filtered.png"), full_page=True)  # type: ignore[attr-defined]

    # Open the claim whose claimant is Zelensky; its evidence is marked in the article.
    row = rows.filter(has_text="Zelensky")
    evidence_text = row.locator("td.evidence-cell").inner_text()
    row.locator("a.claim-link").click()
    page.wait_for_url("**/claims/*")  # type: ignore[attr-defined]
    mark = page.locator("mark#evidence")  # type: ignore[attr-defined]
    assert mark.is_visible()
    assert mark.inner_text() == evidence_text
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(artifacts / "claim.png"), full_page=True)  # type: ignore[attr-defined]

    # Its series: the plot, with a marker per claim; hovering names the claim, clicking opens it.
    page.click("a.series-link")  # type: ignore[attr-defined]
    page.wait_for_url("**/series/*")  # type: ignore[attr-defined]
    plot = page.locator("svg.series-plot")  # type: ignore[attr-defined]
    assert plot.is_visible() and plot.bounding_box()["width"] > 600
    markers = page.locator("svg.series-plot a.claim-link")  # type: ignore[attr-defined]
    assert markers.count() >= 4
    zelensky = page.locator("g[id^=claim-marker-]", has=page.locator("title", has_text="Zelensky"))  # type: ignore[attr-defined]
    zelensky.locator("a.claim-link").hover()
    tooltip = page.locator("#plot-tooltip")  # type: ignore[attr-defined]
    assert tooltip.is_visible() and "Zelensky" in tooltip.inner_text()
    page.screenshot(path=str(artifacts / "series.png"), full_page=True)  # type: ignore[attr-defined]
    zelensky.locator("a.claim-link").click()
    page.wait_for_url("**/claims/*")  # type: ignore[attr-defined]
    assert "Zelensky" in page.locator("#claim-title").inner_text()  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_hostile_document_runs_nothing(live_server: str, page: object, artifacts: Path) -> None:
    hostile = "https://hostile.example/a?b=<c>&d=e"
    page.goto(f"{live_server}/documents/{quote(hostile, safe='')}")  # type: ignore[attr-defined]
    assert page.evaluate("() => window.__pwned === undefined")  # type: ignore[attr-defined]
    assert page.title() != "pwned"  # type: ignore[attr-defined]
    text = page.locator(".doc-text").inner_text()  # type: ignore[attr-defined]
    assert "<script>window.__pwned = 1;" in text and 'onerror="window.__pwned = 2"' in text
    assert page.locator(".doc-text img, .doc-text script").count() == 0  # type: ignore[attr-defined]
    marks = page.locator(".doc-text mark.evidence")  # type: ignore[attr-defined]
    assert marks.count() >= 2
    page.screenshot(path=str(artifacts / "hostile-document.png"), full_page=True)  # type: ignore[attr-defined]


def test_claimant_page_compares_figures(live_server: str, page: object, artifacts: Path) -> None:
    page.goto(f"{live_server}/claimants")  # type: ignore[attr-defined]
    page.click("text=Volodymyr Zelensky")  # type: ignore[attr-defined]
    page.wait_for_url("**/claimants/*")  # type: ignore[attr-defined]
    assert page.locator("#claimant-claims tbody tr").count() >= 1  # type: ignore[attr-defined]
    bias = page.locator("p.bias")  # type: ignore[attr-defined]
    assert bias.count() >= 1 and "×" in bias.first.inner_text()
    page.screenshot(path=str(artifacts / "claimant.png"), full_page=True)  # type: ignore[attr-defined]
