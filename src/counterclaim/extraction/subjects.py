"""Whose losses a figure counts, and where: subject force and location of a claim."""

from __future__ import annotations

from spacy.tokens import Span

from counterclaim.extraction.docview import ents_of, sentence_ents
from counterclaim.extraction.actors import actor_table
from counterclaim.extraction.attribution import WEEKDAYS
from counterclaim.extraction.phrases import MONTH_WORDS
from counterclaim.extraction.lexicon import lexicon
from counterclaim.extraction.grammar import Reading
from counterclaim.extraction.places import SPECIFICITY, GazetteerEntry, gazetteer
from counterclaim.models import Actor, Place

MILITARY_NOUNS = {"soldier", "soldiers", "troop", "troops", "servicemen", "serviceman",
                  "personnel", "fighters", "militants", "forces", "officers", "army", "contingent",
                  "servicepeople", "service members", "servicemembers", "combatants", "men",
                  "marines", "sailors", "pilots", "conscripts", "mercenaries", "recruits"}
LOSS_VERBS = {"lose", "suffer", "sustain", "incur", "bury", "mourn"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG", "PRODUCT", "PERSON", "NORP"}
PLACE_PREPOSITIONS = {"in", "near", "at", "around", "outside", "from", "across", "on", "inside",
                      "into", "of", "off", "towards", "toward", "over", "along", "through",
                      "within", "throughout", "between", "to"}


def demonym_in(text: str) -> tuple[str | None, str | None]:
    """The country and nationality word of a phrase ("North Korean soldiers" -> KP)."""
    return actor_table().country_of(text)


THEATRE_KEY = "counterclaim_theatre"  # the document's theatre, found once per Doc
OWN_POSSESSIVES = {"its", "our"}
STATE_KINDS = {"military", "government", "intelligence"}
CIVILIAN_NOUNS = {"civilian", "civilians", "people", "person", "persons", "residents",
                  "children", "women", "villagers", "passengers", "workers", "patients"}


def find_subject(reading: Reading, sent: Span, exclude: frozenset[int],
                 fallback: Actor | None, place: Place | None = None,
                 sentence_subject: Actor | None = None, claimant: Actor | None = None) -> Actor | None:
    """The force or population whose losses a figure counts.

    `place` is where the claim is (for civilians counted where they died) and
    `sentence_subject` the subject of the figure before it in the same sentence
    ("45 Russian soldiers were killed and 60 wounded").
    """
    doc = sent.doc
    noun_text = reading.noun.text if reading.noun is not None else ""
    phrase_start = reading.figure_span.start
    phrase_end = reading.noun.end if reading.noun is not None else reading.figure_span.end
    phrase = doc[phrase_start:phrase_end].text
    own = own_side(reading, claimant, phrase)
    if own is not None:
        return own
    country, word = demonym_in(phrase)
    if country is None and reading.cue is not None and not agentive(reading.cue):
        window = doc[max(sent.start, reading.cue.start - 4):min(sent.end, reading.cue.end + 5)]
        if not any(t.i in exclude for t in window):
            country, word = demonym_in("".join(" " * len(t.text_with_ws) if names_attacker(t)
                                               else t.text_with_ws for t in window))
    where = None  # the place's name, when the country comes from where it happened
    counted_lower = noun_text.lower()
    if not counted_lower and reading.cue is not None:
        window = doc[max(sent.start, reading.cue.start - 3):reading.cue.end]
        counted_lower = next((t.lower_ for t in window if t.lower_ in CIVILIAN_NOUNS), "")
    if country is None and sentence_subject is not None and (
            not counted_lower or counted_lower in lexicon().counted_as or counted_lower in ("others", "more")):
        return sentence_subject
    if country is None and reading.category == "deployed" and reading.cue is not None:
        country, word = sender_of(reading.cue)
    if country is None and counted_lower in MILITARY_NOUNS and place is not None and place.country \
            and not owner_of_losses(reading, sent, exclude)[0]:
        return Actor(f"{adjective('', place.country) or place.country} forces", phrase.strip(),
                     None, place.country)
    if country is None and counted_lower in CIVILIAN_NOUNS and place is not None and place.country:
        return Actor(f"civilians in {place.name}" if counted_lower.startswith("civilian") else
                     f"{counted_lower} in {place.name}", phrase.strip(), None, place.country)
    if country is None:
        country, word = owner_of_losses(reading, sent, exclude)
    if country is None and noun_text and reading.category != "equipment" \
            and noun_text.lower() not in MILITARY_NOUNS:
        # civilians are counted where they died: the place's country, not the attacker's
        place = find_location(reading, sent, exclude)
        if place is not None and place.country:
            country, word, where = place.country, "", place.name
    if country is None:
        country, word = nearest_demonym(reading, sent, exclude)
    if country is None:
        return fallback if reading.category not in ("equipment",) or fallback else None
    word = (word or "").removesuffix("'s")
    if not word:
        # "23 dead": a word for the loss itself names nobody; the people where it happened
        named = noun_text and lexicon().counted_as.get(noun_text.lower()) in (None, "captured")
        return Actor(noun_text if named else f"people in {where or country}", phrase.strip(), None, country)
    counted = noun_text.lower()
    if reading.category == "equipment":
        name = f"{adjective(word, country)} {reading.unit}".strip()
    elif not counted and reading.category != "loss_rate" and lexicon().hazards.search(sent.text):
        # a disaster's toll counts the people where it struck, whatever their nationality
        name = f"people in {word}" if word[:1].isupper() and demonym_in(word)[0] is None \
            else f"{adjective(word, country)} people"
    elif reading.category == "loss_rate" or not counted or any(w in MILITARY_NOUNS for w in counted.split()):
        name = f"{adjective(word, country)} forces"
    elif word.lower() in counted.split():
        name = noun_text  # "300 Hezbollah operatives": the group names itself
    elif lexicon().counted_as.get(counted) not in (None, "captured"):
        name = f"{adjective(word, country)} people"  # "Sudanese ... dozens killed": not "Sudanese killed"
    else:
        name = f"{adjective(word, country)} {counted}".strip()
    return Actor(name, phrase.strip(), None, country)


def own_side(reading: Reading, claimant: Actor | None, phrase: str) -> Actor | None:
    """The claimant's own people ("Hezbollah said eight of its fighters were killed")."""
    if claimant is None or reading.noun is None or reading.category == "equipment":
        return None
    # "their" may be anyone's ("the army said the rebels lost 20 of their men"); "its", "our" not
    if not any(child.dep_ == "poss" and child.lower_ in OWN_POSSESSIVES for child in reading.noun.root.children):
        return None
    noun = reading.noun.root.lower_
    # "its fighters", "its members" are the speaker's own; "its 24 crew members" a ship's
    if noun not in MILITARY_NOUNS and not (noun == "members" and not any(
            child.dep_ == "compound" for child in reading.noun.root.children)):
        return None
    state = claimant.kind in STATE_KINDS and claimant.country
    if state:
        adjective_word = actor_table().demonym_of(claimant.country) or claimant.country
        name = f"{adjective_word} forces" if noun in MILITARY_NOUNS else f"{adjective_word} {noun}"
    else:
        name = f"{claimant.name} {noun}"
    return Actor(name, phrase, None, claimant.country)


def sender_of(cue: Span) -> tuple[str | None, str | None]:
    """The country that deploys or sends a force ("North Korea has deployed ...")."""
    for child in cue.root.children:
        if child.dep_ == "nsubj":
            found = demonym_in(doc_text(child))
            if found[0]:
                return found
            place = gazetteer().lookup(child.text) or gazetteer().lookup(doc_text(child))
            if place is not None and place.kind == "country":
                return place.country, doc_text(child)
    return None, None


def agentive(cue: Span) -> bool:
    """True when the words before a cue are its doer ("Israeli strikes killed"), not its victims."""
    return any(child.dep_ == "nsubj" and cue.start - 3 <= child.i < cue.start
               and child.lemma_.lower() not in ("number", "toll", "total", "count", "tally")
               for child in cue.root.children)


def adjective(word: str, country: str | None = None) -> str:
    """The nationality adjective for a subject ("North Koreans", "Russia" -> "Russian")."""
    if country is not None:
        return actor_table().demonym_of(country) or word
    return word


def owner_of_losses(reading: Reading, sent: Span, exclude: frozenset[int]) -> tuple[str | None, str | None]:
    """The country of the subject of "lost"/"suffered", or of "X's losses"/"losses of X"."""
    center = reading.figure_span.start
    for token in sent:
        if token.i in exclude or across_semicolon(sent, token.i, center):
            continue  # a semicolon ends the figure's clause
        if token.lemma_.lower() in LOSS_VERBS:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    found = demonym_in(doc_text(child))
                    if found[0]:
                        return found
                    place = gazetteer().lookup(child.text)
                    if place is not None:
                        return place.country, child.text
        if token.lower_ in ("losses", "loss", "casualties", "toll", "dead", "deaths"):
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound") or (child.dep_ == "prep" and child.lower_ == "of"):
                    found = demonym_in(doc_text(child))
                    if found[0]:
                        return found
    return None, None


def doc_text(token) -> str:  # noqa: ANN001
    """The text of a token's subtree."""
    tokens = sorted(token.subtree, key=lambda t: t.i)
    return token.doc[tokens[0].i:tokens[-1].i + 1].text


def nearest_demonym(reading: Reading, sent: Span, exclude: frozenset[int]) -> tuple[str | None, str | None]:
    """The nationality word nearest to the figure outside the claimant's phrase."""
    best: tuple[int, str, str] | None = None
    center = reading.figure_span.start
    for token in sent:
        if token.i in exclude or token.ent_type_ not in ("NORP", "GPE"):
            continue
        if token.ent_iob_ != "B" or names_attacker(token):
            continue
        if across_semicolon(sent, token.i, center):
            continue  # "14 killed in Odesa; 1,200 Russian troops lost": another clause's people
        ent = next((e for e in sentence_ents(sent) if e.start == token.i), None)
        if ent is None:
            continue
        country, word = demonym_in(ent.text)
        if country is None and ent.label_ == "GPE":
            place = gazetteer().lookup(ent.text)
            if place is not None and place.kind == "country":
                country, word = place.country, ent.text
        if country is None:
            continue
        distance = abs(token.i - center)
        if best is None or distance < best[0]:
            best = (distance, country, word)
    return (best[1], best[2]) if best else (None, None)


def across_semicolon(sent: Span, a: int, b: int) -> bool:
    """True when a semicolon stands between two tokens: they are in different clauses."""
    return any(t.text == ";" for t in sent.doc[min(a, b):max(a, b)])


def names_attacker(token) -> bool:  # noqa: ANN001
    """True for a nationality on a weapon or an attack ("Israeli strikes", "a Russian missile"):
    it says who struck, not whose losses are counted."""
    means = lexicon().means
    if token.lower_ in means:
        return False
    head = token.head
    return token.dep_ in ("amod", "compound", "nmod", "poss") and head.lower_ in means


def find_location(reading: Reading, sent: Span, exclude: frozenset[int]) -> Place | None:
    """The most specific known place of the sentence, nearest to the figure."""
    best: tuple[int, int, int, Place] | None = None
    center = reading.figure_span.start
    for ent in sentence_ents(sent):
        if ent.label_ not in PLACE_LABELS or any(t.i in exclude for t in ent):
            continue
        entry = gazetteer().lookup(ent.text)
        if entry is None and ent.label_ in ("GPE", "LOC") and unknown_place_ok(sent, ent, exclude):
            # a place GeoNames lacks, in the country the sentence or the document is about
            entry = GazetteerEntry(ent.text, "village", surrounding_country(sent), None, None, None)
        if entry is None or not names_a_place(ent):
            continue
        before = preposition_before(sent, ent)
        next_word = sent.doc[ent.end].lower_ if ent.end < sent.end else ""
        prepositional = before in PLACE_PREPOSITIONS or next_word in ("region", "oblast", "province", "sector")
        if not prepositional:
            continue
        if entry.kind == "country" and next_word in ("'s", "’s"):
            continue  # "Ukraine's military": an owner, not a place
        mention = ent.text
        if next_word in ("region", "oblast", "province", "sector"):
            region = gazetteer().lookup(f"{ent.text} {next_word}")
            if region is not None:
                entry, mention = region, f"{ent.text} {sent.doc[ent.end].text}"
        key = (0 if prepositional else 1, SPECIFICITY.get(entry.kind, 2), abs(ent.start - center))
        if best is None or key < best[:3]:
            best = (*key, entry.to_place(mention))
    return best[3] if best else None


DIRECTIONS = {"the", "northern", "southern", "eastern", "western", "central", "north", "south",
              "east", "west", "northeastern", "northwestern", "southeastern", "southwestern",
              "north-eastern", "north-western", "south-eastern", "south-western", "occupied",
              "war-torn", "besieged", "neighbouring", "neighboring", "rural", "coastal"}


PLACE_NOUNS_BEFORE_OF = {"city", "town", "village", "villages", "region", "province", "district",
                         "area", "areas", "outskirts", "suburbs", "capital", "centre", "center",
                         "part", "parts", "north", "south", "east", "west", "streets", "state",
                         "shelling", "bombing", "bombardment", "siege", "battle", "attack",
                         "attacks", "strike", "strikes", "fall", "capture", "defence", "defense",
                         "liberation", "occupation", "invasion", "encirclement", "assault",
                         "outskirt", "vicinity", "residents", "people", "governor", "mayor"}


def preposition_before(sent: Span, ent: Span) -> str:
    """The preposition a place follows ("in", "near"), skipping "the" and "northern".

    "of" counts only after a place noun ("the city of Aleppo"), never in "commander of U.S.
    Central Command".
    """
    i = ent.start - 1
    while i >= sent.start and sent.doc[i].lower_ in DIRECTIONS:
        i -= 1
    if i < sent.start:
        return ""
    word = sent.doc[i].lower_
    if word == "of":
        j = i - 1
        return "of" if j >= sent.start and sent.doc[j].lower_ in PLACE_NOUNS_BEFORE_OF else "of-other"
    return word


def unknown_place_ok(sent: Span, ent: Span, exclude: frozenset[int]) -> bool:
    """True for a place name the gazetteer lacks that the text plainly gives as a place: after
    "in", "near", "at" or "outside", capitalised, and no people, actor, month or day."""
    if preposition_before(sent, ent) not in ("in", "near", "at", "outside", "around") \
            or not ent.text[:1].isupper() or len(ent.text) < 4:
        return False
    if ent.text.endswith(("'s", "’s")) or (ent.end < sent.end and sent.doc[ent.end].lower_ in ("'s", "’s")):
        return False  # "in Tel Aviv's south": the place is the owner's, spelled another way
    table = actor_table()
    if table.country_of(ent.text)[0] is not None or table.known(ent.text) is not None:
        return False
    return not any(t.lower_ in MONTH_WORDS or t.lower_ in WEEKDAYS or t.like_num for t in ent)


def surrounding_country(sent: Span) -> str | None:
    """The country of the known places of a sentence, else of the document's theatre."""
    for ent in sentence_ents(sent):
        # "a US drone strike in X": only a place the sentence puts something in is where X is
        if ent.label_ in ("GPE", "LOC", "FAC") and preposition_before(sent, ent) in PLACE_PREPOSITIONS:
            entry = gazetteer().lookup(ent.text)
            if entry is not None and entry.country and names_a_place(ent):
                return entry.country
    theatre = document_theatre(sent.doc)
    return theatre.country if theatre is not None else None


def names_a_place(ent: Span) -> bool:
    """False for entities that are peoples or known actors, whatever GeoNames spells alike."""
    table = actor_table()
    entry = gazetteer().lookup(ent.text)
    _, word = table.country_of(ent.text)
    if word is not None and word.lower() == ent.text.lower() and entry is not None \
            and entry.kind not in ("country", "city", "region"):
        return False
    return table.known(ent.text) is None or (entry is not None and entry.kind == "country")


def document_theatre(doc) -> Place | None:  # noqa: ANN001
    """The first place a document names that the gazetteer knows: its theatre by default
    (found once per Doc)."""
    if THEATRE_KEY not in doc.user_data:
        doc.user_data[THEATRE_KEY] = None
        for ent in ents_of(doc):
            if ent.label_ in ("GPE", "LOC", "FAC") and len(ent.text) > 2:
                entry = gazetteer().lookup(ent.text)
                if entry is not None and names_a_place(ent):
                    doc.user_data[THEATRE_KEY] = entry.to_place(ent.text)
                    break
    return doc.user_data[THEATRE_KEY]


def sentence_place(sent: Span, exclude: frozenset[int]) -> Place | None:
    """The most specific place a sentence names after a preposition, if any."""
    best: tuple[int, Place] | None = None
    for ent in sentence_ents(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC") or any(t.i in exclude for t in ent):
            continue
        if preposition_before(sent, ent) not in PLACE_PREPOSITIONS:
            continue
        entry = gazetteer().lookup(ent.text)
        if entry is None:
            continue
        key = SPECIFICITY.get(entry.kind, 2)
        if best is None or key < best[0]:
            best = (key, entry.to_place(ent.text))
    return best[1] if best else None
