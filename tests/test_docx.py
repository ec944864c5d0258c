"""The MP's briefing as a Word document (`make --format docx`, issue 26; the `docx` extra).

pandoc converts the briefing's HTML; the notes must arrive as Word footnotes (in
word/footnotes.xml, called from word/document.xml), the headings as Word's heading styles,
and the text in the HTML's (the PDF's) order. Skipped when pypandoc is not installed.
"""

from __future__ import annotations

import re
import zipfile

import pytest

from debatbrief.commands.docx import pandoc_notes
from debatbrief.commands.workspace import Workspace, make

try:
    import pypandoc  # noqa: F401

    HAVE_PANDOC = True
except ImportError:
    HAVE_PANDOC = False
needs_pandoc = pytest.mark.skipif(not HAVE_PANDOC, reason='pypandoc ontbreekt: pip install -e ".[docx]"')


def plain(xml: str) -> str:
    """The text of a WordprocessingML part, paragraphs on lines."""
    return re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx")
    ws = Workspace(brief_id="vwn-2024-05-22", out_dir=out)
    html = make(ws, "PVV", fmt="html").path.read_text(encoding="utf-8")
    return make(ws, "PVV", fmt="docx"), html


@needs_pandoc
def test_the_notes_are_word_footnotes(made):
    docx, html = made
    with zipfile.ZipFile(docx.path) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        footnotes = archive.read("word/footnotes.xml").decode("utf-8")
    calls = re.findall(r'<w:footnoteReference w:id="(\d+)"', document)
    notes = re.findall(r'<w:footnote (?:w:type="\w+" )?w:id="(\d+)"', footnotes)
    html_notes = re.findall(r'<li id="fn-\d+"', html)
    assert len(calls) == len(html_notes) > 10
    assert set(calls) <= set(notes)
    assert "↩" not in plain(footnotes) and "Noten" not in plain(document)
    first_note = re.search(r'<li id="fn-1">(.*?)<a href="#call-1"', html, re.S)[1]
    assert re.sub(r"<[^>]+>", "", first_note).strip()[:20] in plain(footnotes)


@needs_pandoc
def test_the_headings_are_word_heading_styles_in_the_html_order(made):
    docx, html = made
    with zipfile.ZipFile(docx.path) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    headings = [
        (int(level), plain(p).strip())
        for level, p in zip(
            re.findall(r'<w:pStyle w:val="Heading(\d)" />', document),
            re.findall(r'<w:pStyle w:val="Heading\d" />(.*?)</w:p>', document, re.S),
            strict=True,
        )
    ]
    in_html = [
        (int(level), re.sub(r"<[^>]+>", "", text).strip())
        for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
        if text != "Noten"
    ]
    assert headings and headings == [h for h in in_html if h[1] != "Noten"]


@needs_pandoc
def test_same_bytes_twice(made, tmp_path):
    docx, _ = made
    again = make(Workspace(brief_id="vwn-2024-05-22", out_dir=tmp_path), "PVV", fmt="docx")
    assert again.path.read_bytes() == docx.path.read_bytes()


def test_notes_without_a_notes_section_are_left_alone():
    html = '<p>Tekst<sup><a href="#x">1</a></sup></p>'
    assert pandoc_notes(html) == html


def test_notes_in_pandocs_form():
    html = (
        '<p>A<sup class="fn-call"><a href="#fn-1" id="call-1">1</a></sup></p>'
        '<section class="notes"><h2>Noten</h2><ol><li id="fn-1">Bron. '
        '<a href="#call-1" aria-label="terug">↩</a></li></ol></section>'
    )
    out = pandoc_notes(html)
    assert '<a href="#fn-1" class="footnote-ref" role="doc-noteref" id="call-1"><sup>1</sup></a>' in out
    assert (
        '<section class="footnotes" role="doc-endnotes"><ol><li id="fn-1" '
        'role="doc-endnote">Bron.</li></ol></section>' in out
    )


def test_without_pandoc_the_message_says_what_to_install(monkeypatch):
    from debatbrief.base.errors import DebatbriefError
    from debatbrief.commands.docx import docx_bytes

    monkeypatch.setitem(__import__("sys").modules, "pypandoc", None)
    with pytest.raises(DebatbriefError, match=r'pip install "debatbrief\[docx\]"'):
        docx_bytes("<p>x</p>")
