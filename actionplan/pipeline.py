"""The pipeline: paths -> documents -> records, one file at a time, failures kept per file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import ingest
from normalise import ActionRecord, Normalised, Residue, Settings, normalise


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass
class FileOutcome:
    """One file's result. Picklable, so worker processes can send it back; the document itself
    is kept only when asked for (`--raw`)."""

    path: str
    normalised: Normalised | None = None
    failure: Failure | None = None
    tables: int = 0
    document: ingest.Document | None = None
    #: set when the file was left as it was by an incremental run
    skipped: bool = False
    #: actions and flagged actions already written out and let go of (see `release`)
    released: tuple[int, int] = (0, 0)

    @property
    def action_count(self) -> int:
        return self.released[0] + (len(self.normalised.records) if self.normalised else 0)

    @property
    def flagged_count(self) -> int:
        kept = sum(1 for r in self.normalised.records if r.flags) if self.normalised else 0
        return self.released[1] + kept

    def release(self) -> None:
        """Forget the records once written, keeping their counts: memory stays flat in batches."""
        if self.normalised:
            self.released = (self.action_count, self.flagged_count)
            self.normalised.records = []


@dataclass
class Result:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def records(self) -> list[ActionRecord]:
        return [r for f in self.files if f.normalised for r in f.normalised.records]

    @property
    def residue(self) -> list[Residue]:
        return [r for f in self.files if f.normalised for r in f.normalised.residue]

    @property
    def failures(self) -> list[Failure]:
        return [f.failure for f in self.files if f.failure]

    @property
    def table_count(self) -> int:
        return sum(f.tables for f in self.files)

    def summary(self) -> str:
        actions = sum(f.action_count for f in self.files)
        flagged = sum(f.flagged_count for f in self.files)
        skipped = sum(f.skipped for f in self.files)
        line = (f"{len(self.files)} files, {self.table_count} tables, {actions} actions, "
                f"{flagged} flagged, {len(self.residue)} residue")
        line += f", {skipped} unchanged and skipped" if skipped else ""
        return line + (f", {len(self.failures)} failed" if self.failures else "")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files as named; directories walked recursively for known suffixes, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(folder) / f for f in files
                          if not f.startswith((".", "~$")) and Path(f).suffix.lower() in ingest.SUFFIXES]
            yield from (str(p) for p in sorted(found))
        else:
            yield str(raw)


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a regular file (None for anything else: a pipe would never end)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).is_file() else None
    except OSError:
        return None


def process_file(path: str, settings: Settings, options: ingest.ReadOptions | None = None,
                 as_of: date | None = None, keep_document: bool = False) -> FileOutcome:
    """Read and normalise one file; a file that cannot be processed becomes a Failure."""
    outcome = FileOutcome(path)
    try:
        document = ingest.read(path, options)
        outcome.tables = len(document.tables)
        outcome.document = document if keep_document else None
        outcome.normalised = normalise(document, settings, as_of)
        if not outcome.normalised.records:
            reason = ("no table with an action column" if not outcome.normalised.tables
                      else "no actions in its tables")
            outcome.failure = Failure(path, f"{path}: {reason}")
    except ingest.IngestError as exc:
        outcome.failure = Failure(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        outcome.failure = Failure(path, f"{path}: unexpected error ({type(exc).__name__}: {exc})")
    return outcome


def run(paths: Iterable[str | Path], settings: Settings | None = None,
        options: ingest.ReadOptions | None = None, as_of: date | None = None,
        keep_documents: bool = False,
        on_done: Callable[[FileOutcome], None] | None = None) -> Result:
    """Every file of `paths` through ingest and normalise, in order, in this process."""
    settings = settings or Settings()
    result = Result()
    for path in expand_paths(paths):
        outcome = process_file(path, settings, options, as_of, keep_documents)
        result.files.append(outcome)
        if on_done:
            on_done(outcome)
    return result
