"""What the pages show, as plain data: findings in plain words with what to do, the rows shown
(filtered and sorted), counts by status and RAG drawn as SVG bars, the comparison's groups.

Nothing here knows about HTTP; the templates escape every text they are given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from actionplan.normalise import ENUMS, SEVERITIES, ActionRecord, Finding, Settings
from actionplan.normalise.checks import RULES

from ..diff import Comparison, Pair, status_label
from ..validate import overdue_on
from .store import Plan

#: each finding code in plain words, with what the author can do about it
ADVICE: dict[str, str] = {
    "missing_action": "Row with no action: write the action, or delete the row",
    "missing_column": "Column missing: add the column to the table",
    "missing_lead": "No lead: name the person or team responsible",
    "lead_placeholder": "Lead is a placeholder: name the person or team responsible",
    "missing_due": "No due date: give the date it will be done by",
    "due_unparsed": "Due date not readable: write a date (31/03/2025), a month or a quarter",
    "due_revised": "Several dates given: keep the current one and move the history to the notes",
    "due_ambiguous": "Quarter unclear: say whether it is a financial quarter (Q1 2024/25)",
    "month_first_dates": "Dates written month first: check they were read as you meant",
    "ongoing_without_review": "Ongoing with no review date: say when it will be reviewed",
    "no_deadline": "Recurring with no end date: add a date by which it is done or reviewed",
    "date_inconsistent": "Due date far outside the plan's period: check the year",
    "missing_status": "No status: say where the action stands (on track, delayed, complete)",
    "status_unrecognised": "Status not recognised: use a status such as on track, delayed or complete",
    "status_fuzzy": "Status read by its likeness to a known one: check it was read right",
    "status_mixed": "Status names two colours: choose one",
    "status_from_colour": "Status shown by colour only: write the status in words too",
    "overdue": "Overdue: mark it complete, or give a new date and say why",
    "complete_without_evidence": "Complete with no evidence: say what shows it is done",
    "duplicate_action": "Near-duplicate: merge it with the other action, or tell them apart",
    "vague_action": "Vague: say what will be delivered, by when, measured how",
}
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "For information"}
STATUS_NAMES = {s: status_label(s) for s in ENUMS["status"]}
#: chart bar colours (with the count and label written beside each bar, so never colour alone)
BAR_COLOURS = {"complete": "#005eb8", "on_track": "#007f3b", "in_progress": "#00703c",
               "at_risk": "#b35c00", "delayed": "#d5281b", "not_started": "#4c6272",
               "on_hold": "#6b4c9a", "cancelled": "#425563", "blue": "#005eb8", "green": "#007f3b",
               "amber": "#b35c00", "red": "#d5281b", "grey": "#4c6272", None: "#768692"}
SORT_KEYS = ("theme", "ref", "action", "lead", "due", "status", "findings", "row")


def advice(finding: Finding) -> str:
    return ADVICE.get(finding.code, finding.message)


def findings_today(plan: Plan, settings: Settings, today: date | None = None) -> list[Finding]:
    """The plan's findings as `actionplan validate` reports them: overdue is judged on the
    plan's own update date (kept with it), else on the day the page is viewed."""
    found = list(plan.findings)
    if plan.updated is None:
        found += overdue_on(plan.records, settings, today or date.today())
    return sorted(found, key=lambda f: (f.table or 0, f.row or 0, SEVERITIES.index(f.severity)))


def record_key(record: ActionRecord | Finding) -> tuple[Any, ...]:
    return (record.page, record.table, record.row)


@dataclass
class Row:
    """One action as the table shows it, with its findings."""

    index: int
    record: ActionRecord
    findings: list[Finding] = field(default_factory=list)
    #: this row's place in the whole table sorted by each key, for sorting in the browser
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.record.status or "", "(no status)")

    @property
    def worst(self) -> str | None:
        return min((f.severity for f in self.findings), key=SEVERITIES.index, default=None)

    def sort_value(self, key: str) -> tuple[Any, ...]:
        r = self.record
        values: dict[str, Any] = {
            "theme": (r.theme or "").lower(), "ref": natural(r.ref or ""), "action": r.action.lower(),
            "lead": (r.lead or "").lower(), "due": r.due_date.isoformat() if r.due_date else "9999",
            "status": ENUMS["status"].index(r.status) if r.status else 99,
            "findings": -len(self.findings)}
        return (values.get(key, 0), self.index)


def natural(text: str) -> tuple[Any, ...]:
    """Refs in the order people number them: 1.2 before 1.10."""
    parts = text.replace("-", ".").split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts)


def table_rows(plan: Plan, findings: Sequence[Finding]) -> list[Row]:
    """Every action with the findings about its row (by action id, else by its position)."""
    rows = [Row(i, r) for i, r in enumerate(plan.records)]
    by_id = {row.record.action_id: row for row in rows}
    by_place = {record_key(row.record): row for row in rows}
    for found in findings:
        row = by_id.get(found.action_id or "") or by_place.get(record_key(found))
        if row is not None:
            row.findings.append(found)
    for key in SORT_KEYS:
        for rank, row in enumerate(sorted(rows, key=partial(Row.sort_value, key=key))):
            row.ranks[key] = rank
    return rows


@dataclass(frozen=True)
class Filters:
    """What the author chose to see: the same query string filters the table and the downloads."""

    status: str = ""
    theme: str = ""
    finding: str = ""
    sort: str = "row"

    @classmethod
    def of(cls, query: Mapping[str, str]) -> Filters:
        sort = query.get("sort", "row")
        return cls(query.get("status", ""), query.get("theme", ""), query.get("finding", ""),
                   sort if sort.removeprefix("-") in SORT_KEYS else "row")

    def keeps(self, row: Row) -> bool:
        if self.status and (row.record.status or "none") != self.status:
            return False
        if self.theme and (row.record.theme or "") != self.theme:
            return False
        codes = {f.code for f in row.findings}
        return not self.finding or (self.finding in codes if self.finding != "none" else not codes)

    def apply(self, rows: Sequence[Row]) -> list[Row]:
        """The rows kept, sorted by the key (descending when it starts with "-")."""
        kept = [row for row in rows if self.keeps(row)]
        key = self.sort.removeprefix("-")
        return sorted(kept, key=lambda row: row.sort_value(key), reverse=self.sort.startswith("-"))

    def query(self, **changes: str) -> str:
        """The query string of these filters with some changed, for links."""
        from urllib.parse import urlencode

        values = {"status": self.status, "theme": self.theme, "finding": self.finding,
                  "sort": self.sort, **changes}
        return urlencode({k: v for k, v in values.items() if v and not (k == "sort" and v == "row")})


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    colour: str
    y: int
    width: float


def bars(counts: Mapping[str | None, int], labels: Mapping[str | None, str], width: int = 220
         ) -> list[Bar]:
    """Horizontal bars for a chart drawn on the server (SVG): one per value present."""
    top = max(counts.values(), default=0) or 1
    shown = [(k, n) for k, n in counts.items() if n]
    return [Bar(labels[k], n, BAR_COLOURS.get(k, "#768692"), 24 * i, round(width * n / top, 1))
            for i, (k, n) in enumerate(shown)]


def status_bars(records: Sequence[ActionRecord]) -> list[Bar]:
    found = Counter(r.status for r in records)
    order: list[str | None] = [*ENUMS["status"], None]
    labels: dict[str | None, str] = {None: "(no status)"}
    labels.update(STATUS_NAMES)
    return bars({k: found.get(k, 0) for k in order}, labels)


def rag_bars(records: Sequence[ActionRecord]) -> list[Bar]:
    found = Counter(r.rag for r in records)
    order: list[str | None] = [*ENUMS["rag"], None]
    labels: dict[str | None, str] = {k: k.capitalize() for k in ENUMS["rag"]}
    labels[None] = "(no RAG)"
    return bars({k: found.get(k, 0) for k in order}, labels)


def by_severity(findings: Sequence[Finding], rows: Sequence[Row] = ()
                ) -> list[tuple[str, str, list[tuple[Finding, int | None]]]]:
    """(severity, its title, its findings each with the index of its row in the table, if it
    has one) for each severity found, errors first."""
    row_of = {id(f): row.index for row in rows for f in row.findings}
    return [(s, SEVERITY_TITLES[s], items) for s in SEVERITIES
            if (items := [(f, row_of.get(id(f))) for f in findings if f.severity == s])]


def finding_codes(findings: Sequence[Finding]) -> list[tuple[str, str, int]]:
    """(code, plain words, count) of the codes found, for the finding filter."""
    found = Counter(f.code for f in findings)
    return [(code, ADVICE.get(code, code).split(":")[0], found[code]) for code in RULES if found[code]]


#: the comparison's groups as the page shows them, in order
GROUPS = (("slipped", "Slipped: due later"), ("status", "Changed status"),
          ("completed", "Completed"), ("added", "Added"), ("dropped", "Dropped without closure"),
          ("removed", "Removed after closing"), ("changed", "Other changes"))


def group_of(pair: Pair) -> str | None:
    if pair.kind == "added":
        return "added"
    if pair.kind == "removed":
        return "dropped" if pair.warning else "removed"
    if pair.slip_days and pair.slip_days > 0:
        return "slipped"
    if pair.kind == "completed":
        return "completed"
    if pair.status_change:
        return "status"
    return "changed" if pair.kind == "changed" else None


def comparison_groups(comparison: Comparison) -> list[tuple[str, str, list[Pair]]]:
    """(key, title, pairs) for each group of the comparison, empty groups included."""
    grouped: dict[str, list[Pair]] = {key: [] for key, _title in GROUPS}
    for pair in comparison.pairs:
        key = group_of(pair)
        if key:
            grouped[key].append(pair)
    return [(key, title, grouped[key]) for key, title in GROUPS]
