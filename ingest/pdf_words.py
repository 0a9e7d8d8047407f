"""Words: letters grouped into words (`words_of`, pdfplumber's rules), and words cut where a
table's ruling line passes through them (`split_at_rules`).

A cell with no padding can end right at its rule with the next cell's text starting a hair
after it: its last word and the next cell's first then come out as one ("inAudit"), because
nothing but the rule parts them. Whether pdfminer's words happened to part there turned on
rounding noise in its font sizes; here the rule parts them, whichever engine read the page.
"""

from __future__ import annotations

import bisect
import itertools
from operator import itemgetter
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


#: how far apart two letters of one word may be, across and down (pdfplumber's x/y_tolerance)
WORD_GAP = 2.0


def words_of(chars: list[Word]) -> list[Word]:
    """The page's words exactly as pdfplumber's `extract_words(x_tolerance=2, y_tolerance=2,
    extra_attrs=["size", "fontname"], return_chars=True)` makes them, in one pass without its
    per-letter generators: a run of letters of one font, size and uprightness is parted into
    lines by their tops, each line ordered left to right, and a word ends at a blank, a gap of
    more than WORD_GAP, a step back or a step off the line. `tests/test_pdf_words.py` holds it
    to pdfplumber's on every page of the samples and layouts and on generated letters."""
    from pdfplumber.utils.text import LIGATURES

    words: list[Word] = []
    for _run_key, run in itertools.groupby(chars, key=RUN_KEY):
        group = list(run)
        upright = group[0]["upright"]  # the run's first letter's, as pdfplumber takes it
        for line in lines_of(group, "top" if upright else "x0"):
            line.sort(key=(lambda c: c["x0"]) if upright else (lambda c: (c["top"], c["bottom"])))
            word: list[Word] = []
            for char in line:
                text = char["text"]
                if text.isspace():
                    if word:
                        words.append(merged(word, upright, LIGATURES))
                    word = []
                elif text == "":  # pdfplumber parts at the empty string as at punctuation
                    if word:
                        words.append(merged(word, upright, LIGATURES))
                    words.append(merged([char], upright, LIGATURES))
                    word = []
                elif word and begins_word(word[-1], char, upright):
                    words.append(merged(word, upright, LIGATURES))
                    word = [char]
                else:
                    word.append(char)
            if word:
                words.append(merged(word, upright, LIGATURES))
    return words


RUN_KEY = itemgetter("upright", "size", "fontname")
X0, TOP, X1, BOTTOM, TEXT = (itemgetter(k) for k in ("x0", "top", "x1", "bottom", "text"))


def lines_of(chars: list[Word], down: str) -> list[list[Word]]:
    """Letters clustered by `down` (top, or x0 for turned text): values within WORD_GAP of the
    one before are one line; each line keeps the letters' order."""
    values = sorted({c[down] for c in chars})
    line_of: dict[float, int] = {}
    line, last = 0, values[0] if values else 0.0
    for value in values:
        if value > last + WORD_GAP:
            line += 1
        line_of[value] = line
        last = value
    lines: list[list[Word]] = [[] for _ in range(line + 1)]
    for char in chars:
        lines[line_of[char[down]]].append(char)
    return [found for found in lines if found]


def begins_word(before: Word, char: Word, upright: bool) -> bool:
    if upright:
        return (char["x0"] < before["x0"] or char["x0"] > before["x1"] + WORD_GAP
                or abs(char["top"] - before["top"]) > WORD_GAP)
    return (char["top"] < before["top"] or char["top"] > before["bottom"] + WORD_GAP
            or abs(char["x0"] - before["x0"]) > WORD_GAP)


def merged(chars: list[Word], upright: bool, ligatures: dict[str, str]) -> Word:
    """One word from its letters, with pdfplumber's keys in pdfplumber's order."""
    first = chars[0]
    x0, top = min(map(X0, chars)), min(map(TOP, chars))
    x1, bottom = max(map(X1, chars)), max(map(BOTTOM, chars))
    return {"text": "".join([ligatures.get(t, t or "") for t in map(TEXT, chars)]),
            "x0": x0, "x1": x1, "top": top, "doctop": top + (first["doctop"] - first["top"]),
            "bottom": bottom, "upright": first["upright"], "height": bottom - top, "width": x1 - x0,
            "direction": "ltr" if upright else "ttb", "size": first["size"],
            "fontname": first["fontname"], "chars": chars}
