"""All fifteen briefings at once: complete, reproducible, tagged, and well set."""

from __future__ import annotations

import shutil

import pytest
from conftest import BRIEF_ID, ROOT, footnote_layout, run_cli, walk

from debatbrief.render import render_briefing
from debatbrief.select import select

FRACTIES = ["pvv", "gl-pvda", "vvd", "nsc", "d66", "bbb", "cda", "sp", "fvd", "pvdd", "cu",
            "sgp", "denk", "volt", "ja21"]


def test_make_all_writes_fifteen_briefings(full_pdfs):
    assert sorted(p.stem for p in full_pdfs.glob("*.pdf")) == sorted(FRACTIES)


def test_one_failing_fractie_does_not_stop_the_others(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    page.write_text(page.read_text().replace(
        "<body", "{% if fractie.id == 'sgp' %}{{ missing_for_sgp }}{% endif %}<body", 1))
    result = run_cli("make", "--all", "--templates", str(templates), "--out",
                     str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 1
    written = sorted(p.stem for p in (tmp_path / "out" / BRIEF_ID).glob("*.pdf"))
    assert written == sorted(f for f in FRACTIES if f != "sgp")
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if "<body" in text)
    assert result.stderr.strip().splitlines() == [
        f"SGP: briefing.html.j2:{line}: sjabloonfout: 'missing_for_sgp' is undefined"]


def test_make_all_with_cards_adds_the_card_sheet(tmp_path):
    result = run_cli("make", "--all", "--cards", "--length", "short", "--out", str(tmp_path),
                     "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / BRIEF_ID / "kaarten.pdf").exists()
    assert len(list((tmp_path / BRIEF_ID).glob("*-handout.pdf"))) == 15


def test_same_input_gives_identical_bytes_in_two_processes(tmp_path):
    paths = []
    for name in ("a", "b"):
        result = run_cli("make", "--fractie", "CU", "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        paths.append(tmp_path / name / BRIEF_ID / "cu.pdf")
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_source_date_epoch_sets_the_pdf_dates(tmp_path):
    from pypdf import PdfReader
    run_cli("make", "--fractie", "CU", "--out", str(tmp_path), env={"SOURCE_DATE_EPOCH": "1716336000"})
    info = PdfReader(tmp_path / BRIEF_ID / "cu.pdf").metadata
    assert info["/CreationDate"].startswith("D:20240522000000")
    run_cli("make", "--fractie", "CU", "--out", str(tmp_path / "plain"), env={"SOURCE_DATE_EPOCH": ""})
    info = PdfReader(tmp_path / "plain" / BRIEF_ID / "cu.pdf").metadata
    assert info["/CreationDate"].startswith("D:20240521")  # the letter's date, not today


@pytest.mark.parametrize("fractie", ["pvv", "gl-pvda"])
def test_pdf_is_tagged_with_language_title_and_section_outline(full_pdfs, fractie):
    from pypdf import PdfReader
    reader = PdfReader(full_pdfs / f"{fractie}.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert reader.metadata.title.startswith("Briefing ")

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    names = list(titles(reader.outline))
    for section in ("Kernboodschap van VluchtelingenWerk", "De punten, per onderwerp",
                    "Spreidingswet"):
        assert section in names
    links = [a.get_object()["/A"].get("/URI") for page in reader.pages
             for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    assert any(str(uri).startswith("https://") for uri in links)


# --- Typography, measured on WeasyPrint's layout of every briefing ------------------------


@pytest.fixture(scope="module")
def layouts(brief, workspace, engine):
    return {f: engine.document(render_briefing(brief, select(brief, f), workspace.templates),
                               workspace.templates, [workspace.templates]) for f in FRACTIES}


def _main_flow_blocks(page):
    """Block boxes of the page's body text, in order (no footnote area, no margin boxes)."""
    blocks = []

    def visit(box):
        kind = type(box).__name__
        if kind in ("FootnoteAreaBox", "MarginBox"):
            return
        if kind in ("BlockBox", "LineBox") and getattr(box, "element_tag", None):
            blocks.append(box)
        for child in getattr(box, "children", None) or []:
            visit(child)

    visit(page._page_box)
    return blocks


@pytest.mark.parametrize("fractie", FRACTIES)
def test_no_heading_is_left_alone_at_a_page_end(layouts, fractie):
    document = layouts[fractie]
    for index, page in enumerate(document.pages[:-1]):
        lines = [b for b in _main_flow_blocks(page) if type(b).__name__ == "LineBox"]
        last_line_tag = lines[-1].element_tag if lines else None
        assert last_line_tag not in ("h1", "h2", "h3"), (fractie, index + 1)


@pytest.mark.parametrize("fractie", FRACTIES)
def test_text_including_long_urls_stays_inside_the_margins(layouts, fractie):
    for index, page in enumerate(layouts[fractie].pages):
        page_box = page._page_box
        left = page_box.margin_left
        right = page_box.margin_width() - page_box.margin_right
        for box in walk(page_box):
            if type(box).__name__ == "TextBox" and box.text.strip():
                assert box.position_x >= left - 0.5, (fractie, index, box.text)
                assert box.position_x + box.width <= right + 0.5, (fractie, index, box.text)


@pytest.mark.parametrize("fractie", FRACTIES)
def test_every_footnote_is_on_the_page_of_its_call(layouts, fractie):
    placed = footnote_layout(layouts[fractie])
    assert placed
    assert all(p["call_page"] == p["body_page"] for p in placed), fractie
    assert [p["marker"] for p in placed] == [f"{n}." for n in range(1, len(placed) + 1)]


@pytest.mark.parametrize("fractie", FRACTIES)
def test_no_widows_or_orphans(layouts, fractie):
    """A paragraph split over two pages keeps at least two lines on each."""
    lines_per_page: dict[int, dict[int, int]] = {}
    for index, page in enumerate(layouts[fractie].pages):
        for box in _main_flow_blocks(page):
            if type(box).__name__ == "LineBox" and box.element_tag == "p":
                counts = lines_per_page.setdefault(id(box.element), {})
                counts[index] = counts.get(index, 0) + 1
    for counts in lines_per_page.values():
        if len(counts) > 1:
            assert min(counts.values()) >= 2, (fractie, counts)
