"""Output you can trust: a file appears whole or the previous one stays; runs killed, out of
disk space or pointed at a read-only folder leave the last good output and no scratch; inputs
and the target are checked before any work; CSV is one dialect DuckDB reads as it is."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from actionplan.export import atomic
from actionplan.normalise import FIELDS
from click.testing import CliRunner

from actionplan import export
from actionplan.cli import cli

from .conftest import SAMPLES

SEED = SAMPLES / "000_9f9255b261eaf6f2.txt"
SEED_DOCX = SAMPLES / "seed_000_health_inequalities.docx"
ROOT = SAMPLES.parent


def ingest_cli(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--jobs", "1"], catch_exceptions=False)


def scratch_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp")]


def previous_output(folder: Path, name: str = "actions.csv") -> tuple[Path, bytes]:
    out = folder / name
    assert ingest_cli(str(SEED), "-o", str(out)).exit_code == 0
    return out, out.read_bytes()


# --- atomic files --------------------------------------------------------------------------

@pytest.mark.parametrize("nameless", [True, False], ids=["O_TMPFILE", "named scratch"])
def test_a_write_that_fails_leaves_the_previous_file(tmp_path, monkeypatch, nameless):
    if not nameless:
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    target = tmp_path / "out.txt"
    atomic.write_text(target, "old\r\n")
    with pytest.raises(RuntimeError), atomic.atomic_file(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("stopped half-way")
    assert target.read_bytes() == b"old\r\n" and sorted(tmp_path.iterdir()) == [target]
    atomic.write_text(target, "new\n")
    assert target.read_bytes() == b"new\n" and sorted(tmp_path.iterdir()) == [target]


# --- inputs and target checked before any work ---------------------------------------------

def test_a_mistyped_input_is_a_usage_error_and_writes_nothing(tmp_path):
    out, before = previous_output(tmp_path)
    result = ingest_cli(str(tmp_path / "no-such-plan.docx"), "-o", str(out))
    assert result.exit_code == 2 and "no input found" in result.output
    assert "no-such-plan.docx" in result.output  # the message names what was not found
    assert out.read_bytes() == before


def test_an_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = ingest_cli(str(tmp_path / "empty"), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "no input found" in result.output
    assert "empty" in result.output and ".xlsx" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_a_run_where_every_file_fails_keeps_the_previous_output(tmp_path):
    out, before = previous_output(tmp_path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    result = ingest_cli(str(broken), "-o", str(out))
    assert result.exit_code == 1 and "not written, as no file gave an action" in result.stderr
    assert "the earlier output there is left as it was" in result.stderr
    assert out.read_bytes() == before
    fresh = tmp_path / "never.csv"
    again = ingest_cli(str(broken), "-o", str(fresh))
    assert "not written" in again.stderr and "earlier output" not in again.stderr and not fresh.exists()
    # the cause first, then what followed from it
    assert result.stderr.index("broken.pdf: ") < result.stderr.index("not written")


def test_files_read_with_no_table_leave_the_output_unwritten_and_say_why(tmp_path):
    out, before = previous_output(tmp_path)
    prose = tmp_path / "minutes.txt"
    prose.write_text("Minutes of the board meeting.\nNo table here.\n")
    result = ingest_cli(str(prose), "-o", str(out))
    assert result.exit_code == 1 and out.read_bytes() == before
    lines = result.stderr.splitlines()
    said = next(i for i, line in enumerate(lines) if "minutes.txt" in line)
    unwritten = next(i for i, line in enumerate(lines) if "not written, as no file gave an action" in line)
    assert said < unwritten


def test_an_output_under_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    result = ingest_cli(str(SEED), "-o", str(tmp_path / "file" / "out.csv"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {tmp_path / 'file'}: not a folder, so {tmp_path / 'file' / 'out.csv'} cannot be written"]


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "256k", read_only: bool = False):
    """A real tmpfs of `size` where this process may mount one (root), else None."""
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True, check=False).returncode == 0
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("target", ["actions.csv", "actions.parquet", "dataset/"])
def test_a_read_only_target_fails_before_any_work(tmp_path, target):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk or tmp_path / "disk"
        out = folder / target
        ingest_cli(str(SEED), "-o", str(out))
        before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        if disk:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        elif os.geteuid() == 0:
            pytest.skip("root ignores permission bits and cannot mount here")
        else:
            for path in [folder, *folder.rglob("*")]:
                path.chmod(0o555 if path.is_dir() else 0o444)
        result = ingest_cli(str(SEED), "-o", str(out))
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert result.exit_code == 2 and len(errors) == 1 and "Traceback" not in result.output
        assert str(out).rstrip("/") in errors[0] and "cannot be written" in errors[0]
        assert not [line for line in result.stderr.splitlines() if line.startswith("[")]  # no work
        assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


class FullDisk:
    """Where no tmpfs can be mounted: the writer's handle fails with ENOSPC after `room` bytes."""

    def __init__(self, handle, room: int) -> None:
        self.handle, self.room = handle, room

    def write(self, data) -> int:
        self.room -= len(data)
        if self.room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.handle.write(data)

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()


@pytest.mark.parametrize("target", ["actions.csv", "actions.parquet", "actions.jsonl", "dataset/"])
def test_a_full_disk_leaves_the_previous_output(tmp_path, monkeypatch, target):
    plans = tmp_path / "plans"
    plans.mkdir()
    for i in range(8):
        shutil.copy(SEED, plans / f"plan{i}.txt")
    with small_disk(tmp_path / "disk", "320k") as disk:
        folder = disk or tmp_path / "disk"
        out = folder / target
        assert ingest_cli(str(SEED), "-o", str(out)).exit_code == 0
        before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        if disk is None:
            real = os.fdopen
            monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode="r", *a, **k: FullDisk(
                real(fd, mode, *a, **k), 50_000) if mode == "wb" else real(fd, mode, *a, **k))
        else:
            (folder / "filler").write_bytes(b"x" * (320_000 - sum(map(len, before.values())) - 60_000))
            before[folder / "filler"] = (folder / "filler").read_bytes()
        result = ingest_cli(str(plans), "-o", str(out))
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert len(errors) == 1 and "No space left on device" in errors[0], errors
        assert str(folder) in errors[0]
        assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
        assert not scratch_in(folder) or all(p.name == ".actionplan.lock" for p in scratch_in(folder))


# --- killed runs ---------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from actionplan import export
records = export.load(Path(sys.argv[1])) * int(sys.argv[3])
print("writing", flush=True)
export.write(records, Path(sys.argv[2]))
print("done", flush=True)
"""


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_kill_9_during_a_large_write_leaves_the_previous_file(tmp_path, suffix):
    source = tmp_path / "seed.jsonl"
    assert ingest_cli(str(SEED), "-o", str(source)).exit_code == 0
    folder = tmp_path / "out"
    folder.mkdir()
    out, _ = previous_output(folder, f"actions{suffix}")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    rng = random.Random(9)
    for delay in sorted(rng.uniform(0.0, 1.5) for _ in range(4)):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(source), str(out), "6000"],
                                 stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        after = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert after == before, f"after a kill at {delay:.2f} s"
    export.load(out)  # still a readable file


def many_plans(tmp_path: Path, count: int = 40) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    for i in range(count):
        shutil.copy(SEED_DOCX if i % 2 else SEED, plans / f"plan{i:03d}{'.docx' if i % 2 else '.txt'}")
    return plans


@pytest.mark.parametrize(("sig", "target"), [(signal.SIGKILL, "actions.parquet"),
                                             (signal.SIGTERM, "actions.csv"),
                                             (signal.SIGTERM, "dataset/"),
                                             (signal.SIGKILL, "dataset/")])
def test_a_stopped_run_leaves_the_previous_output_and_no_scratch(tmp_path, sig, target):
    plans = many_plans(tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / target
    assert ingest_cli(str(SEED), "-o", str(out)).exit_code == 0
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    scratch_before = set(Path(tempfile.gettempdir()).glob("actionplan-*"))
    child = subprocess.Popen([sys.executable, "-m", "actionplan", "ingest", str(plans), "-o", str(out),
                              "--jobs", "1"], stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stderr is not None
    for _ in range(5):  # some files read, some parts written
        assert child.stderr.readline().startswith("[")
    child.send_signal(sig)
    assert child.wait(timeout=30) == (-9 if sig == signal.SIGKILL else 128 + signal.SIGTERM)
    if sig == signal.SIGKILL and target == "dataset/":
        staged = [p for p in folder.rglob("*") if ".staging-" in str(p)]
        assert staged  # a SIGKILL cannot clean: the next run does, under the lock
        assert ingest_cli(str(SEED), "-o", str(out)).exit_code == 0
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert set(Path(tempfile.gettempdir()).glob("actionplan-*")) == scratch_before
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp") or ".staging-" in str(p)]


# --- CSV -----------------------------------------------------------------------------------

def test_csv_has_one_line_ending_and_duckdb_reads_it(tmp_path):
    out = tmp_path / "actions.csv"
    result = ingest_cli(str(SEED), str(SEED_DOCX), "-o", str(out), "--tag", "period=2022-Q2")
    assert result.exit_code == 0
    data = out.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == 53
    relation = duckdb.sql(f"select * from read_csv('{out}')")
    assert relation.columns == [*FIELDS, "period"]
    assert len(relation.fetchall()) == 52


def test_each_csv_keeps_its_own_resource_in_the_descriptor(tmp_path):
    ingest_cli(str(SEED), "-o", str(tmp_path / "a.csv"), "--tag", "period=Q1")
    ingest_cli(str(SEED), "-o", str(tmp_path / "b.csv"))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    resources = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    assert resources == {"a.csv": [*FIELDS, "period"], "b.csv": list(FIELDS)}


FORMULAS = ("My plan\n\n| Action | Lead | Status |\n|---|---|---|\n"
            "| =HYPERLINK(\"http://x\") | +44 20 | Done |\n| @SUM(A1) | -Ann | Done |\n")


@pytest.mark.parametrize(("flag", "neutralised"), [(None, False), ("--safe-formulas", True),
                                                   ("--excel", True)])
def test_formula_like_cells_are_neutralised_on_request(tmp_path, flag, neutralised):
    plan = tmp_path / "plan.txt"
    plan.write_text(FORMULAS)
    out = tmp_path / "out.csv"
    result = ingest_cli(str(plan), "-o", str(out), *([flag] if flag else []))
    assert result.exit_code == 0, result.output
    rows = export.load(out)
    cells = [rows[0].action, rows[0].lead, rows[1].action, rows[1].lead]
    plain = ['=HYPERLINK("http://x")', "+44 20", "@SUM(A1)", "-Ann"]
    assert cells == (["'" + c for c in plain] if neutralised else plain)
