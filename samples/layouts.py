"""Randomised action-plan layouts with their truth: proof that the readers work beyond the samples.

    python samples/layouts.py build --producer reportlab --count 20 --first-seed 1 --out /tmp/l
    python samples/layouts.py build --producer libreoffice --count 100 --first-seed 1000 --out DIR
    python samples/layouts.py build --producer chromium --count 100 --first-seed 2000 --out DIR

`generate(seed)` picks a layout (ruling, row spacing, padding, font, size, columns and widths,
orientation, header wordings, one- or two-row header, merged grouping cells, section rows, fills,
running headers) and a plan, and gives the action records any reader should find in it (the
truth). The same plan is drawn three ways: `render_reportlab` (fast, used by the tests),
`render_docx` (printed to PDF by LibreOffice) and `render_html` (printed by headless Chromium).
`score(records, truth)` tells how far a reading is from the truth, field by field.
"""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import layout_words as words
from layout_docx import render_docx
from layout_fonts import text_width
from layout_html import render_html
from layout_model import FONT_FILES, RULINGS, BodyRow, Cell, GeneratedPlan, LayoutSpec
from layout_reportlab import render_reportlab

__all__ = ["GeneratedPlan", "LayoutSpec", "Score", "generate", "layout_class", "render_docx", "render_html",
           "render_reportlab", "score"]

TRUTH_FIELDS = ("section", "theme", "outcome", "ref", "action", "evidence", "lead", "due_text", "risks",
                "notes", "progress", "status_text", "status", "rag", "extra")
#: the order columns take in a plan; extras go at the end
COLUMN_ORDER = ("theme", "outcome", "ref", "action", "evidence", "lead", "due_text", "status_text",
                "progress", "notes", "risks")
#: relative column widths before they are fitted to the page
WEIGHTS = {"theme": 1.8, "outcome": 1.8, "ref": 0.6, "action": 4.0, "evidence": 2.2, "lead": 1.6,
           "due_text": 1.2, "status_text": 1.0, "progress": 2.4, "notes": 2.2, "risks": 1.8,
           "extra": 1.2}
SIZES = (7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 12.0)
PERIOD_HEADERS = (("Q1 update", "Q2 update"), ("Q1", "Q2"), ("June 2024", "September 2024"))


def layout_class(spec: LayoutSpec) -> str:
    """The class a layout is scored in: its ruling, and whether rows have space between them."""
    return f"{spec.ruling}/{'tight' if spec.row_gap == 0 else 'spaced'}"


@dataclass
class Column:
    name: str  # a truth field, or "extra"
    header: str  # the text the pipeline should read as this column's header
    group: str | None = None  # a group header above it (two-row headers)
    sub: str | None = None  # its own text under the group header


@dataclass
class _Choices:
    """What a seed picked before any text was laid out."""

    columns: list[Column]
    ref_style: str
    rag_words: bool
    rag_fill: bool
    merged: bool
    sections: bool


def _pick_columns(rng: random.Random, count: int, two_row: bool, with_ref: bool) -> list[Column]:
    wordings = words.header_wordings()
    optional = [n for n in COLUMN_ORDER if n != "action" and (with_ref or n != "ref")]
    extras = list(rng.sample(wordings["extra"], 2))
    want = count - 1 - (1 if two_row else 0)
    pool = optional + ["extra:" + e for e in extras]
    chosen = set(rng.sample([n for n in pool if not (two_row and n == "progress")], want))
    columns: list[Column] = []
    for name in COLUMN_ORDER:
        if name == "action" or name in chosen:
            columns.append(Column(name, rng.choice(wordings[name])))
        if name == "progress" and two_row:
            first, second = rng.choice(PERIOD_HEADERS)
            columns += [Column("progress", f"Progress {sub}", "Progress", sub) for sub in (first, second)]
    columns += [Column("extra", n.removeprefix("extra:")) for n in pool
                if n.startswith("extra:") and n in chosen]
    return columns


def _status(rng: random.Random, choices: _Choices) -> tuple[str | None, str | None, str | None, str | None]:
    """(status_text, fill, status, rag) of one action's status cell."""
    labels = words.RAG_WORDS if choices.rag_words else words.STATUS_LABELS
    label = rng.choice(list(labels))
    status, colour = labels[label]
    fill = words.RAG_FILLS[colour] if choices.rag_fill and colour else None
    if fill and rng.random() < 0.3:
        return None, fill, status, colour
    return label, fill, status, colour


def _cell_values(rng: random.Random, choices: _Choices, ref: str) -> tuple[dict[str, str | None], list[str]]:
    """The texts of one action's non-grouping cells, by truth field; extra and period columns in order."""
    values: dict[str, str | None] = {
        "ref": ref or None,
        "action": words.action_text(rng, rng.choices((1, 2, 3, 4), (3, 3, 3, 2))[0]),
        "evidence": words.prose(rng, words.EVIDENCE) if rng.random() < 0.9 else None,
        "lead": words.lead_text(rng) if rng.random() < 0.95 else None,
        "due_text": words.due_text(rng, rng.randint(2022, 2026)),
        "risks": words.prose(rng, words.RISKS) if rng.random() < 0.7 else None,
        "notes": words.prose(rng, words.NOTES) if rng.random() < 0.7 else None,
    }
    others: list[str] = []
    for column in choices.columns:
        if column.name == "progress":
            chance = 0.9 if not others else 0.6
            others.append(words.prose(rng, words.PROGRESS) if rng.random() < chance else "")
        elif column.name == "extra":
            others.append(rng.choice(words.EXTRA_VALUES) if rng.random() < 0.8 else "")
    return values, others


def _spans(rng: random.Random, count: int) -> list[int]:
    """Lengths of merged grouping cells covering `count` rows."""
    spans: list[int] = []
    while sum(spans) < count:
        spans.append(min(rng.randint(1, 4), count - sum(spans)))
    return spans


def _group_starts(rng: random.Random, count: int) -> set[int]:
    starts, at = set(), 0
    for span in _spans(rng, count):
        starts.add(at)
        at += span
    return starts


def _grouping_cell(value: str | None, i: int, starts: set[int], count: int, merged: bool) -> Cell:
    """A theme or outcome cell: merged over its group's rows (text at the top) or written on each."""
    if merged and i not in starts:
        return Cell(covered=True)
    span = 1
    while merged and i + span < count and i + span not in starts:
        span += 1
    return Cell(value or "", rowspan=span)


def _action(rng: random.Random, choices: _Choices, ref: str, groups: dict[str, tuple[str | None, Cell]],
            ) -> tuple[list[Cell], dict[str, object]]:
    """One action row's cells and its truth (without the section)."""
    values, others = _cell_values(rng, choices, ref)
    status_text, status_fill, status, rag = _status(rng, choices)
    present = {c.name for c in choices.columns}
    record: dict[str, object] = {name: values.get(name) if name in present else None for name in TRUTH_FIELDS}
    extra: dict[str, str] = {}
    cells: list[Cell] = []
    periods: list[str] = []
    for column in choices.columns:
        if column.name in groups:
            record[column.name], cell = groups[column.name]
            cells.append(cell)
        elif column.name in ("progress", "extra"):
            text = others.pop(0)
            cells.append(Cell(text))
            if column.name == "extra" or column.group:
                extra.update({_one_line(column.header): text} if text else {})
            if column.name == "progress":
                periods.append(text)
        elif column.name == "status_text":
            record.update(status_text=status_text, status=status, rag=rag)
            cells.append(Cell(status_text or "", fill=status_fill))
        else:
            cells.append(Cell(str(values[column.name] or "")))
    record["progress"] = next((t for t in reversed(periods) if t), None)
    record["extra"] = extra
    _not_a_heading(rng, choices, cells, record)
    return cells, record


#: what fills an otherwise empty cell of these columns
FILLERS: dict[str, tuple[str, ...]] = {"lead": words.ROLES, "evidence": words.EVIDENCE, "notes": words.NOTES,
                                       "risks": words.RISKS, "extra": words.EXTRA_VALUES}


def _not_a_heading(rng: random.Random, choices: _Choices, cells: list[Cell],
                   record: dict[str, object]) -> None:
    """An action row with text in its action cell alone reads as a section heading (SCHEMA): give
    one more of its cells some text."""
    others = [(column, cell) for column, cell in zip(choices.columns, cells, strict=True)
              if column.name not in ("action", "theme", "outcome")]
    if any(cell.text for _, cell in others):
        return
    for column, cell in others:
        if column.name in FILLERS:
            cell.text = rng.choice(FILLERS[column.name])
            if column.name == "extra":
                record["extra"] = {_one_line(column.header): cell.text}
            else:
                record[column.name] = cell.text
            return


Truth = list[dict[str, object]]


def _action_rows(rng: random.Random, choices: _Choices, section: list[str], first_ref: tuple[int, int],
                 count: int, zebra_from: int, zebra: str | None) -> tuple[list[BodyRow], Truth]:
    """`count` action rows under one section heading (or none) and their truth."""
    rows: list[BodyRow] = []
    truth: list[dict[str, object]] = []
    theme_starts, outcome_starts = _group_starts(rng, count), _group_starts(rng, count)
    outcome_starts |= theme_starts
    theme = outcome = None
    for i in range(count):
        theme = rng.choice(words.THEMES) if i in theme_starts else theme
        outcome = rng.choice(words.OUTCOMES) if i in outcome_starts else outcome
        groups = {"theme": (theme, _grouping_cell(theme, i, theme_starts, count, choices.merged)),
                  "outcome": (outcome, _grouping_cell(outcome, i, outcome_starts, count, choices.merged))}
        ref = words.ref_text(choices.ref_style, first_ref[0], first_ref[1] + i) if choices.ref_style else ""
        cells, record = _action(rng, choices, ref, groups)
        record["section"] = list(section)
        rows.append(BodyRow(cells, fill=zebra if zebra and (zebra_from + i) % 2 else None))
        truth.append(record)
    return rows, truth


def _body(rng: random.Random, choices: _Choices, zebra: str | None, section_fill: str | None,
          ) -> tuple[list[BodyRow], list[dict[str, object]]]:
    body: list[BodyRow] = []
    truth: list[dict[str, object]] = []
    sections = rng.randint(2, 4) if choices.sections else 1
    topics = rng.sample(words.SECTION_TOPICS, sections)
    word = rng.choice(("Objective", "Priority", "Goal", "Workstream"))
    for number, topic in enumerate(topics, start=1):
        section: list[str] = []
        if choices.sections:
            heading = f"{word} {number}: {topic}" if rng.random() < 0.7 else f"{word} {number} – {topic}"
            section = [heading]
            body.append(BodyRow([Cell(heading, bold=True, colspan=len(choices.columns))], section=True,
                                fill=section_fill))
        count = rng.randint(2, 8) if choices.sections else rng.randint(6, 22)
        rows, records = _action_rows(rng, choices, section, (number, 1), count, len(body), zebra)
        body += rows
        truth += records
    return body, truth


def _header_rows(columns: list[Column], fill: str | None, two_row: bool) -> list[list[Cell]]:
    if not two_row:
        return [[Cell(c.header, fill=fill, bold=True) for c in columns]]
    top: list[Cell] = []
    bottom: list[Cell] = []
    for i, column in enumerate(columns):
        if column.group is None:
            top.append(Cell(column.header, fill=fill, bold=True, rowspan=2))
            bottom.append(Cell(covered=True))
        else:
            first = i == 0 or columns[i - 1].group != column.group
            span = sum(1 for c in columns if c.group == column.group)
            top.append(Cell(column.group, fill=fill, bold=True, colspan=span) if first
                       else Cell(covered=True))
            bottom.append(Cell(column.sub or "", fill=fill, bold=True))
    return [top, bottom]


def _longest_word(texts: list[str], font: str, size: float, bold: bool) -> float:
    return max((text_width(w, font, size, bold) for t in texts for w in t.split()), default=0.0)


def _fit_widths(rng: random.Random, columns: list[Column], cell_texts: list[list[str]], font: str,
                size: float, padding: float, available: float) -> tuple[float, ...] | None:
    """Column widths filling `available`, none narrower than its longest word; None if impossible."""
    least = [max(_longest_word(texts, font, size, False),
                 _longest_word([c.group or "", c.sub or c.header], font, size, True)) * 1.08 + 2 * padding + 3
             for c, texts in zip(columns, cell_texts, strict=True)]
    if sum(least) > available:
        return None
    weights = [WEIGHTS[c.name] * rng.uniform(0.7, 1.4) for c in columns]
    widths = list(least)
    free = [i for i in range(len(columns))]
    while free:
        room = available - sum(least[i] for i in range(len(columns)) if i not in free)
        total = sum(weights[i] for i in free)
        share = {i: room * weights[i] / total for i in free}
        short = [i for i in free if share[i] < least[i]]
        if not short:
            for i in free:
                widths[i] = share[i]
            break
        free = [i for i in free if i not in short]
    return tuple(round(w, 2) for w in widths)


def generate(seed: int) -> GeneratedPlan:
    """The plan, layout and truth a seed stands for: the same for the same seed, on any run."""
    rng = random.Random(seed)
    ruling = rng.choice(RULINGS)
    row_gap = 0.0 if rng.random() < 0.5 else float(rng.randint(1, 12))
    padding = 0.0 if rng.random() < 0.35 else rng.randint(1, 12) / 2
    font = rng.choice(list(FONT_FILES))
    size = rng.choice(SIZES)
    landscape = rng.random() < 0.5
    two_row = rng.random() < 0.2
    ref_style = rng.choice(("dotted", "letter", "code", ""))
    columns = _pick_columns(rng, rng.randint(4, 10), two_row, bool(ref_style))
    choices = _Choices(columns, ref_style, rng.random() < 0.3, rng.random() < 0.4, rng.random() < 0.6,
                       rng.random() < 0.6)
    zebra = rng.choice(words.ZEBRA_FILLS) if rng.random() < 0.25 else None
    section_fill = rng.choice(words.SECTION_FILLS) if rng.random() < 0.5 else None
    header_fill = rng.choice(words.HEADER_FILLS) if rng.random() < 0.5 else None
    body, truth = _body(rng, choices, zebra, section_fill)
    margin = float(rng.choice((36, 42, 54)))
    texts = [[row.cells[i].text for row in body if not row.section] for i in range(len(choices.columns))]
    widths = None
    while widths is None:
        used = font_used(font)
        page_width = (841.89 if landscape else 595.28) - 2 * margin
        widths = _fit_widths(rng, choices.columns, texts, used, size, padding, page_width)
        if widths is None:
            landscape, size = True, (size - 0.5 if landscape else size)
            if size < 7:
                raise ValueError(f"seed {seed}: {len(choices.columns)} columns do not fit a page")
    spec = LayoutSpec(
        ruling=ruling, row_gap=row_gap, padding=padding, font=font, font_used=font_used(font), size=size,
        landscape=landscape, margin=margin, widths=widths, header_repeat=rng.random() < 0.6,
        header_fill=header_fill, two_row_header=two_row, merged_groups=choices.merged,
        section_rows=choices.sections, section_fill=section_fill if choices.sections else None,
        rag_fill=choices.rag_fill, zebra=zebra, running=rng.random() < 0.5)
    year = rng.randint(2021, 2025)
    title = (f"{rng.choice(words.ORGANISATIONS)} "
             f"{rng.choice(words.TITLES).format(y=year, n=(year + 1) % 100)}")
    return GeneratedPlan(seed, spec, title, [_one_line(c.header) for c in choices.columns],
                         _header_rows(choices.columns, header_fill, two_row), body, truth,
                         [c.name for c in choices.columns])


def font_used(family: str) -> str:
    from layout_fonts import available

    return family if available(family) else "Helvetica"


# --- scoring ----------------------------------------------------------------------------------

@dataclass
class Score:
    """How a reading compares with the truth; `wrong` says which fields differ for which actions."""

    truth: int
    found: int
    matched: int
    all_fields: int
    wrong: list[tuple[str, list[str]]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else (1.0 if not self.truth else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def all_fields_share(self) -> float:
        return self.all_fields / self.truth if self.truth else 1.0

    def field_counts(self) -> Counter[str]:
        return Counter(name for _, names in self.wrong for name in names)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _key(action: object) -> str:
    return " ".join(str(action or "").split())


def score(records: list, truth: list[dict[str, object]]) -> Score:
    """Match records (ActionRecords or their dicts) to truth actions by action text, as a multiset
    in document order, and compare every truth field of each pair."""
    found = [r if isinstance(r, dict) else r.to_dict() for r in records]
    by_key: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in found:
        by_key[_key(record.get("action"))].append(record)
    result = Score(truth=len(truth), found=len(found), matched=0, all_fields=0)
    for want in truth:
        key = _key(want["action"])
        if not by_key.get(key):
            result.missed.append(key)
            continue
        got = by_key[key].pop(0)
        result.matched += 1
        differ = [name for name in TRUTH_FIELDS if got.get(name) != want.get(name)]
        if differ:
            result.wrong.append((key, differ))
        else:
            result.all_fields += 1
    result.spurious = [key for key, rest in by_key.items() for _ in rest]
    return result


if __name__ == "__main__":
    from layout_build import main

    sys.exit(main())
