"""Bad input: every problem named at once, nothing let in, nothing lost."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from helpers import BRIEF_ID, ROOT, cli_command, cli_env, pdf_pages_text, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debatbrief.base.chars import UNSAFE_RE
from debatbrief.base.errors import DebatbriefError
from debatbrief.checks import load, load_brief

CORPUS = ROOT / "tests" / "broken"
MINI = ROOT / "tests" / "briefs" / "mini"


def assemble(tmp_path: Path, case: str | None = None) -> Path:
    """The mini brief with the broken files of ``case`` laid over it; returns the briefs dir."""
    briefs = tmp_path / "briefs"
    target = briefs / "mini"
    shutil.copytree(MINI, target)
    if case:
        for path in (CORPUS / case).iterdir():
            if path.suffix == ".yaml":
                shutil.copy(path, target / path.name)
            elif path.is_dir():
                shutil.copytree(path, tmp_path / path.name)
    return briefs


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir()))
def test_broken_brief_is_named_precisely(tmp_path, case):
    expected = [
        line
        for line in (CORPUS / case / "expected.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    code = int(expected.pop(0).split()[1])
    briefs = assemble(tmp_path, case)
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == code, result.stdout
    printed = result.stdout.strip().splitlines()
    assert printed[:-1] == expected
    assert "Traceback" not in result.stderr
    assert not UNSAFE_RE.search(result.stdout + result.stderr)  # nothing acts on a terminal
    assert briefs.exists()


def test_many_problems_are_reported_in_one_run(tmp_path):
    assemble(tmp_path, "many-problems")
    result = run_cli("check", "--briefs", "briefs", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert result.returncode == 65 and data["ok"] is False
    files = {p["file"].split("/")[-1] for p in data["problems"]}
    assert files == {"arguments.yaml", "brief.yaml", "cards.yaml", "sources.yaml", "stances.yaml"}
    assert len(data["problems"]) == 8


def test_make_refuses_an_invalid_brief_with_the_same_messages(tmp_path):
    assemble(tmp_path, "unknown-topic")
    check = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    for command in (
        ["make", "--fractie", "PVV"],
        ["cards", "--all"],
        ["rebut", "noodwet"],
        ["explain", "--fractie", "PVV"],
    ):
        result = run_cli(*command, "--briefs", "briefs", cwd=tmp_path)
        assert result.returncode == 65, command
        assert result.stderr.splitlines()[0] == check.stdout.splitlines()[0], command
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "brief_id", sorted(p.name for p in (ROOT / "briefs").iterdir() if (p / "brief.yaml").exists())
)
def test_every_shipped_brief_passes_check_strict(brief_id):
    result = run_cli("check", "--strict", brief=brief_id)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"{brief_id}: in orde (0 fouten, 0 waarschuwingen)"


def test_strict_catches_a_planted_unsourced_sentence_and_an_unproven_correction(tmp_path):
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    arguments = briefs / BRIEF_ID / "arguments.yaml"
    text = arguments.read_text()
    planted = "De IND behandelt elke aanvraag binnen een week."
    text = text.replace("  reasoning: >-\n", f"  reasoning: >-\n    {planted}\n", 1)
    arguments.write_text(text)
    sources = briefs / BRIEF_ID / "sources.yaml"
    text = sources.read_text()
    assert text.count('    proof: "[@hvj-c-72-22]"\n') == 1
    sources.write_text(text.replace('    proof: "[@hvj-c-72-22]"\n', ""))
    result = run_cli("check", "--strict", "--briefs", str(briefs))
    assert result.returncode == 65
    lines = result.stdout.splitlines()
    assert any(
        line.endswith(
            f"waarschuwing: zin zonder bron of toeschrijving: '{planted}' "
            f"(voeg [@bron-id] toe, of schrijf erbij wiens standpunt het is, "
            f"bijvoorbeeld 'volgens VluchtelingenWerk')"
        )
        for line in lines
    )
    assert any("correctie bij bron 'hvj-c-72-22' zonder bewijs" in line for line in lines)
    # Without --strict the unsourced sentence is a warning, the unproven correction an error.
    assert run_cli("check", "--briefs", str(briefs)).returncode == 65


def test_the_letters_own_reference_fails_and_the_correction_passes(tmp_path):
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    sources = briefs / BRIEF_ID / "sources.yaml"
    text = sources.read_text()
    sources.write_text(
        text.replace(
            "  case_number: C-72/22 PPU\n  ecli: ECLI:EU:C:2022:505",
            "  case_number: C-27/22\n  ecli: ECLKI:EU:C:2022:505",
        )
    )
    result = run_cli("check", "--briefs", str(briefs))
    assert result.returncode == 65
    assert "zaaknummer C-27/22 strookt niet met het CELEX-nummer" in result.stdout
    assert "'ECLKI:EU:C:2022:505' volgt de ECLI-syntaxis niet" in result.stdout


def test_warnings_fail_only_with_strict(tmp_path):
    assemble(tmp_path, "uncited-source")
    assert run_cli("check", "--briefs", "briefs", cwd=tmp_path).returncode == 0
    assert run_cli("check", "--briefs", "briefs", "--strict", cwd=tmp_path).returncode == 65


# --- Property-based: the loader lets nothing but its own error class escape -------------

yaml_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates()
)
structures = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _loads_or_raises_own_error(folder: Path) -> None:
    try:
        load_brief(folder)
    except DebatbriefError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=yaml_text,
    name=st.sampled_from(["brief.yaml", "sources.yaml", "arguments.yaml", "cards.yaml", "profiles.yaml"]),
)
def test_any_text_loads_or_raises_the_projects_error(tmp_path_factory, text, name):
    briefs = assemble(tmp_path_factory.mktemp("prop"))
    (briefs / "mini" / name).write_text(text, encoding="utf-8")
    _loads_or_raises_own_error(briefs / "mini")
    loaded = load(briefs / "mini")
    assert loaded.brief is not None or loaded.errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=structures, name=st.sampled_from(["brief.yaml", "sources.yaml", "arguments.yaml", "cards.yaml"]))
def test_any_structure_loads_or_raises_the_projects_error(tmp_path_factory, data, name):
    from ruamel.yaml import YAML

    briefs = assemble(tmp_path_factory.mktemp("prop"))
    with open(briefs / "mini" / name, "w", encoding="utf-8") as handle:
        YAML(typ="safe").dump(data, handle)
    _loads_or_raises_own_error(briefs / "mini")


def test_bytes_that_are_not_utf8_are_named(tmp_path):
    briefs = assemble(tmp_path)
    (briefs / "mini" / "cards.yaml").write_bytes(b"- id: x\xff\n")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 65
    assert result.stdout.startswith("briefs/mini/cards.yaml:1: geen geldige UTF-8-tekst")


# --- Nothing let in ----------------------------------------------------------------------


def test_raw_html_in_a_brief_is_printed_as_text_and_fetches_nothing(tmp_path):
    briefs = assemble(tmp_path, "raw-html")
    result = run_cli(
        "make",
        "--fractie",
        "sp",
        "--topic",
        "spreiding",
        "--briefs",
        "briefs",
        "--format",
        "html",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "mini" / "sp-spreiding.html").read_text()
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=“file:///etc/passwd”&gt;" in html  # as text, typographic quotes
    pdf = run_cli("make", "--fractie", "sp", "--topic", "spreiding", "--briefs", "briefs", cwd=tmp_path)
    assert pdf.returncode == 0, pdf.stderr
    text = " ".join(pdf_pages_text(tmp_path / "out" / "mini" / "sp-spreiding.pdf"))
    assert "<img src=“file:///etc/passwd”>" in text
    assert "root:x:0:0" not in text
    assert briefs.exists()


def test_fetcher_refuses_files_outside_the_allowed_folders_and_the_network(workspace):
    from debatbrief.base.errors import RenderError
    from debatbrief.briefing.pdf import Engine

    engine = Engine()  # a fresh one: a shared cache remembers earlier refusals
    for url, refusal in (
        ("file:///etc/passwd", "leest geen bestanden buiten de sjablonen- en briefmap"),
        ("http://example.org/x.png", "haalt geen externe bronnen op"),
        ("https://example.org/x.css", "haalt geen externe bronnen op"),
    ):
        html = f'<html lang="nl"><body><img src="{url}"><p>x</p></body></html>'
        with pytest.raises(RenderError, match=refusal):
            engine.document(html, workspace.templates, [workspace.templates])


def test_an_id_cannot_leave_the_output_folder(tmp_path):
    assemble(tmp_path, "bad-id")
    result = run_cli("make", "--fractie", "pvv", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 65 and "geen geldige id" in result.stderr
    outside = run_cli("make", "--fractie", "pvv", "--brief", "../../x", cwd=tmp_path)
    assert outside.returncode == 2 and "Onbekende brief '../../x'" in outside.stderr
    assert not any(tmp_path.parent.glob("x*"))


# --- Nothing lost -------------------------------------------------------------------------


def test_a_failed_render_leaves_the_previous_pdf_intact(tmp_path):
    pdf = tmp_path / "out" / BRIEF_ID / "pvv.pdf"  # the PVV briefing made before: any bytes do
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7\n% de briefing van gisteren\n%%EOF\n")
    before = pdf.read_bytes()
    bad = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", bad)
    (bad / "briefing.html.j2").write_text("{{ no_such_thing }}")
    result = run_cli("make", "--fractie", "PVV", "--out", str(tmp_path / "out"), "--templates", str(bad))
    assert result.returncode == 1
    assert "sjabloonfout" in result.stderr and "no_such_thing" in result.stderr
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["pvv.pdf"]


def test_an_interrupted_write_leaves_the_old_pdf_and_no_partial_file(tmp_path, monkeypatch):
    from debatbrief.briefing import pdf as pdf_module

    target = tmp_path / "pvv.pdf"
    target.write_bytes(b"%PDF-old")

    def interrupt(_fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf_module.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        pdf_module.write_atomic(target, b"%PDF-new" * 1000)
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["pvv.pdf"]


#: Runs ``debatbrief`` (as :data:`helpers.FONTTOOLS_PATH` does) holding at one moment of
#: ``make``, named by ``HOLD_AT``: it creates the file ``HOLD_MARKER`` and sleeps there, so
#: the test sends its Ctrl-C exactly then, however loaded the machine (no guessed delay).
#: ``render``: WeasyPrint's first layout; ``temp``: the rendered PDF about to go to a
#: temporary file; ``rename``: the temporary file written, about to replace the old PDF.
HOLD = """
import os, tempfile, time
import weasyprint
def hold():
    open(os.environ["HOLD_MARKER"], "w").close()
    time.sleep(300)  # the test's Ctrl-C arrives here
def before(module, name, when=lambda *a, **k: True):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        if when(*args, **kwargs) and not os.path.exists(os.environ["HOLD_MARKER"]):
            hold()
        return original(*args, **kwargs)
    setattr(module, name, wrapper)
at = os.environ["HOLD_AT"]
if at == "render":
    before(weasyprint.HTML, "render")
elif at == "temp":
    before(tempfile, "mkstemp", lambda *a, **k: k.get("suffix") == ".tmp")
else:
    before(os, "replace", lambda src, dst, *a, **k: str(dst).endswith(".pdf"))
"""


@pytest.fixture(scope="module")
def fonttools_pvv(tmp_path_factory) -> Path:
    """The PVV briefing made with the fontTools subsetter (helpers.FONTTOOLS_PATH), with or
    without libharfbuzz-subset0: the path that used to stamp the clock into the fonts."""
    out = tmp_path_factory.mktemp("fonttools")
    result = run_cli("make", "--fractie", "PVV", "--out", str(out), fonttools=True)
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID / "pvv.pdf"


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["render", "temp", "rename"])
def test_ctrl_c_during_make_leaves_the_old_pdf_byte_identical(tmp_path, moment, fonttools_pvv):
    out = tmp_path / "out"
    pdf = out / BRIEF_ID / "pvv.pdf"
    pdf.parent.mkdir(parents=True)
    shutil.copy(fonttools_pvv, pdf)
    before = pdf.read_bytes()
    marker = tmp_path / "holding"
    command = cli_command("make", "--fractie", "PVV", "--out", str(out), fonttools=True)
    command[2] = HOLD + command[2]  # [python, -c, script, ...]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env({"HOLD_AT": moment, "HOLD_MARKER": str(marker)}),
    )
    deadline = time.monotonic() + 240
    while not marker.exists():  # until the child says it holds at that moment
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"never reached {moment}: {process.communicate()[1]}")
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.splitlines() == ["Afgebroken; er is niets half geschreven."]
    assert pdf.read_bytes() == before  # identical input gives identical bytes
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["pvv.pdf"]


def test_unwritable_output_folder_gives_one_line(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    # HTML: the same atomic write as a PDF, without the render before it.
    result = run_cli("make", "--fractie", "PVV", "--format", "html", "--out", str(blocker))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "kan de uitvoermap niet schrijven" in result.stderr and "--out" in result.stderr


def test_a_bug_shows_a_short_message_and_debug_shows_the_traceback(monkeypatch, capsys):
    from debatbrief.base import paths
    from debatbrief.cli import app as cli

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(paths, "resolve_brief", broken)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["list", "topics"])
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "Interne fout in debatbrief" in err and "--debug" in err and "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        cli.main(["list", "topics", "--debug"])


def test_a_billion_laughs_is_refused_quickly(tmp_path):
    briefs = assemble(tmp_path)
    lines = [
        "- id: bom",
        "  topic: asielcrisis",
        "  claim: x",
        "  rebuttal: x",
        "  evidence: x",
        "  say: x",
        "  follow_up: x?",
        "  aliases: &a0 [ha, ha, ha, ha]",
    ]
    for level in range(1, 10):
        previous = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"  x{level}: &a{level} [{previous}]")
    (briefs / "mini" / "cards.yaml").write_text("\n".join(lines) + "\n")
    start = time.monotonic()
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert time.monotonic() - start < 30
    assert result.returncode == 65
    assert "ankers en aliassen (&naam, *naam) worden niet ondersteund" in result.stdout


def test_a_symlinked_brief_file_is_refused(tmp_path):
    briefs = assemble(tmp_path)
    target = briefs / "mini" / "cards.yaml"
    target.unlink()
    target.symlink_to("/etc/passwd")
    result = run_cli("check", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 65
    assert result.stdout.startswith("briefs/mini/cards.yaml: is een symbolische koppeling")
    assert "root" not in result.stdout


def test_square_brackets_in_brief_text_are_not_terminal_markup(tmp_path):
    briefs = assemble(tmp_path)
    brief_yaml = briefs / "mini" / "brief.yaml"
    brief_yaml.write_text(
        brief_yaml.read_text().replace("title: Spreidingswet}", "title: 'Spreiding [/i] en [red]rood[/red]'}")
    )
    for what in ("topics", "sources", "fracties"):
        result = run_cli("list", what, "--briefs", "briefs", cwd=tmp_path, env={"COLUMNS": "200"})
        assert result.returncode == 0, result.stderr
    topics = run_cli("list", "topics", "--briefs", "briefs", cwd=tmp_path, env={"COLUMNS": "200"})
    assert "Spreiding [/i] en [red]rood[/red]" in topics.stdout


def test_make_warns_when_a_fractie_has_no_profile(tmp_path):
    assemble(tmp_path)  # the mini brief has no profiles.yaml at all
    result = run_cli("make", "--fractie", "PVV", "--briefs", "briefs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Let op: de brief heeft geen profiel voor PVV" in result.stderr


def _planted(tmp_path, edits: dict[str, tuple[str, str]], remove: tuple[str, ...] = ()):
    """A copy of the shipped brief with ``old -> new`` replaced once in each named file."""
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / BRIEF_ID, briefs / BRIEF_ID)
    for name, (old, new) in edits.items():
        path = briefs / BRIEF_ID / name
        text = path.read_text()
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1))
    for name in remove:
        (briefs / BRIEF_ID / name).unlink()
    return briefs


def test_an_attributed_number_still_needs_its_source(tmp_path):
    planted = "Volgens ons kost de noodopvang 50 miljard euro."
    briefs = _planted(
        tmp_path, {"arguments.yaml": ("  reasoning: >-\n", f"  reasoning: >-\n    {planted}\n")}
    )
    result = run_cli("check", "--strict", "--briefs", str(briefs))
    assert result.returncode == 65
    assert any(
        line.endswith(
            f"waarschuwing: zin noemt een getal zonder bron: '{planted}' (een "
            f"getal is een feit, ook als het een standpunt is: zet [@bron-id] "
            f"erachter)"
        )
        for line in result.stdout.splitlines()
    )


def test_a_record_dated_after_the_debate_is_refused(tmp_path):
    briefs = _planted(tmp_path, {"profiles.yaml": ("      date: 2024-01-23\n", "      date: 2024-06-23\n")})
    result = run_cli("check", "--briefs", str(briefs))
    assert result.returncode == 65
    assert re.search(
        r"profiles\.yaml:\d+: dit feit is van 2024-06-23, na het debat van "
        r"2024-05-22: een briefing voor dat debat kan het niet kennen",
        result.stdout,
    )


def test_stances_on_cards_need_the_cards(tmp_path):
    briefs = _planted(tmp_path, {}, remove=("cards.yaml",))
    result = run_cli("check", "--briefs", str(briefs))
    assert result.returncode == 65
    assert re.search(
        r"stances\.yaml:\d+: onbekende kaart 'asielcrisis-noodwet' \(niet in "
        r"cards\.yaml",
        result.stdout,
    )


def test_a_correction_cannot_be_proven_by_the_document_it_corrects(tmp_path):
    briefs = _planted(
        tmp_path, {"sources.yaml": ('    proof: "[@hvj-c-72-22]"', '    proof: "[@vwn-brief-2024]"')}
    )
    result = run_cli("check", "--briefs", str(briefs))
    assert result.returncode == 65
    assert "correctie bij bron 'hvj-c-72-22' bewijst zichzelf" in result.stdout
