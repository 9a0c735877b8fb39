"""Document -> claims: run the language pipeline, then read each sentence's figures."""

from __future__ import annotations

import os
import re
from functools import cache
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from counterclaim.extraction.docview import is_parsed, text_of
from counterclaim.extraction.attribution import (Attribution, DocumentMemory, SentenceAttributor,
                                                 resolve_date)
from counterclaim.extraction.grammar import Reading, SentenceReader
from counterclaim.extraction.lexicon import lexicon, phrase_regex
from counterclaim.extraction.nlp import load_pipeline
from counterclaim.extraction.places import gazetteer
from counterclaim.extraction.tally import tally_document
from counterclaim.extraction.subjects import (document_theatre, find_location, find_subject,
                                              sentence_place)
from counterclaim.models import Actor, Claim, Document, Evidence, Place, Quantity

DENIAL = re.compile(r"\b(?:denied|denies|deny|dismissed|rejected|refuted)\b", re.I)
DENIAL_ENDS = re.compile(r"\b(?:saying|said|says|but|while|adding|added|although|though)\b", re.I)
# "KYIV, Nov 3 (Reuters) -", "MOGADISHU, Somalia, Aug. 20 (AFP) -", "PORT SUDAN:"
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\- ]{2,}?|[A-Z][a-z]+(?= ?,\s*[A-Z][a-z]{2}))"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z.\- ]{2,}?))?"
    r"(?:,?\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z.&' ]+)\))?\s*(?:[-—–:]{1,2}\s|(?<=\d)\.\s)")
# what joins a figure to the one before it as part of the same statement
JOINED_FIGURE = re.compile(r"^\s*,?\s*(?:with|and|plus|as well as|including)\s+(?:another\s+|a further\s+)?$", re.I)
FULL_PARSE_ENV = "COUNTERCLAIM_FULL_PARSE"  # 1: parse every sentence (to compare with the fast path)
LOSS_CUES = {"lost", "lose", "losing", "loss", "losses"}


@dataclass(frozen=True)
class Dateline:
    """The place line that opens wire copy; its figures are never claims."""

    end: int
    place: Place | None
    day: str | None = None  # "Nov 3": the day the story was filed


def read_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a text, if there is one."""
    match = DATELINE.match(text[:120])
    if not match or not (match.group("date") or match.group("agency") or match.group("city").isupper()):
        return None
    city = match.group("city").strip()
    entry = gazetteer().lookup(city.title()) or gazetteer().lookup(city)
    return Dateline(match.end(), entry.to_place(city) if entry else None, match.group("date"))


def period_near(sent: Span, reading: Reading, lo: int, hi: int) -> str | None:
    """The period phrase nearest to a figure between character bounds ("in the past 24 hours")."""
    best: tuple[int, str] | None = None
    text = text_of(sent.doc)
    for period, phrases in lexicon().periods.items():
        for match in period_regex(period).finditer(text, lo, hi):
            distance = min(abs(match.start() - reading.figure.end), abs(reading.figure.start - match.end()))
            if best is None or distance < best[0]:
                best = (distance, period)
    return best[1] if best else None


@cache
def period_regex(period: str) -> re.Pattern[str]:
    """The compiled phrases of one period."""
    return phrase_regex(list(lexicon().periods[period]))


def is_denied(sent: Span, reading: Reading) -> bool:
    """True when the figure is what a speaker denies ("denied that 40 soldiers were killed")."""
    before = text_of(sent.doc)[sent.start_char:reading.figure.start]
    denial = None
    for denial in DENIAL.finditer(before):
        pass
    return denial is not None and not DENIAL_ENDS.search(before[denial.end():])


def attribution_for(reading: Reading, options: list[Attribution]) -> Attribution | None:
    """The attribution whose reporting verb governs the figure, else the first one."""
    if not options:
        return None
    sent = reading.figure_span.sent
    # "Rebels said ...; the army said ...", "officials gave ..., while a spokesman cited ...":
    # a speaker speaks for the figures of its own clause
    breaks = [t.i for t in sent if t.text == ";" or t.lower_ in ("while", "whereas")]
    clause = sum(1 for b in breaks if b < reading.figure_span.start)
    node: Token = reading.figure_span.root
    by_verb = {option.verb: option for option in reversed(options) if option.verb >= 0}
    for _ in range(12):  # the nearest reporting verb above the figure speaks for it
        if node.i in by_verb and sum(1 for b in breaks if b < node.i) == clause:
            return by_verb[node.i]
        if node.head == node:
            break
        node = node.head
    for option in options:
        anchor = option.verb if option.verb >= 0 else min(option.speaker_tokens, default=-1)
        if anchor >= 0 and sum(1 for b in breaks if b < anchor) == clause:
            return option
    own = [option for option in options if not speaks_for_a_later_clause(option, breaks, clause)]
    return own[0] if own else None


def speaks_for_a_later_clause(option: Attribution, breaks: list[int], clause: int) -> bool:
    """True for a speaker whose statement opens after the figure's clause ("14 killed; Kyiv
    says 1,200 ..."): its words follow it, so it does not reach back ("...; 3 hurt, police said")."""
    if option.verb < 0 or not breaks or option.content_start <= option.verb:
        return False
    return sum(1 for b in breaks if b < option.verb) > clause


class DocumentReader:
    """Reads a parsed document sentence by sentence, remembering what came before."""

    def __init__(self, doc: Doc, document: Document) -> None:
        self.doc = doc
        self.document = document
        self.memory = DocumentMemory(document.published)
        self.dateline = read_dateline(text_of(doc))
        self.last_subject: Actor | None = None
        self.last_place: Place | None = self.dateline.place if self.dateline else None
        self.carried: Attribution | None = None
        self.previous_claims: list[Claim] = []
        self.sentence_subject: Actor | None = None
        self.told: set[tuple] = set()
        self.theatre: Place | None = None

    def claims(self) -> list[Claim]:
        """Every claim of the document, in text order."""
        sentences = list(self.doc.sents)
        self.memory.prepare(self.doc)
        if self.dateline is not None and self.dateline.day:
            self.memory.last_date = resolve_date(self.dateline.day, self.memory)
        self.theatre = document_theatre(self.doc)
        # first pass: who speaks in each sentence, in order, so that "he said" resolves
        options_by_sentence: list[list[Attribution]] = []
        for sent in sentences:
            # an unparsed sentence has no verbs or subjects: no speaker to find in it
            options = SentenceAttributor(sent, self.memory).attributions() if is_parsed(sent) else []
            options_by_sentence.append(options)
            if options:
                self.memory.remember(options[0])
            elif is_parsed(sent):
                self.memory.note_person(sent)
            self.memory.note_dates(sent)
        found: list[Claim] = []
        previous_end = 0
        for index, sent in enumerate(sentences):
            if "\n" in text_of(self.doc)[previous_end:sent.start_char]:
                self.carried = None  # a new paragraph: no claimant carries over
            previous_end = sent.end_char
            options = options_by_sentence[index] or self.quoted_speaker(sentences, options_by_sentence, index)
            claims = [c for c in self.sentence_claims(sent, options) if self.first_telling(c)]
            found.extend(claims)
            if claims:
                self.previous_claims = claims
            if options:
                self.carried = options[0]
        return found

    def first_telling(self, claim: Claim) -> bool:
        """False for a claim the document already made ("... over 1,400 killed", then a quote)."""
        if claim.claimant is None:
            return True
        key = (claim.category, claim.quantity.low, claim.quantity.high, claim.claimant.name)
        if key in self.told:
            return False
        self.told.add(key)
        return True

    def quoted_speaker(self, sentences: list[Span], options_by_sentence: list[list[Attribution]],
                       index: int) -> list[Attribution]:
        """For a sentence inside a quotation, the speaker named where the quotation closes."""
        text = text_of(self.doc)[sentences[index].start_char:sentences[index].end_char].lstrip()
        if not text.startswith(("“", '"', "‘")) and not self.inside_quote(sentences[index]):
            return []
        for later in range(index + 1, min(index + 4, len(sentences))):
            between = text_of(self.doc)[sentences[later - 1].end_char:sentences[later].start_char]
            if "\n" in between:
                return []
            if options_by_sentence[later]:
                return options_by_sentence[later][:1]
        return []

    def inside_quote(self, sent: Span) -> bool:
        """True when a quotation opened before this sentence in its paragraph is still open."""
        start = text_of(self.doc).rfind("\n", 0, sent.start_char) + 1
        before = text_of(self.doc)[start:sent.start_char]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1

    def sentence_claims(self, sent: Span, options: list[Attribution]) -> list[Claim]:
        """The claims of one sentence; one the fast path left unparsed holds none, only a place."""
        place_here = sentence_place(sent, frozenset())
        self.sentence_subject = None
        claims = self.read_claims(sent, options) if is_parsed(sent) else []
        if place_here is not None:
            self.last_place = place_here
        return claims

    def read_claims(self, sent: Span, options: list[Attribution]) -> list[Claim]:
        """The claims of a parsed sentence."""
        reader = SentenceReader(self.doc, sent)
        people_before = [c for c in self.previous_claims
                         if c.category in ("killed", "wounded", "captured", "missing", "casualties")]
        readings = reader.read(
            fallback=(people_before[0].category, max(c.quantity.low or 0 for c in people_before))
            if people_before else None)
        if self.dateline is not None:
            readings = [r for r in readings if r.figure.start >= self.dateline.end]
        readings = [r for r in readings if not is_denied(sent, r)]
        if any(r.category == "wounded" for r in readings):
            # "lost 40 men and another 65 were wounded": the loss is the dead
            readings = [relabel(r, "killed") if r.category == "casualties" and r.cue is not None
                        and r.cue.text.lower() in LOSS_CUES else r for r in readings]
        claims: list[Claim] = []
        for index, reading in enumerate(readings):
            attribution = attribution_for(reading, options) or self.carried
            speaker_tokens = attribution.speaker_tokens if attribution and attribution in options else frozenset()
            if any(reading.figure_span.start <= i < reading.figure_span.end for i in speaker_tokens):
                continue
            lo = readings[index - 1].figure.end if index else sent.start_char
            hi = readings[index + 1].figure.start if index + 1 < len(readings) else sent.end_char
            period = reading.period or period_near(sent, reading, lo, hi)
            if period is None and claims and claims[-1].period == "cumulative" \
                    and JOINED_FIGURE.match(text_of(self.doc)[lo:reading.figure.start]):
                period = "cumulative"  # "the toll since October had risen to 30,960, with 72,524 wounded"
            claims.append(self.make_claim(sent, reading, attribution, speaker_tokens, period))
        return claims

    def make_claim(self, sent: Span, reading: Reading, attribution: Attribution | None,
                   speaker_tokens: frozenset[int], period: str | None) -> Claim:
        """One claim record from a reading and its context."""
        location = find_location(reading, sent, speaker_tokens) or self.last_place or self.theatre
        claimant = attribution.claimant if attribution else None
        subject = find_subject(reading, sent, speaker_tokens, self.last_subject, location,
                               self.sentence_subject, claimant)
        if subject is not None and subject.country is None and location is not None:
            subject = Actor(subject.name, subject.mention, subject.kind, location.country)
        if subject is not None and subject.country:
            self.last_subject = subject
        self.sentence_subject = subject
        start, end = reading.evidence_bounds
        figure = reading.figure
        return Claim(
            doc=self.document.id,
            category=reading.category,
            quantity=Quantity(figure.low, figure.high, figure.qualifier, reading.unit, figure.text),
            subject=subject,
            claimant=claimant,
            said_on=attribution.said_on if attribution and claimant else None,
            location=location,
            evidence=Evidence(start, end, text_of(self.doc)[start:end]),
            period=period,
            via=attribution.via if attribution and claimant else None,
        )


def relabel(reading: Reading, category: str) -> Reading:
    """A reading with another category."""
    return Reading(reading.figure, category, reading.unit, reading.noun, reading.cue,
                   reading.figure_span, reading.period)


def parse(text: str) -> Doc:
    """Parse a text for the claim reader: by the fast path unless COUNTERCLAIM_FULL_PARSE=1."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse texts in order, batching the sentences that need the full pipeline across texts."""
    from counterclaim.extraction.fastpath import fast_parse_texts

    if os.environ.get(FULL_PARSE_ENV, "") not in ("", "0"):
        return map(full_parse, texts)
    return fast_parse_texts((text, dateline.end if (dateline := read_dateline(text)) else None)
                            for text in texts)


def full_parse(text: str) -> Doc:
    """Parse a whole text, its dateline blanked out so that "KYIV, ... -" is never a speaker."""
    nlp = load_pipeline()
    dateline = read_dateline(text)
    if dateline is None:
        return nlp(text)
    # the same length, so every offset still points into the original text
    blanked = nlp(re.sub(r"\S", " ", text[:dateline.end]) + text[dateline.end:])
    restored = Doc(blanked.vocab, words=[text[t.idx:t.idx + len(t.text)] for t in blanked],
                   spaces=[bool(t.whitespace_) for t in blanked],
                   sent_starts=[t.is_sent_start for t in blanked],
                   pos=[t.pos_ for t in blanked], tags=[t.tag_ for t in blanked],
                   lemmas=[t.lemma_ for t in blanked], deps=[t.dep_ for t in blanked],
                   heads=[t.head.i for t in blanked],
                   ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in blanked])
    return restored if restored.text == text else nlp(text)


def extract_claims(document: Document) -> list[Claim]:
    """Every source-attributed quantitative claim of a document, in text order."""
    return claims_from_doc(parse(document.text), document)


def extract_with_tally(document: Document) -> tuple[list[Claim], dict[str, int]]:
    """The claims of a document and the event tally a coder would enter for it."""
    doc = parse(document.text)
    claims = claims_from_doc(doc, document)
    year = document.published.year if document.published else None
    return claims, tally_document(doc, claims, year)


def claims_from_doc(doc: Doc, document: Document) -> list[Claim]:
    """The claims of an already parsed document."""
    return DocumentReader(doc, document).claims()
