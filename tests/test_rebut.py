"""`debatbrief rebut` and the card sheet, as the lobbyist uses them during the debate."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import BRIEF_ID, pdf_pages_text, run_cli

from debatbrief.cards import card_boxes
from debatbrief.lookup import lookup


@pytest.mark.parametrize(("query", "card"), [
    ("asielcrsis", "asielcrisis-noodwet"),        # a typo
    ("creeert", "integratie-draagvlak"),          # no accents for "creëert"
    ("CREËERT", "integratie-draagvlak"),          # case
    ("noodwet", "asielcrisis-noodwet"),           # an alias
    ("asielstop", "asielstop-tijdelijk"),
    ("gezinshereniging", "nareis-wachttermijn"),
    ("spreidingswet", "spreidingswet-intrekken"),
    ("optout", "opt-out-eu"),                     # hyphen dropped
    ("opt out", "opt-out-eu"),                    # hyphen as a space
    ("pushback", "grens-terugsturen"),
    ("aanzuigende werking", "aanzuigende-werking"),
    ("aanzuigende werkng", "aanzuigende-werking"),
    ("bekrachtigen", "opt-out-eu"),               # a word from the rebuttal only
    ("rechtsbijstand", "rechtsbijstand-inperken"),
])
def test_query_finds_the_intended_card_first(workspace, query, card):
    result = lookup(workspace, query)
    assert result.hits, query
    assert result.hits[0].card["id"] == card


def test_exact_fast_path_agrees_with_full_ranking(workspace, brief):
    for card in brief.cards:
        for alias in card.aliases:
            fast = lookup(workspace, alias, best_only=True).hits[0].card["id"]
            full = lookup(workspace, alias).hits[0].card["id"]
            assert fast == full, alias


def test_unknown_word_exits_1_with_three_suggestions():
    result = run_cli("rebut", "xyzzyq")
    assert result.returncode == 1
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.startswith("Geen kaart gevonden voor 'xyzzyq'. Dichtstbij: ")
    assert line.count("(") == 3


def test_rebut_prints_the_card_in_plain_text_to_a_pipe():
    result = run_cli("rebut", "noodwet", env={"NO_COLOR": ""})
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert result.stdout.startswith("asielcrisis-noodwet")
    for label in ("Claim:", "Weerlegging:", "Bewijs:", "Zeg:", "Doorvragen:"):
        assert label in result.stdout
    assert "C-72/22 PPU" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_short_is_at_most_three_lines_in_a_narrow_terminal():
    result = run_cli("rebut", "--short", "noodwet", env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and 1 <= len(lines) <= 3
    assert all(len(line) <= 60 for line in lines)
    assert lines[-1].startswith("— HvJ EU, C-72/22 PPU")


def _in_terminal(env: dict, *args: str) -> str:
    """What a 60-column terminal shows for ``debatbrief *args``."""
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - child
        os.environ.pop("NO_COLOR", None)
        os.environ.update({"COLUMNS": "60", **env})
        os.execv(sys.executable, [sys.executable, "-m", "debatbrief", *args])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def test_terminal_shows_a_panel_that_fits_sixty_columns():
    screen = _in_terminal({}, "rebut", "--brief", BRIEF_ID, "optout")
    assert "╭─ opt-out-eu" in screen
    visible = [line for line in screen.replace("\x1b[0m", "").splitlines()]
    import re
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in visible]
    assert max(len(line) for line in plain) <= 60


def test_no_color_in_a_terminal_gives_plain_text():
    screen = _in_terminal({"NO_COLOR": "1"}, "rebut", "--brief", BRIEF_ID, "optout")
    assert "\x1b[" not in screen and "╭" not in screen
    assert screen.startswith("opt-out-eu")


def test_fractie_filter_keeps_only_cards_that_fractie_raises(workspace, brief):
    result = lookup(workspace, "spreidingswet", fractie="ja21")
    raisers = {c.id for c in brief.cards if "ja21" in brief.raisers(c.id)}
    assert result.hits and all(h.card["id"] in raisers for h in result.hits)
    unknown = run_cli("rebut", "noodwet", "--fractie", "PPV")
    assert unknown.returncode == 2 and "Bedoelde u PVV?" in unknown.stderr


def test_all_lists_every_match_ranked():
    result = run_cli("rebut", "--all", "spreidingswet")
    heads = [line for line in result.stdout.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert len(heads) >= 2 and heads[0].startswith("1. spreidingswet-")


def test_rebut_does_not_import_weasyprint_or_jinja(tmp_path):
    code = (
        "import sys\n"
        "from debatbrief.cli import main\n"
        "try:\n    main(['rebut', 'asielcrisis'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'jinja2', 'ruamel.yaml') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n")
    # Twice: the first run validates the brief and caches the deck, the second is the
    # run a lobbyist makes during the debate.
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**__import__("os").environ, **env})
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**__import__("os").environ, **env})
    assert "'weasyprint'" not in first.stderr and "'jinja2'" not in first.stderr
    assert "HEAVY []" in second.stderr, second.stderr


def test_an_edited_brief_is_validated_again_before_a_card_is_shown(tmp_path):
    import shutil

    from conftest import ROOT
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run_cli("rebut", "noodwet", "--briefs", str(briefs), env=env).returncode == 0
    cards = briefs / BRIEF_ID / "cards.yaml"
    cards.write_text(cards.read_text().replace("topic: asielcrisis", "topic: asielcrsis", 1))
    result = run_cli("rebut", "noodwet", "--briefs", str(briefs), env=env)
    assert result.returncode == 1
    assert "cards.yaml:" in result.stderr and "asielcrsis" in result.stderr


@pytest.fixture(scope="module")
def card_sheet(tmp_path_factory):
    out = tmp_path_factory.mktemp("cards")
    result = run_cli("cards", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID / "kaarten.pdf"


def test_card_sheet_has_four_cards_per_page_and_none_split(card_sheet, brief, workspace,
                                                            engine):
    pages = pdf_pages_text(card_sheet)
    assert len(pages) == -(-len(brief.cards) // 4)
    for index, text in enumerate(pages):
        on_page = [c.id for c in brief.cards if re.search(rf"(?<![\w-]){c.id}(?![a-z0-9-])", text)]
        expected = min(4, len(brief.cards) - 4 * index)
        assert len(on_page) == expected, (index, on_page)
    # Layout: every card's content ends inside its own A6 cell, on one page.
    from debatbrief.cards import choose_cards  # noqa: F401 - the same choice as the CLI
    from debatbrief.render import render_template
    html_doc = _sheet_document(brief, workspace, engine, render_template)
    boxes = card_boxes(html_doc)
    assert len({card_id for _, card_id, _, _ in boxes}) == len(brief.cards)
    for _, card_id, cell, content in boxes:
        assert content[1] <= cell[1] + 0.5, card_id


def _sheet_document(brief, workspace, engine, render_template):
    from debatbrief.cards import CARDS_PER_SHEET
    from debatbrief.cite import cite_inline
    topics = {t.id: t for t in brief.meta.topics}
    items = [{"card": c, "topic": topics[c.topic], "claim": c.claim, "follow_up": c.follow_up,
              "rebuttal": cite_inline(brief, c.rebuttal)[0],
              "evidence": cite_inline(brief, c.evidence)[0], "say": c.say, "raised_by": []}
             for c in brief.cards]
    sheets = [items[i:i + CARDS_PER_SHEET] for i in range(0, len(items), CARDS_PER_SHEET)]
    html = render_template(workspace.templates, "cards.html.j2", brief=brief, meta=brief.meta,
                           sheets=sheets, fractie=None)
    return engine.document(html, workspace.templates, [workspace.templates])


def test_cards_for_a_fractie_only_hold_its_claims(tmp_path, brief):
    result = run_cli("cards", "--fractie", "JA21", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_pages_text(tmp_path / BRIEF_ID / "kaarten-ja21.pdf"))
    for card in brief.cards:
        found = re.search(rf"(?<![\w-]){card.id}(?![a-z0-9-])", text) is not None
        assert found == ("ja21" in brief.raisers(card.id)), card.id


def test_a_card_too_long_for_a6_is_refused(tmp_path):
    import shutil

    from conftest import ROOT
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    cards = briefs / BRIEF_ID / "cards.yaml"
    text = cards.read_text()
    long_follow_up = "Waarom " + "en dan nog langer " * 120 + "?"
    text = text.replace("follow_up: Hoe voorkomt u", f"follow_up: {long_follow_up} Hoe voorkomt u",
                        1)
    cards.write_text(text)
    result = run_cli("cards", "--all", "--briefs", str(briefs), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "past niet op A6" in result.stderr
    assert not (tmp_path / "o" / BRIEF_ID / "kaarten.pdf").exists()
