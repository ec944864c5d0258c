"""Rules B2xx: citations (``[@id]``, ``[@a; @b, p. 4]``) are well formed and name a source.

Fields printed literally (quotes, a source's title, a correction) hold no citation at all.
See :mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from debatbrief.brief.models import CITATION_RE, citation_keys
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

#: What is left of a citation once the well-formed ones are taken out: "[@id" without
#: its bracket, "[-@id]", "[ @id]", a bare "@id" (an e-mail address is not one, nor is
#: Pandoc's escaped "\@naam", which prints as "@naam").
STRAY_CITATION_RE = re.compile(r"\[\s*-?\s*@\S*|(?<![\w.@\\])@[A-Za-z][\w.:-]*")


def _plain_fields(ctx: Context) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Fields printed as they stand, as ``(file, location, text)``."""
    for i, source in enumerate(ctx.sources):
        for field in ("caveat", "note", "title", "author"):
            if getattr(source, field):
                yield "sources.yaml", (i, field), getattr(source, field)
        if source.correction:
            for field in ("document_said", "correct", "why"):
                yield "sources.yaml", (i, "correction", field), getattr(source.correction, field)
    for i, argument in enumerate(ctx.arguments):
        if argument.quote:
            yield "arguments.yaml", (i, "quote", "text"), argument.quote.text
            yield "arguments.yaml", (i, "quote", "attribution"), argument.quote.attribution


def _known_sources(ctx: Context) -> set[str] | None:
    """Every citable id (:attr:`Context.source_ids`), or ``None`` when that list is not
    whole: sources.yaml or a Kamer file the brief names was not read (a syntax error, a
    refused file; a brief.yaml that failed names no Kamer). An id is then unknown only to
    us, and calling it unknown would be a second, false error beside the real one."""
    meta = ctx.meta
    if (
        meta is None
        or "sources.yaml" not in ctx.files
        or ctx.kamer is None
        or (meta.debate.eerste_kamer and ctx.eerste_kamer is None)
    ):
        return None
    return ctx.source_ids


@rule(
    "B201",
    "citatie in een letterlijk veld",
    phase="citations",
    reads=("sources.yaml: caveat, note, title, author, correction", "arguments.yaml: quote"),
)
def citation_in_literal(ctx: Context) -> Iterator[Finding]:
    """Text printed as it stands (quotes, caveats, corrections, titles) holds no citation.
    (Characters that must not be printed are refused for every string when the file is
    read: see :func:`debatbrief.brief.load.read_yaml`.)"""
    for name, loc, text in _plain_fields(ctx):
        if "@" not in text:
            continue
        stray = STRAY_CITATION_RE.search(text)
        cited = CITATION_RE.search(text)
        if cited or stray:
            bare = not cited and stray is not None and stray.group(0).startswith("@")
            yield (
                name,
                loc,
                (
                    "hier kan geen citatie staan (dit veld wordt letterlijk "
                    "afgedrukt); zet de bron in de tekst eromheen"
                    + (", of schrijf een letterlijke @ als \\@" if bare else "")
                ),
            )


@rule("B202", "onvolledige citatie", phase="citations", reads=("every prose field with citations",))
def incomplete_citation(ctx: Context) -> Iterator[Finding]:
    """A citation has its square brackets and its @: ``[@bron-id]``; a literal @ is
    written ``\\@``."""
    for name, loc, text in ctx.cited_fields():
        if "@" not in text:
            continue
        stray = STRAY_CITATION_RE.search(CITATION_RE.sub("", text))
        if stray:
            bare = stray.group(0).startswith("@")  # "@naam" may be meant literally
            yield (
                name,
                loc,
                (
                    f"onvolledige citatie bij '{stray.group(0).strip()}' (schrijf "
                    f"[@bron-id] of [@a; @b], met rechte haken eromheen"
                    + ("; een letterlijke @ schrijft u als \\@)" if bare else ")")
                ),
            )


@rule("B203", "onleesbare citatie", phase="citations", reads=("every prose field with citations",))
def unreadable_citation(ctx: Context) -> Iterator[Finding]:
    """Every part of a citation is ``@id`` with an optional locator (``[@a; @b, p. 4]``)."""
    for name, loc, text in ctx.cited_fields():
        if "[@" not in text:
            continue
        for match in CITATION_RE.finditer(text):
            if any(not key for key, _ in citation_keys(match.group(0))):
                yield (
                    name,
                    loc,
                    (f"citatie '{match.group(0)}' is onleesbaar (schrijf [@bron-id] of [@a; @b])"),
                )


@rule(
    "B204",
    "citatie naar onbekende bron",
    phase="citations",
    reads=("every prose field with citations", "sources.yaml: id", "kamers/*.yaml: sources"),
)
def unknown_source(ctx: Context) -> Iterator[Finding]:
    """Every cited id is a source of sources.yaml or of the Kamer files."""
    known = _known_sources(ctx)
    for name, loc, text in ctx.cited_fields():
        if "[@" not in text:
            continue
        for key, _ in citation_keys(text):
            if key and known and key not in known:
                yield (
                    name,
                    loc,
                    (
                        f"citatie naar onbekende bron '{key}' (voeg haar toe aan "
                        f"sources.yaml of verbeter de id)"
                    ),
                )


@rule("B207", "citatie in een URL of code", phase="citations", reads=("every prose field with citations",))
def citation_in_url_or_code(ctx: Context) -> Iterator[Finding]:
    """A citation stands in the text, not inside a URL (``https://x.nl/a[@id]``) or a code
    span between backticks: replaced by a note, it would silently change the address or
    the code (see :func:`debatbrief.brief.cite.misplaced_citations`)."""
    from debatbrief.brief.cite import misplaced_citations

    for name, loc, text in ctx.cited_fields():
        for citation, kind, where in misplaced_citations(text):
            shown = where if len(where) <= 80 else where[:77] + "..."
            if kind == "url":
                yield (
                    name,
                    loc,
                    (
                        f"citatie '{citation}' staat in de URL '{shown}' en zou die "
                        f"veranderen; zet de citatie na de URL, met een spatie "
                        f"ervoor (of schrijf een letterlijke @ als \\@)"
                    ),
                )
            else:
                yield (
                    name,
                    loc,
                    (
                        f"citatie '{citation}' staat tussen backticks ({shown}) en "
                        f"zou die tekst veranderen; zet de citatie buiten de "
                        f"backticks"
                    ),
                )


@rule(
    "B205",
    "standpunt citeert onbekende bron",
    phase="citations",
    reads=("stances.yaml: subject, claims, asks (source)", "sources.yaml: id"),
)
def stance_unknown_source(ctx: Context) -> Iterator[Finding]:
    """A sourced stance (``{stance: ..., source: id}``) names a known source."""
    known = _known_sources(ctx)
    for loc, value in ctx.stance_values():
        source = getattr(value, "source", None)
        if source is not None and known and source not in known:
            yield (
                "stances.yaml",
                loc,
                (
                    f"standpunt citeert onbekende bron '{source}' (voeg "
                    f"haar toe aan sources.yaml of verbeter de id)"
                ),
            )


@rule(
    "B206",
    "document niet onder de bronnen",
    phase="citations",
    reads=("brief.yaml: document.source", "sources.yaml: id"),
)
def document_not_a_source(ctx: Context) -> Iterator[Finding]:
    """The document itself is a source in sources.yaml: its own claims cite it."""
    meta = ctx.meta
    if meta and "sources.yaml" in ctx.parts and meta.document.source not in ctx.source_ids:
        yield (
            "brief.yaml",
            ("document", "source"),
            (
                f"het document zelf staat niet in sources.yaml als bron '{meta.document.source}' "
                f"(voeg het toe; beweringen van het document citeren die bron)"
            ),
        )
