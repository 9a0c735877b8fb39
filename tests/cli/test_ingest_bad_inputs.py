"""Bad input gives one line naming the source and the reason, and leaves the store as it was."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.store import open_store

runner = CliRunner()
GOOD_TEXT = "The regional governor said 9 civilians were killed in the shelling on Tuesday."


def snapshot(url: str) -> tuple[list[dict], list]:
    with open_store(url) as store:
        return list(store.iter_claims()), list(store.iter_documents())


def test_bad_inputs_each_give_one_line_and_spare_what_was_stored(store_url, tmp_path,
                                                                 extract_document):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT)
    first = runner.invoke(app, ["ingest", "--db", store_url, "--published", "2024-06-04",
                                str(good)])
    assert first.exit_code == 0, first.output
    before = snapshot(store_url)
    assert before[0], "the good document should give at least one claim"

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "picture.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "latin1.txt").write_bytes("Le maire a dit que 4 civils ont été tués.".encode("latin-1"))
    # Unclosed tags are read for what text they hold; a page with no text at all is refused.
    (bad / "broken.html").write_text("<html><body><div><p>Officials said 6 were killed<p><b>")
    (bad / "no-text.html").write_text("<html><head><script>var x = 1;</script></head><body>")
    (bad / "mixed.jsonl").write_text("\n".join([
        json.dumps({"id": "line-1", "text": "Police said 2 people were killed."}),
        "{not json",
        json.dumps({"id": "line-3"}),
        json.dumps({"id": "line-4", "text": "Police said 5 people were wounded."}),
    ]) + "\n")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:  # 70 MB, written in blocks
        block = (GOOD_TEXT + "\n").encode() * 1000
        while out.tell() < 70 * 1024 * 1024:
            out.write(block)
    small_limit = tmp_path / "over-limit.txt"
    small_limit.write_text(GOOD_TEXT * 10)

    result = runner.invoke(app, [
        "ingest", "--db", store_url, "--published", "2024-06-05",
        str(bad), str(huge), str(tmp_path / "missing.txt"), "http://127.0.0.1:9/article",
    ])
    limited = runner.invoke(app, ["ingest", "--db", store_url, "--max-bytes", "100",
                                  str(small_limit)])

    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    expected = {
        "picture.txt": "binary file, not text",
        "empty.txt": "empty file",
        "latin1.txt": "warning: invalid UTF-8 at byte",
        "no-text.html": "no article text found in the HTML",
        "mixed.jsonl:2": "not valid JSON",
        "mixed.jsonl:3": 'not a document: expected an object with a "text" string',
        "huge.txt": "bytes is over the size limit of 10,485,760 bytes",
        "missing.txt": "no such file or directory",
        "http://127.0.0.1:9/article": "unreachable",
    }
    for source, reason in expected.items():
        matching = [line for line in lines if f"{source}: " in line]
        assert len(matching) == 1, (source, lines)
        assert matching[0].startswith("counterclaim: ") and reason in matching[0], matching
    assert len(lines) == len(expected)
    assert "Traceback" not in result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.endswith("8 errors, 1 warning"), summary

    assert limited.exit_code == 1
    assert limited.stderr.strip() == (f"counterclaim: {small_limit}: {len(GOOD_TEXT) * 10:,} bytes "
                                      "is over the size limit of 100 bytes (raise it with --max-bytes)")

    claims, documents = snapshot(store_url)
    old_claims, old_documents = before
    assert claims[:len(old_claims)] == old_claims
    assert documents[0] == old_documents[0]
    stored_ids = {d.id for d in documents}
    # The good JSONL lines, the latin-1 text (bytes replaced) and the broken HTML's text.
    assert {"line-1", "line-4", str(bad / "latin1.txt"), str(bad / "broken.html")} <= stored_ids
    assert str(huge) not in stored_ids and str(bad / "picture.txt") not in stored_ids
    assert "\ufffd" in next(d.text for d in documents if d.id.endswith("latin1.txt"))
    os.remove(huge)
