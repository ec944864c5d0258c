"""Who says what: roles from the Kamer, stances from the brief, wording from the document.

Every briefing addresses a fractie by its real role on the debate's date and by its own
expected stance: a fractie is never told to rebut a claim it makes itself, a fractie that
supports the debate's subject is given commitments to seek rather than hostile questions,
and nothing printed assumes the first brief's sender or document.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import BRIEF_ID, ROOT, run_cli

from debatbrief.briefing.render import render_briefing
from debatbrief.briefing.select import select
from debatbrief.commands.workspace import Workspace

BRIEF_IDS = sorted(p.name for p in (ROOT / "briefs").iterdir() if (p / "brief.yaml").exists())
SECOND = next(b for b in BRIEF_IDS if b != BRIEF_ID)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module", params=BRIEF_IDS)
def any_brief(request):
    ws = Workspace(brief_id=request.param)
    return ws, ws.brief()


def planted(tmp_path: Path, edit) -> Workspace:
    """A copy of the shipped brief (and the Kamer data) with ``edit(folder)`` applied."""
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    edit(briefs / BRIEF_ID)
    return Workspace(briefs_dir=briefs, brief_id=BRIEF_ID)


def test_no_briefing_tells_a_fractie_to_rebut_its_own_claim(any_brief):
    ws, brief = any_brief
    for fractie in brief.kamer.fracties:
        selection = select(brief, fractie.id)
        html = render_briefing(brief, selection, ws.templates)
        for chosen in selection.cards:
            stance = brief.claim_stance(fractie.id, chosen.card.id).stance
            block = re.search(rf'id="card-{chosen.card.id}">(.*?)</div>', html, re.S).group(1)
            if stance in ("raises", "agrees"):
                assert chosen.framing == "own", (fractie.id, chosen.card.id)
                assert "U zult horen" not in block and "Naar verwachting" not in block
                assert re.search(r"U stelt|In het debat klinkt", block)
                assert "Ons antwoord:" in block and "In één zin:" in block


def test_a_raiser_reads_its_own_claim_answered_not_the_oppositions(tmp_path):
    # A forming party that raises a claim (sourced) gets "U stelt", never the heading that
    # said the opposition would bring it up.
    ws = Workspace(brief_id=BRIEF_ID)
    brief = ws.brief()
    raiser = next(
        f
        for f in brief.kamer.fracties
        if any(brief.claim_stance(f.id, c.id).stance == "raises" for c in brief.cards)
    )
    html = render_briefing(brief, select(brief, raiser.id), ws.templates)
    assert "Wat de oppositie zal inbrengen" not in html


def test_asks_are_worded_for_the_fracties_role():
    # A forming party is asked to commit (the ask's `governing` wording); a party only in
    # the caretaker cabinet is, for a debate on the next government, in the opposition.
    from debatbrief.briefing.select import address_for

    ws = Workspace(brief_id=BRIEF_ID)
    brief = ws.brief()
    cabinet, formation = brief.kamer.government.cabinet, brief.kamer.government.formation
    only_caretaker = [p for p in cabinet.parties if p not in formation.parties]
    assert only_caretaker
    for party in only_caretaker:
        assert address_for(brief.kamer.roles(party)) == "opposition"
    for party in formation.parties:
        selection = select(brief, party)
        assert selection.address == "governing"
        assert all(c.ask.kind != "question" for c in selection.asks), party
        text = _text(render_briefing(brief, selection, ws.templates))
        for chosen in selection.asks:
            wording = chosen.ask.governing or chosen.ask.text
            assert " ".join(wording.split()[:6]) in text, (party, chosen.ask.id)


def test_an_ask_the_fractie_opposes_is_left_out_and_explain_says_why(tmp_path):
    # Plant SP opposing the ask it would get first: the ask leaves its briefing, and the
    # selection (what `explain` prints) names it with the reason.
    ws = Workspace(brief_id=BRIEF_ID)
    first = select(ws.brief(), "sp").asks[0].ask

    def edit(folder):
        stances = folder / "stances.yaml"
        text = stances.read_text()
        text = re.sub(
            r"(- fractie: sp\n(?:  .*\n)*?  asks:\n)", rf"\1    {first.id}: opposes\n", text, count=1
        )
        stances.write_text(text)

    planted_ws = planted(tmp_path, edit)
    brief = planted_ws.brief()
    assert brief.ask_stance("sp", first.id).stance == "opposes"
    selection = select(brief, "sp")
    assert first.id not in [c.ask.id for c in selection.asks]
    reasons = [x.reason for x in selection.left_out if x.id == first.id]
    assert reasons and "tegen dit punt" in reasons[0]
    html = render_briefing(brief, selection, planted_ws.templates)
    assert " ".join(first.text.split()[:8]) not in _text(html)


def test_no_stance_estimate_or_assessment_on_any_mps_page(any_brief):
    ws, brief = any_brief
    for fractie in brief.kamer.fracties:
        text = _text(render_briefing(brief, select(brief, fractie.id), ws.templates))
        for word in (
            "inschatting",
            "Inschatting",
            "Standpunt",
            "naar verwachting",
            "Naar verwachting",
            "zetels",
            "Vraag de toezegging",
        ):
            assert word not in text, (fractie.id, word)
        profile = brief.profile(fractie.id)
        if profile and profile.assessment:
            assert " ".join(profile.assessment.split()[:6]) not in text


def test_the_second_brief_prints_none_of_the_first_briefs_wording(tmp_path):
    second = Workspace(brief_id=SECOND).brief()
    first = Workspace(brief_id=BRIEF_ID).brief()
    fractie = second.kamer.fracties[0].id
    # The HTML briefing: the words are the point, and it holds every word the PDF prints
    # (the PDF's selection is fitted down from it; the footer's strings are in its <style>).
    result = run_cli(
        "make", "--brief", SECOND, "--fractie", fractie, "--format", "html", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / SECOND / f"{fractie}.html").read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert first.meta.sender.organisation not in text and "VluchtelingenWerk" not in text
    assert "brief van" not in text and "De brief" not in text
    assert first.meta.debate.title not in text
    assert f"{second.meta.document.noun} van" in text  # the footer names the real document


def test_every_promised_emphasis_is_among_the_detailed_arguments(any_brief):
    _, brief = any_brief
    for profile in brief.profiles:
        if not profile.emphasis:
            continue
        selection = select(brief, profile.fractie)
        detailed = [s.topic_id for s in selection.sections for c in s.arguments if c.detailed]
        assert set(profile.emphasis) <= set(detailed), profile.fractie
        # ... and the emphasised topics come first on paper.
        shown = [s.topic_id for s in selection.sections]
        assert shown[: len(profile.emphasis)] == [t for t in shown if t in profile.emphasis]


def test_check_refuses_an_emphasis_the_briefing_cannot_keep(tmp_path):
    def edit(folder):
        profiles = folder / "profiles.yaml"
        text = profiles.read_text()
        all_topics = "[oorzaak, asielcrisis, beperkingen, nareis, rechtspraak, tweestatusstelsel]"
        text = re.sub(
            r"(- fractie: cu\n)((?:  (?!emphasis).*\n)*?)  emphasis: .*\n", r"\1\2", text, count=1
        )  # drop CU's own emphasis, if any, then plant one
        text = re.sub(r"(- fractie: cu\n)", rf"\1  emphasis: {all_topics}\n", text, count=1)
        profiles.write_text(text)

    ws = planted(tmp_path, edit)
    result = run_cli("check", "--briefs", str(ws.briefs_dir))
    assert result.returncode == 65
    assert re.search(
        r"profiles\.yaml:\d+: het profiel van CU belooft nadruk op '\w+', maar de "
        r"briefing toont daar geen uitgewerkt argument",
        result.stdout,
    )


@pytest.mark.slow  # explains every fractie of both briefs
def test_explain_shows_the_stance_behind_every_card_and_ask():
    import json

    result = run_cli("explain", "--fractie", "VVD", "--format", "json")
    data = json.loads(result.stdout)
    assert data["roles"][0] == "formerend" and data["subject"]["stance"] == "raises"
    items = data["cards"] + data["asks"]
    assert items
    for item in items:
        assert item["stance"] in ("raises", "agrees", "opposes", "unknown")
        assert item["estimate"] == (item["source"] is None)
    text = run_cli("explain", "--fractie", "VVD", env={"COLUMNS": "160"}).stdout
    assert "Standpunt over het onderwerp: brengt het in (bron:" in text
    assert "uw standpunt:" in text


def test_a_record_says_when_where_and_under_which_name():
    ws = Workspace(brief_id=BRIEF_ID)
    brief = ws.brief()
    html = render_briefing(brief, select(brief, "gl-pvda"), ws.templates)
    text = _text(html)
    item = next(i for i in brief.profile("gl-pvda").record if i.chamber == "tweede-kamer")
    assert item.date < brief.kamer.installed
    assert re.search(
        rf"Tweede Kamer, \d+ \w+ {item.date.year}, als {re.escape(item.name)} "
        r"\(vorige Kamer\):",
        text,
    )
