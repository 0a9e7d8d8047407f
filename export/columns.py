"""Records as plain rows: the one conversion every writer shares, and its inverse for loading."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from actionplan.normalise import FIELDS, ActionRecord

DATE_FIELDS = ("plan_updated", "due_date")
INT_FIELDS = ("page", "table", "row")
LIST_FIELDS = ("section", "flags")
SECTION_JOIN, FLAGS_JOIN = " > ", "; "


def storable(text: str) -> str:
    """Text every format can hold: a file name's undecodable bytes (kept by the OS layer as
    lone surrogates) written as `\\xNN` escapes, since UTF-8 and Arrow refuse surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def record_rows(records: Iterable[ActionRecord], tags: Mapping[str, str] | None = None
                ) -> list[dict[str, Any]]:
    """Each record as a dict in schema order, with the user's tags appended as strings."""
    rows = []
    for record in records:
        row = record.to_dict()
        row["source_file"] = storable(str(row["source_file"]))
        row.update(tags or {})
        rows.append(row)
    return rows


def text_value(name: str, value: Any) -> str:
    """How a field is written in a text cell (CSV): ISO dates, joined lists, JSON maps."""
    if value is None:
        return ""
    if name == "section":
        return SECTION_JOIN.join(value)
    if name == "flags":
        return FLAGS_JOIN.join(value)
    if name == "extra":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else "{}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def from_text(name: str, text: str) -> Any:
    """The inverse of `text_value` for the schema's fields."""
    if name == "section":
        return text.split(SECTION_JOIN) if text else []
    if name == "flags":
        return text.split(FLAGS_JOIN) if text else []
    if name == "extra":
        return json.loads(text) if text else {}
    if text == "":
        return None if name != "action" else ""
    if name in DATE_FIELDS:
        return date.fromisoformat(text)
    if name in INT_FIELDS:
        return int(text)
    if name == "status_score":
        return float(text)
    return text


def to_record(row: Mapping[str, Any]) -> ActionRecord:
    """A loaded row (already typed) back to a record; columns beyond the schema are dropped."""
    values: dict[str, Any] = {name: row.get(name) for name in FIELDS}
    for name in LIST_FIELDS:
        values[name] = list(values[name] or [])
    values["extra"] = dict(values["extra"] or {})
    for name in DATE_FIELDS:
        if isinstance(values[name], str):
            values[name] = date.fromisoformat(values[name])
    return ActionRecord(**values)
