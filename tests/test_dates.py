"""Due texts: at least 60 forms, each read the same under two different frozen clocks."""

from __future__ import annotations

from datetime import date

import pytest
from actionplan.normalise.dates import Due, read_due
from freezegun import freeze_time

D = date
CASES = [
    # day first, 2- and 4-digit years
    ("15/4/20", D(2020, 4, 15), "date", None),
    ("15/04/2020", D(2020, 4, 15), "date", None),
    ("15.04.2020", D(2020, 4, 15), "date", None),
    ("15-4-20", D(2020, 4, 15), "date", None),
    ("1/6/21", D(2021, 6, 1), "date", None),
    ("31/12/20", D(2020, 12, 31), "date", None),
    ("30/9/20", D(2020, 9, 30), "date", None),
    ("2021-03-31", D(2021, 3, 31), "date", None),
    ("15 April 2020", D(2020, 4, 15), "date", None),
    ("15th Apr 2020", D(2020, 4, 15), "date", None),
    ("1st September 2020", D(2020, 9, 1), "date", None),
    ("2nd Feb 2021", D(2021, 2, 2), "date", None),
    ("23rd of March 2022", D(2022, 3, 23), "date", None),
    ("31 Dec 21", D(2021, 12, 31), "date", None),
    ("by 30/06/2021", D(2021, 6, 30), "date", None),
    ("September 1, 2020", D(2020, 9, 1), "date", None),
    ("March 31st 2021", D(2021, 3, 31), "date", None),
    # months
    ("March 2019", D(2019, 3, 31), "month", None),
    ("Mar-19", D(2019, 3, 31), "month", None),
    ("Mar 19", D(2019, 3, 31), "month", None),
    ("by December 2018", D(2018, 12, 31), "month", None),
    ("End of March 2021", D(2021, 3, 31), "month", None),
    ("Two sessions by December 2018", D(2018, 12, 31), "month", None),
    ("October 2019", D(2019, 10, 31), "month", None),
    ("February 2024", D(2024, 2, 29), "month", None),
    ("Feb 2023", D(2023, 2, 28), "month", None),
    ("Sept 2020", D(2020, 9, 30), "month", None),
    ("June '21", D(2021, 6, 30), "month", None),
    ("Spring 2021", D(2021, 5, 31), "month", None),
    ("Summer 2021", D(2021, 8, 31), "month", None),
    ("Autumn 2021", D(2021, 11, 30), "month", None),
    ("Winter 2021", D(2022, 2, 28), "month", None),
    # financial quarters and years
    ("Q3 2020/21", D(2020, 12, 31), "quarter", None),
    ("Q3 20/21", D(2020, 12, 31), "quarter", None),
    ("Q1 2021/22", D(2021, 6, 30), "quarter", None),
    ("Q2 2021-22", D(2021, 9, 30), "quarter", None),
    ("Q4 2020/21", D(2021, 3, 31), "quarter", None),
    ("Quarter 4 2019/20", D(2020, 3, 31), "quarter", None),
    ("2020/21", D(2021, 3, 31), "year", None),
    ("2020-21", D(2021, 3, 31), "year", None),
    ("FY20/21", D(2021, 3, 31), "year", None),
    ("2019/2020", D(2020, 3, 31), "year", None),
    ("2021", D(2021, 12, 31), "year", None),
    ("by end of 2021", D(2021, 12, 31), "year", None),
    # ongoing and recurring
    ("Ongoing", None, "ongoing", None),
    ("Ongoing for every project", None, "ongoing", None),
    ("On-going", None, "ongoing", None),
    ("Continuous", None, "ongoing", None),
    ("BAU", None, "ongoing", None),
    ("Ongoing and review quarterly", None, "ongoing", "quarterly"),
    ("Ongoing and Review quarterly", None, "ongoing", "quarterly"),
    ("Ongoing and quarterly report from key providers", None, "ongoing", "quarterly"),
    ("Ongoing and quarterly review", None, "ongoing", "quarterly"),
    ("Quarterly", None, "recurring", "quarterly"),
    ("Quarterly review", None, "recurring", "quarterly"),
    ("Review quarterly", None, "recurring", "quarterly"),
    ("Monthly reporting", None, "recurring", "monthly"),
    ("Annually", None, "recurring", "annually"),
    ("Weekly", None, "recurring", "weekly"),
    ("Group formed – to continue to meet on weekly basis", None, "recurring", "weekly"),
    # a date and a recurrence
    ("Review annually; March 2019", D(2019, 3, 31), "month", "annually"),
    ("March 2019 and review quarterly", D(2019, 3, 31), "month", "quarterly"),
    # no date to be read
    ("When funding is agreed", None, "unparsed", None),
    ("TBC", None, "unparsed", None),
    ("N/A", None, "unparsed", None),
    ("Complete", None, "unparsed", None),
    ("Communications and Engagement Strategy", None, "unparsed", None),
    ("<18 weeks", None, "unparsed", None),
    ("31/02/2021", None, "unparsed", None),
    ("Six monthly", None, "unparsed", None),
    ("bi-monthly", None, "unparsed", None),
]


@pytest.mark.parametrize("clock", ["2020-01-01", "2031-07-15"])
@pytest.mark.parametrize(("text", "due_date", "kind", "recurrence"), CASES)
def test_due_text(clock, text, due_date, kind, recurrence):
    with freeze_time(clock):
        due = read_due(text)
    assert (due.due_date, due.due_kind, due.recurrence) == (due_date, kind, recurrence)


def test_enough_forms():
    assert len(CASES) >= 60


@pytest.mark.parametrize(("text", "flags", "due_date"), [
    ("Dec 2020, revised to March 2021", ("due_revised",), D(2021, 3, 31)),
    ("Q1 2021", ("due_ambiguous",), D(2021, 6, 30)),
    ("30/6/20 now 30/9/20", ("due_revised",), D(2020, 9, 30)),
    ("March 2019", (), D(2019, 3, 31)),
])
def test_due_flags(text, flags, due_date):
    due = read_due(text)
    assert due.flags == flags and due.due_date == due_date


def test_empty_due_is_all_null():
    assert read_due("") == Due() == read_due("   ") == read_due(None)


def test_month_first_switch():
    assert read_due("4/15/20", month_first=True).due_date == D(2020, 4, 15)
    assert read_due("4/15/20").due_kind == "unparsed"
