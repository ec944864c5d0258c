"""All of debatbrief's speed and memory targets, measured in one run.

    python benchmarks/run.py            # print the results
    python benchmarks/run.py --record   # and append them, dated, to benchmarks/README.md

Targets (see the README beside this file):
1. one full briefing as a whole process (`debatbrief make --fractie PVV`) / the bare
   `weasyprint` command on the letter as plain footnoted HTML (issue 14)      <= 1.0
2. one briefing end to end in-process / bare WeasyPrint on the same HTML   <= 1.10
3. a whole `make` process / the bare `weasyprint` command on the very HTML `make` hands
   to WeasyPrint, CPU time (issue 25, `bench_make.py`)                        <= 1.15
4. `make --all` wall time / fifteen separate `make --fractie X` runs          <= 0.2
5. peak memory of any `make --all` process                                   <= 120 MB
6. `rebut asielcrisis` start-up / `python -c "import typer, rich"`, CPU time:
   to a pipe <= 1.2, in a terminal <= 1.4
Measurement 2 is repeated with WeasyPrint's HarfBuzz subsetting switched off (fontTools
instead), to show what the optional `libharfbuzz-subset0` package is worth. The bundled
faces are measured against the system's DejaVu with the same templates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).with_name("debatbrief")
WEASYPRINT = Path(sys.executable).with_name("weasyprint")
#: The brief the recorded numbers are about: the first brief, whose PVV briefing the
#: issues measured.
BRIEF = "vwn-2024-05-22"


def letter_html() -> Path | None:
    """The letter as plain footnoted HTML (``shared/bench/letter-plain.html`` beside the
    checkout, or ``$DEBATBRIEF_BENCH_LETTER``)."""
    given = os.environ.get("DEBATBRIEF_BENCH_LETTER")
    if given:
        return Path(given)
    for folder in (HERE.parent, *HERE.parent.parents):
        candidate = folder / "shared" / "bench" / "letter-plain.html"
        if candidate.is_file():
            return candidate
    return None


def _median_processes(ours: list[str], bare: list[str], runs: int) -> tuple[float, float]:
    """Medians of wall time of alternating runs (and, in ``_CPU``, of CPU time, which a
    busy shared machine disturbs far less)."""
    cpu: dict[str, list[float]] = {"ours": [], "bare": []}

    def timed(command, key):
        def run():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[key].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

        return run

    walls = _median_pair(timed(ours, "ours"), timed(bare, "bare"), runs)
    _CPU[:] = [statistics.median(cpu["ours"]), statistics.median(cpu["bare"])]
    return walls


_CPU: list[float] = []


def whole_process(runs: int) -> dict | None:
    """One full briefing as a lobbyist makes it (a whole `debatbrief make` process)
    against the bare `weasyprint` command on the letter as plain footnoted HTML."""
    letter = letter_html()
    if letter is None:
        return None
    out = Path(tempfile.mkdtemp())
    try:
        ours = [str(BIN), "make", "--fractie", "PVV", "--brief", BRIEF, "--out", str(out)]
        bare = [str(WEASYPRINT), str(letter), str(out / "letter.pdf")]
        a, b = _median_processes(ours, bare, runs)
        cpu_a, cpu_b = _CPU
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {
        "ours": a,
        "bare": b,
        "ratio": a / b,
        "cpu_ours": cpu_a,
        "cpu_bare": cpu_b,
        "cpu_ratio": cpu_a / cpu_b,
    }


def faces(runs: int) -> dict:
    """The bundled faces against the machine's DejaVu, with the same templates: time of a
    whole `make` process and the PDF's size."""
    from debatbrief.base.paths import default_templates_dir

    out = Path(tempfile.mkdtemp())
    try:
        dejavu = out / "templates-dejavu"
        shutil.copytree(default_templates_dir(), dejavu)
        for css in dejavu.glob("*.css"):
            css.write_text(
                css.read_text(encoding="utf-8")
                .replace('"Debatbrief Serif"', '"DejaVu Serif"')
                .replace('"Debatbrief Sans"', '"DejaVu Sans"'),
                encoding="utf-8",
            )
        command = [str(BIN), "make", "--fractie", "PVV", "--brief", BRIEF]
        bundled = [*command, "--out", str(out / "noto")]
        system = [*command, "--out", str(out / "dejavu"), "--templates", str(dejavu)]
        a, b = _median_processes(bundled, system, runs)
        sizes = [(out / name / BRIEF / "pvv.pdf").stat().st_size for name in ("noto", "dejavu")]
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"noto": a, "dejavu": b, "noto_kb": sizes[0] / 1024, "dejavu_kb": sizes[1] / 1024}


def _median_pair(ours, bare, runs: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(runs):  # alternate, so drift on a shared machine hits both alike
        start = time.perf_counter()
        ours()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare()
        b.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def one_briefing(runs: int, harfbuzz: bool) -> dict:
    """Our whole pipeline (load, select, render, PDF, atomic write) against WeasyPrint
    alone turning the same HTML into a PDF, both in this process."""
    import weasyprint.pdf.fonts as wp_fonts
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from debatbrief.base.typeface import font_face_css
    from debatbrief.briefing.render import render_briefing
    from debatbrief.briefing.select import select
    from debatbrief.commands.workspace import Workspace, make

    saved = wp_fonts.harfbuzz_subset
    if not harfbuzz:
        wp_fonts.harfbuzz_subset = None
    out = Path(tempfile.mkdtemp())
    try:
        ws = Workspace(out_dir=out, brief_id=BRIEF)
        brief = ws.brief()
        html = render_briefing(brief, select(brief, "PVV"), ws.templates)
        base = str(ws.templates) + os.sep

        def ours():
            make(Workspace(out_dir=out, brief_id=BRIEF), "PVV")  # the brief is read again

        def bare():  # the same PDF variant and faces as ours: those are WeasyPrint's cost
            HTML(string=html, base_url=base).write_pdf(
                out / "bare.pdf",
                pdf_variant="pdf/ua-1",
                stylesheets=[CSS(string=font_face_css(), font_config=(config := FontConfiguration()))],
                font_config=config,
            )

        ours()
        bare()  # warm both: fonts, caches, imports
        a, b = _median_pair(ours, bare, runs)
    finally:
        wp_fonts.harfbuzz_subset = saved
        shutil.rmtree(out, ignore_errors=True)
    return {"ours": a, "bare": b, "ratio": a / b}


def make_all(jobs: int) -> dict:
    """`make --all` against fifteen separate runs, as a lobbyist would without --all."""
    out = Path(tempfile.mkdtemp())
    try:
        start = time.perf_counter()
        subprocess.run(
            [str(BIN), "make", "--all", "--jobs", str(jobs), "--brief", BRIEF, "--out", str(out / "a")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        together = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        from debatbrief.commands.workspace import Workspace

        fracties = [f.abbreviation for f in Workspace(brief_id=BRIEF).brief().kamer.fracties]
        start = time.perf_counter()
        for fractie in fracties:
            subprocess.run(
                [str(BIN), "make", "--fractie", fractie, "--brief", BRIEF, "--out", str(out / "b")],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        separate = time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"all": together, "separate": separate, "ratio": together / separate, "peak_mb": peak_kb / 1024}


def rebut(runs: int) -> dict:
    from bench_rebut import cpu_medians, measure

    medians = measure(runs)
    cpu = cpu_medians()
    base = medians["baseline"]
    return {
        "baseline": base,
        "pipe": medians["rebut (pipe)"],
        "cpu_baseline": cpu["baseline"],
        "cpu_pipe": cpu["rebut (pipe)"],
        "cpu_terminal": cpu["rebut (terminal)"],
        "cpu_ratio_pipe": cpu["rebut (pipe)"] / cpu["baseline"],
        "cpu_ratio_terminal": cpu["rebut (terminal)"] / cpu["baseline"],
        "terminal": medians["rebut (terminal)"],
        "ratio_pipe": medians["rebut (pipe)"] / base,
        "ratio_terminal": medians["rebut (terminal)"] / base,
    }


def _harfbuzz_present() -> bool:
    from weasyprint.text import ffi

    return getattr(ffi, "harfbuzz_subset", None) is not None


def report(runs: int, jobs: int) -> str:
    hb = _harfbuzz_present()
    process = whole_process(runs)
    face = faces(runs)
    one = one_briefing(runs, harfbuzz=hb)
    one_ft = one_briefing(runs, harfbuzz=False) if hb else None
    from bench_make import compare

    same_html = compare(BRIEF, "PVV", max(runs * 2, 9))
    every = make_all(jobs)
    startup = rebut(max(runs * 3, 11))
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    lines = [
        f"### {dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, libharfbuzz-subset "
        f"{'present' if hb else 'absent'}",
        "",
        "| measure | result | target | |",
        "|---|---|---|---|",
        (
            f"| one full briefing, whole `make` process / bare `weasyprint` on letter-plain.html | "
            f"{process['ours']:.2f} s / {process['bare']:.2f} s = {process['ratio']:.2f} | "
            f"<= 1.0 | {ok(process['ratio'] <= 1.0)} |\n"
            f"| the same, CPU time (user + system) | {process['cpu_ours']:.2f} s / "
            f"{process['cpu_bare']:.2f} s = {process['cpu_ratio']:.2f} | <= 1.0 | "
            f"{ok(process['cpu_ratio'] <= 1.0)} |"
            if process
            else "| one full briefing, whole process / bare `weasyprint` | letter-plain.html not "
            "found (set DEBATBRIEF_BENCH_LETTER) | <= 1.0 | |"
        ),
        f"| bundled Noto faces vs system DejaVu, whole `make` process | {face['noto']:.2f} s "
        f"vs {face['dejavu']:.2f} s; PDF {face['noto_kb']:.0f} KB vs {face['dejavu_kb']:.0f} "
        f"KB | | |",
        f"| one briefing, ours / bare WeasyPrint{' (HarfBuzz subsetting)' if hb else ''} | "
        f"{one['ours']:.2f} s / {one['bare']:.2f} s = {one['ratio']:.2f} | <= 1.10 | "
        f"{ok(one['ratio'] <= 1.10)} |",
    ]
    if one_ft:
        lines.append(
            f"| one briefing, ours / bare WeasyPrint (fontTools subsetting) | "
            f"{one_ft['ours']:.2f} s / {one_ft['bare']:.2f} s = {one_ft['ratio']:.2f} | "
            f"<= 1.10 | {ok(one_ft['ratio'] <= 1.10)} |"
        )
        lines.append(
            f"| HarfBuzz vs fontTools subsetting, one briefing | {one['ours']:.2f} s vs "
            f"{one_ft['ours']:.2f} s ({100 * (1 - one['ours'] / one_ft['ours']):.0f}% faster) "
            f"| | |"
        )
    lines += [
        f"| `make` PVV / bare `weasyprint` on the same HTML, CPU | {same_html['ours']:.2f} s / "
        f"{same_html['bare']:.2f} s = {same_html['ratio']:.2f} | <= 1.15 | "
        f"{ok(same_html['ratio'] <= 1.15)} |",
        f"| `make --all --jobs {jobs}` / 15 separate runs | {every['all']:.1f} s / "
        f"{every['separate']:.1f} s = {every['ratio']:.2f} | <= 0.2 | "
        f"{ok(every['ratio'] <= 0.2)} |",
        f"| peak memory of a `make --all` process | {every['peak_mb']:.0f} MB | <= 120 MB | "
        f"{ok(every['peak_mb'] <= 120)} |",
        f"| `rebut asielcrisis` to a pipe / `import typer, rich`, CPU | "
        f"{1000 * startup['cpu_pipe']:.0f} ms / {1000 * startup['cpu_baseline']:.0f} ms = "
        f"{startup['cpu_ratio_pipe']:.2f} | <= 1.2 | {ok(startup['cpu_ratio_pipe'] <= 1.2)} |",
        f"| `rebut asielcrisis` in a terminal (rich panel) / same, CPU | "
        f"{1000 * startup['cpu_terminal']:.0f} ms = {startup['cpu_ratio_terminal']:.2f} | "
        f"<= 1.4 | {ok(startup['cpu_ratio_terminal'] <= 1.4)} |",
        f"| load average at the end | {os.getloadavg()[0]:.1f} | | |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="debatbrief benchmarks")
    parser.add_argument("--runs", type=int, default=5, help="repetitions per timing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--record", action="store_true", help="append to benchmarks/README.md")
    args = parser.parse_args()
    text = report(args.runs, args.jobs)
    print(text)
    if args.record:
        with open(HERE / "README.md", "a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
