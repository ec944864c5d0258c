"""``debatbrief watch``: re-check and re-render one briefing on every save.

For writing a brief: the author keeps the PDF open beside the YAML, and every save of a
file of the brief (or of a Kamer file) checks the brief again, as ``check`` does, and
writes the briefing again, atomically (a PDF viewer never sees half a file). One
WeasyPrint engine (font configuration and caches) stays warm for the whole session, the
brief's files are read once per round (:func:`debatbrief.commands.workspace.brief_files`),
and a briefing whose content has not changed is laid out once (the fit verdicts in
:func:`debatbrief.commands.workspace.make`).

Changes are seen with ``watchfiles`` (inotify on Linux, FSEvents on macOS): only ``.yaml``
files count, so an editor's swap and backup files do not start a round.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from debatbrief.base import paths
from debatbrief.base.errors import DebatbriefError
from debatbrief.commands.workspace import Made, Workspace, brief_files, brief_key


class WatchStopped(DebatbriefError):
    """Ctrl-C (or SIGTERM) ended ``watch``: one line, exit code 130."""

    exit_code = 130


@dataclass
class Round:
    """One check and render: the problems as ``check`` prints them (``lines``), how many
    errors and warnings, the briefing written (``made``, ``None`` when it was not), why
    not (``error``, one Dutch line) and the round's wall and CPU seconds."""

    lines: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    made: Made | None = None
    error: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0


def watched_folders(ws: Workspace) -> list[Path]:
    """The folders whose ``.yaml`` files a round reads: the brief's folder and the
    folders searched for its Kamer file (those that exist)."""
    folder = ws.brief_folder()
    return [d for d in dict.fromkeys([folder, *paths.kamer_dirs(folder.parent)]) if d.is_dir()]


def render_round(
    ws: Workspace, fractie: str, topics: list[str] | None, length: str, engine, first: bool = False
) -> Round:
    """Check the brief (every problem, as ``check``) and, when it has no errors, write the
    briefing with ``engine``. A problem of the brief or the render is reported in the
    round, never raised (the session goes on), except a UsageError in the ``first``
    round (an unknown fractie or topic: watching would never help); KeyboardInterrupt
    is raised."""
    from debatbrief.base.errors import UsageError, shown_problems
    from debatbrief.brief.load import reading
    from debatbrief.checks import load

    start, cpu = time.perf_counter(), time.process_time()
    result = Round()
    folder = ws.brief_folder()
    try:
        files = brief_files(folder)
        with reading(files):  # check the very bytes the cache key is made of
            loaded = load(folder)
        result.lines = shown_problems(loaded.problems)
        result.errors, result.warnings = len(loaded.errors), len(loaded.warnings)
        if loaded.brief is None:
            result.error = "de brief heeft fouten (zie hierboven)"
        else:
            fresh = Workspace(
                ws.briefs_dir,
                ws.templates_dir,
                ws.out_dir,
                ws.brief_id,
                loaded.brief,
                brief_key(folder, files),
            )
            from debatbrief.commands.workspace import make

            result.made = make(fresh, fractie, topics, length, "pdf", engine)
    except OSError as exc:  # a file removed or renamed mid-save: the next save retries
        from debatbrief.base.errors import reason

        result.error = f"kan de brief niet lezen ({reason(exc)}); sla het bestand opnieuw op"
    except DebatbriefError as exc:
        if first and isinstance(exc, UsageError):
            raise
        result.error = str(exc)
    result.seconds = time.perf_counter() - start
    result.cpu_seconds = time.process_time() - cpu
    return result


def file_changes(folders: list[Path]) -> Iterator[set[Path]]:
    """The ``.yaml`` files changed in ``folders``, one set per save (grouped by
    ``watchfiles``); ends with KeyboardInterrupt on Ctrl-C."""
    from watchfiles import watch

    def yaml_only(change, path: str) -> bool:
        return path.endswith(".yaml")

    for changes in watch(*folders, watch_filter=yaml_only, raise_interrupt=True):
        yield {Path(path) for _, path in changes}


def watch(
    ws: Workspace,
    fractie: str,
    topics: list[str] | None,
    length: str,
    report: Callable[[Round, set[Path]], None],
    changes: Iterable[set[Path]] | None = None,
) -> None:
    """Render once, then once more after every set of ``changes`` (by default the saves
    :func:`file_changes` sees in :func:`watched_folders`), calling ``report`` with each
    round and the files that started it (empty for the first). Validates the options
    first (UsageError for an unknown fractie or topic, BriefError when the first read
    fails before any PDF exists). Raises :class:`WatchStopped` on Ctrl-C."""
    from debatbrief.briefing.pdf import Engine

    try:
        engine = Engine()  # once: the fonts and WeasyPrint's caches stay warm
        report(render_round(ws, fractie, topics, length, engine, first=True), set())
        for changed in changes if changes is not None else file_changes(watched_folders(ws)):
            report(render_round(ws, fractie, topics, length, engine), changed)
    except KeyboardInterrupt:
        raise WatchStopped("Gestopt met kijken; de laatst gemaakte PDF is heel gebleven.") from None
