"""Document -> claims: run the language pipeline, then read each sentence's figures."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from counterclaim.extraction.attribution import Attribution, DocumentMemory, SentenceAttributor
from counterclaim.extraction.grammar import Reading, read_sentence
from counterclaim.extraction.lexicon import lexicon, phrase_regex
from counterclaim.extraction.nlp import load_pipeline
from counterclaim.extraction.subjects import find_location, find_subject
from counterclaim.models import Actor, Claim, Document, Evidence

DENIAL = re.compile(r"\b(?:denied|denies|deny|dismissed|rejected|refuted)\b", re.I)
SUBSET_MARKERS = re.compile(r"(?:including|among them|among whom|of whom|of them|of which)\s*$", re.I)


def period_of(sent: Span) -> str | None:
    """The period a sentence's figures count over ("24h", "daily", "cumulative"), if stated."""
    text = sent.text
    for period, phrases in lexicon().periods.items():
        if phrase_regex(list(phrases)).search(text):
            return period
    return None


def is_denied(sent: Span, reading: Reading) -> bool:
    """True when the figure is what a speaker denies ("denied that 40 soldiers were killed")."""
    before = sent.doc.text[sent.start_char:reading.figure.start]
    return DENIAL.search(before) is not None and " not " not in before


def claims_of_sentence(doc: Doc, sent: Span, document: Document, memory: DocumentMemory,
                       last_subject: Actor | None) -> tuple[list[Claim], Attribution]:
    """The claims of one sentence and its attribution."""
    attribution = SentenceAttributor(sent, memory).attribute()
    readings = read_sentence(doc, sent)
    claims: list[Claim] = []
    if not readings:
        return claims, attribution
    period = period_of(sent)
    for reading in readings:
        if any(reading.figure_span.start <= i < reading.figure_span.end for i in attribution.speaker_tokens):
            continue
        if is_denied(sent, reading):
            continue
        subject = find_subject(reading, sent, attribution.speaker_tokens, last_subject)
        location = find_location(reading, sent, attribution.speaker_tokens)
        start, end = reading.evidence_bounds
        figure = reading.figure
        from counterclaim.models import Quantity

        claims.append(Claim(
            doc=document.id,
            category=reading.category,
            quantity=Quantity(figure.low, figure.high, figure.qualifier, reading.unit, figure.text),
            subject=subject,
            claimant=attribution.claimant,
            said_on=attribution.said_on if attribution.claimant is not None else None,
            location=location,
            evidence=Evidence(start, end, doc.text[start:end]),
            period=period,
        ))
        if subject is not None and subject.country:
            last_subject = subject
    return claims, attribution


def extract_claims(document: Document) -> list[Claim]:
    """Every source-attributed quantitative claim of a document, in text order."""
    nlp = load_pipeline()
    doc = nlp(document.text)
    return claims_from_doc(doc, document)


def claims_from_doc(doc: Doc, document: Document) -> list[Claim]:
    """The claims of an already parsed document."""
    memory = DocumentMemory(document.published)
    claims: list[Claim] = []
    last_subject: Actor | None = None
    for sent in doc.sents:
        found, attribution = claims_of_sentence(doc, sent, document, memory, last_subject)
        memory.remember(attribution)
        memory.note_dates(sent)
        for claim in found:
            if claim.subject is not None and claim.subject.country:
                last_subject = claim.subject
        claims.extend(found)
    return claims
