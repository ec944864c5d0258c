"""What ``make`` reports per written file (kept apart from :mod:`.workspace`, which
``debatbrief rebut`` imports: defining a dataclass costs its start-up about a millisecond)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Made:
    """One written briefing: which fractie, where, how many pages, and what the lobbyist
    should know about it (Dutch lines: no profile, too many pages, ...)."""

    fractie: str
    path: Path
    pages: int | None
    warnings: tuple[str, ...] = ()
