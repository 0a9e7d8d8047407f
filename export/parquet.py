"""Parquet with an explicit Arrow schema: typed even when a column is all null."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from actionplan.normalise import ActionRecord

from . import atomic
from .columns import record_rows, to_record

SUFFIXES = (".parquet",)
DICTIONARY_FIELDS = ("source_format", "status", "rag", "due_kind", "recurrence")


def arrow_schema(tags: Sequence[str] = ()) -> Any:
    """The exact Arrow schema of the action table (SCHEMA.md), tags appended as strings."""
    import pyarrow as pa

    text, dictionary = pa.string(), pa.dictionary(pa.int32(), pa.string())
    types = {
        "source_file": text, "source_format": dictionary, "source_sha256": text,
        "page": pa.int32(), "table": pa.int32(), "row": pa.int32(), "plan_title": text,
        "plan_updated": pa.date32(), "action_id": text, "section": pa.list_(text),
        "theme": text, "outcome": text, "ref": text, "action": text, "evidence": text,
        "lead": text, "due_text": text, "risks": text, "notes": text, "progress": text,
        "status_text": text, "extra": pa.map_(text, text), "status": dictionary,
        "status_score": pa.float64(), "rag": dictionary, "due_date": pa.date32(),
        "due_kind": dictionary, "recurrence": dictionary, "flags": pa.list_(text),
        "sheet": text,
    }
    fields = [pa.field(name, kind, nullable=name not in ("action", "action_id"))
              for name, kind in types.items()]
    return pa.schema(fields + [pa.field(tag, text) for tag in tags])


def table_of(rows: Sequence[Mapping[str, Any]], schema: Any) -> Any:
    """Rows of plain values as an Arrow table of exactly `schema` (maps given as dicts)."""
    import pyarrow as pa

    columns = []
    for field in schema:
        values = [row[field.name] for row in rows]
        if pa.types.is_map(field.type):
            values = [list(v.items()) if v is not None else None for v in values]
        if pa.types.is_dictionary(field.type):
            columns.append(pa.array(values, pa.string()).dictionary_encode())
        else:
            columns.append(pa.array(values, field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def to_table(records: Sequence[ActionRecord], tags: Mapping[str, str] | None = None) -> Any:
    return table_of(record_rows(records, tags), arrow_schema(list(tags or {})))


def write(records: Sequence[ActionRecord], path: Path, tags: Mapping[str, str] | None = None,
          **_: Any) -> None:
    import pyarrow.parquet as pq

    with atomic.atomic_file(path) as handle:
        pq.write_table(to_table(records, tags), handle, compression="zstd")


def load(path: Path | bytes) -> list[ActionRecord]:
    """Records from a Parquet file, or from its bytes (a part of a batch's output)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = []
    source = pa.BufferReader(path) if isinstance(path, bytes) else path
    for row in pq.read_table(source).to_pylist():
        row["extra"] = dict(row["extra"] or [])
        out.append(to_record(row))
    return out
