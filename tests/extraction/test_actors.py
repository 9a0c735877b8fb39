"""The alias table: a generic alias of one country's body is not another country's."""

from __future__ import annotations

import pytest

import counterclaim
from counterclaim.extraction.actors import actor_table


@pytest.mark.parametrize(("mention", "country"), [
    ("Ukraine's defence intelligence chief", "UA"),  # not the UK's "Defence Intelligence"
    ("British defence intelligence", "GB"),
    ("Defence Intelligence", "GB"),
])
def test_a_qualifier_naming_another_country_rules_out_an_alias(mention: str, country: str) -> None:
    actor = actor_table().normalise(mention)
    assert actor.country == country


def test_the_speaker_is_not_stretched_over_a_misparsed_apposition() -> None:
    # the parser hangs "a figure ..." on "military", across the verb and the whole claim
    text = ("Israel's military said it had killed roughly 17,000 Hamas fighters since the start of "
            "the war, a figure the group disputes.")
    [claim] = counterclaim.extract(text)
    assert claim.claimant is not None and claim.claimant.mention == "Israel's military"


def test_a_possessive_is_not_part_of_the_claimants_name() -> None:
    [claim] = counterclaim.extract("The ministry's figures, which do not separate civilians from fighters, show 1,200 dead.")
    assert claim.claimant is not None and claim.claimant.name == "Ministry"
