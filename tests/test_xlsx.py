"""Spreadsheets in and out: the XLSX reader on samples and on small workbooks made here with
openpyxl, bad workbooks, and the typed XLSX output read back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime

import pytest
from actionplan.ingest.xlsx_colours import tinted
from actionplan.ingest.xlsx_values import date_text, general, shown_text
from actionplan.normalise import FIELDS, normalise
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Color, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from actionplan import export, ingest
from actionplan.cli import cli

from .conftest import SAMPLES, assert_same_records

SPREADSHEETS = ["seed_000_health_inequalities", "seed_004_equality_diversity",
                "wres_action_plan_shading"]
HEADER = ["Ref", "Theme", "Action", "Lead", "By when", "Status"]
BAD = SAMPLES.parent / "tests" / "files"


def records(path):
    return normalise(ingest.read(path)).records


def save(workbook: Workbook, path):
    workbook.save(path)
    return path


def plan_workbook(rows, title="Plan") -> tuple[Workbook, object]:
    workbook = Workbook()
    ws = workbook.active
    ws.title = title
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    return workbook, ws


# --- samples ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SPREADSHEETS)
def test_spreadsheet_sample_agrees_with_its_word_original(name):
    from_xlsx, from_docx = records(SAMPLES / f"{name}.xlsx"), records(SAMPLES / f"{name}.docx")
    assert_same_records(from_xlsx, from_docx, name)
    assert {r.source_format for r in from_xlsx} == {"xlsx"}
    assert all(r.page is None and r.sheet and r.table == 1 for r in from_xlsx)
    # rows count from the table's header row, as in Word, not from the top of the sheet
    assert [r.row for r in from_xlsx] == [r.row for r in from_docx]


def test_samples_hold_what_they_claim():
    """The WRES workbook's RAG colours come from a theme colour with a tint, a plain fill and a
    conditional format; its ref W5 is a formula with a stored value."""
    path = SAMPLES / "wres_action_plan_shading.xlsx"
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<f>" in sheet and b'theme="6"' in zipfile.ZipFile(path).read("xl/styles.xml")
    by_ref = {r.ref: r for r in records(path)}
    assert by_ref["W5"].action.startswith("Publish the WRES")
    assert (by_ref["W1"].rag, by_ref["W4"].rag, by_ref["W3"].rag) == ("green", "amber", "red")
    assert by_ref["W2"].status == "in_progress"  # amber means "In progress" on the key sheet


def test_hidden_parts_of_samples_are_reported_not_read():
    result = normalise(ingest.read(SAMPLES / "seed_004_equality_diversity.xlsx"))
    assert not any("check with the lead" in str(r.extra) for r in result.records)
    assert any(item.reason == "hidden column H of sheet 'EDS2 plan'" for item in result.residue)
    hidden_sheet = normalise(ingest.read(SAMPLES / "seed_000_health_inequalities.xlsx")).residue
    assert any(item.reason == "hidden sheet 'Lists' not read" for item in hidden_sheet)


# --- the reader, one feature at a time --------------------------------------------------------

def test_title_block_and_update_date_above_the_table(tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws["A1"] = "County Council Equality Action Plan"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = "Last updated"
    ws["B2"] = datetime(2023, 3, 1)
    ws["B2"].number_format = "d mmmm yyyy"
    ws.append([])
    ws.append(HEADER)
    ws.append(["1", "Access", "Publish the plan", "Chief Executive", "March 2024", "On track"])
    document = ingest.read(save(workbook, tmp_path / "plan.xlsx"))
    assert [line.text for line in document.lines] == ["County Council Equality Action Plan",
                                                      "Last updated 1 March 2023"]
    assert document.tables[0].rows[0] == HEADER
    (record,) = normalise(document).records
    assert (record.plan_title, record.plan_updated) == ("County Council Equality Action Plan",
                                                        date(2023, 3, 1))
    assert (record.table, record.row, record.sheet) == (1, 2, "Sheet")


def test_merged_grouping_cell_gives_its_value_once_and_rows_below_inherit(tmp_path):
    workbook, ws = plan_workbook([
        ["1", "Governance", "Form a group", "Chair", "May 2021", "Complete"],
        ["2", None, "Agree terms", "Chair", "June 2021", "Complete"],
        ["3", None, "Report to board", "Secretary", "July 2021", "On track"],
    ])
    ws.merge_cells("B2:B4")
    path = save(workbook, tmp_path / "merged.xlsx")
    table = ingest.read(path).tables[0]
    assert [row[1] for row in table.rows] == ["Theme", "Governance", "", ""]
    assert [r.theme for r in records(path)] == ["Governance"] * 3


def test_merged_row_across_the_table_is_a_section_heading(tmp_path):
    workbook, ws = plan_workbook([
        ["Goal 1: Better health outcomes"],
        ["1", "Access", "Audit access", "Lead", "2021", "Complete"],
    ])
    ws.merge_cells("A2:F2")
    path = save(workbook, tmp_path / "section.xlsx")
    assert ingest.read(path).tables[0].spanning_rows == frozenset({1})
    assert records(path)[0].section == ["Goal 1: Better health outcomes"]


@pytest.mark.parametrize(("stored", "number_format", "shown"), [
    (datetime(2020, 4, 15), "d/m/yy", "15/4/20"),
    (datetime(2021, 6, 30), "dd/mm/yyyy", "30/06/2021"),
    (datetime(2019, 3, 1), "mmmm yyyy", "March 2019"),
    (datetime(2024, 3, 1), "mmm-yy", "Mar-24"),
    (datetime(2020, 9, 1), "d mmmm yyyy", "1 September 2020"),
    (datetime(2022, 1, 14), "[$-809]dd mmm yyyy;@", "14 Jan 2022"),
    (datetime(2022, 1, 14, 9, 5), "dd/mm/yyyy hh:mm", "14/01/2022 09:05"),
    (1.1, "General", "1.1"),
    (3.0, "General", "3"),
    (2.5, "0.00", "2.50"),
    (1234.5, "#,##0", "1,234"),
    (0.25, "0%", "25%"),
])
def test_cells_read_as_the_sheet_shows_them(tmp_path, stored, number_format, shown):
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", stored, "Complete"]])
    ws["E2"].number_format = number_format
    table = ingest.read(save(workbook, tmp_path / "values.xlsx")).tables[0]
    assert table.rows[1][4] == shown


def test_serial_dates_give_due_dates(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", datetime(2020, 4, 15), "Complete"]])
    ws["E2"].number_format = "d/m/yy"
    (record,) = records(save(workbook, tmp_path / "serial.xlsx"))
    assert (record.due_text, record.due_date, record.due_kind) == ("15/4/20", date(2020, 4, 15), "date")


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 12, 31)))
def test_date_formats_agree_with_strftime(day):
    assert date_text(day, "dd/mm/yyyy") == day.strftime("%d/%m/%Y")
    assert date_text(day, "d mmmm yyyy") == f"{day.day} {day.strftime('%B %Y')}"
    assert date_text(day, "mmm-yy") == day.strftime("%b-%y")
    assert date_text(day, "dddd") == day.strftime("%A")


@given(st.integers(min_value=-10**14, max_value=10**14))
def test_general_format_shows_integers_without_a_decimal_point(n):
    assert general(float(n)) == str(n)
    assert shown_text(float(n), "General", False) == str(n)


CELL_TEXT = st.text(st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="="),
                    min_size=1, max_size=20).map(lambda text: text.strip() or "x")
GRIDS = st.integers(3, 6).flatmap(lambda width: st.lists(
    st.lists(st.one_of(CELL_TEXT, st.integers(-10**9, 10**9)), min_size=width, max_size=width),
    min_size=1, max_size=6))


@settings(max_examples=25, deadline=None)
@given(GRIDS)
def test_a_full_grid_reads_back_as_written(tmp_path_factory, grid):
    """Whatever the text and numbers, a sheet of full rows is one table of exactly those cells."""
    workbook = Workbook()
    for row in grid:
        workbook.active.append(row)
    path = save(workbook, tmp_path_factory.mktemp("grid") / "grid.xlsx")
    (table,) = ingest.read(path).tables
    assert table.rows == [[str(cell) for cell in row] for row in grid]


@pytest.mark.parametrize(("theme", "tint", "excel_shows"), [
    ("4472C4", 0.3999755851924192, "8EA9DB"),   # Blue, Accent 1, Lighter 40%
    ("4472C4", -0.249977111117893, "2F5597"),   # Blue, Accent 1, Darker 25%
    ("70AD47", 0.5999938962981048, "C6E0B4"),   # Green, Accent 6, Lighter 60%
    ("ED7D31", -0.499984740745262, "833C0C"),   # Orange, Accent 2, Darker 50%
])
def test_tint_matches_excels_palette_within_rounding(theme, tint, excel_shows):
    got = tinted(theme, tint)
    assert all(abs(int(got[i:i + 2], 16) - int(excel_shows[i:i + 2], 16)) <= 1 for i in (0, 2, 4))


def test_theme_colour_with_tint_is_the_status_fill(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", "2021", None]])
    ws["F2"].fill = PatternFill("solid", fgColor=Color(theme=6, tint=0.3999755851924192))
    path = save(workbook, tmp_path / "theme.xlsx")
    fill = ingest.read(path).tables[0].fills[1][5]
    assert fill is not None and fill != "000000"
    (record,) = records(path)
    assert (record.rag, record.status, record.flags) == ("green", "on_track", ["status_from_colour"])


def test_conditional_format_fill_is_read_where_the_rule_holds(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Act one", "Lead", "2021", "R"],
                                  ["2", "A", "Act two", "Lead", "2021", "G"]])
    ws.conditional_formatting.add("F2:F3", CellIsRule(operator="equal", formula=['"R"'],
                                                      fill=PatternFill(bgColor="FF0000")))
    table = ingest.read(save(workbook, tmp_path / "cf.xlsx")).tables[0]
    assert [row[5] for row in table.fills[1:]] == ["FF0000", None]


def test_formula_is_read_by_its_stored_value():
    table = ingest.read(SAMPLES / "wres_action_plan_shading.xlsx").tables[0]
    assert [row[0] for row in table.rows] == ["Ref", "W1", "W2", "W3", "W4", "W5", "W6"]


def test_formula_without_a_stored_value_is_an_error_naming_the_cell(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", "2021", "Complete"]])
    ws["A3"] = "=A2+1"
    with pytest.raises(ingest.FileCorrupt, match=r"sheet 'Plan' cell A3 holds a formula with no stored"):
        ingest.read(save(workbook, tmp_path / "formula.xlsx"))


def test_hidden_rows_and_columns_are_skipped_and_reported(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Visible action", "Lead", "2021", "Complete"],
                                  ["2", "A", "Hidden action", "Lead", "2021", "Complete"],
                                  ["3", "A", "Last action", "Lead", "2021", "Complete"]])
    ws["G1"], ws["G2"] = "Internal", "do not publish"
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["G"].hidden = True
    result = normalise(ingest.read(save(workbook, tmp_path / "hidden.xlsx")))
    assert [(r.action, r.row) for r in result.records] == [("Visible action", 2), ("Last action", 3)]
    reasons = {item.reason: item.text for item in result.residue}
    assert reasons["hidden row 3 of sheet 'Plan'"].startswith("2 | A | Hidden action")
    assert reasons["hidden column G of sheet 'Plan'"] == "Internal | do not publish"


def test_validation_list_on_status_joins_the_vocabulary_for_that_file(tmp_path):
    rows = [["1", "A", "Act", "Lead", "2021", "Behind plan"]]
    plain = records(save(plan_workbook(rows)[0], tmp_path / "plain.xlsx"))[0]
    workbook, ws = plan_workbook(rows)
    listed = DataValidation(type="list", formula1='"Complete,On track,Behind plan"')
    listed.add("F2:F50")
    ws.add_data_validation(listed)
    path = save(workbook, tmp_path / "listed.xlsx")
    assert ingest.read(path).tables[0].choices == {5: ("Complete", "On track", "Behind plan")}
    with_list = records(path)[0]
    assert (plain.status, plain.flags) == (None, ["status_unrecognised"])
    assert (with_list.status, with_list.status_score) == ("delayed", 1.0)


def test_validation_list_from_a_range_on_another_sheet(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", "2021", "Done"]])
    lists = workbook.create_sheet("Lists")
    for label in ("Done", "Doing", "To do"):
        lists.append([label])
    listed = DataValidation(type="list", formula1="Lists!$A$1:$A$3")
    listed.add("F2:F9")
    ws.add_data_validation(listed)
    assert ingest.read(save(workbook, tmp_path / "range.xlsx")).tables[0].choices == {
        5: ("Done", "Doing", "To do")}


def test_a_section_row_after_a_spacer_row_carries_on_the_table(tmp_path):
    workbook, ws = plan_workbook([["Goal 1: Access"],
                                  ["1", "A", "First action", "Lead", "2021", "Complete"],
                                  [],
                                  ["Goal 2: Experience"],
                                  ["2", "B", "Second action", "Lead", "2022", "On track"]])
    ws.merge_cells("A2:F2")
    ws.merge_cells("A5:F5")
    document = ingest.read(save(workbook, tmp_path / "spacer.xlsx"))
    assert [t.rows[0][0] for t in document.tables] == ["Ref", "Goal 2: Experience"]
    assert document.tables[1].may_continue and not document.lines
    got = records(tmp_path / "spacer.xlsx")
    assert [(r.action, r.section, r.table, r.row) for r in got] == [
        ("First action", ["Goal 1: Access"], 1, 3), ("Second action", ["Goal 2: Experience"], 2, 2)]


def test_tables_separated_by_blank_rows_and_sheets_are_tables_of_their_own(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "First", "Lead", "2021", "Complete"]])
    ws.append([])
    ws.append(["Key", "Meaning"])
    ws.append(["Green", "On track"])
    second = workbook.create_sheet("Phase 2")
    second.append(HEADER)
    second.append(["9", "B", "Second sheet action", "Lead", "2022", "On track"])
    document = ingest.read(save(workbook, tmp_path / "many.xlsx"))
    assert [(t.index, t.sheet, len(t.rows)) for t in document.tables] == [
        (1, "Plan", 2), (2, "Plan", 2), (3, "Phase 2", 2)]
    got = records(tmp_path / "many.xlsx")
    assert [(r.action, r.table, r.row, r.sheet) for r in got] == [
        ("First", 1, 2, "Plan"), ("Second sheet action", 3, 2, "Phase 2")]


def titled_sheet(workbook: Workbook, name: str, title: str | None, updated: datetime | None,
                 action: str) -> None:
    ws = workbook.create_sheet(name)
    if title:
        ws.append([title])
    if updated:
        ws.append(["Last updated", updated])
        ws.cell(ws.max_row, 2).number_format = "d mmmm yyyy"
    ws.append([])
    ws.append(HEADER)
    ws.append(["1", "A", action, "Lead", "2024", "On track"])


def test_each_sheet_takes_its_own_title_block(tmp_path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    key = workbook.create_sheet("Key")
    key.append(["Colour", "Meaning"])
    key.append(["Green", "On track"])
    titled_sheet(workbook, "Adults", "Adult Services Action Plan", datetime(2024, 1, 31), "First")
    titled_sheet(workbook, "Children", "Children's Services Action Plan", datetime(2024, 2, 29),
                 "Second")
    titled_sheet(workbook, "Adults (cont.)", None, None, "Third")
    got = records(save(workbook, tmp_path / "sheets.xlsx"))
    assert [(r.action, r.sheet, r.plan_title, r.plan_updated) for r in got] == [
        ("First", "Adults", "Adult Services Action Plan", date(2024, 1, 31)),
        ("Second", "Children", "Children's Services Action Plan", date(2024, 2, 29)),
        ("Third", "Adults (cont.)", "Adult Services Action Plan", date(2024, 1, 31)),
    ]


def test_xlsm_is_read_like_xlsx(tmp_path):
    workbook, _ws = plan_workbook([["1", "A", "Act", "Lead", "2021", "Complete"]])
    data = io.BytesIO()
    workbook.save(data)
    path = tmp_path / "macro.xlsm"
    path.write_bytes(data.getvalue())
    assert ingest.detect_format(path.read_bytes(), str(path)) == "xlsx"
    assert records(path)[0].action == "Act"


# --- bad spreadsheets -----------------------------------------------------------------------

def truncated(tmp_path):
    data = (SAMPLES / "wres_action_plan_shading.xlsx").read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def no_cached_value(tmp_path):
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", "2021", "Complete"]])
    ws["B2"] = '=UPPER("a")'
    return save(workbook, tmp_path / "uncached.xlsx")


@pytest.mark.parametrize(("make", "error", "message"), [
    (truncated, ingest.FileCorrupt, "not an Excel workbook (corrupt or truncated zip file)"),
    (lambda _: BAD / "password_protected.xlsx", ingest.FileEncrypted,
     "a password-protected Excel workbook: remove the password"),
    (lambda _: BAD / "legacy_saved_as.xlsx", ingest.FileUnreadable,
     "a legacy Excel 97-2003 workbook (.xls) is not read: save it as .xlsx"),
    (no_cached_value, ingest.FileCorrupt, "cell B2 holds a formula with no stored value"),
])
def test_bad_spreadsheet_is_one_clear_error(tmp_path, make, error, message):
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        ingest.read(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_workbook_past_the_cell_bound_is_refused_before_it_is_loaded(tmp_path, monkeypatch):
    path = save(plan_workbook([["1", "A", "Act", "Lead", "2021", "Complete"]])[0], tmp_path / "a.xlsx")
    stored = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").count(b"<c ")
    monkeypatch.setattr(ingest.xlsx_package, "MAX_WORKBOOK_CELLS", stored - 1)
    with pytest.raises(ingest.FileUnreadable, match=f"more than {stored - 1:,} cells"):
        ingest.read(path)
    monkeypatch.setattr(ingest.xlsx_package, "MAX_WORKBOOK_CELLS", stored)
    assert ingest.read(path).tables


def rewritten(path, part: str, old: bytes, new: bytes):
    """The workbook with one part's bytes changed, as a hostile file would have them."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new, 1)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_merged_range_covering_the_whole_sheet_is_refused_before_it_is_loaded(tmp_path):
    """openpyxl makes an object for every cell a merged range covers: a few bytes of XML could
    ask for seventeen billion."""
    workbook, ws = plan_workbook([["1", "A", "Act", "Lead", "2021", "Complete"]])
    ws.merge_cells("G1:H2")
    path = rewritten(save(workbook, tmp_path / "merge.xlsx"), "xl/worksheets/sheet1.xml",
                     b'ref="G1:H2"', b'ref="G1:XFD1048576"')
    with pytest.raises(ingest.FileUnreadable, match="merged ranges included"):
        ingest.read(path)


def test_a_part_declaring_entities_is_refused(tmp_path):
    workbook, _ws = plan_workbook([["1", "A", "Act", "Lead", "2021", "Complete"]])
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    path = rewritten(save(workbook, tmp_path / "bomb.xlsx"), "xl/workbook.xml", b"<workbook",
                     bomb + b"<workbook")
    with pytest.raises(ingest.FileCorrupt, match=r"part xl/workbook\.xml declares a DOCTYPE"):
        ingest.read(path)


def test_refused_suffixes_name_the_conversion(tmp_path):
    for suffix, kind in ((".xls", "Excel 97-2003"), (".ods", "OpenDocument spreadsheet")):
        path = tmp_path / f"plan{suffix}"
        path.write_text("<html><table><tr><td>Action</td></tr></table></html>")
        with pytest.raises(ingest.FileUnreadable, match=f"{kind}.*save it as .xlsx"):
            ingest.read(path)


def test_bad_spreadsheets_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    good = SAMPLES / "seed_000_health_inequalities.xlsx"
    bad = [truncated(tmp_path), no_cached_value(tmp_path), BAD / "password_protected.xlsx",
           BAD / "legacy_saved_as.xlsx"]
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["ingest", str(good), *map(str, bad), "-o", str(out), "-q",
                                      "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ")[1] for line in errors] == [str(p) for p in bad]
    assert len(export.load(out)) == 26


# --- XLSX output ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    inputs = [SAMPLES / "seed_000_health_inequalities.xlsx", SAMPLES / "wres_action_plan_shading.docx",
              SAMPLES / "cqc_action_plan_nested.docx"]
    broken = folder / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    for suffix in (".xlsx", ".csv"):
        CliRunner().invoke(cli, ["ingest", *map(str, inputs), str(broken), "-o",
                                 str(folder / f"actions{suffix}"), "--tag", "period=2022-Q2", "-q",
                                 "-j", "1"], catch_exceptions=False)
    return folder


def test_xlsx_output_is_typed_frozen_and_filtered(written):
    workbook = load_workbook(written / "actions.xlsx")
    assert workbook.sheetnames == ["Actions", "Residue", "Failures"]
    ws = workbook["Actions"]
    header = [c.value for c in ws[1]]
    assert header == [*FIELDS, "period"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:AE{ws.max_row}"
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert all(ws.column_dimensions[c].width >= 9 for c in ("A", "X", "AD"))
    column = {name: i + 1 for i, name in enumerate(header)}
    due = ws.cell(2, column["due_date"])
    assert due.is_date and isinstance(due.value, datetime)
    assert isinstance(ws.cell(2, column["row"]).value, int)
    refs = [ws.cell(r, column["ref"]) for r in range(2, ws.max_row + 1) if ws.cell(r, column["ref"]).value]
    assert refs and all(c.data_type == "s" and c.number_format == "@" for c in refs)
    fills = {ws.cell(r, column["rag"]).value: ws.cell(r, column["rag"]).fill.fgColor.rgb
             for r in range(2, ws.max_row + 1)}
    assert fills["green"].endswith("C6EFCE") and fills["red"].endswith("FFC7CE")
    failures = [[c.value for c in row] for row in workbook["Failures"].iter_rows(min_row=2)]
    assert failures[0][0].endswith("broken.xlsx") and "corrupt" in failures[0][1]


def test_xlsx_output_holds_the_csv_values(written):
    """Typed, the same records; cell for cell, every text the CSV's text."""
    assert export.load(written / "actions.xlsx") == export.load(written / "actions.csv")
    with (written / "actions.csv").open(encoding="utf-8", newline="") as handle:
        from_csv = list(csv.reader(handle))
    ws = load_workbook(written / "actions.xlsx")["Actions"]
    cells = [list(row) for row in ws.iter_rows(min_row=2)]
    assert len(cells) == len(from_csv) - 1 > 30
    for row, texts in zip(cells, from_csv[1:], strict=True):
        for name, cell, text in zip(from_csv[0], row, texts, strict=True):
            if isinstance(cell.value, datetime):
                assert cell.value.date().isoformat() == text, name
            elif isinstance(cell.value, int | float):
                assert cell.value == float(text), name
            else:
                assert (cell.value or "") == text, name


def test_xlsx_round_trip_and_text_never_reinterpreted(tmp_path):
    got = records(SAMPLES / "wres_action_plan_shading.xlsx")
    got[0].ref, got[0].due_text, got[0].notes = "1.1", "Mar-24", "=HYPERLINK(\"x\")"
    path = tmp_path / "a.xlsx"
    export.write(got, path)
    assert export.load(path) == got
    ws = load_workbook(path)["Actions"]
    cell = ws.cell(2, [c.value for c in ws[1]].index("ref") + 1)
    assert cell.value == "1.1" and cell.data_type == "s"
    assert b"<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")


def test_folder_walk_reads_spreadsheets_and_says_what_it_skipped(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("seed_000_health_inequalities.xlsx", "wres_action_plan_shading.docx"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "old tracker.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "minutes.rtf").write_text("{\\rtf1 minutes}")
    (folder / "~$seed_000_health_inequalities.xlsx").write_bytes(b"lock")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "-o", str(tmp_path / "a.csv"), "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("2 files, 2 tables, 32 actions") and summary.endswith(", 2 skipped: .rtf, .xls")


# --- CSV for Excel --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written"), [
    ("1.1", '="1.1"'), ("Mar-24", '="Mar-24"'), ("003", '="003"'), ("TRUE", '="TRUE"'),
    ('5 "days"', '="5 ""days"""'), ("Ongoing", "Ongoing"), ("Quarterly review", "Quarterly review"),
])
def test_excel_csv_keeps_refs_and_due_texts_as_text(tmp_path, text, written):
    record = records(SAMPLES / "wres_action_plan_shading.xlsx")[0]
    record.ref = record.due_text = text
    path = tmp_path / "a.csv"
    export.write([record], path, excel=True)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["ref"] == row["due_text"] == written
    assert row["action"] == record.action  # other columns as they are
    assert export.load(path)[0].ref == text
    export.write([record], path)
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["ref"] == text  # plain CSV: text as it is


def test_diff_reads_an_exported_workbook_as_actions_and_a_plan_workbook_as_a_plan(tmp_path):
    exported = tmp_path / "q1-actions.xlsx"
    export.write(records(SAMPLES / "wres_action_plan_shading.docx"), exported)
    assert export.xlsx.is_export(exported)
    assert not export.xlsx.is_export(SAMPLES / "wres_action_plan_shading.xlsx")
    assert not export.xlsx.is_export(BAD / "password_protected.xlsx")
    result = CliRunner().invoke(cli, ["diff", str(exported), str(SAMPLES / "wres_action_plan_shading.xlsx"),
                                      "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    summary = json.loads(result.stdout)["summary"]
    assert summary.get("unchanged") == 6 and not summary.get("changed")
