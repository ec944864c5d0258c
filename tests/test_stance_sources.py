"""Stances and records that hold up (issue 20): a stance source shows only what it shows, in
the chamber it was in, published before the debate; a leak is printed as reported; every
topic of the FNV brief has a card; and a citation never drifts onto a sentence whose data
does not cite it."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from debatbrief.brief.attribution import sentences
from debatbrief.brief.cite import LEAK_WORDING, as_reported
from debatbrief.brief.models import CITATION_RE, citation_keys
from debatbrief.commands.workspace import Workspace

FNV = "fnv-2026-02-03"
BRIEF_IDS = sorted(p.name for p in (ROOT / "briefs").iterdir() if (p / "brief.yaml").exists())


def planted(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of the FNV brief and the Kamer data with ``edits`` (file: [(old, new)])
    applied; returns the copy's briefs folder."""
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / FNV, briefs / FNV)
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    for name, replacements in edits.items():
        path = briefs / FNV / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return briefs


def check(briefs: Path) -> tuple[int, list[str]]:
    """``debatbrief check --strict`` on the planted brief (its Kamer files beside it):
    exit code and output lines."""
    result = run_cli("check", "--strict", "--briefs", str(briefs), "--brief", FNV,
                     brief=None)
    return result.returncode, (result.stdout + result.stderr).splitlines()


def line_of(briefs: Path, name: str, needle: str) -> int:
    lines = (briefs / FNV / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


D66_ESTIMATE = "    aow-eerst-kabinet: raises\n"


def test_a_stance_source_published_after_the_debate_is_refused(tmp_path):
    # Metro's report of 4 February cannot source a stance for a briefing of 3 February.
    briefs = planted(tmp_path, {"stances.yaml": [(D66_ESTIMATE, "    aow-eerst-kabinet: "
                                                  "{stance: raises, source: tk-metro-debat-2026-02-04}\n")]})
    code, lines = check(briefs)
    line = line_of(briefs, "stances.yaml", "tk-metro-debat-2026-02-04")
    assert code == 65
    assert any(f"stances.yaml:{line}: S301 bron 'tk-metro-debat-2026-02-04' (2026-02-04)" in out
               and "niet van vóór het debat van 2026-02-03" in out for out in lines), lines


def test_a_source_of_the_debate_day_needs_a_time_before_the_start(tmp_path):
    # The FNV's own explanation of 3 February is of the debate's day: without a start time
    # and a publication time it cannot source a stance; with both, and earlier, it can.
    stance = "    aow-eerst-kabinet: {stance: raises, source: fnv-toelichting-2026-02-03}\n"
    briefs = planted(tmp_path, {"stances.yaml": [(D66_ESTIMATE, stance)]})
    code, lines = check(briefs)
    assert code == 65 and any("S301 bron 'fnv-toelichting-2026-02-03'" in out for out in lines)
    shutil.rmtree(tmp_path / "briefs")
    shutil.rmtree(tmp_path / "kamers")
    briefs = planted(tmp_path, {
        "stances.yaml": [(D66_ESTIMATE, stance)],
        "brief.yaml": [("  date: 2026-02-03\n  kamer:", "  date: 2026-02-03\n  start: \"10:15\"\n"
                                                      "  kamer:")],
        "sources.yaml": [("  date: 2026-02-03\n  url: https://www.welingelichtekringen.nl/"
                          "economie/fnv-voorman",
                          "  date: 2026-02-03\n  time: \"08:30\"\n  url: https://www."
                          "welingelichtekringen.nl/economie/fnv-voorman")]})
    code, lines = check(briefs)
    assert not any("S301" in out for out in lines), lines


def test_a_tweede_kamer_act_is_no_stance_in_the_eerste_kamer(tmp_path):
    # A motion of the Tweede Kamer (chamber: tweede-kamer) sourcing GL-PvdA's stance: the
    # stance also holds in the Senate, where GL-PvdA has senators who signed nothing.
    motion = ("- id: planted-motie-2026\n  kind: parliamentary\n  author: Tweede Kamer\n"
              "  title: Motie over de AOW-leeftijd\n  date: 2026-01-20\n"
              "  chamber: tweede-kamer\n\n")
    edits = {"sources.yaml": [("- id: parool-pensioenakkoord-2019\n",
                               motion + "- id: parool-pensioenakkoord-2019\n")],
             "stances.yaml": [("- fractie: gl-pvda\n  subject: opposes\n  claims:\n"
                               "    \"*\": opposes\n  asks:\n    \"*\": agrees\n",
                               "- fractie: gl-pvda\n  subject: opposes\n  claims:\n"
                               "    \"*\": opposes\n  asks:\n    \"*\": agrees\n"
                               "    t-aow-pensioenakkoord: {stance: agrees, source: "
                               "planted-motie-2026}\n")]}
    briefs = planted(tmp_path, edits)
    code, lines = check(briefs)
    line = line_of(briefs, "stances.yaml", "planted-motie-2026")
    assert code == 65
    assert any(f"stances.yaml:{line}: S303 bron 'planted-motie-2026' toont een daad in de "
               f"Tweede Kamer, maar dit standpunt geldt ook in de Eerste Kamer" in out
               for out in lines), lines


def test_an_eerste_kamer_block_sourced_by_a_tweede_kamer_act_is_refused(tmp_path):
    motion = ("- id: planted-motie-2026\n  kind: parliamentary\n  author: Tweede Kamer\n"
              "  title: Motie over de AOW-leeftijd\n  date: 2026-01-20\n"
              "  chamber: tweede-kamer\n\n")
    block = ("\n- fractie: sp\n  chamber: eerste-kamer\n  asks:\n    t-aow-pensioenakkoord: "
             "{stance: agrees, source: planted-motie-2026}\n")
    briefs = planted(tmp_path, {"sources.yaml": [("- id: parool-pensioenakkoord-2019\n",
                                                  motion + "- id: parool-pensioenakkoord-2019\n")]})
    with (briefs / FNV / "stances.yaml").open("a", encoding="utf-8") as handle:
        handle.write(block)
    code, lines = check(briefs)
    assert code == 65 and any("S303 bron 'planted-motie-2026'" in out and
                             "ook in de Eerste Kamer" in out for out in lines), lines


def test_a_claim_scoped_source_cannot_source_the_subject(tmp_path):
    # Hart van Nederland shows the PVV's wish to abolish the eigen risico (one claim), not
    # its stance on the akkoord's cuts as a whole.
    briefs = planted(tmp_path, {"stances.yaml": [
        ("- fractie: pvv\n  subject: opposes\n",
         "- fractie: pvv\n  subject: {stance: opposes, source: hvn-eigen-risico-2025}\n")]})
    code, lines = check(briefs)
    line = line_of(briefs, "stances.yaml", "subject: {stance: opposes, source: hvn-eigen")
    assert code == 65
    assert any(f"stances.yaml:{line}: S302 bron 'hvn-eigen-risico-2025' toont een standpunt "
               f"over één punt, niet over het hele onderwerp" in out for out in lines), lines


def test_a_leak_stated_as_fact_is_refused(tmp_path):
    briefs = planted(tmp_path, {"cards.yaml": [
        ("Volgens uitgelekte stukken gaat dat maximum pas in 2028 in",
         "Dat maximum gaat pas in 2028 in")]})
    code, lines = check(briefs)
    assert code == 65 and any("S305 'Dat maximum gaat pas in 2028 in" in out and
                             "metro-gelekt-akkoord-2026" in out for out in lines), lines


def test_a_record_dated_after_its_source_is_refused(tmp_path):
    # A record dates the act; an act cannot come after the article that reports it.
    briefs = planted(tmp_path, {"profiles.yaml": [
        ("      date: 2025-11-05\n      name: PVV", "      date: 2026-01-20\n      name: PVV")]})
    code, lines = check(briefs)
    assert code == 65 and any("S304 de daad (2026-01-20) ligt na de bron "
                             "'hvn-eigen-risico-2025'" in out for out in lines), lines


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_the_shipped_briefs_pass_the_strict_check(brief_id):
    result = run_cli("check", "--strict", "--brief", brief_id, brief=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{brief_id}: in orde (0 fouten, 0 waarschuwingen)" in result.stdout


def test_every_fnv_topic_with_an_argument_has_a_card():
    brief = Workspace(brief_id=FNV).brief()
    argued = {a.topic for a in brief.arguments}
    carded = {c.topic for c in brief.cards}
    assert argued <= carded, sorted(argued - carded)
    for card in brief.cards:
        said = {key for key, _ in citation_keys(card.say)}
        assert said and said <= {key for key, _ in citation_keys(card.evidence)}, card.id


def test_no_fnv_stance_rests_on_the_debate_itself():
    # The motie-Klaver c.s. and the ANP items of 3 February appeared during the debate.
    brief = Workspace(brief_id=FNV).brief()
    debate = brief.meta.debate.date
    for block in brief.stances:
        values = [block.subject, *block.claims.values(), *block.asks.values()]
        for value in values:
            if isinstance(value, str):
                continue
            assert brief.source(value.source).date < debate, (block.fractie, value.source)


def test_groep_markuszower_is_a_groep_not_a_fractie():
    brief = Workspace(brief_id=FNV).brief()
    groep = brief.kamer.fractie("groep-markuszower")
    assert groep.is_groep and groep.noun == "groep"
    assert brief.kamer.fractie("pvv").noun == "fractie"


def test_a_leak_is_referenced_as_reported():
    brief = Workspace(brief_id=FNV).brief()
    leak = brief.source("metro-gelekt-akkoord-2026")
    assert leak.leak and as_reported(leak).endswith(f"({LEAK_WORDING})")
    assert as_reported(brief.source("parool-pensioenakkoord-2019")).endswith("juni 2019")


# --- Citations never drift ----------------------------------------------------------------

#: A clause boundary: "; " outside a citation's brackets ("[@a; @b]" is one citation).
CLAUSE_RE = re.compile(r";\s+(?![^\[]*\])")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u2060": "", "\u00ad": ""})


def _plain(text: str) -> str:
    """Text as compared: no citations, tags, emphasis marks or typographic quotes."""
    text = CITATION_RE.sub("", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).translate(_QUOTES).replace("*", "")
    text = re.sub(r"\s+([,.;:!?])", r"\1", text.replace("\\@", "@"))
    return " ".join(text.split()).strip(" .;:…?!")


def _data_sentences(brief) -> dict[str, set[str]]:
    """Every sentence of the brief's printed prose (plain) with the sources it cites."""
    fields = [brief.meta.intro.agrees, brief.meta.intro.opposes, brief.meta.intro.raises or "",
              brief.meta.intro.unknown or "", brief.meta.contact or ""]
    fields += [m.text for m in brief.meta.messages] + [a.text for a in brief.meta.asks]
    for argument in brief.arguments:
        fields += [argument.kernzin, argument.reasoning, *(x.text for x in argument.angles)]
    for card in brief.cards:
        fields += [card.claim, card.rebuttal, card.evidence, card.say, card.follow_up]
    for profile in brief.profiles:
        fields += [profile.assessment or "", *(item.text for item in profile.record)]
    found: dict[str, set[str]] = {}
    for field in fields:
        for part in CLAUSE_RE.split(field):
            for sentence in sentences(part):
                keys = {key for key, _ in citation_keys(sentence) if key}
                found.setdefault(_plain(sentence), set()).update(keys)
    return found


def _printed_with_notes(page: str) -> list[tuple[str, set[str]]]:
    """``(sentence, note sources)`` for every note call in a handout's prose: the sentence
    (or the clause after a semicolon) that stands right before the call."""
    notes = {m.group(1): set(re.findall(r'href="#bron-([^"]+)"', m.group(2)))
             for m in re.finditer(r'<li id="fn-(\d+)">(.*?)</li>', page, re.S)}
    page = re.sub(r'<span class="label">.*?</span>', "", page)
    # The profile table's notes (role, zetels, stance) come from the Kamer file and
    # stances.yaml, which rules S301-S303 hold; the drift test is about prose.
    page = re.sub(r'<table class="profile">.*?</table>', "", page, flags=re.S)
    found = []
    for block in re.finditer(r"<(p|li|td)\b[^>]*>(.*?)</\1>", page, re.S):
        before = ""
        for piece in re.split(r'(<sup class="fn-call"><a href="#fn-\d+")', block.group(2)):
            call = re.match(r'<sup class="fn-call"><a href="#fn-(\d+)"', piece)
            if call and before.strip():
                last = CLAUSE_RE.split(sentences(_plain(before))[-1])[-1]
                found.append((_plain(last), notes.get(call.group(1), set())))
                before = ""
            elif not call:
                before += re.sub(r"^.*?</sup>", "", piece, count=1, flags=re.S) \
                    if piece.startswith(" id=") else piece
    return found


def _drift(brief, page: str) -> list[str]:
    data = _data_sentences(brief)
    problems = []
    for sentence, sources in _printed_with_notes(page):
        # A record is printed after "Tweede Kamer, <datum>, als <naam>:"; a long one shortened.
        tail = sentence.split(": ", 1)[-1]
        matches = [keys for text, keys in data.items() if text and (
            text in sentence or sentence in text or tail in text)]
        own = set().union(*matches) if matches else set()
        if not sources <= own:
            problems.append(f"{sentence[:70]}… draagt {sorted(sources - own)}")
    return problems


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> dict[str, list[tuple[str, str]]]:
    """Every fractie's handout of both shipped briefs as HTML, made by the CLI."""
    out = tmp_path_factory.mktemp("handouts")
    made: dict[str, list[tuple[str, str]]] = {}
    for brief_id in BRIEF_IDS:
        result = run_cli("make", "--all", "--format", "html", "--length", "short",
                         "--out", str(out), brief=brief_id)
        assert result.returncode == 0, result.stderr
        made[brief_id] = [(p.name, p.read_text(encoding="utf-8"))
                          for p in sorted((out / brief_id).glob("*.html"))]
    return made


@pytest.mark.xfail(strict=True, reason=(
    "issue 20: the handout's renderer (briefing/render.py, being rewritten) moves the notes "
    "of a dropped reasoning onto the angle it keeps, so an opinion sentence ('Wij vinden "
    "...') carries the reasoning's sources, and puts a clause's note after the opinion "
    "clause that follows it ('...gevaar [@verdrag]; volgens de brief ...' prints the note "
    "after 'volgens de brief ...')"))
def test_citations_never_drift_onto_another_sentence_in_a_handout(handouts):
    problems = []
    for brief_id, pages in handouts.items():
        brief = Workspace(brief_id=brief_id).brief()
        for name, page in pages:
            problems += [f"{brief_id}/{name}: {p}" for p in _drift(brief, page)]
    assert not problems, "\n".join(problems[:40])


def test_the_drift_test_finds_the_sentences_it_checks(handouts):
    # The drift test must see notes at all: every handout prints some.
    for brief_id, pages in handouts.items():
        assert pages, brief_id
        for name, page in pages:
            assert _printed_with_notes(page), f"{brief_id}/{name}"
