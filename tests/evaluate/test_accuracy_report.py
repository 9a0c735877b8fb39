"""The error-analysis page and the `counterclaim eval` command, with fake extraction."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import counterclaim
from counterclaim.cli import app
from counterclaim.evaluate import accuracy_markdown, evaluate_gold_file, load_gold
from eval_fakes import fake_claim

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold-fake.jsonl"
EVENTS = DATA / "events.csv"
runner = CliRunner()


def imperfect_predictions() -> dict[str, list]:
    """One claim right with a wrong claimant, one missed, one spurious."""
    t = {d.id: d.text for d in load_gold(GOLD)}
    return {
        "brook-1": [fake_claim("brook-1", t["brook-1"], "12 dockworkers were killed", "killed",
                               12, claimant="Coastal Police", said_on="2031-03-10",
                               place="Port Aldane")],
        "brook-2": [fake_claim("brook-2", t["brook-2"], "300 volunteers", "deployed", 300,
                               qualifier="at_least", place="Orrin")],
        "brook-3": [fake_claim("brook-3", t["brook-3"], "2,000 paintings", "equipment", 2000)],
    }


@pytest.fixture
def fake_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the extractor behind `counterclaim eval` with canned answers."""
    predictions = imperfect_predictions()
    monkeypatch.setattr(counterclaim, "extract_document", lambda d: list(predictions[d.id]))
    tallies = {"alpha_set:7": {"killed": 2, "wounded": 5}, "beta_set:9": {"killed": 1}}
    monkeypatch.setattr(counterclaim, "extract_document_with_tally",
                        lambda d: ([], tallies.get(d.id, {})))


def test_report_counts_classes_and_quotes_no_passage_text() -> None:
    predictions = imperfect_predictions()
    evaluation = evaluate_gold_file(GOLD, lambda d: list(predictions[d.id]))
    page = accuracy_markdown("counterclaim eval gold.jsonl --write-report out.md", [evaluation],
                             [], "9.9.9", date(2031, 1, 2))
    assert page.startswith("# Accuracy and remaining failures")
    assert "counterclaim eval gold.jsonl --write-report out.md" in page.split("\n## ")[0]
    assert "Extractor version 9.9.9, generated on 2031-01-02" in page
    assert "| 0.667 | 0.667 | 0.667 | 2 | 1 | 1 | 1 |" in page
    for row in ("| miss: figure not found | 1 |", "| claimant wrong | 1 |",
                "| spurious: figure in a passage without claims | 1 |"):
        assert row in page
    assert "brook-1#1: gold wounded 40 (exactly); no prediction reads this figure" in page
    for document in load_gold(GOLD):
        for sentence in document.text.split(", "):
            assert sentence not in page


def test_eval_command_prints_figures_and_errors(fake_extraction: None) -> None:
    result = runner.invoke(app, ["eval", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "MISS     brook-1#1: wounded 40  «40 were injured»" in result.output
    assert "SPURIOUS brook-3: equipment 2000  «2,000 paintings»" in result.output
    assert "WRONG    brook-1#0: killed 12 claimant: expected 'Harbour Authority of Velmora', " \
           "got 'Coastal Police'" in result.output
    assert "0.667" in result.output
    quiet = runner.invoke(app, ["eval", str(GOLD), "--no-show-errors"])
    assert "MISS" not in quiet.output and "0.667" in quiet.output


def test_eval_command_json(fake_extraction: None) -> None:
    result = runner.invoke(app, ["eval", str(GOLD), "--events", str(EVENTS), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    claims, events = summary["claims"][0], summary["events"][0]
    assert (claims["true_positives"], claims["false_positives"], claims["false_negatives"]) == (2, 1, 1)
    assert claims["attributes"]["claimant"] == {"right": 1, "checked": 2, "accuracy": 0.5}
    assert [m["gold"] for m in claims["misses"]] == ["brook-1#1"]
    assert events["accuracy"]["all"]["killed"] == {"right": 2, "scored": 3, "accuracy": 0.6667}
    assert events["accuracy"]["beta_set"]["wounded"]["right"] == 0
    assert [(m["doc"], m["column"]) for m in events["mismatches"]] == [
        ("beta_set:9", "killed"), ("beta_set:9", "wounded")]


def test_eval_events_lists_mismatches(fake_extraction: None) -> None:
    result = runner.invoke(app, ["eval", "--events", str(EVENTS)])
    assert result.exit_code == 0, result.output
    assert "MISMATCH beta_set:9 killed: gold 11, got 1  «An explosion at a depot" in result.output
    assert "alpha_set" in result.output


def test_write_report_regenerates_the_page(fake_extraction: None, tmp_path: Path) -> None:
    target = tmp_path / "accuracy.md"
    result = runner.invoke(app, ["eval", str(GOLD), "--events", str(EVENTS), "--no-show-errors",
                                 "--write-report", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert f"counterclaim eval {GOLD} --events {EVENTS} --no-show-errors --write-report {target}" in page
    assert "## Event tallies" in page and "| killed: too low | 1 |" in page


def test_save_predictions_writes_claim_records_and_tallies(fake_extraction: None,
                                                           tmp_path: Path) -> None:
    target = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", str(GOLD), "--events", str(EVENTS), "--no-show-errors",
                                 "--save-predictions", str(target)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["doc"] for r in rows] == ["brook-1", "brook-2", "brook-3", "alpha_set:7",
                                        "alpha_set:8", "beta_set:9"]
    assert rows[0]["evidence"]["text"] == "12 dockworkers were killed"
    assert rows[3] == {"doc": "alpha_set:7", "killed": 2, "wounded": 5}


@pytest.mark.parametrize("args", [
    ["eval"],
    ["eval", "missing-file.jsonl"],
    ["eval", "--events", "missing-file.csv"],
])
def test_bad_input_is_one_line_and_a_failure(args: list[str], fake_extraction: None) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("counterclaim: ")


def test_a_malformed_gold_line_is_named(tmp_path: Path, fake_extraction: None) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOLD.read_text() + '{"id": "x", "text": "y", "claims": "none"}\n')
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"counterclaim: {gold}:4: x: missing \"claims\" "
                                     "(a list, empty when the text holds none)")
