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


@pytest.mark.parametrize("href", [
    "lnk/%2e%2e/passwd", "lnk/%2E%2E/passwd", "lnk%2f%2e%2e%2fpasswd", "echt/%2e%2e/lnk/%2e%2e/passwd",
    "lnk/./%2e%2e/passwd", "file:{out}/passwd", "file://localhost{out}/passwd",
    "{templates}/lnk/%2e%2e/passwd", "../buiten/passwd",
])
def test_no_way_of_writing_a_path_attaches_a_file_from_outside(tmp_path, href):
    templates = tmp_path / "templates"
    href = href.format(out=tmp_path / "buiten", templates=templates)
    _attachment(tmp_path, href)
    result = run_cli("make", "--fractie", "pvv", "--templates", str(templates), "--out",
                     str(tmp_path / "out"))
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
    result = run_cli(*args, "--briefs", "briefs", cwd=tmp_path, brief=None,
                     env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert_clean(result)  # the folder name itself is refused as an id: exit 1, written out
    assert "Brief: mini\\x1b]0;PWNED\\x07\\x1b[2J (de nieuwste van 2;" in result.stderr


def test_the_made_file_line_writes_out_an_escape_in_the_output_folder(tmp_path):
    briefs = assemble(tmp_path)
    result = run_cli("make", "--fractie", "pvv", "--format", "html", "--briefs", "briefs",
                     "--out", "uit\x1b[2J", cwd=tmp_path, brief=None)
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
    missed = [f"U+{c:04X}" for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) in kinds and not UNSAFE_RE.match(chr(c))]
    assert missed == []
    assert visible("a\U000e0001b\u00adc") == "a\\U000e0001b\\xadc"
    for fine in "éëï€–—‘’“”«»\u00a0":  # Dutch text keeps its letters, dashes and quotes
        assert not UNSAFE_RE.search(fine)


@pytest.mark.parametrize(("written", "code"), [
    ("\U000e0001", "U+E0001"), ("&#xE0001;", "U+E0001 (geschreven als '&#xE0001;')"),
    ("\\U000E0041", "U+E0041"), ("\u00ad", "U+00AD"), ("&shy;", "U+00AD (geschreven als "
                                                                 "'&shy;')"),
    ("\\ud800", "U+D800"), ("\ue000", "U+E000"),
])
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


@pytest.mark.parametrize("newer", [
    '  date: "2030-05-22"\n', "  date: '2030-05-22' # gepland\n", '  "date": 2030-05-22\n',
])
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
    path.write_text(text[:start] + 'debate: {title: Debat, subject: het akkoord, '
                    'date: "2030-05-22", kamer: tweede-kamer-2024-05-22}' + text[end:],
                    encoding="utf-8")
    assert resolve_brief(briefs, None).name == "a-nieuw"
    result = run_cli("list", "fracties", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert "Brief: a-nieuw (de nieuwste van 2;" in result.stderr


# --- 10. Seats are bounded by what a chamber has ------------------------------------------


@pytest.mark.parametrize("huge", [10**9, 10**40])
def test_seats_beyond_any_chamber_are_one_line_for_check_and_plan(tmp_path, huge):
    briefs = with_kamers(tmp_path)
    kamer = tmp_path / "kamers" / "tweede-kamer-2024-05-22.yaml"
    text = kamer.read_text(encoding="utf-8")
    seats_line = text[:text.index("seats: 150")].count("\n") + 1
    text = text.replace("seats: 150", f"seats: {huge}", 1).replace(
        "zetels: 37,", f"zetels: {huge - 113},", 1)  # the sums still match
    kamer.write_text(text, encoding="utf-8")
    check = run_cli("check", "--briefs", str(briefs), cwd=tmp_path, brief=None)
    assert_clean(check)
    assert check.returncode == 65
    assert (f"kamers/tweede-kamer-2024-05-22.yaml:{seats_line}: 'seats' = {huge} moet ten "
            f"hoogste 150 zijn") in check.stdout
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
    line = text[:text.index("topics:\n")].count("\n") + 1
    path.write_text(text.replace("topics:\n", "topics:\n" + "  - x\n" * 5000, 1),
                    encoding="utf-8")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert result.returncode == 65
    assert f"brief.yaml:{line}: 'topics': heeft 5002 items, ten hoogste 1000 (kort de lijst " \
           f"in)" in result.stdout
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
        assert printed[MAX_SHOWN] == (f"... en nog {3000 - MAX_SHOWN} problemen in "
                                      f"briefs/mini/sources.yaml; los eerst de bovenstaande "
                                      f"op en controleer opnieuw met 'debatbrief check'")


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
    path.write_text("".join(line for line in lines if not line.startswith("contact_person:")),
                    encoding="utf-8")


def _words_in_line_with(pdf: Path, first: str) -> list[str]:
    """The words of the printed line that holds ``first``, left to right on the page."""
    import re
    import subprocess
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    words = [(float(y), float(x), word) for x, y, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes)]
    row = next(y for y, _, word in words if word == first)
    return [word for _, _, word in sorted((w for w in words if abs(w[0] - row) < 4),
                                          key=lambda w: w[1])]


@pytest.mark.parametrize("word", ["هاتف", "טלפון"])
def test_a_phone_number_after_arabic_or_hebrew_is_printed_as_written(tmp_path, word):
    briefs = assemble(tmp_path)
    _set(briefs, "contact", f'"Voorbeeld NGO, {word} 020 346 72 00."')
    _drop_contact_person(briefs)
    result = run_cli("make", "--fractie", "pvv", "--briefs", "briefs", "--out", "out",
                     cwd=tmp_path, brief=None)
    assert result.returncode == 0, result.stderr
    words = _words_in_line_with(tmp_path / "out" / "mini" / "pvv.pdf", "020")
    assert words[words.index("020"):] == ["020", "346", "72", "00."]
    assert words.index("NGO,") < words.index("020")


def test_isolating_leaves_tags_styles_and_latin_text_alone():
    from debatbrief.briefing.pdf import isolate_directions
    html = '<title>هاتف 1</title><style>p{}</style><p title="هاتف">NGO, هاتف 020</p>'
    assert isolate_directions(html) == ('<title>هاتف 1</title><style>p{}</style><p '
                                        'title="هاتف">NGO, \u2067هاتف\u2069 020</p>')
    assert isolate_directions("<p>Alleen Nederlands 020</p>") == "<p>Alleen Nederlands 020</p>"


def test_emphasis_inside_arabic_text_is_refused_with_its_line(tmp_path):
    briefs = assemble(tmp_path)
    line = _set(briefs, "contact", '"Voorbeeld NGO: نص *مهم* نص"')
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path, brief=None)
    assert_clean(result)
    assert result.returncode == 65
    assert (f"brief.yaml:{line}: 'contact': nadruk (*...*) midden in Arabische of Hebreeuwse "
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
    return subprocess.run(cli_command(*args, "--briefs", "briefs", "--out", "out", brief=None),
                          capture_output=True, text=True, env=cli_env(), cwd=tmp_path,
                          timeout=300, preexec_fn=_limited(limit, amount))


@pytest.mark.parametrize("files", [8, 12, 14, 16])
def test_too_few_open_files_is_said_in_one_line(tmp_path, files):
    """Wherever the limit is met (a pipe of the pool, a font in a worker), one line; a
    limit that happens to suffice makes every briefing."""
    import resource
    assemble(tmp_path)
    result = _run_limited(tmp_path, resource.RLIMIT_NOFILE, files, "make", "--all",
                          "--jobs", "2")
    assert_clean(result)
    if result.returncode == 0:
        assert len(list(tmp_path.glob("out/mini/*.pdf"))) == 15
        return
    assert result.returncode == 1
    line = one_line(result)
    assert line.removeprefix("Alle 15 mislukt: ").startswith(
        f"Te veel open bestanden: de limiet van {files} (ulimit -n) is bereikt; verhoog die"), line
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

    from helpers import children_of, cli_command, cli_env
    assemble(tmp_path)
    out = tmp_path / "out" / "mini"
    main = subprocess.Popen(cli_command("make", "--all", "--jobs", "2", "--briefs", "briefs",
                                        "--out", "out", brief=None),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=cli_env(), cwd=tmp_path)
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
        "probeer opnieuw, eventueel met --jobs 1: "), stderr
    assert "niet gemaakt: " in lines[0]
    made = lines[0].split(" gemaakt (", 1)[1].split(")", 1)[0].split(", ") \
        if " gemaakt (" in lines[0] else []
    for pdf in out.glob("*.pdf"):  # whatever is there is whole
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert len(list(out.glob("*.pdf"))) >= len(made)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert children_of(main.pid) == []


# --- 11. An error raised by a user template is the template's -----------------------------


@pytest.mark.parametrize(("body", "kind"), [
    ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
    ('{{ "a" + 1 }}', "TypeError: "),
    ('{{ "%d" % "a" }}', "TypeError: "),
    ("{{ [][3] }}", ""),
])
def test_an_error_in_a_user_template_names_its_line(tmp_path, body, kind):
    templates = _templates(tmp_path, body)
    result = run_cli("make", "--fractie", "pvv", "--format", "html", "--templates",
                     str(templates), "--out", str(tmp_path / "out"))
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
    path.write_text(path.read_text(encoding="utf-8") + "".join(
        f"\n- id: {i}\n  kind: report\n  author: Bureau {i}\n  title: {title} {i}\n"
        f"  date: 2022-12-21\n" for i in ids), encoding="utf-8")
    return "[" + "; ".join("@" + i for i in ids) + "]"


def _cite_in_reasoning(briefs: Path, citation: str) -> int:
    path = briefs / "mini" / "arguments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("af [@hvj-c-72-22].", f"af {citation}.", 1), encoding="utf-8")
    return text[:text.index("af [@hvj-c-72-22].")].count("\n") + 1


def test_one_sentence_citing_a_hundred_and_twenty_sources_is_named_at_its_line(tmp_path):
    briefs = assemble(tmp_path)
    line = _cite_in_reasoning(briefs, _many_sources(briefs, 120, "Een rapport"))
    for args in (["check"], ["make", "--fractie", "pvv", "--out", "out"]):
        result = run_cli(*args, "--briefs", "briefs", cwd=tmp_path, brief=None)
        assert_clean(result)
        assert result.returncode == 65
        assert (f"arguments.yaml:{line}: 'reasoning': één verwijzing noemt 120 bronnen; een "
                f"voetnoot past dan niet op de pagina (ten hoogste 12: verdeel ze over meer "
                f"zinnen)") in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_a_note_that_does_not_fit_beside_its_call_is_an_error_not_a_loss(tmp_path):
    """The engine's own check, behind the limit on citations: a note longer than its page
    (drawn past the foot or over the text) stops the render; a short one is printed."""
    from debatbrief.base.errors import RenderError
    from debatbrief.briefing.pdf import Engine

    def page(words: int) -> str:
        return ('<html><head><style>@page { size: A4; margin: 2cm } fn-note { float: footnote }'
                '</style></head><body><p>Een zin.<fn-note class="fn" id="fn-1" data-source="a b '
                'c d e">' + "woord " * words + "</fn-note></p></body></html>")

    engine = Engine()
    assert len(engine.document(page(50), tmp_path, [tmp_path]).pages) == 1
    for words in (900, 3000):
        with pytest.raises(RenderError) as caught:
            engine.document(page(words), tmp_path, [tmp_path])
        assert str(caught.value) == (
            "voetnoot 1 (bij a, b, c en 2 andere) past niet in zijn geheel op de pagina die "
            "ernaar verwijst; verdeel de verwijzingen van die zin over meer zinnen of kort ze in")
