"""Figures in digits and words, ranges, hedges and vague amounts (extraction/quantities.py)."""

import pytest

from counterclaim.extraction.quantities import find_figures, parse_number


@pytest.mark.parametrize("text, value", [
    ("thirty", 30), ("1,100", 1100), ("1 100", 1100), ("5\u202f540", 5540), ("27-hundred", 2700),
    ("twenty-seven hundred", 2700), ("three-thousand", 3000), ("1.2 million", 1_200_000),
    ("a dozen", 12), ("two dozen", 24), ("a hundred thousand", 100_000), ("one hundred and twenty", 120),
])
def test_reads_written_numbers(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("at least thirty soldiers", 30, None, "at_least"),
    ("no fewer than 12 civilians", 12, None, "at_least"),
    ("more than 400 people", 400, None, "more_than"),
    ("the toll has exceeded 3,000", 3000, None, "more_than"),
    ("approximately 1,100 casualties", 1100, None, "about"),
    ("nearly 70 soldiers", 70, None, "about"),
    ("up to 620 personnel", 620, None, "up_to"),
    ("as many as 150,000 people", 150_000, None, "up_to"),
    ("just under 500 deaths", 500, None, "less_than"),
    ("10,000 to 12,000 soldiers", 10_000, 12_000, "range"),
    ("between 40 and 50 people", 40, 50, "range"),
    ("from 164 000 to 241 000 dead", 164_000, 241_000, "range"),
    ("around 11 to 12,000 troops", 11_000, 12_000, "range"),
    ("hundreds of wounded", 200, 999, "vague"),
    ("dozens of civilians", 24, 99, "vague"),
    ("thousands of people", 2000, 9999, "vague"),
    ("tens of thousands of people", 20_000, 99_999, "vague"),
    ("30 or more soldiers", 30, None, "at_least"),
])
def test_reads_hedges_ranges_and_vague_amounts(text: str, low: int, high: int | None, qualifier: str) -> None:
    figure = next(find_figures(text))
    assert (figure.low, figure.high, figure.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize("text", ["a T-72 tank", "the M-1978/1989 gun", "at 14:30", "on 12/03",
                                  "the 18th day", "a 45-year-old man", "F-16s"])
def test_model_numbers_times_ordinals_and_ages_are_no_figures(text: str) -> None:
    assert list(find_figures(text)) == []


def test_fractions_are_shares_in_percent() -> None:
    figure = next(find_figures("about a third of the soldiers"))
    assert (figure.low, figure.fraction, figure.qualifier) == (33.3, True, "about")
