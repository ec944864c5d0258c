"""Presenting a plan: the terminal view (rich) and the one-page PDF (WeasyPrint).

Part of the presentation layer: :mod:`debatbrief.plan.seats` computes, this module shows. The
terminal view is plain text to a pipe or with ``NO_COLOR`` (the same characters, so a
colour-blind reader loses nothing), colours on a terminal, and fits 60 columns.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from debatbrief.brief.models import CHAMBER_NAMES
from debatbrief.plan.seats import (
    SEAT_ORDER,
    ChamberPlan,
    Plan,
    call_first,
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
STYLES = {"voor": "bold white on #0072B2", "swing": "bold black on #F0E442",
          "onbekend": "black on #D0D0D0", "tegen": "bold white on #D55E00"}
KIND_WORDS = {"question": "vraag", "commitment": "toezegging"}
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


def print_plan(brief: Brief, result: Plan, out: Console, fractie: str | None = None) -> None:
    """Print the plan: a header, the overview (one line per ask), whom to call first, then
    per ask and chamber the bar, the count, the outcome, the smallest swing sets and the
    swing fracties, and every fractie's stance (with ``bron`` or ``inschatting``). With
    ``fractie`` (an id), each chamber also says why that fractie is, or is not, swing."""
    from rich.text import Text

    from debatbrief.cli.present import safe  # the one escaping point for the terminal
    width = max(40, out.width)
    bar_width = min(50, width - 5)
    sender = brief.meta.sender.short or brief.meta.sender.organisation

    def say(text: str = "", indent: int = 0, style: str = "", hang: int = 2) -> None:
        lines = textwrap.wrap(text, width=width, initial_indent=" " * indent,
                              subsequent_indent=" " * (indent + hang),
                              break_on_hyphens=False) or [""]
        for line in lines:
            out.print(Text(safe(line), style=style), soft_wrap=True)

    from debatbrief.brief.cite import format_date
    say(f"Plan: {brief.meta.title}", style="bold")
    say(f"{brief.meta.debate.title}, {format_date(brief.meta.debate.date, 'full')}")
    if result.asks:
        say("Meerderheid: " + ", ".join(f"{c.needed} van {c.seats} ({c.name})"
                                        for c in result.asks[0].chambers) + ".")
    for note in result.notes:
        say(note)
    say(f"Standpunten uit stances.yaml: met bron, of inschatting van {sender}.")
    legend = Text("")
    for vote in SEAT_ORDER:
        legend.append(GLYPHS[vote], style=STYLES[vote] if not out.no_color else "")
        legend.append(f" {vote}  ")
    legend.append("|", style="bold")
    legend.append(" meerderheid")
    out.print(legend, soft_wrap=True)

    say()
    say("Overzicht", style="bold")
    label = max(len(a.ask.id) for a in result.asks) if result.asks else 0
    verdicts = [" · ".join(f"{SHORT_CHAMBER[c.kamer.kind]} {outcome_word(c)}"
                           for c in ask_plan.chambers) for ask_plan in result.asks]
    # One line per ask when every line fits, else every verdict under its ask id.
    one_line = all(label + 4 + len(v) <= width for v in verdicts)
    for number, (ask_plan, verdict) in enumerate(zip(result.asks, verdicts, strict=True),
                                                 start=1):
        if one_line:
            say(f"{number:>2} {ask_plan.ask.id:<{label}} {verdict}")
        else:
            say(f"{number:>2} {ask_plan.ask.id}")
            say(verdict, indent=3)
    for kind, ranked in call_first(result).items():
        if ranked:
            (top, count), rest = ranked[0], ranked[1:3]
            total = len(result.asks)
            names = ", ".join([f"{top.abbreviation} (swing bij {count} van de {total} "
                               f"{'punt' if total == 1 else 'punten'})"]
                              + [f"{f.abbreviation} ({n})" for f, n in rest])
            say(f"Eerst bellen in de {CHAMBER_NAMES[kind]}: {names}.")

    for number, ask_plan in enumerate(result.asks, start=1):
        ask = ask_plan.ask
        say()
        say(f"{number}. {ask.id} ({KIND_WORDS[ask.kind]})", style="bold")
        say(plain_text(ask.text), indent=3, hang=0)
        for chamber in ask_plan.chambers:
            say()
            say(f"{chamber.name}: voor {chamber.voor} · onbekend {chamber.onbekend} · "
                f"tegen {chamber.tegen}", indent=3, style="bold")
            out.print(_bar(chamber, bar_width, out.no_color), soft_wrap=True)
            say(chamber.summary, indent=3)
            if chamber.sets:
                say(f"Kleinste combinaties ({chamber.set_count}):", indent=3)
                for swing_set in chamber.sets[:SHOWN_SETS]:
                    members = " + ".join(f"{f.abbreviation} {f.zetels}"
                                         for f in swing_set.fracties)
                    say(f"{members}: {chamber.voor} + {swing_set.seats} = {swing_set.total}",
                        indent=5)
                if chamber.set_count > SHOWN_SETS:
                    say(f"en nog {chamber.set_count - SHOWN_SETS} (zie --format json)", indent=5)
                say("Swing: " + ", ".join(f"{s.fractie.abbreviation} {s.fractie.zetels} "
                                          f"({s.sets} van {chamber.set_count})"
                                          for s in chamber.swing), indent=3)
            if chamber.pivotal:
                say("Onmisbaar voor de meerderheid: " + ", ".join(
                    f"{f.abbreviation} {f.zetels}" for f in chamber.pivotal), indent=3)
            for vote, basis in (("voor", "bron"), ("voor", "inschatting"), ("tegen", "bron"),
                                ("tegen", "inschatting"), ("onbekend", None)):
                members = [p for p in chamber.positions if p.vote == vote
                           and (basis is None or _stance_tag(p.stance) == basis)]
                if members:
                    listed = ", ".join(f"{p.fractie.abbreviation} {p.fractie.zetels}"
                                       for p in members)
                    say(f"{vote}{f' ({basis})' if basis else ''}: {listed}", indent=3)
            if fractie:
                say(f"Waarom: {'; '.join(why(chamber, fractie))}.", indent=3, style="italic")


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


# --- PDF --------------------------------------------------------------------------------
