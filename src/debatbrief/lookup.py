"""Find the right rebuttal card from a half-remembered word, within a blink.

``debatbrief rebut`` runs under pressure, so this module keeps its start-up small: it
never imports WeasyPrint, Jinja2 or pydantic on the fast path. A brief is validated in
full the first time it is seen; the cards, ready to print, are then cached in a JSON file
keyed by a hash of the brief's and the Kamer's bytes. Any edit changes the hash, so an
edited brief is validated again (and an invalid one is refused with the same messages
as ``debatbrief check``) before a card is shown.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import zlib
from pathlib import Path

from . import __version__

#: Below this score (0..100) a card is not a match; ``rebut`` then suggests the nearest.
MATCH_THRESHOLD = 72


class Hit:
    """A card (a dict as cached, see :func:`_build_deck`) with its match score 0..100."""

    __slots__ = ("card", "score")

    def __init__(self, card: dict, score: float) -> None:
        self.card, self.score = card, score


class LookupResult:
    """The query, the ranked matches (score >= threshold), the nearest cards overall, and
    the abbreviation of the fractie the cards were limited to (or ``None``)."""

    __slots__ = ("query", "hits", "nearest", "fractie")

    def __init__(self, query: str, hits: list[Hit], nearest: list[Hit],
                 fractie: str | None) -> None:
        self.query, self.hits, self.nearest, self.fractie = query, hits, nearest, fractie


def normalise(text: str) -> str:
    """Casefold, strip accents ("creëert" -> "creeert"), hyphens and punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "debatbrief"


def _fingerprint(folder: Path, kamer_dirs: list[Path]) -> str:
    """A key for the brief's exact bytes: name, size and CRC-32 of every YAML file.

    CRC-32 (from zlib, cheap to import) is plenty to notice an edit; this guards against
    stale data, not against an adversary.
    """
    parts = [__version__, str(folder.resolve())]
    for directory in [folder, *kamer_dirs]:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.yaml")):
            data = path.read_bytes()
            parts.append(f"{path.name}:{len(data)}:{zlib.crc32(data):08x}")
    joined = "|".join(parts).encode()
    return f"{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}{len(parts):04x}"


def deck(ws) -> dict:
    """The brief's cards, fracties and topics as plain data, validated and cached.

    Returns ``{"cards": [...], "fracties": [...], "topics": [...]}``. Raises
    :class:`~debatbrief.errors.BriefError` when the brief is invalid.
    """
    from . import paths

    folder = ws.brief_folder()
    key = _fingerprint(folder, paths.kamer_dirs(folder.parent))
    cache_file = _cache_dir() / f"deck-{key}.json"
    try:
        return json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = _build_deck(ws.brief())
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, cache_file)
    except OSError:
        pass  # a read-only home only costs speed, never correctness
    return data


def _build_deck(brief) -> dict:
    from .cite import cite_inline, plain_emphasis

    def text(value: str) -> str:
        return plain_emphasis(cite_inline(brief, value)[0])

    topics = {t.id: t for t in brief.meta.topics}
    cards = []
    for card in brief.cards:
        shorts = cite_inline(brief, card.evidence)[1]
        topic = topics[card.topic]
        cards.append({
            "id": card.id, "topic": card.topic, "topic_title": topic.title,
            "topic_aliases": list(topic.aliases), "claim": text(card.claim),
            "rebuttal": text(card.rebuttal), "evidence": text(card.evidence),
            "say": text(card.say), "follow_up": text(card.follow_up),
            "raised_by": brief.raisers(card.id), "aliases": list(card.aliases),
            "sources": shorts,
        })
        cards[-1]["match"] = _match_fields(cards[-1])
    fracties = [{"id": f.id, "abbreviation": f.abbreviation, "name": f.name}
                for f in brief.kamer.fracties]
    return {"cards": cards, "fracties": fracties,
            "topics": [{"id": t.id, "title": t.title} for t in brief.meta.topics]}


#: A topic's words name every card on that topic, so they count for less than the card's
#: own id and aliases: "asielstop" must open the asielstop card, not the first asielcrisis card.
TOPIC_WEIGHT = 0.9


def _match_fields(card: dict) -> dict:
    """What a query is matched against, normalised once when the deck is cached:
    ``short`` (whole phrases with their weight), ``long`` (claim and rebuttal) and
    ``words`` (the distinct words of the long fields)."""
    own = [(card["id"], 1.0)] + [(alias, 1.0) for alias in card["aliases"]]
    topic = [(text, TOPIC_WEIGHT) for text in
             (card["topic"], card["topic_title"], *card["topic_aliases"])]
    long = [normalise(text) for text in (card["claim"], card["rebuttal"])]
    return {"short": [(normalise(text), weight) for text, weight in own + topic],
            "long": long,
            "words": sorted({w for text in long for w in text.split() if len(w) > 2})}


def score(query: str, card: dict) -> float:
    """How well ``query`` names ``card``, 0..100.

    Whole-phrase matches on id, topic and aliases count fully (also with spaces and
    hyphens removed, so "optout" finds "opt-out"); words of the claim and rebuttal count
    slightly less, so an alias beats a passing mention.
    """
    from rapidfuzz import fuzz, process

    q = normalise(query)
    if not q:
        return 0.0
    q_joined = q.replace(" ", "")
    fields = card["match"]
    short, long, words = fields["short"], fields["long"], fields["words"]
    best = 0.0
    for text, weight in short:
        whole = max(fuzz.ratio(q, text), fuzz.ratio(q_joined, text.replace(" ", "")))
        if len(q) >= 4 and f" {q} " in f" {text} ":
            whole = max(whole, 97.0)
        best = max(best, weight * whole)
    query_words = [w for w in q.split() if len(w) > 2] or q.split()
    if words and query_words:
        per_word = []
        for word in query_words:
            found = process.extractOne(word, words, scorer=fuzz.ratio)
            per_word.append(found[1] if found else 0.0)
        best = max(best, 0.92 * sum(per_word) / len(per_word))
        # A longer phrase that appears (almost) literally in the claim or rebuttal.
        if len(query_words) > 1:
            best = max(best, 0.95 * max(fuzz.partial_ratio(q, text) for text in long))
    return round(best, 1)


def exact(query: str, cards: list[dict]) -> dict | None:
    """The first card whose own id or alias equals ``query`` (normalised), else ``None``.

    Such a card scores 100, the maximum, so it is also what :func:`score` ranks first;
    finding it this way spares loading the fuzzy matcher for the commonest lookups.
    """
    q = normalise(query)
    joined = q.replace(" ", "")
    for card in cards:
        for text, weight in card["match"]["short"]:
            if weight == 1.0 and (text == q or text.replace(" ", "") == joined):
                return card
    return None


def lookup(ws, query: str, fractie: str | None = None, best_only: bool = False) -> LookupResult:
    """Rank the brief's cards for ``query``; keep those ``fractie`` is expected to raise.

    With ``best_only`` the hits may hold just the best card. Raises UsageError for an
    unknown fractie and BriefError for an invalid brief.
    """
    if not query.strip():
        from .errors import UsageError
        raise UsageError("Geef een zoekwoord, bijvoorbeeld: debatbrief rebut noodwet")
    data = deck(ws)
    cards = data["cards"]
    fractie_name = None
    if fractie is not None:
        found = _find_fractie(data["fracties"], fractie)
        fractie_name = found["abbreviation"]
        cards = [c for c in cards if found["id"] in c["raised_by"]]
        if not cards:
            from .errors import DebatbriefError
            raise DebatbriefError(f"De brief verwacht van {fractie_name} geen van de claims op "
                                  f"de kaarten; zoek zonder --fractie.")
    if best_only and (card := exact(query, cards)) is not None:
        return LookupResult(query, [Hit(card, 100.0)], [Hit(card, 100.0)], fractie_name)
    ranked = sorted((Hit(c, score(query, c)) for c in cards), key=lambda h: -h.score)
    hits = [h for h in ranked if h.score >= MATCH_THRESHOLD]
    return LookupResult(query, hits, ranked[:3], fractie_name)


def _find_fractie(fracties: list[dict], name: str) -> dict:
    from .suggest import match_fractie
    found = match_fractie(name, [(f["id"], f["abbreviation"], f["name"]) for f in fracties])
    for f in fracties:
        if f["id"] == found:
            return f
    from .errors import UsageError
    from .suggest import unknown_choice
    raise UsageError(unknown_choice("fractie", name, [f["abbreviation"] for f in fracties]))
