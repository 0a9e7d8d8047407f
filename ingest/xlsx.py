"""Excel workbooks (.xlsx, .xlsm): every visible sheet's tables, merged cells read as merged,
fills (theme colours with tint, conditional formats) as colours, values as the sheet shows them.

A sheet is cut into blocks at blank rows; each block is a source table, and single cells far
narrower than the table above it (a title, "Last updated ...") are lines of text, as paragraphs
above a Word table are. Where the header row is, and what the columns mean, is for normalise.
Hidden rows, columns and sheets are not read, and are reported instead; a formula is read by the
value the file stores for it, and one with none stored stops the file with the cell's name.
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from .errors import FileCorrupt, NoTableFound
from .limits import LimitExceeded, Limits
from .model import Document, SkippedText, SourceTable, TextLine
from .xlsx_colours import conditional_fill, fill_hex, theme_colours
from .xlsx_package import check_archive, check_parts, has_formulas
from .xlsx_values import shown_text

#: a list validation's source: a sheet range ("Lists!$A$1:$A$5", "'My list'!A:A") or a range
REFERENCE = re.compile(r"^=?(?:(?P<sheet>'(?:[^']|'')+'|[^!'\"]+)!)?(?P<range>\$?[A-Z]{1,3}\$?\d*"
                       r"(?::\$?[A-Z]{1,3}\$?\d*)?)$")
#: a title cell in a font at least this large is a title, whatever its neighbours
TITLE_FONT_SIZE = 14
#: header rows a frozen pane may state; more is a pane frozen for another reason
MAX_HEADER_ROWS = 3
#: items of a validation list read at most
MAX_CHOICES = 200


@dataclass(frozen=True)
class CellStyle:
    fill: str | None
    number_format: str
    title: bool


@dataclass
class SheetGrid:
    """One sheet's visible cells as text and fill, keyed by the sheet's 1-based (row, column)."""

    title: str
    text: dict[tuple[int, int], str] = field(default_factory=dict)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    #: merged ranges as top-left -> (last row, last column)
    merges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: cells a merged range covers (not its top-left), whose text is the top-left's alone
    covered: set[tuple[int, int]] = field(default_factory=set)
    title_cells: set[tuple[int, int]] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    #: the last row of the frozen pane or of the rows printed on every page: header rows
    header_end: int = 0
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)

    def occupied(self, row: int) -> int:
        """How many cells of a row hold something: text, or a fill of their own."""
        return sum(1 for c in self.columns if (row, c) not in self.covered
                   and (self.text.get((row, c)) or (row, c) in self.fills))


def open_workbook(data: bytes, path: str, values: bool) -> Any:
    """openpyxl's workbook; `values` reads each formula's stored value instead of the formula."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension is not supported": nothing we read
            return load_workbook(io.BytesIO(data), data_only=values, keep_vba=False,
                                 keep_links=False, rich_text=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            IndexError, AttributeError, EOFError, zlib.error, xml.etree.ElementTree.ParseError) as exc:
        raise FileCorrupt(f"{path}: corrupt Excel workbook ({type(exc).__name__}: {exc})") from None


def hidden_columns(ws: Any, last: int) -> set[int]:
    hidden: set[int] = set()
    for dimension in ws.column_dimensions.values():
        if dimension.hidden and dimension.min:
            hidden.update(range(dimension.min, min(dimension.max or dimension.min, last) + 1))
    return hidden


def hidden_rows(ws: Any) -> set[int]:
    return {r for r, dimension in ws.row_dimensions.items() if dimension.hidden}


def conditional_rules(ws: Any) -> dict[tuple[int, int], list[Any]]:
    """Conditional-format rules per cell, for the cells that hold a value."""
    rules: dict[tuple[int, int], list[Any]] = {}
    for formatting in ws.conditional_formatting:
        for cell_range in formatting.sqref.ranges:
            low_col, low_row, high_col, high_row = cell_range.bounds
            for row, col in ws._cells:
                if low_row <= row <= high_row and low_col <= col <= high_col:
                    rules.setdefault((row, col), []).extend(formatting.rules)
    return rules


class WorkbookReader:
    """Reads the visible sheets of one workbook into source tables and text lines."""

    def __init__(self, path: str, workbook: Any, formulas: Any, limits: Limits) -> None:
        self.path, self.workbook, self.formulas, self.limits = path, workbook, formulas, limits
        self.theme = theme_colours(workbook.loaded_theme)
        self.tables: list[SourceTable] = []
        self.lines: list[TextLine] = []
        self.skipped: list[SkippedText] = []
        self.styles: dict[tuple[int, ...], CellStyle] = {}

    def read(self) -> None:
        for ws in self.workbook.worksheets:
            if ws.sheet_state != "visible":
                self.skipped.append(SkippedText(ws.title, f"hidden sheet '{ws.title}' not read"))
                continue
            grid = self.grid(ws)
            for block in blocks(grid):
                self.add_block(grid, block)

    def cell_style(self, cell: Any) -> CellStyle:
        """What a cell's style tells: its fill, number format and whether its font is a title's.
        Cells share a few styles, so each is worked out once."""
        key = tuple(cell._style)
        if key not in self.styles:
            size = cell.font.sz if cell.font is not None else None
            self.styles[key] = CellStyle(fill_hex(cell.fill, self.theme), cell.number_format,
                                         (size or 0) >= TITLE_FONT_SIZE)
        return self.styles[key]

    def cell_text(self, ws: Any, cell: Any, number_format: str) -> str:
        if cell.value is None and self.formulas is not None:
            stored = self.formulas[ws.title]._cells.get((cell.row, cell.column))
            if stored is not None and stored.data_type == "f":
                raise FileCorrupt(
                    f"{self.path}: sheet '{ws.title}' cell {cell.coordinate} holds a formula with "
                    "no stored value (open the workbook in Excel or LibreOffice and save it)")
        is_date = isinstance(cell.value, datetime | date | time)  # openpyxl converts date serials
        return shown_text(cell.value, number_format, is_date).strip()

    def grid(self, ws: Any) -> SheetGrid:
        grid = SheetGrid(ws.title)
        rows_hidden = grid.hidden_rows = hidden_rows(ws)
        rules = conditional_rules(ws)
        for (row, col), cell in ws._cells.items():
            if isinstance(cell, MergedCell):
                continue
            style = self.cell_style(cell)
            text = self.cell_text(ws, cell, style.number_format)
            fill = (conditional_fill(rules[(row, col)], cell.value, self.theme)
                    if (row, col) in rules else None) or style.fill
            if text:
                grid.text[(row, col)] = text
            if fill:
                grid.fills[(row, col)] = fill
            if text and style.title:
                grid.title_cells.add((row, col))
        apply_merges(grid, ws)
        used = [key for key in grid.text]
        if not used:
            return grid
        last_col = max(c for _, c in used)
        cols_hidden = hidden_columns(ws, last_col)
        first_col = min(c for _, c in used if c not in cols_hidden) if any(
            c not in cols_hidden for _, c in used) else 1
        grid.columns = [c for c in range(first_col, last_col + 1) if c not in cols_hidden]
        if len(grid.columns) > self.limits.table_columns:
            raise LimitExceeded(self.path, f"sheet '{ws.title}' of {len(grid.columns)} columns",
                                "table_columns", self.limits.table_columns)
        text_rows = sorted({r for r, _ in used})
        grid.rows = [r for r in text_rows if r not in rows_hidden]
        self.report_hidden(grid, sorted(set(text_rows) & rows_hidden), sorted(cols_hidden))
        grid.choices = self.validation_lists(ws, grid.columns)
        grid.header_end = header_end(ws)
        return grid

    def report_hidden(self, grid: SheetGrid, rows: list[int], columns: list[int]) -> None:
        for row in rows:
            texts = [grid.text[(row, c)] for c in grid.columns if grid.text.get((row, c))]
            if texts:
                self.skipped.append(SkippedText(" | ".join(texts),
                                                f"hidden row {row} of sheet '{grid.title}'"))
        for col in columns:
            texts = [grid.text[(r, col)] for r in grid.rows if grid.text.get((r, col))]
            if texts:
                self.skipped.append(SkippedText(
                    " | ".join(texts), f"hidden column {get_column_letter(col)} of sheet '{grid.title}'"))

    def validation_lists(self, ws: Any, columns: list[int]) -> dict[int, tuple[str, ...]]:
        """Sheet column -> the values a list validation allows in it."""
        found: dict[int, tuple[str, ...]] = {}
        for validation in ws.data_validations.dataValidation:
            if validation.type != "list" or not validation.formula1:
                continue
            values = self.list_values(ws, validation.formula1)
            for cell_range in validation.sqref.ranges:
                low_col, _low_row, high_col, _high_row = cell_range.bounds
                for col in columns:
                    if low_col <= col <= high_col and values:
                        found[col] = values
        return found

    def list_values(self, ws: Any, formula: str) -> tuple[str, ...]:
        text = formula.strip()
        if text.startswith('"') and text.endswith('"'):
            return tuple(v.strip() for v in text[1:-1].split(",") if v.strip())[:MAX_CHOICES]
        name = self.workbook.defined_names.get(text.lstrip("="))
        match = REFERENCE.match(name.attr_text if name is not None else text)
        if not match:
            return ()
        sheet_name = (match["sheet"] or "").strip("'").replace("''", "'") or ws.title
        if sheet_name not in self.workbook.sheetnames:
            return ()
        source = self.workbook[sheet_name]
        low_col, low_row, high_col, high_row = range_boundaries(match["range"].replace("$", ""))
        values = [shown_text(cell.value, cell.number_format, cell.is_date).strip()
                  for (row, col), cell in sorted(source._cells.items())
                  if not isinstance(cell, MergedCell) and (low_col or 1) <= col <= (high_col or low_col or 1)
                  and (low_row or 1) <= row <= (high_row or row)]
        return tuple(v for v in values if v)[:MAX_CHOICES]

    def add_block(self, grid: SheetGrid, rows: list[int]) -> None:
        """One block of rows: its leading narrow rows as lines, the rest as one source table.

        Below a table on the same sheet, a row merged across the table is a section heading
        after a spacer row, and stays in the table; above the sheet's first table it is a title."""
        on_sheet = any(t.sheet == grid.title for t in self.tables)
        widest = max(grid.occupied(r) for r in rows)
        start = 0
        if widest >= 3:
            while (start < len(rows) and is_line(grid, rows[start], widest)
                   and not (on_sheet and spans_sheet(grid, rows[start]))):
                start += 1
        elif not on_sheet and not any((r, c) in grid.fills for r in rows for c in grid.columns):
            start = len(rows)  # a title block above the sheet's first table
        for row in rows[:start]:
            text = " ".join(grid.text[(row, c)] for c in grid.columns if grid.text.get((row, c)))
            style = "Title" if any((row, c) in grid.title_cells for c in grid.columns) else None
            self.lines.append(TextLine(text, len(self.tables), style=style, sheet=grid.title))
        if start < len(rows):
            self.tables.append(source_table(grid, rows[start:], len(self.tables) + 1, on_sheet))


def apply_merges(grid: SheetGrid, ws: Any) -> None:
    """A merged range's text once, at its top-left; its fill over the whole range."""
    for merged in ws.merged_cells.ranges:
        top_left = (merged.min_row, merged.min_col)
        grid.merges[top_left] = (merged.max_row, merged.max_col)
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != top_left:
                    grid.covered.add((row, col))
                    grid.text.pop((row, col), None)
                    if top_left in grid.fills:
                        grid.fills[(row, col)] = grid.fills[top_left]


def header_end(ws: Any) -> int:
    """The last header row the sheet states: above its frozen pane, or its print titles."""
    frozen = ws.freeze_panes
    if frozen:
        _col, row, _col2, _row2 = range_boundaries(f"{frozen}:{frozen}")
        if row and row > 1:
            return int(row) - 1
    titles = re.match(r"^\$?(\d+):\$?(\d+)$", ws.print_title_rows or "")
    return int(titles[2]) if titles else 0


def spans_sheet(grid: SheetGrid, row: int) -> bool:
    """A row whose first cell is merged across every column of the sheet's tables."""
    last = grid.merges.get((row, grid.columns[0]))
    return last is not None and last[1] >= grid.columns[-1] > grid.columns[0]


def is_line(grid: SheetGrid, row: int, widest: int) -> bool:
    """A row clearly outside the table below it: one or two cells in a row far narrower."""
    return grid.occupied(row) <= max(1, widest // 3)


def blocks(grid: SheetGrid) -> Iterator[list[int]]:
    """Runs of rows with text, cut where a whole (visible) sheet row is blank."""
    block: list[int] = []
    for row in grid.rows:
        if block and row != block[-1] + 1 and not hidden_between(grid, block[-1], row):
            yield block
            block = []
        block.append(row)
    if block:
        yield block


def hidden_between(grid: SheetGrid, before: int, after: int) -> bool:
    """Only hidden rows lie between two rows: the table goes on past them."""
    return all(r in grid.hidden_rows for r in range(before + 1, after))


def source_table(grid: SheetGrid, rows: list[int], index: int, continues: bool) -> SourceTable:
    columns = grid.columns
    place = {c: i for i, c in enumerate(columns)}
    cells = [[grid.text.get((r, c), "") for c in columns] for r in rows]
    fills = [[grid.fills.get((r, c)) for c in columns] for r in rows]
    spans: dict[tuple[int, int], int] = {}
    spanning: set[int] = set()
    for i, row in enumerate(rows):
        for col in columns:
            last = grid.merges.get((row, col))
            if last is None:
                continue
            width = sum(1 for c in columns if col <= c <= last[1])
            if width > 1:
                spans[(i, place[col])] = width
            if width == len(columns) > 1:
                spanning.add(i)
    choices = {place[c]: values for c, values in grid.choices.items() if c in place}
    stated = sum(1 for r in rows if r <= grid.header_end)
    first, end = f"{get_column_letter(columns[0])}{rows[0]}", f"{get_column_letter(columns[-1])}{rows[-1]}"
    return SourceTable(index=index, rows=cells, fills=fills, col_spans=spans,
                       spanning_rows=frozenset(spanning), may_continue=continues,
                       header_rows=stated if 0 < stated <= MAX_HEADER_ROWS else None,
                       sheet=grid.title, choices=choices,
                       notes={"sheet": grid.title, "range": f"{first}:{end}"})


def read_xlsx(data: bytes, path: str, sha256: str, limits: Limits | None = None) -> Document:
    """Read every visible sheet of a workbook into source tables, in sheet order."""
    limits = limits or Limits()
    check_archive(data, path, limits)
    check_parts(data, path)
    workbook = open_workbook(data, path, values=True)
    formulas = open_workbook(data, path, values=False) if has_formulas(data) else None
    reader = WorkbookReader(path, workbook, formulas, limits)
    reader.read()
    if not reader.tables:
        raise NoTableFound(f"{path}: no table found in the workbook")
    title = workbook.properties.title if workbook.properties else None
    return Document(path=path, format="xlsx", sha256=sha256, tables=reader.tables,
                    lines=reader.lines, metadata_title=title or None, skipped=reader.skipped)
