"""`actionplan ingest` as a library call: read every plan, write one output (file, stdout or
a Parquet dataset folder), and say what happened to each file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from actionplan import export, ingest
from actionplan.export.parts import PartWriter
from actionplan.normalise import Settings

from .batch import BatchOptions, process_batch
from .dataset import DatasetError, DatasetWriter, Manifest, is_directory_output, locked
from .pipeline import (
    FileOutcome,
    Result,
    TagError,
    check_tags,
    expand_paths,
    file_sha256,
    printable,
    run,
    unread_files,
)
from .progress import Progress
from .raw import raw_lines


class ConvertError(Exception):
    """Options that cannot work together, or output that cannot be written."""


class NoInput(ConvertError):
    """Not one of the paths named exists: a usage error, and nothing is written."""


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
    #: CSV: neutralise formula-like cells (implied by `excel`)
    safe_formulas: bool = False
    #: folder walks: follow symbolic links that lead out of the folder
    follow_links: bool = False


#: formats that can go to standard output
TEXT_FORMATS = ("csv", "jsonl")


class FileSink:
    """One output file (or stdout) written in parts, one per document, joined in input order."""

    def __init__(self, conv: ConvertOptions, files: list[str]) -> None:
        try:
            fmt = "csv" if conv.output == "-" and conv.fmt is None else export.format_for(
                Path(conv.output), conv.fmt)
        except export.ExportError as exc:
            raise ConvertError(str(exc)) from None
        if conv.output == "-" and fmt not in TEXT_FORMATS:
            raise ConvertError(f"{fmt} is not text: name an output file with -o")
        self.output = None if conv.output == "-" else Path(conv.output)
        self.parts = PartWriter(fmt, conv.tags, conv.excel, conv.safe_formulas)
        self.position = {path: i for i, path in enumerate(files)}

    def add(self, outcome: FileOutcome) -> None:
        if outcome.normalised and not outcome.failure:
            self.parts.add(self.position[outcome.path], outcome.normalised.records)
            outcome.release()

    def abort(self) -> None:
        self.parts.close()

    def finish(self, result: Result) -> None:
        if self.output:
            self.output.parent.mkdir(parents=True, exist_ok=True)
        self.parts.merge(self.output, result.residue, [(f.path, f.reason) for f in result.failures])


def convert(paths: Iterable[str], settings: Settings, options: ingest.ReadOptions,
            conv: ConvertOptions) -> Result:
    """Check the inputs and the output location before any work, read every file, and write
    the output only once every file is done (atomically: a failed run leaves it as it was)."""
    notes: list[str] = []
    given = list(paths)
    files = list(dict.fromkeys(expand_paths(given, conv.follow_links, notes)))  # named twice: read once
    check_options(files, conv, given)
    folder = Path(conv.output) if is_directory_output(conv.output) and not conv.raw else None
    progress = Progress(len(files), conv.progress) if conv.progress != "none" else None
    if conv.raw:
        result = run(files, settings, options, conv.as_of, keep_documents=True, on_done=progress)
        documents = (f.document for f in result.files if f.document)
        emit("".join(line + "\n" for line in raw_lines(documents, settings)), conv.output)
    elif folder:
        with locked(folder):
            result = _convert(files, settings, options, conv, progress, folder)
    else:
        result = _convert(files, settings, options, conv, progress, None)
    result.unread = unread_files(paths)
    if conv.residue:
        text = "".join(export.residue_lines(result.residue))
        export.atomic.write_bytes(conv.residue, text.encode("utf-8", "backslashreplace"))
    result.notes[:0] = notes
    return result


def check_options(files: list[str], conv: ConvertOptions, given: list[str] | None = None) -> None:
    """What can be known before any file is read: the tags, the inputs (`files`, walked from
    the paths `given`), the output location."""
    try:
        check_tags(conv.tags)
    except TagError as exc:
        raise ConvertError(str(exc)) from None
    if not any(f == ingest.STDIN or os.path.lexists(f) for f in files):
        readable = ", ".join(sorted(ingest.SUFFIXES))
        asked = given if given is not None else files
        named = ", ".join(printable(f) for f in asked[:3]) + (", ..." if len(asked) > 3 else "")
        raise NoInput(f"no input found in {named or 'the paths given'}: no such file or folder, "
                      f"or a folder with no plans in it ({readable})")
    if conv.incremental and not (is_directory_output(conv.output) and not conv.raw):
        raise ConvertError("--incremental needs a folder as output (-o out/)")
    if conv.output != "-":
        export.atomic.check_writable(Path(conv.output), is_directory_output(conv.output))


def _convert(files: list[str], settings: Settings, options: ingest.ReadOptions, conv: ConvertOptions,
             progress: Progress | None, folder: Path | None) -> Result:
    try:
        manifest = Manifest.load(folder) if folder else Manifest()
        shas = {p: file_sha256(p) for p in files} if folder else {}
        skipped = {p for p in files if conv.incremental and manifest.unchanged(p, shas[p])}
        sink: DatasetWriter | FileSink = (
            DatasetWriter(folder, manifest, shas, conv.tags, conv.partition_by) if folder
            else FileSink(conv, files))
    except DatasetError as exc:
        raise ConvertError(str(exc)) from None

    def arrived(outcome: FileOutcome) -> None:
        if progress:
            progress(outcome)
        try:
            sink.add(outcome)
        except DatasetError as exc:
            raise ConvertError(str(exc)) from None

    try:
        todo = [p for p in files if p not in skipped]
        done = iter(process_batch(todo, settings, options, conv.as_of, conv.batch, arrived))
        outcomes = []
        for path in files:
            outcomes.append(FileOutcome(path, skipped=True) if path in skipped else next(done))
            if path in skipped:
                arrived(outcomes[-1])
        result = Result(outcomes)
        if isinstance(sink, FileSink) and result.failures and not any(
                f.normalised and not f.failure for f in result.files):
            kept = " (the earlier output there is left as it was)" if os.path.exists(conv.output) else ""
            result.consequences.append(
                "nothing written to standard output, as no file gave an action" if conv.output == "-"
                else f"{conv.output}: not written, as no file gave an action{kept}")
            sink.abort()
        else:
            sink.finish(result)
    except BaseException:
        sink.abort()
        raise
    return result


def emit(text: str, output: str) -> None:
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        export.atomic.write_bytes(Path(output), text.encode("utf-8", "backslashreplace"))
