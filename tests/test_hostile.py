"""Hostile and broken input (issue 10): every field checked, nothing executed, nothing read
from outside the allowed folders, nothing printed that acts on a terminal, nothing left
behind. The broken-brief corpus (tests/broken/) holds the cases `check` names by line."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import BRIEF_ID, ROOT, run_cli, run_in_terminal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_check import assemble

from debatbrief.base.chars import UNSAFE_RE

SECRET = "root:*:19000:0:99999:7:::geheim"
ESCAPES = ("\x1b", "\x9b", "\u202e", "\x07")


def assert_clean(result: subprocess.CompletedProcess) -> None:
    """No traceback, no crash code and no byte in any output that acts on a terminal."""
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2, 65), (result.returncode, result.stderr)
    for stream in (result.stdout, result.stderr):
        assert not UNSAFE_RE.search(stream), repr(stream[:300])


def one_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def with_kamers(tmp_path: Path, case: str | None = None) -> Path:
    """The mini brief with a kamers/ folder of its own beside briefs/."""
    briefs = assemble(tmp_path, case)
    if not (tmp_path / "kamers").exists():
        shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    return briefs


# --- Running as a user without some access, or without a home ---------------------------


@contextlib.contextmanager
def _as_if_unreadable(denied: list[Path]):
    """This process behaves as if ``chmod 000`` had been applied to ``denied`` (absolute
    paths; a directory: nothing inside it can be listed or looked at; a file: it cannot be
    opened) until the block ends. Needed because these tests may run as root, whom chmod
    does not stop; as any other user the real chmod is used."""
    import builtins
    import errno
    import io

    dirs = [os.path.abspath(p) for p in denied if os.path.isdir(p)]
    files = [os.path.abspath(p) for p in denied if not os.path.isdir(p)]

    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    def inside(path):
        if isinstance(path, int):
            return False
        full = os.path.abspath(os.fspath(path))
        return any(full.startswith(d + os.sep) for d in dirs)

    def listing(path):
        return not isinstance(path, int) and os.path.abspath(os.fspath(path)) in dirs

    def opening(path):
        return not isinstance(path, int) and (inside(path) or os.path.abspath(os.fspath(path)) in files)

    with pytest.MonkeyPatch.context() as patch:
        for name, test in (
            ("stat", inside),
            ("lstat", inside),
            ("scandir", lambda p: inside(p) or listing(p)),
            ("listdir", lambda p: inside(p) or listing(p)),
            ("open", opening),
        ):
            patch.setattr(os, name, _refusing(getattr(os, name), test, refuse))
        original_open = builtins.open

        def open_(file, *args, **kwargs):
            if opening(file):
                refuse(file)
            return original_open(file, *args, **kwargs)

        patch.setattr(builtins, "open", open_)
        patch.setattr(io, "open", open_)
        yield


def _refusing(original, test, refuse):
    """``original`` (an ``os`` function taking a path first), refusing the paths ``test``
    picks out."""

    def patched(path=".", *args, **kwargs):
        if test(path):
            refuse(path)
        return original(path, *args, **kwargs)

    return patched


def run_denied(
    denied: list[Path], *args: str, cwd: Path, env: dict | None = None
) -> subprocess.CompletedProcess:
    """``debatbrief *args`` (in this process) with ``denied`` (relative to ``cwd``)
    unreadable: chmod 000, or :func:`_as_if_unreadable` as root."""
    if os.geteuid() != 0:
        modes = {path: (cwd / path).stat().st_mode for path in denied}
        try:
            for path in denied:
                (cwd / path).chmod(0)
            return run_cli(*args, cwd=cwd, env=env)
        finally:
            for path, mode in modes.items():
                (cwd / path).chmod(mode)
    with _as_if_unreadable([cwd / path for path in denied]):
        return run_cli(*args, cwd=cwd, env=env)


def test_an_unreadable_brief_folder_does_not_stop_the_brief_beside_it(tmp_path):
    briefs = assemble(tmp_path)
    shutil.copytree(briefs / "mini", briefs / "andere")
    denied = [Path("briefs/andere")]
    for command in (
        ["check"],
        ["rebut", "noodwet"],
        ["list", "briefs"],
        ["make", "--fractie", "pvv", "--format", "html"],
    ):
        result = run_denied(denied, *command, "--briefs", "briefs", "--brief", "mini", cwd=tmp_path)
        assert_clean(result)
        assert result.returncode == 0, (command, result.stderr)
    listed = run_denied(denied, "list", "briefs", "--briefs", "briefs", cwd=tmp_path)
    assert "mini" in listed.stdout and "andere" not in listed.stdout
    asked = run_denied(denied, "check", "--briefs", "briefs", "--brief", "andere", cwd=tmp_path)
    assert asked.returncode == 1
    assert one_line(asked) == "briefs/andere: geen toegang tot deze map (controleer de rechten)"


def test_an_unreadable_kamers_folder_is_named_not_skipped(tmp_path):
    with_kamers(tmp_path)
    for command in (["check"], ["rebut", "noodwet"], ["make", "--fractie", "pvv"]):
        result = run_denied([Path("kamers")], *command, "--briefs", "briefs", cwd=tmp_path)
        assert_clean(result)
        assert result.returncode == 65, command
        text = result.stdout if command == ["check"] else result.stderr
        assert text.splitlines()[0] == (
            "briefs/mini/brief.yaml:17: kan Kamer 'tweede-kamer-2024-05-22' niet zoeken in "
            "kamers (geen toegang); controleer de rechten van die map"
        )
    assert not (tmp_path / "out").exists()


def test_an_unreadable_brief_file_gives_the_same_line_to_check_and_rebut(tmp_path):
    assemble(tmp_path)
    denied = [Path("briefs/mini/cards.yaml")]
    expected = "briefs/mini/cards.yaml: kan het bestand niet lezen (geen toegang); controleer de rechten"
    check = run_denied(denied, "check", "--briefs", "briefs", cwd=tmp_path)
    assert check.returncode == 65 and check.stdout.splitlines()[0] == expected
    rebut = run_denied(
        denied,
        "rebut",
        "noodwet",
        "--briefs",
        "briefs",
        cwd=tmp_path,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert_clean(rebut)
    assert rebut.returncode == 65 and one_line(rebut) == expected


# --- Symbolic links: never followed, never echoed -----------------------------------------


def test_a_kamer_file_that_is_a_link_is_refused_and_not_echoed(tmp_path):
    with_kamers(tmp_path)
    secret = tmp_path / "shadow"
    secret.write_text(SECRET + "\n")
    kamer = tmp_path / "kamers" / "tweede-kamer-2024-05-22.yaml"
    kamer.unlink()
    kamer.symlink_to(secret)
    for command in (["check"], ["rebut", "noodwet"], ["list", "fracties"]):
        result = run_cli(
            *command, "--briefs", "briefs", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}
        )
        assert_clean(result)
        assert result.returncode == 65, command
        assert "root" not in result.stdout + result.stderr and "geheim" not in result.stdout
        text = result.stdout if command == ["check"] else result.stderr
        assert text.splitlines()[0] == (
            "kamers/tweede-kamer-2024-05-22.yaml: is een "
            "symbolische koppeling; zet het bestand zelf op zijn "
            "plaats"
        )


def test_a_brief_folder_that_is_a_link_is_refused(tmp_path):
    briefs = assemble(tmp_path)
    shutil.move(briefs / "mini", tmp_path / "elders")
    (briefs / "mini").symlink_to(tmp_path / "elders")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 65
    assert result.stdout.splitlines()[0] == (
        "briefs/mini: de map van de brief is een symbolische koppeling; zet de map zelf in de map met briefs"
    )


# --- Deep nesting --------------------------------------------------------------------------


def _deep(form: str, depth: int) -> str:
    card = (
        "- id: diep\n  topic: asielcrisis\n  claim: x\n  rebuttal: x\n"
        "  evidence: x [@hvj-c-72-22]\n  say: x\n  follow_up: x?\n"
    )
    if form == "brackets":
        return card + "  aliases: " + "[" * depth + "]" * depth + "\n"
    if form == "braces":
        return card + "  extra: " + "{a: " * depth + "x" + "}" * depth + "\n"
    if form == "dashes":  # block sequences in block sequences, on one line
        return card + "- " + "- " * depth + "x\n"
    lines = [card + "  extra:"]  # indented blocks
    lines += [" " * (4 + 2 * level) + "a:" for level in range(depth)]
    return "\n".join(lines) + " x\n"


@pytest.mark.parametrize(
    ("form", "depth", "line"),
    [
        ("brackets", 500, 8),
        ("brackets", 100_000, 8),
        ("braces", 500, 8),
        ("braces", 100_000, 8),
        ("blocks", 500, 57),
        ("dashes", 500, 8),
        ("dashes", 100_000, 8),
    ],
)
def test_deep_nesting_is_one_line_for_check_make_and_rebut(tmp_path, form, depth, line):
    briefs = assemble(tmp_path)
    (briefs / "mini" / "cards.yaml").write_text(_deep(form, depth))
    expected = (
        f"briefs/mini/cards.yaml:{line}: meer dan 50 niveaus diep genest; een brief "
        f"heeft er hooguit een paar nodig (controleer haken en inspringing)"
    )
    for command in (["check"], ["make", "--fractie", "pvv"], ["rebut", "noodwet"]):
        result = run_cli(
            *command, "--briefs", "briefs", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}
        )
        assert_clean(result)
        assert result.returncode == 65, (command, result.stderr[-300:])
        first = (result.stdout if command == ["check"] else result.stderr).splitlines()[0]
        assert first == expected, command


def test_forty_levels_are_still_read(tmp_path):
    from debatbrief.brief.load import read_yaml

    path = tmp_path / "cards.yaml"
    path.write_text(_deep("brackets", 40))
    problems: list = []
    assert read_yaml(path, problems) is not None and problems == []


# --- Characters that must never be printed -----------------------------------------------

#: Every character that must not be printed (below U+10000; the rest are none).
#: Every refused character of the first plane, with the large private-use and surrogate
#: blocks represented by their ends, and some beyond the first plane (tag characters).
UNSAFE_CHARS = [chr(c) for c in range(0x10000) if UNSAFE_RE.match(chr(c)) and not 0xD800 <= c <= 0xF8FF] + [
    "\ud800",
    "\udfff",
    "\ue000",
    "\uf8ff",
    "\U000e0001",
    "\U000e0041",
    "\U000e007f",
    "\U000110bd",
    "\U000f0000",
    "\U0010fffd",
    "\U000e0100",
]


def _named(char: str) -> list[str]:
    from html.entities import html5

    return [f"&{name}" for name, value in html5.items() if value == char and name.endswith(";")]


def _writings(char: str) -> list[str]:
    """Every way to put ``char`` into a double-quoted YAML string so that it reaches a
    page: raw (where YAML reads it as text), YAML escapes, character references that
    Markdown decodes, and a reference after an escaped backslash (Markdown: a backslash,
    then the decoded character)."""
    code = ord(char)
    ways = [f"\\u{code:04x}"] if code < 0x10000 else []
    ways += [
        f"\\U{code:08X}",
        f"&#{code};",
        f"&#x{code:x};",
        f"&#X{code:X};",
        f"\\\\\\\\&#x{code:x};",
        *_named(char),
    ]
    if code < 0x100:
        ways.append(f"\\x{code:02x}")
    if (
        code >= 0xA0 and char not in "\u2028\u2029\ufeff" and not 0xD800 <= code <= 0xDFFF
    ):  # YAML line breaks, BOM, surrogates: not text
        ways.append(char)
    ways += {
        "\x1b": ["\\e"],
        "\x07": ["\\a"],
        "\x08": ["\\b"],
        "\x0b": ["\\v"],
        "\x0c": ["\\f"],
        "\r": ["\\r"],
        "\x00": ["\\0"],
        "\x85": ["\\N"],
        "\u2028": ["\\L"],
        "\u2029": ["\\P"],
    }.get(char, [])
    return ways


def _scalars(text: str) -> list:
    """Every scalar event (keys and values) of a YAML text, with its position."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import ScalarEvent

    return [e for e in YAML(typ="safe", pure=True).parse(text) if isinstance(e, ScalarEvent)]


def _files() -> list[Path]:
    return sorted((ROOT / "briefs" / BRIEF_ID).glob("*.yaml")) + sorted((ROOT / "kamers").glob("*.yaml"))


def _inject(text: str, choose) -> tuple[str, set[int]]:
    """``text`` with every scalar rewritten as a double-quoted string holding one unsafe
    character where ``choose(value)`` says (``(position, written)``); returns the new
    text and the line where each scalar now starts."""
    out, position, lines = [], 0, set()
    for event in _scalars(text):
        value = event.value
        at, written = choose(value)
        quoted = (
            json.dumps(value[:at], ensure_ascii=False)[:-1]
            + written
            + json.dumps(value[at:], ensure_ascii=False)[1:]
        )
        out.append(text[position : event.start_mark.index])
        lines.add("".join(out).count("\n") + 1)
        span = text[event.start_mark.index : event.end_mark.index]
        out.append(quoted + span[len(span.rstrip()) :])  # a block scalar's line end
        position = event.end_mark.index
    out.append(text[position:])
    return "".join(out), lines


def _assert_every_line_named(path: Path, text: str, lines: set[int]) -> None:
    from debatbrief.base.chars import visible
    from debatbrief.brief.load import read_yaml

    path.write_text(text, encoding="utf-8")
    problems: list = []
    read_yaml(path, problems)
    named = {p.line for p in problems if "onzichtbaar stuurteken" in p.message}
    assert named == lines, (path.name, sorted(lines ^ named)[:5])
    for problem in problems:
        assert str(problem) == visible(str(problem))


@pytest.mark.slow  # 15 whole briefs checked: 26 s, a quarter of the fast subset
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**64))
def test_a_hidden_character_in_any_string_of_any_file_is_named_with_its_line(tmp_path, seed):
    """Every key and value of every file of the shipped brief and its Kamer gets a random
    control or bidirectional character, written a random way at a random place: each is
    named at its line, and no message carries the character itself. (Hypothesis draws the
    seed: a strategy per string would be thousands of draws per example.)"""
    import random as random_module

    random = random_module.Random(seed)

    def choose(value: str) -> tuple[int, str]:
        return random.randint(0, len(value)), random.choice(_writings(random.choice(UNSAFE_CHARS)))

    for source in _files():
        text, lines = _inject(source.read_text(encoding="utf-8"), choose)
        _assert_every_line_named(tmp_path / source.name, text, lines)


def test_every_way_of_writing_every_hidden_character_is_named(tmp_path):
    """Deterministic: each character in each of its writings, cycled over the strings."""
    ways = [w for char in UNSAFE_CHARS for w in _writings(char)]
    source = ROOT / "briefs" / BRIEF_ID / "cards.yaml"
    text = source.read_text(encoding="utf-8")
    count = len(_scalars(text))
    for start in range(0, len(ways), count):
        batch = itertools.cycle(ways[start : start + count])
        changed, lines = _inject(text, lambda value, batch=batch: (0, next(batch)))
        _assert_every_line_named(tmp_path / "cards.yaml", changed, lines)


def test_every_string_is_checked_even_in_fields_added_later(tmp_path):
    """The check knows no field names: an unknown field, a key, a nested list item."""
    from debatbrief.brief.load import read_yaml

    path = tmp_path / "x.yaml"
    path.write_text('nieuw:\n  - deep: ["ok", "\\e[2J"]\n"sleutel\\u202e": 1\n')
    problems: list = []
    read_yaml(path, problems)
    assert [(p.line, p.message[:33]) for p in problems] == [
        (2, "onzichtbaar stuurteken U+001B in "),
        (3, "onzichtbaar stuurteken U+202E in "),
    ]


def test_an_escaped_ampersand_is_text_not_a_character(tmp_path):
    """Markdown prints "\\&#x202e;" as the characters "&#x202e;": nothing to refuse."""
    briefs = assemble(tmp_path)
    # the intro is no longer printed on the MP's page: the probe sits in an argument's angle
    arguments = briefs / "mini" / "arguments.yaml"
    text = arguments.read_text()
    angle = "      text: Het recht staat het volgens ons niet toe."
    assert angle in text
    arguments.write_text(
        text.replace(angle, "      text: 'Het recht staat het volgens ons \\&#x202e;niet toe.'")
    )
    assert run_cli("check", "--briefs", "briefs", cwd=tmp_path).returncode == 0
    made = run_cli("make", "--fractie", "sp", "--format", "html", "--briefs", "briefs", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "out" / "mini" / "sp.html").read_text()
    assert "volgens ons &amp;#x202e;niet toe" in html and "\u202e" not in html


def test_hidden_characters_reach_neither_make_nor_rebut(tmp_path):
    assemble(tmp_path, "unsafe-characters")
    for command in (
        ["make", "--fractie", "pvv"],
        ["rebut", "noodwet"],
        ["list", "topics"],
        ["cards", "--all"],
    ):
        result = run_cli(
            *command, "--briefs", "briefs", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}
        )
        assert_clean(result)
        assert result.returncode == 65
        assert result.stderr.startswith("briefs/mini/brief.yaml:5: onzichtbaar stuurteken U+202E in de tekst")
    assert not (tmp_path / "out").exists()


def _sealed_cache(tmp_path: Path, briefs: Path, change) -> dict:
    """Write the cache ``rebut`` will read for ``briefs/mini``, with the deck changed by
    ``change`` (as if the cache file had been tampered with, seal and all)."""
    from debatbrief.base import paths
    from debatbrief.cards import lookup
    from debatbrief.commands.workspace import Workspace

    folder = briefs / "mini"
    deck = lookup._build_deck(Workspace(briefs_dir=briefs, brief_id="mini").brief())
    change(deck)
    os.environ["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    try:
        key, _ = lookup._fingerprint(folder, paths.kamer_dirs(folder.parent))
        lookup._write_cache(lookup._cache_dir() / f"deck-{key}.json", deck)
    finally:
        del os.environ["XDG_CACHE_HOME"]
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def _poison(deck: dict) -> None:
    card = deck["cards"][0]
    card["topic_title"] = "[link=file:///etc/passwd]klik[/link] \x1b]0;titel\x07 [red]rood[/red]"
    card["say"] = "Zeg \x1b[2J\x9b2J dit \u202eomgekeerd"
    card["claim"] = "[bold]vet[/bold] \x1b[31m"


def _markup(deck: dict) -> None:
    card = deck["cards"][0]
    card["topic_title"] = "[link=file:///etc/passwd]klik[/link] [red]rood[/red]"
    card["claim"] = "[bold]vet[/bold] [blink]knipper[/blink]"


def test_a_cache_holding_a_control_sequence_is_not_shown_but_rebuilt(tmp_path):
    briefs = assemble(tmp_path)
    env = _sealed_cache(tmp_path, briefs, _poison)
    (cache_file,) = (tmp_path / "cache" / "debatbrief").iterdir()
    forged = cache_file.read_bytes()
    for args in (["rebut", "noodwet"], ["rebut", "noodwet", "--short"], ["rebut", "--all", "noodwet"]):
        result = run_cli(*args, "--briefs", "briefs", cwd=tmp_path, env=env)
        assert_clean(result)
        assert result.returncode == 0 and "Geen noodwet." in result.stdout
    assert cache_file.read_bytes() != forged


def test_every_line_rebut_prints_passes_the_escaping_point(capsys, monkeypatch):
    """Whatever reaches the terminal code (a card from anywhere): the plain text to a pipe,
    --short and the panel in a terminal show control sequences written out and markup as
    text."""
    import io
    import re

    from rich.console import Console

    from debatbrief.cards.lookup import Hit, LookupResult
    from debatbrief.cli import present

    card = {
        "id": "noodwet",
        "topic": "asielcrisis",
        "claim": "",
        "rebuttal": "r",
        "evidence": "e",
        "say": "",
        "follow_up": "f",
        "raised_by": [],
        "aliases": [],
        "sources": ["HvJ EU"],
        "say_sources": ["HvJ EU"],
        "source_ids": ["hvj"],
        "topic_title": "",
    }
    deck = {"cards": [card]}
    _poison(deck)
    result = LookupResult("noodwet", [Hit(card, 100.0)], [Hit(card, 100.0)], None)
    monkeypatch.setattr(present, "plain_output", lambda stderr=False: True)
    for short in (False, True):
        assert present.print_rebut(result, short=short) == 0
        out = capsys.readouterr().out
        assert not UNSAFE_RE.search(out) and "\\x1b[2J" in out
    for short in (False, True):
        screen = io.StringIO()
        console = Console(file=screen, force_terminal=True, width=100, color_system="truecolor")
        assert present.print_rebut(result, short=short, out=console) == 0
        text = screen.getvalue()
        for injected in ("\x1b[2J", "\x1b]0;", "\x9b", "\u202e", "\x1b[31m", "\x1b]8;"):
            assert injected not in text, (short, injected)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert "\\x1b[2J" in plain
        if not short:
            assert "[link=file:///etc/passwd]klik[/link]" in plain and "[bold]vet[/bold]" in plain
    missing = LookupResult("\x1b[2J", [], [Hit(card, 50.0)], None)
    assert present.print_rebut(missing) == 1
    assert not UNSAFE_RE.search(capsys.readouterr().err)


def _terminal(tmp_path: Path, env: dict, *args: str) -> str:
    _, screen = run_in_terminal(
        [sys.executable, "-m", "debatbrief", *args], {"COLUMNS": "100", **env}, cwd=tmp_path
    )
    return screen.decode()


def test_rebut_in_a_terminal_shows_markup_as_text(tmp_path):
    briefs = assemble(tmp_path)
    env = _sealed_cache(tmp_path, briefs, _markup)
    screen = _terminal(tmp_path, env, "rebut", "noodwet", "--briefs", "briefs")
    assert "╭─ noodwet" in screen  # the panel, in colour: rich's own sequences are fine
    assert "\x1b]8;" not in screen and "\x1b[5m" not in screen  # no hyperlink, no blinking
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    assert "[link=file:///etc/passwd]klik[/link]" in plain
    assert "[bold]vet[/bold] [blink]knipper[/blink]" in plain


def test_markup_in_a_valid_title_is_text_in_list_and_the_rebut_panel(tmp_path):
    briefs = assemble(tmp_path)
    brief = briefs / "mini" / "brief.yaml"
    brief.write_text(
        brief.read_text().replace(
            "title: Asielcrisis}", "title: '[link=file:///etc/passwd]Asiel[/link] [blink]crisis'}"
        )
    )
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run_cli("check", "--briefs", "briefs", cwd=tmp_path).returncode == 0
    import re

    for args in (["rebut", "noodwet"], ["list", "topics"]):
        screen = _terminal(tmp_path, env, *args, "--briefs", "briefs")
        assert "\x1b]8;" not in screen and "\x1b[5m" not in screen, args
        assert "[link=file:///etc/passwd]Asiel[/link]" in re.sub(r"\x1b\[[0-9;]*m", "", screen), args


def test_what_the_user_types_is_shown_written_out(tmp_path):
    for args in (
        ["rebut", "\x1b[2J\x1b]0;x\x07"],
        ["make", "--fractie", "\x1b[2J\u202e"],
        ["check", "--brief", "\x9b2J"],
    ):
        result = run_cli(*args, "--out", str(tmp_path)) if args[0] == "make" else run_cli(*args)
        assert_clean(result)
        assert result.returncode in (1, 2)
        assert "\\x1b[2J" in result.stderr or "\\x9b2J" in result.stderr


# --- Templates run no code and read nothing outside their folder --------------------------


def _templates(tmp_path: Path, body: str | None = None) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    if body is not None:
        source = (folder / "briefing.html.j2").read_text()
        (folder / "briefing.html.j2").write_text(
            source.replace('<body class="{{ s.length }}">', '<body class="{{ s.length }}">\n' + body, 1)
        )
    return folder


def _body_line(tmp_path: Path, marker: str) -> int:
    text = (tmp_path / "templates" / "briefing.html.j2").read_text().splitlines()
    return next(i for i, line in enumerate(text, start=1) if marker in line)


def test_a_template_cannot_run_a_command(tmp_path):
    marker = tmp_path / "uitgevoerd"
    templates = _templates(
        tmp_path, "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"
    )
    result = run_cli(
        "make", "--fractie", "pvv", "--templates", str(templates), "--out", str(tmp_path / "out")
    )
    assert_clean(result)
    assert result.returncode == 1
    line = _body_line(tmp_path, "cycler.__init__")
    assert one_line(result).startswith(f"briefing.html.j2:{line}: het sjabloon vraagt iets wat niet mag (")
    assert not marker.exists() and not (tmp_path / "out").exists()


def test_a_template_cannot_change_the_data(tmp_path):
    templates = _templates(tmp_path, "{{ s.profile.record.append(1) }}")
    result = run_cli(
        "make", "--fractie", "pvv", "--templates", str(templates), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 1 and "het sjabloon vraagt iets wat niet mag" in result.stderr


def test_a_template_cannot_include_a_linked_file(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET)
    templates = _templates(tmp_path, '{% include "leak.txt" %}')
    (templates / "leak.txt").symlink_to(secret)
    for fmt in ("pdf", "html"):
        result = run_cli(
            "make",
            "--fractie",
            "pvv",
            "--format",
            fmt,
            "--templates",
            str(templates),
            "--out",
            str(tmp_path / "out"),
        )
        assert_clean(result)
        assert result.returncode == 1
        line = _body_line(tmp_path, "leak.txt")
        assert one_line(result) == (
            f"briefing.html.j2:{line}: sjabloon 'leak.txt' is een "
            f"symbolische koppeling; zet het bestand zelf in de "
            f"sjablonenmap"
        )
    assert not (tmp_path / "out").exists()


def test_a_template_cannot_reach_outside_its_folder(tmp_path):
    (tmp_path / "x").write_text(SECRET)
    templates = _templates(tmp_path, '{% include "../x" %}')
    result = run_cli(
        "make", "--fractie", "pvv", "--templates", str(templates), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 1
    line = _body_line(tmp_path, '"../x"')
    assert one_line(result) == (
        f"briefing.html.j2:{line}: sjabloon '../x' ligt buiten de "
        f"sjablonenmap; een sjabloon kan alleen bestanden uit die map "
        f"gebruiken"
    )
    missing = _templates(tmp_path / "b", '{% include "kop.html.j2" %}')
    result = run_cli("make", "--fractie", "pvv", "--templates", str(missing), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "sjabloon 'kop.html.j2' ontbreekt in " in one_line(result)


def test_a_linked_stylesheet_is_neither_inlined_nor_fetched(tmp_path):
    secret = tmp_path / "geheim.css"
    secret.write_text("/* " + SECRET + " */ body { color: red; }")
    templates = _templates(tmp_path)
    (templates / "briefing.css").unlink()
    (templates / "briefing.css").symlink_to(secret)
    html = run_cli(
        "make",
        "--fractie",
        "pvv",
        "--format",
        "html",
        "--templates",
        str(templates),
        "--out",
        str(tmp_path / "out"),
    )
    assert html.returncode == 1
    assert one_line(html) == (
        f"{templates / 'briefing.css'}: is een symbolische koppeling; zet het bestand zelf in de sjablonenmap"
    )
    pdf = run_cli("make", "--fractie", "pvv", "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert pdf.returncode == 1 and "is een symbolische koppeling" in one_line(pdf)
    assert not (tmp_path / "out").exists()


# --- The cache: optional, never a reason to fail, never litter ----------------------------


def _cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / "debatbrief").iterdir()) if (cache / "debatbrief").exists() else []


def test_a_folder_where_the_cache_file_goes_costs_nothing(tmp_path):
    briefs = assemble(tmp_path)
    env = _sealed_cache(tmp_path, briefs, lambda deck: None)
    cache = tmp_path / "cache" / "debatbrief"
    (name,) = [p for p in cache.iterdir() if p.name.startswith("deck-")]
    name.unlink()
    name.mkdir()
    for _ in range(3):
        result = run_cli("rebut", "noodwet", "--briefs", "briefs", cwd=tmp_path, env=env)
        assert result.returncode == 0 and result.stdout.startswith("noodwet")
    # The deck stays where it was (a folder now); the validated brief has its own file.
    assert [p.name for p in cache.iterdir() if p.name.startswith("deck-")] == [name.name]
    assert name.is_dir()


def test_a_full_disk_leaves_no_partial_cache(tmp_path):
    import resource

    assemble(tmp_path)

    def small_files():  # any write beyond 1 KB fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, resource.RLIM_INFINITY))

    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "debatbrief", "rebut", "noodwet", "--briefs", "briefs"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        preexec_fn=small_files,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("noodwet")
    assert _cache_files(tmp_path / "cache") == []


@pytest.mark.parametrize(
    "content",
    [
        b'{"cards": [{"id": 1}], "fracties": [], "topics": []}',  # old or foreign: no seal
        b"0\n[]",
        b"\xff\xfe",
        b"",
    ],
)
def test_a_damaged_cache_is_rebuilt(tmp_path, content):
    briefs = assemble(tmp_path)
    env = _sealed_cache(tmp_path, briefs, lambda deck: None)
    (cache_file,) = (tmp_path / "cache" / "debatbrief").iterdir()
    cache_file.write_bytes(content)
    for _ in range(2):
        result = run_cli("rebut", "noodwet", "--briefs", "briefs", cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("noodwet")
    assert cache_file.read_bytes() != content


def test_a_sealed_cache_of_the_wrong_shape_is_rebuilt(tmp_path):
    briefs = assemble(tmp_path)
    env = _sealed_cache(tmp_path, briefs, lambda deck: deck["cards"][0].pop("say"))
    result = run_cli("rebut", "noodwet", "--briefs", "briefs", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "Zeg: Geen noodwet." in result.stdout


def test_rebut_works_without_a_home_directory(tmp_path, monkeypatch):
    import pwd

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    assemble(tmp_path)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)  # a uid without a passwd entry
    for _ in range(2):  # no HOME, no XDG_CACHE_HOME, no passwd entry: no cache, twice
        result = run_cli(
            "rebut", "noodwet", "--briefs", "briefs", cwd=tmp_path, env={"HOME": None, "XDG_CACHE_HOME": None}
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("noodwet") and result.stderr == ""
    monkeypatch.undo()
    relative = run_cli(
        "rebut",
        "noodwet",
        "--briefs",
        "briefs",
        cwd=tmp_path,
        env={"XDG_CACHE_HOME": "cache", "HOME": str(tmp_path / "home")},
    )
    assert relative.returncode == 0
    assert not (tmp_path / "cache").exists()  # XDG: a relative path is ignored
    assert list((tmp_path / "home" / ".cache" / "debatbrief").glob("deck-*.json"))


# --- A killed write leaves nothing behind ---------------------------------------------------

_SLOW_WRITE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from debatbrief.briefing import pdf
    def stall(fd):
        print("schrijft", flush=True)
        time.sleep(60)
    pdf.os.fsync = stall
    pdf.write_atomic(Path(sys.argv[1]), b"%PDF-half" * 10000)
""")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_temp_file_of_a_killed_write_is_removed_by_the_next_run(tmp_path, how):
    out = tmp_path / "out"
    first = run_cli("make", "--fractie", "pvv", "--format", "html", "--out", str(out))
    assert first.returncode == 0, first.stderr
    target = out / BRIEF_ID / "pvv.pdf"
    target.write_bytes(b"%PDF-old")
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "schrijft"
    writer.send_signal(how)
    writer.wait(timeout=30)
    writer.stdout.close()
    left = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert target.read_bytes() == b"%PDF-old"
    again = run_cli("make", "--fractie", "pvv", "--format", "html", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in target.parent.iterdir()) == ["pvv.html", "pvv.pdf"], left


def test_a_temp_file_being_written_by_a_live_process_is_left_alone(tmp_path):
    from debatbrief.base.paths import remove_stale_temps

    live = tmp_path / f".pvv.pdf.{os.getppid()}-abcdefgh.tmp"
    live.write_bytes(b"x")
    foreign = tmp_path / ".pvv.pdf.notours.tmp"
    foreign.write_bytes(b"x")
    assert remove_stale_temps(tmp_path) == []
    assert live.exists() and foreign.exists()


# --- One cause, one message; the escape Pandoc users know; warnings cost no re-parse ----


def test_an_escaped_at_sign_prints_as_an_at_sign_everywhere(tmp_path):
    briefs = assemble(tmp_path)
    brief = briefs / "mini" / "brief.yaml"
    brief.write_text(
        brief.read_text()
        .replace("contact: Voorbeeld NGO, 020 123 45 67.", "contact: 'Volg ons op X: \\@VWNederland.'")
        # without a contact person the footer prints the contact line as written
        .replace("contact_person: {name: A. Schrijver, role: directeur, phone: 020 123 45 67}\n", "")
    )
    sources = briefs / "mini" / "sources.yaml"
    sources.write_text(
        sources.read_text().replace(
            "  title: Een rapport", "  title: Een rapport\n  caveat: 'Zie ook \\@AdviesraadM.'"
        )
    )
    cards = briefs / "mini" / "cards.yaml"
    cards.write_text(
        cards.read_text().replace("  say: Geen noodwet.", "  say: 'Geen noodwet; volg \\@VWNederland.'")
    )
    check = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    made = run_cli("make", "--fractie", "pvv", "--format", "html", "--briefs", "briefs", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "out" / "mini" / "pvv.html").read_text()
    assert "Volg ons op X: @VWNederland." in html and "\\@" not in html
    rebut = run_cli(
        "rebut",
        "noodwet",
        "--briefs",
        "briefs",
        cwd=tmp_path,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert "Zeg: Geen noodwet; volg @VWNederland." in rebut.stdout


def test_a_brief_with_a_warning_or_an_error_is_read_once(tmp_path, monkeypatch):
    from debatbrief import checks
    from debatbrief.brief import load as load_module

    calls: list[str] = []
    original = load_module.YAML.compose

    def counting(self, stream):
        calls.append("compose")
        return original(self, stream)

    monkeypatch.setattr(load_module.YAML, "compose", counting)
    for case in ("uncited-source", "unknown-topic", None):
        calls.clear()
        briefs = assemble(tmp_path / (case or "clean"), case)
        loaded = checks.load(briefs / "mini")
        files = len(list((briefs / "mini").glob("*.yaml"))) + 1  # and the Kamer
        assert len(calls) == files, case  # each file once
        if case == "uncited-source":
            assert [p.line for p in loaded.warnings] == [18]


# --- Everything printed has a limit ---------------------------------------------------------


def test_the_record_is_capped_and_explain_lists_the_rest(tmp_path):
    briefs = assemble(tmp_path)
    item = (
        "    - {{topic: {0}, date: 2022-01-{1:02d}, chamber: tweede-kamer, name: PVV, "
        "text: '{2} {1} [@{3}].'}}\n"
    )
    items = "".join(item.format("spreiding", n, "stemde voor motie", "rapport") for n in range(1, 21))
    items += "".join(
        item.format("asielcrisis", n, "sprak zich uit in debat", "hvj-c-72-22") for n in range(1, 6)
    )
    (briefs / "mini" / "profiles.yaml").write_text(
        "- fractie: pvv\n  values: {rechtsstaat: 2, kosten: 1}\n  record:\n" + items
    )
    explain = run_cli(
        "explain",
        "--fractie",
        "pvv",
        "--topic",
        "asielcrisis",
        "--format",
        "json",
        "--briefs",
        "briefs",
        cwd=tmp_path,
    )
    assert explain.returncode == 0, explain.stderr
    left = [x for x in json.loads(explain.stdout)["left_out"] if x["kind"] == "stemgedrag"]
    # asielcrisis: 3 beside the argument, 2 left out; spreiding: 3 in the record box, 17 left
    # out (dated before the sources that report them, or check S304 refuses them)
    assert [x["id"] for x in left] == [f"spreiding #{n}" for n in range(4, 21)] + [
        "asielcrisis #24",
        "asielcrisis #25",
    ]
    made = run_cli(
        "make",
        "--fractie",
        "pvv",
        "--topic",
        "asielcrisis",
        "--format",
        "html",
        "--briefs",
        "briefs",
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "out" / "mini" / "pvv-asielcrisis.html").read_text()
    assert html.count("stemde voor motie") == 3 and html.count("sprak zich uit in debat") == 3
    text = run_cli(
        "explain",
        "--fractie",
        "pvv",
        "--topic",
        "asielcrisis",
        "--briefs",
        "briefs",
        cwd=tmp_path,
        env={"COLUMNS": "200"},
    )
    assert "stemgedrag   spreiding #4" in text.stdout


def test_a_brief_folder_named_with_an_escape_is_shown_written_out(tmp_path):
    briefs = assemble(tmp_path)
    (briefs / "mini").rename(briefs / "mini\x1b[2J")
    for args in (["check"], ["check", "--format", "json"], ["list", "briefs"], ["rebut", "noodwet"]):
        result = run_cli(
            *args, "--briefs", "briefs", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}
        )
        assert_clean(result)
        assert "mini\\x1b[2J" in (result.stdout + result.stderr).replace("\\\\", "\\"), args
