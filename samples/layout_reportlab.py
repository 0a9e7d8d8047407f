"""A generated plan drawn with reportlab's canvas: wrapped cells, rows split at page ends, merged
cells, section rows, fills and the five rulings, laid out here as a word processor would.

The layout is computed first (rows in lines, then pages of row segments), then drawn, so the
running footer can say "Page 2 of 3".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from layout_fonts import font_names, wrap
from layout_model import Cell, GeneratedPlan
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

RULE_WIDTH = 0.6


@dataclass
class _Slot:
    """A cell placed in the table grid: its top-left position and its wrapped lines."""

    row: int
    col: int
    cell: Cell
    lines: list[str]


@dataclass
class _Segment:
    """The part of a table row on one page: lines [first, end) of its own cells."""

    row: int
    top: float
    height: float
    first: int
    end: int


class _Table:
    """The grid of header and body rows, with each row's height in lines and extra points."""

    def __init__(self, plan: GeneratedPlan) -> None:
        spec = plan.spec
        self.plan, self.spec = plan, spec
        self.n = plan.columns
        self.x = [spec.margin]
        for width in spec.widths:
            self.x.append(self.x[-1] + width)
        self.header_count = len(plan.header_rows)
        rows = [*plan.header_rows, *(r.cells for r in plan.body)]
        self.fills: list[str | None] = [None for _ in plan.header_rows]
        self.fills += [r.fill for r in plan.body]
        self.owner: list[list[_Slot | None]] = [[None] * self.n for _ in rows]
        self.slots: list[_Slot] = []
        for r, cells in enumerate(rows):
            c = 0
            for cell in cells:
                if cell.covered:  # its place is taken by a merged cell above or to the left
                    continue
                while c < self.n and self.owner[r][c] is not None:
                    c += 1
                if c < self.n:
                    self._place(r, c, cell)
                    c += cell.colspan
        self.lines = [1] * len(rows)
        for slot in self.slots:
            if slot.cell.rowspan == 1:
                self.lines[slot.row] = max(self.lines[slot.row], len(slot.lines))
        self.extra = [0.0] * len(rows)
        for slot in self.slots:
            if slot.cell.rowspan > 1:
                rows_of = range(slot.row, slot.row + slot.cell.rowspan)
                have = sum(self.height(r) for r in rows_of)
                need = 2 * spec.padding + len(slot.lines) * spec.leading
                self.extra[rows_of[-1]] += max(0.0, need - have)

    def _place(self, r: int, c: int, cell: Cell) -> None:
        spec = self.spec
        width = self.x[min(c + cell.colspan, self.n)] - self.x[c] - 2 * spec.padding
        slot = _Slot(r, c, cell, wrap(cell.text, spec.font_used, spec.size, width, cell.bold))
        self.slots.append(slot)
        for rr in range(r, r + cell.rowspan):
            for cc in range(c, min(c + cell.colspan, self.n)):
                if rr < len(self.owner):
                    self.owner[rr][cc] = slot

    def gap(self, r: int) -> float:
        return self.spec.row_gap if r >= self.header_count else 0.0

    def height(self, r: int, first: int = 0) -> float:
        spec = self.spec
        return 2 * spec.padding + (self.lines[r] - first) * spec.leading + self.gap(r) + self.extra[r]


def _paginate(table: _Table, first_top: float, top: float, bottom: float) -> list[list[_Segment]]:
    """Pages of row segments: the header on the first page (and each page when repeated), body
    rows whole where they fit, else split between lines as a word processor splits a row."""
    spec = table.spec
    pages: list[list[_Segment]] = []
    r, first = table.header_count, 0
    while r < len(table.lines):
        y = first_top if not pages else top
        page: list[_Segment] = []
        if not pages or spec.header_repeat:
            for h in range(table.header_count):
                page.append(_Segment(h, y, table.height(h), 0, table.lines[h]))
                y += table.height(h)
        body_start = len(page)
        while r < len(table.lines):
            need = table.height(r, first)
            if y + need <= bottom:
                page.append(_Segment(r, y, need, first, table.lines[r]))
                y += need
                r, first = r + 1, 0
                continue
            fit = math.floor((bottom - y - 2 * spec.padding) / spec.leading)
            if fit >= 1 and first + fit < table.lines[r]:
                height = 2 * spec.padding + fit * spec.leading
                page.append(_Segment(r, y, height, first, first + fit))
                first += fit
            elif len(page) == body_start:  # nothing fits a page: place it anyway
                page.append(_Segment(r, y, need, first, table.lines[r]))
                r, first = r + 1, 0
            break
        pages.append(page)
    return pages


def _rect(canvas: Canvas, fill: str, x0: float, x1: float, top: float, height: float, page_h: float) -> None:
    canvas.setFillColor(HexColor("#" + fill))
    canvas.rect(x0, page_h - top - height, x1 - x0, height, stroke=0, fill=1)


def _draw_fills(canvas: Canvas, table: _Table, page: list[_Segment], page_h: float) -> None:
    """A cell's own fill, else its row's (zebra stripe, section band); a merged cell takes the fill
    of the row it starts in over its whole span."""
    for seg in page:
        for c in range(table.n):
            slot = table.owner[seg.row][c]
            fill = slot and (slot.cell.fill or table.fills[slot.row])
            if fill:
                _rect(canvas, fill, table.x[c], table.x[c + 1], seg.top, seg.height, page_h)


def _draw_lines(canvas: Canvas, table: _Table, slot: _Slot, lines: list[str], top: float,
                page_h: float) -> None:
    spec = table.spec
    regular, bold = font_names(spec.font_used)
    canvas.setFillColor(HexColor("#000000"))
    canvas.setFont(bold if slot.cell.bold else regular, spec.size)
    for k, line in enumerate(lines):
        baseline = top + spec.padding + k * spec.leading + spec.leading * 0.8
        canvas.drawString(table.x[slot.col] + spec.padding, page_h - baseline, line)


def _draw_text(canvas: Canvas, table: _Table, page: list[_Segment], done: dict[int, int],
               page_h: float) -> None:
    """Each cell's lines for this page; a merged cell continues where it stopped on the last page
    (a merged header cell is whole on every page that repeats the header)."""
    spec = table.spec
    for seg in page:
        for slot in table.slots:
            if slot.row == seg.row and slot.cell.rowspan == 1:
                _draw_lines(canvas, table, slot, slot.lines[seg.first:seg.end], seg.top, page_h)
    for slot in table.slots:
        if slot.cell.rowspan == 1:
            continue
        rows = range(slot.row, slot.row + slot.cell.rowspan)
        segs = [s for s in page if s.row in rows]
        if not segs:
            continue
        if slot.row < table.header_count:  # a repeated header is drawn whole on every page
            _draw_lines(canvas, table, slot, slot.lines, segs[0].top, page_h)
            continue
        start = done.get(id(slot), 0)
        last_page = any(s.row == rows[-1] and s.end == table.lines[s.row] for s in segs)
        room = math.floor((sum(s.height for s in segs) - 2 * spec.padding) / spec.leading)
        end = len(slot.lines) if last_page else start + max(room, 0)
        _draw_lines(canvas, table, slot, slot.lines[start:end], segs[0].top, page_h)
        done[id(slot)] = end


def _hline(canvas: Canvas, x0: float, x1: float, y: float, page_h: float) -> None:
    canvas.line(x0, page_h - y, x1, page_h - y)


def _draw_rules(canvas: Canvas, table: _Table, page: list[_Segment], page_h: float) -> None:
    ruling = table.spec.ruling
    if ruling == "none" or not page:
        return
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(RULE_WIDTH)
    top, bottom = page[0].top, page[-1].top + page[-1].height
    left, right = table.x[0], table.x[-1]
    if ruling == "box":
        canvas.rect(left, page_h - bottom, right - left, bottom - top, stroke=1, fill=0)
        return
    if ruling == "underline":
        headers = [s for s in page if s.row < table.header_count]
        if headers:
            _hline(canvas, left, right, headers[-1].top + headers[-1].height, page_h)
        return
    for i, seg in enumerate(page):
        for c in range(table.n):
            above = page[i - 1].row if i else None
            if above is None or table.owner[seg.row][c] is not table.owner[above][c]:
                _hline(canvas, table.x[c], table.x[c + 1], seg.top, page_h)
        if ruling == "grid":
            for c in range(table.n + 1):
                inner = 0 < c < table.n and table.owner[seg.row][c - 1] is table.owner[seg.row][c]
                if not inner:
                    canvas.line(table.x[c], page_h - seg.top, table.x[c], page_h - seg.top - seg.height)
    _hline(canvas, left, right, bottom, page_h)


def render_reportlab(plan: GeneratedPlan, path: str | Path) -> None:
    """Write the plan as a PDF drawn with reportlab, every option of its spec honoured."""
    spec = plan.spec
    page_w, page_h = spec.page_size
    table = _Table(plan)
    regular, bold = font_names(spec.font_used)
    title_size = spec.size + 4
    first_top = spec.margin + 2.2 * title_size
    pages = _paginate(table, first_top, spec.margin, page_h - spec.margin)
    canvas = Canvas(str(path), pagesize=(page_w, page_h), invariant=1, pageCompression=1)
    canvas.setTitle(plan.title)
    done: dict[int, int] = {}
    for number, page in enumerate(pages, start=1):
        if number == 1:
            canvas.setFont(bold, title_size)
            canvas.drawString(spec.margin, page_h - spec.margin - title_size, plan.title)
        if spec.running:
            canvas.setFont(regular, 7)
            canvas.drawString(spec.margin, page_h - spec.margin / 2, plan.title)
            canvas.drawRightString(page_w - spec.margin, spec.margin / 2, f"Page {number} of {len(pages)}")
        _draw_fills(canvas, table, page, page_h)
        _draw_text(canvas, table, page, done, page_h)
        _draw_rules(canvas, table, page, page_h)
        canvas.showPage()
    canvas.save()
