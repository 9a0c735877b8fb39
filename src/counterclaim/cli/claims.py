"""`counterclaim claims`: the stored claims, each once, with how many documents report it."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from counterclaim.cli.app import app, fail, stdout_is_terminal
from counterclaim.cli.extract import CSV_COLUMNS, flat_row
from counterclaim.cli.ingest import DbOption, open_store_or_fail, parse_date_option
from counterclaim.errors import StorageError
from counterclaim.models import CATEGORIES

CLAIM_COLUMNS = [*CSV_COLUMNS, "reports", "report_docs"]
FILE_TABLE_WIDTH = 200
INTEGER_COLUMNS = {"low", "high", "evidence_start", "evidence_end", "reports"}


class ClaimsFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def claim_row(record: dict[str, Any]) -> dict[str, Any]:
    """A stored claim as a flat row: the extract CSV columns plus reports and report_docs."""
    return {**flat_row(record), "reports": record["reports"], "report_docs": record["report_docs"]}


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """One claim record per line."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """Flat rows with a header; report_docs separated by spaces."""
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS)
    writer.writeheader()
    for record in records:
        row = claim_row(record)
        writer.writerow({**row, "report_docs": " ".join(row["report_docs"])})


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> None:
    """Flat rows in a Parquet file, typed (report_docs as a list of strings)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def column_type(name: str) -> Any:
        if name == "report_docs":
            return pa.list_(pa.string())
        return pa.int64() if name in INTEGER_COLUMNS else pa.string()

    schema = pa.schema([(name, column_type(name)) for name in CLAIM_COLUMNS])
    rows = [claim_row(r) for r in records]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def write_table(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """A Rich table for reading on a terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in ("reports", "category", "figure", "subject", "claimant", "said on", "place",
                   "evidence"):
        table.add_column(column, overflow="fold")
    for r in records:
        q = r["quantity"]
        figure = f"{q['low']}" + (f"-{q['high']}" if q["high"] is not None else "")
        table.add_row(str(r["reports"]), r["category"], f"{figure} ({q['qualifier']})",
                      (r["subject"] or {}).get("name") or "",
                      (r["claimant"] or {}).get("name") or "", r["said_on"] or "",
                      (r["location"] or {}).get("name") or "", r["evidence"]["text"])
    console = Console(file=out)
    if not console.is_terminal:
        console.width = FILE_TABLE_WIDTH  # a file has no width of its own: do not squeeze
    console.print(table)


@contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    """The file named by -o, or standard output."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream


@app.command()
def claims(
    db: DbOption = None,
    category: Annotated[str | None, typer.Option(help=f"Only this category ({', '.join(CATEGORIES)}).")] = None,
    subject: Annotated[str | None, typer.Option(help="Only claims whose subject name, mention or country contains this.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Only claims whose claimant's name or any of its mentions contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Only claims said on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only claims said on or before YYYY-MM-DD.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only claims this document reports.")] = None,
    output_format: Annotated[ClaimsFormat | None, typer.Option("--format", "-f", help="table (default on a terminal), jsonl, csv or parquet.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
) -> None:
    """Print the stored claims, each once, with the number of documents that report it."""
    if category is not None and category not in CATEGORIES:
        fail(f"--category: {category!r} is not one of {', '.join(CATEGORIES)}", 2)
    since_on, until_on = parse_date_option("--since", since), parse_date_option("--until", until)
    fmt = output_format or (ClaimsFormat.table if stdout_is_terminal() and output is None
                            else ClaimsFormat.jsonl)
    if fmt is ClaimsFormat.parquet and output is None:
        fail("--format parquet needs a file: add -o FILE.parquet", 2)
    store = open_store_or_fail(db, create=False)
    try:
        records = store.iter_claims(category=category, subject=subject, claimant=claimant,
                                    since=since_on, until=until_on, doc=doc)
        if fmt is ClaimsFormat.parquet:
            assert output is not None
            write_parquet(records, output)
            return
        writers = {ClaimsFormat.jsonl: write_jsonl, ClaimsFormat.csv: write_csv,
                   ClaimsFormat.table: write_table}
        with output_stream(output) as out:
            writers[fmt](records, out)
    except (StorageError, OSError) as err:
        fail(str(err))
    finally:
        store.close()
