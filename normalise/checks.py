"""Findings about the data inside a readable plan: stable codes, severities, provenance.

Problems in the data are data, not exceptions. A `Checker` yields findings about each action,
about the plan as a whole (duplicates, dates out of its period) and about each table (a missing
column, reported once). The codes of findings that do not depend on the day the tool runs
become each record's `flags`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from .dates import FINANCIAL_YEAR, consecutive_years
from .duplicates import first_near_duplicates
from .record import ActionRecord
from .text import fold

SEVERITIES = ("error", "warning", "info")
CLOSED = ("complete", "cancelled")

#: code -> (severity, message template); the message reads as one line after the provenance
RULES: dict[str, tuple[str, str]] = {
    "missing_action": ("error", "row has no action text: {text!r}"),
    "missing_column": ("warning", "the table has no {column} column"),
    "missing_lead": ("error", "no lead named"),
    "lead_placeholder": ("warning", "lead is a placeholder: {lead!r}"),
    "missing_due": ("error", "no due date"),
    "due_unparsed": ("warning", "due date not readable: {due_text!r}"),
    "due_revised": ("info", "several dates named, the last taken: {due_text!r}"),
    "due_ambiguous": ("warning", "calendar or financial quarter? {due_text!r} read as financial"),
    "month_first_dates": ("info", "the plan writes dates month first (US order): {due_text!r}"),
    "ongoing_without_review": ("warning", "ongoing with no review period: {due_text!r}"),
    "no_deadline": ("info", "recurring ({recurrence}) with no deadline: {due_text!r}"),
    "date_inconsistent": ("warning", "due {due_date} is far outside the plan's period ({period})"),
    "missing_status": ("error", "no status"),
    "status_unrecognised": ("error", "status not recognised: {status_text!r}"),
    "status_fuzzy": ("info", "status {status_text!r} read as {status} (score {status_score})"),
    "status_mixed": ("warning", "status names two colours, the worse taken: {status_text!r}"),
    "status_from_colour": ("info", "status read from the cell colour: {rag}"),
    "overdue": ("error", "overdue: due {due_date} (as of {as_of}), status {status}"),
    "complete_without_evidence": ("warning", "complete, but no evidence or progress given"),
    "duplicate_action": ("warning", "near-identical to the action at table {other_table} row "
                                    "{other_row} (similarity {score})"),
    "vague_action": ("warning", "vague: {why}; say what will be delivered, by when, measured how"),
}
#: findings that depend on the day the tool runs, so never a record's flag unless a day is fixed
DAY_DEPENDENT = frozenset({"overdue"})
DEFAULT_PLACEHOLDERS = ("TBC", "TBA", "TBD", "All", "N/A", "NA", "None", "Various", "Unknown",
                        "?", "-")
DELIVERY_VERBS = (
    "agree", "analyse", "appoint", "approve", "audit", "build", "commission", "complete", "conduct",
    "create", "define", "deliver", "design", "develop", "draft", "embed", "establish", "evaluate",
    "finalise", "hold", "identify", "implement", "install", "introduce", "issue", "launch", "map",
    "measure", "monitor", "produce", "provide", "publish", "recruit", "report", "review", "run",
    "set", "submit", "train", "undertake", "update", "integrate", "add", "collect", "determine",
    "ensure", "engage", "liaise", "assess", "cascade", "anonymise", "replace", "procure", "open",
)
VAGUE_VERBS = ("raise awareness", "explore", "consider", "improve", "look at", "look into",
               "promote", "encourage", "support", "continue", "work towards", "aim to")
NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class CheckConfig:
    """Which rules run, at what severity, with which thresholds (`[validate]` in the config)."""

    disable: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)
    duplicate_threshold: float = 95.0
    lead_placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    vague_verbs: tuple[str, ...] = VAGUE_VERBS
    #: a due date this many decades after the plan's period is a typo ("2102")
    decades: int = 1
    #: the lowest severity that makes `validate` exit 1
    fail_on: str = "error"

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> CheckConfig:
        known = {"disable", "severity", "duplicate_threshold", "lead_placeholders", "vague_verbs",
                 "decades", "fail_on"}
        unknown = set(table) - known
        if unknown:
            raise ValueError(f"validate: unknown keys {sorted(unknown)}")
        values = dict(table)
        for name in ("disable", "lead_placeholders", "vague_verbs"):
            if name in values:
                values[name] = (frozenset if name == "disable" else tuple)(values[name])
        config = cls(**values)
        bad = [c for c in (*config.disable, *config.severity) if c not in RULES]
        if bad:
            raise ValueError(f"validate: unknown rule codes {sorted(bad)}")
        if not 0 < config.duplicate_threshold <= 100:
            raise ValueError("validate: duplicate_threshold is a similarity score above 0, up to 100")
        if any(s not in SEVERITIES for s in (*config.severity.values(), config.fail_on)):
            raise ValueError(f"validate: severities are {', '.join(SEVERITIES)}")
        return config

    def as_table(self) -> dict[str, Any]:
        return {"disable": sorted(self.disable), "severity": dict(self.severity),
                "duplicate_threshold": self.duplicate_threshold,
                "lead_placeholders": list(self.lead_placeholders),
                "vague_verbs": list(self.vague_verbs), "decades": self.decades,
                "fail_on": self.fail_on,
                "rules": {code: self.severity_of(code) for code in RULES if code not in self.disable}}

    def severity_of(self, code: str) -> str:
        return self.severity.get(code, RULES[code][0])


@dataclass(frozen=True, slots=True)
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
    ref: str | None = None
    lead: str | None = None
    action_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class TableColumns:
    """Which fields a logical table has, for checks that need to know a column exists."""

    source_file: str
    page: int | None
    table: int
    fields: frozenset[str]


def plan_period(title: str | None, updated: date | None) -> tuple[date, date] | None:
    """The period a plan covers: its financial year in the title, else its update year."""
    match = FINANCIAL_YEAR.search(title or "")
    years = consecutive_years(match["y1"], match["y2"]) if match else None
    if years:
        return date(years[0], 4, 1), date(years[1], 3, 31)
    if updated:
        return date(updated.year, 1, 1), date(updated.year, 12, 31)
    return None


def vague_reason(record: ActionRecord, verbs: tuple[str, ...]) -> str | None:
    """SMART in brief: a verb of delivery, or else a measure, a date or a number."""
    if record.due_date or record.evidence or NUMBER.search(record.action):
        return None
    text = fold(record.action)
    words = set(text.split())
    for verb in verbs:
        if text.startswith(verb):
            return f"'{verb}' with no measure, date or number"
    if not any(w.startswith(DELIVERY_VERBS) for w in words):
        return "no verb of delivery"
    return None


class Checker:
    """Runs the enabled rules; `as_of` None leaves out the findings that need a day."""

    def __init__(self, config: CheckConfig | None = None) -> None:
        self.config = config or CheckConfig()
        self.placeholders = {fold(p) for p in self.config.lead_placeholders}

    def finding(self, code: str, record: ActionRecord | None = None, *, source_file: str = "",
                page: int | None = None, table: int | None = None, row: int | None = None,
                theme: str | None = None, **values: object) -> Finding | None:
        if code in self.config.disable:
            return None
        if record is not None:
            values = {**record.to_dict(), **values}
            source_file, page, table, row = record.source_file, record.page, record.table, record.row
            theme = record.theme
        message = RULES[code][1].format(**values)
        action = " ".join(record.action.split()[:8]) if record else None
        ref, lead, action_id = (record.ref, record.lead, record.action_id) if record else (None,) * 3
        return Finding(code, self.config.severity_of(code), message, source_file, page, table,
                       row, theme, action, ref, lead, action_id)

    def record(self, record: ActionRecord, columns: frozenset[str],
               as_of: date | None) -> Iterator[Finding]:
        found = [*self._lead(record, columns), *self._due(record, columns),
                 *self._status(record, columns)]
        for code in ("status_mixed", "status_from_colour", "due_revised", "due_ambiguous",
                     "month_first_dates"):
            if code in record.flags:
                found.append(self.finding(code, record))
        found.append(self.overdue(record, as_of))
        why = vague_reason(record, self.config.vague_verbs)
        if why:
            found.append(self.finding("vague_action", record, why=why))
        yield from (f for f in found if f is not None)

    def overdue(self, record: ActionRecord, as_of: date | None) -> Finding | None:
        """Due before `as_of` and neither complete nor cancelled."""
        if as_of and record.due_date and record.due_date < as_of and record.status not in CLOSED:
            return self.finding("overdue", record, as_of=as_of)
        return None

    def _lead(self, record: ActionRecord, columns: frozenset[str]) -> Iterator[Finding | None]:
        if "lead" not in columns:
            return
        if record.lead is None:
            yield self.finding("missing_lead", record)
        elif fold(record.lead) in self.placeholders or record.lead.strip() in self.config.lead_placeholders:
            yield self.finding("lead_placeholder", record)

    def _due(self, record: ActionRecord, columns: frozenset[str]) -> Iterator[Finding | None]:
        if "due_text" in columns and record.due_text is None:
            yield self.finding("missing_due", record)
        if record.due_kind == "unparsed":
            yield self.finding("due_unparsed", record)
        if record.due_kind == "ongoing" and record.recurrence is None:
            yield self.finding("ongoing_without_review", record)
        if record.due_kind == "recurring":
            yield self.finding("no_deadline", record)

    def _status(self, record: ActionRecord, columns: frozenset[str]) -> Iterator[Finding | None]:
        if "status_text" in columns and record.status_text is None and record.status is None:
            yield self.finding("missing_status", record)
        if record.status_text and record.status is None:
            yield self.finding("status_unrecognised", record)
        if record.status and record.status_score is not None and record.status_score < 1:
            yield self.finding("status_fuzzy", record)
        if record.status == "complete" and columns & {"evidence", "progress"} \
                and not (record.evidence or record.progress):
            yield self.finding("complete_without_evidence", record)

    def plan(self, records: list[ActionRecord]) -> Iterator[tuple[int, Finding]]:
        """Findings that need the whole plan, with the index of the record each is about."""
        yield from self._duplicates(records)
        if not records:
            return
        period = plan_period(records[0].plan_title, records[0].plan_updated)
        if period is None:
            return
        start, end = period
        for i, record in enumerate(records):
            due = record.due_date
            if due and (due < start.replace(year=start.year - 1)
                        or due.year - end.year > 10 * self.config.decades):
                found = self.finding("date_inconsistent", record, period=f"{start} to {end}")
                if found:
                    yield i, found

    def _duplicates(self, records: list[ActionRecord]) -> Iterator[tuple[int, Finding]]:
        keys = [fold(r.action) for r in records]
        for i, j, score in first_near_duplicates(keys, self.config.duplicate_threshold):
            other = records[j]
            found = self.finding("duplicate_action", records[i], other_table=other.table,
                                 other_row=other.row, score=round(score / 100, 2))
            if found:
                yield i, found

    def table(self, table: TableColumns,
              required: Iterable[str] = ("lead", "due_text", "status_text")) -> Iterator[Finding]:
        names = {"lead": "lead", "due_text": "due date", "status_text": "status"}
        for name in required:
            if name not in table.fields:
                found = self.finding("missing_column", source_file=table.source_file,
                                     page=table.page, table=table.table, column=names[name])
                if found:
                    yield found
