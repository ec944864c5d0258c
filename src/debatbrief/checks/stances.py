"""Rules for stances and records that hold up (issue 20): what a source may show.

A stance is sourced only by what its source shows: the claim or ask it names, or the whole
subject only when it says so (``scope: subject``); only in the chamber whose act it records
(a Tweede Kamer motion is no stance in the Eerste Kamer); and only when it was published
before the debate (before its start, on the day itself). A record is dated by its act and
cites what was published before the debate. A leak is printed as reported.

Each rule is a plain function ``f(parts, files, kamer, eerste_kamer) -> list[Problem]``,
registered below with its code (S301-S305) for ``check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from debatbrief.base import paths
from debatbrief.base.errors import Problem
from debatbrief.brief.models import CHAMBER_NAMES, CITATION_RE, citation_keys
from debatbrief.checks.context import Context
from debatbrief.checks.registry import rule

#: Words that say a sentence reports a leak (what was seen before publication).
LEAK_WORDS = ("uitgelekt", "gelekt", "ingewijden", "naar verluidt")


def _add(
    problems: list[Problem],
    files: dict[str, Any],
    name: str,
    loc: tuple[Any, ...],
    message: str,
    severity: str = "error",
) -> None:
    """Append a problem located at ``loc`` of file ``name`` (its line when it has one)."""
    yaml_file = files.get(name)
    if yaml_file is None:
        problems.append(Problem(name, None, message, severity))
        return
    problems.append(Problem(paths.display(yaml_file.path), yaml_file.line(loc), message, severity))


def _sources(parts: dict[str, Any], kamer: Any, eerste_kamer: Any) -> dict[str, Any]:
    """Every citable source by id: the brief's, then its Kamer files'."""
    found = {s.id: s for k in (eerste_kamer, kamer) if k is not None for s in k.sources}
    found.update({s.id: s for s in parts.get("sources.yaml") or []})
    return found


def sourced_stances(parts: dict[str, Any]) -> Iterator[tuple[int, Any, tuple, str, Any]]:
    """Every sourced stance of stances.yaml as ``(block index, block, location, item,
    value)``; ``item`` is ``"subject"``, a card or ask id, or ``"*"``."""
    for i, block in enumerate(parts.get("stances.yaml") or []):
        if "subject" in block.model_fields_set and not isinstance(block.subject, str):
            yield i, block, (i, "subject"), "subject", block.subject
        for field in ("claims", "asks"):
            for item, value in getattr(block, field).items():
                if not isinstance(value, str):
                    yield i, block, (i, field, item), item, value


#: Dutch month names, for a source dated only by ``date_text`` ("juni 2019").
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def latest_date(source: Any) -> dt.date | None:
    """The latest day a source can be from: its ``date``, or the last day of the month or
    year its ``date_text`` names ("juni 2019", "2019"); ``None`` when neither says."""
    if source.date is not None:
        return source.date
    words = (source.date_text or "").lower().split()
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    if not years:
        return None
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), 12)
    first_of_next = dt.date(years[-1] + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _published_before(source: Any, debate: Any) -> bool:
    """Whether ``source`` was published before the debate (before its start on the day)."""
    latest = latest_date(source)
    if latest is None or latest > debate.date:
        return False
    if latest < debate.date:
        return True
    if source.date is None:
        return False
    if source.date < debate.date:
        return True
    return bool(debate.start and source.time and source.time < debate.start)


def _when(source: Any) -> str:
    when = source.date.isoformat() if source.date else (source.date_text or "zonder datum")
    return f"{when} {source.time}" if source.time else when


def stance_dates(
    parts: dict[str, Any], files: dict[str, Any], kamer: Any = None, eerste_kamer: Any = None
) -> list[Problem]:
    """S301 a stance source must be published before the debate (before ``debate.start``
    on the day itself), and the act it dates (``date``) may not follow its source."""
    meta, problems = parts.get("brief.yaml"), list[Problem]()
    if meta is None:
        return problems
    debate, sources = meta.debate, _sources(parts, kamer, eerste_kamer)
    start = f" (begin {debate.start})" if debate.start else ""
    for _, _, loc, _, value in sourced_stances(parts):
        source = sources.get(value.source)
        if source is None:
            continue  # an unknown source is reported by the references check
        if not _published_before(source, debate):
            _add(
                problems,
                files,
                "stances.yaml",
                loc,
                f"S301 bron '{source.id}' ({_when(source)}) is niet van vóór het debat van "
                f"{debate.date.isoformat()}{start}: een briefing van die ochtend kan er geen "
                f"standpunt op baseren (kies een eerdere bron, of maak het een inschatting)",
            )
        elif value.date is not None and (
            value.date > (source.date or value.date) or value.date >= debate.date
        ):
            _add(
                problems,
                files,
                "stances.yaml",
                loc,
                f"S301 het standpunt is gedateerd {value.date.isoformat()}, na zijn bron "
                f"'{source.id}' of op/na de dag van het debat (date is de dag van de daad)",
            )
    return problems


def stance_scope(
    parts: dict[str, Any], files: dict[str, Any], kamer: Any = None, eerste_kamer: Any = None
) -> list[Problem]:
    """S302 a source shows the claim or ask it is given for; the whole subject (or every
    item, ``"*"``) only with ``scope: subject``, and then for every use of that source."""
    problems: list[Problem] = []
    for _, _, loc, item, value in sourced_stances(parts):
        if item in ("subject", "*") and value.scope != "subject":
            what = "het hele onderwerp" if item == "subject" else "elke kaart of vraag ('*')"
            _add(
                problems,
                files,
                "stances.yaml",
                loc,
                f"S302 bron '{value.source}' toont een standpunt over één punt, niet over "
                f"{what}: gebruik haar alleen bij de kaart of vraag die zij toont (of zet "
                f"scope: subject als de bron zelf het hele onderwerp betreft)",
            )
    return problems


def stance_chamber(
    parts: dict[str, Any], files: dict[str, Any], kamer: Any = None, eerste_kamer: Any = None
) -> list[Problem]:
    """S303 a source that records one chamber's act (a motion, a vote) shows a stance in
    that chamber only: a Tweede Kamer motion is no stance in the Eerste Kamer."""
    problems: list[Problem] = []
    sources = _sources(parts, kamer, eerste_kamer)
    blocks = parts.get("stances.yaml") or []
    in_chamber = {
        "tweede-kamer": {f.id for f in kamer.fracties} if kamer else set(),
        "eerste-kamer": {f.id for f in eerste_kamer.fracties} if eerste_kamer else set(),
    }
    for _, block, loc, _item, value in sourced_stances(parts):
        source = sources.get(value.source)
        if source is None or source.chamber is None:
            continue
        used = (
            [block.chamber]
            if block.chamber
            else [
                c
                for c, ids in in_chamber.items()
                if block.fractie in ids and not _overridden(blocks, block.fractie, c, loc)
            ]
        )
        for chamber in used:
            if chamber != source.chamber:
                _add(
                    problems,
                    files,
                    "stances.yaml",
                    loc,
                    f"S303 bron '{source.id}' toont een daad in de "
                    f"{CHAMBER_NAMES[source.chamber]}, maar dit standpunt geldt ook in de "
                    f"{CHAMBER_NAMES[chamber]} (zet er een blok 'chamber: {chamber}' naast "
                    f"met een bron uit die Kamer, of een inschatting)",
                )
    return problems


def _overridden(blocks: list[Any], fractie: str, chamber: str, loc: tuple) -> bool:
    """Whether a ``chamber`` block of ``fractie`` sets the item at ``loc`` itself."""
    for block in blocks:
        if block.fractie != fractie or block.chamber != chamber:
            continue
        if loc[1] == "subject":
            return "subject" in block.model_fields_set
        values = getattr(block, loc[1])
        if loc[2] in values or (loc[2] != "*" and "*" in values):
            return True
    return False


def record_dates(
    parts: dict[str, Any], files: dict[str, Any], kamer: Any = None, eerste_kamer: Any = None
) -> list[Problem]:
    """S304 a record is dated by its act and cites sources published before the debate;
    the act cannot come after the source that reports it."""
    meta, problems = parts.get("brief.yaml"), list[Problem]()
    if meta is None:
        return problems
    sources = _sources(parts, kamer, eerste_kamer)
    for i, profile in enumerate(parts.get("profiles.yaml") or []):
        for j, item in enumerate(profile.record):
            loc = (i, "record", j, "date")
            if item.date >= meta.debate.date:
                _add(
                    problems,
                    files,
                    "profiles.yaml",
                    loc,
                    f"S304 een feit van {item.date.isoformat()} kan niet in een briefing "
                    f"voor het debat van {meta.debate.date.isoformat()} staan",
                )
            for key, _ in citation_keys(item.text):
                source = sources.get(key)
                if source is None or source.date is None:
                    continue
                if not _published_before(source, meta.debate):
                    _add(
                        problems,
                        files,
                        "profiles.yaml",
                        loc,
                        f"S304 bron '{key}' ({_when(source)}) verscheen niet vóór het debat",
                    )
                elif item.date > source.date:
                    _add(
                        problems,
                        files,
                        "profiles.yaml",
                        loc,
                        f"S304 de daad ({item.date.isoformat()}) ligt na de bron '{key}' "
                        f"({source.date.isoformat()}) die haar meldt",
                    )
    return problems


def _prose(parts: dict[str, Any]) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Every printed prose field that may cite: attribution's, plus messages, asks, say."""
    from debatbrief.brief.attribution import printed_prose

    yield from printed_prose(parts)
    meta = parts.get("brief.yaml")
    if meta is not None:
        for key in ("messages", "asks"):
            for i, item in enumerate(getattr(meta, key)):
                yield "brief.yaml", (key, i, "text"), item.text
    for i, card in enumerate(parts.get("cards.yaml") or []):
        yield "cards.yaml", (i, "say"), card.say


def leak_wording(
    parts: dict[str, Any], files: dict[str, Any], kamer: Any = None, eerste_kamer: Any = None
) -> list[Problem]:
    """S305 a sentence that cites a leak (``leak: true``) says it is reported from leaked
    documents ("volgens uitgelekte stukken ..."); a leak is never stated as settled fact."""
    from debatbrief.brief.attribution import sentences

    problems: list[Problem] = []
    leaks = {s.id for s in _sources(parts, kamer, eerste_kamer).values() if s.leak}
    if not leaks:
        return problems
    for name, loc, text in _prose(parts):
        for sentence in sentences(text):
            cited = {key for key, _ in citation_keys(sentence)} & leaks
            words = CITATION_RE.sub("", sentence).lower()  # "metro-gelekt-…" is an id
            if cited and not any(word in words for word in LEAK_WORDS):
                _add(
                    problems,
                    files,
                    name,
                    loc,
                    f"S305 '{sentence[:60]}…' citeert uitgelekte stukken "
                    f"({', '.join(sorted(cited))}) maar zegt dat niet (schrijf 'volgens "
                    f"uitgelekte stukken ...')",
                )
    return problems


#: The rules of this module, in the order ``check`` runs them.


# --- The registry ---------------------------------------------------------------------------


def _registered(code: str, title: str, check, reads: tuple[str, ...]):
    """Register ``check`` (written as ``f(parts, files, kamer, eerste_kamer)``) as rule
    ``code``; its problems keep their own severity."""

    @rule(code, title, reads=reads)
    def run(ctx: Context) -> list[Problem]:
        return check(ctx.parts, ctx.files, ctx.kamer, ctx.eerste_kamer)

    run.__doc__ = check.__doc__.split(" ", 1)[1] if check.__doc__ else None
    run.__module__ = __name__
    return run


_registered("S301", "standpuntbron na het debat", stance_dates, ("stances.yaml", "sources.yaml"))
_registered("S302", "bron voor meer dan zij toont", stance_scope, ("stances.yaml",))
_registered("S303", "bron uit de andere Kamer", stance_chamber, ("stances.yaml", "sources.yaml"))
_registered("S304", "feit gedateerd na het debat", record_dates, ("profiles.yaml", "sources.yaml"))
_registered(
    "S305",
    "uitgelekt stuk als feit",
    leak_wording,
    ("arguments.yaml", "cards.yaml", "brief.yaml", "sources.yaml"),
)
