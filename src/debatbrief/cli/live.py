"""The live search: ``debatbrief rebut`` without a query, in a terminal, for the whole debate.

Type what you hear and the best card follows every key; the arrows move through the
ranked cards, Enter shows the selected card whole (the arrows then scroll it), Esc clears
the query, Ctrl-C (or Ctrl-D, Ctrl-Q) stops. ``--fractie`` keeps the cards that fractie is
expected to raise, as with a query. Built on prompt_toolkit; the ranking is
:func:`debatbrief.cards.lookup.search`, the same as ``rebut QUERY``.

The screen, top to bottom: a title line, the query, up to :data:`LIST_ROWS` ranked cards,
a rule, the selected card (one-liner and claim, or the whole card), and a line of keys.
It is laid out for terminals from 60 columns and 24 rows up.
"""

from __future__ import annotations

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Point
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import (
    BufferControl,
    ConditionalContainer,
    Dimension,
    FormattedTextControl,
    HSplit,
    Layout,
    VSplit,
    Window,
)
from prompt_toolkit.styles import Style

from debatbrief.cards.lookup import LookupResult, ranker, scope, search

#: How many ranked cards the list shows at most.
LIST_ROWS = 6

STYLE = Style.from_dict(
    {
        "title": "reverse",
        "prompt": "bold",
        "selected": "reverse",
        "unsure": "italic",
        "label": "bold",
        "say": "bold ansiyellow",
        "dim": "ansibrightblack",
        "keys": "reverse",
    }
)


class _Panes:
    """What the live search's windows show, drawn from its state (see
    :class:`LiveSearch`): the title line, the ranked list, the card pane and the keys."""

    brief: str
    fractie: str | None
    warning: bool
    hint: str
    result: LookupResult | None
    selected: int
    full: bool
    scroll: int

    def _title(self):
        parts = [
            "debatbrief",
            self.brief or None,
            "zoek een kaart",
            f"voor {self.fractie}" if self.fractie else None,
            "let op: fouten buiten de kaarten (check)" if self.warning else None,
        ]
        return [("", " " + " · ".join(p for p in parts if p))]

    def _list(self):
        columns = _columns()
        if self.result is None:
            return _wrapped([("class:dim", self.hint)], columns - 1)
        listed = self.listed
        if not listed:
            return [("class:dim", "Geen kaart gevonden; typ een ander woord.")]
        lines = [] if self.result.hits else [("class:unsure", "Geen zekere treffer; dichtstbij:\n")]
        width = max(len(hit.card["id"]) for hit in listed)
        room = columns - width - 3
        for i, hit in enumerate(listed):
            style = (
                "class:selected" if i == self.selected else "" if hit in self.result.hits else "class:unsure"
            )
            topic = hit.card["topic_title"]
            if len(topic) > room:
                topic = topic[: max(0, room - 1)].rstrip() + "…"
            lines.append((style, hit.card["id"].ljust(width)))
            lines.append((style or "class:dim", f"  {topic}" if room > 0 else ""))
            lines.append(("", "\n"))
        return lines

    def _card(self):
        """The card pane, wrapped at word boundaries to the terminal's width (the window
        itself would break words)."""
        card = self.card
        if card is None:
            return []
        width = max(20, _columns() - 1)
        head = [("class:label", card["id"]), ("class:dim", f" · {card['topic_title']}")]
        if self.full:
            from debatbrief.cli.present import card_sections

            parts = [(label, value) for label, value in card_sections(card)]
        else:
            parts = [("", card["say"]), ("", _source_line(card)), ("Claim", card["claim"])]
        text = [*_wrapped(head, width)]
        for label, value in parts:
            style = (
                "class:say"
                if label in ("Zeg", "") and value == card["say"]
                else "class:dim"
                if not label
                else ""
            )
            pieces = [("class:label", f"{label}: ")] if label else []
            text += _wrapped(pieces + [(style, value)], width)
        return text

    def _vertical_scroll(self, window: Window) -> int:
        # The whole card scrolls no further than its last line at the bottom of the pane.
        lines = sum(part[1].count("\n") for part in self._card())
        height = window.render_info.window_height if window.render_info else lines
        self.scroll = max(0, min(self.scroll, lines - height))
        return self.scroll

    def _cursor(self) -> Point:
        # The window keeps its (invisible) cursor in view: put it on the first line shown.
        return Point(0, self.scroll)

    def _key_line(self):
        if self.full:
            return [("", " ↑↓ scrollen · Enter terug · Esc wissen · Ctrl-C stop")]
        return [("", " ↑↓ kiezen · Enter hele kaart · Esc wissen · Ctrl-C stop")]


class LiveSearch(_Panes):
    """The state of one live search and its prompt_toolkit :class:`Application`.

    ``data`` is a deck (:func:`debatbrief.cards.lookup.deck`), ``fractie`` a name as given to
    ``--fractie`` (or ``None``), ``brief`` the brief's id for the title line. Raises the
    errors of :func:`debatbrief.cards.lookup.scope` for an unknown fractie. Run it with
    ``LiveSearch(...).app.run()``; tests drive the same application headless
    (prompt_toolkit's pipe input) and read :meth:`screen`.
    """

    def __init__(self, data: dict, fractie: str | None = None, brief: str = "") -> None:
        self.cards, self.fractie = scope(data, fractie)
        self.brief = brief
        self.warning = bool(data.get("warning"))  # errors outside the cards (see deck)
        self.ranker = ranker(data)
        self.result: LookupResult | None = None
        self.selected = 0
        self.full = False
        self.scroll = 0
        examples = [c["aliases"][0] for c in self.cards if c["aliases"]][:3]
        self.hint = "Typ wat u hoort" + (f", bijvoorbeeld: {', '.join(examples)}" if examples else "") + "."
        self.buffer = Buffer(multiline=False, on_text_changed=lambda b: self.update(b.text))
        self.app: Application[None] = Application(
            layout=self._layout(),
            key_bindings=self._keys(),
            style=STYLE,
            full_screen=True,
            mouse_support=False,
        )
        # A lone Esc must clear at once, not after the default wait for an escape sequence.
        self.app.ttimeoutlen = 0.05

    # --- state ----------------------------------------------------------------------

    def update(self, query: str) -> None:
        """Rank the cards for ``query`` (the text typed so far) and select the best."""
        self.result = search(self.ranker, query, self.cards, None, typing=True) if query.strip() else None
        self.selected, self.full, self.scroll = 0, False, 0

    @property
    def listed(self) -> list:
        """The ranked cards the list shows (:class:`~debatbrief.cards.lookup.Hit`), best first:
        the matches, then the nearest other cards that share a word with the query."""
        if self.result is None:
            return []
        hits = self.result.hits
        rest = [h for h in self.result.ranked if h.score > 0 and h not in hits]
        return (hits + rest)[:LIST_ROWS]

    @property
    def card(self) -> dict | None:
        """The selected card, or ``None`` when nothing is listed."""
        listed = self.listed
        return listed[min(self.selected, len(listed) - 1)].card if listed else None

    def move(self, step: int) -> None:
        """Arrow keys: select another card, or scroll the whole card when it is shown."""
        if self.full:
            self.scroll = max(0, self.scroll + step)
        elif self.listed:
            self.selected = (self.selected + step) % len(self.listed)

    def toggle_full(self) -> None:
        """Enter: the whole selected card, or back to the list."""
        if self.card is not None:
            self.full, self.scroll = not self.full, 0

    def clear(self) -> None:
        """Esc: an empty query, ready for the next sentence."""
        self.buffer.reset()
        self.update("")

    # --- layout ---------------------------------------------------------------------

    def _keys(self) -> KeyBindings:
        keys = KeyBindings()
        keys.add("up")(lambda event: self.move(-1))
        keys.add("down")(lambda event: self.move(1))
        keys.add("pageup")(lambda event: self.move(-5))
        keys.add("pagedown")(lambda event: self.move(5))
        keys.add("enter")(lambda event: self.toggle_full())
        keys.add("escape", eager=True)(lambda event: self.clear())
        for key in ("c-c", "c-d", "c-q"):
            keys.add(key)(lambda event: event.app.exit())
        return keys

    def _layout(self) -> Layout:
        listing = Condition(lambda: not self.full)
        body = HSplit(
            [
                Window(FormattedTextControl(self._title), height=1, style="class:title"),
                VSplit(
                    [
                        Window(FormattedTextControl([("class:prompt", "> ")]), width=2),
                        Window(BufferControl(self.buffer), height=1),
                    ]
                ),
                ConditionalContainer(
                    Window(
                        FormattedTextControl(self._list),
                        height=Dimension(min=1, max=LIST_ROWS + 1, preferred=LIST_ROWS + 1),
                    ),
                    filter=listing,
                ),
                Window(char="─", height=1, style="class:dim"),
                Window(
                    FormattedTextControl(self._card, get_cursor_position=self._cursor, show_cursor=False),
                    get_vertical_scroll=self._vertical_scroll,
                ),
                Window(FormattedTextControl(self._key_line), height=1, style="class:keys"),
            ]
        )
        return Layout(body, focused_element=self.buffer)

    # --- for tests --------------------------------------------------------------------

    def screen(self, width: int, height: int) -> list[str]:
        """The screen as text rows of ``width`` columns, as the terminal would show it."""
        from prompt_toolkit.application.current import set_app
        from prompt_toolkit.layout.mouse_handlers import MouseHandlers
        from prompt_toolkit.layout.screen import Screen, WritePosition

        screen = Screen()
        with set_app(self.app):
            self.app.layout.container.write_to_screen(
                screen,
                MouseHandlers(),
                WritePosition(0, 0, width, height),
                parent_style="",
                erase_bg=False,
                z_index=None,
            )
            screen.draw_all_floats()
        return ["".join(screen.data_buffer[y][x].char for x in range(width)).rstrip() for y in range(height)]


def _columns() -> int:
    """The terminal's width."""
    from prompt_toolkit.application.current import get_app

    return get_app().output.get_size().columns


def _wrapped(fragments: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """Styled text fragments broken into lines of at most ``width`` columns between words
    (continuation lines indented by two), ending in a newline."""
    import textwrap
    from itertools import groupby

    plain = "".join(text for _, text in fragments)
    styles = [style for style, text in fragments for _ in text]
    out: list[tuple[str, str]] = []
    position = 0
    for number, line in enumerate(
        textwrap.wrap(plain, width, subsequent_indent="  ", break_on_hyphens=False) or [""]
    ):
        body = line[2:] if number else line
        position = plain.index(body, position)  # skips the spaces the wrap dropped
        if number:
            out.append(("", "  "))
        chars = zip(styles[position : position + len(body)], body, strict=True)
        out += [
            (style, "".join(ch for _, ch in run)) for style, run in groupby(chars, key=lambda pair: pair[0])
        ]
        position += len(body)
        out.append(("", "\n"))
    return out


def _source_line(card: dict) -> str:
    from debatbrief.cli.present import short_source_line

    return short_source_line(card)


def run(ws, fractie: str | None = None) -> None:
    """Open the live search on the brief of ``ws`` until the user stops it."""
    import gc

    from debatbrief.cards.lookup import deck

    live = LiveSearch(deck(ws), fractie, ws.brief_folder().name)
    live.ranker.rank("a")  # load the ranking machinery now, not at the first key
    # The deck lives as long as the search: keep the collector from walking it between keys.
    gc.collect()
    gc.freeze()
    live.app.run()
