"""Per-document tallies: the figures a conflict-data coder would enter for the event.

Claims carry the stated figures; a coder also counts victims given without a number ("a man
was killed", "Noor and his guard were killed", "the pilot was killed"). This module adds
those, removes subsets ("including 12 children") and restatements, and sums the rest:
different groups are added ("two soldiers and a civilian were killed" is 3), the same group
counted twice is counted once, a running total ("the toll rose to 41") replaces the sum, and
the attackers' own deaths are left out when others died. Its word lists are the `[tally]`
table of data/lexicon.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from counterclaim.extraction.cues import irrealis
from counterclaim.extraction.docview import is_parsed, parsed_tokens, text_of
from counterclaim.extraction.lexicon import lexicon, phrase_regex
from counterclaim.extraction.phrases import no_loss_tokens
from counterclaim.models import Claim

TALLIED = ("killed", "wounded", "captured", "missing")
INTRANSITIVE = {"die", "dead", "perish", "succumb", "be"}  # "be": "they were dead"
NOT_VICTIMS = {"no", "nobody", "none", "noone", "one", "it", "they", "them", "which", "who",
               "that", "this", "those", "these", "some", "many", "several", "others", "all",
               "people", "civilians", "soldiers", "troops", "persons"}
PRONOUNS = {"he", "she", "him", "her"}
# a part of a group counted just before: "nine of the injured", "eight seriously"
PART_OF_GROUP = re.compile(r"\w+(?:\s+\w+)?\s+(?:of\s+(?:the|those)\s+(?:injured|wounded|dead|killed|victims|"
                           r"casualties|hurt)\b|of\s+them\s+(?:seriously|critically|badly)|(?:seriously|critically|"
                           r"badly|gravely|severely)\b(?!\s+(?:injur|wound|hurt|maim)))", re.I)
# after the figure and its noun: "a commander was among the dead"
PART_AFTER = re.compile(r"^[\w\s'’-]{0,40}?\b(?:was|were)\s+among\b", re.I)
# "one of them died": part of a group named before, counted again only in another column
PARTITIVE = re.compile(r"^[\w-]+\s+of\s+(?:them|whom|those)\b", re.I)
# "25 were killed, with 3 being medics"
WITH_BEING = (re.compile(r"\bwith\s*$", re.I), re.compile(r"^\s*[\w'’-]*\s*being\b", re.I))
# the words between a subset opener and a later figure of the same list ("including 7 police
# officers and a doctor"): no verb, no clause break
LIST_BETWEEN = re.compile(r"^[^.;:!?]{0,80}?(?:,|\band)\s*$")
LIST_BREAK = re.compile(r"\b(?:was|were|is|are|had|has|have|been|when|after|while|but|said|\w+ed|\w+ing)\b", re.I)
# "including 29 children and over 200 others were injured": "others" opens a new group
NEW_CLAUSE_AFTER = re.compile(r"^\S+(?:\s+[a-z-]+){0,2}?\s+(?:were|was|are|is|had|have|has)\b")
OTHERS_AFTER = re.compile(r"^\s*(?:more\s+|other\s+)?(?:others|other|more)\b", re.I)
# what tells of another, earlier event: "in retaliation for the killing of", "last year"
OTHER_EVENT = re.compile(r"\b(?:retaliation|revenge|reprisal|avenge|anniversary|commemorat\w*|in response to|"
                         r"earlier in the year|last year|years? ago|months? ago|the previous year|"
                         r"(?:protest\w*|demonstrat\w*|rall\w+|shutdown|strike|bandh)\s+(?:against|over)|"
                         r"against (?:the )?(?:killing|murder|death)s?|over the (?:killing|murder|death)s?|"
                         r"guilty of|to punish|in memory of|funeral|mourn\w*)\b", re.I)
# "another two were killed", "three more died", "a guard was also killed": one more group
ANOTHER_BEFORE = re.compile(r"\b(?:another|a further|further)\s*$", re.I)
MORE_AFTER = re.compile(r"^\s*(?:more\b|[^.;]*?\b(?:was|were)\s+also\b)", re.I)
# "expected to exceed", "could rise to": a forecast of the toll, which the coder does not enter
PROJECTION = re.compile(r"\b(?:expected|likely|feared|could|may|might|set|projected|forecast)\s+"
                        r"(?:to\s+)?(?:rise|reach|exceed|climb|top|pass|surpass|hit|grow|increase)",
                        re.IGNORECASE)
SINCE = re.compile(r"\bsince\b", re.I)
LOST = re.compile(r"\b(?:lost|lose|loses|losing)\b", re.I)
NOT_QUITE = {"nearly", "almost", "narrowly"}
# verbs that say a state is so: "were reported wounded", "was found injured", "left him hurt"
STATE_VERBS = {"be", "report", "find", "leave", "declare", "confirm", "believe", "say", "fear",
               "list", "remain", "become", "get"}
ONE_MORE = {"another", "also", "second", "third", "fourth", "more", "other"}


@dataclass(frozen=True)
class VictimGroup:
    """People of one tally column named in one place of the text, with how many they are."""

    column: str
    count: int
    start: int  # character offset, to order groups and to spot subsets
    key: str  # what identifies the group when it is named again
    perpetrators: bool = False  # "the attacker was shot dead": left out when others died
    total: bool = False  # "the death toll rose to 41": a running total, not one more group
    named_only: bool = False  # no figure: "the pilot was killed"
    one_more: bool = False  # "another man was killed": never a restatement


@cache
def subset_opener() -> re.Pattern[str]:
    """The subset openers ("including", "among them") as one regex."""
    return phrase_regex(list(lexicon().tally.subset_openers))


@cache
def things() -> frozenset[str]:
    """Nouns that name no person: materiel, places, buildings, objects ("the effigy was burnt")."""
    lex = lexicon()
    return frozenset(lex.equipment_nouns | lex.not_counts | lex.tally.things)


@cache
def total_words() -> re.Pattern[str]:
    """The words of a running total ("toll", "altogether") as one regex."""
    return phrase_regex(list(lexicon().tally.totals))


def is_subset(doc_text: str, start: int) -> bool:
    """True when the figure at `start` is part of a total given before it.

    "including 12 children", and later members of the same list: "including 7 police
    officers and a doctor".
    """
    window = doc_text[max(0, start - 90):start]
    opener = None
    for opener in subset_opener().finditer(window):
        pass
    if opener is None:
        return False
    between = window[opener.end():]
    if not between.strip(" ,(-–—"):
        return True
    # a later member of the list, unless a verb follows it after a comma ("..., 85 were
    # injured"); after "and" the verb is the whole subject's ("including X and Y were killed")
    if LIST_BETWEEN.match(between) is None or LIST_BREAK.search(between) is not None:
        return False
    return not between.rstrip().endswith(",") or NEW_CLAUSE_AFTER.match(doc_text[start:start + 60]) is None


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


def figure_token(doc: Doc, claim: Claim) -> Token | None:
    """The token of a claim's figure (its last word: "twelve", "12", "a")."""
    start = quantity_start(claim)
    span = doc.char_span(start, start + len(claim.quantity.text), alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def counted_head(token: Token) -> Token:
    """The noun a figure token counts: its head when it modifies one ("two soldiers")."""
    if token.dep_ in ("nummod", "det", "quantmod", "compound") and token.head.i > token.i:
        return token.head
    return token


def breaks_down_another(doc: Doc, token: Token | None) -> bool:
    """True for a figure that details a group just named: an apposition or a gloss in brackets.

    "Two missionaries, a Dutchman and a Portuguese, were killed", "Two employees (one a
    guard) were killed": the second figures are the first group again.
    """
    if token is None:
        return False
    head = counted_head(token)
    detailed = head.head if head.dep_ == "appos" else head.head.head if (
        head.dep_ == "conj" and head.head.dep_ == "appos") else None
    if detailed is not None and detailed.i < head.i and detailed.tag_ in ("NNS", "NNPS") \
            and detailed.lower_ != "others":
        return True
    before = doc[max(token.sent.start, token.i - 2):token.i]
    return any(t.text in ("(", "[") for t in before) and token.i - 2 > token.sent.start \
        and doc[before.start - 1].pos_ in ("NOUN", "PROPN")


def is_breakdown(doc: Doc, claim: Claim, token: Token | None, counted_before: bool = False) -> bool:
    """True when a claim's figure is part of a group counted elsewhere in the text.

    `counted_before`: the claim's tally column already has a group ("two were wounded; one of
    them died" counts the one as dead, "five died, two of them children" does not).
    """
    text = text_of(doc)
    start = quantity_start(claim)
    if counted_before and PARTITIVE.match(text[start:start + 40]):
        return True
    after = text[start + len(claim.quantity.text):start + len(claim.quantity.text) + 60]
    if OTHERS_AFTER.match(after):
        return False  # "including 29 children, and 200 others were hurt": a new group
    with_being = WITH_BEING[0].search(text[max(0, start - 8):start]) and WITH_BEING[1].match(after)
    return (is_subset(text, start) or PART_OF_GROUP.match(text[start:start + 60]) is not None
            or PART_AFTER.match(after) is not None or bool(with_being) or breaks_down_another(doc, token))


def names_perpetrators(words: str) -> bool:
    """True when the first words after a figure name attackers ("3 gunmen", "the bomber")."""
    found = re.findall(r"[a-z]+", words.lower())[:4]
    pairs = {" ".join(found[i:i + 2]) for i in range(len(found) - 1)}
    return any(w in lexicon().tally.perpetrators for w in found + sorted(pairs))


def claim_groups(claims: list[Claim], doc: Doc, year: int | None = None,
                 sentence_of: Callable[[int], tuple[int, int]] | None = None) -> list[VictimGroup]:
    """Victim groups from claims: stated figures of event losses, subsets left out.

    Figures of an earlier event ("blamed for killing 40 in 2012") and a second claimant's
    competing figure for the same losses are left out: the coder enters the event once.
    """
    text = text_of(doc)
    groups = []
    first_claimant: dict[tuple[str, str | None], str | None] = {}
    tokens = [figure_token(doc, claim) for claim in claims]
    figure_heads = {counted_head(token).i for token in tokens if token is not None}
    sentence_of = sentence_of or sentence_finder(doc)
    for claim, token in zip(claims, tokens, strict=True):
        column = tally_column(claim)
        sentence_start, sentence_end = sentence_of(claim.evidence.start)
        if column is None or (claim.period == "cumulative" and SINCE.search(text[sentence_start:claim.evidence.end])):
            continue  # "since the start of the war": a running total, not this event
        if claim.quantity.qualifier == "vague" and SINCE.search(text[claim.evidence.end:claim.evidence.end + 30]):
            continue  # "thousands have died since": the war's toll, not this event's
        if PROJECTION.search(text[max(sentence_start, claim.evidence.start - 40):claim.evidence.end]):
            continue  # "the figure expected to exceed 3,000": a forecast, not a count
        if is_breakdown(doc, claim, token, any(g.column == column for g in groups)):
            continue  # "including 12 children", "nine of the injured", "25 people, eight seriously"
        if year is not None and earlier_year_near(text[sentence_start:max(sentence_end, claim.evidence.end)], year):
            continue
        other = None
        for other in OTHER_EVENT.finditer(text, sentence_start, claim.evidence.start):
            pass
        if other is not None and not re.search(r"[,;]", text[other.end():claim.evidence.start]):
            continue  # "protested against the killing of two children", "a funeral for 18 men"
        subject = (column, claim.subject.country if claim.subject else None)
        claimant = claim.claimant.name if claim.claimant else None
        if subject[1] is not None and first_claimant.setdefault(subject, claimant) != claimant \
                and claimant is not None and first_claimant[subject] is not None:
            continue  # another side's count of the same losses
        for person in companions(doc, token, figure_heads):
            if not is_subset(text, person.left_edge.idx):  # "including a tribal elder and his son"
                groups.append(VictimGroup(column, 1, person.idx, f"{column}@{person.i}"))
        start = quantity_start(claim)
        after_figure = text[start + len(claim.quantity.text):start + len(claim.quantity.text) + 40]
        sentence = text[sentence_start:start + 80]
        groups.append(VictimGroup(
            column, int(claim.quantity.low or 0), start, f"{column}:{claim.quantity.low}",
            perpetrators=names_perpetrators(after_figure),
            total=total_words().search(sentence) is not None and claim.quantity.text.lower() not in ("a", "an"),
            one_more=ANOTHER_BEFORE.search(text[max(0, start - 12):start]) is not None
            or MORE_AFTER.match(text[start + len(claim.quantity.text):claim.evidence.end + 1]) is not None))
    return groups


def companions(doc: Doc, token: Token | None, figure_heads: set[int]) -> list[Token]:
    """People joined to a counted group (its figure `token`) without a figure of their own.

    "A trader and his daughter were killed", "three militants and a soldier of the Frontier
    Corps", "killed two activists along with an unidentified person": each is one more.
    """
    if token is None:
        return []
    head = counted_head(token)
    found = [t for t in head.conjuncts if t.i > head.i]
    for prep in head.head.children if head.dep_ in ("dobj", "nsubjpass", "nsubj") else []:
        if prep.lower_ == "with" and prep.i > 0 and doc[prep.i - 1].lower_ in ("along", "together"):
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    people = lexicon().people_nouns
    return [t for t in found if t.i not in figure_heads
            and not any(c.dep_ == "nummod" or c.like_num for c in t.children)
            and (any(c.dep_ == "poss" for c in t.children) or t.pos_ == "PROPN"
                 or (t.lemma_.lower() in people and t.tag_ == "NN"))]


def sentence_finder(doc: Doc) -> Callable[[int], tuple[int, int]]:
    """A function from a character offset to the bounds of the sentence that holds it."""
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents] or [(0, len(text_of(doc)))]
    starts = [start for start, _ in bounds]

    def sentence_of(offset: int) -> tuple[int, int]:
        return bounds[max(bisect_right(starts, offset) - 1, 0)]

    return sentence_of


def earlier_year_near(sentence: str, year: int) -> bool:
    """True when a claim's sentence dates it to a year before the document's."""
    return any(int(y) < year for y in re.findall(r"\b(19\d\d|20\d\d)\b", sentence))


def token_count(token: Token) -> int:
    """How many people one patient token names: 1 for a singular person, 0 when unknown."""
    if token.lower_ == "another":
        return 1  # "killed one soldier and wounded another"
    groups = lexicon().tally.groups
    if token.lower_ in groups:
        return groups[token.lower_]  # "the pair were found dead", "both were wounded"
    if token.lower_ in NOT_VICTIMS or token.like_num or token.lemma_.lower() in things():
        return 0  # "machine-gunned a truck", "burnt the effigy": no one
    if any(child.dep_ == "nummod" for child in token.children):
        return 0  # a figure: counted from the claims
    if token.tag_ in ("NNS", "NNPS") and any(child.lower_ == "both" for child in token.children):
        return 2  # "both men were killed"
    names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if token.tag_ in ("NNS", "NNPS") and names:
        return 1 + len(names[0].conjuncts)  # "police officers Tony Rizzo and James Sever were killed"
    if token.tag_ in ("NN", "NNP") or token.lower_ in PRONOUNS:
        return 1
    if token.is_title and token.dep_ in ("nsubjpass", "nsubj", "dobj") and token.pos_ in ("INTJ", "X", "ADJ", "PROPN"):
        return 1  # a name the tagger did not know ("Shahbuddin was killed")
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


def counted_by_claim(victim: Token, patient: Token, claims: list[Claim], column: str) -> Claim | None:
    """The claim of another column whose counted people are this patient, if any.

    "Two teachers were abducted and killed": the claim says abducted, the tally also counts
    them as dead. Not when the victim word is the claim's own ("was stabbed to death").
    """
    for claim in claims:
        if claim.category not in TALLIED or claim.category == column \
                or claim.evidence.start <= victim.idx < claim.evidence.end:
            continue
        token = figure_token(patient.doc, claim)
        if token is not None and counted_head(token).i == patient.i:
            return claim
    return None


def victim_verb(token: Token) -> Token | None:
    """The verb a victim word completes: "shot dead", "beaten to death", "burnt alive",
    "were reported wounded", "was found injured"."""
    if token.lower_ in ("dead", "alive") and token.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp", "dep") \
            and token.head.pos_ in ("VERB", "AUX") and (token.lower_ == "dead" or token.head.lemma_ == "burn"):
        return token.head
    if token.lower_ in ("wounded", "injured", "hurt") and token.dep_ in ("oprd", "acomp", "xcomp", "ccomp") \
            and token.head.pos_ in ("VERB", "AUX") and token.head.lemma_.lower() in STATE_VERBS \
            and token.head.i < token.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) \
            and not any(c.dep_ == "dobj" for c in token.head.children):  # not "leaving 16 injured"
        return token.head
    if token.lower_ == "death" and token.dep_ == "pobj" and token.head.lower_ == "to" \
            and token.head.head.pos_ in ("VERB", "NOUN"):
        return token.head.head
    return None


def dead_person(token: Token) -> Token | None:
    """The person a "dead" or "body" word points at: "shot Yadav dead", "the body of Jozo"."""
    if token.lower_ == "dead" and token.dep_ == "amod" and token.head.pos_ in ("PROPN", "NOUN") \
            and token.head.i < token.i:
        return token.head  # "shot Yadav, a contractor, dead": the tagger read "dead" as his
    return None


def patients(verb: Token) -> list[Token]:
    """The victims of a victim verb: passive subject, object, or subject of "die"."""
    manner = victim_verb(verb)
    if manner is not None:
        return patients(manner)  # "was shot dead": who was shot
    person = dead_person(verb)
    if person is not None:
        return [person]
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
    if not found and verb.dep_ == "conj" and (passive or lemma in INTRANSITIVE) and not any(
            t.like_num and t.head.head.lower_ != "by" for t in verb.doc[verb.head.i + 1:verb.i]):
        # "were abducted and killed": the subject of the first verb; not in "were killed and
        # at least 20 wounded", where the figure is the second verb's own subject
        found.extend(c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj"))
    if lemma in ("death", "murder", "killing", "assassination", "body", "corpse"):
        found.extend(c for prep in verb.children if prep.lower_ == "of"
                     for c in prep.children if c.dep_ == "pobj")
    if lemma in ("body", "corpse"):
        found.extend(c for c in verb.children if c.dep_ == "poss")  # "his body was found"
    return found


def with_coordinated(found: list[Token]) -> list[Token]:
    """Victims with the people coordinated with them ("Noor and his guard"), each once."""
    expanded: list[Token] = []
    for token in found:
        expanded.append(token)
        expanded.extend(t for t in token.conjuncts if t.i > token.i)
        if token.tag_ in ("NN", "NNP"):
            # "killed Sam Novello, a naval officer and his driver": the driver is another victim
            for appos in (c for c in token.children if c.dep_ == "appos" and c.tag_ in ("NN", "NNP")):
                expanded.extend(t for t in appos.conjuncts if t.i > appos.i and t.tag_ in ("NN", "NNP")
                                and any(c.dep_ in ("poss", "det") for c in t.children))
    return list({t.i: t for t in expanded}.values())


def figure_group(column: str, claim: Claim, start: int) -> VictimGroup:
    """The group a claim counted, met again as this column's victims ("... and killed them")."""
    low = int(claim.quantity.low or 0)
    return VictimGroup(column, low, start, f"{column}:{low}")


def own_phrase(token: Token) -> list[Token]:
    """A patient's words without the people coordinated with it ("his driver", not "and a clerk")."""
    others = {t.i for child in token.children if child.dep_ in ("conj", "cc") for t in child.subtree}
    return [t for t in token.subtree if t.i not in others]


def noun_phrase(token: Token) -> Span:
    """The words of a patient from its first modifier to itself ("the suicide bomber")."""
    left = min([token.i] + [c.i for c in token.lefts if c.dep_ in ("compound", "amod", "det", "nmod")])
    return token.doc[left:token.i + 1]


def implicit_groups(doc: Doc, covered: set[int], claims: list[Claim] | None = None) -> list[VictimGroup]:
    """Victim groups named without a figure: "the pilot was killed", "Noor and his guard"."""
    groups: list[VictimGroup] = []
    text = text_of(doc)
    masked = frozenset(i for sent in doc.sents if is_parsed(sent) for i in no_loss_tokens(doc, sent))
    victims = lexicon().tally.victims
    for token in parsed_tokens(doc):  # an unparsed token has no lemma: it names no victim
        if token.i in masked:
            continue  # "sentenced to death", "escaped unhurt"
        lemma = token.lemma_.lower()
        for column, lemmas in victims.items():
            if lemma not in lemmas or token.pos_ not in ("VERB", "ADJ", "NOUN"):
                continue
            if column == "captured" and lemma in ("hold", "take") and not any(
                    c.lower_ in ("hostage", "captive", "prisoner") for c in token.subtree):
                continue
            if any(child.lower_ in NOT_QUITE or child.dep_ == "neg" for child in token.children) or irrealis(token):
                continue  # "was nearly killed", "were not injured", "threatened to kill"
            direct = patients(token)
            for patient in with_coordinated(direct):
                if patient.i in covered or any(t.i in covered for t in own_phrase(patient)):
                    counted = counted_by_claim(token, patient, claims or [], column) if patient in direct else None
                    if counted is not None:  # "two teachers were abducted and killed"
                        groups.append(figure_group(column, counted, patient.idx))
                    continue
                named = group_named_before(patient, claims or [])
                if named is not None and named.category != column:
                    groups.append(figure_group(column, named, patient.idx))
                    continue
                count = token_count(patient)
                if count and OTHER_EVENT.search(text[max(token.sent.start_char, patient.idx - 80):
                                                      min(token.sent.end_char, patient.idx + 60)]):
                    continue  # "in retaliation for the killing of an officer earlier in the year"
                if count:
                    key = patient.text.lower() if patient.pos_ == "PROPN" else f"{column}@{patient.i}"
                    phrase = noun_phrase(patient)
                    groups.append(VictimGroup(
                        column, count, patient.idx, key,
                        perpetrators=names_perpetrators(phrase.text),
                        named_only=True,
                        one_more=any(t.lower_ in ONE_MORE for t in phrase) or patient.lower_ == "another"
                        or any(t.lower_ in ("a", "an") for t in phrase)
                        or any(c.lower_ == "also" for c in token.children)))
    return groups


def combine(groups: list[VictimGroup], column: str, sentence_of: Callable[[int], tuple[int, int]]) -> int:
    """The column's total: distinct groups added, a group named again counted once.

    A figure repeated in a later sentence restates the first ("346 were killed ... killing
    346"); the same figure twice in one sentence counts two groups ("two soldiers and two
    militants"). A victim named without a figure after the column's first sentence is one
    already counted ("a guard was shot ... the guard later died"), unless the text says it
    is another. A figure that equals the sum of the others is their total; a running total
    ("the toll rose to 41") replaces the sum. The attackers' deaths count only when nobody
    else died.
    """
    column_groups = sorted((g for g in groups if g.column == column), key=lambda g: g.start)
    if any(not g.perpetrators for g in column_groups):
        column_groups = [g for g in column_groups if not g.perpetrators]
    seen: dict[str, tuple[int, int]] = {}  # key -> sentence where the group was first named
    added: list[VictimGroup] = []
    first_sentence: tuple[int, int] | None = None
    for group in column_groups:
        sentence = sentence_of(group.start)
        first = seen.get(group.key)
        if first is not None and not group.one_more \
                and (first != sentence or not group.key.startswith(f"{column}:")):
            continue
        if group.named_only and not group.one_more and first_sentence is not None \
                and sentence != first_sentence and group.count == 1:
            continue  # the victim of an earlier sentence, named again
        seen.setdefault(group.key, sentence)
        if first_sentence is None:
            first_sentence = sentence
        added.append(group)
    totals = [g for g in added if g.total]
    if totals:
        return max([totals[-1].count] + [g.count for g in added])
    total = sum(g.count for g in added)
    # "At least five were killed ... Two were shot ... another three died": one figure is the sum
    if len(added) > 2:
        for group in added:
            if group.key.startswith(f"{column}:") and 2 * group.count == total:
                return total - group.count
    return total


def tally_document(doc: Doc, claims: list[Claim], year: int | None = None) -> dict[str, int]:
    """Killed, wounded, captured and missing counts for the event a document reports."""
    covered = {t.i for claim in claims
               for t in doc.char_span(claim.evidence.start, claim.evidence.end, alignment_mode="expand") or []}
    sentence_of = sentence_finder(doc)
    groups = claim_groups(claims, doc, year, sentence_of) + implicit_groups(doc, covered, claims)
    return {column: combine(groups, column, sentence_of) for column in TALLIED}
