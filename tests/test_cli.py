"""The command line as typed: exit codes, one-line messages, tables, help."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import BRIEF_ID, ROOT, run_cli

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


@pytest.mark.parametrize(("what", "expected"), [
    ("fracties", "Yeşilgöz-Zegerius"),
    ("topics", "opt-out"),
    ("sources", "ECLI:EU:C:2022:505"),
    ("briefs", BRIEF_ID),
])
def test_list_tables(what, expected):
    result = run_cli("list", what, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_every_command_has_dutch_help_with_an_example():
    for command in COMMANDS:
        result = run_cli(command, "--help", env={"LC_ALL": "C", "LANG": "C"})
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
    assert "Afsluitcodes: 0 klaar; 1 een probleem met de brief of de uitvoer, of niets gevonden" in text
    assert "130 afgebroken met Ctrl-C (143 na SIGTERM)" in text


def test_version():
    from importlib.metadata import version
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"debatbrief {version('debatbrief')}\n"


# Whatever the locale says (LANGUAGE names a language before LC_ALL), the command line's
# own messages are Dutch and one line, with the way forward.
@pytest.mark.parametrize(("args", "line"), [
    (["maek"], f"Onbekend commando 'maek'. Bedoelde u make? Kies uit: {', '.join(COMMANDS)}."),
    (["make", "--length", "lengte", "-f", "PVV"],
     "Ongeldige waarde voor '--length': 'lengte' is geen van 'full', 'short'; of in het "
     "Nederlands 'kort', 'handout', 'volledig', 'lang'. "
     "Zie: debatbrief make --help"),
    (["list", "fracties", "PvdA"], "Onverwacht extra argument (PvdA). Zie: debatbrief list --help"),
    (["explain"], "Ontbrekende optie '--fractie' / '-f'. Bijvoorbeeld: debatbrief explain "
                  "--fractie NSC"),
    (["list"], "Ontbrekend argument 'SOORT'. Kies uit: fracties, topics, sources, cards, "
               "briefs. Bijvoorbeeld: debatbrief list fracties"),
    (["make", "--fracie", "PVV"], "Onbekende optie '--fracie'. Bedoelde u een van: '--brief', "
                                  "'--format', '--fractie'? Zie: debatbrief make --help"),
    (["make", "--all", "--jobs", "0"], "Ongeldige waarde voor '--jobs' / '-j': 0 valt buiten "
                                       "het bereik x>=1. Zie: debatbrief make --help"),
    (["make", "-f"], "Optie '-f' heeft een waarde nodig. Zie: debatbrief make --help"),
    (["--versie"], "Onbekende optie '--versie'. Bedoelde u '--version'? Zie: debatbrief --help"),
])
@pytest.mark.parametrize("locale", [{"LC_ALL": "C", "LANG": "C"},
                                    {"LANGUAGE": "en", "LC_ALL": "en_US.UTF-8"}],
                         ids=["C", "english"])
def test_usage_errors_are_one_dutch_line_and_exit_2(args, line, locale):
    result = run_cli(*args, env=locale)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


def test_dutch_words_for_choices_are_accepted(tmp_path):
    result = run_cli("make", "-f", "D66", "--length", "kort", "--format", "html", "--out",
                     str(tmp_path))
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
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if "'kind'" in x)
    assert "'kind' = 'uitspraak' is niet toegestaan (kies uit: 'report', 'ruling', " in line
    assert " or " not in line


def test_nothing_found_is_exit_1_for_every_command(tmp_path):
    cards = run_cli("cards", "--fractie", "GL-PvdA", "--topic", "nareis", "--out", str(tmp_path))
    assert cards.returncode == 1, cards.stderr
    assert cards.stderr.splitlines() == [
        "De brief verwacht van GL-PvdA geen van de claims op de kaarten; maak de kaarten "
        "zonder --fractie."]
    cards = run_cli("cards", "--fractie", "PVV", "--topic", "nareis", "--source", "wodc-2023",
                    "--out", str(tmp_path))
    assert cards.returncode == 1, cards.stderr
    assert cards.stderr.splitlines() == [
        "Geen kaarten voor deze keuze; probeer zonder --fractie of --topic of --source."]
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
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist),
                            str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("debatbrief-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    empty = tmp_path / "empty"
    empty.mkdir()
    made = subprocess.run([str(env_dir / "bin" / "debatbrief"), "make", "--brief", BRIEF_ID,
                           "--fractie", "PVV"],
                          capture_output=True, text=True, cwd=empty,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C"})
    assert made.returncode == 0, made.stderr
    pdf = empty / "out" / BRIEF_ID / "pvv.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert Path(made.stdout.split()[0]) == Path("out") / BRIEF_ID / "pvv.pdf"
    # The Dutch catalog travels in the wheel (found through importlib.resources).
    wrong = subprocess.run([str(env_dir / "bin" / "debatbrief"), "make", "--length", "x"],
                           capture_output=True, text=True, cwd=empty,
                           env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C"})
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("Ongeldige waarde voor '--length': 'x' is geen van ")
    version = subprocess.run([str(env_dir / "bin" / "debatbrief"), "--version"],
                             capture_output=True, text=True, cwd=empty)
    assert version.stdout == f"debatbrief {wheel.name.split('-')[1]}\n"


@pytest.mark.parametrize(("typed", "fractie"), [
    ("gl pvda", "gl-pvda"), ("GL/PvdA", "gl-pvda"), ("groenlinks", "gl-pvda"),
    ("PvdA", "gl-pvda"), ("ja 21", "ja21"), ("d 66", "d66"), ("christenunie", "cu"),
    ("Partij voor de Vrijheid", "pvv"), ("PVDD", "pvdd"),
])
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
    arguments.write_text(arguments.read_text().replace(
        "  reasoning: >-\n", f"  reasoning: >-\n    {long}\n"))
    result = run_cli("make", "-f", "PVV", "--briefs", str(briefs), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "Let op: de briefing voor PVV telt" in result.stderr
    assert "(bedoeld: ten hoogste 4)" in result.stderr
