"""`counterclaim ingest`: read sources, extract their claims and store both.

Each document is extracted and then stored in its own transaction, so an ingest stopped at
any moment loses at most the document in hand, and the same command run again skips what is
stored and finishes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Protocol

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from counterclaim.cli.app import app, fail, report_problem, stderr
from counterclaim.errors import InputError, StorageError
from counterclaim.ingest.files import (
    DEFAULT_MAX_BYTES,
    is_warning,
    parse_iso_date,
    read_documents,
)
from counterclaim.ingest.engines import ENGINES, Engine, Failure, LocalEngine, Outcome, make_engine
from counterclaim.models import Claim, Document
from counterclaim.store import IngestResult, Store, open_store

PLAIN_PROGRESS_SECONDS = 5.0
STDIN_ID = "<stdin>"  # the id read_documents gives to standard input

DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite path or SQLAlchemy URL (default: $COUNTERCLAIM_DB, else ./counterclaim.db).")]


@dataclass
class IngestSummary:
    """Counts of one ingest run, for its last line."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    claims: int = 0
    new_claims: int = 0
    reports: int = 0
    errors: int = 0
    warnings: int = 0

    @property
    def documents(self) -> int:
        """Documents read without error, stored or already there."""
        return self.added + self.replaced + self.unchanged

    def count(self, result: IngestResult) -> None:
        """Add what storing one document did."""
        if result.status == "unchanged":
            self.unchanged += 1
            return
        self.added += result.status == "added"
        self.replaced += result.status == "replaced"
        self.claims += result.claims
        self.new_claims += result.new_claims
        self.reports += result.reports

    def line(self) -> str:
        """The closing line: documents, claims, reports and errors."""
        parts = [f"{self.added} new"]
        if self.replaced:
            parts.append(f"{self.replaced} updated")
        parts.append(f"{self.unchanged} already stored")
        warned = f", {_plural(self.warnings, 'warning')}" if self.warnings else ""
        return (f"{_plural(self.documents, 'document')} ({', '.join(parts)}), "
                f"{_plural(self.claims, 'claim')} found ({self.new_claims} new), "
                f"{_plural(self.reports, 'report')}, {_plural(self.errors, 'error')}{warned}")


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class ProgressReporter(Protocol):
    """Told after each document; shows how far the run is."""

    def advance(self, summary: IngestSummary) -> None: ...


class PlainProgress:
    """A plain line now and then, for logs and pipes."""

    def __init__(self, every_seconds: float = PLAIN_PROGRESS_SECONDS) -> None:
        self.started = self.last = time.monotonic()
        self.every_seconds = every_seconds

    def advance(self, summary: IngestSummary) -> None:
        now = time.monotonic()
        if now - self.last >= self.every_seconds:
            self.last = now
            rate = summary.documents / max(now - self.started, 1e-9)
            stderr.print(f"counterclaim: {summary.documents:,} documents ({rate:.1f}/s), "
                         f"{summary.claims:,} claims, {summary.errors:,} errors", markup=False)


class BarProgress:
    """A Rich progress display on a terminal: documents, documents per second, claims found."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress, self.task = progress, task

    def advance(self, summary: IngestSummary) -> None:
        self.progress.update(self.task, completed=summary.documents, claims=summary.claims,
                             errors=summary.errors)


class RateColumn(ProgressColumn):
    """Documents per second, once there is something to measure."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "- docs/s")


@contextmanager
def progress_display(console: Console = stderr) -> Iterator[ProgressReporter]:
    """A bar when the console is a terminal, plain lines otherwise."""
    if not console.is_terminal:
        yield PlainProgress()
        return
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(),
               TextColumn("{task.completed:,} documents"), RateColumn(),
               TextColumn("{task.fields[claims]:,} claims"),
               TextColumn("{task.fields[errors]:,} errors"), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("ingest", total=None, claims=0, errors=0)
        yield BarProgress(progress, task)


def ingest_sources(store: Store, sources: list[str], published: date | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES,
                   extract: Callable[[Document], list[Claim]] | None = None,
                   on_problem: Callable[[str], None] = report_problem,
                   progress: ProgressReporter | None = None,
                   engine: Engine | None = None) -> IngestSummary:
    """Read, extract and store every document of the sources; one transaction per document.

    The engine extracts (here, in worker processes or on a Dask cluster); this process reads,
    skips what is stored already, and writes each result as it comes back.
    """
    engine = engine or LocalEngine(extract)
    summary = IngestSummary()

    def advance() -> None:
        if progress is not None:
            progress.advance(summary)

    def to_extract() -> Iterator[Document]:
        for item in read_documents(sources, published, max_bytes):
            if isinstance(item, InputError):
                on_problem(str(item))
                summary.warnings += is_warning(item)
                summary.errors += not is_warning(item)
                advance()
                continue
            if item.id == STDIN_ID:
                # Each text piped in is its own document, not a new version of the last one.
                item = replace(item, id=f"<stdin:{item.content_hash[:16]}>")
            if store.has_document(item):
                summary.unchanged += 1
                advance()
                continue
            yield item

    for document, outcome in engine.run(to_extract()):
        _store_outcome(store, document, outcome, on_problem, summary)
        advance()
    return summary


def _store_outcome(store: Store, document: Document, outcome: Outcome,
                   on_problem: Callable[[str], None], summary: IngestSummary) -> None:
    """Store one document's claims, or report why it has none; count what happened."""
    if isinstance(outcome, Failure):
        on_problem(f"{document.id}: extraction failed ({outcome.reason})")
        summary.errors += 1
        return
    try:
        summary.count(store.add_document(document, outcome))
    except StorageError as err:
        on_problem(str(err))
        summary.errors += 1


def parse_date_option(option: str, value: str | None) -> date | None:
    """A YYYY-MM-DD option's date, or a one-line failure naming the option."""
    if value is None:
        return None
    parsed = parse_iso_date(value)
    if parsed is None or len(value) != 10:
        fail(f"{option}: {value!r} is not a date in the form YYYY-MM-DD", 2)
    return parsed


def open_store_or_fail(db: str | None, create: bool = True) -> Store:
    """The store, or a one-line failure saying why it cannot be opened."""
    try:
        return open_store(db, create=create)
    except StorageError as err:
        fail(str(err))


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl, .rss/.atom/.xml), directories, globs, article or feed URLs, or - for standard input.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for texts that carry none.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse documents larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    engine_name: Annotated[str, typer.Option("--engine", help=f"Where extraction runs: {' or '.join(ENGINES)} (a Dask cluster).")] = "local",
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (local) or local Dask workers (dask).")] = 1,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler, e.g. tcp://HOST:8786 (with --engine dask).")] = None,
) -> None:
    """Read documents, extract their claims and store both (re-running adds nothing twice)."""
    published_on = parse_date_option("--published", published)
    store = open_store_or_fail(db)
    try:
        try:
            engine = make_engine(engine_name, workers, scheduler)
        except InputError as err:
            fail(str(err), 2)
        try:
            with progress_display() as progress:
                summary = ingest_sources(store, sources, published_on, max_bytes,
                                         progress=progress, engine=engine)
        finally:
            engine.close()
    finally:
        store.close()
    print(summary.line())
    if summary.errors:
        raise typer.Exit(1)
