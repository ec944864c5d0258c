"""Who says so: every printed sentence is sourced or attributed.

A briefing may only state as fact what a source in the brief shows; what is the
document's or the sender's own view must say so in its own words. This module finds the
sentences that do neither, for ``debatbrief check`` (warnings, which fail ``--strict``),
and the card one-liners that state a fact their evidence does not cite (errors).

The rule, per sentence of a prose field that reaches paper (see :data:`CHECKED_FIELDS`):

* it cites a source other than the document itself (``[@id]``), or
* it names whose view it is: the sender (its organisation or short name), the document
  ("de brief", "het advies"), or the sender speaking ("wij", "we", "ons", "onze"), or
* it is a question.

A sentence that cites only the document itself must also name whose view it is: a
footnote to the document alone would present the document's claim as a fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from debatbrief.brief.models import CITATION_RE, citation_keys

#: Where a sentence ends: . ! ? or … followed by a space and a capital, a quote or a
#: bracket (so "ca. 3 mln. euro" and "art. 12" stay one sentence).
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?:\s*\[@[^\]]*\])?\s+(?=[\"'‘“(]*[A-ZÀ-Ý0-9])")
_ABBREVIATION = re.compile(r"\b(?:art|nr|o\.a|bijv|ca|mln|mld|jl|zgn|resp|t\.a\.v|e\.d|p|vgl|"
                           r"lid|st|dr|mr|prof|ir|drs|ing)\.$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:wij|we|ons|onze)\b", re.I)
_DIGIT = re.compile(r"\d")

#: The prose fields checked sentence by sentence, as (file, path pattern). The other
#: printed fields are exempt for a reason: a card's ``claim`` is the other side's words
#: (printed as a quote), ``follow_up`` and asks are questions or requests, the
#: kernboodschap is printed as the sender's ("Kernboodschap van ..."), a ``quote`` is
#: marked and attributed, and ``say`` has its own, stricter rule (:func:`say_problems`).
CHECKED_FIELDS = ("kernzin", "reasoning", "angles.text", "intro", "assessment", "record.text",
                  "rebuttal", "evidence")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences; a citation right after a full stop belongs to the
    sentence before it."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.start()]
        if _ABBREVIATION.search(candidate.rstrip()):
            continue
        head = text[start:match.end()].strip()
        parts.append(head)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if CITATION_RE.sub("", p).strip(" .")]


def attributed(sentence: str, sender_names: list[str], document_the: str) -> bool:
    """True when the sentence says in its own words whose view it is (see the module)."""
    plain = CITATION_RE.sub("", sentence).casefold()
    if _FIRST_PERSON.search(plain):
        return True
    if document_the.casefold() in plain:
        return True
    return any(name.casefold() in plain for name in sender_names)


def unsupported(text: str, document_source: str, sender_names: list[str],
                document_the: str) -> Iterator[tuple[str, str]]:
    """Each sentence of ``text`` that is neither sourced nor attributed, with the reason
    (``"bron"``: no citation and no attribution; ``"document"``: cites only the document
    itself without saying so in words; ``"getal"``: attributed, but gives a number without
    citing where it comes from)."""
    for sentence in sentences(text):
        plain = CITATION_RE.sub("", sentence).strip()
        if plain.endswith("?"):
            continue
        keys = [key for key, _ in citation_keys(sentence) if key]
        if any(key != document_source for key in keys):
            continue
        if attributed(sentence, sender_names, document_the):
            # A number is a fact whoever states it: "volgens ons kost het 50 miljard"
            # still needs the source it comes from (the document itself will do when the
            # sentence says it is the document's).
            if keys or not _DIGIT.search(plain):
                continue
            yield plain, "getal"
            continue
        yield plain, ("document" if keys else "bron")


def message(sentence: str, reason: str, document_the: str, sender: str) -> str:
    """The Dutch line for one unsupported sentence (what is wrong and what to do)."""
    shown = sentence if len(sentence) <= 70 else sentence[:67].rstrip() + "…"
    if reason == "getal":
        return (f"zin noemt een getal zonder bron: '{shown}' (een getal is een feit, ook als "
                f"het een standpunt is: zet [@bron-id] erachter)")
    if reason == "document":
        return (f"zin citeert alleen {document_the} zelf maar staat er als feit: '{shown}' "
                f"(schrijf erbij wiens standpunt het is, bijvoorbeeld 'volgens {sender}', of "
                f"citeer een bron die het laat zien)")
    return (f"zin zonder bron of toeschrijving: '{shown}' (voeg [@bron-id] toe, of schrijf "
            f"erbij wiens standpunt het is, bijvoorbeeld 'volgens {sender}')")


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


def source_names(sources: list[Any], exclude: str) -> dict[str, str]:
    """Names by which text refers to a source (author, its short name before a comma),
    lowercased -> source id; the document itself (``exclude``) is left out. Only names of
    four or more characters count ("IND" would match too much as part of a word)."""
    names: dict[str, str] = {}
    for source in sources:
        if source.id == exclude:
            continue
        candidates = [source.author, (source.short or "").split(",")[0]]
        # "Wetenschappelijk Onderzoek- en Documentatiecentrum (WODC)": the acronym too.
        candidates += re.findall(r"\(([A-Z][A-Za-z]{2,})\)", source.author)
        for name in candidates:
            name = name.strip()
            if len(name) >= 4 or (name.isupper() and len(name) >= 3):
                names.setdefault(name.casefold(), source.id)
    return names


def say_problems(card: Any, names: dict[str, str]) -> list[str]:
    """What is wrong with a card's ``say`` line (Dutch, one line each; empty when fine).

    A one-liner that cites a source must find that source among the evidence's citations
    (the card must show what backs what is said aloud); a one-liner that names a source or
    gives a number states a fact, and must cite it."""
    problems = []
    said = {key for key, _ in citation_keys(card.say) if key}
    evidence = {key for key, _ in citation_keys(card.evidence) if key}
    for key in sorted(said - evidence):
        problems.append(f"de zin om uit te spreken van kaart '{card.id}' citeert '{key}', "
                        f"maar het bewijs van de kaart niet (citeer die bron ook in evidence)")
    plain = CITATION_RE.sub("", card.say)
    if not said:
        lowered = plain.casefold()
        named = sorted({name for name in names
                        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)})
        if named or re.search(r"\d", plain):
            what = (f"noemt '{named[0]}' (een bron in deze brief)" if named
                    else "noemt een getal")
            problems.append(f"de zin om uit te spreken van kaart '{card.id}' {what} en lijkt "
                            f"dus een feit te stellen, maar citeert geen bron (zet [@bron-id] "
                            f"erachter, een bron uit het bewijs, of herformuleer de zin)")
    return problems
