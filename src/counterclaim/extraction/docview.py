"""Cached views of a parsed Doc: spaCy rebuilds `doc.text` and `doc.ents` on every access."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def text_of(doc: Doc) -> str:
    """The document's text, built once."""
    cached = doc.user_data.get("counterclaim_text")
    if cached is None:
        cached = doc.user_data["counterclaim_text"] = doc.text
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
