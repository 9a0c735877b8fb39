"""`counterclaim report`: one self-contained HTML file with every series' plot, estimates and claims."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from counterclaim.cli.app import app, fail
from counterclaim.cli.estimate import (CategoryOption, ClaimsOption, ConfigOption, SubjectOption,
                                       compute_estimates, load_records)
from counterclaim.cli.ingest import DbOption
from counterclaim.errors import CounterclaimError


def build_report(records: list[dict], config: Path | None, subject: str | None = None,
                 category: str | None = None, with_model: bool = True) -> str:
    """The HTML report of the records: rules estimates, plus the model's where asked."""
    from counterclaim.reconcile import estimate_series
    from counterclaim.report import render_report

    estimates, settings = compute_estimates(records, "rules", config, subject, category)
    models = {}
    if with_model and estimates:
        fitted = estimate_series([e.series for e in estimates], "model", settings)
        models = {e.series.id: e for e in fitted}
    return render_report(estimates, settings, models)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    db: DbOption = None,
    claims: ClaimsOption = None,
    subject: SubjectOption = None,
    category: CategoryOption = None,
    model: Annotated[bool, typer.Option("--model/--no-model", help="Also show the statistical estimate.")] = True,
    config: ConfigOption = None,
) -> None:
    """Write one self-contained HTML report: each series' plot, estimates, flags and claims."""
    try:
        records = load_records(db, claims)
        html = build_report(records, config, subject, category, with_model=model)
    except CounterclaimError as err:
        fail(str(err))
    try:
        output.write_text(html, "utf-8")
    except OSError as err:
        fail(f"{output}: cannot write the report ({err.strerror or err})")
    print(f"wrote {output}")
