"""The plan's title and update date, from the lines above its first table."""

from __future__ import annotations

import re
from datetime import date

from ingest import Document, TextLine

from .dates import read_due
from .text import clean_cell

LABEL = re.compile(
    r"^(appendix|annex|annexe|enclosure|attachment|agenda item|item|paper|schedule|"
    r"appendices)\s*[\w.\-]{0,6}\s*[:.\-]?$", re.IGNORECASE)
LABEL_PREFIX = re.compile(
    r"^(appendix|annex|annexe|enclosure|attachment|agenda item|paper|schedule)\s*[\w.]{0,4}"
    r"\s*[:\-–—.]\s+(?=\S)", re.IGNORECASE)
PAGE_LINE = re.compile(r"^(page\s+\d+(\s+of\s+\d+)?|\d+\s*/\s*\d+|\d+)$", re.IGNORECASE)
UPDATE_LINE = re.compile(
    r"\b(last\s+updated|updated|last\s+revised|revised|as\s+at|as\s+of|dated|date|version\s.*?"
    r"dated|reviewed|refreshed)\b\s*(on)?\s*[:\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)
DATE_ONLY = re.compile(r"^[\d\s/.\-]+$|^\d{1,2}(st|nd|rd|th)?\s+\w+\s+\d{4}$|^\w+\s+\d{4}$")
TITLE_STYLES = ("title", "heading", "subtitle")
MAX_TITLE_LINES = 3


def update_date(line: str) -> date | None:
    """"Last updated 1st September 2020" gives that day; a period in a title is not a date."""
    m = UPDATE_LINE.search(line)
    if not m:
        return None
    due = read_due(m["rest"])
    return due.due_date if due.due_kind in ("date", "month") else None


def is_dateline(text: str) -> bool:
    return update_date(text) is not None or bool(DATE_ONLY.match(text))


def title_candidates(lines: list[TextLine]) -> list[str]:
    kept = []
    for line in lines:
        text = clean_cell(line.text)
        if not text or LABEL.match(text) or PAGE_LINE.match(text) or is_dateline(text):
            continue
        kept.append((LABEL_PREFIX.sub("", text), line.style))
    styled = [t for t, s in kept if s and s.lower().startswith(TITLE_STYLES)]
    return styled or [t for t, _ in kept]


def plan_title(document: Document) -> str | None:
    """The title line(s) above the first table, leaving out labels and date lines."""
    candidates = title_candidates(document.preamble)[:MAX_TITLE_LINES]
    prose = [t for t in candidates if t.endswith(".") and len(t) > 120]
    title = " ".join(t for t in candidates if t not in prose)
    return title or (clean_cell(document.metadata_title) or None)


def plan_updated(document: Document) -> date | None:
    for line in document.preamble:
        found = update_date(clean_cell(line.text))
        if found:
            return found
    return None
