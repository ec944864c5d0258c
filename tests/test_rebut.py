"""`debatbrief rebut` and the card sheet, as the lobbyist uses them during the debate."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import BRIEF_ID, pdf_pages_text, run_cli, run_in_terminal

from debatbrief.cards.lookup import lookup
from debatbrief.commands.cards import card_boxes


@pytest.mark.parametrize(
    ("query", "card"),
    [
        ("asielcrsis", "asielcrisis-noodwet"),  # a typo
        ("creeert", "integratie-draagvlak"),  # no accents for "creëert"
        ("CREËERT", "integratie-draagvlak"),  # case
        ("noodwet", "asielcrisis-noodwet"),  # an alias
        ("asielstop", "asielstop-tijdelijk"),
        ("gezinshereniging", "nareis-wachttermijn"),
        ("spreidingswet", "spreidingswet-intrekken"),
        ("optout", "opt-out-eu"),  # hyphen dropped
        ("opt out", "opt-out-eu"),  # hyphen as a space
        ("pushback", "grens-terugsturen"),
        ("aanzuigende werking", "aanzuigende-werking"),
        ("aanzuigende werkng", "aanzuigende-werking"),
        ("bekrachtigen", "opt-out-eu"),  # a word from the rebuttal only
        ("rechtsbijstand", "rechtsbijstand-inperken"),
    ],
)
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


def test_a_near_miss_exits_1_with_three_suggestions():
    result = run_cli("rebut", "terugkeer")
    assert result.returncode == 1
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.startswith("Geen kaart gevonden voor 'terugkeer'. Dichtstbij: ")
    assert line.count("(") == 3


def test_a_word_no_card_has_suggests_nothing_rather_than_the_first_cards():
    for brief_id, word in (("vwn-2024-05-22", "xyzzyq"), ("fnv-2026-02-03", "noodwet")):
        result = run_cli("rebut", word, brief=brief_id)
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.strip() == (
            f"Geen kaart gevonden voor '{word}': geen kaart noemt deze woorden (zie 'debatbrief list cards')."
        )


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
    _, screen = run_in_terminal([sys.executable, "-m", "debatbrief", *args], {"COLUMNS": "60", **env})
    return screen.decode()


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
        "from debatbrief.cli.app import main\n"
        "try:\n    main(['rebut', 'asielcrisis'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'jinja2', 'ruamel.yaml', 'pydantic') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    # Twice: the first run validates the brief and caches the deck, the second is the
    # run a lobbyist makes during the debate.
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**__import__("os").environ, **env}
    )
    second = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**__import__("os").environ, **env}
    )
    assert "'weasyprint'" not in first.stderr and "'jinja2'" not in first.stderr
    assert "HEAVY []" in second.stderr, second.stderr


def test_an_edited_brief_is_validated_again_before_a_card_is_shown(tmp_path):
    import shutil

    from helpers import ROOT

    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run_cli("rebut", "noodwet", "--briefs", str(briefs), env=env).returncode == 0
    cards = briefs / BRIEF_ID / "cards.yaml"
    cards.write_text(cards.read_text().replace("topic: asielcrisis", "topic: asielcrsis", 1))
    result = run_cli("rebut", "noodwet", "--briefs", str(briefs), env=env)
    assert result.returncode == 65
    assert "cards.yaml:" in result.stderr and "asielcrsis" in result.stderr


@pytest.fixture(scope="module")
def card_sheet(tmp_path_factory):
    out = tmp_path_factory.mktemp("cards")
    result = run_cli("cards", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID / "kaarten.pdf"


def test_card_sheet_has_four_cards_per_page_and_none_split(card_sheet, brief, workspace, engine):
    pages = pdf_pages_text(card_sheet)
    assert len(pages) == -(-len(brief.cards) // 4)
    for index, text in enumerate(pages):
        on_page = [c.id for c in brief.cards if re.search(rf"(?<![\w-]){c.id}(?![a-z0-9-])", text)]
        expected = min(4, len(brief.cards) - 4 * index)
        assert len(on_page) == expected, (index, on_page)
    # Layout: every card's content ends inside its own A6 cell, on one page.
    from debatbrief.briefing.render import render_template
    from debatbrief.commands.cards import choose_cards  # noqa: F401 - the same choice as the CLI

    html_doc = _sheet_document(brief, workspace, engine, render_template)
    boxes = card_boxes(html_doc)
    assert len({card_id for _, card_id, _, _ in boxes}) == len(brief.cards)
    for _, card_id, cell, content in boxes:
        assert content[1] <= cell[1] + 0.5, card_id


def _sheet_document(brief, workspace, engine, render_template):
    from debatbrief.brief.cite import cite_inline
    from debatbrief.commands.cards import CARDS_PER_SHEET

    topics = {t.id: t for t in brief.meta.topics}
    items = [
        {
            "card": c,
            "topic": topics[c.topic],
            "claim": c.claim,
            "follow_up": c.follow_up,
            "rebuttal": cite_inline(brief, c.rebuttal)[0],
            "evidence": cite_inline(brief, c.evidence)[0],
            "say": c.say,
            "raised_by": [],
        }
        for c in brief.cards
    ]
    sheets = [items[i : i + CARDS_PER_SHEET] for i in range(0, len(items), CARDS_PER_SHEET)]
    html = render_template(
        workspace.templates, "cards.html.j2", brief=brief, meta=brief.meta, sheets=sheets, fractie=None
    )
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

    from helpers import ROOT

    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    cards = briefs / BRIEF_ID / "cards.yaml"
    text = cards.read_text()
    long_follow_up = "Waarom " + "en dan nog langer " * 120 + "?"
    text = text.replace("follow_up: Hoe voorkomt u", f"follow_up: {long_follow_up} Hoe voorkomt u", 1)
    cards.write_text(text)
    result = run_cli("cards", "--all", "--briefs", str(briefs), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "past niet op A6" in result.stderr
    assert not (tmp_path / "o" / BRIEF_ID / "kaarten.pdf").exists()


# --- Issue 13: what people actually type ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "acceptable"),
    [
        ("ind achterstanden", {"oorzaak-politieke-keuzes"}),
        ("asielzoekers voorrang", {"sociale-huur-voorrang"}),
        ("asielzoekers voorrang huizen", {"sociale-huur-voorrang"}),
        ("achterstanden", {"oorzaak-politieke-keuzes", "asielstop-tijdelijk"}),
        ("tijdelijke verblijfsvergunning", {"tweestatusstelsel"}),
    ],
)
def test_issue_table_phrase_opens_the_right_card(query, acceptable):
    result = run_cli("rebut", query)
    assert result.returncode == 0, result.stderr
    assert first_card_shown(result.stdout) in acceptable


def first_card_shown(stdout: str) -> str:
    """The id of the card `rebut` prints whole, or of the first of its short list."""
    if stdout.startswith("Meerdere kaarten passen"):
        return stdout.splitlines()[1].split(" ")[1]
    return stdout.split(" · ")[0]


def test_a_source_id_finds_every_card_citing_it(brief):
    from debatbrief.commands.cards import card_sources

    citing = {c.id for c in brief.cards if "wodc-2023" in card_sources(c)}
    assert citing
    result = run_cli("rebut", "--all", "wodc-2023")
    assert result.returncode == 0, result.stderr
    heads = [line.split(" ")[1] for line in result.stdout.splitlines() if re.match(r"\d+\. ", line)]
    assert set(heads) == citing


def test_an_unanswered_subject_gives_no_card_but_suggestions_on_it(brief):
    # No card answers "terugkeer" (return); the suggestions must be about sending back.
    result = run_cli("rebut", "terugkeer")
    assert result.returncode == 1 and result.stdout == ""
    suggested = re.findall(r"([a-z0-9-]+) \(", result.stderr)
    assert len(suggested) == 3
    for card_id in suggested:
        card = brief.card(card_id)
        words = " ".join((card.claim, card.rebuttal, card.evidence, card.say)).lower()
        assert re.search(r"\bterug", words), card_id


def test_stop_words_and_filler_do_not_decide(workspace):
    assert not lookup(workspace, "we moeten het doen").hits
    assert not lookup(workspace, "nederland").hits  # on most cards: names none
    plain = lookup(workspace, "spreidingswet intrekken").hits[0].card["id"]
    spoken = lookup(workspace, "we moeten de spreidingswet nu echt intrekken").hits[0].card["id"]
    assert spoken == plain == "spreidingswet-intrekken"


def test_an_exact_alias_does_not_load_the_ranking_machinery(tmp_path):
    code = (
        "import sys\n"
        "from debatbrief.cli.app import main\n"
        f"try:\n    main(['rebut', '--brief', '{BRIEF_ID}', sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "loaded = [m for m in ('sqlite3', 'Stemmer', 'rapidfuzz', 'prompt_toolkit')"
        " if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code, "noodwet"], capture_output=True, env=env)
    exact = subprocess.run([sys.executable, "-c", code, "noodwet"], capture_output=True, text=True, env=env)
    assert "LOADED []" in exact.stderr, exact.stderr
    ranked = subprocess.run(
        [sys.executable, "-c", code, "noodwett van de regering"], capture_output=True, text=True, env=env
    )
    assert "'sqlite3'" in ranked.stderr and "'prompt_toolkit'" not in ranked.stderr


def test_short_shows_the_source_the_one_liner_itself_cites():
    result = run_cli("rebut", "--short", "aanzuigende werking")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Het WODC vond geen bewijs voor een aanzuigende werking;")
    assert "[@" not in result.stdout and "(WODC" not in lines[0]  # no citation in the line
    assert lines[-1] == "— WODC 2023 · aanzuigende-werking"


def test_short_shows_no_source_for_a_one_liner_without_citation(brief):
    # The statushouders card's evidence cites a magazine and the letter; its one-liner is
    # the letter's analysis and cites nothing itself: no source rather than the magazine.
    card = next(c for c in brief.cards if c.id == "sociale-huur-voorrang")
    assert "[@" not in card.say and "[@revu-akkoord-2024]" in card.evidence
    result = run_cli("rebut", "--short", "sociale-huur-voorrang")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "— sociale-huur-voorrang"
    assert "Revu" not in result.stdout


def test_full_card_shows_the_one_liners_source_after_it(brief):
    from debatbrief.brief.cite import source_short
    from debatbrief.brief.models import CITATION_RE, citation_keys

    card = brief.card("asielcrisis-noodwet")
    keys = [key for key, _ in citation_keys(card.say)]
    assert keys  # the one-liner cites what backs it
    said = " ".join(CITATION_RE.sub("", card.say).split()).replace(" .", ".")
    shorts = "; ".join(source_short(brief.source(k)) for k in keys)
    result = run_cli("rebut", "noodwet")
    text = " ".join(line.strip() for line in result.stdout.splitlines())
    assert f"Zeg: {said} ({shorts}) Doorvragen:" in text


def test_rebut_without_a_query_outside_a_terminal_asks_for_one():
    result = run_cli("rebut", input="")
    assert result.returncode == 2
    assert result.stderr.strip() == "Geef een zoekwoord, bijvoorbeeld: debatbrief rebut noodwet"


def test_list_cards_shows_id_topic_raisers_and_sources(brief):
    result = run_cli("list", "cards")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "kaart (onderwerp)" in result.stdout and "bronnen" in result.stdout
    row = next(i for i, line in enumerate(lines) if "asielcrisis-noodwet" in line)
    block = " ".join(lines[row : row + 2])
    assert "(asielcrisis)" in block and "PVV, VVD," in block and "hvj-c-72-22" in block
    for card in brief.cards:
        assert card.id in result.stdout
    narrow = run_cli("list", "cards", env={"COLUMNS": "60"})
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
    assert "  ingebracht door: PVV, VVD, NSC, BBB\n" in narrow.stdout


def test_cards_by_source_hold_only_the_cards_citing_it(tmp_path, brief):
    from debatbrief.commands.cards import card_sources

    result = run_cli("cards", "--source", "hof-den-haag-2022", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / BRIEF_ID / "kaarten-bron-hof-den-haag-2022.pdf"
    assert "kaarten-bron-hof-den-haag-2022.pdf (1 kaart, 1 pagina)" in result.stdout
    text = " ".join(pdf_pages_text(pdf))
    for card in brief.cards:
        found = re.search(rf"(?<![\w-]){card.id}(?![a-z0-9-])", text) is not None
        assert found == ("hof-den-haag-2022" in card_sources(card)), card.id


def test_cards_by_unknown_source_names_the_closest():
    result = run_cli("cards", "--source", "wodc")
    assert result.returncode == 2
    assert result.stderr.startswith("Onbekende bron 'wodc'. Bedoelde u wodc-2023? Kies uit: ")


def test_the_example_for_an_empty_query_comes_from_the_brief_in_use():
    from debatbrief.commands.workspace import Workspace

    for brief_id in ("vwn-2024-05-22", "fnv-2026-02-03"):
        first = Workspace(brief_id=brief_id).brief().cards[0]
        result = run_cli("rebut", " ", brief=brief_id)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"Geef een zoekwoord, bijvoorbeeld: debatbrief rebut {(first.aliases or [first.id])[0]}"
        )


def test_a_word_on_several_cards_lists_them_ranked():
    # Issue 21: a topic word that several cards are named by is no failure: the lobbyist
    # sees those cards, best first, and types the id of the one to open.
    result = run_cli("rebut", "aow", brief="fnv-2026-02-03")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Meerdere kaarten passen bij 'aow'; typ de kaart-id voor de hele kaart:"
    heads = [line.split(" ")[1] for line in lines if re.match(r"\d+\. ", line)]
    assert 2 <= len(heads) <= 4 and all(head.startswith("aow-") for head in heads)
    assert sum(line.lstrip().startswith("Zeg: ") for line in lines) == len(heads)
    assert result.stderr == ""


def test_an_error_outside_the_cards_leaves_the_cards_usable(tmp_path):
    # Issue 21: a slip in a profile, made during the debate, must not take the cards away;
    # `rebut` says so in one line and `check` still fails.
    import shutil

    from helpers import ROOT

    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    profiles = briefs / BRIEF_ID / "profiles.yaml"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(text.replace("\n  values:", "\n  valeus:", 1), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):  # building the deck, then from the cache
        result = run_cli("rebut", "noodwet", "--briefs", str(briefs), env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("asielcrisis-noodwet · ")
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert re.fullmatch(
            r"Let op: de brief heeft 1 fout buiten de kaarten \(eerst "
            r".*profiles\.yaml:\d+: onbekend veld 'valeus'.*\); de kaarten "
            r"werken, 'debatbrief check' toont alles\.",
            lines[0],
        ), lines[0]
    check = run_cli("check", "--briefs", str(briefs), env=env)
    assert check.returncode == 65 and "profiles.yaml:" in check.stderr + check.stdout


# --- issue 21: what a word may match --------------------------------------------------


def fnv():
    from debatbrief.commands.workspace import Workspace

    return Workspace(brief_id="fnv-2026-02-03")


def shown(workspace, query: str) -> list[str]:
    """The ids of the cards `rebut QUERY` shows as its answer (none: it names the nearest)."""
    return [hit.card["id"] for hit in lookup(workspace, query).hits]


def test_a_typo_is_forgiven_but_a_real_word_is_not_read_as_another():
    assert shown(fnv(), "levensverwachtng") == ["aow-levensverwachting"]
    # "afspraak" is on a card; "afbraak" is a Dutch word of its own, no typo of it.
    assert shown(fnv(), "afspraak") and not shown(fnv(), "afbraak")


def test_a_word_no_card_has_counts_against_the_card():
    assert shown(fnv(), "eigen risico omhoog") == ["eigen-risico-zorgkosten"]
    # "huur" is on no card: "omhoog" alone does not make it the eigen-risico card's question.
    assert shown(fnv(), "huur omhoog") == []
    result = run_cli("rebut", "huur omhoog", brief="fnv-2026-02-03")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("Geen kaart gevonden voor 'huur omhoog'. Dichtstbij: ")
    # The minimum wage was such a word until the brief got its card lonen-geen-ruimte.
    assert shown(fnv(), "minimumloon omhoog") == ["lonen-geen-ruimte"]


def test_an_amount_keeps_its_unit():
    assert shown(fnv(), "2,5 miljard") == ["aow-besparing-nodig"]
    assert shown(fnv(), "2 miljard") == [] and shown(fnv(), "5") == []


def test_a_source_is_found_by_its_id_not_by_its_title(brief):
    from debatbrief.cards.lookup import deck, ranker
    from debatbrief.cards.text import terms
    from debatbrief.commands.cards import card_sources
    from debatbrief.commands.workspace import Workspace

    data = deck(Workspace(brief_id=BRIEF_ID))  # the cards as printed, short references too
    on_cards = {
        word
        for card in data["cards"]
        for word in terms(
            " ".join(
                [
                    card["id"],
                    card["topic_title"],
                    card["claim"],
                    card["rebuttal"],
                    card["evidence"],
                    card["say"],
                    card["follow_up"],
                    *card["aliases"],
                    *card["topic_aliases"],
                ]
            )
        )
    }
    rank = ranker(data)
    cited = {key for card in brief.cards for key in card_sources(card)}
    # Words of cited titles that the cards do not say (nor a typo, compound or synonym of
    # theirs): were titles searched, these would be words of the deck.
    title_only = {
        word
        for key in cited
        for word in terms(brief.source(key).title)
        if len(word) >= 7
        and rank.is_word(word)
        and not rank.candidates(word)
        and not any(w.startswith(word[:6]) for w in on_cards)
    }
    assert len(title_only) >= 5, title_only
    for word in sorted(title_only):
        assert shown(Workspace(brief_id=BRIEF_ID), word) == [], word
    assert shown(Workspace(brief_id=BRIEF_ID), "wodc-2023") == ["aanzuigende-werking"]


def test_a_brief_adds_its_own_synonyms(tmp_path):
    import shutil

    from helpers import ROOT

    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    before = run_cli("rebut", "paniekwet", "--briefs", str(briefs), env=env)
    assert before.returncode == 1
    from ruamel.yaml import YAML

    meta, yaml = briefs / BRIEF_ID / "brief.yaml", YAML()
    data = yaml.load(meta.read_text(encoding="utf-8"))
    data.setdefault("synonyms", []).append(["paniekwet", "noodwet"])  # beside any it has
    with meta.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    after = run_cli("rebut", "paniekwet", "--briefs", str(briefs), env=env)
    assert after.returncode == 0, after.stderr
    assert after.stdout.startswith("asielcrisis-noodwet · ")


def test_all_shows_the_next_candidates_beside_a_sure_card():
    one = run_cli("rebut", "asielstop")
    assert one.returncode == 0 and one.stdout.startswith("asielstop-tijdelijk · ")
    assert not re.search(r"^\d+\. ", one.stdout, re.MULTILINE)
    every = run_cli("rebut", "--all", "asielstop")
    heads = re.findall(r"^\d+\. (\S+) \(\d+\)", every.stdout, re.MULTILINE)
    assert every.returncode == 0 and len(heads) >= 3 and heads[0] == "asielstop-tijdelijk"


# --- issue 21, second round: rules found on the evaluation sets -------------------------


def candidates(workspace, word: str) -> dict[str, float]:
    """The deck's stems a typed word may mean, with their similarity (see rank.Vocabulary)."""
    from debatbrief.cards.lookup import deck, ranker

    return ranker(deck(workspace)).candidates(word)


def test_a_compound_needs_a_real_word_left_over(workspace):
    # "verplicht" ends in "licht" (groen licht, on a VWN card), but "verp" is no word.
    assert "licht" not in candidates(workspace, "verplicht")
    assert candidates(workspace, "asielmagneet").get("magnet") == pytest.approx(0.65)


def test_a_participle_reaches_its_verb_and_a_compound_is_no_typo():
    # "gevraagd" is left whole by the stemmer; the card says "vragen".
    assert candidates(fnv(), "gevraagd") == {"vrag": 1.0}
    assert shown(fnv(), "vakbonden niet gevraagd") == ["aow-eerst-kabinet"]
    # "stikstofslot" is stikstof + slot, not a typo of "stikstof" (which would count 0.8).
    assert candidates(fnv(), "stikstofslot") == {"stikstof": pytest.approx(0.5)}


def test_a_number_in_words_is_an_amount_before_a_unit(workspace):
    from debatbrief.cards.text import terms

    assert terms("een asielpauze van twee jaar") == ["een", "asielpauze", "van", "2_jaar"]
    assert terms("tweeënhalf jaar later") == ["2_5_jaar", "later"]
    assert terms("twee statussen") == ["twee", "statussen"]
    # Not the "twee" of "twee statussen" (the tweestatusstelsel card).
    assert shown(workspace, "een asielpauze van twee jaar") == ["asielstop-tijdelijk"]


def test_a_number_no_card_has_does_not_hide_the_cards_a_word_names():
    assert shown(fnv(), "aow naar 70")[:2] == ["aow-besparing-nodig", "aow-levensverwachting"]
    # A word no card has does: "bevriezen" is not on the uitkeringen cards.
    assert shown(fnv(), "uitkeringen bevriezen") == []


# --- issue 24: rebut for other programs, and in colour on request ----------------------


def _json(*args: str, **kwargs):
    import json

    result = run_cli("rebut", *args, "--format", "json", **kwargs)
    return result, (json.loads(result.stdout) if result.stdout else None)


def test_json_gives_the_card_whole_with_exit_0():
    result, data = _json("noodwet")
    assert result.returncode == 0, result.stderr
    assert data["brief"] == BRIEF_ID and data["query"] == "noodwet" and data["found"] == "card"
    [card] = data["cards"]
    assert card["id"] == "asielcrisis-noodwet" and card["fits"] is True
    assert card["say_sources"] == ["HvJ EU, C-72/22 PPU"] and "C-72/22 PPU" in card["evidence"]
    assert {"claim", "rebuttal", "follow_up", "raised_by", "source_ids"} <= set(card)
    assert "match" not in card  # the index's own data is not the card


def test_json_lists_the_cards_several_share_and_all_fills_up_to_three():
    result, data = _json("aow", brief="fnv-2026-02-03")
    assert result.returncode == 0 and data["found"] == "choice"
    assert len(data["cards"]) >= 2 and all(c["id"].startswith("aow-") for c in data["cards"])
    result, data = _json("--all", "noodwet")
    assert result.returncode == 0 and len(data["cards"]) == 3
    assert [c["fits"] for c in data["cards"]][0] is True
    assert data["cards"][0]["score"] >= data["cards"][-1]["score"]


def test_json_says_nothing_fits_with_the_nearest_cards_and_exit_1():
    result, data = _json("terugkeer")
    assert result.returncode == 1 and result.stderr == ""
    assert data["found"] == "none" and data["cards"] == []
    assert len(data["nearest"]) == 3 and all({"id", "score"} <= set(n) for n in data["nearest"])


def test_json_of_an_invalid_brief_is_exit_65_and_one_line_on_stderr(tmp_path):
    import shutil

    from helpers import ROOT

    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    cards = briefs / BRIEF_ID / "cards.yaml"
    cards.write_text(cards.read_text().replace("topic: asielcrisis", "topic: asielcrsis", 1))
    result, data = _json("noodwet", "--briefs", str(briefs), env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.returncode == 65 and data is None
    assert "cards.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_help_of_rebut_names_the_json_format_and_the_exit_codes():
    text = " ".join(run_cli("rebut", "--help").stdout.split())
    assert "--format" in text and "json" in text
    assert "65" in text and "geen kaart past" in text


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "TTY_COMPATIBLE"])
def test_rebut_into_a_pipe_has_colour_when_asked(variable):
    coloured = run_cli("rebut", "noodwet", env={"NO_COLOR": None, variable: "1"})
    assert coloured.returncode == 0, coloured.stderr
    assert "\x1b[" in coloured.stdout and "╭─ asielcrisis-noodwet" in coloured.stdout
    plain = run_cli("rebut", "noodwet", env={"NO_COLOR": None})
    assert "\x1b[" not in plain.stdout and plain.stdout.startswith("asielcrisis-noodwet")
    refused = run_cli("rebut", "noodwet", env={"NO_COLOR": "1", variable: "1"})
    assert "\x1b[" not in refused.stdout
