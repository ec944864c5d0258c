"""Is `check` linear in the size of a brief? (issue 23, "Scale")

    python benchmarks/bench_check_scale.py [--brief vwn-2024-05-22] [--scales 5 10 50] [--runs 3]

Builds copies of a shipped brief at each scale in a temporary folder (generated, never
committed): its sources, arguments and cards repeated ``scale`` times, each copy with its
own ids and short references and citing its own copies of the sources, so that every rule
meets ``scale`` times as much to check. Prints, per scale, the median time of the checks
in-process (:func:`debatbrief.checks.load`, the work that grows with the brief; CPU time)
and of the whole `debatbrief check` command (process start-up included; wall time), and the ratio of the
largest scale to the smallest. Target: 50x takes at most 10 times 5x (linear).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ID_RE = re.compile(r"^- id: (\S+)", re.M)
_SHORT_RE = re.compile(r"^  short: .*\n", re.M)
_CITATION_RE = re.compile(r"\[@[^\[\]]+\]")


def _suffix_citations(text: str, ids: set[str], k: int) -> str:
    """``text`` with every cited id of ``ids`` replaced by its ``k``-th copy."""

    def one(match: re.Match[str]) -> str:
        return re.sub(
            r"@([A-Za-z0-9][\w.:-]*)",
            lambda m: f"@{m.group(1)}-x{k}" if m.group(1) in ids else m.group(0),
            match.group(0),
        )

    return _CITATION_RE.sub(one, text)


def _copy(text: str, ids: set[str], k: int, sources: bool) -> str:
    """The ``k``-th copy of a list file: its own ids, citing its own sources."""
    text = _suffix_citations(text, ids, k)
    if sources:  # a short reference of its own, or notes would be ambiguous (an error)
        text = _SHORT_RE.sub("", text)
        return _ID_RE.sub(lambda m: f"- id: {m.group(1)}-x{k}\n  short: kopie {k} van {m.group(1)}", text)
    return _ID_RE.sub(lambda m: f"- id: {m.group(1)}-x{k}", text)


def build(target: Path, brief: str, scale: int) -> Path:
    """A copy of ``brief`` at ``scale`` times its sources, arguments and cards, in
    ``target/briefs/<brief>-x<scale>``; the shipped Kamer files beside it. Returns the
    briefs folder."""
    source = ROOT / "briefs" / brief
    folder = target / "briefs" / f"{brief}-x{scale}"
    folder.mkdir(parents=True)
    ids = set(_ID_RE.findall((source / "sources.yaml").read_text(encoding="utf-8")))
    for path in sorted(source.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if path.name in ("sources.yaml", "arguments.yaml", "cards.yaml"):
            copies = [_copy(text, ids, k, path.name == "sources.yaml") for k in range(1, scale)]
            text = "\n".join([text, *copies])
        (folder / path.name).write_text(text, encoding="utf-8")
    if not (target / "kamers").exists():
        shutil.copytree(ROOT / "kamers", target / "kamers")
    return target / "briefs"


def _in_process(folder: Path, runs: int) -> tuple[float, int]:
    """Median CPU seconds of ``checks.load(folder)`` in a fresh interpreter (CPU time: the
    machines here are shared, and wall time follows their load), and the number of
    problems it found (the same at every run)."""
    code = (
        "import sys, time; from pathlib import Path; from debatbrief.checks import load\n"
        "folder = Path(sys.argv[1]); load(folder)\n"  # imports and caches warm
        "times = []\n"
        f"for _ in range({runs}):\n"
        "    start = time.process_time(); loaded = load(folder)\n"
        "    times.append(time.process_time() - start)\n"
        "times.sort(); print(times[len(times) // 2], len(loaded.problems))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def _command(briefs: Path, brief_id: str, runs: int) -> float:
    """Median wall seconds of ``debatbrief check --brief ID`` (the whole process)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "debatbrief", "check", "--briefs", str(briefs), "--brief", brief_id],
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build each scale, time it, print a table and the ratio largest / smallest."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brief", default="vwn-2024-05-22")
    parser.add_argument("--scales", type=int, nargs="+", default=[5, 10, 50])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'scale':>5}  {'checks, CPU s':>13}  {'command, s':>10}  problems")
        for scale in args.scales:
            briefs = build(Path(tmp), args.brief, scale)
            brief_id = f"{args.brief}-x{scale}"
            seconds, problems = _in_process(briefs / brief_id, args.runs)
            wall = _command(briefs, brief_id, args.runs)
            results[scale] = (seconds, wall)
            print(f"{scale:>5}  {seconds:>13.3f}  {wall:>10.3f}  {problems}", flush=True)
    low, high = min(results), max(results)
    ratio = results[high][0] / results[low][0]
    print(
        f"{high}x / {low}x: checks {ratio:.1f} (target <= {high / low:.0f}), "
        f"command {results[high][1] / results[low][1]:.1f}"
    )


if __name__ == "__main__":
    main()
