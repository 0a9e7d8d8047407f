"""Directory output: a Parquet dataset, one file per source document, Hive-style partitions,
and a manifest of what was converted from which bytes, so a re-run converts only what changed.

    out/
      plan=<plan>/<source name>-<sha8>.parquet   (or <field>=<value>/ with --partition-by)
      manifest.json    source file -> sha256, output, actions
      errors.jsonl     files that failed: file, sha256, reason
      residue.jsonl    source text that went into no record, with provenance
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import export
from normalise import FIELDS, ActionRecord

from .pipeline import FileOutcome, Result

MANIFEST = "manifest.json"
PARTITION_FIELDS = ("plan", "source_format", "plan_title", "theme")


class DatasetError(Exception):
    """The output folder cannot be used as asked."""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "unnamed"


def is_directory_output(output: str) -> bool:
    path = Path(output)
    return output.endswith(("/", "\\")) or path.is_dir() or (not path.suffix and output != "-")


@dataclass
class Manifest:
    files: dict[str, dict[str, object]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            return cls()
        try:
            return cls(json.loads(path.read_text(encoding="utf-8"))["files"])
        except (ValueError, KeyError) as exc:
            raise DatasetError(f"{path}: not a manifest this tool wrote ({exc})") from None

    def unchanged(self, source: str, sha256: str | None) -> bool:
        entry = self.files.get(source)
        return bool(entry and sha256 and entry.get("sha256") == sha256)

    def save(self, folder: Path) -> None:
        text = json.dumps({"files": dict(sorted(self.files.items()))}, indent=2, ensure_ascii=False)
        (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def partition_of(records: Sequence[ActionRecord], source: str, partition_by: str | None,
                 tags: Mapping[str, str]) -> str:
    name = partition_by or "plan"
    if name == "plan":
        value = records[0].plan_title or Path(source).stem
    elif name in tags:
        value = tags[name]
    elif name in FIELDS:
        value = str(getattr(records[0], name) or "none")
    else:
        raise DatasetError(f"cannot partition by {name!r}: use a field or a --tag name")
    return f"{name}={slug(value)}"


class DatasetWriter:
    """Writes each file's part as soon as its records arrive, then lets the records go."""

    def __init__(self, folder: Path, manifest: Manifest, shas: Mapping[str, str | None],
                 tags: Mapping[str, str], partition_by: str | None = None) -> None:
        self.folder, self.manifest, self.shas = folder, manifest, shas
        self.tags, self.partition_by = tags, partition_by
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, outcome: FileOutcome) -> None:
        if outcome.skipped or outcome.failure or outcome.normalised is None:
            return
        write_part(outcome, self.folder, self.manifest, self.shas.get(outcome.path), self.tags,
                   self.partition_by)
        outcome.release()

    def finish(self, result: Result) -> None:
        """The manifest, the failures and the residue, once every file is in."""
        self.manifest.save(self.folder)
        errors = [{"file": f.path, "sha256": self.shas.get(f.path), "reason": f.failure.reason}
                  for f in result.files if f.failure]
        (self.folder / "errors.jsonl").write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
        (self.folder / "residue.jsonl").write_text("".join(export.residue_lines(result.residue)),
                                                   encoding="utf-8")


def write_part(outcome: FileOutcome, folder: Path, manifest: Manifest, sha256: str | None,
               tags: Mapping[str, str], partition_by: str | None) -> None:
    assert outcome.normalised is not None
    records = outcome.normalised.records
    previous = manifest.files.get(outcome.path)
    if previous and (folder / str(previous["output"])).is_file():
        (folder / str(previous["output"])).unlink()  # the source changed: replace its part
    relative = Path(partition_of(records, outcome.path, partition_by, tags)) / (
        f"{slug(Path(outcome.path).stem)}-{(sha256 or 'nohash')[:8]}.parquet")
    (folder / relative).parent.mkdir(parents=True, exist_ok=True)
    export.write(records, folder / relative, "parquet", tags)
    manifest.files[outcome.path] = {"sha256": sha256, "output": relative.as_posix(),
                                    "actions": len(records), "tables": outcome.tables}
