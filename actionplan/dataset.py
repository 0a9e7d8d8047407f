"""Directory output: a Parquet dataset written with pyarrow's own Hive partitioning, and a
manifest of what was converted from which bytes, so a re-run converts only what changed.

    out/
      plan=<plan>/<source path>-<hash>-0.parquet   (or <field>=<value>/ with --partition-by)
      _manifest.json   source file -> sha256, its parts, actions
      _errors.jsonl    files that failed: file, sha256, reason
      _residue.jsonl   source text that went into no record, with provenance

The metadata files start with `_` (and the lock with `.`), so pandas, pyarrow.dataset, Spark and
DuckDB's `**/*.parquet` read the folder as it is. Rows are partitioned one by one, values
encoded by pyarrow (`../x` is the folder `theme=..%2Fx`, never a path). A part's name comes from
its source's path and a hash of that path and its bytes, so two sources never share a part.

A run stages its parts in a hidden folder and moves them in only when every file is done, then
replaces the manifest atomically and only then removes the parts it superseded: a run that
fails or is killed leaves the dataset as the last good run left it. A lock file keeps a second
run out while one is writing. The manifest is validated when read, and every path in it must
stay inside the folder: a planted manifest cannot make a run delete anything outside.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from actionplan import export
from actionplan.export import atomic
from actionplan.normalise import FIELDS, ActionRecord

from .pipeline import FileOutcome, Result

MANIFEST, ERRORS, RESIDUE = "_manifest.json", "_errors.jsonl", "_residue.jsonl"
LOCK, STAGING = ".actionplan.lock", ".staging-"
MANIFEST_FORMAT = "actionplan-dataset/2"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: bytes a partition folder's name may take (file systems allow 255)
MAX_SEGMENT = 240


class DatasetError(Exception):
    """The output folder cannot be used as asked."""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "unnamed"


def is_directory_output(output: str) -> bool:
    path = Path(output)
    return output.endswith(("/", "\\")) or path.is_dir() or (not path.suffix and output != "-")


def confined(folder: Path, relative: object, manifest: Path) -> Path:
    """A part's path from the manifest, refused unless it is a relative `.parquet` path that
    stays inside the dataset folder."""
    if not isinstance(relative, str):
        raise DatasetError(f"{manifest}: a part path is not a string ({relative!r})")
    pure = PurePosixPath(relative)
    path = (folder / relative).resolve()
    inside = path.is_relative_to(folder.resolve())
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not inside \
            or pure.suffix != ".parquet":
        raise DatasetError(f"{manifest}: the part path {relative!r} leaves the dataset folder or is "
                           "not a part: nothing was deleted; move the manifest away to start afresh")
    return path


@dataclass
class Manifest:
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = data["files"] if isinstance(data, dict) else None
            if data.get("format") != MANIFEST_FORMAT or not isinstance(files, dict):
                raise ValueError("unknown format")
            for source, entry in files.items():
                _check_entry(folder, path, source, entry)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DatasetError(f"{path}: not a manifest this tool wrote ({exc}): move it away to "
                               "start afresh") from None
        return cls(files)

    def unchanged(self, source: str, sha256: str | None) -> bool:
        entry = self.files.get(source)
        return bool(entry and sha256 and entry.get("sha256") == sha256)

    def save(self, folder: Path) -> None:
        text = json.dumps({"format": MANIFEST_FORMAT, "files": dict(sorted(self.files.items()))},
                          indent=2)
        atomic.write_text(folder / MANIFEST, text + "\n")


def _check_entry(folder: Path, manifest: Path, source: str, entry: Any) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("outputs"), list):
        raise ValueError(f"entry {source!r} has no list of outputs")
    sha = entry.get("sha256")
    if sha is not None and not (isinstance(sha, str) and SHA256.match(sha)):
        raise ValueError(f"entry {source!r} has no valid sha256")
    for output in entry["outputs"]:
        confined(folder, output, manifest)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock for a whole run; a second run stops at once with a clear line."""
    folder.mkdir(parents=True, exist_ok=True)
    handle: TextIO = (folder / LOCK).open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatasetError(f"{folder}: another actionplan run is writing to this folder: wait "
                               "for it to finish, or write to another folder") from None
        for stale in folder.glob(STAGING + "*"):  # left by a killed run; the lock says none is live
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        handle.close()


def partition_name(partition_by: str | None, tags: Mapping[str, str]) -> str:
    name = partition_by or "plan"
    if name != "plan" and name not in tags and name not in FIELDS:
        raise DatasetError(f"cannot partition by {name!r}: use a field or a --tag name")
    return name


def partition_values(records: Sequence[ActionRecord], source: str, name: str,
                     tags: Mapping[str, str]) -> list[str | None]:
    """The partition value of each record (None: pyarrow's default partition)."""
    if name == "plan":
        return [slug(records[0].plan_title or Path(source).stem)] * len(records)
    if name in tags:
        return [tags[name]] * len(records)
    from actionplan.export.columns import storable, text_value

    return [storable(text_value(name, getattr(r, name))) or None for r in records]


def part_stem(source: str, sha256: str | None) -> str:
    """A part's name: its source's folder and file name, readable ("2022-q1-plan-docx"), then a
    hash of the whole path and the bytes, so that two sources never share a name."""
    digest = hashlib.sha256(f"{source}\0{sha256}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"{slug('-'.join(Path(source).parts[-2:]))}-{digest[:16]}"


class DatasetWriter:
    """Stages each file's parts as soon as its records arrive, then lets the records go; moves
    them in, saves the manifest and removes superseded parts in `finish`."""

    def __init__(self, folder: Path, manifest: Manifest, shas: Mapping[str, str | None],
                 tags: Mapping[str, str], partition_by: str | None = None) -> None:
        self.folder, self.manifest, self.shas = folder, manifest, shas
        self.tags = dict(tags)
        self.partition = partition_name(partition_by, tags)
        self.staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
        self.staged: dict[str, dict[str, Any]] = {}

    def add(self, outcome: FileOutcome) -> None:
        if outcome.skipped or outcome.failure or outcome.normalised is None:
            return
        records = outcome.normalised.records
        sha = self.shas.get(outcome.path)
        try:
            outputs = self._stage(records, outcome.path, sha)
        except OSError as exc:  # pyarrow's own errors name no path
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            raise export.OutputError(f"{self.folder}: {reason}") from None
        self.staged[outcome.path] = {"sha256": sha, "outputs": outputs, "actions": len(records),
                                     "tables": outcome.tables}
        outcome.release()

    def _stage(self, records: Sequence[ActionRecord], source: str, sha: str | None) -> list[str]:
        import pyarrow as pa
        import pyarrow.dataset as ds

        values = partition_values(records, source, self.partition, self.tags)
        for value in {v for v in values if v is not None}:
            if len(partition_segment(self.partition, value)) > MAX_SEGMENT:
                raise DatasetError(f"{source}: the {self.partition} value {value[:40]!r}... is too long "
                                   "for a folder name: partition by a shorter field or tag")
        table = export.parquet.to_table(records, self.tags)
        if self.partition in table.column_names:
            table = table.drop_columns([self.partition])
        table = table.append_column(self.partition, pa.array(values, pa.string()))
        scheme = ds.partitioning(pa.schema([(self.partition, pa.string())]), flavor="hive")
        written: list[str] = []
        ds.write_dataset(table, self.staging, format="parquet", partitioning=scheme,
                         basename_template=part_stem(source, sha) + "-{i}.parquet",
                         existing_data_behavior="overwrite_or_ignore",
                         file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
                         file_visitor=lambda f: written.append(f.path))
        return sorted(Path(p).relative_to(self.staging).as_posix() for p in written)

    def finish(self, result: Result) -> None:
        """Move the staged parts in, then the manifest, errors and residue; then let go of the
        parts the new manifest no longer names."""
        try:
            for entry in self.staged.values():
                for relative in entry["outputs"]:
                    target = self.folder / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    _fsync(self.staging / relative)
                    os.replace(self.staging / relative, target)
            superseded = {o for s in self.staged for o in self.manifest.files.get(s, {}).get("outputs", [])}
            self.manifest.files.update(self.staged)
            kept = {o for entry in self.manifest.files.values() for o in entry["outputs"]}
            self.manifest.save(self.folder)
            skipped = {f.path for f in result.files if f.skipped}
            self._write_errors(result, skipped)
            self._write_residue(result, skipped)
            for relative in sorted(superseded - kept):
                with contextlib.suppress(FileNotFoundError):
                    confined(self.folder, relative, self.folder / MANIFEST).unlink()
        except OSError as exc:
            raise export.OutputError(atomic.describe(exc, self.folder)) from None
        finally:
            self.abort()

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _write_errors(self, result: Result, skipped: set[str]) -> None:
        lines = kept_lines(self.folder / ERRORS, "file", skipped)
        lines += [json_line({"file": f.path, "sha256": self.shas.get(f.path), "reason": f.failure.reason})
                  for f in result.files if f.failure]
        atomic.write_bytes(self.folder / ERRORS, "".join(lines).encode("utf-8", "backslashreplace"))

    def _write_residue(self, result: Result, skipped: set[str]) -> None:
        lines = kept_lines(self.folder / RESIDUE, "source_file", skipped)
        lines += export.residue_lines(result.residue)
        atomic.write_bytes(self.folder / RESIDUE, "".join(lines).encode("utf-8", "backslashreplace"))


def partition_segment(name: str, value: str) -> bytes:
    from urllib.parse import quote

    return f"{name}={quote(value, safe='')}".encode()


def json_line(item: Mapping[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False) + "\n"


def kept_lines(path: Path, key: str, sources: set[str]) -> list[str]:
    """The lines of an earlier run's JSON-lines file that belong to files this run skipped."""
    if not sources or not path.is_file():
        return []
    kept = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        with contextlib.suppress(ValueError, AttributeError):
            if json.loads(line).get(key) in sources:
                kept.append(line + "\n")
    return kept


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
