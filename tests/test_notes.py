"""The note design: one note per sentence (or clause, up to a semicolon), short references,
the full ones once at the end.

Unit tests of :class:`debatbrief.briefing.render.Notes` on the shipped brief's sources, plus the
HTML briefing as a screen reader gets it.
"""

from __future__ import annotations

import re

import pytest

from debatbrief.briefing.render import Notes, breakable_url, render_briefing, typographic
from debatbrief.briefing.select import select


def text_of(markup) -> str:
    return re.sub(r"<[^>]+>", "", str(markup))


def test_every_citation_of_one_sentence_makes_one_note_after_its_full_stop(brief):
    notes = Notes(brief, "pdf")
    html = notes.prose(
        "Het WODC vond geen bewijs [@wodc-2023] en de ACVZ evenmin "
        "[@adviesraad-migratie-2022, p. 4]. Een tweede zin."
    )
    assert len(notes.notes) == 1
    assert [(s.id, loc) for s, loc in notes.notes[0].refs] == [
        ("wodc-2023", None),
        ("adviesraad-migratie-2022", "p. 4"),
    ]
    assert text_of(notes.notes[0].html) == "WODC 2023; Adviesraad Migratie 2022, p. 4."
    # The call follows the full stop, joined to it; nothing is left where the first stood.
    assert "evenmin.\u2060<fn-note" in html
    assert "bewijs en" in html


def test_adjacent_citations_become_one_note(brief):
    notes = Notes(brief, "pdf")
    notes.prose("Het tekort is groter [@wodc-2023] [@staatscommissie-2024].")
    assert len(notes.notes) == 1 and len(notes.notes[0].refs) == 2


def test_each_sentence_gets_its_own_note(brief):
    notes = Notes(brief, "pdf")
    notes.prose(
        "Eerste zin [@wodc-2023]. Tweede zin, ca. 3 mln. euro [@staatscommissie-2024]. Derde zin zonder bron."
    )
    assert [[s.id for s, _ in n.refs] for n in notes.notes] == [["wodc-2023"], ["staatscommissie-2024"]]


def test_a_clause_keeps_its_note_before_the_opinion_clause_that_follows(brief):
    """Issue 20: "... een gevaar [@x]; volgens de brief ..." printed the note after the
    clause that follows, as if the source said what the brief says."""
    notes = Notes(brief, "pdf")
    html = notes.prose(
        "Dat is een gevaar [@wodc-2023]; volgens de brief is het anders. "
        "Wij vinden het [@staatscommissie-2024]; zo is het."
    )
    assert [[s.id for s, _ in n.refs] for n in notes.notes] == [["wodc-2023"], ["staatscommissie-2024"]]
    assert "gevaar;\u2060<fn-note" in html and "anders. Wij" in html
    assert "het;\u2060<fn-note" in html and html.endswith("zo is het.")


def test_each_clause_that_cites_gets_its_own_note_and_one_without_none(brief):
    notes = Notes(brief, "html")
    html = notes.prose("Eerst dit [@wodc-2023]; dan dat; en tot slot [@hvj-c-72-22].")
    assert [[s.id for s, _ in n.refs] for n in notes.notes] == [["wodc-2023"], ["hvj-c-72-22"]]
    assert text_of(html) == "Eerst dit;\u20601 dan dat; en tot slot.\u20602"


def test_a_semicolon_inside_a_citation_or_without_a_space_cuts_nothing(brief):
    notes = Notes(brief, "pdf")
    notes.prose("Zo staat het [@wodc-2023];zo ook [@staatscommissie-2024; @hvj-c-72-22].")
    assert len(notes.notes) == 1 and len(notes.notes[0].refs) == 3


def test_prose_cites_only_the_text_it_prints(brief):
    # No way to hand it prose that is not printed: a left-out reasoning takes its sources
    # with it (the drift test over every briefing checks the templates).
    notes = Notes(brief, "pdf")
    with pytest.raises(TypeError):
        notes.prose("Een hoek zonder bron.", also="Redenering [@wodc-2023].")
    html = notes.prose("Een hoek zonder bron.")
    assert notes.notes == [] and html == "Een hoek zonder bron."


def test_grouped_notes_keep_their_separator_in_html(brief):
    """Issue 12, item 4: `[@a; @b; @c]` showed as "567" in HTML."""
    notes = Notes(brief, "html")
    html = notes.prose("Zo staat het [@wodc-2023; @staatscommissie-2024; @hvj-c-72-22].")
    assert html.count('class="fn-call"') == 1
    assert text_of(notes.notes[0].html) == (
        "WODC 2023; Staatscommissie Demografische Ontwikkelingen 2050; HvJ EU, C-72/22 PPU."
    )
    assert notes.notes[0].html.count('href="#bron-') == 3


def test_the_same_sources_again_print_idem(brief):
    notes = Notes(brief, "pdf")
    notes.prose("Een [@wodc-2023]. Twee [@wodc-2023]. Drie [@wodc-2023, p. 2].")
    assert [text_of(n.html) for n in notes.notes] == ["WODC 2023.", "Idem.", "WODC 2023, p. 2."]


def test_source_list_is_alphabetical_by_the_short_reference_notes_print(brief):
    notes = Notes(brief, "pdf")
    notes.prose("Een [@wodc-2023]. Twee [@adviesraad-migratie-2022]. Drie [@wodc-2023].")
    assert [notes.short(s) for s in notes.cited_sources()] == ["Adviesraad Migratie 2022", "WODC 2023"]


def test_a_brief_cannot_forge_a_note_placeholder(brief):
    notes = Notes(brief, "pdf")
    html = notes.prose("Tekst \ue0000\ue001 zonder bron.")
    assert notes.notes == [] and "\ue000" not in html and "<fn-note" not in html


@pytest.mark.parametrize(
    ("straight", "curly"),
    [
        ("risico's", "risico’s"),
        ("'s-Hertogenbosch en 't Gooi", "’s-Hertogenbosch en ’t Gooi"),
        ("zij zei 'nee' en \"ja\".", "zij zei ‘nee’ en “ja”."),
        ("(‘al’) en ('ook')", "(‘al’) en (‘ook’)"),
        ("de jaren '80...", "de jaren ’80…"),
    ],
)
def test_straight_quotes_print_as_typographic_quotes(straight, curly):
    assert typographic(straight) == curly


def test_prose_gets_typographic_quotes_but_citation_ids_stay_intact(brief):
    notes = Notes(brief, "pdf")
    html = notes.prose("Het 'strengste' beleid [@wodc-2023].")
    assert "‘strengste’" in html and notes.notes[0].refs[0][0].id == "wodc-2023"


def test_urls_break_only_after_slash_dot_or_hyphen_and_never_in_the_host():
    url = "https://www.rijksoverheid.nl/documenten/rapporten/2024/01/15/gematigde-groei"
    pdf = str(breakable_url(url))
    assert pdf.replace("\u200b", "") == url
    assert pdf.startswith("https://www.rijksoverheid.nl/\u200bdocumenten/\u200b")
    for piece in pdf.split("\u200b")[:-1]:
        assert piece[-1] in "/.-", piece
    assert str(breakable_url(url, "html")).count("<wbr>") == pdf.count("\u200b")


def test_html_briefing_lists_notes_and_sources_with_working_links(workspace, brief):
    html = render_briefing(brief, select(brief, "VVD"), workspace.templates, "html")
    calls = re.findall(r'href="#fn-(\d+)"', html)
    notes = re.findall(r'<li id="fn-(\d+)"', html)
    assert calls and calls == notes
    anchors = set(re.findall(r'<li id="(bron-[^"]+)"', html))
    targets = set(re.findall(r'href="#(bron-[^"]+)"', html))
    assert targets and targets <= anchors
    # No two calls side by side, and no call group like "567".
    assert not re.search(r"</sup>\s*<sup", html)
