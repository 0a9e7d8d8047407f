"""Batch throughput: 200 plan documents (the samples, copied, with broken files among them)
converted with --jobs 1, --jobs 2 and the Dask engine on a local cluster, in one run.

    python bench/batch_bench.py [--files 200] [--out bench/batch_results.md]

Each configuration runs `actionplan ingest` in a fresh process; peak memory is the largest
resident set of that process and its workers. Figures are measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ACTIONPLAN = [sys.executable, "-m", "actionplan"]
CONFIGS = {
    "local --jobs 1": ["--jobs", "1"],
    "local --jobs 2": ["--jobs", "2"],
    "dask LocalCluster, 2 workers": ["--engine", "dask", "--jobs", "2"],
}


def make_corpus(folder: Path, count: int) -> None:
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    for i in range(count):
        if i % 40 == 39:
            (folder / f"broken-{i:03d}.pdf").write_bytes(b"%PDF-1.4 truncated")
            continue
        source = samples[i % len(samples)]
        shutil.copy(source, folder / f"{i:03d}-{source.name}")


def one(args: list[str]) -> None:
    """Run one configuration and report its time and the peak memory of it and its workers."""
    start = time.perf_counter()
    done = subprocess.run([*ACTIONPLAN, "ingest", *args, "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = done.stderr.strip().splitlines()[-1]
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "summary": summary}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--one", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one(args.one)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "plans"
        corpus.mkdir()
        make_corpus(corpus, args.files)
        lines = [f"Batch: {args.files} documents (copies of samples/, every 40th broken)", "",
                 "| engine | seconds | files/s | actions/s | largest process MB | summary |",
                 "|---|---|---|---|---|---|"]
        for name, extra in CONFIGS.items():
            out = Path(tmp) / f"out-{len(lines)}.parquet"
            command = [sys.executable, __file__, "--one", str(corpus), "-o", str(out), *extra]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0 or not done.stdout.strip():
                lines.append(f"| {name} | not measured | | | | {done.stderr.strip()[-80:]} |")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            actions = int(r["summary"].split(" actions")[0].rsplit(" ", 1)[1])
            lines.append(f"| {name} | {r['seconds']:.1f} | {args.files / r['seconds']:.1f} | "
                         f"{actions / r['seconds']:.0f} | {r['peak_mb']:.0f} | {r['summary']} |")
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + f"\n\nMachine: {platform.machine()}, {os.cpu_count()} cores, "
                            f"Python {platform.python_version()}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
