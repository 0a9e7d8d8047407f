"""The plan's title and update date, from the lines above its first table."""

from __future__ import annotations

import re
from datetime import date

from actionplan.ingest import Document, TextLine

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
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
#: document-control lines above a plan, not its title
METADATA = re.compile(
    r"^(version|v\d+(\.\d+)*|author|owner|document owner|status|approved|approval|review|"
    r"reviewed|next review|prepared by|classification|issue|ref|reference|page)\b[\s:.\d]",
    re.IGNORECASE)
MAX_TITLE_LINES = 3
TITLE_LABELS = "plan|plan title|plan name|title|document|document title|name"
#: the label of a details row whose value is the plan's title
TITLE_LABEL = re.compile(rf"^({TITLE_LABELS})$", re.IGNORECASE)
#: the labels of a document-details table ("Plan | …", "Last updated | 1 May 2020"): the title's,
#: these, and METADATA's and UPDATE_LINE's
DETAIL_LABEL = re.compile(
    rf"^({TITLE_LABELS}|organisation|organization|trust|directorate|department|service|period|"
    r"year|date|sponsor|executive sponsor)$", re.IGNORECASE)


def update_date(line: str) -> date | None:
    """"Last updated 1st September 2020" gives that day; a period in a title is not a date."""
    m = UPDATE_LINE.search(line)
    if not m:
        return None
    due = read_due(m["rest"])
    return due.due_date if due.due_kind in ("date", "month") else None


def is_detail_label(text: str) -> bool:
    """A label of a document's details ("Version", "Last updated:", "Owner"): a few words,
    ending in a colon or naming a detail a plan's front matter gives."""
    text = " ".join(text.split())
    if not text or len(text.split()) > 4:
        return False
    bare = text.rstrip(":").strip()
    return (text.endswith(":") or bool(DETAIL_LABEL.match(bare)) or bool(METADATA.match(bare + " "))
            or bool(UPDATE_LINE.fullmatch(bare)))


def is_dateline(text: str) -> bool:
    return update_date(text) is not None or bool(DATE_ONLY.match(text))


def title_candidates(lines: list[TextLine]) -> list[str]:
    kept = []
    for line in lines:
        text = MARKDOWN_HEADING.sub("", clean_cell(line.text))
        if (not text or LABEL.match(text) or PAGE_LINE.match(text) or is_dateline(text)
                or METADATA.match(text)):
            continue
        kept.append((LABEL_PREFIX.sub("", text), line.style))
    titles = [t for t, s in kept if s and s.lower().startswith(("title", "subtitle"))]
    styled = [t for t, s in kept if s and s.lower().startswith(TITLE_STYLES)]
    return titles or styled or [t for t, _ in kept]


def heading_level(style: str | None) -> int | None:
    """1 for "Heading 1" and so on; None for any other paragraph."""
    match = re.match(r"heading\s*(\d)", (style or "").lower())
    return int(match[1]) if match else None


def paragraph_headings(document: Document, before_table: int, title: str | None
                       ) -> list[tuple[int, str]]:
    """Heading paragraphs (Word's Heading styles) just above a table, as (level, text): a plan
    that puts each section's heading above its own table. The title's own lines are left out."""
    out = []
    for line in document.lines:
        level = heading_level(line.style)
        text = clean_cell(line.text)
        if level and line.after_table == before_table - 1 and text and text not in (title or ""):
            out.append((level, text))
    return out


def preamble(document: Document, first_plan_table: int) -> list[TextLine]:
    """The lines above the first table with actions, the rows of any small table before it
    ("Version | 3", "Date: | 1 May 2020") read as lines too."""
    lines = [line for line in document.lines if line.after_table < first_plan_table]
    for table in document.tables[:first_plan_table - 1]:
        lines += [TextLine(detail_text([c for c in row if c.strip()]), table.index - 1, table.page)
                  for row in table.rows if any(c.strip() for c in row)]
    return sorted(lines, key=lambda line: line.after_table)


def detail_text(cells: list[str]) -> str:
    """A details row as a line: "Plan | Health Inequalities Action Plan" is the title alone."""
    if len(cells) == 2 and TITLE_LABEL.match(" ".join(cells[0].split()).rstrip(":").strip()):
        return cells[1]
    return " ".join(cells)


def plan_title(document: Document, first_plan_table: int = 1) -> str | None:
    """The title line(s) above the first table, leaving out labels and date lines."""
    candidates = title_candidates(preamble(document, first_plan_table))[:MAX_TITLE_LINES]
    prose = [t for t in candidates if t.endswith(".") and len(t) > 120]
    title = " ".join(t for t in candidates if t not in prose)
    return title or (clean_cell(document.metadata_title) or None)


def plan_updated(document: Document, first_plan_table: int = 1) -> date | None:
    for line in preamble(document, first_plan_table):
        found = update_date(clean_cell(line.text))
        if found:
            return found
    return None
