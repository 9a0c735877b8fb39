"""`counterclaim extract`: print the claims found in files, pages or JSONL corpora."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import Enum
from typing import Annotated

import typer

from counterclaim.cli.app import app, fail, report_problem, stdout_is_terminal
from counterclaim.errors import CounterclaimError, InputError
from counterclaim.ingest.files import DEFAULT_MAX_BYTES, parse_iso_date, read_documents


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


CSV_COLUMNS = ["id", "doc", "category", "low", "high", "qualifier", "unit", "subject",
               "subject_country", "claimant", "claimant_kind", "said_on", "location",
               "evidence_start", "evidence_end", "evidence"]


def flat_row(record: dict) -> dict:
    """One claim record as a flat CSV row."""
    q, subject, claimant = record["quantity"], record["subject"] or {}, record["claimant"] or {}
    return {
        "id": record["id"], "doc": record["doc"], "category": record["category"],
        "low": q["low"], "high": q["high"], "qualifier": q["qualifier"], "unit": q["unit"],
        "subject": subject.get("name"), "subject_country": subject.get("country"),
        "claimant": claimant.get("name"), "claimant_kind": claimant.get("kind"),
        "said_on": record["said_on"], "location": (record["location"] or {}).get("name"),
        "evidence_start": record["evidence"]["start"], "evidence_end": record["evidence"]["end"],
        "evidence": record["evidence"]["text"],
    }


def extracted_row(record: dict) -> dict:
    """One extracted claim as a flat CSV row, with who relayed its claimant (`via`)."""
    return {**flat_row(record), "via": (record.get("via") or {}).get("name")}


def print_table(records: list[dict]) -> None:
    """A Rich table of claims, for reading on a terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("doc", "category", "figure", "subject", "claimant", "said on", "place", "evidence"):
        table.add_column(column, overflow="fold")
    for r in records:
        q = r["quantity"]
        figure = f"{q['low']}" + (f"-{q['high']}" if q["high"] is not None else "")
        table.add_row(r["doc"], r["category"], f"{figure} ({q['qualifier']})",
                      (r["subject"] or {}).get("name") or "", (r["claimant"] or {}).get("name") or "",
                      r["said_on"] or "", (r["location"] or {}).get("name") or "",
                      r["evidence"]["text"])
    Console().print(table)


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files (.txt, .html, .jsonl), directories, or - for standard input.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for texts that carry none.")] = None,
    output_format: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="table (default on a terminal), jsonl or csv.")] = None,
    tally: Annotated[bool, typer.Option("--tally", help="Print per-document killed/wounded/captured/missing figures instead of claims.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse documents larger than this many bytes.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Print every source-attributed quantitative claim in the given documents."""
    from counterclaim import extract_document, extract_document_with_tally

    published_on: date | None = None
    if published is not None:
        published_on = parse_iso_date(published)
        if published_on is None or len(published) != 10:
            fail(f"--published: {published!r} is not a date in the form YYYY-MM-DD", 2)
    fmt = output_format or (OutputFormat.table if stdout_is_terminal() else OutputFormat.jsonl)
    failures = 0
    table_rows: list[dict] = []
    writer = csv.DictWriter(sys.stdout, fieldnames=[*CSV_COLUMNS, "via"]) if fmt is OutputFormat.csv else None
    if writer and not tally:
        writer.writeheader()
    for item in read_documents(paths or ["-"], published_on, max_bytes):
        if isinstance(item, InputError):
            report_problem(str(item))
            failures += not item.reason.startswith("warning:")
            continue
        try:
            if tally:
                claims, counts = extract_document_with_tally(item)
            else:
                claims, counts = extract_document(item), {}
        except CounterclaimError as err:
            report_problem(f"{item.id}: {err}")
            failures += 1
            continue
        if tally:
            row = {"doc": item.id, **counts}
            if fmt is OutputFormat.table:
                table_rows.append(row)
            else:
                print(json.dumps(row, ensure_ascii=False))
            continue
        for claim in claims:
            record = claim.to_dict()
            if fmt is OutputFormat.jsonl:
                print(json.dumps(record, ensure_ascii=False))
            elif writer:
                writer.writerow(extracted_row(record))
            else:
                table_rows.append(record)
        sys.stdout.flush()
    if fmt is OutputFormat.table:
        if tally:
            for row in table_rows:
                print(json.dumps(row, ensure_ascii=False))
        else:
            print_table(table_rows)
    if failures:
        raise typer.Exit(1)
