"""The live search (`debatbrief rebut` without a query, in a terminal), driven headless the
way prompt_toolkit tests its own applications: keys go in through a pipe input, the
application runs on its own event loop, and we read what the screen shows."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from debatbrief.cards.lookup import deck
from debatbrief.cli.live import LIST_ROWS, LiveSearch

DOWN, ENTER, ESC, CTRL_C = "\x1b[B", "\r", "\x1b", "\x03"


class Terminal(DummyOutput):
    """No real terminal, but one of a given size (prompt_toolkit's DummyOutput is 40x80)."""

    def __init__(self, columns: int, rows: int) -> None:
        self.size = Size(rows=rows, columns=columns)

    def get_size(self) -> Size:
        return self.size


class Session:
    """A running live search: ``type`` sends keys and waits until they are handled."""

    def __init__(self, live: LiveSearch, pipe, columns: int, rows: int) -> None:
        self.live, self.pipe, self.columns, self.rows = live, pipe, columns, rows

    async def type(self, keys: str, until) -> None:
        """Send ``keys`` and wait until ``until()`` holds (at most five seconds)."""
        self.pipe.send_text(keys)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            await asyncio.sleep(0.01)
            if until():
                await asyncio.sleep(0.01)
                return
        raise AssertionError(f"keys {keys!r} not handled in time")

    @property
    def screen(self) -> list[str]:
        return self.live.screen(self.columns, self.rows)


def drive(workspace, steps, columns=60, rows=24, fractie=None):
    """Run the live search in a ``columns`` x ``rows`` terminal; ``steps(session)`` is a
    coroutine that types and checks. The application must have stopped at the end."""
    data = deck(workspace)

    async def main():
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=Terminal(columns, rows)):
            live = LiveSearch(data, fractie, workspace.brief_folder().name)
            session = Session(live, pipe, columns, rows)
            session.running = asyncio.ensure_future(live.app.run_async())
            await asyncio.sleep(0.05)
            await steps(session)
            await asyncio.wait_for(session.running, 5)

    asyncio.run(main())


def typed(session, text):
    return session.type(text, until=lambda: session.live.buffer.text.endswith(text))


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (60, 24)])
def test_each_key_updates_the_best_card(workspace, columns, rows):
    async def steps(s):
        screen = s.screen
        assert screen[0].strip() == "debatbrief · vwn-2024-05-22 · zoek een kaart"
        assert screen[2].startswith("Typ wat u hoort, bijvoorbeeld: ")
        await typed(s, "asielzoekers")
        await typed(s, " voorrang")
        assert s.live.card["id"] == "sociale-huur-voorrang"
        screen = s.screen
        assert screen[1] == "> asielzoekers voorrang"
        assert re.match(r"sociale-huur-voorrang +Huisvesting van statushouders$", screen[2])
        text = "\n".join(screen)
        assert "Wie de uitstroom naar een woning blokkeert" in text  # the one-liner
        assert "Claim: Statushouders krijgen geen voorrang" in text
        assert screen[-1].startswith(" ↑↓ kiezen · Enter hele kaart · Esc wissen")
        assert all(len(line) <= columns for line in screen)
        # Words are not broken at the edge: every row of the card ends on a whole word.
        card = s.live.card
        words = " ".join((card["say"], card["claim"])).split()
        rule = next(i for i, line in enumerate(screen) if line.startswith("─"))
        for line in screen[rule + 2 : -1]:
            if line.strip() and not line.startswith("—"):
                assert line.split()[-1] in words, line
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps, columns, rows)


def test_arrows_enter_and_escape(workspace):
    async def steps(s):
        await typed(s, "spreidingswet")
        first = s.live.card["id"]
        listed = [hit.card["id"] for hit in s.live.listed]
        assert first == "spreidingswet-intrekken" and len(listed) >= 2
        await s.type(DOWN, until=lambda: s.live.selected == 1)
        assert s.live.card["id"] == listed[1]
        row = next(line for line in s.screen if line.startswith(listed[1]))
        assert row  # the selection is on the list
        await s.type(ENTER, until=lambda: s.live.full)
        text = "\n".join(s.screen)
        for label in ("Claim:", "Weerlegging:", "Bewijs:", "Zeg:", "Doorvragen:"):
            assert label in text
        assert listed[0] not in text  # the list gives way to the whole card
        assert s.screen[-1].startswith(" ↑↓ scrollen · Enter terug")
        await s.type(ENTER, until=lambda: not s.live.full)
        await s.type(ESC, until=lambda: s.live.buffer.text == "")
        assert s.live.result is None and s.screen[1] == ">"
        assert s.screen[2].startswith("Typ wat u hoort")
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps)


def test_a_long_card_scrolls_in_a_small_terminal(workspace):
    async def steps(s):
        await typed(s, "noodtoestand")
        await s.type(ENTER, until=lambda: s.live.full)
        top = s.screen
        assert top[3].startswith("noodtoestand-overbelast")
        await s.type(DOWN * 3, until=lambda: s.live.scroll == 3)
        assert s.screen[3:] != top[3:]
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps, columns=60, rows=14)


def test_without_a_sure_match_the_nearest_cards_are_offered(workspace):
    async def steps(s):
        await typed(s, "terugkeer")
        screen = s.screen
        assert screen[2] == "Geen zekere treffer; dichtstbij:"
        assert screen[3].startswith("bewijslast-veilige-landen")
        await typed(s, " xyzzyq qqq")  # nothing shares a word: still the nearest
        await s.type(ESC, until=lambda: s.live.buffer.text == "")
        await typed(s, "xyzzyq")
        assert s.screen[2] == "Geen kaart gevonden; typ een ander woord."
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps)


def test_a_word_being_typed_already_finds_its_card(workspace):
    async def steps(s):
        await typed(s, "gezinsher")
        assert s.live.card["id"] == "nareis-wachttermijn"
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps)


def test_fractie_keeps_the_cards_it_raises(workspace, brief):
    raised = {c.id for c in brief.cards if "ja21" in brief.raisers(c.id)}

    async def steps(s):
        assert s.screen[0].strip() == "debatbrief · vwn-2024-05-22 · zoek een kaart · voor JA21"
        await typed(s, "asiel")
        assert s.live.listed and {h.card["id"] for h in s.live.listed} <= raised
        assert len(s.live.listed) <= LIST_ROWS
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps, fractie="ja21")


def test_no_sure_card_on_the_start_of_a_longer_word(workspace):
    # Issue 21: "aankom" is a word and the start of "aankomst"; only the finished word
    # may make its card sure (and so be opened with Enter as the answer).
    async def steps(s):
        await typed(s, "land van aankom")
        assert not s.live.result.hits
        assert s.screen[2] == "Geen zekere treffer; dichtstbij:"
        await typed(s, "st")
        assert [h.card["id"] for h in s.live.result.hits] == ["dublin-buurlanden"]
        assert s.screen[2].startswith("dublin-buurlanden")
        await s.type(CTRL_C, until=lambda: s.running.done())

    drive(workspace, steps)
