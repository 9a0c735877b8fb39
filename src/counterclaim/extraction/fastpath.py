"""The fast path: run the tagger, parser and NER only where a claim can be, tokenise the rest.

Most sentences of a news article hold no claim. A sentence goes through the full pipeline
when it can hold one (a figure in the same sentence as a loss, force or equipment cue, or a
victim word a tally counts), when it comes just before or after such a sentence (who is
speaking, "he said"; the tagger's window reaches across sentences), or when it sets what a
later claim sentence leans on: a calendar day, a speaker's dated statement, or, when a claim
sentence refers back to one ("he added", "the same source"), a speaker. Every other sentence
is only tokenised, with the gazetteer's place and actor names marked, so the document memory
still sees its places, weekdays and "the next day". The parsed runs' annotations are copied
into the tokenised text, offsets unchanged, and the claim reader skips what was not parsed
(`docview.is_parsed`); a document without a candidate sentence is never parsed at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_PUNCT, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from counterclaim.errors import ExtractionError
from counterclaim.extraction.attribution import (GENERIC_SPEAKERS, PERSONAL_PRONOUNS, POSSESSIVES,
                                                 RELATIVE_DAYS, WEEKDAYS)
from counterclaim.extraction.docview import PARSED_KEY, TEXT_KEY
from counterclaim.extraction.lexicon import lexicon, phrase_regex
from counterclaim.extraction.nlp import RULER_NAME, load_pipeline
from counterclaim.extraction.quantities import figure_regex

CONTEXT_BEFORE = 1  # sentences parsed before each candidate, for its speaker
# and after it: the tagger's window reaches across sentences, so a candidate at the edge of
# a parsed run could be tagged differently than inside the whole text
CONTEXT_AFTER = 1
BATCH_SIZE = 64  # sentence runs sent to nlp.pipe at once
# what the full pipeline adds to a token, copied from each parsed run into the whole text
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
FLAT_DEP = "dep"  # the relation of every token of an unparsed sentence to its first token
# ASCII word characters only, so that "killed." and "killed," split like the cue lists
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SUFFIXES = ("", "s", "es", "d", "ed", "ing", "er", "ers")
MONTH_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)


WEEKDAY_OR_RELATIVE = re.compile(r"\b(?:" + "|".join(WEEKDAYS + [re.escape(p) for p in RELATIVE_DAYS]) + r")\b", re.I)


@dataclass(frozen=True)
class Triggers:
    """The word forms that make a sentence worth parsing, compiled once."""

    cue_words: frozenset[str]  # inflected forms of every cue and victim word
    cue_phrases: re.Pattern[str]  # multi-word cues ("lost their lives")
    victim_words: frozenset[str]  # what the tally counts even without a figure ("killed")
    memory_words: frozenset[str]  # reporting verbs: the sentence may name a speaker
    memory_phrases: re.Pattern[str]  # "according to", "the same source"
    singular: re.Pattern[str]  # "a soldier", "an armoured vehicle": a figure of one
    references: re.Pattern[str]  # "he said", "the same source", "the figures": a speaker named before

    def is_candidate(self, text: str, words: set[str]) -> bool:
        """True when a sentence can hold a claim or a tallied victim ("the pilot was killed")."""
        if not words.isdisjoint(self.victim_words):
            return True
        has_cue = not words.isdisjoint(self.cue_words) or self.cue_phrases.search(text) is not None
        return has_cue and has_figure(text, self)

    def follows_claim(self, text: str) -> bool:
        """True for a sentence whose figure may take the category of an earlier claim."""
        return figure_regex().search(text) is not None

    def names_speaker(self, text: str, words: set[str]) -> bool:
        """True when a sentence can name a speaker ("the ministry said", "according to")."""
        return not words.isdisjoint(self.memory_words) or self.memory_phrases.search(text) is not None

    @staticmethod
    def names_day(text: str) -> bool:
        """True when a sentence can name a day ("March 3", "on Tuesday", "the next day")."""
        return MONTH_DAY.search(text) is not None or WEEKDAY_OR_RELATIVE.search(text) is not None

    def refers_back(self, text: str) -> bool:
        """True when a sentence may need a speaker named earlier ("he added", "the same source")."""
        return self.references.search(text) is not None


def has_figure(text: str, triggers: Triggers) -> bool:
    """True when a text holds a number, a number word, a vague amount or "a soldier"."""
    return figure_regex().search(text) is not None or triggers.singular.search(text) is not None


def inflections(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """The forms a cue lemma can take in running text ("kill" -> "kills", "killing")."""
    forms = {lemma + suffix for suffix in SUFFIXES}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | set(irregular.get(lemma, []))


def irregular_forms(nlp: Language) -> dict[str, list[str]]:
    """Lemma -> irregular forms ("slay" -> "slain", "slew"), from the lemmatizer's tables."""
    forms: dict[str, list[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return forms
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_exc"):
        return forms
    for table in lookups.get_table("lemma_exc").values():
        for form, lemmas in table.items():
            for lemma in lemmas:
                forms.setdefault(lemma, []).append(form)
    return forms


@cache
def triggers() -> Triggers:
    """The trigger tables, built once from the lexicon, the tally's victim words and the model."""
    lex = lexicon()
    irregular = irregular_forms(load_pipeline())
    cues = {w for words in lex.cues.values() for w in words} | {"have"}
    # bulletin lines ("tanks – 9,812") and force sizes ("3,000 troops") carry no verb cue
    cues |= set(lex.equipment_nouns) | set(lex.force_nouns) | set(lex.counted_as)
    victims = {w for words in lex.tally.victims.values() for w in words if " " not in w}
    victims -= {"hold", "take"}  # victims only with these words:
    victims |= {"hostage", "hostages", "captive", "captives", "prisoner", "prisoners"}
    cues |= victims
    single = {w.lower() for w in cues if " " not in w and "-" not in w.strip("-")}
    phrases = [w for w in cues if " " in w or "-" in w.strip("-")]
    phrases += [w.lstrip("-") for w in cues if w.startswith("-")]
    # any article: what it counts may be a people noun, a demonym ("a Syrian") or a name
    singular = re.compile(rf"\b(?:{'|'.join(sorted(lex.singular_determiners))})\b", re.I)
    memory = {form for verb in lex.reporting_verbs if " " not in verb
              for form in inflections(verb, irregular)}
    memory_phrases = phrase_regex(list(lex.according) + list(lex.anaphora))
    references = phrase_regex(list(lex.anaphora) + sorted(PERSONAL_PRONOUNS) + sorted(POSSESSIVES)
                              + sorted(GENERIC_SPEAKERS))
    return Triggers(
        references=references,
        cue_words=frozenset(form for w in single for form in inflections(w, irregular)),
        cue_phrases=phrase_regex(phrases),
        victim_words=frozenset(form for w in victims for form in inflections(w, irregular)),
        memory_words=frozenset(memory),
        memory_phrases=memory_phrases,
        singular=singular,
    )


@cache
def sentencizer() -> Sentencizer:
    """A punctuation sentence splitter for the text that is not parsed."""
    return Sentencizer()


@dataclass(frozen=True)
class Plan:
    """Which token ranges of a tokenised document go through the full pipeline."""

    tokens: Doc  # the whole text, tokenised, sentences split by punctuation, names marked
    runs: tuple[tuple[int, int], ...]  # token ranges to parse, in order, never overlapping
    text: str = ""  # the text itself (spaCy rebuilds `Doc.text` from the tokens at each call)


def punctuation_starts(tokens: Doc) -> set[int]:
    """Where sentences start by punctuation: spaCy's sentencizer rule, read from arrays.

    After a sentence-final mark, the first token that is not punctuation starts a sentence
    ("He left. Then..." but not "...said: “Yes.”"). Reading token ids instead of building a
    Token for each word is what makes this cheap.
    """
    rule = sentencizer()
    enders = {tokens.vocab.strings.add(c) for c in rule.punct_chars}
    starts: set[int] = set()
    seen_period = False
    for i, (orth, punct) in enumerate(tokens.to_array([ORTH, IS_PUNCT]).tolist()):
        ender = orth in enders
        if seen_period and not punct and not ender:
            starts.add(i)
            seen_period = False
        elif ender:
            seen_period = True
    return starts


def sentence_bounds(tokens: Doc, forced_break: int | None) -> list[tuple[int, int]]:
    """Token ranges of the punctuation sentences (a dateline is a sentence of its own)."""
    if not len(tokens):
        return []
    starts = punctuation_starts(tokens) - {0}
    if forced_break:
        starts.add(forced_break)
    edges = [0, *sorted(starts), len(tokens)]
    return list(zip(edges, edges[1:]))


def sentence_texts(text: str, tokens: Doc, bounds: list[tuple[int, int]]) -> list[str]:
    """The text of each token range, read from the string (with the space after it)."""
    offsets = tokens.to_array(IDX).tolist() + [len(text)]
    return [text[offsets[start]:offsets[end]] for start, end in bounds]


def choose_sentences(texts: list[str], trig: Triggers) -> set[int]:
    """Indices of the sentences to parse: candidates, their context, and memory they need."""
    words = [{w.lower() for w in WORD.findall(text)} for text in texts]
    candidates: set[int] = set()
    for index, text in enumerate(texts):
        # "Another 5 were ...": after a claim, a figure may take its category from it
        if trig.is_candidate(text, words[index]) or (candidates and trig.follows_claim(text)):
            candidates.add(index)
    if not candidates:
        return set()
    chosen = set(candidates)
    for index in candidates:
        chosen.update(range(max(0, index - CONTEXT_BEFORE), min(len(texts), index + CONTEXT_AFTER + 1)))
    last = max(candidates)
    # Earlier speakers matter only to a sentence that refers back to one. Earlier dated
    # statements always can (a statement without a date takes the last one); a calendar day
    # needs the entity recogniser, a weekday alone is read from the tokens.
    speakers_needed = any(trig.refers_back(texts[i]) for i in chosen)
    chosen.update(i for i in range(last) if MONTH_DAY.search(texts[i]) is not None
                  or (trig.names_speaker(texts[i], words[i]) and (speakers_needed or trig.names_day(texts[i]))))
    return chosen


def plan_document(text: str, nlp: Language, dateline_end: int | None) -> Plan:
    """Tokenise a text and choose the runs of sentences that the full pipeline must read."""
    tokens = nlp.tokenizer(text)
    forced = None
    if dateline_end and len(tokens):
        forced = int(numpy.searchsorted(tokens.to_array(IDX), dateline_end))
        forced = forced if forced < len(tokens) else None
    bounds = sentence_bounds(tokens, forced)
    first = 1 if forced else 0  # the dateline is never parsed: its figures are never claims
    chosen = choose_sentences(sentence_texts(text, tokens, bounds[first:]), triggers())
    if not chosen:
        # nothing can be a claim: one flat sentence, so the reader is done with it at once
        flatten(tokens, [(0, len(tokens))] if len(tokens) else [])
        return Plan(tokens, (), text)
    tokens = nlp.get_pipe(RULER_NAME)(tokens)
    runs: list[tuple[int, int]] = []
    for index in sorted(i + first for i in chosen):
        start, end = bounds[index]
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    flatten(tokens, bounds)
    return Plan(tokens, tuple(runs), text)


def flatten(tokens: Doc, bounds: list[tuple[int, int]]) -> None:
    """Give each unparsed sentence a flat tree, so sentence boundaries survive the merge."""
    heads = numpy.zeros(len(tokens), dtype="int64")  # HEAD is stored relative to the token
    deps = numpy.full(len(tokens), tokens.vocab.strings.add(FLAT_DEP), dtype="uint64")
    for start, end in bounds:
        heads[start:end] = numpy.arange(0, start - end, -1)
        deps[start] = tokens.vocab.strings.add("ROOT")
    tokens.from_array([HEAD, DEP], numpy.stack([heads.astype("uint64"), deps], axis=1))


def assemble(plan: Plan, parsed: list[Doc]) -> Doc:
    """One Doc of the whole text: parsed runs where chosen, tokenised sentences elsewhere.

    The runs' annotations are copied into the tokenised text as arrays; a run whose tokens
    do not line up with the text's (never seen) is merged by spaCy instead.
    """
    if not plan.runs:
        return plan.tokens
    if any(len(doc) != end - start for (start, end), doc in zip(plan.runs, parsed, strict=True)):
        return merge(plan, parsed)
    annotations = plan.tokens.to_array(ANNOTATIONS)
    for (start, end), doc in zip(plan.runs, parsed):
        annotations[start:end] = doc.to_array(ANNOTATIONS)
    plan.tokens.from_array(ANNOTATIONS, annotations)
    return plan.tokens


def merge(plan: Plan, parsed: list[Doc]) -> Doc:
    """One Doc of the whole text, built by spaCy from the parsed runs and the pieces between."""
    pieces: list[Doc] = []
    position = 0
    for (start, end), doc in zip(plan.runs, parsed, strict=True):
        if start > position:
            pieces.append(plan.tokens[position:start].as_doc())
        doc.tensor = numpy.zeros((0,), dtype="float32")  # from_docs needs equal tensor widths
        pieces.append(doc)
        position = end
    if position < len(plan.tokens):
        pieces.append(plan.tokens[position:].as_doc())
    for piece in pieces:
        piece.tensor = numpy.zeros((0,), dtype="float32")
    return Doc.from_docs(pieces, ensure_whitespace=False)


def run_text(plan: Plan, start: int, end: int) -> str:
    """The exact text of a token range, with the whitespace after its last token."""
    tokens = plan.tokens
    stop = tokens[end].idx if end < len(tokens) else len(plan.text)
    return plan.text[tokens[start].idx:stop]


def fast_parse_texts(texts: Iterable[tuple[str, int | None]],
                     batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse (text, dateline end) pairs by the fast path, in order, batching across texts."""
    nlp = load_pipeline()
    pending: list[Plan] = []
    sentences = 0
    for text, dateline_end in texts:
        plan = plan_document(text, nlp, dateline_end)
        pending.append(plan)
        sentences += len(plan.runs)
        if sentences >= batch_size:
            yield from parse_plans(nlp, pending)
            pending, sentences = [], 0
    yield from parse_plans(nlp, pending)


def parse_plans(nlp: Language, plans: list[Plan]) -> Iterator[Doc]:
    """Run the full pipeline over every run of the plans at once, then assemble each Doc."""
    jobs = [run_text(plan, s, e) for plan in plans for s, e in plan.runs]
    parsed = iter(nlp.pipe(jobs, batch_size=max(len(jobs), 1)))
    for plan in plans:
        docs = [next(parsed) for _ in plan.runs]
        doc = assemble(plan, docs)
        # annotations copied into the tokenised text cannot change it; a merged Doc is checked
        if doc is not plan.tokens and doc.text != plan.text:
            raise ExtractionError("the fast path changed the text of a document")
        doc.user_data[TEXT_KEY] = plan.text
        doc.user_data[PARSED_KEY] = plan.runs
        yield doc


def fast_parse(text: str, dateline_end: int | None = None) -> Doc:
    """Parse one text by the fast path."""
    return next(fast_parse_texts([(text, dateline_end)]))
