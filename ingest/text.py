"""Plain-text plans: pipe tables and tab-separated tables, as text extracted from PDFs gives them.

A pipe table (`| a | b |`, with `|---|` rule lines) is a source table per block of pipe lines;
text extracted from PDFs starts a new block after each page break, often with an empty header
row. Tab-separated extractions repeat the header line at each page: a block is cut there too,
so each page's rows form their own source table, as in the printed document.
"""

from __future__ import annotations

import codecs
import re

from .errors import FileCorrupt, NoTableFound
from .model import Document, SourceTable, TextLine

RULE_LINE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
PIPE_SPLIT = re.compile(r"(?<!\\)\|")


def decode(data: bytes, path: str) -> str:
    """Text from bytes: UTF-16 with its BOM (Notepad's "Unicode"), UTF-8 (with or without BOM),
    else Windows-1252 as Word exports it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileCorrupt(f"{path}: not a text file (a UTF-16 mark, then invalid text)") from None
    if b"\x00" in data[:4096]:
        raise FileCorrupt(f"{path}: not a text file (binary content)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise FileCorrupt(f"{path}: not a text file (binary content)")
    return text


def is_pipe_row(line: str, in_pipe_block: bool = False) -> bool:
    """`| a | b |`; inside a pipe block also `a | b | c`, as Markdown allows."""
    stripped = line.strip()
    bars = len(PIPE_SPLIT.findall(stripped))
    return (stripped.startswith("|") and bars >= 2) or (in_pipe_block and bars >= 1)


def split_pipe_row(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return [cell.strip().replace("\\|", "|") for cell in PIPE_SPLIT.split(stripped)]


def split_tab_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.rstrip("\r\n").split("\t")]


def pad(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def row_key(row: list[str]) -> list[str]:
    key = [c.strip().lower() for c in row]
    while key and not key[-1]:
        key.pop()
    return key


def cut_at_repeated_header(rows: list[list[str]]) -> list[list[list[str]]]:
    """Tab blocks: a line equal to the block's first line starts a new source table."""
    header = row_key(rows[0])
    parts: list[list[list[str]]] = [[rows[0]]]
    for row in rows[1:]:
        if row_key(row) == header and len(header) > 1:
            parts.append([row])
        else:
            parts[-1].append(row)
    return parts


def line_kind(line: str, in_pipe_block: bool) -> str:
    """"pipe", "rule", "tab", "blank" or "text"."""
    if not line.strip():
        return "blank"
    if is_pipe_row(line, in_pipe_block):
        return "rule" if RULE_LINE.match(line) else "pipe"
    if in_pipe_block and RULE_LINE.match(line):
        return "rule"
    return "tab" if "\t" in line else "text"


def read_text(data: bytes, path: str, sha256: str) -> Document:
    """Read every pipe or tab table of a text file, and the lines around them."""
    text = decode(data, path)
    if not text.strip():
        raise NoTableFound(f"{path}: the file is empty")
    tables: list[SourceTable] = []
    lines: list[TextLine] = []
    block: list[list[str]] = []
    block_kind: str | None = None

    def close_block() -> None:
        nonlocal block, block_kind
        parts = cut_at_repeated_header(block) if block_kind == "tab" else [block] if block else []
        for part in parts:
            tables.append(SourceTable(index=len(tables) + 1, rows=pad(part), may_continue=bool(tables)))
        block, block_kind = [], None

    # a form feed is a page break: the table after it starts a new source table
    for raw in text.replace("\f", "\n\n").splitlines():
        kind = line_kind(raw, block_kind == "pipe")
        if kind == "rule":
            if block_kind == "tab":
                close_block()
            block_kind = "pipe"
            continue
        if kind in ("pipe", "tab"):
            if block_kind not in (None, kind):
                close_block()
            block_kind = kind
            block.append(split_pipe_row(raw) if kind == "pipe" else split_tab_row(raw))
            continue
        close_block()
        if kind == "text":
            lines.append(TextLine(text=raw.strip(), after_table=len(tables)))
    close_block()
    if not tables:
        raise NoTableFound(f"{path}: no table found (no pipe or tab-separated rows)")
    return Document(path=path, format="text", sha256=sha256, tables=tables, lines=lines)
