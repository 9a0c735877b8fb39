"""Progress: a Rich bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from rich.console import Console

from counterclaim.cli.ingest import (
    BarProgress,
    IngestSummary,
    PlainProgress,
    progress_display,
)


def test_a_terminal_gets_a_bar_with_rate_and_claims():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    with progress_display(console) as progress:
        assert isinstance(progress, BarProgress)
        progress.advance(IngestSummary(added=40, claims=57, reports=60))
    shown = screen.getvalue()
    assert "40 documents" in shown
    assert "docs/s" in shown
    assert "57 claims" in shown


def test_elsewhere_plain_lines_without_escape_codes(capsys):
    with progress_display(Console(file=io.StringIO(), force_terminal=False)) as progress:
        assert isinstance(progress, PlainProgress)
    plain = PlainProgress(every_seconds=0.0)
    plain.advance(IngestSummary(added=3, unchanged=2, claims=4, errors=1))
    line = capsys.readouterr().err
    assert line.startswith("counterclaim: 5 documents (")
    assert line.rstrip().endswith("/s), 4 claims, 1 errors")
    assert "\x1b[" not in line
