"""Drafts -> action records: field values, status, due date, ids and flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from actionplan.ingest import Document

from .checks import DAY_DEPENDENT, RULES, Checker, Finding, TableColumns
from .choices import status_choices, with_status_choices
from .columns import ColumnMap
from .dates import only_month_first, read_due
from .headers import FIELDS as COLUMN_FIELDS
from .identity import action_ids, action_key
from .legend import find_legend
from .preamble import paragraph_headings, plan_title, plan_updated
from .record import ActionRecord, Residue
from .rows import Draft, SectionState, draft_actions, trailing_headings
from .settings import Settings
from .sheets import sheet_preambles
from .status import read_status
from .stitch import stitch
from .trace import Trace

TEXT_FIELDS = tuple(f for f in COLUMN_FIELDS if f not in ("theme", "outcome"))


@dataclass
class Normalised:
    """A document's records, what was left out of them, and its tables' columns."""

    records: list[ActionRecord]
    residue: list[Residue]
    tables: list[TableColumns]
    #: every finding about the document's data, in document order
    findings: list[Finding] = field(default_factory=list)
    #: the day "overdue" was judged on (the one given, else the plan's update date), or None
    judged_on: date | None = None
    #: what was decided about each source row, for `inspect`
    trace: Trace = field(default_factory=Trace)


def title_in_first_table(residue: list[Residue], first: int) -> Residue | None:
    """A title written in the first table's top row, above its header, when nothing is above it:
    the residue item that holds it (one cell of text)."""
    above = [r for r in residue if r.reason == "text above the header row" and r.table == first]
    return above[0] if above and " | " not in above[0].text else None


def field_values(draft: Draft, columns: ColumnMap) -> tuple[dict[str, str | None], dict[str, str]]:
    values: dict[str, str | None] = {}
    for name in TEXT_FIELDS:
        if name in columns.periods:
            filled = [text for c in columns.periods[name] if (text := draft.cell(c))]
            values[name] = filled[-1] if filled else None
        else:
            values[name] = draft.cell(columns.column_of(name)) or None
    extra_columns = sorted([*columns.extra, *(c for cs in columns.periods.values() for c in cs)])
    extra: dict[str, str] = {}
    for column in extra_columns:
        text = draft.cell(column)
        if text:
            key = columns.extra.get(column) or columns.headers[column]
            while key in extra:
                key = f"{key} ({column + 1})"
            extra[key] = text
    return values, extra


def ordered_flags(codes: list[str]) -> list[str]:
    order = list(RULES)
    return sorted(set(codes), key=lambda c: order.index(c) if c in order else len(order))


def normalise(document: Document, settings: Settings | None = None,
              as_of: date | None = None, records_only: bool = False) -> Normalised:
    """Raw source tables -> action records per SCHEMA.md.

    `as_of` is the day "overdue" is judged on; without one, the plan's own update date is used,
    and without that no record is flagged overdue (records never depend on the day they are made).
    `records_only` is for a caller that wants the records and nothing else: no trace is kept
    (what was decided about each row, for `inspect`), and the source rows of the plan tables are
    let go of once stitched, so the document is spent; memory then stays near flat in pages.
    """
    settings = settings or Settings()
    stitched = stitch(document, settings.classifier, Trace(kept=not records_only),
                      let_go=records_only)
    settings = with_status_choices(settings, status_choices(document, stitched))
    legend = find_legend(document, stitched.other_tables, settings.vocabulary)
    first_table = next((t.rows[0].table for t in stitched.tables if t.rows), 1)
    title, updated = plan_title(document, first_table), plan_updated(document, first_table)
    in_table = title_in_first_table(stitched.residue, first_table) if title is None else None
    if in_table is not None:
        title = in_table.text
        stitched.residue.remove(in_table)
    judged_on = as_of or updated
    per_sheet = sheet_preambles(document, stitched, title, updated)
    sections = SectionState()
    residue = [*stitched.residue, *skipped_residue(document)]
    drafted: list[tuple[int, Draft, dict[str, str | None], dict[str, str]]] = []
    tables: list[TableColumns] = []
    for index, table in enumerate(stitched.tables):
        first = table.rows[0] if table.rows else None
        present = frozenset(table.columns.fields) | frozenset(table.columns.periods)
        tables.append(TableColumns(document.path, first.page if first else None,
                                   first.table if first else 0, present))
        if first:
            sections.open_headings(paragraph_headings(document, first.table, title))
        drafts, left = draft_actions(table, sections, document.path, stitched.trace)
        table.rows = []  # drafted: each row is in a draft now; memory stays near flat in pages
        residue += left
        for draft in drafts:
            values, extra = field_values(draft, table.columns)
            draft.fragments = []  # read into its values
            drafted.append((index, draft, values, extra))
        drafts.clear()
    month_first = settings.month_first
    if month_first is None:
        month_first = only_month_first(values["due_text"] for _, _, values, _ in drafted)
    sheets = {t.index: t.sheet for t in document.tables}
    records: list[ActionRecord] = []
    record_tables: list[int] = []  # for each record, its logical table's index in `tables`
    drafted.reverse()
    while drafted:  # each draft let go of once its record is made
        index, draft, values, extra = drafted.pop()
        columns = stitched.tables[index].columns
        preamble = per_sheet.get(sheets.get(draft.first.table) or "", (title, updated))
        record = make_record(document, draft, columns, (values, extra), settings, legend, preamble,
                             month_first, sheets.get(draft.first.table))
        if "status_from_colour" in record.flags:
            stitched.trace.add(record.table, record.row, "status from fill",
                               f"{record.rag}: {record.status}", columns.column_of("status_text"))
        records.append(record)
        record_tables.append(index)
    residue += trailing_headings(sections, document.path)
    ids = action_ids([action_key(r.plan_title, r.section, r.ref, r.action) for r in records])
    for record, action_id in zip(records, ids, strict=True):
        record.action_id = action_id
    findings = check(records, record_tables, tables, residue, settings, judged_on)
    return Normalised(records, residue, tables, findings, judged_on, stitched.trace)


def check(records: list[ActionRecord], record_tables: list[int], tables: list[TableColumns],
          residue: list[Residue], settings: Settings, judged_on: date | None) -> list[Finding]:
    """Run the checks; each record's flags become the codes of the findings about it."""
    checker = Checker(settings.checks)
    per_record: list[list[Finding]] = [list(checker.record(r, tables[t].fields, judged_on))
                                       for r, t in zip(records, record_tables, strict=True)]
    for index, plan_finding in checker.plan(records):
        per_record[index].append(plan_finding)
    for record, about in zip(records, per_record, strict=True):
        record.flags = ordered_flags([f.code for f in about if f.code not in DAY_DEPENDENT
                                      or judged_on is not None])
    findings = [f for table in tables for f in checker.table(table)]
    findings += [f for item in residue if item.reason == "row has no action text"
                 for f in [checker.finding("missing_action", source_file=item.source_file,
                                           page=item.page, table=item.table, row=item.row,
                                           text=item.text)] if f]
    findings += [f for found in per_record for f in found]
    return findings


def skipped_residue(document: Document) -> list[Residue]:
    """Text the reader left out on purpose (hidden rows, columns, sheets)."""
    return [Residue(document.path, None, s.table, s.row, s.text, s.reason) for s in document.skipped]


def make_record(document: Document, draft: Draft, columns: ColumnMap,
                cells: tuple[dict[str, str | None], dict[str, str]], settings: Settings,
                legend: dict[str, str], preamble: tuple[str | None, date | None],
                month_first: bool, sheet: str | None) -> ActionRecord:
    values, extra = cells
    title, updated = preamble
    status_column = columns.column_of("status_text")
    fill = draft.fills[status_column] if status_column is not None else None
    status = read_status(values["status_text"] or "", fill, settings.vocabulary, legend)
    due = read_due(values["due_text"], month_first)
    groups = {name: (group.text if group else None) for name, group in draft.groups.items()}
    return ActionRecord(
        source_file=document.path, source_format=document.format,
        source_sha256=document.sha256, page=draft.first.page, table=draft.first.table,
        row=draft.first.row, plan_title=title, plan_updated=updated, action_id="",
        section=draft.section, theme=groups["theme"], outcome=groups["outcome"],
        ref=values["ref"], action=values["action"] or "", evidence=values["evidence"],
        lead=values["lead"], due_text=values["due_text"], risks=values["risks"],
        notes=values["notes"], progress=values["progress"], status_text=values["status_text"],
        extra=extra, status=status.status, status_score=status.score, rag=status.rag,
        due_date=due.due_date, due_kind=due.due_kind, recurrence=due.recurrence,
        flags=[*status.flags, *due.flags, *(["month_first_dates"] if month_first else [])],
        sheet=sheet)
