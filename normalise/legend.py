"""A key printed in the document ("Blue = Complete") overrides the default colour meanings."""

from __future__ import annotations

import re

from ingest import Document, SourceTable

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
    """Key tables: a colour (a word, or a filled cell) beside the status it stands for."""
    found: dict[str, str] = {}
    for r, row in enumerate(table.rows):
        found.update(entries_in_text(" ; ".join(c for c in row if c), vocabulary))
        fills = table.fills[r] if table.fills and r < len(table.fills) else []
        colours = [named_colour(f) for f in fills if named_colour(f)]
        labels = [vocabulary.match(c) for c in row if c]
        matched = [s for s, score in labels if s and score >= vocabulary.threshold]
        if len(colours) == 1 and len(matched) == 1:
            found[str(colours[0])] = matched[0]
        words = [COLOUR_WORDS.get(c.strip().lower()) for c in row if c]
        others = [vocabulary.match(c) for c in row if c and c.strip().lower() not in COLOUR_WORDS]
        meaning = [s for s, score in others if s and score >= vocabulary.threshold]
        if len([w for w in words if w]) == 1 and len(meaning) == 1:
            found[str(next(w for w in words if w))] = meaning[0]
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
