"""The column-wording and layout samples in samples/cases/ (built by samples/build_layouts_samples.py):
each DOCX and PDF through the real pipeline against its hand-written expected records, and the two
formats agree.

A case the pipeline does not read right yet is marked `xfail(strict=True)` with what goes wrong,
so the fix that makes it pass must also remove the mark.
"""

from __future__ import annotations

import zipfile
from datetime import date

import pdfplumber
import pytest
from actionplan.normalise import normalise

from actionplan import ingest

from .conftest import EXPECTED, SAMPLES, assert_same_records, load_jsonl

CASES = SAMPLES / "cases"

NAMES = (
    "columns_two_row_header", "columns_wrapped_header", "columns_footnotes", "columns_unknown_headers",
    "columns_header_like_row", "columns_us_dates", "layout_unruled_zero_gap", "layout_unruled_sections",
    "layout_interrupted_rules", "layout_split_per_page",
)
#: provenance written in the expected files for the DOCX only: a PDF counts its tables per page
DOCX_ONLY = ("table", "row")
DATES = ("due_date", "plan_updated")

#: (sample, format) -> what goes wrong today; every case is read right
FAILING: dict[tuple[str, str], str] = {}
#: sample -> why its DOCX and PDF disagree today
DISAGREEING: dict[str, str] = {}


def records(path):
    return normalise(ingest.read(path)).records


def differences(got, want: list[dict], fmt: str) -> list[str]:
    """Every field of every record that differs from the expected one, as readable lines."""
    if len(got) != len(want):
        return [f"{len(got)} records, expected {len(want)}: "
                f"{[r.action[:30] for r in got][:8]}"]
    found = []
    for record, expected in zip(got, want, strict=True):
        values = record.to_dict()
        for name, value in expected.items():
            if name in DOCX_ONLY and fmt != "docx":
                continue
            if name in DATES and value:
                value = date.fromisoformat(value)
            have = values[name]
            if name == "flags":
                have, value = sorted(have), sorted(value)
            if have != value:
                found.append(f"{expected['ref'] or expected['action'][:20]}: {name} {have!r} != {value!r}")
    return found


def case(name: str, fmt: str):
    reason = FAILING.get((name, fmt))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(name, fmt, marks=marks, id=f"{name}.{fmt}")


@pytest.mark.parametrize(("name", "fmt"), [case(n, f) for n in NAMES for f in ("docx", "pdf")])
def test_sample_gives_its_expected_records(name, fmt):
    want = load_jsonl(EXPECTED / f"{name}.jsonl")
    got = records(CASES / f"{name}.{fmt}")
    wrong = differences(got, want, fmt)
    assert not wrong, f"{name}.{fmt}: {len(wrong)} differences\n" + "\n".join(wrong[:12])


def agreement(name: str):
    reason = DISAGREEING.get(name)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [agreement(n) for n in NAMES])
def test_pdf_agrees_with_its_docx_original(name):
    assert_same_records(records(CASES / f"{name}.pdf"), records(CASES / f"{name}.docx"), name)


# --- the samples are what their names say -----------------------------------------------------

def xml(name: str) -> str:
    return zipfile.ZipFile(CASES / f"{name}.docx").read("word/document.xml").decode()


def page_lines(name: str) -> list[list[str]]:
    with pdfplumber.open(CASES / f"{name}.pdf") as pdf:
        return [(page.extract_text() or "").splitlines() for page in pdf.pages]


def test_expected_files_cover_every_sample_with_12_to_30_actions():
    for name in NAMES:
        assert 12 <= len(load_jsonl(EXPECTED / f"{name}.jsonl")) <= 30, name


def test_word_structure_of_the_samples():
    assert xml("columns_two_row_header").count("<w:tblHeader") == 2
    assert xml("columns_two_row_header").count('<w:gridSpan w:val="2"/>') == 2
    assert "<w:tblHeader" not in xml("columns_header_like_row")
    assert 'w:insideH w:val="nil"' in xml("layout_unruled_zero_gap")
    assert "<w:tblCellMar>" not in xml("layout_unruled_zero_gap")
    sections = xml("layout_unruled_sections")
    assert sections.count('<w:gridSpan w:val="5"/>') == 8 and 'w:insideV w:val="nil"' in sections
    rules = xml("layout_interrupted_rules")
    assert '<w:insideH w:val="single"' in rules and 'w:insideV w:val="nil"' in rules
    assert "<w:vMerge" in rules and rules.count('<w:gridSpan w:val="7"/>') == 3
    assert 'w:orient="landscape"' in rules
    split = xml("layout_split_per_page")
    assert split.count("<w:tbl>") == 3 and split.count('<w:pageBreakBefore/>') == 2


def test_printed_layouts_show_what_they_test():
    wrapped = page_lines("columns_wrapped_header")[0]
    start = next(i for i, line in enumerate(wrapped) if line.startswith("No. Action"))
    assert [line.split()[-1] for line in wrapped[start:start + 3]] == ["Current", "status", "date"]
    assert "Timeline¹⁰" in page_lines("columns_footnotes")[0][3]
    second_page = page_lines("columns_header_like_row")[1]
    assert second_page[0].startswith("Objective 5: 5.1 Action plan review")
    split = page_lines("layout_split_per_page")
    assert len(split) == 3 and "# Action Lead Due date Status Progress" in split[0]
    assert all(page[0] == "# Action Lead Due date Status Progress" for page in split[1:])
    assert split[1][1].startswith("to support changes") and split[2][1].startswith("and publish")
    assert len(page_lines("layout_interrupted_rules")) == 2
