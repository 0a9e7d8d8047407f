"""The web page's memory: plans read before, keyed by their file's SHA-256, in one SQLite file.

A plan author comes back next quarter and finds last quarter's plan where it was. Records are
kept as the Parquet the exporters write (typed, and read back by the same loader); findings as
JSON. The uploaded file itself is kept only when asked (`--keep-files`); page pictures of a
PDF are drawn when it is read, so they need no copy of it. A connection per call keeps the
store safe to use from the server's threads.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from actionplan.export import parquet
from actionplan.normalise import ActionRecord, Finding

SCHEMA = """
CREATE TABLE IF NOT EXISTS plans (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    updated TEXT,
    uploaded TEXT NOT NULL,
    actions INTEGER NOT NULL,
    records BLOB NOT NULL,
    findings TEXT NOT NULL,
    warnings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    sha256 TEXT NOT NULL REFERENCES plans(sha256) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    png BLOB NOT NULL,
    PRIMARY KEY (sha256, page)
);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY REFERENCES plans(sha256) ON DELETE CASCADE,
    data BLOB NOT NULL
);
"""


def default_path() -> Path:
    """The user's data folder, as each platform names it: `$XDG_DATA_HOME/actionplan` (else
    `~/.local/share/actionplan`) on Linux, Application Support on macOS, `%LOCALAPPDATA%` on
    Windows."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "actionplan" / "plans.sqlite3"


@dataclass
class Plan:
    """One plan as read: its records and the findings that do not depend on the day it is viewed."""

    sha256: str
    name: str
    format: str
    records: list[ActionRecord]
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    uploaded: str = ""

    @property
    def title(self) -> str | None:
        return next((r.plan_title for r in self.records if r.plan_title), None)

    @property
    def updated(self) -> date | None:
        return next((r.plan_updated for r in self.records if r.plan_updated), None)


@dataclass(frozen=True)
class Summary:
    """A row of the list of plans: what the page shows without loading the records."""

    sha256: str
    name: str
    format: str
    title: str | None
    updated: str | None
    uploaded: str
    actions: int


def records_bytes(records: list[ActionRecord]) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(parquet.to_table(records), buffer, compression="zstd")
    return buffer.getvalue()


class Store:
    """Plans in a SQLite file; created, with its folder, on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:  # one transaction: committed whole, or rolled back
                yield db
        finally:
            db.close()

    def save(self, plan: Plan, pages: Mapping[int, bytes], data: bytes | None = None) -> None:
        """Keep a plan (replacing the same file read before), its page pictures and, when
        given, the file's bytes."""
        plan.uploaded = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        findings = json.dumps([f.to_dict() for f in plan.findings], ensure_ascii=False)
        updated = plan.updated.isoformat() if plan.updated else None
        with self.connect() as db:
            db.execute("DELETE FROM plans WHERE sha256 = ?", (plan.sha256,))
            db.execute("INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (plan.sha256, plan.name, plan.format, plan.title, updated, plan.uploaded,
                        len(plan.records), records_bytes(plan.records), findings,
                        json.dumps(plan.warnings, ensure_ascii=False)))
            db.executemany("INSERT INTO pages VALUES (?, ?, ?)",
                           [(plan.sha256, n, png) for n, png in sorted(pages.items())])
            if data is not None:
                db.execute("INSERT INTO files VALUES (?, ?)", (plan.sha256, data))

    def plans(self) -> list[Summary]:
        """Every plan kept, the latest plan first (by its own update date, then upload time)."""
        with self.connect() as db:
            rows = db.execute("SELECT sha256, name, format, title, updated, uploaded, actions FROM plans "
                              "ORDER BY coalesce(updated, '') DESC, uploaded DESC, name").fetchall()
        return [Summary(*row) for row in rows]

    def get(self, sha256: str) -> Plan | None:
        with self.connect() as db:
            row = db.execute("SELECT name, format, uploaded, records, findings, warnings FROM plans "
                             "WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            return None
        name, fmt, uploaded, blob, findings, warnings = row
        return Plan(sha256, name, fmt, parquet.load(bytes(blob)),
                    [Finding(**f) for f in json.loads(findings)], json.loads(warnings), uploaded)

    def page(self, sha256: str, number: int) -> bytes | None:
        with self.connect() as db:
            row = db.execute("SELECT png FROM pages WHERE sha256 = ? AND page = ?",
                             (sha256, number)).fetchone()
        return bytes(row[0]) if row else None

    def pages(self, sha256: str) -> list[int]:
        with self.connect() as db:
            return [n for (n,) in db.execute("SELECT page FROM pages WHERE sha256 = ? ORDER BY page",
                                             (sha256,))]

    def file(self, sha256: str) -> bytes | None:
        with self.connect() as db:
            row = db.execute("SELECT data FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def has_file(self, sha256: str) -> bool:
        with self.connect() as db:
            return db.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def forget(self, sha256: str) -> bool:
        """Delete a plan with its records, findings, pictures and file; False if it was not kept."""
        with self.connect() as db:
            return db.execute("DELETE FROM plans WHERE sha256 = ?", (sha256,)).rowcount > 0
