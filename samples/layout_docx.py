"""A generated plan as a Word document (python-docx), for LibreOffice to print to PDF.

Everything is real Word structure: merged grouping cells are `w:vMerge`, section rows and group
headers `w:gridSpan`, a repeated header `w:tblHeader`, fills `w:shd`, rulings table and cell
borders, padding `w:tblCellMar`, row spacing space after each body cell's paragraph, and the
running header and footer with PAGE and NUMPAGES fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from layout_model import Cell, GeneratedPlan, LayoutSpec

#: ruling -> the table borders Word draws (the header underline is a cell border)
BORDERS = {
    "grid": ("top", "left", "bottom", "right", "insideH", "insideV"),
    "hrules": ("top", "bottom", "insideH"),
    "box": ("top", "left", "bottom", "right"),
    "underline": (),
    "none": (),
}


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _twips(points: float) -> str:
    return str(round(points * 20))


def _table_properties(table: Table, spec: LayoutSpec) -> None:
    properties = table._tbl.tblPr
    properties.append(_element("w:tblW", w=_twips(sum(spec.widths)), type="dxa"))
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        drawn = side in BORDERS[spec.ruling]
        borders.append(_element(f"w:{side}", val="single" if drawn else "nil",
                                **({"sz": "4", "space": "0", "color": "000000"} if drawn else {})))
    properties.append(borders)
    properties.append(_element("w:tblLayout", type="fixed"))
    margins = _element("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_element(f"w:{side}", w=_twips(spec.padding), type="dxa"))
    properties.append(margins)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), spec.widths, strict=True):
        column.set(qn("w:w"), _twips(width))


def _shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill=fill))


def _underline(cell: _Cell) -> None:
    borders = _element("w:tcBorders")
    borders.append(_element("w:bottom", val="single", sz="4", space="0", color="000000"))
    cell._tc.get_or_add_tcPr().append(borders)


def _write(cell: _Cell, source: Cell, space_after: float) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(space_after)
    for i, line in enumerate(source.text.split("\n")):  # a line break in a header: a real break
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.bold = source.bold or None


def _merge_and_fill(table: Table, rows: list[list[Cell]], fills: list[str | None], spec: LayoutSpec,
                    header_count: int) -> None:
    """Merge each spanning cell over its grid positions, then write and shade it."""
    n = len(spec.widths)
    # the grid's cells before any merge (table.cell() walks the whole table on every call)
    grid = [[_Cell(tc, table) for tc in row._tr.tc_lst] for row in table.rows]
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        c = 0
        for source in cells:
            if source.covered:
                continue
            while c < n and (r, c) in taken:
                c += 1
            if c >= n:
                break
            last_row, last_col = r + source.rowspan - 1, min(c + source.colspan, n) - 1
            taken |= {(rr, cc) for rr in range(r, last_row + 1) for cc in range(c, last_col + 1)}
            cell = grid[r][c]
            if (last_row, last_col) != (r, c):
                cell = cell.merge(grid[last_row][last_col])
            _write(cell, source, spec.row_gap if r >= header_count else 0.0)
            fill = source.fill or fills[r]
            if fill:
                _shade(cell, fill)
            if spec.ruling == "underline" and last_row == header_count - 1:
                _underline(cell)
            c = last_col + 1


def _field(paragraph: Any, code: str, size: float) -> None:
    """A PAGE or NUMPAGES field, its result in the size of the text around it."""
    field = _element("w:fldSimple", instr=code)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(_element("w:sz", val=str(round(size * 2))))
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_setup(document: Any, plan: GeneratedPlan) -> None:
    spec = plan.spec
    section = document.sections[0]
    width, height = spec.page_size
    section.orientation = WD_ORIENT.LANDSCAPE if spec.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(spec.margin))
    section.header_distance = section.footer_distance = Pt(spec.margin / 2)
    if spec.running:
        header = section.header.paragraphs[0]
        header.add_run(plan.title).font.size = Pt(7)
        footer = section.footer.paragraphs[0]
        footer.alignment = 2  # right
        footer.add_run("Page ").font.size = Pt(7)
        _field(footer, "PAGE", 7)
        footer.add_run(" of ").font.size = Pt(7)
        _field(footer, "NUMPAGES", 7)


def render_docx(plan: GeneratedPlan, path: str | Path) -> None:
    """Write the plan as a .docx whose every layout option is real Word structure."""
    spec = plan.spec
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = spec.font
    normal.font.size = Pt(spec.size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), spec.font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _page_setup(document, plan)
    title = document.add_paragraph()
    title.paragraph_format.space_after = Pt(spec.size)
    run = title.add_run(plan.title)
    run.bold, run.font.size = True, Pt(spec.size + 4)
    rows = [*plan.header_rows, *(r.cells for r in plan.body)]
    fills: list[str | None] = [None for _ in plan.header_rows]
    fills += [r.fill for r in plan.body]
    table = document.add_table(rows=len(rows), cols=plan.columns)
    _table_properties(table, spec)
    for row in table.rows:
        for cell, width in zip(row.cells, spec.widths, strict=True):
            cell.width = Pt(width)
    _merge_and_fill(table, rows, fills, spec, len(plan.header_rows))
    if spec.header_repeat:
        for row in table.rows[:len(plan.header_rows)]:
            row._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))
    document.core_properties.title = plan.title
    document.save(str(path))
