"""What `debatbrief rebut`'s quick start rests on gives the same answers as the slow way
(issue 25): the quick check for unsafe characters, the card drawn without rich."""

from __future__ import annotations

import re

import pytest

from debatbrief.base import chars


def _sample_code_points():
    """Every code point of the Basic Multilingual Plane, and around every range of
    ``UNSAFE`` beyond it (the planes above hold a few ranges, and planes 15-16 are
    private use whole)."""
    yield from range(0x10000)
    for first, last in chars._class_ranges(chars.UNSAFE):
        if last >= 0x10000:
            yield from range(max(0x10000, first - 3), min(first + 3, 0x110000))
            yield from range(max(0x10000, last - 3), min(last + 3, 0x110000))
            yield (first + last) // 2
    yield from range(0x1F300, 0x1F700)  # emoji: printable, never unsafe


def test_the_quick_check_finds_exactly_what_the_pattern_finds():
    pattern = re.compile(chars.UNSAFE)
    wrong = [
        hex(code)
        for code in _sample_code_points()
        if chars.has_unsafe(f"Zeg: een\n\tkaart {chr(code)} € 460") != bool(pattern.search(chr(code)))
    ]
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    "text",
    [
        "gewone tekst",
        "regels\nmet\ttabs",
        "no-break\u00a0spatie",  # unprintable yet safe: the slow path
        "variatie\ufe0fkiezer",  # printable yet unsafe
        "zonder breedte\u200b",
        "Hangul\u3164vuller",
        "escape \x1b[2J",
        "privé \ue000",
        "tag \U000e0041",
        "",
    ],
)
def test_visible_writes_out_the_same_characters_as_before(text):
    slow = re.compile(chars.UNSAFE).sub(chars._escape, text)
    assert chars.visible(text) == slow
    assert chars.has_unsafe(text) == (slow != text)


def test_the_patterns_are_compiled_when_first_asked_for():
    from debatbrief.base.chars import RTL_RUN_RE, UNSAFE_RE

    assert UNSAFE_RE.pattern == chars.UNSAFE and RTL_RUN_RE.search("x هاتف y")
    with pytest.raises(AttributeError):
        chars.NOT_A_PATTERN  # noqa: B018


# --- the card's frame, drawn without rich ----------------------------------------------


def _decks():
    from helpers import ROOT

    from debatbrief.cards.lookup import deck
    from debatbrief.commands.workspace import Workspace

    return [
        deck(Workspace(briefs_dir=ROOT / "briefs", brief_id=brief))
        for brief in ("vwn-2024-05-22", "fnv-2026-02-03")
    ]


def _rich(hits, all_: bool, width: int) -> str:
    import io

    from rich.console import Console

    from debatbrief.cli.present import _print_panels

    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=True, color_system="standard", highlight=False, emoji=False
    )
    _print_panels(hits, all_, console)
    return out.getvalue()


def test_every_shipped_card_is_drawn_as_rich_draws_it_at_any_width():
    from debatbrief.cards.lookup import Hit
    from debatbrief.cli.frame import draw
    from debatbrief.cli.present import _frames

    drawn = tried = 0
    for data in _decks():
        cards = data["cards"]
        for width in (38, 41, 50, 57, 64, 72, 80, 97, 120, 200):
            for all_ in (False, True):
                for i, card in enumerate(cards):
                    hits = [Hit(card, 100.0)] if not all_ else [Hit(card, 100.0), Hit(cards[i - 1], 37.4)]
                    quick = draw(_frames(hits, all_), width)
                    tried += 1
                    if quick is not None:
                        drawn += 1
                        assert quick == _rich(hits, all_, width), (card["id"], width, all_)
    # The quick way is the usual one: rich draws only where a word does not fit 34 cells.
    assert drawn > 0.9 * tried


@pytest.mark.parametrize(
    "change",
    [
        {"claim": "Breed 漢字 teken"},  # two cells wide
        {"claim": "combinerend e\u0301"},  # no cell of its own
        {"claim": "een " + "x" * 90},  # folded by rich
        {"topic_title": "t" * 80},  # does not fit the bottom line
        {"claim": "tab\tin de tekst"},
    ],
)
def test_a_card_rich_must_draw_is_left_to_rich(change):
    from debatbrief.cards.lookup import Hit
    from debatbrief.cli.frame import draw
    from debatbrief.cli.present import _frames

    card = {**_decks()[0]["cards"][0], **change}
    assert draw(_frames([Hit(card, 100.0)], False), 80) is None


def test_a_terminal_gets_the_card_without_importing_rich_console():
    """In a pseudo-terminal, as a lobbyist runs it; the same bytes as rich's panel."""
    import os
    import pty
    import subprocess
    import sys

    from helpers import BRIEF_ID, ROOT

    code = (
        "import sys\n"
        "from debatbrief.cli.app import main\n"
        f"args = ['rebut', '--briefs', {str(ROOT / 'briefs')!r}, '--brief', {BRIEF_ID!r}]\n"
        "try:\n    main([*args, sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "print('RICH', 'rich.console' in sys.modules)\n"
    )
    from debatbrief.cli.frame import RICH_ENVIRONMENT

    env = {k: v for k, v in os.environ.items() if k not in RICH_ENVIRONMENT}
    env.update(TERM="xterm", PYTHONIOENCODING="utf-8")
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", code, "asielcrisis"], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    data = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    process.wait()
    os.close(leader)
    text = data.decode().replace("\r\n", "\n")
    assert text.endswith("RICH False\n"), text
    width = len(text.splitlines()[0])
    from debatbrief.cards.lookup import Hit, exact

    card = exact("asielcrisis", _decks()[0]["cards"])
    assert text.removesuffix("RICH False\n") == _rich([Hit(card, 100.0)], False, width)


def test_every_character_drawn_without_rich_is_one_cell_wide_for_rich():
    from rich.cells import cell_len

    from debatbrief.cli.frame import NARROW

    narrow = sorted(NARROW)
    assert len(narrow) > 590
    assert [ch for ch in narrow if cell_len(ch) != 1] == []


# --- the cached deck, read without importing the json package -----------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b" ",
        b'{"a": 1} x',
        b'{"a": 1}\n',
        b"[1,2",
        b'"\\x"',
        b"\xff",
        b"NaN",
        b"[Infinity, -Infinity, 1e400, -0.0, 12345678901234567890]",
        b'{"a":"\\u00e9\\ud800", "a": 2}',
        b' {"b": [true, false, null]}',
        b'{"a":1,}',
        b'["\t"]',
        b"1 2",
        '{"kaart": "créëert €"}'.encode(),
    ],
)
def test_the_deck_reader_reads_what_json_reads(body):
    import json
    import math

    from debatbrief.cards.lookup import _loads

    def read(function):
        try:
            return repr(function(body))
        except ValueError:
            return "ValueError"

    assert read(_loads) == read(json.loads) or math.isnan(_loads(body))


def test_rebut_with_a_cached_deck_imports_no_json_package(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from debatbrief.cli.app import main\n"
        "try:\n    main(['rebut', '--brief', 'vwn-2024-05-22', 'asielcrisis'])\n"
        "except SystemExit:\n    pass\n"
        "print('JSON', 'json' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)  # caches the deck
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "JSON False" in second.stderr and "Zeg:" in second.stdout, second.stderr
