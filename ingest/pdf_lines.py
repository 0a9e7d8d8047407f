"""A page's words grouped into text lines, and a line's word groups: shared by the PDF readers."""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from typing import Any

Word = dict[str, Any]

CLUSTER_GAP = 6.0       # points between two words of different cells in one line
CLUSTER_EM = 0.5        # ... or this share of the font size, in large type
FLOW_GAP = 4.5          # at most a word space: text this close across a boundary is one cell
EXACT = 0.5             # left-aligned text of one column starts this close to the column start
ALIGN = 2.5             # how close a word start must be to a column start to support it


@dataclass
class Line:
    top: float
    bottom: float
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def text(self) -> str:
        """The line's words, a space apart; the pieces of a word cut at a column start meet
        again where they stay together (a section row's text flowing over the columns)."""
        out = ""
        for prev, word in zip([None, *self.words], self.words, strict=False):
            if prev is not None:
                out += "" if prev.get("cut") and word["x0"] - prev["x1"] < 0.5 else " "
            out += word["text"]
        return out

    @property
    def middle(self) -> float:
        """Where the line is placed: a font's ascent box may poke above the cell's top rule."""
        return (self.top + self.bottom) / 2


def text_lines(words: list[Word], tolerance: float = 2.0) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) <= tolerance:
            lines[-1].words.append(word)
            lines[-1].bottom = max(lines[-1].bottom, word["bottom"])
        else:
            lines.append(Line(word["top"], word["bottom"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def clusters(line: Line) -> list[list[Word]]:
    """A line's word groups: words further apart than a word space are in different cells. A
    title's word spaces grow with its font, so the gap does too ("Greenbank  Borough" at 24 pt
    is one run)."""
    groups: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word["x0"] - prev["x1"] > max(CLUSTER_GAP, CLUSTER_EM * float(word.get("size") or 0.0)):
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def flush_start(prev: Word, word: Word, x: float) -> bool:
    """`word` starts at column start x a word space after `prev`: a cell's text running up to the
    next column's text with no padding, or (rarely) a spanning line that happens to align."""
    return prev["x0"] < x - ALIGN and abs(word["x0"] - x) < ALIGN and word["x0"] - prev["x1"] <= FLOW_GAP


def crosses(line: Line, columns: list[float], tight: bool = False) -> bool:
    """True when the line's text flows over a column start (a heading, a title, a paragraph):
    a word straddles it, or a word space holds it. In a `tight` table (no cell padding) a word
    starting exactly at the column start is that column's text, not a flow across it (a word
    of a section row lands near a column start by chance, seldom on it)."""
    for prev, word in itertools.pairwise(line.words):
        if cut_mid_word(prev, word):
            return True
        for x in columns[1:]:
            if (prev["x0"] < x - ALIGN and word["x0"] >= x - ALIGN
                    and word["x0"] - prev["x1"] <= FLOW_GAP
                    and not (tight and flush_start(prev, word, x) and abs(word["x0"] - x) < EXACT)):
                return True
    return any(w["x0"] < x - ALIGN < w["x1"] - ALIGN for w in line.words for x in columns[1:])


def cut_mid_word(prev: Word, word: Word) -> bool:
    """A word cut at a column start between two letters, lower case going on ("t|he"): text
    flowing over the column, not two cells' texts touching ("reporting|CEO")."""
    return bool(prev.get("cut")) and prev["text"][-1:].isalpha() and word["text"][:1].islower() \
        and word["x0"] - prev["x1"] < 0.5


def tight_count(lines: list[Line], columns: list[float]) -> int:
    """How many lines have one cell's text running up to the next column's text."""
    return sum(1 for line in lines if any(flush_start(a, b, x) for a, b in itertools.pairwise(line.words)
                                          for x in columns[1:]))


def tight(lines: list[Line], columns: list[float]) -> bool:
    """No cell padding: on many lines one cell's text runs up to the next column's text."""
    return tight_count(lines, columns) >= max(3, 0.1 * len(lines))


def spanning_line(line: Line, columns: list[float], tight: bool = False) -> bool:
    """One text run across column starts: a cell spanning the table (a section row), wherever
    it starts (left or centred). Not a line that starts in lower case: that is a cell's text
    going on, run up to the next cell's with no padding."""
    return (len(clusters(line)) == 1 and not line.words[0]["text"][:1].islower()
            and crosses(line, columns, tight))


def in_cell_pitch(lines: list[Line]) -> float:
    """The distance from one line of a cell to the next: about the smallest step between lines
    (steps between rows are wider). A step shorter than a line is high is none: the lines of a
    merged cell set off from the lines of the rows beside it."""
    height = statistics.median(line.bottom - line.top for line in lines) if lines else 0.0
    pitches = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top - a.top >= 0.9 * height]
    if not pitches:
        return 12.0
    small = sorted(pitches)[: max(1, len(pitches) // 3)]
    return statistics.median(small)
