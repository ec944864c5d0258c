"""Rules B6xx: rebuttal cards: a short rebuttal, and a one-liner backed by the evidence.

See :mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from debatbrief.brief import attribution
from debatbrief.brief import sentences as sentence
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

#: The most sentences a card's rebuttal may have.
MAX_REBUTTAL_SENTENCES = 2


@rule("B601", "weerlegging te lang", reads=("cards.yaml: rebuttal",))
def rebuttal_too_long(ctx: Context) -> Iterator[Finding]:
    """A card's rebuttal has at most two sentences (counted as the notes and the
    attribution rule count them: :mod:`debatbrief.brief.sentences`)."""
    for i, card in enumerate(ctx.cards):
        sentences = sentence.count(card.rebuttal)
        if sentences > MAX_REBUTTAL_SENTENCES:
            yield (
                "cards.yaml",
                (i, "rebuttal"),
                (f"weerlegging van kaart '{card.id}' telt {sentences} zinnen; houd het bij ten hoogste twee"),
            )


def _say_cards(ctx: Context) -> Iterator[tuple[int, object]]:
    """The cards whose ``say`` line was not already reported while reading."""
    for i, card in enumerate(ctx.cards):
        if ctx.where("cards.yaml", (i, "say")) not in ctx.reported:
            yield i, card


@rule(
    "B602",
    "uitspraak citeert buiten het bewijs",
    phase="attribution",
    reads=("cards.yaml: say, evidence", "brief.yaml: document.source"),
)
def say_outside_evidence(ctx: Context) -> Iterator[Finding]:
    """A card's ``say`` line cites only sources its ``evidence`` cites too."""
    if not ctx.meta:
        return
    for i, card in _say_cards(ctx):
        for message in attribution.say_cites_outside_evidence(card):
            yield "cards.yaml", (i, "say"), message


@rule(
    "B603",
    "uitspraak stelt een feit zonder bron",
    phase="attribution",
    reads=("cards.yaml: say", "sources.yaml: author, short"),
)
def say_states_fact(ctx: Context) -> Iterator[Finding]:
    """A card's ``say`` line that names a source of the brief or gives a number cites
    where it comes from."""
    if not ctx.meta:
        return
    names = attribution.source_names(ctx.sources, ctx.meta.document.source)
    for i, card in _say_cards(ctx):
        message = attribution.say_states_fact(card, names)
        if message:
            yield "cards.yaml", (i, "say"), message
