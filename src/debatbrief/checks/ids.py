"""Rules B1xx: ids are unique, and every reference between files names something that exists.

A reference to a file that is missing (no Kamer file, no valid brief.yaml) is not checked:
the missing file is reported instead. See :mod:`debatbrief.checks.registry` for how to add
a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

_TOPICS = "de topics van brief.yaml"
_VALUES = "de values van brief.yaml"
_KAMER = "de Kamer van deze brief"


def unknown(
    name: str, loc: tuple[Any, ...], value: str, known: set[str] | None, kind: str, where: str
) -> Iterator[Finding]:
    """A finding when ``value`` is not in ``known`` (nothing when ``known`` is ``None``:
    the list it should be in could not be read), with the closest known value as hint."""
    if known is not None and value not in known:
        from debatbrief.base.suggest import closest

        guess = closest(value, known)
        hint = f"; bedoelde u '{guess}'?" if guess else ""
        article = "onbekend" if kind == "onderwerp" else "onbekende"
        yield name, loc, f"{article} {kind} '{value}' (niet in {where}{hint})"


def _duplicates(items: list[Any], name: str, kind: str, prefix: tuple[Any, ...] = ()) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            yield name, (*prefix, i, "id"), (f"dubbele {kind}-id '{item.id}' (elke id komt één keer voor)")
        seen.add(item.id)


@rule(
    "B101",
    "dubbele id",
    phase="ids",
    reads=(
        "sources.yaml: id",
        "arguments.yaml: id",
        "cards.yaml: id",
        "brief.yaml: topics, values, messages, asks",
    ),
)
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    """Every source, argument, card, topic, value, kernboodschap and ask has its own id."""
    yield from _duplicates(ctx.sources, "sources.yaml", "bron")
    yield from _duplicates(ctx.arguments, "arguments.yaml", "argument")
    yield from _duplicates(ctx.cards, "cards.yaml", "kaart")
    if ctx.meta:
        for field, kind in (
            ("topics", "onderwerp"),
            ("values", "waarde"),
            ("messages", "kernboodschap"),
            ("asks", "vraag"),
        ):
            yield from _duplicates(getattr(ctx.meta, field), "brief.yaml", kind, (field,))


@rule("B102", "dubbel profiel", phase="ids", reads=("profiles.yaml: fractie",))
def duplicate_profile(ctx: Context) -> Iterator[Finding]:
    """A fractie has one profile."""
    seen: set[str] = set()
    for i, profile in enumerate(ctx.profiles):
        if profile.fractie in seen:
            yield (
                "profiles.yaml",
                (i, "fractie"),
                (f"dubbel profiel voor fractie '{profile.fractie}' (voeg ze samen)"),
            )
        seen.add(profile.fractie)


@rule(
    "B103",
    "onbekend onderwerp",
    phase="ids",
    reads=(
        "brief.yaml: messages.topics, asks.topics",
        "arguments.yaml: topic",
        "cards.yaml: topic",
        "profiles.yaml: emphasis, record.topic",
    ),
)
def unknown_topic(ctx: Context) -> Iterator[Finding]:
    """Every topic named is one of brief.yaml's ``topics``."""
    known = ctx.topic_ids
    if ctx.meta:
        for field in ("messages", "asks"):
            for i, item in enumerate(getattr(ctx.meta, field)):
                for j, topic in enumerate(item.topics):
                    yield from unknown(
                        "brief.yaml", (field, i, "topics", j), topic, known, "onderwerp", _TOPICS
                    )
    for name, items in (("arguments.yaml", ctx.arguments), ("cards.yaml", ctx.cards)):
        for i, item in enumerate(items):
            yield from unknown(name, (i, "topic"), item.topic, known, "onderwerp", _TOPICS)
    for i, profile in enumerate(ctx.profiles):
        for j, topic in enumerate(profile.emphasis):
            yield from unknown("profiles.yaml", (i, "emphasis", j), topic, known, "onderwerp", _TOPICS)
        for j, item in enumerate(profile.record):
            yield from unknown(
                "profiles.yaml", (i, "record", j, "topic"), item.topic, known, "onderwerp", _TOPICS
            )


@rule(
    "B104",
    "onbekende waarde",
    phase="ids",
    reads=(
        "brief.yaml: messages.values, asks.values",
        "arguments.yaml: angles.value",
        "profiles.yaml: values",
    ),
)
def unknown_value(ctx: Context) -> Iterator[Finding]:
    """Every value named is one of brief.yaml's ``values``."""
    known = ctx.value_ids
    if ctx.meta:
        for field in ("messages", "asks"):
            for i, item in enumerate(getattr(ctx.meta, field)):
                for j, value in enumerate(item.values):
                    yield from unknown("brief.yaml", (field, i, "values", j), value, known, "waarde", _VALUES)
    for i, argument in enumerate(ctx.arguments):
        for j, angle in enumerate(argument.angles):
            yield from unknown(
                "arguments.yaml", (i, "angles", j, "value"), angle.value, known, "waarde", _VALUES
            )
    for i, profile in enumerate(ctx.profiles):
        for value in profile.values:
            yield from unknown("profiles.yaml", (i, "values", value), value, known, "waarde", _VALUES)


@rule(
    "B105",
    "onbekende fractie",
    phase="ids",
    reads=(
        "brief.yaml: asks.fracties",
        "profiles.yaml: fractie",
        "stances.yaml: fractie",
        "kamers/*.yaml: fracties",
    ),
)
def unknown_fractie(ctx: Context) -> Iterator[Finding]:
    """Asks and profiles name fracties of the Tweede Kamer file; stances may also name
    those of the Eerste Kamer."""
    if ctx.meta:
        for i, ask in enumerate(ctx.meta.asks):
            for j, fractie in enumerate(ask.fracties):
                yield from unknown(
                    "brief.yaml", ("asks", i, "fracties", j), fractie, ctx.fractie_ids, "fractie", _KAMER
                )
    for i, profile in enumerate(ctx.profiles):
        yield from unknown(
            "profiles.yaml", (i, "fractie"), profile.fractie, ctx.fractie_ids, "fractie", _KAMER
        )
    for i, block in enumerate(ctx.stances):
        yield from unknown(
            "stances.yaml",
            (i, "fractie"),
            block.fractie,
            ctx.any_fractie_ids,
            "fractie",
            "de Kamer(s) van deze brief",
        )


@rule("B106", "dubbel standpuntenblok", phase="ids", reads=("stances.yaml: fractie, chamber",))
def duplicate_stance_block(ctx: Context) -> Iterator[Finding]:
    """A fractie has one block of stances per chamber."""
    blocks: dict[tuple[str, str | None], int] = {}
    for i, block in enumerate(ctx.stances):
        key = (block.fractie, block.chamber)
        if key in blocks:
            first = ctx.where("stances.yaml", (blocks[key],))[1]
            yield (
                "stances.yaml",
                (i, "fractie"),
                (f"fractie '{block.fractie}' heeft al standpunten op regel {first} (voeg ze samen)"),
            )
        blocks.setdefault(key, i)


@rule(
    "B107",
    "standpunt over onbekende kaart of vraag",
    phase="ids",
    reads=("stances.yaml: claims, asks", "cards.yaml: id", "brief.yaml: asks.id"),
)
def unknown_stance_item(ctx: Context) -> Iterator[Finding]:
    """A stance on a claim names a card of cards.yaml, one on an ask an ask of brief.yaml
    (``"*"`` stands for all others). A card or ask with errors of its own is not in the
    brief: stances on it are then not reported as a second, false error."""
    cards = {c.id for c in ctx.cards} if "cards.yaml" not in ctx.incomplete else None
    asks = {a.id for a in ctx.meta.asks} if ctx.meta and "brief.yaml" not in ctx.incomplete else None
    for i, block in enumerate(ctx.stances):
        for field, known, kind, where in (
            ("claims", cards, "kaart", "cards.yaml"),
            ("asks", asks, "vraag", "de asks van brief.yaml"),
        ):
            for item_id in getattr(block, field):
                if item_id != "*":
                    yield from unknown("stances.yaml", (i, field, item_id), item_id, known, kind, where)


@rule(
    "B108",
    "kernboodschap over onbekende kaart of vraag",
    phase="ids",
    reads=("brief.yaml: messages.answers, messages.asks", "cards.yaml: id", "brief.yaml: asks.id"),
)
def unknown_message_link(ctx: Context) -> Iterator[Finding]:
    """A kernboodschap's ``answers`` names cards of cards.yaml (the claims it contradicts),
    its ``asks`` asks of brief.yaml (what it argues for): selection leaves the message out
    for a fractie whose stance on one of them contradicts it."""
    if not ctx.meta:
        return
    cards = {c.id for c in ctx.cards} if "cards.yaml" not in ctx.incomplete else None
    asks = {a.id for a in ctx.meta.asks} if "brief.yaml" not in ctx.incomplete else None
    for i, message in enumerate(ctx.meta.messages):
        for field, known, kind, where in (
            ("answers", cards, "kaart", "cards.yaml"),
            ("asks", asks, "vraag", "de asks van brief.yaml"),
        ):
            for j, item_id in enumerate(getattr(message, field)):
                yield from unknown("brief.yaml", ("messages", i, field, j), item_id, known, kind, where)
