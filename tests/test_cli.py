"""The command line as typed: exit codes, one-line messages, tables, help."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import BRIEF_ID, ROOT, run_cli


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
    assert "Briefing voor de fractie van NSC" in re.sub(r"<[^>]+>", "", html)
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


def test_every_command_has_help():
    for command in ("make", "rebut", "cards", "explain", "check", "list"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "--help" in result.stdout, command


def test_explain_json_accounts_for_every_argument(brief):
    result = run_cli("explain", "--fractie", "CU", "--format", "json")
    data = json.loads(result.stdout)
    shown = {a["id"] for a in data["arguments"]}
    left = {x["id"] for x in data["left_out"] if x["kind"] == "argument"}
    assert shown | left == {a.id for a in brief.arguments} and not shown & left
    assert data["roles"] == ["demissionair kabinet"] and "questions" in data
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


@pytest.mark.parametrize(("typed", "fractie"), [
    ("gl pvda", "gl-pvda"), ("GL/PvdA", "gl-pvda"), ("groenlinks", "gl-pvda"),
    ("PvdA", "gl-pvda"), ("ja 21", "ja21"), ("d 66", "d66"), ("christenunie", "cu"),
    ("Partij voor de Vrijheid", "pvv"), ("PVDD", "pvdd"),
])
def test_fractie_names_are_matched_as_people_type_them(brief, typed, fractie):
    from debatbrief.select import find_fractie
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
