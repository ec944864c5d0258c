"""Closest-match suggestions for mistyped names ("Bedoelde u PVV?")."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 60) -> str | None:
    """The choice most like ``word`` (case-insensitive), or ``None`` below ``cutoff`` (0..100)."""
    from rapidfuzz import fuzz, process, utils

    options = list(choices)
    if not options:
        return None
    found = process.extractOne(word, options, scorer=fuzz.WRatio,
                               processor=utils.default_process, score_cutoff=cutoff)
    return found[0] if found else None


def unknown_choice(kind: str, given: str, choices: list[str], guess: str | None = None) -> str:
    """One Dutch line naming the unknown value, the closest match and the valid choices.

    ``guess`` overrides the closest match (for names matched on more than one field)."""
    guess = guess or closest(given, choices)
    hint = f" Bedoelde u {guess}?" if guess else ""
    return f"Onbekende {kind} '{given}'.{hint} Kies uit: {', '.join(choices)}."
