"""The claim grammar: what a figure counts and what happened to it.

A figure becomes a claim when it counts people or materiel (the noun after it) and a cue in
its clause says what happened to them (killed, wounded, lost, captured, missing, deployed,
destroyed). The word lists live in data/lexicon.toml; this module holds the rules for
combining them: the nearest cue wins, "killed or injured" is one casualties figure, a figure
in a list ("1,140 troops, 59 artillery systems and 70 drones") shares its neighbours' cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from counterclaim.extraction.docview import ents_of, text_of
from counterclaim.extraction.lexicon import lexicon
from counterclaim.extraction.quantities import Figure, find_figures

REJECTING_ENTITIES = {"DATE", "TIME", "MONEY", "ORDINAL"}
YEAR_BEFORE = {"in", "since", "of", "until", "by", "from", "year", "early", "late", "mid",
               "summer", "winter", "spring", "autumn", "fall", "before", "after", "the",
               "during", "between", "and", "to", "circa", "c.", "around"}
LIST_LINKS = {",", "and", "or", "including", "among", "them", "whom", "as", "well", "plus",
              "while", "with", "also", "another", "of", "whereas", "besides", "along", "the",
              "in", "addition", "to", "a", "an", "further", "additional", "other", "others",
              "more", "(", ")", "+", "-", "–", ";", "were", "was", "are", "is", "past", "last",
              "hours", "24", "day", "days", "week", "since", "start", "war", "beginning",
              "invasion", "conflict", "began", "overnight", "yesterday", "today", "they", ":",
              "included", "includes", "include"}
BRACKETS = {"(": ")", "[": "]"}
# words that open a clause of their own: a cue before them does not reach a figure after them
CONTRASTS = {"while", "whereas", "but", "although", "though", "whilst"}
SUBORDINATORS = {"when", "after", "because", "before", "until", "as", "if", "unless", "since"}
# a figure after these counts the other side or the place, not the losses: "a clash between
# three suspects and the police", "fighting with 30 rebels"
NOT_VICTIM_PREPOSITIONS = {"between", "against", "with"}
# verbs whose subject or object is the counted group itself: "the dead included 5 children"
NEUTRAL_VERBS = {"be", "include", "leave", "number", "total", "reach", "comprise", "count",
                 "say", "report", "confirm", "estimate", "put", "become", "remain", "have"}
# words that put one thing after another: "was injured and later died"
SEQUENCE_WORDS = {"later", "subsequently", "eventually", "afterwards", "afterward", "then"}
# words inside a subject between its figure and its verb ("9 others, including a woman, ...")
SUBJECT_GLOSS = {"including", "among", "them", "whom", "of", "others", "other", "more", "mostly",
                 "many", "some", "most", "all", "both"}
NAME_JOINERS = ("/", "&", "-")
PERCENT_WORDS = {"%", "percent", "per", "pct"}
MAX_CUE_DISTANCE = 24
# verbs that give a count its level: "the toll reached 41", "deaths rose to 90"
LEVEL_VERBS = {"reach", "exceed", "stand", "rise", "total", "top", "climb", "hit", "pass",
               "increase", "jump", "surpass", "grow", "mount", "soar", "be", "put", "number",
               "estimate", "revise", "raise", "lower", "bring"}
PEOPLE_CUES = ("killed", "wounded", "casualties", "captured", "missing", "deployed")
EQUIPMENT_CATEGORIES = ("equipment", "casualties", "captured", "deployed", "killed")
SINGULAR_ARTICLES = {"a", "an", "another"}
MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
               "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# "threatened to kill eight hostages": what someone means to do is no count of losses
IRREALIS_HEADS = {"threaten", "vow", "plan", "attempt", "try", "want", "seek", "aim", "intend",
                  "pledge", "promise", "warn", "fear", "prepare"}
VICTIM_CATEGORIES = ("killed", "wounded", "captured", "missing")
MAX_RIGHT_CUE_DISTANCE = 3
PERPETRATOR_VERBS = {"kill", "murder", "shoot", "attack", "wound", "injure", "abduct", "kidnap",
                     "stab", "assassinate", "ambush", "execute", "capture", "carry", "claim",
                     "target", "strike", "hit", "bomb"}
FORCE_VERBS = {"deploy", "dispatch", "station", "mass", "amass", "mobilise", "mobilize", "field"}
THE_SAME_COUNT = re.compile(r"\b(?:this|that|the)\s+(?:number|figure|toll|tally|count)\b", re.I)
REDUCTION_WORDS = {"reduction", "decline", "drop", "cut", "fall", "decrease", "loss"}
# general-staff bulletins: "tanks – 9,812 (+12)", "personnel - about 612,450 (+1,290)"
BULLETIN_LINE = re.compile(r"([A-Za-z][A-Za-z \-]{1,40}?)\s*[–—-]\s*(?:[\d,.\s]+\s*)?$")
BULLETIN_DELTA = re.compile(r"[–—-]\s*(?:about|approximately|around|some|over)?\s*[\d,.\s]+\(\s*\+\s*$")
PASSIVE_FILLERS = {"was", "were", "had", "have", "has", "been", "be", "are", "is", "reportedly",
                   "also", "later", "subsequently", "allegedly", "all", "being", "confirmed",
                   "reported", "believed", "feared", "presumed", "said", "to", "not", "became",
                   "become", "got", "get", "left", "remain", "remained", "found", "later"}


@dataclass(frozen=True)
class Reading:
    """What one figure in a sentence counts: its category, unit and supporting tokens."""

    figure: Figure
    category: str
    unit: str
    noun: Span | None
    cue: Span | None
    figure_span: Span
    period: str | None = None

    @property
    def evidence_bounds(self) -> tuple[int, int]:
        """Character offsets of the shortest span that supports the reading."""
        spans = [s for s in (self.figure_span, self.noun, self.cue) if s is not None]
        start = min([self.figure.start] + [s.start_char for s in spans])
        end = max([self.figure.end] + [s.end_char for s in spans])
        return start, end


@dataclass
class Candidate:
    """A figure with its counted noun, before a cue has been chosen."""

    figure: Figure
    span: Span
    noun: Span | None
    noun_kind: str | None  # "people", "equipment", "percent", or a category for casualty nouns
    cue: Span | None = None
    category: str | None = None
    singular: bool = False  # "a soldier": a figure of one, only with a cue right beside it
    period: str | None = None  # set by a bulletin line: its total is cumulative, "(+12)" a day's
    unit_noun: Span | None = None  # the noun of a list neighbour, for a bare figure in the list


@cache
def cue_matcher(vocab_id: int, vocab) -> PhraseMatcher:  # noqa: ANN001
    """A phrase matcher of the cues, each labelled by its category."""
    del vocab_id  # the cache key: one matcher per vocabulary
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for category, words in lexicon().cues.items():
        matcher.add(category, [Doc(vocab, words=w.split()) for w in words])
    return matcher


@cache
def not_cue_matcher(vocab_id: int, vocab) -> PhraseMatcher:  # noqa: ANN001
    """A phrase matcher of the phrases whose loss words tell of no loss ("death penalty")."""
    del vocab_id
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("not_cue", [Doc(vocab, words=p.split()) for p in lexicon().not_cues])
    return matcher


def no_loss_tokens(doc: Doc, sent: Span) -> frozenset[int]:
    """Token indices of a sentence inside a phrase that tells of no loss ("sentenced to death")."""
    matches = not_cue_matcher(id(doc.vocab), doc.vocab)(doc[sent.start:sent.end])
    return frozenset(i for _, start, end in matches for i in range(start, end))


def plural_forms(word: str) -> list[str]:
    """The word and simple English plurals, for matching nouns listed in the singular."""
    forms = [word]
    if word.endswith("man"):
        forms.append(word[:-3] + "men")
    elif word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        forms.append(word[:-1] + "ies")
    elif word.endswith(("s", "x", "ch", "sh")):
        forms.append(word + "es")
    else:
        forms.append(word + "s")
    return forms


@cache
def noun_kinds(vocab_id: int, vocab) -> PhraseMatcher:  # noqa: ANN001
    """A matcher of people and equipment nouns in singular and plural."""
    del vocab_id
    lex = lexicon()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for label, words in (("people", lex.people_nouns), ("equipment", lex.equipment_nouns)):
        phrases = {form for w in words for form in plural_forms(w)}
        matcher.add(label, [Doc(vocab, words=p.split()) for p in phrases])
    for noun, category in lex.counted_as.items():
        matcher.add(f"counted:{category}", [Doc(vocab, words=noun.split())])
    return matcher


class SentenceReader:
    """Reads the figures of one sentence against its cue and noun matches."""

    def __init__(self, doc: Doc, sent: Span) -> None:
        self.doc = doc
        self.sent = sent
        cues_of = cue_matcher(id(doc.vocab), doc.vocab)
        self.cues: list[tuple[int, int, str]] = []
        # matching a Span gives offsets into the whole Doc
        for match_id, start, end in cues_of(doc[sent.start:sent.end]):
            self.cues.append((start, end, doc.vocab.strings[match_id]))
        for token in sent:
            lemma = token.lemma_.lower()
            for category, words in lexicon().cues.items():
                if lemma in words and " " not in lemma and token.pos_ in ("VERB", "NOUN", "ADJ") \
                        and not any(s <= token.i < e and c == category for s, e, c in self.cues):
                    self.cues.append((token.i, token.i + 1, category))
        for token in sent:
            if token.lemma_ == "have" and token.pos_ == "VERB" and token.dep_ != "aux":
                self.cues.append((token.i, token.i + 1, "deployed"))
            if token.lemma_ in ("admit", "take", "rush", "bring") and any(
                    t.lemma_ in ("hospital", "clinic") for t in doc[token.i + 1:min(token.i + 5, sent.end)]):
                self.cues.append((token.i, token.i + 1, "wounded"))  # "admitted to Moscow hospitals"
        self.masked = no_loss_tokens(doc, sent)
        self.cues = [(start, end, category) for start, end, category in self.cues
                     if not any(i in self.masked for i in range(start, end))]
        matcher = noun_kinds(id(doc.vocab), doc.vocab)
        self.nouns: dict[int, tuple[int, str]] = {}
        for match_id, begin, end in matcher(doc[sent.start:sent.end]):
            label = doc.vocab.strings[match_id]
            current = self.nouns.get(begin)
            if current is None or end > current[0]:
                self.nouns[begin] = (end, label)

    # -- figures -------------------------------------------------------------------------
    def figures(self) -> list[Candidate]:
        """The figures of the sentence that can count something, with their nouns."""
        text = text_of(self.doc)[self.sent.start_char:self.sent.end_char]
        offset = self.sent.start_char
        found: list[Candidate] = []
        for figure in find_figures(text):
            figure = Figure(figure.start + offset, figure.end + offset, figure.low, figure.high,
                            figure.qualifier, figure.text, figure.number_start + offset)
            span = self.doc.char_span(figure.number_start, figure.end, alignment_mode="expand")
            if span is None or self.rejected(figure, span):
                continue
            noun, kind = self.counted_noun(span)
            if kind == "rejected":
                continue
            period = None
            if noun is None:
                label = self.bulletin_label(figure)
                if label is not None:
                    noun, kind, period = label
            found.append(Candidate(figure, span, noun, kind, period=period))
        found.extend(self.singular_figures(found))
        found.sort(key=lambda c: c.span.start)
        for part, total in zip(found, found[1:]):
            if part.noun is None and total.noun is not None and self.is_denominator(total) \
                    and total.span.start - part.span.end <= 3:
                part.noun, part.noun_kind = total.noun, total.noun_kind  # "120 out of 300 tanks"
        return self.merge_split_ranges(found)

    def merge_split_ranges(self, found: list[Candidate]) -> list[Candidate]:
        """ "from at least 30 dead to more than 60": one range around its noun."""
        merged: list[Candidate] = []
        skip: set[int] = set()
        for index, c in enumerate(found):
            if index in skip:
                continue
            nxt = found[index + 1] if index + 1 < len(found) else None
            text_before = text_of(self.doc)[max(self.sent.start_char, c.figure.start - 6):c.figure.start].lower()
            if nxt is not None and c.noun is not None and nxt.noun is None and "from" in text_before \
                    and c.figure.high is None and nxt.figure.high is None and nxt.figure.low > c.figure.low:
                gap = text_of(self.doc)[c.noun.end_char:nxt.figure.start].strip().lower()
                if gap == "to":
                    start = text_of(self.doc).rfind("from", 0, c.figure.start)
                    figure = Figure(start, nxt.figure.end, c.figure.low, nxt.figure.low, "range",
                                    text_of(self.doc)[start:nxt.figure.end], c.figure.number_start)
                    merged.append(Candidate(figure, c.span, c.noun, c.noun_kind))
                    skip.add(index + 1)
                    continue
            merged.append(c)
        return merged

    def rejected(self, figure: Figure, span: Span) -> bool:
        """True for figures that are dates, times, money, ordinals, years or model numbers."""
        for token in span:
            if token.ent_type_ in REJECTING_ENTITIES and not self.inside_count_phrase(token) \
                    and not self.bare_number_entity(token):
                return True
        digits = figure.text[figure.number_start - figure.start:].strip()
        if re.fullmatch(r"(1[89]|20)\d\d", digits) and figure.qualifier == "exactly":
            before = self.doc[span.start - 1].lower_ if span.start > self.sent.start else ""
            after = self.doc[span.end] if span.end < self.sent.end else None
            if before in YEAR_BEFORE or after is None or after.is_punct or after.pos_ in ("ADP", "VERB"):
                return True
        before = self.doc[span.start - 1] if span.start > 0 else None
        after = self.doc[span.end] if span.end < len(self.doc) else None
        if before is not None and before.lower_ in {"aged", "age", "no.", "number", "#", "page",
                                                    "route", "highway", "resolution", "article",
                                                    "no", "nobody", "not"}:
            return True  # ... and "no one was hurt", "14 tanks, not 120"
        if after is not None and after.lower_ == "of" and span.end + 2 < self.sent.end and any(
                t.tag_ == "JJS" for t in self.doc[span.end + 1:span.end + 4]):
            return True  # "one of their heaviest losses"
        if any(t is not None and t.lower_.rstrip(".") in MONTH_WORDS for t in (before, after)):
            return True  # "3 September", "Sept. 3": a date spaCy did not tag
        if before is not None and before.text == "," and before.i > self.sent.start \
                and self.doc[before.i - 1].ent_type_ == "PERSON" and (after is None or after.text in (",", ")")):
            return True  # "Omar Diallo, 41, a commander": an age
        if before is not None and before.text == "(" and before.i > self.sent.start \
                and self.doc[before.i - 1].pos_ == "PROPN" and after is not None and after.text == ")":
            return True  # "Ram Das (45)": an age
        if before is not None and before.pos_ == "PROPN" and before.ent_type_ not in ("NORP", "GPE") \
                and before.i > self.sent.start and not before.is_sent_start \
                and (after is None or after.i not in self.nouns):
            return True  # "Airlines 720", "Boeing 737": a name with a number
        hedge_start = self.doc.char_span(figure.start, figure.end, alignment_mode="expand")
        first = hedge_start.start if hedge_start is not None else span.start
        if first > self.sent.start and self.doc[first - 1].lower_ == "by" and any(
                self.doc[j].lemma_.lower() in PERPETRATOR_VERBS
                for j in range(max(self.sent.start, first - 6), first - 1)):
            return True  # "killed by two gunmen": the perpetrators, not the victims
        return False

    def bare_number_entity(self, token: Token) -> bool:
        """spaCy sometimes reads a lone "76" as a date: only words make a date a date."""
        ent = next((e for e in ents_of(self.doc) if e.start <= token.i < e.end), None)
        if ent is None or ent.label_ != "DATE":
            return False
        return all(t.like_num or t.is_punct or t.lower_ in ("-", "and") for t in ent) \
            and not re.fullmatch(r"(1[89]|20)\d\d", ent.text.strip())

    def inside_count_phrase(self, token: Token) -> bool:
        """spaCy reads "24 hours" and "three days" as dates; "400 people" it does not."""
        ent = next((e for e in ents_of(self.doc) if e.start <= token.i < e.end), None)
        if ent is None:
            return False
        return any(self.nouns.get(i) for i in range(ent.start, ent.end + 1))

    def counted_noun(self, span: Span) -> tuple[Span | None, str | None]:
        """The noun a figure counts ("troops", "artillery systems") and its kind."""
        lex = lexicon()
        doc, limit = self.doc, min(span.end + 7, self.sent.end)
        i = span.end
        if span.text.lower().split()[-1] in ("half", "third", "thirds", "quarter", "quarters",
                                              "fifth", "fifths", "tenth", "tenths"):
            return doc[span.start:span.end], "percent"
        if i < limit and doc[i].lower_ in PERCENT_WORDS and not (
                doc[i].lower_ == "per" and (i + 1 >= limit or doc[i + 1].lower_ != "cent")):
            end = i + 2 if doc[i].lower_ == "per" else i + 1
            return doc[i:end], "percent"
        if i + 1 < limit and doc[i].lower_ in ("reports", "cases", "instances") and doc[i + 1].lower_ == "of":
            i += 2  # "640 reports of people missing": the people are counted
        if i < limit and doc[i].lower_ in lex.not_counts:
            return doc[i:i + 1], "rejected"
        if i + 1 < limit and f"{doc[i].lower_} {doc[i + 1].lower_}" in lex.not_counts:
            return doc[i:i + 2], "rejected"
        if i < limit and doc[i].lower_ == "of":
            i += 1
            if i < limit and doc[i].lower_ in ("them", "whom", "those", "which"):
                return None, None  # "30 of them": a part of a group named before
            if i < limit and doc[i].lower_ in ("the", "these", "his", "her", "their", "its", "our"):
                i += 1  # "two of his brothers", "30 of the soldiers": the noun after counts
                if i + 1 < limit and doc[i].like_num:
                    i += 1  # "36 of the 43 people on board": the people are counted
            elif i + 1 < limit and doc[i + 1].lower_ in ("'s", "’s"):
                i += 2  # "12 of the country's 40 provinces": the owner is not what is counted
        if i + 1 < limit and doc[i].text == "-" and doc[i + 1].lower_ == "strong":
            return doc[i:i + 2], "force_size"
        if i < limit and doc[i].lower_ == "-strong":
            return doc[i:i + 1], "force_size"
        while i < limit:
            token = doc[i]
            if token.like_num and i + 2 < limit and doc[i + 1].text == "-" \
                    and doc[i + 2].lower_ in ("year", "month", "week", "day"):
                i += 5  # "a 45-year-old man": an age, part of the description
                continue
            if token.text in BRACKETS and i > span.end:
                close = self.closing_bracket(token)
                if close is not None:
                    # "two Border Police (BP) personnel": the bracket is a gloss inside the phrase
                    limit = min(limit + close + 1 - i, self.sent.end)
                    i = close + 1
                    continue
            if token.text in NAME_JOINERS and i > span.end and doc[i - 1].pos_ == "PROPN":
                i += 1  # "TTP/LeI militants", "Smith & Sons employees"
                continue
            if token.lower_ == "and" and i > span.end and i + 1 < limit \
                    and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].ent_type_ == "NORP") \
                    and (doc[i + 1].pos_ == "PROPN" or doc[i + 1].ent_type_ == "NORP"):
                i += 1  # "4 TTP and LI militants", "20 Sindhi and Punjabi labourers"
                continue
            if token.pos_ == "VERB" and token.dep_ in ("amod", "compound") and token.head.i > i:
                i += 1  # "six suspected militants", "two armed men": a participle that describes
                continue
            if token.ent_type_ == "NORP" and i + 1 < limit and (
                    doc[i + 1].pos_ in ("NOUN", "PROPN", "ADJ") or doc[i + 1].ent_type_ == "NORP"):
                i += 1
                continue
            if i in self.nouns and self.nouns[i][0] < limit and doc[self.nouns[i][0]].tag_ == "POS":
                i = self.nouns[i][0] + 1  # "three students' organisations": the owners are not counted
                continue
            if i in self.nouns:
                end, label = self.nouns[i]
                # keep the longest noun phrase that starts here or just after ("combat armored vehicles")
                j = i + 1
                while j < min(end + 3, limit) and j in self.nouns and self.nouns[j][0] > end \
                        and not (self.nouns[j][1].startswith("counted:") and doc[j].pos_ not in ("NOUN", "PROPN")):
                    end, label = self.nouns[j]
                    j += 1
                while end < limit and end in self.nouns and self.nouns[end][1] == label \
                        and label == "equipment":
                    end = self.nouns[end][0]
                if end < limit and doc[end].pos_ == "NOUN" and doc[end].dep_ != "appos" \
                        and end not in self.nouns and doc[end - 1].dep_ in ("compound", "amod"):
                    if doc[end].lower_ in lex.not_counts:
                        return doc[end:end + 1], "rejected"  # "six militant hideouts"
                    return doc[i:end + 1], "other"  # "a car bomb", "police stations"
                head = doc[end - 1].head
                while head.dep_ in ("compound", "nmod") and head.i < head.head.i < self.sent.end:
                    head = head.head  # "a Youth Front activist": the last noun of the chain
                if doc[end - 1].dep_ in ("compound", "nmod") and end <= head.i < min(end + 8, self.sent.end):
                    if head.i in self.nouns:
                        i = head.i  # "two Police Force (PF) personnel": the name qualifies the noun it heads
                        limit = max(limit, min(self.nouns[head.i][0], self.sent.end))
                        continue
                    if head.lower_ in lex.not_counts:
                        return doc[head.i:head.i + 1], "rejected"  # "three police posts"
                return doc[i:end], label
            if token.lower_ in lex.not_counts:
                if i + 1 < limit and doc[i + 1].pos_ in ("NOUN", "PROPN") and token.dep_ == "compound":
                    i += 1  # "two battalion personnel", "a mosque clerk": a modifier, not the count
                    continue
                return doc[i:i + 1], "rejected"
            if token.ent_type_ == "NORP" or token.pos_ in ("ADJ", "ADV", "NUM") \
                    or token.lower_ in ("more", "other", "-", "additional", "further"):
                i += 1
                continue
            if token.pos_ in ("NOUN", "PROPN"):
                if token.lower_ in lex.not_counts and not (
                        i + 1 < limit and doc[i + 1].pos_ == "NOUN" and token.dep_ == "compound"):
                    return doc[i:i + 1], "rejected"
                if token.pos_ == "PROPN":
                    if i + 1 < limit and (doc[i + 1].pos_ == "NOUN" or (
                            doc[i + 1].pos_ == "PROPN" and token.dep_ in ("compound", "nmod"))
                            or (doc[i + 1].lower_ == "and" and i + 2 < limit
                                and (doc[i + 2].pos_ == "PROPN" or doc[i + 2].ent_type_ == "NORP"))
                            or ((doc[i + 1].text in BRACKETS or doc[i + 1].text in NAME_JOINERS) and token.head.i > i)):
                        i += 1  # "rebel group fighters", "a Youth Front activist": the noun after the name counts
                        continue
                    return doc[i:i + 1], "people"
                following = doc[i + 1] if i + 1 < limit else None
                if following is not None and following.pos_ in ("NOUN", "PROPN"):
                    i += 1
                    continue
                return doc[i:i + 1], "other"
            break
        # a nationality word closing the phrase is the counted people ("1,166 Palestinians")
        if i > span.end and doc[i - 1].ent_type_ == "NORP":
            return doc[span.end:i], "people"
        return None, None

    def closing_bracket(self, token: Token) -> int | None:
        """The index of the bracket that closes the one at `token`, within a few words."""
        closer = BRACKETS[token.text]
        for j in range(token.i + 1, min(token.i + 12, self.sent.end)):
            if self.doc[j].text == closer:
                return j
        return None

    def bulletin_label(self, figure: Figure) -> tuple[Span, str, str] | None:
        """The label of a bulletin line ("tanks – 9,812 (+12)"): noun, kind and period."""
        before = text_of(self.doc)[self.sent.start_char:figure.start]
        delta = BULLETIN_DELTA.search(before)
        if delta is not None:
            before = before[:delta.start() + 1]  # keep the dash of the total
        match = BULLETIN_LINE.search(before)
        if match is None:
            return None
        start = self.sent.start_char + match.start(1)
        label = self.doc.char_span(start, self.sent.start_char + match.end(1), alignment_mode="expand")
        if label is None:
            return None
        for i in range(label.end - 1, label.start - 1, -1):
            if i in self.nouns:
                end, kind = self.nouns[i]
                start_i = i
                while start_i - 1 >= label.start and start_i - 1 in self.nouns \
                        and self.nouns[start_i - 1][0] >= end:
                    start_i -= 1
                category = "equipment" if kind == "equipment" else "casualties"
                return self.doc[start_i:end], f"bulletin:{category}", "24h" if delta else "cumulative"
        return None

    def singular_figures(self, found: list[Candidate]) -> list[Candidate]:
        """Figures of one written as an article: "a soldier was killed", "and a helicopter"."""
        taken = {t.i for c in found for t in c.span}
        extra: list[Candidate] = []
        for token in self.sent:
            if token.lower_ not in SINGULAR_ARTICLES or token.i in taken:
                continue
            noun, kind = self.counted_noun(self.doc[token.i:token.i + 1])
            if noun is None or kind not in ("people", "equipment", "other") \
                    or noun[-1].tag_ in ("NNS", "NNPS"):
                continue
            figure = Figure(token.idx, token.idx + len(token.text), 1, None, "exactly",
                            token.text, token.idx)
            extra.append(Candidate(figure, self.doc[token.i:token.i + 1], noun, kind, singular=True))
        return extra

    # -- cues ----------------------------------------------------------------------------
    def nearest_cue(self, candidate: Candidate, lo: int, hi: int,
                    allowed: tuple[str, ...], far_right: bool = False) -> tuple[Span, str] | None:
        """The cue nearest to a figure between token bounds, among allowed categories."""
        own = set(range(candidate.span.start, candidate.span.end))
        if candidate.noun is not None:
            own |= set(range(candidate.noun.start, candidate.noun.end))
        hedge = self.doc.char_span(candidate.figure.start, candidate.figure.end, alignment_mode="expand")
        left_edge = min(candidate.span.start, hedge.start if hedge is not None else candidate.span.start)
        right_edge = candidate.noun.end if candidate.noun is not None else candidate.span.end
        best: tuple[int, int, int, str] | None = None
        subject_cue: tuple[Span, str] | None = None
        if candidate.noun is not None and (not candidate.singular or candidate.noun_kind == "people"):
            # "Eleven people, including four children, died": the verb whose subject the noun is
            subject = self.subject_span(candidate)
            for start, end, category in self.cues:
                if category in allowed and start >= right_edge and self.is_subject_of(subject, self.doc[start]) \
                        and not (subject.root.dep_ == "nsubj"
                                 and any(c.dep_ == "dobj" and not start <= c.i < end
                                         for c in self.doc[start].children)):
                    subject_cue = (self.doc[start:end], category)
                    break
        for start, end, category in self.cues:
            if category not in allowed or start < lo or end > hi or own & set(range(start, end)):
                continue
            if candidate.noun_kind == "other" and candidate.span.end <= start < candidate.noun.start:
                continue  # "a captured document": a word describing a thing tells of no loss
            if end <= left_edge:
                distance = left_edge - end
                between = self.doc[end:left_edge]
                if any(opens_clause(t) for t in between):
                    continue  # a cue before "while ..." or "when ..." belongs to the other clause
                if any(t.lower_ in ("and", ",") for t in between):
                    # "two were killed and 50 others received injuries": after "and" a figure
                    # starts its own clause, so a cue after it is nearer than the one before
                    distance += 2
            elif candidate.noun is not None and self.is_subject_of(candidate.noun, self.doc[start]):
                cue_token = self.doc[start]
                if candidate.noun.root.dep_ == "nsubj" and any(
                        c.dep_ == "dobj" and not start <= c.i < end for c in cue_token.children):
                    continue  # "six gunmen shot dead a guard": the doers, not the dead
                distance = 0  # "all four gunmen from the attack have been arrested"
            else:
                between = self.doc[right_edge:start]
                # "were seriously injured", "became injured": auxiliaries and adverbs are no distance
                distance = sum(1 for t in between if t.lower_ not in PASSIVE_FILLERS and t.pos_ != "ADV")
                # a cue after "and" or a comma heads the next clause, not this figure's
                distance += 3 * sum(1 for t in between if t.lower_ in ("and", "or", ",", "but", "while"))
            if distance < 0 or distance > MAX_CUE_DISTANCE:
                continue
            if start >= right_edge and distance > MAX_RIGHT_CUE_DISTANCE and not far_right:
                continue
            if irrealis(self.doc[start]) or negated(self.doc[start]):
                continue
            if candidate.singular and (distance > 0 or (start >= right_edge and any(
                    c.dep_ == "dobj" for c in self.doc[start].children))):
                continue  # "an aftershock injured 45 people": the article is the doer
            if candidate.singular and candidate.noun is not None and start >= right_edge \
                    and self.doc[start].dep_ == "acl" and self.doc[start].head.i in range(candidate.noun.start, candidate.noun.end):
                continue  # "honouring a general killed in 2020": a description, not a count
            # the longer cue wins at equal distance ("killed or injured" over "killed")
            key = (distance, -(end - start), start, category)
            if best is None or key < best:
                best = key
        if best is None or (subject_cue is not None and (best[0] > 0 or (
                self.describes(best[2], candidate) and not any(
                    t.is_punct or t.like_num for t in self.doc[best[2]:subject_cue[0].start])))):
            return subject_cue  # a cue right beside the figure wins over the parse's subject
        _, length, start, category = best
        if start < left_edge and self.starts_new_clause(start - length, left_edge):
            later = self.cue_later_in_clause(right_edge, hi, allowed)
            if later is not None:
                return later  # "one was killed, 4 others and a boy injured"
        return self.doc[start:start - length], category

    @staticmethod
    def names_sources(root: Token) -> bool:
        """True for the people who give a figure: the subject of "said", the object of "citing"."""
        head = root.head
        if root.dep_ in ("nsubj",) and head.lemma_.lower() in lexicon().reporting_verbs \
                and head.lemma_.lower() not in ("claim", "record", "count"):
            return True
        if root.dep_ in ("dobj", "pobj") and (head.lower_ in ("citing", "quoting") or head.lemma_.lower() in ("cite", "quote")):
            # "citing two officials", not "cited at least 13 civilians killed": that is what was cited
            return not any(child.dep_ in ("acl", "relcl", "amod") for child in root.children)
        return root.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and root.doc[head.i - 1].lower_ == "according"

    def subject_span(self, candidate: Candidate) -> Span:
        """The words that stand as subject for a figure: its noun, or the figure in "1 of 4 children"."""
        root = candidate.noun.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" \
                and candidate.span.start <= root.head.head.i < candidate.span.end:
            return candidate.span
        return candidate.noun

    def describes(self, cue_start: int, candidate: Candidate) -> bool:
        """True for a cue that only describes the counted people ("1 of 4 children injured has died")."""
        token = self.doc[cue_start]
        return candidate.noun is not None and token.dep_ == "acl" \
            and candidate.noun.start <= token.head.i < candidate.noun.end

    def starts_new_clause(self, cue_end: int, figure_start: int) -> bool:
        """True when a figure after a cue and a conjunction opens a clause of its own.

        "Two were killed, and 4 others ... injured": the figure starts a new clause. After a
        verb that takes the figures as objects ("killed two soldiers and a policeman") it
        does not: the figures form one list.
        """
        between = self.doc[cue_end:figure_start]
        if not any(t.lower_ in ("and", ",") for t in between):
            return False
        follows_cue = self.doc[cue_end:min(cue_end + 3, figure_start)]
        if follows_cue and follows_cue[0].text in (",", ";"):
            return True  # "a guard was killed, 3 others ... injured"
        return not any(t.like_num or t.lower_ in SINGULAR_ARTICLES for t in follows_cue)

    def cue_later_in_clause(self, start: int, hi: int, allowed: tuple[str, ...]) -> tuple[Span, str] | None:
        """The first cue after a figure's phrase, past a gloss or another group of people.

        "4 others and a boy injured", "seven others, including a woman, injured": what stands
        between the figure and its verb is more of the subject, not another clause.
        """
        i = start
        while i < min(hi, start + 14):
            token = self.doc[i]
            cue = next(((s, e, c) for s, e, c in self.cues if s == i and c in allowed), None)
            if cue is not None:
                if irrealis(token) or negated(token):
                    return None
                return self.doc[cue[0]:cue[1]], cue[2]
            if token.text in BRACKETS:
                close = self.closing_bracket(token)
                i = (close if close is not None else i) + 1
                continue
            if token.lower_ in PASSIVE_FILLERS or token.pos_ in ("ADV", "DET", "NUM", "ADJ", "CCONJ", "PUNCT",
                                                                  "NOUN", "PROPN") \
                    or token.lower_ in SUBJECT_GLOSS or i in self.nouns or token.ent_type_ == "NORP":
                i += 1
                continue
            return None
        return None

    @staticmethod
    def is_subject_of(noun: Span, cue: Token) -> bool:
        """True when the counted noun is the grammatical subject of the cue verb.

        Also through the verb a cue completes ("were beaten to death", "were found slain")
        and through a verb coordinated with the subject's own ("were abducted and killed").
        """
        head = noun.root
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = cue
        if verb.dep_ == "pobj" and verb.head.lower_ == "to":
            verb = verb.head  # "beaten to death"
        if verb.lower_ == "to" and verb.dep_ == "prep" or verb.dep_ in ("acomp", "oprd", "advmod", "xcomp") \
                and verb.pos_ != "VERB":
            verb = verb.head  # "beaten to death", "found slain", "shot dead"
        if verb.pos_ not in ("VERB", "ADJ"):
            return False
        if verb is not cue and head.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
            return False  # "a mob beat him to death": the doers
        if head.head == verb:
            return True
        # "were sucked out of the plane and killed": the first verb's subject
        return verb.dep_ == "conj" and head.head == verb.head and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)

    def died_later(self, cue: Span, hi: int) -> tuple[Span, str] | None:
        """A killed cue that follows a wounded one in sequence ("was injured and later died")."""
        for start, end, found in self.cues:
            if found == "killed" and cue.end <= start < min(hi, cue.end + 8):
                gap = self.doc[cue.end:start]
                if any(t.lower_ in SEQUENCE_WORDS for t in gap) and not any(t.like_num for t in gap):
                    return self.doc[start:end], "killed"
        return None

    def coordinated_pair(self, cue: Span, category: str, lo: int, hi: int) -> bool:
        """True when a killed cue and a wounded cue are joined ("killed or injured")."""
        other = {"killed": "wounded", "wounded": "killed"}.get(category)
        if other is None:
            return False
        for start, end, found in self.cues:
            if found != other or start < lo or end > hi:
                continue
            gap = self.doc[cue.end:start] if start >= cue.end else self.doc[end:cue.start]
            if any(t.lower_ in SEQUENCE_WORDS for t in gap):
                continue  # "injured and later died": one after the other, not either
            joined = [t for t in gap if t.pos_ != "ADV"]  # "killed or gravely wounded"
            if len(joined) <= 2 and len(joined) >= 1 and all(
                    t.lower_ in {"and", "or", ",", "&", "/", "and/or"} for t in joined):
                return True
        return False

    def read(self, fallback: tuple[str, int] | None = None) -> list[Reading]:
        """Every figure of the sentence that is a claim, with its category and unit.

        `fallback` is the category and figure of the sentence before: a breakdown that
        follows a total ("It found that 120 were fighters") counts the same thing.
        """
        candidates = self.figures()
        for index, candidate in enumerate(candidates):
            # a singular article only bounds its neighbours' clauses once it is a claim
            before = [c for c in candidates[:index] if not c.singular]
            # "36 of the 43 people on board": a figure inside this one's phrase bounds nothing
            inside = candidate.noun.end if candidate.noun is not None else candidate.span.end
            after = [c for c in candidates[index + 1:] if not c.singular and c.span.start >= inside]
            lo = before[-1].span.end if before else self.sent.start
            if before and before[-1].noun is not None:
                lo = max(lo, before[-1].noun.end)
            hi = after[0].span.start if after else self.sent.end
            for token in self.doc[lo:hi]:  # a semicolon closes the clause
                if token.text == ";" and token.i < candidate.span.start:
                    lo = token.i + 1
                elif token.text == ";" and token.i >= candidate.span.end:
                    hi = token.i
                    break
            self.choose_category(candidate, lo, hi)
        self.share_list_cues(candidates)
        if fallback is not None and not any(c.category for c in candidates) and THE_SAME_COUNT.search(
                text_of(self.doc)[self.sent.start_char:self.sent.end_char]):
            for c in candidates:  # "this number could rise to 1,000 people"
                if c.noun_kind in ("people", None) and not c.singular:
                    c.category = fallback[0]
        if fallback is not None and not any(c.category for c in candidates):
            category, total = fallback
            for c in candidates:
                if c.noun_kind in ("people", None) and c.figure.low <= total and not c.singular \
                        and (c.noun is not None or self.names_people_after(c)) \
                        and not text_of(self.doc)[max(0, c.figure.start - 8):c.figure.start].lower().strip().endswith(
                            ("another", "other", "further")):
                    c.category = category
        for c in candidates:
            if c.category is None and c.noun_kind == "people" and not c.singular \
                    and self.counts_a_force(c) and not self.loss_words_in_sentence(c):
                c.category = "deployed"  # troops with nothing happening to them: a force's size
        readings = []
        for c in candidates:
            if c.category is None:
                continue
            unit = "people"
            if c.category == "equipment" and (c.noun or c.unit_noun) is not None:
                unit = equipment_unit(c.noun or c.unit_noun)
            elif c.category == "loss_rate":
                unit = "percent"
            readings.append(Reading(c.figure, c.category, unit, c.noun, c.cue, c.span, c.period))
        return readings

    def choose_category(self, c: Candidate, lo: int, hi: int) -> None:
        """Set a candidate's category from its noun and the nearest cue in its clause."""
        kind = c.noun_kind
        if kind == "percent":
            found = self.loss_rate_cue(c)
            if found:
                c.cue, c.category = found, "loss_rate"
            return
        if kind == "force_size":
            c.cue, c.category = c.noun, "deployed"
            return
        if kind and kind.startswith("bulletin:"):
            c.cue, c.category = c.noun, kind.split(":", 1)[1]
            return
        if kind and kind.startswith("counted:"):
            category = kind.split(":", 1)[1]
            if category in ("killed", "wounded") and c.noun is not None \
                    and self.coordinated_pair(c.noun, category, c.noun.start, min(hi + 4, self.sent.end)):
                category = "casualties"
            c.category = category
            return
        if self.is_denominator(c) and kind in ("people", "equipment", None):
            # "2,200 out of 3,500 tanks", "out of the 360,000 troops": the force it came from
            if kind == "equipment" or self.counts_a_force(c) or kind is None:
                c.category = "deployed"
            return
        if kind == "equipment":
            found = self.nearest_cue(c, self.sent.start, self.sent.end, EQUIPMENT_CATEGORIES)
            if found:
                deployed = found[1] == "deployed" and found[0].root.lemma_.lower() in FORCE_VERBS
                c.cue, c.category = found[0], "deployed" if deployed else "equipment"
            return
        if kind == "other":
            # "five commandos were killed": whoever is killed, wounded or captured is people
            found = self.nearest_cue(c, lo, hi, VICTIM_CATEGORIES)
            if found is not None and c.noun is not None and c.noun[-1].lower_ not in lexicon().not_counts:
                cue = found[0]
                gap = cue.start - c.noun.end if cue.start >= c.noun.end else c.span.start - cue.end
                # "an official of a relief agency was shot dead": the agency is not who was shot
                near = gap <= 2 and (cue.start < c.noun.end or c.noun.root.dep_ != "pobj")
                if near or self.is_subject_of(c.noun, cue.root):
                    c.cue, c.category = cue, found[1]
            return
        allowed = PEOPLE_CUES if kind == "people" else tuple(x for x in PEOPLE_CUES if x != "deployed")
        found = self.nearest_cue(c, lo, hi, allowed)
        if found is None:
            if kind is None and self.number_of_forces_before(c):
                c.category = "deployed"
            return
        cue, category = found
        if kind is None and cue.end <= c.span.start and c.span.start - cue.end > 6 \
                and not self.completes_a_level(c):
            governed = self.cue_in_governing_subject(c, allowed)
            if governed is None:
                return
            cue, category = governed
        if category in ("killed", "wounded") and self.coordinated_pair(cue, category, lo, hi):
            category = "casualties"
        if category == "wounded":
            cue, category = self.died_later(cue, hi) or (cue, category)
        if category == "deployed" and not self.counts_a_force(c):
            return  # "a population of 430,000 people" is no force
        if category != "deployed" and self.does_something_else(c, cue):
            return  # "2 of the attackers detonated their bombs", "a hotel housing 230 guests"
        c.cue, c.category = cue, category

    def does_something_else(self, c: Candidate, cue: Span) -> bool:
        """True when the counted people act in, or are the object of, a verb that is no loss.

        "Four gunmen stormed the hotel", "one of the terrorists survived", "guards surprised
        four attackers", "a hotel housing 230 guests", "a clash between three suspects and
        the police": whoever a figure counts there is not who the cue says was lost.
        """
        if c.noun is None:
            return False
        root = c.noun.root
        if self.names_sources(root):
            return True  # "two officials said", "citing three witnesses": who tells, not who died
        if root.dep_ == "pobj" and root.head.lower_ in NOT_VICTIM_PREPOSITIONS and root.head.idx < c.figure.start:
            before = self.doc[root.head.i - 1] if root.head.i > self.sent.start else None
            return before is None or before.lower_ not in ("along", "together")  # "killed along with 2 others"
        if root.dep_ not in ("nsubj", "dobj"):
            return False
        owner = root.head
        lemma = owner.lemma_.lower()
        if owner.pos_ != "VERB" or lemma in NEUTRAL_VERBS or lemma in lexicon().reporting_verbs:
            return False
        cue_tokens = {i for start, end, _ in self.cues for i in range(start, end)}
        if owner.i in cue_tokens or any(child.i in cue_tokens for child in owner.children):
            return False  # a loss verb, or one a loss word completes: "shot 5 people dead", "received injuries"
        if owner.head.i in cue_tokens or (owner.head.dep_ == "prep" and owner.head.head.i in cue_tokens):
            return False  # "executed by hanging two men"
        return not (cue.start <= owner.i < cue.end)

    def loss_rate_cue(self, c: Candidate) -> Span | None:
        """A cue making a percentage a loss rate: "the loss rate", or "N% of the force" lost."""
        found = self.nearest_cue(c, self.sent.start, self.sent.end, ("loss_rate",))
        if found is not None:
            return found[0]
        after = self.doc[c.noun.end:min(c.noun.end + 7, self.sent.end)] if c.noun is not None else None
        if after is not None and after and after[0].lower_ in REDUCTION_WORDS:
            after = after[1:]  # "an 87% reduction in its ground troops"
            if after and after[0].lower_ == "in" and any(t.lower_ in lexicon().force_nouns for t in after):
                return self.doc[c.noun.end:c.noun.end + 1]
        if after is None or not after or after[0].lower_ != "of":
            return None
        if not any(t.lower_ in lexicon().force_nouns for t in after[1:]):
            return None
        loss = self.nearest_cue(c, self.sent.start, self.sent.end, ("killed", "wounded", "casualties"),
                                far_right=True)
        return loss[0] if loss is not None else None

    def completes_a_level(self, c: Candidate) -> bool:
        """True for a bare figure that says what a count reached ("... has exceeded 3,000")."""
        if c.figure.qualifier in ("more_than", "less_than") and c.figure.start < c.figure.number_start:
            hedge = text_of(self.doc)[c.figure.start:c.figure.number_start].lower()
            if any(w in hedge for w in ("exceed", "top", "surpass", "pass")):
                return True
        before = self.doc[c.span.start - 1] if c.span.start > self.sent.start else None
        if before is not None and before.lower_ == "of" and c.span.start - 2 >= self.sent.start \
                and self.doc[c.span.start - 2].lower_ in ("range", "region", "order", "vicinity"):
            return True  # "casualties are believed to be in the range of 240,000-290,000"
        hedge = self.doc.char_span(c.figure.start, c.figure.end, alignment_mode="expand")
        if hedge is not None and hedge.start - 2 >= self.sent.start and self.doc[hedge.start - 1].lower_ == "of" \
                and self.doc[hedge.start - 2].lower_ in ("range", "region", "order", "vicinity"):
            return True
        if before is not None and before.lower_ in ("to", "at") and any(
                t.lemma_.lower() in ("total", "toll", "tally", "number", "count", "figure")
                for t in self.doc[max(self.sent.start, c.span.start - 20):c.span.start]):
            return True
        return before is not None and (before.lemma_.lower() in LEVEL_VERBS or (
            before.lower_ in ("at", "to") and c.span.start - 2 >= self.sent.start
            and self.doc[c.span.start - 2].lemma_.lower() in LEVEL_VERBS))

    def cue_in_governing_subject(self, c: Candidate, allowed: tuple[str, ...]) -> tuple[Span, str] | None:
        """A cue in the subject of the verb a bare figure completes ("the toll ... reached 41")."""
        verb = c.span.root.head
        for _ in range(2):
            subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                break
            verb = verb.head
        if not subjects:
            return None
        inside = {t.i for t in subjects[0].subtree}
        chosen = [(s, e, cat) for s, e, cat in self.cues if s in inside and cat in allowed]
        if not chosen:
            return None
        start, end, category = max(chosen, key=lambda m: (m[1] - m[0], m[0]))
        if category in ("killed", "wounded") and self.coordinated_pair(self.doc[start:end], category,
                                                                      min(inside), max(inside) + 1):
            category = "casualties"
        return self.doc[start:end], category

    def share_list_cues(self, candidates: list[Candidate]) -> None:
        """Figures in one list share the category of a neighbour ("59 tanks and 70 drones")."""
        for _ in range(2):
            for index, c in enumerate(candidates):
                if c.category is not None or c.noun_kind not in ("people", "equipment", None) \
                        or self.is_denominator(c):
                    continue  # "3 out of 10 others were hurt": the ten are not hurt
                for neighbour_index in (index - 1, index + 1):
                    if not 0 <= neighbour_index < len(candidates):
                        continue
                    other = candidates[neighbour_index]
                    if other.category is None:
                        continue
                    if not self.linked(other, c) and not (
                            neighbour_index < index and self.after_including(c)):
                        continue
                    if c.noun_kind == "equipment":
                        if other.category in EQUIPMENT_CATEGORIES:
                            c.category = "equipment"
                    elif c.noun_kind == "people" and other.category != "equipment" \
                            and other.category != "loss_rate":
                        c.category = other.category
                    elif c.noun_kind == "people" and other.category == "equipment" \
                            and other.cue is not None and other.cue.text.lower() in ("lost", "losses", "loss", "lose"):
                        c.category = "casualties"
                    elif c.noun_kind is None and other.category != "loss_rate" and (
                            c.figure.low >= other.figure.low or not self.after_including(c)
                            or other.category != "equipment"):
                        # "31 drones in the past day and 8,900 since the war began": the same kind
                        c.category, c.noun_kind = other.category, other.noun_kind
                        c.unit_noun = other.noun
                    if c.category:
                        break
            for c in candidates:
                # "Of the 55 dead, 20 were soldiers": a part of a total given in the sentence
                if c.category is None and c.noun is None and self.names_people_after(c):
                    totals = [o for o in candidates if o.category in VICTIM_CATEGORIES + ("casualties",)
                              and o.figure.low >= c.figure.low and o is not c]
                    if totals:
                        c.category = totals[0].category

    def is_denominator(self, c: Candidate) -> bool:
        """True for the total a part is taken from ("out of 3,500", "of a total of 10,000")."""
        start = self.doc.char_span(c.figure.start, c.figure.end, alignment_mode="expand")
        first = start.start if start is not None else c.span.start
        before = " ".join(t.lower_ for t in self.doc[max(self.sent.start, first - 4):first])
        if before.endswith(("out of", "out of the", "of a total of", "from a total of")):
            return True
        # "one of the 2 gunmen": the group the one is taken from
        words = [t for t in self.doc[max(self.sent.start, first - 3):first] if t.lower_ != "the"]
        return len(words) >= 2 and words[-1].lower_ == "of" \
            and (words[-2].like_num or words[-2].lower_ in ("one", "each"))

    def loss_words_in_sentence(self, near: Candidate | None = None) -> bool:
        """True when the sentence (or the ten words around a figure) speaks of losses."""
        window = range(0, len(self.doc)) if near is None else range(near.span.start - 10, near.span.end + 10)
        return any(category in VICTIM_CATEGORIES + ("casualties",) and start in window
                   for start, _, category in self.cues)

    def number_of_forces_before(self, c: Candidate) -> bool:
        """ "the number of foreign troops in the region rose to 8,000": a count of a force."""
        window = self.doc[max(self.sent.start, c.span.start - 25):c.span.start]
        for token in window:
            if token.lower_ in ("number", "total", "presence", "strength") and token.i + 1 < c.span.start:
                following = self.doc[token.i + 1:min(token.i + 7, c.span.start)]
                if following and following[0].lower_ == "of" and any(
                        t.lower_ in lexicon().force_nouns for t in following):
                    return not self.loss_words_in_sentence()
        return False

    def counts_a_force(self, c: Candidate) -> bool:
        """True when a figure counts troops (a force size), not people at large."""
        return c.noun is not None and any(t.lower_ in lexicon().force_nouns or t.lemma_.lower() in lexicon().force_nouns
                                          for t in c.noun)

    def after_including(self, c: Candidate) -> bool:
        """True for a figure introduced as part of the one before ("including 60")."""
        before = self.doc[max(self.sent.start, c.span.start - 2):c.span.start]
        return any(t.lower_ in ("including", "among", "of") for t in before)

    def names_people_after(self, c: Candidate) -> bool:
        """True for "120 were fighters": a bare figure said to be people."""
        after = self.doc[c.span.end:min(c.span.end + 4, self.sent.end)]
        return bool(after) and after[0].lower_ in ("were", "was", "are") and any(
            i in self.nouns and self.nouns[i][1] == "people" or t.ent_type_ == "NORP"
            for i, t in zip(range(after.start, after.end), after))

    def linked(self, a: Candidate, b: Candidate) -> bool:
        """True when only list words stand between two figures (and their nouns)."""
        first, second = (a, b) if a.span.start < b.span.start else (b, a)
        gap_start = first.noun.end if first.noun is not None else first.span.end
        gap = self.doc[gap_start:second.span.start]
        return len(gap) <= 6 and all(t.lower_ in LIST_LINKS or t.is_punct for t in gap)


EQUIPMENT_UNITS = {"aircraft": "aircraft", "artillery": "artillery", "uav": "drones", "uavs": "drones", "unmanned aerial vehicle": "drones",
                   "unmanned aerial vehicles": "drones", "plane": "aircraft", "planes": "aircraft",
                   "jet": "aircraft", "jets": "aircraft", "warplane": "aircraft",
                   "warplanes": "aircraft", "fighter jets": "aircraft", "chopper": "helicopters",
                   "choppers": "helicopters"}


def negated(cue: Token) -> bool:
    """True for a cue that is denied where it stands ("who were not hurt")."""
    if any(child.dep_ == "neg" for child in cue.children):
        return True
    return cue.i > 0 and cue.doc[cue.i - 1].lower_ in ("not", "never", "n't")


def opens_clause(token: Token) -> bool:
    """True for a word that starts a clause of its own ("while", "; ", "when" as a conjunction)."""
    if token.lower_ in CONTRASTS or token.text == ";":
        return True
    return token.lower_ in SUBORDINATORS and (token.dep_ == "mark" or (
        token.lower_ == "when" and token.dep_ == "advmod"))


def irrealis(cue: Token) -> bool:
    """True for a cue that says what someone means to do ("threatened to kill")."""
    if cue.i == 0 or cue.doc[cue.i - 1].lower_ != "to":
        return False
    return cue.head.lemma_.lower() in IRREALIS_HEADS


def equipment_unit(noun: Span) -> str:
    """The unit of an equipment figure: the plural, lower-case kind of materiel."""
    text = noun.text.lower()
    if text in EQUIPMENT_UNITS:
        return EQUIPMENT_UNITS[text]
    if noun[-1].tag_ in ("NNS", "NNPS") or text.endswith("s"):
        return text
    return plural_forms(text)[1]
