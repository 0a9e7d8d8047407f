"""CSV: RFC 4180, UTF-8 without BOM unless `excel` asks for the BOM Excel needs for "£" and "–"."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from normalise import FIELDS, ActionRecord

from .columns import from_text, record_rows, text_value, to_record

SUFFIXES = (".csv",)


def header(tags: Mapping[str, str] | None = None, excel: bool = False) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([*FIELDS, *(tags or {})])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def rows(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None) -> str:
    """The records' lines, without the header: parts of one file can be joined in order."""
    buffer = io.StringIO()
    names = [*FIELDS, *(tags or {})]
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in record_rows(records, tags):
        writer.writerow([text_value(name, row[name]) for name in names])
    return buffer.getvalue()


def render(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None,
           excel: bool = False) -> str:
    return header(tags, excel) + rows(records, tags)


def write(records: Sequence[ActionRecord], path: Path, tags: Mapping[str, str] | None = None,
          excel: bool = False, **_: Any) -> None:
    path.write_text(render(records, tags, excel), encoding="utf-8", newline="")


def load(path: Path) -> list[ActionRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [to_record({name: from_text(name, row.get(name) or "") for name in FIELDS})
                for row in csv.DictReader(handle)]
