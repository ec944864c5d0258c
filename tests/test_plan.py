"""``debatbrief plan``: seats per chamber, majorities, swing fracties, bars and hemicycles.

The arithmetic is checked on a planted stance table (a copy of the first brief with a
stances.yaml written here, and six of its questions turned into motions beside its own
motion m-spreidingswet, which the planted table leaves unknown: only a votable ask is
counted), every expected number worked out by hand in the comments.
The Tweede Kamer of 22 May 2024 has PVV 37, GL-PvdA 25, VVD 24, NSC 20, D66 9, BBB 7,
CDA 5, SP 5, FVD 3, PvdD 3, CU 3, SGP 3, DENK 3, Volt 2, JA21 1 (150; majority 76); the
Eerste Kamer of that date BBB 16, GL-PvdA 14, VVD 10, CDA 6, D66 5, PVV 4, SP 3, CU 3,
PvdD 3, JA21 3, SGP 2, Volt 2, FVD 2, OPNL 1, 50PLUS 1 (75; majority 38).
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from helpers import BRIEF_ID, ROOT, run_cli

from debatbrief.commands.workspace import Workspace
from debatbrief.plan.seats import as_dict, majority, plan, seat_note, smallest_sets, why

BRIEF_IDS = sorted(p.name for p in (ROOT / "briefs").iterdir() if (p / "brief.yaml").exists())

# The planted table. Asks (ids of the first brief):
#   A v-noodsituatie           open, two single-fractie sets
#   B v-hof-litouwen           at best 75-75: a tie
#   C v-spreiding-alternatief  75-75 with every stance known: a tie
#   D v-opt-out-lidstaten      unreachable
#   E v-kosten-procedures      open, two-fractie sets; CDA opposes it in the Eerste Kamer only
#   F v-aanzuigende-werking    a majority already, with fracties it cannot lose
A, B, C, D, E, F = (
    "v-noodsituatie",
    "v-hof-litouwen",
    "v-spreiding-alternatief",
    "v-opt-out-lidstaten",
    "v-kosten-procedures",
    "v-aanzuigende-werking",
)
TABLE = {  # fractie: stances on A..F (a = agrees, o = opposes, u = unknown)
    "pvv": "oaaooa",
    "gl-pvda": "aooaao",
    "vvd": "uaaooa",
    "nsc": "uoooua",
    "d66": "aooaao",
    "bbb": "uaaoua",
    "cda": "aooouo",
    "sp": "aoouao",
    "fvd": "oaaooo",
    "pvdd": "aoouao",
    "cu": "aoooao",
    "sgp": "uaaouo",
    "denk": "aoooao",
    "volt": "aoooao",
    "ja21": "auaoao",
}
WORDS = {"a": "agrees", "o": "opposes", "u": "unknown"}


def planted_stances() -> str:
    lines = []
    for fractie, row in TABLE.items():
        lines.append(f"- fractie: {fractie}\n  asks:")
        for ask, letter in zip((A, B, C, D, E, F), row, strict=True):
            if fractie == "pvv" and ask == F:  # one sourced stance
                lines.append(f"    {ask}: {{stance: raises, source: hoofdlijnenakkoord-2024}}")
            else:
                lines.append(f"    {ask}: {WORDS[letter]}")
    # In the Eerste Kamer CDA opposes E (it is unknown in the Tweede Kamer).
    lines.append(f"- fractie: cda\n  chamber: eerste-kamer\n  asks:\n    {E}: opposes")
    return "\n".join(lines) + "\n"


def as_motions(text: str, ask_ids) -> str:
    """brief.yaml with the asks ``ask_ids`` turned into motions."""
    for ask_id in ask_ids:
        text, count = re.subn(rf"(- id: {ask_id}\n\s+kind: )\w+", r"\1motion", text)
        assert count == 1, ask_id
    return text


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Workspace:
    """A copy of the first brief and the Kamer data with the planted stances.yaml and A..F
    as motions."""
    root = tmp_path_factory.mktemp("planted")
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, root / "briefs" / BRIEF_ID)
    shutil.copytree(ROOT / "kamers", root / "kamers")
    folder = root / "briefs" / BRIEF_ID
    (folder / "stances.yaml").write_text(planted_stances(), encoding="utf-8")
    meta = folder / "brief.yaml"
    meta.write_text(as_motions(meta.read_text(encoding="utf-8"), (A, B, C, D, E, F)), encoding="utf-8")
    return Workspace(briefs_dir=root / "briefs", brief_id=BRIEF_ID, out_dir=root / "out")


@pytest.fixture(scope="module")
def result(planted):
    return plan(planted.brief(), kamer="both")


def chamber(result, ask_id, kind="tweede-kamer"):
    return next(a for a in result.asks if a.ask.id == ask_id).chamber(kind)


def names(swing_set):
    return [f.abbreviation for f in swing_set.fracties]


# --- The seat data ----------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "kamers").glob("*.yaml")), ids=lambda p: p.stem)
def test_seats_of_every_kamer_file_sum_to_the_chamber_size(path):
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    size = {"tweede-kamer": 150, "eerste-kamer": 75}[data["kind"]]
    assert data["seats"] == size
    assert sum(f["zetels"] for f in data["fracties"]) == size, path.name
    assert data["id"] == path.stem and data["date"].isoformat() in path.stem


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_each_brief_names_both_chambers_on_its_debate_date(brief_id):
    brief = Workspace(brief_id=brief_id).brief()
    assert brief.eerste_kamer is not None
    for kamer in (brief.kamer, brief.eerste_kamer):
        assert kamer.date == brief.meta.debate.date
        assert sum(f.zetels for f in kamer.fracties) == kamer.seats
    assert (brief.kamer.seats, brief.eerste_kamer.seats) == (150, 75)


def test_a_party_in_both_chambers_has_one_id():
    # GroenLinks and PvdA sit as one fractie in both chambers in 2024; fracties present in
    # one chamber only are allowed (NSC and DENK have no senators, OPNL and 50PLUS no MPs).
    brief = Workspace(brief_id=BRIEF_ID).brief()
    tk = {f.id for f in brief.kamer.fracties}
    ek = {f.id for f in brief.eerste_kamer.fracties}
    assert {"gl-pvda", "pvv", "vvd", "bbb", "cda", "d66"} <= tk & ek
    assert {"nsc", "denk"} <= tk - ek and {"opnl", "50plus"} <= ek - tk


# --- The arithmetic ---------------------------------------------------------------------


def test_majority_is_more_than_half():
    assert (majority(150), majority(75), majority(2), majority(1)) == (76, 38, 2, 1)


def test_open_vote_with_two_single_fractie_sets(result):
    # A: voor GL-PvdA 25 + D66 9 + CDA 5 + SP 5 + PvdD 3 + CU 3 + DENK 3 + Volt 2 + JA21 1
    # = 56; onbekend VVD 24 + NSC 20 + BBB 7 + SGP 3 = 54; tegen PVV 37 + FVD 3 = 40.
    # 76 - 56 = 20 short: VVD alone (80) or NSC alone (76, exactly enough).
    c = chamber(result, A)
    assert (c.voor, c.onbekend, c.tegen, c.needed, c.short) == (56, 54, 40, 76, 20)
    assert c.outcome == "open" and c.set_size == 1 and c.set_count == 2
    assert [names(s) for s in c.sets] == [["VVD"], ["NSC"]]
    assert [s.total for s in c.sets] == [80, 76]
    assert [s.fractie.abbreviation for s in c.swing] == ["VVD", "NSC"]
    assert c.summary == "Nog 20 zetels nodig voor 76 van 150; haalbaar met 1 fractie."


def test_a_tie_at_best_is_no_majority(result):
    # B: voor PVV 37 + VVD 24 + BBB 7 + SGP 3 + FVD 3 = 74; JA21 (1) unknown; tegen 75.
    # Even with JA21: 75 against 75, the stemmen staken.
    c = chamber(result, B)
    assert (c.voor, c.onbekend, c.tegen) == (74, 1, 75)
    assert c.outcome == "staken" and c.sets == () and c.swing == ()
    assert c.summary == ("Hoogstens 75 tegen 75: de stemmen staken, dat is geen meerderheid (76 nodig).")


def test_an_exact_tie_with_every_stance_known_is_no_majority(result):
    # C: as B with JA21 voor: 75-75, nobody unknown.
    c = chamber(result, C)
    assert (c.voor, c.onbekend, c.tegen, c.outcome) == (75, 0, 75, "staken")


def test_an_unreachable_majority_has_no_swing(result):
    # D: voor GL-PvdA 25 + D66 9 = 34; SP 5 and PvdD 3 unknown; 34 + 8 = 42 < 76.
    c = chamber(result, D)
    assert (c.voor, c.onbekend, c.tegen, c.outcome) == (34, 8, 108, "onhaalbaar")
    assert c.sets == () and c.swing == ()
    assert c.summary == ("Geen meerderheid te halen: ook met alle onbekende fracties 42 van 150 (76 nodig).")


def test_two_fractie_sets_and_why_each_fractie_counts(result):
    # E: voor GL-PvdA 25 + D66 9 + SP 5 + PvdD 3 + CU 3 + DENK 3 + Volt 2 + JA21 1 = 51;
    # onbekend NSC 20, BBB 7, CDA 5, SGP 3 (35); tegen PVV 37 + VVD 24 + FVD 3 = 64.
    # Short 25. No fractie alone; pairs: NSC+BBB 27 and NSC+CDA 25 reach it, NSC+SGP 23
    # and BBB+CDA 12 do not. NSC is in both sets and without it even BBB+CDA+SGP (15) fall
    # short; BBB can be replaced (NSC+CDA); SGP is in no smallest set: with it 3 are needed.
    c = chamber(result, E)
    assert (c.voor, c.onbekend, c.tegen, c.short) == (51, 35, 64, 25)
    assert [names(s) for s in c.sets] == [["NSC", "BBB"], ["NSC", "CDA"]]
    assert [(s.seats, s.total) for s in c.sets] == [(27, 78), (25, 76)]
    assert [(s.fractie.abbreviation, s.sets, s.without) for s in c.swing] == [
        ("NSC", 2, None),
        ("BBB", 1, 2),
        ("CDA", 1, 2),
    ]
    assert why(c, "nsc") == [
        "telt als swing",
        "standpunt onbekend; 20 zetels in de Tweede Kamer",
        "in 2 van de 2 kleinste combinaties (2 fracties) die de 76 halen",
        "met 51 (voor) + NSC 20 + BBB 7 = 78 van 150 (76 nodig)",
        "zonder deze fractie is er geen meerderheid te halen",
    ]
    assert why(c, "sgp") == [
        "standpunt onbekend; 3 zetels",
        "niet in de kleinste combinaties (2 fracties); met deze fractie erbij zijn er 3 nodig",
    ]
    assert why(c, "pvv") == [
        "standpunt tegen (inschatting); 37 zetels",
        "telt als tegen; een ander standpunt verandert de optelling",
    ]


def test_a_chamber_override_changes_only_that_chamber(result):
    # E in the Eerste Kamer, CDA opposes there: voor GL-PvdA 14 + D66 5 + SP 3 + PvdD 3 +
    # CU 3 + Volt 2 + JA21 3 = 33; onbekend BBB 16, SGP 2, OPNL 1, 50PLUS 1 (20; no stance
    # for OPNL and 50PLUS, which have no MPs); tegen PVV 4 + VVD 10 + FVD 2 + CDA 6 = 22.
    # Short 38 - 33 = 5: only BBB alone. (Without the override CDA's 6 would be a second set.)
    c = chamber(result, E, "eerste-kamer")
    assert (c.voor, c.onbekend, c.tegen, c.needed, c.short) == (33, 20, 22, 38, 5)
    assert [names(s) for s in c.sets] == [["BBB"]]
    assert c.position("cda").vote == "tegen" and chamber(result, E).position("cda").vote == "onbekend"
    assert c.position("opnl").vote == "onbekend" and c.position("nsc") is None
    assert why(c, "nsc") == ["heeft geen zetels in de Eerste Kamer"]


def test_a_secured_majority_names_the_fracties_it_cannot_lose(result):
    # F: voor PVV 37 + VVD 24 + NSC 20 + BBB 7 = 88; losing more than 12 seats loses it:
    # PVV, VVD and NSC are indispensable, BBB (88 - 7 = 81) is not.
    c = chamber(result, F)
    assert (c.voor, c.outcome, c.short) == (88, "meerderheid", 0)
    assert [f.abbreviation for f in c.pivotal] == ["PVV", "VVD", "NSC"]
    assert c.summary == "Meerderheid voor: 88 van 150 (76 nodig)."
    assert why(c, "nsc")[1] == "onmisbaar: zonder NSC 88 - 20 = 68, minder dan 76"
    pvv = c.position("pvv").stance
    assert (pvv.stance, pvv.source) == ("raises", "hoofdlijnenakkoord-2024")


def test_smallest_sets_are_all_sets_of_the_fewest_fracties():
    from debatbrief.brief.models import Fractie

    def fr(i, seats):
        return Fractie(id=f"f{i}", abbreviation=f"F{i}", name=f"F{i}", zetels=seats)

    fracties = [fr(1, 5), fr(2, 4), fr(3, 3), fr(4, 3), fr(5, 1)]
    # 7 short: one fractie is not enough (largest 5); pairs reaching 7: 5+4, 5+3, 5+3, 4+3, 4+3.
    size, sets = smallest_sets(fracties, 7)
    assert size == 2
    assert sorted(tuple(f.id for f in s) for s in sets) == sorted(
        [("f1", "f2"), ("f1", "f3"), ("f1", "f4"), ("f2", "f3"), ("f2", "f4")]
    )
    assert smallest_sets(fracties, 17) == (0, [])  # all of them make 16
    assert smallest_sets(fracties, 0) == (0, [])


def test_json_has_every_fractie_with_its_stance_and_basis(planted):
    out = run_cli(
        "plan",
        "--briefs",
        str(planted.briefs),
        "--brief",
        BRIEF_ID,
        "--ask",
        E,
        "--ask",
        F,
        "--format",
        "json",
        "--fractie",
        "nsc",
        "--kamer",
        "both",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [a["id"] for a in data["asks"]] == [E, F] and data["fractie"] == "nsc"
    tk, ek = data["asks"][0]["chambers"]
    assert (tk["chamber"], tk["seats"], tk["needed"], ek["seats"], ek["needed"]) == (
        "tweede-kamer",
        150,
        76,
        75,
        38,
    )
    assert len(tk["positions"]) == 15 and len(ek["positions"]) == 15
    assert tk["smallest_sets"] == [
        {"fracties": ["nsc", "bbb"], "seats": 27, "total": 78},
        {"fracties": ["nsc", "cda"], "seats": 25, "total": 76},
    ]
    assert tk["why"][0] == "telt als swing" and ek["why"] == ["heeft geen zetels in de Eerste Kamer"]
    pvv = next(p for p in data["asks"][1]["chambers"][0]["positions"] if p["fractie"] == "pvv")
    assert pvv == {
        "fractie": "pvv",
        "abbreviation": "PVV",
        "zetels": 37,
        "vote": "voor",
        "stance": "raises",
        "source": "hoofdlijnenakkoord-2024",
        "estimate": False,
    }


# --- In the briefing --------------------------------------------------------------------


def test_the_seat_sentence_says_what_the_fracties_seats_do_and_whose_estimate_it_is(planted):
    brief = planted.brief()
    assert seat_note(brief, "nsc", A) == (
        "Met de 20 zetels van NSC is er een meerderheid voor de motie in de Tweede Kamer: "
        "56 voor + 20 = 76 van de 150 (76 nodig; de 56 voor: inschatting van "
        "VluchtelingenWerk)."
    )
    assert seat_note(brief, "nsc", E) == (
        "Met de 20 zetels van NSC en die van BBB (7) is er een meerderheid voor de motie in de "
        "Tweede Kamer: 51 voor + 20 + 7 = 78 van de 150 (76 nodig; de 51 voor: inschatting "
        "van VluchtelingenWerk)."
    )
    # In the Eerste Kamer (CDA opposes E there) BBB alone makes it: 33 + 16 = 49 of 75.
    assert seat_note(brief, "bbb", E, brief.eerste_kamer) == (
        "Met de 16 zetels van BBB is er een meerderheid voor de motie in de Eerste Kamer: "
        "33 voor + 16 = 49 van de 75 (38 nodig; de 33 voor: inschatting van "
        "VluchtelingenWerk)."
    )
    # Not swing: supports it already (GL-PvdA), opposes it (PVV), in no smallest set (SGP),
    # a tie (B), a majority already (F); and a question is never counted.
    for fractie, ask in (
        ("gl-pvda", A),
        ("pvv", A),
        ("sgp", E),
        ("ja21", B),
        ("bbb", F),
        ("nsc", "v-non-refoulement"),
    ):
        assert seat_note(brief, fractie, ask) is None, (fractie, ask)
    for sentence in (seat_note(brief, "nsc", A), seat_note(brief, "nsc", E)):
        assert "uw " not in sentence.casefold() and "onze" not in sentence.casefold()


# --- Pictures ---------------------------------------------------------------------------


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_every_hemicycle_has_one_seat_per_member(brief_id):
    from debatbrief.commands.plan import chamber_svg

    brief = Workspace(brief_id=brief_id).brief()
    for ask_plan in plan(brief).asks:
        for c in ask_plan.chambers:
            svg = chamber_svg(c, 30)
            assert svg.count('class="seat"') == c.seats == sum(f.zetels for f in c.kamer.fracties)


def test_hemicycle_groups_hold_the_counted_seats(result):
    from debatbrief.commands.plan import chamber_svg

    c = chamber(result, E)
    svg = chamber_svg(c, 30)
    groups = re.findall(r'<g class="(\w+)">(.*?)</g>', svg)
    count = {}
    for vote, body in groups:
        count[vote] = count.get(vote, 0) + body.count('class="seat"')
    # voor 51; swing NSC 20 + BBB 7 + CDA 5 = 32; onbekend SGP 3; tegen 64.
    assert count == {"voor": 51, "swing": 32, "onbekend": 3, "tegen": 64}
    assert [v for v, _ in groups][:1] == ["voor"] and groups[-1][0] == "tegen"
    assert "<title>NSC (20 zetels, swing)</title>" in svg


def test_terminal_view_fits_60_columns_and_is_plain_in_a_pipe(planted):
    out = run_cli(
        "plan", "--briefs", str(planted.briefs), "--brief", BRIEF_ID, "--kamer", "both", env={"COLUMNS": "60"}
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "\x1b[" not in out.stdout
    assert "+ voor  * swing  ? onbekend  - tegen  | meerderheid" in lines
    # A's bar: 56 voor, 27 swing... in 50 cells with the majority mark in the middle.
    bar_lines = [line.strip() for line in lines if re.fullmatch(r"\s*[-+*?|]{40,}", line)]
    # Seven motions, two chambers: A..F and the brief's own m-spreidingswet (no stances in the
    # planted table, so all unknown).
    assert len(bar_lines) == 2 * 7
    assert all(line.count("|") == 1 and line.index("|") == 25 for line in bar_lines)
    # The ask ids are too long for one overview line at 60 columns: the verdicts go below.
    index = lines.index(" 5 v-kosten-procedures")
    assert lines[index + 1] == "   TK nog 25 nodig · EK nog 5 nodig"
    # Whom to call: over A and E, NSC is swing twice, VVD, BBB and CDA once (most seats first).
    out = run_cli(
        "plan",
        "--briefs",
        str(planted.briefs),
        "--brief",
        BRIEF_ID,
        "--ask",
        A,
        "--ask",
        E,
        "--kamer",
        "both",
        env={"COLUMNS": "60"},
    )
    assert (
        "Eerst bellen in de Tweede Kamer: NSC (swing bij 2 van de 2 punten), VVD (1), BBB (1)."
    ) in " ".join(out.stdout.split())


def test_terminal_view_at_100_columns_names_sets_and_labels_every_stance(planted):
    out = run_cli(
        "plan",
        "--briefs",
        str(planted.briefs),
        "--brief",
        BRIEF_ID,
        "--ask",
        E,
        "--kamer",
        "tk",
        env={"COLUMNS": "100"},
    )
    assert out.returncode == 0, out.stderr
    assert "     NSC 20 + BBB 7: 51 + 27 = 78" in out.stdout
    assert (
        "   voor (inschatting): GL-PvdA 25, D66 9, SP 5, PvdD 3, CU 3, DENK 3, Volt 2, JA21 1" in out.stdout
    )
    assert "   onbekend: NSC 20, BBB 7, CDA 5, SGP 3" in out.stdout
    assert "Eerste Kamer" not in out.stdout.split("Overzicht")[1]


def test_plan_pdf_is_one_page_with_text_inside_the_page(tmp_path, planted, monkeypatch):
    from pypdf import PdfReader

    from debatbrief.briefing.pdf import Engine
    from debatbrief.commands.plan import render_plan_html

    # The layout each `plan` run printed, kept to read its boxes (not laid out again).
    laid_out = []
    lay_out = Engine.document

    def recording(self, *args, **kwargs):
        laid_out.append(lay_out(self, *args, **kwargs))
        return laid_out[-1]

    monkeypatch.setattr(Engine, "document", recording)
    engine = Engine()
    spaces = [Workspace(brief_id=b) for b in BRIEF_IDS] + [planted]
    for number, ws in enumerate(spaces):
        brief_id = ws.brief().id
        out = run_cli(
            "plan",
            "--briefs",
            str(ws.briefs),
            "--brief",
            brief_id,
            "--format",
            "pdf",
            "--out",
            str(tmp_path / str(number)),
        )
        assert out.returncode == 0, out.stderr
        asks = ws.brief().meta.asks
        votable = sum(a.votable for a in asks)
        assert out.stdout.strip().endswith(
            f"plan.pdf ({votable} met telling, {len(asks) - votable} zonder; 1 pagina)"
        )
        path = tmp_path / str(number) / brief_id / "plan.pdf"
        reader = PdfReader(path)
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert "Meerderheden per punt" in text
        assert "Eerste Kamer" not in text  # a Tweede Kamer debate, no --kamer
        assert ("76 van 150" in text) == bool(votable)
        assert "Vragen en toezeggingen (geen stemming, dus geen zeteltelling)" in text
        (document,) = laid_out
        laid_out.clear()
        assert len(document.pages) == 1
        assert _boxes_inside_the_page(document.pages[0]._page_box, brief_id) > 40
    # Both chambers: two hemicycles per motion, and the texts still fit beside them.
    both = plan(planted.brief(), kamer="both")
    document = engine.document(
        render_plan_html(planted.brief(), both, planted.templates), planted.templates, [planted.templates]
    )
    assert len(document.pages) == 1
    assert _boxes_inside_the_page(document.pages[0]._page_box, "both") > 100


def _boxes_inside_the_page(page_box, brief_id) -> int:
    """Check that every text and SVG box lies inside its area; returns how many."""
    page = (0, 0, page_box.margin_width(), page_box.margin_height())
    body = (
        page_box.margin_left,
        page_box.margin_top,
        page[2] - page_box.margin_right,
        page[3] - page_box.margin_bottom,
    )
    checked = 0
    for box, (left, top, right, bottom) in _printed_boxes(page_box, body, page):
        assert left - 0.5 <= box.position_x and box.position_x + box.width <= right + 0.5, (
            brief_id,
            getattr(box, "text", box),
        )
        assert top - 0.5 <= box.position_y and box.position_y + box.height <= bottom + 0.5, (
            brief_id,
            getattr(box, "text", box),
        )
        checked += 1
    return checked


def _printed_boxes(box, area, page):
    """Text and SVG boxes with the area they must stay in: the body's for the page's
    content, the whole page for the running footer (margin boxes)."""
    if type(box).__name__ == "MarginBox":
        area = page
    if (type(box).__name__ == "TextBox" and box.text.strip()) or getattr(box, "element_tag", None) == "svg":
        yield box, area
    for child in getattr(box, "children", None) or []:
        yield from _printed_boxes(child, area, page)


# --- The command line -------------------------------------------------------------------


def test_unknown_ask_names_the_closest_and_exits_2():
    out = run_cli("plan", "--ask", "v-noodsitatie")
    assert out.returncode == 2
    assert out.stderr.startswith(
        "Onbekende ask 'v-noodsitatie'. Bedoelde u v-noodsituatie? Kies uit: v-noodsituatie, "
    )
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_brief_without_senate_data_says_so(tmp_path):
    root = tmp_path
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, root / "briefs" / BRIEF_ID)
    shutil.copytree(ROOT / "kamers", root / "kamers")
    meta = root / "briefs" / BRIEF_ID / "brief.yaml"
    meta.write_text(re.sub(r"\n  eerste_kamer: .*", "", meta.read_text(encoding="utf-8")), encoding="utf-8")
    out = run_cli("plan", "--briefs", str(root / "briefs"), "--kamer", "ek")
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "De brief noemt geen Eerste Kamer: voeg debate.eerste_kamer "
        "toe aan brief.yaml (een bestand in kamers/)."
    )
    out = run_cli("plan", "--briefs", str(root / "briefs"), "--format", "json", "--kamer", "both")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    # The brief has a motion (m-spreidingswet), so the only note is the missing Senate.
    assert data["notes"] == [
        "De brief noemt geen Eerste Kamer: voeg debate.eerste_kamer "
        "toe aan brief.yaml (een bestand in kamers/); alleen de "
        "Tweede Kamer."
    ]
    assert all(len(a["chambers"]) == 1 for a in data["asks"])


def test_plan_as_dict_of_the_shipped_briefs_is_consistent():
    # Whatever the shipped stances are: the counts add up to the chamber, the outcome
    # follows from them, and every smallest set reaches the majority.
    for brief_id in BRIEF_IDS:
        data = as_dict(plan(Workspace(brief_id=brief_id).brief()))
        for ask in data["asks"]:
            for c in ask["chambers"]:
                assert c["voor"] + c["tegen"] + c["onbekend"] == c["seats"]
                assert sum(p["zetels"] for p in c["positions"]) == c["seats"]
                expected = (
                    "meerderheid"
                    if c["voor"] >= c["needed"]
                    else "open"
                    if c["voor"] + c["onbekend"] >= c["needed"]
                    else "staken"
                    if 2 * (c["voor"] + c["onbekend"]) == c["seats"]
                    else "onhaalbaar"
                )
                assert c["outcome"] == expected
                for s in c["smallest_sets"]:
                    assert len(s["fracties"]) == c["smallest_set_size"]
                    assert s["total"] == c["voor"] + s["seats"] >= c["needed"]


def test_plan_has_help():
    out = run_cli("plan", "--help")
    assert out.returncode == 0 and "--kamer" in out.stdout and "--ask" in out.stdout


# --- Only votable asks are counted (a small brief with one motion) ----------------------

MINI_ASKS = """
asks:
  - id: motie-toets
    kind: motion
    text: >-
      Verzoekt de regering elk voorstel uit het akkoord vooraf te laten toetsen door de
      Raad van State en de uitvoeringsorganisaties, en de Kamer over de uitkomst te
      informeren voordat een wetsvoorstel wordt ingediend, zodat de Kamer weet wat het
      voorstel kost en of het standhoudt bij de rechter, ook als dat lang duurt.
    values: [rechtsstaat]
  - id: vraag-noodwet
    kind: question
    text: Op welke feiten baseert u een noodsituatie?
    values: [rechtsstaat]
"""
MINI_STANCES = """
- fractie: pvv
  subject: raises
  claims: {noodwet: raises}
  asks: {motie-toets: opposes, vraag-noodwet: opposes}
- fractie: gl-pvda
  asks: {motie-toets: agrees}
- fractie: d66
  asks: {motie-toets: {stance: agrees, source: rapport}}
- fractie: sp
  asks: {motie-toets: agrees}
"""


def mini_brief(root, asks: str = MINI_ASKS, senate: bool = True, stances: str = MINI_STANCES):
    """tests/briefs/mini (with the Kamer data) under ``root``, with ``asks`` and
    ``stances``; returns the ``--briefs`` folder."""
    folder = root / "briefs" / "mini"
    shutil.copytree(ROOT / "tests" / "briefs" / "mini", folder)
    shutil.copytree(ROOT / "kamers", root / "kamers")
    meta = folder / "brief.yaml"
    text = meta.read_text(encoding="utf-8")
    if senate:
        text = text.replace(
            "  kamer: tweede-kamer-2024-05-22\n",
            "  kamer: tweede-kamer-2024-05-22\n  eerste_kamer: eerste-kamer-2024-05-22\n",
        )
    meta.write_text(text + asks, encoding="utf-8")
    (folder / "stances.yaml").write_text(stances, encoding="utf-8")
    return root / "briefs"


def run_in_process(capsys, monkeypatch, *args: str, columns: int = 100):
    """``debatbrief *args`` in this process: (exit code, stdout, stderr)."""
    from debatbrief.cli import app as cli

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", str(columns))
    try:
        cli.main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_plan_counts_only_the_motion_in_the_debates_own_chamber(tmp_path, capsys, monkeypatch):
    # voor GL-PvdA 25 + D66 9 + SP 5 = 39; tegen PVV 37; short 76 - 39 = 37: no single
    # unknown fractie has 37; of the pairs only VVD 24 + NSC 20 = 44 reaches it (83).
    briefs = mini_brief(tmp_path)
    code, out, err = run_in_process(capsys, monkeypatch, "plan", "--briefs", str(briefs))
    assert code == 0, err
    text = " ".join(out.split())
    assert "1 motie-toets TK nog 37 nodig" in text
    assert "Eerst bellen in de Tweede Kamer: VVD (swing bij 1 van de 1 punt), NSC (1)." in text
    assert "Eerste Kamer" not in out  # a Tweede Kamer debate: the Senate only when asked
    assert "VVD 24 + NSC 20: 39 + 44 = 83" in text
    # The question is listed with its text, without a count.
    unvoted = out.split("Vragen en toezeggingen (geen stemming, dus geen zeteltelling)")[1]
    assert "- vraag-noodwet (vraag): Op welke feiten baseert u een noodsituatie?" in unvoted
    assert "voor" not in unvoted and "nodig" not in unvoted
    code, out, err = run_in_process(capsys, monkeypatch, "plan", "--briefs", str(briefs), "--format", "json")
    data = json.loads(out)
    assert [a["id"] for a in data["asks"]] == ["motie-toets"]
    assert [c["chamber"] for c in data["asks"][0]["chambers"]] == ["tweede-kamer"]
    assert data["not_voted"] == [
        {"id": "vraag-noodwet", "kind": "question", "text": "Op welke feiten baseert u een noodsituatie?"}
    ]


def test_the_senate_is_counted_when_asked_for(tmp_path, capsys, monkeypatch):
    briefs = mini_brief(tmp_path)
    code, out, err = run_in_process(
        capsys, monkeypatch, "plan", "--briefs", str(briefs), "--kamer", "both", "--format", "json"
    )
    assert code == 0, err
    chambers = json.loads(out)["asks"][0]["chambers"]
    assert [(c["chamber"], c["needed"]) for c in chambers] == [("tweede-kamer", 76), ("eerste-kamer", 38)]
    code, out, err = run_in_process(capsys, monkeypatch, "plan", "--briefs", str(briefs), "--kamer", "ek")
    assert code == 0, err
    assert "Eerst bellen in de Eerste Kamer" in " ".join(out.split())
    assert "Tweede Kamer:" not in out


@pytest.mark.parametrize("columns", [60, 120])
def test_why_lines_end_in_one_full_stop(tmp_path, capsys, monkeypatch, columns):
    # A second motion nobody can carry: PVV 37, VVD 24 and NSC 20 oppose it (81 tegen), so
    # its "why" ends in the outcome's sentence, which once gave "(76 nodig).."
    briefs = mini_brief(
        tmp_path,
        MINI_ASKS
        + """  - id: motie-klein
    kind: motion
    text: Verzoekt de regering de opvang te verbeteren.
    values: [kosten]
""",
        stances=MINI_STANCES.replace(
            "motie-toets: opposes, vraag", "motie-toets: opposes, motie-klein: opposes, vraag"
        )
        + """- fractie: vvd
  asks: {motie-klein: opposes}
- fractie: nsc
  asks: {motie-klein: opposes}
""",
    )
    for fractie in ("PVV", "VVD", "SGP", "D66"):
        code, out, err = run_in_process(
            capsys, monkeypatch, "plan", "--briefs", str(briefs), "--fractie", fractie, columns=columns
        )
        assert code == 0, err
        assert max(len(line) for line in out.splitlines()) <= columns
        text = " ".join(out.split())
        assert text.count("Waarom: ") == 2
        assert "Geen meerderheid te halen" in text and ".." not in text


def test_a_brief_without_a_votable_ask_says_so_and_lists_the_asks(tmp_path, capsys, monkeypatch):
    briefs = mini_brief(tmp_path, MINI_ASKS.replace("kind: motion", "kind: commitment"))
    code, out, err = run_in_process(capsys, monkeypatch, "plan", "--briefs", str(briefs), columns=200)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[2] == (
        "Geen van de punten van de brief is een motie, amendement of "
        "stemming; vragen en toezeggingen krijgen geen zeteltelling."
    )
    assert "- motie-toets (toezegging): Verzoekt de regering" in out
    assert "- vraag-noodwet (vraag):" in out
    assert "nodig" not in out and "Eerst bellen" not in out
    # A question asked for by id is listed, not counted, with the same one line.
    code, out, err = run_in_process(
        capsys, monkeypatch, "plan", "--briefs", str(briefs), "--ask", "vraag-noodwet", columns=200
    )
    assert code == 0 and out.splitlines()[2].startswith("Geen van de gekozen punten is een")


def test_the_plan_pdf_prints_a_long_ask_whole(tmp_path):
    from pypdf import PdfReader

    from debatbrief.plan.seats import plain_text

    briefs = mini_brief(tmp_path)
    out = run_cli("plan", "--briefs", str(briefs), "--format", "pdf", "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("plan.pdf (1 met telling, 1 zonder; 1 pagina)")
    text = " ".join(PdfReader(tmp_path / "out" / "mini" / "plan.pdf").pages[0].extract_text().split())
    motion = Workspace(briefs_dir=briefs, brief_id="mini").brief().meta.asks[0]
    assert plain_text(motion.text) in text.replace("- ", "-")
    assert "…" not in text and "..." not in text
    assert "Eerste Kamer" not in text and "76 van 150" in text
