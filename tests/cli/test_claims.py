"""`counterclaim claims`: stored claims once each, with report counts, in four formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.store import open_store

runner = CliRunner()


@pytest.fixture
def filled_url(store_url, make_document, make_claim):
    """A store holding one claim told by three outlets and two told once."""
    with open_store(store_url) as store:
        for n in range(3):
            store.add_document(make_document(f"outlet-{n}"), [
                make_claim(f"outlet-{n}", 3000, category="casualties", claimant="Volodymyr Zelensky",
                           mention="Zelenskyy" if n else "Zelensky", subject="North Korean forces",
                           said_on="2024-12-23", qualifier="more_than")])
        store.add_document(make_document("local"), [
            make_claim("local", 4, category="killed", said_on="2024-12-01"),
            make_claim("local", 9, category="wounded", said_on=None, claimant=None)])
    return store_url


def claims_jsonl(*args: str) -> list[dict]:
    result = runner.invoke(app, ["claims", "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_lists_each_claim_once_with_its_reports(filled_url):
    records = claims_jsonl("--db", filled_url)
    assert [(r["quantity"]["low"], r["reports"]) for r in records] == [(3000, 3), (4, 1), (9, 1)]
    assert records[0]["report_docs"] == ["outlet-0", "outlet-1", "outlet-2"]
    for field in ("id", "doc", "category", "quantity", "subject", "claimant", "said_on",
                  "location", "evidence"):
        assert field in records[0]


def test_filters(filled_url):
    def lows(*args: str) -> list[int]:
        return [r["quantity"]["low"] for r in claims_jsonl("--db", filled_url, *args)]

    assert lows("--category", "killed") == [4]
    assert lows("--claimant", "zelenskyy") == [3000]
    assert lows("--subject", "north korean") == [3000]
    assert lows("--since", "2024-12-02") == [3000]
    assert lows("--until", "2024-12-02") == [4]
    assert lows("--doc", "local") == [4, 9]
    assert lows("--doc", "outlet-2", "--category", "casualties") == [3000]


def test_csv_and_parquet_hold_the_same_rows(filled_url, tmp_path):
    import pyarrow.parquet as pq

    as_csv = runner.invoke(app, ["claims", "--db", filled_url, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    target = tmp_path / "claims.parquet"
    as_parquet = runner.invoke(app, ["claims", "--db", filled_url, "-f", "parquet", "-o", str(target)])
    assert as_parquet.exit_code == 0, as_parquet.output
    table = pq.read_table(target).to_pylist()

    assert [r["reports"] for r in rows] == ["3", "1", "1"]
    assert rows[0]["report_docs"] == "outlet-0 outlet-1 outlet-2"
    assert [r["reports"] for r in table] == [3, 1, 1]
    assert table[0]["report_docs"] == ["outlet-0", "outlet-1", "outlet-2"]
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    assert table[0]["claimant"] == rows[0]["claimant"] == "Volodymyr Zelensky"


def test_table_and_output_file(filled_url, tmp_path):
    target = tmp_path / "claims.txt"
    result = runner.invoke(app, ["claims", "--db", filled_url, "--format", "table", "-o", str(target)])
    assert result.exit_code == 0
    text = target.read_text()
    assert "Volodymyr Zelensky" in text and "reports" in text
    jsonl = tmp_path / "claims.jsonl"
    runner.invoke(app, ["claims", "--db", filled_url, "-o", str(jsonl)])  # a file: jsonl
    assert len(jsonl.read_text().splitlines()) == 3


def test_bad_options_are_one_line(filled_url):
    cases = {
        ("--category", "dead"): "--category: 'dead' is not one of",
        ("--since", "yesterday"): "--since: 'yesterday' is not a date in the form YYYY-MM-DD",
        ("--format", "parquet"): "--format parquet needs a file: add -o FILE.parquet",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["claims", "--db", filled_url, *args])
        assert result.exit_code == 2, args
        assert result.stderr.startswith(f"counterclaim: {message}")
        assert len(result.stderr.strip().splitlines()) == 1


def test_reading_commands_do_not_create_a_missing_store(tmp_path):
    missing = tmp_path / "typo.db"
    for command in ("claims", "reextract"):
        result = runner.invoke(app, [command, "--db", str(missing)])
        assert result.exit_code == 1
        assert result.stderr.strip() == (f"counterclaim: {missing}: no store here yet "
                                         "(counterclaim ingest creates it)")
    assert not missing.exists()
