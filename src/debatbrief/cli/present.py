"""Terminal presentation with rich: tables for ``list`` and ``explain``, panels for ``rebut``.

Part of the CLI layer (the core never imports rich). rich's Console decides colour
(:func:`console`): only on a terminal or when ``FORCE_COLOR`` asks, never under ``NO_COLOR``;
output to a pipe is plain text.

Everything printed here passes one of two functions: :func:`safe` for plain text (control
and bidirectional characters written out, never sent to the terminal) and :func:`_t` for
text inside rich markup (the same, then escaped so that brackets are text, not markup).
A brief that passed ``check`` holds no such characters; a cache file or a query may.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported inside the functions that draw tables and panels: `rebut` to a pipe
# prints plain text and should not pay for it.


#: What a terminal that cannot show a character shows instead (after accents are dropped:
#: "creëert" becomes "creeert"); anything else becomes "?".
_FALLBACKS = {
    "·": "-",
    "—": "-",
    "–": "-",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "…": "...",
    "\u00a0": " ",
    "\u202f": " ",
    "•": "*",
    "→": "->",
    "€": "EUR",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
}

#: The name of the codec error handler :func:`guard_streams` installs.
ERRORS = "debatbrief-degrade"


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the closest text the stream's encoding can carry."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    shown = []
    for char in error.object[error.start : error.end]:
        text = _FALLBACKS.get(char)
        if text is None:
            text = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        try:
            text.encode(error.encoding)
        except (UnicodeError, LookupError):
            text = "?"
        shown.append(text or "?")
    return "".join(shown), error.end


def guard_streams() -> None:
    """Make stdout and stderr safe to print any text to.

    A stream whose encoding cannot carry a character (``PYTHONIOENCODING=ascii``, an ASCII
    terminal under ``LC_ALL=C``) shows the closest plain text instead of raising
    UnicodeEncodeError ("·" becomes "-", "ë" becomes "e"); rich draws its boxes in ASCII
    there by itself. A stream that was closed at start (``debatbrief ... >&-``) writes
    into the void.
    """
    import codecs

    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _degrade)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 - lives as long as we do
        elif hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def plain_output(stderr: bool = False) -> bool:
    """True when rich's Console would not style the stream (:func:`console`): a pipe or
    file unless ``FORCE_COLOR`` or ``TTY_COMPATIBLE=1`` asks for colour, ``NO_COLOR``,
    ``TTY_COMPATIBLE=0``, or no stream at all: then no colour and no boxes."""
    stream = sys.stderr if stderr else sys.stdout
    if stream is None:
        return True
    if os.environ.get("FORCE_COLOR") is None and os.environ.get("TTY_COMPATIBLE") is None:
        # What rich would decide, without importing it (50 ms): `rebut | cat` stays quick.
        try:
            if not stream.isatty():
                return True
        except ValueError:  # a closed stream
            return True
    out = console(stderr)
    return out.no_color or not out.is_terminal


def safe(value) -> str:
    """Any value as plain text for the terminal: control and bidirectional characters are
    written out (``\\x1b``), so nothing in it acts on the terminal."""
    from debatbrief.base.chars import visible

    return visible(str(value))


def _t(value) -> str:
    """Any value for rich markup (cells, titles, lines): :func:`safe`, and square brackets
    are text, not markup."""
    from rich.markup import escape

    return escape(safe(value))


def _text(value):
    """Any value as a rich ``Text`` (never parsed as markup), made :func:`safe`."""
    from rich.text import Text

    return Text(safe(value))


def console(stderr: bool = False) -> Console:
    """A rich console; rich decides colour and width from the stream and the environment
    (``NO_COLOR``, ``FORCE_COLOR``, ``TTY_COMPATIBLE``, ``COLUMNS``): plain text to a pipe
    unless ``FORCE_COLOR`` or ``TTY_COMPATIBLE`` asks for colour."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


# --- list -------------------------------------------------------------------------------


def print_list(ws, what: str, out: Console | None = None) -> None:
    """Print the fracties, topics, sources, cards or briefs of the workspace as a table."""
    out = out or console()
    if what == "cards":
        _cards_table(ws, out)
        return
    if what == "briefs":
        _briefs_table(ws, out)
        return
    brief = ws.brief()
    if what == "fracties":
        _fracties_table(brief, out)
    elif what == "topics":
        _topics_table(brief, out)
    elif what == "sources":
        _sources_table(brief, out)


def _briefs_table(ws, out: Console) -> None:
    """The briefs under the workspace's briefs folder: id and folder."""
    from rich.table import Table

    from debatbrief.brief.load import list_briefs

    table = Table("id", "map", title="Briefs")
    for folder in list_briefs(ws.briefs):
        table.add_row(*map(_t, (folder.name, str(folder))))
    out.print(table)


def _fracties_table(brief, out: Console) -> None:
    """The fracties of the brief's Kamer: abbreviation, name, seats, chair (marked when not
    confirmed), roles and stance on the subject."""
    from rich.table import Table

    table = Table(
        "afkorting",
        "naam",
        "zetels",
        "fractievoorzitter",
        "rol",
        "standpunt",
        title=_t(f"{brief.kamer.chamber}, {brief.kamer.date:%d-%m-%Y}"),
    )
    for f in brief.kamer.fracties:
        chair = (f.fractievoorzitter or "") + (" (niet bevestigd)" if f.fractievoorzitter_unconfirmed else "")
        table.add_row(
            *map(
                _t,
                (
                    f.abbreviation,
                    f.name,
                    str(f.zetels),
                    chair,
                    ", ".join(brief.kamer.roles(f.id)),
                    _stance_text(brief.subject_stance(f.id), False),
                ),
            )
        )
    out.print(table)


def _topics_table(brief, out: Console) -> None:
    """The brief's topics with how many arguments and cards each has."""
    from rich.table import Table

    counts = {t.id: 0 for t in brief.meta.topics}
    cards = {t.id: 0 for t in brief.meta.topics}
    for argument in brief.arguments:
        counts[argument.topic] += 1
    for card in brief.cards:
        cards[card.topic] += 1
    table = Table("id", "onderwerp", "argumenten", "kaarten", title=_t(brief.meta.title))
    for t in brief.meta.topics:
        table.add_row(*map(_t, (t.id, t.title, str(counts[t.id]), str(cards[t.id]))))
    out.print(table)


def _sources_table(brief, out: Console) -> None:
    """The brief's sources: reference, where the document cites them, and their errata."""
    from rich.table import Table

    from debatbrief.brief.cite import source_reference

    table = Table("id", "bron", f"in {brief.meta.document.the}", "errata", title="Bronnen")
    for s in brief.sources:
        errata = ", ".join(w for w, x in (("correctie", s.correction), ("kanttekening", s.caveat)) if x)
        where = s.in_document or ("het document zelf" if s.id == brief.meta.document.source else "toegevoegd")
        table.add_row(*map(_t, (s.id, source_reference(s), where, errata)))
    out.print(table)


def _cards_table(ws, out: Console) -> None:
    """The rebuttal cards: id and topic, who is expected to raise the claim, sources cited
    (their ids, as ``cards --source`` takes them)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from debatbrief.cards.lookup import deck

    data = deck(ws)
    names = {f["id"]: f["abbreviation"] for f in data["fracties"]}
    widest = max((len(c["id"]) + max(map(len, c["source_ids"]), default=0) for c in data["cards"]), default=0)
    if out.width < widest + 20:  # no room for three columns: a block per card
        for card in data["cards"]:
            out.print(f"[bold]{_t(card['id'])}[/bold] ({_t(card['topic'])})")
            for label, items in (
                ("ingebracht door", [names.get(f, f) for f in card["raised_by"]]),
                ("bronnen", card["source_ids"]),
            ):
                for line in textwrap.wrap(
                    f"{label}: {', '.join(items) or '-'}",
                    out.width - 2,
                    initial_indent="  ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,
                ):
                    out.print(safe(line), markup=False, highlight=False)
        return
    table = Table(
        "kaart (onderwerp)",
        "ingebracht door",
        "bronnen",
        title="Weerleggingskaarten",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    # Ids are what a user copies: never break one; sources stand one to a line.
    table.columns[0].no_wrap = table.columns[2].no_wrap = True
    table.columns[1].overflow = "fold"
    table.columns[1].min_width = 9
    for card in data["cards"]:
        cell = Text(safe(card["id"]))
        cell.append(safe(f"\n({card['topic']})"), style="dim")
        table.add_row(
            cell,
            _t(", ".join(names.get(f, f) for f in card["raised_by"])),
            Text(safe("\n".join(card["source_ids"]))),
        )
    out.print(table)


# --- errata -----------------------------------------------------------------------------


def print_errata(brief, items, out: Console | None = None) -> None:
    """The corrections and caveats of a brief's sources as a numbered list (for the office),
    wrapped to the terminal's width."""
    from debatbrief.brief.cite import format_date, source_short

    out = out or console()
    document = brief.meta.document
    when = document.date_text or format_date(document.date, "long")
    if not items:
        out.print(
            safe(f"Geen correcties of kanttekeningen bij de bronnen van {document.the} van {when}."),
            markup=False,
        )
        return
    out.print(safe(f"Errata bij {document.the} van {when} ({len(items)})"), markup=False, style="bold")
    for number, item in enumerate(items, start=1):
        where = f" ({item.where})" if item.where else " (toegevoegd)"
        out.print(safe(f"{number}. {item.kind} · {source_short(item.source)}{where}"), markup=False)
        if item.kind == "correctie":
            what = (
                f"{document.the.capitalize()} vermeldt '{item.said}'; juist is "
                f"'{item.correct}'. {item.text}" + (f" Bron: {'; '.join(item.proof)}." if item.proof else "")
            )
        else:
            what = item.text
        for line in textwrap.wrap(what, max(20, out.width - 3)):
            out.print(safe(f"   {line}"), markup=False, highlight=False)


# --- explain ----------------------------------------------------------------------------


def print_explain(brief, selection, out: Console | None = None) -> None:
    """Why this briefing says what it says: order, angle, score, reasons; and what is left out."""
    out = out or console()
    s = selection
    _explain_header(brief, s, out)
    _explain_arguments(s, out)
    _scored_table(out, "Kernboodschap", [(m.id, sc) for m, sc in s.messages])
    addressed = "regerende of formerende fractie" if s.address == "governing" else "oppositie"
    _scored_table(
        out,
        f"Wat wij van u vragen (gericht aan een {addressed})",
        [(a.ask.id, _with_stance(a.scored, a.stance)) for a in s.asks],
    )
    _scored_table(out, "Weerleggingskaarten", [(c.card.id, _with_stance(c.scored, None)) for c in s.cards])
    if s.left_out:
        _explain_left_out(s, out)


def _explain_header(brief, s, out: Console) -> None:
    """Who the briefing is for: fractie, roles and length, its stance on the subject, and
    the values (and own voting record) its profile weighs."""
    labels = {v.id: v.label for v in brief.meta.values}
    role = ", ".join(s.roles)
    kind = "volledige briefing" if s.length == "full" else "handout"
    out.print(f"[bold]{_t(s.fractie.abbreviation)}[/bold] ({_t(role)}), {kind}")
    out.print(safe(f"Standpunt over het onderwerp: {_stance_text(s.subject)}"), markup=False)
    if s.profile is None:
        out.print("Geen profiel in deze brief: alle waarden wegen even zwaar.")
        return
    weights = ", ".join(
        f"{labels.get(k, k)} {v}" for k, v in sorted(s.profile.values.items(), key=lambda kv: -kv[1]) if v
    )
    out.print(safe(f"Waarden uit het profiel: {weights}"), markup=False)
    if s.profile.record:
        topics = sorted({item.topic for item in s.profile.record})
        out.print(safe(f"Eigen stemgedrag over: {', '.join(topics)}"), markup=False)


def _explain_arguments(s, out: Console) -> None:
    """The chosen arguments in their order on paper: id (marked short, or hooked to the
    fractie's voting record), angle, score and the reasons for it."""
    from rich import box
    from rich.table import Table

    table = Table(
        "#",
        "argument",
        "invalshoek",
        "score",
        "waarom",
        box=box.SIMPLE_HEAD,
        title="Argumenten, in de volgorde op papier",
        title_justify="left",
    )
    for column in table.columns:
        column.overflow = "fold"
    # Ids are what a user copies: never break one.
    table.columns[1].min_width = max(
        (len(c.argument.id) for sec in s.sections for c in sec.arguments), default=10
    )
    position = 0
    for section in s.sections:
        for chosen in section.arguments:
            position += 1
            where = "" if chosen.detailed else " kort"
            hooks = " +stemgedrag" if chosen.hooks else ""
            table.add_row(
                *map(
                    _t,
                    (
                        str(position),
                        chosen.argument.id + where + hooks,
                        chosen.angle.value,
                        str(chosen.scored.score),
                        "; ".join(chosen.scored.reasons),
                    ),
                )
            )
    out.print(table)


def _explain_left_out(s, out: Console) -> None:
    """What the selection left out, and why (kind, id, reason)."""
    from rich import box
    from rich.table import Table

    left = Table("soort", "id", "waarom niet", title="Weggelaten", box=box.SIMPLE_HEAD, title_justify="left")
    for column in left.columns:
        column.overflow = "fold"
    for item in s.left_out:
        left.add_row(*map(_t, (item.kind, item.id, item.reason)))
    out.print(left)


def _stance_text(stance, with_source: bool = True) -> str:
    """A stance in Dutch with its basis: "tegen (inschatting)", "brengt het in (bron: x)";
    without ``with_source``, just "(bron)"."""
    from debatbrief.brief.models import STANCE_WORDS

    if stance.source:
        basis = f"bron: {stance.source}" if with_source else "bron"
    else:
        basis = "inschatting"
    return f"{STANCE_WORDS[stance.stance]} ({basis})"


def _with_stance(scored, stance):
    """``scored`` with the fractie's stance added to its reasons (for ``explain``)."""
    if stance is None:
        return scored
    from dataclasses import replace

    return replace(scored, reasons=(*scored.reasons, f"uw standpunt: {_stance_text(stance)}"))


def _scored_table(out: Console, title: str, rows) -> None:
    from rich import box
    from rich.table import Table

    if not rows:
        return
    table = Table("#", "id", "score", "waarom", title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for column in table.columns:
        column.overflow = "fold"
    for i, (item_id, scored) in enumerate(rows, start=1):
        table.add_row(*map(_t, (str(i), item_id, str(scored.score), "; ".join(scored.reasons))))
    out.print(table)


# --- rebut ------------------------------------------------------------------------------


def print_rebut(result, all_: bool = False, short: bool = False, out: Console | None = None) -> int:
    """Print what ``rebut`` found; returns the exit code (0: a card or a short list of
    cards; 1: no card fits, said in one line on stderr with the nearest cards). Colour and
    boxes as rich's Console decides (:func:`plain_output`), plain text otherwise.

    One sure card is printed whole; several cards that share the query are a short
    ranked list (id, topic, claim and one-liner), from which the lobbyist types the id.
    ``all_`` prints every answer whole, filled up with the next candidates to three.
    """
    if result.warning:
        print(safe(result.warning), file=sys.stderr)
    if not result.hits:
        _print_no_card(result)
        return 1
    if all_:
        hits = list(result.hits)
        hits += [h for h in result.ranked if h.score > 0 and h not in hits][: 3 - len(hits)]
    elif len(result.hits) > 1:
        _print_choice(result, out)
        return 0
    else:
        hits = result.hits[:1]
    if out is None and not short and _draw_quickly(hits, all_):
        return 0
    if out is None and plain_output():
        _print_plain(hits, all_, short)
        return 0
    out = out or console()
    if short:
        for rank, hit in enumerate(hits, start=1):
            card = hit.card
            if rank > 1:
                out.print()
            out.print(safe(card["say"]), markup=False)
            out.print(safe(short_source_line(card)), markup=False, style="dim")
        return 0
    _print_panels(hits, all_, out)
    return 0


def _draw_quickly(hits, all_: bool) -> bool:
    """Draw the cards' panels on a terminal without rich (:mod:`debatbrief.cli.frame`),
    when that draws exactly what rich would; False when rich must draw (or the output is
    not a terminal)."""
    try:
        if sys.stdout is None or not sys.stdout.isatty():
            return False  # a pipe: plain text, without importing the frame's patterns
    except ValueError:  # a closed stream
        return False
    from debatbrief.cli.frame import draw, terminal_width

    width = terminal_width()
    drawn = draw(_frames(hits, all_), width) if width is not None else None
    if drawn is None:
        return False
    sys.stdout.write(drawn)
    return True


def _print_no_card(result) -> None:
    """The one line on stderr when no card fits: the nearest cards, or why none is near."""
    near = ", ".join(f"{h.card['id']} ({h.card['topic_title']})" for h in result.nearest)
    scope = f" voor {result.fractie}" if result.fractie else ""
    if len(result.nearest) > 1 and all(h.score >= 99 for h in result.nearest[:2]):
        # Every word is on several cards: the query is too general, not unknown.
        print(
            safe(
                f"'{result.query}' staat op meerdere kaarten{scope}: {near}. Typ een "
                f"woord meer, of een kaart-id."
            ),
            file=sys.stderr,
        )
    elif near:
        print(safe(f"Geen kaart gevonden{scope} voor '{result.query}'. Dichtstbij: {near}."), file=sys.stderr)
    else:
        print(
            safe(
                f"Geen kaart gevonden{scope} voor '{result.query}': geen kaart noemt "
                f"deze woorden (zie 'debatbrief list cards')."
            ),
            file=sys.stderr,
        )


def _print_choice(result, out: Console | None) -> None:
    """Several cards share the query: a short ranked list, best first, to choose from."""
    import shutil

    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    scope = f" voor {result.fractie}" if result.fractie else ""
    lines = [f"Meerdere kaarten passen{scope} bij '{result.query}'; typ de kaart-id voor de hele kaart:"]
    for rank, hit in enumerate(result.hits, start=1):
        card = hit.card
        lines.append(f"{rank}. {card['id']} · {card['topic_title']}")
        lines += textwrap.wrap(
            f"Claim: {card['claim']}", width, initial_indent="   ", subsequent_indent="   "
        )
        lines += textwrap.wrap(f"Zeg: {card['say']}", width, initial_indent="   ", subsequent_indent="   ")
    text = safe("\n".join(lines))
    if out is None and plain_output():
        sys.stdout.write(text + "\n")
    else:
        (out or console()).print(text, markup=False, highlight=False)


def _print_panels(hits, all_: bool, out: Console) -> None:
    """Each card whole in a rich panel (a terminal)."""
    from rich.panel import Panel
    from rich.text import Text

    for title, paragraphs, subtitle in _frames(hits, all_):
        body = Text()
        for i, paragraph in enumerate(paragraphs):
            if i:
                body.append("\n")
            for text, style in paragraph:
                body.append(text, style=style or "")
        out.print(
            Panel(
                body,
                title=Text(title),
                title_align="left",
                subtitle=Text(subtitle),
                subtitle_align="right",
                expand=True,
            )
        )


def _frames(hits, all_: bool) -> list[tuple[str, list[list[tuple[str, str | None]]], str]]:
    """Per card its panel's title, its text as paragraphs of ``(text, style)`` and its
    subtitle, made :func:`safe`: what :func:`_print_panels` and
    :func:`debatbrief.cli.frame.draw` draw."""
    frames = []
    for rank, hit in enumerate(hits, start=1):
        card = hit.card
        paragraphs = [
            [(f"{label}: ", "bold"), (safe(text), "bold yellow" if label == "Zeg" else None)]
            for label, text in card_sections(card)
        ]
        title = card["id"] if not all_ else f"{rank}. {card['id']} ({hit.score:.0f})"
        frames.append((safe(title), paragraphs, safe(card["topic_title"])))
    return frames


def card_sections(card: dict) -> list[tuple[str, str]]:
    say = card["say"]
    if card["say_sources"]:
        say += f" ({'; '.join(card['say_sources'])})"
    return [
        ("Claim", card["claim"]),
        ("Weerlegging", card["rebuttal"]),
        ("Bewijs", card["evidence"]),
        ("Zeg", say),
        ("Doorvragen", card["follow_up"]),
    ]


def short_source_line(card: dict) -> str:
    """The line under the one-liner in ``--short``: the sources the one-liner itself cites
    and the card id. A one-liner without citations states no fact of its own (``check``
    holds a factual one-liner to cite), so no source is shown rather than one that backs
    another sentence of the card."""
    if card["say_sources"]:
        return f"— {'; '.join(card['say_sources'])} · {card['id']}"
    return f"— {card['id']}"


def _print_plain(hits, all_: bool, short: bool) -> None:
    """The card(s) as plain text wrapped to the terminal width (for pipes and NO_COLOR)."""
    import shutil

    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    lines: list[str] = []
    for rank, hit in enumerate(hits, start=1):
        card = hit.card
        if short:
            if rank > 1:
                lines.append("")
            lines += textwrap.wrap(card["say"], width)
            lines += textwrap.wrap(short_source_line(card), width)
            continue
        head = f"{rank}. {card['id']} ({hit.score:.0f})" if all_ else card["id"]
        lines.append(f"{head} · {card['topic_title']}")
        for label, text in card_sections(card):
            lines += textwrap.wrap(f"{label}: {text}", width, subsequent_indent="  ")
        lines.append("")
    sys.stdout.write(safe("\n".join(lines).rstrip("\n")) + "\n")
