"""Rank rebuttal cards for the few words a lobbyist types while an MP speaks.

The model is BM25, as computed by SQLite's full-text engine (FTS5, in the standard
library's ``sqlite3``), over Snowball stems of the card's words (PyStemmer), so that
"asielzoeker", "asielzoekers" and "Asielzoekers" are one term. A card is indexed in
weighted fields: its own id and aliases, its topic, the claim, the one-liner, the body
(rebuttal, evidence, follow-up question) and the sources it cites (id, author, title).

Each query word is matched to the deck's vocabulary in three ways, each with a
similarity 0..1: the same stem (1.0); a typo of a word (rapidfuzz, its ratio); part of a
Dutch compound, either way round ("asielmagneet" and "magneet", "woning" and
"huurwoning"). Per word the best match in a card counts, weighted by that similarity.
Pairs of adjacent query words that also stand together in the card add a phrase bonus;
stop words ("we", "moeten", "het") are no query terms, so they count only inside such a
pair with a real word. Cards are ordered by BM25 times coverage, the share of the query's
words, weighted by how rare they are, that the card contains; whether a card is shown as
the answer rather than suggested is decided by :func:`answers`.

Two halves, to keep ``rebut`` fast: :func:`index_deck` runs when the deck is built and
cached, and stores the whole index (the FTS5 table and the deck's vocabulary, word ->
stem) as one serialized SQLite database in the deck's JSON; :class:`Ranker` runs per
query, loads that database into memory (well under a millisecond for 100 cards) and
imports only ``sqlite3``, the stemmer and, for a word that is not in the deck, rapidfuzz.
"""

from __future__ import annotations

import math

from debatbrief.cards.text import normalise

#: FTS5 columns and their BM25 weights: a word in a card's own aliases names the card;
#: a word in its body may be a passing mention.
FIELDS = ("own", "topic", "claim", "say", "body", "sources")
WEIGHTS = (6.0, 1.5, 2.5, 1.5, 1.0, 1.0)

#: Snowball algorithm per brief language (``brief.yaml``'s ``language``). For Dutch the
#: original Snowball stemmer (``dutch_porter`` since Snowball 3): the newer ``dutch``
#: strips the prefix "ge-", which makes "gewoon" and "woning" one stem ("woon") and
#: "gemeenten" the stem "meen".
STEMMERS = {"nl": "dutch_porter"}

#: rapidfuzz ratio (0..100) from which a word counts as a typo of a vocabulary word.
TYPO_CUTOFF = 75
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
INFLECTIONS = frozenset({"", "e", "n", "en", "s", "es", "t", "d", "de", "te", "den", "ten",
                         "er", "ere", "st", "ste"})
#: Similarity of a word of the deck to a word the live search is still typing, that it
#: begins with.
TYPING_MATCH = 0.9
#: The shortest stem that takes part in compound matching, and the shortest remainder.
COMPOUND_MIN = 5
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
MATCH_COVERAGE = 0.7
MIN_EVIDENCE = 1.0
#: Without a match, the best card is still shown when it covers this much of the query and
#: its score is LEAD times that of the next card.
LEAD_COVERAGE = 0.5
LEAD = 1.5
#: Weight of an adjacent pair of query words found together in the card.
PHRASE_WEIGHT = 0.5


def _stemmer(language: str):
    import Stemmer
    return Stemmer.Stemmer(STEMMERS[language])


def index_deck(cards: list[dict], language: str) -> dict:
    """Index the deck's cards (dicts as built by ``lookup._build_deck``, with
    ``source_terms``) and return the index the :class:`Ranker` reads, as JSON-ready data:
    ``language``, ``stop`` (the language's stop words, as words and as stems), ``words``
    (the deck's words, one per line, for the typo search) and ``db``
    (base64 of a serialized SQLite database: the FTS5 table ``cards``, one row per card in
    deck order, one column of stems per :data:`FIELDS`; the vocabulary ``words`` (word,
    stem, word reversed) and ``stems`` (stem, stem reversed)). Adds to each card
    ``match["names"]``: the stems of its id and of each alias.

    Runs when the deck is built: the stop-word list comes from the ``stop-words``
    package, the stems from Snowball via PyStemmer.
    """
    import base64
    import sqlite3

    from stop_words import get_stop_words

    stemmer = _stemmer(language)
    words: dict[str, str] = {}

    def stems(texts) -> str:
        tokens = normalise(" ".join(texts)).split()
        out = stemmer.stemWords(tokens)
        words.update(zip(tokens, out, strict=True))
        return " ".join(out)

    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA page_size = 1024")  # small pages: the database travels in JSON
    db.execute(f"CREATE VIRTUAL TABLE cards USING fts5({', '.join(FIELDS)}, content='', "
               f"tokenize='unicode61 remove_diacritics 0')")
    for position, card in enumerate(cards):
        parts = {
            "own": [card["id"].replace("-", " "), *card["aliases"]],
            "topic": [card["topic"], card["topic_title"], *card["topic_aliases"]],
            "claim": [card["claim"]],
            "say": [card["say"]],
            "body": [card["rebuttal"], card["evidence"], card["follow_up"]],
            "sources": card["source_terms"],
        }
        db.execute(f"INSERT INTO cards (rowid, {', '.join(FIELDS)}) VALUES "
                   f"(?, {', '.join('?' * len(FIELDS))})",
                   (position, *(stems(parts[f]) for f in FIELDS)))
        card["match"]["names"] = [stems([name]) for name in parts["own"]]
    db.executescript(
        "CREATE TABLE words (word TEXT PRIMARY KEY, stem TEXT, drow TEXT) WITHOUT ROWID;"
        "CREATE INDEX words_stem ON words (stem); CREATE INDEX words_drow ON words (drow);"
        "CREATE TABLE stems (stem TEXT PRIMARY KEY, mets TEXT) WITHOUT ROWID;"
        "CREATE INDEX stems_mets ON stems (mets);")
    db.executemany("INSERT INTO words VALUES (?, ?, ?)",
                   sorted((w, s, w[::-1]) for w, s in words.items()))
    db.executemany("INSERT INTO stems VALUES (?, ?)",
                   sorted((s, s[::-1]) for s in set(words.values())))
    db.execute("INSERT INTO cards (cards) VALUES ('optimize')")
    db.commit()
    db.execute("VACUUM")
    stop = sorted(normalise(" ".join(get_stop_words(language))).split())
    return {"language": language, "stop": sorted(set(stop) | set(stemmer.stemWords(stop))),
            "words": "\n".join(sorted(words)),
            "db": base64.b64encode(db.serialize()).decode("ascii")}


def _inflected(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are forms of one word: equal up to an inflectional ending."""
    a, b = _single_vowels(a), _single_vowels(b)
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a[common:] in INFLECTIONS and b[common:] in INFLECTIONS


def _after_prefix(prefix: str) -> str:
    """The first string after every string that starts with ``prefix`` (for a range)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _single_vowels(word: str) -> str:
    for vowel in "aeou":
        word = word.replace(vowel * 2, vowel)
    return word


class Ranked:
    """One card's place for a query: ``position`` in the deck, ``order`` (higher first),
    ``coverage`` (0..1, the IDF-weighted share of the query the card contains) and
    ``evidence`` (the summed IDF of what it contains)."""

    __slots__ = ("position", "order", "coverage", "evidence")

    def __init__(self, position: int, order: float, coverage: float, evidence: float) -> None:
        self.position, self.order = position, order
        self.coverage, self.evidence = coverage, evidence

    @property
    def score(self) -> float:
        """What the cards are sorted by: BM25 times coverage (Lucene's classic "coord":
        a card with more of the query's words goes first)."""
        return self.order * self.coverage

    @property
    def match(self) -> bool:
        """Whether the card covers most of the query, and what it covers is not only words
        found on many cards."""
        return self.coverage >= MATCH_COVERAGE and self.evidence >= MIN_EVIDENCE


def answers(ranked: list[Ranked]) -> list[Ranked]:
    """The cards to show for a ranked list (best first): every match; when none matches,
    the best card alone if it covers at least half of the query and clearly leads the
    next one (a half-heard sentence with a word or two no card has); else none."""
    matches = [r for r in ranked if r.match]
    if matches or not ranked:
        return matches
    best, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else None
    if (best.coverage >= LEAD_COVERAGE and best.evidence >= MIN_EVIDENCE
            and (runner_up is None or best.score >= LEAD * runner_up.score)):
        return [best]
    return []


class Ranker:
    """Ranks a deck's cards (dicts as built by ``lookup._build_deck``) for a query.

    Loads the deck's index (:func:`index_deck`) into an in-memory SQLite database. Term
    results and word candidates are kept, so the live search, which asks again at every
    key, mostly reuses them.
    """

    def __init__(self, cards: list[dict], index: dict) -> None:
        import base64
        import sqlite3

        self.cards = cards
        self.stop = frozenset(index["stop"])
        self._stem = _stemmer(index["language"]).stemWord
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.deserialize(base64.b64decode(index["db"]))
        self._names = [[name.split() for name in c["match"]["names"]] for c in cards]
        self._bm25 = f"bm25(cards, {', '.join(map(str, WEIGHTS))})"
        self._terms: dict[str, dict[int, float]] = {}
        self._candidates: dict[str, dict[str, float]] = {}
        self._known: dict[str, bool] = {}
        self._words: str = index["words"]
        self._vocabulary: list[str] | None = None

    def _query(self, sql: str, *args) -> list[tuple]:
        return self._db.execute(sql, args).fetchall()

    def known(self, stem: str) -> bool:
        """Whether some card has a word with this stem."""
        found = self._known.get(stem)
        if found is None:
            found = self._known[stem] = bool(
                self._query("SELECT 1 FROM stems WHERE stem = ?", stem))
        return found

    @property
    def vocabulary(self) -> list[str]:
        """Every word of the deck, sorted (split on first use: only typos need it)."""
        if self._vocabulary is None:
            self._vocabulary = self._words.split("\n")
        return self._vocabulary

    def _term(self, phrase: str) -> dict[int, float]:
        """Card position -> BM25 score (positive, higher is better) for a stem or phrase."""
        found = self._terms.get(phrase)
        if found is None:
            rows = self._query(f"SELECT rowid, {self._bm25} FROM cards WHERE cards MATCH ?",
                               f'"{phrase}"')
            found = self._terms[phrase] = {row: -value for row, value in rows}
        return found

    def _idf(self, hits: dict) -> float:
        n = len(self.cards)
        return math.log((n - len(hits) + 0.5) / (len(hits) + 0.5) + 1)

    def candidates(self, token: str) -> dict[str, float]:
        """The deck's stems this query word may mean, with a similarity 0..1."""
        found = self._candidates.get(token)
        if found is not None:
            return found
        stem = self._stem(token)
        found = {}
        if self.known(stem):
            forms = [w for (w,) in self._query("SELECT word FROM words WHERE stem = ?", stem)]
            found[stem] = 1.0 if any(_inflected(token, w) for w in forms) else DERIVED_MATCH
        elif len(token) >= 4:
            from rapidfuzz import fuzz, process
            for word, ratio, _ in process.extract(token, self.vocabulary, scorer=fuzz.ratio,
                                                  score_cutoff=TYPO_CUTOFF, limit=5):
                other = self._query("SELECT stem FROM words WHERE word = ?", word)[0][0]
                if other not in self.stop:
                    found[other] = max(found.get(other, 0.0), ratio / 100)
        for other, similarity in [*self._parts(token, "words", "word", "drow"),
                                  *self._parts(stem, "stems", "stem", "mets")]:
            if other not in self.stop and similarity > found.get(other, 0.0):
                found[other] = similarity
        self._candidates[token] = found
        return found

    def _parts(self, word: str, table: str, column: str, reversed_column: str):
        """(stem, similarity) for the deck's words (or stems) that form a compound with
        ``word``: one at the start or end of ``word``, or ``word`` at the start or end of
        one, leaving at least three letters over."""
        if len(word) < COMPOUND_MIN:
            return
        cuts = range(COMPOUND_MIN, len(word) - 2)
        for parts, similarity in (([word[:cut] for cut in cuts], MODIFIER_MATCH),
                                  ([word[-cut:] for cut in cuts], HEAD_MATCH)):
            if parts:
                marks = ", ".join("?" * len(parts))
                for (stem,) in self._query(f"SELECT stem FROM {table} WHERE {column} IN "
                                           f"({marks})", *parts):
                    yield stem, similarity
        for key, searched, similarity in ((word, column, MODIFIER_MATCH),
                                          (word[::-1], reversed_column, HEAD_MATCH)):
            for (stem,) in self._query(
                    f"SELECT stem FROM {table} WHERE {searched} >= ? AND {searched} < ? "
                    f"AND length({searched}) >= ? ORDER BY length({searched}) LIMIT ?",
                    key, _after_prefix(key), len(key) + 3, COMPOUND_LIMIT):
                yield stem, similarity

    def typing(self, token: str) -> dict[str, float]:
        """:meth:`candidates` for a word still being typed: also every word of the deck it
        begins (similarity :data:`TYPING_MATCH`)."""
        found = dict(self.candidates(token))
        if len(token) >= 3:
            for (stem,) in self._query("SELECT stem FROM words WHERE word >= ? AND word < ? "
                                       "ORDER BY length(word) LIMIT ?",
                                       token, _after_prefix(token), COMPOUND_LIMIT):
                if stem not in self.stop and TYPING_MATCH > found.get(stem, 0.0):
                    found[stem] = TYPING_MATCH
        return found

    def rank(self, query: str, typing: bool = False) -> list[Ranked]:
        """Every card, best first (ties in the deck's order). With ``typing`` (the live
        search) the last word, when no space follows it yet, may be the start of a word."""
        tokens = normalise(query).split()
        stops = [self._is_stop(t) for t in tokens]
        content = [t for t, stop in zip(tokens, stops, strict=True) if not stop]
        n = len(self.cards)
        order, covered = [0.0] * n, [0.0] * n
        total = 0.0
        candidates = {t: self.candidates(t) for t in dict.fromkeys(content)}
        if typing and tokens and not query[-1:].isspace() and not stops[-1]:
            candidates[tokens[-1]] = self.typing(tokens[-1])
        # How much of each of a card's names the query says: a word of a two-word alias
        # names the card only half.
        said: dict[str, float] = {self._stem(t): 1.0 for t in tokens}
        for found in candidates.values():
            for stem, similarity in found.items():
                said[stem] = max(said.get(stem, 0.0), similarity)
        for found in candidates.values():
            # Per card the best of the word's candidates, for the order (BM25) and for the
            # coverage: the word weighs the IDF of its likeliest meaning (the candidate of
            # highest similarity); a card holds similarity times that IDF or less, so that
            # neither a rarer nor a vaguer relative of the word counts for more than it.
            best, matched = [0.0] * n, [0.0] * n
            top = max(found.values(), default=0.0)
            weight = max((self._idf(self._term(stem)) for stem, similarity in found.items()
                          if similarity == top), default=0.0)
            for stem, similarity in found.items():
                hits = self._term(stem)
                idf = self._idf(hits)
                for row, value in hits.items():
                    named = max((sum(said.get(w, 0.0) for w in name) / len(name)
                                 for name in self._names[row] if stem in name), default=0.0)
                    value += OWN_BONUS * idf * named
                    best[row] = max(best[row], similarity * value)
                    matched[row] = max(matched[row], similarity * min(idf, weight))
            total += weight
            for row in range(n):
                order[row] += best[row]
                covered[row] += matched[row]
        # Adjacent words that stand together in a card: a phrase, counted like a word when
        # some card has it, so "nederland kan (dit niet meer aan)" finds its claim.
        stems = [self._stem(t) for t in tokens]
        for i in range(len(tokens) - 1):
            if (stops[i] and stops[i + 1]) or not (self.known(stems[i])
                                                   and self.known(stems[i + 1])):
                continue
            hits = self._term(f"{stems[i]} {stems[i + 1]}")
            if not hits:
                continue
            idf = self._idf(hits)
            total += idf
            for row, value in hits.items():
                order[row] += PHRASE_WEIGHT * value
                covered[row] += idf
        ranked = [Ranked(i, order[i], covered[i] / total if total else 0.0, covered[i])
                  for i in range(n)]
        ranked.sort(key=lambda r: (-r.score, r.position))
        return ranked

    def _is_stop(self, token: str) -> bool:
        return token in self.stop or self._stem(token) in self.stop
