"""Find the right rebuttal card from a half-remembered word, within a blink.

``debatbrief rebut`` runs under pressure, so this module keeps its start-up small: it
never imports WeasyPrint, Jinja2 or pydantic on the fast path. A brief is validated in
full the first time it is seen; the cards, ready to print, are then cached in a JSON file
keyed by a hash of the brief's and the Kamer's bytes. Any edit changes the hash, so an
edited brief is validated again (and an invalid one is refused with the same messages
as ``debatbrief check``) before a card is shown.
"""

from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

from debatbrief import __version__
from debatbrief.cards.text import normalise

DECK_FORMAT = 11


class Hit:
    """A card (a dict as cached, see :func:`_build_deck`) with its match score 0..100."""

    __slots__ = ("card", "score")

    def __init__(self, card: dict, score: float) -> None:
        self.card, self.score = card, score


class LookupResult:
    """The query, the matches to show (best first), the nearest three cards overall, the
    abbreviation of the fractie the cards were limited to (or ``None``), every card in
    rank order (``ranked``) and the deck's ``warning``, if any (see :func:`deck`)."""

    __slots__ = ("query", "hits", "nearest", "fractie", "ranked", "warning")

    def __init__(
        self,
        query: str,
        hits: list[Hit],
        nearest: list[Hit],
        fractie: str | None,
        ranked: list[Hit] | None = None,
    ) -> None:
        self.query, self.hits, self.nearest, self.fractie = query, hits, nearest, fractie
        self.ranked = nearest if ranked is None else ranked
        self.warning: str | None = None  # a brief whose errors spare the cards (see deck)


def _cache_dir() -> Path | None:
    """Where decks are cached (:func:`debatbrief.base.paths.cache_dir`); ``None``: no cache
    (``--no-cache``, no home directory), ``rebut`` then validates the brief on every run."""
    from debatbrief.base.paths import cache_dir

    return cache_dir()


def _fingerprint(folder: Path, kamer_dirs: list[Path]) -> tuple[str, dict[str, bytes]]:
    """The brief's files, each read once, and a key for their exact bytes: name, size and
    CRC-32 of every YAML file of the brief folder and the Kamer folders (and of the shared
    synonym table, which the index holds).

    Returns ``(key, files)``: ``files`` maps each absolute path to the bytes read, which the
    loader then parses (:func:`debatbrief.brief.load.reading`) instead of reading the file
    again, so a file edited meanwhile can never give the cards of one version under the key
    of another. CRC-32 (from zlib, cheap to import) is plenty to notice an edit; this guards
    against stale data, not against an adversary. A file the loader refuses (a symbolic
    link, a FIFO, a device: :func:`debatbrief.base.paths.read_regular`) is never opened.
    Raises :class:`OSError` when a file cannot be read: the loader then says what is wrong.
    """
    from debatbrief.base.paths import FileRefused, read_regular

    synonyms = Path(__file__).with_name("synonyms-nl.txt").read_bytes()  # indexed too
    where = str(folder.resolve())
    parts = [__version__, f"deck{DECK_FORMAT}", f"{zlib.crc32(synonyms):08x}", where]
    files: dict[str, bytes] = {}
    for directory in [folder, *kamer_dirs]:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.yaml")):
            try:
                data = read_regular(path)
            except FileRefused:
                parts.append(f"{path.name}:refused")
                continue
            files[os.path.abspath(path)] = data
            parts.append(f"{path.name}:{len(data)}:{zlib.crc32(data):08x}")
    joined = "|".join(parts).encode()
    brief = f"{zlib.crc32(where.encode()):08x}"  # the folder: see _write_cache
    key = f"{brief}-{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}{len(parts):04x}"
    return key, files


def deck(ws) -> dict:
    """The brief's cards, fracties and topics as plain data, validated and cached.

    Returns ``{"cards": [...], "fracties": [...], "topics": [...], "index": {...}}``. Raises
    :class:`~debatbrief.base.errors.BriefError` when the brief is invalid. Each file is
    read once: the cache key and the cards come from the same bytes (see
    :func:`_fingerprint`). The cache never fails a lookup: a cache that cannot be read, is
    damaged or cannot be written is passed by (see :func:`_read_cache`, :func:`_write_cache`).
    """
    from debatbrief.base import paths

    folder = ws.brief_folder()
    cache_dir = _cache_dir()
    try:
        key, files = _fingerprint(folder, paths.kamer_dirs(folder.parent))
    except OSError:
        return _build_deck_of(ws, folder)  # an unreadable file: loading the brief names it
    cache_file = cache_dir / f"deck-{key}.json" if cache_dir is not None else None
    if cache_file is not None:
        cached = _read_cache(cache_file)
        if cached is not None:
            # Should its index fail when it is first used, the deck is built afresh.
            cached[REBUILD] = lambda: _built(ws, folder, files, cache_file)
            return cached
    return _built(ws, folder, files, cache_file)


#: The key under which a deck read from the cache holds how to build it afresh (see
#: :func:`ranker`); never written to the cache.
REBUILD = "_rebuild"


def _built(ws, folder: Path, files: dict[str, bytes], cache_file: Path | None) -> dict:
    """The deck built from ``files`` (the bytes :func:`_fingerprint` read) and cached in
    ``cache_file`` (unless ``None``, or a file was read from disk after all)."""
    from debatbrief.brief.load import reading

    fresh = getattr(ws, "_brief", None) is None  # a brief loaded earlier came from other bytes
    with reading(files) as missed:
        data = _build_deck_of(ws, folder)
    if cache_file is not None and fresh and not missed:
        _write_cache(cache_file, data)
    return data


#: The files of a brief the cards do not read: an error there leaves the cards usable.
NOT_ON_CARDS = frozenset({"arguments.yaml", "profiles.yaml", "stances.yaml"})


def _build_deck_of(ws, folder: Path) -> dict:
    """The deck of the brief in ``folder``; when the brief has errors only in files the
    cards do not read (:data:`NOT_ON_CARDS`), the deck of its valid cards with a
    ``warning`` (one Dutch line): a slip in a profile must not take the cards away during
    a debate. ``check`` still fails on such a brief. Otherwise raises the brief's error."""
    from debatbrief.base.errors import BriefError

    try:
        return _build_deck(ws.brief())
    except BriefError as error:
        errors = [p for p in error.problems if p.severity == "error"]
        if not errors or any(Path(p.file).name not in NOT_ON_CARDS for p in errors):
            raise
        brief = _cards_only(folder)
        if brief is None:
            raise
        data = _build_deck(brief)
    first = errors[0]
    where = f"{first.file}:{first.line}" if first.line else first.file
    count = "1 fout" if len(errors) == 1 else f"{len(errors)} fouten"
    data["warning"] = (
        f"Let op: de brief heeft {count} buiten de kaarten (eerst {where}: "
        f"{first.message}); de kaarten werken, 'debatbrief check' toont alles."
    )
    return data


def _cards_only(folder: Path):
    """The brief in ``folder`` with only what the cards read (brief.yaml, sources, cards,
    the Kamer): the parts in :data:`NOT_ON_CARDS` that were read without error are kept
    (the stances say who raises a claim), the others left empty; ``None`` when that
    brief cannot be built."""
    from pydantic import ValidationError

    from debatbrief.brief import models
    from debatbrief.brief.load import read_brief

    read = read_brief(folder)
    parts = read.parts
    needed = ("brief.yaml", "sources.yaml", "cards.yaml")
    if (
        read.refused
        or read.kamer is None
        or any(parts.get(name) is None or name in read.incomplete for name in needed)
    ):
        return None
    kept = {name: parts.get(name) if name not in read.incomplete else None for name in NOT_ON_CARDS}
    try:
        return models.Brief(
            id=folder.name,
            meta=parts["brief.yaml"],
            kamer=read.kamer,
            eerste_kamer=read.eerste_kamer,
            sources=parts["sources.yaml"],
            arguments=kept["arguments.yaml"] or [],
            profiles=kept["profiles.yaml"] or [],
            stances=kept["stances.yaml"] or [],
            cards=parts["cards.yaml"],
        )
    except (ValidationError, ValueError):
        return None


def _read_cache(cache_file: Path) -> dict | None:
    """The deck in ``cache_file``, or ``None`` when it is absent, unreadable or damaged.

    The file is a seal (the CRC-32 of the rest) on one line, then the deck as JSON: a file
    changed by anything but :func:`_write_cache` is not used, whatever its shape, nor is
    one whose printed parts hold a character a brief may not (see :func:`_holds_unsafe`;
    the search index is never printed, and scanning its 400 KB would cost 10 ms).
    """
    try:
        raw = cache_file.read_bytes()
        seal, _, body = raw.partition(b"\n")
        if seal != f"{zlib.crc32(body):08x}".encode():
            return None
        data = _loads(body)
    except (OSError, ValueError):
        return None
    return (
        data
        if _well_formed(data) and not _holds_unsafe({k: v for k, v in data.items() if k != "index"})
        else None
    )


class _Strict:
    """The settings of ``json.loads`` with no arguments, as its C scanner reads them."""

    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int

    @staticmethod
    def parse_constant(name: str) -> float:
        return {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}[name]


def _loads(body: bytes):
    """``json.loads(body)`` for the UTF-8 JSON :func:`_write_cache` writes, by the standard
    library's own C scanner (``_json``) without importing the ``json`` package: its import
    compiles half a dozen regular expressions, 2 ms of ``rebut``'s start-up. Where that
    scanner is missing or reads its settings otherwise, ``json.loads`` itself. Raises
    ValueError (``json.JSONDecodeError`` or ``UnicodeDecodeError``) as ``json.loads``
    does for anything but one JSON value."""
    try:
        from _json import make_scanner

        scan = make_scanner(_Strict)  # type: ignore[arg-type]  # any object with its settings
    except (ImportError, TypeError, AttributeError):  # pragma: no cover - another Python
        import json

        return json.loads(body)
    text = body.decode("utf-8").strip(" \t\n\r")  # JSON's whitespace around the value
    try:
        value, end = scan(text, 0)
    except StopIteration:  # no value at the start
        end = -1
    if end != len(text):
        raise ValueError("geen JSON-waarde, of meer dan een")
    return value


def _holds_unsafe(data) -> bool:
    """True when any string in ``data`` holds a character that must not be printed. A deck
    built from a brief never does (the loader refuses them); a cache file made by hand
    might, and everything that shows cards (``rebut``, the live search) prints the deck.
    The strings are looked at together, in one pass (see
    :func:`~debatbrief.base.chars.has_unsafe`): a character is unsafe on its own, whatever
    stands beside it."""
    from debatbrief.base.chars import has_unsafe

    strings: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return has_unsafe("".join(strings))


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


#: Per part of a deck, the fields of each item that are text and those that are lists of
#: text: what ``rebut``, the live search, completion and :func:`exact` read.
_TEXT = {
    "cards": ("id", "topic", "topic_title", "claim", "rebuttal", "evidence", "say", "follow_up"),
    "fracties": ("id", "abbreviation", "name"),
    "topics": ("id", "title"),
}
_LISTS = ("raised_by", "sources", "source_ids", "say_sources", "aliases", "topic_aliases")


def _well_formed(data) -> bool:
    """A second guard after the seal: every part of a deck that ``rebut``, the live
    search and completion print, filter on or match with has the type :func:`_build_deck`
    gives it (the index's own database is tried when it is first used: see
    :func:`ranker`). A change of the deck's shape bumps :data:`DECK_FORMAT`, which is part
    of the cache key."""
    if not isinstance(data, dict) or not isinstance(data.get("index"), dict):
        return False
    parts = [data.get(name) for name in _TEXT]
    if not all(isinstance(part, list) and all(isinstance(item, dict) for item in part) for part in parts):
        return False
    if not all(
        isinstance(item.get(name), str)
        for part, names in _TEXT.items()
        for item in data[part]
        for name in names
    ):
        return False
    index = data["index"]
    if not (
        all(isinstance(index.get(k), str) for k in ("language", "words", "db"))
        and _strings(index.get("stop"))
        and isinstance(index.get("synonyms"), dict)
    ):
        return False
    return all(
        all(_strings(card.get(name)) for name in _LISTS)
        and isinstance(card.get("match"), dict)
        and all(_strings(card["match"].get(k)) for k in ("exact", "sources", "names"))
        and all(isinstance(name, str) for name in card["match"]["names"])
        for card in data["cards"]
    )


def _write_cache(cache_file: Path, data: dict) -> None:
    """Store the deck atomically; any failure (no room, no rights, a folder in the way)
    only costs speed and leaves no file behind. The decks of earlier versions of the same
    brief folder (``deck-<folder>-*.json``, see :func:`_fingerprint`) and of debatbrief
    0.1 (``deck-<key>.json``) are removed: the cache holds one deck per brief."""
    import json

    from debatbrief.base.paths import write_cache_file

    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    if not write_cache_file(cache_file, f"{zlib.crc32(body):08x}\n".encode() + body):
        return
    brief = re.fullmatch(r"deck-([0-9a-f]{8})-.*", cache_file.name)
    if brief is None:
        return
    earlier = re.compile(rf"deck-({brief[1]}-.*|[0-9a-f]{{20}})\.json")
    try:
        for old in cache_file.parent.glob("deck-*.json"):
            if old != cache_file and earlier.fullmatch(old.name):
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _build_deck(brief) -> dict:
    """The brief's cards as plain data for the terminal, with their search index.

    Per card: its texts with citations as short references in brackets, except ``say``,
    which is plain (its own citations are in ``say_sources``: what ``--short`` shows);
    ``sources`` are the short references of every source the card cites, ``source_ids``
    their ids; ``match`` is what :func:`exact` and :mod:`~debatbrief.cards.rank` read.
    """
    from debatbrief.brief.cite import cite_inline, plain_emphasis, source_short, unescape_at
    from debatbrief.brief.models import CITATION_RE
    from debatbrief.cards.deck import card_sources
    from debatbrief.cards.rank import index_deck

    def text(value: str) -> str:
        return plain_emphasis(cite_inline(brief, value)[0])

    topics = {t.id: t for t in brief.meta.topics}
    cards = []
    for card in brief.cards:
        source_ids = card_sources(card)
        cited = [brief.source(key) for key in source_ids]
        say = plain_emphasis(CITATION_RE.sub("", card.say))
        topic = topics[card.topic]
        cards.append(
            {
                "id": card.id,
                "topic": card.topic,
                "topic_title": unescape_at(topic.title),
                "topic_aliases": list(topic.aliases),
                "claim": text(card.claim),
                "rebuttal": text(card.rebuttal),
                "evidence": text(card.evidence),
                "say": " ".join(re.sub(r"\s+([.,;:!?])", r"\1", say).split()),
                "say_sources": cite_inline(brief, card.say)[1],
                "follow_up": text(card.follow_up),
                "raised_by": brief.raisers(card.id),
                "aliases": list(card.aliases),
                "sources": [source_short(s, brief.meta.language) for s in cited],
                "source_ids": source_ids,
            }
        )
        cards[-1]["match"] = _match_fields(cards[-1])
    index = index_deck(cards, brief.meta.language, brief.meta.synonyms, _argument_texts(brief))
    fracties = [{"id": f.id, "abbreviation": f.abbreviation, "name": f.name} for f in brief.kamer.fracties]
    return {
        "cards": cards,
        "fracties": fracties,
        "index": index,
        "topics": [{"id": t.id, "title": unescape_at(t.title)} for t in brief.meta.topics],
    }


def _argument_texts(brief) -> list[str]:
    """Per card, the wording of the document's arguments on its topic (kernzin, reasoning,
    angles; citations left out, so no source is searched): what an MP who paraphrases the
    document says. Indexed only, never shown: the card dicts do not carry it."""
    from debatbrief.brief.cite import plain_emphasis
    from debatbrief.brief.models import CITATION_RE

    per_topic: dict[str, list[str]] = {}
    for argument in brief.arguments:
        texts = [argument.kernzin, argument.reasoning, *(angle.text for angle in argument.angles)]
        per_topic.setdefault(argument.topic, []).extend(texts)
    return [
        plain_emphasis(CITATION_RE.sub("", " ".join(per_topic.get(card.topic, ())))) for card in brief.cards
    ]


def _match_fields(card: dict) -> dict:
    """What :func:`exact` compares a query with: the card's id and aliases, normalised,
    also with spaces removed ("optout" is "opt-out"); what :func:`by_source` compares it
    with: the ids of the sources it cites, normalised. :func:`~debatbrief.cards.rank.index_deck`
    adds the stemmed fields BM25 ranks on."""
    own = [normalise(text) for text in (card["id"], *card["aliases"])]
    return {
        "exact": sorted({form for text in own for form in (text, text.replace(" ", ""))}),
        "sources": sorted({normalise(key) for key in card["source_ids"]}),
    }


def by_source(query: str, cards: list[dict]) -> list[dict]:
    """The cards citing the source whose id is ``query`` (normalised), in deck order. A
    source is found only by its id: its title's words do not make a card match."""
    q = normalise(query)
    return [card for card in cards if q and q in card["match"].get("sources", ())]


def exact(query: str, cards: list[dict]) -> dict | None:
    """The first card whose own id or alias equals ``query`` (normalised), else ``None``.

    Such a card is also what :func:`search` ranks first; finding it this way spares
    loading the ranking machinery (sqlite3, the stemmer, rapidfuzz) for the commonest
    lookups.
    """
    q = normalise(query)
    if not q:
        return None
    forms = {q, q.replace(" ", "")}
    for card in cards:
        if not forms.isdisjoint(card["match"]["exact"]):
            return card
    return None


def scope(data: dict, fractie: str | None) -> tuple[list[dict], str | None]:
    """The deck's cards ``fractie`` is expected to raise (all when ``None``) and the
    fractie's abbreviation. Raises UsageError for an unknown fractie, DebatbriefError when
    it raises none of the cards."""
    if fractie is None:
        return data["cards"], None
    found = _find_fractie(data["fracties"], fractie)
    cards = [c for c in data["cards"] if found["id"] in c["raised_by"]]
    if not cards:
        from debatbrief.base.errors import DebatbriefError

        raise DebatbriefError(
            f"Volgens stances.yaml brengt {found['abbreviation']} geen van "
            f"de claims op de kaarten in; zoek zonder --fractie."
        )
    return cards, found["abbreviation"]


def ranker(data: dict):
    """A :class:`~debatbrief.cards.rank.Ranker` over every card of the deck ``data``.

    A deck from the cache whose index cannot be used (a sealed file with a damaged
    database: anything but a deck :func:`_build_deck` wrote) is built afresh, in place
    (whoever holds ``data`` sees the new deck), and cached again: a damaged cache costs
    time, never a lookup."""
    from debatbrief.cards.rank import Ranker

    rebuild = data.pop(REBUILD, None)
    if rebuild is None:
        return Ranker(data["cards"], data["index"])
    try:
        rank = Ranker(data["cards"], data["index"])
        for probe in (data["cards"][0]["id"] if data["cards"] else "x", "qxzqv"):
            rank.rank(probe, False)  # a known word and an unknown one: every table is read
        return rank
    except Exception:  # noqa: BLE001 - whatever a damaged index raises, it is rebuilt
        fresh = rebuild()
        data.clear()
        data.update(fresh)
        return Ranker(data["cards"], data["index"])


def search(
    rank, query: str, cards: list[dict], fractie: str | None = None, typing: bool = False
) -> LookupResult:
    """Rank ``cards`` (a subset of the ranker's deck) for ``query``; ``typing`` for the
    live search, where the last word may be unfinished: a card is then sure only when it
    is also sure with that word read as finished, unless the word is unambiguous.

    An exact id or alias comes first with score 100; otherwise a card's score is its
    coverage of the query (0..100), and the hits are what :func:`~debatbrief.cards.rank.answers`
    shows. The nearest three cards are kept whatever their score, as suggestions.
    """
    from debatbrief.cards.rank import answers

    citing = by_source(query, cards)
    if citing:
        found = [Hit(card, 100.0) for card in citing]
        return LookupResult(query, found, found[:3], fractie, found)
    allowed = {card["id"] for card in cards}
    places = [p for p in rank.rank(query, typing) if rank.cards[p.position]["id"] in allowed]
    shown = {id(p) for p in answers(places)}
    if typing and shown and _unfinished(rank, query):
        # Sure only of what the query also says with its last word read as finished.
        finished = answers([p for p in rank.rank(query) if rank.cards[p.position]["id"] in allowed])
        sure = {p.position for p in finished}
        shown = {id(p) for p in places if id(p) in shown and p.position in sure}
    named = exact(query, cards)
    ranked = [Hit(named, 100.0)] if named is not None else []
    hits = list(ranked)
    for place in places:
        card = rank.cards[place.position]
        if card is not named:
            ranked.append(Hit(card, round(100 * place.coverage, 1)))
            if id(place) in shown:
                hits.append(ranked[-1])
    # Suggest only cards that share something with the query: nothing is better than the
    # first cards of the file.
    return LookupResult(query, hits, [h for h in ranked if h.score > 0][:3], fractie, ranked)


def _unfinished(rank, query: str) -> bool:
    """Whether the live search's last word, with no space after it yet, is ambiguous: it
    may become another word (see :meth:`~debatbrief.cards.rank.Ranker.ambiguous`)."""
    from debatbrief.cards.text import terms

    words = terms(query)
    return bool(words) and not query[-1:].isspace() and rank.ambiguous(words[-1])


def lookup(ws, query: str, fractie: str | None = None, best_only: bool = False) -> LookupResult:
    """Rank the brief's cards for ``query``; keep those ``fractie`` is expected to raise.

    With ``best_only`` the hits may hold just the best card. Raises UsageError for an
    empty query or an unknown fractie and BriefError for an invalid brief.
    """
    data = deck(ws)
    if not query.strip():
        from debatbrief.base.errors import UsageError

        first = data["cards"][0] if data["cards"] else None
        example = (first["aliases"] or [first["id"]])[0] if first else "een woord uit een claim"
        raise UsageError(f"Geef een zoekwoord, bijvoorbeeld: debatbrief rebut {example}")
    cards, fractie_name = scope(data, fractie)
    if best_only and (card := exact(query, cards)) is not None:
        result = LookupResult(query, [Hit(card, 100.0)], [Hit(card, 100.0)], fractie_name)
    else:
        result = search(ranker(data), query, cards, fractie_name)
    result.warning = data.get("warning")
    return result


def _find_fractie(fracties: list[dict], name: str) -> dict:
    from debatbrief.base.suggest import match_fractie

    found = match_fractie(name, [(f["id"], f["abbreviation"], f["name"]) for f in fracties])
    for f in fracties:
        if f["id"] == found:
            return f
    from debatbrief.base.errors import UsageError
    from debatbrief.base.suggest import unknown_choice

    raise UsageError(unknown_choice("fractie", name, [f["abbreviation"] for f in fracties]))
