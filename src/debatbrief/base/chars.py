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

#: The characters that must not be printed, as a regular expression's character class
#: (compiled: ``UNSAFE_RE``): C0 controls other than tab and newline, DEL and the C1
#: controls (U+0080-U+009F, NEL and CSI among them); line and paragraph separators; every
#: format character (Unicode category Cf, as of Unicode 16: the soft hyphen, the Arabic
#: number signs, the Arabic letter mark, zero-width characters and directional marks,
#: bidirectional embeddings, overrides and isolates, invisible operators, the byte-order
#: mark, the interlinear annotation characters, Egyptian and shorthand format controls,
#: musical formatting and the tag characters U+E0001-U+E007F), none of which has a job in
#: Dutch text; and the like: surrogates (a lone one from a ``"\ud800"`` escape),
#: private-use characters (no meaning outside one font), variation selectors, the
#: combining grapheme joiner and the Hangul and Khmer fillers that print as nothing.
UNSAFE = (
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
#: The ranges of :data:`UNSAFE` of surrogates and private-use characters: their
#: categories (Cs, Co) never change (Unicode's stability policy), so ``str.isprintable``
#: refuses them in every Python (see :func:`has_unsafe`).
_NEVER_PRINTABLE = ((0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xF0000, 0x10FFFF))

#: A character reference as Markdown (markdown-it) and HTML decode it: ``&#27;``,
#: ``&#x202e;``, ``&rlm;``; group 1 holds the backslashes before it (an odd number escapes
#: the ampersand, and the reference is then printed as it stands).
ENTITY = r"(\\*)&(#[0-9]{1,8};|#[xX][0-9A-Fa-f]{1,7};|[A-Za-z][A-Za-z0-9]{1,31};)"

#: A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
#: Mandaic and their presentation forms).
RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff"

#: The compiled patterns of this module, by name: ``UNSAFE_RE`` (:data:`UNSAFE`),
#: ``ENTITY_RE`` (:data:`ENTITY`), ``RTL_RE`` (a right-to-left letter) and ``RTL_RUN_RE``
#: (a run of right-to-left text: its letters and the spaces between them, not the digits
#: or Latin text around it). Each is compiled when first used (:func:`__getattr__`):
#: compiling them all costs ``debatbrief rebut`` about 3 ms of its start-up, and ordinary
#: text needs none of them (see :func:`has_unsafe`).
PATTERNS = {
    "UNSAFE_RE": UNSAFE,
    "ENTITY_RE": ENTITY,
    "RTL_RE": f"[{RTL}]",
    "RTL_RUN_RE": f"[{RTL}]+(?:[ \u00a0]+[{RTL}]+)*",
}


def __getattr__(name: str) -> re.Pattern[str]:
    """``UNSAFE_RE``, ``ENTITY_RE``, ``RTL_RE`` and ``RTL_RUN_RE`` (see :data:`PATTERNS`),
    compiled on first use and kept (PEP 562: ``from debatbrief.base.chars import
    UNSAFE_RE`` works as for any name)."""
    if name not in PATTERNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    compiled = globals()[name] = re.compile(PATTERNS[name])
    return compiled


def _class_ranges(charset: str):
    """The ``(first, last)`` code points of a character class written as :data:`UNSAFE`
    is: single characters and ``a-b`` ranges between square brackets, no escapes."""
    body, i = charset[1:-1], 0
    while i < len(body):
        if body[i + 1 : i + 2] == "-":
            yield ord(body[i]), ord(body[i + 2])
            i += 3
        else:
            yield ord(body[i]), ord(body[i])
            i += 1


def _printable_unsafe() -> re.Pattern[str] | None:
    """The characters of :data:`UNSAFE` that ``str.isprintable`` lets through in this
    Python's Unicode version (the grapheme joiner, variation selectors, fillers), as a
    pattern of a few ranges that compiles in microseconds; ``None`` when there are none."""
    found: list[list[int]] = []
    for first, last in _class_ranges(UNSAFE):
        if (first, last) in _NEVER_PRINTABLE:
            continue
        for code in range(first, last + 1):
            if chr(code).isprintable():
                if found and found[-1][1] == code - 1:
                    found[-1][1] = code
                else:
                    found.append([code, code])
    if not found:
        return None
    return re.compile("[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in found) + "]")


#: The pattern of :func:`_printable_unsafe`, once made.
_PRINTABLE_UNSAFE: list[re.Pattern[str] | None] = []


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`UNSAFE` (as ``UNSAFE_RE.search``).

    Quick for ordinary text: when every character but newlines and tabs is printable
    (``str.isprintable``, in C), only the few characters of :data:`UNSAFE` that count as
    printable need a look, with a pattern far cheaper to compile than ``UNSAFE_RE``;
    that one is compiled only for text with other unprintable characters (a control
    character, a no-break space)."""
    plain = text.replace("\n", "").replace("\t", "") if "\n" in text or "\t" in text else text
    if not plain.isprintable():
        return __getattr__("UNSAFE_RE").search(text) is not None
    if not _PRINTABLE_UNSAFE:
        _PRINTABLE_UNSAFE.append(_printable_unsafe())
    pattern = _PRINTABLE_UNSAFE[0]
    return pattern is not None and pattern.search(plain) is not None


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
    unsafe_re = __getattr__("UNSAFE_RE")
    found = unsafe_re.search(text)
    if found:
        return found.group(0), None
    if "&" in text:
        for match in __getattr__("ENTITY_RE").finditer(text):
            if len(match.group(1)) % 2:
                continue  # "\&#27;" is Markdown for the text "&#27;"
            decoded = _decode(match.group(2))
            hidden = unsafe_re.search(decoded)
            if hidden:
                return hidden.group(0), "&" + match.group(2)
    return None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, one_line: bool = False) -> str:
    """``text`` with every character of :data:`UNSAFE` written out (``"\\x1b"``), so
    it can go to a terminal or a log without acting on it. ``one_line`` also writes out
    newlines and tabs (for messages that must stay one line)."""
    if has_unsafe(text):
        text = __getattr__("UNSAFE_RE").sub(_escape, text)
    if one_line and ("\n" in text or "\t" in text):
        text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text


def isolate_rtl(text: str) -> str:
    """``text`` with every right-to-left run wrapped in a right-to-left isolate (U+2067 ...
    U+2069), so the numbers and Latin text after it keep their own order: "هاتف 020 346
    72 00" is printed with the number as written, not reversed into the Arabic run (the
    Unicode bidirectional algorithm joins digits that follow Arabic letters to their run)."""
    if not __getattr__("RTL_RE").search(text):
        return text
    return __getattr__("RTL_RUN_RE").sub(lambda run: f"\u2067{run.group(0)}\u2069", text)
