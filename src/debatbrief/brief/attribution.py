"""Who says so: every printed sentence is sourced or attributed.

A briefing may only state as fact what a source in the brief shows; what is the
document's or the author's own view must say so in its own words. This module finds the
sentences that do neither, for ``debatbrief check`` (warnings, which fail ``--strict``),
and the card one-liners that state a fact their evidence does not cite (errors).

The rule, per sentence of a prose field that reaches paper (see :data:`CHECKED_FIELDS`):

* it cites a source other than the document itself (``[@id]``), or
* it names whose view it is: the document's sender or the briefing's author (by its
  organisation or short name), the document ("de brief", "het advies"), or the author
  speaking ("wij", "we", "ons", "onze"), or
* it is a question.

A sentence that cites only the document itself must also name whose view it is: a
footnote to the document alone would present the document's claim as a fact. Naming any
body counts there ("Volgens het Hof ... [@advies, par. 4.3]": the document reports what the
Hof said); without a citation only the sender, the author and the document do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from debatbrief.brief.models import CITATION_RE, citation_keys
from debatbrief.brief.sentences import sentences

_FIRST_PERSON = re.compile(r"\b(?:wij|we|ons|onze)\b", re.I)
#: A number, in digits or in words ("een op de vijf", "de helft", "drie miljoen"): a fact
#: whoever states it.
_NUMBER = re.compile(
    r"\d|\b(?:procent|miljoen|miljard|helft|(?:tien|honderd)?duizenden|honderden|"
    r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien) op de "
    r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|honderd|duizend))\b",
    re.I,
)
#: Where a sentence joins statements that each stand alone: "A; wij vinden B" states A
#: whatever B's "wij vinden" says.
_CLAUSE_BREAK = re.compile(r"\s*;\s*")
#: The author's view said as such ("wij vinden", "menen wij"): it covers its own clause.
_OPINION = re.compile(r"\b(?:(?:wij|we)\s+(?:vinden|menen)|(?:vinden|menen)\s+(?:wij|we))\b", re.I)
#: A clause that says what ought to be or may be, not what is ("gezinnen horen bij
#: elkaar", "asiel zoeken mag"): a view, not a fact that needs a source.
_NORMATIVE = re.compile(
    r"\b(?:moet|moeten|mag|mogen|hoort|horen|hoeft|hoeven|zou|zouden|"
    r"kan|kunnen|verdient|verdienen)\b",
    re.I,
)
#: A view attributed to a named body: "volgens het Hof", "aldus de Afdeling", "De Raad
#: oordeelde"; the name starts with a capital (a common noun does not name a body).
_NAMED_VIEW = re.compile(
    r"\b(?:[Vv]olgens|[Aa]ldus|naar het oordeel van)\s+(?:(?:de|het|een)\s+)?[A-Z]"
    r"|\b(?:[Dd]e|[Hh]et)\s+[A-Z][\w-]*(?:\s+[\w-]+){0,4}?\s+"
    r"(?:stelt|stelde|oordeelt|oordeelde|concludeert|concludeerde|schrijft|schreef|meent|"
    r"vindt|vond|waarschuwt|waarschuwde|noemt|noemde|adviseert|adviseerde)\b"
)

#: The prose fields checked sentence by sentence, as (file, path pattern). The other
#: printed fields are exempt for a reason: a card's ``claim`` is the other side's words
#: (printed as a quote), ``follow_up`` and asks are questions or requests, the
#: kernboodschap is printed as the author's ("Onze boodschap"), a ``quote`` is
#: marked and attributed, and ``say`` has its own, stricter rules (:func:`say_cites_outside_evidence`,
#: :func:`say_states_fact`).
CHECKED_FIELDS = (
    "kernzin",
    "reasoning",
    "angles.text",
    "intro",
    "assessment",
    "record.text",
    "rebuttal",
    "evidence",
)


def attributed(sentence: str, sender_names: list[str], document_the: str) -> bool:
    """True when the sentence says in its own words whose view it is (see the module):
    ``sender_names`` are the names of the document's sender and of the briefing's author."""
    plain = CITATION_RE.sub("", sentence).casefold()
    if _FIRST_PERSON.search(plain):
        return True
    if document_the.casefold() in plain:
        return True
    return any(name.casefold() in plain for name in sender_names)


def unsupported(
    text: str, document_source: str, sender_names: list[str], document_the: str
) -> Iterator[tuple[str, str]]:
    """Each sentence of ``text`` that is neither sourced nor attributed, with the reason
    (``"bron"``: no citation and no attribution; ``"document"``: cites only the document
    itself without saying so in words; ``"getal"``: attributed, but gives a number, in
    digits or words, without citing where it comes from; ``"feit"``: attributed in one
    part, but another part, after a semicolon, states something as fact)."""
    for sentence in sentences(text):
        plain = CITATION_RE.sub("", sentence).strip()
        if plain.endswith("?"):
            continue
        keys = [key for key, _ in citation_keys(sentence) if key]
        if any(key != document_source for key in keys):
            continue
        if keys and _NAMED_VIEW.search(plain):
            continue  # the document reports a named body's view, and cites where
        if attributed(sentence, sender_names, document_the):
            # A number is a fact whoever states it: "volgens ons kost het 50 miljard"
            # still needs the source it comes from (the document itself will do when the
            # sentence says it is the document's); so is a statement set beside a view
            # with a semicolon ("Wie zorg uitstelt, komt zieker terug; wij vinden ...").
            if keys:
                continue
            if _NUMBER.search(plain):
                yield plain, "getal"
            elif _fact_beside_opinion(plain, sender_names, document_the):
                yield plain, "feit"
            continue
        yield plain, ("document" if keys else "bron")


def _fact_beside_opinion(plain: str, sender_names: list[str], document_the: str) -> bool:
    """Whether ``plain`` sets a statement of fact (attributed to no one, not a question,
    not what ought to be) beside a clause saying "wij vinden ...", after a semicolon."""
    clauses = [c for c in _CLAUSE_BREAK.split(plain) if c]
    if len(clauses) < 2 or not any(_OPINION.search(c) for c in clauses):
        return False
    return any(
        not attributed(c, sender_names, document_the) and not c.endswith("?") and not _NORMATIVE.search(c)
        for c in clauses
    )


def message(sentence: str, reason: str, document_the: str, sender: str, author: str | None = None) -> str:
    """The Dutch line for one unsupported sentence (what is wrong and what to do).
    ``sender`` and ``author`` are names as used in text; ``author`` is ``None`` (or the
    sender) when the sender writes the briefings. The sender is suggested only for a view
    the document itself states: a third party's document must not be made to say the
    author's own rhetoric."""
    shown = sentence if len(sentence) <= 70 else sentence[:67].rstrip() + "…"
    if reason == "getal":
        return (
            f"zin noemt een getal zonder bron: '{shown}' (een getal is een feit, ook als "
            f"het een standpunt is: zet [@bron-id] erachter)"
        )
    if reason == "feit":
        return (
            f"zin stelt naast een standpunt een feit zonder bron: '{shown}' (een feit "
            f"heeft een bron nodig, ook naast 'wij vinden': zet [@bron-id] achter dat "
            f"deel, of schrijf ook dat deel als standpunt, met 'wij')"
        )
    if reason == "document":
        return (
            f"zin citeert alleen {document_the} zelf maar staat er als feit: '{shown}' "
            f"(schrijf erbij wiens standpunt het is, bijvoorbeeld 'volgens {sender}', of "
            f"citeer een bron die het laat zien)"
        )
    if author is None or author == sender:
        return (
            f"zin zonder bron of toeschrijving: '{shown}' (voeg [@bron-id] toe, of schrijf "
            f"erbij wiens standpunt het is, bijvoorbeeld 'volgens {sender}')"
        )
    return (
        f"zin zonder bron of toeschrijving: '{shown}' (voeg [@bron-id] toe, of schrijf "
        f"erbij wiens standpunt het is: 'wij' of 'volgens {author}' voor uw eigen "
        f"standpunt, 'volgens {sender}' alleen als {document_the} het zelf stelt)"
    )


def printed_prose(parts: dict[str, Any]) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Every checked prose field of a brief as ``(file, location, text)``."""
    meta = parts.get("brief.yaml")
    if meta is not None:
        for key in ("agrees", "opposes", "raises", "unknown"):
            if getattr(meta.intro, key):
                yield "brief.yaml", ("intro", key), getattr(meta.intro, key)
    for i, argument in enumerate(parts.get("arguments.yaml") or []):
        yield "arguments.yaml", (i, "kernzin"), argument.kernzin
        yield "arguments.yaml", (i, "reasoning"), argument.reasoning
        for j, angle in enumerate(argument.angles):
            yield "arguments.yaml", (i, "angles", j, "text"), angle.text
    for i, profile in enumerate(parts.get("profiles.yaml") or []):
        if profile.assessment:
            yield "profiles.yaml", (i, "assessment"), profile.assessment
        for j, item in enumerate(profile.record):
            yield "profiles.yaml", (i, "record", j, "text"), item.text
    for i, card in enumerate(parts.get("cards.yaml") or []):
        yield "cards.yaml", (i, "rebuttal"), card.rebuttal
        yield "cards.yaml", (i, "evidence"), card.evidence


class SourceNames:
    """The names by which text refers to the sources of a brief (see :func:`source_names`),
    found in a text in one pass: each word of the text is looked up, so finding them costs
    the length of the text, not the length times the number of names."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names  # lowercased name -> source id
        self._by_head: dict[str, list[str]] = {}
        for name in names:
            head = _HEAD_RE.match(name)
            if head:
                self._by_head.setdefault(head.group(0), []).append(name)

    def first_in(self, lowered: str) -> str | None:
        """The alphabetically first name that stands in ``lowered`` (casefolded text) as
        a whole, not inside a longer word; ``None`` when none does."""
        found: str | None = None
        for token in _TOKEN_RE.finditer(lowered):
            start, text = token.start(), token.group(0)
            if start and not _WORD_RE.match(text) and _WORD_RE.match(lowered, start - 1):
                continue  # a name never starts right after a letter or digit
            for name in self._by_head.get(text, ()):
                end = start + len(name)
                if (
                    lowered.startswith(name, start)
                    and not _WORD_RE.match(lowered, end)
                    and (found is None or name < found)
                ):
                    found = name
        return found


#: The head of a name or a piece of text: a run of word characters, or one other character.
_TOKEN_RE = re.compile(r"\w+|\W", re.S)
_HEAD_RE = _TOKEN_RE
_WORD_RE = re.compile(r"\w")


def source_names(sources: list[Any], exclude: str) -> SourceNames:
    """Names by which text refers to a source (author, its short name before a comma),
    lowercased -> source id; the document itself (``exclude``) is left out. Only names of
    four or more characters count ("IND" would match too much as part of a word)."""
    names: dict[str, str] = {}
    for source in sources:
        if source.id == exclude:
            continue
        candidates = [source.author, (source.short or "").split(",")[0]]
        # "Wetenschappelijk Onderzoek- en Documentatiecentrum (WODC)": the acronym too.
        candidates += _ACRONYM_RE.findall(source.author)
        for name in candidates:
            name = name.strip()
            if len(name) >= 4 or (name.isupper() and len(name) >= 3):
                names.setdefault(name.casefold(), source.id)
    return SourceNames(names)


_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z]{2,})\)")
_ANY_DIGIT_RE = re.compile(r"\d")


def say_cites_outside_evidence(card: Any) -> list[str]:
    """A card's ``say`` line cites only sources its evidence cites too (the card must show
    what backs what is said aloud): one Dutch line per source it does not."""
    said = {key for key, _ in citation_keys(card.say) if key}
    evidence = {key for key, _ in citation_keys(card.evidence) if key}
    return [
        f"de zin om uit te spreken van kaart '{card.id}' citeert '{key}', maar het bewijs "
        f"van de kaart niet (citeer die bron ook in evidence)"
        for key in sorted(said - evidence)
    ]


def say_states_fact(card: Any, names: SourceNames) -> str | None:
    """The Dutch line when a card's ``say`` line cites nothing but names a source of the
    brief or gives a number (so states a fact); ``None`` when it cites or does neither."""
    if any(key for key, _ in citation_keys(card.say)):
        return None
    plain = CITATION_RE.sub("", card.say)
    named = names.first_in(plain.casefold())
    if named is None and not _ANY_DIGIT_RE.search(plain):
        return None
    what = f"noemt '{named}' (een bron in deze brief)" if named else "noemt een getal"
    return (
        f"de zin om uit te spreken van kaart '{card.id}' {what} en lijkt dus een feit te "
        f"stellen, maar citeert geen bron (zet [@bron-id] erachter, een bron uit het "
        f"bewijs, of herformuleer de zin)"
    )
