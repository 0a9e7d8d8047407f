"""The command line through click's runner: outputs, summaries, bad inputs and exit codes."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from actionplan import __version__, ingest
from actionplan.cli import cli

from .conftest import SAMPLES

SEED = str(SAMPLES / "000_9f9255b261eaf6f2.txt")
GOOD_TABLE = "My plan\n\n| Action | Lead | Status |\n|---|---|---|\n| Do it | Ann | Done |\n"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_version():
    assert __version__ in invoke("--version").output


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_ingest_writes_each_format(tmp_path, suffix):
    out = tmp_path / f"actions{suffix}"
    result = invoke("ingest", SEED, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert "1 file, 4 tables, 26 actions" in result.stderr


def test_stdout_is_csv():
    result = invoke("ingest", SEED)
    assert result.exit_code == 0
    assert result.stdout.startswith("source_file,source_format,")
    assert len(result.stdout.strip().splitlines()) == 27


def test_directory_is_walked(tmp_path):
    out = tmp_path / "a.jsonl"
    invoke("ingest", str(SAMPLES), "-o", str(out))
    files = {json.loads(line)["source_file"] for line in out.read_text().splitlines()}
    assert str(SAMPLES / "000_9f9255b261eaf6f2.txt") in files
    assert str(SAMPLES / "004_e84f46dd32060436.txt") in files


def test_relative_source_file_stays_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    result = invoke("ingest", "samples/000_9f9255b261eaf6f2.txt", "-o", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 0
    first = json.loads((tmp_path / "a.jsonl").read_text().splitlines()[0])
    assert first["source_file"] == "samples/000_9f9255b261eaf6f2.txt"


def test_tags_are_appended(tmp_path):
    out = tmp_path / "a.jsonl"
    invoke("ingest", SEED, "-o", str(out), "--tag", "organisation=RGT", "--tag", "period=2022-Q2")
    first = json.loads(out.read_text().splitlines()[0])
    assert list(first)[-2:] == ["organisation", "period"]
    assert first["period"] == "2022-Q2"


def test_bad_tag_is_a_usage_error():
    result = invoke("ingest", SEED, "--tag", "novalue")
    assert result.exit_code == 2 and "KEY=VALUE" in result.output


def test_raw_dumps_source_rows(tmp_path):
    out = tmp_path / "raw.jsonl"
    invoke("ingest", SEED, "--raw", "-o", str(out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    table_rows = [r for r in rows if r["kind"] == "row"]
    assert table_rows[0]["cells"][0] == "<u>Objectives</u>"
    assert [r["table"] for r in table_rows][-1] == 4
    columns = [(r["header"], r["field"], r["score"]) for r in rows if r["kind"] == "column"]
    assert columns[:3] == [("Objectives", "theme", 1.0), ("Action", "action", 1.0),
                           ("By when", "due_text", 1.0)]
    assert all(r["evidence"] for r in rows if r["kind"] == "column")


def test_residue_file(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(GOOD_TABLE + "\n| Colour | Meaning |\n|---|---|\n| Blue | Complete |\n")
    residue = tmp_path / "residue.jsonl"
    result = invoke("ingest", str(plan), "-o", str(tmp_path / "a.csv"), "--residue", str(residue))
    assert result.exit_code == 0
    items = [json.loads(line) for line in residue.read_text().splitlines()]
    assert {i["reason"] for i in items} == {"table has no action column"}
    assert [i["text"] for i in items] == ["Colour | Meaning", "Blue | Complete"]


def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(os.urandom(2048) + b"\x00")
    (tmp_path / "prose.txt").write_text("Just a paragraph about the plan.\nNo tables here.\n")
    (tmp_path / "noaction.txt").write_text("| Name | Role |\n|---|---|\n| Ann | Chair |\n")
    (tmp_path / "broken.docx").write_bytes(b"this is not a zip")
    (tmp_path / "broken.pdf").write_bytes(b"nothing like a pdf")
    return {
        "empty.txt": "the file is empty",
        "binary.txt": "not a text file",
        "prose.txt": "no table found",
        "noaction.txt": "no table with an action column",
        "broken.docx": "not a Word document",
        "broken.pdf": "not a PDF",
        "missing.txt": "no such file",
    }


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    reasons = bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TABLE)
    out = tmp_path / "out.csv"
    paths = [str(tmp_path / name) for name in reasons] + [str(good)]
    result = invoke("ingest", *paths, "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(reasons)
    for name, reason in reasons.items():
        line = next(e for e in errors if name in e)
        assert reason in line
    assert "Traceback" not in result.output
    assert "Do it" in out.read_text()


def test_all_good_exits_zero(tmp_path):
    assert invoke("ingest", SEED, "-o", str(tmp_path / "a.csv")).exit_code == 0


def test_config_extends_synonyms_and_labels(tmp_path, monkeypatch):
    (tmp_path / "actionplan.toml").write_text(
        'month_first = false\n[headers]\nlead = ["Senior responsible officer"]\n'
        '[status]\ncomplete = ["Embedded"]\n')
    plan = tmp_path / "p.txt"
    plan.write_text("| Action | Senior responsible officer | Status |\n|---|---|---|\n"
                    "| Do it | Ann | Embedded |\n")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "a.jsonl"
    assert invoke("ingest", str(plan), "-o", str(out)).exit_code == 0
    record = json.loads(out.read_text())
    assert record["lead"] == "Ann" and record["status"] == "complete"


def test_bad_config_is_one_clear_line(tmp_path, monkeypatch):
    (tmp_path / "actionplan.toml").write_text('[status]\nfinished = ["Done"]\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("ingest", SEED)
    assert result.exit_code == 1
    assert "unknown status 'finished'" in result.output


@pytest.mark.parametrize(("config", "message"), [
    ("month_frist = true\n", "actionplan.toml: unknown key 'month_frist' (known: header_threshold, "
                            "headers, limits, month_first, status, status_threshold, validate)"),
    ("[header]\nlead = ['Owner']\n", "actionplan.toml: unknown key 'header' (known: header_threshold, "
                                     "headers, limits, month_first, status, status_threshold, validate)"),
    ('header_threshold = "high"\n', "actionplan.toml: header_threshold must be a number from 1 to 100, "
                                     "not 'high'"),
    ("month_first = 1\n", "actionplan.toml: month_first must be true or false, not 1"),
])
def test_config_keys_and_types_are_checked(tmp_path, monkeypatch, config, message):
    (tmp_path / "actionplan.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    result = invoke("ingest", SEED)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: configuration: {tmp_path}/{message}"


def test_jsonl_goes_to_standard_output_and_binary_formats_do_not():
    result = invoke("ingest", SEED, "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 26 and json.loads(lines[0])["theme"] == "Governance"
    refused = invoke("ingest", SEED, "--format", "parquet")
    assert refused.exit_code != 0 and "parquet is not text: name an output file with -o" in refused.output


def test_a_plan_is_read_from_standard_input():
    data = (SAMPLES / "seed_004_equality_diversity.docx").read_bytes()
    result = CliRunner().invoke(cli, ["ingest", "-", "--format", "jsonl"], input=data,
                                catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(records) == 25
    assert {r["source_file"] for r in records} == {"-"} and records[0]["source_format"] == "docx"


def test_as_of_is_a_typed_date():
    result = invoke("validate", SEED, "--as-of", "2020-13-01")
    assert result.exit_code == 2 and "'2020-13-01' is not a date: use YYYY-MM-DD" in result.output


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help"
        assert "Example" in command.help, f"{name} help has no example"
        assert invoke(name, "--help").exit_code == 0


@pytest.mark.parametrize(("name", "reason"), [(".pdf", "not a PDF"), (".docx", "not a Word document"),
                                              (".xlsx", "not an Excel workbook")])
def test_a_file_named_only_by_its_suffix_is_taken_for_that_format(tmp_path, name, reason):
    with pytest.raises(ingest.FileCorrupt, match=reason):
        path = tmp_path / name
        path.write_bytes(b"| Action | Lead |\n|---|---|\n| Do it | Ann |\n")
        ingest.read(path)
