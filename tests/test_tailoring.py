"""Each fractie gets its own briefing: points, angles, role sections, record hooks, lengths."""

from __future__ import annotations

import itertools
import re

import pytest
from helpers import pdf_pages_text

from debatbrief.brief.models import citation_keys
from debatbrief.briefing.render import render_briefing, typographic
from debatbrief.briefing.select import select

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


def _top_values(profile) -> frozenset[str]:
    best = max(profile.values.values())
    return frozenset(v for v, w in profile.values.items() if w == best)


def test_fracties_with_different_top_values_get_different_briefings(brief):
    orders = {f: select(brief, f).order for f in FRACTIES}
    tops = {f: _top_values(brief.profile(f)) for f in FRACTIES}
    assert len(set(tops.values())) > 4  # the profiles really differ
    for a, b in itertools.combinations(FRACTIES, 2):
        if tops[a] != tops[b]:
            assert orders[a] != orders[b], (a, b)


def test_nsc_leads_with_the_rule_of_law(brief):
    first = select(brief, "NSC").sections[0].arguments[0]
    assert first.angle.value == "rechtsstaat"


@pytest.mark.parametrize("fractie", FRACTIES)
def test_asks_follow_the_stance_on_each_ask(brief, workspace, fractie):
    selection = select(brief, fractie)
    html = render_briefing(brief, selection, workspace.templates)
    assert ("Wat wij van u vragen" in html) == bool(selection.asks)
    assert "Toezeggingen om te vragen" not in html and "Vragen voor het debat" not in html
    for ask in brief.meta.asks:
        opposed = brief.ask_stance(fractie, ask.id).stance == "opposes"
        if opposed:
            assert ask.id not in [c.ask.id for c in selection.asks], ask.id
            assert any(x.id == ask.id and "tegen" in x.reason for x in selection.left_out)


def test_questions_fit_the_interruption_microphone(brief):
    questions = [a for a in brief.meta.asks if a.kind == "question"]
    assert questions
    assert all(len(q.text.split()) <= 30 for q in questions)
    # Every ask is worded to the MP, never as an instruction about a third person.
    assert not [
        a.id for a in brief.meta.asks if (a.text + (a.governing or "")).startswith("Vraag de toezegging")
    ]


@pytest.mark.parametrize("fractie", FRACTIES)
def test_every_record_hook_carries_a_footnote(brief, workspace, fractie):
    selection = select(brief, fractie)
    html = render_briefing(brief, selection, workspace.templates)
    hooks = [h for h, _ in re.findall(r'class="hook">(.*?)</(p|li)>', html, re.S)]
    profile = brief.profile(fractie)
    with_hooks = [c for s in selection.sections for c in s.arguments if c.hooks]
    assert len(hooks) == len(with_hooks)
    for hook, chosen in zip(hooks, with_hooks, strict=True):
        assert hook.count('class="fn') >= len(chosen.hooks)
    for item in profile.record:
        assert citation_keys(item.text), item


def test_vvd_briefing_shows_its_split_vote_on_the_spreidingswet(brief, workspace):
    html = render_briefing(brief, select(brief, "VVD"), workspace.templates)
    hook = " ".join([h for h, _ in re.findall(r'class="hook">(.*?)</(p|li)>', html, re.S)])
    assert "Eerste Kamer" in hook and "Tweede Kamer" in hook


def test_the_assessment_stays_off_the_mps_page(brief, workspace):
    html = render_briefing(brief, select(brief, "NSC"), workspace.templates)
    assessment = brief.profile("nsc").assessment
    assert assessment and " ".join(assessment.split()[:5]) not in html
    assert "Inschatting van" not in html


@pytest.mark.parametrize("fractie", FRACTIES)
def test_short_handout_is_exactly_one_page(brief, short_pdfs, fractie):
    pages = pdf_pages_text(short_pdfs / f"{fractie}-handout.pdf")
    assert len(pages) == 1
    assert "Onze boodschap" in pages[0] and "Contact: Frank Candel" in pages[0]
    # The handout opens with the asks, worded for the fractie's role, and refers to
    # nothing it does not hold.
    selection = select(brief, fractie, length="short")
    ask = selection.asks[0].ask
    wording = ask.governing if selection.address == "governing" and ask.governing else ask.text
    first_words = " ".join(wording.split()[:5])
    assert f"Wat wij van u vragen {first_words}" in pages[0]
    assert pages[0].index("Wat wij van u vragen") < pages[0].index("Onze boodschap")
    assert "zie Bronnen" not in pages[0] and "Zie het kader bij" not in pages[0]


@pytest.mark.parametrize("fractie", FRACTIES)
def test_full_briefing_is_at_most_three_pages(brief, full_pdfs, fractie):
    pages = pdf_pages_text(full_pdfs / f"{fractie}.pdf")
    motions = sum("gaat over tot de orde van de dag" in page for page in pages)
    assert 2 <= len(pages) - motions <= 3


@pytest.mark.parametrize("fractie", FRACTIES)
def test_explain_and_pdf_agree_on_order(brief, every_document, fractie):
    # What `explain --format json` prints (test_cli runs that command): the explanation of
    # the fitted selection (briefing/fit.py), the one the PDF was made from, recorded when
    # every_document made it rather than fitted again.
    from debatbrief.briefing.select import explanation

    made = next(m for m in every_document if m.name == f"{brief.id}/{fractie}-full")
    ids = [a["id"] for a in explanation(made.selection)["arguments"]]
    assert len(ids) >= 4
    text = " ".join(pdf_pages_text(made.path))
    kernzinnen = {a.id: " ".join(typographic(a.kernzin).split())[:45] for a in brief.arguments}
    positions = [text.find(kernzinnen[i]) for i in ids]
    assert -1 not in positions, [i for i, p in zip(ids, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_every_argument_and_source_is_reachable(brief, workspace):
    """Each topic on its own (``--topic``) shows all its arguments; together, for every
    fractie, the briefings cite every source of the brief."""
    seen_arguments: set[str] = set()
    cited: set[str] = set()
    for topic in brief.meta.topics:
        selection = select(brief, "PVV", [topic.id])
        seen_arguments |= {c.argument.id for s in selection.sections for c in s.arguments}
        html = render_briefing(brief, selection, workspace.templates)
        cited |= set(" ".join(re.findall(r'data-source="([^"]+)"', html)).split())
    for fractie in FRACTIES:
        html = render_briefing(brief, select(brief, fractie), workspace.templates)
        cited |= set(" ".join(re.findall(r'data-source="([^"]+)"', html)).split())
    assert seen_arguments == {a.id for a in brief.arguments}
    # A briefing's card box prints a card's rebuttal, not its evidence, and cites only what
    # it prints (issue 20: no drift); the card sheet (`debatbrief cards`) prints every
    # card whole, evidence and its sources included.
    cited |= {key for card in brief.cards for key, _ in citation_keys(card.evidence)}
    # Sources only the lobbyist's preparation cites (the assessment, the intro by stance,
    # the basis of a stance) never reach the MP's page.
    internal = {key for p in brief.profiles for key, _ in citation_keys(p.assessment or "")}
    internal |= {
        key for text in brief.meta.intro.model_dump().values() if text for key, _ in citation_keys(text)
    }
    internal |= {
        getattr(v, "source", None)
        for b in brief.stances
        for v in [b.subject, *b.claims.values(), *b.asks.values()]
    }
    uncited = {s.id for s in brief.sources} - cited - internal
    assert not uncited, uncited
