"""Who a briefing is addressed to (issue 22, item 6): a plenary debate to the fractievoorzitter,
a commissiedebat or wetgevingsoverleg to the fractie's woordvoerder of the debate's portfolio
(by title when no source names one, with a warning from `check`), and a groep that is not a
fractie named as a groep on every paper.

The commissiedebat is tests/briefs/commissie, in the fictional Kamer of
tests/kamers/tweede-kamer-voorbeeld.yaml: ABC and Groep Voorbeeld have a woordvoerder asiel,
XYZ has only one for zorg.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner
from helpers import ROOT, pdf_pages_text

from debatbrief.base import paths
from debatbrief.cli.app import click_command

COMMISSIE = ROOT / "tests" / "briefs" / "commissie"
KAMER = ROOT / "tests" / "kamers" / "tweede-kamer-voorbeeld.yaml"
FNV = "fnv-2026-02-03"


@pytest.fixture()
def office(tmp_path, monkeypatch):
    """briefs/commissie and kamers/tweede-kamer-voorbeeld.yaml in a working folder."""
    shutil.copytree(COMMISSIE, tmp_path / "briefs" / "commissie")
    (tmp_path / "kamers").mkdir()
    shutil.copy(KAMER, tmp_path / "kamers")
    monkeypatch.chdir(tmp_path)
    for name in ("DEBATBRIEF_BRIEFS", "DEBATBRIEF_BRIEF", "DEBATBRIEF_KAMERS"):
        monkeypatch.delenv(name, raising=False)
    yield tmp_path
    paths.use_kamers_dir(None)


def invoke(*args):
    """``debatbrief *args`` in-process, as a user types it."""
    return CliRunner().invoke(click_command(), list(args))


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _make(fractie):
    result = invoke(
        "make", "--briefs", "briefs", "--brief", "commissie", "--fractie", fractie, "--out", "out"
    )
    assert result.exit_code == 0, result.output
    return result


def _first_page(office, fractie) -> str:
    _make(fractie)
    return " ".join(pdf_pages_text(office / "out" / "commissie" / f"{fractie}.pdf")[0].split())


def _check(*extra):
    return invoke("check", "--briefs", "briefs", "--brief", "commissie", *extra)


def test_a_commissiedebat_is_addressed_to_the_woordvoerder_of_its_portfolio(office):
    page = _first_page(office, "abc")
    assert page.startswith(
        "Briefing voor de ABC, t.a.v. Karin Voorbeeld, woordvoerder asiel en migratie Commissiebrief"
    )
    assert "Anna Model" not in page and "fractievoorzitter" not in page


def test_a_groep_gets_its_woordvoerder_and_is_never_called_a_fractie(office):
    page = _first_page(office, "groep-voorbeeld")
    assert page.startswith(
        "Briefing voor Groep Voorbeeld, t.a.v. Sanne Proef, woordvoerder asiel en migratie"
    )
    assert not re.search(r"\bfractie", page, re.I)


def test_without_a_woordvoerder_the_briefing_names_the_title_and_check_warns(office):
    made = _make("xyz")
    assert (
        "Let op: het Kamerbestand noemt geen woordvoerder asiel en migratie van XYZ met bron; "
        'de briefing is gericht aan "de woordvoerder asiel en migratie", zonder naam (zie '
        "'debatbrief check')."
    ) in " ".join(made.output.split())
    assert "het Kamerbestand noemt geen" not in _make("abc").output
    page = " ".join(pdf_pages_text(office / "out" / "commissie" / "xyz.pdf")[0].split())
    assert page.startswith("Briefing voor het XYZ, t.a.v. de woordvoerder asiel en migratie Commissiebrief")
    # Neither the fractievoorzitter nor the woordvoerder of another portfolio is guessed.
    assert "Pieter Proef" not in page and "Tom Toets" not in page
    result = _check()
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "kamers/tweede-kamer-voorbeeld.yaml:35: waarschuwing: XYZ heeft geen woordvoerder asiel "
        "en migratie in dit Kamerbestand; de briefing voor het commissiedebat is daarom gericht "
        'aan "de woordvoerder asiel en migratie", zonder naam (voeg woordvoerders: {asiel: '
        "{name: ..., source: ...}} toe, met een bron die de naam noemt)"
    )
    assert invoke("check", "--briefs", "briefs", "--brief", "commissie", "--strict").exit_code != 0


def test_a_plenary_debate_keeps_the_fractievoorzitter(office):
    meta = office / "briefs" / "commissie" / "brief.yaml"
    _edit(meta, "  kind: commissiedebat\n  portfolio: asiel\n", "")
    assert _first_page(office, "abc").startswith(
        "Briefing voor de ABC, t.a.v. Anna Model, fractievoorzitter Commissiebrief"
    )
    assert _first_page(office, "xyz").startswith(
        "Briefing voor het XYZ, t.a.v. Pieter Proef, fractievoorzitter Commissiebrief"
    )
    groep = _first_page(office, "groep-voorbeeld")
    assert groep.startswith(
        "Briefing voor Groep Voorbeeld, t.a.v. Gert Voorbeeld, voorzitter van de groep Commissiebrief"
    )
    assert "Sanne Proef" not in groep and "fractievoorzitter" not in groep
    assert _check().output.strip() == "commissie: in orde (0 fouten, 0 waarschuwingen)"


def test_a_wetgevingsoverleg_is_for_the_woordvoerders_too(office):
    _edit(office / "briefs" / "commissie" / "brief.yaml", "kind: commissiedebat", "kind: wetgevingsoverleg")
    assert _first_page(office, "abc").startswith(
        "Briefing voor de ABC, t.a.v. Karin Voorbeeld, woordvoerder asiel en migratie"
    )
    assert "voor het wetgevingsoverleg is daarom gericht" in _check().output


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "asiel: {name: Karin Voorbeeld, source: voorbeeld-woordvoerders}",
            "asielbeleid: {name: Karin Voorbeeld, source: voorbeeld-woordvoerders}",
            "kamers/tweede-kamer-voorbeeld.yaml:34: onbekende portefeuille 'asielbeleid' (niet onder "
            "portfolios van dit Kamerbestand: asiel, zorg; bedoelde u 'asiel'? voeg haar daar toe met "
            "haar Nederlandse naam of verbeter de id)",
        ),
        (
            "asiel: {name: Karin Voorbeeld, source: voorbeeld-woordvoerders}",
            "asiel: {name: Karin Voorbeeld}",
            "kamers/tweede-kamer-voorbeeld.yaml:34: woordvoerder Karin Voorbeeld (ABC, asiel) heeft "
            "geen bron; geef source: de id van een bron onder sources die haar of hem zo noemt",
        ),
        (
            "asiel: {name: Karin Voorbeeld, source: voorbeeld-woordvoerders}",
            "asiel: {name: Karin Voorbeeld, source: elders}",
            "kamers/tweede-kamer-voorbeeld.yaml:34: bron 'elders' staat niet onder sources van dit "
            "Kamerbestand (voeg haar toe of verbeter de id)",
        ),
    ],
)
def test_check_refuses_a_woordvoerder_it_cannot_trust(office, old, new, expected):
    _edit(office / "kamers" / "tweede-kamer-voorbeeld.yaml", old, new)
    result = _check()
    assert result.exit_code == 65
    assert expected in result.output.splitlines()


def test_a_woordvoerder_without_a_source_is_never_the_addressee():
    from debatbrief.brief.models import Fractie

    def fractie(**person):
        return Fractie(
            id="abc",
            abbreviation="ABC",
            name="ABC",
            zetels=1,
            woordvoerders={"asiel": {"name": "Karin Voorbeeld", **person}},
        )

    assert fractie().woordvoerder("asiel") is None
    assert fractie(source="bron").woordvoerder("asiel").name == "Karin Voorbeeld"
    assert fractie(source="bron").woordvoerder("zorg") is None


def test_check_names_a_debate_portfolio_the_kamer_does_not_know(office):
    _edit(office / "briefs" / "commissie" / "brief.yaml", "portfolio: asiel", "portfolio: wonen")
    result = _check()
    assert result.exit_code == 65
    assert (
        "briefs/commissie/brief.yaml:20: onbekende portefeuille 'wonen' (niet onder "
        "portfolios van tweede-kamer-voorbeeld: asiel, zorg; voeg haar daar toe of verbeter "
        "de id)"
    ) in result.output.splitlines()


def test_check_warns_when_kind_and_portfolio_do_not_fit(office):
    meta = office / "briefs" / "commissie" / "brief.yaml"
    _edit(meta, "  portfolio: asiel\n", "")
    lines = _check().output.splitlines()
    assert (
        "briefs/commissie/brief.yaml:19: waarschuwing: een commissiedebat is voor de "
        "woordvoerders, maar debate.portfolio ontbreekt; de briefings zijn nu gericht aan "
        '"de woordvoerder", zonder naam (geef de portefeuille, een id onder portfolios van '
        "het Kamerbestand)"
    ) in lines
    _edit(meta, "  kind: commissiedebat\n", "  kind: plenair\n  portfolio: asiel\n")
    lines = _check().output.splitlines()
    assert (
        "briefs/commissie/brief.yaml:20: waarschuwing: een plenair debat gaat naar de "
        "fractievoorzitters; debate.portfolio telt alleen bij kind: commissiedebat of "
        "wetgevingsoverleg (zet kind of haal portfolio weg)"
    ) in lines


def test_the_prep_sheet_names_whom_the_briefing_addresses(office):
    result = invoke("prep", "--briefs", "briefs", "--brief", "commissie", "--fractie", "abc")
    text = " ".join(result.output.split())
    assert (
        "Woordvoerder asiel en migratie: Karin Voorbeeld (Voorbeeldkrant, ‘Wie woordvoerder "
        "asiel is’, 2 mei 2024)"
    ) in text
    result = invoke("prep", "--briefs", "briefs", "--brief", "commissie", "--fractie", "xyz")
    text = " ".join(result.output.split())
    assert (
        "Woordvoerder asiel en migratie: geen naam met bron in het Kamerbestand; de briefing "
        'is gericht aan "de woordvoerder asiel en migratie"'
    ) in text


def test_groep_markuszower_is_a_groep_on_the_briefing_prep_and_plan(tmp_path):
    from debatbrief.commands.prep import make_prep_pdf, prep
    from debatbrief.commands.workspace import Workspace
    from debatbrief.plan.seats import plan, why

    ws = Workspace(brief_id=FNV, out_dir=tmp_path)
    brief = ws.brief()
    made = invoke(
        "make", "--brief", FNV, "--fractie", "groep-markuszower", "--length", "short", "--out", str(tmp_path)
    )
    assert made.exit_code == 0, made.output
    pages = pdf_pages_text(tmp_path / FNV / "groep-markuszower-handout.pdf")
    page = " ".join(" ".join(pages).split())
    assert page.startswith("Briefing voor Groep Markuszower · handout")
    assert not re.search(r"\bfractie van Groep|FRACTIE", page)
    written = make_prep_pdf(ws, prep(brief, ["groep-markuszower"]))
    text = " ".join(" ".join(pdf_pages_text(written.path)).split())
    assert "Wat de groep in haar briefing leest" in text
    assert "voorbereiding, niet voor de groep" in text
    assert "Voorzitter van de groep Gidi Markuszower" in text and "Fractievoorzitter" not in text
    # The groep opposes the brief's one motion (its stances.yaml); the swing wording is
    # tested where its stance on that motion is not known.
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / FNV, briefs / FNV)
    stances = briefs / FNV / "stances.yaml"
    text = stances.read_text(encoding="utf-8")
    head, groep = text.split("- fractie: groep-markuszower\n")
    groep, rest = groep.split("\n\n", 1)
    assert "    m-aow-pensioenakkoord: opposes" in groep
    groep = groep.replace("    m-aow-pensioenakkoord: opposes", "    m-aow-pensioenakkoord: unknown")
    stances.write_text(f"{head}- fractie: groep-markuszower\n{groep}\n\n{rest}", encoding="utf-8")
    counted = plan(Workspace(briefs_dir=briefs, brief_id=FNV).brief())
    chamber = next(c for a in counted.asks for c in a.chambers if c.swing_of("groep-markuszower"))
    reasons = " ".join(why(chamber, "groep-markuszower"))
    assert "zonder deze groep" in reasons and "deze fractie" not in reasons
