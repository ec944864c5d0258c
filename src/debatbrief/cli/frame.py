"""A rebuttal card in its frame, drawn for a terminal without importing rich.

``rebut`` in a terminal shows each card in a rich ``Panel``; importing rich's console for
it costs about 25 ms, a third of the whole start-up (issue 25). For the ordinary case, a
UTF-8 terminal that rich would give colour and boxes, with no environment variable that
changes rich's mind and text of one cell per character, :func:`draw` writes the very
characters rich writes (``tests/test_startup.py`` compares them, card by card, at many
widths). Anything else returns ``None``, and rich draws as before.

Part of the CLI layer: the core never needs it.
"""

from __future__ import annotations

import os
import re
import sys

#: The environment variables that change what rich's Console decides (colour, width,
#: whether the stream is a terminal): with any of them set, rich decides.
RICH_ENVIRONMENT = (
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)

#: Characters one terminal cell wide in rich's own tables, with no second meaning in its
#: wrapping: printable ASCII, Latin-1 and Latin Extended-A and B (no combining marks), the
#: general punctuation of Dutch text (dashes, quotes, the ellipsis, the bullet) and the
#: euro sign. A card with any other character is drawn by rich. (A set, not a pattern:
#: compiling a character class beyond Latin-1 costs half a millisecond.)
NARROW = frozenset(
    chr(code)
    for first, last in ((0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2027), (0x2030, 0x205E), (0x20AC, 0x20AC))
    for code in range(first, last + 1)
)

#: A word and the whitespace after it, as rich's wrapping reads words (``rich._wrap``).
WORD = re.compile(r"\s*\S+\s*")

#: The SGR codes of the styles a card uses (rich renders "bold yellow" as 1;33 whatever
#: the terminal's colour system, yellow being one of the eight standard colours).
STYLES = {"bold": "1", "bold yellow": "1;33"}


def terminal_width() -> int | None:
    """The width rich's Console would give standard output when it would draw boxes and
    colour on it, in UTF-8; ``None`` when rich must decide (a pipe, a file, ``NO_COLOR``,
    ``TERM=dumb``, another encoding, Windows, Jupyter or IDLE, or an environment variable
    of :data:`RICH_ENVIRONMENT`). Mirrors ``Console.is_terminal`` and ``Console.size``."""
    environ = os.environ
    if os.name == "nt" or any(name in environ for name in RICH_ENVIRONMENT):
        return None
    if environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    stdout = sys.stdout
    try:
        if stdout is None or not stdout.isatty():
            return None
    except ValueError:  # a closed stream
        return None
    if not (getattr(stdout, "encoding", None) or "utf-8").lower().startswith("utf"):
        return None
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return None
    import builtins

    if "get_ipython" in vars(builtins):
        return None
    width = None
    for descriptor in (0, 1, 2):  # rich asks stdin first, as here
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


#: A piece of a card's text and its style (``None``, or a key of :data:`STYLES`).
Piece = tuple[str, str | None]


def draw(cards: list[tuple[str, list[list[Piece]], str]], width: int) -> str | None:
    """The cards as rich prints them, each a ``Panel`` (rounded box, ``expand``, title at
    the top left, subtitle at the bottom right, one space of padding left and right) of
    ``width`` cells; ``None`` when rich must draw them instead.

    ``cards``: per card its title, its body as paragraphs (one per line break in rich's
    text) of :data:`Piece`, and its subtitle, all made safe for a terminal already. Rich
    draws when a text holds a character not in :data:`NARROW` (a newline or tab among
    them), a word too long for a line, or a title that does not fit the top line."""
    inner = width - 4
    if inner < 10:
        return None
    out: list[str] = []
    for title, paragraphs, subtitle in cards:
        texts = [title, subtitle, *(text for paragraph in paragraphs for text, _ in paragraph)]
        if not all(NARROW.issuperset(text) for text in texts):
            return None
        if len(title) + 2 > inner or len(subtitle) + 2 > inner:
            return None
        out.append(f"╭─ {title} {'─' * (inner - len(title) - 2)}─╮\n")
        for paragraph in paragraphs:
            lines = _wrap(paragraph, inner)
            if lines is None:
                return None
            out.extend(f"│ {line}{' ' * (inner - length)} │\n" for length, line in lines)
        out.append(f"╰─{'─' * (inner - len(subtitle) - 2)} {subtitle} ─╯\n")
    return "".join(out)


def _wrap(pieces: list[Piece], width: int) -> list[tuple[int, str]] | None:
    """The lines of the text ``pieces`` wrapped to ``width`` as rich's ``Text.wrap`` does
    (words break where ``rich._wrap.divide_line`` breaks them, a line keeps the spaces
    after its last word unless they run past ``width``), each as ``(cells, rendered)``
    with every styled run in its SGR code. ``None`` for a word longer than ``width``
    (rich folds it)."""
    plain = "".join(text for text, _ in pieces)
    styles: list[str | None] = []
    for text, style in pieces:
        styles.extend([style] * len(text))
    starts = [0]
    offset = 0
    for match in WORD.finditer(plain):
        word = match.group(0)
        if len(word.rstrip()) > width:
            return None
        if width - offset >= len(word.rstrip()):
            offset += len(word)
        elif offset and match.start():
            starts.append(match.start())
            offset = len(word)
    lines = []
    for start, end in zip(starts, [*starts[1:], len(plain)], strict=True):
        line = plain[start:end]
        if len(line) > width:  # rich strips the spaces beyond the width, and only those
            excess = len(line) - width
            spaces = len(line) - len(line.rstrip())
            end -= min(spaces, excess)
        lines.append((end - start, _render(plain, styles, start, end)))
    return lines


def _render(plain: str, styles: list[str | None], start: int, end: int) -> str:
    """``plain[start:end]`` with each run of one style wrapped in its SGR code."""
    if start == end:
        return ""
    out = []
    run = start
    for position in range(start, end + 1):
        if position == end or styles[position] != styles[run]:
            text = plain[run:position]
            style = styles[run]
            out.append(f"\x1b[{STYLES[style]}m{text}\x1b[0m" if style else text)
            run = position
    return "".join(out)
