"""Both PDF engines give the same records, field by field (page included), on every PDF we have:
the samples, the committed layout corpus and the external corpus. PDFium is only worth having
if it changes nothing but the time taken; pdfplumber is the reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from actionplan.ingest.pdf_engine_pdfium import match_font
from actionplan.ingest.pdf_fonts import Font
from actionplan.normalise import normalise

from actionplan import ingest

from .conftest import SAMPLES, SHARED

ROOT = Path(__file__).resolve().parent
LAYOUTS = ROOT / "layouts"
EXTERNAL = SHARED / "corpus" / "external"

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted((SAMPLES / "cases").glob("*.pdf"))
LAYOUT_PDFS = sorted((LAYOUTS / "libreoffice").glob("*.pdf")) + sorted((LAYOUTS / "chromium").glob("*.pdf"))
EXTERNAL_PDFS = sorted(EXTERNAL.glob("**/*.pdf")) if EXTERNAL.is_dir() else []
#: documents where the engines are known to differ, and why (the test fails if they come to agree)
DIFFERENT: dict[str, str] = {
    "split_text_lattice.pdf": "PDFium's text page leaves out space glyphs it judges redundant (34 spaces "
                              "drawn under 'Delhi and Mumbai', the space after a line-end hyphen); "
                              "pdfplumber keeps them, and its words split on them",
}


def reading(path: Path, engine: str) -> list[dict] | str:
    """The records of a document as dicts, or the error it ends in (which must match too)."""
    try:
        document = ingest.read(path, ingest.ReadOptions(pdf_engine=engine))
    except ingest.IngestError as exc:
        return f"{type(exc).__name__}: {exc}"
    return [record.to_dict() for record in normalise(document).records]


def assert_engines_agree(path: Path) -> None:
    reference, fast = reading(path, "pdfplumber"), reading(path, "pdfium")
    if isinstance(reference, str) or isinstance(fast, str):
        assert fast == reference
        return
    assert len(fast) == len(reference), f"{path.name}: {len(fast)} records, not {len(reference)}"
    for number, (got, want) in enumerate(zip(fast, reference, strict=True), start=1):
        for name, value in want.items():
            assert got[name] == value, f"{path.name} record {number} ({want['action'][:40]!r}): {name}"


def known(path: Path) -> list:
    reason = DIFFERENT.get(path.name)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_engines_agree_on_samples(path):
    assert_engines_agree(path)


@pytest.mark.parametrize("path", [pytest.param(p, marks=known(p)) for p in LAYOUT_PDFS],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_engines_agree_on_layout_corpus(path):
    assert_engines_agree(path)


@pytest.mark.parametrize("path", [pytest.param(p, marks=known(p)) for p in EXTERNAL_PDFS],
                         ids=lambda p: str(p.relative_to(EXTERNAL)))
def test_engines_agree_on_external_corpus(path):
    assert_engines_agree(path)


def test_the_corpora_are_there():
    """The parametrised tests above must not pass by finding nothing to compare."""
    assert len(SAMPLE_PDFS) >= 10 and len(LAYOUT_PDFS) >= 100


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="pdfium or pdfplumber"):
        ingest.read(SAMPLE_PDFS[0], ingest.ReadOptions(pdf_engine="ghostscript"))


@pytest.mark.parametrize("engine", ingest.PDF_ENGINES)
@pytest.mark.parametrize(("damage", "said"), [
    (lambda data: data[:400], "truncated PDF: it stops before its end (a copy or download cut short?)"),
    (lambda data: data[:9] + b"\x00" * 4000 + b"\n%%EOF\n", "corrupt PDF: its structure cannot be read"),
])
def test_both_engines_refuse_broken_files_in_one_line_in_a_readers_words(tmp_path, engine, damage, said):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(damage(SAMPLE_PDFS[0].read_bytes()))
    with pytest.raises(ingest.FileCorrupt) as raised:
        ingest.read(broken, ingest.ReadOptions(pdf_engine=engine))
    assert str(raised.value) == f"{broken}: {said}"


@pytest.mark.parametrize("engine", ingest.PDF_ENGINES)
def test_both_engines_keep_the_page_limit(engine):
    limits = ingest.Limits().with_values({"pdf_pages": 1})
    with pytest.raises(ingest.LimitExceeded, match="pdf_pages"):
        ingest.read(SAMPLES / "seed_000_health_inequalities.pdf",
                    ingest.ReadOptions(pdf_engine=engine, limits=limits))


@pytest.mark.parametrize("engine", ingest.PDF_ENGINES)
def test_both_engines_open_encrypted_files_only_with_the_password(tmp_path, engine):
    from .test_pdf import encrypted

    path = encrypted(tmp_path)
    with pytest.raises(ingest.FileEncrypted, match="--password"):
        ingest.read(path, ingest.ReadOptions(pdf_engine=engine))
    with pytest.raises(ingest.FileEncrypted, match="does not open it"):
        ingest.read(path, ingest.ReadOptions(pdf_engine=engine, password="wrong"))
    records = normalise(ingest.read(path, ingest.ReadOptions(pdf_engine=engine, password="secret"))).records
    assert len(records) == 6


def test_the_pdfium_engine_lets_each_page_go(monkeypatch):
    """Pages are read one at a time and closed before the next is opened: memory stays flat."""
    from actionplan.ingest import pdf_engine_pdfium

    open_pages: list[int] = []
    most = []
    real = pdf_engine_pdfium.read_page

    def counting(page, number, fonts):
        open_pages.append(number)
        most.append(len(open_pages))
        original_close = page.close

        def close():
            open_pages.remove(number)
            original_close()
        page.close = close
        return real(page, number, fonts)

    monkeypatch.setattr(pdf_engine_pdfium, "read_page", counting)
    ingest.read(SAMPLES / "seed_000_health_inequalities.pdf", ingest.ReadOptions(pdf_engine="pdfium"))
    assert most and max(most) == 1 and not open_pages


def test_a_pdf_read_twice_in_one_process_gives_the_same_tables():
    """Which of two subsets of one font a text object is must not turn on where PDFium's
    fonts lie in memory: that changed a second reading of this document."""
    path = EXTERNAL / "icdar2013" / "competition-dataset-us" / "us-020.pdf"
    if not path.exists():
        pytest.skip("the external corpus is not beside the checkout")
    readings = [[(t.page, t.rows) for t in ingest.read(path, ingest.ReadOptions(pdf_engine="pdfium")).tables]
                for _ in range(3)]
    assert readings[0] == readings[1] == readings[2]
    reference = ingest.read(path, ingest.ReadOptions(pdf_engine="pdfplumber")).tables
    assert [(t.page, len(t.rows)) for t in reference] == [(page, len(rows)) for page, rows in readings[0]]


def font(name: str) -> Font:
    return Font(name=name, descent=-0.2, default_width=0.5)


@pytest.mark.parametrize(("name", "tagged", "chosen"), [
    ("BHNKZT+ArialMT", {"BHNKZT+ArialMT"}, "BHNKZT+ArialMT"),  # tagged: its own subset
    ("ArialMT", {"BHNKZT+ArialMT"}, "XGZURF+ArialMT"),  # untagged: the subset no one claims
    ("ArialMT", set(), "BHNKZT+ArialMT"),  # nothing to tell them apart: the first, always
    ("Helvetica", set(), None),
])
def test_pdfiums_font_is_matched_to_pdfminers_by_name_never_by_address(name, tagged, chosen):
    candidates = [font("BHNKZT+ArialMT"), font("XGZURF+ArialMT")] if "Arial" in name else []
    found = match_font(name, candidates, tagged)
    assert (found.name if found else None) == chosen
