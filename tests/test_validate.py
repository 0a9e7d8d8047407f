"""`actionplan validate`: each rule both ways, the seed report, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from actionplan.normalise import Settings
from click.testing import CliRunner
from freezegun import freeze_time

from actionplan import ingest
from actionplan.cli import cli
from actionplan.validate import validate

from .conftest import SAMPLES

SEED_000 = str(SAMPLES / "000_9f9255b261eaf6f2.txt")
HEADER = "| Objective | Action | Lead | By when | Status | Evidence |\n|---|---|---|---|---|---|\n"


def plan(tmp_path, *rows, title="Trust Action Plan 2021/22\nLast updated 1 June 2021", name="plan.txt"):
    path = tmp_path / name
    path.write_text(title + "\n\n" + HEADER + "".join(f"| {' | '.join(r)} |\n" for r in rows))
    return path


def codes(path, as_of=None, settings=None):
    report = validate([path], settings or Settings(), ingest.ReadOptions(), as_of)
    return [(f.row, f.code) for f in report.findings]


GOOD = ("Governance", "Publish the annual report", "Ann Smith", "31/3/22", "On track", "Board paper")

RULE_CASES = [
    ("missing_lead", (GOOD[0], GOOD[1], "", *GOOD[3:])),
    ("lead_placeholder", (GOOD[0], GOOD[1], "TBC", *GOOD[3:])),
    ("missing_due", (*GOOD[:3], "", *GOOD[4:])),
    ("due_unparsed", (*GOOD[:3], "When funding is agreed", *GOOD[4:])),
    ("ongoing_without_review", (*GOOD[:3], "Ongoing", *GOOD[4:])),
    ("no_deadline", (*GOOD[:3], "Quarterly", *GOOD[4:])),
    ("missing_status", (*GOOD[:4], "", GOOD[5])),
    ("status_unrecognised", (*GOOD[:4], "See notes", GOOD[5])),
    ("status_fuzzy", (*GOOD[:4], "On trak", GOOD[5])),
    ("status_mixed", (*GOOD[:4], "Amber/Green", GOOD[5])),
    ("overdue", (*GOOD[:3], "30/4/21", "In progress", GOOD[5])),
    ("complete_without_evidence", (*GOOD[:4], "Complete", "")),
    ("vague_action", (GOOD[0], "Raise awareness of the policy", GOOD[2], "Ongoing and review annually",
                      GOOD[4], "")),
    ("vague_action", (GOOD[0], "Staff wellbeing", GOOD[2], "Ongoing and review annually", GOOD[4], "")),
    ("date_inconsistent", (*GOOD[:3], "31/3/2102", *GOOD[4:])),
    ("date_inconsistent", (*GOOD[:3], "31/3/2015", *GOOD[4:])),
    ("due_revised", (*GOOD[:3], "Dec 2021, revised to March 2022", *GOOD[4:])),
]


@pytest.mark.parametrize(("code", "row"), RULE_CASES)
def test_rule_finds_its_problem(tmp_path, code, row):
    found = codes(plan(tmp_path, GOOD, row))
    assert (3, code) in found


def test_a_good_plan_has_no_findings(tmp_path):
    other = ("Workforce", "Recruit two complaints officers", "Bob Jones", "Q2 2021/22", "Complete",
             "Posts filled")
    assert codes(plan(tmp_path, GOOD, other)) == []


def test_duplicate_actions(tmp_path):
    twin = (GOOD[0], "Publish the annual report.", "Bob", "31/3/22", "On track", "x")
    assert (3, "duplicate_action") in codes(plan(tmp_path, GOOD, twin))
    different = (GOOD[0], "Publish the quarterly report", "Bob", "31/3/22", "On track", "x")
    assert "duplicate_action" not in [c for _, c in codes(plan(tmp_path, GOOD, different))]


def test_missing_column_is_reported_once_per_table(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("| Action | By when |\n|---|---|\n| Publish it | 1/1/22 |\n| Audit it | 1/2/22 |\n")
    found = codes(path, as_of=date(2021, 1, 1))
    assert sorted(c for _, c in found) == ["missing_column", "missing_column"]  # lead and status


def test_row_without_action_is_missing_action(tmp_path):
    row = (GOOD[0], "", "Ann", "1/1/22", "Complete", "x")
    assert (3, "missing_action") in codes(plan(tmp_path, GOOD, row))


def test_as_of_defaults_to_the_update_date_then_today(tmp_path):
    late = (*GOOD[:3], "30/4/21", "In progress", GOOD[5])
    assert (3, "overdue") in codes(plan(tmp_path, GOOD, late))  # updated 1 June 2021
    assert (3, "overdue") not in codes(plan(tmp_path, GOOD, late), as_of=date(2021, 4, 1))
    undated = plan(tmp_path, GOOD, late, title="Trust Action Plan", name="undated.txt")
    with freeze_time("2021-04-01"):
        assert (3, "overdue") not in codes(undated)
    with freeze_time("2021-05-01"):
        assert (3, "overdue") in codes(undated)


def test_overdue_from_today_never_becomes_a_flag(tmp_path):
    late = (*GOOD[:3], "30/4/21", "In progress", GOOD[5])
    undated = plan(tmp_path, GOOD, late, title="Trust Action Plan", name="undated.txt")
    out = tmp_path / "a.jsonl"
    with freeze_time("2030-01-01"):
        CliRunner().invoke(cli, ["ingest", str(undated), "-o", str(out)], catch_exceptions=False)
    assert all("overdue" not in json.loads(line)["flags"] for line in out.read_text().splitlines())


def test_seed_000_report_as_of_its_update_date():
    report = validate([SEED_000], Settings(), ingest.ReadOptions(), date(2020, 9, 1))
    by_code: dict[str, list] = {}
    for f in report.findings:
        by_code.setdefault(f.code, []).append((f.table, f.row))
    # read off the plan: dated before 1 September 2020 and not complete
    assert by_code["overdue"] == [(1, 5), (1, 6), (3, 3), (3, 4)]
    assert by_code["no_deadline"] == [(3, 7)]  # "Group formed – to continue to meet on weekly basis"
    assert by_code["missing_due"] == [(3, 6)]
    assert by_code["missing_column"] == [(1, None)]  # the plan has no Lead column
    assert set(by_code) == {"overdue", "no_deadline", "missing_due", "missing_column", "vague_action"}


def run(*args):
    return CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)


def test_exit_codes_and_fail_on(tmp_path):
    clean = plan(tmp_path, GOOD, name="clean.txt")
    warned = plan(tmp_path, GOOD, (GOOD[0], GOOD[1], "TBC", *GOOD[3:]), name="warned.txt")
    assert run(str(clean)).exit_code == 0
    assert run(str(warned)).exit_code == 0
    assert run(str(warned), "--fail-on", "warning").exit_code == 1
    assert run(SEED_000).exit_code == 1
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"nope")
    result = run(SEED_000, str(broken))
    assert result.exit_code == 2  # unreadable wins over findings
    assert "cannot read" in result.stdout


def test_text_report_groups_by_file_and_theme_with_counts():
    out = run(SEED_000, "--as-of", "2020-09-01").stdout
    assert "  Monitoring\n" in out and "  Primary care\n" in out
    assert "table 1 row 5" in out
    assert out.rstrip().endswith("5 errors, 2 warnings, 1 info in 1 file (26 actions)")
    assert "\x1b[" not in out  # no colour when not a terminal


def test_json_and_csv_reports():
    data = json.loads(run(SEED_000, "--format", "json").stdout)
    assert data["counts"] == {"error": 5, "warning": 2, "info": 1}
    assert data["as_of"][SEED_000] == {"date": "2020-09-01", "from": "the plan's update date"}
    rows = list(csv.DictReader(io.StringIO(run(SEED_000, "--format", "csv").stdout)))
    assert [r["code"] for r in rows].count("overdue") == 4
    assert rows[0].keys() >= {"source_file", "table", "row", "severity", "code", "message"}


def test_rules_are_configurable(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.actionplan.validate]\ndisable = ["vague_action", "missing_column"]\n'
        'severity = { overdue = "warning" }\nfail_on = "error"\n')
    monkeypatch.chdir(tmp_path)
    result = run(SEED_000)
    assert "vague_action" not in result.stdout and "missing_column" not in result.stdout
    assert result.exit_code == 1  # missing_due is still an error
    shown = json.loads(run("--show-config").stdout)
    assert shown["rules"]["overdue"] == "warning" and "vague_action" not in shown["rules"]


def test_bad_rule_config_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "actionplan.toml").write_text('[validate]\ndisable = ["no_such_rule"]\n')
    monkeypatch.chdir(tmp_path)
    result = run(SEED_000)
    assert result.exit_code == 1 and "unknown rule codes ['no_such_rule']" in result.output


def test_control_characters_in_cells_are_escaped_in_the_reports(tmp_path):
    from click.testing import CliRunner

    from actionplan.cli import cli

    plan = tmp_path / "plan.txt"
    plan.write_text("| Action | Lead | Status |\n|---|---|---|\n| Do it \x1b[2J now | Ann | Finished\x07 |\n")
    report = CliRunner().invoke(cli, ["validate", str(plan)]).stdout
    assert "\x1b" not in report and "\x07" not in report and "\\x1b[2J" in report
    other = tmp_path / "other.txt"
    other.write_text(plan.read_text().replace("Ann", "Bob"))
    changes = CliRunner().invoke(cli, ["diff", str(plan), str(other)]).stdout
    assert "\x1b" not in changes and "\\x1b[2J" in changes


@pytest.mark.parametrize("threshold", [0, -5, 101])
def test_a_duplicate_threshold_off_the_scale_is_one_line(tmp_path, monkeypatch, threshold):
    (tmp_path / "actionplan.toml").write_text(f"[validate]\nduplicate_threshold = {threshold}\n")
    monkeypatch.chdir(tmp_path)
    result = run(SEED_000)
    assert result.exit_code == 1 and "duplicate_threshold is a similarity score" in result.output
