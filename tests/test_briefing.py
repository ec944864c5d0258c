"""The PDF briefing as a reader holds it: pages, footnotes, dates, metadata."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from helpers import footnote_layout, note_start, pdf_pages_text

from debatbrief.base.errors import RenderError
from debatbrief.briefing.render import Notes, render_briefing
from debatbrief.briefing.select import select


def test_pvv_briefing_has_between_two_and_four_pages(pvv_pdf):
    pages = pdf_pages_text(pvv_pdf)
    assert 2 <= len(pages) <= 4


def test_dutch_debate_date_appears_under_c_locale(pvv_pdf):
    first_page = pdf_pages_text(pvv_pdf)[0]
    assert "woensdag 22 mei 2024" in first_page
    assert "Briefing voor de PVV" in first_page


def test_every_page_has_footer_with_sender_date_and_page_x_of_y(pvv_pdf):
    pages = pdf_pages_text(pvv_pdf)
    for number, text in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in text
        assert "VluchtelingenWerk Nederland · 22 mei 2024" in text
        # A named person to call, on every page (brief.yaml: contact_person).
        assert "Contact: Frank Candel, bestuursvoorzitter · (020) 346 72 00" in text


@pytest.fixture(scope="module")
def pvv_layout(brief, workspace, engine):
    """The PVV briefing laid out once for the tests that read it: WeasyPrint's document and
    the notes the renderer wrote (neither is changed by a test)."""
    selection = select(brief, "PVV")
    from debatbrief.briefing import render

    captured: list[Notes] = []
    original = render.Notes

    class Recording(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            captured.append(self)

    render.Notes = Recording
    try:
        html = render_briefing(brief, selection, workspace.templates)
    finally:
        render.Notes = original
    document = engine.document(html, workspace.templates, [workspace.templates])
    return document, captured[0].notes


def test_footnotes_sit_on_the_page_that_calls_them(pvv_layout, tmp_path):
    document, notes = pvv_layout
    layout = footnote_layout(document)
    assert len(layout) == len(notes) > 10
    for placed in layout:
        assert placed["call_page"] == placed["body_page"], placed
    # And in the PDF a reader gets: each note's text is on its call's page.
    pdf = tmp_path / "pvv.pdf"
    pdf.write_bytes(document.write_pdf())
    pages = pdf_pages_text(pdf)
    for placed, note in zip(layout, notes, strict=True):
        expected = f"{note.number}. {html_lib.unescape(note_start(str(note.html)))}"
        assert expected in pages[placed["call_page"]], (expected, placed)


def test_footnote_numbers_run_one_to_n_without_gaps(pvv_layout):
    document, notes = pvv_layout
    markers = [placed["marker"] for placed in footnote_layout(document)]
    assert markers == [f"{n}." for n in range(1, len(notes) + 1)]


def test_pdf_metadata_title_author_language(pvv_pdf):
    from pypdf import PdfReader

    reader = PdfReader(pvv_pdf)
    assert reader.metadata.title.startswith("Briefing voor de PVV")
    assert reader.metadata.author == "VluchtelingenWerk Nederland"
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_corrected_reference_is_printed_silently_not_the_letters_mistake(pvv_pdf):
    text = " ".join(pdf_pages_text(pvv_pdf))
    assert "C-72/22 PPU" in text
    # Corrections are for the sender's office (`debatbrief errata`), not for MPs.
    assert "C-27/22" not in text and "ECLKI" not in text
    assert "juist is" not in text and "Kanttekeningen bij de bronnen" not in text


def test_html_format_links_every_note(workspace, brief):
    selection = select(brief, "PVV")
    html = render_briefing(brief, selection, workspace.templates, "html")
    calls = re.findall(r'href="#fn-(\d+)"', html)
    targets = re.findall(r'<li id="fn-(\d+)"', html)
    assert calls and calls == targets
    assert 'class="fn"' not in html


def test_literal_quote_is_marked_and_attributed(workspace, brief):
    html = render_briefing(brief, select(brief, "GL-PvdA", ["oorzaak"]), workspace.templates)
    assert re.search(
        r"<blockquote><q>Kern van de huidige crisis.*?</q><footer>— "
        r"onze brief van 21 mei 2024",
        html,
    )


def test_a_template_weasyprint_warns_about_fails_the_render(tmp_path, workspace, brief, engine):
    bad = tmp_path / "templates"
    bad.mkdir()
    for path in workspace.templates.iterdir():
        (bad / path.name).write_bytes(path.read_bytes())
    css = bad / "briefing.css"
    css.write_text(css.read_text() + "\nh1 { colour: red; }\n")
    # A handout: the stylesheet is the same for every length, and a page is quicker.
    html = render_briefing(brief, select(brief, "PVV", length="short"), bad)
    with pytest.raises(RenderError, match="colour"):
        engine.document(html, bad, [bad])


def test_missing_image_outside_allowed_folders_fails_loudly(tmp_path, workspace, engine):
    html = '<html lang="nl"><body><img src="file:///etc/passwd"><p>x</p></body></html>'
    with pytest.raises(RenderError):
        engine.document(html, workspace.templates, [workspace.templates])
