"""Start-up: `actionplan --help` against a bare Python start, the median of many runs.

    python bench/startup.py [--runs 30] [--out bench/startup.md]

Both run with this interpreter (so the same site-packages and .pth files are read); the ratio
is what the command line adds to Python's own start. Bytecode is cached as on any installed
copy (a run first writes it, even where PYTHONDONTWRITEBYTECODE is set): otherwise every start
would compile the command line's modules again. Measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: the environment of every run: bytecode written and read, as an installed copy has it
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True, check=True, env=ENV)  # writes the bytecode
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--out", type=Path, help="also write the result as Markdown here")
    args = parser.parse_args()
    bare = median_seconds([sys.executable, "-c", "pass"], args.runs)
    helped = median_seconds([sys.executable, "-m", "actionplan", "--help"], args.runs)
    version = median_seconds([sys.executable, "-m", "actionplan", "--version"], args.runs)
    click = median_seconds([sys.executable, "-c", "import click"], args.runs)
    script = Path(sys.executable).with_name("actionplan")
    console = median_seconds([str(script), "--help"], args.runs) if script.exists() else None
    report = "\n".join([
        f"Start-up, median of {args.runs} runs each", "",
        "| command | ms | vs bare Python |", "|---|---|---|",
        f"| python -c pass | {bare * 1000:.0f} | 1.00x |",
        f"| python -m actionplan --help | {helped * 1000:.0f} | {helped / bare:.2f}x |",
        f"| python -m actionplan --version | {version * 1000:.0f} | {version / bare:.2f}x |",
        *([f"| actionplan --help (the installed script) | {console * 1000:.0f} | {console / bare:.2f}x |"]
          if console else []),
        f"| python -c 'import click' (the floor for a click CLI) | {click * 1000:.0f} | "
        f"{click / bare:.2f}x |"])
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
