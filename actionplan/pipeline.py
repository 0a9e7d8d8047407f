"""The pipeline: paths -> documents -> records, one file at a time, failures kept per file."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from actionplan import ingest
from actionplan.normalise import FIELDS, ActionRecord, Normalised, Residue, Settings, normalise, plausibility

#: tag names that would collide with the dataset's own partition and metadata names
RESERVED_TAGS = frozenset({"plan"})
TAG_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
#: characters never printed as they are: C0/C1 controls and bidirectional overrides
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")


class TagError(ValueError):
    """A tag that would overwrite a schema field or escape the dataset folder."""


def check_tags(tags: Mapping[str, str]) -> None:
    """Tags are extra columns: a name that is a schema field or a reserved name, or that is not
    a plain identifier (it becomes a column and a partition folder), is refused."""
    for name in tags:
        if name in FIELDS or name in RESERVED_TAGS:
            raise TagError(f"tag {name!r} is a field of the schema or a reserved name: choose another name")
        if not TAG_NAME.match(name):
            raise TagError(f"tag {printable(name)!r}: use letters, digits and _ (a letter first)")


def printable(text: str) -> str:
    """Text safe on a terminal or in a report line: control characters, bidirectional
    overrides and a file name's undecodable bytes shown as escapes (`\\x1b`, `\\xff`)."""
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return UNPRINTABLE.sub(escape, text)


def counted(number: int, noun: str) -> str:
    """"1 file", "2 files": a count with its noun."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


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
    #: tables whose rows look implausible, one line each (normalise.plausibility)
    warnings: list[str] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return self.released[0] + (len(self.normalised.records) if self.normalised else 0)

    @property
    def flagged_count(self) -> int:
        kept = sum(1 for r in self.normalised.records if r.flags) if self.normalised else 0
        return self.released[1] + kept

    def release(self) -> None:
        """Forget the records (and the findings, whose codes are the records' flags) once
        written, keeping their counts: memory stays flat in batches."""
        if self.normalised:
            self.released = (self.action_count, self.flagged_count)
            self.normalised.records = []
            self.normalised.findings = []


@dataclass
class Result:
    files: list[FileOutcome] = field(default_factory=list)
    #: files a folder walk left out because no reader takes their suffix
    unread: list[str] = field(default_factory=list)
    #: inputs passed over on the way (links out of a folder, pipes, devices), one line each
    notes: list[str] = field(default_factory=list)
    #: what the run did not do because of the files' failures (an output left as it was),
    #: said after them
    consequences: list[str] = field(default_factory=list)

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
    def warnings(self) -> list[str]:
        return [w for f in self.files for w in f.warnings]

    @property
    def table_count(self) -> int:
        return sum(f.tables for f in self.files)

    def summary(self) -> str:
        actions = sum(f.action_count for f in self.files)
        flagged = sum(f.flagged_count for f in self.files)
        skipped = sum(f.skipped for f in self.files)
        line = (f"{counted(len(self.files), 'file')}, {counted(self.table_count, 'table')}, "
                f"{counted(actions, 'action')}, {flagged} flagged, {len(self.residue)} residue")
        line += f", {skipped} unchanged and skipped" if skipped else ""
        if self.unread:
            suffixes = sorted({Path(p).suffix.lower() or "(no suffix)" for p in self.unread})
            line += f", {len(self.unread)} skipped: {', '.join(suffixes)}"
        return line + (f", {len(self.failures)} failed" if self.failures else "")


def expand_paths(paths: Iterable[str | Path], follow_links: bool = False,
                 notes: list[str] | None = None) -> Iterator[str]:
    """Files as named; directories walked recursively for known suffixes, in sorted order.

    In a folder only regular files are read: FIFOs, devices and sockets are passed over with a
    note, and so are symbolic links that lead out of the folder (unless `follow_links`). A path
    named on the command line is taken as named, links included."""
    notes = notes if notes is not None else []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from (str(p) for p in walk_folder(path, follow_links, notes))
        else:
            yield str(raw)


def walk_folder(root: Path, follow_links: bool, notes: list[str]) -> list[Path]:
    found, seen = [], {root.resolve()}
    inside = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=follow_links):
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            real = (Path(folder) / name).resolve()
            if real not in seen:  # a link loop is walked once
                seen.add(real)
                kept.append(name)
        dirs[:] = kept
        for name in files:
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in ingest.SUFFIXES:
                continue
            path = Path(folder) / name
            reason = passed_over(path, inside, follow_links)
            if reason:
                notes.append(f"{path}: {reason}")
            else:
                found.append(path)
    return sorted(found)


def passed_over(path: Path, root: Path, follow_links: bool) -> str | None:
    """Why a file met in a folder walk is not read, or None."""
    try:
        if path.is_symlink() and not follow_links and not path.resolve().is_relative_to(root):
            return "a link out of the folder, not followed (--follow-links reads it)"
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None if stat.S_ISREG(mode) else "not a regular file (a pipe, device or socket): skipped"


def unread_files(paths: Iterable[str | Path]) -> list[str]:
    """The files in the folders named that no reader takes (by suffix), so the summary can say
    what a folder walk left out; hidden files and Office lock files ("~$plan.xlsx") are not
    counted."""
    unread = []
    for raw in paths:
        if Path(raw).is_dir():
            for folder, dirs, files in os.walk(raw):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                unread += [str(Path(folder) / f) for f in files if not f.startswith((".", "~$"))
                           and Path(f).suffix.lower() not in ingest.SUFFIXES]
    return sorted(unread)


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
    if not keep_document:  # nothing will draw the document's pages: leave out the cell boxes
        options = replace(options or ingest.ReadOptions(), cell_boxes=False)
    try:
        document = ingest.read(path, options)
        outcome.tables = len(document.tables)
        outcome.document = document if keep_document else None
        outcome.normalised = normalise(document, settings, as_of, records_only=not keep_document)
        outcome.warnings = plausibility.warnings(outcome.normalised.records)
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
    for path in expand_paths(paths, notes=result.notes):
        outcome = process_file(path, settings, options, as_of, keep_documents)
        result.files.append(outcome)
        if on_done:
            on_done(outcome)
    return result
