"""A key printed in the document ("Blue = Complete") overrides the default colour meanings."""

from __future__ import annotations

import re

from actionplan.ingest import Document, SourceTable

from .colours import named_colour
from .status import COLOUR_WORDS, StatusVocabulary

COLOUR = r"(?P<colour>blue|green|amber|yellow|red|grey|gray)"
KEY_ENTRY = re.compile(
    rf"\b{COLOUR}\s*(?:=|:|-|–|—|means|is)\s*(?P<label>[^,;|=\n]+?)"
    r"(?=\s*(?:[,;|.\n]|\b(?:blue|green|amber|yellow|red|grey|gray)\b\s*(?:=|:|-|–|—)|$))",
    re.IGNORECASE)


def entries_in_text(text: str, vocabulary: StatusVocabulary) -> dict[str, str]:
    found = {}
    for m in KEY_ENTRY.finditer(text):
        status, score = vocabulary.match(m["label"].strip())
        if status and score >= vocabulary.threshold:
            found[COLOUR_WORDS[m["colour"].lower()]] = status
    return found


def entries_in_table(table: SourceTable, vocabulary: StatusVocabulary) -> dict[str, str]:
    """Key tables: a colour (a filled cell, or a colour word) beside the status it stands for."""
    found: dict[str, str] = {}
    for r, row in enumerate(table.rows):
        cells = [c for c in row if c]
        found.update(entries_in_text(" ; ".join(cells), vocabulary))
        fills = table.fills[r] if table.fills and r < len(table.fills) else []
        filled = [c for c in map(named_colour, fills) if c]
        words = [COLOUR_WORDS[c.strip().lower()] for c in cells if c.strip().lower() in COLOUR_WORDS]
        meanings = [status for c in cells if c.strip().lower() not in COLOUR_WORDS
                    for status, score in [vocabulary.match(c)]
                    if status and score >= vocabulary.threshold]
        colours = filled or words
        if len(colours) == 1 and len(meanings) == 1:
            found[colours[0]] = meanings[0]
    return found


def find_legend(document: Document, key_tables: list[SourceTable],
                vocabulary: StatusVocabulary) -> dict[str, str]:
    """Colour -> status as the document's own key states it; empty when it has none."""
    legend: dict[str, str] = {}
    for line in document.lines:
        legend.update(entries_in_text(line.text, vocabulary))
    for table in key_tables:
        legend.update(entries_in_table(table, vocabulary))
    return legend
