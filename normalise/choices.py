"""A spreadsheet's drop-down list on its status column names the labels that file uses for
status: each one that is close to a known label joins the vocabulary for that file, so its
cells match exactly ("Not yet commenced" is `not_started` there, not a fuzzy guess)."""

from __future__ import annotations

import re
from dataclasses import replace

from actionplan.ingest import Document

from .settings import Settings
from .stitch import Stitched

#: how close a listed label must be to a known one to be taken as its synonym
MIN_CHOICE_SCORE = 0.7
#: a code before the label in a list item ("1 - Complete", "B: Complete")
LEADING_CODE = re.compile(r"^\s*\w{1,3}\s*[-.:)]\s+")


def status_choices(document: Document, stitched: Stitched) -> list[str]:
    """The items of the list validations on each plan table's status column."""
    sources = {table.index: table for table in document.tables}
    labels: list[str] = []
    for table in stitched.tables:
        column = table.columns.column_of("status_text")
        for index in sorted({row.table for row in table.rows}):
            source = sources.get(index)
            if column is not None and source is not None:
                labels += [c for c in source.choices.get(column, ()) if c not in labels]
    return labels


def with_status_choices(settings: Settings, labels: list[str]) -> Settings:
    """The settings with the listed labels added to the status vocabulary (when any are new)."""
    additions: dict[str, list[str]] = {}
    for label in labels:
        status, score = max((settings.vocabulary.match(text) for text in
                             (label, LEADING_CODE.sub("", label))), key=lambda found: found[1])
        if status is not None and MIN_CHOICE_SCORE <= score < 1.0:
            additions.setdefault(status, []).append(label)
    if not additions:
        return settings
    merged = {name: [*settings.status.get(name, []), *additions.get(name, [])]
              for name in sorted({*settings.status, *additions})}
    return replace(settings, status=merged)
