"""Shared fixtures: the shipped brief, rendered briefings, and helpers that read PDFs the
way a reader does (text per page) and the way the layout engine placed them (boxes)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from debatbrief.core import Workspace

ROOT = Path(__file__).resolve().parent.parent
BRIEF_ID = "vwn-2024-05-22"


#: Commands that read a brief: the tests name it, since the checkout holds several briefs.
BRIEF_COMMANDS = {"make", "rebut", "cards", "explain", "check", "list", "errata", "plan"}


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None,
            input: str | None = None, brief: str | None = BRIEF_ID) -> subprocess.CompletedProcess:
    """Run ``debatbrief`` as a user would, in a subprocess; returns the completed process.

    ``brief`` is added as ``--brief`` to a command that reads a brief, unless the arguments
    choose one (``--brief``/``--briefs``) or ``brief`` is ``None``."""
    if (brief and args and args[0] in BRIEF_COMMANDS
            and not any(a in ("--brief", "--briefs", "--help", "-h") for a in args)):
        args = (args[0], "--brief", brief, *args[1:])
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    return subprocess.run([sys.executable, "-m", "debatbrief", *args], capture_output=True,
                          text=True, env=full_env, cwd=cwd, input=input, timeout=300)


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed."""
    from pypdf import PdfReader
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def walk(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from walk(child)


def footnote_layout(document) -> list[dict]:
    """Per footnote, in document order: its source, the page of its call, the page of its
    body and its marker text, read from WeasyPrint's layout boxes."""
    calls: dict[int, int] = {}
    bodies: dict[int, tuple[int, str, str]] = {}
    order: list[int] = []
    for index, page in enumerate(document.pages):
        for box in walk(page._page_box):
            tag = getattr(box, "element_tag", "") or ""
            element = getattr(box, "element", None)
            if tag.endswith("::footnote-call"):
                if id(element) not in calls:
                    order.append(id(element))
                calls.setdefault(id(element), index)
            elif tag.endswith("::footnote-marker"):
                marker = "".join(getattr(b, "text", "") for b in walk(box)).strip()
                bodies[id(element)] = (index, marker, element.get("data-source"))
    return [{"call_page": calls[key], "body_page": bodies[key][0], "marker": bodies[key][1],
             "source": bodies[key][2]} for key in order if key in bodies]


@pytest.fixture(scope="session")
def workspace() -> Workspace:
    return Workspace(brief_id=BRIEF_ID)


@pytest.fixture(scope="session")
def brief(workspace):
    return workspace.brief()


@pytest.fixture(scope="session")
def engine():
    from debatbrief.pdf import Engine
    return Engine()


@pytest.fixture(scope="session")
def pvv_pdf(tmp_path_factory) -> Path:
    """The PVV briefing made by the CLI under LC_ALL=C, as the README's first command does."""
    out = tmp_path_factory.mktemp("out")
    result = run_cli("make", "--fractie", "PVV", "--out", str(out), env={"LC_ALL": "C",
                                                                          "LANG": "C"})
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID / "pvv.pdf"


@pytest.fixture(scope="session")
def full_pdfs(tmp_path_factory) -> Path:
    """Every fractie's full briefing, made by ``make --all`` over two worker processes."""
    out = tmp_path_factory.mktemp("full")
    result = run_cli("make", "--all", "--out", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID


def note_start(html: str) -> str:
    """The first words of a footnote's HTML, as plain text (for finding it in a PDF)."""
    text = re.sub(r"<[^>]+>", "", html)
    return " ".join(text.split())[:40]
