"""`debatbrief make` against bare `weasyprint` on the very HTML `make` hands to it (issue 25).

    python benchmarks/bench_make.py [--runs 15] [--fractie PVV] [--brief vwn-2024-05-22]
    python benchmarks/bench_make.py --profile-only [--length short] [--templates DIR]

1. Writes out the exact HTML of one briefing (the selection that fits its pages, as
   ``briefing/fit.py`` chooses it, with the right-to-left runs isolated as
   ``Engine.document`` does) and the ``@font-face`` rules of the bundled faces, so the bare
   command lays out the same text in the same faces and writes the same PDF variant.
2. Times a whole ``debatbrief make`` process against ``weasyprint -s faces.css
   --pdf-variant pdf/ua-1`` on that HTML in alternating runs: CPU seconds (user + system of
   the child and of the processes it waits for, from ``getrusage(RUSAGE_CHILDREN)``), which
   a shared machine disturbs far less than wall time. Reports medians and the ratio
   (target <= 1.15). Compiled bytecode is written and used, as on a user's machine. A
   third command is the same bare ``weasyprint`` started as ``make`` starts WeasyPrint
   (its system libraries found from the cache folder, ``briefing/libraries.py``, not by
   ``ldconfig`` and ``gcc``): ``make`` over that is our own overhead alone.
3. A per-phase profile of one ``make`` in a fresh process (CPU seconds): importing,
   the font configuration, loading the brief, selection, Jinja2, layout (and how many
   layouts), the PDF, and our post-processing (note checks, /Note IDs, atomic write).
   ``--templates DIR`` profiles with another templates folder (say, the templates of an
   earlier commit, ``git archive``d into a folder), to compare two versions of the page's
   CSS and markup with the same code; ``--length short`` profiles the handout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

EXE = Path(sys.executable)
BIN = EXE.with_name("debatbrief")
WEASYPRINT = EXE.with_name("weasyprint")


def write_inputs(folder: Path, brief: str, fractie: str) -> tuple[Path, Path, Path]:
    """The briefing's HTML as ``make`` hands it to WeasyPrint and the faces' CSS, written
    into ``folder``; returns (html, css, base folder for relative URLs)."""
    from debatbrief.base.typeface import font_face_css
    from debatbrief.briefing.fit import fit_briefing
    from debatbrief.briefing.pdf import Engine, isolate_directions
    from debatbrief.commands.workspace import Workspace

    ws = Workspace(brief_id=brief, out_dir=folder / "unused")
    _, html, _ = fit_briefing(
        ws.brief(), fractie, None, "full", ws.templates, Engine(), [ws.templates, ws.brief_folder()]
    )
    html_file, css_file = folder / f"{fractie.lower()}.html", folder / "faces.css"
    html_file.write_text(isolate_directions(html), encoding="utf-8")
    css_file.write_text(font_face_css(), encoding="utf-8")
    return html_file, css_file, ws.templates


def cpu_of(command: list[str]) -> float:
    """CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def compare(brief: str, fractie: str, runs: int) -> dict:
    """Medians of alternating runs of ``make`` and bare ``weasyprint`` (CPU seconds)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-make-"))
    try:
        html, css, base = write_inputs(folder, brief, fractie)
        ours = [str(BIN), "make", "--brief", brief, "--fractie", fractie, "--out", str(folder / "out")]
        bare = [
            str(WEASYPRINT),
            "-u",
            str(base) + os.sep,
            "-s",
            str(css),
            "--pdf-variant",
            "pdf/ua-1",
            str(html),
            str(folder / "bare.pdf"),
        ]
        # The same bare command, with WeasyPrint's system libraries found as `make` finds
        # them (briefing/libraries.py): what is left above it is our own overhead.
        same_start = [str(EXE), "-c", SAME_START, *bare[1:]]
        commands = (("ours", ours), ("bare", bare), ("same_start", same_start))
        for _, command in commands:
            cpu_of(command)  # warm: compiled modules, caches
        times: dict[str, list[float]] = {name: [] for name, _ in commands}
        for turn in range(runs):  # alternate, and rotate who goes first, against drift
            for name, command in commands[turn % 3 :] + commands[: turn % 3]:
                times[name].append(cpu_of(command))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    a, b, c = (statistics.median(times[name]) for name in ("ours", "bare", "same_start"))
    return {"ours": a, "bare": b, "ratio": a / b, "same_start": c, "own_ratio": a / c, "runs": runs}


#: Bare ``weasyprint``'s command line, started after WeasyPrint is imported the way
#: ``make`` imports it (its system libraries found from the cache folder).
SAME_START = """
import sys
from debatbrief.briefing.libraries import import_weasyprint
import_weasyprint()
from weasyprint.__main__ import main
main(sys.argv[1:])
"""


#: Runs in a fresh process: one `make`, each phase's CPU time summed by wrapping the
#: functions that do it (printed as JSON).
PROFILE = r"""
import json, sys, time
clock = time.process_time
phases, counts = {}, {}
def add(name, seconds):
    phases[name] = phases.get(name, 0.0) + seconds
    counts[name] = counts.get(name, 0) + 1
start = clock()
import debatbrief.cli.app, weasyprint, weasyprint.text.fonts  # what `make` imports
import debatbrief.briefing.pdf as pdf, debatbrief.briefing.fit as fit
import debatbrief.briefing.render as render, debatbrief.commands.workspace as workspace
add("import (Python, typer, WeasyPrint, ours)", clock() - start)
def timed(module, name, phase):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        t = clock()
        try:
            return original(*args, **kwargs)
        finally:
            add(phase, clock() - t)
    setattr(module, name, wrapper)
timed(fit, "select", "select")
timed(render, "render_briefing", "render (Jinja2)")
timed(pdf, "_misplaced_notes", "post-processing (note checks, atomic write)")
timed(pdf, "_unprintable_note", "post-processing (note checks, atomic write)")
timed(pdf, "_identify_notes", "/Note IDs (finisher, inside the PDF)")
timed(pdf, "write_atomic", "post-processing (note checks, atomic write)")
import weasyprint as wp
timed(wp.HTML, "render", "layout (WeasyPrint)")
timed(wp.document.Document, "write_pdf", "PDF (WeasyPrint)")
t = clock(); engine = pdf.Engine(); add("font configuration (Engine)", clock() - t)
from pathlib import Path
templates = Path(sys.argv[4]) if sys.argv[4] else None
ws = workspace.Workspace(brief_id=sys.argv[1], out_dir=Path(sys.argv[3]), templates_dir=templates)
t = clock(); ws.brief(); add("load the brief", clock() - t)
workspace.make(ws, sys.argv[2], length=sys.argv[5], engine=engine)
total = clock()
# write_pdf calls the finisher inside it: count those seconds once
phases["PDF (WeasyPrint)"] -= phases.get("/Note IDs (finisher, inside the PDF)", 0.0)
print(json.dumps({"phases": phases, "counts": counts, "total": total}))
"""


def profile(brief: str, fractie: str, templates: Path | None = None, length: str = "full") -> dict:
    """CPU seconds per phase of one ``make`` in a fresh process (see :data:`PROFILE`), with
    the templates in ``templates`` (default: the shipped ones)."""
    with tempfile.TemporaryDirectory() as out:
        folder = str(templates.resolve()) if templates else ""
        done = subprocess.run(
            [str(EXE), "-c", PROFILE, brief, fractie, out, folder, length],
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(done.stdout)


def profile_lines(result: dict) -> list[str]:
    """The profile as Markdown table rows."""
    lines = ["| phase of `make` | CPU s | calls |", "|---|---|---|"]
    phases, counts, total = result["phases"], result["counts"], result["total"]
    for name, seconds in phases.items():
        lines.append(f"| {name} | {seconds:.3f} | {counts.get(name, 1)} |")
    rest = total - sum(phases.values())
    lines.append(f"| the rest (selection overhead, fit, HTML escaping, ...) | {rest:.3f} | |")
    lines.append(f"| total | {total:.3f} | |")
    return lines


def watch_rounds(brief: str, fractie: str, length: str, runs: int) -> dict:
    """What ``debatbrief watch`` takes after a save: on a copy of the brief, with one warm
    engine, ``runs`` rounds each after an edit of ``arguments.yaml`` (a comment added: new
    bytes, so the brief is read, checked and fitted again, as after a real edit). Medians
    of wall and CPU seconds per round, and the first round (the engine cold)."""
    from debatbrief.base.paths import default_briefs_dir
    from debatbrief.briefing.pdf import Engine
    from debatbrief.commands.watch import render_round
    from debatbrief.commands.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "briefs" / brief
        shutil.copytree(default_briefs_dir() / brief, folder)
        shutil.copytree(default_briefs_dir().parent / "kamers", Path(tmp) / "kamers")
        ws = Workspace(briefs_dir=folder.parent, out_dir=Path(tmp) / "out", brief_id=brief)
        engine = Engine()
        first = render_round(ws, fractie, None, length, engine, first=True)
        walls, cpus = [], []
        for run in range(runs):
            with open(folder / "arguments.yaml", "a", encoding="utf-8") as handle:
                handle.write(f"# edit {run}\n")
            done = render_round(ws, fractie, None, length, engine)
            assert done.made is not None, done.error
            walls.append(done.seconds)
            cpus.append(done.cpu_seconds)
    return {
        "first": first.seconds,
        "first_cpu": first.cpu_seconds,
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--brief", default="vwn-2024-05-22")
    parser.add_argument("--fractie", default="PVV")
    parser.add_argument("--profile-only", action="store_true")
    parser.add_argument("--length", choices=("full", "short"), default="full", help="for the profile")
    parser.add_argument("--templates", type=Path, help="profile with this templates folder")
    parser.add_argument(
        "--watch", type=int, metavar="N", help="only: N rounds of `watch` after an edit, full and handout"
    )
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine
    if args.watch:
        for length in ("full", "short"):
            result = watch_rounds(args.brief, args.fractie, length, args.watch)
            print(
                f"watch --fractie {args.fractie} --length {length}: a round after an edit "
                f"{result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU (median of "
                f"{args.watch}); the first round {result['first']:.2f} s wall, "
                f"{result['first_cpu']:.2f} s CPU; load average {os.getloadavg()[0]:.1f}"
            )
        return
    if not args.profile_only:
        result = compare(args.brief, args.fractie, args.runs)
        print(
            f"make --brief {args.brief} --fractie {args.fractie}: {result['ours']:.2f} s CPU; "
            f"bare weasyprint on the same HTML: {result['bare']:.2f} s; ratio "
            f"{result['ratio']:.2f} (target <= 1.15), medians of {result['runs']} "
            f"alternating rounds; load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"bare weasyprint started as make starts it (system libraries from the cache): "
            f"{result['same_start']:.2f} s; make / that: {result['own_ratio']:.2f} (our own overhead)"
        )
    print("\n".join(profile_lines(profile(args.brief, args.fractie, args.templates, args.length))))


if __name__ == "__main__":
    main()
