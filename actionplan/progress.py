"""Progress on standard error: a bar on a terminal, a plain line per file otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .pipeline import FileOutcome, printable


class Progress:
    def __init__(self, total: int, mode: str = "auto", stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.done, self.actions, self.failed = total, 0, 0, 0
        self.started = time.monotonic()
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode

    def __call__(self, outcome: FileOutcome) -> None:
        self.done += 1
        found = len(outcome.normalised.records) if outcome.normalised and not outcome.failure else 0
        self.actions += found
        self.failed += bool(outcome.failure)
        if self.mode == "lines":
            state = ("failed" if outcome.failure else "unchanged" if outcome.skipped
                     else f"{found} actions")
            self.stream.write(f"[{self.done}/{self.total}] {printable(outcome.path)}: {state}\n")
        elif self.mode == "bar":
            self.stream.write("\r" + self.bar())
            if self.done == self.total:
                self.stream.write("\n")
        self.stream.flush()

    def bar(self, width: int = 30) -> str:
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0
        eta = time.strftime("%M:%S", time.gmtime(left))
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files, "
                f"{self.actions} actions, {self.failed} failed, ETA {eta}")
