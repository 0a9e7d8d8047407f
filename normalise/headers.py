"""Column headers to record fields: exact synonyms first, rapidfuzz only for the rest."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .text import clean_cell, fold

#: field -> the headers plans use for it (SCHEMA.md); users extend these lists
SYNONYMS: dict[str, tuple[str, ...]] = {
    "theme": ("Objectives", "Objective", "Key Areas", "Key area", "Workstream", "Priority",
              "Priority area", "Area", "Theme", "Domain"),
    "outcome": ("EDS Outcome", "Outcome", "Expected outcome", "Intended outcome", "Aim", "Goal"),
    "ref": ("Ref", "Ref.", "Reference", "No.", "No", "Number", "Action no.", "Item", "ID"),
    "action": ("Action", "Actions", "Action required", "Actions required", "What we will do",
               "Activity", "Task", "Recommendation"),
    "evidence": ("Evidence", "Measure", "Measures", "Measure of success", "Measures of success",
                 "Success measure", "KPI", "Deliverable", "How will we know"),
    "lead": ("Lead", "Leads", "Lead(s)", "Owner", "Action owner", "Responsible",
             "Responsible officer", "Accountable", "By whom", "Who"),
    "due_text": ("By when", "Milestones", "Deadline", "Target date", "Due date", "Timescale",
                 "Timescales", "Date", "When", "Completion date", "Delivery date"),
    "risks": ("Risks", "Risk", "Risks/Issues", "Risks / issues", "Issues", "Barriers",
              "Dependencies"),
    "notes": ("Notes", "Comments", "Comment"),
    "progress": ("Progress", "Progress update", "Update", "Update on progress",
                 "Progress to date", "Commentary", "Position"),
    "status_text": ("Status", "RAG", "RAG status", "RAG rating", "BRAG", "Rating"),
}
FIELDS = tuple(SYNONYMS)
#: words that name the action column in headers no synonym covers ("Actions to be taken")
ACTION_WORDS = frozenset({"action", "actions", "activity", "activities", "task", "tasks",
                          "recommendation", "recommendations", "intervention", "interventions"})
GROUPING_FIELDS = ("theme", "outcome")
#: "Q1 update", "Update Q2 2021/22", "June 2021 progress": a period stripped leaves the field
PERIOD = re.compile(
    r"\b(q[1-4]|quarter [1-4]|h[12]|(19|20)\d\d( \d\d)?|fy ?\d\d( \d\d)?|"
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?|month \d+|year \d+)\b")


@dataclass
class ColumnMap:
    """Which column feeds which field; `extra` columns keep their header as key."""

    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    #: field -> period columns in left-to-right order; the rightmost non-empty one is the value
    periods: dict[str, list[int]] = field(default_factory=dict)
    extra: dict[int, str] = field(default_factory=dict)

    def column_of(self, name: str) -> int | None:
        return self.fields.get(name)

    def has(self, name: str) -> bool:
        return name in self.fields or name in self.periods


def names_an_action(header: str) -> bool:
    return bool(ACTION_WORDS & set(fold(clean_cell(header)).split()))


class HeaderMatcher:
    def __init__(self, extra_synonyms: Mapping[str, Sequence[str]] | None = None,
                 threshold: float = 90) -> None:
        for name in extra_synonyms or {}:
            if name not in SYNONYMS:
                raise ValueError(f"unknown field {name!r}: use one of {', '.join(FIELDS)}")
        self.threshold = threshold
        self.exact: dict[str, str] = {}
        for name, words in SYNONYMS.items():
            for word in (*words, *(extra_synonyms or {}).get(name, ())):
                self.exact.setdefault(fold(word), name)
        self.choices = list(self.exact)

    def field_of(self, header: str) -> str | None:
        """The field a header names, or None."""
        key = fold(clean_cell(header))
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        best = process.extractOne(key, self.choices, scorer=fuzz.ratio,
                                  score_cutoff=self.threshold)
        return self.exact[best[0]] if best else None

    def period_field_of(self, header: str) -> str | None:
        key = fold(clean_cell(header))
        stripped = " ".join(PERIOD.sub(" ", key).split())
        if stripped == key or not stripped:
            return None
        return self.exact.get(stripped)

    def map_columns(self, headers: Sequence[str]) -> ColumnMap:
        """Map a header row; the first column for a field wins, the rest go to `extra`."""
        names = [clean_cell(h) for h in headers]
        mapping = ColumnMap(headers=names)
        period_columns: dict[str, list[int]] = {}
        for i, header in enumerate(names):
            period = self.period_field_of(header)
            if period:
                period_columns.setdefault(period, []).append(i)
        for name, columns in period_columns.items():
            if len(columns) > 1:
                mapping.periods[name] = columns
        in_periods = {i for cols in mapping.periods.values() for i in cols}
        for i, header in enumerate(names):
            if i in in_periods:
                continue
            named = self.field_of(header) or self.period_field_of(header)
            if named and named not in mapping.fields and named not in mapping.periods:
                mapping.fields[named] = i
            else:
                mapping.extra[i] = header or f"column {i + 1}"
        if "action" not in mapping.fields:
            column = next((i for i, h in mapping.extra.items() if names_an_action(h)), None)
            if column is not None:
                del mapping.extra[column]
                mapping.fields["action"] = column
        return mapping

    def looks_like_header(self, row: Sequence[str]) -> bool:
        """A header row names the action column and at least one other field."""
        found = {self.field_of(cell) for cell in row if cell.strip()}
        found |= {self.period_field_of(cell) for cell in row if cell.strip()}
        found.discard(None)
        if "action" not in found and any(names_an_action(cell) for cell in row):
            found.add("action")
        return "action" in found and len(found) >= 2
