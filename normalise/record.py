"""The action record (SCHEMA.md): one per action, the type every exporter writes."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date


@dataclass(slots=True)
class ActionRecord:
    """One action of a plan, with where it came from. Field order is the schema's order."""

    source_file: str
    source_format: str
    source_sha256: str
    page: int | None
    table: int
    row: int
    plan_title: str | None
    plan_updated: date | None
    action_id: str
    section: list[str]
    theme: str | None
    outcome: str | None
    ref: str | None
    action: str
    evidence: str | None
    lead: str | None
    due_text: str | None
    risks: str | None
    notes: str | None
    progress: str | None
    status_text: str | None
    extra: dict[str, str]
    status: str | None
    status_score: float | None
    rag: str | None
    due_date: date | None
    due_kind: str | None
    recurrence: str | None
    flags: list[str] = field(default_factory=list)
    #: appended to the schema: the worksheet's name for spreadsheets, else None
    sheet: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ActionRecord))
PROVENANCE_FIELDS = ("source_file", "source_format", "source_sha256", "page", "table", "row",
                     "sheet")

#: enumerations of the schema, for exporters' typed schemas
ENUMS: dict[str, tuple[str, ...]] = {
    "source_format": ("pdf", "docx", "text", "xlsx"),
    "status": ("complete", "on_track", "in_progress", "at_risk", "delayed", "not_started",
               "on_hold", "cancelled"),
    "rag": ("blue", "green", "amber", "red", "grey"),
    "due_kind": ("date", "month", "quarter", "year", "recurring", "ongoing", "unparsed"),
    "recurrence": ("weekly", "monthly", "quarterly", "annually"),
}


@dataclass(frozen=True, slots=True)
class Residue:
    """Source text that is in no record: a table without an action column, a stray row."""

    source_file: str
    page: int | None
    table: int | None
    row: int | None
    text: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
