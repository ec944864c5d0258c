"""Closest-match suggestions for mistyped names ("Bedoelde u PVV?")."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 60) -> str | None:
    """The choice most like ``word`` (case-insensitive), or ``None`` below ``cutoff`` (0..100)."""
    from rapidfuzz import fuzz, process, utils

    options = list(choices)
    if not options:
        return None
    # WRatio scores a short word high against any long choice that happens to contain its
    # letters ("nsc" ~ "koffeman-nicolai"); short words are compared whole.
    scorer = fuzz.ratio if len(word.strip()) <= 4 else fuzz.WRatio
    found = process.extractOne(
        word, options, scorer=scorer, processor=utils.default_process, score_cutoff=cutoff
    )
    return found[0] if found else None


def unknown_choice(kind: str, given: str, choices: list[str], guess: str | None = None) -> str:
    """One Dutch line naming the unknown value, the closest match and the valid choices.

    ``guess`` overrides the closest match (for names matched on more than one field)."""
    guess = guess or closest(given, choices)
    hint = f" Bedoelde u {guess}?" if guess else ""
    article = "Onbekend" if kind == "onderwerp" else "Onbekende"
    return f"{article} {kind} '{given}'.{hint} Kies uit: {', '.join(choices)}."


def _squash(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def match_fractie(name: str, fracties: list[tuple[str, str, str]]) -> str | None:
    """The id of the fractie ``name`` refers to, or ``None``.

    ``fracties`` are ``(id, abbreviation, full name)``. Case, accents, spaces and
    punctuation do not matter ("gl pvda", "GL/PvdA", "ja 21"), and one part of a joined
    name is enough when it names only one fractie ("groenlinks", "PvdA").
    """
    wanted = _squash(name)
    if not wanted:
        return None
    for fractie_id, abbreviation, full in fracties:
        if wanted in (_squash(fractie_id), _squash(abbreviation), _squash(full)):
            return fractie_id
    import re

    parts = [
        fractie_id
        for fractie_id, abbreviation, full in fracties
        if wanted
        in {_squash(p) for p in re.split(r"[-/ ]", f"{abbreviation} {full}") if len(_squash(p)) >= 3}
    ]
    return parts[0] if len(parts) == 1 else None
