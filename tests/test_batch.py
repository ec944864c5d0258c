"""All fifteen briefings at once: complete, reproducible, tagged, and well set."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from helpers import BRIEF_ID, ROOT, embedded_font_dates, footnote_layout, run_cli, walk

FRACTIES = [
    "pvv",
    "gl-pvda",
    "vvd",
    "nsc",
    "d66",
    "bbb",
    "cda",
    "sp",
    "fvd",
    "pvdd",
    "cu",
    "sgp",
    "denk",
    "volt",
    "ja21",
]


def test_make_all_writes_fifteen_briefings(batch_pdfs):
    made = sorted(p.stem for p in batch_pdfs.glob("*.pdf"))
    assert made == sorted([f"{f}-handout" for f in FRACTIES] + ["kaarten"])


def test_one_failing_fractie_does_not_stop_the_others(tmp_path):
    # HTML: the same batch of worker processes, without fifteen PDF renders.
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    page.write_text(
        page.read_text().replace(
            "<body", "{% if fractie.id == 'sgp' %}{{ missing_for_sgp }}{% endif %}<body", 1
        )
    )
    result = run_cli(
        "make",
        "--all",
        "--format",
        "html",
        "--templates",
        str(templates),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "2",
    )
    assert result.returncode == 1
    written = sorted(p.stem for p in (tmp_path / "out" / BRIEF_ID).glob("*.html"))
    assert written == sorted(f for f in FRACTIES if f != "sgp")
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if "<body" in text)
    assert result.stderr.strip().splitlines() == [
        f"SGP: briefing.html.j2:{line}: sjabloonfout: 'missing_for_sgp' is undefined"
    ]


# --- Same input, same bytes ---------------------------------------------------------------
# Every PDF here is made with WeasyPrint's fontTools subsetter (see helpers.FONTTOOLS_PATH),
# the path a machine without libharfbuzz-subset0 takes and the one that used to stamp the
# clock into each embedded font; a machine with the library proves it all the same.

LETTER_DAY = 1716249600  # 2024-05-21 00:00 UTC, the letter's date in brief.yaml


@pytest.fixture(scope="module")
def cu_twice(tmp_path_factory) -> list[tuple[Path, str]]:
    """CU's briefing made by two processes, a second or more apart: (pdf, stderr) each."""
    made = []
    for name in ("a", "b"):
        out = tmp_path_factory.mktemp(f"cu-{name}")
        result = run_cli(
            "make",
            "--fractie",
            "CU",
            "--verbose",
            "--out",
            str(out),
            fonttools=True,
            env={"SOURCE_DATE_EPOCH": None},
            process=True,
        )
        assert result.returncode == 0, result.stderr
        made.append((out / BRIEF_ID / "cu.pdf", result.stderr))
        time.sleep(1.1)  # fontTools' clock counts seconds: make sure the clock moved
    return made


@pytest.mark.slow
def test_same_input_gives_identical_bytes_in_two_processes(cu_twice):
    (first, err), (second, _) = cu_twice
    assert "Using fontTools instead of HarfBuzz-Subset" in err  # the path under test
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.slow
def test_without_source_date_epoch_every_date_is_the_letters(cu_twice):
    from pypdf import PdfReader

    pdf = cu_twice[0][0]
    assert PdfReader(pdf).metadata["/CreationDate"].startswith("D:20240521")
    assert embedded_font_dates(pdf) == {LETTER_DAY}
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the run set it only inside itself


@pytest.mark.slow
def test_source_date_epoch_sets_the_pdf_and_font_dates(tmp_path):
    from pypdf import PdfReader

    result = run_cli(
        "make",
        "--fractie",
        "CU",
        "--out",
        str(tmp_path),
        fonttools=True,
        env={"SOURCE_DATE_EPOCH": "1716336000"},
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / BRIEF_ID / "cu.pdf"
    assert PdfReader(pdf).metadata["/CreationDate"].startswith("D:20240522000000")
    assert embedded_font_dates(pdf) == {1716336000}


@pytest.mark.parametrize(
    ("value", "command"),
    [
        ("", ["make", "--fractie", "CU"]),
        (" ", ["cards", "--all"]),
        ("abc", ["make", "--all", "--jobs", "2"]),
        ("1716300000.5", ["make", "--fractie", "CU", "--format", "html"]),
    ],
)
def test_a_malformed_source_date_epoch_stops_the_run_with_one_line(tmp_path, value, command):
    result = run_cli(*command, "--out", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": value})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"SOURCE_DATE_EPOCH={value!r} is geen geldig tijdstip: geef een geheel aantal seconden "
        f"sinds 1 januari 1970 UTC (zoals 'date +%s' het geeft), of laat de variabele weg."
    ]
    assert not (tmp_path / "out").exists()


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
    for section in (
        "Wat wij van u vragen",
        "Onze boodschap",
        "Onze argumenten, per onderwerp",
        "Asielcrisis en tijdelijke asielstop",
    ):
        assert section in names
    links = [
        a.get_object()["/A"].get("/URI")
        for page in reader.pages
        for a in page.get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert any(str(uri).startswith("https://") for uri in links)


# --- Typography, measured on WeasyPrint's layout of every briefing ------------------------


@pytest.fixture(scope="module")
def layouts(every_document):
    """Each fractie's full briefing as laid out for its PDF (fitted to its pages)."""
    return {
        made.name.split("/")[1].removesuffix("-full"): made.document
        for made in every_document
        if made.name.startswith(f"{BRIEF_ID}/") and made.name.endswith("-full")
    }


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


# --- Laid out once: the validated brief and the fit verdicts are cached per content ------


@pytest.fixture()
def own_copy(tmp_path, monkeypatch):
    """A copy of the shipped brief (and the Kamer files), with a cache folder of its own."""
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, tmp_path / "briefs" / BRIEF_ID)
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "briefs" / BRIEF_ID


def test_a_brief_is_validated_once_per_content(own_copy, monkeypatch):
    import debatbrief.checks
    from debatbrief.commands.workspace import cached_brief

    first, key = cached_brief(own_copy)
    monkeypatch.setattr(debatbrief.checks, "load_brief", lambda folder: pytest.fail("read"))
    again, same_key = cached_brief(own_copy)  # from the cache: the loader is not called
    assert again == first and same_key == key
    arguments = own_copy / "arguments.yaml"
    arguments.write_text(
        arguments.read_text(encoding="utf-8").replace(first.arguments[0].kernzin, "Een andere kernzin.", 1),
        encoding="utf-8",
    )
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(own_copy.parent.parent / "cache"))
    edited, new_key = cached_brief(own_copy)  # new bytes: read and validated again
    assert new_key != key and edited.arguments[0].kernzin == "Een andere kernzin."


def test_the_brief_is_parsed_from_the_bytes_its_key_was_made_of(own_copy, monkeypatch):
    """A file saved between hashing and parsing must not be cached under the old key: the
    loader parses the very bytes that were hashed, not the file read a second time."""
    import debatbrief.commands.workspace as workspace

    arguments = own_copy / "arguments.yaml"
    read = workspace.brief_files

    def read_then_saved(folder):
        files = read(folder)  # hashed: the old text
        arguments.write_text(
            arguments.read_text(encoding="utf-8")
            .replace("kernzin:", "kernzin: Gewijzigd.", 1)
            .replace("Gewijzigd. ", "Gewijzigd ", 1),
            encoding="utf-8",
        )  # saved by the editor just after
        return files

    monkeypatch.setattr(workspace, "brief_files", read_then_saved)
    brief, key = workspace.cached_brief(own_copy)
    monkeypatch.setattr(workspace, "brief_files", read)
    assert not brief.arguments[0].kernzin.startswith("Gewijzigd")  # the hashed bytes
    assert workspace.cached_brief(own_copy)[1] != key  # the saved file: a new key


def test_fit_verdicts_let_a_briefing_be_laid_out_once(own_copy):
    """The fitting tries candidates until one fits; what it learnt about the candidates
    that did not fit is kept, so the same content is laid out once, with the same result."""
    from debatbrief.briefing.fit import candidates, fitted
    from debatbrief.commands.workspace import cached_brief

    brief = cached_brief(own_copy)[0]
    steps = candidates(brief, "PVV", None, "full")
    fits_from = 2  # a stand-in layout: the third candidate is the first that fits
    laid_out = []

    def lay_out(selection):
        laid_out.append(selection)
        index = next(
            i for i, (_, s) in enumerate(steps) if s.order == selection.order and s.cards == selection.cards
        )
        return type("Doc", (), {"pages": [None] * (1 if index >= fits_from else 9)})()

    verdicts: dict[str, bool] = {}
    chosen, _ = fitted(brief, "PVV", None, "full", lay_out, verdicts)
    assert len(laid_out) == 3 and chosen.order == steps[2][1].order
    assert list(verdicts.values()) == [False, False, True]
    laid_out.clear()
    again, _ = fitted(brief, "PVV", None, "full", lay_out, verdicts)
    assert len(laid_out) == 1 and again.order == chosen.order
    # Nothing fits: the last candidate is laid out and returned, as without verdicts.
    fits_from, laid_out[:] = len(steps), []
    last, _ = fitted(brief, "PVV", None, "full", lay_out, {k: False for k, _ in steps})
    assert len(laid_out) == 1 and last.order == steps[-1][1].order


def test_a_cached_brief_with_a_character_the_loader_refuses_is_read_again(own_copy):
    import zlib

    from debatbrief.commands.workspace import _brief_cache_file, cached_brief, read_sealed

    brief, key = cached_brief(own_copy)
    cache = _brief_cache_file(own_copy, key)
    body = read_sealed(cache).replace(
        brief.arguments[0].kernzin.encode(), b"\\u202e" + brief.arguments[0].kernzin.encode(), 1
    )
    cache.write_bytes(f"{zlib.crc32(body):08x}\n".encode() + body)  # sealed, by hand
    again, _ = cached_brief(own_copy)
    assert again.arguments[0].kernzin == brief.arguments[0].kernzin  # from the YAML
