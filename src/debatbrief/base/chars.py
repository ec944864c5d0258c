"""Characters that must never reach a page or a terminal, in whatever way they are written.

A control character (ESC starts a terminal escape sequence; C1's CSI does the same in one
byte), a bidirectional override (U+202E prints the rest of a line reversed) or a
zero-width character changes what a reader sees without being seen itself. The loader
refuses them in every string of a brief (:func:`unsafe`), and everything shown in a
terminal passes :func:`visible`, which writes them out as harmless ``\\u202e`` text.

Kept free of heavy imports: ``debatbrief rebut`` uses it on its fast path.
"""

from __future__ import annotations

import re

#: C0 controls other than tab and newline, DEL, the C1 controls (U+0080-U+009F, NEL and
#: CSI among them), the Arabic letter mark, the Mongolian vowel separator, zero-width
#: characters and directional marks (U+200B-U+200F), line and paragraph separators,
#: bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the
#: invisible operators and deprecated format characters (U+2060-U+206F), the byte-order
#: mark and the interlinear annotation characters.
UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e"
                       "\u2060-\u206f\ufeff\ufff9-\ufffb]")

#: A character reference as Markdown (markdown-it) and HTML decode it: ``&#27;``,
#: ``&#x202e;``, ``&rlm;``; group 1 holds the backslashes before it (an odd number escapes
#: the ampersand, and the reference is then printed as it stands).
ENTITY_RE = re.compile(r"(\\*)&(#[0-9]{1,8};|#[xX][0-9A-Fa-f]{1,7};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _decode(reference: str) -> str:
    """The text a character reference stands for ('' when it stands for nothing)."""
    if reference.startswith("#"):
        digits = reference[1:-1]
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        return chr(code) if code <= 0x10FFFF else ""
    from html.entities import html5
    return html5.get(reference, "")


def unsafe(text: str) -> tuple[str, str | None] | None:
    """The first character in ``text`` that must not be printed, or ``None``.

    Returns ``(character, written_as)``: ``written_as`` is the character reference that
    produced it (``"&#x202e;"``), or ``None`` when the character stands in the text
    itself (raw, or from a YAML escape such as ``"\\e"``, which the parser has decoded).
    """
    found = UNSAFE_RE.search(text)
    if found:
        return found.group(0), None
    if "&" in text:
        for match in ENTITY_RE.finditer(text):
            if len(match.group(1)) % 2:
                continue  # "\&#27;" is Markdown for the text "&#27;"
            decoded = _decode(match.group(2))
            hidden = UNSAFE_RE.search(decoded)
            if hidden:
                return hidden.group(0), "&" + match.group(2)
    return None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, one_line: bool = False) -> str:
    """``text`` with every character of :data:`UNSAFE_RE` written out (``"\\x1b"``), so
    it can go to a terminal or a log without acting on it. ``one_line`` also writes out
    newlines and tabs (for messages that must stay one line)."""
    text = UNSAFE_RE.sub(_escape, text)
    if one_line and ("\n" in text or "\t" in text):
        text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text
