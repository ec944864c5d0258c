"""Rules B9xx: the Kamer files: the right file for the debate, seats and sources that add up,
and the woordvoerders a committee debate is addressed to.

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


@rule(
    "B901",
    "Kamer-id wijkt af van de bestandsnaam",
    phase="kamer",
    reads=("kamers/*.yaml: id", "brief.yaml: debate.kamer, debate.eerste_kamer"),
)
def kamer_id(ctx: Context) -> Iterator[Finding]:
    """A Kamer file's ``id`` is its file name, the one brief.yaml names."""
    for key, found, wanted, _ in _named(ctx):
        if found.id != wanted:
            yield (
                key,
                ("id",),
                (
                    f"de Kamer heeft id '{found.id}', maar de brief zoekt "
                    f"'{wanted}' en vond dit bestand onder die naam (maak id en "
                    f"bestandsnaam gelijk)"
                ),
            )


@rule(
    "B902",
    "verkeerde Kamer",
    phase="kamer",
    reads=("kamers/*.yaml: kind", "brief.yaml: debate.kamer, debate.eerste_kamer"),
)
def kamer_kind(ctx: Context) -> Iterator[Finding]:
    """``debate.kamer`` names a Tweede Kamer file, ``debate.eerste_kamer`` an Eerste Kamer
    file."""
    for key, found, _, kind in _named(ctx):
        if found.kind != kind:
            yield (
                key,
                ("kind",),
                (
                    f"dit bestand beschrijft de {found.chamber} ('{found.kind}'), "
                    f"maar de brief noemt het onder debate.{key} (verwacht "
                    f"kind: {kind})"
                ),
            )


@rule(
    "B903",
    "Kamer van een andere dag",
    severity="waarschuwing",
    phase="kamer",
    reads=("kamers/*.yaml: date", "brief.yaml: debate.date"),
)
def kamer_date(ctx: Context) -> Iterator[Finding]:
    """The Kamer files describe the chambers on the day of the debate."""
    for key, found, _, _ in _named(ctx):
        debate = ctx.meta.debate.date if ctx.meta else None
        if found.date != debate:
            yield (
                key,
                ("date",),
                (
                    f"de samenstelling is van {found.date}, het debat is op "
                    f"{debate}; gebruik de Kamer op de dag van het "
                    f"debat"
                ),
            )


@rule("B904", "zetels tellen niet op", phase="kamer", reads=("kamers/*.yaml: seats, fracties.zetels",))
def seats_sum(ctx: Context) -> Iterator[Finding]:
    """The fracties' seats add up to the chamber's seats."""
    for key, chamber in ctx.kamers:
        total = sum(f.zetels for f in chamber.fracties)
        if total != chamber.seats:
            yield (
                key,
                ("fracties",),
                (f"de zetels tellen op tot {total}, maar de {chamber.chamber} heeft {chamber.seats} zetels"),
            )


@rule("B905", "dubbele fractie-id", phase="kamer", reads=("kamers/*.yaml: fracties.id",))
def duplicate_fractie(ctx: Context) -> Iterator[Finding]:
    """Every fractie of a chamber has its own id."""
    for key, chamber in ctx.kamers:
        seen: set[str] = set()
        for i, fractie in enumerate(chamber.fracties):
            if fractie.id in seen:
                yield key, ("fracties", i, "id"), f"dubbele fractie-id '{fractie.id}'"
            seen.add(fractie.id)


@rule(
    "B906",
    "Kamerbron ontbreekt",
    phase="kamer",
    reads=("kamers/*.yaml: source, government.*.source, sources",),
)
def kamer_source_missing(ctx: Context) -> Iterator[Finding]:
    """The sources a Kamer file names (for its make-up, the cabinet, the formation,
    support) are among its own ``sources``."""
    for key, chamber in ctx.kamers:
        own = {s.id for s in chamber.sources}
        if chamber.source is not None and chamber.source not in own:
            yield (
                key,
                ("source",),
                (
                    f"bron '{chamber.source}' staat niet onder sources van dit "
                    f"Kamerbestand (voeg haar toe of verbeter de id)"
                ),
            )
        for part_name in ("cabinet", "formation", "support"):
            part = getattr(chamber.government, part_name)
            if part is not None and part.source not in own:
                yield (
                    key,
                    ("government", part_name, "source"),
                    (
                        f"bron '{part.source}' staat niet onder sources van dit Kamerbestand "
                        f"(voeg haar toe of verbeter de id)"
                    ),
                )


@rule(
    "B907",
    "onbekende fractie in de regering",
    phase="kamer",
    reads=("kamers/tweede-kamer-*.yaml: government.formation, government.support",),
)
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
                    yield (
                        key,
                        ("government", part_name, "parties", j),
                        (f"onbekende fractie '{party}' (niet in de fracties van dit bestand)"),
                    )


# --- Who is addressed: woordvoerders per portfolio ---------------------------------------


def _portfolios(chamber: Any) -> str:
    """The portfolio ids a Kamer file declares, for a message ("asiel, zorg" or "geen")."""
    return ", ".join(chamber.portfolios) or "geen"


@rule(
    "B908",
    "onbekende portefeuille",
    phase="kamer",
    reads=("kamers/*.yaml: portfolios, fracties.woordvoerders",),
)
def unknown_portfolio(ctx: Context) -> Iterator[Finding]:
    """A woordvoerder is named for a portfolio the Kamer file declares under
    ``portfolios`` (the ids a brief's ``debate.portfolio`` uses, with their Dutch names)."""
    from debatbrief.base.suggest import closest

    for key, chamber in ctx.kamers:
        for i, fractie in enumerate(chamber.fracties):
            for portfolio in fractie.woordvoerders:
                if portfolio not in chamber.portfolios:
                    guess = closest(portfolio, list(chamber.portfolios))
                    hint = f"bedoelde u '{guess}'? " if guess else ""
                    yield (
                        key,
                        ("fracties", i, "woordvoerders", portfolio),
                        (
                            f"onbekende portefeuille '{portfolio}' (niet onder portfolios van dit "
                            f"Kamerbestand: {_portfolios(chamber)}; {hint}voeg haar daar toe met "
                            f"haar Nederlandse naam of verbeter de id)"
                        ),
                    )


@rule(
    "B909",
    "woordvoerder zonder bron",
    phase="kamer",
    reads=("kamers/*.yaml: fracties.woordvoerders.source, sources",),
)
def woordvoerder_source(ctx: Context) -> Iterator[Finding]:
    """Every woordvoerder has a ``source`` among the Kamer file's ``sources`` that names
    the person as the fractie's woordvoerder on that portfolio: a name on an MP's page is
    a fact, never a guess."""
    for key, chamber in ctx.kamers:
        own = {s.id for s in chamber.sources}
        for i, fractie in enumerate(chamber.fracties):
            for portfolio, person in fractie.woordvoerders.items():
                loc = ("fracties", i, "woordvoerders", portfolio)
                if person.source is None:
                    yield (
                        key,
                        loc,
                        (
                            f"woordvoerder {person.name} ({fractie.abbreviation}, "
                            f"{portfolio}) heeft geen bron; geef source: de id van een "
                            f"bron onder sources die haar of hem zo noemt"
                        ),
                    )
                elif person.source not in own:
                    yield (
                        key,
                        (*loc, "source"),
                        (
                            f"bron '{person.source}' staat niet onder sources van dit "
                            f"Kamerbestand (voeg haar toe of verbeter de id)"
                        ),
                    )


@rule(
    "B910",
    "onbekende portefeuille van het debat",
    phase="kamer",
    reads=("brief.yaml: debate.portfolio", "kamers/*.yaml: portfolios"),
)
def debate_portfolio(ctx: Context) -> Iterator[Finding]:
    """``debate.portfolio`` is one of the Tweede Kamer file's ``portfolios``."""
    portfolio = ctx.meta.debate.portfolio if ctx.meta else None
    if portfolio and ctx.kamer is not None and portfolio not in ctx.kamer.portfolios:
        yield (
            "brief.yaml",
            ("debate", "portfolio"),
            (
                f"onbekende portefeuille '{portfolio}' (niet onder portfolios van "
                f"{ctx.kamer.id}: {_portfolios(ctx.kamer)}; voeg haar daar toe of verbeter de id)"
            ),
        )


@rule(
    "B911",
    "debat en portefeuille passen niet",
    severity="waarschuwing",
    phase="kamer",
    reads=("brief.yaml: debate.kind, debate.portfolio",),
)
def debate_kind_portfolio(ctx: Context) -> Iterator[Finding]:
    """A commissiedebat or wetgevingsoverleg names its ``portfolio`` (its briefings are for
    the woordvoerders of it); a plenary debate needs none (it goes to the
    fractievoorzitters)."""
    debate = ctx.meta.debate if ctx.meta else None
    if debate is None:
        return
    if debate.for_woordvoerders and not debate.portfolio:
        yield (
            "brief.yaml",
            ("debate", "kind"),
            (
                f"een {debate.kind} is voor de woordvoerders, maar debate.portfolio ontbreekt; de "
                f'briefings zijn nu gericht aan "de woordvoerder", zonder naam (geef de portefeuille, '
                f"een id onder portfolios van het Kamerbestand)"
            ),
        )
    elif not debate.for_woordvoerders and debate.portfolio:
        yield (
            "brief.yaml",
            ("debate", "portfolio"),
            (
                "een plenair debat gaat naar de fractievoorzitters; debate.portfolio telt alleen "
                "bij kind: commissiedebat of wetgevingsoverleg (zet kind of haal portfolio weg)"
            ),
        )


@rule(
    "B912",
    "geen woordvoerder voor het debat",
    severity="waarschuwing",
    phase="kamer",
    reads=("brief.yaml: debate.kind, debate.portfolio", "kamers/*.yaml: fracties.woordvoerders"),
)
def missing_woordvoerder(ctx: Context) -> Iterator[Finding]:
    """For a commissiedebat or wetgevingsoverleg, every fractie of the Tweede Kamer file has
    a sourced woordvoerder of the debate's portfolio; without one its briefing is addressed
    to "de woordvoerder" by title, never to a guessed name."""
    debate = ctx.meta.debate if ctx.meta else None
    chamber = ctx.kamer
    if (
        debate is None
        or chamber is None
        or not debate.for_woordvoerders
        or debate.portfolio not in chamber.portfolios
    ):
        return
    label = chamber.portfolios[debate.portfolio]
    for i, fractie in enumerate(chamber.fracties):
        person = fractie.woordvoerders.get(debate.portfolio)
        if person is None:
            yield (
                "kamer",
                ("fracties", i),
                (
                    f"{fractie.abbreviation} heeft geen woordvoerder {label} in dit Kamerbestand; "
                    f'de briefing voor het {debate.kind} is daarom gericht aan "de woordvoerder '
                    f'{label}", zonder naam (voeg woordvoerders: {{{debate.portfolio}: {{name: ..., '
                    f"source: ...}}}} toe, met een bron die de naam noemt)"
                ),
            )
