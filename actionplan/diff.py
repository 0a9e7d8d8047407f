"""`actionplan diff`: what changed between two quarters of a plan.

load -> match -> compare -> render, plain functions on plain data. Old actions are matched to
new ones by the plan's own reference, else by `action_id`, else by one optimal assignment over
the whole plan (scipy's `linear_sum_assignment` on rapidfuzz similarities of the action text,
weighted by theme and section), so two near-identical actions are never swapped.
"""

from __future__ import annotations

import difflib
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from actionplan import export, ingest
from actionplan.export.columns import SECTION_JOIN
from actionplan.normalise import FIELDS, ActionRecord, Settings
from actionplan.normalise.status import HEALTH
from actionplan.normalise.text import fold

from .pipeline import Failure, printable, run

COMPARED = ("action", "theme", "outcome", "section", "lead", "due_date", "due_text", "status",
            "evidence", "progress", "notes", "risks")
TEXT_WEIGHT, CONTEXT_WEIGHT = 0.85, 0.15
EXPORTED = (".csv", ".jsonl", ".ndjson", ".parquet")


class DiffError(Exception):
    """A side of the comparison that could not be read."""


@dataclass
class Pair:
    kind: str  # unchanged, changed, completed, added, removed
    old: ActionRecord | None
    new: ActionRecord | None
    match_method: str | None = None
    match_score: float | None = None
    changed_fields: list[str] = field(default_factory=list)
    status_change: str | None = None
    slip_days: int | None = None
    warning: str | None = None
    completion: str | None = None
    newly_overdue: bool = False
    similarity: float | None = None

    @property
    def theme(self) -> str:
        record = self.new or self.old
        if record and record.theme:
            return record.theme
        return SECTION_JOIN.join(record.section) if record and record.section else "(no theme)"


@dataclass
class Comparison:
    pairs: list[Pair]
    as_of: date | None
    failures: list[Failure] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = Counter(p.kind for p in self.pairs)
        return {k: found.get(k, 0) for k in ("unchanged", "changed", "completed", "added", "removed")}

    @property
    def slip_days(self) -> int:
        return sum(p.slip_days for p in self.pairs if p.slip_days)

    @property
    def newly_overdue(self) -> list[Pair]:
        return [p for p in self.pairs if p.newly_overdue]


def load_side(path: str, settings: Settings, options: ingest.ReadOptions
              ) -> tuple[list[ActionRecord], list[Failure]]:
    """A plan document through the pipeline, or an action file this tool exported before."""
    exported_workbook = Path(path).suffix.lower() == ".xlsx" and export.xlsx.is_export(Path(path))
    if (Path(path).suffix.lower() in EXPORTED or exported_workbook) and Path(path).is_file():
        try:
            return export.load(Path(path)), []
        except Exception as exc:  # noqa: BLE001 - any unreadable export is one failure line
            return [], [Failure(path, f"{path}: not an action file ({type(exc).__name__}: {exc})")]
    result = run([path], settings, options)
    return result.records, result.failures


def similarity(old: ActionRecord, new: ActionRecord) -> float:
    return fuzz.ratio(fold(old.action), fold(new.action))


def scores(old: Sequence[ActionRecord], new: Sequence[ActionRecord]) -> tuple[Any, Any]:
    """Every old action against every new one: the text's `similarity`, and that weighted with
    the context (the same theme, the same sections: half of 100 each), as two arrays made in C
    (rapidfuzz's `cdist`, numpy), not pair by pair in Python: a plan that lost its references
    has thousands of actions a side."""
    import numpy as np
    from rapidfuzz import process

    text = process.cdist([fold(r.action) for r in old], [fold(r.action) for r in new],
                         scorer=fuzz.ratio, dtype=np.float64, workers=1)

    def same(key: Callable[[ActionRecord], object]) -> Any:
        ids: dict[object, int] = {}
        old_ids = np.array([ids.setdefault(key(r), len(ids)) for r in old])
        new_ids = np.array([ids.setdefault(key(r), len(ids)) for r in new])
        return (old_ids[:, None] == new_ids[None, :]).astype(np.int64)

    themes = same(lambda r: fold(r.theme or ""))
    sections = same(lambda r: tuple(fold(s) for s in r.section))
    context = 100.0 * (themes + sections) / 2
    return text, TEXT_WEIGHT * text + CONTEXT_WEIGHT * context


def match(old: Sequence[ActionRecord], new: Sequence[ActionRecord], threshold: float = 60.0
          ) -> tuple[list[tuple[int, int, str, float]], list[int], list[int]]:
    """Pairs (old index, new index, method, score), then the old and new left unmatched."""
    pairs: list[tuple[int, int, str, float]] = []
    free_old, free_new = set(range(len(old))), set(range(len(new)))
    for method, key in (("ref", lambda r: fold(r.ref) if r.ref else None),
                        ("action_id", lambda r: r.action_id)):
        index: dict[str, list[int]] = {}
        for j in sorted(free_new):
            k = key(new[j])
            if k:
                index.setdefault(k, []).append(j)
        for i in sorted(free_old):
            k = key(old[i])
            if k and index.get(k):
                j = index[k].pop(0)
                pairs.append((i, j, method, 1.0))
                free_old.discard(i)
                free_new.discard(j)
    olds, news = sorted(free_old), sorted(free_new)
    if olds and news:
        from scipy.optimize import linear_sum_assignment

        text, score = scores([old[i] for i in olds], [new[j] for j in news])
        rows, cols = linear_sum_assignment(score, maximize=True)
        for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
            if text[a, b] >= threshold:
                pairs.append((olds[a], news[b], "fuzzy", round(float(score[a, b]) / 100, 4)))
                free_old.discard(olds[a])
                free_new.discard(news[b])
    return sorted(pairs, key=lambda p: p[1]), sorted(free_old), sorted(free_new)


def status_change(old: str | None, new: str | None) -> str | None:
    if old == new or old is None or new is None:
        return None
    if "cancelled" in (old, new):
        return "cancelled" if new == "cancelled" else "reinstated"
    if HEALTH[new] == HEALTH[old]:
        return "changed"
    return "better" if HEALTH[new] < HEALTH[old] else "worse"


def is_overdue(record: ActionRecord, day: date | None) -> bool:
    return bool(day and record.due_date and record.due_date < day
                and record.status not in ("complete", "cancelled"))


def compare_pair(old: ActionRecord, new: ActionRecord, method: str, score: float,
                 as_of: date | None, old_as_of: date | None) -> Pair:
    changed = [name for name in COMPARED if getattr(old, name) != getattr(new, name)]
    pair = Pair("changed" if changed else "unchanged", old, new, method, score, changed)
    pair.status_change = status_change(old.status, new.status)
    if old.due_date and new.due_date and old.due_date != new.due_date:
        pair.slip_days = (new.due_date - old.due_date).days
    if "action" in changed:
        pair.similarity = round(similarity(old, new) / 100, 4)
    if new.status == "complete" and old.status != "complete":
        pair.kind = "completed"
        late = bool(old.due_date and as_of and old.due_date < as_of)
        pair.completion = "late" if late else "on time"
    pair.newly_overdue = is_overdue(new, as_of) and not is_overdue(old, old_as_of)
    return pair


def compare(old: Sequence[ActionRecord], new: Sequence[ActionRecord], as_of: date | None = None,
            threshold: float = 60.0) -> Comparison:
    """Every old and new action, paired or not, with what changed. `as_of` defaults to the new
    plan's update date."""
    as_of = as_of or next((r.plan_updated for r in new if r.plan_updated), None)
    old_as_of = next((r.plan_updated for r in old if r.plan_updated), None)
    matched, removed, added = match(old, new, threshold)
    pairs = [compare_pair(old[i], new[j], method, score, as_of, old_as_of)
             for i, j, method, score in matched]
    pairs += [Pair("added", None, new[j], newly_overdue=is_overdue(new[j], as_of)) for j in added]
    for i in removed:
        warning = None if old[i].status in ("complete", "cancelled") else "dropped without closure"
        pairs.append(Pair("removed", old[i], None, warning=warning))
    return Comparison(pairs, as_of)


def diff_paths(old_path: str, new_path: str, settings: Settings, options: ingest.ReadOptions,
               as_of: date | None = None) -> Comparison:
    old, old_failures = load_side(old_path, settings, options)
    new, new_failures = load_side(new_path, settings, options)
    if old_failures or new_failures:
        return Comparison([], as_of, old_failures + new_failures)
    return compare(old, new, as_of)


# --- rendering ------------------------------------------------------------------------------

def word_diff(old: str, new: str) -> str:
    """Reworded text with removed words as [-...-] and added words as {+...+}."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def label(value: object, empty: str = "none") -> str:
    """A value as a person reads it: text in quotes, a section as its path, a status as its label."""
    if value is None or value == []:
        return f"({empty})"
    if isinstance(value, list):
        return f"\u201c{SECTION_JOIN.join(value)}\u201d"
    return f"\u201c{value}\u201d"


def status_label(status: str | None) -> str:
    return status.replace("_", " ").capitalize() if status else "(no status)"


def describe(pair: Pair) -> list[str]:
    old, new = pair.old, pair.new
    record = new or old
    assert record is not None
    head = f"{pair.kind.upper():<10} {textwrap.shorten(record.action, 90, placeholder=' …')}"
    lines = [head]
    if pair.warning:
        lines.append(f"    warning: {pair.warning}")
    if old and new:
        if pair.status_change:
            lines.append(f"    status: {status_label(old.status)} -> {status_label(new.status)} "
                         f"({pair.status_change})")
        if pair.completion:
            lines.append(f"    completed {pair.completion}")
        if pair.slip_days:
            lines.append(f"    due: {old.due_date} -> {new.due_date} ({pair.slip_days:+d} days)")
        elif "due_text" in pair.changed_fields:
            lines.append(f"    due: {label(old.due_text)} -> {label(new.due_text)}")
        if "lead" in pair.changed_fields:
            lines.append(f"    lead: {label(old.lead)} -> {label(new.lead)}")
        if "action" in pair.changed_fields:
            lines.append(f"    reworded ({pair.similarity:.0%} alike): {word_diff(old.action, new.action)}")
        for name in ("theme", "section"):
            if name in pair.changed_fields:
                lines.append(f"    {name}: {label(getattr(old, name))} -> {label(getattr(new, name))}")
    if pair.newly_overdue:
        lines.append("    newly overdue")
    return lines


def render_text(comparison: Comparison) -> str:
    if comparison.failures:
        return "".join(f"cannot read: {f.reason}\n" for f in comparison.failures)
    counts = comparison.counts()
    out = ["Summary: " + ", ".join(f"{n} {k}" for k, n in counts.items()),
           f"Total slip: {comparison.slip_days:+d} days; newly overdue: "
           f"{len(comparison.newly_overdue)}" + (f" (as of {comparison.as_of})" if comparison.as_of else "")]
    themes: dict[str, list[Pair]] = {}
    for pair in comparison.pairs:
        if pair.kind != "unchanged":
            themes.setdefault(pair.theme, []).append(pair)
    for theme, pairs in themes.items():
        out += ["", theme]
        for pair in pairs:
            out += ["  " + line for line in describe(pair)]
    if not themes:
        out += ["", "No changes."]
    return "\n".join(printable(line) for line in out) + "\n"  # document text cannot drive a terminal


def diff_report(comparison: Comparison) -> dict[str, Any]:
    """The report as data: `--format json` prints it and `-o changes.json` writes it."""
    return {"summary": comparison.counts(), "slip_days": comparison.slip_days,
            "as_of": comparison.as_of, "pairs": rows(comparison)}


def rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per action pair: the comparison, then old_* and new_* for the schema's fields."""
    out = []
    for pair in comparison.pairs:
        row: dict[str, Any] = {
            "kind": pair.kind, "match_method": pair.match_method, "match_score": pair.match_score,
            "changed_fields": pair.changed_fields, "status_change": pair.status_change,
            "slip_days": pair.slip_days, "warning": pair.warning, "completion": pair.completion,
            "newly_overdue": pair.newly_overdue,
        }
        for prefix, record in (("old", pair.old), ("new", pair.new)):
            values = record.to_dict() if record else dict.fromkeys(FIELDS)
            row.update({f"{prefix}_{name}": values[name] for name in FIELDS})
        out.append(row)
    return out
