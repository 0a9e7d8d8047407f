"""`python samples/layouts.py build ...`: generated plans printed to PDF by one producer, each with
its truth beside it (`<producer>-<seed>.pdf`, `<producer>-<seed>.truth.json`).

reportlab draws the PDF itself; LibreOffice converts the DOCX renderings (many files per
`soffice` call: it is slow to start); headless Chromium prints the HTML renderings, one profile
folder per run so nothing of the machine's browser state is used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from layout_docx import render_docx
from layout_html import render_html
from layout_model import GeneratedPlan, LayoutSpec
from layout_reportlab import render_reportlab

PRODUCERS = ("reportlab", "libreoffice", "chromium")
SOFFICE_BATCH = 25
TIMEOUT = 300
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run")


def truth_document(plan: GeneratedPlan, producer: str, layout_class: str) -> dict[str, object]:
    return {"seed": plan.seed, "producer": producer, "layout_class": layout_class,
            "spec": plan.spec.to_dict(), "title": plan.title, "headers": plan.headers,
            "truth": plan.truth}


def write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _soffice(docx_files: list[Path], out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        for start in range(0, len(docx_files), SOFFICE_BATCH):
            batch = [str(p) for p in docx_files[start:start + SOFFICE_BATCH]]
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(out), *batch],
                           check=True, capture_output=True, timeout=TIMEOUT)


def _chromium(html: Path, pdf: Path, profile: str) -> None:
    subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                    html.resolve().as_uri()], check=True, capture_output=True, timeout=TIMEOUT)


def build(producer: str, plans: Iterable[GeneratedPlan], out: Path,
          classify: Callable[[LayoutSpec], str]) -> list[Path]:
    """Write each plan's PDF and truth into `out`; the PDFs written, in seed order."""
    out.mkdir(parents=True, exist_ok=True)
    plans = list(plans)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        staging = Path(work)
        sources: list[Path] = []
        for plan in plans:
            name = f"{producer}-{plan.seed}"
            if producer == "reportlab":
                render_reportlab(plan, staging / f"{name}.pdf")
            elif producer == "libreoffice":
                render_docx(plan, staging / f"{name}.docx")
                sources.append(staging / f"{name}.docx")
            else:
                render_html(plan, staging / f"{name}.html")
                _chromium(staging / f"{name}.html", staging / f"{name}.pdf", str(staging / "profile"))
        if sources:
            _soffice(sources, staging)
        for plan in plans:
            name = f"{producer}-{plan.seed}"
            pdf = staging / f"{name}.pdf"
            if not pdf.is_file():
                raise RuntimeError(f"{name}: {producer} wrote no PDF")
            write_atomic(out / f"{name}.pdf", pdf.read_bytes())
            document = truth_document(plan, producer, classify(plan.spec))
            text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
            write_atomic(out / f"{name}.truth.json", text.encode("utf-8"))
            written.append(out / f"{name}.pdf")
    return written


def main(argv: list[str] | None = None) -> int:
    import layouts

    parser = argparse.ArgumentParser(prog="layouts.py", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("build", help="write generated plans as PDFs with their truth")
    command.add_argument("--producer", choices=PRODUCERS, required=True)
    command.add_argument("--count", type=int, required=True)
    command.add_argument("--first-seed", type=int, default=0)
    command.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not 0 < args.count <= 1000:
        parser.error("--count must be between 1 and 1000")
    if args.producer != "reportlab":
        tool = "soffice" if args.producer == "libreoffice" else "chromium"
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed")
    plans = (layouts.generate(seed) for seed in range(args.first_seed, args.first_seed + args.count))
    written = build(args.producer, plans, args.out, layouts.layout_class)
    print(f"{len(written)} PDFs with truth in {args.out}")
    return 0


__all__ = ["PRODUCERS", "build", "main"]
