"""What a figure counts: the words of one sentence and the noun phrase after each figure.

The first half of the claim grammar. It marks a sentence's cues ("killed", "sank") and
counted nouns ("soldiers", "tanks") from the lexicon, reads the noun a figure counts ("six
suspected militants", "two Border Guard Force (BGF) personnel", "36 of the 43 people on
board"), and turns away figures that count nothing a claim can hold: dates, ages, money,
names with numbers, perpetrators ("killed by two gunmen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from counterclaim.extraction.docview import ents_of, text_of
from counterclaim.extraction.lexicon import lexicon
from counterclaim.extraction.quantities import RATIO, Figure

REJECTING_ENTITIES = {"DATE", "TIME", "MONEY", "ORDINAL"}
YEAR_BEFORE = {"in", "since", "of", "until", "by", "from", "year", "early", "late", "mid",
               "summer", "winter", "spring", "autumn", "fall", "before", "after", "the",
               "during", "between", "and", "to", "circa", "c.", "around"}
BRACKETS = {"(": ")", "[": "]"}
NAME_JOINERS = ("/", "&", "-")
RANGE_WORDS = {"-", "–", "and", "to", "between", "from", "or"}
PERCENT_WORDS = {"%", "percent", "per", "pct"}
RATIO_TEXT = re.compile(rf"{RATIO}$", re.IGNORECASE)
SINGULAR_ARTICLES = {"a", "an", "another"}
MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
               "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
PERPETRATOR_VERBS = {"kill", "murder", "shoot", "attack", "wound", "injure", "abduct", "kidnap",
                     "stab", "assassinate", "ambush", "execute", "capture", "carry", "claim",
                     "target", "strike", "hit", "bomb"}
# general-staff bulletins: "tanks – 9,812 (+12)", "personnel - about 612,450 (+1,290)"
BULLETIN_LINE = re.compile(r"([A-Za-z][A-Za-z \-]{1,40}?)\s*[–—-]\s*(?:[\d,.\s]+\s*)?$")
BULLETIN_DELTA = re.compile(r"[–—-]\s*(?:about|approximately|around|some|over)?\s*[\d,.\s]+\(\s*\+\s*$")


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


def is_ratio(text: str) -> bool:
    """True for a share written as a ratio ("one in five", "1 out of every 10")."""
    return RATIO_TEXT.search(text) is not None


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


class SentenceWords:
    """One sentence's cue and noun matches, and the reading of the phrase after a figure."""

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
    def rejected(self, figure: Figure, span: Span) -> bool:
        """True for figures that are dates, times, money, ordinals, years or model numbers."""
        for token in span:
            if token.ent_type_ in REJECTING_ENTITIES and not self.inside_count_phrase(token) \
                    and not self.bare_number_entity(token, span):
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
        if before is not None and before.pos_ == "PROPN" and before.i - 1 >= self.sent.start \
                and self.doc[before.i - 1].like_num:
            return True  # "18 Leopard 2 tanks": the 2 is the model's, the 18 the count
        hedge_start = self.doc.char_span(figure.start, figure.end, alignment_mode="expand")
        first = hedge_start.start if hedge_start is not None else span.start
        if first > self.sent.start and self.doc[first - 1].lower_ == "by" and any(
                self.doc[j].lemma_.lower() in PERPETRATOR_VERBS
                for j in range(max(self.sent.start, first - 6), first - 1)):
            return True  # "killed by two gunmen": the perpetrators, not the victims
        return False

    def bare_number_entity(self, token: Token, figure: Span) -> bool:
        """spaCy sometimes reads "76" or "from 40 to 52 overnight" as a date or a time: only
        words make a date a date, and the figure's own words are numbers and range words."""
        ent = next((e for e in ents_of(self.doc) if e.start <= token.i < e.end), None)
        if ent is None or ent.label_ not in ("DATE", "TIME"):
            return False
        words = [t for t in figure if ent.start <= t.i < ent.end]
        return all(t.like_num or t.is_punct or t.lower_ in RANGE_WORDS for t in words) \
            and not any(re.fullmatch(r"(1[89]|20)\d\d|\d{1,2}[:.]\d\d", t.text) for t in words)

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
                                              "fifth", "fifths", "tenth", "tenths") or is_ratio(span.text):
            return doc[span.start:span.end], "percent"
        if i < limit and doc[i].lower_ in PERCENT_WORDS and not (
                doc[i].lower_ == "per" and (i + 1 >= limit or doc[i + 1].lower_ != "cent")):
            end = i + 2 if doc[i].lower_ == "per" else i + 1
            return doc[i:end], "percent"
        if i + 1 < limit and doc[i].lower_ in ("reports", "cases", "instances") and doc[i + 1].lower_ == "of":
            i += 2  # "640 reports of people missing": the people are counted
        if i < limit and doc[i].lower_ in lex.not_counts and not (
                doc[i].dep_ == "compound" and i < doc[i].head.i <= i + 2
                and self.nouns.get(doc[i].head.i, (0, ""))[1] == "equipment"):
            return doc[i:i + 1], "rejected"  # "27 attacks", but "27 attack drones" are drones
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
            if token.pos_ == "PROPN" and i + 2 < limit and doc[i + 1].like_num and i + 2 in self.nouns \
                    and (i == span.end or doc[i - 1].pos_ == "PROPN"):
                i += 2  # "18 Leopard 2 tanks": a model name and number describe the tanks
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
            if token.pos_ == "NOUN" and token.dep_ == "compound" and i not in self.nouns \
                    and token.head.i in self.nouns and i < token.head.i <= i + 2:
                i += 1  # "27 attack drones": a noun that says which kind
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
            if token.lower_ not in SINGULAR_ARTICLES or token.i in taken \
                    or (token.i + 1 < self.sent.end and self.doc[token.i + 1].i in taken):
                continue  # "another one": the figure is "one"
            noun, kind = self.counted_noun(self.doc[token.i:token.i + 1])
            if noun is None or kind not in ("people", "equipment", "other") \
                    or noun[-1].tag_ in ("NNS", "NNPS"):
                continue
            figure = Figure(token.idx, token.idx + len(token.text), 1, None, "exactly",
                            token.text, token.idx)
            extra.append(Candidate(figure, self.doc[token.i:token.i + 1], noun, kind, singular=True))
        return extra
