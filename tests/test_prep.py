"""``debatbrief prep``: the lobbyist's INTERN sheet, with everything the MP's briefing leaves
out (stances and their basis, the assessment, the record, seat arithmetic, whom to call, the
claims and their cards). Run in this process where possible; the PDFs are read as text."""

from __future__ import annotations

import json
import re

import pytest
from helpers import BRIEF_ID, pdf_pages_text
from test_plan import mini_brief, run_in_process

from debatbrief.commands.prep import prep
from debatbrief.commands.workspace import Workspace


def test_the_terminal_sheet_holds_every_internal_item(capsys, monkeypatch):
    code, out, err = run_in_process(
        capsys, monkeypatch, "prep", "--brief", BRIEF_ID, "--fractie", "pvv", columns=60
    )
    assert code == 0, err
    assert "\x1b[" not in out and max(len(line) for line in out.splitlines()) <= 60
    text = " ".join(out.split())
    brief = Workspace(brief_id=BRIEF_ID).brief()
    profile = brief.profile("pvv")
    assert text.startswith("INTERN · voorbereiding PVV (Partij voor de Vrijheid)")
    assert "Rol: formerende partij (PVV, VVD, NSC en BBB)" in text
    # The stance on the subject with its source's short reference and date.
    assert ("Standpunt: partij achter de asielplannen van het hoofdlijnenakkoord (NOS, 16 mei 2024)") in text
    # The assessment and the notes, the lobbyist's own.
    assert "Inschatting van VluchtelingenWerk Uw fractie zet met het akkoord in op" in text
    assert " ".join(profile.notes.split()) in text
    # Every ask with its stance and basis; the estimate named after the author.
    assert "1. v-noodsituatie (vraag): tegen (inschatting van VluchtelingenWerk)" in text
    assert re.search(
        r"t-europese-route \(toezegging(; in de briefing)?\): tegen \(de "
        r"Volkskrant, juni 2023\)",
        text,
    )
    # The claims it raises, each with its card and one-liner.
    assert "Verwachte claims van PVV (22)" in text
    assert (
        "- kaart asielcrisis-noodwet (Hoofdlijnenakkoord 2024-2028, 16 mei 2024): We "
        "roepen een asielcrisis uit"
    ) in text
    assert "Zeg: Een noodwet als de Litouwse levert geen grip op" in text
    # The record, dated, with the name the fractie had then.
    assert "Eerste Kamer, 23 januari 2024: stemde tegen de Spreidingswet" in text
    # The brief's one motion gets its seat count (the questions none).
    assert ("15. m-spreidingswet (motie): tegen (inschatting van VluchtelingenWerk)") in text
    assert (
        "Zetels: Tweede Kamer: geen meerderheid te halen: ook met alle onbekende "
        "fracties 58 van 150 (76 nodig)."
    ) in text
    assert text.count("Zetels: Tweede Kamer") == 1
    assert "Geen motie, amendement of stemming in de brief" not in text
    # What the MP reads: the kernboodschap and the cards of its own briefing.
    from debatbrief.briefing.select import select

    selection = select(brief, "pvv")
    lead = " ".join(selection.messages[0][0].text.split())
    assert f"Wat de fractie in haar briefing leest 1. {lead}" in text
    if selection.cards:
        assert "Kaarten in de briefing: " + ", ".join(c.card.id for c in selection.cards) in text


def test_seats_and_whom_to_call_for_a_motion(tmp_path, capsys, monkeypatch):
    # As in test_plan: voor GL-PvdA 25 + D66 9 + SP 5 = 39, PVV 37 against; only VVD 24 +
    # NSC 20 reach the 37 still needed (83).
    briefs = mini_brief(tmp_path)
    code, out, err = run_in_process(
        capsys,
        monkeypatch,
        "prep",
        "--briefs",
        str(briefs),
        "--fractie",
        "VVD",
        "--fractie",
        "pvv",
        columns=120,
    )
    assert code == 0, err
    vvd, pvv = (" ".join(part.split()) for part in out.split("INTERN · voorbereiding")[1:])
    assert (
        "Zetels: Met de 24 zetels van VVD en die van NSC (20) is er een meerderheid voor "
        "de motie in de Tweede Kamer: 39 voor + 24 + 20 = 83 van de 150 (76 nodig; de 39 "
        "voor: inschatting van Voorbeeld NGO)."
    ) in vvd
    assert "Tweede Kamer: VVD (swing bij 1 van de 1 punt), NSC (1)." in vvd
    assert "VVD: swing bij 1 van de 1 punt: motie-toets" in vvd
    assert (
        "Geen profiel in profiles.yaml: geen inschatting, notities, waarden of stemgedrag; "
        "de briefing weegt alle waarden gelijk."
    ) in vvd
    # The question gets no seat line; PVV, against both, hears why its seats do not count.
    assert vvd.count("Zetels: ") == 2  # the head line and the motion's
    assert (
        "Zetels: Tweede Kamer: nog 37 zetels nodig voor 76 van 150; haalbaar met 2 "
        "fracties; telt als tegen; een ander standpunt verandert de optelling."
    ) in pvv
    assert "Niet in de briefing: PVV is naar verwachting tegen motie-toets, vraag-noodwet" in pvv
    assert "- kaart noodwet (inschatting van Voorbeeld NGO): Er is een noodsituatie." in pvv
    assert "Eerste Kamer:" not in out  # the debate's own chamber only, unless asked


def test_json_has_the_same_items_as_data(tmp_path, capsys, monkeypatch):
    briefs = mini_brief(tmp_path)
    code, out, err = run_in_process(
        capsys, monkeypatch, "prep", "--briefs", str(briefs), "--all", "--format", "json", "--kamer", "both"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["author"] == "Voorbeeld NGO" and len(data["fracties"]) == 15
    d66 = next(f for f in data["fracties"] if f["id"] == "d66")
    motion = next(a for a in d66["asks"] if a["id"] == "motie-toets")
    assert motion["stance"] == {
        "stance": "agrees",
        "word": "eens",
        "basis": "Adviesraad Migratie, ‘Een rapport’, 21 december 2022",
        "source": "rapport",
    }
    assert motion["votable"] and len(motion["seats"]) == 2  # both chambers, as asked
    assert motion["seats"][1].startswith("Eerste Kamer: ")
    question = next(a for a in d66["asks"] if a["id"] == "vraag-noodwet")
    assert not question["votable"] and question["seats"] == []
    assert [c.startswith(("Tweede Kamer: ", "Eerste Kamer: ")) for c in data["calls"]] == [True, True]


def test_a_vote_of_the_previous_kamer_says_so():
    # The Kamer of 22 May 2024 was installed on 6 December 2023.
    sheets = prep(Workspace(brief_id=BRIEF_ID).brief(), ["GL-PvdA"])
    assert (
        sheets.fracties[0]
        .record[0]
        .startswith("Tweede Kamer, 10 oktober 2023 (vorige Kamer), als GroenLinks en PvdA: stemden")
    )


def test_library_returns_plain_data_for_the_chosen_fracties():
    brief = Workspace(brief_id="fnv-2026-02-03").brief()
    sheets = prep(brief, ["d66", "D66", "cda"])
    assert [f.id for f in sheets.fracties] == ["d66", "cda"]
    d66 = sheets.fracties[0]
    assert d66.assessment and "[@" not in d66.assessment  # citations as short references
    assert all("[@" not in line for line in d66.record)
    assert d66.roles[0].startswith("formerende partij")
    # "In de briefing" is what the MP's briefing shows, whatever select() decides.
    from debatbrief.briefing.select import select

    shown = {chosen.ask.id for chosen in select(brief, "d66").asks}
    assert {a.id for a in d66.asks if a.in_briefing} == shown
    assert all(a.left_out for a in d66.asks if not a.in_briefing)
    assert {a.id for a in d66.opposed_asks} == {
        a.id for a in d66.asks if a.stance.stance == "opposes" and a.id not in shown
    }


def test_the_pdf_of_the_day_has_intern_and_the_author_on_every_page(tmp_path, capsys, monkeypatch):
    briefs = mini_brief(tmp_path)
    out_dir = tmp_path / "out"
    code, out, err = run_in_process(
        capsys,
        monkeypatch,
        "prep",
        "--briefs",
        str(briefs),
        "--all",
        "--format",
        "pdf",
        "--out",
        str(out_dir),
    )
    assert code == 0, err
    assert out.strip().endswith("mini/prep.pdf (15 fracties, 15 pagina's)")
    pages = pdf_pages_text(out_dir / "mini" / "prep.pdf")
    assert all(page.count("INTERN") >= 2 and "Voorbeeld NGO · voorbereiding" in page for page in pages)
    # Every machine prints the same sheet: only the bundled faces are embedded.
    from test_printable import _embedded_fonts

    fonts = _embedded_fonts(out_dir / "mini" / "prep.pdf")
    assert fonts and all(name.startswith("Debatbrief") for name in fonts), fonts
    # One fractie per page, in the Kamer's order.
    assert [page.split("INTERN · VOORBEREIDING ")[1].split()[0] for page in pages][:3] == [
        "PVV",
        "GL-PvdA",
        "VVD",
    ]
    code, out, err = run_in_process(
        capsys,
        monkeypatch,
        "prep",
        "--briefs",
        str(briefs),
        "--fractie",
        "VVD",
        "--format",
        "pdf",
        "--out",
        str(out_dir),
    )
    assert code == 0 and out.strip().endswith("mini/prep-vvd.pdf (1 fractie, 1 pagina)")
    first = (out_dir / "mini" / "prep-vvd.pdf").read_bytes()
    text = pdf_pages_text(out_dir / "mini" / "prep-vvd.pdf")[0]
    assert "Met de 24 zetels van VVD en die van NSC (20) is er een meerderheid" in text
    # Same input, same bytes.
    run_in_process(
        capsys,
        monkeypatch,
        "prep",
        "--briefs",
        str(briefs),
        "--fractie",
        "VVD",
        "--format",
        "pdf",
        "--out",
        str(out_dir),
    )
    assert (out_dir / "mini" / "prep-vvd.pdf").read_bytes() == first


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "Geef --fractie X of --all (één van beide)."),
        (("--all", "--fractie", "PVV"), "Geef --fractie X of --all (één van beide)."),
    ],
)
def test_choose_fracties_or_all(capsys, monkeypatch, args, message):
    code, out, err = run_in_process(capsys, monkeypatch, "prep", "--brief", BRIEF_ID, *args)
    assert code == 2 and out == "" and err.strip() == message


def test_an_unknown_fractie_names_the_closest(capsys, monkeypatch):
    code, out, err = run_in_process(capsys, monkeypatch, "prep", "--brief", BRIEF_ID, "--fractie", "PVVV")
    assert code == 2 and out == ""
    assert err.startswith("Onbekende fractie 'PVVV'. Bedoelde u PVV?")
    assert len(err.strip().splitlines()) == 1


def test_a_brief_without_asks_still_gets_its_sheet(tmp_path, capsys, monkeypatch):
    briefs = mini_brief(tmp_path, asks="", stances="- fractie: pvv\n  claims: {noodwet: raises}\n")
    code, out, err = run_in_process(capsys, monkeypatch, "prep", "--briefs", str(briefs), "--fractie", "PVV")
    assert code == 0, err
    assert "Wat wij vragen" in out and "Verwachte claims van PVV (1)" in out


def test_an_unreachable_motion_is_said_once(tmp_path, capsys, monkeypatch):
    # Everyone opposes the motion except D66 (9, sourced): 9 of 150 at most.
    briefs = mini_brief(
        tmp_path,
        stances="- fractie: d66\n  asks: {motie-toets: {stance: "
        "agrees, source: rapport}}\n- fractie: pvv\n  asks: "
        "{motie-toets: opposes}\n- fractie: vvd\n  asks: "
        "{motie-toets: opposes}\n- fractie: gl-pvda\n  asks: "
        "{motie-toets: opposes}\n- fractie: nsc\n  asks: "
        "{motie-toets: opposes}\n",
    )
    sheets = prep(Workspace(briefs_dir=briefs, brief_id="mini").brief(), ["D66"])
    motion = next(a for a in sheets.fracties[0].asks if a.id == "motie-toets")
    # voor 9 (D66) + onbekend 35 = 44: the outcome once, not again as the "why".
    assert motion.seats == (
        "Tweede Kamer: geen meerderheid te halen: ook met alle onbekende fracties 44 van 150 (76 nodig).",
    )
