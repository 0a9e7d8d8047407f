"""PDF documents: ruled tables by their lines, unruled ones by text alignment.

Pages come from an engine (`pdf_engine_pdfium`, or pdfplumber as the reference) as plain
`PdfPage`s; nothing here depends on which one read them. Each page's tables are handed on as
source tables with their page, column edges and cell boxes; `normalise` stitches a table
continued over pages. A page is read, used and let go before the next, so memory stays flat in
page count.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from .errors import FileCorrupt, FileEncrypted, NoTableFound, damaged_pdf
from .limits import LimitExceeded, Limits, check_pdf_streams
from .model import Document, SourceTable, TextLine
from .pdf_bands import banded_fills, banded_words, near
from .pdf_layout import Layout, Line, cell_text, clusters, find_layout, layout_cells, text_lines
from .pdf_lines import CLUSTER_GAP
from .pdf_page import PdfEngine
from .pdf_words import split_at_rules, words_of

Box = tuple[float, float, float, float]
PAGE_LINE = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.IGNORECASE)
#: a page number that says so ("Page 2", "2 of 9"); a bare number may be a cell's last line
PAGE_OF = re.compile(r"^(page\s*\d+(\s*(of|/)\s*\d+)?|\d+\s*of\s*\d+)$", re.IGNORECASE)
MIN_FILL_COVER = 0.6
MAX_FILL_WIDTH = 1.5  # a fill wider than this many cell widths shades a row, not a cell
TITLE_SIZE = 1.4  # text this much larger than the page's body text is a title
MARGIN = 0.09  # the top and bottom share of a page where running headers and footers sit


@dataclass
class PdfState:
    """What one page tells the next: the table that may run on, and its columns."""

    tables: list[SourceTable] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    previous_columns: list[float] | None = None
    #: the table on the page before had its rows parted by rules
    previous_ruled: bool = False
    previous_page_had_table: bool = False
    words_seen: int = 0
    images_seen: int = 0
    #: text met in a page's top or bottom margin (digits folded) -> the pages it was met on
    margin_pages: dict[str, set[int]] = field(default_factory=dict)
    #: (margin text, its height on the page in steps of SPOT) -> the pages it was met on there: a
    #: running header comes back at its own place, a cell's words that recur at another
    margin_spots: dict[tuple[str, int], set[int]] = field(default_factory=dict)
    #: keep each cell's box on its table (`ReadOptions.cell_boxes`)
    keep_boxes: bool = True

    def running(self) -> set[str]:
        return {key for key, pages in self.margin_pages.items() if len(pages) > 1}

    def drop_running_text(self) -> None:
        """Running headers and footers repeat in the margins of several pages: not plan text.
        Pages after the first lose them before their tables are found; here the first page's
        go too, from the text around the tables and from a table's first or last row."""
        running = self.running()
        kept = []
        for line in self.lines:
            parts = [part for part in line.text.split("\n") if margin_key(part) not in running]
            if parts:
                line.text = "\n".join(parts)
                kept.append(line)
        self.lines = kept
        for table in self.tables:
            ends = {0, len(table.rows) - 1}
            drop = {r for r in ends if sum(1 for c in table.rows[r] if c) == 1
                    and margin_key(" ".join(c for c in table.rows[r] if c)) in running}
            if drop and len(drop) < len(table.rows):
                drop_rows(table, drop)


def margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def drop_rows(table: SourceTable, drop: set[int]) -> None:
    keep = [r for r in range(len(table.rows)) if r not in drop]
    renumber = {old: new for new, old in enumerate(keep)}
    table.rows = [table.rows[r] for r in keep]
    if table.fills:
        table.fills = [table.fills[r] for r in keep]
    if table.cell_boxes:
        table.cell_boxes = [table.cell_boxes[r] for r in keep]
    table.spanning_rows = frozenset(renumber[r] for r in table.spanning_rows if r in renumber)


def colour_hex(colour: Any) -> str | None:
    """A fill colour as "RRGGBB" from pdfplumber's grey, RGB or CMYK tuple."""
    if colour is None:
        return None
    values = (colour,) if isinstance(colour, int | float) else tuple(colour)
    if not all(isinstance(v, int | float) for v in values):
        return None
    if len(values) == 1:
        rgb = values * 3
    elif len(values) == 3:
        rgb = values
    elif len(values) == 4:
        c, m, y, k = values
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return "".join(f"{round(max(0.0, min(1.0, float(v))) * 255):02X}" for v in rgb)


def fill_of(box: Box | None, fills: list[tuple[Box, str]]) -> str | None:
    """The fill of the rect that covers most of a cell and no more than the cell's width: a fill
    across the whole row (a zebra stripe, a header band) or the page is styling, not a status.
    Of several, the one painted last, on top: a status colour over a browser's zebra stripe
    painted cell by cell."""
    if box is None:
        return None
    x0, top, x1, bottom = box
    area = max((x1 - x0) * (bottom - top), 1e-6)
    for (fx0, ftop, fx1, fbottom), colour in reversed(list(near(fills, top, bottom))):
        if fx1 <= x0 or fx0 >= x1 or fx1 - fx0 > MAX_FILL_WIDTH * (x1 - x0):
            continue  # beside the cell, or wider than it may be
        overlap = max(0.0, min(x1, fx1) - max(x0, fx0)) * max(0.0, min(bottom, fbottom) - max(top, ftop))
        if overlap / area >= MIN_FILL_COVER and fx1 - fx0 <= MAX_FILL_WIDTH * (x1 - x0):
            return colour
    return None


def cell_fills(boxes: list[list[Box | None]], fills: list[tuple[Box, str]]) -> list[list[str | None]] | None:
    """Each cell's fill, or None for a table with no filled cell (most: no grid of Nones kept)."""
    found = [[fill_of(box, fills) for box in row] for row in boxes] if fills else []
    return found if any(any(row) for row in found) else None


def page_fills(page: Any) -> list[tuple[Box, str]]:
    out = []
    for rect in page.rects:
        if rect.get("fill"):
            colour = colour_hex(rect.get("non_stroking_color"))
            if colour and colour != "FFFFFF":
                out.append(((rect["x0"], rect["top"], rect["x1"], rect["bottom"]), colour))
    return banded_fills(out)


SPOT = 4.0  # points: how close to its place on another page a running line comes back
HEADER_REST_LINES = 3  # a header's wrapped lines under its first
THIN = 2.0  # a filled rect this thin is a rule drawn as a fill (browsers draw borders so)


def ruling_edges(page: Any) -> list[dict[str, Any]]:
    """The edges that rule a table: lines, stroked rects and thin filled rects. A wider fill (a
    zebra stripe, a header band, a status colour) shades a cell or a row; it rules nothing.
    In the order of pdfplumber's `page.edges`, each with only the keys the table finder reads
    (`edge_of`)."""
    from pdfplumber.utils import curve_to_edges

    edges = [edge_of(line, line["object_type"], "h" if line["top"] == line["bottom"] else "v")
             for line in page.lines]
    for rect in page.rects:
        if rect.get("stroke"):
            edges += rect_edges(rect)
    for curve in page.curves:
        edges += curve_to_edges(curve)
    for rect in page.rects:
        if not rect.get("stroke") and min(rect["width"], rect["height"]) <= THIN:
            edges += rect_edges(rect)
    return edges


def edge_of(shape: dict[str, Any], object_type: str, orientation: str) -> dict[str, Any]:
    """An edge with only the keys the table finder reads. pdfplumber's `line_to_edge` and
    `rect_to_edges` copy every key of the shape (its colours, its points), and the finder
    copies each edge again each time it snaps or joins it."""
    return {"object_type": object_type, "orientation": orientation, "x0": shape["x0"],
            "x1": shape["x1"], "top": shape["top"], "bottom": shape["bottom"],
            "doctop": shape["doctop"], "width": shape["width"], "height": shape["height"]}


def rect_edges(rect: dict[str, Any]) -> list[dict[str, Any]]:
    """A rect's four sides, as pdfplumber's `rect_to_edges` places them."""
    top, bottom, left, right = (edge_of(rect, "rect_edge", orientation) for orientation in "hhvv")
    top.update(height=0, bottom=rect["top"])
    bottom.update(height=0, top=rect["top"] + rect["height"], doctop=rect["doctop"] + rect["height"])
    left.update(width=0, x1=rect["x0"])
    right.update(width=0, x0=rect["x1"])
    return [top, bottom, left, right]


def closing_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules a table leaves out where a page break cuts a row: a browser draws the cell borders
    down to the page's foot, but no rule under them. Where three or more vertical rules stop
    (or start) together and no rule crosses them there, one is drawn, so the cut row's text is
    read with the table instead of being lost under its last rule. Only at the table's
    outer end, where no rule lies further out."""
    verticals = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 2 * THIN]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added = []
    for end in ("top", "bottom"):
        by_end: dict[int, list[dict[str, Any]]] = {}
        for e in verticals:
            by_end.setdefault(round(e[end] / 2), []).append(e)
        for _, ends in sorted(by_end.items()):
            x0, x1 = min(e["x0"] for e in ends), max(e["x1"] for e in ends)
            y = statistics.median(e[end] for e in ends)
            if len({round(e["x0"]) for e in ends}) < 3 or any(
                    (h["x1"] > x0 and h["x0"] < x1
                    and (h["top"] > y + THIN if end == "bottom" else h["top"] < y - THIN))
                    or (abs(h["top"] - y) <= THIN and h["x0"] <= x0 + THIN and h["x1"] >= x1 - THIN)
                    for h in horizontals):  # a rule beyond these ends, or one across them
                continue  # not the table's open end: a group's rules start under its header
            added.append({"object_type": "closing_edge", "orientation": "h", "x0": x0, "x1": x1,
                          "top": y, "bottom": y, "width": x1 - x0, "height": 0.0})
    return added


def ruled_tables(page: Any) -> list[Any]:
    """Full-grid tables, as pdfplumber's lines strategy finds them from the ruling edges."""
    edges = ruling_edges(page)
    edges += closing_edges(edges)
    if sum(e["orientation"] == "v" for e in edges) < 2 or sum(e["orientation"] == "h" for e in edges) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": [e for e in edges if e["orientation"] == "v"],
                "explicit_horizontal_lines": [e for e in edges if e["orientation"] == "h"]}
    return [t for t in page.find_tables(settings)
            if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]


def words_in(box: Box, words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words whose middle is in a cell (a word glued over a rule was cut there before,
    `pdf_words.split_at_rules`)."""
    x0, top, x1, bottom = box
    return [w for w in near(words, top, bottom)
            if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom]


def ruled_cell_text(box: Box | None, words: list[dict[str, Any]]) -> str:
    """A ruled cell's text; its right padding taken to be its left one."""
    if not box:
        return ""
    inside = words_in(box, words)
    padding = min((w["x0"] for w in inside), default=box[0]) - box[0]
    return cell_text(inside, box[2] - padding)


def page_words(page: Any) -> list[dict[str, Any]]:
    """Words with `space_after`: whether a space glyph follows on the same line (None when the
    producer writes no space glyph at the end of a line of text, so nothing can be told from
    its absence there: a wrapped line then joins the next with a space, always)."""
    from pdfplumber.utils.text import LIGATURES

    words = words_of(page.chars)
    for word in words:  # the words' text has ligatures expanded; their letters, read again
        for char in word.get("chars") or []:  # where a word is cut at a column, not yet
            if not char["text"].isascii():
                char["text"] = LIGATURES.get(char["text"], char["text"])
    spaces = [(c["x0"], c["top"]) for c in page.chars if c["text"] == " "]
    if not spaces:
        return words
    by_line: dict[int, list[float]] = {}
    for x0, top in spaces:
        by_line.setdefault(round(top), []).append(x0)
    for line in by_line.values():  # sorted, so only the spaces near a word's end are looked at
        line.sort()
    for word in words:
        key, end = round(word["top"]), word["x1"]
        near = [x for line in map(by_line.get, (key - 1, key, key + 1)) if line
                for x in line[bisect_left(line, end - 2.0):bisect_right(line, end + 2.0)]]
        word["space_after"] = any(abs(x - end) < 1.0 for x in near)
    starts: dict[int, list[float]] = {}
    for word in words:
        starts.setdefault(round(word["top"]), []).append(word["x0"])
    if not any(word["space_after"] and ends_text(word, starts) for word in words):
        for word in words:
            word["space_after"] = None
    return words


def ends_text(word: dict[str, Any], starts: dict[int, list[float]]) -> bool:
    """No word follows this one closely on its line: it ends a line of a cell or of the page."""
    near = (x for key in (round(word["top"]) - 1, round(word["top"]), round(word["top"]) + 1)
            for x in starts.get(key, []))
    return not any(0 <= x - word["x1"] <= CLUSTER_GAP for x in near)


def source_from_ruled(table: Any, words: list[dict[str, Any]], page_number: int,
                      fills: list[tuple[Box, str]], may_continue: bool,
                      keep_boxes: bool = True) -> SourceTable:
    boxes = [list(row.cells) for row in table.rows]
    rows = [[ruled_cell_text(box, words) for box in row] for row in boxes]
    spanning = {r for r, row in enumerate(boxes)
                if len(row) > 1 and row[0] is not None and all(c is None for c in row[1:])}
    xs = sorted({round(box[0], 1) for row in boxes for box in row if box} |
                {round(max(box[2] for row in boxes for box in row if box), 1)})
    return SourceTable(
        index=0, rows=rows, page=page_number, may_continue=may_continue,
        fills=cell_fills(boxes, fills),
        spanning_rows=frozenset(spanning), column_edges=xs, cell_boxes=boxes if keep_boxes else None,
        notes={"strategy": "lines", "columns": "ruling lines", "rows": "ruling lines"})


def source_from_layout(layout: Layout, lines: list[Line], page_number: int,
                       fills: list[tuple[Box, str]], may_continue: bool, columns_from: str,
                       keep_boxes: bool = True) -> SourceTable:
    rows, spanning = layout_cells(lines, layout)
    edges = layout.edges
    boxes: list[list[Box | None]] = []
    for r, (top, bottom) in enumerate(layout.bands):
        if r in spanning:
            boxes.append([(edges[0], top, edges[-1], bottom)] + [None] * (len(edges) - 2))
        else:
            boxes.append([(edges[c], top, edges[c + 1], bottom) for c in range(len(edges) - 1)])
    return SourceTable(
        index=0, rows=rows, page=page_number, may_continue=may_continue,
        fills=cell_fills(boxes, fills),
        spanning_rows=frozenset(spanning), column_edges=[round(x, 1) for x in edges],
        cell_boxes=boxes if keep_boxes else None,
        notes={"strategy": "text", "columns": columns_from,
               "rows": "ruling lines" if layout.ruled_rows else "typography"},
        boundaries=layout.boundaries)


def horizontal_rules(page: Any) -> list[tuple[float, float, float]]:
    """Horizontal rules and fill edges (y, x0, x1) that may part rows; the many tiny collinear
    segments of a spreadsheet's gridlines are joined first."""
    return [rule for rule in joined([(e["top"], e["x0"], e["x1"]) for e in page.edges
                                     if e["orientation"] == "h"]) if rule[2] - rule[1] > 20]


def joined(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear horizontal segments that touch or overlap, as one."""
    out: list[tuple[float, float, float]] = []
    for y, x0, x1 in sorted(segments, key=lambda s: (round(s[0], 1), s[1])):
        if out and abs(out[-1][0] - y) <= 0.5 and x0 <= out[-1][2] + 1.0:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], x1))
        else:
            out.append((y, x0, x1))
    return out


def in_margin(top: float, bottom: float, height: float) -> bool:
    return top < MARGIN * height or bottom > (1 - MARGIN) * height


def without_running_lines(lines: list[Line], height: float, page_number: int,
                          state: PdfState) -> list[Line]:
    """Leave out page numbers in the margins, and the margin lines already met in an earlier
    page's margin, at its place there; not a line set against a line of table cells (the
    wrapped rest of a header repeated on every page), nor one going on in lower case (a cut
    cell's last words at the top of a page: running lines are titles)."""
    kept = []
    for i, line in enumerate(lines):
        if in_margin(line.top, line.bottom, height) and PAGE_OF.match(line.text.strip()):
            continue  # "Page 1 of 3": a page number, on the first page as on the others
        if in_margin(line.top, line.bottom, height) and len(clusters(line)) <= 2 \
                and not line.words[0]["text"][:1].islower() and not against_table_line(lines, i):
            key = margin_key(line.text)
            state.margin_pages.setdefault(key, set()).add(page_number)
            spot = state.margin_spots.setdefault((key, round(line.top / SPOT)), set())
            seen_before = bool(spot - {page_number})
            spot.add(page_number)
            if seen_before:
                continue
        kept.append(line)
    return kept


def against_table_line(lines: list[Line], i: int) -> bool:
    """Does a line of three or more word groups sit right above this one, or right below it;
    or does this one close a run of lines set close under such a line (a header's wrapped
    rests and sub-headers)? Running headers stand above a table, not inside its header."""
    line = lines[i]
    below = lines[i + 1] if i + 1 < len(lines) else None
    if below is not None and len(clusters(below)) >= 3 and close(line, below):
        return True
    j = i
    while j > 0 and i - j < HEADER_REST_LINES and close(lines[j - 1], lines[j]):
        j -= 1
        if len(clusters(lines[j])) >= 3:
            return True
    return False


def close(upper: Line, lower: Line) -> bool:
    """Set one under the other with less than most of a line between them."""
    return lower.top - upper.bottom < 0.8 * (upper.bottom - upper.top)


def read_page(page: Any, page_number: int, state: PdfState, strategy: str) -> None:
    lines = without_running_lines(text_lines(page_words(page)), float(page.height), page_number, state)
    words = [w for line in lines for w in line.words]
    state.words_seen += len(words)
    state.images_seen += len(page.images)
    fills = page_fills(page)
    found: list[tuple[SourceTable, float, float]] = []
    ruled = ruled_tables(page) if strategy in ("auto", "lines") else []
    words = banded_words(split_at_rules(words, ruled))
    for t in ruled:
        first = not found
        source = source_from_ruled(t, words, page_number, fills, first and state.previous_page_had_table,
                                   state.keep_boxes)
        found.append((source, t.bbox[1], t.bbox[3]))
    if not ruled and strategy in ("auto", "text"):
        located = find_layout(lines, horizontal_rules(page), float(page.width), state.previous_columns,
                              state.previous_ruled)
        if located:
            layout, start, end = located
            source = source_from_layout(layout, lines[start:end + 1], page_number, fills,
                                        state.previous_page_had_table, layout.columns_from,
                                        state.keep_boxes)
            found.append((source, layout.top, layout.bottom))
            state.previous_columns = layout.columns
            state.previous_ruled = layout.ruled_rows
    inside = [(top, bottom) for _, top, bottom in found]
    before_page = len(state.tables)
    outside = [line for line in lines
               if not any(top - 1 <= line.middle <= bottom + 1 for top, bottom in inside)
               and not PAGE_LINE.match(line.text.strip())]
    body_size = statistics.median([w["size"] for w in words]) if words else 0.0
    for paragraph in paragraphs(outside):
        after = before_page + sum(1 for _, _, bottom in found if bottom < paragraph[0].top)
        size = max(w["size"] for line in paragraph for w in line.words)
        style = "Title" if body_size and size >= TITLE_SIZE * body_size else None
        state.lines.append(TextLine("\n".join(line.text for line in paragraph), after,
                                    page=page_number, style=style))
    for source, _, _ in found:
        source.index = len(state.tables) + 1
        state.tables.append(source)
    state.previous_page_had_table = bool(found)
    if not found:
        state.previous_columns = None


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines in one font size, set close together, are one paragraph."""
    out: list[list[Line]] = []
    for line in lines:
        size = line.words[0]["size"]
        if out:
            last = out[-1][-1]
            if abs(last.words[0]["size"] - size) < 0.5 and line.top - last.bottom < 0.6 * size:
                out[-1].append(line)
                continue
        out.append([line])
    return out


def open_engine(data: bytes, path: str, options: Any) -> PdfEngine:
    """The engine `options.pdf_engine` names, opened on the document."""
    name = getattr(options, "pdf_engine", "pdfplumber")
    password = getattr(options, "password", None)
    if name == "pdfplumber":
        from .pdf_engine_plumber import PlumberEngine

        return PlumberEngine(data, path, password)
    if name != "pdfium":
        raise ValueError(f"unknown PDF engine {name!r}: pdfium or pdfplumber")
    from .pdf_engine_pdfium import PdfiumEngine

    return PdfiumEngine(data, path, password)


def read_pdf(data: bytes, path: str, sha256: str, options: Any) -> Document:
    """Read every table of a PDF, page by page."""
    state = PdfState(keep_boxes=getattr(options, "cell_boxes", True))
    limits = getattr(options, "limits", None) or Limits()
    check_pdf_streams(data, path, limits)
    pdf = open_engine(data, path, options)
    strategy = getattr(options, "pdf_strategy", "auto")
    number = 0
    try:
        for number in range(1, pdf.page_count(limits) + 1):
            page = pdf.page(number)
            try:
                read_page(page, number, state, strategy)
            finally:
                page.close()
    except (FileCorrupt, FileEncrypted, NoTableFound, LimitExceeded):
        raise
    except Exception as exc:  # noqa: BLE001
        raise damaged_pdf(path, data, f"page {number}: {type(exc).__name__}: {exc}") from None
    finally:
        pdf.close()
    state.drop_running_text()
    if state.words_seen == 0:
        if state.images_seen:
            raise NoTableFound(f"{path}: no text layer (a scanned document?): run OCR first, "
                               "e.g. ocrmypdf, then read the result")
        raise NoTableFound(f"{path}: no text in the PDF")
    if not state.tables:
        raise NoTableFound(f"{path}: no table found in the PDF")
    return Document(path=path, format="pdf", sha256=sha256, tables=state.tables, lines=state.lines)
