"""Find figures in text: digits, number words, ranges, hedges and vague amounts.

Word numbers are read by text2num; what is written here is the grammar around them:
separators, scales, ranges, the hedge before a figure, and vague amounts with the bounds
the claim format gives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from counterclaim.extraction.lexicon import lexicon, phrase_regex

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
         "sixty seventy eighty ninety").split()
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
WORD = rf"(?:{'|'.join(UNITS + ['hundred', 'thousand', 'million', 'billion'])})"
WORD_NUMBER = rf"{WORD}(?:(?:\s+|-)(?:and\s+)?{WORD})*"
# "1,100", "1 100" (thin or plain space before groups of three), "5.5"; never part of a
# model number ("M-1978"), a fraction or date ("12/03"), a clock time or an ordinal.
DIGITS = r"\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009| )\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
SCALE = r"(?:\s*-?\s*(?:hundred|thousand|million|billion|mln|bn)\b)"
DIGIT_NUMBER = rf"(?:{DIGITS}){SCALE}?"
ARTICLE_NUMBER = r"(?:a|one)\s+(?:dozen|hundred|thousand|million)(?:\s+(?:thousand|million))?|half\s+a\s+million|a\s+couple\s+of|a\s+handful\s+of"
NUMBER = rf"(?:{DIGIT_NUMBER}|{ARTICLE_NUMBER}|{WORD_NUMBER}(?:[\s-]+dozen)?|dozen)"
RANGE_LINK = r"\s*(?:to|-|–|—|or)\s*"
# shares of a force, read as percentages: "about half of their attacking force" is 50
FRACTIONS = {"half": 50, "a half": 50, "one half": 50, "a third": 33.3, "one third": 33.3,
             "two thirds": 66.7, "a quarter": 25, "one quarter": 25, "three quarters": 75,
             "a fifth": 20, "one fifth": 20, "a tenth": 10, "one tenth": 10}
FRACTION = (r"(?:(?:a|one|two|three)[\s-]+(?:thirds?|quarters?|fifths?|tenths?|half)|half)"
            r"(?=\s+(?:of|the)\b)")
# "one in five soldiers", "1 in 10", "one out of every four": a share, read as a percentage
# ("3 out of 10 militants" counts three people, so "out of" needs "every").
# The first number is small and the second no year, and no time unit follows ("5 in 10 days").
RATIO_PART = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|[1-9]|10)"
RATIO_WHOLE = (r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
               r"fifty|a\s+hundred|one\s+hundred|\d{1,3})")
RATIO = (rf"(?P<q1>{RATIO_PART})\s+(?:in\s+(?:every\s+)?|out\s+of\s+every\s+)(?P<q2>{RATIO_WHOLE})"
         r"(?!\s*-?\s*(?:years?|days?|months?|weeks?|hours?|minutes?|seconds?|nights?|attacks?|"
         r"incidents?|raids?|strikes?|cases?)\b)")
SUFFIX_QUALIFIERS = {"or more": "at_least", "or so": "about", "plus": "more_than",
                     "-plus": "more_than", "odd": "about", "or fewer": "up_to", "or less": "up_to"}


@dataclass(frozen=True)
class Figure:
    """A figure found in a text: offsets of its whole phrase, value(s) and hedge."""

    start: int
    end: int
    low: int | float  # a float only for fractions read as percentages ("a third": 33.3)
    high: int | None
    qualifier: str
    text: str
    number_start: int  # where the digits or number words begin (after the hedge)
    fraction: bool = False  # "half", "two-thirds", "one in five": a share, in percent


@cache
def figure_regex() -> re.Pattern[str]:
    """The regex of a figure: a range, a vague amount or a single number."""
    vague = "|".join(re.escape(v.phrase).replace(r"\ ", r"\s+") for v in lexicon().vague)
    pattern = (
        rf"(?P<between>(?:between|from)\s+(?P<b1>{NUMBER})\s*(?:and|to|-|–)\s*(?P<b2>{NUMBER}))"
        rf"|(?P<range>(?:(?P<r1>{DIGIT_NUMBER}){RANGE_LINK}(?P<r2>{DIGIT_NUMBER})|(?P<w1>{WORD_NUMBER})\s+(?:to|or)\s+(?P<w2>{WORD_NUMBER}))(?!\s*-?\s*(?:years?|days?|months?|weeks?|hours?)\b))"
        rf"|(?P<vague>{vague})"
        rf"|(?P<ratio>{RATIO})"
        rf"|(?P<fraction>{FRACTION})"
        rf"|(?P<number>{NUMBER})"
    )
    return re.compile(rf"(?<![\w$€£¥.,/:-])(?:{pattern})(?![\w/:]|\.\d|,\d\d\d|-year|-month|-day|-hour|-week)", re.IGNORECASE)


@cache
def qualifier_regex() -> re.Pattern[str]:
    """The regex of a hedge standing right before a figure."""
    phrases = [p for group in lexicon().qualifiers.values() for p in group]
    return re.compile(rf"{phrase_regex(phrases).pattern}\s*$", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """The integer a written number stands for ("1,100", "27-hundred", "thirty", "1.2 million")."""
    folded = " ".join(text.lower().replace("-", " ").split())
    if not folded:
        return None
    special = {"a dozen": 12, "one dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1000,
               "a million": 1_000_000, "one hundred": 100, "one thousand": 1000,
               "one million": 1_000_000, "half a million": 500_000, "a couple of": 2,
               "a handful of": 5}
    if folded in special:
        return special[folded]
    if folded.startswith("a "):
        folded = "one " + folded[2:]  # "a hundred thousand"
    multiplier = 1
    if folded.endswith(" dozen"):
        multiplier, folded = 12, folded[: -len(" dozen")]
    if folded[0].isdigit():
        match = re.fullmatch(r"([\d.,\u00a0\u202f\u2009 ]+?)\s*(hundred|thousand|million|billion|mln|bn)?", folded)
        if not match:
            return None
        digits = re.sub(r"[,\u00a0\u202f\u2009 ]", "", match.group(1))
        try:
            value = float(digits)
        except ValueError:
            return None
        scale = SCALES.get(match.group(2) or "", 1)
        return round(value * scale * multiplier)
    try:
        return text2num(folded, "en") * multiplier
    except ValueError:
        return None


def hedge_before(text: str, start: int) -> tuple[int, str | None]:
    """The start and qualifier of a hedge ending right before `start` ("at least ")."""
    window_start = max(0, start - 40)
    match = qualifier_regex().search(text[window_start:start])
    if not match:
        return start, None
    return window_start + match.start(), lexicon().qualifier_of(match.group(0).strip())


def hedge_after(text: str, end: int) -> tuple[int, str | None]:
    """The end and qualifier of a hedge right after a figure ("30 or more", "3,000-plus")."""
    tail = text[end:end + 12].lower()
    for phrase, qualifier in SUFFIX_QUALIFIERS.items():
        sep = "" if phrase.startswith("-") else " "
        if tail.startswith(sep + phrase) and not tail[len(sep + phrase):][:1].isalpha():
            return end + len(sep + phrase), qualifier
    return end, None


def find_figures(text: str) -> Iterator[Figure]:
    """Every figure in a text, left to right, with its hedge."""
    vague_bounds = {v.phrase: v for v in lexicon().vague}
    for match in figure_regex().finditer(text):
        start, end = match.start(), match.end()
        if match.group("between") or match.group("range"):
            first, second = (match.group("b1"), match.group("b2")) if match.group("between") \
                else (match.group("r1") or match.group("w1"), match.group("r2") or match.group("w2"))
            low, high = parse_number(first), parse_number(second)
            if low is not None and high is not None and re.search(SCALE + "$", second, re.I) \
                    and not re.search(SCALE + "$", first, re.I) and low < 1000:
                low *= high // max(1, parse_number(re.sub(SCALE + "$", "", second, flags=re.I)) or 1)
            if low is None or high is None:
                continue
            if low < 1000 <= high and high % 1000 == 0 and low * 1000 <= high < low * 2000:
                low *= 1000  # "11 to 12,000": the scale of the second end is the first's too
            if match.group("range") and (high <= low or re.search(r"\bor\b", match.group(0))):
                # "7-8" is a range; "2022-2023" and "one or two" read better as the first
                # figure with its own context, and "3-1" is a score, not a range.
                if high <= low:
                    continue
            hedge_start, qualifier = hedge_before(text, start)
            # "as many as 200,000-300,000": the range is the reading, its ends the bounds
            qualifier = "range" if qualifier in (None, "about", "up_to") else qualifier
            yield Figure(hedge_start, end, low, high, qualifier, text[hedge_start:end],
                         start)
            continue
        if match.group("ratio"):
            part, whole = parse_number(match.group("q1")), parse_number(match.group("q2"))
            if part is not None and whole and part < whole:
                hedge_start, qualifier = hedge_before(text, start)
                share = round(100 * part / whole, 1)
                yield Figure(hedge_start, end, int(share) if share.is_integer() else share, None,
                             qualifier or "exactly",
                             text[hedge_start:end], start, fraction=True)
            continue
        if match.group("fraction"):
            share = FRACTIONS[" ".join(match.group("fraction").lower().replace("-", " ").split())]
            hedge_start, qualifier = hedge_before(text, start)
            yield Figure(hedge_start, end, share, None, qualifier or "exactly",
                         text[hedge_start:end], start, fraction=True)
            continue
        if match.group("vague"):
            bounds = vague_bounds[" ".join(match.group("vague").lower().split())]
            yield Figure(start, end, bounds.low, bounds.high, "vague", text[start:end], start)
            continue
        value = parse_number(match.group("number"))
        if value is None:
            continue
        hedge_start, qualifier = hedge_before(text, start)
        end_with_hedge, suffix_qualifier = hedge_after(text, end)
        qualifier = qualifier or suffix_qualifier or "exactly"
        yield Figure(hedge_start, end_with_hedge, value, None, qualifier,
                     text[hedge_start:end_with_hedge], start)
