"""Unruled PDF tables: columns from the header row's word positions, rows from rules or text.

pdfplumber's own strategies find full grids only. Here the columns are where the header row's
word groups start (checked against where the body's words start), and the rows are the
horizontal rules between them where they part the rows, else where the text's typography says
a new row starts (`pdf_rows`). A line of text that flows across a column boundary is one cell
spanning the table.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from .model import RowBoundary
from .pdf_lines import (
    ALIGN,
    CLUSTER_GAP,
    EXACT,
    Line,
    Word,
    clusters,
    in_cell_pitch,
    spanning_line,
    text_lines,
    tight,
    tight_count,
)
from .pdf_rows import RULED_CUT, bands_from, row_boundaries, ruled_rows

MIN_COLUMNS = 3
SUB_HEADER_LINES = 3  # lines under a header's first where a group's sub-headers may stand
KEY_SUPPORT = 0.15  # the share of the lines below that start at a header word inside a group
SETTLED_SUPPORT = 3  # lines starting at a column start that keep it where it is
LETTER_GAP = 0.15  # letters of one word are set closer than this
END_GAP_FACTOR = 3.5     # a gap this many in-cell pitches wide ends the table
#: words that stand alone after a normal line wrap
STANDALONE = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their", "them",
    "these", "they", "this", "to", "was", "were", "which", "will", "with"})


@dataclass
class Layout:
    """An unruled table found on a page: its column starts and its rows' vertical bands."""

    columns: list[float]
    right: float
    bands: list[tuple[float, float]]
    ruled_rows: bool
    #: the horizontal rules (y, x0, x1) between rows; a column a rule does not cross is merged
    rules: list[tuple[float, float, float]]
    #: where the columns came from: "header row" or "previous page"
    columns_from: str = "header row"
    #: the weighed boundaries between the table's text lines
    boundaries: list[RowBoundary] = field(default_factory=list)
    #: no cell padding: a cell's text may run up to the next column's text
    tight: bool = False

    @property
    def top(self) -> float:
        return self.bands[0][0]

    @property
    def bottom(self) -> float:
        return self.bands[-1][1]

    @property
    def edges(self) -> list[float]:
        return [*self.columns, self.right]

    def ruled_below(self, band: int, column: int) -> bool:
        """Is there a rule under this cell? Without one, the cell goes on into the next row."""
        if not self.ruled_rows:
            return True
        y = self.bands[band][1]
        if any(abs(b.y - y) <= 0.5 and b.ruled < RULED_CUT for b in self.boundaries):
            return True  # a row the text alone parted (a rule the table leaves out)
        x0, x1 = self.edges[column], min(self.edges[column + 1], self.rules_end)
        return any(abs(ry - y) <= 1.5 and min(rx1, x1) - max(rx0, x0) >= 0.6 * (x1 - x0)
                   for ry, rx0, rx1 in self.rules)

    @functools.cached_property
    def rules_end(self) -> float:
        """Where the rules under the rows end on the right: the table's right edge, which the
        last column's cell reaches (the page's edge may be far beyond it)."""
        ends = [x1 for _, x0, x1 in self.rules
                if abs(x0 - self.columns[0]) <= 3 * CLUSTER_GAP and x1 > self.columns[-1] + 3 * CLUSTER_GAP]
        return max(ends, default=self.right)


def supported(x: float, lines: list[Line]) -> int:
    """How many lines have a word starting at x: a column start is used again and again."""
    return sum(1 for line in lines if any(abs(w["x0"] - x) <= ALIGN for w in line.words))


def header_columns(lines: list[Line], start: int) -> list[float] | None:
    """Column starts if lines[start] is a header row: several word groups, each starting a column."""
    groups = clusters(lines[start])
    if len(groups) < MIN_COLUMNS:
        return None
    below = lines[start + 1:start + 40]
    starts = [g[0]["x0"] for g in groups]
    starts += [w["x0"] for g in groups for w in g[1:] if column_start_inside(w["x0"], below)]
    starts += [x for g in groups for w in g for x in case_turn_starts(w)
               if column_start_inside(x, below) or words_start_exactly(x, below)]
    starts.sort()
    backed = sum(1 for x in starts[1:] if supported(x, below) >= 2)
    return starts if backed >= max(2, round(0.66 * (len(starts) - 1))) else None


def case_turn_starts(word: Word) -> list[float]:
    """Where a capital follows a lower-case letter inside a word ("NoActions"): two header
    cells with no padding between them, glued into one word, may start a column there."""
    chars = word.get("chars") or []
    return [b["x0"] for a, b in itertools.pairwise(chars) if a["text"].islower() and b["text"].isupper()]


def words_start_exactly(x: float, below: list[Line]) -> bool:
    """Words start exactly at x on line after line (a code column whose values follow the text
    before them a word space apart, with no padding)."""
    starting = sum(1 for line in below if any(abs(w["x0"] - x) <= EXACT for w in line.words))
    return starting >= max(3, 0.1 * len(below))


def with_sub_header_columns(columns: list[float], lines: list[Line], start: int) -> list[float]:
    """A group header over several columns ("Progress" over "Q1 update" and "Q2 update") shows
    one column start in its own line; the line under it shows the others. A word group there
    that starts where no column does, and where the body's text starts again and again, starts
    a column of its own."""
    below = lines[start + SUB_HEADER_LINES + 1:start + 40]
    found = list(columns)
    for n, line in enumerate(lines[start + 1:start + SUB_HEADER_LINES + 1], start + 1):
        groups = clusters(line)
        for group in groups:
            x = group[0]["x0"]
            if x > found[0] and all(abs(x - c) > 3 * ALIGN for c in found) and (
                    supported(x, below) >= 2
                    or (len(groups) > 1 and beside_group_label(x, found, lines[start:n], below))):
                found.append(x)
    return sorted(found)


def beside_group_label(x: float, columns: list[float], above: list[Line], below: list[Line]) -> bool:
    """A sub-header word group with no body text under it yet (a "Q2" column still empty): it
    starts a column gap beyond the end of the group label above it, in the same column, and no
    body text runs across it. A centred header's second line never starts past its first."""
    column = max(c for c in columns if c < x)
    label_end = max((w["x1"] for line in above for w in line.words if column - ALIGN <= w["x0"] < x),
                    default=None)
    if label_end is None or x - label_end < CLUSTER_GAP:
        return False
    return not any(w["x0"] < x - ALIGN < w["x1"] for line in below for w in line.words)


def column_start_inside(x: float, below: list[Line]) -> bool:
    """A header word set closer than a column gap to the one before, where the body's word groups
    start again and again (narrow padding): it starts a column of its own."""
    starting = sum(1 for line in below if any(abs(g[0]["x0"] - x) <= ALIGN for g in clusters(line)))
    return starting >= max(3, KEY_SUPPORT * len(below))


def fits(lines: list[Line], columns: list[float]) -> bool:
    """The page's text still starts at most of these column positions; or it is the last few
    lines of a cell the page break cut, going on in lower case in a column of their own."""
    backed = sum(1 for x in columns[1:] if supported(x, lines) >= 1)
    return backed >= 0.6 * (len(columns) - 1) or cut_cell_rest(lines, columns)


def cut_cell_rest(lines: list[Line], columns: list[float]) -> bool:
    return (0 < len(lines) <= 3 and lines[0].words[0]["text"][:1].islower()
            and all(any(abs(g[0]["x0"] - x) <= ALIGN for x in columns[1:]) for line in lines
                    for g in clusters(line)))


def find_layout(lines: list[Line], rules: list[tuple[float, float, float]], page_width: float,
                previous: list[float] | None, previous_ruled: bool = False) -> tuple[Layout, int, int] | None:
    """The unruled table on a page, with the indices of its first and last text lines.

    A page that carries on the previous page's table (its lines start at the same column
    positions) keeps those columns, whether or not it repeats the header.
    """
    if not lines:
        return None
    columns_from = "header row"
    if previous is not None and fits(lines[:15], previous):
        columns, start, columns_from = previous, 0, "previous page"
    else:
        for start in range(len(lines)):
            found = header_columns(lines, start)
            if found:
                columns = with_sub_header_columns(found, lines, start)
                break
        else:
            return None
    end = table_end(lines, start, columns)
    body = lines[start:end + 1]
    cells_touch = touching(body, columns)
    for line in body:
        line.words = split_at_columns(line.words, columns, cells_touch)
    if columns_from != "previous page":  # settled on the page they were found on
        columns = settle_columns(columns, body)
    right = max([page_width * 0.97, *(w["x1"] for line in body for w in line.words)])
    bands, ruled, boundaries = row_bands(body, rules, columns, right,
                                         previous_ruled and columns_from == "previous page")
    layout = Layout(columns, right, bands, ruled, rules, columns_from, boundaries, tight(body, columns))
    return layout, start, end


def glued_at(word: Word, columns: list[float], touching: bool = True) -> int | None:
    """The index of the character of `word` that starts exactly at a column start, if any; in a
    table not known to be `touching`, only where a space parts it from the character before
    (letters of one word abut) or the case turns there."""
    chars = word.get("chars") or []
    starts = sorted(columns[1:])
    return next((i for i, ch in enumerate(chars) if i and word["x0"] < ch["x0"] - ALIGN
                 and at_one_of(ch["x0"], starts)
                 and (touching or ch["x0"] - chars[i - 1]["x1"] > LETTER_GAP
                      or case_turns(chars[i - 1]["text"], ch["text"]))), None)


def at_one_of(x: float, starts: list[float]) -> bool:
    """Is x within half a point of one of the (sorted) starts?"""
    i = bisect.bisect_right(starts, x - 0.5)
    return i < len(starts) and starts[i] < x + 0.5


def case_turns(before: str, after: str) -> bool:
    """A capital or a digit right after a lower-case letter starts another word ("everyHead")."""
    return before.islower() and (after.isupper() or after.isdigit())


def split_at_columns(words: list[Word], columns: list[float], touching: bool) -> list[Word]:
    """With no cell padding, two cells' texts touch and come out as one word ("reportingCEO"):
    a word is cut where one of its characters starts exactly at a column start."""
    out: list[Word] = []
    for word in words:
        cut = glued_at(word, columns, touching)
        if cut is None:
            out.append(word)
            continue
        chars = word["chars"]
        left, right = chars[:cut], chars[cut:]
        out.append({**word, "text": "".join(c["text"] for c in left), "x1": left[-1]["x1"], "chars": left,
                    "space_after": False, "cut": True})
        out += split_at_columns([{**word, "text": "".join(c["text"] for c in right), "x0": right[0]["x0"],
                                  "chars": right}], columns, touching)
    return out


def touching(body: list[Line], columns: list[float]) -> bool:
    """Cells with no padding: on many lines a cell's text runs into the next column's, glued
    into one word or a word space apart (a spanning line does that by chance, on few lines)."""
    count = sum(1 for line in body if any(glued_at(w, columns) is not None for w in line.words))
    return count + tight_count(body, columns) >= max(3, 0.15 * len(body))


def covered_runs(lines: list[Line]) -> list[tuple[float, float]]:
    """The x-ranges covered by words in lines of several word groups (headings left out)."""
    spans = sorted((w["x0"], w["x1"]) for line in lines if len(clusters(line)) > 1 for w in line.words)
    runs: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if runs and x0 <= runs[-1][1] + 1.0:
            runs[-1] = (runs[-1][0], max(runs[-1][1], x1))
        else:
            runs.append((x0, x1))
    return runs


def settle_columns(columns: list[float], body: list[Line]) -> list[float]:
    """A column start that falls inside text of the body (a right-aligned number wider than its
    header) moves left to where that run of text begins, so the text stays in its column; not
    one where the body's lines start again and again (a cell's text that overruns it, with no
    padding, runs into the next cell's)."""
    runs = covered_runs(body)
    settled = [columns[0]]
    for x in columns[1:]:
        inside = next((a for a, b in runs if a < x - ALIGN < b), None)
        if inside is not None and supported(x, body) >= SETTLED_SUPPORT:
            inside = None
        x = inside if inside is not None and inside > settled[-1] + ALIGN else x
        settled.append(x)
    return settled


def table_end(lines: list[Line], start: int, columns: list[float]) -> int:
    pitch = in_cell_pitch(lines[start:start + 30])
    end = start
    for i in range(start + 1, len(lines)):
        if lines[i].top - lines[i - 1].bottom > END_GAP_FACTOR * pitch:
            break
        if lines[i].x0 < columns[0] - 3 * ALIGN:
            break
        end = i
    return end


NUMERIC = re.compile(r"^[\s$£€(+\-–]*[\d.,]+%?\)?[\s*a-z]{0,2}$|^[-–—.…]+$|^n/?a$", re.IGNORECASE)


def is_data_line(line: Line) -> bool:
    """A line of a statistical table: a label, then mostly numbers."""
    groups = clusters(line)
    values = [" ".join(w["text"] for w in g) for g in groups[1:]]
    return len(groups) >= 3 and sum(bool(NUMERIC.match(v)) for v in values) >= 0.5 * len(values)


def split_data_bands(bands: list[tuple[float, float]], body: list[Line]) -> list[tuple[float, float]]:
    """A band of several lines that are all data lines is one row per line, not a wrapped row."""
    out: list[tuple[float, float]] = []
    for top, bottom in bands:
        inside = [line for line in body if top <= line.middle < bottom]
        if len(inside) > 1 and all(is_data_line(line) for line in inside):
            cuts = [top, *((a.bottom + b.top) / 2 for a, b in itertools.pairwise(inside)), bottom]
            out += list(itertools.pairwise(cuts))
        else:
            out.append((top, bottom))
    return out


Band = tuple[float, float]


def row_bands(body: list[Line], rules: list[tuple[float, float, float]], columns: list[float],
              right: float, ruled_before: bool = False) -> tuple[list[Band], bool, list[RowBoundary]]:
    """Rows as vertical bands: at the rules where they part the rows, else wherever the text's
    evidence (and any rule or gap) says a new row starts; with the weighed boundaries. A table
    whose rows were parted by rules on the page before still is, where rules part its rows here
    too (the lines of merged cells beside the rows' lines make the text's evidence unsure)."""
    boundaries = row_boundaries(body, columns, right, rules)
    ruled = ruled_rows(boundaries) or (ruled_before and sum(b.ruled >= RULED_CUT for b in boundaries) >= 2)
    return split_data_bands(bands_from(body, boundaries, ruled), body), ruled, boundaries


def broken_mid_word(line: Line, following: Line, edge: float | None = None) -> bool:
    """A token too long for its column is broken at the cell edge with no hyphen: the line is
    that one token reaching the cell's right edge (`edge`, where its text must end), with no
    space glyph after it where the producer writes them, and the next line goes on in lower
    case with a fragment that is not a word standing alone ("Interpret" + "ation", never
    "underrepresentation" + "of"). A word that ends short of the edge wrapped as a whole word:
    "Quarterly" + "reporting" stays two words, whatever the producer."""
    word, nxt = line.words[0], following.words[0]["text"]
    char = (word["x1"] - word["x0"]) / max(len(word["text"]), 1)
    return (len(line.words) == 1 and word.get("space_after") is False
            and edge is not None and word["x1"] >= edge - 1.5 * char
            and nxt[:1].islower() and not line.text.endswith("-")
            and nxt.strip(".,;:()").lower() not in STANDALONE)


def cell_text(words: list[Word], edge: float | None = None) -> str:
    """A cell's words, line by line; `edge` is where the cell's text must end, when known."""
    lines = text_lines(words)
    out = ""
    for i, line in enumerate(lines):
        out += line.text
        if i + 1 < len(lines):
            out += "" if broken_mid_word(line, lines[i + 1], edge) else "\n"
    return out


def is_spanning(lines: list[Line], layout: Layout) -> bool:
    """A row whose text flows over column starts in one run (its last line may be short): one
    cell spanning the table."""
    return any(spanning_line(line, layout.columns, layout.tight) for line in lines) and all(
        len(clusters(line)) == 1 for line in lines)


def column_of(word: Word, layout: Layout) -> int:
    return max(0, bisect.bisect_right(layout.columns, word["x0"] + ALIGN) - 1)


def starts_band(band: list[Line], column: int, layout: Layout) -> bool:
    """The column's text starts on the band's first line, not in lower case: a cell of that row,
    set at its top (a merged cell's text running on from the band above goes on in lower case)."""
    first = next((w for w in band[0].words if column_of(w, layout) == column), None) if band else None
    return first is not None and not first["text"][:1].islower()


def layout_cells(lines: list[Line], layout: Layout) -> tuple[list[list[str]], set[int]]:
    """Cell texts for every row band, and the bands that are one spanning cell.

    A cell with no rule under it goes on into the band below (a merged cell in a table with
    horizontal rules only): its text there belongs to the cell above, leaving that position blank;
    unless the column's text there starts on the band's first line, as a new cell's does.
    """
    width = len(layout.columns)
    bands = [[line for line in lines if top <= line.middle < bottom] for top, bottom in layout.bands]
    spanning = {b for b, band in enumerate(bands) if is_spanning(band, layout)}
    words: list[list[list[Word]]] = [[[] for _ in range(width)] for _ in bands]
    owner = [list(range(width)) for _ in bands]
    filled = [{column_of(w, layout) for line in band for w in line.words} for band in bands]
    for b in range(len(bands)):
        for c in range(width):
            owner[b][c] = b
            if (b and b not in spanning and b - 1 not in spanning and c in filled[b - 1]
                    and not layout.ruled_below(b - 1, c) and not starts_band(bands[b], c, layout)):
                owner[b][c] = owner[b - 1][c]  # text flows on only from a cell with text above
    for b, band in enumerate(bands):
        for line in band:
            for word in line.words:
                c = 0 if b in spanning else column_of(word, layout)
                words[owner[b][c]][c].append(word)
    ends = [text_edge([cell for b, row in enumerate(words) if b not in spanning for cell in row[c:c + 1]])
            for c in range(width)]
    return [[cell_text(cell, ends[c]) for c, cell in enumerate(row)] for row in words], spanning


EDGE_REACH = 6.0  # points short of the edge a wrapped line may end and still reach it
EDGE_SUPPORT = 3  # lines that must reach a column's text edge for it to be known


def text_edge(cells: list[list[Word]]) -> float | None:
    """Where a column's text must end: the right end its lines reach again and again. One long
    line alone (a header word on a page with an empty column) does not tell it."""
    ends = [line.words[-1]["x1"] for cell in cells if cell for line in text_lines(cell)]
    if not ends:
        return None
    edge = max(ends)
    return edge if sum(1 for x in ends if x >= edge - EDGE_REACH) >= EDGE_SUPPORT else None
