"""The checks of a brief: everything ``debatbrief check`` reports beyond each file's own
model, and the one way every command loads a brief (:func:`load`, :func:`load_brief`).

Reading and each file's model are :mod:`debatbrief.brief.load`'s; the rules that look
across files live here, and so do the rules that need the briefing's selection (a profile's
promised emphasis), which is why this package sits above :mod:`debatbrief.briefing`.
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
    from debatbrief.checks.validate import cross_check

    read = read_brief(folder, fast)
    problems = read.problems
    if read.refused:
        return Loaded(None, problems, read.files)
    brief = read.brief()
    if not is_slug(folder.name):
        problems.append(Problem(paths.display(folder), None,
                                "de mapnaam is de id van de brief en mag alleen kleine letters, "
                                "cijfers en koppeltekens bevatten (hernoem de map)"))
    problems.extend(cross_check(read.parts, read.kamer, read.files, read.incomplete,
                                read.eerste_kamer, {(p.file, p.line) for p in problems if p.line}))
    from debatbrief.checks import stances  # issue 20; the lead wires these into the registry
    problems.extend(stances.check(read.parts, read.files, read.kamer, read.eerste_kamer))
    if brief is not None:
        from debatbrief.briefing.select import emphasis_problems

        for index, message in emphasis_problems(brief):
            profiles = read.files["profiles.yaml"]  # a promise of emphasis is made there
            problems.append(Problem(paths.display(profiles.path),
                                    profiles.line((index, "emphasis")), message))
    if any(p.severity == "error" for p in problems):
        brief = None
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return Loaded(brief, problems, read.files)


def load_brief(folder: Path) -> models.Brief:
    """Load a brief or raise :class:`BriefError` naming every error (warnings are ignored)."""
    loaded = load(folder)
    if loaded.brief is None:
        raise BriefError(loaded.errors)
    return loaded.brief
