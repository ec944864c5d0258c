"""Presenting a plan in the terminal (rich); the one-page PDF is :mod:`debatbrief.commands.plan`.

Part of the presentation layer: :mod:`debatbrief.plan.seats` computes, this module shows. The
terminal view is plain text to a pipe or with ``NO_COLOR`` (the same characters, so a
colour-blind reader loses nothing), colours on a terminal, and fits 60 columns.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from debatbrief.brief.models import CHAMBER_NAMES
from debatbrief.plan.seats import (
    KIND_WORDS,
    SEAT_ORDER,
    AskPlan,
    ChamberPlan,
    Plan,
    call_first,
    estimate_of,
    outcome_word,
    plain_text,
    seat_marks,
    why,
)

if TYPE_CHECKING:
    from rich.console import Console

    from debatbrief.brief.models import Brief

#: One character per mark in the terminal bar (the same with or without colour).
GLYPHS = {"voor": "+", "swing": "*", "onbekend": "?", "tegen": "-"}
#: Colours of the terminal bar (Okabe-Ito, as in the PDF), used only on a colour terminal.
STYLES = {
    "voor": "bold white on #0072B2",
    "swing": "bold black on #F0E442",
    "onbekend": "black on #D0D0D0",
    "tegen": "bold white on #D55E00",
}
SHORT_CHAMBER = {"tweede-kamer": "TK", "eerste-kamer": "EK"}
#: How many smallest sets the terminal shows per chamber (JSON has them all, up to MAX_SETS).
SHOWN_SETS = 3


def bar_marks(chamber: ChamberPlan, width: int) -> list[str]:
    """``width`` cells for a chamber: each cell shows the mark of the seat at its middle,
    so every group keeps its share of the bar to within one cell."""
    marks = seat_marks(chamber)
    return [marks[(2 * i + 1) * len(marks) // (2 * width)] for i in range(width)]


def middle_cell(chamber: ChamberPlan, width: int) -> int:
    """The cell boundary nearest to the majority (where the bar gets its ``|``)."""
    return (chamber.needed * width + chamber.seats // 2) // chamber.seats


def _stance_tag(stance) -> str:
    return "bron" if stance.source else "inschatting"


# --- Terminal ---------------------------------------------------------------------------


class Writer:
    """Wrapped, escaped lines on a rich console: ``say(text, indent, style, hang)``."""

    def __init__(self, out: Console) -> None:
        self.out = out
        self.width = max(40, out.width)

    def say(self, text: str = "", indent: int = 0, style: str = "", hang: int = 2) -> None:
        """Print ``text`` wrapped to the console's width (never breaking at hyphens), every
        line after the first indented ``hang`` more; made safe for the terminal."""
        from rich.text import Text

        from debatbrief.cli.present import safe  # the one escaping point for the terminal

        lines = textwrap.wrap(
            text,
            width=self.width,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + hang),
            break_on_hyphens=False,
        ) or [""]
        for line in lines:
            self.out.print(Text(safe(line), style=style), soft_wrap=True)


def print_plan(brief: Brief, result: Plan, out: Console, fractie: str | None = None) -> None:
    """Print the plan: a header, the overview (one line per votable ask), whom to call
    first, then per votable ask and chamber the bar, the count, the outcome, the smallest
    swing sets and the swing fracties, and every fractie's stance (with ``bron`` or
    ``inschatting``); last the questions and commitments, without counts. With
    ``fractie`` (an id), each chamber also says why that fractie is, or is not, swing."""
    w = Writer(out)
    _print_header(brief, result, w)
    if result.asks:
        _print_overview(result, w)
    for number, ask_plan in enumerate(result.asks, start=1):
        _print_ask(ask_plan, number, w, fractie)
    _print_unvoted(result, w)


def _print_header(brief: Brief, result: Plan, w: Writer) -> None:
    from rich.text import Text

    from debatbrief.brief.cite import format_date

    w.say(f"Plan: {brief.meta.title}", style="bold")
    w.say(f"{brief.meta.debate.title}, {format_date(brief.meta.debate.date, 'full')}")
    for note in result.notes:
        w.say(note)
    if not result.asks:
        return
    w.say(
        "Meerderheid: "
        + ", ".join(f"{c.needed} van {c.seats} ({c.name})" for c in result.asks[0].chambers)
        + "."
    )
    w.say(f"Standpunten uit stances.yaml: met bron, of {estimate_of(brief)}.")
    legend = Text("")
    for vote in SEAT_ORDER:
        legend.append(GLYPHS[vote], style=STYLES[vote] if not w.out.no_color else "")
        legend.append(f" {vote}  ")
    legend.append("|", style="bold")
    legend.append(" meerderheid")
    w.out.print(legend, soft_wrap=True)


def _print_overview(result: Plan, w: Writer) -> None:
    """One line per ask (or the verdicts under each id when a line would not fit), then
    whom to call first in each counted chamber."""
    w.say()
    w.say("Overzicht", style="bold")
    label = max(len(a.ask.id) for a in result.asks)
    verdicts = [
        " · ".join(f"{SHORT_CHAMBER[c.kamer.kind]} {outcome_word(c)}" for c in ask_plan.chambers)
        for ask_plan in result.asks
    ]
    one_line = all(label + 4 + len(v) <= w.width for v in verdicts)
    for number, (ask_plan, verdict) in enumerate(zip(result.asks, verdicts, strict=True), start=1):
        if one_line:
            w.say(f"{number:>2} {ask_plan.ask.id:<{label}} {verdict}")
        else:
            w.say(f"{number:>2} {ask_plan.ask.id}")
            w.say(verdict, indent=3)
    for line in call_first_lines(result):
        w.say(line)


def call_first_lines(result: Plan, shown: int = 3) -> list[str]:
    """``"Eerst bellen in de Tweede Kamer: NSC (swing bij 2 van de 3 punten), VVD (1)."``,
    one line per counted chamber that has a swing fractie."""
    lines = []
    total = len(result.asks)
    for kind, ranked in call_first(result).items():
        if ranked:
            (top, count), rest = ranked[0], ranked[1:shown]
            names = ", ".join(
                [
                    f"{top.abbreviation} (swing bij {count} van de {total} "
                    f"{'punt' if total == 1 else 'punten'})"
                ]
                + [f"{f.abbreviation} ({n})" for f, n in rest]
            )
            lines.append(f"Eerst bellen in de {CHAMBER_NAMES[kind]}: {names}.")
    return lines


def _print_ask(ask_plan: AskPlan, number: int, w: Writer, fractie: str | None) -> None:
    ask = ask_plan.ask
    w.say()
    w.say(f"{number}. {ask.id} ({KIND_WORDS[ask.kind]})", style="bold")
    w.say(plain_text(ask.text), indent=3, hang=0)
    for chamber in ask_plan.chambers:
        _print_chamber(chamber, w, fractie)


def _print_chamber(chamber: ChamberPlan, w: Writer, fractie: str | None) -> None:
    w.say()
    w.say(
        f"{chamber.name}: voor {chamber.voor} · onbekend {chamber.onbekend} · tegen {chamber.tegen}",
        indent=3,
        style="bold",
    )
    w.out.print(_bar(chamber, min(50, w.width - 5), w.out.no_color), soft_wrap=True)
    w.say(chamber.summary, indent=3)
    if chamber.sets:
        w.say(f"Kleinste combinaties ({chamber.set_count}):", indent=3)
        for swing_set in chamber.sets[:SHOWN_SETS]:
            combination = " + ".join(f"{f.abbreviation} {f.zetels}" for f in swing_set.fracties)
            w.say(f"{combination}: {chamber.voor} + {swing_set.seats} = {swing_set.total}", indent=5)
        if chamber.set_count > SHOWN_SETS:
            w.say(f"en nog {chamber.set_count - SHOWN_SETS} (zie --format json)", indent=5)
        w.say(
            "Swing: "
            + ", ".join(
                f"{s.fractie.abbreviation} {s.fractie.zetels} ({s.sets} van {chamber.set_count})"
                for s in chamber.swing
            ),
            indent=3,
        )
    if chamber.pivotal:
        w.say(
            "Onmisbaar voor de meerderheid: "
            + ", ".join(f"{f.abbreviation} {f.zetels}" for f in chamber.pivotal),
            indent=3,
        )
    for vote, basis in (
        ("voor", "bron"),
        ("voor", "inschatting"),
        ("tegen", "bron"),
        ("tegen", "inschatting"),
        ("onbekend", None),
    ):
        members = [
            p
            for p in chamber.positions
            if p.vote == vote and (basis is None or _stance_tag(p.stance) == basis)
        ]
        if members:
            listed = ", ".join(f"{p.fractie.abbreviation} {p.fractie.zetels}" for p in members)
            w.say(f"{vote}{f' ({basis})' if basis else ''}: {listed}", indent=3)
    if fractie:
        w.say(f"Waarom: {'; '.join(why(chamber, fractie))}.", indent=3, style="italic")


def _print_unvoted(result: Plan, w: Writer) -> None:
    """The questions and commitments: listed with their text, never counted."""
    if not result.unvoted:
        return
    w.say()
    w.say("Vragen en toezeggingen (geen stemming, dus geen zeteltelling)", style="bold")
    for ask in result.unvoted:
        w.say(f"- {ask.id} ({KIND_WORDS[ask.kind]}): {plain_text(ask.text)}", indent=1, hang=4)


def _bar(chamber: ChamberPlan, width: int, plain: bool):
    from rich.text import Text

    marks = bar_marks(chamber, width)
    middle = middle_cell(chamber, width)
    bar = Text("   ")
    for index, vote in enumerate(marks):
        if index == middle:
            bar.append("|", style="" if plain else "bold")
        bar.append(GLYPHS[vote], style="" if plain else STYLES[vote])
    return bar
