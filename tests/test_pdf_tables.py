"""The reader's ruled-table finding gives pdfplumber's tables exactly: its edges keep only the
keys the finder reads, and its crossings and cells are found without pdfplumber's every-point
scans. Held to pdfplumber's own functions on every page of the sample and layout PDFs, read by
either engine, and on generated grids."""

from __future__ import annotations

import pytest
from actionplan.ingest import pdf
from actionplan.ingest.pdf_page import cells_of, crossings_of
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import (
    Table,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges, obj_to_edges, rect_to_edges

from actionplan import ingest

from .test_pdf_words import PDFS, pages_of


def pdfplumbers_tables(page) -> list[list[tuple]]:
    """The page's tables from pdfplumber's own edges and finder functions, filtered as
    `ruled_tables` filters them (at least two rows, a row of at least two cells)."""
    edges = [e for e in page.edges if e["object_type"] != "rect_edge" or e.get("stroke")]
    for rect in page.rects:
        if not rect.get("stroke") and min(rect["width"], rect["height"]) <= pdf.THIN:
            edges += rect_to_edges(rect)
    edges += pdf.closing_edges(edges)
    if sum(e["orientation"] == "v" for e in edges) < 2 or sum(e["orientation"] == "h" for e in edges) < 2:
        return []
    edges = [e for o in ("v", "h") for desc in edges if desc["orientation"] == o for e in obj_to_edges(desc)
             if e["orientation"] == o]
    edges = filter_edges(merge_edges(edges, 3, 3, 3, 3), min_length=3)
    cells = intersections_to_cells(edges_to_intersections(edges, 3, 3))
    tables = [Table(None, group) for group in cells_to_tables(cells)]
    return [t.cells for t in tables if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]


@pytest.mark.parametrize("engine", ingest.PDF_ENGINES)
@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_tables_of_every_page_are_pdfplumbers(path, engine):
    for page in pages_of(path, engine):
        assert [t.cells for t in pdf.ruled_tables(page)] == pdfplumbers_tables(page)


def edge(orientation: str, at: int, start: int, length: int) -> dict:
    """A rule on a small lattice, so that edges meet, overlap and share ends."""
    if orientation == "h":
        x0, x1, top, bottom = start, start + length, at, at
    else:
        x0, x1, top, bottom = at, at, start, start + length
    return {"object_type": "line", "orientation": orientation, "x0": float(x0), "x1": float(x1),
            "top": float(top), "bottom": float(bottom), "doctop": float(top),
            "width": float(x1 - x0), "height": float(bottom - top)}


EDGES = st.lists(st.builds(edge, st.sampled_from("hv"), st.integers(0, 6).map(lambda n: n * 10),
                           st.integers(0, 6).map(lambda n: n * 10), st.integers(1, 6).map(lambda n: n * 10)),
                 max_size=30)


@given(EDGES, st.sampled_from([0, 1, 3]))
@settings(max_examples=300, deadline=None)
def test_generated_grids_give_pdfplumbers_crossings_and_cells(edges, tolerance):
    crossings = crossings_of(edges, tolerance, tolerance)
    assert crossings == edges_to_intersections(edges, tolerance, tolerance)
    assert cells_of(crossings) == intersections_to_cells(crossings)
