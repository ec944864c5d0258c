"""Where things live: --kamers, DEBATBRIEF_BRIEFS / _BRIEF / _KAMERS, debatbrief.toml."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from helpers import ROOT

from debatbrief.base import paths
from debatbrief.cli.app import click_command
from debatbrief.cli.config import default_map


@pytest.fixture()
def office(tmp_path, monkeypatch):
    """An office folder: kantoor/briefs with one new brief, kantoor/kamers with the Kamer
    file it uses, the working folder a sub-folder of it."""
    (tmp_path / "kantoor" / "kamers").mkdir(parents=True)
    shutil.copy(ROOT / "kamers" / "tweede-kamer-2024-05-22.yaml", tmp_path / "kantoor" / "kamers")
    shutil.copytree(ROOT / "briefs" / "vwn-2024-05-22", tmp_path / "kantoor" / "briefs" / "eigen")
    (tmp_path / "werk").mkdir()
    monkeypatch.chdir(tmp_path / "werk")
    for name in ("DEBATBRIEF_BRIEFS", "DEBATBRIEF_BRIEF", "DEBATBRIEF_KAMERS"):
        monkeypatch.delenv(name, raising=False)
    yield tmp_path
    paths.use_kamers_dir(None)


def invoke(*args, env=None):
    """``debatbrief *args`` through click's test runner, with the debatbrief.toml found from
    the working folder as click's default_map."""
    command = click_command()
    return CliRunner().invoke(command, list(args), env=env or {}, default_map=default_map(command))


def test_environment_variables_choose_the_briefs_the_brief_and_the_kamers(office):
    env = {
        "DEBATBRIEF_BRIEFS": str(office / "kantoor" / "briefs"),
        "DEBATBRIEF_BRIEF": "eigen",
        "DEBATBRIEF_KAMERS": str(office / "kantoor" / "kamers"),
    }
    result = invoke("check", env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("eigen: in orde (0 fouten, 0 waarschuwingen)")


def test_without_the_kamers_folder_check_names_the_folders_searched(office):
    meta = office / "kantoor" / "briefs" / "eigen" / "brief.yaml"
    meta.write_text(
        meta.read_text().replace("kamer: tweede-kamer-2024-05-22", "kamer: tweede-kamer-2030-01-01")
    )
    result = invoke(
        "check",
        "--briefs",
        str(office / "kantoor" / "briefs"),
        "--brief",
        "eigen",
        "--kamers",
        str(office / "kantoor" / "kamers"),
    )
    assert result.exit_code == 65
    line = next(line for line in result.output.splitlines() if "niet gevonden" in line)
    assert (
        "Kamer 'tweede-kamer-2030-01-01' niet gevonden (gezocht naar tweede-kamer-2030-01-01.yaml in " in line
    )
    searched = line.split(" in ", 1)[1].split(";")[0].split(", ")
    assert searched == [str(office / "kantoor" / "kamers"), str(paths.default_kamers_dir())]
    assert line.endswith("geef de map met --kamers of maak het bestand met 'debatbrief kamer new')")


def test_a_debatbrief_toml_in_a_parent_folder_is_read(office):
    (office / "debatbrief.toml").write_text(
        'briefs = "kantoor/briefs"\nkamers = "kantoor/kamers"\n\n[check]\nstrict = true\n', encoding="utf-8"
    )
    result = invoke("check", "--brief", "eigen")
    assert result.exit_code == 0, result.output
    assert "eigen: in orde" in result.output
    listed = invoke("list", "briefs", "--format", "json")
    assert '"eigen"' in listed.output and "vwn-2024-05-22" not in listed.output


def test_the_command_line_wins_over_the_environment_and_the_file(office):
    (office / "debatbrief.toml").write_text('brief = "bestaat-niet"\n', encoding="utf-8")
    env = {
        "DEBATBRIEF_BRIEFS": str(office / "kantoor" / "briefs"),
        "DEBATBRIEF_KAMERS": str(office / "kantoor" / "kamers"),
    }
    assert invoke("check", env=env).exit_code != 0  # the file's brief
    assert invoke("check", env={**env, "DEBATBRIEF_BRIEF": "eigen"}).exit_code == 0
    assert invoke("check", "--brief", "eigen", env=env).exit_code == 0


def test_an_unknown_key_in_debatbrief_toml_is_one_line_with_its_line(office):
    (office / "debatbrief.toml").write_text('briefs = "kantoor/briefs"\nbriefz = "x"\n', encoding="utf-8")
    from debatbrief.base.errors import UsageError

    with pytest.raises(UsageError) as caught:
        default_map(click_command())
    assert str(caught.value).startswith(
        "../debatbrief.toml:2: onbekende sleutel 'briefz'"
    ) or ":2: onbekende sleutel 'briefz'" in str(caught.value)


def test_a_table_holds_one_commands_options_by_their_own_names(office):
    (office / "debatbrief.toml").write_text(
        'briefs = "kantoor/briefs"\n\n[list]\nformat = "json"\n\n[kamer.new]\nsoort = "eerste-kamer"\n',
        encoding="utf-8",
    )
    command = click_command()
    defaults = default_map(command)
    assert defaults["list"] == {"briefs": str(office / "kantoor" / "briefs"), "format_": "json"}
    assert defaults["kamer"]["new"]["soort"] == "eerste-kamer"
    assert '"eigen"' in invoke("list", "briefs").output  # JSON, from the file


def test_a_file_that_is_not_toml_is_one_dutch_line_with_its_line(office):
    (office / "debatbrief.toml").write_text('briefs = "x"\nkamers = = 1\n', encoding="utf-8")
    from debatbrief.base.errors import UsageError

    with pytest.raises(UsageError) as caught:
        default_map(click_command())
    assert str(caught.value).endswith(
        'debatbrief.toml:2: geen geldige TOML (kolom 10); schrijf sleutel = "waarde" of [commando]'
    )
