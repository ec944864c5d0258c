"""Text that cannot be printed where it goes is refused by `check` with file:line, and what
is printed never passes the margin (issue 10, items 6 and 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import BRIEF_ID, ROOT, pdf_pages_text, run_cli

from debatbrief.base.typeface import BASIC, FACES, coverage, font_dir, uncovered

MINI = ROOT / "tests" / "briefs" / "mini"


def mini(tmp_path: Path, file: str | None = None, old: str = "", new: str = "") -> Path:
    """A copy of the mini brief with ``old`` replaced by ``new`` in ``file``; returns the
    folder holding it (pass as --briefs)."""
    briefs = tmp_path / "briefs"
    shutil.copytree(MINI, briefs / "mini")
    if file:
        path = briefs / "mini" / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return briefs


def line_of(briefs: Path, file: str, needle: str) -> int:
    lines = (briefs / "mini" / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_every_bundled_face_covers_the_fast_path_characters():
    from fontTools.ttLib import TTFont

    for face in FACES:
        if face.family.endswith(("Arabic", "Hebrew")):
            continue
        cmap = TTFont(font_dir() / face.file, lazy=True)["cmap"].getBestCmap()
        assert not [ch for ch in BASIC if ord(ch) not in cmap], face.file


def test_fonts_ship_with_their_licence():
    text = (font_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert all((font_dir() / face.file).is_file() for face in FACES)


def test_names_in_latin_greek_cyrillic_arabic_and_hebrew_are_covered():
    assert uncovered("Ağaoğlu, Łódź, Nguyễn, Αθήνα, Київ, محمد, דוד") == []
    assert len(coverage()) > 2500


@pytest.mark.parametrize(
    ("file", "old", "new", "shown"),
    [
        ("brief.yaml", "name: A. Schrijver", "name: 李明", "'李' (U+674E), '明' (U+660E)"),
        ("cards.yaml", "say: Geen noodwet.", "say: Geen noodwet 🇳🇱.", "'🇳' (U+1F1F3), '🇱' (U+1F1F1)"),
    ],
)
def test_a_character_no_font_has_is_named_with_file_and_line(tmp_path, file, old, new, shown):
    briefs = mini(tmp_path, file, old, new)
    line = line_of(briefs, file, new.split(": ", 1)[1][:6])
    expected = (
        f"briefs/mini/{file}:{line}: {shown} staat in geen van de meegeleverde "
        f"lettertypen en zou als leeg vakje worden gedrukt; schrijf het in Latijnse "
        f"letters of laat het weg"
    )
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 65
    assert expected in result.stdout.splitlines()
    made = run_cli("make", "--fractie", "PVV", "--briefs", "briefs", cwd=tmp_path)
    assert made.returncode == 65 and made.stderr.splitlines()[0] == expected
    assert "sjabloon" not in made.stderr and not (tmp_path / "out").exists()


def test_a_title_too_long_for_the_source_list_is_refused(tmp_path):
    briefs = mini(tmp_path, "sources.yaml", "title: Een rapport", "title: " + "Een heel lang rapport " * 300)
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    line = line_of(briefs, "sources.yaml", "Een heel lang rapport")
    assert result.returncode == 65
    assert (
        f"briefs/mini/sources.yaml:{line}: title telt 6599 tekens; waar het wordt gedrukt "
        f"past ten hoogste 400 (kort het in)"
    ) in result.stdout.splitlines()


def test_a_word_or_url_that_cannot_break_is_refused(tmp_path):
    url = "https://example.org/" + "x" * 180
    briefs = mini(
        tmp_path,
        "cards.yaml",
        "rebuttal: Die is er volgens ons niet.",
        f"rebuttal: Die is er volgens ons niet, zie {url}.",
    )
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    line = line_of(briefs, "cards.yaml", "rebuttal:")
    assert result.returncode == 65
    assert (
        f"briefs/mini/cards.yaml:{line}: '{'x' * 30}…' telt 181 tekens zonder spatie of "
        f"afbreekpunt en past niet in een kolom (ten hoogste 100); zet er spaties in"
    ) in result.stdout.splitlines()


def test_a_locator_too_long_for_a_note_is_refused(tmp_path):
    briefs = mini(
        tmp_path, "cards.yaml", "[@hvj-c-72-22]", "[@hvj-c-72-22, " + "zie de overwegingen " * 4 + "]"
    )
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    line = line_of(briefs, "cards.yaml", "evidence:")
    assert result.returncode == 65
    assert (
        f"briefs/mini/cards.yaml:{line}: vindplaats 'zie de overwegingen zie de ove…' in "
        f"een citatie telt 79 tekens; in een noot past ten hoogste 40 (bijvoorbeeld "
        f"'p. 4')"
    ) in result.stdout.splitlines()


def test_two_sources_with_the_same_short_reference_are_refused(tmp_path):
    briefs = mini(
        tmp_path, "sources.yaml", "  title: Een rapport", "  short: HvJ EU, C-72/22 PPU\n  title: Een rapport"
    )
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    line = line_of(briefs, "sources.yaml", "short: HvJ EU")
    assert result.returncode == 65
    assert (
        f"briefs/mini/sources.yaml:{line}: bron 'rapport' krijgt dezelfde korte verwijzing "
        f"als bron 'hvj-c-72-22' ('HvJ EU, C-72/22 PPU'); geef één van beide een eigen "
        f"short"
    ) in result.stdout.splitlines()


def test_names_in_other_scripts_print_in_the_bundled_fallbacks(tmp_path):
    # the contact person is named on every page (the signatory is no longer printed)
    briefs = mini(
        tmp_path,
        "brief.yaml",
        "contact_person: {name: A. Schrijver",
        "contact_person: {name: Αθηνά Κωνσταντίνου (محمد الأحمد)",
    )
    assert run_cli("check", "--briefs", "briefs", cwd=tmp_path).returncode == 0
    made = run_cli("make", "--fractie", "PVV", "--briefs", "briefs", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    pdf = tmp_path / "out" / "mini" / "pvv.pdf"
    assert "Αθηνά Κωνσταντίνου" in " ".join(pdf_pages_text(pdf))
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert any("Arabic" in name for name in fonts), fonts
    assert not any("DejaVu" in name for name in fonts), fonts
    assert briefs.exists()


def test_fonttools_subsetting_embeds_the_bundled_faces_reproducibly(workspace, brief):
    """Without libharfbuzz-subset (a fresh machine) WeasyPrint subsets with fontTools:
    the same briefing gives the same bytes, with only the bundled faces embedded."""
    import io

    import weasyprint.pdf.fonts as wp_fonts
    from pypdf import PdfReader

    from debatbrief.briefing.pdf import Engine
    from debatbrief.briefing.render import render_briefing
    from debatbrief.briefing.select import select

    html = render_briefing(brief, select(brief, "PVV"), workspace.templates)
    saved = wp_fonts.harfbuzz_subset
    wp_fonts.harfbuzz_subset = None
    try:
        pdfs = []
        for _ in range(2):
            engine = Engine()
            document = engine.document(html, workspace.templates, [workspace.templates])
            pdfs.append(engine.pdf_bytes(document, b"0123456789abcdef"))
    finally:
        wp_fonts.harfbuzz_subset = saved
    assert pdfs[0] == pdfs[1]
    reader = PdfReader(io.BytesIO(pdfs[0]))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"Debatbrief-Serif", "Debatbrief-Sans", "Debatbrief-Sans-Bold"} <= fonts
    assert all(name.startswith("Debatbrief-") for name in fonts), fonts  # nothing else
    assert "Bronnen" in " ".join(page.extract_text() for page in reader.pages)


def _embedded_fonts(path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.mark.parametrize(
    "command", [("plan", "--format", "pdf"), ("errata", "--format", "pdf"), ("cards", "--all")]
)
def test_office_pdfs_embed_only_the_bundled_faces(tmp_path, command):
    # Every machine prints the same document: no glyph may fall back to a system font.
    result = run_cli(*command, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdf = next((tmp_path / BRIEF_ID).glob("*.pdf"))
    fonts = _embedded_fonts(pdf)
    assert fonts and all(name.startswith("Debatbrief") for name in fonts), fonts
