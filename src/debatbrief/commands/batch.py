"""``make --all``: every fractie's briefing over worker processes.

Each worker loads and validates the brief once and keeps one WeasyPrint engine (font
configuration and caches) for all the documents it renders. A failure in one fractie is
reported and the others still complete.

Stopping: when the main process is interrupted (Ctrl-C, or SIGTERM turned into
KeyboardInterrupt by the CLI), the workers are ended at once (SIGTERM, then SIGKILL for any
that lingers) instead of finishing their documents, and :class:`BatchInterrupted` says what
was made and what not. A worker that loses its parent any other way (the parent killed
with SIGKILL) ends itself: on Linux the kernel sends it SIGTERM (``PR_SET_PDEATHSIG``).
A worker ended mid-document unwinds first, so the atomic write removes its temporary file.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from debatbrief.base.errors import DebatbriefError
from debatbrief.commands.workspace import Made, Workspace

if TYPE_CHECKING:  # the models pull in pydantic; the workers load them when they need them
    from debatbrief.brief.models import Brief

_WORKER: dict = {}

#: How long ended workers get to unwind (remove a temporary file) before SIGKILL.
GRACE_SECONDS = 1.0


@dataclass
class BatchResult:
    """What ``make --all`` wrote, what failed (fractie, one-line message), and the
    machine warnings WeasyPrint gave (for ``--verbose``)."""

    made: list[Made] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    environment_warnings: list[str] = field(default_factory=list)


class BatchInterrupted(DebatbriefError):
    """``make --all`` was interrupted; the workers are gone.

    ``made`` and ``not_made`` are names (fractie abbreviations, ``kaarten``) in the Kamer's
    order. ``str()`` is one Dutch line saying both. Every file named in ``made`` is whole;
    every other file is whole or absent, as before the run.
    """

    exit_code = 130

    def __init__(
        self, made: list[str], not_made: list[str], what: str = "briefings", cause: str = "Afgebroken"
    ) -> None:
        self.made, self.not_made = made, not_made
        total = len(made) + len(not_made)
        done = f" ({', '.join(made)})" if made else ""
        missing = ", ".join(not_made) if not_made else "niets"
        super().__init__(f"{cause}: {len(made)} van {total} {what} gemaakt{done}; niet gemaakt: {missing}.")


class WorkerLost(BatchInterrupted):
    """A worker process of ``make --all`` was killed from outside (``kill -9``, the kernel's
    out-of-memory killer): what was made and what not, exit code 1. The files named as
    made are whole; the others are whole or absent, as before the run."""

    exit_code = 1

    def __init__(self, made: list[str], not_made: list[str], what: str = "briefings") -> None:
        super().__init__(
            made,
            not_made,
            what,
            "Een werkproces is onverwacht gestopt (geheugen op, of van buitenaf "
            "beëindigd); probeer opnieuw, eventueel met --jobs 1",
        )


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send this process SIGTERM when its parent ends (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc: the parent still ends us
        return
    if os.getppid() != parent:  # the parent was gone before the request took effect
        os._exit(128 + signal.SIGTERM)


def _on_terminate(signum, frame) -> None:
    """SIGTERM in a worker: unwind the document being written (removing its temporary
    file) and end after it (see :func:`_make_one`), or, between documents, end at once."""
    _WORKER["ending"] = True
    if _WORKER.get("busy"):
        raise KeyboardInterrupt
    os._exit(128 + signum)


def _init(ws: Workspace, in_worker: bool = True, parent: int | None = None) -> None:
    if in_worker:  # first: a worker ended while it imports WeasyPrint must end quietly
        # Ctrl-C reaches the whole process group; it is for the main process, which ends
        # the workers and reports once. The workers must not each print a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _on_terminate)
        # Forked with both held (see _run_pool): a signal that came before these handlers
        # were set is delivered now, to them, not to the CLI handler inherited from the parent.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        if parent is not None:
            _die_with_parent(parent)
    _WORKER["ws"] = ws
    try:
        from debatbrief.briefing.pdf import Engine

        _WORKER["engine"] = Engine()
    except Exception as exc:  # noqa: BLE001 - reported per document, never a traceback
        if not in_worker:
            raise
        _WORKER["broken"] = _failure(exc)


def _failure(exc: Exception) -> str:
    """One line for a document that failed with ``exc``."""
    from debatbrief.base.errors import shortage

    if isinstance(exc, DebatbriefError):
        return str(exc)
    return shortage(exc) or f"interne fout ({type(exc).__name__}: {exc})"


def _make_one(job: tuple) -> tuple[str, Made | None, str | None, list[str]]:
    kind, name, topics, length, fmt = job
    if "broken" in _WORKER:  # the worker could not set up WeasyPrint: say why, per document
        return name, None, _WORKER["broken"], []
    ws, engine = _WORKER["ws"], _WORKER["engine"]
    _WORKER["busy"] = True
    try:
        if kind == "cards":
            from debatbrief.commands.cards import make_cards

            made = make_cards(ws, fractie=None, topics=topics, engine=engine)
            result = Made("kaarten", made.path, made.pages)
        else:
            from debatbrief.commands.workspace import make

            result = make(ws, name, topics, length, fmt, engine)
        return name, result, None, list(engine.environment_warnings)
    except DebatbriefError as exc:
        return name, None, str(exc), list(engine.environment_warnings)
    except Exception as exc:  # noqa: BLE001 - one fractie's bug must not stop the others
        return name, None, _failure(exc), []
    finally:
        _WORKER["busy"] = False
        if _WORKER.get("ending"):  # told to end: the document has unwound, now go
            os._exit(128 + signal.SIGTERM)


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes now: SIGTERM, a short grace, then SIGKILL.

    ``ProcessPoolExecutor.shutdown`` waits for running documents (seconds each); Python
    3.14 has ``terminate_workers`` for this, older versions only the pool's process table.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
    pool.shutdown(wait=False, cancel_futures=True)
    # The pool's manager thread sees its workers gone and closes its pipes; let it finish
    # now, or Python's exit handler for the pool may write to a pipe it is closing
    # ("Exception ignored ... Bad file descriptor" on Python 3.11).
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(GRACE_SECONDS)


def _jobs(
    ws: Workspace, topics: list[str] | None, length: str, fmt: str, with_cards: bool
) -> tuple[Brief, list[tuple]]:
    """Check once, before any worker starts, what would otherwise fail for every document
    (``SOURCE_DATE_EPOCH``, the brief, the output folder, the topics); return the brief and
    the jobs: one ``(kind, name, topics, length, fmt)`` per fractie in the Kamer's order,
    then the card sheet if asked."""
    from debatbrief.briefing.render import source_date_epoch

    source_date_epoch()  # a malformed value fails here, not once per worker
    brief = ws.brief()  # validate once, up front: an invalid brief fails for everyone
    ws.out_folder(brief.id)  # a link there fails once, up front, not once per fractie
    from debatbrief.briefing.select import check_topics

    check_topics(brief, topics)
    todo = [("briefing", f.abbreviation, topics, length, fmt) for f in brief.kamer.fracties]
    if with_cards:
        todo.append(("cards", "kaarten", topics, length, fmt))
    return brief, todo


def make_all(
    ws: Workspace,
    topics: list[str] | None = None,
    length: str = "full",
    fmt: str = "pdf",
    jobs: int | None = None,
    with_cards: bool = False,
    progress: Callable | None = None,
) -> BatchResult:
    """Write the briefing of every fractie in the brief's Kamer (and the card sheet).

    ``jobs`` worker processes (default: the number of cores; 1 renders in this process).
    ``progress(total)`` may return a rich ``(Progress, task)`` pair that is advanced per
    document. Raises BriefError before any work if the brief is invalid, UsageError for an
    unknown topic or a malformed ``SOURCE_DATE_EPOCH``, and :class:`BatchInterrupted` on
    KeyboardInterrupt once the workers are gone.
    """
    brief, todo = _jobs(ws, topics, length, fmt, with_cards)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    result = BatchResult()
    bar, task = progress(len(todo)) if progress else (None, None)
    results: dict[str, tuple] = {}

    def record(outcome: tuple) -> None:
        if outcome[0] in results:  # recorded already (see _run_pool on a lost worker)
            return
        results[outcome[0]] = outcome
        if bar is not None:
            bar.update(task, advance=1, description=outcome[0])

    if bar is not None:
        bar.start()
    try:
        if jobs == 1:
            _init(ws, in_worker=False)
            for job in todo:
                record(_make_one(job))
        else:
            _run_pool(ws, todo, jobs, record)
    except (KeyboardInterrupt, BrokenProcessPool) as exc:
        made = [job[1] for job in todo if job[1] in results and results[job[1]][1] is not None]
        stopped = BatchInterrupted if isinstance(exc, KeyboardInterrupt) else WorkerLost
        if stopped is WorkerLost:  # a worker killed mid-write leaves its temporary file
            from debatbrief.base.paths import remove_stale_temps

            remove_stale_temps(ws.out / brief.id)
        raise stopped(
            made, [job[1] for job in todo if job[1] not in made], "bestanden" if with_cards else "briefings"
        ) from None
    finally:
        if bar is not None:
            bar.stop()
    return _collect(todo, results, result)


def _collect(todo: list[tuple], results: dict[str, tuple], result: BatchResult) -> BatchResult:
    """``result`` with every outcome, in the Kamer's order whatever finished first."""
    for job in todo:
        name, made, error, warnings = results[job[1]]
        if made is not None:
            result.made.append(made)
        else:
            result.failed.append((name, error or "onbekende fout"))
        result.environment_warnings += [w for w in warnings if w not in result.environment_warnings]
    return result


def _run_pool(ws: Workspace, todo: list[tuple], jobs: int, record: Callable) -> None:
    """Render ``todo`` over ``jobs`` worker processes, calling ``record`` per outcome."""
    # Workers get the options, not the loaded brief: each validates it once.
    fresh = Workspace(ws.briefs_dir, ws.templates_dir, ws.out_dir, ws.brief_id)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(fresh, True, os.getpid()))
    futures = []
    try:
        # The workers are forked by the first submit: hold SIGINT and SIGTERM meanwhile, so
        # a worker never runs the CLI's handler it inherits (it unblocks them in _init).
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            futures += [pool.submit(_make_one, job) for job in todo]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        for future in as_completed(futures):
            record(future.result())
    except BaseException as exc:
        if isinstance(exc, BrokenProcessPool):  # keep what the other workers finished
            for future in futures:
                if future.done() and not future.cancelled() and future.exception() is None:
                    record(future.result())
        # Ending the workers must not itself be cut short by a second Ctrl-C: hold
        # SIGINT and SIGTERM until they are gone (a signal that came meanwhile is the
        # interruption already being handled).
        held = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            _end_workers(pool)
        finally:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            except KeyboardInterrupt:
                pass
        raise
    pool.shutdown()
