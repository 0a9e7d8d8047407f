"""`actionplan ingest` as a library call: read every plan, write one output (file, stdout or
a Parquet dataset folder), and say what happened to each file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import export
import ingest
from export.parts import PartWriter
from normalise import Settings

from .batch import BatchOptions, process_batch
from .dataset import DatasetError, DatasetWriter, Manifest, is_directory_output
from .pipeline import FileOutcome, Result, expand_paths, file_sha256, run
from .progress import Progress
from .raw import raw_lines


class ConvertError(Exception):
    """Options that cannot work together, or output that cannot be written."""


@dataclass(frozen=True)
class ConvertOptions:
    output: str = "-"
    fmt: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    excel: bool = False
    raw: bool = False
    residue: Path | None = None
    as_of: date | None = None
    batch: BatchOptions = field(default_factory=BatchOptions)
    partition_by: str | None = None
    incremental: bool = False
    progress: str = "auto"  # auto, bar, lines, none


class FileSink:
    """One output file (or stdout) written in parts, one per document, joined in input order."""

    def __init__(self, conv: ConvertOptions, files: list[str]) -> None:
        try:
            fmt = "csv" if conv.output == "-" and conv.fmt is None else export.format_for(
                Path(conv.output), conv.fmt)
        except export.ExportError as exc:
            raise ConvertError(str(exc)) from None
        if conv.output == "-" and fmt != "csv":
            raise ConvertError("only CSV can be written to stdout")
        self.output = None if conv.output == "-" else Path(conv.output)
        self.parts = PartWriter(fmt, conv.tags, conv.excel)
        self.position = {path: i for i, path in enumerate(files)}

    def add(self, outcome: FileOutcome) -> None:
        if outcome.normalised and not outcome.failure:
            self.parts.add(self.position[outcome.path], outcome.normalised.records)
            outcome.release()

    def finish(self, result: Result) -> None:
        if self.output:
            self.output.parent.mkdir(parents=True, exist_ok=True)
        self.parts.merge(self.output, result.residue, [(f.path, f.reason) for f in result.failures])


def convert(paths: Iterable[str], settings: Settings, options: ingest.ReadOptions,
            conv: ConvertOptions) -> Result:
    files = list(dict.fromkeys(expand_paths(paths)))  # a file named twice is read once
    folder = Path(conv.output) if is_directory_output(conv.output) and not conv.raw else None
    if conv.incremental and folder is None:
        raise ConvertError("--incremental needs a folder as output (-o out/)")
    progress = Progress(len(files), conv.progress) if conv.progress != "none" else None
    if conv.raw:
        result = run(files, settings, options, conv.as_of, keep_documents=True, on_done=progress)
        emit("".join(line + "\n" for line in raw_lines(f.document for f in result.files if f.document)),
             conv.output)
        return result
    try:
        manifest = Manifest.load(folder) if folder else Manifest()
    except DatasetError as exc:
        raise ConvertError(str(exc)) from None
    shas = {p: file_sha256(p) for p in files} if folder else {}
    skipped = {p for p in files if conv.incremental and manifest.unchanged(p, shas[p])}
    sink: DatasetWriter | FileSink = (
        DatasetWriter(folder, manifest, shas, conv.tags, conv.partition_by) if folder
        else FileSink(conv, files))

    def arrived(outcome: FileOutcome) -> None:
        if progress:
            progress(outcome)
        try:
            sink.add(outcome)
        except DatasetError as exc:
            raise ConvertError(str(exc)) from None

    todo = [p for p in files if p not in skipped]
    done = iter(process_batch(todo, settings, options, conv.as_of, conv.batch, arrived))
    outcomes = []
    for path in files:
        outcomes.append(FileOutcome(path, skipped=True) if path in skipped else next(done))
        if path in skipped:
            arrived(outcomes[-1])
    result = Result(outcomes)
    sink.finish(result)
    if conv.residue:
        conv.residue.write_text("".join(export.residue_lines(result.residue)), encoding="utf-8")
    return result


def emit(text: str, output: str) -> None:
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
