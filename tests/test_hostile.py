"""Hostile and odd inputs, built here: each ends in one clear line within the limits, under a
memory cap, or is read as it should be; the good files beside them lose nothing."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from actionplan.normalise import Settings
from click.testing import CliRunner

from actionplan import export, ingest
from actionplan.batch import BatchOptions, process_batch
from actionplan.cli import cli
from actionplan.pipeline import process_file

from . import minipdf
from .conftest import SAMPLES
from .wordml import CONTENT_TYPES, RELS, W, simple_table, tbl, tc, tr, write_docx

SEED_TEXT = SAMPLES / "000_9f9255b261eaf6f2.txt"
SEED_DOCX = SAMPLES / "seed_000_health_inequalities.docx"
#: address space a hostile file's run may take: far below what the bombs here would need
MEMORY_CAP = 2560 * 1024 * 1024
PLAN = simple_table(["Action", "Lead", "Status"], ["Do it", "Ann", "Done"])


def ingest_cli(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args], catch_exceptions=False)


def capped_run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`actionplan ingest` in a child process whose address space is capped."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run([sys.executable, "-m", "actionplan", "ingest", *args, "--jobs", "1"],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=cap,
                          cwd=SAMPLES.parent, check=False)


def one_clear_line(stderr: str, path: Path, *words: str) -> None:
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in stderr and len(errors) == 1, stderr
    assert errors[0].startswith(f"error: {path}: "), errors[0]
    assert "unexpected error" not in errors[0], errors[0]
    for word in words:
        assert word in errors[0], errors[0]


def package(path: Path, document: bytes, level: int = 6, doctype: str = "") -> Path:
    """A Word package whose document part is given as bytes (deflated at `level`)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", doctype.encode() + document)
    return path


def document_xml(body: str) -> bytes:
    return f"<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>".encode()


# --- decompression bombs -------------------------------------------------------------------

def test_zip_bomb_is_refused_by_its_ratio(tmp_path):
    """200 MB of empty paragraphs deflate to under 1 MB: parsed whole, the tree alone would
    take gigabytes."""
    body = b"<w:p/>" * (200 * 1024 * 1024 // 6)
    bomb = package(tmp_path / "bomb.docx", document_xml(PLAN)[:-len(b"<w:sectPr/></w:body></w:document>")]
                   + body + b"<w:sectPr/></w:body></w:document>", level=1)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    result = capped_run(str(bomb), str(SEED_TEXT), "-o", str(tmp_path / "out.csv"))
    one_clear_line(result.stderr, bomb, "zip_ratio=100", "--limit zip_ratio=")
    assert result.returncode == 1 and "26 actions" in result.stderr


def test_total_uncompressed_size_is_limited(tmp_path):
    out = tmp_path / "out.csv"
    result = ingest_cli(str(SEED_DOCX), "-o", str(out), "--limit", "zip_bytes=100000")
    one_clear_line(result.stderr, SEED_DOCX, "zip_bytes=100000")
    assert ingest_cli(str(SEED_DOCX), "-o", str(out), "--limit", "zip_bytes=10000000").exit_code == 0


def flate_bomb_pdf() -> bytes:
    """One page whose content stream inflates to 304 MB of zeros (about 300 KB on disk). After a
    full flush the deflater starts afresh, so one flushed segment repeated is a valid stream."""
    chunk, count = bytes(16 * 1024 * 1024), 19
    deflater = zlib.compressobj(9)
    head = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    segment = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    data = head + segment * (count - 1) + deflater.flush()[:-4] + checksum.to_bytes(4, "big")
    assert len(zlib.decompressobj().decompress(data, 1 << 20)) == 1 << 20
    return minipdf.build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        minipdf.stream(data, "/Filter /FlateDecode "),
    ])


def test_pdf_flate_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(flate_bomb_pdf())
    result = capped_run(str(bomb), "-o", str(tmp_path / "out.csv"), timeout=60)
    one_clear_line(result.stderr, bomb, "pdf_stream_bytes=", "Flate bomb")


def test_pdf_pages_are_limited(tmp_path):
    pdf = SAMPLES / "seed_000_health_inequalities.pdf"
    result = ingest_cli(str(pdf), "-o", str(tmp_path / "out.csv"), "--limit", "pdf_pages=1")
    one_clear_line(result.stderr, pdf, "pdf_pages=1")


def test_limits_can_be_set_in_the_configuration_and_the_command_line_wins(tmp_path):
    config = tmp_path / "actionplan.toml"
    config.write_text("[limits]\nzip_bytes = 100000\n")
    out = tmp_path / "out.csv"
    result = ingest_cli(str(SEED_DOCX), "-o", str(out), "--config", str(config))
    one_clear_line(result.stderr, SEED_DOCX, "zip_bytes=100000")
    assert ingest_cli(str(SEED_DOCX), "-o", str(out), "--config", str(config),
                      "--limit", "zip_bytes=10000000").exit_code == 0


@pytest.mark.parametrize(("table", "said"), [
    ("[limits]\npages = 3\n", "unknown limit 'pages'"),
    ("[limits]\npdf_pages = 0\n", "pdf_pages must be at least 1"),
    ("[limits]\npdf_pages = \"many\"\n", "[limits] must be a table of NAME = whole number"),
    ("limits = 3\n", "[limits] must be a table of NAME = whole number"),
])
def test_a_bad_limits_table_is_a_configuration_error(tmp_path, table, said):
    config = tmp_path / "actionplan.toml"
    config.write_text(table)
    result = ingest_cli(str(SEED_DOCX), "-o", str(tmp_path / "out.csv"), "--config", str(config))
    assert result.exit_code == 1 and "configuration: " in result.stderr and said in result.stderr
    assert not (tmp_path / "out.csv").exists()


def deep_page_tree_pdf(depth: int = 5000) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        objects.append(f"<< /Type /Pages /Kids [{number + 1} 0 R] /Count 1 >>".encode())
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] >>")
    return minipdf.build(objects)


def test_deep_pdf_page_tree_is_corrupt_in_one_line(tmp_path):
    deep = tmp_path / "deep.pdf"
    deep.write_bytes(deep_page_tree_pdf())
    result = ingest_cli(str(deep), "-o", str(tmp_path / "out.csv"))
    one_clear_line(result.stderr, deep, "corrupt")


def test_cell_characters_are_limited(tmp_path):
    result = ingest_cli(str(SEED_TEXT), "-o", str(tmp_path / "out.csv"), "--limit", "cell_chars=20")
    one_clear_line(result.stderr, SEED_TEXT, "cell_chars=20")


def test_an_unknown_limit_is_a_usage_error(tmp_path):
    result = ingest_cli(str(SEED_TEXT), "--limit", "nothing=3")
    assert result.exit_code == 2 and "unknown limit 'nothing'" in result.output


# --- Word tables ---------------------------------------------------------------------------

def test_grid_span_bomb_stays_within_the_grid(tmp_path):
    """A gridSpan of a hundred million in a three-column table is the rest of the row."""
    bomb = write_docx(tmp_path / "span.docx", tbl(
        tr(tc("Action"), tc("Lead"), tc("Status"), header=True),
        tr(tc("Do it", span=100_000_000)), tr(tc("Plan it"), tc("Ann"), tc("Done")), width=3))
    result = capped_run(str(bomb), "-o", str(tmp_path / "out.jsonl"), timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "2 actions" in result.stderr or "1 action," in result.stderr
    table = ingest.read(bomb).tables[0]
    assert table.width == 3 and table.col_spans == {(1, 0): 3}


def test_grid_before_and_a_gridless_span_are_bounded(tmp_path):
    rows = ('<w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr>' + tc("x") + "</w:tr>"
            + tr(tc("Action"), tc("Lead")) + tr(tc("a", span=2_000_000)))
    path = write_docx(tmp_path / "before.docx", f"<w:tbl><w:tblPr/>{rows}</w:tbl>")
    with pytest.raises(ingest.LimitExceeded, match="table_columns=1000"):
        ingest.read(path)


@pytest.mark.parametrize("value", ["abc", "1e9", "9" * 5000])
def test_malformed_grid_span_is_corrupt(tmp_path, value):
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr><w:p/></w:tc>'
    path = write_docx(tmp_path / "bad.docx", tbl(tr(tc("Action"), tc("Lead")), f"<w:tr>{cell}</w:tr>",
                                                 width=2))
    outcome = process_file(str(path), Settings())
    assert outcome.failure and "corrupt Word document" in outcome.failure.reason


# --- XML -----------------------------------------------------------------------------------

LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahahaha">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + "]>")


def test_entity_expansion_is_refused(tmp_path):
    body = simple_table(["Action", "Lead"], ["&i;", "Ann"])
    bomb = package(tmp_path / "laughs.docx", document_xml(body), doctype=LAUGHS)
    result = capped_run(str(bomb), "-o", str(tmp_path / "out.csv"), timeout=60)
    one_clear_line(result.stderr, bomb, "DOCTYPE")


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = simple_table(["Action", "Lead"], ["&xxe;", "Ann"])
    path = package(tmp_path / "xxe.docx", document_xml(body), doctype=doctype)
    out = tmp_path / "out.csv"
    result = ingest_cli(str(path), "-o", str(out))
    one_clear_line(result.stderr, path, "DOCTYPE")
    assert "TOP-SECRET" not in result.output and not out.exists()


# --- what a folder holds -------------------------------------------------------------------

def plan_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.txt").write_bytes(SEED_TEXT.read_bytes())
    return folder


def test_a_fifo_in_a_folder_is_skipped_with_a_note(tmp_path):
    folder = plan_folder(tmp_path)
    os.mkfifo(folder / "stuck.txt")
    result = ingest_cli(str(folder), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert f"note: {folder / 'stuck.txt'}: not a regular file" in result.stderr
    assert "1 file, 4 tables, 26 actions" in result.stderr


def test_a_fifo_named_directly_fails_at_once(tmp_path):
    fifo = tmp_path / "stuck.txt"
    os.mkfifo(fifo)
    result = capped_run(str(fifo), str(SEED_TEXT), "-o", str(tmp_path / "out.csv"), timeout=30)
    one_clear_line(result.stderr, fifo, "not a regular file")


def test_links_out_of_a_folder_are_not_followed(tmp_path):
    folder = plan_folder(tmp_path)
    elsewhere = tmp_path / "private"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_bytes(SEED_TEXT.read_bytes())
    (folder / "other.txt").symlink_to(elsewhere / "other.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "inside.txt").symlink_to(folder / "plan.txt")
    plain = ingest_cli(str(folder), "-o", str(tmp_path / "a.csv"))
    assert plain.exit_code == 0, plain.output
    assert f"note: {folder / 'other.txt'}: a link out of the folder" in plain.stderr
    assert f"note: {folder / 'zero.txt'}: a link out of the folder" in plain.stderr
    assert "2 files, 8 tables, 52 actions" in plain.stderr  # plan.txt and the link inside
    followed = capped_run(str(folder), "-o", str(tmp_path / "b.csv"), "--follow-links", timeout=60)
    assert "3 files" in followed.stderr and "not a regular file" in followed.stderr
    named = ingest_cli(str(folder / "other.txt"), "-o", str(tmp_path / "c.csv"))
    assert named.exit_code == 0 and "26 actions" in named.stderr


# --- names and text ------------------------------------------------------------------------

ODD_NAMES = [b"plan\xff\xfe.txt", b"plan\n2.txt", b"plan \x1b[31mred\x1b[0m.txt",
             "plan \u202etxt.exe.txt".encode()]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_odd_file_names_are_read_and_shown_escaped(tmp_path, suffix):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ODD_NAMES:
        (folder / os.fsdecode(name)).write_bytes(SEED_TEXT.read_bytes())
    os.mkfifo(folder / os.fsdecode(b"stuck\x1b[2J\xff.txt"))
    out = tmp_path / f"out{suffix}"
    result = ingest_cli(str(folder), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert f"{len(ODD_NAMES)} files, {4 * len(ODD_NAMES)} tables" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "stuck\\x1b[2J\\xff.txt: not a regular file" in result.stderr
    records = export.load(out)
    assert len(records) == 26 * len(ODD_NAMES)
    assert any(r.source_file.endswith("plan\\xff\\xfe.txt") for r in records)


def test_utf16_text_is_read(tmp_path):
    text = SEED_TEXT.read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        bom = b"\xfe\xff" if encoding.endswith("be") else b""
        path.write_bytes(bom + text.encode(encoding))
        outcome = process_file(str(path), Settings())
        assert outcome.failure is None and outcome.action_count == 26


# --- a fuzz run ----------------------------------------------------------------------------

def mutated_docx(source: Path, target: Path, rng: random.Random) -> Path:
    """A valid zip whose document part is damaged: spans and counts set to odd values,
    bytes flipped, or cut."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"]
    choice = rng.randrange(4)
    if choice == 0:
        xml = xml.replace(b'<w:gridCol ', b'<w:gridCol/><w:gridCol ', rng.randrange(1, 5))
        span = rng.choice(["0", "-3", "70000", "x"])
        xml = xml.replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>'.encode(), rng.randrange(1, 9))
    elif choice == 1:
        flipped = bytearray(xml)
        for _ in range(rng.randrange(1, 20)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        xml = bytes(flipped)
    elif choice == 2:
        xml = xml[: rng.randrange(len(xml))]
    else:
        xml = xml.replace(b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="500"/></w:trPr>', 3)
    parts["word/document.xml"] = xml
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def test_fuzzed_documents_fail_clearly_and_good_files_lose_nothing(tmp_path):
    rng = random.Random(20261129)
    sources = sorted(SAMPLES.glob("*.docx"))
    paths = [str(mutated_docx(rng.choice(sources), tmp_path / f"fuzz{i:03d}.docx", rng)) for i in range(60)]
    good = [str(SEED_TEXT), str(SEED_DOCX)]
    alone = [process_file(p, Settings()).normalised.records for p in good]
    outcomes = process_batch([*paths[:30], good[0], *paths[30:], good[1]], Settings(),
                             ingest.ReadOptions(), None, BatchOptions(jobs=2, timeout=60))
    for outcome in outcomes:
        if outcome.failure:
            reason = outcome.failure.reason
            assert "\n" not in reason and "unexpected error" not in reason, reason
            assert "timed out" not in reason, reason
    assert outcomes[30].normalised.records == alone[0]
    assert outcomes[-1].normalised.records == alone[1]


def test_a_stream_with_bytes_after_its_flate_data_is_checked_without_hanging():
    """zlib keeps bytes that follow the end of the Flate data in its tail for ever: the check
    stops at the end of the data (a real PDF in the ICDAR set has such a stream)."""
    import threading
    import zlib

    from actionplan.ingest.limits import Limits, check_pdf_streams

    data = b"1 0 obj\nstream\r\n" + zlib.compress(b"q 1 0 0 1 0 0 cm Q\n" * 120_000) + b"\r\nendstream\n"
    done = threading.Event()
    worker = threading.Thread(target=lambda: (check_pdf_streams(data, "x.pdf", Limits()), done.set()),
                              daemon=True)
    worker.start()
    worker.join(20)
    assert done.is_set()
