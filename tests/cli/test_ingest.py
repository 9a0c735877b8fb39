"""`counterclaim ingest` end to end: what it stores is what `extract` prints, on both databases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.store import open_store
from counterclaim.store.records import claim_key, record_claim

runner = CliRunner()
REFERENCE = "reference/kursk-north-korean-losses.txt"


def run(*args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


def extracted_records(*args: str) -> list[dict]:
    """What `counterclaim extract --format jsonl` prints."""
    result = run("extract", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def stored_reports(url: str, doc: str | None = None) -> list[dict]:
    with open_store(url) as store:
        return [{k: v for k, v in r.items() if k != "claim_id"} for r in store.iter_reports(doc)]


def test_reference_article_ingested_twice_stores_exactly_what_extract_prints(
        store_url, shared_dir, extract_document):
    path = str(shared_dir / REFERENCE)
    expected = extracted_records("--published", "2024-12-24", path)

    first = run("ingest", "--db", store_url, "--published", "2024-12-24", path)
    second = run("ingest", "--db", store_url, "--published", "2024-12-24", path)

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert first.stdout.strip().splitlines()[-1].startswith("1 document (1 new")
    assert "1 already stored" in second.stdout
    assert stored_reports(store_url) == expected
    with open_store(store_url) as store:
        claims = list(store.iter_claims())
        assert store.counts()["documents"] == 1
    assert len(claims) == len({claim_key(record_claim(r)) for r in expected})
    assert sum(c["reports"] for c in claims) == len(expected)


def events_documents(shared_dir: Path, tmp_path: Path, count: int) -> Path:
    """The first `count` events of events-dev.csv as a JSONL corpus, by the shared tool."""
    tool = shared_dir / "tools" / "score_events.py"
    out = subprocess.run([sys.executable, str(tool), "docs", str(shared_dir / "data" / "events-dev.csv")],
                         check=True, capture_output=True, text=True).stdout
    path = tmp_path / "events.jsonl"
    path.write_text("".join(out.splitlines(keepends=True)[:count]), encoding="utf-8")
    return path


@pytest.mark.postgres
def test_two_hundred_events_give_the_same_claims_in_sqlite_and_postgresql(
        sqlite_url, pg_url, shared_dir, tmp_path, extract_document):
    corpus = events_documents(shared_dir, tmp_path, 200)
    expected = extracted_records(str(corpus))
    stored = {}
    for url in (sqlite_url, pg_url):
        result = run("ingest", "--db", url, str(corpus))
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("200 documents (200 new")
        with open_store(url) as store:
            stored[url] = (list(store.iter_claims()), store.counts())
    assert stored[sqlite_url] == stored[pg_url]
    assert stored_reports(sqlite_url) == stored_reports(pg_url) == expected


def test_summary_line_counts_documents_claims_reports_and_errors(sqlite_url, tmp_path,
                                                                 extract_document):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("The ministry said 14 soldiers were killed on Monday.\n")
    (folder / "two.jsonl").write_text(
        json.dumps({"id": "two", "text": "Police said 3 people were wounded."}) + "\n")
    (folder / "skip.bin").write_bytes(b"\x00\x01")  # not a readable suffix: not even looked at

    result = run("ingest", "--db", sqlite_url, "--published", "2024-03-04", str(folder))

    assert result.exit_code == 0, result.output
    expected = extracted_records("--published", "2024-03-04", str(folder))
    with open_store(sqlite_url) as store:
        counts = store.counts()
    assert counts["reports"] == len(expected)
    last = result.stdout.strip().splitlines()[-1]
    assert last == (f"2 documents (2 new, 0 already stored), {counts['claims']} claim"
                    f"{'' if counts['claims'] == 1 else 's'} found ({counts['claims']} new), "
                    f"{counts['reports']} report{'' if counts['reports'] == 1 else 's'}, 0 errors")
    # Not on a terminal: no progress bar, no escape codes.
    assert "\x1b[" not in result.output


def test_ingest_reads_a_glob_and_the_database_from_the_environment(tmp_path, monkeypatch,
                                                                    extract_document):
    for n in range(3):
        (tmp_path / f"note{n}.txt").write_text(f"Officials said {n + 2} civilians were killed.")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COUNTERCLAIM_DB", str(tmp_path / "env.db"))

    result = run("ingest", "note*.txt")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 documents (3 new")
    with open_store(None) as store:
        assert sorted(d.id for d in store.iter_documents()) == [f"note{n}.txt" for n in range(3)]
    assert not (tmp_path / "counterclaim.db").exists()


def test_default_database_is_counterclaim_db_in_the_working_directory(tmp_path, monkeypatch,
                                                                       extract_document):
    (tmp_path / "a.txt").write_text("Officials said 5 civilians were killed.")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COUNTERCLAIM_DB", raising=False)
    assert run("ingest", "a.txt").exit_code == 0
    assert (tmp_path / "counterclaim.db").exists()


def test_a_bad_published_date_or_database_is_one_line(tmp_path):
    bad_date = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.db"),
                                   "--published", "24/12/2024", "a.txt"])
    assert bad_date.exit_code == 2
    assert bad_date.stderr.strip() == ("counterclaim: --published: '24/12/2024' is not a date "
                                       "in the form YYYY-MM-DD")
    bad_db = runner.invoke(app, ["ingest", "--db", "mysql://nobody@127.0.0.1/x", "a.txt"])
    assert bad_db.exit_code == 1
    assert "unsupported database" in bad_db.stderr
    assert len(bad_db.stderr.strip().splitlines()) == 1
    no_folder = runner.invoke(app, ["ingest", "--db", str(tmp_path / "no" / "x.db"), "a.txt"])
    assert no_folder.exit_code == 1
    assert "does not exist" in no_folder.stderr


def test_texts_piped_in_are_documents_of_their_own(sqlite_url, extract_document):
    for text in ("Police said 3 people were killed.", "Police said 4 people were wounded.",
                 "Police said 3 people were killed."):
        result = runner.invoke(app, ["ingest", "--db", sqlite_url, "-"], input=text)
        assert result.exit_code == 0, result.output
    with open_store(sqlite_url) as store:
        ids = [d.id for d in store.iter_documents()]
    assert len(ids) == 2 and all(i.startswith("<stdin:") for i in ids)


def test_an_extractor_crash_is_one_line_and_the_run_goes_on(sqlite_url, tmp_path, make_claim):
    from counterclaim.cli.ingest import ingest_sources

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.")

    def extract(document):
        if document.id.endswith("b.txt"):
            raise RuntimeError("model exploded")
        return [make_claim(document.id, 5)]

    problems: list[str] = []
    with open_store(sqlite_url) as store:
        summary = ingest_sources(store, [str(tmp_path)], extract=extract,
                                 on_problem=problems.append)
        assert store.counts()["documents"] == 2
    assert problems == [f"{tmp_path / 'b.txt'}: extraction failed (RuntimeError: model exploded)"]
    assert (summary.added, summary.errors, summary.reports) == (2, 1, 2)
