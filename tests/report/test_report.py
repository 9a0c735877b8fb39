"""The HTML report and the plots: self-contained, escaped, and written in each format."""

from __future__ import annotations

import re

import pytest

from counterclaim.reconcile import build_series, estimate_series, load_settings
from counterclaim.report import render_report, save_plot

from builders import claim, kursk_claims

HOSTILE = '<script>alert("x")</script> $\\frac{1}{0}$ [bold]'


@pytest.fixture(scope="module")
def settings():
    return load_settings()


def report_of(records, settings):
    series = build_series(records, settings)
    rules = estimate_series(series, "rules", settings)
    models = {e.series.id: e for e in estimate_series(series, "model", settings)}
    return render_report(rules, settings, models)


def test_hostile_text_is_escaped_and_only_http_links_are_made(settings):
    records = [
        claim("killed", 10, claimant=HOSTILE, doc="javascript:alert(1)", claim_id="evil",
              subject_name=HOSTILE),
        claim("killed", 20, claimant="Observer", kind="ngo", doc="https://news.example/a?b=1&c=2",
              said_on="2024-12-18", claim_id="good"),
    ]
    records[0]["evidence"]["text"] = HOSTILE
    html = report_of(records, settings)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert 'href="https://news.example/a?b=1&amp;c=2"' in html


def test_report_is_self_contained(settings):
    html = report_of(kursk_claims(), settings)
    external = re.findall(r'(?:src|href)="(?!#|data:|https://news)([^"]*)"', html)
    assert external == []
    assert "<link" not in html and "@import" not in html and "<script" not in html
    assert html.count('<img class="plot" src="data:image/svg+xml;base64,') == 2
    assert "9% of a force of 10,000 to 12,000 is 900 to 1,080 casualties: consistent" in html
    assert "Volodymyr Zelensky: more than 3,000 casualties (2024-12-23) is 9.3 times" in html


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                           (".html", b"<!doctype html>")])
def test_plots_are_written_in_each_format(tmp_path, settings, suffix, magic):
    estimates = estimate_series(build_series(kursk_claims(), settings), "rules", settings)
    path = tmp_path / f"plot{suffix}"
    save_plot(estimates, settings, path)
    assert path.read_bytes().startswith(magic)
    assert path.stat().st_size > 10_000
