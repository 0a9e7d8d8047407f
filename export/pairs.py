"""Comparison rows (`actionplan diff -o`): the pair's columns, then old_* and new_* records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import atomic
from .columns import text_value
from .parquet import arrow_schema as record_schema
from .parquet import table_of

PREFIXES = ("old_", "new_")


def arrow_schema() -> Any:
    import pyarrow as pa

    dictionary = pa.dictionary(pa.int32(), pa.string())
    base = [("kind", dictionary), ("match_method", dictionary), ("match_score", pa.float64()),
            ("changed_fields", pa.list_(pa.string())), ("status_change", dictionary),
            ("slip_days", pa.int32()), ("warning", pa.string()), ("completion", dictionary),
            ("newly_overdue", pa.bool_())]
    fields = [pa.field(name, kind) for name, kind in base]
    for prefix in PREFIXES:
        fields += [pa.field(prefix + f.name, f.type) for f in record_schema()]
    return pa.schema(fields)


def cell(name: str, value: Any) -> str:
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return text_value(name[len(prefix):], value)
    if name == "changed_fields":
        return "; ".join(value)
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def write(rows: Sequence[dict[str, Any]], path: Path, fmt: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    names = arrow_schema().names
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([cell(n, row[n]) for n in names] for row in rows)
        atomic.write_text(path, buffer.getvalue())
    elif fmt == "jsonl":
        atomic.write_text(path, "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n"
                                        for row in rows))
    else:
        import pyarrow.parquet as pq

        with atomic.atomic_file(path) as handle:
            pq.write_table(table_of(rows, arrow_schema()), handle, compression="zstd")
