"""The printed source list: two columns side by side, read down the first and then the
second, cut where they come out even (issue 25: the template cuts the list, so the engine
lays it out once instead of balancing CSS columns by laying them out again and again)."""

from __future__ import annotations

import pytest
from helpers import walk

from debatbrief.briefing.fit import candidates
from debatbrief.briefing.measure import LINE_HEIGHT, entry_height
from debatbrief.briefing.render import Notes, render_briefing
from debatbrief.commands.workspace import Workspace

MM = 96 / 25.4


@pytest.fixture(scope="module", params=[("vwn-2024-05-22", "GL-PvdA"), ("fnv-2026-02-03", "VVD")])
def laid_out(request, engine):
    """A briefing (full limits) as the engine lays it out: its brief, Notes, and the source
    list's entries per column. GL-PvdA has the first brief's longest list; the FNV brief's
    VVD list holds the entry ("Joop, oktober 2025") whose reference WeasyPrint 70 broke
    after one word when a space stood before the URL."""
    brief_id, fractie = request.param
    workspace = Workspace(brief_id=brief_id)
    brief = workspace.brief()
    selection = candidates(brief, fractie, None, "full")[0][1]
    html = render_briefing(brief, selection, workspace.templates, "pdf")
    document = engine.document(html, workspace.templates, [workspace.templates, workspace.brief_folder()])
    columns = []
    for page in document.pages:
        for box in walk(page._page_box.children[0]):
            entries = [child for child in getattr(box, "children", None) or [] if _entry(child)]
            if entries and box.element_tag == "ul":
                columns.append(entries)
    return brief, Notes(brief, "pdf"), columns


def _entry(box) -> bool:
    return getattr(box, "element_tag", "") == "li" and (box.element.get("id") or "").startswith("bron-")


def test_two_columns_side_by_side_read_down_the_first_then_the_second(laid_out):
    brief, notes, columns = laid_out
    assert len(columns) == 2
    left, right = columns
    assert abs(left[0].position_y - right[0].position_y) < 0.5  # both start under the heading
    assert right[0].position_x - (left[0].position_x + left[0].margin_width()) == pytest.approx(
        5 * MM, abs=0.5
    )
    printed = [box.element.get("id").removeprefix("bron-") for box in left + right]
    for column in columns:  # each column reads top to bottom
        tops = [box.position_y for box in column]
        assert tops == sorted(tops)
    # Alphabetical by the short reference the notes print, as CSS columns had it.
    ids = [s.id for s in sorted(map(brief.source, printed), key=lambda s: (notes.short(s).casefold(), s.id))]
    assert printed == ids


def test_the_columns_come_out_even(laid_out):
    _, _, columns = laid_out
    heights = [box.margin_height() for column in columns for box in column]
    best = min(max(sum(heights[:cut]), sum(heights[cut:])) for cut in range(1, len(heights)))
    taller = max(sum(box.margin_height() for box in column) for column in columns)
    assert taller == pytest.approx(best, abs=0.5)


def test_an_entry_is_as_tall_as_counted_before_layout(laid_out):
    """Also: no reference leaves a word alone on a line (the count breaks lines greedily)."""
    brief, notes, columns = laid_out
    for box in (box for column in columns for box in column):
        source = brief.source(box.element.get("id").removeprefix("bron-"))
        counted = entry_height(notes.short(source), notes.reference(source), notes.url_text(source))
        assert counted == pytest.approx(box.margin_height(), abs=0.5), (source.id, counted / LINE_HEIGHT)


def test_a_list_too_long_for_one_page_is_one_list_the_engine_balances(workspace, brief):
    """Two halves of our own are kept on one page; a longer list is one list in CSS
    columns, which continue in order on the next page."""
    sources = list(brief.all_sources)
    notes = Notes(brief, "pdf")
    assert len(notes.source_columns(sources[:10])) == 2
    assert notes.source_columns(sources * 3) == [sources * 3]
    assert notes.source_columns(sources[:1]) == [sources[:1]]


@pytest.mark.parametrize("bold", [False, True])
def test_the_widths_counted_are_the_faces_own(bold):
    """The advance widths the count uses are those of the bundled face, glyph by glyph, as
    fontTools reads them with the glyphs' names (the slower way ``measure`` avoids)."""
    import io

    from fontTools.ttLib import TTFont

    from debatbrief.base.typeface import font_dir
    from debatbrief.briefing.measure import advances

    face = font_dir() / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
    with TTFont(io.BytesIO(face.read_bytes())) as font:
        units, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
        named = {chr(code): metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    assert advances(bold) == named
    assert advances(bold)["W"] > advances(bold)["i"] > 0
