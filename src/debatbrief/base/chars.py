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

#: C0 controls other than tab and newline, DEL and the C1 controls (U+0080-U+009F, NEL and
#: CSI among them); line and paragraph separators; every format character (Unicode
#: category Cf, as of Unicode 16: the soft hyphen, the Arabic number signs, the Arabic
#: letter mark, zero-width characters and directional marks, bidirectional embeddings,
#: overrides and isolates, invisible operators, the byte-order mark, the interlinear
#: annotation characters, Egyptian and shorthand format controls, musical formatting and
#: the tag characters U+E0001-U+E007F), none of which has a job in Dutch text; and the
#: like: surrogates (a lone one from a ``"\ud800"`` escape), private-use characters
#: (no meaning outside one font), variation selectors, the combining grapheme joiner and
#: the Hangul and Khmer fillers that print as nothing.
UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
    # category Cf
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    # surrogates and private use (categories Cs, Co)
    "\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff"
    # invisible, though not Cf: grapheme joiner, variation selectors, fillers
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)

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
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, one_line: bool = False) -> str:
    """``text`` with every character of :data:`UNSAFE_RE` written out (``"\\x1b"``), so
    it can go to a terminal or a log without acting on it. ``one_line`` also writes out
    newlines and tabs (for messages that must stay one line)."""
    text = UNSAFE_RE.sub(_escape, text)
    if one_line and ("\n" in text or "\t" in text):
        text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text


#: A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
#: Mandaic and their presentation forms).
RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff"
RTL_RE = re.compile(f"[{RTL}]")
#: A run of right-to-left text: its letters and the spaces between them (not the digits
#: or Latin text around it).
RTL_RUN_RE = re.compile(f"[{RTL}]+(?:[ \u00a0]+[{RTL}]+)*")


def isolate_rtl(text: str) -> str:
    """``text`` with every right-to-left run wrapped in a right-to-left isolate (U+2067 ...
    U+2069), so the numbers and Latin text after it keep their own order: "هاتف 020 346
    72 00" is printed with the number as written, not reversed into the Arabic run (the
    Unicode bidirectional algorithm joins digits that follow Arabic letters to their run)."""
    if not RTL_RE.search(text):
        return text
    return RTL_RUN_RE.sub(lambda run: f"\u2067{run.group(0)}\u2069", text)
