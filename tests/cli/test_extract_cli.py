"""`counterclaim extract`: formats, tallies, and one-line errors on bad input."""

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from counterclaim.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def test_jsonl_prints_the_claim_record(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", "--published", "2025-03-04",
                                 str(EXAMPLES / "pokrovsk-day1.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"doc", "category", "quantity", "subject", "claimant", "said_on", "location",
            "evidence"} <= set(records[0])
    first = records[0]
    assert (first["category"], first["quantity"]["low"], first["quantity"]["qualifier"]) == ("killed", 45, "at_least")
    assert first["said_on"] == "2025-03-04"
    text = (EXAMPLES / "pokrovsk-day1.txt").read_text()
    assert text[first["evidence"]["start"]:first["evidence"]["end"]] == first["evidence"]["text"]


def test_csv_and_tally() -> None:
    result = runner.invoke(app, ["extract", "--format", "csv", "--published", "2025-03-04",
                                 str(EXAMPLES / "pokrovsk-day1.txt")])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["category"] == "killed"
    assert list(rows[0])[-1] == "via"  # the added column comes last: the claim format's come first
    relayed = runner.invoke(app, ["extract", "--format", "csv", "-"],
                            input="Nine guards were killed, the agency reported, citing two officials.")
    assert [(r["low"], r["claimant"], r["via"]) for r in csv.DictReader(io.StringIO(relayed.stdout))] == [
        ("9", "Officials", "Agency")]
    tally = runner.invoke(app, ["extract", "--tally", "--format", "jsonl", str(EXAMPLES / "corpus.jsonl")])
    lines = [json.loads(line) for line in tally.stdout.splitlines()]
    assert [line["doc"] for line in lines] == ["wire-2025-03-05", "wire-2025-03-07"]
    assert lines[0]["killed"] == 52


def test_html_page_carries_its_own_date() -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(EXAMPLES / "pokrovsk-day3.html")])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(r["quantity"]["low"] == 70 and r["said_on"] == "2025-03-05" for r in records)


def test_bad_inputs_get_one_line_each_and_the_rest_is_read(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("At least 12 soldiers were killed near Kherson, officials said. Caf\xe9".encode("latin-1"))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Five civilians were killed in the shelling."}\n'
                      '{"id": "b", "text": broken\n'
                      '{"id": "c", "text": "Two soldiers were wounded."}\n')
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(binary), str(empty),
                                 str(latin), str(corpus), str(tmp_path / "missing.txt")])
    errors = result.stderr.splitlines()
    assert result.exit_code == 1
    assert any(str(binary) in line and "binary" in line for line in errors)
    assert any(str(empty) in line and "empty" in line for line in errors)
    assert any(str(latin) in line and "UTF-8" in line for line in errors)
    assert any(f"{corpus}:2" in line and "JSON" in line for line in errors)
    assert any("missing.txt" in line for line in errors)
    assert not any("Traceback" in line for line in errors)
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert {"a", "c", str(latin)} <= docs


def test_a_bad_published_date_is_refused() -> None:
    result = runner.invoke(app, ["extract", "--published", "24/12/2024", "-"], input="text")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
