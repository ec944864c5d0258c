"""The table of ``check``'s rules, generated from the registry into ``docs/checks.md``.

    python -m debatbrief.checks.table [PATH]     # writes PATH (default: docs/checks.md)

A test fails while ``docs/checks.md`` differs from what this writes, so the table never
falls behind the rules.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from debatbrief.checks.registry import PHASES, RULE_MODULES, all_rules

DEFAULT_PATH = Path("docs") / "checks.md"
COMMAND = "python -m debatbrief.checks.table"

_ROLE_RE = re.compile(r":\w+:`~?([^`]+)`")
_HEADER = f"""# The rules of `debatbrief check`

Generated from the registry in `src/debatbrief/checks/` by `{COMMAND}`; do not
edit by hand (a test fails while this file is stale). How to add a rule: the docstring of
`src/debatbrief/checks/registry.py`.

Beside these rules, reading a file reports its own problems (YAML syntax, duplicate keys,
tabs, hidden characters, fields each file's model does not allow); those carry no code.
A **fout** stops every briefing; a **waarschuwing** fails only `check --strict`. Rules
run by phase ({", ".join(PHASES)}); problems are shown by file and line,
and `check --format json` gives each its rule's `code`.

| code | rule | severity | phase | what it checks | reads |
|---|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    """Docstring text as one Markdown table cell: ``x`` and :func:`x` become `x`."""
    text = _ROLE_RE.sub(r"`\1`", text).replace("``", "`")
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    """The whole of ``docs/checks.md``: every rule in code order, one row each."""
    rows = [
        f"| {r.code} | {_cell(r.title)} | {r.severity} | {r.phase} | "
        f"{_cell(r.description)} | {_cell('; '.join(r.reads))} |"
        for r in sorted(all_rules(), key=lambda r: r.code)
    ]
    modules = ", ".join(f"`{name}.py`" for name in RULE_MODULES)
    return _HEADER + "\n".join(rows) + f"\n\nRule modules, by code: {modules}.\n"


def write(path: Path = DEFAULT_PATH) -> bool:
    """Write the table to ``path``; ``True`` when that changed the file."""
    text = markdown()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    print(f"{target}: {'bijgewerkt' if write(target) else 'al actueel'}")
