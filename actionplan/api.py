"""The Python API, for notebooks: plans in, a typed pandas DataFrame (or records) out.

    import actionplan
    df = actionplan.read("plans/2024-Q2/")              # every action, typed like the Parquet output
    df[df.status == "delayed"][["theme", "action", "lead", "due_date"]]
    report = actionplan.validate("draft.docx", as_of="2024-06-30")
    changes = actionplan.diff("plan-Q1.docx", "plan-Q2.pdf")

pandas is imported by these functions only, so the command line starts without it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from actionplan import ingest
from actionplan.export.columns import DATE_FIELDS, INT_FIELDS, LIST_FIELDS
from actionplan.normalise import ENUMS, FIELDS, ActionRecord, Settings, find_config, load_settings

from .diff import diff_paths, rows
from .pipeline import Failure, check_tags, expand_paths, process_file
from .validate import Report
from .validate import validate as validate_paths

if TYPE_CHECKING:
    import pandas as pd

PathLike = str | Path
Paths = PathLike | Iterable[PathLike]
Errors = Literal["ignore", "warn", "raise"]


class ReadError(Exception):
    """A file that could not be read: the message names the file and the reason."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.reason)
        self.path = failure.path
        self.reason = failure.reason


class ReadWarning(UserWarning):
    """A file that could not be read, reported as a warning (`errors="warn"`)."""


def settings_of(config: Settings | PathLike | None) -> Settings:
    """Settings as given, or loaded from a config file, or found from the working folder up."""
    if isinstance(config, Settings):
        return config
    return load_settings(Path(config) if config is not None else find_config(Path.cwd()))


def as_list(paths: Paths) -> list[PathLike]:
    return [paths] if isinstance(paths, str | Path) else list(paths)


def as_date(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _records(paths: Paths, settings: Settings, options: ingest.ReadOptions, as_of: date | None,
             errors: Errors, failures: list[Failure]) -> Iterator[ActionRecord]:
    for path in expand_paths(as_list(paths)):
        outcome = process_file(path, settings, options, as_of)
        if outcome.failure:
            failures.append(outcome.failure)
            if errors == "raise":
                raise ReadError(outcome.failure)
            if errors == "warn":
                warnings.warn(outcome.failure.reason, ReadWarning, stacklevel=3)
        if outcome.normalised:
            yield from outcome.normalised.records


def read_options(password: str | None, pdf_engine: str | None) -> ingest.ReadOptions:
    """Reading options from the API's keywords; `pdf_engine` "pdfium" or "pdfplumber" (None:
    the default), both giving the same records."""
    if pdf_engine is None:
        return ingest.ReadOptions(password=password)
    if pdf_engine not in ingest.PDF_ENGINES:
        raise ValueError(f"pdf_engine must be one of {', '.join(ingest.PDF_ENGINES)}, not {pdf_engine!r}")
    return ingest.ReadOptions(password=password, pdf_engine=pdf_engine)


def records(paths: Paths, *, config: Settings | PathLike | None = None, as_of: date | str | None = None,
            password: str | None = None, errors: Errors = "warn",
            pdf_engine: str | None = None) -> Iterator[ActionRecord]:
    """The action records of files and folders, lazily: one file is read at a time, as the
    iterator is consumed. A file that cannot be read is a `ReadWarning` (or `ReadError` with
    `errors="raise"`, or nothing with `errors="ignore"`)."""
    return _records(paths, settings_of(config), read_options(password, pdf_engine),
                    as_date(as_of), errors, [])


def read(paths: Paths, *, config: Settings | PathLike | None = None,
         tags: Mapping[str, str] | None = None, as_of: date | str | None = None,
         password: str | None = None, errors: Literal["ignore", "raise"] = "ignore",
         pdf_engine: str | None = None) -> pd.DataFrame:
    """Every action of one or many plans as a DataFrame typed like the Parquet output: dates as
    dates, the enums as categoricals with every value, `section`/`flags` as lists, `extra` as
    dicts, tags as string columns after the schema's fields. Files that cannot be read are
    listed in `df.attrs["failures"]` (file and reason), or raise `ReadError` with
    `errors="raise"`."""
    check_tags(tags or {})
    failures: list[Failure] = []
    found = list(_records(paths, settings_of(config), read_options(password, pdf_engine),
                          as_date(as_of), errors, failures))
    frame = records_frame(found, tags)
    frame.attrs["failures"] = [{"source_file": f.path, "reason": f.reason} for f in failures]
    return frame


def records_frame(found: Iterable[ActionRecord], tags: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Records as a typed DataFrame (the schema's columns in order, then the tags)."""
    import pandas as pd

    rows_ = [{**record.to_dict(), **(tags or {})} for record in found]
    frame = pd.DataFrame(rows_, columns=[*FIELDS, *(tags or {})])
    for name in FIELDS:
        if name in ENUMS:
            frame[name] = frame[name].astype(pd.CategoricalDtype(ENUMS[name]))
        elif name in INT_FIELDS:
            frame[name] = frame[name].astype("Int64")
        elif name == "status_score":
            frame[name] = frame[name].astype("Float64")
        elif name in LIST_FIELDS or name == "extra" or name in DATE_FIELDS:
            frame[name] = frame[name].astype(object)
        else:
            frame[name] = frame[name].astype("string")
    for name in tags or {}:
        frame[name] = frame[name].astype("string")
    return frame


def validate(paths: Paths, *, config: Settings | PathLike | None = None,
             as_of: date | str | None = None, password: str | None = None,
             pdf_engine: str | None = None) -> Report:
    """Check plans as `actionplan validate` does: `report.findings` (objects), `report.frame()`
    (a DataFrame), `report.failed` (what the exit code says)."""
    settings = settings_of(config)
    report = validate_paths(as_list(paths), settings, read_options(password, pdf_engine),
                            as_date(as_of))
    report.fail_on = settings.checks.fail_on
    return report


def diff(old: PathLike, new: PathLike, *, config: Settings | PathLike | None = None,
         as_of: date | str | None = None, password: str | None = None,
         pdf_engine: str | None = None) -> pd.DataFrame:
    """Compare two quarters' plans (documents, or action files exported before): one row per
    action pair, as `actionplan diff -o changes.csv` writes it. A side that cannot be read
    raises `ReadError`."""
    import pandas as pd

    comparison = diff_paths(str(old), str(new), settings_of(config),
                            read_options(password, pdf_engine), as_date(as_of))
    if comparison.failures:
        raise ReadError(comparison.failures[0])
    frame = pd.DataFrame(rows(comparison))
    frame.attrs["as_of"] = comparison.as_of
    return frame


__all__ = ["ReadError", "ReadWarning", "diff", "read", "records", "records_frame", "validate"]
