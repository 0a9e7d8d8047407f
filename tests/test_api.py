"""The Python API: the same records as the command line, typed like the Parquet output."""

from __future__ import annotations

import json
import types
from datetime import date

import pandas as pd
import pytest
from actionplan.normalise import ENUMS, FIELDS
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli

from .conftest import SAMPLES

SEED = SAMPLES / "000_9f9255b261eaf6f2.txt"
DOCX = SAMPLES / "seed_004_equality_diversity.docx"


def cli_records(*paths):
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--format", "jsonl", "-o", "-"],
                                catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_read_gives_the_records_the_cli_writes():
    frame = actionplan.read([SEED, DOCX])
    want = cli_records(SEED, DOCX)
    assert list(frame.columns) == list(FIELDS)
    assert len(frame) == len(want) == 51
    for got, expected in zip(frame.to_dict("records"), want, strict=True):
        for name in FIELDS:
            value = got[name]
            if isinstance(value, date):
                value = value.isoformat()
            if value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                value = None
            assert value == expected[name], name


def test_read_is_typed_like_the_parquet_output():
    frame = actionplan.read(SEED, tags={"period": "2020-Q2"})
    for name, values in ENUMS.items():
        assert list(frame[name].cat.categories) == list(values), name
    assert frame["row"].dtype == "Int64" and frame["status_score"].dtype == "Float64"
    assert frame["action"].dtype == "string" and frame["period"].dtype == "string"
    assert isinstance(frame["due_date"].dropna().iloc[0], date)
    assert isinstance(frame["section"].iloc[0], list) and isinstance(frame["flags"].iloc[0], list)
    assert isinstance(frame["extra"].iloc[0], dict)
    assert list(frame.columns)[-1] == "period"


def test_failures_are_in_attrs_or_raised(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 truncated")
    frame = actionplan.read([SEED, broken])
    assert len(frame) == 26
    assert frame.attrs["failures"] == [{"source_file": str(broken),
                                        "reason": f"{broken}: truncated PDF: it stops before its end "
                                                  "(a copy or download cut short?)"}]
    with pytest.raises(actionplan.ReadError, match=r"broken\.pdf: truncated PDF"):
        actionplan.read([broken, SEED], errors="raise")


def test_records_are_read_lazily_one_file_at_a_time(tmp_path):
    second = tmp_path / "second.pdf"
    second.write_bytes(b"%PDF-1.7 truncated")
    found = actionplan.records([SEED, second])
    assert isinstance(found, types.GeneratorType)
    first = next(found)  # the second file is not touched until the first one's records are used
    assert first.source_file == str(SEED)
    rest = []
    with pytest.warns(actionplan.ReadWarning, match="second.pdf"):
        rest = list(found)
    assert len(rest) == 25


def test_validate_returns_findings_and_the_exit_decision():
    report = actionplan.validate(SEED, as_of="2020-09-01")
    frame = report.frame()
    assert set(frame["code"]) >= {"overdue", "missing_due"}
    assert report.failed and report.exit_code("error") == 1
    overdue = frame[frame["code"] == "overdue"]
    assert len(overdue) == 4 and overdue["action_id"].str.len().eq(16).all()


def test_diff_gives_one_row_per_action_pair():
    frame = actionplan.diff(DOCX, SAMPLES / "seed_004_horizontal_rules.docx")
    assert len(frame) == 25 and set(frame["kind"]) == {"unchanged"}
    with pytest.raises(actionplan.ReadError, match="no such file"):
        actionplan.diff(DOCX, SAMPLES / "missing.docx")


def test_settings_from_code(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("| Action | Go-live |\n|---|---|\n| Open the clinic | Ann |\n", encoding="utf-8")
    frame = actionplan.read(plan, config=actionplan.Settings(headers={"lead": ["Go-live"]}))
    assert frame["lead"].tolist() == ["Ann"]


def test_the_readme_notebook_example_runs_as_written(monkeypatch, capsys):
    import re

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    monkeypatch.chdir(ROOT)
    exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "(51, 30)" in printed and "unchanged    25" in printed
