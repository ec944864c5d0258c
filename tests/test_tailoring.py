"""Each fractie gets its own briefing: points, angles, role sections, record hooks, lengths."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import pdf_pages_text

from debatbrief.brief.models import citation_keys
from debatbrief.briefing.render import render_briefing, typographic
from debatbrief.briefing.select import select

FRACTIES = ["pvv", "gl-pvda", "vvd", "nsc", "d66", "bbb", "cda", "sp", "fvd", "pvdd", "cu",
            "sgp", "denk", "volt", "ja21"]


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
def test_supporters_of_the_subject_get_commitments_and_the_rest_questions(brief, workspace,
                                                                          fractie):
    html = render_briefing(brief, select(brief, fractie), workspace.templates)
    supports = brief.subject_stance(fractie).stance in ("raises", "agrees")
    assert ("Toezeggingen om te vragen" in html) == supports
    assert ("Vragen voor het debat" in html) == (not supports)


def test_questions_fit_the_interruption_microphone(brief):
    questions = [a for a in brief.meta.asks if a.kind == "question"]
    assert questions
    assert all(len(q.text.split()) <= 30 for q in questions)


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


def test_assessment_is_labelled_as_the_ngos(brief, workspace):
    html = render_briefing(brief, select(brief, "NSC"), workspace.templates)
    assert "Inschatting van VluchtelingenWerk Nederland" in html


@pytest.mark.parametrize("fractie", FRACTIES)
def test_short_handout_is_exactly_one_page(brief, short_pdfs, fractie):
    pages = pdf_pages_text(short_pdfs / f"{fractie}-handout.pdf")
    assert len(pages) == 1
    assert "Kernboodschap" in pages[0] and "Contact:" in pages[0]
    # The handout carries the ask to make, and refers to nothing it does not hold.
    selection = select(brief, fractie, length="short")
    heading = "Toezeggingen om te vragen" if selection.asks_kind == "commitment" \
        else "Vragen voor het debat"
    first_words = " ".join(selection.asks[0].ask.text.split()[:5])
    assert f"{heading} {first_words}" in pages[0]
    assert "zie Bronnen" not in pages[0] and "Zie het kader bij" not in pages[0]


@pytest.mark.parametrize("fractie", FRACTIES)
def test_full_briefing_is_at_most_four_pages(full_pdfs, fractie):
    assert 2 <= len(pdf_pages_text(full_pdfs / f"{fractie}.pdf")) <= 4


@pytest.mark.parametrize("fractie", FRACTIES)
def test_explain_and_pdf_agree_on_order(brief, full_pdfs, fractie):
    # What `explain --format json` prints (test_cli runs that command), computed here
    # rather than in fifteen more processes.
    from debatbrief.briefing.select import explanation
    ids = [a["id"] for a in explanation(select(brief, fractie))["arguments"]]
    assert len(ids) >= 10
    text = " ".join(pdf_pages_text(full_pdfs / f"{fractie}.pdf"))
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
    uncited = {s.id for s in brief.sources} - cited
    assert not uncited, uncited
