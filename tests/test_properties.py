"""The parsers never raise, whatever text they are given."""

from __future__ import annotations

from actionplan.normalise import normalise
from actionplan.normalise.dates import read_due
from actionplan.normalise.status import StatusVocabulary, read_status
from actionplan.normalise.text import clean_cell
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan import ingest

VOCAB = StatusVocabulary()
DATEISH = st.text(alphabet="0123456789/-. QqFYMarchJunSeptDecOngoingquarterly", max_size=30)


@given(st.one_of(st.text(), DATEISH), st.booleans())
def test_read_due_never_raises(text, month_first):
    due = read_due(text, month_first)
    assert due.due_kind in (None, "date", "month", "quarter", "year", "recurring", "ongoing", "unparsed")
    if due.due_date:
        assert due.due_kind in ("date", "month", "quarter", "year")


@given(st.text(), st.one_of(st.none(), st.text(alphabet="0123456789ABCDEF", min_size=6, max_size=6)))
def test_read_status_never_raises(label, fill):
    reading = read_status(label, fill, VOCAB)
    assert reading.status is None or 0.85 <= reading.score <= 1


@given(st.text())
def test_clean_cell_is_one_line_and_idempotent(text):
    cleaned = clean_cell(text)
    assert "\n" not in cleaned and cleaned == cleaned.strip()


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=200)
@given(st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from(["|", "\t"]))
def test_text_reader_never_raises_unexpectedly(rows, separator):
    lines = [separator.join(r) if separator == "\t" else "| " + " | ".join(r) + " |" for r in rows]
    data = ("Plan\n\n| Action | Lead |\n|---|---|\n" + "\n".join(lines)).encode("utf-8")
    try:
        document = ingest.read_bytes(data, "fuzz.txt")
    except ingest.IngestError:
        return
    normalise(document)
