"""Checks across a brief's files: references, facts about the Kamer, and sources.

Each check returns :class:`~debatbrief.base.errors.Problem` items located at the line of the
offending value. Errors stop a briefing; warnings (sources never cited, topics without an
argument, fracties without a profile) only fail ``debatbrief check --strict``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from debatbrief.base import paths
from debatbrief.base.errors import Problem
from debatbrief.brief.models import CITATION_RE, citation_keys

#: What is left of a citation once the well-formed ones are taken out: "[@id" without
#: its bracket, "[-@id]", "[ @id]", a bare "@id" (an e-mail address is not one, nor is
#: Pandoc's escaped "\@naam", which prints as "@naam").
STRAY_CITATION_RE = re.compile(r"\[\s*-?\s*@\S*|(?<![\w.@\\])@[A-Za-z][\w.:-]*")
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
                incomplete: set[str] = frozenset(), eerste_kamer: Any = None,
                reported: set[tuple[str, int | None]] = frozenset()) -> list[Problem]:
    """Every cross-file problem of a brief (missing parts are skipped).

    ``kamer`` and ``eerste_kamer`` are the validated Kamer files (or ``None``). ``incomplete``
    names files that had errors of their own; warnings that could be caused by their
    missing items (a source never cited, a topic without argument) are then left out,
    since they would only repeat those errors. ``reported`` holds the ``(file, line)`` of
    problems already found while reading (a hidden character): such a field gets no
    second message about its attribution.
    """
    problems: list[Problem] = []

    def add(name: str, loc: tuple[Any, ...], message: str, severity: str = "error") -> None:
        file, line = _where(files, name, loc)
        problems.append(Problem(file, line, message, severity))

    meta = parts.get("brief.yaml")
    sources = parts.get("sources.yaml") or []
    arguments = parts.get("arguments.yaml") or []
    profiles = parts.get("profiles.yaml") or []
    stances = parts.get("stances.yaml") or []
    cards = parts.get("cards.yaml") or []
    kamers = [(key, k) for key, k in (("kamer", kamer), ("eerste_kamer", eerste_kamer))
              if k is not None]

    source_ids = _unique_ids(sources, "sources.yaml", "bron", add)
    # Kamer sources are citable too (a fractie's role, its zetels).
    source_ids = source_ids + [s.id for _, k in kamers for s in k.sources]
    # A source that failed its own validation (a wrong kind:) is still there: citing it is
    # not a second mistake, so its id counts as known.
    source_ids = set(source_ids) | _raw_ids(files.get("sources.yaml"))
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
    # Stances may name fracties of either chamber (the Senate has parties the House lacks).
    any_fractie_ids = ({f.id for _, k in kamers for f in k.fracties}
                       if kamer and (eerste_kamer or not (meta and meta.debate.eerste_kamer))
                       else None)
    cited: set[str] = set()

    def check_plain(name: str, loc: tuple[Any, ...], text: str) -> None:
        """Text printed as it stands (quotes, caveats, corrections): no citations in it.
        (Characters that must not be printed are refused for every string when the file
        is read: see :func:`debatbrief.brief.load.read_yaml`.)"""
        if "@" not in text:
            return
        stray = STRAY_CITATION_RE.search(text)
        if CITATION_RE.search(text) or stray:
            bare = not CITATION_RE.search(text) and stray.group(0).startswith("@")
            add(name, loc, "hier kan geen citatie staan (dit veld wordt letterlijk afgedrukt); "
                           "zet de bron in de tekst eromheen"
                           + (", of schrijf een letterlijke @ als \\@" if bare else ""))

    def check_text(name: str, loc: tuple[Any, ...], text: str) -> None:
        stray = STRAY_CITATION_RE.search(CITATION_RE.sub("", text))
        if stray:
            bare = stray.group(0).startswith("@")  # "@naam" may be meant literally
            add(name, loc, f"onvolledige citatie bij '{stray.group(0).strip()}' (schrijf "
                           f"[@bron-id] of [@a; @b], met rechte haken eromheen"
                           + ("; een letterlijke @ schrijft u als \\@)" if bare else ")"))
        for match in CITATION_RE.finditer(text):
            if any(not key for key, _ in citation_keys(match.group(0))):
                add(name, loc, f"citatie '{match.group(0)}' is onleesbaar (schrijf [@bron-id] "
                               f"of [@a; @b])")
        for key, _ in citation_keys(text):
            if not key:
                continue
            if source_ids and key not in source_ids:
                add(name, loc, f"citatie naar onbekende bron '{key}' (voeg haar toe aan "
                               f"sources.yaml of verbeter de id)")
            else:
                cited.add(key)

    def check_ref(name: str, loc: tuple[Any, ...], value: str, known: set[str] | None,
                  kind: str, where: str) -> None:
        if known is not None and value not in known:
            from debatbrief.base.suggest import closest
            guess = closest(value, known)
            hint = f"; bedoelde u '{guess}'?" if guess else ""
            article = "onbekend" if kind == "onderwerp" else "onbekende"
            add(name, loc, f"{article} {kind} '{value}' (niet in {where}{hint})")

    def check_stance(name: str, loc: tuple[Any, ...], value: Any) -> None:
        source = getattr(value, "source", None)
        if source is not None and source_ids and source not in source_ids:
            add(name, loc, f"standpunt citeert onbekende bron '{source}' (voeg haar toe aan "
                           f"sources.yaml of verbeter de id)")
        elif source is not None:
            cited.add(source)

    topics_where = "de topics van brief.yaml"
    values_where = "de values van brief.yaml"
    kamer_where = "de Kamer van deze brief"
    if meta:
        if meta.contact:
            check_text("brief.yaml", ("contact",), meta.contact)
        if meta.contact_person is None:
            add("brief.yaml", ("contact",) if meta.contact else (), "geen contactpersoon: "
                "de briefing noemt alleen de organisatie (voeg contact_person toe met naam, "
                "rol, telefoon en e-mail, zoals een bron ze laat zien)", "warning")
        for key in ("agrees", "opposes", "raises", "unknown"):
            if getattr(meta.intro, key):
                check_text("brief.yaml", ("intro", key), getattr(meta.intro, key))
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
            if ask.governing:
                check_text("brief.yaml", ("asks", i, "governing"), ask.governing)
            if ask.motion:
                for key in ("constaterende", "overwegende"):
                    for j, clause in enumerate(getattr(ask.motion, key)):
                        check_text("brief.yaml", ("asks", i, "motion", key, j), clause)
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
        document = meta.document
        if document.date > meta.debate.date:
            add("brief.yaml", ("document", "date"),
                f"{document.the} is gedateerd {document.date} maar het debat is op "
                f"{meta.debate.date} (het document komt vóór het debat; verbeter een van beide)")
        if "sources.yaml" in parts and document.source not in source_ids:
            add("brief.yaml", ("document", "source"),
                f"het document zelf staat niet in sources.yaml als bron '{document.source}' "
                f"(voeg het toe; beweringen van het document citeren die bron)")
        else:
            cited.add(document.source)
        for key, found, wanted, kind in (
                ("kamer", kamer, meta.debate.kamer, "tweede-kamer"),
                ("eerste_kamer", eerste_kamer, meta.debate.eerste_kamer, "eerste-kamer")):
            if found is None:
                continue
            if found.id != wanted:
                add(key, ("id",), f"de Kamer heeft id '{found.id}', maar de brief zoekt "
                                  f"'{wanted}' en vond dit bestand onder die naam "
                                  f"(maak id en bestandsnaam gelijk)")
            if found.kind != kind:
                add(key, ("kind",), f"dit bestand beschrijft de {found.chamber} ('{found.kind}'), "
                                    f"maar de brief noemt het onder debate.{key} "
                                    f"(verwacht kind: {kind})")
            if found.date != meta.debate.date:
                add(key, ("date",), f"de samenstelling is van {found.date}, het debat is op "
                                    f"{meta.debate.date}; gebruik de Kamer op de dag van het "
                                    f"debat", "warning")

    for i, source in enumerate(sources):
        for field in ("caveat", "note", "title", "author"):
            if getattr(source, field):
                check_plain("sources.yaml", (i, field), getattr(source, field))
        if source.correction:
            for field in ("document_said", "correct", "why"):
                check_plain("sources.yaml", (i, "correction", field),
                            getattr(source.correction, field))
            proof = source.correction.proof
            if not proof or not citation_keys(proof):
                add("sources.yaml", (i, "correction"),
                    f"correctie bij bron '{source.id}' zonder bewijs: geef met proof: "
                    f"\"[@bron-id]\" de bron die de juiste waarde laat zien, of maak er een "
                    f"caveat van ('niet teruggevonden in ...')")
            else:
                check_text("sources.yaml", (i, "correction", "proof"), proof)
                if meta and all(key == meta.document.source for key, _ in citation_keys(proof)):
                    add("sources.yaml", (i, "correction", "proof"),
                        f"correctie bij bron '{source.id}' bewijst zichzelf: het document dat "
                        f"gecorrigeerd wordt kan niet het bewijs zijn (citeer de bron die de "
                        f"juiste waarde laat zien, of maak er een caveat van)")
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
        for j, topic in enumerate(profile.emphasis):
            check_ref("profiles.yaml", (i, "emphasis", j), topic, topic_ids, "onderwerp",
                      topics_where)
        for field in ("assessment", "notes"):
            if getattr(profile, field):
                check_text("profiles.yaml", (i, field), getattr(profile, field))
        for j, item in enumerate(profile.record):
            check_ref("profiles.yaml", (i, "record", j, "topic"), item.topic, topic_ids,
                      "onderwerp", topics_where)
            check_text("profiles.yaml", (i, "record", j, "text"), item.text)
            if meta and item.date > meta.debate.date:
                add("profiles.yaml", (i, "record", j, "date"),
                    f"dit feit is van {item.date}, na het debat van {meta.debate.date}: een "
                    f"briefing voor dat debat kan het niet kennen (verwijder het of "
                    f"verbeter de datum)")
            if not citation_keys(item.text):
                add("profiles.yaml", (i, "record", j, "text"),
                    "een feit uit het stemgedrag of standpunt heeft een bron nodig "
                    "(voeg [@bron-id] toe, of zet het onder assessment)")

    card_ids = {c.id for c in cards}
    ask_ids = {a.id for a in meta.asks} if meta else set()
    blocks: dict[tuple[str, str | None], int] = {}
    for i, block in enumerate(stances):
        check_ref("stances.yaml", (i, "fractie"), block.fractie, any_fractie_ids, "fractie",
                  "de Kamer(s) van deze brief")
        key = (block.fractie, block.chamber)
        if key in blocks:
            add("stances.yaml", (i, "fractie"), f"fractie '{block.fractie}' heeft al standpunten "
                                               f"op regel {_where(files, 'stances.yaml', (blocks[key],))[1]} "
                                               f"(voeg ze samen)")
        blocks.setdefault(key, i)
        check_stance("stances.yaml", (i, "subject"), block.subject)
        # A card or ask with errors of its own is missing from the parts: do not report
        # every stance on it as a second, false error.
        # Without a cards.yaml there are no cards: every card id named is unknown.
        for field, known, kind in (("claims", card_ids if "cards.yaml" not in incomplete
                                    else None, "kaart"),
                                   ("asks", ask_ids if meta and "brief.yaml" not in incomplete
                                    else None, "vraag")):
            for item_id, value in getattr(block, field).items():
                if item_id != "*":
                    check_ref("stances.yaml", (i, field, item_id), item_id, known, kind,
                              "cards.yaml" if field == "claims" else "de asks van brief.yaml")
                check_stance("stances.yaml", (i, field, item_id), value)
    if meta and kamer is not None and stances and not meta.intro.unknown:
        stated = {b.fractie for b in stances if b.chamber is None
                  and "subject" in b.model_fields_set and _stance_word(b.subject) != "unknown"}
        undecided = [f.abbreviation for f in kamer.fracties if f.id not in stated]
        if undecided:
            add("brief.yaml", ("intro",), f"geen intro.unknown, terwijl het standpunt over het "
                                          f"onderwerp onbekend is voor {', '.join(undecided)} "
                                          f"(voeg intro.unknown toe of vul stances.yaml aan)",
                "warning")

    for i, source in enumerate(sources):
        problems.extend(check_source(source, files, i))
    problems.extend(print_problems(parts, kamer, files))

    if meta:
        from debatbrief.brief import attribution
        names = attribution.source_names(sources, meta.document.source)
        for i, card in enumerate(cards):
            if _where(files, "cards.yaml", (i, "say")) in reported:
                continue
            for message in attribution.say_problems(card, names):
                add("cards.yaml", (i, "say"), message)
        sender = meta.sender.short or meta.sender.organisation
        # A field already reported (a broken citation, a hidden character) gets no second
        # message about its attribution: one cause, one message. Nor does anything when
        # brief.yaml had errors: the sender's names the check looks for come from there.
        reported = {(p.file, p.line) for p in problems} | set(reported)
        for name, loc, text in attribution.printed_prose(parts):
            if _where(files, name, loc) in reported or "brief.yaml" in incomplete:
                continue
            for sentence, why in attribution.unsupported(
                    text, meta.document.source, meta.sender.names, meta.document.the):
                add(name, loc, attribution.message(sentence, why, meta.document.the, sender),
                    "warning")

    for key, chamber in kamers:
        total = sum(f.zetels for f in chamber.fracties)
        if total != chamber.seats:
            add(key, ("fracties",), f"de zetels tellen op tot {total}, maar de "
                                    f"{chamber.chamber} heeft {chamber.seats} zetels")
        seen: set[str] = set()
        for i, fractie in enumerate(chamber.fracties):
            if fractie.id in seen:
                add(key, ("fracties", i, "id"), f"dubbele fractie-id '{fractie.id}'")
            seen.add(fractie.id)
        own_sources = {s.id for s in chamber.sources}
        if chamber.source is not None and chamber.source not in own_sources:
            add(key, ("source",), f"bron '{chamber.source}' staat niet onder sources van dit "
                                  f"Kamerbestand (voeg haar toe of verbeter de id)")
        chamber_fracties = {f.id for f in chamber.fracties}
        for part_name in ("cabinet", "formation", "support"):
            part = getattr(chamber.government, part_name)
            if part is None:
                continue
            if part.source not in own_sources:
                add(key, ("government", part_name, "source"),
                    f"bron '{part.source}' staat niet onder sources van dit Kamerbestand "
                    f"(voeg haar toe of verbeter de id)")
            for j, party in enumerate(part.parties):
                # A cabinet party may have no fractie in this chamber (NSC in the Senate).
                if party not in chamber_fracties and part_name != "cabinet" \
                        and chamber.kind == "tweede-kamer":
                    add(key, ("government", part_name, "parties", j),
                        f"onbekende fractie '{party}' (niet in de fracties van dit bestand)")
        for i, source in enumerate(chamber.sources):
            problems.extend(check_source(source, files, i, key))

    # Warnings: things that are allowed but probably a mistake.
    citing = {"brief.yaml", "arguments.yaml", "cards.yaml", "profiles.yaml"}
    if incomplete & (citing | {"sources.yaml"}):
        return problems
    for i, source in enumerate(sources):
        # A source kept only for its errata (the document cites it, the briefing need not)
        # is in use: `debatbrief errata` lists it.
        if source.id not in cited and not (source.correction or source.caveat):
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


def _stance_word(value: Any) -> str:
    return value if isinstance(value, str) else value.stance


def _raw_ids(yaml_file: Any) -> set[str]:
    """The ``id`` of every item of a list file as written, valid or not."""
    data = getattr(yaml_file, "data", None)
    if not isinstance(data, list):
        return set()
    return {item["id"] for item in data if isinstance(item, dict)
            and isinstance(item.get("id"), str)}


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


def check_source(source: Any, files: dict[str, Any], index: int,
                 file_key: str = "sources.yaml") -> list[Problem]:
    """Problems with one source record: URL, ECLI syntax, case number against CELEX.
    ``file_key`` names the file it is in (sources.yaml or a Kamer file)."""
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        loc = (index, field) if file_key == "sources.yaml" else ("sources", index, field)
        file, line = _where(files, file_key, loc)
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


# --- Can it be printed? (characters the fonts have, text that fits) -----------------------

#: Fields that never reach paper: editors' notes, lookup aliases, ids.
_NOT_PRINTED = frozenset({"notes", "note", "aliases", "id", "in_letter"})
#: The longest run of characters without a break point that fits the narrowest column
#: (an A6 card, about 50 characters of its text face); a URL is printed full width in the
#: source list, where a piece between its break points may take 100.
MAX_UNBROKEN = 50
MAX_URL_PIECE = 100
#: Where a field's text goes decides how long it may be: a source's short reference
#: stands in notes, its author and title in the one-line entries of the source list.
FIELD_LIMITS = {("sources.yaml", "short"): 80, ("sources.yaml", "author"): 200,
                ("sources.yaml", "title"): 400, ("sources.yaml", "url"): 500}
#: A locator in a citation ("p. 4", "r.o. 3.2"): it is printed in a note.
MAX_LOCATOR = 40
_URL_TOKEN_RE = re.compile(r"https?://\S+")
_URL_PIECE_RE = re.compile(r"[^/.\-]*[/.\-]*")


def _printed_strings(value: Any, loc: tuple[Any, ...]):
    """(location, text) for every string field of a loaded model that reaches paper."""
    from pydantic import BaseModel

    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_PRINTED:
                yield from _printed_strings(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _printed_strings(item, (*loc, i))


def _too_long_run(text: str, url_field: bool) -> tuple[str, int] | None:
    """The first run of characters a line cannot break inside that is longer than its
    column allows (a word; a piece of a URL between its break points after / . -),
    with that limit."""
    for word in _strip_citations(text).split():
        if "://" in word or url_field:
            for piece in _URL_PIECE_RE.findall(word):
                if len(piece) > MAX_URL_PIECE:
                    return piece, MAX_URL_PIECE
        elif len(word) > MAX_UNBROKEN:
            return word, MAX_UNBROKEN
    return None


def print_problems(parts: dict[str, Any], kamer: Any, files: dict[str, Any]) -> list[Problem]:
    """Text that cannot be printed where it goes, located at its file and line.

    * a character that none of the bundled fonts has (the fonts are known before
      layout: :mod:`debatbrief.base.typeface`), which would print as an empty box;
    * a word, or a piece of a URL, too long for the narrowest column;
    * a field longer than the place it is printed allows (:data:`FIELD_LIMITS`), and a
      locator too long for a note;
    * two sources with the same short reference, which would make notes ambiguous.
    """
    from debatbrief.base.typeface import uncovered
    from debatbrief.brief.cite import source_short

    problems: list[Problem] = []

    def add(name: str, loc: tuple[Any, ...], message: str) -> None:
        file, line = _where(files, name, loc)
        problems.append(Problem(file, line, message))

    named = [(name, part) for name, part in parts.items() if part is not None]
    if kamer is not None:
        named.append(("kamer", kamer))
    for name, part in named:
        for loc, text in _printed_strings(part, ()):
            missing = uncovered(text)
            if missing:
                shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:3])
                add(name, loc, f"{shown} staat in geen van de meegeleverde lettertypen en "
                               f"zou als leeg vakje worden gedrukt; schrijf het in Latijnse "
                               f"letters of laat het weg")
            long_run = _too_long_run(text, bool(loc) and loc[-1] == "url")
            if long_run:
                run, most = long_run
                add(name, loc, f"'{run[:30]}…' telt {len(run)} tekens zonder spatie of "
                               f"afbreekpunt en past niet in een kolom (ten hoogste {most}); "
                               f"zet er spaties in")
            limit = FIELD_LIMITS.get((name, loc[-1] if loc else None))
            if limit and len(text) > limit:
                add(name, loc, f"{loc[-1]} telt {len(text)} tekens; waar het wordt gedrukt "
                               f"past ten hoogste {limit} (kort het in)")
            for _, locator in citation_keys(text) if "[@" in text else ():
                if locator and len(locator) > MAX_LOCATOR:
                    add(name, loc, f"vindplaats '{locator[:30]}…' in een citatie telt "
                                   f"{len(locator)} tekens; in een noot past ten hoogste "
                                   f"{MAX_LOCATOR} (bijvoorbeeld 'p. 4')")
    seen: dict[str, str] = {}
    for i, source in enumerate(parts.get("sources.yaml") or []):
        short = source_short(source).casefold()
        if short in seen:
            add("sources.yaml", (i, "short" if source.short else "id"),
                f"bron '{source.id}' krijgt dezelfde korte verwijzing als bron "
                f"'{seen[short]}' ('{source_short(source)}'); geef één van beide een eigen "
                f"short")
        seen.setdefault(short, source.id)
    return problems
