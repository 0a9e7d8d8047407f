"""Limits on what one input file may cost, in one place.

A hostile or broken file must end in one clear line, not in an exhausted machine: a zip entry
that inflates a thousand times (a "zip bomb"), a `w:gridSpan` of a hundred million columns, a
PDF Flate stream of gigabytes, entity expansion in XML. Each limit has a name; the error that
stops a file names the limit and how to raise it (`--limit NAME=VALUE`, or `ReadOptions(limits=...)`).
The zip checks follow Apache POI's `ZipSecureFile`: an entry that inflates more than `zip_ratio`
times (past a small grace size) or a package larger than `zip_bytes` uncompressed is refused.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import zipfile

from .errors import FileCorrupt, IngestError

MIB = 1024 * 1024
#: entries smaller than this are not judged by their ratio (POI's grace size): tiny parts of
#: repeated markup compress extremely well and are harmless
RATIO_GRACE_BYTES = 100 * 1024
STREAM = re.compile(rb"(?<!end)stream\r?\n")
END_STREAM = b"endstream"
#: the start of an XML document's root element: a DOCTYPE can only come before it


@dataclass(frozen=True)
class Limits:
    """What one file may cost. Every value is a maximum; raise one with `--limit NAME=VALUE`."""

    #: bytes of one input file, read before anything else
    file_bytes: int = 512 * MIB
    #: uncompressed bytes of every part of a DOCX/XLSX package together
    zip_bytes: int = 512 * MIB
    #: how many times one zip entry may inflate (uncompressed / compressed size)
    zip_ratio: int = 100
    #: entries in one DOCX/XLSX package
    zip_entries: int = 10_000
    #: columns of one table (a `gridSpan`/`gridBefore` cannot widen a table past its grid)
    table_columns: int = 1_000
    #: characters in one table cell
    cell_chars: int = 1_000_000
    #: pages of one PDF
    pdf_pages: int = 5_000
    #: decoded bytes of one PDF stream (a Flate bomb inflates far past this)
    pdf_stream_bytes: int = 128 * MIB

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls)]

    def with_values(self, values: Mapping[str, int]) -> Limits:
        """These limits with some raised or lowered; an unknown name or a value below 1 is refused."""
        for name, value in values.items():
            if name not in self.names():
                raise ValueError(f"unknown limit {name!r}: use one of {', '.join(self.names())}")
            if value < 1:
                raise ValueError(f"limit {name} must be at least 1, not {value}")
        return dataclasses.replace(self, **values)


class LimitExceeded(IngestError, ValueError):
    """A file past one of the limits: its message names the limit and how to raise it."""

    def __init__(self, path: str, what: str, name: str, value: int) -> None:
        super().__init__(f"{path}: {what}: over the limit {name}={value} "
                         f"(raise it with --limit {name}=N for a file you trust)")
        self.limit = name


def check_zip(archive: zipfile.ZipFile, path: str, limits: Limits) -> None:
    """Refuse a package whose declared sizes would inflate past the limits.

    `zipfile` stops reading an entry at its declared size (and fails its CRC past it), so the
    declared sizes bound what reading the parts can cost; DOCX and XLSX readers call this once
    on opening, before any part is read.
    """
    entries = archive.infolist()
    if len(entries) > limits.zip_entries:
        raise LimitExceeded(path, f"a package of {len(entries)} entries", "zip_entries",
                            limits.zip_entries)
    total = 0
    for entry in entries:
        total += entry.file_size
        if total > limits.zip_bytes:
            raise LimitExceeded(path, f"its parts' uncompressed size ({total} bytes and more)",
                                "zip_bytes", limits.zip_bytes)
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_GRACE_BYTES and ratio > limits.zip_ratio:
            raise LimitExceeded(path, f"part {entry.filename!r} inflating {ratio:.0f} times (a zip bomb?)",
                                "zip_ratio", limits.zip_ratio)


def refuse_doctypes(archive: zipfile.ZipFile, path: str) -> None:
    """Office never writes a DOCTYPE into a package part: a part that declares one (entity
    declarations, external entities: XML bombs and XXE) is refused before any XML parser sees
    the package. Parts are read in bounded steps; their sizes are already checked."""
    for name in archive.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        with archive.open(name) as part:
            tail = b""  # the last bytes read: a mark cut between two reads is still seen
            while chunk := part.read(1 << 20):
                text = tail + chunk
                if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
                    raise FileCorrupt(f"{path}: part {name} declares a DOCTYPE (entities are never read)")
                tail = text[-16:]


def check_cells(rows: Iterable[Iterable[str]], path: str, limits: Limits) -> None:
    for row in rows:
        for cell in row:
            if len(cell) > limits.cell_chars:
                raise LimitExceeded(path, f"a table cell of {len(cell)} characters", "cell_chars",
                                    limits.cell_chars)


def check_pdf_streams(data: bytes, path: str, limits: Limits) -> None:
    """Refuse a PDF with a Flate stream that inflates past `pdf_stream_bytes`, before any
    parser decodes it whole: each stream is inflated here in bounded steps and let go."""
    for match in STREAM.finditer(data):
        end = data.find(END_STREAM, match.end())
        body = data[match.end(): end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        size, chunk = 0, body
        try:
            while chunk and not inflater.eof:  # past the end of the Flate data zlib keeps a
                produced = inflater.decompress(chunk, MIB)  # byte in the tail: stop at eof
                size += len(produced)
                if not produced and inflater.unconsumed_tail == chunk:
                    break  # no progress: zlib wants input it will never get
                chunk = inflater.unconsumed_tail
                if size > limits.pdf_stream_bytes:
                    raise LimitExceeded(path, "a PDF stream that inflates further (a Flate bomb?)",
                                        "pdf_stream_bytes", limits.pdf_stream_bytes)
        except zlib.error:
            continue  # not Flate data, or encrypted: pdfminer judges it


def check_pdf_pages(pdf: Any, path: str, limits: Limits) -> None:
    """Count the pages of an open pdfplumber PDF without building them, up to the limit; a page
    tree nested past recursion depth is a corrupt file."""
    from pdfminer.pdfpage import PDFPage

    try:
        for count, _page in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            if count > limits.pdf_pages:
                raise LimitExceeded(path, "a PDF of more pages", "pdf_pages",
                                    limits.pdf_pages)
    except RecursionError:
        pdf.close = lambda: None  # pdfplumber's close() would walk the same page tree again
        raise FileCorrupt(f"{path}: corrupt PDF (its page tree is nested too deep)") from None
