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
pair with a real word. Whether a card *matches* (is shown rather than suggested) is
decided by coverage: the share of the query's words, weighted by how rare they are, that
the card contains.

Two halves, to keep ``rebut`` fast: :func:`index_deck` runs when the deck is built and
cached (stems, vocabulary, stop words, all as JSON); :class:`Ranker` runs per query and
imports only ``sqlite3``, the stemmer and rapidfuzz.
"""

from __future__ import annotations

import bisect
import math

from .lookup import normalise

#: FTS5 columns and their BM25 weights: a word in a card's own aliases names the card;
#: a word in its body may be a passing mention.
FIELDS = ("own", "topic", "claim", "say", "body", "sources")
WEIGHTS = (6.0, 1.5, 2.5, 1.5, 1.0, 1.0)

#: Snowball algorithm per brief language (``brief.yaml``'s ``language``).
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
#: The shortest stem that takes part in compound matching, and the shortest remainder.
COMPOUND_MIN = 5
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
    return Stemmer.Stemmer(STEMMERS.get(language, "dutch"))


def index_deck(cards: list[dict], language: str) -> dict:
    """Add ``card["match"]["fields"]`` (one string of stems per :data:`FIELDS`) and
    ``card["match"]["names"]`` (the stems of its id and of each alias) to each card of the
    deck and return the deck's index: ``language``, ``words`` (every normalised word
    -> its stem) and ``stop`` (the language's stop words, as words and as stems).

    Runs when the deck is built (then cached as JSON): the stop-word list comes from the
    ``stop-words`` package, the stems from Snowball via PyStemmer.
    """
    from stop_words import get_stop_words

    stemmer = _stemmer(language)
    words: dict[str, str] = {}

    def stems(texts) -> str:
        tokens = normalise(" ".join(texts)).split()
        out = stemmer.stemWords(tokens)
        words.update(zip(tokens, out, strict=True))
        return " ".join(out)

    for card in cards:
        parts = {
            "own": [card["id"].replace("-", " "), *card["aliases"]],
            "topic": [card["topic"], card["topic_title"], *card["topic_aliases"]],
            "claim": [card["claim"]],
            "say": [card["say"]],
            "body": [card["rebuttal"], card["evidence"], card["follow_up"]],
            "sources": card["source_terms"],
        }
        card["match"]["fields"] = [stems(parts[f]) for f in FIELDS]
        card["match"]["names"] = [stems([name]) for name in parts["own"]]
    stop = sorted(normalise(" ".join(get_stop_words(language))).split())
    return {"language": language, "words": words,
            "stop": sorted(set(stop) | set(stemmer.stemWords(stop)))}


def _inflected(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are forms of one word: equal up to an inflectional ending."""
    a, b = _single_vowels(a), _single_vowels(b)
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[common:] in INFLECTIONS and b[common:] in INFLECTIONS


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

    Built once per deck (an in-memory FTS5 table of the cards' stems, about 2 ms for 100
    cards); :meth:`rank` then costs about a millisecond per query. Term results are kept,
    so the live search, which asks again at every key, mostly reuses them.
    """

    def __init__(self, cards: list[dict], index: dict) -> None:
        import sqlite3

        self.cards = cards
        self.words: dict[str, str] = index["words"]
        self.vocabulary = list(self.words)
        self.stems = sorted(set(self.words.values()))
        self.stem_set = set(self.stems)
        self._forms: dict[str, list[str]] = {}
        for word, stem in self.words.items():
            self._forms.setdefault(stem, []).append(word)
        self._words_sorted = (sorted(self.vocabulary), sorted(w[::-1] for w in self.vocabulary),
                              set(self.vocabulary))
        self._stems_sorted = (self.stems, sorted(w[::-1] for w in self.stems), self.stem_set)
        self.stop = set(index["stop"])
        self._stem = _stemmer(index["language"]).stemWord
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE cards USING fts5({', '.join(FIELDS)}, "
                         f"tokenize='unicode61 remove_diacritics 0')")
        self._db.executemany(f"INSERT INTO cards (rowid, {', '.join(FIELDS)}) VALUES "
                             f"(?, {', '.join('?' * len(FIELDS))})",
                             [(i, *c["match"]["fields"]) for i, c in enumerate(cards)])
        self._names = [[name.split() for name in c["match"]["names"]] for c in cards]
        self._bm25 = f"bm25(cards, {', '.join(map(str, WEIGHTS))})"
        self._terms: dict[str, dict[int, float]] = {}
        self._candidates: dict[str, dict[str, float]] = {}

    def _term(self, phrase: str) -> dict[int, float]:
        """Card position -> BM25 score (positive, higher is better) for a stem or phrase."""
        found = self._terms.get(phrase)
        if found is None:
            rows = self._db.execute(
                f"SELECT rowid, {self._bm25} FROM cards WHERE cards MATCH ?",
                (f'"{phrase}"',)).fetchall()
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
        if stem in self.stem_set:
            found[stem] = 1.0 if any(_inflected(token, word) for word in self._forms[stem]) \
                else DERIVED_MATCH
        elif len(token) >= 4:
            from rapidfuzz import fuzz, process
            for word, ratio, _ in process.extract(token, self.vocabulary, scorer=fuzz.ratio,
                                                  score_cutoff=TYPO_CUTOFF, limit=5):
                other = self.words[word]
                if other not in self.stop:
                    found[other] = max(found.get(other, 0.0), ratio / 100)
        for other, similarity in [*self._parts(token, self._words_sorted, self.words),
                                  *self._parts(stem, self._stems_sorted, None)]:
            if other not in self.stop and similarity > found.get(other, 0.0):
                found[other] = similarity
        self._candidates[token] = found
        return found

    @staticmethod
    def _parts(word: str, pool: tuple[list[str], list[str], set[str]],
               to_stem: dict[str, str] | None):
        """(stem, similarity) for the deck's words that form a compound with ``word``:
        a word of the deck at the start or end of ``word``, or ``word`` at the start or
        end of a word of the deck, leaving at least three letters over."""
        forwards, backwards, known = pool
        if len(word) < COMPOUND_MIN:
            return
        def stem_of(other: str) -> str:
            return to_stem[other] if to_stem is not None else other
        for cut in range(COMPOUND_MIN, len(word) - 2):
            if word[:cut] in known:
                yield stem_of(word[:cut]), MODIFIER_MATCH
            if word[-cut:] in known:
                yield stem_of(word[-cut:]), HEAD_MATCH
        for sorted_words, key, similarity in ((forwards, word, MODIFIER_MATCH),
                                              (backwards, word[::-1], HEAD_MATCH)):
            start = bisect.bisect_left(sorted_words, key)
            for other in sorted_words[start:]:
                if not other.startswith(key):
                    break
                if len(other) - len(key) >= 3:
                    if sorted_words is backwards:
                        other = other[::-1]
                    yield stem_of(other), similarity

    def rank(self, query: str) -> list[Ranked]:
        """Every card, best first (ties in the deck's order)."""
        tokens = normalise(query).split()
        stops = [self._is_stop(t) for t in tokens]
        content = [t for t, stop in zip(tokens, stops, strict=True) if not stop]
        n = len(self.cards)
        order, covered = [0.0] * n, [0.0] * n
        total = 0.0
        candidates = {t: self.candidates(t) for t in dict.fromkeys(content)}
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
            if (stops[i] and stops[i + 1]) or not {stems[i], stems[i + 1]} <= self.stem_set:
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
