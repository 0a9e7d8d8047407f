"""Damaged files give a clear error or valid records, never a hang or a traceback; and every
non-empty source cell is found again in a record, the section or title, or the residue."""

from __future__ import annotations

import pytest
from actionplan.normalise import Settings, normalise
from actionplan.normalise.stitch import clean_table
from actionplan.normalise.text import fold

from actionplan import ingest
from actionplan.batch import BatchOptions, process_batch

from .conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def damaged(tmp_path):
    made = []
    for sample in SAMPLE_FILES:
        data = sample.read_bytes()
        for share in (10, 50, 90):
            path = tmp_path / f"{sample.stem}-cut{share}{sample.suffix}"
            path.write_bytes(data[: len(data) * share // 100])
            made.append(path)
        flipped = bytearray(data)
        for position in range(97, len(flipped), max(1, len(flipped) // 7)):
            flipped[position] ^= 0xFF
        path = tmp_path / f"{sample.stem}-flipped{sample.suffix}"
        path.write_bytes(bytes(flipped))
        made.append(path)
    return made


def test_damaged_samples_fail_clearly_or_give_valid_records(tmp_path):
    paths = [str(p) for p in damaged(tmp_path)]
    outcomes = process_batch(paths, Settings(), ingest.ReadOptions(), None,
                             BatchOptions(jobs=2, timeout=120))
    assert len(outcomes) == len(paths)
    for path, outcome in zip(paths, outcomes, strict=True):
        if outcome.failure:
            reason = outcome.failure.reason
            assert reason.startswith(path) and "\n" not in reason
            assert "unexpected error" not in reason and "timed out" not in reason, reason
        else:
            assert all(r.action.strip() for r in outcome.normalised.records)


def accounted_text(normalised) -> str:
    parts = []
    for record in normalised.records:
        parts += [record.plan_title or "", *record.section, *(v for v in record.extra.values())]
        parts += [getattr(record, name) or "" for name in (
            "theme", "outcome", "ref", "action", "evidence", "lead", "due_text", "risks", "notes",
            "progress", "status_text")]
    parts += [item.text for item in normalised.residue]
    return fold(" ".join(parts))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_source_cell_is_accounted_for(sample):
    document = ingest.read(sample)
    normalised = normalise(document)
    everything = accounted_text(normalised)
    header_rows = {(d.table, d.row) for d in normalised.trace if d.kind in ("header", "repeated header")}
    missing = []
    for table in document.tables:
        for r, row in enumerate(clean_table(table), start=1):
            if (table.index, r) in header_rows:
                continue
            missing += [(table.index, r, cell) for cell in row if cell and fold(cell) not in everything]
    assert missing == []
