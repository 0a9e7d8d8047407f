"""One output file written in parts: each document's records go to a scratch part as soon as
they are read, and the parts are joined in input order at the end, so a batch holds one
document's records at a time, and the file is the same whatever order the parts arrived in.

The parts live in one nameless temporary file (its byte ranges noted per document), which the
kernel reclaims however the run ends, SIGKILL included; the output itself is written atomically.
"""

from __future__ import annotations

import codecs
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from actionplan.normalise import ActionRecord, Residue

from . import atomic, csv, datapackage, jsonl, parquet, xlsx

CHUNK = 500  # records rendered at a time
BLOCK = 1024 * 1024  # bytes copied at a time when the parts are joined


class PartWriter:
    def __init__(self, fmt: str, tags: Mapping[str, str] | None = None, excel: bool = False,
                 safe_formulas: bool = False) -> None:
        self.fmt, self.tags, self.excel = fmt, dict(tags or {}), excel
        self.safe_formulas = safe_formulas or excel
        self.scratch: BinaryIO = tempfile.TemporaryFile(prefix="actionplan-parts-")  # noqa: SIM115 - closed in merge or close
        self.parts: dict[int, tuple[int, int]] = {}

    def add(self, position: int, records: Sequence[ActionRecord]) -> None:
        """Write one document's records to its part, a few hundred at a time: the document's
        text is never held whole (a 1,500-page plan's CSV is tens of megabytes)."""
        offset = self.scratch.seek(0, 2)
        if self.fmt in ("csv", "jsonl"):
            for start in range(0, len(records), CHUNK):
                chunk = records[start:start + CHUNK]
                text = (csv.rows(chunk, self.tags, self.safe_formulas, self.excel) if self.fmt == "csv"
                        else jsonl.render(chunk, self.tags))
                self.scratch.write(text.encode("utf-8"))
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            sink = pa.BufferOutputStream()
            pq.write_table(parquet.to_table(records, self.tags), sink, compression="zstd")
            self.scratch.write(sink.getvalue().to_pybytes())
        self.parts[position] = (offset, self.scratch.tell() - offset)

    def copy(self, position: int, handle: Any, text: bool = False) -> None:
        """Copy a part to `handle` a block at a time (decoded, for a text handle)."""
        offset, size = self.parts[position]
        self.scratch.seek(offset)
        decoder = codecs.getincrementaldecoder("utf-8")() if text else None
        while size > 0:
            block = self.scratch.read(min(BLOCK, size))
            if not block:
                break
            size -= len(block)
            handle.write(decoder.decode(block, final=size <= 0) if decoder else block)

    def part(self, position: int) -> bytes:
        offset, size = self.parts[position]
        self.scratch.seek(offset)
        return self.scratch.read(size)

    def merge(self, output: Path | None, residue: Sequence[Residue] = (),
              failures: Sequence[tuple[str, str]] = ()) -> None:
        """Join the parts in order into `output` (None: standard output, CSV or JSONL); a workbook
        also gets the residue and the failures, as sheets of their own."""
        ordered = sorted(self.parts)
        try:
            if self.fmt == "xlsx":
                assert output is not None
                with atomic.atomic_file(output) as handle:
                    xlsx.write_workbook(handle, (parquet.load(self.part(p)) for p in ordered),
                                        self.tags, residue, failures)
            elif self.fmt == "parquet":
                assert output is not None
                with atomic.atomic_file(output) as handle:
                    self._merge_parquet(ordered, handle)
            elif output is None:
                if self.fmt == "csv":
                    sys.stdout.write(csv.header(self.tags, self.excel))
                for position in ordered:
                    self.copy(position, sys.stdout, text=True)
            else:
                with atomic.atomic_file(output) as handle:
                    if self.fmt == "csv":
                        handle.write(csv.header(self.tags, self.excel).encode("utf-8"))
                    for position in ordered:
                        self.copy(position, handle)
                if self.fmt == "csv":
                    datapackage.write(output, list(self.tags))
        finally:
            self.close()

    def close(self) -> None:
        self.scratch.close()

    def _merge_parquet(self, ordered: list[int], handle: BinaryIO) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = parquet.arrow_schema(list(self.tags))
        with pq.ParquetWriter(handle, schema, compression="zstd") as writer:
            if not ordered:
                writer.write_table(parquet.to_table([], self.tags))
            for position in ordered:
                writer.write_table(pq.read_table(pa.BufferReader(self.part(position)), schema=schema))
