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
