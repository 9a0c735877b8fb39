"""What happened to what a figure counts: choosing the cue of each figure.

The second half of the claim grammar's reading of a sentence. The nearest cue in a figure's
clause wins, with the rules that real reporting needs: a clause opened by "while" or "when"
keeps its own figures; after "and" a figure takes the verb of its own clause ("two were
killed and 9 others, including a child, injured"); the subject of a cue verb takes it from
afar ("Eleven people, including four children, died"); the doers of an active verb are not
its victims; "injured and later died" is dead; "killed or injured" is one casualties figure.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from counterclaim.extraction.phrases import BRACKETS, SINGULAR_ARTICLES, Candidate, SentenceWords

# words that open a clause of their own: a cue before them does not reach a figure after them
CONTRASTS = {"while", "whereas", "but", "although", "though", "whilst"}
SUBORDINATORS = {"when", "after", "because", "before", "until", "as", "if", "unless"}
# how someone was hurt: an injury alone, but with "killed" after it the way they died
MANNER_CUES = {"stabbed", "stabbing", "stab"}
# words that put one thing after another: "was injured and later died"
SEQUENCE_WORDS = {"later", "subsequently", "eventually", "afterwards", "afterward", "then"}
# words inside a subject between its figure and its verb ("9 others, including a woman, ...")
SUBJECT_GLOSS = {"including", "among", "them", "whom", "of", "others", "other", "more", "mostly",
                 "many", "some", "most", "all", "both"}
# words after a figure that belong to its count, not a state of its own ("3 more", "5 each")
NOT_STATES = {"more", "additional", "apiece", "each", "respectively", "alone", "altogether",
              "overall", "total", "so", "far", "such", "similar", "likewise"}
# cues that take no object: an object the parser gives them ("missing -lower") is a misparse,
# so their subject is still who was lost
INTRANSITIVE_CUES = {"missing", "died", "die", "dies", "dead", "perished", "perish", "disappeared",
                     "succumbed", "drowned", "unaccounted"}
MAX_CUE_DISTANCE = 24
# "threatened to kill eight hostages": what someone means to do is no count of losses
IRREALIS_HEADS = {"threaten", "vow", "plan", "attempt", "try", "want", "seek", "aim", "intend",
                  "pledge", "promise", "warn", "fear", "prepare"}
MAX_RIGHT_CUE_DISTANCE = 3
PASSIVE_FILLERS = {"was", "were", "had", "have", "has", "been", "be", "are", "is", "reportedly",
                   "also", "later", "subsequently", "allegedly", "all", "being", "confirmed",
                   "reported", "believed", "feared", "presumed", "said", "to", "not", "became",
                   "become", "got", "get", "left", "remain", "remained", "found"}




class CueFinder(SentenceWords):
    """Finds the cue that says what happened to each figure's people or materiel."""

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
                        and not (subject.root.dep_ == "nsubj" and self.doc[start].lower_ not in INTRANSITIVE_CUES
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
                    if self.own_state(right_edge, hi, candidate.noun is not None):
                        continue  # "left 23 dead and thousands homeless": a state of their own
                    # "two were killed and 50 others received injuries": after "and" a figure
                    # starts its own clause, so a cue after it is nearer than the one before
                    distance += 2
            elif candidate.noun is not None and self.is_subject_of(candidate.noun, self.doc[start]):
                cue_token = self.doc[start]
                if candidate.noun.root.dep_ == "nsubj" and cue_token.lower_ not in INTRANSITIVE_CUES and any(
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

    def own_state(self, right_edge: int, hi: int, has_noun: bool) -> bool:
        """True when a figure's phrase is followed by a state word that is no cue ("homeless",
        "displaced", "without shelter"): joined by "and" to a loss, it tells of something else.
        After a noun a participle describes the people ("15 children aged ten", "civilians
        caught in the crossfire"), so only an adjective or "without" counts there."""
        at = right_edge
        while at < hi and self.doc[at].pos_ == "ADV":
            at += 1
        if at >= hi or any(start <= at < end for start, end, _ in self.cues):
            return False
        token = self.doc[at]
        if token.lower_ in NOT_STATES or token.lower_ in SUBJECT_GLOSS:
            return False
        return token.lower_ == "without" or token.pos_ == "ADJ" or (token.tag_ == "VBN" and not has_noun)

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
        """A killed cue that follows a wounded one in sequence ("was injured and later died",
        "was stabbed and killed")."""
        manner = cue.text.lower() in MANNER_CUES
        if manner and any(t.lower_ in ("fatally", "mortally") for t in self.doc[max(cue.start - 2, 0):cue.start]):
            return cue, "killed"  # "fatally stabbing two soldiers"
        for start, end, found in self.cues:
            if found == "killed" and cue.end <= start < min(hi, cue.end + 8):
                gap = self.doc[cue.end:start]
                if any(t.like_num for t in gap):
                    continue
                if any(t.lower_ in SEQUENCE_WORDS for t in gap) or (manner and [t.lower_ for t in gap] == ["and"]):
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
            later = self.doc[max(end, cue.end):min(max(end, cue.end) + 2, len(self.doc))]
            if later and later[0].lower_ in ("another", "further"):
                continue  # "1 soldier killed and wounding another 25": a second group
            if {cue.text.lower(), self.doc[start:end].text.lower()} & MANNER_CUES:
                continue  # "stabbed and killed": how, then what; no combined figure
            if len(joined) <= 2 and len(joined) >= 1 and all(
                    t.lower_ in {"and", "or", ",", "&", "/", "and/or"} for t in joined):
                return True
        return False


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
