"""Build spreadsheet versions of the sample plans with openpyxl, the way trackers are kept in Excel.

    python samples/build_xlsx.py          # the spreadsheet samples
    python samples/build_xlsx.py --bad    # also the broken workbooks the tests refuse


Each workbook holds the same actions as its Word original (built by `samples/build.py` from
the same plan definitions), laid out as real trackers are: a title block and "Last updated"
above the table, merged theme cells, section rows merged across the table, due dates stored as
date serials with a display format ("15/4/20", "March 2019") beside dates written as text, a
drop-down list on the status column, RAG fills given as a plain colour, as a theme colour with a
tint, and by a conditional format, a key sheet, a hidden column and a hidden list sheet, and a
formula whose value is stored in the file. The tests read the committed files and compare each
with its Word original field by field.

`--bad` also writes tests/files/: a password-protected workbook (encrypted with
msoffcrypto-tool: `pip install -e '.[samples]'`) and a legacy .xls saved under an .xlsx name
(made by LibreOffice Calc: `apt-get install libreoffice-calc-nogui`). The tests only read the
committed files.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

from build import Cell, Plan, grid_of, seed_000, seed_004, vertical_runs, wres_plan
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Color, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent
#: the tracker's own formats for date cells, chosen to show exactly what the Word original says
DATE_FORMATS = {re.compile(r"^\d{1,2}/\d{1,2}/\d{2}$"): "d/m/yy",
                re.compile(r"^\d{2}/\d{2}/\d{4}$"): "dd/mm/yyyy",
                re.compile(r"^(January|February|March|April|May|June|July|August|September|"
                           r"October|November|December) \d{4}$"): "mmmm yyyy"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
#: theme colour 6 is the theme's third accent, green in openpyxl's default theme
GREEN_THEME = Color(theme=6, tint=-0.25)


def cell_text(spec: Cell) -> str:
    """The cell's paragraphs as Excel holds them: one line each, list items with their bullet."""
    return "\n".join(("• " + text) if style == "List Bullet" else text
                     for text, style in spec.paragraphs if text)


def as_date(text: str) -> tuple[date, str] | None:
    """A due date written the way a date cell shows it: the date and its number format."""
    for pattern, number_format in DATE_FORMATS.items():
        if pattern.match(text):
            if "/" in text:
                day, month, year = (int(p) for p in text.split("/"))
                return date(year if year > 99 else 2000 + year, month, day), number_format
            month_name, year = text.split()
            return date(int(year), MONTHS.index(month_name) + 1, 1), number_format
    return None


def write_title(ws, plan: Plan, updated: date | None) -> int:
    """The title block: the title large, other lines plain; returns the next free row."""
    row = 1
    for text, style in plan.title:
        match = re.match(r"^(Last updated|Updated:?)\s+(.*)$", text)
        if match and updated:
            ws.cell(row, 1, match[1])
            stamp = ws.cell(row, 2, datetime.combine(updated, datetime.min.time()))
            stamp.number_format = "d mmmm yyyy"
        else:
            ws.cell(row, 1, text).font = Font(size=16 if style == "Title" else 11,
                                              bold=style == "Title")
        row += 1
    return row + 1


def write_cell(ws, spec: Cell, row: int, column: int, header: bool, due: bool) -> None:
    cell = ws.cell(row, column)
    text = cell_text(spec)
    stored = as_date(text) if due and not header else None
    if stored:
        cell.value, cell.number_format = stored
    elif text:
        cell.value = text
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = Font(bold=header)
    if spec.fill:
        cell.fill = PatternFill("solid", fgColor=spec.fill)
    if spec.span > 1:
        ws.merge_cells(start_row=row, start_column=column, end_row=row,
                       end_column=column + spec.span - 1)


def merge_down(ws, grid: list[list[Cell | None]], top: int) -> None:
    """Cells that continue the one above (Word's `w:vMerge`) become one merged range."""
    for c, first, end in vertical_runs(grid):
        ws.merge_cells(start_row=top + first, start_column=c + 1, end_row=top + end, end_column=c + 1)


def write_table(ws, plan: Plan, top: int, due_column: int | None) -> None:
    """The plan's table from row `top`: real merges, wrapped text, date serials in the due column."""
    width = sum(c.span for c in plan.headers[0])
    grid = grid_of(plan.headers + plan.rows, width)
    for r, row in enumerate(grid):
        for c, spec in enumerate(row):
            if spec is not None and not spec.merge_up:
                write_cell(ws, spec, top + r, c + 1, r < len(plan.headers), c == due_column)
    merge_down(ws, grid, top)
    for c in range(width):
        ws.column_dimensions[get_column_letter(c + 1)].width = 28
    ws.freeze_panes = ws.cell(top + len(plan.headers), 1)


def status_list(ws, column: int, top: int, bottom: int, source: str) -> None:
    rule = DataValidation(type="list", formula1=source, allow_blank=True)
    letter = get_column_letter(column)
    rule.add(f"{letter}{top}:{letter}{bottom}")
    ws.add_data_validation(rule)


def store_cached_values(path: Path, values: dict[str, dict[str, str]]) -> None:
    """Write formulas' values into the file, as Excel does on saving (openpyxl cannot):
    part -> {cell: text}."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for part, cells in values.items():
        xml = parts[part].decode("utf-8")
        for ref, text in cells.items():
            xml, count = re.subn(rf'<c r="{ref}"( s="\d+")?><f>(.*?)</f><v\s*/?>(</v>)?',
                                 rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{text}</v>', xml)
            assert count == 1, f"formula cell {ref} not found in {part}"
        parts[part] = xml.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def seed_000_xlsx() -> Path:
    """Seed 000: title block with "Last updated" as a date cell, due dates as date serials, the
    status drop-down fed from a hidden list sheet."""
    plan = seed_000()
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Action plan"
    top = write_title(ws, plan, date(2020, 9, 1))
    write_table(ws, plan, top, due_column=2)
    lists = workbook.create_sheet("Lists")
    for i, label in enumerate(("To be started", "In progress", "Delayed", "Complete", "Completed")):
        lists.cell(i + 1, 1, label)
    lists.sheet_state = "hidden"
    status_list(ws, 6, top + 1, ws.max_row, "Lists!$A$1:$A$5")
    path = HERE / "seed_000_health_inequalities.xlsx"
    workbook.save(path)
    return path


def seed_004_xlsx() -> Path:
    """Seed 004: "Appendix 2" above the title, two merged grouping columns, month dates as
    serials, and a hidden working column the reader must leave out."""
    plan = seed_004()
    workbook = Workbook()
    ws = workbook.active
    ws.title = "EDS2 plan"
    top = write_title(ws, plan, None)
    write_table(ws, plan, top, due_column=4)
    ws.cell(top, 8, "Internal RAG (draft)")
    ws.cell(top + 2, 8, "Amber - check with the lead")
    ws.column_dimensions["H"].hidden = True
    path = HERE / "seed_004_equality_diversity.xlsx"
    workbook.save(path)
    return path


def wres_xlsx() -> Path:
    """The WRES plan: RAG by fills only (a plain red, a theme green with a tint, an amber from a
    conditional format on the word "Amber"), a key sheet giving the colours their meaning, a
    status drop-down, and a reference made by a formula with its value stored."""
    plan = wres_plan()
    plan.title = [t for t in plan.title if not t[0].startswith("Key:")]
    workbook = Workbook()
    ws = workbook.active
    ws.title = "WRES"
    top = write_title(ws, plan, date(2022, 1, 14))
    write_table(ws, plan, top, due_column=4)
    rag = 6
    for r in range(top + 1, ws.max_row + 1):
        cell = ws.cell(r, rag)
        if cell.fill.fgColor.rgb == "0000B050":
            cell.fill = PatternFill("solid", fgColor=GREEN_THEME)
        if cell.value == "Amber":
            cell.fill = PatternFill()  # the colour comes from the conditional format alone
    letter = get_column_letter(rag)
    ws.conditional_formatting.add(
        f"{letter}{top + 1}:{letter}{ws.max_row}",
        CellIsRule(operator="equal", formula=['"Amber"'], fill=PatternFill(bgColor="FFC000")))
    status_list(ws, rag, top + 1, ws.max_row, '"Green,Amber,Red,Completed"')
    formula_row = next(r for r in range(top + 1, ws.max_row + 1) if ws.cell(r, 1).value == "W5")
    ws.cell(formula_row, 1, f'="W"&(ROW()-{formula_row - 5})')
    key = workbook.create_sheet("Key")
    key.append(["Colour", "Meaning"])
    for fill, meaning in (("00B050", "Completed"), ("FFC000", "In progress"), ("FF0000", "Not started")):
        key.append([None, meaning])
        key.cell(key.max_row, 1).fill = PatternFill("solid", fgColor=fill)
    path = HERE / "wres_action_plan_shading.xlsx"
    workbook.save(path)
    store_cached_values(path, {"xl/worksheets/sheet1.xml": {f"A{formula_row}": "W5"}})
    return path


def bad_files(source: Path) -> list[Path]:
    """The workbooks a reader must refuse with a clear message, made from a good one."""
    from msoffcrypto.format.ooxml import OOXMLFile

    folder = HERE.parent / "tests" / "files"
    folder.mkdir(exist_ok=True)
    encrypted = folder / "password_protected.xlsx"
    with source.open("rb") as plain, encrypted.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice Calc not found: apt-get install -y libreoffice-calc-nogui")
    legacy = folder / "legacy_saved_as.xlsx"
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([soffice, f"-env:UserInstallation=file://{scratch}/profile", "--headless",
                        "--convert-to", "xls", "--outdir", scratch, str(source)],
                       check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(scratch) / (source.stem + ".xls"), legacy)
    return [encrypted, legacy]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bad", action="store_true", help="also write the broken workbooks")
    args = parser.parse_args()
    for make in (seed_000_xlsx, seed_004_xlsx, wres_xlsx):
        print(f"wrote {make().relative_to(HERE.parent)}")
    if args.bad:
        for path in bad_files(HERE / "wres_action_plan_shading.xlsx"):
            print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
