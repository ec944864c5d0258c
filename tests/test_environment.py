"""Whatever the environment, a run ends with its right outcome: no crash on an ASCII stream,
no error when the reader of the output goes away, and on a signal a prompt stop, one line
and no process left behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from helpers import (
    BRIEF_ID,
    alive,
    children_of,
    cli_command,
    cli_env,
    run_in_terminal,
    with_brief,
)

ASCII_TERMINAL = {
    "LC_ALL": "C",
    "LANG": "C",
    "LANGUAGE": None,
    "PYTHONUTF8": "0",
    "PYTHONCOERCECLOCALE": "0",
    "PYTHONIOENCODING": None,
}
ASCII_STREAM = {"PYTHONIOENCODING": "ascii"}


def run_bytes(*args: str, env: dict) -> subprocess.CompletedProcess:
    """``debatbrief *args`` with output kept as the bytes the process wrote."""
    return subprocess.run(cli_command(*args), capture_output=True, env=cli_env(env), timeout=120)


# --- Output encodings ---------------------------------------------------------------------


@pytest.mark.parametrize("env", [ASCII_STREAM, ASCII_TERMINAL], ids=["ascii-stream", "C-locale"])
def test_rebut_on_an_ascii_stream_degrades_instead_of_crashing(env):
    result = run_bytes("rebut", "noodwet", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() and result.stderr == b""
    assert result.stdout.startswith(b"asielcrisis-noodwet - ")  # "·" shown as "-"
    short = run_bytes("rebut", "--short", "noodwet", env=env)
    assert short.returncode == 0 and short.stdout.isascii()
    assert short.stdout.splitlines()[-1].startswith(b"- HvJ EU, C-72/22 PPU - ")  # "—", "·"


@pytest.mark.parametrize("env", [ASCII_STREAM, ASCII_TERMINAL], ids=["ascii-stream", "C-locale"])
# explain of a handout (--length short): the same tables, a third of the CPU of a full fit.
@pytest.mark.parametrize(
    "args", [["explain", "--fractie", "PVV", "--length", "short"], ["list", "sources"], ["make", "--help"]]
)
def test_tables_and_help_on_an_ascii_stream(env, args):
    result = run_bytes(*args, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() and result.stderr == b""
    assert b"Interne fout" not in result.stdout


def test_a_message_on_an_ascii_stream_drops_accents():
    result = run_bytes("make", env=ASCII_STREAM)
    assert result.returncode == 2
    assert result.stderr == b"Geef --fractie X of --all (een van beide).\n"  # "één"


def test_rebut_in_an_ascii_terminal_draws_its_panel_in_ascii():
    code, screen = run_in_terminal(
        cli_command("rebut", "noodwet"),
        {**ASCII_TERMINAL, "COLUMNS": "60"},
        unset=("NO_COLOR", "PYTHONIOENCODING"),
    )
    assert code == 0, screen
    assert screen.isascii()
    assert screen.startswith(b"+- asielcrisis-noodwet -")


# --- A reader that goes away ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        # a handout's explanation: what closes is the pipe, not the length (a third of the CPU)
        ["explain", "--fractie", "PVV", "--length", "short"],
        ["explain", "--fractie", "PVV", "--length", "short", "--format", "json"],
        ["rebut", "--all", "spreiding"],
        ["rebut", "noodwet"],
        ["list", "sources"],
        ["check"],
        ["errata"],
        ["list", "cards"],
        ["--help"],
        ["make", "--help"],
        ["make", "--fractie", "CU", "--format", "html"],
    ],
)
def test_a_closed_pipe_ends_every_command_quietly_with_0(tmp_path, args):
    """As ``debatbrief ... | head -n 1``, deterministically: the reader is gone before the
    first line is written."""
    out = ["--out", str(tmp_path)] if args[0] == "make" and "--help" not in args else []
    process = subprocess.Popen(
        cli_command(*args, *out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env()
    )
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=120) == 0, err
    assert err == b""


# --- Signals -------------------------------------------------------------------------------


def _wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _stderr_within(process: subprocess.Popen, seconds: float) -> str:
    """The process's standard error once it has ended; a process still running after
    ``seconds`` fails the test with what it had written so far (a failure to read, not a
    bare TimeoutExpired)."""
    try:
        return process.communicate(timeout=seconds)[1]
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"still running after {seconds} s; stdout:\n{out}\nstderr:\n{err}")


def _make_all(out):
    # A session of its own, like a job in a terminal: Ctrl-C goes to the whole group.
    return subprocess.Popen(
        cli_command("make", "--all", "--jobs", "2", "--out", str(out)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        start_new_session=True,
    )


@pytest.mark.slow
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads processes from /proc")
@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143)])
def test_an_interrupted_make_all_stops_ends_its_workers_and_says_what_was_made(tmp_path, brief, how, code):
    out = tmp_path / "out"
    process = _make_all(out)
    try:
        _wait_for(
            lambda: len(children_of(process.pid)) >= 2 and any((out / BRIEF_ID).glob("*.pdf")), timeout=180
        )
        workers = children_of(process.pid)
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)  # what a terminal does: every process
        else:
            process.send_signal(signal.SIGTERM)  # a supervisor: the main process only
        # Seconds, not the minutes fifteen briefings take: workers are ended, not awaited.
        err = _stderr_within(process, 15)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == code, err
    assert [w for w in workers if alive(w)] == []
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    found = re.fullmatch(
        r"Afgebroken: (\d+) van 15 briefings gemaakt(?: \((.*)\))?; "
        r"niet gemaakt: (.*)\.",
        lines[0],
    )
    assert found, lines[0]
    made = found.group(2).split(", ") if found.group(2) else []
    not_made = found.group(3).split(", ")
    ids = {f.abbreviation: f.id for f in brief.kamer.fracties}
    assert int(found.group(1)) == len(made) and len(not_made) >= 1
    assert sorted(made + not_made) == sorted(ids)
    written = {p.stem for p in (out / BRIEF_ID).glob("*.pdf")}
    assert {ids[name] for name in made} <= written
    assert sorted(p.name for p in (out / BRIEF_ID).iterdir() if not p.name.endswith(".pdf")) == []


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_when_make_all_is_killed_outright(tmp_path):
    process = _make_all(tmp_path / "out")
    try:
        _wait_for(lambda: len(children_of(process.pid)) >= 2, timeout=120)
        workers = children_of(process.pid)
        time.sleep(1)  # the workers are past their set-up and rendering
        process.kill()  # SIGKILL: the main process cannot clean up
        process.communicate(timeout=30)
        _wait_for(lambda: not any(alive(w) for w in workers), timeout=15)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for worker in children_of(process.pid):  # pragma: no cover - only on failure
            os.kill(worker, signal.SIGKILL)


#: Runs ``debatbrief`` with the signal named by its first argument sent to itself from
#: inside a core function (``debatbrief.<module>.<name>``, the second argument), once the
#: ``n``-th call (third argument) begins: the signal lands at a known point of the run,
#: after start-up, on any machine however loaded.
SIGNAL_INSIDE = """
import importlib, os, signal, sys, time
name, target, nth = sys.argv.pop(1), sys.argv.pop(1), int(sys.argv.pop(1))
module, function = target.rsplit(".", 1)
module = importlib.import_module(module)
original, calls = getattr(module, function), []
def interrupted(*args, **kwargs):
    calls.append(1)
    if len(calls) == nth:
        os.kill(os.getpid(), getattr(signal, name))
        time.sleep(30)
    return original(*args, **kwargs)
setattr(module, function, interrupted)
from debatbrief.__main__ import run
run()
"""


def _signalled(name: str, target: str, nth: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SIGNAL_INSIDE, name, target, str(nth), *with_brief(args)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
    )


@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_during_a_command_prints_one_line_and_the_signals_code(name, code):
    """typer used to turn Ctrl-C into a silent exit 130, and SIGTERM killed outright."""
    result = _signalled(name, "debatbrief.checks.load", 1, "check")
    assert result.returncode == code, result.stderr
    assert result.stderr.splitlines() == ["Afgebroken; er is niets half geschreven."]


def test_ctrl_c_between_two_briefings_says_which_was_made(tmp_path):
    result = _signalled(
        "SIGINT",
        "debatbrief.commands.workspace.make",
        2,
        "make",
        "-f",
        "PVV",
        "-f",
        "vvd",
        "--format",
        "html",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr.splitlines() == ["Afgebroken: 1 van 2 briefings gemaakt (PVV); niet gemaakt: VVD."]
    assert sorted(p.name for p in (tmp_path / BRIEF_ID).iterdir()) == ["pvv.html"]


# --- The installed environment -------------------------------------------------------------


def test_every_package_the_code_imports_is_declared():
    """A package imported by ``src/debatbrief`` but only present as someone else's
    dependency breaks the day that one drops it: each is named in ``pyproject.toml``."""
    import ast
    import tomllib
    from importlib.metadata import packages_distributions
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    declared = {
        re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in project["dependencies"]
    }
    imported = set()
    for path in (root / "src" / "debatbrief").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    distributions = packages_distributions()
    missing = sorted(
        f"{module} ({', '.join(distributions[module])})"
        for module in imported
        if module in distributions
        and module not in sys.stdlib_module_names
        and module != "debatbrief"
        and not {d.lower().replace("_", "-") for d in distributions[module]} & declared
    )
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
