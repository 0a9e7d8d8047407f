"""The reader's output: source tables as the document holds them, with provenance.

Readers fill these plain structures and nothing else: they know where a cell's text sits
(page, table, row, fill, span), never what a column means.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RowBoundary:
    """Between two text lines of a table read by its text: whether a new row starts there.

    `score` adds up the typographic cues (`cues`, e.g. "wrap +1.0 aligned +2.0"); a positive
    score, a rule or a spanning line cuts the row (`cut`). Kept so `inspect` can show why.
    """

    y: float
    score: float
    cut: bool
    cues: str
    #: the share of the table's width ruled between the two lines (rules, fill edges)
    ruled: float = 0.0
    #: a line spanning the table is above or below: a row boundary whatever the rules say
    spanning: bool = False


@dataclass(slots=True)
class SourceTable:
    """One table as a reader found it: a grid of raw cell text.

    `index` is 1-based in reading order; a table cut by a page break is one source table per
    page. `rows` are the rows as the reader returns them (rule lines are not rows), so the row
    number of `rows[i]` is `i + 1`. Cell text keeps the source's line breaks as "\\n".
    """

    index: int
    rows: list[list[str]]
    page: int | None = None
    #: rows the reader knows to be header rows (DOCX `w:tblHeader`); None when it cannot know
    header_rows: int | None = None
    #: True when the table starts after a page break or block break and may carry on the table
    #: before it (text blocks, PDF pages); DOCX tables are never cut, so False there
    may_continue: bool = False
    #: fill colour per cell as "RRGGBB", None where unfilled; same shape as `rows` when given
    fills: list[list[str | None]] | None = None
    #: 0-based indices of rows that are one cell spanning the whole table width (DOCX, PDF)
    spanning_rows: frozenset[int] = frozenset()
    #: (row, column) -> number of grid columns a cell spans, for cells spanning more than one
    col_spans: dict[tuple[int, int], int] = field(default_factory=dict)
    #: x positions of the column boundaries, left to right (PDF), for matching continuations
    column_edges: list[float] | None = None
    #: each cell's box (x0, top, x1, bottom) in points on its page (PDF); None where merged away
    cell_boxes: list[list[tuple[float, float, float, float] | None]] | None = None
    #: the reader's own notes on how it found this table (strategy, ruling), shown by `inspect`
    notes: dict[str, str] = field(default_factory=dict)
    #: the worksheet the table is on (spreadsheets); None for every other format
    sheet: str | None = None
    #: column -> the values a list validation allows in it (spreadsheets' drop-down lists)
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: the candidate row boundaries weighed between text lines (PDF tables read by their text)
    boundaries: list[RowBoundary] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(slots=True)
class TextLine:
    """Text outside any table, in reading order: `after_table` is the number of tables before it."""

    text: str
    after_table: int
    page: int | None = None
    #: paragraph style name where the format has one ("Title", "Heading 1"), else None
    style: str | None = None
    #: the worksheet the line is on (spreadsheets), else None
    sheet: str | None = None


@dataclass
class SkippedText:
    """Text a reader saw and deliberately left out of its tables (a hidden row, column or sheet):
    reported as residue, never silently lost."""

    text: str
    reason: str
    table: int | None = None
    row: int | None = None


@dataclass
class Document:
    """Everything a reader took from one file."""

    path: str
    format: str
    sha256: str
    tables: list[SourceTable]
    #: every paragraph or line outside the tables, in reading order
    lines: list[TextLine] = field(default_factory=list)
    #: a title stored outside the text (DOCX core properties), used only as a fallback
    metadata_title: str | None = None
    #: text left out on purpose (hidden rows, columns, sheets), for the residue
    skipped: list[SkippedText] = field(default_factory=list)

