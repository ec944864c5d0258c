"""The checks of a brief: everything ``debatbrief check`` reports beyond each file's own
model, and the one way every command loads a brief (:func:`load`, :func:`load_brief`).

Reading and each file's model are :mod:`debatbrief.brief.load`'s; the rules that look
across files live here, one small function each, in a registry
(:mod:`debatbrief.checks.registry`, which says how to add one; the table of every rule is
``docs/checks.md``). Some rules need the briefing's selection (a profile's promised
emphasis), which is why this package sits above :mod:`debatbrief.briefing`.
"""

from __future__ import annotations

from pathlib import Path

from debatbrief.base import paths
from debatbrief.base.errors import BriefError, Problem
from debatbrief.brief import models
from debatbrief.brief.load import Loaded, is_slug, read_brief


def load(folder: Path, fast: bool = True) -> Loaded:
    """Read and check the brief in ``folder``; never raises for a bad brief.

    Returns a :class:`~debatbrief.brief.load.Loaded` whose ``brief`` is ``None`` when there
    are errors; the problems (errors and warnings) are in file order, each with its line.
    ``fast`` reads with libyaml when it is installed.
    """
    from debatbrief.checks.context import Context
    from debatbrief.checks.registry import run

    read = read_brief(folder, fast)
    problems = read.problems
    if read.refused:
        return Loaded(None, problems, read.files)
    brief = read.brief()
    if not is_slug(folder.name):
        problems.append(
            Problem(
                paths.display(folder),
                None,
                "de mapnaam is de id van de brief en mag alleen kleine letters, "
                "cijfers en koppeltekens bevatten (hernoem de map)",
            )
        )
    reported: set[tuple[str, int | None]] = {(p.file, p.line) for p in problems if p.line}
    problems.extend(
        run(Context(read.parts, read.kamer, read.files, read.incomplete, read.eerste_kamer, reported, brief))
    )
    if any(p.severity == "error" for p in problems):
        brief = None
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return Loaded(brief, summarised(problems), read.files)


def summarised(problems: list[Problem]) -> list[Problem]:
    """``problems`` with each repeat of the same finding of a rule (same file, rule,
    severity and message: one cause, such as a renamed value used by every fractie) folded
    into its first occurrence, which says "(en 14 keer hetzelfde in profiles.yaml)".
    Problems found while reading (a hidden character) stay one per line: each is a place
    to fix that the message does not name."""
    first: dict[tuple, Problem] = {}
    repeats: dict[tuple, int] = {}
    kept = []
    for problem in problems:
        key = (problem.file, problem.code, problem.severity, problem.message)
        if problem.code is not None and key in first:
            repeats[key] = repeats.get(key, 0) + 1
            continue
        first[key] = problem
        kept.append(problem)
    for key, count in repeats.items():
        problem = first[key]
        problem.message += f" (en {count} keer hetzelfde in {Path(problem.file).name})"
    return kept


def load_brief(folder: Path) -> models.Brief:
    """Load a brief or raise :class:`BriefError` naming every error (warnings are ignored)."""
    loaded = load(folder)
    if loaded.brief is None:
        raise BriefError(loaded.errors)
    return loaded.brief
