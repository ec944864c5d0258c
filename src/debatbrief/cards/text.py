"""Text as the card lookup compares it: one normal form for queries, aliases and cards.

The bottom of the ``cards`` package: both the exact lookup (:mod:`.lookup`) and the
ranking (:mod:`.rank`) compare text in this form, so neither imports the other for it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Units that belong to the number before them: "2,5 miljard", "460 euro", "80 procent"
#: are one term each, so that a "2" or a "5" elsewhere does not match them.
UNITS = (
    "procent",
    "euro",
    "miljard",
    "miljoen",
    "duizend",
    "jaar",
    "maanden",
    "maand",
    "weken",
    "week",
    "dagen",
    "dag",
    "uur",
    "zetels",
    "keer",
)
#: Numbers written as words, read as digits before a unit: "twee jaar" is "2 jaar", so
#: that it is an amount and not the "twee" of "twee statussen". Not "een" (the article).
NUMBER_WORDS = {
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
    "tien": "10",
    "elf": "11",
    "twaalf": "12",
    "twintig": "20",
    "dertig": "30",
    "veertig": "40",
    "vijftig": "50",
    "honderd": "100",
    "tweeenhalf": "2,5",
    "tweeënhalf": "2,5",
}


@functools.cache
def _number_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A number written as a word before a unit, and a number with its unit. Compiled when
    first needed (by the ranking, never by an exact lookup): about a millisecond that
    ``debatbrief rebut <alias>`` does not pay."""
    units = "|".join(UNITS)
    number_word = re.compile(
        r"(?<!\w)(" + "|".join(NUMBER_WORDS) + r")(?=\s+(?:" + units + r")(?!\w))", re.IGNORECASE
    )
    number = re.compile(
        r"(?<![\w.,])(?:€\s*)?(\d+(?:[.,]\d+)*)(?![\w])(?:\s*(%|" + units + r")(?!\w))?", re.IGNORECASE
    )
    return number_word, number


def normalise(text: str) -> str:
    """Casefold, strip accents ("creëert" -> "creeert"), hyphens and punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _number(match: re.Match) -> str:
    digits = re.sub(r"\.(?=\d{3}(?!\d))", "", match.group(1))  # 100.000: a thousands dot
    digits = re.sub(r"[.,]", "_", digits)
    unit = (match.group(2) or "").casefold()
    if match.group(0).lstrip().startswith("€"):
        unit = unit or "euro"
    unit = {"%": "procent"}.get(unit, unit)
    return f" {digits}_{unit} " if unit else f" {digits} "


def terms(text: str) -> list[str]:
    """The words of ``text`` as the ranking indexes and queries them: :func:`normalise`d,
    with each number and its unit kept as one term ("2,5 miljard" -> ``2_5_miljard``,
    "€ 460" -> ``460_euro``, "100.000" -> ``100000``, "twee jaar" -> ``2_jaar``)."""
    number_word, number = _number_patterns()
    digits = number_word.sub(lambda m: NUMBER_WORDS[m.group(1).casefold()], text)
    return normalise(number.sub(_number, digits)).split()
