"""One PDF page as plain data, whichever engine read it: the seam between reading and finding.

The table finding and layout code read only this: the page's size, its characters and its
rules and rectangles as dicts with pdfplumber's keys (`x0`, `top`, `x1`, `bottom`, `size`,
`fontname`, `stroke`, `fill`, `non_stroking_color`, ...), in content order. Two engines fill it
(`pdf_engine_plumber`, the reference, and `pdf_engine_pdfium`, the fast one); words
(`pdf_words.words_of`, pdfplumber's grouping rules, held equal to it by a test) and ruled tables
(pdfplumber's table finder on the dicts, its crossings and cells found by `crossings_of` and
`cells_of`, also held equal to it) are made from the dicts alone, so both engines go through the
same code from the characters on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .limits import Limits

Obj = dict[str, Any]
#: decimals a character's font size keeps. Words are runs of characters of one font and size,
#: and pdfminer's sizes carry rounding noise from where the text sits (8.5 on one line,
#: 8.499999999999986 on the next): unrounded, a word broke or not on that noise, and one
#: engine's words differed from the other's. A thousandth of a point tells every real size apart.
SIZE_DECIMALS = 3


@dataclass
class PdfPage:
    """A page's objects in pdfplumber's coordinates: x from the left, `top` from the top."""

    number: int
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    images: list[Obj] = field(default_factory=list)
    _edges: list[Obj] | None = field(default=None, repr=False)

    @property
    def edges(self) -> list[Obj]:
        """Lines, then each rect's four sides, then curves' straight steps, as pdfplumber has them."""
        if self._edges is None:
            from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

            edges = [line_to_edge(line) for line in self.lines]
            for rect in self.rects:
                edges += rect_to_edges(rect)
            for curve in self.curves:
                edges += curve_to_edges(curve)
            self._edges = edges
        return self._edges

    def find_tables(self, settings: dict[str, Any]) -> list[Any]:
        """Tables from explicit ruling edges (the only strategy the reader uses), as pdfplumber's
        TableFinder finds them: edges snapped and joined, their crossings, cells, tables. The
        crossings and cells are found by `crossings_of` and `cells_of`, which give pdfplumber's
        results without its every-point scans."""
        from pdfplumber.table import Table, TableSettings, cells_to_tables, merge_edges
        from pdfplumber.utils import filter_edges, obj_to_edges

        resolved = TableSettings.resolve(settings)
        edges = [e for desc in resolved.explicit_vertical_lines or [] if isinstance(desc, dict)
                 for e in obj_to_edges(desc) if e["orientation"] == "v"]
        edges += [e for desc in resolved.explicit_horizontal_lines or [] if isinstance(desc, dict)
                  for e in obj_to_edges(desc) if e["orientation"] == "h"]
        edges = merge_edges(edges, snap_x_tolerance=resolved.snap_x_tolerance,
                            snap_y_tolerance=resolved.snap_y_tolerance,
                            join_x_tolerance=resolved.join_x_tolerance,
                            join_y_tolerance=resolved.join_y_tolerance)
        edges = filter_edges(edges, min_length=resolved.edge_min_length)
        crossings = crossings_of(edges, resolved.intersection_x_tolerance,
                                 resolved.intersection_y_tolerance)
        cells = cells_of(crossings)
        return [Table(None, group) for group in cells_to_tables(cells)]  # type: ignore[arg-type]

    def close(self) -> None:
        """Let the page's objects go: a reader holds one page at a time."""
        self.chars, self.rects, self.lines, self.curves, self.images = [], [], [], [], []
        self._edges = None


Point = tuple[float, float]
Crossings = dict[Point, dict[str, list[Obj]]]


def crossings_of(edges: list[Obj], x_tolerance: float, y_tolerance: float) -> Crossings:
    """Where vertical and horizontal edges cross: pdfplumber's `edges_to_intersections`, which
    sorts the horizontal edges again for every vertical one; here they are sorted once."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    crossings: Crossings = {}
    for v in verticals:
        for h in horizontals:
            if (v["top"] <= h["top"] + y_tolerance and v["bottom"] >= h["top"] - y_tolerance
                    and v["x0"] >= h["x0"] - x_tolerance and v["x0"] <= h["x1"] + x_tolerance):
                found = crossings.setdefault((v["x0"], h["top"]), {"v": [], "h": []})
                found["v"].append(v)
                found["h"].append(h)
    return crossings


def cells_of(crossings: Crossings) -> list[tuple[float, float, float, float]]:
    """The smallest cell each crossing opens, as pdfplumber's `intersections_to_cells` finds
    them: the points below and to the right of a crossing come from its column and its row,
    not from a scan of every later point, and each crossing's edges are made a set once."""
    def boxes(found: list[Obj]) -> set[tuple[float, float, float, float]]:
        return {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in found}

    sets = {point: (boxes(found["v"]), boxes(found["h"])) for point, found in crossings.items()}

    def connects(p1: Point, p2: Point) -> bool:
        return (p1[0] == p2[0] and not sets[p1][0].isdisjoint(sets[p2][0])) or (
            p1[1] == p2[1] and not sets[p1][1].isdisjoint(sets[p2][1]))

    points = sorted(crossings)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    place = {}  # each point's place in its column and in its row
    for point in points:  # in sorted order: a column runs down, a row left to right
        column, row = columns.setdefault(point[0], []), rows.setdefault(point[1], [])
        place[point] = (len(column), len(row))
        column.append(point)
        row.append(point)
    cells = []
    for point in points:
        down, across = place[point]
        right = [p for p in rows[point[1]][across + 1:] if connects(point, p)]
        cell = next(((point[0], point[1], corner[0], corner[1])
                     for below in columns[point[0]][down + 1:] if connects(point, below)
                     for beside in right
                     if (corner := (beside[0], below[1])) in sets
                     and connects(corner, beside) and connects(corner, below)), None)
        if cell:
            cells.append(cell)
    return cells


class PdfEngine(Protocol):
    """An open PDF: its page count, then its pages one at a time (each read, then let go)."""

    def page_count(self, limits: Limits | None = None) -> int: ...

    def page(self, number: int) -> PdfPage: ...

    def close(self) -> None: ...
