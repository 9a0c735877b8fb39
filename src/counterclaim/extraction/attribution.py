"""Who says so, and when: the claimant of a sentence and the date of the statement.

The speaker is the subject of a reporting verb ("the ministry said"), the agent of a passive
one ("was confirmed by an official"), the object of "according to", or, for pronouns and
definite descriptions ("he added", "the same source"), the claimant named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from counterclaim.extraction.docview import ents_of, parsed_tokens, sentence_ents, text_of
from counterclaim.extraction.actors import actor_table
from counterclaim.extraction.lexicon import lexicon
from counterclaim.models import Actor

SPEAKER_DEPS = ("nsubj", "nsubjpass", "csubj")
TRIM_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep_clause", "parataxis"}
GENERIC_SPEAKERS = {"figures", "figure", "data", "report", "reports", "statement", "update",
                    "estimate", "estimates", "assessment", "investigation", "analysis", "study",
                    "survey", "tally", "count", "bulletin", "numbers", "information", "toll",
                    "findings", "records", "statistics", "document", "documents", "imagery",
                    "images", "footage", "photos", "videos"}
SPOKES_WORDS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen"}
# "reports from the field": where reports come from, not who makes them
PLACES_OF_REPORTS = {"field", "ground", "front", "frontline", "front line", "region", "area",
                     "scene", "hospitals", "hospital", "morgues", "morgue", "villages", "camps"}
# "some estimates", "other reports", "independent counts": sources the text leaves unnamed
INDEFINITE_SOURCES = {"some", "other", "several", "many", "various", "independent", "unofficial",
                      "separate", "conflicting", "higher", "lower", "earlier", "local"}
# "claimed the lives of", "claimed responsibility": the verb reports nothing
NOT_REPORTED_OBJECTS = {"life", "lives", "responsibility", "victory", "control", "credit", "seat",
                        "seats", "ground", "territory", "hand", "fire"}
TITLES = {"major", "general", "gen", "colonel", "col", "lt", "lieutenant", "captain", "capt",
          "dr", "mr", "mrs", "ms", "minister", "president", "governor", "commander", "sergeant",
          "sgt", "brigadier", "admiral", "maj", "prof", "professor", "sheikh", "lt.-gen"}
# head words too common to tie a mention to one named body ("forces", "ministry")
GENERIC_HEADS = {"forces", "force", "army", "military", "ministry", "government", "officials",
                 "official", "authorities", "office", "police", "troops", "group", "committee",
                 "council", "staff", "service", "department", "agency", "command", "nations"}
# "the Mountain Rights Monitoring Group (MRMG)"
ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.-]+\s+)(?:(?:of|for|and|the|on|in|[A-Z][\w'’.-]+)\s+){0,8}[A-Z][\w'’.-]+)\s*\(([A-Z]{2,6})\)")
TITLE_NOUNS = {"commander", "chief", "president", "minister", "spokesman", "spokeswoman",
               "spokesperson", "head", "leader", "governor", "mayor", "general", "envoy",
               "ambassador", "director", "secretary"}
COUNT_NOUNS = {"toll", "number", "total", "count", "tally", "figure", "death", "casualty"}
CLAIM_NOUNS = {"claim", "statement", "report", "estimate", "assessment", "count", "tally",
               "figure", "data", "allegation", "assertion"}
TRAILING_VERBS = {"estimates", "says", "claims", "reports", "said", "estimated", "claimed",
                  "reported", "believes", "assesses", "concluded", "added", "noted"}
POSSESSIVES = {"its", "their", "his", "her", "our"}
# a definite description stands for an earlier claimant only if it names the same kind of
# body: "The RSF said ... The army said ..." are two sides, "the ministry" is a ministry
DESCRIPTION_GROUPS = (frozenset({"army", "military", "armed", "defence", "defense"}),
                      frozenset({"ministry", "minister"}), frozenset({"police"}),
                      frozenset({"governor"}), frozenset({"mayor"}), frozenset({"president", "presidency"}))
# "Reuters reported, citing two officials": the officials said it, Reuters relays it
RELAY_WORDS = {"citing", "quoting"}
RELAY_VERBS = {"cite", "quote"}
PERSONAL_PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
RELATIVE_DAYS = {"yesterday": ("published", -1), "today": ("published", 0),
                 "tonight": ("published", 0), "this morning": ("published", 0),
                 "last night": ("published", -1), "the next day": ("last", 1),
                 "the following day": ("last", 1), "next day": ("last", 1),
                 "a day later": ("last", 1), "the same day": ("last", 0),
                 "the day before": ("last", -1), "the previous day": ("last", -1),
                 "two days later": ("last", 2)}
NOT_A_STATEMENT_DATE = re.compile(r"^\s*(?:as of|as at|since|until|by|from|between|through)\b", re.I)


@dataclass
class Attribution:
    """The claimant of a sentence's claims and the date the statement was made."""

    claimant: Actor | None
    said_on: date | None
    speaker_tokens: frozenset[int] = frozenset()
    content_start: int = -1  # token index where the reported content begins, -1 when unknown
    verb: int = -1  # token index of the reporting verb, -1 for "according to"
    via: Actor | None = None  # who relays the statement: "Reuters, citing two officials"


@dataclass
class DocumentMemory:
    """What earlier sentences established: the last claimant, and statement dates."""

    published: date | None
    last_claimant: Actor | None = None
    last_person: Actor | None = None
    last_body: Actor | None = None
    last_said_on: date | None = None
    last_date: date | None = None  # the last day named anywhere, anchor of "the next day"
    dates_by_claimant: dict[str, date] = field(default_factory=dict)
    document_actors: list = field(default_factory=list)  # known actors named in the document
    persons: list[str] = field(default_factory=list)  # full names of people in the document
    named_speakers: list[tuple[int, Token]] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)  # "MRMG" -> its full name

    def prepare(self, doc) -> None:  # noqa: ANN001
        """Read what the whole document names: known actors, people, speakers."""
        self.document_actors = actor_table().all_known(text_of(doc))
        self.persons = [e.text for e in ents_of(doc) if e.label_ == "PERSON" and len(e) >= 2]
        self.acronyms = {m.group(2): m.group(1) for m in ACRONYM_DEFINITION.finditer(text_of(doc))}
        for token in parsed_tokens(doc):
            if token.lemma_.lower() in lexicon().reporting_verbs and token.pos_ == "VERB":
                for child in token.children:
                    if child.dep_ == "nsubj" and child.ent_type_ in ("PERSON", "ORG"):
                        self.named_speakers.append((token.i, child))

    def speaker_after(self, position: int, within: int | None = None) -> Token | None:
        """The first named speaker after a position ("He said ... , Shoigu said.")."""
        return next((speaker for i, speaker in self.named_speakers
                     if i > position and (within is None or i - position <= within)), None)

    def remember(self, attribution: Attribution) -> None:
        """Record a sentence's attribution for the sentences after it."""
        if attribution.claimant is not None:
            self.last_claimant = attribution.claimant
            if is_person(attribution.claimant):
                self.last_person = attribution.claimant
            else:
                self.last_body = attribution.claimant
            if attribution.said_on is not None:
                self.dates_by_claimant[attribution.claimant.name] = attribution.said_on
        if attribution.said_on is not None:
            self.last_said_on = attribution.said_on

    def note_person(self, sent: Span) -> None:
        """A named person who does something in a sentence without a speaker ("The minister,
        Ana Roth, visited the site. She said ..."): whom a later "he" or "she" stands for."""
        root = sent.root
        for child in root.children:
            if child.dep_ != "nsubj":
                continue
            if any(t.lower_ in SPOKES_WORDS for t in child.subtree):
                return  # "X, the spokesperson for the ministry, ...": the ministry still speaks
            names = [e for e in sentence_ents(sent) if e.label_ == "PERSON" and len(e) >= 2
                     and child.left_edge.i <= e.start and e.end <= child.right_edge.i + 1]
            if names:
                self.last_person = actor_table().normalise(names[-1].text)
            return

    def note_dates(self, sent: Span) -> None:
        """Remember the last day a sentence names, for "the next day" after it."""
        for _, _, text in date_expressions(sent):
            resolved = resolve_date(text, self)
            if resolved is not None:
                self.last_date = resolved


def is_person(actor: Actor) -> bool:
    """True when an actor looks like a person (a named official) rather than a body."""
    words = actor.name.split()
    return actor.name[:1].isupper() and 2 <= len(words) <= 3 and not any(
        w.lower() in {"ministry", "forces", "army", "office", "staff", "directorate", "committee",
                      "agency", "government", "council", "command", "service", "news", "press",
                      "nations", "organization", "organisation", "group", "authorities", "media",
                      "intelligence", "official", "source", "sources", "officer", "spokesman",
                      "spokeswoman", "military", "police"} for w in words)


def source_object(preposition: Token) -> Token | None:
    """Who a "by", "from" or "of" names as a source; not a place ("reports from the field")."""
    return next((c for c in preposition.children if c.dep_ == "pobj" and c.lower_ not in PLACES_OF_REPORTS),
                None)


def contiguous_run(tokens: list[Token], head: Token) -> list[Token]:
    """The unbroken run of tokens around the head: a parse that hangs a phrase from the far
    side of the verb on the speaker ("the army said ..., a figure the group disputes") does
    not make that phrase, nor what lies between, part of the speaker's name."""
    at = next((n for n, t in enumerate(tokens) if t.i == head.i), None)
    if at is None:
        return tokens
    start, end = at, at + 1
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
        start -= 1
    while end < len(tokens) and tokens[end].i == tokens[end - 1].i + 1:
        end += 1
    return tokens[start:end]


def speaker_text(head: Token) -> tuple[str, str, frozenset[int]]:
    """The speaker phrase of a head token: trimmed mention, full phrase, token indices."""
    # a blanked dateline is parsed as one token of the first sentence: never part of a name
    full = contiguous_run(sorted((t for t in head.subtree if " " not in t.text.strip() or t.i == head.i),
                                 key=lambda t: t.i), head)
    cut = {t.i for child in head.children if child.dep_ in TRIM_DEPS and child.i > head.i
           for t in child.subtree}
    kept = [t for t in full if t.i not in cut]
    # an appositive after a comma describes the speaker ("Mr. X, the president"): keep it in
    # the phrase used for alias lookup only
    # the appositive's own words go with it ("Mr. X, the president": "the" too)
    appositive_starts = [child.left_edge.i for child in head.children if child.dep_ == "appos"
                         and any(t.text == "," for t in head.doc[head.i:child.i])]
    cut_at = min(appositive_starts, default=len(head.doc))
    trimmed = [token for token in kept if token.i < cut_at]
    if trimmed and trimmed[-1].is_punct and trimmed[-1].text not in ")]":
        trimmed = trimmed[:-1]
    doc = head.doc
    mention = doc[trimmed[0].i:trimmed[-1].i + 1].text if trimmed else head.text
    phrase = doc[full[0].i:full[-1].i + 1].text
    # the appositive stays with the speaker's tokens: "a Britain-based monitor" names no subject
    return mention, phrase, frozenset(t.i for t in kept) or frozenset({head.i})


def strip_dates(mention: str, head: Token) -> str:
    """A speaker mention without a date that the parse hung on it ("activists on Thursday")."""
    for ent in ents_of(head.doc):
        if ent.label_ in ("DATE", "TIME") and ent.text in mention and not mention.startswith(ent.text):
            cut = mention[:mention.index(ent.text)].rstrip()
            for word in (" on", " in", " at", ","):
                cut = cut.removesuffix(word)
            return cut.rstrip(" ,")
    return mention


def named_person(head: Token) -> str | None:
    """The name of a person given with a title ("the battalion commander, Major Idris Fanta")."""
    if head.ent_type_ == "PERSON":
        return None
    doc = head.doc
    end = max(t.i for t in head.subtree) + 1
    for child in head.children:
        # "the battalion commander, Major Idris Fanta": a proper-noun apposition names the person
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "NOUN":
            words = [t.text for t in sorted(child.subtree, key=lambda t: t.i) if not t.is_punct]
            while words and words[0].lower().rstrip(".") in TITLES:
                words = words[1:]
            if words:
                return " ".join(words)
    people = [e for e in ents_of(doc) if e.label_ == "PERSON"]
    for ent in people:
        if head.i < ent.start < end and (doc[ent.start - 1].text == "," or head.lemma_.lower() in TITLE_NOUNS):
            return ent.text  # an apposition inside the phrase, or "the envoy to the region Ana Ruiz"
    for ent in people:
        # "the head of the regional administration, Pavlo Ostrenko,": a name right after
        if 0 < ent.start - end <= 3 and all(t.text == "," or t.pos_ == "PROPN" for t in doc[end:ent.start]):
            return ent.text
    return None


def resolve_pronoun(token: Token, memory: DocumentMemory) -> Actor | None:
    """The claimant a pronoun or a definite description stands for."""
    word = token.lower_
    if word in ("he", "she", "him", "her"):
        return memory.last_person or memory.last_claimant
    if word in ("it",):
        return memory.last_body or memory.last_claimant
    return memory.last_claimant


def describes_actor(mention: str, actor: Actor) -> bool:
    """True when a definite description can stand for an actor named before.

    "the same source", "the report" stand for any; "the army" only for a body named as an
    army, "the ministry" only for a ministry: "The RSF said ... The army said ..." are two sides.
    """
    words = re.findall(r"[a-z]+", mention.lower())
    head = words[-1] if words else ""
    kinds = [group for group in DESCRIPTION_GROUPS if head in group]
    if not kinds:
        return True
    named = set(re.findall(r"[a-z]+", f"{actor.name} {actor.mention}".lower()))
    return any(named & group for group in kinds)


def is_anaphoric(mention: str) -> bool:
    """True for "the same source", "the ministry" and the like: a claimant named before."""
    folded = " ".join(mention.lower().split())
    return folded in lexicon().anaphora or folded.startswith(("the same ", "this source"))


class SentenceAttributor:
    """Finds the speaker of one sentence and the date of their statement."""

    def __init__(self, sent: Span, memory: DocumentMemory) -> None:
        self.sent = sent
        self.doc = sent.doc
        self.memory = memory

    def actor_for(self, head: Token) -> tuple[Actor | None, frozenset[int]]:
        """The Actor a speaker head token names, resolving pronouns and generic nouns."""
        if head.lower_ in RELATIVE_PRONOUNS:
            verb = head.head
            if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                head = verb.head
        if head.lower_ in RELATIVE_PRONOUNS:
            return self.memory.last_claimant, frozenset({head.i})
        if head.lower_ in POSSESSIVES:
            return resolve_pronoun(self.doc[head.i], self.memory) if head.lower_ != "its" else (
                self.memory.last_body or self.memory.last_claimant), frozenset({head.i})
        if head.lower_ in PERSONAL_PRONOUNS:
            if head.lower_ in ("we", "i") and self.quoted(head):
                return None, frozenset({head.i})
            resolved = resolve_pronoun(head, self.memory)
            if resolved is None and head.lower_ in ("he", "she"):
                later = self.memory.speaker_after(head.i)
                if later is not None:
                    mention, phrase, _ = speaker_text(later)
                    resolved = self.coreferent(actor_table().normalise(mention, phrase))
            return resolved, frozenset({head.i})
        if head.lemma_.lower() in GENERIC_SPEAKERS or head.lower_ in GENERIC_SPEAKERS:
            owner = self.owner_of(head)
            if owner is not None:
                return self.actor_for(owner)
        mention, phrase, tokens = speaker_text(head)
        mention = strip_dates(mention, head)
        if head.lemma_.lower() in GENERIC_SPEAKERS and any(
                child.lower_ in INDEFINITE_SOURCES for child in head.children):
            # "some estimates put the toll at": other sources, not the last speaker
            name = " ".join(mention.split())
            return Actor(name[:1].upper() + name[1:], mention, "other", None), tokens
        if is_anaphoric(mention) or head.lemma_.lower() in GENERIC_SPEAKERS:
            previous = self.memory.last_claimant
            if previous is not None and describes_actor(mention, previous):
                return previous, tokens
            if head.lemma_.lower() in GENERIC_SPEAKERS:
                # "a declassified U.S. intelligence assessment": the document is its source
                if not any(t.pos_ in ("PROPN", "ADJ") and t.i != head.i for t in head.subtree):
                    return None, tokens
        actor = actor_table().normalise(mention, phrase)
        if head.lemma_.lower() in TITLE_NOUNS and head.ent_type_ != "PERSON" and named_person(head) is None \
                and actor_table().known(phrase) is None:
            # "the top commander in the region said ... General Omar Diallo told reporters"
            later = self.memory.speaker_after(head.i, within=60)
            if later is not None and later.ent_type_ == "PERSON":
                name_text, full, _ = speaker_text(later)
                named = actor_table().normalise(name_text, full)
                return Actor(named.name, mention, actor.kind, actor.country or named.country), tokens
        person = named_person(head)
        if person is not None and actor_table().known(phrase) is None:
            actor = Actor(person, f"{mention}, {person}" if person not in mention else mention,
                          actor.kind if actor.kind != "other" else "official", actor.country)
        return self.coreferent(actor), tokens

    def coreferent(self, actor: Actor) -> Actor:
        """A short or generic claimant resolved to the fuller one the document names.

        "the Observatory" is the observatory named earlier by its full name; "Haddad" is the
        "Samir Haddad" of the sentence before; a "monitor" is the known actor the alias
        table describes as one, when the document names it.
        """
        table = actor_table()
        if table.known(actor.mention) is not None:
            return actor
        for token in re.findall(r"\b[A-Z]{2,6}\b", actor.mention):
            if token in self.memory.acronyms:  # "MRMG" defined earlier as its full name
                full = table.normalise(self.memory.acronyms[token], self.memory.acronyms[token])
                return Actor(full.name, actor.mention, full.kind, full.country)
        words = [w.lower() for w in re.findall(r"[\w'-]+", actor.mention)]
        if not words:
            return actor
        head = words[-1]
        for known in self.memory.document_actors:
            # a surname of a person the alias table knows and the document names in full
            if len(words) <= 2 and any(len(alias.split()) >= 2 and alias.lower().split()[-1] == head
                                       for alias in known.aliases):
                return Actor(known.name, actor.mention, known.kind, known.country)
        generic = [w for w in words if w in GENERIC_HEADS]
        if generic:
            # "an army spokeswoman", "the ministry": the one body of that kind the document names
            bodies = [k for k in self.memory.document_actors
                      if any(generic[0] in alias.lower().split() for alias in (k.name, *k.aliases))]
            if len(bodies) == 1:
                return Actor(bodies[0].name, actor.mention, bodies[0].kind, bodies[0].country)
        for known in self.memory.document_actors:
            if head in known.descriptions or (len(head) > 3 and head not in GENERIC_HEADS and head in {
                    w.lower() for w in re.findall(r"[\w'-]+", known.name)}):
                return Actor(known.name, actor.mention, known.kind, known.country)
        if len(words) == 1 or (len(words) == 2 and words[0] in ("mr", "mrs", "ms", "dr")):
            for person in self.memory.persons:
                if person.lower().split()[-1] == head and person.lower() != actor.mention.lower():
                    full = table.normalise(person, person)
                    return Actor(full.name, actor.mention, full.kind, full.country)
        return actor

    def owner_of(self, head: Token) -> Token | None:
        """Whose figures or report a generic noun is ("figures given by the JCS")."""
        for child in head.children:
            if child.dep_ == "poss":
                return child
        for token in head.subtree:
            if token.lower_ in ("by", "from", "of") and token.head.i in (head.i, *[c.i for c in head.children]):
                source = source_object(token)
                if source is not None:
                    return source
        return None

    def quoted(self, token: Token) -> bool:
        """True when a token stands inside quotation marks in its sentence."""
        before = self.doc[self.sent.start:token.i].text
        return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1

    def according_to(self) -> tuple[Token, Token] | None:
        """The head of the "according to X" / "citing X" phrase, with its preposition."""
        for token in self.sent:
            if token.lower_ == "according" and token.i + 1 < self.sent.end \
                    and self.doc[token.i + 1].lower_ == "to":
                prep = self.doc[token.i + 1]
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0], token
                if prep.i + 1 < self.sent.end:
                    nxt = self.doc[prep.i + 1:self.sent.end]
                    nouns = [t for t in nxt if t.pos_ in ("NOUN", "PROPN")]
                    if nouns:
                        return nouns[0].head if nouns[0].dep_ == "compound" else nouns[0], token
            if token.lower_ == "citing" and token.i + 1 < self.sent.end:
                objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
                if objects:
                    return objects[0], token
        return None

    def reporting_verbs(self) -> list[Token]:
        """Reporting verbs of the sentence, those heading the sentence first."""
        verbs = [t for t in self.sent if t.lemma_.lower() in lexicon().reporting_verbs
                 and t.pos_ in ("VERB", "AUX") and t.lower_ not in ("according",)
                 and not any(c.dep_ == "dobj" and c.lemma_.lower() in NOT_REPORTED_OBJECTS
                             for c in t.children)
                 and not any(c.dep_ == "neg" for c in t.children)]  # "doesn't disclose"
        return sorted(verbs, key=lambda t: (t.dep_ != "ROOT", t.i))

    def speaker_of(self, verb: Token) -> Token | None:
        """The subject of an active reporting verb, or the agent of a passive one."""
        subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.lower_ != "it"),
                          key=lambda c: abs(verb.i - c.i))
        if subjects and subjects[0].lemma_.lower() in COUNT_NOUNS:
            return None  # "the death toll raised to 19": a count that rose, not a speaker
        if subjects:
            return subjects[0]  # two subjects in a bad parse: the one beside the verb speaks
        for child in verb.children:
            if child.dep_ == "nsubj" and child.lower_ == "it" and not any(
                    c.dep_ in ("auxpass", "acomp") for c in verb.children) and verb.lemma_ != "be":
                return child
        after_quote = verb.i > self.sent.start and any(
            t.text in ("”", '"', "“") for t in self.doc[max(self.sent.start, verb.i - 4):verb.i])
        if after_quote:
            for child in verb.children:
                if child.dep_ in ("dobj", "attr", "npadvmod", "dative") and child.i > verb.i \
                        and child.pos_ in ("NOUN", "PROPN"):
                    return child
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if verb.dep_ == "conj" and verb.head != verb and verb.head.lemma_.lower() in lexicon().reporting_verbs \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            # "the ministry did not comment but said ...": coordinated verbs share a subject
            shared = [c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")]
            if shared:
                return shared[0]
        # "update from the General Staff ... it was reported that": the source named by "from"
        for token in self.sent:
            if token.lower_ == "from" and token.head.lemma_.lower() in GENERIC_SPEAKERS | {"update"}:
                source = source_object(token)
                if source is not None:
                    return source
        return self.name_before(verb)

    def name_before(self, verb: Token) -> Token | None:
        """The name just before a subjectless trailing verb (", the coordinator, Dr. Ana Roth,
        said"): a parse that hung the speaker on the figures still leaves it beside the verb."""
        if verb.dep_ not in ("conj", "ROOT") or verb.i - 2 < self.sent.start or self.doc[verb.i - 1].text != ",":
            return None
        name = self.doc[verb.i - 2]
        if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG") or name.like_num:
            return None
        return name

    def note_other_statements(self) -> None:
        """Remember the dates of every dated statement of the sentence, by claimant."""
        for verb in self.reporting_verbs():
            head = self.speaker_of(verb)
            if head is None or head.lower_ in PERSONAL_PRONOUNS | RELATIVE_PRONOUNS:
                continue
            mention, phrase, tokens = speaker_text(head)
            actor = actor_table().normalise(mention, phrase)
            phrase_end = max(t.i for t in head.subtree)
            for start, end, text in date_expressions(self.sent):
                if self.attached_to(self.doc[start], verb) or 0 < start - phrase_end <= 3:
                    resolved = resolve_date(text, self.memory)
                    if resolved is not None:
                        self.memory.dates_by_claimant[actor.name] = resolved
                    break

    def attributions(self) -> list[Attribution]:
        """Every attribution of the sentence: "according to X" first, then each speaker."""
        self.note_other_statements()
        found: list[Attribution] = []
        according = self.according_to()
        if according is not None:
            head, marker = according
            actor, tokens = self.actor_for(head)
            if actor is not None:
                phrase_end = max(tokens) + 1 if tokens else head.i + 1
                said_on = self.statement_date(self.doc[marker.i:phrase_end], actor)
                found.append(self.relayed(Attribution(actor, said_on, tokens), head))
        for verb in self.reporting_verbs():
            head = self.speaker_of(verb)
            if head is None:
                continue
            actor, tokens = self.actor_for(head)
            if actor is None:
                continue
            content = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj", "advcl")
                       and c.i > verb.i and c.lower_ not in RELAY_WORDS]
            content_tokens = {t.i for c in content for t in c.subtree}
            said_on = self.statement_date(None, actor, verb=verb, exclude=content_tokens | set(tokens))
            found.append(self.relayed(Attribution(actor, said_on, tokens,
                                                  min(content_tokens) if content_tokens else -1, verb.i),
                                      verb, head))
        trailing = self.trailing_speaker()
        if trailing is not None:
            found.append(trailing)
        found.extend(self.claim_nouns())
        return found

    def cited_source(self, node: Token) -> Token | None:
        """The source a speaker cites: "Reuters reported, citing two officials"."""
        for relay in node.children:
            # "citing two officials", or "according to Reuters, which cited two officials"
            if relay.lower_ not in RELAY_WORDS and not (
                    relay.dep_ == "relcl" and relay.lemma_.lower() in RELAY_VERBS):
                continue
            objects = [c for c in relay.children if c.dep_ in ("dobj", "pobj")] or [
                c for prep in relay.children if prep.dep_ == "prep" for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        return None

    def quoted_by(self, node: Token) -> Token | None:
        """Who relays a statement: "the coalition said, quoted by the state news agency"."""
        for child in node.children:
            if child.lower_ in ("quoted", "cited", "carried", "relayed") and child.dep_ in ("advcl", "acl", "conj", "xcomp"):
                for agent in child.children:
                    if agent.dep_ in ("agent", "prep") and agent.lower_ == "by":
                        objects = [c for c in agent.children if c.dep_ == "pobj"]
                        if objects:
                            return objects[0]
        return None

    def relayed(self, attribution: Attribution, node: Token, speaker: Token | None = None) -> Attribution:
        """The attribution with a cited source as claimant and the citer as `via`."""
        if attribution.claimant is None:
            return attribution
        relay = self.quoted_by(node)
        if relay is not None:
            via, tokens = self.actor_for(relay)
            if via is not None and via.name != attribution.claimant.name:
                return replace(attribution, speaker_tokens=attribution.speaker_tokens | tokens, via=via)
        cited = self.cited_source(node)
        if cited is None and speaker is not None:
            cited = self.cited_source(speaker)  # "The BBC, quoting local officials, said ..."
        if cited is None:
            return attribution
        source, tokens = self.actor_for(cited)
        if source is None or source.name == attribution.claimant.name:
            return attribution
        return replace(attribution, claimant=source, speaker_tokens=attribution.speaker_tokens | tokens,
                       via=attribution.claimant)

    def claim_nouns(self) -> list[Attribution]:
        """ "claims by pro-Russian forces of 300,000", "Russian statements of 100,000"."""
        found = []
        for token in self.sent:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in CLAIM_NOUNS:
                continue
            source: Token | None = None
            for child in token.children:
                if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
                    source = child if child.dep_ == "poss" else next(
                        (c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                actor, tokens = self.actor_for(source)
                if actor is not None:
                    found.append(Attribution(actor, None, tokens, -1, token.i))
                continue
            nationality = [c for c in token.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
            if nationality:
                country, word = actor_table().country_of(nationality[0].text)
                found.append(Attribution(Actor(f"{nationality[0].text} officials", nationality[0].text,
                                               "government", country), None,
                                         frozenset({nationality[0].i}), -1, token.i))
        return found

    def trailing_speaker(self) -> Attribution | None:
        """ "..., Western intelligence estimates.": a speaker and verb closing the sentence."""
        tokens = [t for t in self.sent if not t.is_punct or t.text == ","]
        if len(tokens) < 4 or tokens[-1].lower_ not in TRAILING_VERBS:
            return None
        comma = max((t.i for t in tokens if t.text == ","), default=None)
        if comma is None or tokens[-1].i - comma > 6:
            return None
        phrase = self.doc[comma + 1:tokens[-1].i]
        if not phrase or not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
            return None
        actor = actor_table().normalise(phrase.text, phrase.text)
        return Attribution(actor, None, frozenset(t.i for t in phrase), -1, tokens[-1].i)

    # -- dates ---------------------------------------------------------------------------
    def statement_date(self, phrase: Span | None, actor: Actor, verb: Token | None = None,
                       exclude: set[int] | None = None) -> date | None:
        """The date of the statement: a date attached to the verb, or the claimant's last one."""
        exclude = exclude or set()
        for start, end, text in date_expressions(self.sent):
            if any(i in exclude for i in range(start, end)):
                continue
            if phrase is not None and not (phrase.start <= start < phrase.end + 4):
                continue
            if verb is not None and not self.attached_to(self.doc[start], verb):
                continue
            resolved = resolve_date(text, self.memory)
            if resolved is not None:
                return resolved
        # the claimant's own last dated statement, else the day the narrative is at
        # ("Yesterday the figures kept changing. The envoy said ..."), else the day the
        # statement itself names ("the toll rose to 3,400 on Tuesday, the agency said")
        return (self.memory.dates_by_claimant.get(actor.name) or self.memory.last_said_on
                or self.memory.last_date or self.day_named_in_sentence())

    def day_named_in_sentence(self) -> date | None:
        """The last day the sentence names, resolved; None when it names none."""
        for start, _, text in reversed(date_expressions(self.sent)):
            if NOT_A_STATEMENT_DATE.match(self.doc[max(self.sent.start, start - 2):start].text):
                continue  # "as of 4 May": the day the count stands at, not the day it was told
            resolved = resolve_date(text, self.memory)
            if resolved is not None:
                return resolved
        return None

    def attached_to(self, token: Token, verb: Token) -> bool:
        """True when a date token hangs from the reporting verb, not from the reported clause."""
        node = token
        for _ in range(6):
            if node == verb:
                return True
            if node.head == node:
                return False
            if node.dep_ in ("ccomp", "relcl", "acl", "advcl", "xcomp") and node.head == verb:
                return False
            node = node.head
        return False


# every day a sentence can name has one of these words; most sentences have none
DAY_WORDS = re.compile(r"\b(?:" + "|".join(WEEKDAYS + list(MONTHS) + sorted(RELATIVE_DAYS, key=len, reverse=True))
                       + r")", re.IGNORECASE)


def date_expressions(sent: Span) -> list[tuple[int, int, str]]:
    """Token ranges of the sentence that name a day (not a duration, not a year alone)."""
    found: list[tuple[int, int, str]] = []
    doc = sent.doc
    sentence_text = text_of(doc)[sent.start_char:sent.end_char]
    if not DAY_WORDS.search(sentence_text):
        return found
    for ent in sentence_ents(sent):
        if ent.label_ != "DATE":
            continue
        text = ent.text.strip()
        folded = text.lower()
        before = doc[ent.start - 1].lower_ if ent.start > sent.start else ""
        if before in ("since", "until", "as", "by", "from", "through") or NOT_A_STATEMENT_DATE.match(folded):
            continue
        if any(w in folded for w in WEEKDAYS) or folded in RELATIVE_DAYS or any(
                re.search(rf"\b{m}[a-z]*\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{m}", folded) for m in MONTHS):
            found.append((ent.start, ent.end, text))
    for token in sent:
        if token.lower_ in WEEKDAYS and token.ent_type_ != "DATE":
            found.append((token.i, token.i + 1, token.text))
    text = sentence_text.lower()
    for phrase in RELATIVE_DAYS:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text):
            span = sent.doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(),
                                      alignment_mode="expand")
            if span is not None and not any(s <= span.start < e for s, e, _ in found):
                found.append((span.start, span.end, phrase))
    return sorted(found)


def resolve_date(text: str, memory: DocumentMemory) -> date | None:
    """A day named in the text, completed with the document's date; None when it cannot be."""
    folded = " ".join(text.lower().split())
    for phrase, (base, shift) in RELATIVE_DAYS.items():
        if phrase in folded:
            anchor = memory.published if base == "published" else memory.last_date
            return anchor + timedelta(days=shift) if anchor else None
    for index, weekday in enumerate(WEEKDAYS):
        if weekday in folded and not any(m in folded for m in MONTHS):
            if memory.published is None:
                return None
            back = (memory.published.weekday() - index) % 7
            if "last" in folded and back == 0:
                back = 7
            return memory.published - timedelta(days=back)
    return parse_calendar_date(text, memory.published)


@lru_cache(maxsize=4096)
def parse_calendar_date(text: str, published: date | None) -> date | None:
    """A calendar date ("December 16", "16 Dec 2024") by dateparser, never after publication."""
    import dateparser

    has_year = re.search(r"\b(19|20)\d\d\b", text) is not None
    if published is None and not has_year:
        return None
    from datetime import datetime

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    cleaned = re.sub(r"^(?:on|the|last|this)\s+", "", text.strip(), flags=re.I)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    result = parsed.date()
    if not has_year and published is not None:
        result = result.replace(year=published.year)
        if result > published:
            result = result.replace(year=published.year - 1)
    return result
