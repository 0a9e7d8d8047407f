"""Action records -> files. Writers in a registry by suffix; each also loads its own files back."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from actionplan.normalise import ActionRecord

from . import csv, datapackage, jsonl, pairs, parquet, xlsx
from .atomic import OutputError
from .jsonl import residue_lines

FORMATS: dict[str, ModuleType] = {"csv": csv, "jsonl": jsonl, "parquet": parquet, "xlsx": xlsx}


class ExportError(Exception):
    """Output that cannot be written as asked."""


class UnknownFormat(ExportError, ValueError):
    pass


def format_for(path: Path, explicit: str | None = None) -> str:
    """The format named, or the one the output's suffix implies."""
    if explicit:
        if explicit not in FORMATS:
            raise UnknownFormat(f"unknown format {explicit!r}: use one of {', '.join(FORMATS)}")
        return explicit
    for name, module in FORMATS.items():
        if path.suffix.lower() in module.SUFFIXES:
            return name
    raise UnknownFormat(f"{path}: cannot tell the format from the suffix "
                        f"(use .csv, .parquet, .jsonl or .xlsx, or --format)")


def write(records: Sequence[ActionRecord], path: Path, fmt: str | None = None,
          tags: Mapping[str, str] | None = None, excel: bool = False,
          safe_formulas: bool = False) -> str:
    """Write records to `path` atomically; a CSV gets its resource in the `datapackage.json`
    beside it. Returns the format."""
    name = format_for(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    FORMATS[name].write(records, path, tags=tags, excel=excel, safe_formulas=safe_formulas)
    if name == "csv":
        datapackage.write(path, list(tags or {}))
    return name


def load(path: Path, fmt: str | None = None) -> list[ActionRecord]:
    """Records from a file this package wrote (any of its formats)."""
    loader: Callable[[Path], list[ActionRecord]] = FORMATS[format_for(path, fmt)].load
    return loader(path)


def write_pairs(rows: Sequence[dict[str, Any]], path: Path, fmt: str | None = None) -> str:
    """Write comparison rows (one per action pair) in the format the suffix names."""
    name = format_for(path, fmt)
    pairs.write(rows, path, name)
    return name


__all__ = ["FORMATS", "ExportError", "OutputError", "UnknownFormat", "format_for", "load",
           "residue_lines", "write", "write_pairs"]
