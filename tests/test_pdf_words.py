"""The reader's own word grouping gives pdfplumber's words exactly: on every page of the sample
and layout PDFs, read by either engine, and on generated letters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from actionplan.ingest.pdf import open_engine
from actionplan.ingest.pdf_page import PdfPage
from actionplan.ingest.pdf_words import words_of
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_words

from actionplan import ingest

from .conftest import SAMPLES

LAYOUTS = Path(__file__).resolve().parent / "layouts"
PDFS = (sorted(SAMPLES.rglob("*.pdf")) + sorted((LAYOUTS / "libreoffice").glob("*.pdf"))[:20]
        + sorted((LAYOUTS / "chromium").glob("*.pdf"))[:20])


def pdfplumbers(chars: list[dict]) -> list[dict]:
    return extract_words(chars, x_tolerance=2, y_tolerance=2, extra_attrs=["size", "fontname"],
                         return_chars=True)


def same(got: list[dict], want: list[dict]) -> None:
    assert got == want
    assert [list(word) for word in got] == [list(word) for word in want]  # keys in one order


def pages_of(path: Path, engine: str) -> Iterator[PdfPage]:
    """Each page of the PDF as the engine reads it, let go once looked at."""
    pdf = open_engine(path.read_bytes(), str(path), ingest.ReadOptions(pdf_engine=engine))
    try:
        for number in range(1, pdf.page_count() + 1):
            page = pdf.page(number)
            yield page
            page.close()
    finally:
        pdf.close()


@pytest.mark.parametrize("engine", ingest.PDF_ENGINES)
@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_words_of_every_page_are_pdfplumbers(path, engine):
    for page in pages_of(path, engine):
        same(words_of(page.chars), pdfplumbers(page.chars))


def letter(text: str, x0: float, top: float, width: float, upright: bool, size: float) -> dict:
    return {"text": text, "fontname": "Arial" if size < 11 else "Arial-Bold", "size": size,
            "upright": upright, "x0": x0, "x1": x0 + width, "top": top, "doctop": top + 800.0,
            "bottom": top + size}


LETTERS = st.builds(letter, st.sampled_from(["a", "b", "ﬁ", " ", "", "-", "\u00a0"]),
                    st.floats(0, 60, allow_nan=False).map(lambda x: round(x, 1)),
                    st.floats(0, 30, allow_nan=False).map(lambda y: round(y, 1)),
                    st.sampled_from([0.0, 1.5, 4.0]), st.booleans(),
                    st.sampled_from([10.0, 12.0]))


@given(st.lists(LETTERS, max_size=60))
@settings(max_examples=400, deadline=None)
def test_generated_letters_give_pdfplumbers_words(chars):
    same(words_of(chars), pdfplumbers(chars))
