"""Progress: a bar that fits the terminal, a line per file off a terminal."""

from __future__ import annotations

import io
import re

from actionplan.pipeline import Failure, FileOutcome
from actionplan.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_fits_a_narrow_terminal_and_stays_on_one_line(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    screen = Terminal()
    progress = Progress(5, stream=screen)
    for i in range(5):
        progress(FileOutcome(f"plans/a-very-long-folder-name/plan-{i}.docx",
                             failure=Failure("x", "x: broken") if i == 2 else None))
    visible = re.sub(r"\x1b\[[?0-9;]*[A-Za-z]", "", screen.getvalue())  # cursor codes
    frames = [f for f in re.split(r"[\r\n]", visible) if f.strip()]
    assert frames and all(len(f) <= 60 for f in frames), max(map(len, frames))
    assert screen.getvalue().count("\n") == 1  # one line, redrawn; a new line only at the end
    assert "5/5" in frames[-1] and "0 actions, 1 failed" in frames[-1]


def test_off_a_terminal_each_file_is_one_plain_line():
    log = io.StringIO()
    progress = Progress(2, stream=log)
    progress(FileOutcome("a.docx"))
    progress(FileOutcome("b\x1b[31m.pdf", failure=Failure("b", "b: broken")))
    assert log.getvalue().splitlines() == ["[1/2] a.docx: 0 actions", "[2/2] b\\x1b[31m.pdf: failed"]


def test_no_color_turns_colour_off(monkeypatch):
    from actionplan.cli import colour_wanted

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert colour_wanted(Terminal()) and not colour_wanted(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(Terminal())
