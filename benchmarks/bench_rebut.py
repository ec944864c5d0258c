"""Start-up of `debatbrief rebut` against `python -c "import typer, rich"` (issue 25: 1.2x, 1.4x).

Runs both commands alternately, several times, and reports medians and the ratio, of wall
time and of CPU time (user + system of the child; steadier on a shared machine). The
brief's card cache is warmed first, since that is what a lobbyist meets after the first
lookup of a brief. Both the piped case (plain text) and a pseudo-terminal (the card's
frame) are measured, and, to tell our code's cost from the garbage collector's, the piped
case once more with ``gc.freeze`` made a no-op ("collector as before": ``cli.app.main``
freezes what the imports made, which the baseline process does not).

    python benchmarks/bench_rebut.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: CPU seconds (user + system) of each timed run, by the name it was measured under: a
#: shared machine disturbs them far less than wall time (see ``measure``).
CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(cmd: list[str], tty: bool, name: str | None = None) -> float:
    cpu = _children_cpu()
    try:
        return _time_wall(cmd, tty)
    finally:
        if name is not None:
            CPU.setdefault(name, []).append(_children_cpu() - cpu)


def _time_wall(cmd: list[str], tty: bool) -> float:
    start = time.perf_counter()
    if tty:
        # A real terminal on the child's stdout, as when a lobbyist types the command.
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - child
            os.execvp(cmd[0], cmd)
        while True:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        os.waitpid(pid, 0)
        os.close(fd)
    else:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    # An installed debatbrief keeps its compiled modules; a development shell that sets
    # PYTHONDONTWRITEBYTECODE would make every run compile them again (as bench_search.py).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    exe = Path(sys.executable)
    debatbrief = str(exe.with_name("debatbrief"))
    rebut = [debatbrief, "rebut", "--brief", "vwn-2024-05-22", "asielcrisis"]
    baseline = [str(exe), "-c", "import typer, rich"]
    unfrozen = [
        str(exe),
        "-c",
        "import gc, sys; gc.freeze = lambda: None; sys.argv[1:] = sys.argv[2:]\n"
        "from debatbrief.__main__ import run; run()",
        "-",
        *rebut[1:],
    ]
    subprocess.run(rebut, stdout=subprocess.DEVNULL, check=True)  # warm the card cache
    names = ["baseline", "rebut (pipe)", "rebut (terminal)", "pipe, collector as before"]
    results: dict[str, list[float]] = {name: [] for name in names}
    CPU.clear()
    for _ in range(runs):
        results["baseline"].append(_time(baseline, False, "baseline"))
        results["rebut (pipe)"].append(_time(rebut, False, "rebut (pipe)"))
        results["rebut (terminal)"].append(_time(rebut, True, "rebut (terminal)"))
        name = "pipe, collector as before"
        results[name].append(_time(unfrozen, False, name))
    return {name: statistics.median(values) for name, values in results.items()}


def cpu_medians() -> dict[str, float]:
    """Medians of the CPU seconds of the last :func:`measure`."""
    return {name: statistics.median(values) for name, values in CPU.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    medians = measure(args.runs)
    base = medians["baseline"]
    cpu = cpu_medians()
    for name, value in medians.items():
        print(
            f"{name:26} wall {value * 1000:7.1f} ms   ratio {value / base:.2f}   CPU "
            f"{cpu[name] * 1000:7.1f} ms   ratio {cpu[name] / cpu['baseline']:.2f}"
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
