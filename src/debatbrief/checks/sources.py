"""Rules B3xx: each source record (URL, ECLI, case number), its correction, and its use.

The record rules apply to sources.yaml and to the sources of the Kamer files alike. See
:mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from debatbrief.brief.models import citation_keys
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

#: ECLI syntax (Council conclusions 2011/C 127/01): ECLI:country:court:year:number.
ECLI_RE = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
#: A Court of Justice / General Court case number: C-72/22, T-123/21, C-72/22 PPU.
CJEU_CASE_RE = re.compile(r"^([CT])-(\d{1,4})/(\d{2})(?:\s+[A-Z]{1,4})?$")
#: A CELEX number of EU case law in a URL: 6 + year + CJ/CC/TJ... + case number.
CELEX_CASE_RE = re.compile(r"CELEX[:%3A]+6(\d{4})(C|T)[A-Z](\d{4})", re.I)

_RECORDS = ("sources.yaml: url, ecli, case_number", "kamers/*.yaml: sources")


def _records(ctx: Context) -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    """Every source record as ``(file, location prefix, source)``: sources.yaml first."""
    for i, source in enumerate(ctx.sources):
        yield "sources.yaml", (i,), source
    for key, chamber in ctx.kamers:
        for i, source in enumerate(chamber.sources):
            yield key, ("sources", i), source


@rule("B301", "ongeldige URL", reads=_RECORDS)
def invalid_url(ctx: Context) -> Iterator[Finding]:
    """A source's URL starts with http:// or https://, names a host and has no spaces."""
    for name, prefix, source in _records(ctx):
        if source.url is None:
            continue
        parts = urlsplit(source.url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in source.url:
            yield (
                name,
                (*prefix, "url"),
                (
                    f"bron '{source.id}': '{source.url}' is geen geldige "
                    f"URL (begin met https:// en gebruik geen spaties)"
                ),
            )


@rule("B302", "ongeldige ECLI", reads=_RECORDS)
def invalid_ecli(ctx: Context) -> Iterator[Finding]:
    """An ECLI follows its syntax: ECLI:land:gerecht:jaar:nummer."""
    for name, prefix, source in _records(ctx):
        if source.ecli is not None and not ECLI_RE.match(source.ecli):
            yield (
                name,
                (*prefix, "ecli"),
                (
                    f"bron '{source.id}': '{source.ecli}' volgt de ECLI-syntaxis niet "
                    f"(ECLI:land:gerecht:jaar:nummer, bijvoorbeeld ECLI:NL:GHDHA:2022:2429)"
                ),
            )


@rule("B303", "zaaknummer strookt niet met CELEX", reads=_RECORDS)
def case_number_against_celex(ctx: Context) -> Iterator[Finding]:
    """A case of the EU Court of Justice has the case number its CELEX link names."""
    for name, prefix, source in _records(ctx):
        celex = CELEX_CASE_RE.search(source.url) if source.case_number is not None and source.url else None
        if celex is None:
            continue
        case = CJEU_CASE_RE.match(source.case_number)
        loc = (*prefix, "case_number")
        if case is None:
            yield (
                name,
                loc,
                (
                    f"bron '{source.id}': '{source.case_number}' is geen zaaknummer "
                    f"van het Hof (schrijf bijvoorbeeld C-72/22)"
                ),
            )
            continue
        year, court, number = celex.groups()
        expected = f"{court.upper()}-{int(number)}/{year[2:]}"
        if f"{case.group(1)}-{int(case.group(2))}/{case.group(3)}" != expected:
            yield (
                name,
                loc,
                (
                    f"bron '{source.id}': zaaknummer {source.case_number} strookt "
                    f"niet met het CELEX-nummer in de link (dat hoort bij "
                    f"{expected}); controleer het zaaknummer"
                ),
            )


@rule("B304", "correctie zonder bewijs", reads=("sources.yaml: correction.proof",))
def correction_without_proof(ctx: Context) -> Iterator[Finding]:
    """A correction of the document cites the source that shows the right value
    (``proof: "[@id]"``); without one it is a caveat."""
    for i, source in enumerate(ctx.sources):
        if not source.correction:
            continue
        proof = source.correction.proof
        if not proof or not citation_keys(proof):
            yield (
                "sources.yaml",
                (i, "correction"),
                (
                    f"correctie bij bron '{source.id}' zonder bewijs: geef met proof: "
                    f'"[@bron-id]" de bron die de juiste waarde laat zien, of maak er een '
                    f"caveat van ('niet teruggevonden in ...')"
                ),
            )


@rule(
    "B305",
    "correctie bewijst zichzelf",
    reads=("sources.yaml: correction.proof", "brief.yaml: document.source"),
)
def correction_proves_itself(ctx: Context) -> Iterator[Finding]:
    """The proof of a correction is not the document being corrected."""
    if not ctx.meta:
        return
    for i, source in enumerate(ctx.sources):
        proof = source.correction.proof if source.correction else None
        keys = citation_keys(proof) if proof else []
        if keys and all(key == ctx.meta.document.source for key, _ in keys):
            yield (
                "sources.yaml",
                (i, "correction", "proof"),
                (
                    f"correctie bij bron '{source.id}' bewijst zichzelf: het document dat "
                    f"gecorrigeerd wordt kan niet het bewijs zijn (citeer de bron die de "
                    f"juiste waarde laat zien, of maak er een caveat van)"
                ),
            )


@rule(
    "B306",
    "bron nergens geciteerd",
    severity="waarschuwing",
    phase="unused",
    reads=(
        "sources.yaml: id, correction, caveat",
        "every prose field with citations",
        "stances.yaml: source",
    ),
)
def uncited_source(ctx: Context) -> Iterator[Finding]:
    """Every source is cited somewhere, or kept for its errata (a correction or caveat:
    ``debatbrief errata`` lists it). Not checked while a citing file has errors."""
    if not ctx.citing_complete:
        return
    for i, source in enumerate(ctx.sources):
        if source.id not in ctx.cited and not (source.correction or source.caveat):
            yield "sources.yaml", (i, "id"), f"bron '{source.id}' wordt nergens geciteerd"


@rule("B307", "korte verwijzing afgekapt", severity="waarschuwing", reads=("sources.yaml: short, title",))
def short_reference_cut(ctx: Context) -> Iterator[Finding]:
    """A source whose short reference (repeated footnotes, cards, the briefing's first
    line) would cut its title ("..., ‘Brief aan de Tweede Kamer over de begr…’") has a
    ``short:`` of its own."""
    from debatbrief.brief.cite import source_short

    for i, source in enumerate(ctx.sources):
        printed = source_short(source)
        if source.short or "…" not in printed or "…" in source.title:
            continue
        when = source.date_text or (str(source.date.year) if source.date else "jaar")
        yield (
            "sources.yaml",
            (i,),
            (
                f"bron '{source.id}': de korte verwijzing wordt afgekapt tot '{printed}'; geef "
                f'de bron een eigen short, zoals short: "{source.author}, {when}"'
            ),
        )
