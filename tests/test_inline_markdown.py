"""Prose without Markdown syntax is rendered without markdown-it (issue 25: its import is
45 ms of every `make`); the result must be exactly markdown-it's."""

from __future__ import annotations

import pytest
from helpers import ROOT
from markdown_it import MarkdownIt
from ruamel.yaml import YAML

from debatbrief.briefing import render

MARKDOWN = MarkdownIt("zero", {"html": False, "typographer": False}).enable(["emphasis", "escape", "entity"])


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _shipped_texts() -> list[str]:
    texts = set()
    for path in sorted((ROOT / "briefs").glob("*/*.yaml")):
        texts.update(_strings(YAML(typ="safe").load(path.read_text(encoding="utf-8"))))
    return sorted(texts)


EDGES = [
    "",
    " ",
    "  twee spaties vooraan en achteraan  ",
    "regel een\nregel twee",
    "<script>alert(1)</script> & \"quotes\" 'enkel'",
    "a > b < c",
    "5 % van 100 # niet 1 koptekst",
    "[link](https://example.org) en `code` en ~doorgehaald~",
    "risico's, 's-Hertogenbosch, de jaren '80 ...",
    "Ter Apel — 2.000 mensen; ‘citaat’ en “citaat”",
    "tab\there",
]


@pytest.mark.parametrize("text", EDGES)
def test_plain_prose_renders_as_markdown_it_renders_it(text):
    assert render.inline_markdown(text) == MARKDOWN.renderInline(render.typographic(text))


def test_every_text_of_the_shipped_briefs_renders_as_markdown_it_renders_it():
    texts = _shipped_texts()
    assert len(texts) > 500
    differ = [t for t in texts if render.inline_markdown(t) != MARKDOWN.renderInline(render.typographic(t))]
    assert differ == []


def test_markdown_is_still_markdown():
    assert render.inline_markdown("*nadruk* en **sterk** en \\*letterlijk\\* &amp;") == (
        "<em>nadruk</em> en <strong>sterk</strong> en *letterlijk* &amp;"
    )
