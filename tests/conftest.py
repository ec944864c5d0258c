"""Shared fixtures: the shipped brief, rendered briefings, and helpers that read PDFs the
way a reader does (text per page) and the way the layout engine placed them (boxes)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from debatbrief.commands.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
BRIEF_ID = "vwn-2024-05-22"


#: Runs ``debatbrief`` with WeasyPrint's fontTools font subsetting, as on a machine without
#: libharfbuzz-subset0, also on a machine that has the library: WeasyPrint chooses its
#: subsetter per font by reading the module global ``weasyprint.pdf.fonts.harfbuzz_subset``
#: at that moment, so ``None`` there takes the fontTools path. It is set where debatbrief
#: sets up WeasyPrint (``Engine()``, in every process that writes a PDF), so WeasyPrint is
#: still imported inside ``main`` as usual (a Ctrl-C during that import is handled as in
#: a real run). ``make --verbose`` then reports WeasyPrint's "Using fontTools instead of
#: HarfBuzz-Subset" warning, which tests use to prove the path was taken.
FONTTOOLS_PATH = """
import debatbrief.briefing.pdf
set_up = debatbrief.briefing.pdf.Engine.__init__
def fonttools_engine(self):
    import weasyprint.pdf.fonts
    weasyprint.pdf.fonts.harfbuzz_subset = None
    set_up(self)
debatbrief.briefing.pdf.Engine.__init__ = fonttools_engine
from debatbrief.__main__ import run
run()
"""


#: Commands that read a brief: the tests name it, since the checkout holds several briefs.
BRIEF_COMMANDS = {"make", "rebut", "cards", "explain", "check", "list", "errata", "plan"}


def with_brief(args: tuple[str, ...], brief: str | None = BRIEF_ID) -> tuple[str, ...]:
    """``args`` with ``--brief`` added to a command that reads a brief, unless the arguments
    choose one (``--brief``/``--briefs``) or ``brief`` is ``None``."""
    if (brief and args and args[0] in BRIEF_COMMANDS
            and not any(a in ("--brief", "--briefs", "--help", "-h") for a in args)):
        return (args[0], "--brief", brief, *args[1:])
    return args


def cli_command(*args: str, fonttools: bool = False, brief: str | None = BRIEF_ID) -> list[str]:
    """The argv that runs ``debatbrief *args`` (with the fontTools subsetter if asked), the
    brief named as :func:`with_brief` does."""
    start = ["-c", FONTTOOLS_PATH] if fonttools else ["-m", "debatbrief"]
    return [sys.executable, *start, *with_brief(args, brief)]


def cli_env(env: dict | None = None) -> dict:
    """The environment tests run ``debatbrief`` in: plain output, 100 columns, and ``env``
    (a ``None`` value removes that variable)."""
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    return {name: value for name, value in full.items() if value is not None}


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None,
            input: str | None = None, brief: str | None = BRIEF_ID,
            fonttools: bool = False) -> subprocess.CompletedProcess:
    """Run ``debatbrief`` as a user would, in a subprocess; returns the completed process.
    The brief is named as :func:`with_brief` does."""
    return subprocess.run(cli_command(*args, fonttools=fonttools, brief=brief),
                          capture_output=True, text=True, env=cli_env(env), cwd=cwd,
                          input=input, timeout=300)


def children_of(pid: int) -> list[int]:
    """The live (not zombie) child processes of ``pid``, read from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if int(parent) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def embedded_font_dates(pdf: Path) -> set[int]:
    """The ``head.modified`` stamp of every font embedded in ``pdf`` (seconds since 1970)."""
    import io

    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    stamps = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            data = (descriptor.get("/FontFile2") or descriptor["/FontFile3"]).get_object()
            stamps.add(TTFont(io.BytesIO(data.get_data()))["head"].modified + epoch_diff)
    return stamps


def run_in_terminal(argv: list[str], env: dict | None = None,
                    unset: tuple[str, ...] = ("NO_COLOR",),
                    cwd: Path | None = None) -> tuple[int, bytes]:
    """Run ``argv`` with a pseudo-terminal as its stdout, as when a lobbyist types it.

    ``env`` is added to the environment after ``unset`` is removed from it (``None``
    values are left out), in ``cwd`` if given. Returns the exit code and every byte the
    terminal received."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - child
        if cwd is not None:
            os.chdir(cwd)
        for name in unset:
            os.environ.pop(name, None)
        os.environ.update({k: v for k, v in (env or {}).items() if v is not None})
        os.execv(argv[0], argv)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks)


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
    from debatbrief.briefing.pdf import Engine
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


@pytest.fixture(scope="session")
def short_pdfs(tmp_path_factory) -> Path:
    """Every fractie's one-page handout and the card sheet, made by one
    ``make --all --cards --length short`` over two worker processes."""
    out = tmp_path_factory.mktemp("short")
    result = run_cli("make", "--all", "--cards", "--length", "short", "--out", str(out),
                     "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID


#: Fixtures that render every fractie: a test using one is end-to-end and slow.
SLOW_FIXTURES = {"full_pdfs", "short_pdfs", "layouts"}


def pytest_collection_modifyitems(items):
    """Mark every test that uses a slow fixture as ``slow`` (``-m "not slow"`` skips it)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def note_start(html: str) -> str:
    """The first words of a footnote's HTML, as plain text (for finding it in a PDF)."""
    text = re.sub(r"<[^>]+>", "", html)
    return " ".join(text.split())[:40]


class Made:
    """One document made by the real pipeline: its name, PDF path, WeasyPrint layout, and
    (for briefings) the notes the renderer wrote."""

    def __init__(self, name: str, path: Path, document, notes=None):
        self.name, self.path, self.document, self.notes = name, path, document, notes

    def __repr__(self) -> str:
        return f"<{self.name}>"


@pytest.fixture(scope="session")
def every_document(tmp_path_factory) -> list[Made]:
    """For every shipped brief: every fractie's full briefing and handout, and the card
    sheet, made once per test session through ``core.make`` / ``cards.make_cards`` (the
    real pipeline, one engine), keeping each layout for the layout tests."""
    from debatbrief.base import paths
    from debatbrief.briefing import render
    from debatbrief.briefing.pdf import Engine
    from debatbrief.commands.cards import make_cards
    from debatbrief.commands.workspace import make

    class Recording(Engine):
        def document(self, html, base_dir, allowed):
            self.last = super().document(html, base_dir, allowed)
            return self.last

    notes_made: list = []
    original = render.Notes

    class RecordingNotes(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            notes_made.append(self)

    out = tmp_path_factory.mktemp("every")
    engine = Recording()
    made: list[Made] = []
    briefs = sorted(p.name for p in paths.default_briefs_dir().iterdir()
                    if (p / "brief.yaml").is_file())
    render.Notes = RecordingNotes
    try:
        for brief_id in briefs:
            ws = Workspace(out_dir=out, brief_id=brief_id)
            for fractie in ws.brief().kamer.fracties:
                for length in ("full", "short"):
                    result = make(ws, fractie.abbreviation, None, length, "pdf", engine)
                    made.append(Made(f"{brief_id}/{fractie.id}-{length}", result.path,
                                     engine.last, notes_made[-1]))
            cards = make_cards(ws, engine=engine)
            made.append(Made(f"{brief_id}/kaarten", cards.path, engine.last))
    finally:
        render.Notes = original
    return made
