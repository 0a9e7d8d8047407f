"""The PDF reader: every sample PDF against its DOCX original, layout rules, and bad input."""

from __future__ import annotations

import io

import pytest
from actionplan.ingest.pdf_layout import Line, broken_mid_word, text_lines
from actionplan.normalise import normalise
from click.testing import CliRunner

from actionplan import ingest
from actionplan.cli import cli

from .conftest import SAMPLES, assert_same_records
from .minipdf import image_pdf, text_pdf

PDF_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.pdf"))


def records(path):
    return normalise(ingest.read(path)).records


def test_there_are_pdf_samples_of_each_kind():
    strategies = {name: {t.notes["strategy"] for t in ingest.read(SAMPLES / name).tables}
                  for name in PDF_SAMPLES}
    assert {"lines"} in strategies.values() and {"text"} in strategies.values()
    assert any(t.notes["rows"] == "typography"
               for t in ingest.read(SAMPLES / "seed_000_no_borders.pdf").tables)
    assert any(t.notes["rows"] == "ruling lines"
               for t in ingest.read(SAMPLES / "seed_004_horizontal_rules.pdf").tables)


@pytest.mark.parametrize("pdf", PDF_SAMPLES)
def test_sample_pdf_agrees_with_its_docx_original(pdf):
    from_pdf = records(SAMPLES / pdf)
    assert_same_records(from_pdf, records(SAMPLES / pdf.replace(".pdf", ".docx")), pdf)
    assert all(r.source_format == "pdf" and r.page >= 1 for r in from_pdf)


def test_unruled_variants_are_what_they_say():
    assert "<w:insideV w:val=\"nil\"/>" in _xml("seed_000_no_borders.docx")
    assert "<w:insideH w:val=\"single\"" in _xml("seed_004_horizontal_rules.docx")
    assert "<w:tblHeader" not in _xml("seed_004_horizontal_rules.docx")


def _xml(name):
    import zipfile
    return zipfile.ZipFile(SAMPLES / name).read("word/document.xml").decode()


def test_cut_row_keeps_the_page_of_its_first_fragment():
    cut = next(r for r in records(SAMPLES / "seed_000_no_borders.pdf")
               if r.action.startswith("Analysis of post code"))
    assert cut.action == "Analysis of post code deprivation of those referred to and attending NDPP"
    assert cut.page == 1


def test_continuation_pages_are_one_table_per_page():
    document = ingest.read(SAMPLES / "seed_004_equality_diversity.pdf")
    assert [t.page for t in document.tables] == list(range(1, len(document.tables) + 1))
    assert [t.may_continue for t in document.tables] == [False] + [True] * (len(document.tables) - 1)


def test_status_fills_are_read():
    got = [(r.status, r.rag, r.page) for r in records(SAMPLES / "wres_action_plan_shading.pdf")][:3]
    assert got == [("complete", "green", 1), ("in_progress", "amber", 1), ("not_started", "red", 1)]


def test_repeated_header_rows_are_not_actions():
    names = [r.action for r in records(SAMPLES / "seed_004_equality_diversity.pdf")]
    assert "Action" not in names and len(names) == 25


def test_running_page_numbers_are_left_out_of_the_title():
    assert records(SAMPLES / "seed_000_health_inequalities.pdf")[0].plan_title == (
        "Working version of Cambridgeshire and Peterborough NHS Health Inequalities Action plan")


# --- layout rules on words ------------------------------------------------------------------

def word(text, x0, top, space_after=True):
    return {"text": text, "x0": x0, "x1": x0 + 5.5 * len(text), "top": top, "bottom": top + 9,
            "space_after": space_after}


def line(*words):
    return text_lines(list(words))[0]


def test_mid_word_break_joins_only_a_fragment():
    token = "translation/Interpret"
    edge = 10 + 5.5 * len(token)  # the token fills its line up to the cell's right edge
    fragment = line(word("ation", 10, 12))
    assert broken_mid_word(line(word(token, 10, 0, False)), fragment, edge)
    assert not broken_mid_word(line(word(token, 10, 0, None)), fragment, edge)  # no space glyphs
    assert not broken_mid_word(line(word(token, 10, 0, False)), fragment)  # edge unknown
    assert not broken_mid_word(line(word("Quarterly", 10, 0, False)), line(word("reporting", 10, 12)), edge)
    assert not broken_mid_word(line(word("underrepresentation", 10, 0, False)), line(word("of", 10, 12)))
    assert not broken_mid_word(line(word("Interpret", 10, 0, True)), fragment)
    assert not broken_mid_word(line(word("two", 10, 0, False), word("words", 40, 0, False)),
                               line(word("more", 10, 12)))


def test_lines_group_words_by_height():
    lines = text_lines([word("b", 50, 0.5), word("a", 10, 0), word("c", 10, 12)])
    assert [[w["text"] for w in ln.words] for ln in lines] == [["a", "b"], ["c"]]
    assert isinstance(lines[0], Line)


# --- bad input ------------------------------------------------------------------------------

def encrypted(tmp_path, password="secret"):
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(SAMPLES / "wres_action_plan_shading.pdf"))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_encrypted_pdf_opens_with_its_password(tmp_path):
    path = encrypted(tmp_path)
    with pytest.raises(ingest.FileEncrypted, match="--password"):
        ingest.read(path)
    with pytest.raises(ingest.FileEncrypted, match="does not open it"):
        ingest.read(path, ingest.ReadOptions(password="wrong"))
    assert len(records_with(path, "secret")) == 6


def records_with(path, password):
    return normalise(ingest.read(path, ingest.ReadOptions(password=password))).records


def test_bad_pdfs_fail_clearly_and_the_batch_goes_on(tmp_path):
    data = (SAMPLES / "seed_000_health_inequalities.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (tmp_path / "scanned.pdf").write_bytes(image_pdf())
    (tmp_path / "prose.pdf").write_bytes(text_pdf(["Minutes of the meeting", "No table here."]))
    locked = encrypted(tmp_path)
    reasons = {"truncated.pdf": None, "garbage.pdf": "PDF", "scanned.pdf": "no text layer",
               "prose.pdf": "no table found", "locked.pdf": "encrypted"}
    paths = [str(tmp_path / n) for n in reasons] + [str(SAMPLES / "wres_action_plan_shading.pdf")]
    result = CliRunner().invoke(cli, ["ingest", *paths, "-o", str(tmp_path / "a.csv")],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    for name, reason in reasons.items():
        failed = [e for e in errors if name in e]
        if name == "truncated.pdf" and not failed:
            continue  # a truncated PDF may still hold whole pages: then it must give records
        assert len(failed) == 1 and (reason is None or reason in failed[0]), errors
    assert "OCR" in next(e for e in errors if "scanned.pdf" in e)
    ok = CliRunner().invoke(cli, ["ingest", str(locked), "--password", "secret", "-o",
                                  str(tmp_path / "b.csv")], catch_exceptions=False)
    assert ok.exit_code == 0 and "6 actions" in ok.stderr


def test_running_headers_and_footers_stay_out_of_the_plan():
    path = SAMPLES / "seed_004_horizontal_rules.pdf"
    running = ("Governing Body, 5 March 2019: Item 7", "Equality and Diversity Improvement Plan")
    document = ingest.read(path)
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        printed = [page.extract_text() for page in pdf.pages]
    assert all(running[0] in text and running[1] in text for text in printed)  # on every page
    normalised = normalise(document)
    pieces = {part for line in document.lines for part in line.text.split("\n")}
    pieces |= {r.text for r in normalised.residue} | {s for r in normalised.records for s in r.section}
    pieces |= {" ".join(c for c in row if c) for t in document.tables for row in t.rows}
    assert not pieces & set(running)
    assert running[0] not in str([r.to_dict() for r in normalised.records])
    assert normalised.records[0].plan_updated is None  # the header's date is no update date
