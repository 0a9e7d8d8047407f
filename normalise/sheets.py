"""A workbook's sheets are often plans of their own (one per directorate, or per year), each
with its own title block: each sheet's records take the title and update date above that
sheet's first plan table, and the workbook's first ones where a sheet has none."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from actionplan.ingest import Document

from .preamble import plan_title, plan_updated
from .stitch import Stitched


def sheet_view(document: Document, sheet: str) -> Document:
    """One sheet as a document of its own: its tables numbered from 1, its lines with them."""
    tables = [t for t in document.tables if t.sheet == sheet]
    offset = tables[0].index - 1
    return replace(document, tables=[replace(t, index=t.index - offset) for t in tables],
                   lines=[replace(line, after_table=line.after_table - offset)
                          for line in document.lines if line.sheet == sheet],
                   metadata_title=None)


def sheet_preambles(document: Document, stitched: Stitched, title: str | None,
                    updated: date | None) -> dict[str, tuple[str | None, date | None]]:
    """Sheet -> its plan title and update date (spreadsheets; empty for other formats). Only a
    sheet's own title block counts, so a key sheet before the plan is never its title; a sheet
    with none takes the first sheet's that has one (else the document's)."""
    sheet_of = {t.index: t.sheet for t in document.tables}
    firsts: dict[str, int] = {}
    for table in stitched.tables:
        sheet = sheet_of.get(table.rows[0].table) if table.rows else None
        if sheet is not None and sheet not in firsts:
            firsts[sheet] = table.rows[0].table
    own: dict[str, tuple[str | None, date | None]] = {}
    for sheet, first in firsts.items():
        view = sheet_view(document, sheet)
        local = first - (min(t.index for t in document.tables if t.sheet == sheet) - 1)
        own[sheet] = (plan_title(view, local), plan_updated(view, local))
    titled = [preamble for preamble in own.values() if preamble[0]]
    default_title, default_updated = titled[0] if titled else (title, updated)
    return {sheet: (own_title or default_title, own_updated or (default_updated if not own_title else None))
            for sheet, (own_title, own_updated) in own.items()}
