"""Rows of a table read by its text: where a new row starts between two text lines.

Rules do not always separate rows, and with no padding consecutive rows are exactly one line
apart. Each boundary between two lines is then weighed on the text itself, column by column:
does the line continue the cell above (its first word would not have fitted at the end of the
line above) or start a new one; do several columns start a new block on the same line; does a
column that holds one short value per row (a ref, a date) start; do sentences end and start;
is there a wider gap or a rule. The evidence and the score stay on each boundary for `inspect`.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import RowBoundary
from .pdf_lines import ALIGN, EXACT, Line, Word, clusters, in_cell_pitch, spanning_line, tight

Rule = tuple[float, float, float]

FITS = 2.0            # a column's first word would have fitted on the line above: a new cell
#: a word that would not have fitted says the cell goes on, as much as a new cell's first word
#: usually does fit in that column: nothing in a narrow column of short values, more in a wide one
MAX_WRAPS = -2.0
STARTS = 1.0          # a column empty on the line above starts a block under earlier text
KEY_STARTS = 1.5      # ... and it is a column of one short value per row
ALIGNED = 2.0         # several columns begin a new block on the same line
SENTENCE = 0.5        # a capital after a line that ends a sentence
LOWER = -1.0          # a lower-case continuation
GAP = 3.0             # a gap wider than the table's line pitch
NO_GAP = -2.0         # no gap, in a table whose rows are parted by gaps
RULE = 3.0            # a rule or a fill edge between the lines
WIDE_PITCH = 1.35     # a pitch this much above the in-cell pitch is a gap between rows
RULED_CUE = 0.2      # a rule under this share of the table's width is evidence
RULED_CUT = 0.5      # ... under this share it parts the rows by itself
SURE = 6.0           # the text alone is this sure of a new row: cut even in a ruled table
STRONG = 3.0          # a boundary this sure needs no rule to be believed in a ruled table
FONT_LOOKBACK = 4    # lines above that a column's last text is looked for, for a change of font
CODED = re.compile(r"9")  # a shape with digits in it: a ref or a date, not a word
SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class Weighed:
    """One boundary's score and the cues behind it."""

    score: float = 0.0
    cues: list[str] = field(default_factory=list)

    def add(self, cue: str, value: float) -> None:
        if value:
            self.score += value
            self.cues.append(f"{cue} {value:+.1f}")


@dataclass
class Grid:
    """The body's lines cut into columns, with what each column tells about its text."""

    lines: list[Line]
    columns: list[float]
    cells: list[list[list[Word]]]
    spanning: list[bool]
    #: where each column's lines end at the furthest (a word that fits before it surely fits)
    right_edges: list[float]
    #: where each column's text must end (the next column's start)
    bounds: list[float]
    key_columns: set[int]
    space: float
    #: per column, how much a first word that would not have fitted tells of a continuation
    wrap_weight: list[float]
    #: where lines spanning the table end at the furthest
    span_edge: float


def column_index(x0: float, columns: Sequence[float]) -> int:
    return max(0, bisect.bisect_right(columns, x0 + ALIGN) - 1)


def word_space(lines: list[Line]) -> float:
    """The ordinary space between two words of one line."""
    gaps = [b["x0"] - a["x1"] for line in lines for a, b in itertools.pairwise(line.words)
            if 0 < b["x0"] - a["x1"] < 0.6 * a.get("size", 10.0)]
    if gaps:
        return statistics.median(gaps)
    return 0.25 * statistics.median([w.get("size", 10.0) for line in lines for w in line.words])


def grid_of(lines: list[Line], columns: list[float], right: float) -> Grid:
    width = len(columns)
    is_tight = tight(lines, columns)
    cells: list[list[list[Word]]] = []
    for line in lines:
        row: list[list[Word]] = [[] for _ in range(width)]
        for word in line.words:
            row[column_index(word["x0"], columns)].append(word)
        cells.append(row)
    spanning = [spanning_line(line, columns, is_tight)
                and not (i and goes_on_in_columns(line, cells[i - 1], columns))
                for i, line in enumerate(lines)]
    bounds = [*columns[1:], right]
    right_edges = []
    for c in range(width):
        ends = [cells[i][c][-1]["x1"] for i in range(len(lines)) if cells[i][c] and not spanning[i]]
        inside = [x for x in ends if x <= bounds[c] + ALIGN]
        right_edges.append(max(inside or ends or [bounds[c]]))
    space = word_space(lines)
    weights = [wrap_weight([cells[i][c] for i in range(len(lines)) if cells[i][c] and not spanning[i]],
                           bounds[c], space) for c in range(width)]
    span_edge = max([line.words[-1]["x1"] for line, span in zip(lines, spanning, strict=True) if span]
                    or [right])
    return Grid(lines, columns, cells, spanning, right_edges, bounds, key_columns(cells, spanning),
                space, weights, span_edge)


def goes_on_in_columns(line: Line, above: list[list[Word]], columns: list[float]) -> bool:
    """A line that looks like one run over the columns, but where one of its words starts
    exactly at a column start in lower case, under text of that column: two cells' lines going
    on side by side with little room between them, not a section row."""
    return any(word["text"][:1].islower() and above[c]
               for word in line.words[1:] for c, x in enumerate(columns) if c and abs(word["x0"] - x) < EXACT)


def wrap_weight(texts: list[list[Word]], bound: float, space: float) -> float:
    """The evidence a word that would not have fitted gives for a continuation: log of how often a
    line's first word would not fit after another line's end in this column anyway."""
    texts = texts[:60]
    pairs = [(above, below[0]) for above in texts for below in texts if below is not above]
    if not pairs:
        return 0.0
    share = sum(not fits_after(above, first, bound, space) for above, first in pairs) / len(pairs)
    return max(MAX_WRAPS, math.log(max(share, 1e-3)))


def key_columns(cells: list[list[list[Word]]], spanning: list[bool]) -> set[int]:
    """Columns of one short value per row: their text stands on lines of its own, set apart by
    lines where the column is empty (a ref, a date, a status beside a wrapped action), or is a
    code of one shape on line after line ("1.1.1", "1.1.2": rows of one line each)."""
    keys = set()
    for c in range(len(cells[0]) if cells else 0):
        texts = [i for i in range(1, len(cells)) if cells[i][c] and not spanning[i]]
        if len(texts) < 3:
            continue
        alone = sum(1 for i in texts if not cells[i - 1][c] and (i + 1 >= len(cells) or not cells[i + 1][c]))
        values = [" ".join(w["text"] for w in cells[i][c]) for i in texts]
        short = statistics.median(len(v) for v in values) <= 20
        coded = statistics.mode(shape(v) for v in values)
        one_shape = CODED.search(coded) and sum(shape(v) == coded for v in values) >= 0.8 * len(values)
        if short and (alone >= 0.8 * len(texts) or one_shape):
            keys.add(c)
    return keys


def bold(word: Word) -> bool:
    """Set in a bold face: one cell's text keeps one face, so a change of face starts a cell."""
    return bool(re.search(r"bold|black|heavy", str(word.get("fontname", "")), re.IGNORECASE))


def shape(text: str) -> str:
    """A value's shape: digits as 9, letters as a (A when capital), runs of one kind folded."""
    marked = re.sub(r"[a-z]+", "a", re.sub(r"[A-Z]", "A", re.sub(r"\d+", "9", text)))
    return re.sub(r"Aa", "A", marked)


def same_shape(above: str, below: str) -> bool:
    """Two short values of one shape ("3.1", "3.2"; two dates) in a column of one value per row:
    the second is the next row's value, not the rest of the first."""
    return len(below) <= 20 and shape(above) == shape(below)


def fits_after(above: list[Word], first: Word, edge: float, space: float) -> bool:
    """Would `first` have fitted at the end of the line above? If so, that line ended its cell."""
    return above[-1]["x1"] + space + (first["x1"] - first["x0"]) <= edge + 0.5


def start_cue(grid: Grid, i: int, c: int, row_start: int, weighed: Weighed) -> bool:
    """A column empty on the line above: does its text at line i begin a new block? It does
    in another font than the column's text a few lines up (a bold header cell of fewer lines
    than its row's), under earlier text of the row, or in a column of one value per row."""
    words = grid.cells[i][c]
    last = next((grid.cells[k][c] for k in range(i - 2, max(-1, i - 1 - FONT_LOOKBACK), -1)
                 if grid.cells[k][c]), None)
    if last and bold(last[-1]) != bold(words[0]):
        weighed.add(f"font[{c}]", FITS)
        return True
    if c in grid.key_columns or any(grid.cells[k][c] for k in range(row_start, i)):
        weighed.add(f"starts[{c}]", KEY_STARTS if c in grid.key_columns else STARTS)
        return True
    return False


def column_cues(grid: Grid, i: int, row_start: int, weighed: Weighed) -> int:
    """Add each column's evidence for a row starting at line i; return how many columns begin
    a new block there."""
    new_blocks = 0
    for c, words in enumerate(grid.cells[i]):
        if not words:
            continue
        above = grid.cells[i - 1][c]
        if not above:
            new_blocks += start_cue(grid, i, c, row_start, weighed)
            continue
        text, first = " ".join(w["text"] for w in above), words[0]["text"]
        if c in grid.key_columns and same_shape(text, " ".join(w["text"] for w in words)):
            weighed.add(f"repeats[{c}]", KEY_STARTS)
            new_blocks += 1
        elif bold(above[-1]) != bold(words[0]):
            weighed.add(f"font[{c}]", FITS)
            new_blocks += 1
        elif text.endswith("-"):
            weighed.add(f"hyphen[{c}]", MAX_WRAPS)
        elif fits_after(above, words[0], grid.right_edges[c], grid.space):
            weighed.add(f"fits[{c}]", FITS)
            new_blocks += 1
        elif not fits_after(above, words[0], grid.bounds[c], grid.space):
            weighed.add(f"wraps[{c}]", grid.wrap_weight[c])
        if first[:1].islower():
            weighed.add(f"lower[{c}]", LOWER)
        elif text.endswith(SENTENCE_END) and first[:1].isupper():
            weighed.add(f"sentence[{c}]", SENTENCE)
    return new_blocks


def header_ends(above: Line, below: Line) -> bool:
    """A line of bold words in several columns over a line with no bold word: the header (or a
    row of bold labels) ends there, whatever the rules say."""
    return (len(clusters(above)) >= 2 and all(bold(w) for w in above.words)
            and not any(bold(w) for w in below.words))


def gapped(lines: list[Line], pitch: float) -> bool:
    """Rows parted by gaps: several pitches are clearly wider than the in-cell one."""
    wide = sum(1 for a, b in itertools.pairwise(lines) if b.top - a.top > WIDE_PITCH * pitch)
    return wide >= 2 and wide >= 0.1 * (len(lines) - 1)


def rule_between(above: Line, below: Line, rules: list[Rule], left: float,
                 right: float) -> tuple[float, float | None]:
    """The share of the table's width ruled between two lines (rules, fill edges), and the
    height of the longest of those rules."""
    between = [(max(0.0, min(x1, right) - max(x0, left)), y) for y, x0, x1 in rules
               if above.middle < y < below.middle]
    covered = sum(length for length, _ in between)
    return min(1.0, covered / max(right - left, 1.0)), max(between)[1] if between else None


def weigh(grid: Grid, rules: list[Rule], right: float) -> list[RowBoundary]:
    """Every boundary between consecutive lines, scored; cut where the score is positive, at a
    rule, and around lines that span the table."""
    lines = grid.lines
    pitch = in_cell_pitch(lines)
    has_gaps = gapped(lines, pitch)
    out: list[RowBoundary] = []
    row_start = 0
    for i in range(1, len(lines)):
        weighed = Weighed()
        above, below = lines[i - 1], lines[i]
        spans = False
        if grid.spanning[i - 1] and len(clusters(below)) == 1:
            wrapped = not fits_after(above.words, below.words[0], grid.span_edge, grid.space)
            weighed.add("spanning wraps" if wrapped else "spanning", -STRONG if wrapped else STRONG)
            spans = not wrapped
        elif grid.spanning[i] or grid.spanning[i - 1]:
            weighed.add("spanning", STRONG)
            spans = True
        elif column_cues(grid, i, row_start, weighed) >= 2:
            weighed.add("aligned", ALIGNED)
        if header_ends(above, below):
            weighed.add("header ends", SURE)
        step = below.top - above.top
        if step > WIDE_PITCH * pitch:
            weighed.add("gap", GAP)
        elif has_gaps:
            weighed.add("no gap", NO_GAP)
        ruled, rule_y = rule_between(above, below, rules, grid.columns[0], right)
        if ruled >= RULED_CUE:
            weighed.add("rule", RULE)
        cut = weighed.score > 0 or ruled >= RULED_CUT or spans
        y = rule_y if rule_y is not None and ruled >= RULED_CUE else (above.bottom + below.top) / 2
        out.append(RowBoundary(round(y, 1), round(weighed.score, 1), cut, " ".join(weighed.cues),
                               round(ruled, 2), spanning=spans))
        if cut:
            row_start = i
    return out


def row_boundaries(lines: list[Line], columns: list[float], right: float,
                   rules: list[Rule]) -> list[RowBoundary]:
    """The weighed boundaries between the body's lines (one fewer than the lines)."""
    if len(lines) < 2:
        return []
    return weigh(grid_of(lines, columns, right), rules, right)


def ruled_rows(boundaries: list[RowBoundary]) -> bool:
    """Rows parted by rules: the boundaries the text is sure of carry a rule too, so a cut the
    rules do not make (a list inside a cell) is not believed."""
    def from_text(b: RowBoundary) -> float:
        return b.score - (RULE if b.ruled >= RULED_CUE else 0.0)

    strong = [b for b in boundaries if from_text(b) >= STRONG]
    unruled = [b for b in strong if b.ruled < RULED_CUT]
    return sum(b.ruled >= RULED_CUT for b in boundaries) >= 2 and len(unruled) <= 0.3 * len(strong)


def bands_from(lines: list[Line], boundaries: list[RowBoundary],
               rules_only: bool) -> list[tuple[float, float]]:
    """Row bands (top, bottom) from the cut boundaries; where the rows are ruled, at the rules,
    where the text alone is sure (a row the rules leave open, as zebra stripes do) and around a
    line spanning the table."""
    cuts = [lines[0].top - 1]
    for b in boundaries:
        if (b.ruled >= RULED_CUT or b.score >= SURE or b.spanning) if rules_only else b.cut:
            cuts.append(b.y)
    cuts.append(lines[-1].bottom + 1)
    return list(itertools.pairwise(cuts))
