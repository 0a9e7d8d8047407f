"""A Frictionless `datapackage.json` beside CSV output: types, enums and descriptions for BI tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from normalise import ENUMS, FIELDS

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
}
TYPES = {"page": "integer", "table": "integer", "row": "integer", "plan_updated": "date",
         "due_date": "date", "status_score": "number", "extra": "object"}


def descriptor(csv_name: str, tags: Sequence[str] = ()) -> dict[str, object]:
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
        "profile": "tabular-data-package",
        "name": "actionplan-actions",
        "resources": [{
            "name": Path(csv_name).stem.lower().replace(" ", "-") or "actions",
            "path": csv_name, "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8", "mediatype": "text/csv",
            "schema": {"fields": fields, "primaryKey": [], "missingValues": [""]},
        }],
    }


def write(csv_path: Path, tags: Sequence[str] = ()) -> Path:
    out = csv_path.with_name("datapackage.json")
    out.write_text(json.dumps(descriptor(csv_path.name, tags), indent=2) + "\n", encoding="utf-8")
    return out
