"""Raw source tables -> action records (SCHEMA.md). Owns the record type."""

from .build import Normalised, normalise
from .checks import DAY_DEPENDENT, RULES, SEVERITIES, CheckConfig, Checker, Finding, TableColumns
from .record import ENUMS, FIELDS, ActionRecord, Residue
from .settings import Settings, SettingsError, find_config, load_settings

__all__ = [
    "DAY_DEPENDENT",
    "ENUMS",
    "FIELDS",
    "RULES",
    "SEVERITIES",
    "ActionRecord",
    "CheckConfig",
    "Checker",
    "Finding",
    "Normalised",
    "Residue",
    "Settings",
    "SettingsError",
    "TableColumns",
    "find_config",
    "load_settings",
    "normalise",
]
