"""Raw source tables as JSON lines, before any normalisation: what the reader saw."""

from __future__ import annotations

import json
from collections.abc import Iterable

from actionplan import ingest
from actionplan.normalise import Settings
from actionplan.normalise.stitch import stitch


def column_lines(document: ingest.Document, settings: Settings) -> Iterable[str]:
    """How each plan table's columns were classified: field, score and evidence per column."""
    for table in stitch(document, settings.classifier).tables:
        for decision in table.columns.decisions:
            yield json.dumps({
                "source_file": document.path, "kind": "column", "table": table.header_table,
                "row": table.header_row, "column": decision.column + 1, "header": decision.header,
                "field": decision.field or "extra", "score": decision.score,
                "evidence": decision.evidence}, ensure_ascii=False)


def raw_lines(documents: Iterable[ingest.Document], settings: Settings) -> Iterable[str]:
    """Text, table rows, then the column decisions: what the reader saw and how it was read."""
    for document in documents:
        for line in document.lines:
            yield json.dumps({"source_file": document.path, "kind": "text", "page": line.page,
                              "after_table": line.after_table, "style": line.style,
                              "text": line.text}, ensure_ascii=False)
        for table in document.tables:
            for i, cells in enumerate(table.rows):
                fills = table.fills[i] if table.fills and i < len(table.fills) else None
                yield json.dumps({
                    "source_file": document.path, "kind": "row", "page": table.page,
                    "table": table.index, "row": i + 1, "cells": cells, "fills": fills,
                    "spanning": i in table.spanning_rows,
                    "header": table.header_rows is not None and i < table.header_rows,
                }, ensure_ascii=False)
        yield from column_lines(document, settings)
