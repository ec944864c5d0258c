"""The command line as typed: exit codes, one-line messages, tables, help."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from helpers import BRIEF_ID, ROOT, run_cli

from debatbrief.cli.app import COMMANDS


def test_unknown_fractie_names_the_closest_match_and_exits_2():
    result = run_cli("make", "--fractie", "PPV")
    assert result.returncode == 2
    assert result.stderr.startswith("Onbekende fractie 'PPV'. Bedoelde u PVV? Kies uit: PVV, ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_topic_names_the_closest_match_and_exits_2():
    result = run_cli("make", "--fractie", "pvv", "--topic", "optout")
    assert result.returncode == 2
    assert "Onbekend onderwerp 'optout'. Bedoelde u opt-out?" in result.stderr
    assert "Traceback" not in result.stderr


def test_fractie_matches_name_and_abbreviation_case_insensitively(tmp_path):
    for name in ("nsc", "Nieuw Sociaal Contract"):
        result = run_cli("make", "--fractie", name, "--format", "html", "--out", str(tmp_path))
        assert result.returncode == 0, result.stderr
    html = (tmp_path / BRIEF_ID / "nsc.html").read_text()
    import re

    assert "Briefing voor NSC" in re.sub(r"<[^>]+>", "", html)
    assert "<style>" in html


def test_make_needs_a_fractie_or_all():
    result = run_cli("make")
    assert result.returncode == 2
    assert result.stderr.strip() == "Geef --fractie X of --all (één van beide)."


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("fracties", "Yeşilgöz-Zegerius"),
        ("topics", "opt-out"),
        ("sources", "ECLI:EU:C:2022:505"),
        ("briefs", BRIEF_ID),
    ],
)
def test_list_tables(what, expected):
    result = run_cli("list", what, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


@pytest.mark.parametrize("locale", [None, {"LC_ALL": "C", "LANG": "C"}], ids=["", "C"])
def test_every_command_has_dutch_help_with_an_example(locale):
    # In-process for every command; under LC_ALL=C (which makes gettext stop looking) in a
    # process of its own for the first command, the only one that costs a start.
    for command in COMMANDS if locale is None else list(COMMANDS)[:1]:
        result = run_cli(command, "--help", env=locale, process=locale is not None)
        assert result.returncode == 0, command
        assert f"Gebruik: debatbrief {command} [OPTIES]" in result.stdout, command
        assert "Toon deze hulp en stop." in result.stdout, command
        assert "Voorbeelden:" in result.stdout, command
        assert re.search(rf"^ *debatbrief {command} \S", result.stdout, re.M), command
        for english in ("Usage:", "Options", "Show this message", "[default:"):
            assert english not in result.stdout, (command, english)


def test_the_main_help_lists_the_exit_codes():
    result = run_cli("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "Afsluitcodes: 0 klaar; 1 niets gevonden" in text
    assert "65 de brief is ongeldig (zie debatbrief check)" in text
    assert "130 afgebroken met Ctrl-C (143 na SIGTERM)" in text


def test_version():
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"debatbrief {version('debatbrief')}\n"


# Whatever the locale says (LANGUAGE names a language before LC_ALL), the command line's
# own messages are Dutch and one line, with the way forward.
@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["maek"], f"Onbekend commando 'maek'. Bedoelde u make? Kies uit: {', '.join(COMMANDS)}."),
        (
            ["make", "--length", "lengte", "-f", "PVV"],
            "Ongeldige waarde voor '--length': 'lengte' is geen van 'full', 'short'; of in het "
            "Nederlands 'kort', 'handout', 'volledig', 'lang'. "
            "Zie: debatbrief make --help",
        ),
        (["list", "fracties", "PvdA"], "Onverwacht extra argument (PvdA). Zie: debatbrief list --help"),
        (["explain"], "Ontbrekende optie '--fractie' / '-f'. Bijvoorbeeld: debatbrief explain --fractie NSC"),
        (
            ["list"],
            "Ontbrekend argument 'SOORT'. Kies uit: fracties, topics, sources, cards, "
            "briefs. Bijvoorbeeld: debatbrief list fracties",
        ),
        (
            ["make", "--fracie", "PVV"],
            "Onbekende optie '--fracie'. Bedoelde u een van: '--brief', "
            "'--format', '--fractie'? Zie: debatbrief make --help",
        ),
        (
            ["make", "--all", "--jobs", "0"],
            "Ongeldige waarde voor '--jobs' / '-j': 0 valt buiten "
            "het bereik x>=1. Zie: debatbrief make --help",
        ),
        (["make", "-f"], "Optie '-f' heeft een waarde nodig. Zie: debatbrief make --help"),
        (
            ["--versie"],
            "Onbekende optie '--versie'. Bedoelde u een van: '--verbose', '--version'? "
            "Zie: debatbrief --help",
        ),
    ],
)
@pytest.mark.parametrize(
    "locale",
    [{"LC_ALL": "C", "LANG": "C"}, {"LANGUAGE": "en", "LC_ALL": "en_US.UTF-8"}],
    ids=["C", "english"],
)
def test_usage_errors_are_one_dutch_line_and_exit_2(args, line, locale):
    result = run_cli(*args, env=locale, process=True)  # the locale acts at start-up
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


def test_dutch_words_for_choices_are_accepted(tmp_path):
    result = run_cli("make", "-f", "D66", "--length", "kort", "--format", "html", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / BRIEF_ID / "d66-handout.html").exists()
    dutch, english = run_cli("list", "onderwerpen"), run_cli("list", "topics")
    assert dutch.returncode == 0 and dutch.stdout == english.stdout
    explain = run_cli("explain", "-f", "NSC", "--length", "Volledig", "--format", "json")
    assert explain.returncode == 0 and json.loads(explain.stdout)["length"] == "full"


def test_the_dutch_catalog_is_compiled_from_its_source_and_ships_in_the_package():
    """messages.mo holds exactly the translations of messages.po (run ``pybabel compile``
    after editing the .po), and is found through importlib.resources."""
    from babel.messages.pofile import read_po

    from debatbrief.cli import i18n

    source = ROOT / "src" / "debatbrief" / "cli" / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as handle:
        po = read_po(handle)
    expected = {}
    for message in po:
        if message.id and message.string and not message.fuzzy:
            if isinstance(message.id, tuple):
                for n, text in enumerate(message.string):
                    expected[(message.id[0], n)] = text
            else:
                expected[message.id] = message.string
    compiled = {key: text for key, text in i18n.catalog()._catalog.items() if key != ""}
    assert compiled == expected


def test_a_kind_not_in_the_list_is_named_in_dutch(tmp_path):
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "tests" / "briefs" / "mini", briefs / "mini")
    sources = briefs / "mini" / "sources.yaml"
    sources.write_text(sources.read_text().replace("kind: ruling", "kind: uitspraak", 1))
    result = run_cli("check", "--briefs", str(briefs))
    assert result.returncode == 65
    line = next(x for x in result.stdout.splitlines() if "'kind'" in x)
    assert "'kind' = 'uitspraak' is niet toegestaan (kies uit: 'report', 'ruling', " in line
    assert " or " not in line


def test_nothing_found_is_exit_1_for_every_command(tmp_path):
    cards = run_cli("cards", "--fractie", "GL-PvdA", "--topic", "nareis", "--out", str(tmp_path))
    assert cards.returncode == 1, cards.stderr
    assert cards.stderr.splitlines() == [
        "Volgens stances.yaml brengt GL-PvdA geen van de claims op de kaarten in; maak de "
        "kaarten zonder --fractie."
    ]
    cards = run_cli(
        "cards", "--fractie", "PVV", "--topic", "nareis", "--source", "wodc-2023", "--out", str(tmp_path)
    )
    assert cards.returncode == 1, cards.stderr
    assert cards.stderr.splitlines() == [
        "Geen kaarten voor deze keuze; probeer zonder --fractie of --topic of --source."
    ]
    rebut = run_cli("rebut", "xyzzyq")
    assert rebut.returncode == 1


def test_explain_json_accounts_for_every_argument(brief):
    result = run_cli("explain", "--fractie", "CU", "--format", "json")
    data = json.loads(result.stdout)
    shown = {a["id"] for a in data["arguments"]}
    left = {x["id"] for x in data["left_out"] if x["kind"] == "argument"}
    assert shown | left == {a.id for a in brief.arguments} and not shown & left
    assert data["roles"] == ["demissionair kabinet"] and data["address"] == "opposition"
    assert data["asks"] and all(a["stance"] != "opposes" for a in data["asks"])
    assert data["subject"] == {"stance": "opposes", "source": None, "estimate": True}


@pytest.mark.slow
def test_wheel_installs_and_makes_a_briefing_from_an_empty_directory(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("debatbrief-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "debatbrief/py.typed" in names  # PEP 561: the package's annotations are public
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr[-2000:]
    empty = tmp_path / "empty"
    empty.mkdir()
    made = subprocess.run(
        [str(env_dir / "bin" / "debatbrief"), "make", "--brief", BRIEF_ID, "--fractie", "PVV"],
        capture_output=True,
        text=True,
        cwd=empty,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C"},
    )
    assert made.returncode == 0, made.stderr
    pdf = empty / "out" / BRIEF_ID / "pvv.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert Path(made.stdout.split()[0]) == Path("out") / BRIEF_ID / "pvv.pdf"
    # The Dutch catalog travels in the wheel (found through importlib.resources).
    wrong = subprocess.run(
        [str(env_dir / "bin" / "debatbrief"), "make", "--length", "x"],
        capture_output=True,
        text=True,
        cwd=empty,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C"},
    )
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("Ongeldige waarde voor '--length': 'x' is geen van ")
    version = subprocess.run(
        [str(env_dir / "bin" / "debatbrief"), "--version"], capture_output=True, text=True, cwd=empty
    )
    assert version.stdout == f"debatbrief {wheel.name.split('-')[1]}\n"


@pytest.mark.parametrize(
    ("typed", "fractie"),
    [
        ("gl pvda", "gl-pvda"),
        ("GL/PvdA", "gl-pvda"),
        ("groenlinks", "gl-pvda"),
        ("PvdA", "gl-pvda"),
        ("ja 21", "ja21"),
        ("d 66", "d66"),
        ("christenunie", "cu"),
        ("Partij voor de Vrijheid", "pvv"),
        ("PVDD", "pvdd"),
    ],
)
def test_fractie_names_are_matched_as_people_type_them(brief, typed, fractie):
    from debatbrief.briefing.select import find_fractie

    assert find_fractie(brief, typed).id == fractie


def test_make_takes_several_fracties(tmp_path):
    result = run_cli("make", "-f", "PVV", "-f", "vvd", "--format", "HTML", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / BRIEF_ID).iterdir()) == ["pvv.html", "vvd.html"]


def test_an_unknown_second_fractie_stops_before_anything_is_made(tmp_path):
    result = run_cli("make", "-f", "PVV", "-f", "XYZ", "--out", str(tmp_path))
    assert result.returncode == 2 and "Onbekende fractie 'XYZ'" in result.stderr
    assert not (tmp_path / BRIEF_ID).exists()


def test_cards_for_one_topic(tmp_path):
    result = run_cli("cards", "--topic", "spreiding", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / BRIEF_ID / "kaarten-spreiding.pdf").exists()


def test_rebut_without_a_word_asks_for_one():
    result = run_cli("rebut", "  ")
    assert result.returncode == 2
    assert result.stderr.strip() == "Geef een zoekwoord, bijvoorbeeld: debatbrief rebut noodwet"


@pytest.mark.slow
def test_a_briefing_past_its_page_limit_is_written_with_a_warning(tmp_path):
    import shutil

    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    arguments = briefs / BRIEF_ID / "arguments.yaml"
    long = "Dit is een lange zin die de briefing oprekt. " * 150
    arguments.write_text(arguments.read_text().replace("  reasoning: >-\n", f"  reasoning: >-\n    {long}\n"))
    result = run_cli("make", "-f", "PVV", "--briefs", str(briefs), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "Let op: de briefing voor PVV telt" in result.stderr
    # a full briefing is at most three pages now (PVV gets no concept-motie page here)
    assert "(bedoeld: ten hoogste 3)" in result.stderr


# --- Completion, colour, formats, global options, exit codes (issue 24) --------------------


def _complete(words: str, *, env: dict | None = None) -> subprocess.CompletedProcess:
    """What bash's completion asks of ``debatbrief`` for the command line ``words``, the
    cursor on its last word (empty when ``words`` ends with a space)."""
    parts = words.split(" ")
    return run_cli(
        env={
            "_DEBATBRIEF_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
        brief=None,
    )


def test_bash_completes_a_fractie_from_the_chosen_brief():
    result = _complete(f"debatbrief make --brief {BRIEF_ID} --fractie G")
    assert result.returncode == 0, result.stderr
    assert "gl-pvda" in result.stdout.split()  # GroenLinks-PvdA
    assert "pvv" not in result.stdout.split() and result.stderr == ""


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("debatbrief ma", "make"),
        (f"debatbrief make --brief {BRIEF_ID} --topic opt", "opt-out"),
        (f"debatbrief cards --brief {BRIEF_ID} --source wod", "wodc-2023"),
        (f"debatbrief rebut --brief {BRIEF_ID} wod", "wodc-2023"),
        ("debatbrief rebut --brief vwn", BRIEF_ID),
        ("debatbrief rebut --fractie groenl", "gl-pvda"),  # by name, the default brief
    ],
)
def test_bash_completes_commands_topics_sources_cards_and_briefs(words, expected):
    result = _complete(words)
    assert result.returncode == 0 and expected in result.stdout.split(), result.stderr


def test_completion_of_an_invalid_brief_offers_nothing_and_never_a_traceback():
    broken = ROOT / "tests" / "broken"
    result = _complete(f"debatbrief make --briefs {broken} --brief bad-date --fractie ")
    assert result.returncode == 0 and result.stdout.strip() == "" and result.stderr == ""


def test_the_completion_script_calls_debatbrief_back():
    result = run_cli(env={"_DEBATBRIEF_COMPLETE": "source_bash"}, brief=None)
    assert result.returncode == 0
    assert "_DEBATBRIEF_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _debatbrief_completion debatbrief" in result.stdout
    help_text = run_cli("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text


def test_force_color_colours_a_pipe_and_no_color_or_a_pipe_alone_does_not():
    args = ("list", "fracties")
    assert "\x1b[" in run_cli(*args, env={"NO_COLOR": None, "FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run_cli(*args, env={"NO_COLOR": None, "TTY_COMPATIBLE": "1"}).stdout
    plain = run_cli(*args, env={"NO_COLOR": None})
    assert "\x1b[" not in plain.stdout and plain.stdout == run_cli(*args).stdout


def test_columns_sets_the_width_of_a_table():
    for columns in (60, 120):
        result = run_cli("list", "topics", env={"COLUMNS": str(columns)})
        assert max(map(len, result.stdout.splitlines())) <= columns
    assert max(map(len, result.stdout.splitlines())) > 60


@pytest.mark.parametrize("what", ["fracties", "topics", "sources", "cards", "briefs"])
def test_list_as_json(what):
    result = run_cli("list", what, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)[what]
    assert rows and all(isinstance(row["id"], str) for row in rows)
    if what == "fracties":
        gl = next(row for row in rows if row["id"] == "gl-pvda")
        assert gl["abbreviation"] == "GL-PvdA" and gl["zetels"] == 25
        assert gl["stance"]["stance"] in ("raises", "agrees", "opposes", "unknown")


def test_check_as_github_annotations_and_an_invalid_brief_exits_65():
    broken = ROOT / "tests" / "broken"
    result = run_cli("check", "--briefs", str(broken), "--brief", "bad-date", "--format", "github")
    assert result.returncode == 65
    lines = result.stdout.splitlines()
    assert lines and all(re.match(r"::(error|warning) file=[^:]+(,line=\d+)?::.", x) for x in lines)
    assert any(re.match(r"::error file=.*brief\.yaml,line=\d+::'debate\.date'", x) for x in lines)
    assert run_cli("check", "--format", "github").stdout == ""


def test_an_invalid_brief_is_65_for_every_command_and_nothing_found_stays_1(tmp_path):
    broken = ("--briefs", str(ROOT / "tests" / "broken"), "--brief", "bad-date")
    for args in (
        ("rebut", "noodwet"),
        ("list", "fracties"),
        ("explain", "--fractie", "PVV"),
        ("plan",),
        ("errata",),
        ("make", "--fractie", "PVV", "--out", str(tmp_path)),
    ):
        result = run_cli(*args, *broken)
        assert result.returncode == 65, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert run_cli("rebut", "xyzzyq").returncode == 1


def test_debug_verbose_and_no_cache_before_the_command(tmp_path):
    broken = ("--briefs", str(ROOT / "tests" / "broken"), "--brief", "bad-date")
    shown = run_cli("--debug", "list", "fracties", *broken, brief=None)
    assert "Traceback" in shown.stderr and "BriefError" in shown.stderr
    assert "Traceback" not in run_cli("list", "fracties", *broken, brief=None).stderr
    assert run_cli("--verbose", "list", "topics").returncode == 0
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run_cli("--no-cache", "rebut", "--brief", BRIEF_ID, "noodwet", env=cache, brief=None)
    assert result.returncode == 0 and "noodwet" in result.stdout.splitlines()[0]
    assert not (tmp_path / "cache").exists()


def test_the_cache_keeps_one_deck_and_one_brief_per_brief(tmp_path):
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "tests" / "briefs" / "mini", briefs / "mini")
    cache = tmp_path / "cache" / "debatbrief"
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    legacy = cache / f"deck-{'0' * 20}.json"  # debatbrief 0.1's naming
    for edit in range(3):
        with (briefs / "mini" / "cards.yaml").open("a") as handle:
            handle.write(f"# edit {edit}\n")
        result = run_cli("rebut", "noodwet", "--briefs", str(briefs), env=env)
        assert result.returncode == 0, result.stderr
        # One deck and one validated brief per brief folder: an edit replaces both.
        kinds = sorted(p.name.split("-")[0] for p in cache.iterdir())
        assert kinds == ["brief", "deck"] and not legacy.exists()
        legacy.write_text("{}")
    shutil.copytree(briefs / "mini", tmp_path / "other" / "mini")
    run_cli("rebut", "noodwet", "--briefs", str(tmp_path / "other"), env=env)
    assert len(list(cache.glob("deck-*.json"))) == 2  # another folder keeps its own


def test_the_cache_folder_is_platformdirs_user_cache_path(monkeypatch, tmp_path):
    import platformdirs

    from debatbrief.base import paths

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert paths.cache_dir() == platformdirs.user_cache_path("debatbrief", appauthor=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.cache_dir() == platformdirs.user_cache_path("debatbrief", appauthor=False)
    assert paths.cache_dir() == tmp_path / "xdg" / "debatbrief"


def test_open_shows_the_made_file_and_needs_a_file(monkeypatch, tmp_path, capsys):
    import click

    from debatbrief.cli.app import main

    opened = []
    monkeypatch.setattr(click, "launch", lambda url, **kw: opened.append((url, kw)) or 0)
    main(["cards", "--brief", BRIEF_ID, "--topic", "nareis", "--out", str(tmp_path), "--open"])
    assert opened == [(str(tmp_path / BRIEF_ID / "kaarten-nareis.pdf"), {"locate": False})] or (
        len(opened) == 1 and opened[0][0].endswith(".pdf")
    )
    with pytest.raises(SystemExit) as stopped:
        main(["plan", "--brief", BRIEF_ID, "--open"])
    assert stopped.value.code == 2
    assert "--open" in capsys.readouterr().err


def test_typer_builds_the_click_command_the_cli_adapts():
    """What ``pyproject.toml``'s cap on typer rests on: ``cli/app.py`` adapts the click
    command typer builds (Dutch choices, value names, completion) and reads click's exits.
    typer 0.26 and later build something else; this fails there first."""
    import click

    from debatbrief.cli.app import DutchChoice, click_command

    command = click_command("make")
    make = command.commands["make"]
    assert isinstance(command, click.Group) and isinstance(make, click.Command)
    length = next(p for p in make.params if p.name == "length")
    assert isinstance(length, click.Option) and isinstance(length.type, DutchChoice)
    with pytest.raises(click.exceptions.Exit):
        with command.make_context("debatbrief", ["--version"]) as ctx:
            command.invoke(ctx)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_install_completion_then_tab_in_bash_offers_the_fractie(tmp_path):
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    # Started from bash, so that bash is the shell typer detects (the nearest ancestor).
    installed = subprocess.run(
        ["bash", "-c", "debatbrief --install-completion; exit $?"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path), "PATH": path},
    )
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.startswith("Aanvullen met Tab is geïnstalleerd voor bash")
    script = tmp_path / ".bash_completions" / "debatbrief.sh"
    assert str(script) in (tmp_path / ".bashrc").read_text()
    words = f"debatbrief make --brief {BRIEF_ID} --fractie G"
    tab = subprocess.run(
        [
            "bash",
            "-c",
            f"source {script}; COMP_WORDS=({words}); COMP_CWORD=5; "
            f"_debatbrief_completion debatbrief; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": path},
    )
    assert "gl-pvda" in tab.stdout.split(), tab.stderr
