"""How far two labellers of one evaluation set agree, and what that means for `rebut`'s targets.

    python benchmarks/label_agreement.py

For each shipped brief it reads the held-out set 5 (``tests/rebut_eval/heldout5/<brief>.yaml``,
the first labelling) and its second, independent labelling
(``heldout5/second-labelling/<brief>.yaml``) and prints:

- agreement: phrases both call "no card", or for which they name a card in common;
- the second labeller scored as if it were `rebut`, judged by the first labelling: its first
  card right (top-1), a right card among its cards, and a card where the first says none.
  That is the ceiling a careful human reaches on the issue's own measures (issue 21);
- `rebut` judged by each labelling, and on the phrases both agree on.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_rebut_eval import EVAL_DIR, evaluate, load_set  # noqa: E402

FIRST = EVAL_DIR / "heldout5"
SECOND = FIRST / "second-labelling"


def _write(path: Path, pairs: list[tuple[str, list[str]]]) -> None:
    """An evaluation file of ``pairs`` in the sets' own format."""
    lines = []
    for query, cards in pairs:
        quoted = query.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'- {{query: "{quoted}", cards: {"[" + ", ".join(cards) + "]" if cards else "none"}}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _figures(found: dict) -> str:
    with_card, without = found["queries"], found["nocard"]
    return (
        f"top-1 {round(found['top1'] * with_card)}/{with_card} ({found['top1']:.0%}), "
        f"shown {round(found['shown'] * with_card)}/{with_card} ({found['shown']:.0%}), "
        f"wrong {round(found['wrong'] * without)}/{without} ({found['wrong']:.0%})"
    )


def _human(first: list, second: list) -> str:
    """The second labelling scored as `rebut` is, by the first."""
    with_card = [(a, b) for (_, a), (_, b) in zip(first, second, strict=True) if a]
    without = [b for (_, a), (_, b) in zip(first, second, strict=True) if not a]
    top1 = sum(1 for a, b in with_card if b and b[0] in a)
    any_right = sum(1 for a, b in with_card if set(a) & set(b))
    wrong = sum(1 for b in without if b)
    return (
        f"first card right {top1}/{len(with_card)} ({top1 / len(with_card):.0%}), a right card "
        f"{any_right}/{len(with_card)} ({any_right / len(with_card):.0%}), a card where the first "
        f"says none {wrong}/{len(without)} ({wrong / len(without):.0%})"
    )


def report(brief: str, scratch: Path) -> list[str]:
    """The lines for one brief."""
    first, second = load_set(FIRST / f"{brief}.yaml"), load_set(SECOND / f"{brief}.yaml")
    if [q for q, _ in first] != [q for q, _ in second]:
        raise SystemExit(f"{brief}: the two labellings do not hold the same phrases in the same order")
    both_none = sum(1 for (_, a), (_, b) in zip(first, second, strict=True) if not a and not b)
    shared = sum(1 for (_, a), (_, b) in zip(first, second, strict=True) if set(a) & set(b))
    agreed = [
        (q, sorted(set(a) & set(b)))
        for (q, a), (_, b) in zip(first, second, strict=True)
        if (not a and not b) or set(a) & set(b)
    ]
    (scratch / "second").mkdir(exist_ok=True)
    (scratch / "agreed").mkdir(exist_ok=True)
    _write(scratch / "second" / f"{brief}.yaml", second)
    _write(scratch / "agreed" / f"{brief}.yaml", agreed)
    return [
        f"{brief}: {len(first)} phrases, the labellers agree on {both_none + shared} "
        f"({(both_none + shared) / len(first):.0%}: {both_none} no card, {shared} a card in common)",
        f"  the second labeller, judged by the first: {_human(first, second)}",
        f"  rebut, judged by the first labelling:  {_figures(evaluate(FIRST / f'{brief}.yaml'))}",
        "  rebut, judged by the second labelling: "
        f"{_figures(evaluate(scratch / 'second' / f'{brief}.yaml'))}",
        f"  rebut, on the {len(agreed)} phrases both agree on: "
        f"{_figures(evaluate(scratch / 'agreed' / f'{brief}.yaml'))}",
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(SECOND.glob("*.yaml")):
            print("\n".join(report(path.stem, Path(scratch))))


if __name__ == "__main__":
    main()
