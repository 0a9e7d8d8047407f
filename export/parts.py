"""One output file written in parts: each document's records go to a scratch part as soon as
they are read, and the parts are joined in input order at the end, so a batch holds one
document's records at a time, and the file is the same whatever order the parts arrived in."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from normalise import ActionRecord

from . import csv, datapackage, jsonl, parquet


class PartWriter:
    def __init__(self, fmt: str, tags: Mapping[str, str] | None = None, excel: bool = False) -> None:
        self.fmt, self.tags, self.excel = fmt, dict(tags or {}), excel
        self.scratch = tempfile.TemporaryDirectory(prefix="actionplan-parts-")
        self.parts: dict[int, Path] = {}

    def add(self, position: int, records: Sequence[ActionRecord]) -> None:
        part = Path(self.scratch.name) / f"{position:08d}.{self.fmt}"
        if self.fmt == "csv":
            part.write_text(csv.rows(records, self.tags), encoding="utf-8", newline="")
        elif self.fmt == "jsonl":
            part.write_text(jsonl.render(records, self.tags), encoding="utf-8", newline="\n")
        else:
            parquet.write(records, part, self.tags)
        self.parts[position] = part

    def merge(self, output: Path | None) -> None:
        """Join the parts in order into `output` (None: CSV on standard output)."""
        ordered = [self.parts[p] for p in sorted(self.parts)]
        try:
            if self.fmt == "parquet":
                assert output is not None
                self._merge_parquet(ordered, output)
            elif output is None:
                sys.stdout.write(csv.header(self.tags, self.excel))
                for part in ordered:
                    sys.stdout.write(part.read_text(encoding="utf-8"))
            else:
                with output.open("w", encoding="utf-8", newline="") as handle:
                    if self.fmt == "csv":
                        handle.write(csv.header(self.tags, self.excel))
                    for part in ordered:
                        handle.write(part.read_text(encoding="utf-8"))
                if self.fmt == "csv":
                    datapackage.write(output, list(self.tags))
        finally:
            self.scratch.cleanup()

    def _merge_parquet(self, ordered: list[Path], output: Path) -> None:
        import pyarrow.parquet as pq

        schema = parquet.arrow_schema(list(self.tags))
        with pq.ParquetWriter(output, schema, compression="zstd") as writer:
            if not ordered:
                writer.write_table(parquet.to_table([], self.tags))
            for part in ordered:
                writer.write_table(pq.read_table(part, schema=schema))
