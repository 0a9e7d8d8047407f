"""JSON Lines: one object per record, the same names and types as the Parquet file."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from actionplan.normalise import ActionRecord, Residue

from . import atomic
from .columns import record_rows, to_record

SUFFIXES = (".jsonl", ".ndjson")


def _default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__}")


def render(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, default=_default) + "\n"
                   for row in record_rows(records, tags))


def write(records: Sequence[ActionRecord], path: Path, tags: Mapping[str, str] | None = None,
          **_: Any) -> None:
    atomic.write_text(path, render(records, tags))


def load(path: Path) -> list[ActionRecord]:
    with path.open(encoding="utf-8") as handle:
        return [to_record(json.loads(line)) for line in handle if line.strip()]


def residue_lines(residue: Sequence[Residue]) -> list[str]:
    """What went into no record, one JSON object a line, with its provenance."""
    return [json.dumps(item.to_dict(), ensure_ascii=False) + "\n" for item in residue]
