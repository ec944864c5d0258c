"""What a new user met on a first brief of their own (issue 22, the trial with a letter of
the Patiëntenfederatie): a document dated by month, repeated messages, an unreachable
contact, a cut reference, estimates on the MP's page, messages naming where they looked,
single-word lookups and facts that "wij" does not make an opinion."""

from __future__ import annotations

import json
import re
import shutil

from helpers import BRIEF_ID, ROOT, run_cli


def _shipped(tmp_path, brief_id: str = BRIEF_ID):
    """A copy of a shipped brief in ``tmp_path/briefs``; returns its folder."""
    target = tmp_path / "briefs" / brief_id
    shutil.copytree(ROOT / "briefs" / brief_id, target)
    return target


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- 2. document.date_text ----------------------------------------------------------------


def test_a_document_dated_by_month_is_printed_as_given(tmp_path):
    folder = _shipped(tmp_path)
    _edit(folder / "brief.yaml", "  date: 2024-05-21\n", "  date_text: mei 2024\n")
    check = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    made = run_cli(
        "make", "--briefs", "briefs", "--fractie", "PVV", "--format", "html", "--out", "out", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "out" / BRIEF_ID / "pvv.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="from">(.*?)</p>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", line).startswith(
        "Van VluchtelingenWerk Nederland, bij onze brief van mei 2024"
    )
    errata = run_cli("errata", "--briefs", "briefs", cwd=tmp_path)
    assert errata.returncode == 0, errata.stderr
    assert errata.stdout.startswith("Errata bij de brief van mei 2024 (")


def test_a_document_needs_a_date_or_a_date_text(tmp_path):
    folder = _shipped(tmp_path)
    _edit(folder / "brief.yaml", "  date: 2024-05-21\n", "")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 65
    assert (
        "het document heeft een datum nodig: date (JJJJ-MM-DD) of, als de dag niet "
        "bekend is, date_text (zoals 'oktober 2024')" in result.stdout
    )


# --- 3. one cause, one message ------------------------------------------------------------


def _scaffold(tmp_path, *extra):
    """A brief started with ``debatbrief new`` in ``tmp_path/briefs/nieuw``."""
    shutil.copytree(ROOT / "kamers", tmp_path / "kamers")
    result = run_cli(
        "new",
        "nieuw",
        "--debate-date",
        "2024-05-22",
        "--kamer",
        "tweede-kamer-2024-05-22",
        "--briefs",
        "briefs",
        *extra,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    return tmp_path / "briefs" / "nieuw"


def test_a_renamed_value_used_by_every_fractie_is_one_message(tmp_path):
    folder = _scaffold(tmp_path)
    _edit(folder / "brief.yaml", "id: todo-waarde", "id: zorg")
    result = run_cli("check", "--briefs", "briefs", "--brief", "nieuw", cwd=tmp_path)
    assert result.returncode == 65
    profiles = [line for line in result.stdout.splitlines() if "profiles.yaml" in line]
    assert profiles == [
        "briefs/nieuw/profiles.yaml:4: onbekende waarde 'todo-waarde' (niet in "
        "de values van brief.yaml) (en 14 keer hetzelfde in profiles.yaml)"
    ]
    assert result.stdout.strip().splitlines()[-1] == "nieuw: niet in orde (2 fouten, 1 waarschuwing)"


# --- 4. what the PDF got wrong, caught by check -------------------------------------------


def _trial(tmp_path):
    """The trial's brief (tests/trial) in ``tmp_path``; returns its folder."""
    shutil.copytree(ROOT / "tests" / "trial", tmp_path, dirs_exist_ok=True)
    return tmp_path / "briefs" / "pf-vws-2024-10-23"


def _check(tmp_path, *extra):
    return run_cli("check", "--briefs", "briefs", *extra, cwd=tmp_path)


def test_a_contact_person_no_one_can_reach_is_a_warning(tmp_path):
    folder = _trial(tmp_path)
    line = (
        "briefs/pf-vws-2024-10-23/brief.yaml:18: waarschuwing: contactpersoon 'Arthur "
        "Schellekens' is niet te bereiken: de voettekst noemt alleen naam en functie (geef "
        "phone: of email:, desnoods het algemene nummer of adres van de organisatie als "
        "een bron het laat zien, of de website van de eigen organisatie "
        "onder website: bij author: of sender:)"
    )
    result = _check(tmp_path, "--strict")
    assert result.returncode == 65
    assert line in result.stdout.splitlines()
    _edit(
        folder / "brief.yaml",
        "  role: directeur-bestuurder\n",
        "  role: directeur-bestuurder\n  email: info@example.org\n",
    )
    assert "contactpersoon" not in _check(tmp_path, "--strict").stdout


def test_a_cut_short_reference_names_the_source_and_asks_for_a_short(tmp_path):
    folder = _trial(tmp_path)
    _edit(folder / "sources.yaml", "  short: Patiëntenfederatie, brief oktober 2024\n", "")
    result = _check(tmp_path)
    assert result.returncode == 0
    assert (
        "briefs/pf-vws-2024-10-23/sources.yaml:2: waarschuwing: bron 'document': de korte "
        "verwijzing wordt afgekapt tot 'Patiëntenfederatie Nederland, ‘Brief aan de Tweede "
        "Kamer over de begr…’'; geef de bron een eigen short, zoals short: "
        '"Patiëntenfederatie Nederland, oktober 2024"'
    ) in result.stdout.splitlines()


# --- 5. an estimate never reaches the MP's page as fact ----------------------------------


def _claim_labels(html: str) -> dict[str, str]:
    """Per card id on a briefing page: the label before its claim ("U zult horen ...:")."""
    return dict(
        re.findall(
            r'id="card-([a-z0-9-]+)".*?<p class="claim"><span class="label">'
            r"([^<]*)</span>",
            html,
            re.S,
        )
    )


def test_the_mp_page_names_only_fracties_whose_claim_a_source_shows(tmp_path):
    # asielstop-tijdelijk: PVV, VVD, NSC and BBB raise it by the hoofdlijnenakkoord, FVD and
    # JA21 by the sender's estimate; spreidingswet-geen-draagvlak: estimates only.
    for fractie in ("D66", "SP"):
        result = run_cli("make", "--fractie", fractie, "--format", "html", "--out", "out", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    d66 = _claim_labels((tmp_path / "out" / BRIEF_ID / "d66.html").read_text(encoding="utf-8"))
    assert d66["asielstop-tijdelijk"] == "U zult horen (van PVV, VVD, NSC, BBB):"
    sp = _claim_labels((tmp_path / "out" / BRIEF_ID / "sp.html").read_text(encoding="utf-8"))
    assert sp["spreidingswet-geen-draagvlak"] == "U zult horen:"
    assert sp["spreidingswet-intrekken"] == "U zult horen (van PVV, VVD, NSC, BBB, JA21):"
    explain = run_cli("explain", "--fractie", "D66", "--format", "json", cwd=tmp_path)
    cards = {c["id"]: c for c in json.loads(explain.stdout)["cards"]}
    assert cards["asielstop-tijdelijk"]["raised_by"] == [
        "PVV",
        "VVD",
        "NSC",
        "BBB",
        "FVD",
        "JA21",
    ]  # the prep keeps them all


# --- 6. where things are looked for -------------------------------------------------------


def test_an_unknown_brief_names_the_folder_searched(tmp_path):
    _trial(tmp_path)
    result = run_cli(
        "check", "--brief", "pf-vws", cwd=tmp_path, brief=None, env={"DEBATBRIEF_BRIEFS": "briefs"}
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Onbekende brief 'pf-vws' (gezocht in briefs). Bedoelde u pf-vws-2024-10-23? Kies uit: "
        "pf-vws-2024-10-23. Een andere map: --briefs, DEBATBRIEF_BRIEFS of debatbrief.toml."
    )


def test_new_help_says_where_a_new_brief_goes_in_one_way(tmp_path):
    result = run_cli("new", "--help", cwd=tmp_path)
    assert result.returncode == 0
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "Zonder --briefs komt de brief in briefs/ in de werkmap, nooit bij de meegeleverde." in text
    assert (
        "--briefs PAD Map waarin de nieuwe brief komt (standaard: briefs/ in de werkmap; "
        "of briefs uit debatbrief.toml)." in text
    )
    assert "Map met briefs (standaard: de meegeleverde)" not in text


# --- 7. one word finds its card in a small deck --------------------------------------------


def test_a_word_on_one_card_of_three_finds_it(tmp_path):
    # In a deck of three cards a word on one card alone weighed less than the evidence an
    # answer needs (its IDF is 0.98): "abonnementstarief" found nothing, although
    # "Wmo-abonnementstarief" found the card at 100.
    _trial(tmp_path)
    for query in ("abonnementstarief", "wmo", "Wmo-abonnementstarief"):
        result = run_cli("rebut", query, "--short", "--briefs", "briefs", cwd=tmp_path)
        assert result.returncode == 0, (query, result.stderr)
        assert (
            result.stdout.strip().splitlines()[-1]
            == "— Skipr, oktober 2024 · halvering-helpt-chronisch-zieken"
        ), query
    nothing = run_cli("rebut", "te duur", "--short", "--briefs", "briefs", cwd=tmp_path)
    assert nothing.returncode == 1  # a word no card has still finds nothing


# --- 8. "wij vinden" does not make a fact an opinion ----------------------------------------


def test_a_fact_beside_wij_vinden_still_needs_a_source(tmp_path):
    _trial(tmp_path)
    result = _check(tmp_path, "--strict")
    assert (
        "briefs/pf-vws-2024-10-23/arguments.yaml:15: waarschuwing: zin stelt naast een "
        "standpunt een feit zonder bron: 'Wie zorg uitstelt om de kosten, komt later en "
        "zieker terug; wij vin…' (een feit heeft een bron nodig, ook naast 'wij vinden': "
        "zet [@bron-id] achter dat deel, of schrijf ook dat deel als standpunt, met 'wij')"
    ) in result.stdout.splitlines()


def test_numbers_in_words_and_facts_beside_a_view_are_found_views_are_not():
    from debatbrief.brief.attribution import unsupported

    def reasons(text):
        return [why for _, why in unsupported(text, "document", ["Patiëntenfederatie"], "de brief")]

    assert reasons("Wij vinden het zorgelijk dat een op de vijf mensen zorg mijdt.") == ["getal"]
    assert reasons("Volgens ons betaalt de helft van de chronisch zieken te veel.") == ["getal"]
    assert reasons("Uitgestelde zorg komt later duurder terug; wij vinden dat onverstandig.") == ["feit"]
    assert (
        reasons("Zorg hoort toegankelijk te zijn; wij vinden dat de portemonnee niet mag beslissen.") == []
    )  # what ought to be is a view
    assert reasons("Wij vinden dat toegang tot zorg niet van de portemonnee mag afhangen.") == []
    assert reasons("Uitgestelde zorg komt later duurder terug [@skipr]; wij vinden dat onverstandig.") == []
    # "Tienduizenden" is a number too: the vwn letter's German court cases cite the letter.
    assert reasons("Volgens de brief leidde dat tot tienduizenden extra rechtszaken.") == ["getal"]
    assert reasons("Volgens de brief leidde dat tot tienduizenden extra rechtszaken [@document].") == []
