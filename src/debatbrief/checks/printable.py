"""Rules B7xx: can it be printed? Characters the bundled fonts have, text that fits its column.

Every string field of the brief that reaches paper is looked at (not ``notes``, ``aliases``
or ids), and the Tweede Kamer file's too. See :mod:`debatbrief.checks.registry` for how to
add a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from debatbrief.brief.models import CITATION_RE, citation_keys
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

#: Fields that never reach paper: editors' notes, lookup aliases, ids.
_NOT_PRINTED = frozenset({"notes", "note", "aliases", "id", "in_letter"})
#: The longest run of characters without a break point that fits the narrowest column
#: (an A6 card, about 50 characters of its text face); a URL is printed full width in the
#: source list, where a piece between its break points may take 100.
MAX_UNBROKEN = 50
MAX_URL_PIECE = 100
#: Where a field's text goes decides how long it may be: a source's short reference
#: stands in notes, its author and title in the one-line entries of the source list.
FIELD_LIMITS: dict[tuple[str, Any], int] = {
    ("sources.yaml", "short"): 80,
    ("sources.yaml", "author"): 200,
    ("sources.yaml", "title"): 400,
    ("sources.yaml", "url"): 500,
}
#: A locator in a citation ("p. 4", "r.o. 3.2"): it is printed in a note.
MAX_LOCATOR = 40
_URL_PIECE_RE = re.compile(r"[^/.\-]*[/.\-]*")
#: Where a line may break between words: any white space except the non-breaking ones
#: (U+00A0 no-break space, U+202F narrow no-break space, U+2007 figure space), which join
#: their words into one run on paper, in prose and on a card alike. (``str.split()``
#: splits at them, and would let a run of joined words pass as many short ones.)
_BREAKING_SPACE_RE = re.compile("[^\\S\u00a0\u202f\u2007]+")
_ALL_FILES = ("every printed text field", "kamers/tweede-kamer-*.yaml")


def _walk(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(location, text) for every string field of a loaded model that reaches paper."""
    from pydantic import BaseModel

    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_PRINTED:
                yield from _walk(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i))


def printed_strings(ctx: Context) -> list[tuple[str, tuple[Any, ...], str]]:
    """Every printed string as ``(file, location, text)``, found once per check."""
    if "printed" not in ctx.cache:
        named = [(name, part) for name, part in ctx.parts.items() if part is not None]
        if ctx.kamer is not None:
            named.append(("kamer", ctx.kamer))
        ctx.cache["printed"] = [(name, loc, text) for name, part in named for loc, text in _walk(part, ())]
    return ctx.cache["printed"]


@rule("B701", "teken zonder lettertype", phase="printable", reads=_ALL_FILES)
def no_typeface(ctx: Context) -> Iterator[Finding]:
    """Every character is in one of the bundled fonts (else it prints as an empty box)."""
    from debatbrief.base.typeface import uncovered

    for name, loc, text in printed_strings(ctx):
        missing = uncovered(text)
        if missing:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:3])
            yield (
                name,
                loc,
                (
                    f"{shown} staat in geen van de meegeleverde lettertypen en zou "
                    f"als leeg vakje worden gedrukt; schrijf het in Latijnse letters "
                    f"of laat het weg"
                ),
            )


def _too_long_run(text: str, url_field: bool) -> tuple[str, int] | None:
    """The first run of characters a line cannot break inside that is longer than its
    column allows (a word; a piece of a URL between its break points after / . -),
    with that limit."""
    for word in _BREAKING_SPACE_RE.split(CITATION_RE.sub("", text)):
        if "://" in word or url_field:
            for piece in _URL_PIECE_RE.findall(word):
                if len(piece) > MAX_URL_PIECE:
                    return piece, MAX_URL_PIECE
        elif len(word) > MAX_UNBROKEN:
            return word, MAX_UNBROKEN
    return None


@rule("B702", "woord te lang voor een kolom", phase="printable", reads=_ALL_FILES)
def unbreakable_run(ctx: Context) -> Iterator[Finding]:
    """No word is longer than the narrowest column (50 characters), no piece of a URL
    between its break points longer than 100."""
    for name, loc, text in printed_strings(ctx):
        long_run = _too_long_run(text, bool(loc) and loc[-1] == "url")
        if long_run:
            run, most = long_run
            hard = next((f"U+{ord(c):04X}" for c in run if c in "\u00a0\u202f\u2007"), None)
            fix = (
                f"de vaste spaties ({hard}) erin breken niet af: maak er gewone spaties van"
                if hard
                else "zet er spaties in"
            )
            shown = re.sub("[\u00a0\u202f\u2007]", " ", run[:30])
            yield (
                name,
                loc,
                (
                    f"'{shown}…' telt {len(run)} tekens zonder spatie of "
                    f"afbreekpunt en past niet in een kolom (ten hoogste {most}); "
                    f"{fix}"
                ),
            )


@rule(
    "B703",
    "veld te lang voor zijn plaats",
    phase="printable",
    reads=("sources.yaml: short, author, title, url",),
)
def field_too_long(ctx: Context) -> Iterator[Finding]:
    """A source's short reference, author, title and URL fit where they are printed."""
    for name, loc, text in printed_strings(ctx):
        limit = FIELD_LIMITS.get((name, loc[-1] if loc else None))
        if limit and len(text) > limit:
            yield (
                name,
                loc,
                (
                    f"{loc[-1]} telt {len(text)} tekens; waar het wordt gedrukt past "
                    f"ten hoogste {limit} (kort het in)"
                ),
            )


@rule(
    "B704", "vindplaats te lang voor een noot", phase="printable", reads=("every prose field with citations",)
)
def locator_too_long(ctx: Context) -> Iterator[Finding]:
    """A locator in a citation (``[@id, p. 4]``) fits a note: at most 40 characters."""
    for name, loc, text in printed_strings(ctx):
        for _, locator in citation_keys(text) if "[@" in text else ():
            if locator and len(locator) > MAX_LOCATOR:
                yield (
                    name,
                    loc,
                    (
                        f"vindplaats '{locator[:30]}…' in een citatie telt "
                        f"{len(locator)} tekens; in een noot past ten hoogste "
                        f"{MAX_LOCATOR} (bijvoorbeeld 'p. 4')"
                    ),
                )


@rule("B705", "dezelfde korte verwijzing", phase="printable", reads=("sources.yaml: short, author, date",))
def same_short_reference(ctx: Context) -> Iterator[Finding]:
    """Two sources never get the same short reference: a note would be ambiguous."""
    from debatbrief.brief.cite import source_short

    seen: dict[str, str] = {}
    for i, source in enumerate(ctx.sources):
        short = source_short(source).casefold()
        if short in seen:
            yield (
                "sources.yaml",
                (i, "short" if source.short else "id"),
                (
                    f"bron '{source.id}' krijgt dezelfde korte verwijzing als bron '{seen[short]}' "
                    f"('{source_short(source)}'); geef één van beide een eigen short"
                ),
            )
        seen.setdefault(short, source.id)
