"""The evaluation sets of `rebut`: what lobbyists type during a debate, and the card(s) they
need. Every `tests/rebut_eval/<brief-id>.yaml` (a list of `{query: ..., cards: [id, ...]}`)
is run against the shipped brief of that id; adding a brief's file is all it takes to
evaluate it.

The bar (issue 13): the card `rebut QUERY` shows is acceptable for at least 90% of the
queries, and an acceptable card is among the first three ranked for every query.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from debatbrief.cards.lookup import lookup
from debatbrief.commands.workspace import Workspace

EVAL_DIR = Path(__file__).parent / "rebut_eval"
SETS = sorted(EVAL_DIR.glob("*.yaml"))
TOP1, TOP3 = 0.90, 1.00


def load_set(path: Path) -> list[tuple[str, list[str]]]:
    """The (query, acceptable card ids) pairs of an evaluation file."""
    items = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [(str(item["query"]), list(item["cards"])) for item in items]


def evaluate(path: Path) -> dict:
    """Top-1 and top-3 of one set: ``{"queries", "top1", "top3", "misses1", "misses3"}``.

    Top-1 counts the card ``debatbrief rebut QUERY`` prints (none when it prints only
    suggestions); top-3 the first three ranked cards.
    """
    queries = load_set(path)
    workspace = Workspace(brief_id=path.stem)
    misses1, misses3 = [], []
    for query, acceptable in queries:
        result = lookup(workspace, query)
        shown = result.hits[0].card["id"] if result.hits else None
        first3 = [hit.card["id"] for hit in result.ranked[:3]]
        if shown not in acceptable:
            misses1.append(f"{query!r}: {shown or 'geen kaart'}, verwacht {acceptable}")
        if not set(first3) & set(acceptable):
            misses3.append(f"{query!r}: {first3}, verwacht {acceptable}")
    n = len(queries)
    return {"queries": n, "top1": 1 - len(misses1) / n, "top3": 1 - len(misses3) / n,
            "misses1": misses1, "misses3": misses3}


def test_there_is_a_set_for_the_shipped_brief():
    assert (EVAL_DIR / "vwn-2024-05-22.yaml") in SETS


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_evaluation_set_meets_the_bar(path):
    brief_cards = {c.id for c in Workspace(brief_id=path.stem).brief().cards}
    unknown = {card for _, cards in load_set(path) for card in cards} - brief_cards
    assert not unknown, f"{path.name} names cards the brief does not have: {sorted(unknown)}"
    found = evaluate(path)
    assert found["top3"] >= TOP3, "\n".join(found["misses3"])
    assert found["top1"] >= TOP1, (f"top-1 {found['top1']:.0%}:\n" + "\n".join(found["misses1"]))
