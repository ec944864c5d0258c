"""Text as the card lookup compares it: one normal form for queries, aliases and cards.

The bottom of the ``cards`` package: both the exact lookup (:mod:`.lookup`) and the
ranking (:mod:`.rank`) compare text in this form, so neither imports the other for it.
"""

from __future__ import annotations

import re
import unicodedata


def normalise(text: str) -> str:
    """Casefold, strip accents ("creëert" -> "creeert"), hyphens and punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())
