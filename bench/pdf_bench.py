"""PDF tables: actionplan (on PDFium and on pdfplumber) against pdfplumber's own extract_tables,
PyMuPDF's find_tables and camelot, and against PDFium's bare character reading, in one run.

    pip install -r bench/requirements.txt      # camelot, for the comparison only
    python bench/pdf_bench.py [--out bench/results.md]

Each tool reads the same PDFs in a subprocess of its own (so peak memory is its own): the sample
plans of samples/ and, when ../shared/corpus/external is beside the checkout, the ICDAR-2013
documents. It prints pages per second, peak memory and accuracy:
- sample plans: actions found and fields right, the truth being the records of each PDF's DOCX
  original. The peers' tables get the same glue as actionplan's (header row, synonyms, forward
  fill, stitching) by going through actionplan's normalisation.
- ICDAR-2013: cell recall, the share of ground-truth cells whose text one of the tool's cells
  on that page holds (whitespace folded), the ground truth being independent and human-made.
One worker, one file at a time. The tools run in turn, three rounds of them all (`--repeat`),
and each file's best time counts: a slow spell on a shared machine then falls on every tool
alike instead of deciding a ratio.
The PDFium floor is pypdfium2 reading every character with its
box and every path with its bounds and fill colour, and nothing else: no reader can be faster
on PDFium. The report gives actionplan-on-PDFium's speed-up over pdfplumber's extract_tables
and its time as a multiple of that floor, and whether both engines gave the same tables.
Timings are measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "samples"
ICDAR = ROOT.parent / "shared" / "corpus" / "external" / "icdar2013"
TOOLS = ("actionplan-pdfium", "actionplan-pdfplumber", "pdfplumber", "pymupdf", "pdfium-floor",
         "camelot-lattice", "camelot-stream")
FLOOR = "pdfium-floor"
COMPARED = ("section", "theme", "outcome", "ref", "action", "evidence", "lead", "due_text",
            "risks", "notes", "progress", "status_text", "status", "due_date")


# --- workers: one tool, many files, tables out ------------------------------------------------

def tables_actionplan(path: str, engine: str) -> tuple[int, list[dict]]:
    from actionplan import ingest
    document = ingest.read(path, ingest.ReadOptions(pdf_engine=engine))
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    pages = len(pdf)
    pdf.close()
    return pages, [{"page": t.page, "rows": t.rows} for t in document.tables]


def tables_pymupdf(path: str) -> tuple[int, list[dict]]:
    import pymupdf
    out = []
    with pymupdf.open(path) as pdf:
        for number, page in enumerate(pdf, start=1):
            out += [{"page": number, "rows": [[c or "" for c in row] for row in table.extract()]}
                    for table in page.find_tables().tables]
        return len(pdf), out


def pdfium_floor(path: str) -> tuple[int, list[dict]]:
    """Every character with its box, every path with its bounds and fill colour: no tables."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(path)
    box = raw.FS_RECTF()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))

    def paths(objects: list) -> None:
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                raw.FPDFPageObj_GetFillColor(obj, r, g, b, a)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                paths([raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))])

    for index in range(len(pdf)):
        page = pdf[index]
        textpage = raw.FPDFText_LoadPage(page.raw)
        for i in range(raw.FPDFText_CountChars(textpage)):
            raw.FPDFText_GetUnicode(textpage, i)
            raw.FPDFText_GetLooseCharBox(textpage, i, box)
        raw.FPDFText_ClosePage(textpage)
        paths([raw.FPDFPage_GetObject(page.raw, i) for i in range(raw.FPDFPage_CountObjects(page.raw))])
        page.close()
    pages = len(pdf)
    pdf.close()
    return pages, []


def tables_pdfplumber(path: str) -> tuple[int, list[dict]]:
    import pdfplumber
    out = []
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            out += [{"page": number, "rows": [[c or "" for c in row] for row in table]}
                    for table in page.extract_tables()]
            page.close()
    return pages, out


def tables_camelot(path: str, flavor: str) -> tuple[int, list[dict]]:
    import camelot
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    tables = camelot.read_pdf(path, pages="all", flavor=flavor)
    return pages, [{"page": int(t.page), "rows": t.df.values.tolist()} for t in tables]


def worker(tool: str, paths: list[str]) -> None:
    readers: dict = {"actionplan-pdfium": lambda p: tables_actionplan(p, "pdfium"),
               "actionplan-pdfplumber": lambda p: tables_actionplan(p, "pdfplumber"),
               "pdfplumber": tables_pdfplumber, "pymupdf": tables_pymupdf, FLOOR: pdfium_floor,
               "camelot-lattice": lambda p: tables_camelot(p, "lattice"),
               "camelot-stream": lambda p: tables_camelot(p, "stream")}
    needs = {"pymupdf": "pymupdf", "camelot-lattice": "camelot", "camelot-stream": "camelot"}
    if tool in needs:
        try:
            __import__(needs[tool])
        except ImportError:
            sys.exit(f"{needs[tool]} is not installed")
    results = {}
    if paths:  # imports and first-use set-up are paid once, outside the timing, for every tool
        with contextlib.suppress(Exception):  # the timed run reports it
            readers[tool](paths[0])
    for path in paths:
        start = time.perf_counter()
        try:
            pages, tables = readers[tool](path)
            error = None
        except Exception as exc:  # noqa: BLE001 - a peer failing on a file is a result
            pages, tables, error = 0, [], f"{type(exc).__name__}: {exc}"[:200]
        results[path] = {"seconds": time.perf_counter() - start, "pages": pages, "tables": tables,
                         "error": error}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": peak, "files": results}))


def best_of(before: dict | None, now: dict | None) -> dict | None:
    """Two runs of one tool as one: each file's best time, the higher peak."""
    if before is None or now is None:
        return now
    for path, found in now["files"].items():
        found["seconds"] = min(found["seconds"], before["files"][path]["seconds"])
    now["peak_mb"] = max(now["peak_mb"], before["peak_mb"])
    return now


def run_tool(tool: str, paths: list[str]) -> dict | None:
    done = subprocess.run([sys.executable, __file__, "--worker", tool, *paths],
                          capture_output=True, text=True)
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        print(f"{tool}: not measured ({reason})", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- accuracy -----------------------------------------------------------------------------

def glue_records(path: str, tables: list[dict]):
    """A tool's raw tables through actionplan's normalisation: the same glue for every tool."""
    from actionplan.normalise import normalise

    from actionplan import ingest
    seen_pages: set[int] = set()
    sources = []
    for i, table in enumerate(tables, start=1):
        page = table["page"]
        sources.append(ingest.SourceTable(index=i, rows=[[str(c) for c in r] for r in table["rows"]],
                                          page=page, may_continue=page not in seen_pages and i > 1))
        seen_pages.add(page)
    document = ingest.Document(path=path, format="pdf", sha256="", tables=sources)
    return normalise(document).records


def sample_accuracy(tool: str, path: str, tables: list[dict], truth) -> tuple[int, int, int, int]:
    """(actions found, actions in truth, fields right, fields in truth). actionplan is scored
    on its whole pipeline (it also reads the plan's colour key outside the tables); the peers'
    tables get the same normalisation glue."""
    from actionplan.normalise import normalise
    from actionplan.normalise.text import fold

    from actionplan import ingest
    if tool.startswith("actionplan"):
        engine = tool.split("-", 1)[1]
        records = normalise(ingest.read(path, ingest.ReadOptions(pdf_engine=engine))).records
    else:
        records = glue_records(path, tables)
    got = {fold(r.action): r for r in records}
    found = right = 0
    for want in truth:
        record = got.get(fold(want.action))
        if record is None:
            continue
        found += 1
        right += sum(getattr(record, name) == getattr(want, name) for name in COMPARED)
    return found, len(truth), right, len(truth) * len(COMPARED)


def icdar_truth(pdf: Path) -> dict[int, list[str]]:
    """Page -> ground-truth cell texts of an ICDAR-2013 document."""
    truth: dict[int, list[str]] = {}
    xml = pdf.with_name(pdf.stem + "-str.xml")
    for region in ET.parse(xml).getroot().iter("region"):
        page = int(region.get("page", "1"))
        for cell in region.iter("cell"):
            text = " ".join((cell.findtext("content") or "").split())
            if text:
                truth.setdefault(page, []).append(text)
    return truth


def icdar_recall(pdf: Path, tables: list[dict]) -> tuple[int, int]:
    truth = icdar_truth(pdf)
    hits = total = 0
    for page, cells in truth.items():
        found = {" ".join(str(c).split())
                 for t in tables if t["page"] == page for r in t["rows"] for c in r}
        total += len(cells)
        hits += sum(1 for c in cells if c in found)
    return hits, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="also write the results as Markdown here")
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS,
                        help="tools to measure (default: all)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of every tool in turn; each file's best time counts (default: 3)")
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.paths)
        return

    from actionplan.normalise import normalise

    from actionplan import ingest
    samples = sorted(SAMPLES.glob("*.pdf"))
    icdar = sorted(p for p in ICDAR.glob("*/*.pdf") if p.with_name(p.stem + "-str.xml").exists())
    truth = {}
    for pdf in samples:
        original = pdf.with_suffix(".docx")
        truth[str(pdf)] = normalise(ingest.read(original)).records
    paths = [str(p) for p in samples + icdar]
    rows = []
    tables_by_tool = {}
    runs: dict[str, dict | None] = {}
    for _ in range(args.repeat):  # rounds of every tool in turn: a slow spell falls on them all
        for tool in args.tools:
            if runs.get(tool, {}) is not None:
                runs[tool] = best_of(runs.get(tool), run_tool(tool, paths))
    for tool in args.tools:
        measured = runs[tool]
        if measured is None:
            rows.append((tool, None))
            continue
        files = measured["files"]
        tables_by_tool[tool] = {p: f["tables"] for p, f in files.items()}
        if tool == FLOOR:
            rows.append((tool, {"seconds": sum(f["seconds"] for f in files.values()),
                                "pages": sum(f["pages"] for f in files.values()),
                                "peak_mb": measured["peak_mb"], "floor": True,
                                "errors": sum(1 for f in files.values() if f["error"])}))
            rows[-1][1]["pages_per_s"] = rows[-1][1]["pages"] / rows[-1][1]["seconds"]
            continue
        seconds = sum(f["seconds"] for f in files.values())
        pages = sum(f["pages"] for f in files.values())
        acc = [sample_accuracy(tool, p, files[p]["tables"], truth[p]) for p in map(str, samples)]
        recall = [icdar_recall(p, files[str(p)]["tables"]) for p in icdar]
        rows.append((tool, {
            "seconds": seconds, "pages": pages, "pages_per_s": pages / seconds if seconds else 0,
            "peak_mb": measured["peak_mb"],
            "actions": (sum(a[0] for a in acc), sum(a[1] for a in acc)),
            "fields": (sum(a[2] for a in acc), sum(a[3] for a in acc)),
            "icdar": (sum(r[0] for r in recall), sum(r[1] for r in recall)),
            "errors": sum(1 for f in files.values() if f["error"]),
        }))
    same = None
    if {"actionplan-pdfium", "actionplan-pdfplumber"} <= tables_by_tool.keys():
        a, b = tables_by_tool["actionplan-pdfium"], tables_by_tool["actionplan-pdfplumber"]
        same = (sum(1 for p in paths if a.get(p) == b.get(p)), len(paths))
    report = render(rows, len(samples), len(icdar)) + "\n\n" + ratios(rows, same)
    print(report)
    if args.out:
        args.out.write_text(report + "\n" + machine() + "\n", encoding="utf-8")


def pct(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} ({pair[0] / pair[1]:.0%})" if pair[1] else "n/a"


def ratios(rows: list, same: tuple[int, int] | None) -> str:
    """The headline: PDFium against pdfplumber's extract_tables and against the floor."""
    got = {tool: r for tool, r in rows if r}
    fast, lines = got.get("actionplan-pdfium"), []
    if fast and got.get("pdfplumber"):
        lines.append(f"- actionplan on PDFium is {got['pdfplumber']['seconds'] / fast['seconds']:.1f}x "
                     "as fast as pdfplumber's extract_tables on the same PDFs")
    if fast and got.get("actionplan-pdfplumber"):
        lines.append(f"- and {got['actionplan-pdfplumber']['seconds'] / fast['seconds']:.1f}x as fast "
                     "as actionplan on pdfplumber")
    if fast and got.get(FLOOR):
        lines.append(f"- its time is {fast['seconds'] / got[FLOOR]['seconds']:.1f}x the PDFium floor "
                     "(pypdfium2 reading every character's box and every path's bounds and fill)")
    if same:
        lines.append(f"- both engines gave the same tables on {same[0]}/{same[1]} files")
    return "\n".join(lines)


def render(rows: list, samples: int, icdar: int) -> str:
    base = next((r for t, r in rows if t == "pdfplumber" and r), None)
    lines = [f"PDF tables: {samples} sample plans (truth: their DOCX originals), "
             f"{icdar} ICDAR-2013 documents (truth: human-made cells)", "",
             "| tool | pages/s | time vs pdfplumber | peak MB | sample actions found "
             "| sample fields right | ICDAR cell recall | files failed |",
             "|---|---|---|---|---|---|---|---|"]
    for tool, r in rows:
        if r is None:
            lines.append(f"| {tool} | not installed | | | | | | |")
            continue
        ratio = f"{r['seconds'] / base['seconds']:.2f}x" if base and base["seconds"] else ""
        if r.get("floor"):
            lines.append(f"| {tool} | {r['pages_per_s']:.1f} | {ratio} | {r['peak_mb']:.0f} | "
                         f"(reads only) | | | {r['errors']} |")
            continue
        lines.append(f"| {tool} | {r['pages_per_s']:.1f} | {ratio} | {r['peak_mb']:.0f} | "
                     f"{pct(r['actions'])} | {pct(r['fields'])} | {pct(r['icdar'])} | {r['errors']} |")
    return "\n".join(lines)


def machine() -> str:
    from importlib.metadata import PackageNotFoundError, version
    versions = []
    for name in ("pdfplumber", "pdfminer.six", "camelot-py", "pypdfium2", "pymupdf"):
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    import os
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; " + ", ".join(versions))


if __name__ == "__main__":
    main()
