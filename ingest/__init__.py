"""Documents in, raw source tables out: `read(path)` picks the reader by magic bytes and suffix."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FileCorrupt, FileEncrypted, FileUnreadable, IngestError, NoTableFound
from .limits import LimitExceeded, Limits, check_cells
from .model import Document, SkippedText, SourceTable, TextLine
from .office import REFUSED, XLSX_SUFFIXES, refuse_ole, zip_format

__all__ = [
    "PDF_ENGINES",
    "STDIN",
    "SUFFIXES",
    "Document",
    "FileCorrupt",
    "FileEncrypted",
    "FileUnreadable",
    "IngestError",
    "LimitExceeded",
    "Limits",
    "NoTableFound",
    "ReadOptions",
    "SkippedText",
    "SourceTable",
    "TextLine",
    "detect_format",
    "read",
    "read_bytes",
]


#: what can read PDF pages: PDFium (fast) and pdfplumber (the reference); the first is the default
PDF_ENGINES = ("pdfplumber", "pdfium")


@dataclass(frozen=True)
class ReadOptions:
    """Options a reader may use; each reader ignores those that are not its own."""

    password: str | None = None
    pdf_strategy: str = "auto"
    #: "pdfium" (fast) or "pdfplumber" (the reference); both give the same tables
    pdf_engine: str = PDF_ENGINES[0]
    limits: Limits = field(default_factory=Limits)
    #: keep each PDF cell's box (for drawing a page, `inspect`): a long PDF's boxes are near half
    #: of what its tables hold, so a run that only wants records leaves them out
    cell_boxes: bool = True


Reader = Callable[[bytes, str, str, ReadOptions], Document]

#: suffixes read when a directory is walked, and the format each one announces
SUFFIXES = {".txt": "text", ".text": "text", ".tsv": "text", ".md": "text",
            ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(data: bytes, path: str) -> str:
    """The format the bytes are, falling back on the suffix for text."""
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return zip_format(data, path)
    if data.startswith(OLE_MAGIC):
        refuse_ole(data, path)
    name = Path(path).name.lower()
    suffix = Path(name).suffix or (name if name.startswith(".") else "")  # ".pdf" names a PDF too
    if suffix in REFUSED:
        raise FileUnreadable(f"{path}: {REFUSED[suffix]}")
    if suffix in XLSX_SUFFIXES:
        raise FileCorrupt(f"{path}: not an Excel workbook (corrupt or wrongly named file)")
    if suffix in (".docx", ".pdf"):
        kind = "Word document" if suffix == ".docx" else "PDF"
        raise FileCorrupt(f"{path}: not a {kind} (corrupt or wrongly named file)")
    return "text"


def _readers() -> dict[str, Reader]:
    from .docx import read_docx
    from .pdf import read_pdf
    from .text import read_text
    from .xlsx import read_xlsx

    return {
        "text": lambda data, path, sha, _o: read_text(data, path, sha),
        "docx": lambda data, path, sha, o: read_docx(data, path, sha, o.limits),
        "pdf": read_pdf,
        "xlsx": lambda data, path, sha, o: read_xlsx(data, path, sha, o.limits),
    }


def read_bytes(data: bytes, path: str, options: ReadOptions | None = None) -> Document:
    """Read a document held in memory; `path` is how it is named in provenance and errors."""
    if not data:
        raise FileUnreadable(f"{path}: the file is empty")
    options = options or ReadOptions()
    sha256 = hashlib.sha256(data).hexdigest()
    document = _readers()[detect_format(data, path)](data, path, sha256, options)
    for table in document.tables:
        check_cells(table.rows, path, options.limits)
    return document


#: the path that names standard input: `actionplan ingest - < plan.docx`
STDIN = "-"


def read(path: str | Path, options: ReadOptions | None = None) -> Document:
    """Read one document from disk (or standard input, named "-") into raw source tables with
    provenance; the format comes from the bytes, so a plan piped in needs no name."""
    name = str(path)
    limits = (options or ReadOptions()).limits
    if name == STDIN:
        data = sys.stdin.buffer.read(limits.file_bytes + 1)
        if len(data) > limits.file_bytes:
            raise LimitExceeded(name, "standard input", "file_bytes", limits.file_bytes)
        return read_bytes(data, name, options)
    try:
        data = read_regular_file(Path(path), name, limits)
    except IngestError:
        raise
    except FileNotFoundError:
        raise FileUnreadable(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FileUnreadable(f"{name}: is a directory") from None
    except OSError as exc:
        raise FileUnreadable(f"{name}: cannot be read ({exc.strerror or exc})") from None
    return read_bytes(data, name, options)


def read_regular_file(path: Path, name: str, limits: Limits) -> bytes:
    """The bytes of a regular file: a FIFO, device or socket is refused (opening is
    non-blocking, so a FIFO cannot hang the run; /dev/zero would never end), and so is a file
    past `file_bytes`."""
    if path.is_dir():
        raise IsADirectoryError(name)
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileUnreadable(f"{name}: not a regular file (a pipe, device or socket): not read")
        if info.st_size > limits.file_bytes:
            raise LimitExceeded(name, f"a file of {info.st_size} bytes", "file_bytes", limits.file_bytes)
        data = handle.read(min(info.st_size, limits.file_bytes) + 1)  # no buffer of the limit's size
    if len(data) > limits.file_bytes:
        raise LimitExceeded(name, "a file growing while read", "file_bytes", limits.file_bytes)
    return data
