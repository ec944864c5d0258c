"""Checks across a brief's files: references, facts about the Kamer, and sources.

Each check returns :class:`~debatbrief.errors.Problem` items located at the line of the
offending value. Errors stop a briefing; warnings (sources never cited, topics without an
argument, fracties without a profile) only fail ``debatbrief check --strict``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from . import paths
from .errors import Problem
from .models import CITATION_RE, citation_keys

#: What is left of a citation once the well-formed ones are taken out: "[@id" without
#: its bracket, "[-@id]", "[ @id]", a bare "@id" (an e-mail address is not one).
STRAY_CITATION_RE = re.compile(r"\[\s*-?\s*@\S*|(?<![\w.@])@[A-Za-z][\w.:-]*")
#: Characters that do not print but change what is printed: bidirectional overrides,
#: zero-width characters, C0 controls other than tab and newline.
INVISIBLE_RE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f"
                          "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: A sentence ends at . ! or ? followed by a space and a capital (or at the end), so
#: "ca. 3 mln. euro" is one sentence.
SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s+[\"'‘“(]*[A-ZÀ-Ý])")

#: ECLI syntax (Council conclusions 2011/C 127/01): ECLI:country:court:year:number.
ECLI_RE = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
#: A Court of Justice / General Court case number: C-72/22, T-123/21, C-72/22 PPU.
CJEU_CASE_RE = re.compile(r"^([CT])-(\d{1,4})/(\d{2})(?:\s+[A-Z]{1,4})?$")
#: A CELEX number of EU case law in a URL: 6 + year + CJ/CC/TJ... + case number.
CELEX_CASE_RE = re.compile(r"CELEX[:%3A]+6(\d{4})(C|T)[A-Z](\d{4})", re.I)


def _where(files: dict[str, Any], name: str, loc: tuple[Any, ...]) -> tuple[str, int | None]:
    yaml_file = files.get(name)
    if yaml_file is None:
        return name, None
    return paths.display(yaml_file.path), yaml_file.line(loc)


def cross_check(parts: dict[str, Any], kamer: Any, files: dict[str, Any],
                incomplete: set[str] = frozenset()) -> list[Problem]:
    """Every cross-file problem of a brief (missing parts are skipped).

    ``incomplete`` names files that had errors of their own; warnings that could be
    caused by their missing items (a source never cited, a topic without argument) are
    then left out, since they would only repeat those errors.
    """
    problems: list[Problem] = []

    def add(name: str, loc: tuple[Any, ...], message: str, severity: str = "error") -> None:
        file, line = _where(files, name, loc)
        problems.append(Problem(file, line, message, severity))

    meta = parts.get("brief.yaml")
    sources = parts.get("sources.yaml") or []
    arguments = parts.get("arguments.yaml") or []
    profiles = parts.get("profiles.yaml") or []
    cards = parts.get("cards.yaml") or []

    source_ids = _unique_ids(sources, "sources.yaml", "bron", add)
    _unique_ids(arguments, "arguments.yaml", "argument", add)
    _unique_ids(cards, "cards.yaml", "kaart", add)
    topic_ids = set(_unique_ids(meta.topics, "brief.yaml", "onderwerp", add, ("topics",))) \
        if meta else None
    value_ids = set(_unique_ids(meta.values, "brief.yaml", "waarde", add, ("values",))) \
        if meta else None
    if meta:
        _unique_ids(meta.messages, "brief.yaml", "kernboodschap", add, ("messages",))
        _unique_ids(meta.asks, "brief.yaml", "vraag", add, ("asks",))
    fractie_ids = {f.id for f in kamer.fracties} if kamer else None
    cited: set[str] = set()

    def check_plain(name: str, loc: tuple[Any, ...], text: str) -> None:
        """Text printed as it stands (quotes, caveats, corrections): no citations in it."""
        check_characters(name, loc, text)
        if "@" in text and (CITATION_RE.search(text) or STRAY_CITATION_RE.search(text)):
            add(name, loc, "hier kan geen citatie staan (dit veld wordt letterlijk afgedrukt); "
                           "zet de bron in de tekst eromheen")

    def check_characters(name: str, loc: tuple[Any, ...], text: str) -> None:
        hidden = INVISIBLE_RE.search(text)
        if hidden:
            add(name, loc, f"onzichtbaar stuurteken U+{ord(hidden.group(0)):04X} in de tekst "
                           f"(verwijder het; het kan de tekst op papier omkeren of verbergen)")

    def check_text(name: str, loc: tuple[Any, ...], text: str) -> None:
        check_characters(name, loc, text)
        stray = STRAY_CITATION_RE.search(CITATION_RE.sub("", text))
        if stray:
            add(name, loc, f"onvolledige citatie bij '{stray.group(0).strip()}' (schrijf "
                           f"[@bron-id] of [@a; @b], met rechte haken eromheen)")
        for match in CITATION_RE.finditer(text):
            if any(not key for key, _ in citation_keys(match.group(0))):
                add(name, loc, f"citatie '{match.group(0)}' is onleesbaar (schrijf [@bron-id] "
                               f"of [@a; @b])")
        for key, _ in citation_keys(text):
            if not key:
                continue
            if sources and key not in source_ids:
                add(name, loc, f"citatie naar onbekende bron '{key}' (voeg haar toe aan "
                               f"sources.yaml of verbeter de id)")
            else:
                cited.add(key)

    def check_ref(name: str, loc: tuple[Any, ...], value: str, known: set[str] | None,
                  kind: str, where: str) -> None:
        if known is not None and value not in known:
            from .suggest import closest
            guess = closest(value, known)
            hint = f"; bedoelde u '{guess}'?" if guess else ""
            article = "onbekend" if kind == "onderwerp" else "onbekende"
            add(name, loc, f"{article} {kind} '{value}' (niet in {where}{hint})")

    topics_where = "de topics van brief.yaml"
    values_where = "de values van brief.yaml"
    kamer_where = "de Kamer van deze brief"
    if meta:
        check_text("brief.yaml", ("contact",), meta.contact)
        check_text("brief.yaml", ("intro", "forming"), meta.intro.forming)
        check_text("brief.yaml", ("intro", "opposition"), meta.intro.opposition)
        for i, message in enumerate(meta.messages):
            check_text("brief.yaml", ("messages", i, "text"), message.text)
            for j, value in enumerate(message.values):
                check_ref("brief.yaml", ("messages", i, "values", j), value, value_ids,
                          "waarde", values_where)
            for j, topic in enumerate(message.topics):
                check_ref("brief.yaml", ("messages", i, "topics", j), topic, topic_ids,
                          "onderwerp", topics_where)
        for i, ask in enumerate(meta.asks):
            check_text("brief.yaml", ("asks", i, "text"), ask.text)
            words = len(_strip_citations(ask.text).split())
            if ask.kind == "question" and words > 30:
                add("brief.yaml", ("asks", i, "text"), f"vraag '{ask.id}' telt {words} "
                    f"woorden; bij de interruptiemicrofoon past er ten hoogste 30")
            for j, value in enumerate(ask.values):
                check_ref("brief.yaml", ("asks", i, "values", j), value, value_ids,
                          "waarde", values_where)
            for j, topic in enumerate(ask.topics):
                check_ref("brief.yaml", ("asks", i, "topics", j), topic, topic_ids,
                          "onderwerp", topics_where)
            for j, fractie in enumerate(ask.fracties):
                check_ref("brief.yaml", ("asks", i, "fracties", j), fractie, fractie_ids,
                          "fractie", kamer_where)
        if meta.letter.date > meta.debate.date:
            add("brief.yaml", ("letter", "date"),
                f"de brief is gedateerd {meta.letter.date} maar het debat is op "
                f"{meta.debate.date} (een brief komt vóór het debat; verbeter een van beide)")
        if kamer and kamer.id != meta.debate.kamer:
            add("kamer", ("id",), f"de Kamer heeft id '{kamer.id}', maar de brief zoekt "
                                  f"'{meta.debate.kamer}' en vond dit bestand onder die naam "
                                  f"(maak id en bestandsnaam gelijk)")

    for i, source in enumerate(sources):
        for field in ("caveat", "note", "title", "author"):
            if getattr(source, field):
                check_plain("sources.yaml", (i, field), getattr(source, field))
        if source.correction:
            for field in ("letter_said", "correct", "why"):
                check_plain("sources.yaml", (i, "correction", field),
                            getattr(source.correction, field))
    used_topics: set[str] = set()
    for i, argument in enumerate(arguments):
        if argument.quote:
            check_plain("arguments.yaml", (i, "quote", "text"), argument.quote.text)
            check_plain("arguments.yaml", (i, "quote", "attribution"),
                        argument.quote.attribution)
        used_topics.add(argument.topic)
        check_ref("arguments.yaml", (i, "topic"), argument.topic, topic_ids, "onderwerp",
                  topics_where)
        for field in ("kernzin", "reasoning"):
            check_text("arguments.yaml", (i, field), getattr(argument, field))
        for j, angle in enumerate(argument.angles):
            check_text("arguments.yaml", (i, "angles", j, "text"), angle.text)
            check_ref("arguments.yaml", (i, "angles", j, "value"), angle.value, value_ids,
                      "waarde", values_where)
    for i, card in enumerate(cards):
        check_ref("cards.yaml", (i, "topic"), card.topic, topic_ids, "onderwerp",
                  topics_where)
        for field in ("claim", "rebuttal", "evidence", "say", "follow_up"):
            check_text("cards.yaml", (i, field), getattr(card, field))
        for j, fractie in enumerate(card.raised_by):
            check_ref("cards.yaml", (i, "raised_by", j), fractie, fractie_ids, "fractie",
                      kamer_where)
        sentences = count_sentences(_strip_citations(card.rebuttal))
        if sentences > 2:
            add("cards.yaml", (i, "rebuttal"), f"weerlegging van kaart '{card.id}' telt "
                                               f"{sentences} zinnen; houd het bij ten hoogste twee")
    profiled: set[str] = set()
    for i, profile in enumerate(profiles):
        if profile.fractie in profiled:
            add("profiles.yaml", (i, "fractie"), f"dubbel profiel voor fractie "
                                                 f"'{profile.fractie}' (voeg ze samen)")
        profiled.add(profile.fractie)
        check_ref("profiles.yaml", (i, "fractie"), profile.fractie, fractie_ids, "fractie",
                  kamer_where)
        for value in profile.values:
            check_ref("profiles.yaml", (i, "values", value), value, value_ids, "waarde",
                      values_where)
        for field in ("assessment", "notes"):
            if getattr(profile, field):
                check_text("profiles.yaml", (i, field), getattr(profile, field))
        for j, item in enumerate(profile.record):
            check_ref("profiles.yaml", (i, "record", j, "topic"), item.topic, topic_ids,
                      "onderwerp", topics_where)
            check_text("profiles.yaml", (i, "record", j, "text"), item.text)
            if not citation_keys(item.text):
                add("profiles.yaml", (i, "record", j, "text"),
                    "een feit uit het stemgedrag of standpunt heeft een bron nodig "
                    "(voeg [@bron-id] toe, of zet het onder assessment)")

    for i, source in enumerate(sources):
        problems.extend(check_source(source, files, i))

    if kamer is not None:
        total = sum(f.zetels for f in kamer.fracties)
        if total != kamer.seats:
            add("kamer", ("fracties",), f"de zetels tellen op tot {total}, maar de "
                                        f"{kamer.chamber} heeft {kamer.seats} zetels")
        seen: set[str] = set()
        for i, fractie in enumerate(kamer.fracties):
            if fractie.id in seen:
                add("kamer", ("fracties", i, "id"), f"dubbele fractie-id '{fractie.id}'")
            seen.add(fractie.id)

    # Warnings: things that are allowed but probably a mistake.
    citing = {"brief.yaml", "arguments.yaml", "cards.yaml", "profiles.yaml"}
    if incomplete & (citing | {"sources.yaml"}):
        return problems
    for i, source in enumerate(sources):
        if source.id not in cited:
            add("sources.yaml", (i, "id"), f"bron '{source.id}' wordt nergens geciteerd",
                "warning")
    if meta:
        for i, topic in enumerate(meta.topics):
            if topic.id not in used_topics:
                add("brief.yaml", ("topics", i, "id"),
                    f"onderwerp '{topic.id}' heeft geen argument", "warning")
    if kamer is not None and "profiles.yaml" in parts and parts["profiles.yaml"] is not None:
        for fractie in kamer.fracties:
            if fractie.id not in profiled:
                add("profiles.yaml", (), f"fractie '{fractie.id}' heeft geen profiel",
                    "warning")
    return problems


def _strip_citations(text: str) -> str:
    return CITATION_RE.sub("", text)


def count_sentences(text: str) -> int:
    """Sentences in ``text``: each ". X" boundary starts a new one ("ca. 3 mln." does not)."""
    text = text.strip()
    return len(SENTENCE_END_RE.findall(text)) + 1 if text else 0


def _unique_ids(items: list[Any], name: str, kind: str, add, prefix: tuple = ()) -> list[str]:
    seen: list[str] = []
    for i, item in enumerate(items):
        if item.id in seen:
            add(name, (*prefix, i, "id"), f"dubbele {kind}-id '{item.id}' (elke id komt één "
                                          f"keer voor)")
        seen.append(item.id)
    return seen


def check_source(source: Any, files: dict[str, Any], index: int) -> list[Problem]:
    """Problems with one source record: URL, ECLI syntax, case number against CELEX."""
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        file, line = _where(files, "sources.yaml", (index, field))
        problems.append(Problem(file, line, message))

    if source.url is not None:
        parts = urlsplit(source.url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in source.url:
            add("url", f"bron '{source.id}': '{source.url}' is geen geldige URL "
                       f"(begin met https:// en gebruik geen spaties)")
    if source.ecli is not None and not ECLI_RE.match(source.ecli):
        add("ecli", f"bron '{source.id}': '{source.ecli}' volgt de ECLI-syntaxis niet "
                    f"(ECLI:land:gerecht:jaar:nummer, bijvoorbeeld ECLI:NL:GHDHA:2022:2429)")
    if source.case_number is not None and source.url:
        celex = CELEX_CASE_RE.search(source.url)
        case = CJEU_CASE_RE.match(source.case_number)
        if celex and case:
            year, court, number = celex.groups()
            expected = f"{court.upper()}-{int(number)}/{year[2:]}"
            given = f"{case.group(1)}-{int(case.group(2))}/{case.group(3)}"
            if given != expected:
                add("case_number", f"bron '{source.id}': zaaknummer {source.case_number} "
                                   f"strookt niet met het CELEX-nummer in de link (dat hoort "
                                   f"bij {expected}); controleer het zaaknummer")
        elif celex and not case:
            add("case_number", f"bron '{source.id}': '{source.case_number}' is geen "
                               f"zaaknummer van het Hof (schrijf bijvoorbeeld C-72/22)")
    return problems
