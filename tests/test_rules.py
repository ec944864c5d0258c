"""`check` as a registry of rules: the generated table is current, codes reach the user."""

from __future__ import annotations

import json

from helpers import ROOT, run_cli
from test_check import assemble

from debatbrief.checks import table
from debatbrief.checks.registry import RULES, all_rules


def test_docs_checks_md_is_the_table_of_the_registry():
    written = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert written == table.markdown(), (
        f"docs/checks.md is stale: run `.venv/bin/{table.COMMAND}` and commit it"
    )


def test_every_rule_is_in_the_table_with_its_code_and_title():
    written = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    rules = all_rules()
    assert len(rules) == len(RULES) > 40
    for rule in rules:
        assert f"| {rule.code} | {rule.title} | {rule.severity} |" in written
        assert rule.description and rule.reads, rule.code


def test_check_json_names_the_rule_of_each_problem(tmp_path):
    assemble(tmp_path, "many-problems")
    result = run_cli("check", "--briefs", "briefs", "--format", "json", cwd=tmp_path)
    problems = json.loads(result.stdout)["problems"]
    codes = {p["message"].split(" '")[0]: p["code"] for p in problems}
    assert codes["citatie naar onbekende bron"] == "B204"
    assert codes["onbekende fractie"] == "B105"
    # A problem found while reading a file (a duplicate key) belongs to no rule.
    assert {p["code"] for p in problems if p["message"].startswith("sleutel")} == {None}


def test_a_new_rule_is_one_function_and_its_decorator(tmp_path):
    from debatbrief.checks import load
    from debatbrief.checks.registry import rule

    @rule("Z999", "kaart zonder vervolgvraag", reads=("cards.yaml: follow_up",))
    def no_follow_up(ctx):
        """A card asks a follow-up question."""
        for i, card in enumerate(ctx.cards):
            if card.follow_up.endswith("?"):
                yield "cards.yaml", (i, "follow_up"), f"kaart '{card.id}' vraagt iets"

    try:
        loaded = load(assemble(tmp_path) / "mini")
        found = [(p.line, p.code, p.severity, p.message) for p in loaded.problems]
        assert found == [(7, "Z999", "error", "kaart 'noodwet' vraagt iets")]
        assert loaded.brief is None  # an error: no briefing
    finally:
        del RULES["Z999"]


def test_a_rule_may_yield_a_located_problem_with_its_own_severity(tmp_path):
    from debatbrief.base.errors import Problem
    from debatbrief.checks import load
    from debatbrief.checks.registry import rule

    @rule("Z998", "oude regel", reads=("cards.yaml",))
    def located(ctx):
        """A check written before the registry: it finds file and line itself."""
        return [Problem("elders.yaml", 3, "iets klopt niet", "warning")]

    try:
        loaded = load(assemble(tmp_path) / "mini")
        assert [(p.file, p.line, p.code, p.severity) for p in loaded.problems] == [
            ("elders.yaml", 3, "Z998", "warning")
        ]
        assert loaded.brief is not None  # a warning: the brief is still usable
    finally:
        del RULES["Z998"]
