"""Progress on standard error: click's bar on a terminal (as wide as the terminal), a plain line
per file otherwise, so logs and pipes get text they can read."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

from .pipeline import FileOutcome, counted, printable


class Progress:
    def __init__(self, total: int, mode: str = "auto", stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.done, self.actions, self.failed = total, 0, 0, 0
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode
        self.bar: Any = None
        if mode == "bar":
            # width=0: the bar takes what the terminal has left beside the counts
            self.bar = click.progressbar(length=total, file=self.stream, width=0, show_eta=True,
                                         show_pos=True, item_show_func=self.counts)

    def counts(self, _item: object = None) -> str:
        return f"{counted(self.actions, 'action')}, {self.failed} failed"

    def __call__(self, outcome: FileOutcome) -> None:
        self.done += 1
        found = len(outcome.normalised.records) if outcome.normalised and not outcome.failure else 0
        self.actions += found
        self.failed += bool(outcome.failure)
        if self.bar is not None:
            self.bar.update(1, outcome.path)
            if self.done == self.total:
                self.bar.render_finish()
            return
        if self.mode == "lines":
            state = ("failed" if outcome.failure else "unchanged" if outcome.skipped
                     else counted(found, "action"))
            self.stream.write(f"[{self.done}/{self.total}] {printable(outcome.path)}: {state}\n")
            self.stream.flush()
