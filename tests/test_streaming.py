"""Memory stays flat: pages are let go as they are read, records are written in chunks, and
output parts are joined a block at a time (the figures are in bench/memory.md)."""

from __future__ import annotations

import io

import pytest
from actionplan.export import parts
from actionplan.normalise import normalise

from actionplan import ingest

from .conftest import SAMPLES

PLAN = SAMPLES / "seed_000_health_inequalities.pdf"


def test_the_pdfplumber_engine_closes_each_page_before_the_next(monkeypatch):
    import pdfplumber.page

    events: list[tuple[str, int]] = []
    real_close = pdfplumber.page.Page.close

    def close(self):
        events.append(("close", self.page_number))
        real_close(self)

    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    from actionplan.ingest import pdf

    real_read = pdf.read_page

    def read(page, number, state, strategy):
        events.append(("read", number))
        return real_read(page, number, state, strategy)

    monkeypatch.setattr(pdf, "read_page", read)
    ingest.read(PLAN, ingest.ReadOptions(pdf_engine="pdfplumber"))
    reads = [n for kind, n in events if kind == "read"]
    assert reads == [1, 2, 3]
    for number in reads:  # pdfplumber's page is closed before the reader works on it
        assert events.index(("close", number)) < events.index(("read", number))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_records_are_rendered_a_chunk_at_a_time(monkeypatch, fmt):
    records = normalise(ingest.read(PLAN)).records * 60  # 1,560 records
    sizes: list[int] = []
    module = parts.csv if fmt == "csv" else parts.jsonl
    real = module.rows if fmt == "csv" else module.render
    name = "rows" if fmt == "csv" else "render"

    def counting(chunk, *args, **kwargs):
        sizes.append(len(chunk))
        return real(chunk, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    writer = parts.PartWriter(fmt)
    writer.add(0, records)
    assert sum(sizes) == len(records) and max(sizes) <= parts.CHUNK < len(records)
    out = io.BytesIO()
    writer.copy(0, out)
    assert out.getvalue() == b"".join(real(records[i:i + parts.CHUNK]).encode("utf-8")
                                      for i in range(0, len(records), parts.CHUNK))
    writer.close()


def test_parts_are_joined_a_block_at_a_time(monkeypatch):
    writer = parts.PartWriter("csv")
    writer.add(0, normalise(ingest.read(PLAN)).records * 200)
    monkeypatch.setattr(parts, "BLOCK", 4096)
    reads: list[int] = []
    real_read = writer.scratch.read

    class Spy:
        def __getattr__(self, name):
            return getattr(writer.scratch_real, name)

        def read(self, size=-1):
            reads.append(size)
            return real_read(size)

    writer.scratch_real = writer.scratch
    writer.scratch = Spy()
    text = io.StringIO()
    writer.copy(0, text, text=True)
    assert reads and max(reads) <= 4096 and len(reads) > 1
    assert text.getvalue().count("\n") >= 200
    writer.scratch_real.close()


def test_a_run_that_only_writes_records_keeps_no_cell_boxes_and_no_trace():
    from actionplan.normalise import Settings

    from actionplan.pipeline import process_file

    kept = process_file(str(PLAN), Settings(), keep_document=True)
    lean = process_file(str(PLAN), Settings())
    assert lean.document is None and lean.normalised.trace == []
    assert kept.normalised.trace and kept.document.tables[0].cell_boxes
    assert [r.to_dict() for r in lean.normalised.records] == [r.to_dict() for r in kept.normalised.records]
    boxless = ingest.read(PLAN, ingest.ReadOptions(cell_boxes=False))
    assert all(t.cell_boxes is None for t in boxless.tables)
    assert [(t.rows, t.fills) for t in boxless.tables] == [(t.rows, t.fills) for t in kept.document.tables]
    # records only: each plan table's source rows are let go of once stitched
    spent = normalise(boxless, records_only=True)
    assert [r.to_dict() for r in spent.records] == [r.to_dict() for r in kept.normalised.records]
    assert all(t.rows == [] for t in boxless.tables)


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.rglob("*")
                                         if p.suffix in ingest.SUFFIXES and p.suffix != ".pdf"),
                         ids=lambda p: p.name)
def test_records_only_gives_the_same_records_residue_and_findings(path):
    """Tables above the plan (a version table read for the title) keep their rows."""
    from actionplan.normalise import Settings

    kept = normalise(ingest.read(path), Settings())
    spent = normalise(ingest.read(path), Settings(), records_only=True)
    assert [r.to_dict() for r in spent.records] == [r.to_dict() for r in kept.records]
    assert spent.residue == kept.residue and spent.findings == kept.findings


def test_the_normaliser_lets_go_of_each_draft_once_its_record_is_made(monkeypatch):
    import gc

    from actionplan.normalise import build
    from actionplan.normalise.rows import Draft

    document = ingest.read(PLAN)
    live: list[int] = []
    real = build.make_record

    def counting(*args, **kwargs):
        gc.collect()
        live.append(sum(isinstance(o, Draft) for o in gc.get_objects()))
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "make_record", counting)
    records = normalise(document).records
    assert len(records) > 5
    # the drafts waiting shrink by one with each record made: none is held past its record
    assert live == [len(records) - i for i in range(len(records))]


def test_a_batch_lets_go_of_each_files_records_and_findings_once_written(tmp_path):
    from actionplan.normalise import Settings

    from actionplan.convert import ConvertOptions, convert

    plans = [PLAN, SAMPLES / "seed_004_equality_diversity.docx"]
    result = convert([str(p) for p in plans], Settings(), ingest.ReadOptions(),
                     ConvertOptions(output=str(tmp_path / "out.csv"), progress="none"))
    assert all(f.normalised.records == [] and f.normalised.findings == [] for f in result.files)
    written = (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") - 1
    assert sum(f.action_count for f in result.files) == written > 0
    assert sum(f.flagged_count for f in result.files) > 0
