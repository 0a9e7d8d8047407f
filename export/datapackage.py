"""A Frictionless `datapackage.json` beside CSV output: types, enums and descriptions for BI tools.

One descriptor per folder lists every CSV written there as its own resource: writing
`b.csv` beside `a.csv` adds or updates `b`'s resource and keeps `a`'s. The descriptor is read
only as data (resource paths are never opened or written) and replaced atomically.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from actionplan.normalise import ENUMS, FIELDS

from . import atomic

NAME = "datapackage.json"

DESCRIPTIONS = {
    "source_file": "the input path as given", "source_format": "reader that produced the record",
    "source_sha256": "SHA-256 of the input file", "page": "1-based page (PDF only)",
    "table": "1-based source table in reading order", "row": "1-based row in that table",
    "plan_title": "the plan's title", "plan_updated": "update date stated in the plan",
    "action_id": "stable key of the action", "section": "headings in force, joined with ' > '",
    "theme": "grouping column (Objective, Key area ...)", "outcome": "second grouping column",
    "ref": "the plan's own reference", "action": "the action text",
    "evidence": "evidence or measure of success", "lead": "who leads the action",
    "due_text": "the due date as written", "risks": "risks or issues", "notes": "notes",
    "progress": "progress update", "status_text": "the status as written",
    "extra": "other columns as a JSON object", "status": "canonical status",
    "status_score": "match score of the status label (1.0 exact)", "rag": "delivery colour",
    "due_date": "last day of the period named", "due_kind": "precision of due_date",
    "recurrence": "recurrence named in the due text", "flags": "findings, joined with '; '",
    "sheet": "the worksheet's name (spreadsheets only)",
}
TYPES = {"page": "integer", "table": "integer", "row": "integer", "plan_updated": "date",
         "due_date": "date", "status_score": "number", "extra": "object"}


def resource(csv_name: str, tags: Sequence[str] = ()) -> dict[str, Any]:
    fields: list[dict[str, object]] = []
    for name in FIELDS:
        spec: dict[str, object] = {"name": name, "type": TYPES.get(name, "string"),
                                   "description": DESCRIPTIONS[name]}
        if name in ENUMS:
            spec["constraints"] = {"enum": list(ENUMS[name])}
        if name in ("action", "action_id", "table", "row"):
            spec["constraints"] = {"required": True}
        fields.append(spec)
    fields += [{"name": tag, "type": "string", "description": "tag given by the user"}
               for tag in tags]
    return {
        "name": Path(csv_name).stem.lower().replace(" ", "-") or "actions",
        "path": csv_name, "profile": "tabular-data-resource", "format": "csv",
        "encoding": "utf-8", "mediatype": "text/csv",
        "schema": {"fields": fields, "primaryKey": [], "missingValues": [""]},
    }


def descriptor(csv_name: str, tags: Sequence[str] = (),
               existing: dict[str, Any] | None = None) -> dict[str, Any]:
    """The folder's descriptor with this CSV's resource added or replaced, the others kept."""
    kept = [r for r in (existing or {}).get("resources", [])
            if isinstance(r, dict) and r.get("path") != csv_name]
    resources = sorted([*kept, resource(csv_name, tags)], key=lambda r: str(r.get("path")))
    return {"profile": "tabular-data-package", "name": "actionplan-actions", "resources": resources}


def existing_descriptor(path: Path) -> dict[str, Any] | None:
    """The descriptor already in the folder, if it is one (anything else is not kept)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and isinstance(data.get("resources"), list)
    return data if ok else None


def write(csv_path: Path, tags: Sequence[str] = ()) -> Path:
    out = csv_path.with_name(NAME)
    text = json.dumps(descriptor(csv_path.name, tags, existing_descriptor(out)), indent=2,
                      ensure_ascii=False)
    atomic.write_text(out, text + "\n")
    return out
