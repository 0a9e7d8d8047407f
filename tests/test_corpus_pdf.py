"""The PDF reader on the public ICDAR-2013 documents (independent, human-made cell truth)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from actionplan import ingest

#: documents and the least share of ground-truth cells the reader must hold, per kind of table
CASES = [
    ("competition-dataset-eu/eu-004.pdf", 0.95),   # ruled
    ("competition-dataset-us/us-007.pdf", 0.95),   # ruled
    ("competition-dataset-us/us-030.pdf", 0.95),   # ruled
    ("competition-dataset-eu/eu-001.pdf", 0.90),   # ruled, several tables a page
    ("competition-dataset-us/us-020.pdf", 0.30),   # unruled statistics, one line a row
    ("competition-dataset-us/us-017.pdf", 0.15),   # unruled, rows grouped by blank lines
]


def truth(pdf):
    cells: dict[int, list[str]] = {}
    for region in ET.parse(pdf.with_name(pdf.stem + "-str.xml")).getroot().iter("region"):
        for cell in region.iter("cell"):
            text = " ".join((cell.findtext("content") or "").split())
            if text:
                cells.setdefault(int(region.get("page", "1")), []).append(text)
    return cells


@pytest.mark.parametrize(("name", "least"), CASES)
def test_icdar_cell_recall(corpus, name, least):
    pdf = corpus / "icdar2013" / name
    tables = ingest.read(pdf).tables
    hits = total = 0
    for page, cells in truth(pdf).items():
        found = {" ".join(c.split()) for t in tables if t.page == page for row in t.rows for c in row}
        hits += sum(c in found for c in cells)
        total += len(cells)
    assert hits / total >= least, f"{name}: {hits}/{total}"
