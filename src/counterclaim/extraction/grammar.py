"""The claim grammar: what a figure counts and what happened to it.

A figure becomes a claim when it counts people or materiel (the noun after it: see
phrases.py) and a cue in its clause says what happened to them (killed, wounded, lost,
captured, missing, deployed, destroyed: see cues.py). The word lists live in
data/lexicon.toml; this module holds the rules that give each figure its category: a figure
in a list ("1,140 troops, 59 artillery systems and 70 drones") shares its neighbours' cue,
troops with nothing happening to them are a force's size, a percentage of a force is a loss
rate, a breakdown after a total counts what the total counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from counterclaim.extraction.cues import CueFinder
from counterclaim.extraction.docview import text_of
from counterclaim.extraction.lexicon import lexicon
from counterclaim.extraction.phrases import Candidate, is_ratio, plural_forms
from counterclaim.extraction.quantities import Figure, find_figures

LIST_LINKS = {",", "and", "or", "including", "among", "them", "whom", "as", "well", "plus",
              "while", "with", "also", "another", "of", "whereas", "besides", "along", "the",
              "in", "addition", "to", "a", "an", "further", "additional", "other", "others",
              "more", "(", ")", "+", "-", "–", ";", "were", "was", "are", "is", "past", "last",
              "hours", "24", "day", "days", "week", "since", "start", "war", "beginning",
              "invasion", "conflict", "began", "overnight", "yesterday", "today", "they", ":",
              "included", "includes", "include"}
# a figure after these counts the other side or the place, not the losses: "a clash between
# three suspects and the police", "fighting with 30 rebels"
NOT_VICTIM_PREPOSITIONS = {"between", "against", "with"}
# verbs whose subject or object is the counted group itself: "the dead included 5 children"
NEUTRAL_VERBS = {"be", "include", "leave", "number", "total", "reach", "comprise", "count",
                 "say", "report", "confirm", "estimate", "put", "become", "remain", "have"}
# verbs that give a count its level: "the toll reached 41", "deaths rose to 90"
LEVEL_VERBS = {"reach", "exceed", "stand", "rise", "total", "top", "climb", "hit", "pass",
               "increase", "jump", "surpass", "grow", "mount", "soar", "be", "put", "number",
               "estimate", "revise", "raise", "lower", "bring"}
PEOPLE_CUES = ("killed", "wounded", "casualties", "captured", "missing", "deployed")
EQUIPMENT_CATEGORIES = ("equipment", "casualties", "captured", "deployed", "killed")
VICTIM_CATEGORIES = ("killed", "wounded", "captured", "missing")
FORCE_VERBS = {"deploy", "dispatch", "station", "mass", "amass", "mobilise", "mobilize", "field"}
# "its earlier figure of 45": a figure a revision replaces
EARLIER_FIGURE = re.compile(r"\b(?:earlier|previous|initial|original|old|first)\s+(?:death\s+)?(?:figure|toll|estimate|"
                            r"count|tally|number|total)\s+of\s*$")
SURVIVAL_VERBS = {"survive", "escape", "flee", "swim"}  # "nine survived": not among the dead
THE_SAME_COUNT = re.compile(r"\b(?:this|that|the)\s+(?:number|figure|toll|tally|count)\b", re.I)
REDUCTION_WORDS = {"reduction", "decline", "drop", "cut", "fall", "decrease", "loss"}


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


class SentenceReader(CueFinder):
    """Reads the figures of one sentence against its cue and noun matches."""

    def figures(self) -> list[Candidate]:
        """The figures of the sentence that can count something, with their nouns."""
        text = text_of(self.doc)[self.sent.start_char:self.sent.end_char]
        offset = self.sent.start_char
        found: list[Candidate] = []
        for figure in find_figures(text):
            figure = Figure(figure.start + offset, figure.end + offset, figure.low, figure.high,
                            figure.qualifier, figure.text, figure.number_start + offset, figure.fraction)
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
        return self.revised_figures(self.merge_split_ranges(found))

    def revised_figures(self, found: list[Candidate]) -> list[Candidate]:
        """The figure a count was revised to: "revised the toll from 52 to 30" says 30.

        After a verb of change, "from A to B" is no range: A is the figure before the change.
        So is "its earlier figure of 45" when a new one follows ("... to 38").
        """
        if not found:
            return found
        text = text_of(self.doc)
        revisions = lexicon().revision_verbs
        change = [t.i for t in self.sent if t.lemma_.lower() in revisions]
        if not change:
            return found
        kept: list[Candidate] = []
        for index, c in enumerate(found):
            before = text[max(self.sent.start_char, c.figure.start - 40):c.figure.start].lower()
            later = found[index + 1] if index + 1 < len(found) else None
            if c.span.start < min(change) or (c.figure.qualifier == "range" and not c.figure.text.lower().startswith("from")):
                kept.append(c)
                continue
            if c.figure.qualifier == "range":
                # "lowered the number of missing from 120 to 85"
                new = Figure(c.figure.start, c.figure.end, c.figure.high, None, "exactly", c.figure.text,
                             c.figure.number_start)
                kept.append(Candidate(new, c.span, c.noun, c.noun_kind))
                continue
            follows = later is not None and re.match(
                r"^[^,;]*?\b(?:down|up|back)?\s*to\s*$", text[c.figure.end:later.figure.start].lower())
            if follows and (before.rstrip().endswith("from") or EARLIER_FIGURE.search(before)):
                if later.noun is None:
                    later.noun, later.noun_kind = c.noun, c.noun_kind
                continue  # "from 52 down to 30": the toll is 30 now
            kept.append(c)
        return kept

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
        self.same_count_later(candidates)
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
                        and not self.survived(c) \
                        and not text_of(self.doc)[max(0, c.figure.start - 8):c.figure.start].lower().strip().endswith(
                            ("another", "other", "further")):
                    c.category = category
        for c in candidates:
            if c.category is None and c.noun_kind == "people" and not c.singular \
                    and self.counts_a_force(c) and not self.loss_words_in_sentence(c) \
                    and not self.survived(c):
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
            if category == "wounded" and self.died_of_the_wounded(c, hi):
                category = "killed"  # "three of the injured died in hospital"
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
            if found is not None and found[1] == "captured" and c.noun is not None \
                    and c.noun.root.lower_ in lexicon().tally.things:
                return  # "seized a tanker": a thing taken, not a person
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
        if category == "casualties" and cue.root.lemma_.lower() == "lose" and c.noun is not None \
                and c.noun.text.lower() in lexicon().kin_nouns:
            category = "killed"  # "he had lost 12 relatives": they died
        if category == "wounded":
            cue, category = self.died_later(cue, hi) or (cue, category)
        if category == "deployed" and not self.counts_a_force(c):
            return  # "a population of 430,000 people" is no force
        if category != "deployed" and self.does_something_else(c, cue):
            return  # "2 of the attackers detonated their bombs", "a hotel housing 230 guests"
        c.cue, c.category = cue, category

    def same_count_later(self, candidates: list[Candidate]) -> None:
        """A later figure of the count a claim gave ("... is at 2,719, with the figure expected
        to exceed 3,000"): it takes that claim's category."""
        text = text_of(self.doc)
        for index, c in enumerate(candidates):
            if c.category is not None or c.noun_kind not in ("people", None) or c.singular:
                continue
            earlier = [o for o in candidates[:index] if o.category in VICTIM_CATEGORIES + ("casualties",)]
            if not earlier:
                continue
            between = self.doc[max(earlier[-1].span.end, c.span.start - 8):c.span.start]
            if between and THE_SAME_COUNT.search(text[between.start_char:between.end_char]) \
                    and not any(t.text in (";", ".") for t in between):
                c.category = earlier[-1].category

    def survived(self, c: Candidate) -> bool:
        """True when the counted people survived or escaped ("Nine people survived the
        sinking"): no part of the total before them."""
        if c.noun is None:
            return False
        root = c.noun.root
        return root.dep_ == "nsubj" and root.head.lemma_.lower() in SURVIVAL_VERBS

    def died_of_the_wounded(self, c: Candidate, hi: int) -> bool:
        """True for a part of the wounded whose own verb is a death ("two of the injured died")."""
        if c.noun is None or c.noun.start - c.span.end > 2 or self.doc[c.span.end].lower_ != "of":
            return False
        for start, _, category in self.cues:
            if category == "killed" and c.noun.end <= start < min(hi, c.noun.end + 4):
                gap = self.doc[c.noun.end:start]
                return all(t.lower_ in ("later", "subsequently", "have", "has", "had", "also") or t.pos_ == "AUX"
                           for t in gap)
        return False

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
        if after is None or not after or (after[0].lower_ != "of" and not is_ratio(c.noun.text)):
            return None  # "9% of the force"; a ratio may name it at once ("one in five soldiers")
        if not any(t.lower_ in lexicon().force_nouns for t in after[after[0].lower_ == "of":]):
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
                if self.own_state(c.noun.end if c.noun is not None else c.span.end, self.sent.end,
                                  c.noun is not None):
                    continue  # "23 dead and thousands homeless": the thousands are not dead
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


def equipment_unit(noun: Span) -> str:
    """The unit of an equipment figure: the plural, lower-case kind of materiel."""
    text = noun.text.lower()
    if text in EQUIPMENT_UNITS:
        return EQUIPMENT_UNITS[text]
    if noun[-1].tag_ in ("NNS", "NNPS") or text.endswith("s"):
        return text
    return plural_forms(text)[1]
