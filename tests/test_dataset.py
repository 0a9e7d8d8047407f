"""The dataset folder: parts that never collide, partitions row by row, incremental runs that
keep what they skip, one run at a time, a manifest that is checked before it is trusted, and
the folder read back by pandas, pyarrow.dataset and DuckDB alike."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest
from actionplan.normalise import Settings
from click.testing import CliRunner

from actionplan import export
from actionplan.cli import cli
from actionplan.dataset import DatasetError, locked
from actionplan.pipeline import process_file

from .conftest import SAMPLES

SEED = SAMPLES / "000_9f9255b261eaf6f2.txt"
SEED_DOCX = SAMPLES / "seed_000_health_inequalities.docx"
OTHER_DOCX = SAMPLES / "seed_004_equality_diversity.docx"


def ingest_cli(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--jobs", "1"], catch_exceptions=False)


def rows_by(folder: Path, column: str) -> dict[str, Counter]:
    """Rows per value of `column`, as pandas, pyarrow.dataset and DuckDB each read the folder."""
    frame = pd.read_parquet(folder)
    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    duck = duckdb.sql(f"select {column} from read_parquet('{folder}/**/*.parquet', hive_partitioning=true)")
    return {"pandas": Counter(frame[column].astype(object).where(frame[column].notna(), None)),
            "pyarrow": Counter(table.column(column).to_pylist()),
            "duckdb": Counter(row[0] for row in duck.fetchall())}


def quarters(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    for quarter, source in (("2022-Q1", SEED_DOCX), ("2022-Q2", OTHER_DOCX)):
        (plans / quarter).mkdir(parents=True)
        shutil.copy(source, plans / quarter / "plan.docx")
    return plans


def test_two_sources_with_one_name_keep_both_parts(tmp_path):
    plans, out = quarters(tmp_path), tmp_path / "dataset"
    for quarter in ("2022-Q1", "2022-Q2"):
        result = ingest_cli(str(plans / quarter), "-o", f"{out}/", "--tag", f"period={quarter}")
        assert result.exit_code == 0, result.output
    counts = rows_by(out, "period")
    want = {"2022-Q1": process_file(str(SEED_DOCX), Settings()).action_count,
            "2022-Q2": process_file(str(OTHER_DOCX), Settings()).action_count}
    assert counts["pandas"] == counts["pyarrow"] == counts["duckdb"] == Counter(want)
    manifest = json.loads((out / "_manifest.json").read_text())["files"]
    assert len(manifest) == 2
    names = [Path(o).name for entry in manifest.values() for o in entry["outputs"]]
    assert len(set(names)) == 2 and all(n.startswith(("2022-q1-plan-docx-", "2022-q2-plan-docx-"))
                                        for n in names)


def test_partition_by_a_field_is_row_by_row(tmp_path):
    out = tmp_path / "by-theme"
    result = ingest_cli(str(SEED), "-o", f"{out}/", "--partition-by", "theme")
    assert result.exit_code == 0, result.output
    records = CliRunner().invoke(cli, ["ingest", str(SEED), "-o", str(tmp_path / "all.jsonl")])
    assert records.exit_code == 0
    want = Counter(r.theme for r in export.load(tmp_path / "all.jsonl"))
    assert len(want) > 3
    counts = rows_by(out, "theme")
    assert counts["pandas"] == counts["pyarrow"] == counts["duckdb"] == want


def test_partition_values_stay_values(tmp_path):
    out = tmp_path / "dataset"
    result = ingest_cli(str(SEED), "-o", f"{out}/", "--tag", "region=../../escaped",
                        "--partition-by", "region")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "escaped").exists() and not list(tmp_path.glob("**/escaped*"))
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["region=..%2F..%2Fescaped"]
    counts = rows_by(out, "region")
    assert counts["pandas"] == counts["pyarrow"] == counts["duckdb"] == Counter({"../../escaped": 26})


@pytest.mark.parametrize("args", [["--partition-by", "../../x"], ["--partition-by", "/tmp/x"],
                                  ["--tag", "/abs=1", "--partition-by", "/abs"]])
def test_partition_names_that_are_paths_are_refused(tmp_path, args):
    out = tmp_path / "dataset"
    result = ingest_cli(str(SEED), "-o", f"{out}/", *args)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.parquet"))


def test_incremental_keeps_the_residue_and_errors_of_skipped_files(tmp_path):
    plans, out = tmp_path / "plans", tmp_path / "dataset"
    plans.mkdir()
    shutil.copy(SAMPLES / "cqc_action_plan_nested.docx", plans / "a.docx")
    shutil.copy(SEED, plans / "b.txt")
    first = ingest_cli(str(plans), "-o", f"{out}/")
    assert first.exit_code == 0, first.output
    residue = (out / "_residue.jsonl").read_text()
    assert residue.count("\n") > 0
    (plans / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    again = ingest_cli(str(plans), "-o", f"{out}/", "--incremental")
    assert "2 unchanged and skipped" in again.stderr
    assert (out / "_residue.jsonl").read_text() == residue
    errors = [json.loads(line)["file"] for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert errors == [str(plans / "c.pdf")]


def test_a_second_run_into_a_locked_folder_stops_clearly(tmp_path):
    out = tmp_path / "dataset"
    ingest_cli(str(SEED), "-o", f"{out}/")
    before = (out / "_manifest.json").read_bytes()
    with locked(out):
        result = ingest_cli(str(SEED_DOCX), "-o", f"{out}/")
    assert result.exit_code == 1
    assert "another actionplan run is writing to this folder" in result.output
    assert (out / "_manifest.json").read_bytes() == before
    with locked(out), pytest.raises(DatasetError), locked(out):
        pass


@pytest.mark.parametrize("output", ["../victim.txt", "/VICTIM", "plan=x/../../victim.txt",
                                    "sub\\..\\..\\victim.txt"])
def test_a_planted_manifest_cannot_delete_anything(tmp_path, output):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    output = output.replace("/VICTIM", str(victim))
    out = tmp_path / "dataset"
    out.mkdir()
    planted = {"format": "actionplan-dataset/2",
               "files": {str(SEED): {"sha256": "0" * 64, "outputs": [output], "actions": 1}}}
    (out / "_manifest.json").write_text(json.dumps(planted))
    result = ingest_cli(str(SEED), "-o", f"{out}/")
    assert result.exit_code == 1 and "leaves the dataset folder" in result.output
    assert victim.read_text() == "keep me"
    assert not list(out.rglob("*.parquet"))


@pytest.mark.parametrize("text", ["", "{\"files\": {", "[]", "{\"files\": {}}"])
def test_a_damaged_manifest_is_one_clear_line(tmp_path, text):
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "_manifest.json").write_text(text)
    result = ingest_cli(str(SEED), "-o", f"{out}/")
    assert result.exit_code == 1 and "not a manifest this tool wrote" in result.output
    assert "move it away" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("key", ["action", "source_file", "plan", "flags", "ré gion", "a/b"])
def test_a_tag_that_is_a_field_or_not_a_name_is_refused(tmp_path, key):
    result = ingest_cli(str(SEED), "-o", str(tmp_path / "out.parquet"), "--tag", f"{key}=X")
    assert result.exit_code == 2 and f"tag {key!r}" in result.output
    assert not (tmp_path / "out.parquet").exists()


def test_a_failed_run_leaves_the_dataset_as_it_was(tmp_path):
    out = tmp_path / "dataset"
    ingest_cli(str(SEED), "-o", f"{out}/", "--tag", "note=short", "--partition-by", "note")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = ingest_cli(str(SEED), str(SEED_DOCX), "-o", f"{out}/", "--tag", "note=" + "x" * 300,
                        "--partition-by", "note")
    assert result.exit_code == 1 and "too long for a folder name" in result.output
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]
