"""What normalisation decided about each source row and cell, for `actionplan inspect`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """One decision about a source row (or one of its cells when `column` is set)."""

    table: int
    row: int
    kind: str  # header, repeated header, above header, not a plan table, section heading,
    #            continuation, action, no action text, group, inherited, status from fill
    note: str = ""
    column: int | None = None


class Trace(list[Decision]):
    def add(self, table: int, row: int, kind: str, note: str = "", column: int | None = None) -> None:
        self.append(Decision(table, row, kind, note, column))
