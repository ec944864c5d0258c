"""Rank rebuttal cards for the few words a lobbyist types while an MP speaks.

The model is BM25, as computed by SQLite's full-text engine (FTS5, in the standard
library's ``sqlite3``), over Snowball stems of the card's words (PyStemmer), so that
"asielzoeker", "asielzoekers" and "Asielzoekers" are one term. A card is indexed in
weighted fields: its own id and aliases, its topic, the claim, the one-liner, the body
(rebuttal, evidence, follow-up question) and the sources it cites (id, author, title).

Each query word is matched to the deck's vocabulary in four ways, each with a
similarity 0..1: the same stem (1.0, when the two words are forms of one word); a word of
its synonym group (a shared Dutch table and the brief's own ``synonyms``; a phrase of the
table typed whole, "bed bad brood", is one query word meaning its group's words); a typo of a
word (rapidfuzz, its ratio), only when the typed word is not itself a Dutch word; part of
a Dutch compound, either way round ("asielmagneet" and "magneet", "woning" and
"huurwoning"), when what is left over is a word too. A weak past participle the stemmer
leaves whole is its verb ("gevraagd", "vragen"); a separable verb that the main clause
splits, its particle last, is one word ("houden ... tegen": "tegenhouden"). A number
keeps its unit ("2,5 miljard", "twee jaar" are one term each; shorthand is written out:
"24 mnd", "100k"). An amount no card has is read by what stands beside it: its rate ("per
jaar") belongs to it, beside a subject it means the deck's measure of that subject ("ww 2
jaar": "ww duur"), and its unit alone ("jaar") reaches no card unless the amount is one
("een jaar" is no amount on a card). A comparison with others ("meer dan buurlanden")
means the deck's comparison with an average. Per word the best match in a card counts,
weighted by that similarity.
Pairs of adjacent query words that also stand together in the card add a phrase bonus;
stop words ("we", "moeten", "het") are no query terms, so they count only inside such a
pair with a real word. Cards are ordered by BM25 times coverage, the share of the query's
words, weighted by how rare they are, that the card contains; a word no card contains
counts as a rare word that the card lacks, and a word found only in the card's answer
(not in its names, topic or claim) counts for less; a card with one word of a query whose
other words no card has is no match (:attr:`Ranked.lone`). The aliases of a topic that has one
card name that card; an alias that is one common word of the language ("veiligheid")
names it for a sure answer only beside another word of the query on the card. Whether a
card is shown as the answer, as one of a short list, or only suggested is decided by
:func:`answers`.

Two halves, to keep ``rebut`` fast: :func:`index_deck` runs when the deck is built and
cached, and stores the whole index (the FTS5 table and the deck's vocabulary, word ->
stem), the synonym groups and two Bloom filters, of the language's words and of its
commonest (from ``wordfreq``, which only the index needs), as one serialized SQLite
database and strings in the deck's JSON; :class:`Ranker` runs per
query, loads that database into memory (well under a millisecond for 100 cards) and
imports only ``sqlite3``, the stemmer and, for a word that is not in the deck, rapidfuzz.
"""

from __future__ import annotations

import math
import zlib

from debatbrief.cards.text import normalise, terms

#: FTS5 columns and their BM25 weights: a word in a card's own aliases names the card;
#: a word in its body may be a passing mention. The titles of the sources a card cites
#: are not searched (a headline says nothing about the card); a source id finds the cards
#: citing it through :func:`debatbrief.cards.lookup.by_source`.
FIELDS = ("own", "topic", "claim", "say", "body")
WEIGHTS = (6.0, 1.5, 2.5, 1.5, 1.0)

#: Snowball algorithm per brief language (``brief.yaml``'s ``language``). For Dutch the
#: original Snowball stemmer (``dutch_porter`` since Snowball 3): the newer ``dutch``
#: strips the prefix "ge-", which makes "gewoon" and "woning" one stem ("woon") and
#: "gemeenten" the stem "meen".
STEMMERS = {"nl": "dutch_porter"}

#: Pronouns the ``stop-words`` list lacks while it has their kin ("ons", "mijn", "uw"),
#: and the auxiliary verbs and fillers it lacks while it has "zal", "kan" and "moet": "gaan"
#: in "huizen gaan naar statushouders" says no more of a card than "worden" does.
MORE_STOP_WORDS = {
    "nl": (
        *("onze", "jullie", "hen", "jouw"),
        *("gaan", "gaat", "ging", "gingen", "zullen", "mogen", "mag", "gewoon", "echt"),
    )
}
#: rapidfuzz ratio (0..100) from which a word counts as a typo of a vocabulary word; only
#: a typed word that is not itself a word of the language (:data:`WORD_FREQUENCY`) may be
#: a typo: "afbraak" is never "afspraak".
TYPO_CUTOFF = 75
TYPO_LENGTH = 2
#: A word of the language, for the typo rule: one that ``wordfreq`` finds at least this
#: often (10 per 100 million words: about 100,000 Dutch words, without the commonest
#: misspellings such as "risco"); kept as a Bloom filter with this share of false positives.
WORD_FREQUENCY = 1e-7
WORD_FILTER_ERROR = 0.001
#: A common word of the language: one of its about 2,500 commonest (``wordfreq``: at least
#: 32 per million words, Zipf 4.5: "veiligheid", "werk", "onderwijs"; not "zorgkosten").
#: An alias that is one such word says the subject, not the claim: it names its card for a
#: sure answer only when the card also covers most of the query (see :attr:`Ranked.named`).
COMMON_FREQUENCY = 10**-4.5
#: Similarity of a word of the typed word's synonym group.
SYNONYM_MATCH = 0.9
#: The longest phrase of the synonym table that is looked for in a query, in words.
PHRASE_SYNONYM_MAX = 4
#: A typed word no card contains weighs like a word on this many cards (see
#: :meth:`Ranker._add_word`); a number no card has ("70") this share of that: the figure
#: an MP names says less about the subject than a word.
UNKNOWN_CARDS = 1
UNKNOWN_NUMBER = 0.25
#: Similarity of a compound match: the query word is the head of a compound in the card
#: ("woning" in "huurwoning") or the card's word is the head of the query's compound
#: ("magneet" in "asielmagneet"); a shared first part ("terug" in "terugkeer") says less.
HEAD_MATCH = 0.65
MODIFIER_MATCH = 0.5
#: Similarity of words that share a stem but not their meaning: the stemmer maps
#: "uitzondering" and "uitzonderlijk", or "werking" and "werk", to one stem.
DERIVED_MATCH = 0.8
#: Endings that make another form of the same word (plural, conjugation, inflected
#: adjective, comparison), after doubled vowels are made single ("aanvraag", "aanvragen").
INFLECTIONS = frozenset(
    {
        "",
        "e",
        "n",
        "en",
        "s",
        "es",
        "t",
        "d",
        "de",
        "te",
        "den",
        "ten",
        "er",
        "ere",
        "st",
        "ste",
        "end",
        "ende",
    }
)
#: Shorthand a lobbyist types for the unit of a number ("24 mnd", "19 mld", "2,5 mrd"):
#: read as the unit the cards write out, so that the number and its unit are one term, as
#: on the cards (:func:`debatbrief.cards.text.terms`). A "k" after a number is thousand
#: ("100k" is 100000). Only after a digit: "mnd" alone is the synonym table's.
SHORT_UNITS = {
    "mnd": "maanden",
    "mndn": "maanden",
    "mln": "miljoen",
    "mld": "miljard",
    "mrd": "miljard",
    "jr": "jaar",
    "pct": "procent",
}
#: Words that name a figure of a subject ("aow leeftijd", "ww duur"): a number typed
#: beside the subject, which no card has, means the measure the deck names with it.
MEASURES = (
    *("leeftijd", "duur", "termijn", "hoogte", "bedrag", "niveau", "percentage", "norm"),
    *("grens", "plafond", "maximum", "minimum", "aantal", "tarief"),
)
#: Words that bound a number rather than name what it counts ("max 1 jaar", "ruim 2
#: miljard"): the subject of the number is the word before them.
BOUNDS = frozenset(
    "max maximaal maximum min minimaal minimum ruim bijna circa ongeveer hooguit hoogstens minstens".split()
)
#: Comparatives that, with "dan", compare with others ("meer dan buurlanden"), and the
#: words with which a card compares with them: an average. Not after "dan": words of time.
COMPARATIVES = frozenset("meer minder hoger lager groter kleiner vaker".split())
AVERAGES = ("gemiddeld", "gemiddelde", "vergeleken", "vergelijking")
TIMES = frozenset("ooit vroeger voorheen nu gisteren vorig vorige verwacht gedacht".split())
#: The word of a rate after an amount ("per jaar", "per maand").
RATE = "per"
#: Separable particles before the "ge-" of a past participle ("afgeschaft", "opgevangen").
PARTICLES = (
    "",
    "aan",
    "af",
    "bij",
    "door",
    "in",
    "mee",
    "na",
    "om",
    "op",
    "over",
    "terug",
    "toe",
    "uit",
    "vast",
    "voor",
    "weg",
)
#: Particles of separable verbs that a main clause puts last ("houden ... tegen").
SEPARABLE = frozenset("aan af bij dicht door in mee op open over tegen terug toe uit vast weg".split())
#: Similarity of a word of the deck to a word the live search is still typing, that it
#: begins with.
TYPING_MATCH = 0.9
#: The shortest stem that takes part in compound matching, and the shortest remainder.
COMPOUND_MIN = 5
#: Linking letters between the parts of a Dutch compound ("arbeid-s-migratie").
LINKS = ("s", "e", "en")
#: At most this many longer words are taken as compounds of a query word, per direction
#: (the shortest first): "asiel" begins hundreds of words in a large deck.
COMPOUND_LIMIT = 12
#: Extra weight (times the word's IDF) of a word that is one of the card's own names (its
#: id or an alias): BM25 saturates a word's count, so field weights alone cannot make a
#: card's name outweigh two passing mentions elsewhere.
OWN_BONUS = 1.0
#: From this coverage (0..1) a card is a match rather than a suggestion, provided what it
#: covers weighs at least MIN_EVIDENCE (summed IDF: 1.0 is about one word found on a
#: third of the cards).
MATCH_COVERAGE = 0.65
MIN_EVIDENCE = 1.0
#: Without a match, the best card is still shown when the query names it (a word of its
#: id or an alias, see :attr:`Ranked.named`), it covers this much of the query and its score
#: is LEAD times that of the next card ("noodwet invoeren"); or, named or not, when it
#: covers a share of the query with at least a number of its words and leads the next card
#: by a factor (DOMINANT: the less it covers, the further ahead it must be, and from half
#: the query only with two words: one word shared with one card is no answer). Among
#: matches, the best is the one answer when it leads the next match by LEAD; otherwise the
#: matches within LIST_RATIO of the best are shown as a list, at most LIST_MAX.
NAMED = SYNONYM_MATCH
LEAD_COVERAGE = 0.3
LEAD = 1.5
DOMINANT = ((0.6, 1, 3.0), (0.5, 2, 3.5))
#: When every word of the query is a word of the brief (no word points to another
#: subject), a card that covers this share of it with two of its words or more, and leads
#: the next by :data:`LEAD`, answers: a paraphrase in the brief's own words ("gemeenten
#: niet dwingen azc"), not a phrase on another subject that shares one word with a card.
ALL_KNOWN_COVERAGE = 0.5
#: A card that is no match and that the query does not name answers from words found only
#: in what it says back (its answer, or the document's arguments), none in its names,
#: topic or claim, only when it leads the next card by this factor (the first of
#: :data:`DOMINANT`): such words say what the card answers, not what the MP claims.
ANSWER_ONLY_LEAD = 3.0
LIST_RATIO = 3.0
LIST_MAX = 4
#: The fields that say what the card is about: its names, its topic and the claim (what
#: the MP says). A query word found only in the answer (what the card says back: the
#: one-liner, the rebuttal, the evidence, the follow-up question) is weaker evidence that
#: the MP is making this claim; it counts this share of its weight towards the coverage.
MAIN_FIELDS = ("own", "topic", "claim")
BODY_COVERAGE = 0.7
#: A query word found only in the wording of the document's arguments on the card's topic
#: (an MP paraphrasing the document, not quoting the card): its BM25 score in that table
#: counts this share, and its weight this share towards the coverage. Its IDF is that of
#: the cards that have the word themselves, when some have.
ARGUMENT_WEIGHT = 0.3
ARGUMENT_COVERAGE = 0.5
#: Words that add nothing to the word beside them: "de instroom" is "instroom", and a card
#: with "de instroom" says no more of it than one with "hoge instroom".
ARTICLES = frozenset({"de", "het", "een", "den", "der", "des"})
#: Share of its IDF that a phrase of a stop word and a word adds to the coverage: the
#: stop word says little beside the word, which counts on its own already.
STOP_PAIR = 0.5
#: Weight of an adjacent pair of query words found together in the card.
PHRASE_WEIGHT = 0.5


def spelled_out(query: str) -> str:
    """``query`` with the shorthand of :data:`SHORT_UNITS` after a number written out, and a
    number with "k" as thousands ("100k" -> "100000", "2,5k" -> "2500")."""
    import re

    def thousands(found: re.Match) -> str:
        return f"{round(float(found[1].replace(',', '.')) * 1000)}"

    text = re.sub(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s?k(?!\w)", thousands, query, flags=re.IGNORECASE)
    units = "|".join(SHORT_UNITS)
    pattern = rf"(?<=\d)\s*({units})\.?(?!\w)"
    return re.sub(pattern, lambda m: f" {SHORT_UNITS[m[1].casefold()]}", text, flags=re.IGNORECASE)


def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer(STEMMERS[language])


def index_deck(
    cards: list[dict],
    language: str,
    synonyms: list[list[str]] | None = None,
    arguments: list[str] | None = None,
) -> dict:
    """Index the deck's cards (dicts as built by ``lookup._build_deck``) and return the
    index the :class:`Ranker` reads, as JSON-ready data: ``language``, ``stop`` (the
    language's stop words, as words and as stems), ``words`` (the deck's words, one per
    line, for the typo search), ``synonyms`` (stem -> the stems of the other words of its
    groups, see :func:`synonym_table`), ``dutch`` (:func:`word_filter`) and ``db`` (base64
    of a serialized SQLite database: the FTS5 table ``cards``, one row per card in deck
    order, one column of stems per :data:`FIELDS`; the FTS5 table ``arguments``, the stems
    of ``arguments`` (per card, the wording of the document's arguments it belongs to) in
    the same rows; the vocabulary ``words`` (word, stem,
    word reversed) and ``stems`` (stem, stem reversed)). Adds to each card
    ``match["names"]``: the stems of its id and of each alias.

    Runs when the deck is built: the stop-word list comes from the ``stop-words``
    package, the stems from Snowball via PyStemmer, the language's words from ``wordfreq``;
    ``synonyms`` are the brief's own groups.
    """
    import base64

    from stop_words import get_stop_words

    stemmer = _stemmer(language)
    words: dict[str, str] = {}

    def stems(texts) -> str:
        tokens = terms(" ".join(texts))
        out = stemmer.stemWords(tokens)
        words.update(zip(tokens, out, strict=True))
        return " ".join(out)

    db = _card_table(cards, stems, arguments or [])
    _vocabulary_tables(db, words)
    stop = sorted(
        normalise(" ".join([*get_stop_words(language), *MORE_STOP_WORDS.get(language, ())])).split()
    )
    return {
        "language": language,
        "stop": sorted(set(stop) | set(stemmer.stemWords(stop))),
        "words": "\n".join(sorted(words)),
        "synonyms": synonym_table(stemmer, list(synonyms or ()), words),
        "dutch": word_filter(language),
        "common": word_filter(language, COMMON_FREQUENCY),
        "db": base64.b64encode(db.serialize()).decode("ascii"),
    }


def _card_table(cards: list[dict], stems, arguments: list[str]):
    """An in-memory SQLite database with the FTS5 table of the cards' stems per field
    (a number with its unit is one token: ``_`` is a token character), and the table of
    their arguments' stems (a table of its own: its long texts must not change the cards'
    BM25 length normalisation)."""
    import sqlite3

    per_topic: dict[str, int] = {}
    for card in cards:
        per_topic[card["topic"]] = per_topic.get(card["topic"], 0) + 1
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA page_size = 1024")  # small pages: the database travels in JSON
    tokenize = "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\""
    db.execute(f"CREATE VIRTUAL TABLE cards USING fts5({', '.join(FIELDS)}, content='', {tokenize})")
    db.execute(f"CREATE VIRTUAL TABLE arguments USING fts5(argument, content='', {tokenize})")
    for position, text in enumerate(arguments):
        if text.strip():
            db.execute("INSERT INTO arguments (rowid, argument) VALUES (?, ?)", (position, stems([text])))
    for position, card in enumerate(cards):
        parts = {
            "own": [card["id"].replace("-", " "), *card["aliases"]],
            "topic": [card["topic"], card["topic_title"], *card["topic_aliases"]],
            "claim": [card["claim"]],
            "say": [card["say"]],
            "body": [card["rebuttal"], card["evidence"], card["follow_up"]],
        }
        db.execute(
            f"INSERT INTO cards (rowid, {', '.join(FIELDS)}) VALUES (?, {', '.join('?' * len(FIELDS))})",
            (position, *(stems(parts[f]) for f in FIELDS)),
        )
        # The aliases of a topic with this one card name it as well as its own do.
        names = parts["own"] + (card["topic_aliases"] if per_topic[card["topic"]] == 1 else [])
        card["match"]["names"] = [stems([name]) for name in names]
    return db


def _vocabulary_tables(db, words: dict[str, str]) -> None:
    """Add the deck's words and stems to ``db`` and compact it."""
    db.executescript(
        "CREATE TABLE words (word TEXT PRIMARY KEY, stem TEXT, drow TEXT) WITHOUT ROWID;"
        "CREATE INDEX words_stem ON words (stem); CREATE INDEX words_drow ON words (drow);"
        "CREATE TABLE stems (stem TEXT PRIMARY KEY, mets TEXT) WITHOUT ROWID;"
        "CREATE INDEX stems_mets ON stems (mets);"
    )
    db.executemany("INSERT INTO words VALUES (?, ?, ?)", sorted((w, s, w[::-1]) for w, s in words.items()))
    db.executemany("INSERT INTO stems VALUES (?, ?)", sorted((s, s[::-1]) for s in set(words.values())))
    db.execute("INSERT INTO cards (cards) VALUES ('optimize')")
    db.execute("INSERT INTO arguments (arguments) VALUES ('optimize')")
    db.commit()
    db.execute("VACUUM")


def synonym_table(
    stemmer, extra: list[list[str]], deck: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """Stem (or stems of a phrase, joined by spaces) -> the stems of every other word in its
    synonym groups: the shared table ``synonyms-nl.txt`` beside this module, then the
    brief's own ``extra`` groups. A phrase of several words in a group ("europese unie") is
    what a single word of the group may mean, as the whole phrase (its stems joined by
    spaces: "rvu" is "eerder stoppen", not "eerder" and "werk"); its own words mean
    nothing more ("unie" is not "eu"); typed whole, it means the group's other single words. A line of the
    table with ``>`` is one way: the phrases left of it ("uit de hand lopen") mean the words
    right of it ("oplopen"), not the other way round (an idiom's words are no synonyms).
    A word of a group also means the ``deck``'s forms of it (word -> stem) that the stemmer
    gives another stem ("stijgen" and "stijgt")."""
    from pathlib import Path

    path = Path(__file__).with_name("synonyms-nl.txt")
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    forms = _deck_forms(deck or {})
    table: dict[str, set[str]] = {}

    def add(keys: list[str], meant: list[str]) -> None:
        # Per entry meant: the stems of its words, and for a single word its forms.
        entries = []
        for phrase in meant:
            words = terms(phrase)
            single = {*stemmer.stemWords(words), *forms(words[0])} if len(words) == 1 else set()
            # A phrase is meant whole: "rvu" is "eerder stoppen", not "eerder" and "werk".
            entries.append((phrase.strip(), single or {" ".join(stemmer.stemWords(words))}, single))
        for key in keys:
            own = stemmer.stemWords(terms(key))
            if not own:
                continue
            # A word means every word of the other entries; a phrase only the whole
            # words ("zware beroepen" is not "werk" of "zwaar werk").
            others = set().union(*(e[1] if len(own) == 1 else e[2] for e in entries if e[0] != key.strip()))
            table.setdefault(" ".join(own), set()).update(others - set(own))

    for left, right in (line.split(">", 1) for line in lines if ">" in line):
        add(left.split(","), right.split(","))
    for group in [*(line.split(",") for line in lines if ">" not in line), *extra]:
        add(group, group)
    return {stem: sorted(others) for stem, others in sorted(table.items()) if others}


def _deck_forms(deck: dict[str, str]):
    """A function: word -> the stems of the deck's words (``deck``: word -> stem) that are
    forms of it (:func:`_inflected`)."""
    by_start: dict[str, list[str]] = {}
    for word in deck:
        by_start.setdefault(word[:3], []).append(word)

    def forms(word: str) -> set[str]:
        # Sharing four letters at least: "leger" and "legt" are no forms of one word.
        return {deck[w] for w in by_start.get(word[:3], ()) if w[:4] == word[:4] and _inflected(word, w)}

    return forms


#: The filter's bits, six to a character of this alphabet (bit ``i`` is bit ``i % 6`` of
#: character ``i // 6``): JSON carries it as a plain string, and a question reads one
#: character per hash without decoding the whole filter (base64 would cost a millisecond).
SIXBITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def word_filter(language: str, frequency: float = WORD_FREQUENCY) -> dict | None:
    """A Bloom filter of the language's words (normalised) found at least ``frequency``
    times per word, as JSON-ready data: ``bits`` (:data:`SIXBITS` characters), ``size`` in
    bits, ``hashes``; ``None`` when ``wordfreq`` lacks the language. :class:`WordFilter`
    answers from it in microseconds.

    Building it reads wordfreq's list (about 0.9 s of CPU for Dutch), which every new deck
    would pay after an edit of the cards; so it is kept in the user's cache folder, keyed
    by the language, the frequency, the filter's error rate and wordfreq's version."""
    kept = _kept_filter(language, frequency)
    if kept is not None:
        return kept
    try:
        from wordfreq import get_frequency_dict

        frequencies = get_frequency_dict(language, wordlist="large")
    except (ImportError, LookupError, OSError):
        return None
    built = _built_filter(frequencies, frequency)
    _keep_filter(language, frequency, built)
    return built


def _filter_file(language: str, frequency: float):
    """Where the filter of ``language`` at ``frequency`` is kept, or ``None`` (no cache)."""
    from importlib.metadata import PackageNotFoundError, version

    from debatbrief.base.paths import cache_dir

    folder = cache_dir()
    try:
        source = version("wordfreq")
    except PackageNotFoundError:
        return None
    if folder is None:
        return None
    key = zlib.crc32(f"{language} {frequency!r} {WORD_FILTER_ERROR!r} {source}".encode())
    return folder / f"words-{language}-{key:08x}.json"


def _kept_filter(language: str, frequency: float) -> dict | None:
    """The kept filter, when there is a whole one (anything else: ``None``, built anew)."""
    import json

    from debatbrief.base.paths import read_regular

    path = _filter_file(language, frequency)
    if path is None:
        return None
    try:
        data = json.loads(read_regular(path))
        bits, size, hashes = str(data["bits"]), int(data["size"]), int(data["hashes"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if len(bits) != (size + 5) // 6 or not 0 < hashes < 64 or set(bits) - set(SIXBITS):
        return None
    return {"bits": bits, "size": size, "hashes": hashes}


def _keep_filter(language: str, frequency: float, data: dict) -> None:
    """Write the filter atomically; a failure only costs the next deck its build time."""
    import json

    from debatbrief.base.paths import write_cache_file

    path = _filter_file(language, frequency)
    if path is not None:
        write_cache_file(path, json.dumps(data).encode("utf-8"))


def _built_filter(frequencies: dict[str, float], frequency: float) -> dict:
    """The Bloom filter of the words of ``frequencies`` at least ``frequency``."""
    known = {normalise(w) for w, f in frequencies.items() if f >= frequency}
    words = sorted(w for w in known if w and " " not in w)
    size = max(64, math.ceil(-len(words) * math.log(WORD_FILTER_ERROR) / math.log(2) ** 2))
    hashes = max(1, round(size / max(len(words), 1) * math.log(2)))
    values = [0] * ((size + 5) // 6)
    for word in words:
        for position in _positions(word, size, hashes):
            values[position // 6] |= 1 << (position % 6)
    return {"bits": "".join(SIXBITS[v] for v in values), "size": size, "hashes": hashes}


def _positions(word: str, size: int, hashes: int):
    data = word.encode("utf-8")
    first, second = zlib.crc32(data), zlib.crc32(data[::-1] + b"\x01") | 1
    return ((first + i * second) % size for i in range(hashes))


class WordFilter:
    """Whether a normalised word is a word of the language (:func:`word_filter`); without
    a filter (or with a damaged one), every word is, so no typo is guessed."""

    __slots__ = ("_bits", "_size", "_hashes")

    def __init__(self, data: dict | None) -> None:
        data = data or {}  # none: no filter, as with a damaged cache
        try:
            self._bits = str(data["bits"])
            self._size, self._hashes = int(data["size"]), int(data["hashes"])
        except (TypeError, KeyError, ValueError):  # none, or a damaged cache
            self._bits, self._size, self._hashes = "", 0, 0
        if len(self._bits) * 6 < self._size:
            self._size = 0

    def __contains__(self, word: str) -> bool:
        if not self._size:
            return True
        bits, find = self._bits, SIXBITS.find
        return all(find(bits[p // 6]) >> (p % 6) & 1 for p in _positions(word, self._size, self._hashes))


def _inflected(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are forms of one word: equal up to an inflectional ending,
    allowing the long vowel of a closed syllable to be written single in an open one
    ("aanvraag", "aanvragen"; "groot", "grote"), but not "gaat" and "gat"."""
    if _same_but_ending(a, b):
        return True
    for long, short in ((a, b), (b, a)):
        single = _single_last_vowel(long)
        if single != long and _same_but_ending(single, short, open_syllable=True):
            return True
    return False


def _same_but_ending(a: str, b: str, open_syllable: bool = False) -> bool:
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    rest_a, rest_b = a[common:], b[common:]
    if open_syllable and not rest_b.startswith("e"):
        return False  # a single vowel stands for a long one only before a syllable
    return rest_a in INFLECTIONS and rest_b in INFLECTIONS


def _single_last_vowel(word: str) -> str:
    """``word`` with its last doubled vowel (aa, ee, oo, uu) written single."""
    for i in range(len(word) - 2, -1, -1):
        if word[i] == word[i + 1] and word[i] in "aeou":
            return word[:i] + word[i + 1 :]
    return word


def _derived(a: str, b: str) -> bool:
    """Whether two words the stemmer made one, but that are no forms of one word, still
    share a meaning: one is the start of the other ("werk", "werking"), or they share
    their first five letters ("uitzondering", "uitzonderlijk"); not "raad" and "rad",
    "staat" and "state", "plaats" and "plat"."""
    short, long = sorted((a, b), key=len)
    return (len(short) >= 4 and long.startswith(short)) or (len(short) >= 5 and a[:5] == b[:5])


def _after_prefix(prefix: str) -> str:
    """The first string after every string that starts with ``prefix`` (for a range)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Ranked:
    """One card's place for a query: ``position`` in the deck, ``order`` (higher first),
    ``coverage`` (0..1, the IDF-weighted share of the query the card contains),
    ``evidence`` (the summed IDF of what it contains) and ``named`` (0..1, how fully the
    query says one of the card's own names: its id or an alias), ``words`` (how many of the
    query's words it contains) and ``known`` (its coverage of the query without the numbers
    no card has: "70" in "aow naar 70" says nothing about which card), ``specific`` (as
    ``named``, without the names that are one common word of the language, see
    :data:`COMMON_FREQUENCY`: "veiligheid" in "veiligheid vrouwen op straat" names the
    defence card's subject, not its claim; :func:`answers` reads it when the card has no
    other word of the query), ``strangers`` (how many of the query's words no card of the
    brief contains, the same for every card), ``own`` (its coverage of the query by the
    words of its :data:`MAIN_FIELDS` alone: what the card is about, not what it answers
    back; see :data:`ANSWER_ONLY_LEAD`)."""

    __slots__ = (
        "position",
        "order",
        "coverage",
        "evidence",
        "named",
        "words",
        "known",
        "specific",
        "strangers",
        "own",
    )

    def __init__(
        self,
        position: int,
        order: float,
        coverage: float,
        evidence: float,
        named: float = 0.0,
        words: int = 0,
        known: float = 0.0,
        specific: float | None = None,
        strangers: int = 0,
        own: float | None = None,
    ) -> None:
        self.position, self.order = position, order
        self.coverage, self.evidence, self.named = coverage, evidence, named
        self.words, self.known = words, known
        self.specific = named if specific is None else specific
        self.strangers = strangers
        self.own = coverage if own is None else own

    @property
    def score(self) -> float:
        """What the cards are sorted by: BM25 times coverage (Lucene's classic "coord":
        a card with more of the query's words goes first)."""
        return self.order * self.coverage

    @property
    def match(self) -> bool:
        """Whether the card covers most of the query, and what it covers is not only words
        found on many cards, nor one word beside words no card has (:attr:`lone`)."""
        return self.coverage >= MATCH_COVERAGE and self.evidence >= MIN_EVIDENCE and not self.lone

    @property
    def lone(self) -> bool:
        """Whether the card has one word of the query, and the query words no card has:
        "100k woningen" shares "woningen" with a card on housing for refugees, and the
        figure, which no card gives, says the MP speaks of something else. A number no card
        has weighs little in the coverage (:data:`UNKNOWN_NUMBER`), so such a card may cover
        most of the query; it answers only when the query names it (:func:`answers`)."""
        return self.words < 2 and self.strangers > 0


def answers(ranked: list[Ranked]) -> list[Ranked]:
    """The cards to show for a ranked list (best first).

    One card when it is the only match or leads the next match by :data:`LEAD`; several
    matches of about the same score as a short list (a word on several cards: "aow"). A
    card the query names (a whole alias: "noodwet asiel") that ranks above the best match
    is shown before it. Without a match, the best card alone when the query names it, it
    covers :data:`LEAD_COVERAGE` of the query and leads the next card by :data:`LEAD` (a
    half-heard sentence with a word no card has), or when it covers
    a share of the query and leads by a factor of :data:`DOMINANT`, provided some word of
    the query is in its names, topic or claim or it leads by :data:`ANSWER_ONLY_LEAD`;
    several cards the query names, of about the same score, as a list; else none.
    """
    if not ranked:
        return []
    best, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else None
    matches = [r for r in ranked if r.match]
    # A name that is one common word ("veiligheid") names the card only with a second word
    # of the query found on it: alone, it says the subject, not the claim.
    said = best.specific if best.words < 2 else best.named
    named = said >= NAMED and best.coverage >= LEAD_COVERAGE and not best.match
    if matches:
        first = matches[0]
        if named and best.score >= first.score:
            return [best, first]
        if len(matches) == 1 or first.score >= LEAD * matches[1].score:
            return _with_named(first, ranked)
        return [r for r in matches if r.score * LIST_RATIO >= first.score][:LIST_MAX]
    lead = best.score / runner_up.score if runner_up is not None and runner_up.score else math.inf
    # Without a match or a name, the query must say something of what the card is about
    # (its names, topic or claim), not only words of what it answers back or of the
    # document's arguments ("syriers terug" is no claim of the card that cites Syriërs),
    # unless no other card comes near (ANSWER_ONLY_LEAD).
    if best.own <= 0 and not named and lead < ANSWER_ONLY_LEAD:
        return _listed(best, ranked)
    if best.evidence >= MIN_EVIDENCE and (
        (named and lead >= LEAD)
        or any(
            best.coverage >= share and best.words >= words and lead >= factor and not best.lone
            for share, words, factor in DOMINANT
        )
    ):
        return [best]
    if (
        best.evidence >= MIN_EVIDENCE
        and best.strangers == 0
        and best.coverage >= ALL_KNOWN_COVERAGE
        and best.words >= 2
        and lead >= LEAD
    ):
        return _with_named(best, ranked)
    return _listed(best, ranked)


def _listed(best: Ranked, ranked: list[Ranked]) -> list[Ranked]:
    """Without one answer: the cards the query names alike, or that all hold what it says
    of the brief, as a list; else none."""
    # Cards the query names with about the same score ("statushouders aan het werk"), or
    # a common word that names some of the cards ("aow", "aow naar 70": what no card has
    # cannot tell them apart): those cards, as a list.
    named_alike = [
        r
        for r in ranked[:LIST_MAX]
        if r.named >= NAMED
        and r.evidence >= MIN_EVIDENCE
        and r.coverage >= LEAD_COVERAGE
        and r.score * LIST_RATIO >= best.score
    ]
    if len(named_alike) > 1:
        return named_alike
    shared = [r for r in ranked if r.known >= 0.99 and r.named > 0]
    return shared[:LIST_MAX] if len(shared) > 1 else []


def _with_named(first: Ranked, ranked: list[Ranked]) -> list[Ranked]:
    """``first`` as the answer, and beside it the cards the query names by an alias, not
    far behind, that are no match themselves (the lobbyist sees both)."""
    beside = [
        r
        for r in ranked[:LIST_MAX]
        if r is not first
        and r.named >= NAMED
        and not r.match
        and r.coverage >= LEAD_COVERAGE
        and r.score * LIST_RATIO >= first.score
    ]
    return [first, *beside][:LIST_MAX]


class _Tally:
    """What :meth:`Ranker.rank` adds up per card while it reads the query's words."""

    def __init__(self, n: int) -> None:
        self.order, self.covered, self.named = [0.0] * n, [0.0] * n, [0.0] * n
        self.own = [0.0] * n
        self.specific = [0.0] * n
        self.words = [0] * n
        self.total = self.unknown = 0.0
        self.strangers = 0


class Vocabulary:
    """The deck's words, and which of them a query word may mean (:meth:`candidates`).

    Reads the vocabulary tables of the deck's index database ``db``; the synonym groups
    and the language's word filter come from the index (:func:`index_deck`). Candidates
    are kept per word, so the live search, which asks again at every key, reuses them.
    """

    def __init__(self, db, index: dict, stem, stop: frozenset[str]) -> None:
        self._db, self._stem, self.stop = db, stem, stop
        self._candidates: dict[str, dict[str, float]] = {}
        self._known: dict[str, bool] = {}
        self._words: str = index["words"]
        self._vocabulary: list[str] | None = None
        #: Stem, or a phrase's stems joined by spaces -> stems it may mean (synonym_table).
        self.synonyms: dict[str, list[str]] = index.get("synonyms") or {}
        self._language = WordFilter(index.get("dutch"))

    def _query(self, sql: str, *args) -> list[tuple]:
        return self._db.execute(sql, args).fetchall()

    def known(self, stem: str) -> bool:
        """Whether some card has a word with this stem."""
        found = self._known.get(stem)
        if found is None:
            found = self._known[stem] = bool(self._query("SELECT 1 FROM stems WHERE stem = ?", stem))
        return found

    def has(self, term: str) -> bool:
        """Whether some card has this stem, or this phrase (stems joined by spaces), in its
        own text or in its arguments."""
        if " " not in term:
            return self.known(term)
        found = self._known.get(term)
        if found is None:
            found = self._known[term] = any(
                self._query(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", f'"{term}"')
                for table in ("cards", "arguments")
            )
        return found

    def is_word(self, token: str) -> bool:
        """Whether ``token`` (normalised) is a word of the brief's language or of the deck."""
        return token in self._language or bool(self._query("SELECT 1 FROM words WHERE word = ?", token))

    def ambiguous(self, prefix: str) -> bool:
        """Whether a word still being typed may mean something else once finished: it is
        the start of longer words of the deck and is itself a word ("open", "openbrak"),
        or those longer words have more than one stem ("acht": "achteraf",
        "achterstanden")."""
        if not prefix:
            return False
        stems = {
            stem
            for (stem,) in self._query(
                "SELECT DISTINCT stem FROM words WHERE word > ? AND word < ? LIMIT 2",
                prefix,
                _after_prefix(prefix),
            )
        }
        return len(stems) > 1 or (bool(stems) and self.is_word(prefix))

    @property
    def vocabulary(self) -> list[str]:
        """Every word of the deck, sorted (split on first use: only typos need it)."""
        if self._vocabulary is None:
            self._vocabulary = self._words.split("\n")
        return self._vocabulary

    def candidates(self, token: str) -> dict[str, float]:
        """The deck's stems this query word may mean, with a similarity 0..1."""
        found = self._candidates.get(token)
        if found is not None:
            return found
        stem = self._stem(token)
        found = self._same_stem(token, stem)
        if not found:
            found = self._participle(token)
        if not found and len(token) >= 4 and token.isalpha() and not self.is_word(token):
            found = self._typos(token)
        if not found:
            found = self._shorter(token)
        if not found and "_" in token and token[0].isdigit():
            found = self._unit(token)
        extra = [(other, SYNONYM_MATCH) for other in self.synonyms.get(stem, ()) if self.has(other)]
        word = self.is_word(token)
        extra += [
            *self._parts(token, "words", "word", "drow", word),
            *self._parts(stem, "stems", "stem", "mets", word),
        ]
        for other, similarity in extra:
            if other not in self.stop and similarity > found.get(other, 0.0):
                found[other] = similarity
        self._candidates[token] = found
        return found

    def _same_stem(self, token: str, stem: str) -> dict[str, float]:
        """The stem itself when a word of the deck with it is a form of ``token`` (1.0) or
        derived from it (:data:`DERIVED_MATCH`); nothing when the stemmer merged two
        different words ("gaat" and "gat")."""
        if not self.known(stem):
            return {}
        forms = [w for (w,) in self._query("SELECT word FROM words WHERE stem = ?", stem)]
        if any(_inflected(token, w) for w in forms):
            return {stem: 1.0}
        if any(_derived(token, w) for w in forms):
            return {stem: DERIVED_MATCH}
        return {}

    def has_form(self, word: str) -> bool:
        """Whether the deck has ``word`` or another form of it ("terugdraait":
        "terugdraaien")."""
        if self._same_stem(word, self._stem(word)):
            return True
        start = word[: max(4, len(word) - 3)]
        rows = self._query("SELECT word FROM words WHERE word >= ? AND word < ?", start, _after_prefix(start))
        return any(_inflected(word, w) for (w,) in rows)

    def _participle(self, token: str) -> dict[str, float]:
        """The verb of a weak past participle the stemmer leaves whole ("gevraagd": the stem
        of "vragen"; "afgeschaft": of "afschaffen"), when the deck has a form of it."""
        for particle in PARTICLES:
            start = len(particle) + 2
            if (
                len(token) >= start + 4
                and token.startswith(particle)
                and token[len(particle) : start] == "ge"
                and token[-1] in "dt"
            ):
                root = particle + token[start:-1]
                stem = self._stem(root)
                if self.known(stem) and any(
                    _inflected(root, w) for (w,) in self._query("SELECT word FROM words WHERE stem = ?", stem)
                ):
                    return {stem: 1.0}
        return {}

    def _shorter(self, token: str) -> dict[str, float]:
        """Stems of the deck's words that ``token`` extends by a suffix of at most three
        letters ("krapte" and "krap": :data:`DERIVED_MATCH`), and for a bare number the
        deck's amounts of that number ("460" and "460 euro": 1.0)."""
        if token.isdigit():
            return {
                stem: 1.0
                for (stem,) in self._query(
                    "SELECT stem FROM words WHERE word >= ? AND word < ?",
                    f"{token}_",
                    _after_prefix(f"{token}_"),
                )
            }
        cuts = range(max(4, len(token) - 3), len(token))
        if not token.isalpha() or not cuts:
            return {}
        shorter = [token[:cut] for cut in cuts]
        return {
            stem: DERIVED_MATCH
            for (stem,) in self._query(
                f"SELECT stem FROM words WHERE word IN ({', '.join('?' * len(shorter))})", *shorter
            )
            if stem not in self.stop
        }

    def _unit(self, token: str) -> dict[str, float]:
        """For an amount of one no card has ("1_jaar": the cards write "een jaar", which is
        no amount, "een" being the article too), the stem of its unit, when the deck has it
        (:data:`DERIVED_MATCH`). Any other amount the cards would write as one ("twee jaar"
        is ``2_jaar``): when none has it, its unit alone would lead to every card that says
        "jaar" ("beslisstop 2 jaar"), so it reaches nothing."""
        number, unit = token.rsplit("_", 1)
        if number != "1":
            return {}
        stem = self._stem(unit)
        return {stem: DERIVED_MATCH} if unit.isalpha() and stem not in self.stop and self.known(stem) else {}

    def _typos(self, token: str) -> dict[str, float]:
        """Stems of the deck's words ``token`` is a typo of (rapidfuzz ratio / 100): at most
        :data:`TYPO_LENGTH` letters longer or shorter ("stikstofslot" is a compound of
        "stikstof", not a typo of it)."""
        from rapidfuzz import fuzz, process

        found: dict[str, float] = {}
        for word, ratio, _ in process.extract(
            token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=5
        ):
            if abs(len(word) - len(token)) > TYPO_LENGTH:
                continue
            other = self._query("SELECT stem FROM words WHERE word = ?", word)[0][0]
            if other not in self.stop:
                found[other] = max(found.get(other, 0.0), ratio / 100)
        return found

    def _parts(self, word: str, table: str, column: str, reversed_column: str, real: bool = False):
        """(stem, similarity) for the deck's words (or stems) that form a compound with
        ``word``: one at the start or end of ``word``, or ``word`` at the start or end of
        one, leaving at least three letters over that are a word themselves (see
        :meth:`_part`: "verplicht" is no compound of "licht"). A ``real`` word (one of the
        language) is not taken as the first part of a longer one: "boven" is not
        "bovendien"."""
        if len(word) < COMPOUND_MIN or not word.isalpha():
            return
        cuts = range(COMPOUND_MIN, len(word) - 2)
        for parts, similarity in (
            ({word[:cut]: word[cut:] for cut in cuts}, MODIFIER_MATCH),
            ({word[-cut:]: word[:-cut] for cut in cuts}, HEAD_MATCH),
        ):
            if parts:
                marks = ", ".join("?" * len(parts))
                for part, stem in self._query(
                    f"SELECT {column}, stem FROM {table} WHERE {column} IN ({marks})", *parts
                ):
                    if self._part(parts[part]):
                        yield stem, similarity
        ends = [(word[::-1], reversed_column, HEAD_MATCH, lambda longer: longer[: -len(word)])]
        if not real:
            ends.append((word, column, MODIFIER_MATCH, lambda longer: longer[len(word) :]))
        for key, searched, similarity, rest in ends:
            for longer, stem in self._query(
                f"SELECT {column}, stem FROM {table} WHERE {searched} >= ? AND "
                f"{searched} < ? AND length({searched}) >= ? ORDER BY length({searched}) "
                "LIMIT ?",
                key,
                _after_prefix(key),
                len(key) + 3,
                COMPOUND_LIMIT,
            ):
                if self._part(rest(longer)):
                    yield stem, similarity

    def _part(self, rest: str) -> bool:
        """Whether ``rest``, what a compound leaves beside a word, is a word itself (of the
        language or the deck), or one with a linking "s" or "e(n)": after a first part
        ("arbeids", "woningen"), or before a last part, when the first part is the word
        ("gezinshereniging-s-beleid")."""
        forms = [
            rest,
            *(rest[: -len(link)] for link in LINKS if rest.endswith(link)),
            *(rest[len(link) :] for link in LINKS if rest.startswith(link)),
        ]
        return any(len(form) >= 3 and self.is_word(form) for form in forms)

    def typing(self, token: str) -> dict[str, float]:
        """:meth:`candidates` for a word still being typed: also every word of the deck it
        begins (similarity :data:`TYPING_MATCH`)."""
        found = dict(self.candidates(token))
        if len(token) >= 3:
            for (stem,) in self._query(
                "SELECT stem FROM words WHERE word >= ? AND word < ? ORDER BY length(word) LIMIT ?",
                token,
                _after_prefix(token),
                COMPOUND_LIMIT,
            ):
                if stem not in self.stop and TYPING_MATCH > found.get(stem, 0.0):
                    found[stem] = TYPING_MATCH
        return found


class Ranker:
    """Ranks a deck's cards (dicts as built by ``lookup._build_deck``) for a query.

    Loads the deck's index (:func:`index_deck`) into an in-memory SQLite database; what a
    query word may mean is its :class:`Vocabulary`'s (``words``). Term results are kept,
    so the live search, which asks again at every key, mostly reuses them.
    """

    def __init__(self, cards: list[dict], index: dict) -> None:
        import base64
        import sqlite3

        self.cards = cards
        self.stop = frozenset(index["stop"])
        self._stem = _stemmer(index["language"]).stemWord
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.deserialize(base64.b64decode(index["db"]))
        self.words = Vocabulary(self._db, index, self._stem, self.stop)
        # Without the filter (a deck indexed before it), no word is common.
        self._common: WordFilter | frozenset[str] = (
            WordFilter(index["common"]) if index.get("common") else frozenset()
        )
        self.known, self.is_word = self.words.known, self.words.is_word
        self.candidates, self.ambiguous = self.words.candidates, self.words.ambiguous
        self._names = [[name.split() for name in c["match"]["names"]] for c in cards]
        # Pairs of stop words a card's own name holds ("te veel" in "te veel asielzoekers"):
        # said together, they mean that name's sense, not nothing.
        self._name_pairs = {
            (name[i], name[i + 1]) for names in self._names for name in names for i in range(len(name) - 1)
        }
        self._bm25 = f"bm25(cards, {', '.join(map(str, WEIGHTS))})"
        self._terms: dict[str, dict[int, float]] = {}
        self._mains: dict[str, frozenset[int]] = {}
        #: Per stem or phrase: the card positions that have it only in their arguments,
        #: and how many cards have it themselves.
        self._aside: dict[str, frozenset[int]] = {}
        self._own_count: dict[str, int] = {}

    def _query(self, sql: str, *args) -> list[tuple]:
        return self._db.execute(sql, args).fetchall()

    def _term(self, phrase: str) -> dict[int, float]:
        """Card position -> BM25 score (positive, higher is better) for a stem or phrase;
        a card that has it only in its arguments scores :data:`ARGUMENT_WEIGHT` of its BM25
        there (see :meth:`aside`)."""
        found = self._terms.get(phrase)
        if found is None:
            rows = self._query(f"SELECT rowid, {self._bm25} FROM cards WHERE cards MATCH ?", f'"{phrase}"')
            found = {row: -value for row, value in rows}
            self._own_count[phrase] = len(found)
            argued = self._query(
                "SELECT rowid, bm25(arguments) FROM arguments WHERE arguments MATCH ?", f'"{phrase}"'
            )
            aside = {row: -value * ARGUMENT_WEIGHT for row, value in argued if row not in found}
            self._aside[phrase] = frozenset(aside)
            found.update(aside)
            self._terms[phrase] = found
        return found

    def _term_idf(self, phrase: str) -> float:
        """The IDF of a stem or phrase: over the cards that have it themselves, or when
        none does, over those whose arguments have it."""
        hits = self._term(phrase)
        return self._idf(self._own_count[phrase] or len(hits))

    def _place(self, phrase: str, row: int) -> float:
        """The share of its weight a word found in card ``row`` adds to the coverage: in
        the card's :data:`MAIN_FIELDS` all of it, in its answer :data:`BODY_COVERAGE`, only
        in its arguments :data:`ARGUMENT_COVERAGE`."""
        if row in self._main(phrase):
            return 1.0
        return ARGUMENT_COVERAGE if row in self._aside[phrase] else BODY_COVERAGE

    def _main(self, phrase: str) -> frozenset[int]:
        """The card positions whose :data:`MAIN_FIELDS` hold a stem or phrase."""
        found = self._mains.get(phrase)
        if found is None:
            rows = self._query(
                "SELECT rowid FROM cards WHERE cards MATCH ?", f'{{{" ".join(MAIN_FIELDS)}}} : "{phrase}"'
            )
            found = self._mains[phrase] = frozenset(row for (row,) in rows)
        return found

    def _idf(self, hits: dict | int) -> float:
        n = len(self.cards)
        count = len(hits) if isinstance(hits, dict) else hits
        return math.log((n - count + 0.5) / (count + 0.5) + 1)

    def rank(self, query: str, typing: bool = False) -> list[Ranked]:
        """Every card, best first (ties in the deck's order). With ``typing`` (the live
        search) the last word, when no space follows it yet, may be the start of a word."""
        tokens = self._without_rate(terms(spelled_out(query)))
        if not typing:
            tokens = self._join_particle(tokens)
        stops = [self._is_stop(t) for t in tokens]
        phrases, inside = self._synonym_phrases(tokens)
        inside |= self._comparison(tokens, phrases)
        content = [
            t for i, (t, stop) in enumerate(zip(tokens, stops, strict=True)) if not stop and i not in inside
        ]
        candidates = {t: self.candidates(t) for t in dict.fromkeys(content)}
        candidates.update(phrases)
        self._measured(tokens, stops, candidates)
        if typing and tokens and not query[-1:].isspace() and not stops[-1] and len(tokens) - 1 not in inside:
            candidates[tokens[-1]] = self.words.typing(tokens[-1])
        # How much of each of a card's names the query says: a word of a two-word alias
        # names the card only half.
        said: dict[str, float] = {self._stem(t): 1.0 for t in tokens}
        for found in candidates.values():
            for stem, similarity in found.items():
                said[stem] = max(said.get(stem, 0.0), similarity)
        tally = _Tally(len(self.cards))
        for token, found in candidates.items():
            number = not token.replace(" ", "").isalpha()
            self._add_word(found, said, tally, number=number, common=token in self._common)
        self._add_phrases(tokens, stops, tally)
        self._add_names(tokens, tally)
        # A word on one card alone is evidence enough in any deck; in a deck of three
        # cards or fewer its IDF is under MIN_EVIDENCE (0.98 of 3 cards), so evidence is
        # counted in units of that IDF there (unchanged from four cards on).
        rarest = self._idf(1)
        known = tally.total - tally.unknown
        ranked = [
            Ranked(
                i,
                tally.order[i],
                tally.covered[i] / tally.total if tally.total else 0.0,
                tally.covered[i] / rarest * MIN_EVIDENCE if rarest < MIN_EVIDENCE else tally.covered[i],
                tally.named[i],
                tally.words[i],
                tally.covered[i] / known if known > 0 else 0.0,
                tally.specific[i],
                tally.strangers,
                tally.own[i] / tally.total if tally.total else 0.0,
            )
            for i in range(len(self.cards))
        ]
        ranked.sort(key=lambda r: (-r.score, r.position))
        return ranked

    def _synonym_phrases(self, tokens: list[str]) -> tuple[dict[str, dict[str, float]], set[int]]:
        """Phrases of the synonym table typed whole ("bed bad brood", "uit de hand lopen")
        that no card has as a phrase: each is one query word meaning the other words of its
        group (:data:`SYNONYM_MATCH`), and its own words count no more on their own; unless
        the group means nothing in this deck while a word of the phrase does.
        Returns ``({phrase: candidates}, positions of the tokens inside them)``."""
        found: dict[str, dict[str, float]] = {}
        inside: set[int] = set()
        table = self.words.synonyms
        if not table or len(tokens) < 2:
            return found, inside
        stems = [self._stem(t) for t in tokens]
        i = 0
        while i < len(tokens) - 1:
            for size in range(min(PHRASE_SYNONYM_MAX, len(tokens) - i), 1, -1):
                key = " ".join(stems[i : i + size])
                others = table.get(key)
                meant = {o: SYNONYM_MATCH for o in others or () if self.known(o) and o not in self.stop}
                if (
                    others is not None
                    and not self._term(key)
                    and (meant or not any(self.known(w) for w in stems[i : i + size] if w not in self.stop))
                ):
                    found[" ".join(tokens[i : i + size])] = meant
                    inside.update(range(i, i + size))
                    i += size - 1
                    break
            i += 1
        return found, inside

    def _add_word(
        self,
        found: dict[str, float],
        said: dict[str, float],
        tally: _Tally,
        number: bool = False,
        common: bool = False,
    ) -> None:
        """Add one query word, with its candidate stems ``found``, to the tally.

        Per card the best of the word's candidates counts, for the order (BM25) and for
        the coverage: the word weighs the IDF of its likeliest meaning (the candidate of
        highest similarity); a card holds similarity times that IDF or less, so that
        neither a rarer nor a vaguer relative of the word counts for more than it. A word
        no card contains weighs as a word on :data:`UNKNOWN_CARDS` cards, and no card has
        it: what the lobbyist typed and the deck does not say lowers every card's share
        (a ``number``, :data:`UNKNOWN_NUMBER` of that). A ``common`` word of the language
        that is a card's whole name of one word names it, but not specifically
        (:attr:`Ranked.specific`).
        """
        n = len(self.cards)
        best, matched, own = [0.0] * n, [0.0] * n, [0.0] * n
        top = max(found.values(), default=0.0)
        weight = max(
            (self._term_idf(stem) for stem, similarity in found.items() if similarity == top),
            default=0.0,
        )
        if not any(self._term(stem) for stem in found):
            weight = self._idf(UNKNOWN_CARDS) * (UNKNOWN_NUMBER if number else 1.0)
            tally.unknown += weight if number else 0.0
            tally.strangers += 1
        for stem, similarity in found.items():
            hits = self._term(stem)
            idf = self._term_idf(stem)
            for row, value in hits.items():
                named = specific = 0.0
                for name in self._names[row]:
                    if stem in name:
                        share = sum(said.get(w, 0.0) for w in name) / len(name)
                        named = max(named, share)
                        if not (common and len(name) == 1):
                            specific = max(specific, share)
                tally.named[row] = max(tally.named[row], named)
                tally.specific[row] = max(tally.specific[row], specific)
                value += OWN_BONUS * idf * named
                best[row] = max(best[row], similarity * value)
                matched[row] = max(matched[row], similarity * min(idf, weight) * self._place(stem, row))
                if row in self._main(stem):
                    own[row] = max(own[row], similarity * min(idf, weight))
        tally.total += weight
        for row in range(n):
            tally.order[row] += best[row]
            tally.covered[row] += matched[row]
            tally.own[row] += own[row]
            tally.words[row] += matched[row] > 0

    def _add_phrases(self, tokens: list[str], stops: list[bool], tally: _Tally) -> None:
        """Adjacent words that stand together in a card: a phrase, which ranks the cards
        that have it higher. A phrase with a stop word also counts towards the coverage
        like a word, so "nederland kan (dit niet meer aan)" finds its claim; two words that
        count already on their own do not count again (a card without the phrase lacks no
        word). Two stop words count only as a pair in a card's own name ("te veel")."""
        stems = [self._stem(t) for t in tokens]
        for i in range(len(tokens) - 1):
            if not self._pair(tokens[i : i + 2], stems[i : i + 2], stops[i : i + 2]):
                continue
            pair = f"{stems[i]} {stems[i + 1]}"
            hits = self._term(pair)
            if not hits:
                continue
            idf = STOP_PAIR * self._term_idf(pair) if stops[i] or stops[i + 1] else 0.0
            tally.total += idf
            for row, value in hits.items():
                tally.order[row] += PHRASE_WEIGHT * value
                tally.covered[row] += idf * self._place(pair, row)

    def _pair(self, tokens: list[str], stems: list[str], stops: list[bool]) -> bool:
        """Whether two adjacent query words may count as a phrase: both in the deck, no
        article, and not two stop words unless a card's own name has them together."""
        if any(t in ARTICLES for t in tokens) or not all(map(self.known, stems)):
            return False
        return not all(stops) or tuple(stems) in self._name_pairs

    def _add_names(self, tokens: list[str], tally: _Tally) -> None:
        """A card's own name of several words said whole, stop words included ("een op
        een", "te vroeg"): it names the card and ranks it up like a word found on that card
        alone; a name with a stop word also counts towards the coverage (its stop words
        count nowhere else)."""
        said = " " + " ".join(self._stem(t) for t in tokens) + " "
        weight = self._idf(1)
        for row, names in enumerate(self._names):
            whole = [name for name in names if len(name) > 1 and f" {' '.join(name)} " in said]
            if whole:
                if any(stem in self.stop for name in whole for stem in name):
                    tally.total += weight
                    tally.covered[row] += weight
                tally.order[row] += OWN_BONUS * weight
                tally.named[row] = tally.specific[row] = 1.0

    def _without_rate(self, tokens: list[str]) -> list[str]:
        """``tokens`` without the rate ("per jaar") of an amount no card has ("100000
        woningen per jaar", "0,4% per jaar"): the rate belongs to that figure, which no card
        gives, so its words say nothing of a card; on their own they would find every card
        with "per" and "jaar" and make a figure on another subject look covered. The rate
        may follow the amount or the noun it counts; an amount a card has keeps its rate
        ("150 euro per behandeling")."""
        drop: set[int] = set()
        for i, token in enumerate(tokens):
            if not token[:1].isdigit() or self._has_amount(token):
                continue
            for at in (i + 1, i + 2):
                if at + 1 < len(tokens) and tokens[at] == RATE and (at == i + 1 or tokens[i + 1].isalpha()):
                    drop.update((at, at + 1))
                    break
        return [t for i, t in enumerate(tokens) if i not in drop] if drop else tokens

    def _measured(
        self, tokens: list[str], stops: list[bool], candidates: dict[str, dict[str, float]]
    ) -> None:
        """An amount no card has, typed beside a word of the query ("ww 2 jaar", "aow 70
        jaar"), is that word's figure: it means the measure the deck names with the word
        ("ww duur", "aow leeftijd": a word of :data:`MEASURES` after it), not a stranger that
        lowers every card alike, nor its unit ("jaar"), which would lead to any card that
        says "jaar". Its subject is the nearest word before it that is no bound of a number
        (:data:`BOUNDS`: "ww max 1 jaar") nor a measure itself, else the word after it.
        A bare number ("aow naar 70") is left as it is: with no unit it may be any figure
        (``tests/test_rebut.py`` holds that it lists the cards "aow" names, in deck order).
        Changes ``candidates`` (token -> stems) in place."""
        for i, token in enumerate(tokens):
            if "_" not in token or token not in candidates or self._has_amount(token):
                continue  # a bare number ("aow naar 70") stays a figure no card has
            words = [t for t, stop in zip(tokens, stops, strict=True) if not stop and t.isalpha()]
            before = [t for t in tokens[:i] if t in words and t not in BOUNDS and t not in MEASURES]
            after = [t for t in tokens[i + 1 :] if t in words]
            if not before and not after:
                continue
            subject = self._stem(before[-1] if before else after[0])
            measures = {m: SYNONYM_MATCH for m in map(self._stem, MEASURES) if self._term(f"{subject} {m}")}
            if measures:
                candidates[token] = measures

    def _comparison(self, tokens: list[str], phrases: dict[str, dict[str, float]]) -> set[int]:
        """A comparison with others ("nl neemt meer dan buurlanden", "hoger dan in
        duitsland"): a rebuttal answers it with the deck's comparison against an average
        (:data:`AVERAGES`), not with a rise ("hoger" is also "verhogen") or with the
        others compared to. Adds the comparison to ``phrases`` as one query word meaning
        those words (:data:`SYNONYM_MATCH`), when the deck has one; returns the positions
        of its comparative and "dan", which count no more on their own. Not before a
        number ("meer dan 10.000" is an amount) or a word of time ("meer dan ooit")."""
        for i, token in enumerate(tokens):
            if token not in COMPARATIVES:
                continue
            than = next((j for j in range(i + 1, min(i + 4, len(tokens) - 1)) if tokens[j] == "dan"), None)
            if than is None or not tokens[than + 1].isalpha() or tokens[than + 1] in TIMES:
                continue
            meant = {stem: SYNONYM_MATCH for stem in map(self._stem, AVERAGES) if self.known(stem)}
            if meant:
                phrases[f"{token} dan"] = meant
                return {i, than}
        return set()

    def _has_amount(self, token: str) -> bool:
        """Whether some card has the amount ``token`` (a number, with its unit or not), or
        one of the same value (:meth:`Vocabulary.candidates` above :data:`DERIVED_MATCH`;
        its unit alone is not the amount)."""
        return any(similarity > DERIVED_MATCH for similarity in self.candidates(token).values())

    def _join_particle(self, tokens: list[str]) -> list[str]:
        """A separable verb split by the main clause, its particle last ("rechters houden
        beleid tegen", "de rechter fluit het kabinet terug"): the verb and the particle as
        the one word they are ("tegenhouden", "terugfluit"), when that word is the deck's
        or the synonym table's; else the tokens as they are."""
        if len(tokens) < 3 or tokens[-1] not in SEPARABLE:
            return tokens
        particle = tokens[-1]
        for i in range(len(tokens) - 2, -1, -1):
            joined = particle + tokens[i]
            if self._is_stop(tokens[i]) or not tokens[i].isalpha():
                continue
            if self.words.has_form(joined) or self._stem(joined) in self.words.synonyms:
                return [*tokens[:i], joined, *tokens[i + 1 : -1]]
        return tokens

    def _is_stop(self, token: str) -> bool:
        return token in self.stop or self._stem(token) in self.stop
