"""Rules T0xx: what is left to do in a brief started with ``debatbrief new``: fields still
marked ``TODO``, stances still unknown, arguments without a source; and a stance file that
leaves fracties out.

A field still marked ``TODO`` is not reported by the other rules (see
:func:`debatbrief.checks.registry.run`): it is counted here, in one line.
See :mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from debatbrief.brief.models import citation_keys
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

#: What a field the author must still write starts with (``debatbrief new`` writes it).
TODO = "TODO"


def _todos(value: Any) -> int:
    """How many strings in ``value`` (YAML data) start with ``TODO``."""
    if isinstance(value, str):
        return int(value.lstrip().startswith(TODO))
    if isinstance(value, dict):
        return sum(_todos(v) for v in value.values())
    if isinstance(value, list):
        return sum(_todos(v) for v in value)
    return 0


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@rule(
    "T001",
    "nog te doen",
    severity="waarschuwing",
    phase="unused",
    reads=("alle bestanden: TODO", "stances.yaml: subject", "arguments.yaml: reasoning"),
)
def still_to_do(ctx: Context) -> Iterator[Finding]:
    """Counts in one line what is left of a brief started with ``debatbrief new``: stances
    still unknown, arguments without a source, fields still marked TODO."""
    fields = sum(_todos(getattr(f, "data", None)) for f in ctx.files.values())
    if not fields:
        return
    unknown = sum(1 for block in ctx.stances if block.subject == "unknown")
    unsourced = sum(
        1 for argument in ctx.arguments if not any(key for key, _ in citation_keys(argument.reasoning))
    )
    left = [
        _plural(unknown, "standpunt", "standpunten") if unknown else "",
        _plural(unsourced, "argument zonder bron", "argumenten zonder bron") if unsourced else "",
        _plural(fields, "veld met TODO", "velden met TODO"),
    ]
    yield "brief.yaml", (), "nog te doen: " + ", ".join(part for part in left if part)


@rule(
    "T002",
    "fractie zonder standpunt",
    severity="waarschuwing",
    phase="unused",
    reads=("stances.yaml: fractie", "kamers/*.yaml: fracties"),
)
def fractie_without_stance(ctx: Context) -> Iterator[Finding]:
    """Every fractie of the Tweede Kamer has a block in stances.yaml: without one (or
    without the file) its stances are all unknown, silently. Checked only for a brief
    without errors so far (a misspelt fractie is one problem, not two)."""
    if (
        ctx.kamer is None
        or ctx.meta is None
        or "stances.yaml" in ctx.incomplete
        or not ctx.citing_complete
        or any(p.severity == "error" for p in ctx.problems)
    ):
        return  # an unknown or misspelt fractie is reported first
    if ctx.files.get("stances.yaml") is None:
        yield (
            "brief.yaml",
            (),
            (
                "stances.yaml ontbreekt: het standpunt van elke fractie is "
                "dan onbekend (maak het bestand, één blok per fractie)"
            ),
        )
        return
    given = {block.fractie for block in ctx.stances}
    for fractie in ctx.kamer.fracties:
        if fractie.id not in given:
            yield (
                "stances.yaml",
                (),
                (
                    f"fractie '{fractie.id}' heeft geen standpunt (voeg "
                    f"'- fractie: {fractie.id}' toe, desnoods met unknown)"
                ),
            )


@rule(
    "T003",
    "Kamerbestand nog niet bevestigd",
    severity="waarschuwing",
    phase="kamer",
    reads=("kamers/*.yaml: TODO",),
)
def kamer_not_confirmed(ctx: Context) -> Iterator[Finding]:
    """A Kamer file started with ``debatbrief kamer new`` has no ``TODO`` left: each change
    since the file it was copied from is confirmed, with a source and a date."""
    for key, _ in ctx.kamers:
        yaml_file = ctx.files.get(key)
        text = yaml_file.text if yaml_file else ""  # as parsed: never read a second time
        count = sum(1 for line in text.splitlines() if "# TODO" in line)
        if count:
            yield (
                key,
                (),
                (
                    f"nog {count} TODO in dit Kamerbestand: bevestig elke wijziging "
                    "(zetels, fracties, fractievoorzitters, regering) met een bron en "
                    "haal de TODO weg"
                ),
            )


@rule(
    "T004",
    "contactpersoon niet bereikbaar",
    severity="waarschuwing",
    reads=("brief.yaml: contact_person, sender.website, contact",),
)
def contact_unreachable(ctx: Context) -> Iterator[Finding]:
    """The contact person printed on every page can be reached: a phone number or e-mail
    address of their own, or (as the footer then shows) the website of the author (the
    sender when no author is given) or the brief's ``contact``. A name alone gives an MP no way to call."""
    meta = ctx.meta
    person = meta.contact_person if meta is not None else None
    if (
        meta is None
        or person is None
        or person.name.startswith(TODO)
        or person.phone
        or person.email
        or meta.writer.website
        or meta.contact
    ):
        return
    yield (
        "brief.yaml",
        ("contact_person",),
        (
            f"contactpersoon '{person.name}' is niet te bereiken: de voettekst noemt alleen naam "
            f"en functie (geef phone: of email:, desnoods het algemene nummer of adres van de "
            f"organisatie als een bron het laat zien, of de website van de eigen organisatie "
            f"onder website: bij author: of sender:)"
        ),
    )
