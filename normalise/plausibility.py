"""Tables whose rows look wrong: a warning instead of a silently wrong result.

A reader that cut a table's rows in the wrong places still gives records, and nothing fails. The
records themselves show it: the "actions" are fragments (most start in lower case, or are a line
of a few words, or rows hold lower-case text with their ref, date and lead empty), or a column
that gives one short value per action (a ref, a date, a lead) is empty on most rows, so there
are far more rows than actions. Each such table gets one warning naming the file and page and
the command that shows how the page was read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .record import ActionRecord

MIN_ROWS = 6            # fewer rows than this tell too little
LOWER_SHARE = 0.3       # this share of actions starting in lower case are continuations
FRAGMENT_SHARE = 0.1    # this share of rows of lower-case text with every one-value cell empty
SHORT_WORDS = 4         # an action of this many words or fewer is one short line
SHORT_SHARE = 0.8       # ... and most of them being that short is a table cut line by line
EMPTY_SHARE = 0.6       # a one-value column empty on this share of rows that has some values
ONE_VALUE_FIELDS = ("ref", "due_text", "lead")


@dataclass(frozen=True)
class Implausible:
    """One table whose rows look wrong, and why."""

    source_file: str
    page: int | None
    table: int
    rows: int
    reasons: tuple[str, ...]

    def message(self) -> str:
        where = f"page {self.page}, table {self.table}" if self.page else f"table {self.table}"
        look = (f"; see `actionplan inspect {self.source_file} --page {self.page}`"
                if self.page and self.source_file.lower().endswith(".pdf") else "")
        return (f"{self.source_file}: {where}: {self.rows} rows look implausible "
                f"({'; '.join(self.reasons)}){look}")


def reasons_for(records: list[ActionRecord]) -> list[str]:
    """Why these records (one table's) do not look like one action per row; empty when they do."""
    actions = [r.action.strip() for r in records]
    found = []
    lower = sum(1 for a in actions if a[:1].islower())
    used = [name for name in ONE_VALUE_FIELDS if any(getattr(r, name) for r in records)]
    fragments = sum(1 for r, a in zip(records, actions, strict=True)
                    if a[:1].islower() and used and not any(getattr(r, name) for name in used))
    if lower >= LOWER_SHARE * len(actions):
        found.append(f"{lower} actions start in lower case")
    elif fragments >= max(2, FRAGMENT_SHARE * len(actions)):
        found.append(f"{fragments} rows hold only lower-case text, like the rest of the row above")
    short = sum(1 for a in actions if len(a.split()) <= SHORT_WORDS)
    if short >= SHORT_SHARE * len(actions):
        found.append(f"{short} actions are {SHORT_WORDS} words or fewer")
    for name in ONE_VALUE_FIELDS:
        filled = sum(1 for r in records if getattr(r, name))
        if filled and len(records) - filled >= EMPTY_SHARE * len(records):
            found.append(f"{name} empty on {len(records) - filled} of {len(records)} rows")
    return found


def implausible_tables(records: Iterable[ActionRecord]) -> list[Implausible]:
    """Each table (per page) of a document's records whose rows look implausible."""
    by_table: dict[tuple[str, int | None, int], list[ActionRecord]] = defaultdict(list)
    for record in records:
        by_table[(record.source_file, record.page, record.table)].append(record)
    out = []
    for (source, page, table), rows in by_table.items():
        if len(rows) >= MIN_ROWS:
            reasons = reasons_for(rows)
            if reasons:
                out.append(Implausible(source, page, table, len(rows), tuple(reasons)))
    return out


def warnings(records: Iterable[ActionRecord]) -> list[str]:
    """One line per implausible table, for the summary."""
    return [table.message() for table in implausible_tables(records)]
