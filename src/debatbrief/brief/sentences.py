"""Where a sentence ends: one splitter for the notes of a briefing, attribution and ``check``.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets, and
any citations right after it: they belong to the sentence before) followed by the end of
the text or by a space and a capital or a digit, possibly after an opening quote or
bracket. A full stop after an abbreviation ends nothing: "o.a. Nederland", "art. 3",
"nr. 35", "p. 4", "r.o. 4.3", "bijv. De", "ca. 3 mln. euro" each stay one sentence.
Abbreviations are the words of :data:`ABBREVIATIONS`, single letters ("p.", "M. Rutte")
and letters joined by dots ("o.a.", "t.a.v.", "r.o."). A citation (``[@id, par. 4.3.4]``)
is one token: nothing inside it ends a sentence.

A sentence is cut further into clauses at each semicolon followed by a space (outside a
citation: ``[@a; @b]`` is one citation): :func:`clauses`. A citation standing before a
semicolon belongs to the clause it closes, never to the clause that follows ("... een
gevaar [@verdrag]; volgens de brief ..." cites the treaty for the danger, not for what
the brief says).

The notes of a briefing (:mod:`debatbrief.briefing.render`: one note per clause), the
attribution rule (:mod:`debatbrief.brief.attribution`: each sentence sourced or
attributed) and ``check``'s count of a rebuttal's sentences all split here, so they agree.
"""

from __future__ import annotations

import re

from debatbrief.brief.models import CITATION_RE

#: Words after which a full stop is an abbreviation's (compared in lower case).
ABBREVIATIONS = frozenset(
    {
        "art",
        "artt",
        "nr",
        "nrs",
        "no",
        "bijv",
        "bv",
        "ca",
        "mln",
        "mld",
        "mrd",
        "jl",
        "zgn",
        "resp",
        "p",
        "pp",
        "blz",
        "par",
        "vgl",
        "lid",
        "st",
        "stb",
        "stcrt",
        "dr",
        "mr",
        "prof",
        "ir",
        "drs",
        "ing",
        "mevr",
        "dhr",
        "jr",
        "sr",
        "incl",
        "excl",
        "enz",
        "etc",
        "evt",
        "ong",
        "vs",
        "hfdst",
        "afd",
        "sub",
        "jo",
        "rov",
        "overw",
        "cf",
        "fig",
        "tel",
        "min",
        "max",
        "red",
        "vert",
    }
)
#: The punctuation that may end a sentence, with closing quotes or brackets after it.
_END_RE = r"(?P<end>[.!?\u2026]+(?P<close>[\u2019\u201d'\")\]]*))"
#: What starts the next sentence: a space, perhaps an opening quote or bracket, a capital
#: or a digit.
_NEXT_RE = re.compile("\\s+[\"'\u2018\u201c(]*[A-Z\u00c0-\u00dd0-9]")
_AT_END_RE = re.compile(r"\s*$")
_DOTTED_RE = re.compile(r"^(?:\w\.)+\w$")
_WORD_START = " \t\n([{\"'\u2018\u201c"
_SCANNERS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _scanners(citation: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A scanner that finds citations and sentence ends in one pass, and one that takes
    the citations after an end (both compiled once per citation pattern)."""
    found = _SCANNERS.get(citation.pattern)
    if found is None:
        found = _SCANNERS[citation.pattern] = (
            re.compile(f"(?P<cite>{citation.pattern})|{_END_RE}"),
            re.compile(f"(?:\\s*(?:{citation.pattern}))+"),
        )
    return found


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``text[dot]`` closes an abbreviation (see the module)."""
    start = dot
    while start > 0 and text[start - 1] not in _WORD_START:
        start -= 1
    word = text[start:dot]
    return (
        word.casefold() in ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())
        or _DOTTED_RE.match(word) is not None
    )


def pieces(text: str, citation: re.Pattern[str] = CITATION_RE) -> list[str]:
    """``text`` cut into sentences, losslessly: ``"".join(pieces(text)) == text``.

    Each piece but the first starts with the white space before its sentence; each ends
    with its punctuation and the citations after it. ``citation`` is what a citation looks
    like (a brief's ``[@id]`` by default; the briefing passes its placeholders for them).
    Returns at least one piece (``[""]`` for empty text)."""
    scanner, citations = _scanners(citation)
    found: list[str] = []
    start = 0
    for match in scanner.finditer(text):
        if match.group("end") is None:
            continue  # a citation: nothing inside it ends a sentence
        end = match.end()
        after = citations.match(text, end)
        if after:
            end = after.end()
        if _AT_END_RE.fullmatch(text, end):
            break
        if not _NEXT_RE.match(text, end):
            continue
        if match.group("end") == "." and is_abbreviation(text, match.start()):
            continue
        found.append(text[start:end])
        start = end
    found.append(text[start:])
    return found


def clauses(sentence: str, citation: re.Pattern[str] = CITATION_RE) -> list[str]:
    """One sentence (a piece of :func:`pieces`) cut at its semicolons, losslessly:
    ``"".join(clauses(s)) == s``. Each clause but the last ends with its semicolon; each
    but the first starts with the white space after the one before. A semicolon inside a
    citation cuts nothing. Returns at least one clause."""
    found: list[str] = []
    start = 0
    for match in _clause_scanner(citation).finditer(sentence):
        if match.group("semicolon") is None:
            continue  # a citation: "[@a; @b]" is one
        found.append(sentence[start : match.end()])
        start = match.end()
    found.append(sentence[start:])
    return found


_CLAUSE_SCANNERS: dict[str, re.Pattern[str]] = {}


def _clause_scanner(citation: re.Pattern[str]) -> re.Pattern[str]:
    """Finds citations and clause-ending semicolons in one pass (compiled once each)."""
    found = _CLAUSE_SCANNERS.get(citation.pattern)
    if found is None:
        found = _CLAUSE_SCANNERS[citation.pattern] = re.compile(
            f"(?P<cite>{citation.pattern})|(?P<semicolon>;)(?=\\s+\\S)"
        )
    return found


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped; a piece that is only citations or dots (a
    citation standing after the last full stop) is not a sentence."""
    stripped = (piece.strip() for piece in pieces(text))
    return [piece for piece in stripped if CITATION_RE.sub("", piece).strip(" .")]


def count(text: str) -> int:
    """How many sentences ``text`` has (0 for empty text)."""
    return len(sentences(text))
