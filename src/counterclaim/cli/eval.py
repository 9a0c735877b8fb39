"""`counterclaim eval`: score extraction against gold passages and coded event tallies."""

from __future__ import annotations

import json
import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from counterclaim.cli.app import app, fail
from counterclaim.errors import CounterclaimError


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


def print_claim_tables(summary: dict) -> None:
    """The figures of one gold file as two Rich tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    figures = Table(title=f"claims: {summary['gold']}",
                    caption=f"extraction took {summary['seconds']:.1f} s")
    for column in ("precision", "recall", "F1", "matched", "spurious", "missed",
                   "fully correct"):
        figures.add_column(column, justify="right", no_wrap=True)
    figures.add_row(f"{summary['precision']:.3f}", f"{summary['recall']:.3f}",
                    f"{summary['f1']:.3f}", str(summary["true_positives"]),
                    str(summary["false_positives"]), str(summary["false_negatives"]),
                    f"{summary['fully_correct']}/{summary['gold_claims']}")
    attributes = Table(title="attributes of matched claims")
    for column in ("attribute", "right", "checked", "accuracy"):
        attributes.add_column(column, justify="right")
    for name, counts in summary["attributes"].items():
        share = "-" if counts["accuracy"] is None else f"{counts['accuracy']:.3f}"
        attributes.add_row(name, str(counts["right"]), str(counts["checked"]), share)
    console.print(figures)
    console.print(attributes)


def print_event_table(summary: dict) -> None:
    """Exact-match accuracy per column, overall and per source dataset."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"event tallies: {summary['events']} ({summary['seconds']:.1f} s)")
    for column in ("rows from", "killed", "wounded"):
        table.add_column(column, justify="right")
    for group, columns in summary["accuracy"].items():
        cells = [f"{c['accuracy']:.3f} ({c['right']}/{c['scored']})" if c else "-"
                 for c in (columns.get("killed"), columns.get("wounded"))]
        table.add_row("all rows" if group == "all" else group, *cells)
    Console(highlight=False).print(table)


@app.command("eval")
def eval_command(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold JSONL files (docs/gold-format.md).")] = None,
    events: Annotated[list[Path] | None, typer.Option("--events", help="CSV of coded events (id, text, date, killed, wounded[, source_dataset]); repeatable.")] = None,
    output_format: Annotated[EvalFormat, typer.Option("--format", "-f", help="table or json.")] = EvalFormat.table,
    show_errors: Annotated[bool, typer.Option("--show-errors/--no-show-errors", help="List each miss, spurious claim, wrong attribute and tally mismatch.")] = True,
    write_report: Annotated[Path | None, typer.Option("--write-report", help="Write the error-analysis page (e.g. docs/accuracy.md).")] = None,
    save_predictions: Annotated[Path | None, typer.Option("--save-predictions", help="Also write what the extractor produced: claims as JSONL (claim records), or tallies for --events, to score with other tools.")] = None,
) -> None:
    """Score extraction against gold passages and coded event tallies."""
    from counterclaim import EXTRACTOR_VERSION
    from counterclaim.evaluate import (accuracy_markdown, claim_summary, evaluate_events_file,
                                       evaluate_gold_file, event_summary)
    from counterclaim.evaluate.report import claim_error_lines, event_error_lines

    if not gold and not events:
        fail("eval: give a gold JSONL file, or --events CSV", 2)
    try:
        claim_results = [evaluate_gold_file(path) for path in gold or []]
        event_results = [evaluate_events_file(path) for path in events or []]
    except CounterclaimError as err:
        fail(str(err))
    if output_format is EvalFormat.json:
        print(json.dumps({"claims": [claim_summary(e, show_errors) for e in claim_results],
                          "events": [event_summary(e, show_errors) for e in event_results]},
                         ensure_ascii=False, indent=2))
    else:
        for evaluation in claim_results:
            if show_errors:
                print("\n".join(claim_error_lines(evaluation)))
            print_claim_tables(claim_summary(evaluation, show_errors=False))
        for event_evaluation in event_results:
            if show_errors:
                print("\n".join(event_error_lines(event_evaluation)))
            print_event_table(event_summary(event_evaluation, show_errors=False))
    if save_predictions:
        write_predictions(save_predictions, claim_results, event_results)
    if write_report:
        command = "counterclaim eval " + shlex.join(
            [str(p) for p in gold or []] + [a for p in events or [] for a in ("--events", str(p))]
            + ["--no-show-errors", "--write-report", str(write_report)])
        try:
            write_report.write_text(accuracy_markdown(command, claim_results, event_results,
                                                      EXTRACTOR_VERSION), encoding="utf-8")
        except OSError as err:
            fail(f"{write_report}: cannot write the report ({err.strerror})")
        print(f"wrote {write_report}", file=sys.stderr)


def write_predictions(path: Path, claim_results: list, event_results: list) -> None:
    """Claim records and tallies ({"doc", "killed", ...}) as JSONL, for outside scorers."""
    try:
        with path.open("w", encoding="utf-8") as out:
            for evaluation in claim_results:
                for result in evaluation.documents:
                    for claim in result.predicted:
                        out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
            for event_evaluation in event_results:
                for doc, tally in event_evaluation.tallies.items():
                    out.write(json.dumps({"doc": doc, **tally}, ensure_ascii=False) + "\n")
    except OSError as err:
        fail(f"{path}: cannot write the predictions ({err.strerror})")
