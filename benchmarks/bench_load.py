"""What a warning costs when loading a large brief (issue 10, item 13).

    python benchmarks/bench_load.py [--scale 50] [--runs 5]

Builds the FNV brief at ``--scale`` times its arguments and cards, twice: once clean and
once with one source nothing cites (a warning). Prints the median wall time of
``debatbrief check`` and of a cold ``debatbrief rebut`` (empty cache) for both, and the
ratio warning / clean. Target: ratio <= 1.15 (a warning costs no second reading).
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
BRIEF = ROOT / "briefs" / "fnv-2026-02-03"


def build(target: Path, scale: int, warning: bool) -> Path:
    """A copy of the FNV brief with ``scale`` times its arguments and cards."""
    folder = target / "briefs" / "groot"
    folder.mkdir(parents=True)
    for path in BRIEF.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name in ("arguments.yaml", "cards.yaml"):
            copies = [
                re.sub(r"^- id: (\S+)", lambda m, k=k: f"- id: {m.group(1)}-x{k}", text, flags=re.M)
                for k in range(1, scale)
            ]
            text = "\n".join([text, *copies])
        if path.name == "sources.yaml" and warning:
            text += "\n- id: nergens-geciteerd\n  kind: report\n  author: X\n  title: Y\n"
        (folder / path.name).write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "kamers", target / "kamers")
    return target / "briefs"


def timed(args: list[str], cache: Path) -> float:
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "debatbrief", *args],
        capture_output=True,
        env={"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clean = build(Path(tmp) / "clean", options.scale, warning=False)
        warned = build(Path(tmp) / "warned", options.scale, warning=True)
        cache = Path(tmp) / "cache"
        for name, args in (("check", ["check"]), ("rebut, cold", ["rebut", "loon"])):
            times: dict[str, list[float]] = {"clean": [], "warning": []}
            for _ in range(options.runs):  # alternate, so drift hits both alike
                times["clean"].append(timed([*args, "--briefs", str(clean)], cache))
                times["warning"].append(timed([*args, "--briefs", str(warned)], cache))
            a, b = statistics.median(times["clean"]), statistics.median(times["warning"])
            verdict = "ok" if b / a <= 1.15 else "MISSED"
            print(
                f"{name}, {options.scale}x brief: clean {a:.2f} s, one warning {b:.2f} s, "
                f"ratio {b / a:.2f} (target <= 1.15) {verdict}"
            )


if __name__ == "__main__":
    main()
