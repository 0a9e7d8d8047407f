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


def convert(paths: Iterable[str], settings: Settings, options: ingest.ReadOptions,
            conv: ConvertOptions) -> Result:
    files = list(expand_paths(paths))
    folder = Path(conv.output) if is_directory_output(conv.output) and not conv.raw else None
    if conv.incremental and folder is None:
        raise ConvertError("--incremental needs a folder as output (-o out/)")
    progress = Progress(len(files), conv.progress) if conv.progress != "none" else None
    if conv.raw:
        result = run(files, settings, options, conv.as_of, keep_documents=True, on_done=progress)
        text = "".join(line + "\n" for line in raw_lines(f.document for f in result.files if f.document))
        emit(text, conv.output)
        return result
    try:
        manifest = Manifest.load(folder) if folder else Manifest()
    except DatasetError as exc:
        raise ConvertError(str(exc)) from None
    shas = {p: file_sha256(p) for p in files} if folder else {}
    skipped = {p for p in files if conv.incremental and manifest.unchanged(p, shas[p])}
    todo = [p for p in files if p not in skipped]
    writer = DatasetWriter(folder, manifest, shas, conv.tags, conv.partition_by) if folder else None

    def arrived(outcome: FileOutcome) -> None:
        if progress:
            progress(outcome)
        if writer:
            try:
                writer.add(outcome)
            except DatasetError as exc:
                raise ConvertError(str(exc)) from None

    done = iter(process_batch(todo, settings, options, conv.as_of, conv.batch, arrived))
    outcomes = []
    for path in files:
        if path in skipped:
            outcomes.append(FileOutcome(path, skipped=True))
            arrived(outcomes[-1])
        else:
            outcomes.append(next(done))
    result = Result(outcomes)
    if writer:
        writer.finish(result)
    else:
        write_output(result, conv)
    return result


def write_output(result: Result, conv: ConvertOptions) -> None:
    try:
        if conv.output == "-":
            if conv.fmt not in (None, "csv"):
                raise ConvertError("only CSV can be written to stdout")
            sys.stdout.write(export.render_csv(result.records, conv.tags, conv.excel))
        else:
            export.write(result.records, Path(conv.output), conv.fmt, conv.tags, conv.excel)
    except export.ExportError as exc:
        raise ConvertError(str(exc)) from None
    if conv.residue:
        conv.residue.write_text("".join(export.residue_lines(result.residue)), encoding="utf-8")


def emit(text: str, output: str) -> None:
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
