"""Per-document tallies: the figures a conflict-data coder would enter for the event.

Claims carry the stated figures; a coder also counts victims given without a number ("a man
was killed", "Noor and his guard were killed", "the pilot was killed"). This module adds
those, removes subsets ("including 12 children") and restatements, and sums the rest:
different groups are added ("two soldiers and a civilian were killed" is 3), the same group
counted twice is counted once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from counterclaim.extraction.docview import text_of
from counterclaim.extraction.grammar import no_loss_tokens
from counterclaim.models import Claim

TALLIED = ("killed", "wounded", "captured", "missing")
# verbs and words whose grammatical patient is a victim, by tally column
VICTIM_LEMMAS = {
    "killed": {"kill", "murder", "assassinate", "execute", "strangle", "slay", "behead", "lynch",
               "massacre", "stab to death", "shoot dead", "die", "dead", "death", "perish",
               "gun", "slain", "drown", "burn", "killing", "assassination", "succumb"},
    "wounded": {"wound", "injure", "hurt", "maim", "stab", "injured", "wounded"},
    "captured": {"kidnap", "abduct", "capture", "seize", "hold", "take"},
}
INTRANSITIVE = {"die", "dead", "perish", "succumb", "be"}  # "be": "they were dead"
SUBSET_BEFORE = re.compile(r"(?:including|among them|among whom|of whom|of them|of which|"
                           r"among the dead|among those killed|among the victims)\W*$", re.I)
NOT_VICTIMS = {"no", "nobody", "none", "noone", "one", "it", "they", "them", "which", "who",
               "that", "this", "those", "these", "some", "many", "several", "others", "all",
               "people", "civilians", "soldiers", "troops", "persons"}
PRONOUNS = {"he", "she", "him", "her"}
# a part of a group counted just before: "nine of the injured", "eight seriously"
PART_OF_GROUP = re.compile(r"\w+(?:\s+\w+)?\s+(?:of\s+(?:the|those)\s+(?:injured|wounded|dead|killed|victims|"
                           r"casualties|hurt)\b|of\s+them\s+(?:seriously|critically|badly)|(?:seriously|critically|"
                           r"badly|gravely|severely)\b(?!\s+(?:injured|wounded|hurt)))", re.I)
SINCE = re.compile(r"\bsince\b", re.I)
LOST = re.compile(r"\b(?:lost|lose|loses|losing)\b", re.I)
NOT_QUITE = {"nearly", "almost", "narrowly"}
# words that name a group of known size
GROUP_WORDS = {"pair": 2, "couple": 2, "duo": 2, "trio": 3, "both": 2}


@dataclass(frozen=True)
class VictimGroup:
    """People of one tally column named in one place of the text, with how many they are."""

    column: str
    count: int
    start: int  # character offset, to order groups and to spot subsets
    key: str  # what identifies the group when it is named again


def is_subset(doc_text: str, start: int) -> bool:
    """True when the figure at `start` is part of a total given just before it."""
    return SUBSET_BEFORE.search(doc_text[max(0, start - 40):start]) is not None


def quantity_start(claim: Claim) -> int:
    """Where the claim's figure starts in the document text."""
    offset = claim.evidence.text.find(claim.quantity.text)
    return claim.evidence.start + max(offset, 0)


def tally_column(claim: Claim) -> str | None:
    """The tally column a claim counts in: "lost 3 soldiers" in an event note is 3 dead."""
    if claim.category in TALLIED:
        return claim.category
    if claim.category == "casualties" and LOST.search(claim.evidence.text):
        return "killed"
    return None


def claim_groups(claims: list[Claim], text: str, year: int | None = None) -> list[VictimGroup]:
    """Victim groups from claims: stated figures of event losses, subsets left out.

    Figures of an earlier event ("blamed for killing 40 in 2012") and a second claimant's
    competing figure for the same losses are left out: the coder enters the event once.
    """
    groups = []
    first_claimant: dict[tuple[str, str | None], str | None] = {}
    for claim in claims:
        column = tally_column(claim)
        if column is None or (claim.period == "cumulative" and SINCE.search(claim.evidence.text)):
            continue  # "since the start of the war": a running total, not this event
        start = quantity_start(claim)
        if is_subset(text, claim.evidence.start) or is_subset(text, start) \
                or PART_OF_GROUP.match(text[start:start + 60]):
            continue  # "including 12 children", "nine of the injured", "25 people, eight seriously"
        if year is not None and earlier_year_near(text, claim, year):
            continue
        subject = (column, claim.subject.country if claim.subject else None)
        claimant = claim.claimant.name if claim.claimant else None
        if subject[1] is not None and first_claimant.setdefault(subject, claimant) != claimant \
                and claimant is not None and first_claimant[subject] is not None:
            continue  # another side's count of the same losses
        groups.append(VictimGroup(column, int(claim.quantity.low or 0), start,
                                  f"{column}:{claim.quantity.low}"))
    return groups


def earlier_year_near(text: str, claim: Claim, year: int) -> bool:
    """True when the claim's sentence dates it to a year before the document's."""
    sentence_start = max(text.rfind(". ", 0, claim.evidence.start), 0)
    sentence_end = text.find(". ", claim.evidence.end)
    sentence = text[sentence_start:sentence_end if sentence_end > 0 else len(text)]
    return any(int(y) < year for y in re.findall(r"\b(19\d\d|20\d\d)\b", sentence))


def token_count(token: Token) -> int:
    """How many people one patient token names: 1 for a singular person, 0 when unknown."""
    if token.lower_ == "another":
        return 1  # "killed one soldier and wounded another"
    if token.lower_ in GROUP_WORDS:
        return GROUP_WORDS[token.lower_]  # "the pair were found dead", "both were wounded"
    if token.lower_ in NOT_VICTIMS or token.like_num:
        return 0
    if any(child.dep_ == "nummod" for child in token.children):
        return 0  # a figure: counted from the claims
    if token.tag_ in ("NNS", "NNPS") and any(child.lower_ == "both" for child in token.children):
        return 2  # "both men were killed"
    if token.tag_ in ("NN", "NNP") or token.lower_ in PRONOUNS:
        return 1
    return 0


def group_named_before(token: Token, claims: list[Claim]) -> Claim | None:
    """The counted group a plural pronoun stands for ("abducted two farmers and killed them")."""
    if token.lower_ not in ("them", "they"):
        return None
    sent = token.sent
    previous = token.doc[sent.start - 1].sent if sent.start > 0 else sent
    earlier = [c for c in claims if previous.start_char <= c.evidence.start and c.evidence.end <= token.idx
               and c.quantity.unit == "people" and (c.quantity.low or 0) > 1]
    return earlier[-1] if earlier else None


def victim_verb(token: Token) -> Token | None:
    """The verb a manner-of-death word completes: "shot dead", "beaten to death"."""
    if token.lower_ == "dead" and token.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp", "dep") \
            and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.lower_ == "death" and token.dep_ == "pobj" and token.head.lower_ == "to" \
            and token.head.head.pos_ == "VERB":
        return token.head.head
    return None


def patients(verb: Token, column: str) -> list[Token]:
    """The victims of a victim verb: passive subject, object, or subject of "die"."""
    manner = victim_verb(verb)
    if manner is not None:
        return patients(manner, column)  # "was shot dead": who was shot
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "conj"))
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and (lemma in INTRANSITIVE or passive)):
            found.append(child)
        elif child.dep_ == "dobj" and not passive:
            found.append(child)
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.append(verb.head)  # "a man killed in the blast"
    if not found and verb.dep_ == "conj" and (passive or lemma in INTRANSITIVE):
        found.extend(c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj"))
    if lemma in ("death", "murder", "killing", "assassination"):
        found.extend(c for prep in verb.children if prep.lower_ == "of"
                     for c in prep.children if c.dep_ == "pobj")
    expanded: list[Token] = []
    for token in found:
        expanded.append(token)
        expanded.extend(t for t in token.conjuncts if t.i > token.i)
    return expanded


def implicit_groups(doc: Doc, covered: set[int], claims: list[Claim] | None = None) -> list[VictimGroup]:
    """Victim groups named without a figure: "the pilot was killed", "Noor and his guard"."""
    groups: list[VictimGroup] = []
    masked = frozenset(i for sent in doc.sents for i in no_loss_tokens(doc, sent))
    for token in doc:
        if token.i in masked:
            continue  # "sentenced to death", "escaped unhurt"
        lemma = token.lemma_.lower()
        for column, lemmas in VICTIM_LEMMAS.items():
            if lemma not in lemmas or token.pos_ not in ("VERB", "ADJ", "NOUN"):
                continue
            if column == "captured" and lemma in ("hold", "take") and not any(
                    c.lower_ in ("hostage", "captive", "prisoner") for c in token.subtree):
                continue
            if any(child.lower_ in NOT_QUITE or child.dep_ == "neg" for child in token.children):
                continue  # "was nearly killed", "were not injured"
            for patient in patients(token, column):
                if patient.i in covered or any(t.i in covered for t in patient.subtree):
                    continue
                named = group_named_before(patient, claims or [])
                if named is not None and named.category != column:
                    low = int(named.quantity.low or 0)
                    groups.append(VictimGroup(column, low, patient.idx, f"{column}:{low}"))
                    continue
                count = token_count(patient)
                if count:
                    key = patient.text.lower() if patient.pos_ == "PROPN" else f"{column}@{patient.i}"
                    groups.append(VictimGroup(column, count, patient.idx, key))
    return groups


def combine(groups: list[VictimGroup], column: str, sentence_of: Callable[[int], int]) -> int:
    """The column's total: distinct groups added, a group named again counted once.

    A figure repeated in a later sentence restates the first ("346 were killed ... killing
    346"); the same figure twice in one sentence counts two groups ("two soldiers and two
    militants"). A last figure that equals the sum of the earlier ones is their total.
    """
    seen: dict[str, int] = {}  # key -> sentence where the group was first named
    added: list[VictimGroup] = []
    for group in sorted((g for g in groups if g.column == column), key=lambda g: g.start):
        sentence = sentence_of(group.start)
        first = seen.get(group.key)
        if first is not None and (first != sentence or not group.key.startswith(f"{column}:")):
            continue
        seen.setdefault(group.key, sentence)
        added.append(group)
    total = sum(g.count for g in added)
    stated = [g for g in added if g.key.startswith(f"{column}:")]
    # "... killing 5. The five victims were ...": a later total that restates the sum
    if len(stated) > 2 and stated[-1] is added[-1] and sentence_of(stated[-1].start) != sentence_of(stated[-2].start) \
            and sum(g.count for g in stated[:-1]) == stated[-1].count:
        total -= stated[-1].count
    return total


def tally_document(doc: Doc, claims: list[Claim], year: int | None = None) -> dict[str, int]:
    """Killed, wounded, captured and missing counts for the event a document reports."""
    covered = {t.i for claim in claims
               for t in doc.char_span(claim.evidence.start, claim.evidence.end, alignment_mode="expand") or []}
    groups = claim_groups(claims, text_of(doc), year) + implicit_groups(doc, covered, claims)
    starts = [sent.start_char for sent in doc.sents]

    def sentence_of(offset: int) -> int:
        return bisect_right(starts, offset)

    return {column: combine(groups, column, sentence_of) for column in TALLIED}
