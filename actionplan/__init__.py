"""actionplan: public-sector action plans (PDF, DOCX, XLSX, text) in, one typed table of actions out.

    import actionplan
    df = actionplan.read("plans/")        # a pandas DataFrame, typed like the Parquet output

The names below are imported when first used, not with the package: `actionplan --help` and
every command that does not need them start without the readers, the normaliser or pandas.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

#: public name -> the module that defines it
_SOURCES = {
    "ActionRecord": "actionplan.normalise",
    "Settings": "actionplan.normalise",
    "SettingsError": "actionplan.normalise",
    "load_settings": "actionplan.normalise",
    "ReadError": "actionplan.api",
    "ReadWarning": "actionplan.api",
    "diff": "actionplan.api",
    "read": "actionplan.api",
    "records": "actionplan.api",
    "validate": "actionplan.api",
    "Report": "actionplan.validate",
}

__all__ = [
    "ActionRecord",
    "ReadError",
    "ReadWarning",
    "Report",
    "Settings",
    "SettingsError",
    "__version__",
    "diff",
    "load_settings",
    "read",
    "records",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name not in _SOURCES:
        raise AttributeError(f"module 'actionplan' has no attribute {name!r}")
    value = getattr(importlib.import_module(_SOURCES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})


class _Package(types.ModuleType):
    """`actionplan.diff` and `actionplan.validate` are the API's functions, though modules of the
    same names exist: loading such a module must not put it in the function's place."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _SOURCES.get(name) == "actionplan.api":
            self.__dict__.pop(name, None)  # looked up again (lazily) as the API's function
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
