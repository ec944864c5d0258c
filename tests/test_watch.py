"""``debatbrief watch``: every save checks the brief again and replaces the PDF.

The loop is driven in-process with made-up saves (``changes``), and through the command
line with click's runner; one process test sends Ctrl-C to a real session.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time

import pytest
from click.testing import CliRunner
from helpers import ROOT, cli_command, cli_env

from debatbrief.base import paths
from debatbrief.checks import load
from debatbrief.commands import watch as watch_module
from debatbrief.commands.watch import WatchStopped, watch
from debatbrief.commands.workspace import Workspace

BRIEF = "vwn-2024-05-22"


@pytest.fixture()
def copy(tmp_path, monkeypatch):
    """A copy of the shipped brief and its Kamer files, and a cache of its own."""
    shutil.copytree(ROOT / "briefs" / BRIEF, tmp_path / "briefs" / BRIEF)
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    paths.use_kamers_dir(None)
    return tmp_path


def break_meta(folder):
    """Give brief.yaml a field the model does not know (an error ``check`` reports)."""
    meta = folder / "brief.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "\nonbekend_veld: 1\n", encoding="utf-8")


def test_each_save_checks_again_and_replaces_the_pdf(copy):
    folder = copy / "briefs" / BRIEF
    ws = Workspace(briefs_dir=copy / "briefs", out_dir=copy / "out", brief_id=BRIEF)
    target = copy / "out" / BRIEF / "pvv-handout.pdf"
    rounds, seen = [], []
    meta_text = (folder / "brief.yaml").read_text(encoding="utf-8")

    def saves():
        seen.append(target.read_bytes())
        break_meta(folder)
        yield {folder / "brief.yaml"}
        seen.append(target.read_bytes())
        (folder / "brief.yaml").write_text(meta_text, encoding="utf-8")
        target.unlink()
        yield {folder / "brief.yaml"}

    watch(ws, "PVV", None, "short", lambda r, changed: rounds.append((r, changed)), saves())
    first, broken, fixed = (r for r, _ in rounds)
    assert first.made is not None and first.made.path == target and first.errors == 0
    # A broken brief: the lines of `check`, and the PDF left as it was.
    break_meta(folder)
    expected = [str(p) for p in load(folder).problems]
    (folder / "brief.yaml").write_text(meta_text, encoding="utf-8")
    assert broken.made is None and broken.lines == expected and broken.errors == len(expected)
    assert any("onbekend veld 'onbekend_veld'" in line for line in broken.lines)
    assert seen[0] == seen[1]  # untouched by the failed round
    # Fixed again: written anew (the test removed it), the same bytes as before.
    assert fixed.made is not None and target.read_bytes() == seen[0]
    assert [changed for _, changed in rounds] == [set()] + [{folder / "brief.yaml"}] * 2


def test_an_unknown_fractie_ends_watch_at_once(copy):
    ws = Workspace(briefs_dir=copy / "briefs", out_dir=copy / "out", brief_id=BRIEF)
    from debatbrief.base.errors import UsageError

    with pytest.raises(UsageError):
        watch(ws, "XYZ", None, "short", lambda r, c: None, iter(()))


def test_the_command_lists_problems_and_what_it_wrote(copy, monkeypatch):
    folder = copy / "briefs" / BRIEF

    def one_save(folders):
        assert folder in folders  # the brief's own folder is watched
        break_meta(folder)
        yield {folder / "brief.yaml"}
        raise KeyboardInterrupt  # Ctrl-C while waiting for the next save

    monkeypatch.setattr(watch_module, "file_changes", one_save)
    from debatbrief.cli.app import click_command

    result = CliRunner().invoke(
        click_command(),
        [
            "watch",
            "--briefs",
            str(copy / "briefs"),
            "--brief",
            BRIEF,
            "--fractie",
            "PVV",
            "--length",
            "kort",
            "--out",
            str(copy / "out"),
        ],
    )
    assert isinstance(result.exception, WatchStopped) and result.exception.exit_code == 130
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        f"out/{BRIEF}/pvv-handout.pdf bijgewerkt (1 pagina, "
        f"{lines[0].split('pagina, ')[1].split(' s;')[0]} s; 0 fouten, "
        f"0 waarschuwingen)"
    )
    assert lines[1].endswith("] gewijzigd: brief.yaml")
    assert any(
        line.endswith("onbekend veld 'onbekend_veld' (verwijder het of controleer de spelling)")
        for line in lines
    )
    assert "] niet bijgewerkt: de brief heeft fouten (zie hierboven) (" in lines[-1]


def test_ctrl_c_ends_a_session_with_one_line_and_exit_130(copy):
    command = cli_command(
        "watch",
        "--briefs",
        str(copy / "briefs"),
        "--fractie",
        "PVV",
        "--length",
        "kort",
        "--out",
        str(copy / "out"),
        brief=BRIEF,
    )
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env({"XDG_CACHE_HOME": str(copy / "cache")}),
    )
    try:
        first = process.stdout.readline()  # the first round is done: now waiting for saves
        assert "bijgewerkt" in first, first
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err.splitlines()[1:] == ["Gestopt met kijken; de laatst gemaakte PDF is heel gebleven."]
    assert (copy / "out" / BRIEF / "pvv-handout.pdf").is_file()
    assert not list((copy / "out" / BRIEF).glob("*.tmp"))
