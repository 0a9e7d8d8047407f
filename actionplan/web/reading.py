"""Uploaded plans through the same pipeline as `actionplan ingest`: the batch's worker processes,
with its timeout, so a hostile or broken file fails alone and never hangs or crashes the server.

An upload is checked by its bytes (the ingest package's own format detection), never by its
name; it is written to a private temporary folder under a name made from its SHA-256, and the
name the author gave it is used only as text (in the records' `source_file` and on the page).
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from actionplan import ingest
from actionplan.normalise import Settings

from ..batch import BatchOptions, process_batch
from ..pipeline import FileOutcome, printable
from .store import Plan

SUFFIX = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "text": ".txt"}
#: pages of one PDF drawn for the page pictures; later pages are shown without a picture
MAX_PICTURES = 40
PICTURE_RESOLUTION = 80


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass
class Outcome:
    """What became of one upload: a plan read (with its page pictures), or why not."""

    name: str
    plan: Plan | None = None
    pages: dict[int, bytes] = field(default_factory=dict)
    error: str | None = None
    data: bytes | None = None


def display_name(name: str) -> str:
    """The last part of the name a browser sent (some send a whole Windows path), printable, at
    most 200 characters: text for the page, never a path."""
    base = PureWindowsPath(PurePosixPath(name).name).name.strip() or "upload"
    return printable(base)[:200]


def refusal(upload: Upload, max_bytes: int) -> str | None:
    """Why an upload is refused before any reader sees it, or None: empty, too large, or not a
    PDF, Word document, workbook or text by its bytes."""
    if not upload.data:
        return "the file is empty"
    if len(upload.data) > max_bytes:
        return f"the file is larger than the {max_bytes / 1_000_000:g} MB limit for one upload"
    try:
        fmt = ingest.detect_format(upload.data, upload.name)
    except ingest.IngestError as exc:
        return str(exc).removeprefix(f"{upload.name}: ")
    utf16 = upload.data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if fmt == "text" and not utf16 and b"\x00" in upload.data[:8192]:  # bytes no text plan holds
        return "not a PDF, Word document, Excel workbook or text file"
    return None


def read_uploads(uploads: Sequence[Upload], settings: Settings, options: ingest.ReadOptions,
                 timeout: float, max_bytes: int, keep_files: bool = False) -> list[Outcome]:
    """Every upload read in worker processes (one per file, up to the machine's cores), in the
    order given; PDFs get a picture of each page that holds an action."""
    outcomes = [Outcome(display_name(u.name)) for u in uploads]
    with tempfile.TemporaryDirectory(prefix="actionplan-upload-") as folder:
        paths: dict[str, int] = {}
        for i, upload in enumerate(uploads):
            outcomes[i].error = refusal(upload, max_bytes)
            if outcomes[i].error is None:
                sha = hashlib.sha256(upload.data).hexdigest()
                fmt = ingest.detect_format(upload.data, upload.name)
                path = Path(folder) / f"{i}-{sha[:16]}{SUFFIX[fmt]}"
                path.write_bytes(upload.data)
                paths[str(path)] = i
        batch = BatchOptions(jobs=max(1, min(len(paths), os.cpu_count() or 1)), timeout=timeout)
        for done in process_batch(list(paths), settings, options, None, batch):
            i = paths[done.path]
            outcome = outcomes[i] = outcome_of(done, outcomes[i].name,
                                               uploads[i].data if keep_files else None)
            if outcome.plan and outcome.plan.format == "pdf":
                outcome.pages = draw_pages(done.path, outcome.plan, settings, options, timeout)
    return outcomes


def outcome_of(done: FileOutcome, name: str, data: bytes | None) -> Outcome:
    """A worker's outcome under the author's name for the file instead of the temporary path."""
    if done.failure or done.normalised is None:
        reason = done.failure.reason if done.failure else "no actions found"
        return Outcome(name, error=reason.replace(done.path, name).removeprefix(f"{name}: "))
    records = [dataclasses.replace(r, source_file=name) for r in done.normalised.records]
    findings = [dataclasses.replace(f, source_file=name) for f in done.normalised.findings]
    plan = Plan(records[0].source_sha256, name, records[0].source_format, records, findings,
                [w.replace(done.path, name) for w in done.warnings])
    return Outcome(name, plan=plan, data=data)


def draw_pages(path: str, plan: Plan, settings: Settings, options: ingest.ReadOptions,
               timeout: float) -> dict[int, bytes]:
    """The `inspect` picture of each page that holds an action, drawn in a worker process with
    the batch's timeout; a picture that cannot be drawn is left out, the plan is still shown."""
    from pebble import ProcessPool

    from ..inspect import pictures

    pages = sorted({r.page for r in plan.records if r.page})[:MAX_PICTURES]
    if not pages:
        return {}
    with ProcessPool(max_workers=1) as pool:
        future = pool.schedule(pictures, args=(path, pages, settings, options, PICTURE_RESOLUTION),
                               timeout=timeout)
        try:
            drawn = future.result()
        except Exception:  # noqa: BLE001 - a timeout or a broken page: pictures are optional
            return {}
    return {n: png for n, (png, _count) in drawn.items()}
