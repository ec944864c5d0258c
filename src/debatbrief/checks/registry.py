"""The rules of ``debatbrief check``, as a registry (the way ruff and pyflakes keep theirs).

Every rule is one small function that takes the :class:`~debatbrief.checks.context.Context`
and yields findings ``(file, location, message)``: the file is a brief file's name
(``"cards.yaml"``) or ``"kamer"`` / ``"eerste_kamer"`` for a Kamer file, the location the
keys and indexes of the offending value (its line is looked up for you), the message one
Dutch line saying what is wrong and what to do. The decorator :func:`rule` declares it::

    @rule("B405", "motie zonder dictum", reads=("brief.yaml: asks.motion",))
    def motion_without_dictum(ctx: Context) -> Iterator[Finding]:
        \"\"\"A concept-motie must say what it asks the government to do.\"\"\"
        for i, ask in enumerate(ctx.meta.asks if ctx.meta else []):
            if ask.motion and not ask.motion.dictum:
                yield "brief.yaml", ("asks", i, "motion"), "de motie heeft geen dictum ..."

Adding a rule is that function, in the module of its subject (:data:`RULE_MODULES`; a new
module is one more name there), and nothing else: ``check`` runs it, ``--format json``
names its code, and ``python -m debatbrief.checks.table`` writes it into ``docs/checks.md``
(a test fails until that file is regenerated). The code is a letter and three digits,
unique, numbered by subject (see :data:`RULE_MODULES`); ``severity`` is ``"fout"`` (an
error: no briefing is made) or ``"waarschuwing"`` (fails only ``check --strict``); ``reads``
names the files and fields the rule looks at, for the table.

Rules run by **phase** (:data:`PHASES`), and within a phase in the order they are
declared (modules in the order of :data:`RULE_MODULES`); problems are then sorted by file
and line, so the phase decides only the order of problems on one line (a flow-style
``{value: x, text: y}``), and what a later rule knows (the attribution rules leave alone a
field already reported; the ``unused`` rules are skipped when a file had errors of its own).
A new rule that looks at one field at a time wants the default phase, ``content``.

A rule may also yield a ready :class:`~debatbrief.base.errors.Problem` (file and line
already found, its own severity); it gets the rule's code. That is for checks written as
``f(parts, files, kamer, eerste_kamer) -> list[Problem]`` before the registry: declare a
rule whose body is ``return f(ctx.parts, ctx.files, ctx.kamer, ctx.eerste_kamer)``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from debatbrief.base.errors import Problem
from debatbrief.checks.context import Context, Finding

#: The phases, in the order they run: ids and references, citations, one field at a time,
#: whether text can be printed, attribution (after everything else has been reported on a
#: field), the Kamer files, what is never used, and the briefing's selection.
PHASES = ("ids", "citations", "content", "printable", "attribution", "kamer", "unused", "selection")
#: Severity as the table shows it -> as a :class:`~debatbrief.base.errors.Problem` has it.
SEVERITIES = {"fout": "error", "waarschuwing": "warning"}
#: The modules that declare rules, by subject, with the hundreds of their codes.
RULE_MODULES = (
    "ids",  # B1xx ids and references between files
    "citations",  # B2xx citations in prose
    "sources",  # B3xx sources: URL, ECLI, case number, corrections
    "asks",  # B4xx brief.yaml: the document, the asks, the stances
    "profiles",  # B5xx profiles: record, emphasis
    "cards",  # B6xx rebuttal cards
    "printable",  # B7xx text that must fit on paper with the bundled typefaces
    "attribution",  # B8xx every printed sentence sourced or attributed
    "kamer",  # B9xx the Kamer files
    "stances",  # S3xx stance and record sources: published before, scope, chamber, leaks
    "todo",  # T0xx what is left to do: TODO fields, unknown stances, missing stances
)
_CODE_RE = re.compile(r"^[A-Z]\d{3}$")


@dataclass(frozen=True)
class Rule:
    """One rule: its ``code`` ("B101"), Dutch ``title``, ``severity`` ("fout" or
    "waarschuwing"), the files and fields it ``reads``, its ``phase`` and the function
    that ``check``s (context -> findings)."""

    code: str
    title: str
    severity: str
    reads: tuple[str, ...]
    phase: str
    check: Callable[[Context], Iterable[Finding | Problem]]

    @property
    def subject(self) -> str:
        """The module the rule is declared in (its subject)."""
        return self.check.__module__.rsplit(".", 1)[-1]

    @property
    def description(self) -> str:
        """The first paragraph of the rule function's docstring, on one line."""
        doc = (self.check.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(doc.split())


#: Every rule, by code, in the order declared.
RULES: dict[str, Rule] = {}


def rule(
    code: str, title: str, *, severity: str = "fout", reads: tuple[str, ...] = (), phase: str = "content"
) -> Callable[[Callable], Callable]:
    """Declare a rule (see the module docstring); returns the function unchanged.

    Raises :class:`ValueError` for a malformed or repeated code, an unknown severity or
    phase: a mistake of the rule's author, found when its module is imported."""
    if not _CODE_RE.match(code) or code in RULES:
        raise ValueError(f"rule code {code!r} is malformed or already used")
    if severity not in SEVERITIES or phase not in PHASES:
        raise ValueError(f"rule {code}: unknown severity {severity!r} or phase {phase!r}")

    def register(check: Callable[[Context], Iterable[Finding | Problem]]) -> Callable:
        RULES[code] = Rule(code, title, severity, tuple(reads), phase, check)
        return check

    return register


def all_rules() -> list[Rule]:
    """Every rule, in the order ``check`` runs them (by phase, then as declared)."""
    for name in RULE_MODULES:
        importlib.import_module(f"debatbrief.checks.{name}")
    return sorted(RULES.values(), key=lambda r: PHASES.index(r.phase))


def run(ctx: Context) -> list[Problem]:
    """Run every rule over ``ctx``; returns (and keeps in ``ctx.problems``) what they
    found, each problem located at its file and line and carrying its rule's code."""
    for entry in all_rules():
        severity = SEVERITIES[entry.severity]
        for found in entry.check(ctx):
            if isinstance(found, Problem):  # already located (a rule written before the
                found.code = found.code or entry.code  # registry): it keeps its severity
                ctx.problems.append(found)
                continue
            name, loc, message = found
            if not entry.code.startswith("T") and _still_todo(ctx, name, loc):
                continue
            file, line = ctx.where(name, loc)
            ctx.problems.append(Problem(file, line, message, severity, entry.code))
    return ctx.problems


def _still_todo(ctx: Context, name: str, loc: tuple) -> bool:
    """Whether the finding is about a field (or an item holding a field) still marked
    ``TODO``: the author has yet to write it; rule T001 counts it instead. A finding about
    a whole item (its location is the item or its ``id``) waits while any of its fields
    is still marked."""
    yaml_file = ctx.files.get(name)
    value: Any = getattr(yaml_file, "data", None)
    if loc[-1:] == ("id",):  # about the item as a whole: "nergens geciteerd"
        loc = loc[:-1]
    try:
        for step in loc:
            value = value[step]
    except (KeyError, IndexError, TypeError):
        return False
    if isinstance(value, dict) and loc:
        return any(isinstance(v, str) and v.startswith("TODO") for v in value.values())
    return isinstance(value, str) and value.lstrip().startswith("TODO")
