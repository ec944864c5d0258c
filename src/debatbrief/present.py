"""Terminal presentation with rich: tables for ``list`` and ``explain``, panels for ``rebut``.

Part of the CLI layer (the core never imports rich). Colour is used only on a terminal
and never when ``NO_COLOR`` is set; output to a pipe is plain text.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.table import Table


def console(stderr: bool = False) -> Console:
    """A console that writes plain text to pipes and honours NO_COLOR."""
    plain = bool(os.environ.get("NO_COLOR")) or not (sys.stderr if stderr else sys.stdout).isatty()
    return Console(stderr=stderr, highlight=False, no_color=plain,
                   color_system=None if plain else "auto", emoji=False)


# --- list -------------------------------------------------------------------------------


def print_list(ws, what: str, out: Console | None = None) -> None:
    """Print the fracties, topics, sources or briefs of the workspace as a table."""
    out = out or console()
    if what == "briefs":
        from .load import list_briefs
        table = Table("id", "map", title="Briefs")
        for folder in list_briefs(ws.briefs):
            table.add_row(folder.name, str(folder))
        out.print(table)
        return
    brief = ws.brief()
    if what == "fracties":
        table = Table("afkorting", "naam", "zetels", "fractievoorzitter", "positie",
                      title=f"{brief.kamer.chamber}, {brief.kamer.date:%d-%m-%Y}")
        for f in brief.kamer.fracties:
            chair = f.fractievoorzitter + (" (niet bevestigd)" if f.fractievoorzitter_unconfirmed
                                           else "")
            table.add_row(f.abbreviation, f.name, str(f.zetels), chair,
                          "formerend" if f.forming else "oppositie")
        out.print(table)
    elif what == "topics":
        counts = {t.id: 0 for t in brief.meta.topics}
        cards = {t.id: 0 for t in brief.meta.topics}
        for argument in brief.arguments:
            counts[argument.topic] += 1
        for card in brief.cards:
            cards[card.topic] += 1
        table = Table("id", "onderwerp", "argumenten", "kaarten", title=brief.meta.title)
        for t in brief.meta.topics:
            table.add_row(t.id, t.title, str(counts[t.id]), str(cards[t.id]))
        out.print(table)
    elif what == "sources":
        from .cite import source_reference
        table = Table("id", "bron", "in de brief", "gecorrigeerd", title="Bronnen")
        for s in brief.sources:
            table.add_row(s.id, source_reference(s), s.in_letter or "toegevoegd",
                          "ja" if s.correction else "")
        out.print(table)


# --- explain ----------------------------------------------------------------------------


def print_explain(brief, selection, out: Console | None = None) -> None:
    """Why this briefing says what it says: order, angle, score, reasons; and what is left out."""
    out = out or console()
    s = selection
    labels = {v.id: v.label for v in brief.meta.values}
    role = "formerende partij" if s.fractie.forming else "oppositie"
    out.print(f"[bold]{s.fractie.abbreviation}[/bold] ({role}), lengte {s.length}")
    if s.profile is None:
        out.print("Geen profiel in deze brief: alle waarden wegen even zwaar.")
    else:
        weights = ", ".join(f"{labels.get(k, k)} {v}" for k, v in
                            sorted(s.profile.values.items(), key=lambda kv: -kv[1]) if v)
        out.print(f"Waarden uit het profiel: {weights}")
        if s.profile.record:
            topics = sorted({item.topic for item in s.profile.record})
            out.print(f"Eigen record over: {', '.join(topics)}")
    table = Table("#", "onderwerp", "argument", "invalshoek", "score", "waarom",
                  title="Argumenten, in de volgorde op papier")
    position = 0
    for section in s.sections:
        for chosen in section.arguments:
            position += 1
            where = "" if chosen.detailed else " (kort)"
            hooks = " + record" if chosen.hooks else ""
            table.add_row(str(position), section.topic_id, chosen.argument.id + where + hooks,
                          labels.get(chosen.angle.value, chosen.angle.value),
                          str(chosen.scored.score), "; ".join(chosen.scored.reasons))
    out.print(table)
    _scored_table(out, "Kernboodschap", [(m.id, sc) for m, sc in s.messages])
    title = "Vragen voor het debat" if s.asks_kind == "question" else "Toezeggingen om te vragen"
    _scored_table(out, title, [(a.id, sc) for a, sc in s.asks])
    _scored_table(out, "Weerleggingskaarten", [(c.id, sc) for c, sc in s.cards])
    if s.left_out:
        left = Table("soort", "id", "waarom niet", title="Weggelaten")
        for item in s.left_out:
            left.add_row(item.kind, item.id, item.reason)
        out.print(left)


def _scored_table(out: Console, title: str, rows) -> None:
    if not rows:
        return
    table = Table("#", "id", "score", "waarom", title=title)
    for i, (item_id, scored) in enumerate(rows, start=1):
        table.add_row(str(i), item_id, str(scored.score), "; ".join(scored.reasons))
    out.print(table)


# --- rebut ------------------------------------------------------------------------------


def print_rebut(result, all_: bool = False, short: bool = False,
                out: Console | None = None) -> int:
    """Print the best card (or all matches); returns the exit code (1: no match)."""
    out = out or console()
    if not result.hits:
        near = ", ".join(f"{h.card['id']} ({h.card['topic_title']})" for h in result.nearest)
        scope = f" voor {result.fractie.upper()}" if result.fractie else ""
        print(f"Geen kaart gevonden{scope} voor '{result.query}'. Dichtstbij: {near or 'geen'}.",
              file=sys.stderr)
        return 1
    hits = result.hits if all_ else result.hits[:1]
    if short:
        for hit in hits:
            card = hit.card
            out.print(card["say"], markup=False, soft_wrap=False)
            out.print(f"Bron: {'; '.join(card['sources'][:2])}  [{card['id']}]", markup=False,
                      style="dim")
        return 0
    from rich.panel import Panel
    from rich.text import Text
    for rank, hit in enumerate(hits, start=1):
        card = hit.card
        body = Text()
        sections = [("Claim", card["claim"]), ("Weerlegging", card["rebuttal"]),
                    ("Bewijs", card["evidence"]), ("Zeg", card["say"]),
                    ("Doorvragen", card["follow_up"])]
        for i, (label, text) in enumerate(sections):
            if i:
                body.append("\n")
            body.append(f"{label}: ", style="bold")
            body.append(text, style="bold yellow" if label == "Zeg" else "")
        title = f"{card['topic_title']} · {card['id']}"
        if all_:
            title = f"{rank}. {title} ({hit.score:.0f})"
        out.print(Panel(body, title=title, title_align="left", expand=True))
    return 0
