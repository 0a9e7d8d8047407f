"""Words cut where a table's ruling line passes through them.

A cell with no padding can end right at its rule with the next cell's text starting a hair
after it: its last word and the next cell's first then come out as one ("inAudit"), because
nothing but the rule parts them. Whether pdfminer's words happened to part there turned on
rounding noise in its font sizes; here the rule parts them, whichever engine read the page.
"""

from __future__ import annotations

import bisect
from typing import Any

Word = dict[str, Any]
OVERLAP = 0.5  # a word must run this far past a rule on both sides to be cut there


def rule_edges(tables: list[Any]) -> list[tuple[float, float, float]]:
    """The vertical sides (x, top, bottom) of the cells of ruled tables."""
    edges = set()
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is not None:
                    x0, top, x1, bottom = cell
                    edges.add((x0, top, bottom))
                    edges.add((x1, top, bottom))
    return sorted(edges)


def split_at_rules(words: list[Word], tables: list[Any]) -> list[Word]:
    edges = rule_edges(tables)
    if not edges:
        return words
    out: list[Word] = []
    for word in words:
        out += cut(word, edges)
    return out


def cut(word: Word, edges: list[tuple[float, float, float]]) -> list[Word]:
    chars = word.get("chars") or []
    middle = (word["top"] + word["bottom"]) / 2
    start = bisect.bisect_right(edges, (word["x0"] + OVERLAP, float("inf"), float("inf")))
    stop = bisect.bisect_left(edges, (word["x1"] - OVERLAP, float("-inf"), float("-inf")))
    for x, top, bottom in edges[start:stop]:
        if not (top <= middle <= bottom and word["x0"] < x - OVERLAP and word["x1"] > x + OVERLAP):
            continue
        at = next((i for i, c in enumerate(chars) if i and (c["x0"] + c["x1"]) / 2 > x), None)
        if at is None:
            continue
        left, right = chars[:at], chars[at:]
        head = {**word, "text": "".join(c["text"] for c in left),
                "x1": left[-1]["x1"], "chars": left, "space_after": False}
        tail = {**word, "text": "".join(c["text"] for c in right),
                "x0": right[0]["x0"], "chars": right}
        return [head, *cut(tail, edges)]
    return [word]
