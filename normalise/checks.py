"""Findings about the data inside a readable plan: stable codes, severities, provenance.

Problems in the data are data, not exceptions. `check_record` yields the findings about one
action; the codes of those that do not depend on the day the tool runs become its `flags`.
Findings about a whole missing column are made once per table by `check_table`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date

from .record import ActionRecord
from .text import fold

SEVERITIES = ("error", "warning", "info")
LEAD_PLACEHOLDERS = ("tbc", "tba", "tbd", "all", "n a", "na", "none", "various", "unknown", "")
CLOSED = ("complete", "cancelled")

#: code -> (severity, message template); the message reads as one line after the provenance
RULES: dict[str, tuple[str, str]] = {
    "missing_action": ("error", "row has no action text"),
    "missing_column": ("warning", "the table has no {column} column"),
    "missing_lead": ("error", "no lead named"),
    "lead_placeholder": ("warning", "lead is a placeholder: {lead!r}"),
    "missing_due": ("error", "no due date"),
    "due_unparsed": ("warning", "due date not readable: {due_text!r}"),
    "due_revised": ("info", "several dates named, the last taken: {due_text!r}"),
    "due_ambiguous": ("warning", "calendar or financial quarter? {due_text!r} read as financial"),
    "ongoing_without_review": ("warning", "ongoing with no review period: {due_text!r}"),
    "no_deadline": ("info", "recurring ({recurrence}) with no deadline: {due_text!r}"),
    "missing_status": ("error", "no status"),
    "status_unrecognised": ("error", "status not recognised: {status_text!r}"),
    "status_fuzzy": ("info", "status {status_text!r} read as {status} (score {status_score})"),
    "status_mixed": ("warning", "status names two colours, the worse taken: {status_text!r}"),
    "status_from_colour": ("info", "status read from the cell colour: {rag}"),
    "overdue": ("error", "overdue: due {due_date} (as of {as_of}), status {status}"),
    "complete_without_evidence": ("warning", "complete, but no evidence or progress given"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    source_file: str
    page: int | None
    table: int | None
    row: int | None
    theme: str | None = None
    action: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def finding(code: str, record: ActionRecord | None = None, *, source_file: str = "",
            page: int | None = None, table: int | None = None, row: int | None = None,
            **values: object) -> Finding:
    severity, template = RULES[code]
    if record is not None:
        values = {**record.to_dict(), **values}
        source_file, page, table, row = record.source_file, record.page, record.table, record.row
    return Finding(code, severity, template.format(**values), source_file, page, table, row,
                   record.theme if record else None,
                   " ".join(record.action.split()[:8]) if record else None)


@dataclass(frozen=True)
class TableColumns:
    """Which fields a logical table has, for checks that need to know a column exists."""

    source_file: str
    page: int | None
    table: int
    fields: frozenset[str]


def check_record(record: ActionRecord, columns: frozenset[str],
                 as_of: date | None) -> Iterator[Finding]:
    """Every finding about one action. `as_of` None leaves out the findings that need a day."""
    yield from _check_lead(record, columns)
    yield from _check_due(record, columns)
    yield from _check_status(record, columns)
    if as_of and record.due_date and record.due_date < as_of and record.status not in CLOSED:
        yield finding("overdue", record, as_of=as_of)


def _check_lead(record: ActionRecord, columns: frozenset[str]) -> Iterator[Finding]:
    if "lead" not in columns:
        return
    if record.lead is None:
        yield finding("missing_lead", record)
    elif fold(record.lead) in LEAD_PLACEHOLDERS or record.lead.strip() in ("?", "-"):
        yield finding("lead_placeholder", record)


def _check_due(record: ActionRecord, columns: frozenset[str]) -> Iterator[Finding]:
    if "due_text" in columns and record.due_text is None:
        yield finding("missing_due", record)
    if record.due_kind == "unparsed":
        yield finding("due_unparsed", record)
    if record.due_kind == "ongoing" and record.recurrence is None:
        yield finding("ongoing_without_review", record)
    if record.due_kind == "recurring":
        yield finding("no_deadline", record)


def _check_status(record: ActionRecord, columns: frozenset[str]) -> Iterator[Finding]:
    if "status_text" in columns and record.status_text is None and record.status is None:
        yield finding("missing_status", record)
    if record.status_text and record.status is None:
        yield finding("status_unrecognised", record)
    if record.status and record.status_score is not None and record.status_score < 1:
        yield finding("status_fuzzy", record)
    if record.status == "complete" and columns & {"evidence", "progress"} \
            and not (record.evidence or record.progress):
        yield finding("complete_without_evidence", record)


def check_table(table: TableColumns, required: tuple[str, ...] = ("lead", "due_text", "status_text")
                ) -> Iterator[Finding]:
    names = {"lead": "lead", "due_text": "due date", "status_text": "status"}
    for name in required:
        if name not in table.fields:
            yield finding("missing_column", source_file=table.source_file, page=table.page,
                          table=table.table, column=names[name])
