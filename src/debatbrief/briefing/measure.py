"""How tall an entry of the printed source list is, known before layout.

The source list is printed in two columns that the template cuts itself
(:meth:`debatbrief.briefing.render.Notes.source_columns`): WeasyPrint lays two floats out
once, where CSS ``columns`` lays the list out again for every step of its balancing. To cut
where the columns come out even, each entry's lines are counted here the way the engine
breaks them: the advance widths of the bundled Noto Sans faces (read with fontTools), lines
filled word by word, never hyphenated (the list has ``hyphens: manual``). Kerning and
shaping are left out, so a count can be a line off when a word just fits; the shipped
briefs' lists come out as WeasyPrint lays them out.

The geometry is that of ``templates/briefing.css``: A4 less 36 mm of side margins, two
columns 5 mm apart, 7.2 pt type on 1.24 lines, a 3 mm hanging indent and
0.5 mm under each entry. A template folder of one's own with other measures still works:
only the cut may come out less even.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: CSS px per millimetre and per point.
MM = 96 / 25.4
PT = 96 / 72
#: The list's type size, line height and entry spacing, in px.
FONT_SIZE = 7.2 * PT
LINE_HEIGHT = FONT_SIZE * 1.24
ENTRY_SPACE = 0.5 * MM
#: One column: half of the 174 mm text width less the 5 mm gap; later lines of an entry
#: start 3 mm in.
COLUMN = (174 - 5) / 2 * MM
INDENT = 3 * MM
#: The tallest a column of the list may be and still share a page with its heading and a
#: few notes (of the page's 262 mm of text height).
PAGE_COLUMN = 190 * MM
#: Where a line may break in a reference or URL: after spaces, hyphens and dashes, and at
#: the zero-width spaces :func:`~debatbrief.briefing.render.breakable_url` puts in URLs.
_PIECE_RE = re.compile(r"[^\s\u200b\-\u2010\u2013:]*(?:[\-\u2010\u2013:]+|\u200b|\s+|$)")
#: Width of a character no bundled Latin face has (in em): a wide one, to err long.
_UNKNOWN = 0.6


@lru_cache(maxsize=2)
def advances(bold: bool) -> dict[str, float]:
    """Advance widths in em of the characters of Noto Sans (bold or regular), the face of
    the source list ("Debatbrief Sans"), read once per process from the bundled file."""
    import io

    from fontTools.ttLib import TTFont

    from debatbrief.base.typeface import font_dir

    face = font_dir() / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
    # Read from memory: a lazy TTFont on the path keeps the file open for the process's
    # life, two descriptors fewer for the engine under a low `ulimit -n` (issue 23).
    with TTFont(io.BytesIO(face.read_bytes()), lazy=True) as font:
        # Glyphs numbered, not named: the face has no glyph names ('post' format 3), and
        # fontTools would make them from the cmap, 30 ms of each `make` for nothing here.
        font.setGlyphOrder([f"glyph{index}" for index in range(font["maxp"].numGlyphs)])
        metrics, units = font["hmtx"].metrics, font["head"].unitsPerEm
        return {chr(code): metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}


def text_width(text: str, bold: bool = False) -> float:
    """The width of ``text`` set in the list's type, in px."""
    table = advances(bold)
    return FONT_SIZE * sum(table.get(char, _UNKNOWN) for char in text)


def line_count(runs: list[tuple[str, bool]], first: float, rest: float) -> int:
    """Lines that ``runs`` (text, bold) fill when broken word by word, the first line
    ``first`` px wide and the others ``rest`` px; a word longer than a line is broken
    inside it, as ``overflow-wrap: break-word`` does."""
    lines, used, width = 1, 0.0, first
    for text, bold in runs:
        for piece in _PIECE_RE.findall(text):
            if not piece:
                continue
            body = text_width(piece.rstrip(), bold)
            if used and used + body > width + 0.01:
                lines, used, width = lines + 1, 0.0, rest
            while body > width + 0.01:  # a word wider than the line
                lines, body, width = lines + 1, body - width, rest
            used += text_width(piece, bold)
    return lines


def entry_height(key: str, reference: str, url: str) -> float:
    """The height in px of one entry of the source list: its short reference in bold with
    " ·" after it, the full reference and a full stop, then the URL (a block of its own,
    empty for none), and the space under the entry."""
    lines = line_count([(key, True), (" · " + reference + ".", False)], COLUMN, COLUMN - INDENT)
    if url:
        lines += line_count([(url, False)], COLUMN - INDENT, COLUMN - INDENT)
    return lines * LINE_HEIGHT + ENTRY_SPACE
