"""``make --all``: every fractie's briefing over worker processes.

Each worker loads and validates the brief once and keeps one WeasyPrint engine (font
configuration and caches) for all the documents it renders. A failure in one fractie is
reported and the others still complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from .core import Made, Workspace
from .errors import DebatbriefError

_WORKER: dict = {}


@dataclass
class BatchResult:
    """What ``make --all`` wrote, what failed (fractie, one-line message), and the
    machine warnings WeasyPrint gave (for ``--verbose``)."""

    made: list[Made] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    environment_warnings: list[str] = field(default_factory=list)


def _init(ws: Workspace, in_worker: bool = True) -> None:
    from .pdf import Engine
    if in_worker:
        # Ctrl-C is for the main process, which stops the pool and reports once; the
        # workers must not each print a traceback.
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["ws"] = ws
    _WORKER["engine"] = Engine()


def _make_one(job: tuple) -> tuple[str, Made | None, str | None, list[str]]:
    kind, name, topics, length, fmt = job
    ws, engine = _WORKER["ws"], _WORKER["engine"]
    try:
        if kind == "cards":
            from .cards import make_cards
            made = make_cards(ws, fractie=None, topics=topics, engine=engine)
            result = Made("kaarten", made.path, made.pages)
        else:
            from .core import make
            result = make(ws, name, topics, length, fmt, engine)
        return name, result, None, list(engine.environment_warnings)
    except DebatbriefError as exc:
        return name, None, str(exc), list(engine.environment_warnings)
    except Exception as exc:  # noqa: BLE001 - one fractie's bug must not stop the others
        return name, None, f"interne fout ({type(exc).__name__}: {exc})", []


def make_all(ws: Workspace, topics: list[str] | None = None, length: str = "full",
             fmt: str = "pdf", jobs: int | None = None, with_cards: bool = False,
             progress: Callable | None = None) -> BatchResult:
    """Write the briefing of every fractie in the brief's Kamer (and the card sheet).

    ``jobs`` worker processes (default: the number of cores; 1 renders in this process).
    ``progress(total)`` may return a rich ``(Progress, task)`` pair that is advanced per
    document. Raises BriefError before any work if the brief is invalid.
    """
    brief = ws.brief()  # validate once, up front: an invalid brief fails for everyone
    from .select import check_topics
    check_topics(brief, topics)
    todo = [("briefing", f.abbreviation, topics, length, fmt) for f in brief.kamer.fracties]
    if with_cards:
        todo.append(("cards", "kaarten", topics, length, fmt))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    result = BatchResult()
    bar, task = progress(len(todo)) if progress else (None, None)
    results: dict[str, tuple] = {}

    def record(outcome: tuple) -> None:
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
            # Workers get the options, not the loaded brief: each validates it once.
            fresh = Workspace(ws.briefs_dir, ws.templates_dir, ws.out_dir, ws.brief_id)
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(fresh,))
            try:
                for future in as_completed([pool.submit(_make_one, job) for job in todo]):
                    record(future.result())
            except KeyboardInterrupt:
                pool.shutdown(wait=True, cancel_futures=True)  # each file is whole or absent
                raise
            pool.shutdown()
    finally:
        if bar is not None:
            bar.stop()
    for job in todo:  # report in the Kamer's order, whatever finished first
        name, made, error, warnings = results[job[1]]
        if made is not None:
            result.made.append(made)
        else:
            result.failed.append((name, error or "onbekende fout"))
        result.environment_warnings += [w for w in warnings
                                        if w not in result.environment_warnings]
    return result
