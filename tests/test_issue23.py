"""Hostile input and faults, round three (issue 23): each kind of failure found is a test
with the outcome a user must see (exit code, one Dutch line, nothing leaked or lost)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import run_cli
from test_check import assemble
from test_hostile import SECRET, _body_line, _templates, assert_clean, one_line, with_kamers

# --- 1. No file from the machine inside the PDF --------------------------------------------


def _attachment(tmp_path: Path, href: str) -> Path:
    """The templates folder with a link ``lnk`` to a folder beside a secret, and a template
    that attaches ``href``."""
    outside = tmp_path / "buiten"
    (outside / "ssl").mkdir(parents=True)
    (outside / "passwd").write_text(SECRET)
    templates = _templates(tmp_path, f'<link rel="attachment" href="{href}">')
    (templates / "lnk").symlink_to(outside / "ssl")
    (templates / "echt").mkdir()
    return templates


@pytest.mark.parametrize(
    "href",
    [
        "lnk/%2e%2e/passwd",
        "lnk/%2E%2E/passwd",
        "lnk%2f%2e%2e%2fpasswd",
        "echt/%2e%2e/lnk/%2e%2e/passwd",
        "lnk/./%2e%2e/passwd",
        "file:{out}/passwd",
        "file://localhost{out}/passwd",
        "{templates}/lnk/%2e%2e/passwd",
        "../buiten/passwd",
    ],
)
def test_no_way_of_writing_a_path_attaches_a_file_from_outside(tmp_path, href):
    templates = tmp_path / "templates"
    href = href.format(out=tmp_path / "buiten", templates=templates)
    _attachment(tmp_path, href)
    result = run_cli(  # a handout: the path, not the length, is the point (and it is quick)
        "make",
        "--fractie",
        "pvv",
        "--length",
        "short",
        "--templates",
        str(templates),
        "--out",
        str(tmp_path / "out"),
    )
    assert_clean(result)
    assert result.returncode == 1, result.stderr
    assert one_line(result).startswith("WeasyPrint meldt een probleem in het sjabloon")
    assert not list((tmp_path).glob("out/**/*.pdf"))


# --- 2. Every line that names a folder is written out ------------------------------------

HOSTILE_NAME = "mini\x1b]0;PWNED\x07\x1b[2J"


@pytest.mark.parametrize("args", [["check"], ["list", "fracties"], ["rebut", "noodwet"]])
def test_the_chosen_brief_line_writes_out_an_escape_in_the_folder_name(tmp_path, args):
    briefs = assemble(tmp_path)
    shutil.copytree(briefs / "mini", briefs / HOSTILE_NAME)
    result = run_cli(
        *args, "--briefs", "briefs", cwd=tmp_path, brief=None, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}
    )
    assert_clean(result)  # the folder name itself is refused as an id: exit 1, written out
    assert "Brief: mini\\x1b]0;PWNED\\x07\\x1b[2J (de nieuwste van 2;" in result.stderr


def test_the_made_file_line_writes_out_an_escape_in_the_output_folder(tmp_path):
    briefs = assemble(tmp_path)
    result = run_cli(
        "make",
        "--fractie",
        "pvv",
        "--format",
        "html",
        "--briefs",
        "briefs",
        "--out",
        "uit\x1b[2J",
        cwd=tmp_path,
        brief=None,
    )
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("uit\\x1b[2J/mini/pvv.html")
    assert (tmp_path / "uit\x1b[2J" / "mini" / "pvv.html").is_file()
    assert briefs.exists()


# --- 7. Invisible characters are refused as a class ---------------------------------------


def test_every_format_character_is_refused_and_written_out():
    """The class, not a list of examples: every character of Unicode category Cf (and the
    surrogates and private-use characters) that this Python knows."""
    import sys
    import unicodedata

    from debatbrief.base.chars import UNSAFE_RE, visible

    kinds = {"Cf", "Cs", "Co"}
    missed = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in kinds and not UNSAFE_RE.match(chr(c))
    ]
    assert missed == []
    assert visible("a\U000e0001b\u00adc") == "a\\U000e0001b\\xadc"
    for fine in "éëï€–—‘’“”«»\u00a0":  # Dutch text keeps its letters, dashes and quotes
        assert not UNSAFE_RE.search(fine)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("\U000e0001", "U+E0001"),
        ("&#xE0001;", "U+E0001 (geschreven als '&#xE0001;')"),
        ("\\U000E0041", "U+E0041"),
        ("\u00ad", "U+00AD"),
        ("&shy;", "U+00AD (geschreven als '&shy;')"),
        ("\\ud800", "U+D800"),
        ("\ue000", "U+E000"),
    ],
)
def test_an_invisible_character_is_named_at_its_line(tmp_path, written, code):
    briefs = assemble(tmp_path)
    path = briefs / "mini" / "brief.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f'title: "Mini{written}brief"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 65
    assert f"brief.yaml:{at + 1}: onzichtbaar stuurteken {code} in de tekst" in result.stdout


# --- 8. The newest brief is the one with the latest date, however it is written -----------


def _two_briefs(tmp_path: Path, newer: str) -> Path:
    """Briefs ``a-nieuw`` (its debate date written as ``newer``) and ``b-oud`` (2024)."""
    briefs = assemble(tmp_path)
    (briefs / "mini").rename(briefs / "b-oud")
    shutil.copytree(briefs / "b-oud", briefs / "a-nieuw")
    path = briefs / "a-nieuw" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  date: 2024-05-22\n", newer, 1), encoding="utf-8")
    return briefs


@pytest.mark.parametrize(
    "newer",
    [
        '  date: "2030-05-22"\n',
        "  date: '2030-05-22' # gepland\n",
        '  "date": 2030-05-22\n',
    ],
)
def test_the_newest_brief_is_chosen_by_date_not_by_its_spelling(tmp_path, newer):
    from debatbrief.base.paths import resolve_brief

    briefs = _two_briefs(tmp_path, newer)
    assert resolve_brief(briefs, None).name == "a-nieuw"


def test_a_flow_style_debate_date_counts_too(tmp_path):
    from debatbrief.base.paths import resolve_brief

    briefs = _two_briefs(tmp_path, "  date: 2001-01-01\n")
    path = briefs / "a-nieuw" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("debate:\n")
    end = text.index("\n", text.index("  kamer:", start))
    path.write_text(
        text[:start] + "debate: {title: Debat, subject: het akkoord, "
        'date: "2030-05-22", kamer: tweede-kamer-2024-05-22}' + text[end:],
        encoding="utf-8",
    )
    assert resolve_brief(briefs, None).name == "a-nieuw"
    result = run_cli("list", "fracties", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert "Brief: a-nieuw (de nieuwste van 2;" in result.stderr


# --- 10. Seats are bounded by what a chamber has ------------------------------------------


@pytest.mark.parametrize("huge", [10**9, 10**40])
def test_seats_beyond_any_chamber_are_one_line_for_check_and_plan(tmp_path, huge):
    briefs = with_kamers(tmp_path)
    kamer = tmp_path / "kamers" / "tweede-kamer-2024-05-22.yaml"
    text = kamer.read_text(encoding="utf-8")
    seats_line = text[: text.index("seats: 150")].count("\n") + 1
    text = text.replace("seats: 150", f"seats: {huge}", 1).replace(
        "zetels: 37,", f"zetels: {huge - 113},", 1
    )  # the sums still match
    kamer.write_text(text, encoding="utf-8")
    check = run_cli("check", "--briefs", str(briefs), cwd=tmp_path, brief=None)
    assert_clean(check)
    assert check.returncode == 65
    assert (
        f"kamers/tweede-kamer-2024-05-22.yaml:{seats_line}: 'seats' = {huge} moet ten hoogste 150 zijn"
    ) in check.stdout
    assert "'fracties.zetels' = " in check.stdout
    plan = run_cli("plan", "--briefs", str(briefs), cwd=tmp_path, brief=None)
    assert_clean(plan)
    assert plan.returncode == 65 and "moet ten hoogste 150 zijn" in plan.stderr


# --- 16. Every printed field and every list has a limit; problems are capped -------------


def test_a_field_longer_than_a_page_is_named(tmp_path):
    from debatbrief.brief.models import MAX_TEXT

    briefs = assemble(tmp_path)
    path = briefs / "mini" / "cards.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("say:"))
    lines[at] = lines[at].split("say:")[0] + "say: " + "woord " * (MAX_TEXT // 5)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert result.returncode == 65
    assert f"cards.yaml:{at + 1}: " in result.stdout
    assert f"is te lang (ten hoogste {MAX_TEXT} tekens)" in result.stdout


def test_a_list_of_thousands_is_one_line_not_thousands(tmp_path):
    briefs = assemble(tmp_path)
    path = briefs / "mini" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("topics:\n")].count("\n") + 1
    path.write_text(text.replace("topics:\n", "topics:\n" + "  - x\n" * 5000, 1), encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert result.returncode == 65
    assert (
        f"brief.yaml:{line}: 'topics': heeft 5002 items, ten hoogste 1000 (kort de lijst in)" in result.stdout
    )
    assert len(result.stdout.splitlines()) < 10


def test_thousands_of_bad_items_are_capped_and_summarised(tmp_path):
    from debatbrief.base.errors import MAX_SHOWN

    briefs = assemble(tmp_path)
    path = briefs / "mini" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- x\n" * 3000, encoding="utf-8")
    for args in (["check"], ["plan"]):
        result = run_cli(*args, "--briefs", "briefs", cwd=tmp_path, brief=None)
        assert_clean(result)
        assert result.returncode == 65
        printed = (result.stdout if args == ["check"] else result.stderr).splitlines()
        assert len(printed) <= MAX_SHOWN + 2
        assert printed[MAX_SHOWN] == (
            f"... en nog {3000 - MAX_SHOWN} problemen in "
            f"briefs/mini/sources.yaml; los eerst de bovenstaande "
            f"op en controleer opnieuw met 'debatbrief check'"
        )


# --- 6. A number after Arabic or Hebrew keeps its order on paper --------------------------


def _set(briefs: Path, key: str, value: str) -> int:
    """Set the top-level ``key`` of the mini brief.yaml to ``value``; returns its line."""
    path = briefs / "mini" / "brief.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[at] = f"{key}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def _drop_contact_person(briefs: Path) -> None:
    """Without a contact person the footer prints ``contact`` as written (with one, it
    prints the person's name, role and phone instead)."""
    path = briefs / "mini" / "brief.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith("contact_person:")), encoding="utf-8"
    )


def _words_in_line_with(pdf: Path, first: str) -> list[str]:
    """The words of the printed line that holds ``first``, left to right on the page."""
    import re
    import subprocess

    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (float(y), float(x), word)
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    ]
    row = next(y for y, _, word in words if word == first)
    return [word for _, _, word in sorted((w for w in words if abs(w[0] - row) < 4), key=lambda w: w[1])]


@pytest.mark.parametrize("word", ["هاتف", "טלפון"])
def test_a_phone_number_after_arabic_or_hebrew_is_printed_as_written(tmp_path, word):
    briefs = assemble(tmp_path)
    _set(briefs, "contact", f'"Voorbeeld NGO, {word} 020 346 72 00."')
    _drop_contact_person(briefs)
    result = run_cli(
        "make", "--fractie", "pvv", "--briefs", "briefs", "--out", "out", cwd=tmp_path, brief=None
    )
    assert result.returncode == 0, result.stderr
    words = _words_in_line_with(tmp_path / "out" / "mini" / "pvv.pdf", "020")
    assert words[words.index("020") :] == ["020", "346", "72", "00."]
    assert words.index("NGO,") < words.index("020")


def test_isolating_leaves_tags_styles_and_latin_text_alone():
    from debatbrief.briefing.pdf import isolate_directions

    html = '<title>هاتف 1</title><style>p{}</style><p title="هاتف">NGO, هاتف 020</p>'
    assert isolate_directions(html) == (
        '<title>هاتف 1</title><style>p{}</style><p title="هاتف">NGO, \u2067هاتف\u2069 020</p>'
    )
    assert isolate_directions("<p>Alleen Nederlands 020</p>") == "<p>Alleen Nederlands 020</p>"


def test_emphasis_inside_arabic_text_is_refused_with_its_line(tmp_path):
    briefs = assemble(tmp_path)
    line = _set(briefs, "contact", '"Voorbeeld NGO: نص *مهم* نص"')
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 65
    assert (
        f"brief.yaml:{line}: 'contact': nadruk (*...*) midden in Arabische of Hebreeuwse "
        f"tekst wordt in de verkeerde volgorde gedrukt; haal de sterretjes daar weg"
    ) in result.stdout
    _set(briefs, "contact", '"Het woord *هاتف* is Arabisch voor telefoon."')
    assert run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None).returncode == 0


# --- 12, 13. A lost worker, too few open files, too little memory: one line, no 70 --------


def _limited(limit: int, amount: int):
    def apply() -> None:
        import resource

        resource.setrlimit(limit, (amount, amount))

    return apply


def _run_limited(tmp_path: Path, limit: int, amount: int, *args: str):
    import subprocess

    from helpers import cli_command, cli_env

    return subprocess.run(
        cli_command(*args, "--briefs", "briefs", "--out", "out", brief=None),
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=tmp_path,
        timeout=300,
        preexec_fn=_limited(limit, amount),
    )


@pytest.mark.parametrize("files", [8, 12, 14, 16])
def test_too_few_open_files_is_said_in_one_line(tmp_path, files):
    """Wherever the limit is met (a pipe of the pool, a font in a worker), one line; a
    limit that happens to suffice makes every briefing."""
    import resource

    assemble(tmp_path)
    result = _run_limited(tmp_path, resource.RLIMIT_NOFILE, files, "make", "--all", "--jobs", "2")
    assert_clean(result)
    if result.returncode == 0:
        assert len(list(tmp_path.glob("out/mini/*.pdf"))) == 15
        return
    assert result.returncode == 1
    line = one_line(result)
    assert line.removeprefix("Alle 15 mislukt: ").startswith(
        f"Te veel open bestanden: de limiet van {files} (ulimit -n) is bereikt; verhoog die"
    ), line
    assert not [p for p in tmp_path.glob("out/**/*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("args", [["make", "--fractie", "pvv"], ["make", "--all", "--jobs", "2"]])
def test_too_little_memory_is_said_in_one_line(tmp_path, args):
    import resource

    assemble(tmp_path)
    result = _run_limited(tmp_path, resource.RLIMIT_AS, 150_000 * 1024, *args)
    assert_clean(result)
    assert result.returncode == 1
    line = one_line(result).removeprefix("Alle 15 mislukt: ")
    assert line.startswith("Onvoldoende geheugen (de limiet is 150000 kB, ulimit -v): ")
    assert not (tmp_path / "out" / "mini").exists() or not list((tmp_path / "out").rglob("*.pdf"))


def test_a_worker_killed_from_outside_gives_what_was_made_and_what_not(tmp_path):
    import signal
    import subprocess
    import time

    from helpers import BRIEF_ID, children_of, cli_command, cli_env

    # The shipped brief's full briefings (about 0.7 s each): when the first PDF is there,
    # seconds of work remain, so the kill lands in a running batch even on a busy machine
    # (the mini brief's briefings, a few tenths each, could all be done before it).
    out = tmp_path / "out" / BRIEF_ID
    main = subprocess.Popen(
        cli_command("make", "--all", "--jobs", "2", "--out", "out"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=tmp_path,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children_of(main.pid)
    assert workers, "no worker to kill"
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer does
    stdout, stderr = main.communicate(timeout=120)
    assert "Traceback" not in stderr
    assert main.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "Een werkproces is onverwacht gestopt (geheugen op, of van buitenaf beëindigd); "
        "probeer opnieuw, eventueel met --jobs 1: "
    ), stderr
    assert "niet gemaakt: " in lines[0]
    made = lines[0].split(" gemaakt (", 1)[1].split(")", 1)[0].split(", ") if " gemaakt (" in lines[0] else []
    for pdf in out.glob("*.pdf"):  # whatever is there is whole
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert len(list(out.glob("*.pdf"))) >= len(made)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert children_of(main.pid) == []


# --- 11. An error raised by a user template is the template's -----------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
        ('{{ "a" + 1 }}', "TypeError: "),
        ('{{ "%d" % "a" }}', "TypeError: "),
        ("{{ [][3] }}", ""),
    ],
)
def test_an_error_in_a_user_template_names_its_line(tmp_path, body, kind):
    templates = _templates(tmp_path, body)
    result = run_cli(
        "make",
        "--fractie",
        "pvv",
        "--format",
        "html",
        "--templates",
        str(templates),
        "--out",
        str(tmp_path / "out"),
    )
    assert_clean(result)
    assert result.returncode == 1, result.stderr
    line = _body_line(tmp_path, body)
    assert one_line(result).startswith(f"briefing.html.j2:{line}: ")
    assert "Interne fout" not in result.stderr and kind in result.stderr
    assert not (tmp_path / "out").exists()


# --- 3. A note that cannot be printed whole is an error, never a silent loss ---------------


def _many_sources(briefs: Path, count: int, title: str) -> str:
    """``count`` sources added to the mini brief; returns their citation."""
    path = briefs / "mini" / "sources.yaml"
    ids = [f"bron-{i}" for i in range(count)]
    path.write_text(
        path.read_text(encoding="utf-8")
        + "".join(
            f"\n- id: {i}\n  kind: report\n  author: Bureau {i}\n  title: {title} {i}\n  date: 2022-12-21\n"
            for i in ids
        ),
        encoding="utf-8",
    )
    return "[" + "; ".join("@" + i for i in ids) + "]"


def _cite_in_reasoning(briefs: Path, citation: str) -> int:
    path = briefs / "mini" / "arguments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("af [@hvj-c-72-22].", f"af {citation}.", 1), encoding="utf-8")
    return text[: text.index("af [@hvj-c-72-22].")].count("\n") + 1


def test_one_sentence_citing_a_hundred_and_twenty_sources_is_named_at_its_line(tmp_path):
    briefs = assemble(tmp_path)
    line = _cite_in_reasoning(briefs, _many_sources(briefs, 120, "Een rapport"))
    for args in (["check"], ["make", "--fractie", "pvv", "--out", "out"]):
        result = run_cli(*args, "--briefs", "briefs", cwd=tmp_path, brief=None)
        assert_clean(result)
        assert result.returncode == 65
        assert (
            f"arguments.yaml:{line}: 'reasoning': één verwijzing noemt 120 bronnen; een "
            f"voetnoot past dan niet op de pagina (ten hoogste 12: verdeel ze over meer "
            f"zinnen)"
        ) in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_a_note_that_does_not_fit_beside_its_call_is_an_error_not_a_loss(tmp_path):
    """The engine's own check, behind the limit on citations: a note longer than its page
    (drawn past the foot or over the text) stops the render; a short one is printed."""
    from debatbrief.base.errors import RenderError
    from debatbrief.briefing.pdf import Engine

    def page(words: int) -> str:
        return (
            "<html><head><style>@page { size: A4; margin: 2cm } fn-note { float: footnote }"
            '</style></head><body><p>Een zin.<fn-note class="fn" id="fn-1" data-source="a b '
            'c d e">' + "woord " * words + "</fn-note></p></body></html>"
        )

    engine = Engine()
    assert len(engine.document(page(50), tmp_path, [tmp_path]).pages) == 1
    for words in (900, 3000):
        with pytest.raises(RenderError) as caught:
            engine.document(page(words), tmp_path, [tmp_path])
        assert str(caught.value) == (
            "voetnoot 1 (bij a, b, c en 2 andere) past niet in zijn geheel op de pagina die "
            "ernaar verwijst; verdeel de verwijzingen van die zin over meer zinnen of kort ze in"
        )


# --- 4. A card edited while it is read is never cached under the other version's key -------


def test_a_card_file_edited_between_two_reads_is_not_cached_stale(tmp_path, monkeypatch):
    """The editor saves ALPHA while ``rebut`` reads: whatever it opens after the first
    opening of cards.yaml holds ALPHA. When the file is BETA again, ``rebut`` shows BETA."""
    import io

    from debatbrief.cards import lookup
    from debatbrief.commands.workspace import Workspace

    briefs = assemble(tmp_path)
    cards = briefs / "mini" / "cards.yaml"
    beta = cards.read_text(encoding="utf-8").replace("Geen noodwet.", "BETA.")
    alpha = beta.replace("BETA.", "ALPHA.")
    cards.write_text(beta, encoding="utf-8")
    opened = []
    real_os_open, real_io_open = os.open, io.open

    def edit_on_second_opening(path) -> None:
        if str(path).endswith("cards.yaml"):
            opened.append(path)
            if len(opened) == 2:  # the editor saved in between
                with real_io_open(cards, "w", encoding="utf-8") as handle:
                    handle.write(alpha)

    def os_open(path, *args, **kwargs):
        edit_on_second_opening(path)
        return real_os_open(path, *args, **kwargs)

    def io_open(path, *args, **kwargs):
        edit_on_second_opening(path)
        return real_io_open(path, *args, **kwargs)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    first = lookup.deck(Workspace(briefs_dir=briefs, brief_id="mini"))
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert len(opened) == 1  # read once
    assert first["cards"][0]["say"] == "BETA."
    cards.write_text(beta, encoding="utf-8")
    again = lookup.deck(Workspace(briefs_dir=briefs, brief_id="mini"))
    assert again["cards"][0]["say"] == "BETA."
    result = run_cli(
        "rebut",
        "noodwet",
        "--briefs",
        "briefs",
        cwd=tmp_path,
        brief=None,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert "BETA." in result.stdout and "ALPHA" not in result.stdout


# --- 14. A FIFO, socket or device in a file's place is refused, never opened ---------------


def _special(path: Path, kind: str) -> None:
    """Put a FIFO or a (bound, listening) socket at ``path`` in place of the file."""
    import socket

    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
        return
    server = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path is limited to 108 bytes; its name is not
    try:
        server.bind(path.name)
    finally:
        os.chdir(here)
    server.listen()
    _SOCKETS.append(server)  # kept open until the test ends


_SOCKETS: list = []


def _run_bounded(tmp_path: Path, *args: str, timeout: float = 60):
    """The CLI (in this process) in ``tmp_path``, which must end within ``timeout`` seconds:
    a hang (a FIFO opened for reading) is interrupted and fails the test (``run_cli``)."""
    return run_cli(
        *args, cwd=tmp_path, brief=None, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, timeout=timeout
    )


_KINDS = {"fifo": "named pipe (FIFO)", "socket": "socket"}


@pytest.mark.parametrize("kind", ["fifo", "socket"])
@pytest.mark.parametrize(
    "name", ["profiles.yaml", "brief.yaml", "cards.yaml", "../../kamers/tweede-kamer-2024-05-22.yaml"]
)
@pytest.mark.parametrize("command", [["check"], ["rebut", "noodwet"]])
def test_a_special_file_in_a_brief_files_place_is_refused_without_waiting(tmp_path, kind, name, command):
    briefs = with_kamers(tmp_path)
    path = briefs / "mini" / name
    _special(path, kind)
    result = _run_bounded(tmp_path, *command, "--briefs", "briefs")
    assert_clean(result)
    spares_cards = command[0] == "rebut" and name == "profiles.yaml"  # a warning, see lookup
    assert result.returncode == (0 if spares_cards else 65), result.stderr
    shown = os.path.normpath(f"briefs/mini/{name}")
    assert (
        f"{shown}: is geen gewoon bestand maar een {_KINDS[kind]}; zet het bestand zelf op zijn plaats"
    ) in result.stdout + result.stderr


def test_a_fifo_among_the_briefs_does_not_stop_choosing_the_newest(tmp_path):
    briefs = assemble(tmp_path)
    shutil.copytree(briefs / "mini", briefs / "ander")
    _special(briefs / "ander" / "brief.yaml", "fifo")
    result = _run_bounded(tmp_path, "list", "fracties", "--briefs", "briefs")
    assert_clean(result)
    assert "Brief: mini (de nieuwste van 2;" in result.stderr


@pytest.mark.parametrize("name", ["briefing.css", "briefing.html.j2"])
def test_a_fifo_in_the_templates_is_refused_without_waiting(tmp_path, name):
    templates = _templates(tmp_path)
    _special(templates / name, "fifo")
    result = _run_bounded(
        tmp_path,
        "make",
        "--fractie",
        "pvv",
        "--format",
        "html",
        "--templates",
        str(templates),
        "--out",
        "out",
        "--brief",
        "mini",
        "--briefs",
        str(assemble(tmp_path)),
    )
    assert_clean(result)
    assert result.returncode == 1, result.stderr
    assert "is geen gewoon bestand maar een named pipe (FIFO)" in one_line(result)
    assert name in one_line(result)


def test_a_fifo_fetched_by_a_template_is_refused_without_waiting(tmp_path):
    templates = _templates(tmp_path, '<img src="logo.png">')
    _special(templates / "logo.png", "fifo")
    result = _run_bounded(
        tmp_path,
        "make",
        "--fractie",
        "pvv",
        "--templates",
        str(templates),
        "--out",
        "out",
        "--brief",
        "mini",
        "--briefs",
        str(assemble(tmp_path)),
    )
    assert_clean(result)
    assert result.returncode == 1, result.stderr
    assert "logo.png: is geen gewoon bestand maar een named pipe (FIFO)" in one_line(result)
    assert not list(tmp_path.glob("out/**/*.pdf"))


def test_a_fifo_in_place_of_the_configuration_file_is_refused(tmp_path):
    assemble(tmp_path)
    _special(tmp_path / "debatbrief.toml", "fifo")
    result = _run_bounded(tmp_path, "list", "fracties", "--briefs", "briefs")
    assert_clean(result)
    assert result.returncode == 2, result.stderr
    assert one_line(result) == (
        "debatbrief.toml: is geen gewoon bestand maar een named pipe "
        "(FIFO); zet het bestand zelf op zijn plaats"
    )


# --- 9. A YAML merge key is refused like anchors and aliases ------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "  <<: {organisation: Gekaapt}\n",
        "  <<: [{organisation: Gekaapt}]\n",
        "  {<<: {organisation: Gekaapt}}: x\n",
    ],
)
@pytest.mark.parametrize("command", [["check"], ["rebut", "noodwet"]])
def test_a_merge_key_is_one_line_not_a_silent_value(tmp_path, written, command):
    briefs = assemble(tmp_path)
    path = briefs / "mini" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    at = "sender:\n  organisation: Voorbeeld NGO\n"
    path.write_text(text.replace(at, at + written, 1), encoding="utf-8")
    line = text[: text.index(at)].count("\n") + 3
    result = run_cli(
        *command,
        "--briefs",
        "briefs",
        cwd=tmp_path,
        brief=None,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert_clean(result)
    assert result.returncode == 65
    assert (
        f"briefs/mini/brief.yaml:{line}: samenvoegsleutel '<<' wordt niet ondersteund "
        f"(die neemt stil waarden uit een andere map over); schrijf elke sleutel "
        f"voluit"
    ) in (result.stdout + result.stderr).splitlines()
    assert "Gekaapt" not in result.stdout + result.stderr


# --- 5. A citation inside a URL or a code span is an error, never a silent change ---------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "https://example.org/rapport[@hvj-c-72-22]-2024.pdf",
            "citatie '[@hvj-c-72-22]' staat in de URL 'https://example.org/rapport[@hvj-c-72-22]-2024"
            ".pdf' en zou die veranderen; zet de citatie na de URL, met een spatie ervoor (of schrijf "
            "een letterlijke @ als \\@)",
        ),
        (
            "www.example.org/[@hvj-c-72-22, p. 4]",
            "citatie '[@hvj-c-72-22, p. 4]' staat in de URL 'www.example.org/[@hvj-c-72-22' en zou "
            "die veranderen",
        ),
        (
            "`zoek [@hvj-c-72-22] op`",
            "citatie '[@hvj-c-72-22]' staat tussen backticks (`zoek [@hvj-c-72-22] op`) en zou die "
            "tekst veranderen; zet de citatie buiten de backticks",
        ),
        ("``code `[@hvj-c-72-22]` ``", "citatie '[@hvj-c-72-22]' staat tussen backticks"),
    ],
)
def test_a_citation_inside_a_url_or_code_is_named_at_its_line(tmp_path, written, message):
    briefs = assemble(tmp_path)
    line = _cite_in_reasoning(briefs, written)
    for args in (["check"], ["make", "--fractie", "pvv", "--format", "html", "--out", "out"]):
        result = run_cli(*args, "--briefs", "briefs", cwd=tmp_path, brief=None)
        assert_clean(result)
        assert result.returncode == 65, result.stdout + result.stderr
        assert f"arguments.yaml:{line}: {message}" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "written",
    [
        "https://example.org/rapport.pdf [@hvj-c-72-22]",
        "(zie www.example.org) [@hvj-c-72-22]",
        "`code` [@hvj-c-72-22]",
        "[@hvj-c-72-22] en `code`",
        "e-mail info\\@example.org [@hvj-c-72-22]",
        "(https://example.org/a)[@hvj-c-72-22]",
    ],
)
def test_a_citation_beside_a_url_or_code_is_fine(written):
    from debatbrief.brief.cite import misplaced_citations

    assert misplaced_citations(f"Het Hof wees af {written}.") == []


# --- A file of megabytes is refused at once, with the limit ------------------------------


@pytest.mark.parametrize("command", [["check"], ["rebut", "noodwet"]])
def test_a_brief_file_over_the_size_limit_is_one_line_with_the_limit(tmp_path, command):
    """4 MB of list items took a minute to parse (ruamel composes every node in Python);
    no brief file comes near the limit (the largest shipped one is 28 KB)."""
    import time

    briefs = assemble(tmp_path)
    path = briefs / "mini" / "sources.yaml"
    data = path.read_bytes()
    items = b"- x\n" * ((4 * 1024 * 1024 - len(data)) // 4 - 1)
    path.write_bytes(data + items + b"#" * (4 * 1024 * 1024 - len(data) - len(items) - 1) + b"\n")
    assert path.stat().st_size == 4 * 1024 * 1024
    started = time.monotonic()
    result = _run_bounded(tmp_path, *command, "--briefs", "briefs")
    assert_clean(result)
    assert result.returncode == 65
    assert (
        "briefs/mini/sources.yaml: is te groot (4 MB; debatbrief leest bestanden tot 2 MB); "
        "controleer of dit het goede bestand is, of verdeel de inhoud"
    ) in (result.stdout + result.stderr).splitlines()
    assert time.monotonic() - started < 30


def test_the_size_limit_reads_in_megabytes_and_counts_a_file_that_grows():
    from debatbrief.base.paths import too_large

    assert too_large(int(2.05 * 1024 * 1024), 2 * 1024 * 1024).startswith(
        "is te groot (2,1 MB; debatbrief leest bestanden tot 2 MB)"
    )


# --- 15. One cause, one line: no false second error, no error twice -----------------------


@pytest.mark.parametrize("broken", ["brief.yaml", "sources.yaml"])
def test_a_file_that_fails_to_read_adds_no_unknown_source_error(tmp_path, broken):
    """The stance cites a source of the Kamer file and the prose one of sources.yaml: with
    brief.yaml unreadable no Kamer is read, with sources.yaml unreadable no source is."""
    briefs = assemble(tmp_path)
    stances = briefs / "mini" / "stances.yaml"
    stances.write_text(
        stances.read_text(encoding="utf-8").replace(
            "claims: {noodwet: raises}", "claims: {noodwet: {stance: raises, source: nos-akkoord-2024}}"
        ),
        encoding="utf-8",
    )
    path = briefs / "mini" / broken
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", '\nbroken: "open\n', 1), encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 65
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, result.stdout
    assert lines[0].startswith(f"briefs/mini/{broken}:2: YAML-fout: ")
    assert "onbekende bron" not in result.stdout


def test_an_error_found_before_libyaml_gives_up_is_printed_once(tmp_path):
    """libyaml stops at a syntax error and ruamel's parser reads the file again for its
    message: a hidden character before the error is one line, not one per parser."""
    briefs = assemble(tmp_path)
    path = briefs / "mini" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Mini-brief", 'title: "Mini\\u00adbrief"', 1)
    path.write_text(text.replace("language: nl\n", "language: nl\nx: [a, b\n  y: }\n", 1), encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 65
    assert result.stdout.count("onzichtbaar stuurteken U+00AD") == 1, result.stdout
    assert "YAML-fout" in result.stdout


# --- 15. A symbolic link in the output folder is an output problem, named ------------------


@pytest.mark.parametrize(
    "args",
    [
        ["make", "--fractie", "pvv", "--format", "html"],
        ["make", "--all", "--format", "html"],
        ["cards", "--all"],
        ["plan", "--format", "pdf"],
        ["errata", "--format", "pdf"],
        ["prep", "--fractie", "pvv", "--format", "pdf"],
    ],
)
def test_a_linked_brief_folder_in_out_is_named_and_nothing_is_written_through_it(tmp_path, args):
    from helpers import BRIEF_ID, ROOT

    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / BRIEF_ID).symlink_to(elsewhere)
    result = run_cli(
        *args, "--briefs", str(ROOT / "briefs"), "--brief", BRIEF_ID, "--out", "out", cwd=tmp_path, brief=None
    )
    assert_clean(result)
    assert result.returncode == 1, result.stderr
    assert one_line(result) == (
        f"out/{BRIEF_ID}: is een symbolische koppeling; debatbrief schrijft niet via een "
        f"koppeling (verwijder die, of kies met --out een andere map)"
    )
    assert list(elsewhere.iterdir()) == []


# --- 15. A sealed cache with a bad body is no cache: rebuilt, never exit 70 ---------------


def _no_exact(deck: dict) -> None:
    del deck["cards"][0]["match"]["exact"]


def _broken_db(deck: dict) -> None:
    import base64

    deck["index"]["db"] = base64.b64encode(b"SQLite format 3\x00" + b"\x07" * 4000).decode()


def _not_base64(deck: dict) -> None:
    deck["index"]["db"] = "dit is geen base64!"


def _no_stop(deck: dict) -> None:
    del deck["index"]["stop"]


def _names_as_text(deck: dict) -> None:
    deck["cards"][0]["match"]["names"] = "noodwet"


def _aliases_as_number(deck: dict) -> None:
    deck["cards"][0]["aliases"] = 7


@pytest.mark.parametrize(
    "change", [_no_exact, _broken_db, _not_base64, _no_stop, _names_as_text, _aliases_as_number]
)
@pytest.mark.parametrize("query", ["noodwet", "noodsituatie"])
def test_a_sealed_cache_with_a_bad_body_is_rebuilt(tmp_path, change, query):
    """``noodwet`` is the card's own id (found without the index), ``noodsituatie`` is
    ranked: a word of the claim of the mini brief's one card, found through the index."""
    from test_hostile import _sealed_cache

    briefs = assemble(tmp_path)
    env = _sealed_cache(tmp_path, briefs, change)
    (cache_file,) = (tmp_path / "cache" / "debatbrief").iterdir()
    damaged = cache_file.read_bytes()
    for _ in range(2):
        result = run_cli("rebut", query, "--briefs", "briefs", cwd=tmp_path, env=env, brief=None)
        assert_clean(result)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("noodwet") and "Zeg: Geen noodwet." in result.stdout
    index_only = change in (_broken_db, _not_base64)  # the exact path never opens it
    assert (cache_file.read_bytes() == damaged) == (index_only and query == "noodwet")


# --- 15. A number of thousands of digits is one Dutch line --------------------------------


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "1_000" * 1000, "0x" + "f" * 5000, "9" * 101])
@pytest.mark.parametrize("command", [["check"], ["rebut", "noodwet"]])
def test_a_number_of_thousands_of_digits_is_one_dutch_line(tmp_path, number, command):
    briefs = assemble(tmp_path)
    line = _set(briefs, "title", number)
    result = run_cli(
        *command,
        "--briefs",
        "briefs",
        cwd=tmp_path,
        brief=None,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert_clean(result)
    assert result.returncode == 65
    digits = sum(char.isalnum() for char in number)
    assert (
        f"briefs/mini/brief.yaml:{line}: getal van {digits} cijfers is te lang (ten "
        f"hoogste 100); is het tekst, zet het dan tussen aanhalingstekens"
    ) in (result.stdout + result.stderr).splitlines()
    assert "sys.set_int_max_str_digits" not in result.stdout + result.stderr


def test_a_number_of_thousands_of_digits_in_the_configuration_is_one_line(tmp_path):
    assemble(tmp_path)
    (tmp_path / "debatbrief.toml").write_text(f'briefs = "briefs"\njobs = {"9" * 5000}\n')
    result = run_cli("list", "fracties", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 2
    assert one_line(result) == "debatbrief.toml:2: getal met te veel cijfers; schrijf een gewoon getal"


# --- 15. Words joined by non-breaking spaces are one run, on a card as in prose -----------


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
@pytest.mark.parametrize(("file", "field"), [("cards.yaml", "rebuttal"), ("arguments.yaml", "kernzin")])
def test_words_joined_by_non_breaking_spaces_are_one_run(tmp_path, space, file, field):
    briefs = assemble(tmp_path)
    path = briefs / "mini" / file
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip("- ").startswith(f"{field}:"))
    joined = space.join(["Die is er volgens ons niet"] * 3).replace(" ", space)
    lines[at] = lines[at].split(f"{field}:")[0] + f"{field}: {joined}."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 65
    assert (
        f"briefs/mini/{file}:{at + 1}: 'Die is er volgens ons niet Die…' telt "
        f"{len(joined) + 1} tekens zonder spatie of afbreekpunt en past niet in een kolom "
        f"(ten hoogste 50); de vaste spaties (U+{ord(space):04X}) erin breken niet af: maak "
        f"er gewone spaties van"
    ) in result.stdout.splitlines(), result.stdout
    path.write_text(path.read_text(encoding="utf-8").replace(space, " "), encoding="utf-8")
    assert run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None).returncode == 0


# --- 6. Right-to-left runs are isolated in the HTML briefing too --------------------------


@pytest.mark.parametrize("word", ["هاتف", "טלפון"])
def test_a_phone_number_after_arabic_or_hebrew_is_isolated_in_html(tmp_path, word):
    briefs = assemble(tmp_path)
    _set(briefs, "contact", f'"Voorbeeld NGO, {word} 020 346 72 00."')
    _drop_contact_person(briefs)
    result = run_cli(
        "make",
        "--fractie",
        "pvv",
        "--format",
        "html",
        "--briefs",
        "briefs",
        "--out",
        "out",
        cwd=tmp_path,
        brief=None,
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "mini" / "pvv.html").read_text(encoding="utf-8")
    import re

    shown = re.sub(r"<style>.*?</style>", "", html, flags=re.S)  # (the footer's CSS string)
    assert f"<bdi>{word}</bdi> 020 346 72 00." in shown
    assert word not in shown.replace(f"<bdi>{word}</bdi>", "")  # every run, no bare one
    assert "\u2067" not in html and "\u2069" not in html  # markup, not invisible characters


def test_isolating_for_a_browser_leaves_tags_styles_and_latin_text_alone():
    from debatbrief.briefing.render import isolate_rtl_html

    html = '<title>هاتف 1</title><style>p{}</style><p title="هاتف">NGO, هاتف 020 en <em>שלום עולם</em> 7</p>'
    assert isolate_rtl_html(html) == (
        '<title>هاتف 1</title><style>p{}</style><p title="هاتف">NGO, <bdi>هاتف</bdi> 020 en '
        "<em><bdi>שלום עולם</bdi></em> 7</p>"
    )
    assert isolate_rtl_html("<p>Alleen Nederlands 020</p>") == "<p>Alleen Nederlands 020</p>"


def test_a_device_in_a_brief_files_place_is_refused_without_being_opened(tmp_path):
    import stat

    briefs = assemble(tmp_path)
    path = briefs / "mini" / "profiles.yaml"
    path.unlink(missing_ok=True)
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("making a device file needs root")
    result = _run_bounded(tmp_path, "check", "--briefs", "briefs")
    assert_clean(result)
    assert result.returncode == 65
    assert (
        "briefs/mini/profiles.yaml: is geen gewoon bestand maar een apparaatbestand; zet "
        "het bestand zelf op zijn plaats"
    ) in result.stdout.splitlines()
