"""`counterclaim estimate` and `counterclaim report` from JSONL files and from the store."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from counterclaim.cli import app

from builders import kursk_claims

runner = CliRunner()


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def test_estimate_json_from_a_claims_file(tmp_path):
    claims = write_jsonl(tmp_path / "kursk.jsonl", kursk_claims())
    result = runner.invoke(app, ["estimate", "--claims", str(claims), "--format", "json",
                                 "--subject", "KP", "--category", "casualties"])
    assert result.exit_code == 0, result.output
    (series,) = json.loads(result.stdout)
    assert series["subject"]["country"] == "KP" and series["category"] == "casualties"
    last = series["points"][-1]
    assert (last["low"], last["best"], last["high"]) == (200, 1100, 3000)


def test_estimate_model_csv_and_plot(tmp_path):
    claims = write_jsonl(tmp_path / "kursk.jsonl", kursk_claims())
    plot = tmp_path / "plot.png"
    result = runner.invoke(app, ["estimate", "--claims", str(claims), "--method", "model",
                                 "--format", "csv", "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("series,subject,subject_country,category,location")
    assert sum(",model," in line for line in lines) == 4
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_bad_inputs_give_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\nnot json\n', "utf-8")
    result = runner.invoke(app, ["estimate", "--claims", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"counterclaim: {bad}:2: not JSON (Expecting value)"
    result = runner.invoke(app, ["estimate", "--claims", str(bad), "--plot", "x.pdf"])
    assert result.exit_code == 2 and "must end in .png, .svg or .html" in result.stderr
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(app, ["estimate", "--claims", str(missing)])
    assert result.exit_code == 1 and result.stderr.startswith(f"counterclaim: {missing}: cannot read")
    record = kursk_claims()[1]
    record["quantity"]["low"] = "thirty"
    result = runner.invoke(app, ["estimate", "--claims", str(write_jsonl(bad, [record]))])
    assert result.exit_code == 1
    assert "claim gur-30: quantity.low is not a number: 'thirty'" in result.stderr


def test_report_command_writes_one_file(tmp_path):
    claims = write_jsonl(tmp_path / "kursk.jsonl", kursk_claims())
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--claims", str(claims), "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!doctype html>")


def test_estimate_from_the_store_dates_undated_claims_by_publication(tmp_path, make_claim,
                                                                      make_document):
    from counterclaim.store import open_store

    db = str(tmp_path / "store.db")
    with open_store(db) as store:
        store.add_document(make_document("a", published="2024-05-02"),
                           [make_claim("a", 10, said_on="2024-05-01"),
                            make_claim("a", 25, said_on=None, start=50, claimant="Observer")])
        store.add_document(make_document("b", published="2024-05-06"),
                           [make_claim("b", 40, said_on="2024-05-05", claimant="Observer")])
    result = runner.invoke(app, ["estimate", "--db", db, "--format", "json", "--category", "killed"])
    assert result.exit_code == 0, result.output
    (series,) = json.loads(result.stdout)
    assert [p["date"] for p in series["points"]] == ["2024-05-01", "2024-05-02", "2024-05-05"]
    undated = next(c for c in series["claims"] if c["said_on"] is None)
    assert (undated["date_used"], undated["date_basis"]) == ("2024-05-02", "published")
    assert series["points"][-1]["high"] == 40
    assert date.fromisoformat(series["points"][-1]["date"])
