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
    parts = [a.kernzin + " " + a.reasoning + " " + " ".join(x.text for x in a.angles)
             for a in brief.arguments]
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


def test_the_crisis_regulation_applies_from_july_2026_and_the_refusal_is_the_letters(
        brief, workspace):
    # Item 5: Regulation (EU) 2024/1359 applies from 1 July 2026 (its own art. on entry
    # into force; ECER); that the Commission will not agree is the letter's expectation.
    text = _paper(brief, workspace, "d66", ["asielcrisis"])
    assert "1 juli 2026" in text
    from debatbrief.brief.attribution import attributed, sentences
    meta = brief.meta
    found = [s for s in sentences(_all_prose(brief))
             if "Commissie" in s and ("akkoord" in s or "instem" in s)]
    assert found
    for sentence in found:
        assert attributed(sentence, meta.sender.names, meta.document.the), sentence


def test_groenlinks_and_pvda_voted_as_two_fracties_in_october_2023(brief, workspace):
    # Item 13: a record says who voted, when, in which chamber and under which name.
    item = next(i for i in brief.profile("gl-pvda").record
                if i.chamber == "tweede-kamer" and i.date.isoformat() == "2023-10-10")
    assert item.name == "GroenLinks en PvdA"
    text = _paper(brief, workspace, "gl-pvda", ["spreiding"])
    assert "Tweede Kamer, 10 oktober 2023, als GroenLinks en PvdA (vorige Kamer):" in text
    senate = next(i for i in brief.profile("gl-pvda").record if i.chamber == "eerste-kamer")
    assert senate.date.isoformat() == "2024-01-23"
