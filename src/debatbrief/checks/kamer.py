"""Rules B9xx: the Kamer files: the right file for the debate, and seats and sources that add up.

The file keys are ``"kamer"`` (the Tweede Kamer) and ``"eerste_kamer"``. See
:mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

_CHAMBERS = (("kamer", "tweede-kamer"), ("eerste_kamer", "eerste-kamer"))


def _named(ctx: Context) -> Iterator[tuple[str, Any, str, str]]:
    """Each Kamer file read, as ``(file key, Kamer, id brief.yaml asks for, kind)``."""
    if not ctx.meta:
        return
    for key, kind in _CHAMBERS:
        found = ctx.kamer if key == "kamer" else ctx.eerste_kamer
        if found is not None:
            yield key, found, getattr(ctx.meta.debate, key), kind


@rule("B901", "Kamer-id wijkt af van de bestandsnaam", phase="kamer",
      reads=("kamers/*.yaml: id", "brief.yaml: debate.kamer, debate.eerste_kamer"))
def kamer_id(ctx: Context) -> Iterator[Finding]:
    """A Kamer file's ``id`` is its file name, the one brief.yaml names."""
    for key, found, wanted, _ in _named(ctx):
        if found.id != wanted:
            yield key, ("id",), (f"de Kamer heeft id '{found.id}', maar de brief zoekt "
                                 f"'{wanted}' en vond dit bestand onder die naam (maak id en "
                                 f"bestandsnaam gelijk)")


@rule("B902", "verkeerde Kamer", phase="kamer",
      reads=("kamers/*.yaml: kind", "brief.yaml: debate.kamer, debate.eerste_kamer"))
def kamer_kind(ctx: Context) -> Iterator[Finding]:
    """``debate.kamer`` names a Tweede Kamer file, ``debate.eerste_kamer`` an Eerste Kamer
    file."""
    for key, found, _, kind in _named(ctx):
        if found.kind != kind:
            yield key, ("kind",), (f"dit bestand beschrijft de {found.chamber} ('{found.kind}'), "
                                   f"maar de brief noemt het onder debate.{key} (verwacht "
                                   f"kind: {kind})")


@rule("B903", "Kamer van een andere dag", severity="waarschuwing", phase="kamer",
      reads=("kamers/*.yaml: date", "brief.yaml: debate.date"))
def kamer_date(ctx: Context) -> Iterator[Finding]:
    """The Kamer files describe the chambers on the day of the debate."""
    for key, found, _, _ in _named(ctx):
        debate = ctx.meta.debate.date if ctx.meta else None
        if found.date != debate:
            yield key, ("date",), (f"de samenstelling is van {found.date}, het debat is op "
                                   f"{debate}; gebruik de Kamer op de dag van het "
                                   f"debat")


@rule("B904", "zetels tellen niet op", phase="kamer", reads=("kamers/*.yaml: seats, fracties.zetels",))
def seats_sum(ctx: Context) -> Iterator[Finding]:
    """The fracties' seats add up to the chamber's seats."""
    for key, chamber in ctx.kamers:
        total = sum(f.zetels for f in chamber.fracties)
        if total != chamber.seats:
            yield key, ("fracties",), (f"de zetels tellen op tot {total}, maar de "
                                       f"{chamber.chamber} heeft {chamber.seats} zetels")


@rule("B905", "dubbele fractie-id", phase="kamer", reads=("kamers/*.yaml: fracties.id",))
def duplicate_fractie(ctx: Context) -> Iterator[Finding]:
    """Every fractie of a chamber has its own id."""
    for key, chamber in ctx.kamers:
        seen: set[str] = set()
        for i, fractie in enumerate(chamber.fracties):
            if fractie.id in seen:
                yield key, ("fracties", i, "id"), f"dubbele fractie-id '{fractie.id}'"
            seen.add(fractie.id)


@rule("B906", "Kamerbron ontbreekt", phase="kamer",
      reads=("kamers/*.yaml: source, government.*.source, sources",))
def kamer_source_missing(ctx: Context) -> Iterator[Finding]:
    """The sources a Kamer file names (for its make-up, the cabinet, the formation,
    support) are among its own ``sources``."""
    for key, chamber in ctx.kamers:
        own = {s.id for s in chamber.sources}
        if chamber.source is not None and chamber.source not in own:
            yield key, ("source",), (f"bron '{chamber.source}' staat niet onder sources van dit "
                                     f"Kamerbestand (voeg haar toe of verbeter de id)")
        for part_name in ("cabinet", "formation", "support"):
            part = getattr(chamber.government, part_name)
            if part is not None and part.source not in own:
                yield key, ("government", part_name, "source"), (
                    f"bron '{part.source}' staat niet onder sources van dit Kamerbestand "
                    f"(voeg haar toe of verbeter de id)")


@rule("B907", "onbekende fractie in de regering", phase="kamer",
      reads=("kamers/tweede-kamer-*.yaml: government.formation, government.support",))
def unknown_government_party(ctx: Context) -> Iterator[Finding]:
    """The parties forming or supporting a government are fracties of the Tweede Kamer
    file (a cabinet party may have no fractie in a chamber: NSC in the Senate)."""
    for key, chamber in ctx.kamers:
        if chamber.kind != "tweede-kamer":
            continue
        fracties = {f.id for f in chamber.fracties}
        for part_name in ("formation", "support"):
            part = getattr(chamber.government, part_name)
            for j, party in enumerate(part.parties if part is not None else ()):
                if party not in fracties:
                    yield key, ("government", part_name, "parties", j), (
                        f"onbekende fractie '{party}' (niet in de fracties van dit bestand)")
