"""`counterclaim reextract`: read again the documents an older extractor version read.

Claim ids are derived from what the claim says (claimant, category, figure, subject, date),
so a claim the new extractor still finds keeps its id; claims no document reports any more
are dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from counterclaim.cli.app import app, report_problem, stderr
from counterclaim.cli.ingest import (
    DbOption,
    IngestSummary,
    ProgressReporter,
    open_store_or_fail,
    progress_display,
)
from counterclaim.errors import CounterclaimError
from counterclaim.models import Claim, Document
from counterclaim.store import Store


def reextract_documents(store: Store, extract: Callable[[Document], list[Claim]] | None = None,
                        on_problem: Callable[[str], None] = report_problem,
                        progress: ProgressReporter | None = None) -> IngestSummary:
    """Re-extract every document stored by another extractor version, one transaction each."""
    if extract is None:
        from counterclaim import extract_document as extract
    summary = IngestSummary()
    for document_id in store.outdated_document_ids():
        document = store.get_document(document_id)
        if document is None:  # removed by another process since the list was made
            continue
        try:
            claims = extract(document)
            summary.count(store.add_document(document, claims, replace=True))
        except CounterclaimError as err:
            on_problem(f"{document_id}: {err}")
            summary.errors += 1
        except Exception as err:  # noqa: BLE001 (one document's crash must not stop the run)
            on_problem(f"{document_id}: extraction failed ({type(err).__name__}: {err})")
            summary.errors += 1
        if progress is not None:
            progress.advance(summary)
    return summary


@app.command()
def reextract(db: DbOption = None) -> None:
    """Re-extract the documents whose claims came from an older extractor version."""
    store = open_store_or_fail(db, create=False)
    try:
        with progress_display(stderr) as progress:
            summary = reextract_documents(store, progress=progress)
    finally:
        store.close()
    print(f"re-extracted {summary.line()}")
    if summary.errors:
        raise typer.Exit(1)
