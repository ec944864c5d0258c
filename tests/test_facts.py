"""The shipped brief says what its sources say (issue 11): the values an opposing fractie's
staff would check first, as printed on paper."""

from __future__ import annotations

import re

import pytest

from debatbrief.briefing.render import render_briefing
from debatbrief.briefing.select import select
from debatbrief.commands.errata import errata


def _paper(brief, workspace, fractie: str, topics: list[str]) -> str:
    html = render_briefing(brief, select(brief, fractie, topics), workspace.templates)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _all_prose(brief) -> str:
    parts = [
        a.kernzin + " " + a.reasoning + " " + " ".join(x.text for x in a.angles) for a in brief.arguments
    ]
    parts += [" ".join((c.rebuttal, c.evidence, c.say)) for c in brief.cards]
    parts += [m.text for m in brief.meta.messages] + [a.text for a in brief.meta.asks]
    return " ".join(" ".join(parts).split())


def test_nareis_distinguishes_refugees_from_subsidiary_protection(brief, workspace):
    # Item 1: the Family Reunification Directive's art. 12 protects recognised refugees;
    # subsidiary protection falls outside it (CJEU C-380/17, K en B), where the ECHR sets
    # limits (ECtHR M.A. v. Denmark). No blanket "Europe forbids a waiting period".
    text = _paper(brief, workspace, "cu", ["nareis"])
    assert "erkende vluchtelingen" in text and "subsidiair beschermden" in text
    from debatbrief.brief.cite import source_short

    cited = {s.id for s in brief.sources if source_short(s) in text}
    assert {"hvj-c-380-17", "ehrm-ma-denemarken-2021", "gezinsherenigingsrichtlijn"} <= cited
    prose = _all_prose(brief)
    assert "kansloos" not in prose and "Europa verbiedt een wachttermijn" not in prose


def test_the_hof_den_haag_wording_is_a_caveat_not_a_correction(brief):
    # Item 2: "noodtoestand" was not found, which does not prove it absent: no correction.
    hof = brief.source("hof-den-haag-2022")
    assert hof.correction is None and "noodtoestand" in hof.caveat
    items = {(e.source.id, e.kind) for e in errata(brief)}
    assert ("hof-den-haag-2022", "kanttekening") in items
    assert ("hof-den-haag-2022", "correctie") not in items
    # Item 3: both halves of the ruling, when it is stated.
    prose = _all_prose(brief)
    assert "tot het onmogelijke gehouden" in prose


@pytest.mark.parametrize("source_id", ["grondwet-art-90"])
def test_an_unconfirmed_link_is_a_caveat(brief, source_id):
    # Item 4: the letter's page id was unconfirmed, not shown wrong.
    source = brief.source(source_id)
    assert source.correction is None and source.caveat


def test_the_crisis_regulation_applies_from_july_2026_and_the_refusal_is_the_letters(brief, workspace):
    # Item 5: Regulation (EU) 2024/1359 applies from 1 July 2026 (its own art. on entry
    # into force; ECER); that the Commission will not agree is the letter's expectation.
    text = _paper(brief, workspace, "d66", ["asielcrisis"])
    assert "1 juli 2026" in text
    from debatbrief.brief.attribution import attributed, sentences

    meta = brief.meta
    found = [
        s for s in sentences(_all_prose(brief)) if "Commissie" in s and ("akkoord" in s or "instem" in s)
    ]
    assert found
    for sentence in found:
        assert attributed(sentence, meta.sender.names, meta.document.the), sentence


def test_groenlinks_and_pvda_voted_as_two_fracties_in_october_2023(brief, workspace):
    # Item 13: a record says who voted, when, in which chamber and under which name.
    item = next(
        i
        for i in brief.profile("gl-pvda").record
        if i.chamber == "tweede-kamer" and i.date.isoformat() == "2023-10-10"
    )
    assert item.name == "GroenLinks en PvdA"
    text = _paper(brief, workspace, "gl-pvda", ["spreiding"])
    assert "Tweede Kamer, 10 oktober 2023, als GroenLinks en PvdA (vorige Kamer):" in text
    senate = next(i for i in brief.profile("gl-pvda").record if i.chamber == "eerste-kamer")
    assert senate.date.isoformat() == "2024-01-23"


# --- The FNV brief (issue 20): stances and records that hold up ---------------------------

FNV = "fnv-2026-02-03"


@pytest.fixture(scope="module")
def fnv():
    from debatbrief.commands.workspace import Workspace

    ws = Workspace(brief_id=FNV)
    return ws, ws.brief()


def test_no_fnv_briefing_prints_a_stance_sourced_by_the_debate_itself(fnv):
    # Item 1-2: the motie-Klaver c.s. (about the AOW age only, submitted in the debate) and
    # the ANP items of that afternoon and evening source no stance and are no source at all.
    ws, brief = fnv
    ids = {s.id for s in brief.sources}
    assert not ids & {
        "motie-klaver-36848-35",
        "anp-jetten-aow-2026-02-03",
        "anp-geen-meerderheid-2026-02-03",
        "upday-aow-2026-02-03",
    }
    for fractie in ("gl-pvda", "pvv", "bbb", "50plus", "sp"):
        text = _paper(brief, ws, fractie, [])
        assert "Motie-Klaver" not in text and "36 848" not in text, fractie


def test_sgp_and_groep_markuszower_are_not_told_they_make_the_aow_majority(fnv):
    # Item 3: the SGP's costing wanted the AOW age to rise faster; Markuszower's group said
    # it was open to the coalition. Neither is expected to back the AOW ask.
    _, brief = fnv
    for fractie in ("sgp", "groep-markuszower"):
        assert brief.ask_stance(fractie, "t-aow-pensioenakkoord").stance == "opposes"
        assert brief.ask_stance(fractie, "t-aow-pensioenakkoord").estimate


def test_no_eerste_kamer_stance_rests_on_a_tweede_kamer_act(fnv):
    # Item 4: the Senate's stances are estimates unless a source of the Senate shows them.
    _, brief = fnv
    for fractie in brief.eerste_kamer.fracties:
        for ask in brief.meta.asks:
            stance = brief.ask_stance(fractie.id, ask.id, "eerste-kamer")
            if stance.source:
                assert brief.source(stance.source).chamber != "tweede-kamer"
        subject = brief.subject_stance(fractie.id, "eerste-kamer")
        if subject.source:
            assert brief.source(subject.source).chamber != "tweede-kamer", fractie.id


def test_the_440_euro_records_are_dated_by_the_cpb_costing_and_only_the_vvd_wrote_it(fnv):
    # Item 6: the position is the costing of October 2025; only the VVD's programme had it.
    ws, brief = fnv
    items = {
        p.fractie: next(i for i in p.record if "440 euro" in i.text)
        for p in brief.profiles
        if p.fractie in ("vvd", "cda", "ja21")
    }
    assert {i.date.isoformat() for i in items.values()} == {"2025-10-10"}
    assert "hield die mogelijkheid open in haar verkiezingsprogramma" in items["vvd"].text
    for fractie in ("cda", "ja21"):
        assert "niet in zijn verkiezingsprogramma" in items[fractie].text
        assert "pleitte" not in items[fractie].text


def test_elke_euro_is_not_said_about_defence(fnv):
    # Item 8: the coalition said it about stikstof and the housing market.
    _, brief = fnv
    from debatbrief.brief.attribution import sentences

    for sentence in sentences(_all_prose(brief)):
        if "elke euro" in sentence.lower():
            assert "stikstof" in sentence, sentence


def test_the_leaked_cap_per_treatment_is_printed_as_leaked(fnv):
    # Item 9: the 150 euro per treatment was only reported from leaked documents.
    ws, brief = fnv
    assert brief.source("metro-gelekt-akkoord-2026").leak
    from debatbrief.brief.attribution import sentences

    for sentence in sentences(_all_prose(brief)):
        if "150 euro" in sentence and "behandeling" in sentence:
            assert "uitgelekte stukken" in sentence, sentence


def test_the_ww_evaluation_is_quoted_as_it_says_it(fnv):
    # Item 10: the researchers expected smaller effects and larger side effects in a bad
    # economy; they did not say "niets".
    _, brief = fnv
    ask = next(a for a in brief.meta.asks if a.id == "v-ww-conjunctuur")
    assert "zegt niets" not in ask.text
    assert "waarschijnlijk kleiner" in ask.text and "nadelen groter" in ask.text


def test_the_smaller_fnv_corrections(fnv):
    # Item 11: not the FNV's phrase; no signatory under our sentences; the D66 agreement
    # dated by the act (Wednesday 28 January).
    _, brief = fnv
    assert "slechtste moment" not in _all_prose(brief)
    assert brief.meta.document.signatory is None
    d66 = next(i for i in brief.profile("d66").record if "coalitieakkoord" in i.text)
    assert d66.date.isoformat() == "2026-01-28"


def test_groep_markuszower_is_not_called_a_fractie_on_paper(fnv):
    ws, brief = fnv
    text = _paper(brief, ws, "groep-markuszower", [])
    assert "Briefing voor de groep" in text or "Briefing voor Groep" in text
    assert "fractie van Groep Markuszower" not in text
