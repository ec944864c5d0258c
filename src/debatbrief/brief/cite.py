"""How sources are cited: full references, short references, dates in the brief's language.

Kept free of Jinja2 and WeasyPrint so the rebuttal lookup can use it cheaply.
"""

from __future__ import annotations

import datetime as dt
import re

from debatbrief.brief.models import CITATION_RE, Brief, Source, citation_keys


def format_date(value: dt.date, pattern: str = "full", locale: str = "nl") -> str:
    """A date in the brief's language, independent of the process locale (``LC_ALL=C``).

    ``pattern`` is ``"full"`` ("woensdag 22 mei 2024"), ``"long"`` ("22 mei 2024") or a
    CLDR pattern.
    """
    from babel.dates import format_date as babel_format_date

    patterns = {"full": "EEEE d MMMM y", "long": "d MMMM y"}
    return babel_format_date(value, patterns.get(pattern, pattern), locale=locale)


def quoted(title: str) -> str:
    """A title in quotes: single ones (‘…’), or double ones when the title quotes something
    itself, so that quotes never nest alike (“… 70 jaar: ‘Ook voor …’”). Straight quotes
    inside are left for the renderer's typographic pass."""
    if any(mark in title for mark in "‘’'\""):
        return f"“{title}”"
    return f"‘{title}’"


def source_reference(source: Source, locale: str = "nl") -> str:
    """The full reference of a source, the Dutch way (plain text, no URL).

    Case law: court, date, case number, ECLI ("Gerechtshof Den Haag 20 december 2022,
    200.317.231/01, ECLI:NL:GHDHA:2022:2429"). Others: author, title, date.
    """
    when = format_date(source.date, "long", locale) if source.date else source.date_text
    if source.kind == "ruling":
        parts = [f"{source.court or source.author} {when}" if when else (source.court or source.author)]
        parts += [p for p in (source.case_number, source.ecli) if p]
        # A title with brackets of its own would nest them: "(El Dridi (…))".
        if "(" in source.title or ")" in source.title:
            return ", ".join([*parts, source.title])
        return ", ".join(parts) + f" ({source.title})"
    pieces = [source.author, quoted(source.title) if source.kind != "statute" else source.title]
    if when:
        pieces.append(when)
    return ", ".join(pieces)


def source_short(source: Source, locale: str = "nl") -> str:
    """A short reference for repeated citations and cards ("HvJ EU, C-72/22 PPU")."""
    if source.short:
        return source.short
    if source.kind == "ruling":
        return ", ".join(p for p in (source.court or source.author, source.case_number or source.ecli) if p)
    if source.kind == "letter" and source.date:
        return f"{source.author}, brief van {format_date(source.date, 'long', locale)}"
    title = source.title if len(source.title) <= 40 else source.title[:38].rstrip(" ,.") + "…"
    return f"{source.author}, {quoted(title)}" if source.kind != "statute" else title


#: How what a leak shows is printed: reported, never stated as settled fact.
LEAK_WORDING = "volgens uitgelekte stukken"


def as_reported(source: Source, locale: str = "nl") -> str:
    """The full reference of a source as a source list prints it: a leak (``leak: true``)
    says it reports leaked documents ("Metro, ‘…’, 30 januari 2026 (volgens uitgelekte
    stukken)"); any other source is its :func:`source_reference`."""
    reference = source_reference(source, locale)
    return f"{reference} ({LEAK_WORDING})" if source.leak else reference


def cites_leak(brief: Brief, text: str) -> bool:
    """Whether ``text`` cites a source marked as a leak (it must then read "volgens
    uitgelekte stukken ...": ``check`` rule S305)."""
    ids = {key for key, _ in citation_keys(text) if key}
    return any(source.leak for source in brief.all_sources if source.id in ids)


def cite_inline(brief: Brief, text: str) -> tuple[str, list[str]]:
    """Replace citations in ``text`` by short references in brackets, for cards and terminals.

    Returns the text ("... (HvJ EU, C-72/22 PPU)") and the short references used.
    """
    used: list[str] = []

    def replace(match) -> str:
        shorts = []
        for key, locator in citation_keys(match.group(0)):
            short = source_short(brief.source(key), brief.meta.language)
            shorts.append(f"{short}, {locator}" if locator else short)
        used.extend(s for s in shorts if s not in used)
        return "(" + "; ".join(shorts) + ")"

    return CITATION_RE.sub(replace, text), used


_EMPHASIS_RE = __import__("re").compile(r"(\*{1,2})(?=\S)(.+?)(?<=\S)\1")


def plain_emphasis(text: str) -> str:
    """``*nadruk*`` and ``**nadruk**`` without their asterisks, and Pandoc's escaped
    ``\\@`` as the "@" it stands for, for plain-text output."""
    return unescape_at(_EMPHASIS_RE.sub(r"\2", text))


def unescape_at(text: str) -> str:
    """Pandoc's escaped ``\\@`` (a literal "@", not a citation) as it prints: "@"."""
    return text.replace("\\@", "@")


#: A URL as a reader sees one in running text: a scheme (``https://``, ``file:``,
#: ``mailto:``) or ``www.``, up to the next space. Anything attached to it belongs to it.
URL_RE = re.compile(r"(?<![\w.])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)\S*")
#: A code span as Markdown writes one: a run of backticks, text, the same run again.
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _as_read(url: str) -> str:
    """A URL as a reader (and a linkifier) sees it in a sentence: up to a closing
    parenthesis it did not open ("(zie https://x.nl/a)"), without the sentence's closing
    punctuation."""
    depth = 0
    for index, char in enumerate(url):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                url = url[:index]
                break
            depth -= 1
    return url.rstrip(".,;:!?'\"\u2019\u201d")


def misplaced_citations(text: str) -> list[tuple[str, str, str]]:
    """The citations in ``text`` that stand inside a URL or a code span (between
    backticks), as ``(citation, kind, where)``: ``kind`` is ``"url"`` or ``"code"``,
    ``where`` the URL or the span as written. Replacing such a citation by a note would
    silently change the URL or the code a reader copies, so ``check`` refuses it
    (rule B207). A citation written right after a URL, with no space between, counts as
    inside it: the reader cannot tell where the address ends."""
    if "[@" not in text:
        return []
    spans = [
        ("url", m.start(), m.start() + len(url), url)
        for m in URL_RE.finditer(text)
        if (url := _as_read(m.group(0)))
    ]
    spans += [("code", m.start(), m.end(), m.group(0)) for m in CODE_SPAN_RE.finditer(text)]
    found = []
    for citation in CITATION_RE.finditer(text):
        for kind, start, end, where in spans:
            if start <= citation.start() < end:
                found.append((citation.group(0), kind, where))
                break
    return found
