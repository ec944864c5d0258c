"""Compiled templates are cached between runs (issue 25), and the cache never shows an old
template, never blocks and never breaks a run."""

from __future__ import annotations

import os
import shutil

import pytest
from helpers import ROOT, run_cli

from debatbrief.briefing import render


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A cache folder of the test's own, and each run compiling as a new process would."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(render, "_ENVIRONMENTS", {})
    compiled = []
    original = render.ImmutableSandboxedEnvironment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(render.ImmutableSandboxedEnvironment, "compile", counting)
    return tmp_path / "xdg" / "debatbrief" / "templates", compiled


def _html(tmp_path, *extra: str) -> str:
    render._ENVIRONMENTS.clear()  # the next run is a new process
    out = tmp_path / "out"
    result = run_cli("make", "--fractie", "PVV", "--format", "html", "--out", str(out), *extra, timeout=120)
    assert result.returncode == 0, result.stderr
    return next(out.rglob("pvv.html")).read_text(encoding="utf-8")


def test_a_second_run_does_not_compile_the_briefing_template_again(fresh, tmp_path):
    folder, compiled = fresh
    first = _html(tmp_path)
    assert "briefing.html.j2" in compiled
    assert len(list(folder.iterdir())) >= 1
    compiled.clear()
    assert _html(tmp_path) == first
    assert "briefing.html.j2" not in compiled


def test_an_edited_template_is_used_not_the_cached_one(fresh, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    _html(tmp_path, "--templates", str(templates))
    page = templates / "briefing.html.j2"
    text = page.read_text(encoding="utf-8")
    assert "</body>" in text
    page.write_text(text.replace("</body>", "<p>Gewijzigd sjabloon</p></body>", 1), encoding="utf-8")
    assert "Gewijzigd sjabloon" in _html(tmp_path, "--templates", str(templates))


@pytest.mark.parametrize("plant", ["fifo", "garbage", "jinja-magic-then-garbage"])
def test_a_planted_or_damaged_entry_is_ignored(fresh, tmp_path, plant):
    folder, compiled = fresh
    first = _html(tmp_path)
    for entry in folder.iterdir():
        entry.unlink()
        if plant == "fifo":
            os.mkfifo(entry)  # opening it for reading would wait forever
        elif plant == "garbage":
            entry.write_bytes(b"\x00not a cache entry")
        else:
            from jinja2.bccache import bc_magic

            entry.write_bytes(bc_magic + b"\x80\x04garbage")
    compiled.clear()
    assert _html(tmp_path) == first
    assert "briefing.html.j2" in compiled


def test_no_cache_writes_no_compiled_template(fresh, tmp_path):
    folder, _ = fresh
    render._ENVIRONMENTS.clear()
    out = str(tmp_path / "o")
    result = run_cli("--no-cache", "make", "--fractie", "PVV", "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    assert not folder.exists()
