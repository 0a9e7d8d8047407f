"""`actionplan validate`: the checks of every plan read, as a report a plan author can act on."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from actionplan import ingest
from actionplan.normalise import SEVERITIES, ActionRecord, Checker, Finding, Settings

from .pipeline import Failure, Result, counted, printable, run

EXIT_OK, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: file -> the day overdue was judged on, and where that day came from
    as_of: dict[str, tuple[date, str]] = field(default_factory=dict)
    files: int = 0
    actions: int = 0
    #: the lowest severity that fails the check (`[validate] fail_on`)
    fail_on: str = "error"

    @property
    def failed(self) -> bool:
        """What the exit code says: a file could not be read, or a finding at `fail_on` or above."""
        return self.exit_code(self.fail_on) != EXIT_OK

    def frame(self) -> Any:
        """The findings as a pandas DataFrame, one row per finding."""
        import pandas as pd

        columns = list(Finding.__dataclass_fields__)
        return pd.DataFrame([f.to_dict() for f in self.findings], columns=columns)

    def counts(self) -> dict[str, int]:
        found = Counter(f.severity for f in self.findings)
        return {severity: found.get(severity, 0) for severity in SEVERITIES}

    def exit_code(self, fail_on: str = "error") -> int:
        if self.failures:
            return EXIT_UNREADABLE
        threshold = SEVERITIES.index(fail_on)
        failing = any(SEVERITIES.index(f.severity) <= threshold for f in self.findings)
        return EXIT_FOUND if failing else EXIT_OK

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files, "actions": self.actions, "counts": self.counts(),
            "as_of": {path: {"date": day.isoformat(), "from": source}
                      for path, (day, source) in self.as_of.items()},
            "failures": [{"source_file": f.path, "reason": f.reason} for f in self.failures],
            "findings": [f.to_dict() for f in self.findings],
        }


def validate(paths: Iterable[str | Path], settings: Settings, options: ingest.ReadOptions,
             as_of: date | None = None, today: date | None = None) -> Report:
    """Read and check every plan; overdue is judged on `as_of`, else each plan's update date,
    else today."""
    return report_of(run(paths, settings, options, as_of), settings, as_of, today)


def report_of(result: Result, settings: Settings, as_of: date | None = None,
              today: date | None = None) -> Report:
    """The report of files already read (by `run`, or by the batch's workers for the web page)."""
    report = Report(failures=result.failures, files=len(result.files), actions=len(result.records))
    for outcome in result.files:
        if outcome.normalised is None or outcome.failure:
            continue
        normalised = outcome.normalised
        report.findings += normalised.findings
        if as_of:
            report.as_of[outcome.path] = (as_of, "--as-of")
        elif normalised.judged_on:
            report.as_of[outcome.path] = (normalised.judged_on, "the plan's update date")
        else:
            day = today or date.today()
            report.as_of[outcome.path] = (day, "today")
            report.findings += overdue_on(normalised.records, settings, day)
    report.findings.sort(key=lambda f: (f.source_file, f.table or 0, f.row or 0,
                                        SEVERITIES.index(f.severity)))
    return report


def where(finding: Finding, sep: str = " ") -> str:
    """Where a finding is, as an author would look for it: "ref 1.2 page 3 table 1 row 4"."""
    parts = [f"ref {finding.ref}"] if finding.ref else []
    parts += [f"{name} {value}" for name, value in
              (("page", finding.page), ("table", finding.table), ("row", finding.row)) if value]
    return sep.join(parts)


def overdue_on(records: Sequence[ActionRecord], settings: Settings, day: date) -> list[Finding]:
    """The overdue findings of a plan judged on a day (they depend on it, so are not stored)."""
    checker = Checker(settings.checks)
    return [f for r in records if (f := checker.overdue(r, day))]


def render_text(report: Report, colour: bool = False) -> str:
    """Grouped by file and theme, counts at the end; colour only for a terminal."""
    def style(text: str, severity: str) -> str:
        return click.style(text, fg=COLOURS[severity], bold=severity == "error") if colour else text

    out: list[str] = []
    for failure in report.failures:
        out.append(style(f"cannot read: {printable(failure.reason)}", "error"))
    by_file: dict[str, list[Finding]] = {}
    for found in report.findings:
        by_file.setdefault(found.source_file, []).append(found)
    for path, findings in by_file.items():
        day, source = report.as_of.get(path, (None, ""))
        out.append("")
        out.append(printable(path) + (f"  (overdue judged as of {day}, {source})" if day else ""))
        themes: dict[str, list[Finding]] = {}
        for found in findings:
            themes.setdefault(found.theme or "(no theme)", []).append(found)
        for theme, items in themes.items():
            out.append(f"  {printable(theme)}")
            for found in items:  # document text is escaped: a cell cannot drive the terminal
                label = style(f"{found.severity:<7}", found.severity)
                action = f"{found.action}: " if found.action else ""
                out.append(f"    {printable(where(found)):<22} {label} {found.code:<24} "
                           f"{printable(action + found.message)}")
    counts = report.counts()
    summary = ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items())
    out.append("")
    out.append(f"{summary} in {counted(report.files, 'file')} ({counted(report.actions, 'action')})"
               + (f"; {len(report.failures)} could not be read" if report.failures else ""))
    return "\n".join(out).lstrip("\n") + "\n"


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    names = ["source_file", "page", "table", "row", "severity", "code", "theme", "ref", "action",
             "lead", "action_id", "message"]
    writer = csv.DictWriter(buffer, names, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for failure in report.failures:
        writer.writerow({"source_file": failure.path, "severity": "error", "code": "unreadable",
                         "message": failure.reason})
    for found in report.findings:
        writer.writerow(found.to_dict())
    return buffer.getvalue()


RENDERERS = {"json": render_json, "csv": render_csv}
