"""Normalisation settings in one validated dataclass, loadable from `actionplan.toml`.

    [tool.actionplan]            # in pyproject.toml; or the same keys at the top of actionplan.toml
    month_first = true           # force the order of numeric dates; unset: decided per document
    header_threshold = 90
    [tool.actionplan.headers]    # extra header synonyms per field
    lead = ["Senior responsible officer"]
    [tool.actionplan.status]     # extra status labels per canonical status
    complete = ["Embedded"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .checks import CheckConfig
from .columns import ColumnClassifier
from .status import StatusVocabulary

CONFIG_FILE = "actionplan.toml"
#: top-level keys of the configuration: (type, how it is named in an error)
KEY_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "month_first": (bool, "true or false"),
    "header_threshold": ((int, float), "a number from 1 to 100"),
    "status_threshold": ((int, float), "a number above 0, at most 1"),
    "headers": (dict, "a table of field = [synonyms]"),
    "status": (dict, "a table of status = [labels]"),
}
#: tables owned by other stages: validate's rules, and the readers' limits
SECTIONS = frozenset({"validate", "limits"})


class SettingsError(ValueError):
    """A configuration that cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class Settings:
    #: None: decided per document from its dates; True or False forces the order
    month_first: bool | None = None
    header_threshold: float = 90
    status_threshold: float = 0.85
    headers: dict[str, list[str]] = field(default_factory=dict)
    status: dict[str, list[str]] = field(default_factory=dict)
    #: the rest of the configuration file, for the stages that own those tables (validate)
    sections: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not 0 < self.header_threshold <= 100:
            raise SettingsError("header_threshold must be in (0, 100]")
        if not 0 < self.status_threshold <= 1:
            raise SettingsError("status_threshold must be in (0, 1]")
        for table in (self.headers, self.status):
            for key, value in table.items():
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise SettingsError(f"{key}: give a list of strings")
        try:
            self.classifier  # noqa: B018 - validate field names now, not mid-batch
            self.vocabulary  # noqa: B018
            self.checks  # noqa: B018
        except ValueError as exc:
            raise SettingsError(str(exc)) from None

    @cached_property
    def classifier(self) -> ColumnClassifier:
        return ColumnClassifier(self.headers, self.header_threshold, self.vocabulary)

    @cached_property
    def checks(self) -> CheckConfig:
        table = self.sections.get("validate", {})
        if not isinstance(table, dict):
            raise ValueError("[validate] must be a table")
        return CheckConfig.from_table(table)

    @cached_property
    def vocabulary(self) -> StatusVocabulary:
        return StatusVocabulary(self.status, self.status_threshold)

    def with_options(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_config(start: Path) -> Path | None:
    """`actionplan.toml`, or a pyproject.toml with [tool.actionplan], in start or its parents."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "actionplan" in _load(pyproject).get("tool", {}):
            return pyproject
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from None


def load_settings(path: Path | None) -> Settings:
    """Settings from a config file (None gives the defaults)."""
    if path is None:
        return Settings()
    data = _load(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("actionplan", {})
    unknown = sorted(set(data) - set(KEY_TYPES) - SECTIONS)
    if unknown:
        raise SettingsError(f"{path}: unknown key {unknown[0]!r} (known: "
                            f"{', '.join(sorted({*KEY_TYPES, *SECTIONS}))})")
    for key, (kind, wanted) in KEY_TYPES.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool) != (kind is bool)):
            raise SettingsError(f"{path}: {key} must be {wanted}, not {data[key]!r}")
    kwargs = {k: v for k, v in data.items() if k in KEY_TYPES}
    try:
        return Settings(**kwargs, sections={k: v for k, v in data.items() if k in SECTIONS})
    except TypeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from None
