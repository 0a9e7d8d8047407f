"""Batches: the same bytes whatever the workers, hung and killed workers isolated, folder output
with a manifest, incremental re-runs, and the Dask engine."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from actionplan.normalise import Settings
from click.testing import CliRunner

from actionplan import ingest
from actionplan.batch import BatchOptions, process_batch
from actionplan.cli import cli

from .conftest import SAMPLES

SAMPLE_FILES = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def ingest_cli(*args):
    return CliRunner().invoke(cli, ["ingest", *args], catch_exceptions=False)


def test_output_is_the_same_bytes_whatever_the_jobs(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        assert ingest_cli(*SAMPLE_FILES, "-o", str(out), "--jobs", jobs, "--quiet").exit_code == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_progress_is_a_line_per_file_off_a_terminal(tmp_path):
    result = ingest_cli(SAMPLE_FILES[0], SAMPLE_FILES[1], "-o", str(tmp_path / "a.csv"), "--jobs", "1")
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert lines == [f"[1/2] {SAMPLE_FILES[0]}: 26 actions", f"[2/2] {SAMPLE_FILES[1]}: 25 actions"]
    quiet = ingest_cli(SAMPLE_FILES[0], "-o", str(tmp_path / "b.csv"), "--quiet")
    assert not [line for line in quiet.stderr.splitlines() if line.startswith("[")]


def hanging_input(tmp_path: Path) -> Path:
    """A regular file that takes far longer than the tests wait (over a minute here): a pipe
    table of 20,000 rows, as a stuck or pathological file would. (A named pipe no longer
    hangs: it is refused before it is opened.)"""
    path = tmp_path / "hangs.txt"
    rows = ["| Objective | Action | Lead | By when | Status |", "|---|---|---|---|---|"]
    rows += [f"| Theme {i % 7} | Deliver item {i} of the plan with partners | Lead {i % 13} | 31/03/2021 "
             "| On track |" for i in range(20_000)]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def test_a_hung_file_times_out_and_only_it_fails(tmp_path):
    hang = hanging_input(tmp_path)
    started = time.monotonic()
    result = ingest_cli(str(hang), SAMPLE_FILES[0], "-o", str(tmp_path / "a.csv"), "--timeout", "3",
                        "--jobs", "2")
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    assert f"error: {hang}: timed out after 3 s" in result.stderr
    assert "26 actions" in result.stderr


def children() -> list[int]:
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.append(int(entry.name))
    return found


def test_a_killed_worker_fails_only_its_file(tmp_path):
    """One worker; its first file takes minutes, so the worker that appears is the one to kill."""
    hang = hanging_input(tmp_path)
    before = set(children())

    def kill_the_worker():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(1.0)
            new = set(children()) - before
            if new:
                time.sleep(1.0)  # let it start on the slow file
                for pid in new:
                    os.kill(pid, signal.SIGKILL)
                return

    killer = threading.Thread(target=kill_the_worker)
    killer.start()
    outcomes = process_batch([str(hang), SAMPLE_FILES[0]], Settings(), ingest.ReadOptions(), None,
                             BatchOptions(jobs=1, timeout=60))
    killer.join()
    assert "its worker died (exit code -9)" in outcomes[0].failure.reason
    assert outcomes[1].failure is None and len(outcomes[1].normalised.records) == 26


def test_folder_output_manifest_and_incremental_runs(tmp_path):
    sources = tmp_path / "plans"
    sources.mkdir()
    for sample in SAMPLE_FILES:  # the plans at the top of samples/, not the generated layouts
        shutil.copy(sample, sources)
    (sources / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "dataset"
    first = ingest_cli(str(sources), "-o", f"{out}/", "--tag", "period=2022-Q2")
    assert first.exit_code == 1  # the broken file
    manifest = json.loads((out / "_manifest.json").read_text())["files"]
    assert len(manifest) == 13 and all(entry["sha256"] for entry in manifest.values())
    parts = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet"))
    assert len(parts) == 13 and all(p.startswith("plan=") for p in parts)
    table = ds.dataset(out, format="parquet", partitioning="hive", exclude_invalid_files=True).to_table()
    assert table.num_rows == 271 and "period" in table.column_names
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [e["file"].endswith("broken.pdf") for e in errors] == [True] and errors[0]["sha256"]
    assert (out / "_residue.jsonl").read_text().count("\n") == 3

    again = ingest_cli(str(sources), "-o", f"{out}/", "--incremental", "--tag", "period=2022-Q2")
    assert "13 unchanged and skipped" in again.stderr and "0 actions" in again.stderr

    seed = sources / "000_9f9255b261eaf6f2.txt"
    seed.write_text(seed.read_text().replace("| Complete |", "| Completed |", 1))
    changed = ingest_cli(str(sources), "-o", f"{out}/", "--incremental", "--tag", "period=2022-Q2")
    assert "12 unchanged and skipped" in changed.stderr and "26 actions" in changed.stderr
    assert len(list(out.rglob("*.parquet"))) == 13  # the old part was replaced, not kept beside


def test_partition_by_a_tag_or_field(tmp_path):
    out = tmp_path / "by-format"
    ingest_cli(*SAMPLE_FILES[:3], "-o", f"{out}/", "--partition-by", "source_format", "--quiet")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["source_format=docx",
                                                                  "source_format=text"]
    bad = ingest_cli(SAMPLE_FILES[0], "-o", f"{tmp_path}/x/", "--partition-by", "nothing")
    assert bad.exit_code == 1 and "cannot partition by 'nothing'" in bad.output


def test_incremental_needs_a_folder(tmp_path):
    result = ingest_cli(SAMPLE_FILES[0], "-o", str(tmp_path / "a.csv"), "--incremental")
    assert result.exit_code == 1 and "--incremental needs a folder" in result.output


def test_dask_engine_gives_the_same_records(tmp_path):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    ingest_cli(*SAMPLE_FILES, "-o", str(local), "--jobs", "2", "--quiet")
    result = ingest_cli(*SAMPLE_FILES, "-o", str(dask), "--engine", "dask", "--jobs", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert dask.read_bytes() == local.read_bytes()
