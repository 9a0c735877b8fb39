"""The fast path parses only what can hold a claim, and reads the same claims as a full parse."""

from __future__ import annotations

import pytest

from counterclaim.extraction import fastpath
from counterclaim.extraction.pipeline import FULL_PARSE_ENV, claims_from_doc, parse
from counterclaim.models import Document

ARTICLE = (
    "KYIV, March 3 (Wire) - Markets in Kharkiv reopened on Monday after a week of curfews. "
    "The governor said the city was calm. "
    "The regional governor said at least 12 civilians were killed in shelling of Kharkiv. "
    "He added that another 30 were wounded. "
    "The football season will resume in April. Fuel prices rose again in Bakhmut.\n\n"
    "Farmers near Poltava reported a good harvest. "
    "The next day, the defence ministry said two tanks were destroyed near Kupiansk."
)


def claim_tuples(text: str) -> list[tuple]:
    document = Document(id="a", text=text)
    return [(c.id, c.category, c.quantity.low, c.claimant and c.claimant.name,
             c.location and c.location.name, c.said_on, c.evidence.start, c.evidence.end)
            for c in claims_from_doc(parse(text), document)]


def test_fast_and_full_parse_read_the_same_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = claim_tuples(ARTICLE)
    monkeypatch.setenv(FULL_PARSE_ENV, "1")
    full = claim_tuples(ARTICLE)
    assert fast == full
    assert {c[1] for c in fast} >= {"killed", "wounded"}


def test_the_fast_doc_keeps_the_text_and_parses_only_chosen_sentences() -> None:
    doc = parse(ARTICLE)
    assert doc.text == ARTICLE
    unparsed = [s.text for s in doc.sents if all(t.dep_ in ("ROOT", fastpath.FLAT_DEP) for t in s)]
    assert "Fuel prices rose again in Bakhmut." in [s.strip() for s in unparsed]
    assert not any("12 civilians" in s for s in unparsed)
    unparsed_places = [e.text for e in doc.ents if e.sent.text in unparsed]
    assert "Bakhmut" in unparsed_places  # places are still marked where nothing is parsed


def test_a_text_without_any_claim_is_never_parsed() -> None:
    text = "Markets reopened on Monday. The football season will resume in April."
    doc = parse(text)
    assert doc.text == text and len(list(doc.sents)) == 1 and not doc.ents


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two soldiers were killed.", True),
    ("Noor and his guard were killed.", True),  # the tally counts victims without a figure
    ("The ministry sent 300 troops.", True),
    ("A drone was shot down.", True),
    ("The talks will resume in 2025.", False),
    ("Officials met on Monday.", False),
])
def test_candidate_sentences(sentence: str, expected: bool) -> None:
    trig = fastpath.triggers()
    words = {w.lower() for w in fastpath.WORD.findall(sentence)}
    assert trig.is_candidate(sentence, words) is expected


def test_memory_sentences_are_parsed_only_before_a_candidate() -> None:
    texts = ["Officials said on March 3 that talks stalled.", "Markets were busy.",
             "Markets were quiet.", "Two soldiers were killed.", "The minister said more."]
    chosen = fastpath.choose_sentences(texts, fastpath.triggers())
    assert chosen == {0, 2, 3, 4}


def test_earlier_speakers_are_parsed_only_when_a_claim_refers_back_to_one() -> None:
    trig = fastpath.triggers()
    own_speaker = ["Traders said markets were busy.", "Schools reopened.", "Schools closed early.",
                   "Two soldiers were killed, police said."]
    assert fastpath.choose_sentences(own_speaker, trig) == {2, 3}
    refers_back = ["Traders said markets were busy.", "Schools reopened.", "Schools closed early.",
                   "Two soldiers were killed, he added."]
    assert fastpath.choose_sentences(refers_back, trig) == {0, 2, 3}
    dated = ["Police said on Tuesday that talks stalled.", "Schools reopened.", "Schools closed early.",
             "Two soldiers were killed, police said."]
    assert 0 in fastpath.choose_sentences(dated, trig)  # a day that a statement without one takes


def test_the_reader_skips_sentences_the_fast_path_left_unparsed() -> None:
    from counterclaim.extraction.docview import is_parsed, parsed_tokens

    doc = parse(ARTICLE)
    sentences = list(doc.sents)
    parsed = [s for s in sentences if is_parsed(s)]
    assert 0 < len(parsed) < len(sentences)
    assert all(t.pos_ for t in parsed_tokens(doc))  # every token it yields was tagged


@pytest.mark.parametrize("text", [
    "He left. Then the rain came.",
    "“Stop!” he said. They ran.",
    "Casualties: 12 dead... 30 hurt?! Nothing else.",
    "",
])
def test_punctuation_sentences_match_spacys_sentencizer(text: str) -> None:
    from counterclaim.extraction.nlp import load_pipeline

    tokens = load_pipeline().tokenizer(text)
    expected = {t.i for t in fastpath.sentencizer()(load_pipeline().tokenizer(text)) if t.is_sent_start and t.i}
    assert fastpath.punctuation_starts(tokens) - {0} == expected
