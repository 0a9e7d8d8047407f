"""Due text to a date: UK day-first, month names, financial quarters and years, recurrences.

Periods resolve to their LAST day. Nothing here reads the clock: the same text gives the same
answer on every day the tool runs.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
SEASON_END = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "fall": (0, 11),
              "winter": (1, 2)}

ISO_DATE = re.compile(r"(?<![\d/.\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d/])")
NUMERIC_DATE = re.compile(
    r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/])")
DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+{MONTH},?[\s\-]+(?P<y>\d{{4}}|\d{{2}})\b",
    re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(
    rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
QUARTER = re.compile(
    r"\b(?:Q|quarter\s*)(?P<q>[1-4])(?:\s*of)?[\s,\-]*(?:FY\s*)?"
    r"(?P<y1>\d{4}|\d{2})(?:\s*[/\-]\s*(?P<y2>\d{4}|\d{2}))?\b", re.IGNORECASE)
FINANCIAL_YEAR = re.compile(
    r"(?<![\d/])(?:FY\s*)?(?P<y1>(?:19|20)?\d{2})\s*[/\-]\s*(?P<y2>\d{4}|\d{2})(?![\d/])",
    re.IGNORECASE)
FY_SHORT = re.compile(r"\bFY\s*(?P<y2>\d{4}|\d{2})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b{MONTH}(?:\s*[\-'’,]\s*|\s+)(?P<y>\d{{4}}|\d{{2}})\b", re.IGNORECASE)
SEASON_YEAR = re.compile(
    r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?P<y>\d{4}|\d{2})\b", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})(?![\d/])")

#: "bi-monthly", "6 monthly", "six-monthly" name no period of the enum, so they are no match
NOT_MULTIPLE = r"(?<![\w-])(?<!\d )(?<!six )(?<!two )"
RECURRENCE = [
    ("weekly", re.compile(rf"{NOT_MULTIPLE}(weekly|every week|each week|per week|a week)\b", re.I)),
    ("monthly", re.compile(rf"{NOT_MULTIPLE}(monthly|every month|each month|per month|a month)\b",
                           re.I)),
    ("quarterly", re.compile(rf"{NOT_MULTIPLE}(quarterly|every quarter|each quarter|per quarter)\b",
                             re.I)),
    ("annually", re.compile(rf"{NOT_MULTIPLE}(annually|annual|yearly|every year|each year|per year)\b",
                            re.I)),
]
ONGOING = re.compile(r"\b(on-?going|continuous|continual|continuing|bau|business as usual)\b", re.I)


@dataclass(frozen=True)
class Due:
    """What a due text says: the date (last day of the period), its precision, any recurrence."""

    due_date: date | None = None
    due_kind: str | None = None
    recurrence: str | None = None
    flags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    day: date
    kind: str
    ambiguous: bool = False


def year_of(text: str) -> int:
    value = int(text)
    return 2000 + value if len(text) <= 2 else value


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(first_year: int, quarter: int) -> date:
    """UK financial quarters: Q1 Apr-Jun ... Q4 Jan-Mar of the following year."""
    if quarter == 4:
        return month_end(first_year + 1, 3)
    return month_end(first_year, 3 + 3 * quarter)


def consecutive_years(y1: str, y2: str) -> tuple[int, int] | None:
    first = year_of(y1)
    second = year_of(y2) if len(y2) == 4 else (first // 100) * 100 + int(y2)
    return (first, second) if second == first + 1 else None


Reading = tuple[date, str, bool] | None  # (last day, precision, ambiguous)


def _safe(make: Callable[[], date]) -> date | None:
    try:
        return make()
    except ValueError:
        return None


def _iso(m: re.Match[str], _month_first: bool) -> Reading:
    day = _safe(lambda: date(int(m["y"]), int(m["m"]), int(m["d"])))
    return (day, "date", False) if day else None


def _numeric(m: re.Match[str], month_first: bool) -> Reading:
    a, b = int(m["a"]), int(m["b"])
    day_of_month, month = (b, a) if month_first else (a, b)
    day = _safe(lambda: date(year_of(m["y"]), month, day_of_month))
    return (day, "date", False) if day else None


def _named_day(m: re.Match[str], _month_first: bool) -> Reading:
    day = _safe(lambda: date(year_of(m["y"]), MONTHS[m["month"].lower()], int(m["day"])))
    return (day, "date", False) if day else None


def _quarter(m: re.Match[str], _month_first: bool) -> Reading:
    if not m["y2"]:
        return quarter_end(year_of(m["y1"]), int(m["q"])), "quarter", True
    years = consecutive_years(m["y1"], m["y2"])
    return (quarter_end(years[0], int(m["q"])), "quarter", False) if years else None


def _financial_year(m: re.Match[str], _month_first: bool) -> Reading:
    years = consecutive_years(m["y1"], m["y2"])
    return (date(years[1], 3, 31), "year", False) if years else None


def _fy_short(m: re.Match[str], _month_first: bool) -> Reading:
    return date(year_of(m["y2"]), 3, 31), "year", False


def _month_year(m: re.Match[str], _month_first: bool) -> Reading:
    return month_end(year_of(m["y"]), MONTHS[m["month"].lower()]), "month", False


def _season(m: re.Match[str], _month_first: bool) -> Reading:
    extra_year, month = SEASON_END[m["season"].lower()]
    return month_end(year_of(m["y"]) + extra_year, month), "month", False


def _year(m: re.Match[str], _month_first: bool) -> Reading:
    return date(int(m["y"]), 12, 31), "year", False


#: most precise first: a span read by one pattern is not read again by a later one
PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], bool], Reading]], ...] = (
    (ISO_DATE, _iso), (NUMERIC_DATE, _numeric), (DAY_MONTH_YEAR, _named_day),
    (MONTH_DAY_YEAR, _named_day), (QUARTER, _quarter), (FINANCIAL_YEAR, _financial_year),
    (FY_SHORT, _fy_short), (MONTH_YEAR, _month_year), (SEASON_YEAR, _season), (YEAR, _year),
)


def _find_all(text: str, month_first: bool) -> list[_Found]:
    """Every date or period named, left to right."""
    found: list[_Found] = []
    taken = [False] * len(text)
    for pattern, convert in PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            reading = convert(m, month_first)
            if reading is None:
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            found.append(_Found(m.start(), m.end(), *reading))
    return sorted(found, key=lambda f: f.start)


def only_month_first(texts: Iterable[str | None]) -> bool:
    """Do these due texts write numeric dates month first? Only when some can be read no other
    way ("03/20/2025": no 20th month) and none can only be read day first; where both orders
    fit, day first (the UK order) stands."""
    month_first = day_first = 0
    for text in texts:
        for m in NUMERIC_DATE.finditer(text or ""):
            a, b = int(m["a"]), int(m["b"])
            month_first += a <= 12 < b
            day_first += b <= 12 < a
    return month_first > 0 and day_first == 0


def recurrence_of(text: str) -> str | None:
    for name, pattern in RECURRENCE:
        if pattern.search(text):
            return name
    return None


def read_due(text: str | None, month_first: bool = False) -> Due:
    """Read a due text; empty gives all nulls, text with no date or recurrence is `unparsed`."""
    if not text or not text.strip():
        return Due()
    try:
        found = _find_all(text, month_first)
    except (ValueError, OverflowError):
        found = []
    recurrence = recurrence_of(text)
    if found:
        last = found[-1]
        flags = []
        if len({f.day for f in found}) > 1:
            flags.append("due_revised")
        if last.ambiguous:
            flags.append("due_ambiguous")
        return Due(last.day, last.kind, recurrence, tuple(flags))
    if ONGOING.search(text):
        return Due(None, "ongoing", recurrence)
    if recurrence:
        return Due(None, "recurring", recurrence)
    return Due(None, "unparsed", None)
