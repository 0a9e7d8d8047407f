"""CSV: RFC 4180 (CRLF after every line, the header's too), UTF-8 without BOM unless `excel`
asks for the BOM Excel needs for "£" and "–".

Formula-like cells (`=`, `+`, `-`, `@`, tab, carriage return first) are run as formulas by
Excel and LibreOffice: with `safe_formulas` (implied by `excel`) they get a leading `'`, as
OWASP advises against CSV injection. That changes the text, so it is opt-in.

Excel also reads a CSV's text as numbers and dates where it can: ref "1.1" becomes 1.1 and due
text "Mar-24" a date. With `excel`, a ref or due text that Excel could read so is written as
`="1.1"`, which Excel and Calc show as the text itself (and `load` reads back as written).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from actionplan.normalise import FIELDS, ActionRecord

from . import atomic
from .columns import from_text, record_rows, text_value, to_record

SUFFIXES = (".csv",)
LINE_END = "\r\n"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: columns of text Excel must not turn into numbers or dates
EXCEL_TEXT_FIELDS = ("ref", "due_text")
#: Excel's longest string in a formula; longer text is prose Excel leaves alone anyway
EXCEL_STRING_LIMIT = 255


def header(tags: Mapping[str, str] | None = None, excel: bool = False) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerow([*FIELDS, *(tags or {})])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def neutralised(text: str) -> str:
    """A cell a spreadsheet would run as a formula, made plain text with a leading `'`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def kept_as_text(text: str) -> str:
    """Text Excel could read as a number, date or truth value, as a formula giving the text."""
    readable = any(ch.isdigit() for ch in text) or text.upper() in ("TRUE", "FALSE")
    if not readable or len(text) > EXCEL_STRING_LIMIT:
        return text
    return '="' + text.replace('"', '""') + '"'


def rows(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None,
         safe_formulas: bool = False, excel: bool = False) -> str:
    """The records' lines, without the header: parts of one file can be joined in order."""
    buffer = io.StringIO()
    names = [*FIELDS, *(tags or {})]
    writer = csv.writer(buffer, lineterminator=LINE_END)
    for row in record_rows(records, tags):
        cells = [text_value(name, row[name]) for name in names]
        cells = [neutralised(c) for c in cells] if safe_formulas else cells
        if excel:
            cells = [kept_as_text(c) if name in EXCEL_TEXT_FIELDS else c
                     for name, c in zip(names, cells, strict=True)]
        writer.writerow(cells)
    return buffer.getvalue()


def render(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None,
           excel: bool = False, safe_formulas: bool = False) -> str:
    return header(tags, excel) + rows(records, tags, safe_formulas or excel, excel)


def write(records: Sequence[ActionRecord], path: Path, tags: Mapping[str, str] | None = None,
          excel: bool = False, safe_formulas: bool = False, **_: Any) -> None:
    atomic.write_text(path, render(records, tags, excel, safe_formulas))


def as_written(name: str, text: str) -> str:
    """A cell read back: a ref or due text kept from Excel (`="1.1"`) is its text again."""
    if name in EXCEL_TEXT_FIELDS and text.startswith('="') and text.endswith('"') and len(text) > 3:
        return text[2:-1].replace('""', '"')
    return text


def load(path: Path) -> list[ActionRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [to_record({name: from_text(name, as_written(name, row.get(name) or ""))
                           for name in FIELDS}) for row in csv.DictReader(handle)]
