"""What normalisation decided about each source row and cell, for `actionplan inspect`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision about a source row (or one of its cells when `column` is set)."""

    table: int
    row: int
    kind: str  # header, repeated header, above header, not a plan table, section heading,
    #            continuation, action, no action text, group, inherited, status from fill
    note: str = ""
    column: int | None = None


class Trace(list[Decision]):
    """The decisions, in the order taken; one made with `kept=False` takes none down (a run that
    only writes records has no use for them, and they grow with the document)."""

    def __init__(self, kept: bool = True) -> None:
        super().__init__()
        self.kept = kept

    def add(self, table: int, row: int, kind: str, note: str = "", column: int | None = None) -> None:
        if self.kept:
            self.append(Decision(table, row, kind, note, column))

    def extend(self, decisions: Iterable[Decision]) -> None:
        if self.kept:
            super().extend(decisions)
