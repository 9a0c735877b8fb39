"""Cached views of a parsed Doc: spaCy rebuilds `doc.text` and `doc.ents` on every access."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token


TEXT_KEY = "counterclaim_text"
PARSED_KEY = "counterclaim_parsed"  # token ranges the fast path parsed; absent: all of it


def text_of(doc: Doc) -> str:
    """The document's text, built once."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """The document's entities, built once (read after the pipeline has run)."""
    cached = doc.user_data.get("counterclaim_ents")
    if cached is None:
        cached = doc.user_data["counterclaim_ents"] = tuple(doc.ents)
    return cached


def sentence_ents(sent: Span) -> list[Span]:
    """The entities that start inside a sentence."""
    return [ent for ent in ents_of(sent.doc) if sent.start <= ent.start < sent.end]


def is_parsed(sent: Span) -> bool:
    """True when the full pipeline read this sentence (the fast path only tokenised the rest)."""
    runs = sent.doc.user_data.get(PARSED_KEY)
    return runs is None or any(start <= sent.start < end for start, end in runs)


def parsed_tokens(doc: Doc) -> Iterator[Token]:
    """The tokens the full pipeline read, in order (every token when the whole text was parsed)."""
    runs = doc.user_data.get(PARSED_KEY)
    if runs is None:
        yield from doc
        return
    for start, end in runs:
        yield from doc[start:end]
