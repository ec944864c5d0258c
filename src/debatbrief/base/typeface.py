"""The typefaces debatbrief prints with: bundled with the package (``fonts/``, OFL).

The PDF engine registers them under names of their own ("Debatbrief Serif", ...) so a
font of the same family installed on the machine can never be picked instead: the same
brief gives the same PDF on every machine. Because the fonts are known before layout,
``check`` can name a character that none of them has (:func:`uncovered`).
Kept free of WeasyPrint; fontTools is imported only when a text has characters outside
:data:`BASIC`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Face:
    """One font file and the CSS family, weight (100-900) and style it is used for."""

    family: str
    file: str
    weight: int = 400
    style: str = "normal"


SERIF, SANS, ARABIC, HEBREW = (
    "Debatbrief Serif",
    "Debatbrief Sans",
    "Debatbrief Arabic",
    "Debatbrief Hebrew",
)

FACES: tuple[Face, ...] = (
    Face(SERIF, "NotoSerif-Regular.ttf"),
    Face(SERIF, "NotoSerif-Bold.ttf", 700),
    Face(SERIF, "NotoSerif-Italic.ttf", 400, "italic"),
    Face(SERIF, "NotoSerif-BoldItalic.ttf", 700, "italic"),
    Face(SANS, "NotoSans-Regular.ttf"),
    Face(SANS, "NotoSans-Bold.ttf", 700),
    Face(SANS, "NotoSans-Italic.ttf", 400, "italic"),
    Face(SANS, "NotoSans-BoldItalic.ttf", 700, "italic"),
    Face(ARABIC, "NotoSansArabic-Regular.ttf"),
    Face(HEBREW, "NotoSansHebrew-Regular.ttf"),
)

#: Characters every bundled Latin face has (a test checks this against the font files), so
#: most text is checked without opening a font: ASCII, Latin-1, Latin Extended-A, and the
#: typographic punctuation the briefings use.
BASIC = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list("‘’‚“”„–—…•·€‐‑\u202f")
)

#: Characters that never reach the page as glyphs (line breaks, tabs).
_LAYOUT = frozenset("\n\r\t")


def font_dir() -> Path:
    """The folder of the bundled font files (inside the installed package)."""
    return Path(str(resources.files("debatbrief") / "fonts"))


def font_face_css() -> str:
    """``@font-face`` rules for every bundled face, with ``file://`` URLs (for WeasyPrint)."""
    folder = font_dir()
    rules = []
    for face in FACES:
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; '
            f'src: url("{(folder / face.file).as_uri()}"); '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
        )
    return "\n".join(rules) + "\n"


@lru_cache(maxsize=1)
def coverage() -> frozenset[int]:
    """Every code point some bundled face has a glyph for (read from the fonts' cmaps)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for file in sorted({face.file for face in FACES if face.weight == 400 and face.style == "normal"}):
        points.update(TTFont(font_dir() / file, lazy=True)["cmap"].getBestCmap())
    return frozenset(points)


def uncovered(text: str) -> list[str]:
    """The distinct characters of ``text`` that no bundled face can print, in order.

    Control and format characters (C0/C1 controls, bidirectional and zero-width marks)
    are not glyphs; the check for unsafe characters names them, once."""
    rest = set(text) - BASIC - _LAYOUT
    if not rest:
        return []
    import unicodedata

    covered = coverage()
    return [
        ch
        for ch in dict.fromkeys(text)
        if ch in rest and ord(ch) not in covered and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    ]
