"""Helpers the tests share (imported as ``from helpers import ...``; conftest.py holds only
fixtures and hooks): paths, running ``debatbrief`` in-process or as a process, reading
PDFs as a reader does (text per page) and as the layout engine placed them (boxes)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
    if (
        brief
        and args
        and args[0] in BRIEF_COMMANDS
        and not any(a in ("--brief", "--briefs", "--help", "-h") for a in args)
    ):
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


#: Variables read when Python or debatbrief starts (the locale, the interpreter's own): a
#: run that sets one must be a real process (``process=True``), or it would test nothing.
STARTUP_VARIABLES = ("LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANG", "LANGUAGE")


def run_cli(
    *args: str,
    env: dict | None = None,
    cwd: Path | None = None,
    input: str | None = None,
    brief: str | None = BRIEF_ID,
    fonttools: bool = False,
    process: bool = False,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """Run ``debatbrief *args`` and return what it left: ``returncode``, ``stdout`` and
    ``stderr`` (text), as a :class:`subprocess.CompletedProcess`. The brief is named as
    :func:`with_brief` does; the environment is :func:`cli_env` (plain output, 100 columns).

    By default the run is in this process, through click's :class:`CliRunner` isolation
    and the program's own ``main`` (its exit codes, its one-line errors): a test pays for
    the command, not for starting Python. ``process=True`` starts a real ``debatbrief``
    process instead, for what only a process shows: signals, the environment at start-up
    (the locale, ``PYTHON*``), closed pipes, terminals, imports, worker processes.

    ``timeout`` (seconds) bounds a run that could wait forever (a FIFO opened for reading):
    past it, a process is killed (``subprocess.TimeoutExpired``, 300 s when not given) and
    a run in this process is interrupted by :class:`Hung`; either fails the test.
    """
    if process:
        return subprocess.run(
            cli_command(*args, fonttools=fonttools, brief=brief),
            capture_output=True,
            text=True,
            env=cli_env(env),
            cwd=cwd,
            input=input,
            timeout=timeout or 300,
        )
    starting = [name for name in (env or {}) if name in STARTUP_VARIABLES or name.startswith("PYTHON")]
    if starting:
        raise AssertionError(f"{starting} act at start-up: run_cli(..., process=True)")
    with _deadline(timeout):
        return _run_in_process(list(with_brief(args, brief)), env, cwd, input, fonttools)


class Hung(BaseException):
    """A run in this process went past its ``timeout`` (a ``BaseException``, as
    ``KeyboardInterrupt`` is: the program's ``main`` passes it on instead of reporting it)."""


def _deadline(seconds: float | None):
    """Raise :class:`Hung` in this (main) thread once ``seconds`` have passed, by SIGALRM:
    a system call that blocks (``open`` of a FIFO) is interrupted, its handler raises."""
    import contextlib
    import signal

    @contextlib.contextmanager
    def bounded():
        def hung(signum, frame):
            raise Hung(f"debatbrief liep na {seconds} s nog")

        previous = signal.signal(signal.SIGALRM, hung)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return bounded() if seconds else contextlib.nullcontext()


def _run_in_process(
    argv: list[str], env: dict | None, cwd: Path | None, input: str | None, fonttools: bool
) -> subprocess.CompletedProcess:
    import contextlib

    from click.testing import CliRunner

    from debatbrief.base import paths
    from debatbrief.cli.app import main

    variables = {"NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    state = (paths._kamers_dir, paths._cache_disabled)  # set by --kamers, --no-cache
    with contextlib.ExitStack() as stack:
        if fonttools:
            stack.enter_context(_fonttools_subsetter())
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        out, err, _ = stack.enter_context(CliRunner().isolation(input=input, env=variables))
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        except Exception:  # what `main` lets through (--debug): as Python ends a process
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            paths._kamers_dir, paths._cache_disabled = state
        stdout, stderr = out.getvalue(), err.getvalue()
    return subprocess.CompletedProcess(["debatbrief", *argv], code, _text(stdout), _text(stderr))


def _text(data: bytes) -> str:
    # As subprocess's text mode reads a pipe: universal newlines.
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _fonttools_subsetter():
    """WeasyPrint's fontTools subsetter for the run, as :data:`FONTTOOLS_PATH` does for a
    process: ``Engine()`` sets WeasyPrint's HarfBuzz subsetter to ``None``."""
    import contextlib

    import debatbrief.briefing.pdf

    @contextlib.contextmanager
    def patched():
        set_up = debatbrief.briefing.pdf.Engine.__init__

        def fonttools_engine(self):
            import weasyprint.pdf.fonts

            weasyprint.pdf.fonts.harfbuzz_subset = None
            set_up(self)

        import weasyprint.pdf.fonts

        saved = weasyprint.pdf.fonts.harfbuzz_subset
        debatbrief.briefing.pdf.Engine.__init__ = fonttools_engine
        try:
            yield
        finally:
            debatbrief.briefing.pdf.Engine.__init__ = set_up
            weasyprint.pdf.fonts.harfbuzz_subset = saved

    return patched()


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


def run_in_terminal(
    argv: list[str], env: dict | None = None, unset: tuple[str, ...] = ("NO_COLOR",), cwd: Path | None = None
) -> tuple[int, bytes]:
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
    return [
        {
            "call_page": calls[key],
            "body_page": bodies[key][0],
            "marker": bodies[key][1],
            "source": bodies[key][2],
        }
        for key in order
        if key in bodies
    ]


def note_start(html: str) -> str:
    """The first words of a footnote's HTML, as plain text (for finding it in a PDF)."""
    text = re.sub(r"<[^>]+>", "", html)
    return " ".join(text.split())[:40]


class Made:
    """One document made by the real pipeline: its name, PDF path, WeasyPrint layout, and
    (for briefings) the notes the renderer wrote and the selection it shows."""

    def __init__(self, name: str, path: Path, document, notes=None, selection=None):
        self.name, self.path, self.document = name, path, document
        self.notes, self.selection = notes, selection

    def __repr__(self) -> str:
        return f"<{self.name}>"
