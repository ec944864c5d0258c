"""The package's shape as rules (docs/architecture.md): layers, no circles, short functions."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "debatbrief"
#: The longest a function may be, in lines from ``def`` to its last line (docstring included).
MAX_FUNCTION_LINES = 60


def test_every_import_follows_the_layers(capsys):
    from importlinter import configuration
    from importlinter.application.use_cases import lint_imports

    configuration.configure()
    kept = lint_imports(config_filename=str(ROOT / "pyproject.toml"))
    report = capsys.readouterr().out
    assert "2 kept, 0 broken" in report, report  # both contracts of pyproject.toml ran
    assert kept


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("debatbrief")
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                circles.append(" -> ".join((module, *back)))
    assert circles == []


def _long_functions() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({length})")
    return found


def test_no_function_is_longer_than_sixty_lines():
    assert _long_functions() == []
