"""Peak memory against page count: one plan repeated to 30, 300 and 1,500 pages, read end to end.

    python bench/memory.py [--pages 30 300 1500] [--engines pdfium pdfplumber] [--out bench/memory.md]

Each run is `actionplan ingest plan.pdf -o actions.csv` in a child process of its own, so the
peak resident memory (`getrusage(RUSAGE_CHILDREN)`) is that run's alone: reading, normalising
and writing the records. Flat memory means the 1,500-page peak stays within 1.5 times the
30-page one. The documents are built with pypdf from a sample's pages (each copy its own page
object, as a long plan has), in a temporary folder. Timings and sizes are measurements, never
test assertions.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "samples" / "seed_000_health_inequalities.pdf"

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": done.returncode, "seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "stderr": done.stderr[-300:]}))
"""


def build(pages: int, folder: Path) -> Path:
    """The sample's pages over and over, to `pages` pages."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(SOURCE)
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in reader.pages:
            if len(writer.pages) < pages:
                writer.add_page(page)
    path = folder / f"plan-{pages}.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def measure(pdf: Path, engine: str, folder: Path) -> dict:
    command = [sys.executable, "-m", "actionplan", "ingest", str(pdf), "-o", str(folder / "actions.csv"),
               "--pdf-engine", engine, "--limit", "pdf_pages=100000"]
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[30, 300, 1500])
    parser.add_argument("--engines", nargs="+", default=["pdfium", "pdfplumber"])
    parser.add_argument("--out", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args()
    rows: list[tuple[str, int, dict]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        documents = {pages: build(pages, folder) for pages in args.pages}
        for engine in args.engines:
            for pages, pdf in documents.items():
                result = measure(pdf, engine, folder)
                rows.append((engine, pages, result))
                print(f"{engine} {pages} pages: {result['peak_mb']:.0f} MB, {result['seconds']:.1f} s"
                      + ("" if result["rc"] == 0 else f" (exit {result['rc']}: {result['stderr']})"),
                      file=sys.stderr)
    report = render(rows, args.pages)
    print(report)
    if args.out:
        args.out.write_text(report + "\n\n" + machine() + "\n", encoding="utf-8")


def render(rows: list[tuple[str, int, dict]], pages: list[int]) -> str:
    lines = [f"Peak memory of `actionplan ingest` on one plan ({SOURCE.name}) repeated to "
             + ", ".join(f"{p:,}" for p in pages) + " pages", "",
             "| engine | " + " | ".join(f"{p:,} pages: peak MB (s)" for p in pages)
             + f" | {pages[-1]:,} vs {pages[0]:,} pages |",
             "|---|" + "---|" * (len(pages) + 1)]
    for engine in dict.fromkeys(e for e, _, _ in rows):
        got = {p: r for e, p, r in rows if e == engine}
        cells = [f"{got[p]['peak_mb']:.0f} ({got[p]['seconds']:.0f} s)" if p in got else "" for p in pages]
        first, last = got.get(pages[0]), got.get(pages[-1])
        ratio = f"{last['peak_mb'] / first['peak_mb']:.2f}x" if first and last else ""
        lines.append(f"| {engine} | " + " | ".join(cells) + f" | {ratio} |")
    return "\n".join(lines)


def machine() -> str:
    import os
    from importlib.metadata import version
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; "
            f"pdfplumber {version('pdfplumber')}, pypdfium2 {version('pypdfium2')}; "
            f"run {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
