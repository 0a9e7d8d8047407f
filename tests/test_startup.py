"""The command line starts without the heavy libraries: they are imported where they are used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "pyarrow", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "docx", "lxml",
         "scipy", "rapidfuzz", "numpy", "actionplan.normalise", "actionplan.export")


def loaded_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", f"{code}\nimport json, sys\n"
                           "print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_loads_nothing_heavy():
    loaded = loaded_after("import actionplan.cli")
    assert not {name for name in (*HEAVY, "actionplan.ingest") if name in loaded}


def test_help_loads_nothing_heavy():
    loaded = loaded_after("import sys\nfrom actionplan.cli import cli\n"
                          "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass")
    assert not {name for name in HEAVY if name in loaded}


def test_the_package_names_come_when_used():
    loaded = loaded_after("import actionplan")
    assert "actionplan.api" not in loaded and "pandas" not in loaded
    assert "actionplan.api" in loaded_after("import actionplan\nactionplan.records")


def test_diff_and_validate_stay_the_api_functions():
    """Modules of the same names load with the CLI's commands; the API's functions stay."""
    import actionplan
    import actionplan.diff
    from actionplan import api

    assert actionplan.diff is api.diff and actionplan.validate is api.validate
    from actionplan.validate import Report
    assert actionplan.Report is Report
