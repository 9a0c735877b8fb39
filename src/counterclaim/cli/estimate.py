"""`counterclaim estimate`: low / best / high estimates per series of claims about the same losses."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from counterclaim.cli.app import app, fail, stdout_is_terminal
from counterclaim.cli.ingest import DbOption, open_store_or_fail
from counterclaim.errors import CounterclaimError, InputError

PLOT_SUFFIXES = (".png", ".svg", ".html")
CSV_COLUMNS = ["series", "subject", "subject_country", "category", "location", "nature",
               "method", "date", "low", "best", "high", "claims", "flags"]

ClaimsOption = Annotated[list[Path] | None, typer.Option(
    "--claims", help="Read claim records from a JSONL file (as `counterclaim extract --format jsonl` "
                     "prints them) instead of the store; may be repeated.")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="A TOML file overriding the packaged grouping rules, claimant classes "
                     "and priors (see counterclaim/reconcile/*.toml).")]
SubjectOption = Annotated[str | None, typer.Option(
    "--subject", help="Only series whose subject country is this code, or whose name contains it.")]
CategoryOption = Annotated[str | None, typer.Option(
    "--category", help="Only series estimating this category (casualties, killed, deployed...).")]


class Method(str, Enum):
    rules = "rules"
    model = "model"


class EstimateFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def read_claims_file(path: Path) -> list[dict[str, Any]]:
    """Claim records from a JSONL file; a bad line is an InputError naming file and line."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read: {getattr(err, 'strerror', None) or err}") from err
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}", f"not JSON ({err.msg})") from err
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}", "not a JSON object")
        if not record.get("id"):
            raise InputError(f"{path}:{number}", "claim record has no id")
        records.append(record)
    return records


def store_claims(db: str | None) -> list[dict[str, Any]]:
    """Every stored claim; an undated one carries its document's publication date."""
    store = open_store_or_fail(db)
    try:
        records = list(store.iter_claims())
        published: dict[str, str | None] = {}
        for record in records:
            if record.get("said_on") or record.get("published"):
                continue
            doc = record.get("doc")
            if doc not in published:
                document = store.get_document(doc)
                published[doc] = (document.published.isoformat()
                                  if document and document.published else None)
            if published[doc]:
                record["published"] = published[doc]
    finally:
        store.close()
    return records


def load_records(db: str | None, claims: list[Path] | None) -> list[dict[str, Any]]:
    """Claim records from the JSONL files given, and from the store when --db is given or no file is."""
    records: list[dict[str, Any]] = []
    for path in claims or []:
        records += read_claims_file(path)
    if db is not None or not claims:
        records += store_claims(db)
    return records


def subject_matches(name: str, country: str | None, wanted: str | None) -> bool:
    """True when a series' subject is the one asked for (country code, or part of its name)."""
    if wanted is None:
        return True
    wanted = wanted.casefold()
    return wanted == (country or "").casefold() or wanted in name.casefold()


def compute_estimates(records: list[dict[str, Any]], method: str, config: Path | None,
                      subject: str | None = None, category: str | None = None) -> tuple[list, Any]:
    """Series estimates of the records (filtered by subject and category) and the settings used."""
    from counterclaim.reconcile import build_series, estimate_series, load_settings

    settings = load_settings(config)
    series = [s for s in build_series(records, settings)
              if subject_matches(s.subject_name, s.subject_country, subject)
              and (category is None or s.category == category)]
    return estimate_series(series, method, settings), settings


def print_table(estimates: list) -> None:
    """One Rich table per series, with its flags and derived figures under it."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    for estimate in estimates:
        table = Table(title=estimate.series.describe(), title_justify="left")
        for column in ("date", "low", "best", "high", "claims"):
            table.add_column(column, justify="left" if column == "date" else "right")
        for p in estimate.points:
            table.add_row(p.date.isoformat(), f"{p.low:,}", f"{p.best:,}", f"{p.high:,}",
                          str(len(p.claims)))
        console.print(table)
        for flag in estimate.flags:  # Text, not markup: reasons quote document text
            console.print(Text.assemble("  ", (flag.kind, "bold red"), ": ", flag.reason))
        for derived in estimate.derived:
            if derived.kind == "loss_rate":
                console.print(Text.assemble("  loss rate: ", derived.reason))
        undated = [m for m in estimate.series.members if m.claim.date is None]
        if undated:
            console.print(f"  {len(undated)} undated claim(s) listed but not used", style="dim")


def write_csv(estimates: list) -> None:
    """One row per estimate point."""
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for e in estimates:
        s = e.series
        for p in e.points:
            writer.writerow({"series": s.id, "subject": s.subject_name,
                             "subject_country": s.subject_country, "category": s.category,
                             "location": s.theatre, "nature": s.nature, "method": e.method,
                             "date": p.date.isoformat(), "low": p.low, "best": p.best,
                             "high": p.high, "claims": " ".join(p.claims),
                             "flags": len(e.flags)})


@app.command()
def estimate(
    db: DbOption = None,
    claims: ClaimsOption = None,
    subject: SubjectOption = None,
    category: CategoryOption = None,
    method: Annotated[Method, typer.Option(help="rules (UCDP-style low/best/high) or model (statistical, with claimant bias).")] = Method.rules,
    output_format: Annotated[EstimateFormat | None, typer.Option("--format", "-f", help="table (default on a terminal), json or csv.")] = None,
    plot: Annotated[Path | None, typer.Option(help="Also draw the series to FILE.png, FILE.svg or FILE.html.")] = None,
    config: ConfigOption = None,
) -> None:
    """Group claims about the same losses into series and estimate each: low, best, high."""
    if plot is not None and plot.suffix.lower() not in PLOT_SUFFIXES:
        fail(f"--plot: {plot} must end in .png, .svg or .html", 2)
    try:
        records = load_records(db, claims)
        estimates, settings = compute_estimates(records, method.value, config, subject, category)
    except CounterclaimError as err:
        fail(str(err))
    fmt = output_format or (EstimateFormat.table if stdout_is_terminal() else EstimateFormat.json)
    if fmt is EstimateFormat.json:
        json.dump([e.to_dict() for e in estimates], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt is EstimateFormat.csv:
        write_csv(estimates)
    else:
        print_table(estimates)
    if plot is not None:
        from counterclaim.report.plots import save_plot

        if not estimates:
            fail("--plot: no series to draw")
        try:
            save_plot(estimates, settings, plot)
        except OSError as err:
            fail(f"{plot}: cannot write the plot ({err.strerror or err})")
