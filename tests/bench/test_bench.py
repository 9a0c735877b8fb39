"""bench/bench.py's measuring children, run on a tiny corpus (the figures are the script's job)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench.py"
NEWS_ITEM = ("The city council met on Monday to discuss the budget. Roads will be repaired. "
             "Officials said 12 soldiers were killed and 30 wounded in the attack near the border. "
             "The market reopened later.")
QUIET_ITEM = "The festival drew large crowds. Tickets sold out within hours. Organisers were pleased."


@pytest.fixture(scope="module")
def bench() -> object:
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("counterclaim_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A JSONL corpus of two claim articles and one without any claim."""
    path = tmp_path / "corpus.jsonl"
    rows = [{"id": "a", "text": NEWS_ITEM}, {"id": "b", "text": QUIET_ITEM}, {"id": "c", "text": NEWS_ITEM}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_floor_counts_claim_sentences_within_what_the_fast_path_parses(bench: object, corpus: Path) -> None:
    floor = bench.child_floor(corpus)
    # the claim sentence has 16 tokens; the fast path parses it with the sentence before and after
    assert 0 < floor["claim_tokens"] < floor["parsed_tokens"] < floor["tokens"]
    assert floor["claim_tokens"] == 2 * 16
    assert floor["parsed_seconds"] > 0 and floor["claim_seconds"] > 0


def test_the_counterclaim_child_extracts_every_claim(bench: object, corpus: Path) -> None:
    result = bench.child_counterclaim(corpus, 1)
    assert result["claims"] == 4  # killed and wounded, in both claim articles
