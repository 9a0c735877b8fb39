"""Whose losses a figure counts: disasters' tolls, the loss word itself, equipment owners."""

from __future__ import annotations

import counterclaim


def subjects(text: str) -> list[str | None]:
    """The subject name of each claim of a text."""
    return [c.subject.name if c.subject else None for c in counterclaim.extract(text)]


def test_a_disasters_toll_counts_people_not_forces() -> None:
    text = "The death toll from the earthquake in western Nepal has risen to 157, officials said."
    assert subjects(text) == ["people in Nepal"]


def test_a_word_for_the_loss_names_nobody() -> None:
    assert subjects("The cyclone left 23 dead in Mozambique.") == ["people in Mozambique"]


def test_equipment_owners_take_the_nationality_adjective() -> None:
    assert subjects("Russia lost 59 artillery systems, the General Staff said.") == ["Russian artillery systems"]


def test_a_nationality_on_a_weapon_names_the_attacker_not_the_victims() -> None:
    text = ("Two people died and 14 were hurt when a Russian missile hit an apartment block in "
            "Dnipro, the regional governor said.")
    assert subjects(text) == ["people in Dnipro", "people in Dnipro"]


def test_its_fighters_are_the_speakers_own() -> None:
    assert subjects("Hezbollah said eight of its fighters were killed in Israeli strikes overnight.") \
        == ["Hezbollah fighters"]
    assert subjects("The Pakistani army said 12 of its soldiers were killed in the raid.") == ["Pakistani forces"]


def test_a_ships_crew_is_not_the_speakers_own() -> None:
    text = "The Revolutionary Guards said they had seized a tanker and detained its 24 crew members."
    claims = counterclaim.extract(text)
    assert [(c.category, c.quantity.low) for c in claims] == [("captured", 24)]  # the tanker is no captive
    assert claims[0].subject is None or "Guards" not in claims[0].subject.name


def test_a_village_the_gazetteer_lacks_is_still_the_place() -> None:
    text = "Gunmen killed six villagers in Baroukadi, a hamlet in northern Burkina Faso, on Monday, officials said."
    [claim] = counterclaim.extract(text, published="2024-03-05")
    assert claim.location is not None and claim.location.name == "Baroukadi"
    assert claim.location.country == "BF" and claim.location.lat is None


def test_an_owner_is_not_an_unknown_place() -> None:
    claims = counterclaim.extract("A rocket hit Karvel's main market, killing 5 people, the mayor said.")
    assert all(c.location is None or c.location.name != "Karvel's" for c in claims)
