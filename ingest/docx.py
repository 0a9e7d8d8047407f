"""Word documents: every table in reading order, merged cells read as merged, fills, headers.

python-docx opens the package and gives its parts: the body, the styles, the numbering and the
core properties. Its table API repeats a merged cell at every grid position it covers and does
not see tables in content controls, so the body XML is walked here: `w:tc` with `w:gridSpan`
and `w:vMerge` give each merged cell's text once, in its first grid position; `w:tblHeader`
marks header rows; `w:shd/@w:fill` is the cell's fill; deleted tracked-change text is skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .errors import FileCorrupt, FileEncrypted, NoTableFound
from .limits import LimitExceeded, Limits, check_zip, refuse_doctypes
from .model import Document, SourceTable, TextLine

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: never text: deletions, field codes, properties, and the fallback copy of alternate content
SKIPPED = {f"{{{W}}}{name}" for name in ("del", "moveFrom", "instrText", "delText", "pPr", "rPr",
                                          "tblPr", "trPr", "tcPr", "sectPr", "commentReference")}
SKIPPED.add(f"{{{MC}}}Fallback")
BULLET_FORMATS = {"bullet", "none"}
HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def attr(element: etree._Element | None, name: str) -> str | None:
    return None if element is None else element.get(q(name))


@dataclass
class Numbering:
    """List numbering: bullets become "• ", numbers are counted as Word shows them."""

    formats: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: etree._Element | None) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        abstract = {}
        for node in root.iterfind("w:abstractNum", NS):
            levels = {}
            for lvl in node.iterfind("w:lvl", NS):
                fmt = attr(lvl.find("w:numFmt", NS), "w:val") or "decimal"
                text = attr(lvl.find("w:lvlText", NS), "w:val") or ""
                levels[_level(attr(lvl, "w:ilvl"))] = (fmt, text)
            abstract[attr(node, "w:abstractNumId")] = levels
        for num in root.iterfind("w:num", NS):
            levels = abstract.get(attr(num.find("w:abstractNumId", NS), "w:val"), {})
            for level, spec in levels.items():
                numbering.formats[(attr(num, "w:numId") or "", level)] = spec
        return numbering

    def label(self, num_id: str, level: int) -> str:
        fmt, text = self.formats.get((num_id, level), ("bullet", "•"))
        if fmt in BULLET_FORMATS:
            return "• "
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        counts[level + 1:] = [0] * (8 - level)
        label = text
        for i in range(level + 1):
            label = label.replace(f"%{i + 1}", _format_number(counts[i] or 1, self.formats.get(
                (num_id, i), ("decimal", ""))[0]))
        return label + " "


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for value, letters in numerals:
            while n >= value:
                out, n = out + letters, n - value
        return out if fmt == "lowerRoman" else out.upper()
    return str(n)


class BodyReader:
    """Walks the body in reading order, collecting tables and the paragraphs around them."""

    def __init__(self, path: str, numbering: Numbering, styles: Styles,
                 limits: Limits | None = None) -> None:
        self.path = path
        self.numbering = numbering
        self.styles = styles
        self.limits = limits or Limits()
        self.tables: list[SourceTable] = []
        self.lines: list[TextLine] = []

    def walk(self, body: etree._Element) -> None:
        for child in unwrapped(body, (q("w:p"), q("w:tbl"))):
            if child.tag == q("w:tbl"):
                self.tables.append(self.table(child, len(self.tables) + 1))
                continue
            text = self.paragraph_text(child)
            if text.strip():
                style = self.styles.names.get(attr(child.find("w:pPr/w:pStyle", NS), "w:val") or "")
                self.lines.append(TextLine(text, len(self.tables), style=style))

    def paragraph_text(self, paragraph: etree._Element) -> str:
        parts = []
        style_id = attr(paragraph.find("w:pPr/w:pStyle", NS), "w:val")
        num_id, level = _numbering_of(paragraph.find("w:pPr/w:numPr", NS))
        if num_id is None and style_id:
            num_id, level = self.styles.numbering(style_id)
        if num_id and num_id != "0":
            parts.append(self.numbering.label(num_id, level))
        parts.extend(self._runs(paragraph))
        return "".join(parts)

    def _runs(self, element: etree._Element) -> Iterator[str]:
        for node in element:
            if node.tag in SKIPPED or not isinstance(node.tag, str):
                continue
            if node.tag == q("w:t"):
                yield node.text or ""
            elif node.tag == q("w:tab"):
                yield " "
            elif node.tag in (q("w:br"), q("w:cr")):
                yield "\n"
            elif node.tag == q("w:noBreakHyphen"):
                yield "-"
            else:
                yield from self._runs(node)

    def cell_text(self, cell: etree._Element) -> str:
        """A cell's paragraphs on separate lines; a nested table's rows on lines of their own."""
        lines = []
        for child in unwrapped(cell, (q("w:p"), q("w:tbl"))):
            if child.tag == q("w:p"):
                lines.append(self.paragraph_text(child))
            else:
                inner = self.table(child, 0)
                lines += [" ".join(c for c in row if c.strip()) for row in inner.rows]
        return "\n".join(line for line in lines if line.strip())

    def table(self, tbl: etree._Element, index: int) -> SourceTable:
        grid_width = len(tbl.findall("w:tblGrid/w:gridCol", NS))
        if grid_width > self.limits.table_columns:
            raise LimitExceeded(self.path, f"a table grid of {grid_width} columns", "table_columns",
                                self.limits.table_columns)
        grid = grid_width or self.limits.table_columns
        rows: list[list[str]] = []
        fills: list[list[str | None]] = []
        spanning: set[int] = set()
        col_spans: dict[tuple[int, int], int] = {}
        header_rows = 0
        for r, tr in enumerate(unwrapped(tbl, (q("w:tr"),))):
            cells, row_fills, column, spans = self._row(tr, grid)
            rows.append(cells)
            fills.append(row_fills)
            for span in spans:
                if span > 1:
                    col_spans[(r, column)] = span
                column += span
            width = max(grid_width, len(cells))
            if len(spans) == 1 and spans[0] >= width > 1:
                spanning.add(r)
            if header_rows == r and _is_header_row(tr):
                header_rows += 1
        width = max([grid_width, *(len(r) for r in rows)])
        rows = [r + [""] * (width - len(r)) for r in rows]
        fills = [f + [None] * (width - len(f)) for f in fills]
        return SourceTable(index=index, rows=rows, fills=fills, spanning_rows=frozenset(spanning),
                           header_rows=header_rows or None, col_spans=col_spans)

    def _row(self, tr: etree._Element, grid: int
             ) -> tuple[list[str], list[str | None], int, list[int]]:
        """A row's cells, fills, grid columns skipped before it, and each cell's span. A span or
        a skip never reaches past the table's grid: a `w:gridSpan` of a hundred million is the
        rest of the row, as Word shows it."""
        before = min(self.count(tr.find("w:trPr/w:gridBefore", NS), 0), grid)
        cells: list[str] = [""] * before
        fills: list[str | None] = [None] * before
        spans: list[int] = []
        for tc in unwrapped(tr, (q("w:tc"),)):
            span = max(1, min(self.count(tc.find("w:tcPr/w:gridSpan", NS), 1), grid - len(cells)))
            merge = tc.find("w:tcPr/w:vMerge", NS)
            continued = merge is not None and attr(merge, "w:val") in (None, "continue")
            fill = attr(tc.find("w:tcPr/w:shd", NS), "w:fill")
            cells += ["" if continued else self.cell_text(tc)] + [""] * (span - 1)
            fills += [fill.upper() if fill and HEX.match(fill) else None] * span
            spans.append(span)
            if len(cells) > self.limits.table_columns:
                raise LimitExceeded(self.path, "a table row of more cells",
                                    "table_columns", self.limits.table_columns)
        return cells, fills, before, spans

    def count(self, element: etree._Element | None, default: int) -> int:
        """A `w:val` count (span, skip); text that is not a number makes the document corrupt."""
        text = attr(element, "w:val")
        if text is None:
            return default
        try:
            return max(int(text), 0)
        except ValueError:
            raise FileCorrupt(f"{self.path}: corrupt Word document (a count of {text[:20]!r})") from None


def unwrapped(container: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """The children of `container` with one of `tags`, looking inside content controls
    (`w:sdt`) and custom XML, which python-docx's own API does not see into."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag in (q("w:sdt"), q("w:customXml")):
            content = child.find("w:sdtContent", NS) if child.tag == q("w:sdt") else child
            if content is not None:
                yield from unwrapped(content, tags)


def _is_header_row(tr: etree._Element) -> bool:
    flag = tr.find("w:trPr/w:tblHeader", NS)
    return flag is not None and attr(flag, "w:val") not in ("false", "0", "off")


def _numbering_of(num_pr: etree._Element | None) -> tuple[str | None, int]:
    if num_pr is None:
        return None, 0
    return (attr(num_pr.find("w:numId", NS), "w:val"),
            _level(attr(num_pr.find("w:ilvl", NS), "w:val")))


def _level(text: str | None) -> int:
    """A list level: Word has nine (0-8); anything else is read as the nearest one."""
    try:
        return min(max(int(text or 0), 0), 8)
    except ValueError:
        return 0


@dataclass
class Styles:
    """Style names, and the list numbering a style gives its paragraphs ("List Bullet")."""

    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    num_pr: dict[str, tuple[str | None, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: etree._Element | None) -> Styles:
        styles = cls()
        if root is None:
            return styles
        for style in root.iterfind("w:style", NS):
            style_id = attr(style, "w:styleId") or ""
            styles.names[style_id] = attr(style.find("w:name", NS), "w:val") or ""
            parent = attr(style.find("w:basedOn", NS), "w:val")
            if parent:
                styles.based_on[style_id] = parent
            num_id, level = _numbering_of(style.find("w:pPr/w:numPr", NS))
            if num_id:
                styles.num_pr[style_id] = (num_id, level)
        return styles

    def numbering(self, style_id: str) -> tuple[str | None, int]:
        seen = set()
        while style_id and style_id not in seen:
            if style_id in self.num_pr:
                return self.num_pr[style_id]
            seen.add(style_id)
            style_id = self.based_on.get(style_id, "")
        return None, 0


def open_word(data: bytes, path: str) -> Any:
    """The package through python-docx (whose parser resolves no entities)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise FileCorrupt(f"{path}: not a Word document (corrupt or not a zip file)") from None
    except ValueError as exc:  # a template or macro document: its content type is not a .docx
        raise FileCorrupt(f"{path}: not a Word .docx document ({exc})") from None
    except etree.XMLSyntaxError as exc:
        raise FileCorrupt(f"{path}: corrupt Word document ({exc})") from None


def numbering_root(word: Any) -> etree._Element | None:
    try:
        return word.part.numbering_part.element
    except (NotImplementedError, KeyError):
        return None


def read_docx(data: bytes, path: str, sha256: str, limits: Limits | None = None) -> Document:
    """Read every table of a .docx, in reading order, with the paragraphs around them.

    The package is checked against the zip limits before any part is inflated, and every part
    goes through the one safe XML parser (no entities, no network, no huge trees)."""
    limits = limits or Limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            if "EncryptedPackage" in names:
                raise FileEncrypted(f"{path}: encrypted (password-protected) Word document")
            raise FileCorrupt(f"{path}: a zip file but not a Word document (no word/document.xml)")
        check_zip(archive, path, limits)
        refuse_doctypes(archive, path)
        word = open_word(data, path)
        body = word.element.body
        reader = BodyReader(path, Numbering.load(numbering_root(word)),
                            Styles.load(word.styles.element), limits)
        title = (word.core_properties.title or "").strip() or None
    except zipfile.BadZipFile:
        raise FileCorrupt(f"{path}: not a Word document (corrupt or not a zip file)") from None
    except (KeyError, ValueError, EOFError, zipfile.LargeZipFile, zlib.error) as exc:
        if isinstance(exc, FileCorrupt | LimitExceeded):
            raise
        raise FileCorrupt(f"{path}: corrupt Word document ({exc})") from None
    if body is None:
        raise FileCorrupt(f"{path}: corrupt Word document (no body)")
    reader.walk(body)
    if not reader.tables:
        raise NoTableFound(f"{path}: no table found in the document")
    return Document(path=path, format="docx", sha256=sha256, tables=reader.tables,
                    lines=reader.lines, metadata_title=title)
