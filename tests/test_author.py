"""The briefing's author is not always the document's sender (issue 22): an NGO briefs the
fracties on an advice of the Raad van State. Then "wij", the contact, the footers, the
errata, the cards, the concept-motie and the prep sheet speak for the author, and the
document's views are printed in the sender's name. And no code or template may hard-code a
sender, a document kind or whose voice it is: that wording comes from the brief's data."""

from __future__ import annotations

import ast
import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from helpers import ROOT, pdf_pages_text, run_cli
from ruamel.yaml import YAML

#: The test brief: author Stichting Voorbeeldhulp (short: Voorbeeldhulp), sender the Raad
#: van State (short: de Raad van State), document kind advies.
BRIEFS = ROOT / "tests" / "briefs"
BRIEF = "advies-rvs"
AUTHOR, AUTHOR_SHORT, SENDER = "Stichting Voorbeeldhulp", "Voorbeeldhulp", "Raad van State"

#: Where the sender would be speaking for the author: as the one the briefing is from, the
#: one who proposes the motie, whose estimate or whose office it is, or who wrote it.
SENDER_AS_AUTHOR = re.compile(
    r"(?:(?-i:\bVan)|voorstel van|inschatting van|intern · voor)\s+(?:de\s+)?Raad van State"
    r"|\bon[sz]e?\s+advies\b|\bwij schreven\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:wij|we|ons|onze)\b", re.I)
#: How the sender may be named in a sentence of the author's: as the one whose view it is.
_SENDER_ATTRIBUTED = re.compile(r"(?:volgens|advies van|[Dd]e|het)\s+Raad van State")


def _run(*args: str) -> tuple[int, str]:
    """``debatbrief *args`` in this process: (exit code, what it wrote to stderr)."""
    from debatbrief.cli import app as cli

    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        try:
            cli.main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code
    return code, err.getvalue()


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> list[Path]:
    """Every output of the test brief a reader gets, as PDF files."""
    out = tmp_path_factory.mktemp("author") / "out"
    common = ("--briefs", str(BRIEFS), "--brief", BRIEF, "--out", str(out))
    for args in (
        ("make", "--fractie", "PVV"),
        ("make", "--fractie", "PVV", "--length", "short"),
        ("cards", "--all"),
        ("prep", "--fractie", "PVV", "--format", "pdf"),
        ("errata", "--format", "pdf"),
        ("plan", "--format", "pdf"),
    ):
        code, err = _run(*args, *common)
        assert code == 0, (args, err)
    made = sorted((out / BRIEF).glob("*.pdf"))
    assert [p.name for p in made] == [
        "errata.pdf",
        "kaarten.pdf",
        "plan.pdf",
        "prep-pvv.pdf",
        "pvv-handout.pdf",
        "pvv.pdf",
    ]
    return made


@pytest.fixture(scope="module")
def pages(made) -> dict[str, list[str]]:
    """Every output of the test brief a reader gets, as text per page, by file name."""
    return {p.name: pdf_pages_text(p) for p in made}


def test_every_page_speaks_for_the_author_never_in_the_senders_name(pages):
    for name, texts in pages.items():
        for number, text in enumerate(texts, 1):
            where = f"{name}, pagina {number}"
            assert f"{AUTHOR} ·" in text, where  # the footer: the author's, every page
            found = SENDER_AS_AUTHOR.search(text)
            assert found is None, (where, found and found.group(0))
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if _FIRST_PERSON.search(sentence) and SENDER in sentence:
                    assert _SENDER_ATTRIBUTED.search(sentence), (where, sentence)


def test_the_errata_heading_keeps_its_date_on_one_line(made):
    from pypdf import PdfReader

    errata = next(p for p in made if p.name == "errata.pdf")
    # a no-break space reads as a space
    lines = PdfReader(errata).pages[0].extract_text().replace("\xa0", " ").splitlines()
    # the heading wraps (it is longer than the line); the date must not be split by it
    assert "3 december 2025" in lines, lines[:4]


def test_the_document_is_named_with_its_sender_and_the_author_signs(pages):
    briefing = " ".join(pages["pvv.pdf"])
    assert f"Van {AUTHOR}, bij het advies van de Raad van State van 3 december 2025" in briefing
    assert f"CONCEPT · voorstel van {AUTHOR}, door u aan te passen" in briefing
    assert f"{AUTHOR} · 3 februari 2026 Contact: B. Schrijver, beleidsmedewerker" in briefing
    # errata_in_briefing: the advice's own mistake is the advice's, not "wij schreven".
    assert "Kanttekeningen bij de bronnen van het advies van de Raad van State" in briefing
    assert "Het advies van de Raad van State vermeldt ‘HvJ EU 30 juni 2023, C-72/22’" in briefing
    # The advice's views in its sender's name, the author's as "wij".
    assert "Volgens de Raad van State is de noodsituatie niet aangetoond." in briefing
    assert "Wij vinden dat een wet zonder aangetoonde noodsituatie" in briefing
    handout = " ".join(pages["pvv-handout.pdf"])
    assert f"Van {AUTHOR}, bij het advies van de Raad van State" in handout


def test_errata_cards_prep_and_plan_are_the_authors(pages):
    errata = " ".join(pages["errata.pdf"])
    assert errata.casefold().startswith(f"intern · voor {AUTHOR}".casefold())
    assert "Errata bij het advies van de Raad van State van 3 december 2025" in errata
    assert "Bij het nalopen van de bronnen van het advies van de Raad van State vonden wij" in errata
    assert f"{AUTHOR} · errata, intern" in errata
    assert f"{AUTHOR} · 3 februari 2026 · verwacht van PVV" in " ".join(pages["kaarten.pdf"])
    prep = " ".join(pages["prep-pvv.pdf"])
    assert f"{AUTHOR} · voorbereiding, niet voor de fractie" in prep
    assert f"voor de Voorbeeldwet (inschatting van {AUTHOR_SHORT})" in prep
    assert f"INSCHATTING VAN {AUTHOR_SHORT.upper()}" in prep.upper()
    assert not re.search(r"inschatting van (de )?Raad van State", prep, re.I)
    assert f"inschatting van {AUTHOR_SHORT}" in " ".join(pages["plan.pdf"])


def test_a_date_known_only_roughly_is_printed_as_given(pages):
    # A record item and a stance with date_text: "begin december 2025", not a day.
    briefing = " ".join(pages["pvv.pdf"])
    assert "Tweede Kamer, begin december 2025: stemde voor een voorbeeldmotie" in briefing
    prep = " ".join(pages["prep-pvv.pdf"])
    assert "‘Stemmingsuitslag over een voorbeeldmotie’, begin december 2025" in prep
    assert "9 december 2025" not in prep.split("Stemgedrag en standpunten")[0]


def test_the_test_brief_passes_check_strict():
    result = run_cli("check", "--strict", "--briefs", str(BRIEFS), "--brief", BRIEF)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"{BRIEF}: in orde (0 fouten, 0 waarschuwingen)"


@pytest.fixture()
def rvs(tmp_path):
    shutil.copytree(BRIEFS / BRIEF, tmp_path / "briefs" / BRIEF)
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    return tmp_path / "briefs"


def _check_with_reasoning(briefs: Path, old: str, new: str):
    arguments = briefs / BRIEF / "arguments.yaml"
    text = arguments.read_text(encoding="utf-8")
    assert old in text
    arguments.write_text(text.replace(old, new), encoding="utf-8")
    return run_cli("check", "--strict", "--briefs", str(briefs), "--brief", BRIEF)


def test_check_suggests_the_sender_only_for_the_documents_own_views(rvs):
    result = _check_with_reasoning(
        rvs,
        "      text: Wij vragen daarom eerst een uitvoeringstoets.",
        "      text: Een uitvoeringstoets is daarom nodig.",
    )
    assert result.returncode == 65
    assert (
        "waarschuwing: zin zonder bron of toeschrijving: 'Een uitvoeringstoets is daarom "
        "nodig.' (voeg [@bron-id] toe, of schrijf erbij wiens standpunt het is: 'wij' of "
        "'volgens Voorbeeldhulp' voor uw eigen standpunt, 'volgens de Raad van State' "
        "alleen als het advies het zelf stelt)"
    ) in result.stdout


def test_check_takes_a_named_body_with_a_citation_as_attribution(rvs):
    # "Volgens het Hof ... [@advies, par. 4.3]": the advice reports the Hof's view, cited.
    # Without a name the same sentence states the advice's claim as a fact.
    named = "Volgens het Hof is een noodregeling"
    result = _check_with_reasoning(rvs, named, "Een noodregeling")
    assert result.returncode == 65
    assert (
        "zin citeert alleen het advies zelf maar staat er als feit: 'Een noodregeling die het recht op asiel"
    ) in result.stdout
    assert "bijvoorbeeld 'volgens de Raad van State'" in result.stdout


def test_new_writes_the_author_beside_the_sender(tmp_path):
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    (tmp_path / "briefs").mkdir()
    result = run_cli(
        "new",
        "nieuw",
        "--debate-date",
        "2024-05-22",
        "--kamer",
        "tweede-kamer-2024-05-22",
        "--briefs",
        "briefs",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    data = _yaml(tmp_path / "briefs" / "nieuw" / "brief.yaml")
    assert data["sender"]["organisation"].startswith("TODO")
    assert data["author"] == {"organisation": "TODO: naam van uw organisatie"}


def _yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# --- No sender, document kind or voice in the code ---------------------------------------

#: Wording that names a sender, a kind of sender or a document, or speaks for one, when it
#: stands in code or a template instead of coming from the brief's data.
HARD_CODED = [
    re.compile(p)
    for p in (
        r"\bNGO\b",
        r"(?i)\bbrief van\b",
        r"(?i)\bde brief verwacht\b",
        r"(?i)\bkernboodschap van\b",
        r"(?i)\b(?:onze|ons)\s+(?:brief|advies|rapport|position paper|notitie|factsheet|reactie|"
        r"verwachting|inschatting|document|organisatie)\b",
        r"(?i)\bvan de afzender\b(?! van het document)",
        r"(?i)\braad van state\b",
        r"(?i)\bvakbond\b",
    )
]
#: Data-driven text that matches: (file, text). A source of kind ``letter`` is cited as
#: "<author>, brief van <date>": the word is the source's kind, from the data; the kinds an
#: organisation may have are the vocabulary of brief.yaml's ``kind``.
ALLOWED = {("src/debatbrief/brief/cite.py", ", brief van "), ("src/debatbrief/brief/models.py", "vakbond")}


def _shipped_names() -> list[re.Pattern]:
    """The names the shipped briefs' senders, authors and signatories go by."""
    names: set[str] = set()
    for path in (ROOT / "briefs").glob("*/brief.yaml"):
        meta = _yaml(path)
        for key in ("sender", "author"):
            org = meta.get(key) or {}
            names.update(n for n in (org.get("organisation"), org.get("short")) if n)
        for person in (meta["document"].get("signatory"), meta.get("contact_person")):
            if person:
                names.add(person["name"])
    bare = {re.sub(r"^(?:de|het)\s+", "", n) for n in names}
    assert {"VluchtelingenWerk", "FNV"} <= bare
    return [re.compile(rf"\b{re.escape(n)}\b") for n in sorted(bare)]


def _python_strings(path: Path) -> list[str]:
    """Every string literal of a module that is not documentation (docstrings and other
    bare string statements are English notes for developers, not what a user reads)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def _template_text(path: Path) -> list[str]:
    """A template's text without its Jinja comments (notes for developers)."""
    return [re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)]


def _hard_coded(files: dict[str, list[str]]) -> list[str]:
    patterns = HARD_CODED + _shipped_names()
    found = []
    for name, texts in files.items():
        for text in texts:
            for pattern in patterns:
                for match in pattern.finditer(text):
                    context = text[max(0, match.start() - 2) : match.end() + 1]
                    if not any(name == f and a in text for f, a in ALLOWED):
                        found.append(f"{name}: {context!r}")
    return found


def test_no_sender_document_or_voice_is_hard_coded_in_code_or_templates():
    files = {
        str(p.relative_to(ROOT)): _python_strings(p)
        for p in sorted((ROOT / "src" / "debatbrief").rglob("*.py"))
    }
    files.update(
        {str(p.relative_to(ROOT)): _template_text(p) for p in sorted((ROOT / "templates").glob("*.j2"))}
    )
    assert len(files) > 60
    assert _hard_coded(files) == []


@pytest.mark.parametrize(
    "text",
    [
        "Maak uit de brief van een NGO briefings",
        "De brief verwacht van CDA geen claims",
        "naar onze verwachting",
        "Intern · voor VluchtelingenWerk",
        "Kernboodschap van de FNV",
        "volgens de Raad van State",
    ],
)
def test_the_scan_finds_hard_coded_wording(text):
    assert _hard_coded({"templates/x.j2": [text]}), text


def test_the_errata_line_counts_one_point_in_the_singular(tmp_path):
    result = run_cli(
        "errata", "--format", "pdf", "--briefs", str(BRIEFS), "--brief", "advies-rvs", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "(1 punt, 1 pagina)" in result.stdout
