"""actionplan: public-sector action plans (PDF, DOCX, XLSX, text) in, one typed table of actions out.

    import actionplan
    df = actionplan.read("plans/")        # a pandas DataFrame, typed like the Parquet output
"""

__version__ = "0.1.0"

from actionplan.normalise import ActionRecord, Settings, SettingsError, load_settings

from .api import ReadError, ReadWarning, diff, read, records, validate
from .validate import Report

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
