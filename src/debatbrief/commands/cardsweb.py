"""The cards on a phone: one self-contained offline HTML file (``cards --format html``).

The page's search box answers with ``rebut``'s own ranking, not a second implementation:
at build time :func:`answer_table` asks :func:`debatbrief.cards.lookup.search` for every
query the page supports (:func:`query_keys`: every word of the cards, their aliases, the
synonym table and the brief's synonyms, each word's prefixes of three letters or more, and
adjacent word pairs of the cards' texts and aliases, also with the second word cut to a
prefix) and stores the answers in the page. The page looks up the typed text in
:func:`~debatbrief.cards.text.normalise`'s form; text it has no answer for is answered
with the best answer among its single words and adjacent pairs, marked as an
approximation (``README.md`` says what the page can and cannot match).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from debatbrief.cards.text import normalise
from debatbrief.commands.workspace import Workspace

#: The shortest prefix of a word the page looks up ("asi" for "asielcrisis").
MIN_PREFIX = 3
#: At most this many cards per answer (the answer and its short list, or the nearest).
MAX_SHOWN = 5
#: The card texts whose words and adjacent pairs are query keys.
TEXT_FIELDS = ("claim", "rebuttal", "evidence", "say", "follow_up", "topic_title")


@dataclass(frozen=True)
class MadeDeck:
    """A written phone deck: where, how many cards, how many queries it answers."""

    path: Path
    cards: int
    queries: int


def synonym_phrases(extra: list[list[str]]) -> list[str]:
    """Every phrase of the shared synonym table and of the brief's own groups."""
    from importlib.resources import files

    text = files("debatbrief.cards").joinpath("synonyms-nl.txt").read_text(encoding="utf-8")
    # A line is "a, b, c", or one way "a, b > c" (cards/synonyms-nl.txt): phrases either way.
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    groups = [line.replace(">", ",").split(",") for line in lines]
    return [phrase for group in [*groups, *extra] for phrase in group]


def query_keys(cards: list[dict], synonyms: list[str]) -> list[str]:
    """The normalised queries the page answers exactly as ``rebut`` (see the module)."""
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    names = [normalise(s) for c in cards for s in (c["id"], *c["aliases"], *c["topic_aliases"])]
    for phrase in [*names, *(normalise(s) for s in synonyms)]:
        words.update(phrase.split())
    keys = {name for name in names if name}
    keys.update(normalise(s) for s in synonyms)
    for card in cards:
        for text in [*(card[f] for f in TEXT_FIELDS), *card["aliases"]]:
            split = normalise(text).split()
            words.update(split)
            pairs.update(zip(split, split[1:], strict=False))
    for word in words:
        keys.update(word[:end] for end in range(min(MIN_PREFIX, len(word)), len(word) + 1))
    for first, second in pairs:
        keys.update(f"{first} {second[:end]}" for end in range(min(MIN_PREFIX, len(second)), len(second) + 1))
    keys.discard("")
    return sorted(keys)


def answer_table(rank, cards: list[dict], keys: list[str]) -> tuple[list, dict[str, int]]:
    """``rebut``'s answer (:func:`~debatbrief.cards.lookup.search`) for every key, over
    ``cards``: the distinct answers, each ``[score of the first card, [card positions
    shown], [nearest card positions when none is shown]]`` with positions into ``cards``,
    and key -> answer number."""
    from debatbrief.cards.lookup import search

    position = {card["id"]: i for i, card in enumerate(cards)}
    answers: list = []
    numbers: dict[str, int] = {}
    table: dict[str, int] = {}
    for key in keys:
        result = search(rank, key, cards)
        hits = [position[h.card["id"]] for h in result.hits[:MAX_SHOWN]]
        near = [] if hits else [position[h.card["id"]] for h in result.nearest[:MAX_SHOWN]]
        score = round(result.hits[0].score) if result.hits else 0
        answer = [score, hits, near]
        code = json.dumps(answer)
        if code not in numbers:
            numbers[code] = len(answers)
            answers.append(answer)
        table[key] = numbers[code]
    return answers, table


def page_answer(answers: list, table: dict[str, int], text: str) -> tuple[list, bool]:
    """What the page shows for ``text`` (the script's ``answer()`` in Python, for the
    tests): the stored answer of its normalised form (and ``True``: the same as
    ``rebut``), or the best-scoring answer of its single words and adjacent pairs
    (``False``: an approximation); ``[0, [], []]`` when none is known."""
    key = normalise(text)
    if key in table:
        return answers[table[key]], True
    words = key.split()
    parts = [*(f"{a} {b}" for a, b in zip(words, words[1:], strict=False)), *words]
    best = [0, [], []]
    for part in parts:
        if part in table and answers[table[part]][0] > best[0]:
            best = answers[table[part]]
    return best, False


def phone_deck_data(ws: Workspace, chosen_ids: list[str]) -> tuple[list[dict], list, dict]:
    """The cards ``chosen_ids`` names (in that order) as the deck holds them, with the
    answers and query table of :func:`answer_table` over just those cards."""
    from debatbrief.cards.lookup import deck, ranker

    data = deck(ws)
    by_id = {card["id"]: card for card in data["cards"]}
    cards = [by_id[card_id] for card_id in chosen_ids]
    extra = [list(group) for group in ws.brief().meta.synonyms]
    answers, table = answer_table(ranker(data), cards, query_keys(cards, synonym_phrases(extra)))
    return cards, answers, table


def script_json(value) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_phone_deck(ws: Workspace, chosen_ids: list[str], label, name: str) -> MadeDeck:
    """Write ``out/<brief>/<name>.html``: the cards ``chosen_ids`` names, one per screen,
    with the search box (see the module); ``label`` is the fractie the cards are for."""
    from markupsafe import Markup

    from debatbrief.briefing.pdf import write_atomic
    from debatbrief.briefing.render import render_template

    brief = ws.brief()
    cards, answers, table = phone_deck_data(ws, chosen_ids)
    fracties = {f.id: f.abbreviation for f in brief.kamer.fracties}
    shown = [{**card, "raised_by": [fracties.get(f, f) for f in card["raised_by"]]} for card in cards]
    data = Markup(script_json({"ids": [c["id"] for c in cards], "answers": answers, "keys": table}))
    html = render_template(
        ws.templates, "cards-web.html.j2", brief=brief, meta=brief.meta, cards=shown, fractie=label, data=data
    )
    target = ws.out_folder(brief.id) / f"{name}.html"
    write_atomic(target, html)
    return MadeDeck(target, len(cards), len(table))
