"""Body rows -> draft actions: section headings, merged grouping cells, rows cut by page breaks.

Grouping cells (`theme`, `outcome`) are merged cells in the source: a blank one means "same as
above". Each draft points at a shared `Group`, so when the rest of a merged cell turns up after
a page break the text is joined once and every action under that cell sees the whole of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .columns import ColumnMap
from .headers import GROUPING_FIELDS
from .record import Residue
from .stitch import LogicalTable, Row
from .text import mostly_lower, starts_lower
from .trace import Trace


@dataclass(slots=True)
class Group:
    text: str


@dataclass(slots=True)
class Draft:
    """One action being assembled from one row and, after a page break, its continuation."""

    first: Row
    section: list[str]
    groups: dict[str, Group | None]
    fragments: list[list[str]]
    fills: list[str | None]

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.fragments):
            return ""
        return " ".join(self.fragments[column])

    def add(self, row: Row, skip: set[int]) -> None:
        for i, text in enumerate(row.cells):
            if text and i not in skip:
                self.fragments[i].append(text)
            if self.fills[i] is None and i < len(row.fills):
                self.fills[i] = row.fills[i]


@dataclass
class SectionState:
    """Headings in force, kept across the tables of one document."""

    path: list[str] = field(default_factory=list)
    #: heading rows read but not yet applied: a run of them sets the whole path
    pending: list[Row] = field(default_factory=list)

    def open_headings(self, headings: list[tuple[int, str]]) -> None:
        """Heading paragraphs above a table: each level replaces that level and those below."""
        for level, text in headings:
            self.path = [*self.path[:max(level - 1, 0)], text]

    def settle(self) -> bool:
        """Apply waiting heading rows; consecutive ones set the whole path. True if any."""
        if not self.pending:
            return False
        texts = [heading_text(row) for row in self.pending]
        self.path = texts if len(texts) > 1 else [*self.path[:-1], texts[0]]
        self.pending = []
        return True


#: how a sentence that goes on about the one before starts; an action starts with its verb
ANAPHORIC = re.compile(r"^(this|these|that|it|they|which|including|in addition|also|as well as)\b",
                       re.IGNORECASE)


def heading_text(row: Row) -> str:
    return row.cells[row.non_empty[0]]


def is_heading_shape(row: Row, columns: ColumnMap) -> bool:
    """A row whose only text is in its first cell (or one cell spanning the table); also a row
    whose one cell is in a column of no field, as a section row extracted past a narrow first
    column ("No.") puts it."""
    if row.spanning or (len(row.cells) > 1 and row.non_empty == [0]):
        return True
    return len(row.non_empty) == 1 and len(row.cells) > 2 and row.non_empty[0] in columns.extra


def is_sentence_fragment(row: Row, columns: ColumnMap) -> bool:
    """Text alone in the action cell (not a cell spanning the table) that reads as a sentence:
    six words or more ending in a full stop. A heading is a title, and does not end so; this is
    the rest of the action above, cut from it by a page break or a misread row boundary."""
    text = row.cells[row.non_empty[0]].rstrip()
    return (row.non_empty[0] == columns.column_of("action") and not row.spanning
            and len(text.split()) >= 6 and text.endswith((".", ";")))


def is_continuation(row: Row, draft: Draft | None, columns: ColumnMap, capitalised: bool = False) -> bool:
    """Does this row carry on the action above? Anywhere, when it is a sentence alone in the
    action cell that is no heading or points back at the action, or more words for its
    free-text cells, or (in a table whose actions start with capitals) an action cell going
    on in lower case with no ref of its own; after a page break, also when its cells carry on
    the row before's sentences (`carries_on_after_break`)."""
    if draft is None:
        return False
    action = row.text(columns.column_of("action"))
    if capitalised and starts_lower(action) and not row.text(columns.column_of("ref")):
        return True
    if is_heading_shape(row, columns) and is_sentence_fragment(row, columns):
        return True  # headings are titles; a sentence alone in the action cell is its rest
    if row.non_empty == [columns.column_of("action")] and not row.spanning \
            and ANAPHORIC.match(row.cells[row.non_empty[0]]):
        return True  # "This includes ...": a sentence that points back at the action above
    if only_more_words(row, columns):
        return True
    return row.after_break and carries_on_after_break(row, draft, columns)


def only_more_words(row: Row, columns: ColumnMap) -> bool:
    """A row with no action, ref, status or date of its own, only more words for the free-text
    cells of the action above (a second paragraph of its progress; a row under a merged action
    cell): not a new action, and not a grouping cell or heading either."""
    keys = {columns.column_of(name) for name in ("action", "ref", "status_text", "due_text")} - {None}
    grouping = {columns.column_of(name) for name in GROUPING_FIELDS} - {None}
    return (not is_heading_shape(row, columns) and not keys & set(row.non_empty)
            and bool(set(row.non_empty) - grouping))


def carries_on_after_break(row: Row, draft: Draft, columns: ColumnMap) -> bool:
    """The first row after a page break is the rest of the cut row when it has no action text
    of its own, or no ref and lower-case starts (in the action cell, or in most cells); or no
    status and date of its own where the row above stops mid-sentence."""
    if is_heading_shape(row, columns):
        return starts_lower(row.cells[row.non_empty[0]])
    if not row.text(columns.column_of("action")):
        return True
    ref, status, due = (columns.column_of(name) for name in ("ref", "status_text", "due_text"))
    if row.text(ref):
        return False
    if starts_lower(row.text(columns.column_of("action"))):
        return True  # the action's sentence goes on: the rest of the row the break cut
    if mostly_lower(row.cells):
        return True  # the rests of several cells ("homes", "received", "2025"): a cut row
    if row.text(status) and draft.cell(status):
        return False
    if row.text(due) and not starts_lower(row.text(due)):
        return False
    if due is not None and not row.text(due) and draft.cell(due) \
            and not draft.cell(columns.column_of("action")).endswith((".", "!", "?")):
        return True  # no date of its own, where the row above has one and stops mid-sentence
    return any(starts_lower(row.cells[i]) for i in row.non_empty)


def join_cut_row(row: Row, draft: Draft, groups: dict[str, Group | None],
                 group_columns: dict[str, int | None], skip: set[int]) -> None:
    """A row cut by a page break: each cell's fragment joins the draft's, grouping cells too."""
    for name, column in group_columns.items():
        text = row.text(column)
        if not text:
            continue
        group = draft.groups[name]
        if group is None:
            draft.groups[name] = groups[name] = Group(text)
        else:
            group.text = f"{group.text} {text}"
    draft.add(row, skip=skip)


def update_groups(row: Row, groups: dict[str, Group | None],
                  group_columns: dict[str, int | None]) -> None:
    """A grouping cell with text starts a new group; a blank one means "same as above". A
    lower-case start is the rest of the merged cell above, its words run on into this row or
    cut by a page break (where the column's groups start with capitals, or after a break)."""
    for name, column in group_columns.items():
        text = row.text(column)
        current = groups[name]
        if text and starts_lower(text) and current is not None \
                and (row.after_break or not starts_lower(current.text)):
            current.text = f"{current.text} {text}"  # the merged cell's words run on into this row
        elif text:
            groups[name] = Group(text)


def draft_actions(table: LogicalTable, sections: SectionState, path: str,
                  trace: Trace) -> tuple[list[Draft], list[Residue]]:
    """Turn a logical table's body rows into drafts, reporting rows that are no action."""
    columns = table.columns
    group_columns = {name: columns.column_of(name) for name in GROUPING_FIELDS}
    grouping_indices = {c for c in group_columns.values() if c is not None}
    groups: dict[str, Group | None] = dict.fromkeys(GROUPING_FIELDS)
    drafts: list[Draft] = []
    residue: list[Residue] = []
    last: Draft | None = None
    actions = [text for row in table.rows if (text := row.text(columns.column_of("action")))]
    capitalised = sum(starts_lower(text) for text in actions) <= len(actions) / 3
    for row in table.rows:
        if not row.non_empty:
            continue
        if last is not None and is_continuation(row, last, columns, capitalised):
            join_cut_row(row, last, groups, group_columns, grouping_indices)
            trace.add(row.table, row.row, "continuation",
                      f"joined to table {last.first.table} row {last.first.row}")
            continue
        if is_heading_shape(row, columns):
            sections.pending.append(row)
            trace.add(row.table, row.row, "section heading")
            last = None
            continue
        if sections.settle():
            groups = dict.fromkeys(GROUPING_FIELDS)
        if len(row.non_empty) == 1 and row.non_empty[0] in grouping_indices:
            update_groups(row, groups, group_columns)  # a merged grouping cell above its actions
            trace.add(row.table, row.row, "group", row.cells[row.non_empty[0]])
            continue
        if not row.text(columns.column_of("action")):
            residue.append(Residue(path, row.page, row.table, row.row,
                                   " | ".join(row.cells[i] for i in row.non_empty),
                                   "row has no action text"))
            trace.add(row.table, row.row, "no action text")
            continue
        update_groups(row, groups, group_columns)
        trace.add(row.table, row.row, "action", f"action {len(drafts) + 1}")
        for name, column in group_columns.items():
            group = groups[name]
            if column is not None and not row.text(column) and group is not None:
                trace.add(row.table, row.row, "inherited", group.text, column)
        last = Draft(first=row, section=list(sections.path), groups=dict(groups),
                     fragments=[[] for _ in row.cells], fills=[None] * len(row.cells))
        last.add(row, skip=grouping_indices)
        drafts.append(last)
    return drafts, residue


def trailing_headings(sections: SectionState, path: str) -> list[Residue]:
    """Heading rows with no action below them are reported, not lost."""
    out = [Residue(path, row.page, row.table, row.row, heading_text(row),
                   "heading with no action below it") for row in sections.pending]
    sections.pending = []
    return out
