"""Estimates -> plots and a self-contained HTML report."""

from __future__ import annotations

from counterclaim.report.html import render_report
from counterclaim.report.plots import save_plot, series_figure

__all__ = ["render_report", "save_plot", "series_figure"]
