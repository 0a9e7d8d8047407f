"""Excel workbooks: the action records typed for people who open them in Excel or Calc.

Dates are Excel dates, numbers are numbers, and every text cell is stored as text, so Excel
never turns a ref "1.1" into a number or a due text "Mar-24" into a date, and never runs a
cell that starts with "=" as a formula. The header row is frozen and filtered, columns have
widths that suit their content, and the RAG column is coloured. Residue and failures, when
given, are sheets of their own. The values are the CSV's, cell for cell, except that dates and
numbers keep their type. Rows are streamed (openpyxl's write-only mode), so a batch's records
are never all held at once, and the file appears only when complete.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from actionplan.normalise import FIELDS, ActionRecord, Residue

from . import atomic
from .columns import DATE_FIELDS, FLAGS_JOIN, INT_FIELDS, SECTION_JOIN, record_rows, text_value, to_record

SUFFIXES = (".xlsx",)
ACTIONS, RESIDUE, FAILURES = "Actions", "Residue", "Failures"
RESIDUE_FIELDS = ("source_file", "page", "table", "row", "text", "reason")
FAILURE_FIELDS = ("source_file", "reason")
DATE_FORMAT = "yyyy-mm-dd"
#: column widths in characters; any other column gets DEFAULT_WIDTH
WIDTHS = {"source_file": 30, "source_format": 9, "source_sha256": 18, "page": 6, "table": 6,
          "row": 6, "plan_title": 40, "plan_updated": 12, "action_id": 18, "section": 40,
          "theme": 30, "outcome": 30, "ref": 8, "action": 60, "evidence": 40, "lead": 24,
          "due_text": 18, "risks": 30, "notes": 40, "progress": 40, "status_text": 16,
          "extra": 30, "status": 12, "status_score": 8, "rag": 8, "due_date": 12, "due_kind": 10,
          "recurrence": 11, "flags": 30, "sheet": 16, "text": 60, "reason": 40}
DEFAULT_WIDTH = 16
#: the RAG column's fill (light shades, so the word stays readable) per colour
RAG_FILLS = {"blue": "BDD7EE", "green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE",
             "grey": "D9D9D9"}


def cell_value(name: str, value: Any) -> Any:
    """The typed value of a field: dates and numbers as they are, lists and maps written as the
    CSV writes them."""
    return text_value(name, value) if value is not None and name in ("section", "flags", "extra") else value


class SheetWriter:
    """One sheet of a write-only workbook: a bold frozen header, typed cells, a filter."""

    def __init__(self, workbook: Any, title: str, names: Sequence[str]) -> None:
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.sheet = workbook.create_sheet(title)
        self.names = list(names)
        self.count = 0
        for i, name in enumerate(self.names):
            letter = get_column_letter(i + 1)
            self.sheet.column_dimensions[letter].width = max(WIDTHS.get(name, DEFAULT_WIDTH),
                                                             len(name) + 3)  # bold header fits
        self.sheet.freeze_panes = "A2"
        self.sheet.print_title_rows = "1:1"  # printed: the header on every page,
        self.sheet.page_setup.orientation = "landscape"  # landscape, as wide as the paper
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.page_setup.fitToWidth, self.sheet.page_setup.fitToHeight = 1, 0
        self.bold = Font(bold=True)
        self.sheet.append([self.cell(name, name, font=self.bold) for name in self.names])

    def cell(self, name: str, value: Any, font: Any = None) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import PatternFill

        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text: "=SUM(A1)" is a string, never a formula
            if name in ("ref", "due_text"):
                cell.number_format = "@"
        elif isinstance(value, date | datetime):
            cell.number_format = DATE_FORMAT
        if name == "rag" and value in RAG_FILLS:
            cell.fill = PatternFill("solid", fgColor=RAG_FILLS[value])
        if font is not None:
            cell.font = font
        return cell

    def add(self, row: Mapping[str, Any]) -> None:
        self.sheet.append([self.cell(name, cell_value(name, row.get(name))) for name in self.names])
        self.count += 1

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        last = get_column_letter(len(self.names))
        self.sheet.auto_filter.ref = f"A1:{last}{self.count + 1}"


def write_workbook(handle: Any, batches: Iterable[Sequence[ActionRecord]],
                   tags: Mapping[str, str] | None = None, residue: Sequence[Residue] = (),
                   failures: Sequence[tuple[str, str]] = ()) -> None:
    """Stream the records (a batch at a time) to a workbook in `handle`; residue and failures
    get a sheet each when there are any."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    actions = SheetWriter(workbook, ACTIONS, [*FIELDS, *(tags or {})])
    for batch in batches:
        for row in record_rows(batch, tags):
            actions.add(row)
    actions.finish()
    for title, names, rows in ((RESIDUE, RESIDUE_FIELDS, [r.to_dict() for r in residue]),
                               (FAILURES, FAILURE_FIELDS,
                                [dict(zip(FAILURE_FIELDS, f, strict=True)) for f in failures])):
        if rows:
            sheet = SheetWriter(workbook, title, names)
            for item in rows:
                sheet.add(item)
            sheet.finish()
    workbook.save(handle)


def write(records: Sequence[ActionRecord], path: Path, tags: Mapping[str, str] | None = None,
          residue: Sequence[Residue] = (), failures: Sequence[tuple[str, str]] = (),
          **_: Any) -> None:
    with atomic.atomic_file(path) as handle:
        write_workbook(handle, [records], tags, residue, failures)


def from_cell(name: str, value: Any) -> Any:
    """A cell read back, as the record field it came from."""
    if name in ("section", "flags", "extra"):
        text = value or ""
        if name == "extra":
            return json.loads(text) if text else {}
        return text.split(SECTION_JOIN if name == "section" else FLAGS_JOIN) if text else []
    if name in DATE_FIELDS and isinstance(value, datetime):
        return value.date()
    if name in INT_FIELDS and value is not None:
        return int(value)
    if value is None and name == "action":
        return ""
    return value


def is_export(path: Path) -> bool:
    """Whether a workbook is one this module wrote (an "Actions" sheet headed by the schema's
    fields), rather than a plan kept in Excel."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        return False
    try:
        if ACTIONS not in workbook.sheetnames:
            return False
        header = next(workbook[ACTIONS].iter_rows(max_row=1, values_only=True), ())
        return tuple(header[:len(FIELDS)]) == FIELDS
    finally:
        workbook.close()


def load(path: Path) -> list[ActionRecord]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = workbook[ACTIONS].iter_rows(values_only=True)
    header = [str(h) for h in next(rows, ())]
    out = [to_record({name: from_cell(name, value) for name, value in zip(header, row, strict=False)
                      if name in FIELDS}) for row in rows]
    workbook.close()
    return out
