"""What a card is made of, for the lookup and the card sheet alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from debatbrief.brief.models import citation_keys

if TYPE_CHECKING:
    from debatbrief.brief.models import Card


def card_sources(card: Card) -> list[str]:
    """The ids of the sources ``card`` cites, in order of first citation (evidence first)."""
    fields = (card.evidence, card.rebuttal, card.say, card.claim, card.follow_up)
    return list(dict.fromkeys(key for text in fields for key, _ in citation_keys(text)))
