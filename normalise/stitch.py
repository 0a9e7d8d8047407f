"""One stitching mechanism for every format: source tables -> logical tables of body rows.

A source table that may continue the one before (a new page, a new text block) and has the same
columns is stitched on when its first row is empty, repeats the header, or is no header at all.
Repeated header rows are dropped; the first body row after each break is marked, so that
`rows.py` can decide whether it carries on the row cut by the break.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from actionplan.ingest import Document, SourceTable

from .columns import ColumnClassifier, ColumnMap
from .preamble import is_detail_label
from .record import Residue
from .text import clean_cell, fold, mostly_lower
from .trace import Decision, Trace

EDGE_TOLERANCE = 12.0


@functools.cache
def unfilled(width: int) -> tuple[None, ...]:
    """The fills of a row with no filled cell: one shared tuple per width, not a list per row."""
    return (None,) * max(width, 0)


@dataclass(slots=True)
class Row:
    cells: list[str]
    fills: tuple[str | None, ...]
    table: int
    row: int
    page: int | None
    spanning: bool = False
    after_break: bool = False

    def text(self, column: int | None) -> str:
        return self.cells[column] if column is not None and column < len(self.cells) else ""

    @property
    def non_empty(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c]


@dataclass
class LogicalTable:
    columns: ColumnMap
    #: the header rows folded, to recognise them when a page repeats them
    header_keys: list[list[str]]
    width: int
    column_edges: list[float] | None
    rows: list[Row] = field(default_factory=list)
    #: the source table whose header rows gave the columns, and its last header row
    header_table: int = 0
    header_row: int = 0


@dataclass
class Stitched:
    tables: list[LogicalTable]
    residue: list[Residue]
    #: source tables with no action column (legends, version histories), cleaned
    other_tables: list[SourceTable]
    trace: Trace


def clean_table(table: SourceTable) -> list[list[str]]:
    return [[clean_cell(c) for c in row] + [""] * (table.width - len(row)) for row in table.rows]


def edges_match(a: list[float] | None, b: list[float] | None) -> bool:
    if a is None or b is None:
        return True
    return len(a) == len(b) and all(abs(x - y) <= EDGE_TOLERANCE for x, y in zip(a, b, strict=True))


def continues(current: LogicalTable | None, table: SourceTable, rows: list[list[str]],
              classifier: ColumnClassifier, may_continue: bool) -> bool:
    """A table carries on the one before when it may (a new page, a new block, or a Word table
    with no text between it and the last), has the same columns, and does not start with a
    header of its own: its first row is empty, repeats the header, or does not read as one (a
    row of a plan's header words, "progress" and "organisations" carried over a page break,
    is a header only if it names an action column)."""
    if current is None or not may_continue or table.width != current.width:
        return False
    if not edges_match(current.column_edges, table.column_edges):
        return False
    first = rows[0]
    return (not any(first) or repeats_header(first, current.header_keys)
            or header_again(rows, 0, current.header_keys) > 0
            or classifier.header_score(first) == 0 or mostly_lower(first)
            or not classifier.classify([first], rows[1:]).is_plan_table)


def run_of(rows: list[list[str]]) -> str:
    """Header rows as one run of text, column by column, spaces and line breaks left out."""
    width = max((len(r) for r in rows), default=0)
    return "".join(fold(r[c]) for c in range(width) for r in rows if c < len(r)).replace(" ", "")


def repeats_header(cells: list[str], header_keys: list[list[str]]) -> bool:
    """Is this row a header row again, as a new page repeats it? Cell by cell, or as one run of
    text where the page's column edges cut a header cell's words differently ("Action" and
    "status Narrative update" for "Action status" and "Narrative update")."""
    folded = [fold(c) for c in cells]
    if folded in header_keys:
        return True
    run = run_of([folded])
    return bool(run) and any(run == run_of([key]) for key in header_keys)


def header_again(rows: list[list[str]], i: int, header_keys: list[list[str]]) -> int:
    """How many rows from i repeat the whole header with its lines parted into rows another
    way (one row for a header that wrapped into two before, or the reverse); 0 when none."""
    whole = run_of(header_keys)
    return next((k for k in (1, 2, 3) if i + k <= len(rows) and run_of(rows[i:i + k]) == whole), 0)


def details_table(rows: list[list[str]], classifier: ColumnClassifier) -> bool:
    """A two-column table of a document's details ("Plan | Health Inequalities Action Plan",
    "Last updated | 1 May 2020"), whose values may read as header words ("Action Plan"): its
    first column names no field, and most of its labels are detail labels."""
    filled = [r for r in rows if any(r)]
    if not filled or max(len(r) for r in filled) != 2 or classifier.reader.field_of(filled[0][0]):
        return False
    labels = [r[0] for r in filled if r[0]]
    return bool(labels) and sum(is_detail_label(label) for label in labels) * 2 > len(labels)


def tables_after_text(document: Document) -> set[int]:
    """Indices of the tables that have text between them and the table before."""
    return {line.after_table + 1 for line in document.lines if line.text.strip()}


def body_rows(table: SourceTable, rows: list[list[str]], start: int, header_keys: list[list[str]],
              after_break: bool, trace: Trace) -> list[Row]:
    out: list[Row] = []
    skip = 0
    for i in range(start, len(rows)):
        cells = rows[i]
        if skip:
            skip -= 1
            continue
        if repeats_header(cells, header_keys):
            trace.add(table.index, i + 1, "repeated header")
            continue
        count = header_again(rows, i, header_keys) if not out and after_break else 0
        if count:  # the header again, its lines parted into rows another way on this page
            trace.add(table.index, i + 1, "repeated header", f"its lines parted into {count} row(s)")
            skip = count - 1
            continue
        if not any(cells) and not out and after_break:
            trace.add(table.index, i + 1, "repeated header", "empty header row")
            continue
        fills = table.fills[i] if table.fills and i < len(table.fills) else ()
        out.append(Row(cells, unfilled(len(cells)) if not any(fills) else
                       (*fills, *unfilled(len(cells) - len(fills))),
                       table.index, i + 1, table.page, spanning=i in table.spanning_rows))
    if out and after_break:
        out[0].after_break = True
    return out


def stitch(document: Document, classifier: ColumnClassifier, trace: Trace | None = None,
           let_go: bool = False) -> Stitched:
    """Group a document's source tables into logical tables of body rows; with `let_go`, a plan
    table's source rows are dropped once they are body rows (tables that are not plan tables
    keep theirs: the preamble reads them).

    Word tables are never cut by the reader, but a plan converted from a PDF often holds one
    Word table per page: a table right after another, with no text between, may carry it on.
    """
    after_text = tables_after_text(document)
    tables: list[LogicalTable] = []
    residue: list[Residue] = []
    others: list[SourceTable] = []
    trace = Trace() if trace is None else trace
    current: LogicalTable | None = None
    for table in document.tables:
        rows = clean_table(table)
        if not rows or not any(any(r) for r in rows):
            continue
        may_continue = table.may_continue or (
            document.format == "docx" and table.index not in after_text)
        if continues(current, table, rows, classifier, may_continue):
            assert current is not None
            current.rows += body_rows(table, rows, 0, current.header_keys, True, trace)
            if let_go:
                table.rows = []
            continue
        header = classifier.find_header(rows, table.header_rows)
        columns = None
        if header is not None:
            first, end = header
            spans = {(r - first, c): n for (r, c), n in table.col_spans.items() if first <= r < end}
            columns = classifier.classify(rows[first:end], rows[end:], spans)
        details = details_table(rows, classifier)
        if header is None or columns is None or not columns.is_plan_table or details:
            others.append(SourceTable(table.index, rows, table.page, fills=table.fills))
            why = "document details, not actions" if details else "table has no action column"
            residue += _residue(document.path, table, rows, range(len(rows)), why)
            trace.extend(Decision(table.index, i + 1, "not a plan table", why if details else "")
                         for i in range(len(rows)))
            continue
        first, end = header
        residue += _residue(document.path, table, rows, range(first), "text above the header row")
        trace.extend(Decision(table.index, i + 1, "above header") for i in range(first))
        trace.extend(Decision(table.index, i + 1, "header") for i in range(first, end))
        for decision in columns.decisions:
            trace.add(table.index, end, "column", decision.describe(), decision.column)
        current = LogicalTable(
            columns=columns,
            header_keys=[[fold(c) for c in r] for r in rows[first:end]],
            width=table.width, column_edges=table.column_edges, header_table=table.index,
            header_row=end)
        current.rows = body_rows(table, rows, end, current.header_keys, False, trace)
        if let_go:
            table.rows = []
        tables.append(current)
    return Stitched(tables, residue, others, trace)



def _residue(path: str, table: SourceTable, rows: list[list[str]], indices: range,
             reason: str) -> list[Residue]:
    return [Residue(path, table.page, table.index, i + 1, " | ".join(c for c in rows[i] if c), reason)
            for i in indices if any(rows[i])]
