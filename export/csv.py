"""CSV: RFC 4180 (CRLF after every line, the header's too), UTF-8 without BOM unless `excel`
asks for the BOM Excel needs for "£" and "–".

Formula-like cells (`=`, `+`, `-`, `@`, tab, carriage return first) are run as formulas by
Excel and LibreOffice: with `safe_formulas` (implied by `excel`) they get a leading `'`, as
OWASP advises against CSV injection. That changes the text, so it is opt-in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from normalise import FIELDS, ActionRecord

from . import atomic
from .columns import from_text, record_rows, text_value, to_record

SUFFIXES = (".csv",)
LINE_END = "\r\n"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header(tags: Mapping[str, str] | None = None, excel: bool = False) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerow([*FIELDS, *(tags or {})])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def neutralised(text: str) -> str:
    """A cell a spreadsheet would run as a formula, made plain text with a leading `'`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None,
         safe_formulas: bool = False) -> str:
    """The records' lines, without the header: parts of one file can be joined in order."""
    buffer = io.StringIO()
    names = [*FIELDS, *(tags or {})]
    writer = csv.writer(buffer, lineterminator=LINE_END)
    for row in record_rows(records, tags):
        cells = [text_value(name, row[name]) for name in names]
        writer.writerow([neutralised(c) for c in cells] if safe_formulas else cells)
    return buffer.getvalue()


def render(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None,
           excel: bool = False, safe_formulas: bool = False) -> str:
    return header(tags, excel) + rows(records, tags, safe_formulas or excel)


def write(records: Sequence[ActionRecord], path: Path, tags: Mapping[str, str] | None = None,
          excel: bool = False, safe_formulas: bool = False, **_: Any) -> None:
    atomic.write_text(path, render(records, tags, excel, safe_formulas))


def load(path: Path) -> list[ActionRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [to_record({name: from_text(name, row.get(name) or "") for name in FIELDS})
                for row in csv.DictReader(handle)]
