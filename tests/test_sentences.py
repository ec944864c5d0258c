"""One sentence splitter: the notes of a briefing, attribution and `check` agree on where a
sentence ends (issue 18: adding "o.a." to a rebuttal made `check` say "telt 3 zinnen")."""

from __future__ import annotations

import re
import shutil

import pytest
from helpers import run_cli
from test_check import assemble

from debatbrief.brief import attribution, sentences
from debatbrief.briefing.render import Notes

#: Two sentences, full of full stops that end neither; the locator of the first citation has
#: "par. 4.3.4" in it, which must not end a sentence either.
TWO = (
    "Het Hof noemt o.a. de noodwet (art. 3, nr. 35, p. 4) onhoudbaar "
    "[@hvj-c-72-22, par. 4.3.4]. Zie r.o. 4.3 [@rapport] en bijv. Litouwen, ca. 3 mln. euro."
)
THREE = TWO + " Dat zegt genoeg."


def test_the_splitter_keeps_abbreviations_and_locators_inside_a_sentence():
    assert sentences.sentences(TWO) == [
        "Het Hof noemt o.a. de noodwet (art. 3, nr. 35, p. 4) onhoudbaar [@hvj-c-72-22, par. 4.3.4].",
        "Zie r.o. 4.3 [@rapport] en bijv. Litouwen, ca. 3 mln. euro.",
    ]
    assert "".join(sentences.pieces(THREE)) == THREE
    assert sentences.count(THREE) == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Eerste zin. Tweede zin.", 2),
        ("Eerste zin. 45 procent is veel.", 2),
        ('Hij zei: "Nee." Daarna niets.', 2),
        ("Eerste zin [@a]. [@b] Tweede zin.", 2),
        ("Eerste zin.[@a] Tweede zin?", 2),
        ("Volgens M. Rutte en dhr. Jansen is het zo.", 1),
        ("", 0),
    ],
)
def test_where_a_sentence_ends(text, expected):
    assert sentences.count(text) == expected


def test_attribution_sees_the_same_two_sentences():
    found = list(attribution.unsupported(TWO.replace(" [@rapport]", ""), "brief", ["NGO"], "de brief"))
    # The second sentence (its citation removed) is reported whole, "bijv." and all.
    assert found == [("Zie r.o. 4.3 en bijv. Litouwen, ca. 3 mln. euro.", "bron")]


def test_the_briefing_gives_each_of_the_two_sentences_one_note(brief):
    notes = Notes(brief, "html")
    shipped = TWO.replace("hvj-c-72-22", "wodc-2023").replace("rapport", "staatscommissie-2024")
    html = notes.prose(shipped)
    assert [[s.id for s, _ in n.refs] for n in notes.notes] == [["wodc-2023"], ["staatscommissie-2024"]]
    assert [loc for n in notes.notes for _, loc in n.refs] == ["par. 4.3.4", None]
    text = re.sub(r"<[^>]+>", "", html).replace("\u2060", "")
    # Each note stands after its own sentence's full stop, not after an abbreviation's.
    assert "onhoudbaar.1 Zie r.o. 4.3 en bijv. Litouwen, ca. 3 mln. euro.2" in text


def _card_with_rebuttal(tmp_path, rebuttal: str):
    briefs = assemble(tmp_path)
    cards = briefs / "mini" / "cards.yaml"
    text = cards.read_text()
    assert "  rebuttal: Die is er volgens ons niet.\n" in text
    cards.write_text(text.replace("  rebuttal: Die is er volgens ons niet.\n", f'  rebuttal: "{rebuttal}"\n'))
    return run_cli("check", "--briefs", "briefs", cwd=tmp_path)


def test_check_counts_the_same_two_sentences_in_a_rebuttal(tmp_path):
    result = _card_with_rebuttal(tmp_path, TWO)
    assert "zinnen" not in result.stdout, result.stdout


def test_check_names_a_third_sentence(tmp_path):
    result = _card_with_rebuttal(tmp_path, THREE)
    assert result.returncode == 65
    assert (
        "briefs/mini/cards.yaml:4: weerlegging van kaart 'noodwet' telt 3 zinnen; houd het "
        "bij ten hoogste twee"
    ) in result.stdout.splitlines()
    shutil.rmtree(tmp_path / "briefs")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Een gevaar [@a]; volgens de brief niet.", ["Een gevaar [@a];", " volgens de brief niet."]),
        ("Zo staat het [@a; @b] en zo.", ["Zo staat het [@a; @b] en zo."]),
        ("Eén;twee; drie;", ["Eén;twee;", " drie;"]),
        ("", [""]),
    ],
)
def test_a_sentence_is_cut_into_clauses_at_a_semicolon_outside_a_citation(sentence, expected):
    assert sentences.clauses(sentence) == expected
    assert "".join(sentences.clauses(sentence)) == sentence
