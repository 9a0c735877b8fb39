"""Reading local sources: directories, globs, JSONL corpora, encodings and refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from counterclaim.errors import InputError
from counterclaim.ingest.files import is_warning, looks_binary, read_documents
from counterclaim.models import Document


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)],
            [str(i) for i in items if isinstance(i, InputError)])


def test_a_directory_is_read_recursively_and_only_readable_suffixes(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One report.")
    (tmp_path / "a" / "deep" / "two.md").write_text("Two reports.")
    (tmp_path / "a" / "deep" / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden.")
    docs, problems = split(read_documents([str(tmp_path / "a")], date(2024, 1, 2)))
    assert [Path(d.id).name for d in docs] == ["two.md", "one.txt"]
    assert {d.published for d in docs} == {date(2024, 1, 2)}
    assert problems == []


def test_a_glob_reads_what_it_matches_and_says_when_nothing_does(tmp_path: Path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Text of {name}.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x3.txt").write_text("Deeper.")
    docs, problems = split(read_documents([str(tmp_path / "x*.txt"),
                                           str(tmp_path / "**" / "x3.txt"),
                                           str(tmp_path / "z*.txt")]))
    assert [Path(d.id).name for d in docs] == ["x1.txt", "x2.txt", "x3.txt"]
    assert problems == [f"{tmp_path / 'z*.txt'}: no file matches this pattern"]


def test_jsonl_good_lines_are_read_and_each_bad_line_named(tmp_path: Path):
    lines = [
        json.dumps({"id": 7, "text": "Seven.", "published": "2023-05-06", "title": "T",
                    "url": "https://news.example/7", "outlet": "Example", "language": "en"}),
        "",
        "[1, 2]",
        '{"id": "x", "text": ',
        json.dumps({"text": "No id."}),
        json.dumps({"id": "blank", "text": "   "}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, problems = split(read_documents([str(path)], date(2020, 1, 1)))
    assert docs[0] == Document(id="7", text="Seven.", published=date(2023, 5, 6), title="T",
                               url="https://news.example/7", outlet="Example", language="en")
    assert docs[1].id == f"{path}:5" and docs[1].published == date(2020, 1, 1)
    assert problems == [
        f'{path}:3: not a document: expected an object with a "text" string',
        f"{path}:4: not valid JSON (Expecting value)",
        f"{path}:6: empty document",
    ]


def test_jsonl_size_limit_applies_to_each_document_not_the_corpus(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    rows = [{"id": f"d{n}", "text": "x" * 50} for n in range(10)] + [{"id": "big", "text": "y" * 500}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    docs, problems = split(read_documents([str(path)], max_bytes=200))
    assert len(docs) == 10
    assert len(problems) == 1 and problems[0].startswith(f"{path}:11: ")
    assert "over the size limit of 200 bytes" in problems[0]


def test_jsonl_with_long_first_lines_keeps_line_numbers(tmp_path: Path):
    # The first lines are longer than the block read to sniff for binary data.
    rows = [{"id": f"d{n}", "text": "z" * 5000} for n in range(4)]
    path = tmp_path / "long.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{oops\n")
    docs, problems = split(read_documents([str(path)]))
    assert [d.id for d in docs] == ["d0", "d1", "d2", "d3"]
    assert problems == [f"{path}:5: not valid JSON (Expecting property name enclosed in double quotes)"]


def test_invalid_utf8_is_replaced_with_a_warning_and_nul_replaced(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Café said 3 killed.".encode("latin-1") + b" tail")
    corpus = tmp_path / "nul.jsonl"
    corpus.write_text(json.dumps({"id": "n", "text": "a\u0000b"}) + "\n")
    items = list(read_documents([str(path), str(corpus)]))
    warnings = [i for i in items if isinstance(i, InputError)]
    assert all(is_warning(w) for w in warnings)
    assert [w.reason for w in warnings] == [
        "warning: invalid UTF-8 at byte 3; undecodable bytes replaced",
        "warning: NUL characters replaced"]
    docs = [i for i in items if isinstance(i, Document)]
    assert docs[0].text == "Caf\ufffd said 3 killed. tail"
    assert docs[1].text == "a\ufffdb"


def test_binary_data_is_recognised():
    assert looks_binary(b"PK\x03\x04\x00\x00")
    assert looks_binary(bytes(range(128, 256)) * 10)
    assert not looks_binary("Ünïcödé text, with some accents: é à ç.".encode())
    assert not looks_binary("Le maire a dit que 4 civils ont été tués.".encode("latin-1"))


def test_html_file_gives_its_main_text_and_metadata(tmp_path: Path):
    page = tmp_path / "article.html"
    page.write_text("""<!DOCTYPE html><html lang="en"><head><title>Shelling in the east</title>
        <meta property="og:site_name" content="Example Daily">
        <meta name="date" content="2024-02-03"></head>
        <body><nav>Home | World</nav><article><h1>Shelling in the east</h1>
        <p>The regional governor said on Saturday that 11 civilians were killed when shells hit
        a market in the town centre. Rescue teams were still searching the rubble at night.</p>
        <p>Another 20 people were wounded, according to the local hospital, which asked
        residents to donate blood as supplies were running low.</p></article>
        <footer>Copyright</footer></body></html>""")
    (doc,) = [i for i in read_documents([str(page)], date(2000, 1, 1)) if isinstance(i, Document)]
    assert "11 civilians were killed" in doc.text
    assert "Copyright" not in doc.text
    assert doc.title == "Shelling in the east"
    assert doc.published == date(2024, 2, 3)
    assert doc.outlet == "Example Daily"


def test_an_over_limit_file_is_refused_without_being_read(tmp_path: Path):
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        out.truncate(5000)  # sparse: never read
    (problem,) = read_documents([str(path)], max_bytes=4000)
    assert str(problem) == (f"{path}: 5,000 bytes is over the size limit of 4,000 bytes "
                            "(raise it with --max-bytes)")
