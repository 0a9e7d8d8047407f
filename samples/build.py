"""Build the sample plans: real Word documents (python-docx) and their PDFs (LibreOffice).

    python samples/build.py            # DOCX files, and PDFs when LibreOffice is installed
    python samples/build.py --no-pdf   # DOCX files only

The two seed plans are rebuilt from the actions read off the seed text files by hand
(tests/expected/seed_*.jsonl) with their real structure: merged grouping cells (`w:vMerge`),
section rows spanning the table (`w:gridSpan`), a repeated header row (`w:tblHeader`), landscape
A4. Two more plans exercise synonyms, status shown only by cell shading, a key that gives the
colours other meanings, bullets, numbered lists, a nested table, a two-row header, tracked
changes, a content control and a table with no action column. PDFs are made from the DOCX files
by `soffice --headless --convert-to pdf` (Debian: libreoffice-writer-nogui); the tests only
read the committed files and never need LibreOffice.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
EXPECTED = HERE.parent / "tests" / "expected"


@dataclass
class Cell:
    """One cell: paragraphs as (text, style) pairs; `merge_up` continues the cell above."""

    paragraphs: list[tuple[str, str | None]] = field(default_factory=list)
    fill: str | None = None
    merge_up: bool = False
    span: int = 1
    nested: list[list[str]] | None = None
    tracked: tuple[str, str, str, str] | None = None  # before, deleted, inserted, after

    @classmethod
    def of(cls, text: str | None, **kwargs: object) -> Cell:
        return cls(paragraphs=_paragraphs(text or ""), **kwargs)  # type: ignore[arg-type]


def _paragraphs(text: str) -> list[tuple[str, str | None]]:
    """"intro: • a • b" becomes a paragraph and two real bullet items."""
    first, *items = text.split(" • ")
    if first.startswith("• "):
        return [(item, "List Bullet") for item in (first[2:], *items)]
    return [(first, None)] + [(item, "List Bullet") for item in items]


@dataclass
class Plan:
    name: str
    title: list[tuple[str, str | None]]
    headers: list[list[Cell]]
    rows: list[list[Cell]]
    borders: str = "grid"  # grid | horizontal | none
    repeat_header: bool = True
    landscape: bool = True
    content_control: bool = False
    after: list[tuple[str, str | None]] = field(default_factory=list)
    extra_tables: list[list[list[str]]] = field(default_factory=list)
    underline_header: bool = False
    cell_margin_pt: int = 0
    #: also make a PDF of this plan with LibreOffice
    pdf: bool = True
    #: running header and footer text printed on every page
    running: tuple[str, str] | None = None
    #: column widths; None leaves them to the word processor
    widths_mm: list[float] | None = None
    #: indexes into `rows` where a new table starts on a new page, the header repeated above
    #: it: one Word table per page, as plans converted from PDF are
    split_at: tuple[int, ...] = ()
    #: no row is cut by a page break (`w:cantSplit`), so a page starts with a whole row
    keep_rows_whole: bool = False


def set_borders(table, style: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    sides = {"grid": ("top", "left", "bottom", "right", "insideH", "insideV"),
             "horizontal": ("top", "bottom", "insideH"), "none": ()}[style]
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single" if side in sides else "nil")
        if side in sides:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def mark_header(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def tracked_run(paragraph, before: str, deleted: str, inserted: str, after: str) -> None:
    paragraph.add_run(before)
    for tag, text_tag, text in (("w:del", "w:delText", deleted), ("w:ins", "w:t", inserted)):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1" if tag == "w:del" else "2")
        change.set(qn("w:author"), "Reviewer")
        change.set(qn("w:date"), "2021-10-01T09:00:00Z")
        run, text_element = OxmlElement("w:r"), OxmlElement(text_tag)
        text_element.set(qn("xml:space"), "preserve")
        text_element.text = text
        run.append(text_element)
        change.append(run)
        paragraph._p.append(change)
    paragraph.add_run(after)


def fill_cell(cell, spec: Cell, underline: bool = False) -> None:
    first = True
    for text, style in spec.paragraphs:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        if style:
            paragraph.style = style
        if spec.tracked and first:
            tracked_run(paragraph, *spec.tracked)
        else:
            paragraph.add_run(text).underline = underline or None
        first = False
    if spec.nested:
        inner = cell.add_table(rows=len(spec.nested), cols=len(spec.nested[0]))
        inner.style = "Table Grid"
        for r, values in enumerate(spec.nested):
            for c, value in enumerate(values):
                inner.cell(r, c).text = value
    if spec.fill:
        shade(cell, spec.fill)


def grid_of(rows: list[list[Cell]], width: int) -> list[list[Cell | None]]:
    """Place spanning cells on the grid: a span covers the positions to its right."""
    grid: list[list[Cell | None]] = []
    for row in rows:
        placed: list[Cell | None] = []
        for spec in row:
            placed += [spec] + [None] * (spec.span - 1)
        grid.append(placed + [None] * (width - len(placed)))
    return grid


def new_document(plan: Plan):
    document = Document()
    section = document.sections[0]
    if plan.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(9)
    document.core_properties.title = plan.title[0][0] if plan.title else ""
    if plan.running:
        section.header.paragraphs[0].text, section.footer.paragraphs[0].text = plan.running
    for text, style in plan.title:
        document.add_paragraph(text, style=style)
    return document


def merge_cells(table, grid: list[list[Cell | None]]) -> None:
    """Real Word merges: `w:gridSpan` for spans along a row, `w:vMerge` down a column."""
    for r, row in enumerate(grid):
        for c, spec in enumerate(row):
            if spec is not None and spec.span > 1:
                table.cell(r, c).merge(table.cell(r, c + spec.span - 1))
    for c, top, end in vertical_runs(grid):
        table.cell(top, c).merge(table.cell(end, c))


def vertical_runs(grid: list[list[Cell | None]]) -> Iterator[tuple[int, int, int]]:
    """(column, first row, last row) of each cell that the cells below it continue (`merge_up`)."""
    for c in range(len(grid[0])):
        r = 0
        while r < len(grid):
            end = r
            while end + 1 < len(grid) and (below := grid[end + 1][c]) is not None and below.merge_up:
                end += 1
            if end > r:
                yield c, r, end
            r = end + 1


def add_plain_table(document, values: list[list[str]]) -> None:
    table = document.add_table(rows=len(values), cols=len(values[0]))
    table.style = "Table Grid"
    for r, row_values in enumerate(values):
        for c, value in enumerate(row_values):
            table.cell(r, c).text = value


def build_docx(plan: Plan, path: Path) -> None:
    document = new_document(plan)
    bounds = [0, *plan.split_at, len(plan.rows)]
    for number, (start, end) in enumerate(itertools.pairwise(bounds)):
        if number:
            document.add_paragraph().paragraph_format.page_break_before = True
        add_plan_table(document, plan, [_unmerged(plan.rows[start]), *plan.rows[start + 1:end]])
    for text, style in plan.after:
        document.add_paragraph(text, style=style)
    for values in plan.extra_tables:
        add_plain_table(document, values)
    document.save(str(path))


def _unmerged(row: list[Cell]) -> list[Cell]:
    """The first row of a table cannot continue a cell of the table before."""
    return [Cell(span=spec.span) if spec.merge_up else spec for spec in row]


def add_plan_table(document, plan: Plan, rows: list[list[Cell]]) -> None:
    width = sum(c.span for c in plan.headers[0])
    grid = grid_of(plan.headers + rows, width)
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    set_borders(table, plan.borders)
    if plan.cell_margin_pt:
        set_cell_margins(table, plan.cell_margin_pt)
    if plan.widths_mm:
        set_widths(table, plan.widths_mm)
    for r, row in enumerate(grid):
        for c, spec in enumerate(row):
            if spec is not None and not spec.merge_up:
                fill_cell(table.cell(r, c), spec, plan.underline_header and r < len(plan.headers))
    merge_cells(table, grid)
    if plan.repeat_header:
        for r in range(len(plan.headers)):
            mark_header(table.rows[r])
    if plan.keep_rows_whole:
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if plan.content_control:
        wrap_in_content_control(table._tbl)


def set_widths(table, widths_mm: list[float]) -> None:
    """Fixed column widths (grid and every cell), so narrow columns wrap their text."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def set_cell_margins(table, points: int) -> None:
    """Space above and below each cell's text, as unruled plans use to set rows apart."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "bottom"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(points * 20))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def wrap_in_content_control(tbl) -> None:
    sdt, properties, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), "Action table")
    properties.append(alias)
    tbl.addprevious(sdt)
    content.append(tbl)
    sdt.extend([properties, content])


# --- the plans -------------------------------------------------------------------------------

def seed_plan(name: str, expected: str, title: list[tuple[str, str | None]],
              columns: list[tuple[str, str]], defaults: dict[str, object]) -> Plan:
    """A seed plan rebuilt from its hand-read actions: merged grouping cells, heading rows."""
    actions = [{**defaults, **json.loads(line)}
               for line in (EXPECTED / expected).read_text(encoding="utf-8").splitlines() if line]
    width = len(columns)
    rows: list[list[Cell]] = []
    section: list[str] = []
    previous: dict[str, object] | None = None
    for action in actions:
        if action.get("section", []) != section:
            new = list(action["section"])
            rows += [[Cell.of(heading, span=width)] for heading in new]
            section, previous = new, None
        row = []
        for _header, name_of_field in columns:
            value = action.get(name_of_field)
            same_group = (name_of_field in ("theme", "outcome") and previous is not None
                          and value is not None and previous.get(name_of_field) == value)
            row.append(Cell(merge_up=True) if same_group else Cell.of(value))
        rows.append(row)
        previous = action
    return Plan(name=name, title=title, headers=[[Cell.of(h) for h, _ in columns]], rows=rows)


def seed_000() -> Plan:
    plan = seed_plan(
        "seed_000_health_inequalities", "seed_000.jsonl",
        [("Working version of Cambridgeshire and Peterborough NHS Health Inequalities Action plan",
          "Title"), ("Last updated 1st September 2020", None)],
        [("Objectives", "theme"), ("Action", "action"), ("By when", "due_text"),
         ("Risks", "risks"), ("Notes", "notes"), ("Status", "status_text")], {})
    plan.underline_header = True
    return plan


def seed_004() -> Plan:
    return seed_plan(
        "seed_004_equality_diversity", "seed_004.jsonl",
        [("Appendix 2", None), ("Cambridgeshire and Peterborough Clinical Commissioning Group "
                                "Equality and Diversity Improvement Plan 2018/19", "Title")],
        [("Key Areas", "theme"), ("EDS Outcome", "outcome"), ("Action", "action"),
         ("Evidence", "evidence"), ("Milestones", "due_text"), ("Lead", "lead"),
         ("Progress", "progress")], {})


GREEN, AMBER, RED = "00B050", "FFC000", "FF0000"


def wres_plan() -> Plan:
    """Synonyms, shading-only RAG, a key giving colours their own meaning, bullets."""
    headers = [[Cell.of(h) for h in ("Ref", "Workstream", "Actions required", "Action owner",
                                     "Target date", "RAG", "Comments")]]
    c = Cell.of
    rows = [
        [c("W1"), c("Recruitment"),
         c("Introduce diverse interview panels for all posts at band 8a and above"), c("Head of HR"),
         c("30/06/2021"), Cell(fill=GREEN), c("Panels in place since May")],
        [c("W2"), Cell(merge_up=True), c("Anonymise shortlisting in the applicant tracking system"),
         c("HR Systems Lead"), c("Q3 2021/22"), Cell(fill=AMBER), c("Supplier change requested")],
        [c("W3"), c("Career progression"), c("Launch reciprocal mentoring with the executive team"),
         c("Director of People"), c("Sept 2021"), Cell(fill=RED), c(None)],
        [c("W4"), Cell(merge_up=True),
         c("Run “Stepping Up” positive action programme: • Cohort 1 (12 staff) • Cohort 2 (15 staff)"),
         c("OD Lead"), c("2021/22"), c("Amber", fill=AMBER), c("Cohort 1 complete")],
        [c("W5"), c("Bullying and harassment"), c("Publish the WRES indicators 5-8 dashboard to the board"),
         c("Workforce Intelligence"), c("Quarterly"), c(None), c("Dashboard draft ready")],
        [c("W6"), Cell(merge_up=True), c("Review disciplinary cases by ethnicity"), c("TBC"),
         c("March 2022"), c("Completed"), c(None)],
    ]
    return Plan(
        name="wres_action_plan_shading",
        title=[("North Borough Council Workforce Race Equality Standard (WRES) Action Plan 2021/22", "Title"),
               ("Updated: 14 January 2022", None),
               ("Key: Green = Completed; Amber = In progress; Red = Not started", None)],
        headers=headers, rows=rows, landscape=False)


def cqc_plan() -> Plan:
    """A two-row header, section rows, numbered items, a nested table, tracked changes, a
    content control, and a version history table with no action column. Word-only features:
    printed, the nested table is a grid inside a cell and the deletion is struck-through text,
    so it gets no PDF."""
    c = Cell.of
    headers = [
        [c("No."), c("CQC finding"), c("Actions"), c("Lead"), c("Deadline"), c("Progress", span=2),
         c("Status")],
        [Cell(merge_up=True), Cell(merge_up=True), Cell(merge_up=True), Cell(merge_up=True),
         Cell(merge_up=True), c("Q1 update"), c("Q2 update"), Cell(merge_up=True)],
    ]
    numbered = Cell(paragraphs=[("Set ward-level training trajectories", "List Number"),
                                ("Report compliance monthly to the Quality Committee", "List Number")])
    rows = [
        [c("Must do actions", span=8)],
        [c("1"), c("The trust must ensure staff complete mandatory safeguarding training."), numbered,
         c("Chief Nurse"), c("31/03/2022"), c("Q1: Trajectories agreed"), c("Q2: Compliance at 78%"),
         c("Amber")],
        [c("2"), c("The trust must ensure medicines are stored at safe temperatures."),
         Cell(paragraphs=[("Install temperature monitoring in all clinic rooms", None)],
              nested=[["Site", "Rooms"], ["North", "12"], ["South", "9"]]),
         c("Chief Pharmacist"), c("30 Sept 2021"), c("Q1: Sensors ordered"), c(None), c("Complete")],
        [c("Should do actions", span=8)],
        [c("3"), c("The trust should improve the timeliness of complaint responses."),
         Cell(paragraphs=[("", None)], tracked=("Recruit ", "one", "two", " complaints officers")),
         c("Head of Patient Experience"), c("Q4 2021/22"), c("Q1: Business case approved"),
         c("Q2: Interviews held"), c("On track")],
        [c("4"), c("The trust should review mixed-sex accommodation breaches."),
         c("Audit breaches and report to the board"), c("Director of Operations"),
         c("Ongoing and review quarterly"), c(None), c(None), c("In progres")],
    ]
    return Plan(
        name="cqc_action_plan_nested",
        title=[("Riverside NHS Foundation Trust", "Title"), ("CQC Inspection Action Plan", "Subtitle"),
               ("Version 1.1 dated 15 October 2021", None)],
        headers=headers, rows=rows, content_control=True, pdf=False,
        after=[("Version history", "Heading 2")],
        extra_tables=[[["Version", "Date", "Author"], ["1.0", "01/07/2021", "Governance team"],
                       ["1.1", "15/10/2021", "Governance team"]]])


def seed_000_unruled() -> Plan:
    """Seed 000 printed with no borders at all, and no repeated header."""
    plan = seed_000()
    plan.name, plan.borders, plan.repeat_header, plan.cell_margin_pt = (
        "seed_000_no_borders", "none", False, 4)
    return plan


def seed_004_rules() -> Plan:
    """Seed 004 with horizontal rules only, the header not repeated, and a running header and
    footer on every page (the PDF reader must keep them out of the title and the cells)."""
    plan = seed_004()
    plan.name, plan.borders, plan.repeat_header = ("seed_004_horizontal_rules", "horizontal", False)
    plan.running = ("Governing Body, 5 March 2019: Item 7", "Equality and Diversity Improvement Plan")
    return plan


PLANS = [seed_000, seed_004, wres_plan, cqc_plan, seed_000_unruled, seed_004_rules]


def convert_to_pdf(docx: Path, out_dir: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice not found: apt-get install -y libreoffice-writer-nogui", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
                       check=True, capture_output=True, timeout=180)
    return out_dir / (docx.stem + ".pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-pdf", action="store_true", help="only build the DOCX files")
    args = parser.parse_args()
    for make in PLANS:
        write_plan(make(), HERE, pdf=not args.no_pdf)


def write_plan(plan: Plan, folder: Path, pdf: bool) -> None:
    """A plan's DOCX in `folder`, and its PDF from LibreOffice when asked and the plan has one."""
    path = folder / f"{plan.name}.docx"
    build_docx(plan, path)
    print(f"wrote {path.relative_to(HERE.parent)}")
    if plan.pdf and pdf:
        printed = convert_to_pdf(path, folder)
        if printed:
            print(f"wrote {printed.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
