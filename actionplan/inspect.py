"""`actionplan inspect`: draw actionplan's own decisions on a PDF page, so a user sees why a
row came out as it did: tables and cells found (and how), header rows dropped, rows joined as
continuations, section headings, grouping cells inherited from a merge, status fills read, and,
for tables read by their text, each boundary weighed between two lines with its score and cues."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actionplan import export, ingest
from actionplan.normalise import Settings, normalise
from actionplan.normalise.trace import Decision

#: decision kind -> (outline RGBA, fill RGBA, label)
STYLES: dict[str, tuple[tuple[int, ...], tuple[int, ...], str]] = {
    "header": ((90, 90, 90, 255), (120, 120, 120, 70), "header"),
    "repeated header": ((90, 90, 90, 255), (120, 120, 120, 110), "repeated header: dropped"),
    "above header": ((150, 0, 150, 255), (150, 0, 150, 40), "above header: residue"),
    "not a plan table": ((150, 0, 150, 255), (150, 0, 150, 40), "no action column: residue"),
    "section heading": ((110, 40, 180, 255), (110, 40, 180, 50), "section"),
    "continuation": ((230, 120, 0, 255), (230, 120, 0, 60), "continuation"),
    "action": ((0, 90, 200, 255), (0, 0, 0, 0), ""),
    "no action text": ((200, 0, 0, 255), (200, 0, 0, 50), "no action text: residue"),
    "group": ((0, 150, 60, 255), (0, 150, 60, 25), "group for the rows below"),
    "inherited": ((0, 150, 60, 255), (0, 150, 60, 45), "same as above"),
    "status from fill": ((0, 0, 0, 255), (0, 0, 0, 0), "fill"),
    "column": ((0, 110, 110, 255), (0, 110, 110, 30), ""),
}


#: a weighed row boundary: cut there (a new row starts) or not
BOUNDARY_COLOURS: dict[str, tuple[int, ...]] = {"row cut": (220, 0, 120, 230), "no cut": (0, 150, 150, 150)}


class InspectError(Exception):
    """The page cannot be drawn (not a PDF, no such page)."""


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


def row_box(table: ingest.SourceTable, row: int) -> Box | None:
    boxes = [b for b in (table.cell_boxes or [])[row - 1] if b] if table.cell_boxes else []
    if not boxes:
        return None
    return Box(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
               max(b[3] for b in boxes))


def cell_box(table: ingest.SourceTable, row: int, column: int) -> Box | None:
    """A cell's box; a position merged into the cell above is drawn from the column edges."""
    if not table.cell_boxes or row - 1 >= len(table.cell_boxes):
        return None
    cells = table.cell_boxes[row - 1]
    box = cells[column] if column < len(cells) else None
    if box:
        return Box(*box)
    edges, whole_row = table.column_edges, row_box(table, row)
    if edges and whole_row and column + 1 < len(edges):
        return Box(edges[column], whole_row.top, edges[column + 1], whole_row.bottom)
    return None


def boundary_shapes(tables: Iterable[ingest.SourceTable]) -> list[tuple[Box, str, str]]:
    """A mark at each boundary the reader weighed between two text lines: its score, whether it
    cut the row there, and the cues behind the score."""
    out: list[tuple[Box, str, str]] = []
    for table in tables:
        edges = table.column_edges or []
        if not edges or not table.boundaries:
            continue
        for b in table.boundaries:
            kind = "row cut" if b.cut else "no cut"
            label = f"{b.score:+.1f} {b.cues}"
            out.append((Box(edges[0], b.y, edges[-1], b.y), kind, label))
    return out


def shapes(tables: Iterable[ingest.SourceTable], trace: list[Decision]
           ) -> list[tuple[Box, str, str]]:
    """(box, decision kind, label) for everything to draw on the page."""
    out: list[tuple[Box, str, str]] = []
    by_index = {t.index: t for t in tables}
    for table in by_index.values():
        for row in table.cell_boxes or []:
            out += [(Box(*b), "cell", "") for b in row if b]
        first = row_box(table, 1)
        if first:
            notes = table.notes
            how = f"columns: {notes.get('columns', '')}; rows: {notes.get('rows', '')}"
            out.append((first, "table", f"table {table.index}: {notes.get('strategy', '')} ({how})"))
    for decision in trace:
        source = by_index.get(decision.table)
        if source is None:
            continue
        if decision.column is None:
            box = row_box(source, decision.row)
        else:
            box = cell_box(source, decision.row, decision.column)
        if box is None:
            continue
        label = STYLES[decision.kind][2]
        if decision.kind == "action":
            label = f"{decision.note} (row {decision.row})"
        elif decision.note:
            label = f"{label}: {decision.note}" if label else decision.note
        out.append((box, decision.kind, label[:60]))
    return out + boundary_shapes(by_index.values())  # last: drawing a box overwrites what is below


def page_picture(path: str, page_number: int, resolution: int, options: ingest.ReadOptions) -> Any:
    """The page as a picture, drawn by the engine that read it."""
    if options.pdf_engine == "pdfium":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path, password=options.password or None)
        try:
            if not 1 <= page_number <= len(pdf):
                raise InspectError(f"{path}: no page {page_number} (it has {len(pdf)})")
            page = pdf[page_number - 1]
            picture = page.render(scale=resolution / 72).to_pil()
            page.close()
            return picture
        finally:
            pdf.close()
    import pdfplumber

    with pdfplumber.open(path, password=options.password or "") as plumber:
        if not 1 <= page_number <= len(plumber.pages):
            raise InspectError(f"{path}: no page {page_number} (it has {len(plumber.pages)})")
        return plumber.pages[page_number - 1].to_image(resolution=resolution).original


def draw(path: str, page_number: int, output: Path, settings: Settings,
         options: ingest.ReadOptions, resolution: int = 110) -> int:
    """Draw one page's decisions to a PNG; returns how many shapes were drawn."""
    picture, count = pictures(path, [page_number], settings, options, resolution)[page_number]
    export.atomic.write_bytes(output, picture)  # a picture whole, or the old one
    return count


def pictures(path: str, page_numbers: Iterable[int], settings: Settings, options: ingest.ReadOptions,
             resolution: int = 110) -> dict[int, tuple[bytes, int]]:
    """Pages' decisions as PNG bytes with the number of shapes drawn, from one reading of the
    document (the web page draws every page that holds an action at upload time); each page
    drawn by the engine that read it."""
    document = ingest.read(path, options)
    if document.format != "pdf":
        raise InspectError(f"{path}: inspect draws PDF pages; this is a {document.format} file")
    normalised = normalise(document, settings)
    out = {}
    for page_number in page_numbers:
        tables = [t for t in document.tables if t.page == page_number]
        drawn = shapes(tables, normalised.trace)
        base = page_picture(path, page_number, resolution, options).convert("RGBA")
        out[page_number] = (paint(base, drawn, resolution), len(drawn))
    return out


def paint(base: Any, drawn: list[tuple[Box, str, str]], resolution: int) -> bytes:
    """The shapes drawn over a page's image, as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    scale = resolution / 72
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    font = ImageFont.load_default(size=max(9, int(6 * scale)))
    small = ImageFont.load_default(size=max(7, int(4 * scale)))
    for box, kind, label in drawn:
        xy = (box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale)
        if kind == "cell":
            pen.rectangle(xy, outline=(0, 90, 200, 90), width=1)
        elif kind in BOUNDARY_COLOURS:
            colour = BOUNDARY_COLOURS[kind]
            pen.line((xy[0], xy[1], xy[2], xy[1]), fill=colour, width=2 if kind == "row cut" else 1)
            text = label[:70]
            pen.text((xy[2] - pen.textlength(text, font=small) - 2, xy[1] - 5), text, fill=colour, font=small)
        elif kind == "table":
            pen.rectangle(xy, outline=(0, 60, 160, 255), width=3)
            pen.text((xy[0], xy[1] - 12 * scale / 1.5), label, fill=(0, 60, 160, 255), font=font)
        else:
            outline, fill, _ = STYLES[kind]
            pen.rectangle(xy, outline=outline, fill=fill, width=2)
            if label:
                pen.text((xy[0] + 2, xy[1] + 1), label, fill=outline, font=font)
    picture = io.BytesIO()
    Image.alpha_composite(base, overlay).convert("RGB").save(picture, format="PNG")
    return picture.getvalue()
