"""The MP's briefing as its reader gets it, for every fractie of every shipped brief, full
and handout (issue 19): written to the MP, nothing internal, built the way an MP reads,
within its pages, with its concept-motie where the fractie supports the ask."""

from __future__ import annotations

import re

import pytest
from helpers import pdf_pages_text, walk
from pydantic import ValidationError

from debatbrief.brief.models import Ask, Motion
from debatbrief.briefing.fit import MIN_FILL, body_pages, page_fill
from debatbrief.briefing.render import names_in
from debatbrief.briefing.select import PAGE_LIMITS, select
from debatbrief.commands.workspace import Workspace

#: Words that belong on the lobbyist's prep sheet, never on the MP's page.
INTERNAL = (
    "inschatting",
    "Inschatting",
    "Standpunt",
    "naar verwachting",
    "Naar verwachting",
    "nodig)",
    "zetels",
    "eerder te bewegen",
    "geen standpunt van uw fractie",
    "Vraag de toezegging",
    "Toezeggingen om te vragen",
    "Vragen voor het debat",
    "Kernboodschap",
    "Zeg:",
)


def _briefings(every_document):
    for made in every_document:
        if made.name.endswith(("-full", "-short")):
            brief_id, rest = made.name.split("/")
            fractie, length = rest.rsplit("-", 1)
            yield made, brief_id, fractie, length


@pytest.fixture(scope="module")
def briefs():
    cache: dict = {}

    def get(brief_id):
        if brief_id not in cache:
            cache[brief_id] = Workspace(brief_id=brief_id).brief()
        return cache[brief_id]

    return get


@pytest.mark.slow
def test_every_briefing_keeps_its_pages(every_document, briefs):
    seen = 0
    for made, brief_id, fractie, length in _briefings(every_document):
        seen += 1
        selection = select(briefs(brief_id), fractie, length=length)
        pages = body_pages(made.document, selection)
        assert 1 <= pages <= PAGE_LIMITS[length], made
        if length == "short":
            assert len(made.document.pages) == 1, made
        if pages > 1:
            fill = page_fill(made.document.pages[pages - 1])
            assert fill >= MIN_FILL, (made, round(fill, 2))
    assert seen >= 60


@pytest.mark.slow
def test_nothing_internal_reaches_the_mp(every_document):
    for made, _, _, _ in _briefings(every_document):
        text = " ".join(pdf_pages_text(made.path))
        for word in INTERNAL:
            assert word not in text, (made, word)
        assert not re.search(r"\d+ van de 150|\d+ nodig", text), made


@pytest.mark.slow
def test_page_one_is_whom_headline_asks_messages(every_document, briefs):
    for made, brief_id, fractie_id, length in _briefings(every_document):
        brief = briefs(brief_id)
        fractie = brief.kamer.fractie(fractie_id)
        profile = brief.profile(fractie_id)
        first = pdf_pages_text(made.path)[0]
        assert first.startswith(f"Briefing voor {fractie.in_text}"), made
        chair = fractie.fractievoorzitter
        if chair and not fractie.fractievoorzitter_unconfirmed:
            assert first.startswith(f"Briefing voor {fractie.in_text}, t.a.v. {chair}"), made
        elif chair:  # a name not confirmed by a source is never printed
            assert chair not in first, made
        headline = profile.headline if profile and profile.headline else brief.meta.title
        assert " ".join(headline.split()[:4]) in first, made
        assert "Onze boodschap" in first, made
        if "Wat wij van u vragen" in first:
            assert first.index("Wat wij van u vragen") < first.index("Onze boodschap"), made
        else:
            assert not select(brief, fractie_id, length=length).asks, made


def test_fractie_names_take_their_article():
    brief = Workspace(brief_id="vwn-2024-05-22").brief()
    names = {f.id: f.in_text for f in brief.kamer.fracties}
    assert names["pvv"] == "de PVV" and names["cda"] == "het CDA"
    assert names["gl-pvda"] == "GroenLinks-PvdA" and names["d66"] == "D66"
    assert names["cu"] == "de ChristenUnie" and names["nsc"] == "NSC"


def _units_by_page(made, css_class):
    """For each element of ``css_class``, the set of pages it is laid out on."""
    found: dict[int, set[int]] = {}
    for number, page in enumerate(made.document.pages):
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and css_class in (element.get("class") or "").split():
                found.setdefault(id(element), set()).add(number)
    return found


@pytest.mark.slow
def test_no_ask_list_card_or_record_box_is_split(every_document):
    for made, _, _, _ in _briefings(every_document):
        for css_class in ("asks-block", "card", "hook"):
            for pages in _units_by_page(made, css_class).values():
                assert len(pages) == 1, (made, css_class, pages)


@pytest.mark.slow
def test_names_are_never_hyphenated(every_document, briefs):
    for made, brief_id, _, _ in _briefings(every_document):
        text = " ".join(pdf_pages_text(made.path))
        for name in names_in(briefs(brief_id)):
            for cut in range(2, len(name) - 1):
                if name[cut - 1] in "- ":
                    continue
                broken = re.escape(name[:cut]) + "[\u2010-] ?" + re.escape(name[cut:])
                assert not re.search(broken, text), (made, name)


@pytest.mark.slow
def test_supporters_of_a_motion_ask_get_its_concept_motie(every_document, briefs):
    given = 0
    for made, brief_id, fractie, length in _briefings(every_document):
        selection = select(briefs(brief_id), fractie, length=length)
        pages = pdf_pages_text(made.path)
        text = " ".join(pages)
        if length == "short" or not selection.motions:
            assert "gaat over tot de orde van de dag" not in text, made
            continue
        given += 1
        last = pages[-1]
        assert last.startswith("CONCEPT"), made
        for words in (
            "De Kamer, gehoord de beraadslaging,",
            "overwegende dat",
            "verzoekt de regering",
            "en gaat over tot de orde van de dag.",
        ):
            assert words in last, (made, words)
        assert "Nr. ……" in last and "Voorgesteld ……" in last
    # VWN's supporters of its motion (CDA, SP) and the FNV's (the opposition fracties expected
    # to agree with its asks, which put the motion first): at least these.
    assert given >= 4


def test_a_motion_has_the_kamers_form():
    with pytest.raises(ValidationError, match="overwegende"):
        Motion(verzoekt="iets te doen", overwegende=[])
    with pytest.raises(ValidationError, match="begint met 'dat'"):
        Motion(verzoekt="iets te doen", overwegende=["omdat het moet"])
    with pytest.raises(ValidationError, match="alleen een vraag van soort 'motion'"):
        Ask(
            id="x",
            kind="question",
            text="Vraag iets.",
            values=["v"],
            motion=Motion(verzoekt="iets te doen", overwegende=["dat het moet"]),
        )
