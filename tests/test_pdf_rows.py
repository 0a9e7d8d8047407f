"""Rows of PDF tables found by typography: small real PDFs of each layout, each cue on word boxes,
and the warning for a table whose rows look implausible."""

from __future__ import annotations

import random

import pytest
from actionplan.ingest.model import RowBoundary
from actionplan.ingest.pdf import fill_of, joined
from actionplan.ingest.pdf_lines import Line, spanning_line, text_lines
from actionplan.ingest.pdf_rows import bands_from, row_boundaries, ruled_rows
from actionplan.normalise import normalise
from actionplan.normalise.plausibility import implausible_tables, warnings
from actionplan.normalise.record import ActionRecord
from click.testing import CliRunner

from actionplan import ingest
from actionplan.cli import cli

WORDS = ["improve", "access", "to", "community", "nursing", "services", "for", "people", "with", "learning",
         "disabilities", "review", "the", "referral", "pathway", "and", "publish", "quarterly", "reporting",
         "on", "waiting", "times", "across", "every", "locality", "ensure", "staff", "complete", "training",
         "in", "equality", "impact", "assessment"]
HEADER = ["Ref", "Action", "Lead", "Due date", "Current status"]


def plan_rows(seed: int, count: int = 10) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        action = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 28))).capitalize() + "."
        rows.append([f"{1 + i // 4}.{i % 4 + 1}", action,
                     rng.choice(["Head of Nursing", "Director of Strategy and Planning", "CEO"]),
                     f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/2024",
                     rng.choice(["On track", "Complete", "Not started", "Delayed"])])
    return rows


def build(path, rows, *, rule="none", padding=3.0, gap=0.0, status_width=70, sections=False,
          zebra=False):
    """A one-table plan drawn by reportlab's table layout: wrapped cells, no extra row spacing
    unless `gap`, rules as asked, optional spanning section rows and zebra stripes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=10.8)
    bold = ParagraphStyle("bold", fontName="Helvetica-Bold", fontSize=9, leading=10.8)
    data = [[Paragraph(h, bold) for h in HEADER]]
    style = [("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
             ("TOPPADDING", (0, 0), (-1, -1), gap / 2), ("BOTTOMPADDING", (0, 0), (-1, -1), gap / 2),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i, row in enumerate(rows):
        if sections and i % 4 == 0:
            data.append([Paragraph(f"Objective {i // 4 + 1}: improve access to community nursing and "
                                   "reduce waiting times", bold), "", "", "", ""])
            style.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
        data.append([Paragraph(cell, body) for cell in row])
    if rule == "hrules":
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
    elif rule == "underline":
        style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
    if zebra:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, colors.HexColor("#EEEEEE")]))
    table = Table(data, colWidths=[30, 230, 90, 60, status_width])
    table.setStyle(TableStyle(style))
    title = Paragraph("Community services action plan", bold)
    SimpleDocTemplate(str(path), pagesize=A4).build([title, table])


LAYOUTS = {
    "unruled, no row spacing": {},
    "unruled, no padding": {"padding": 0.0},
    "unruled, rows spaced": {"gap": 6.0},
    "header underline only": {"rule": "underline"},
    "horizontal rules": {"rule": "hrules"},
    "wrapped header cell": {"status_width": 48},
    "spanning section rows": {"sections": True},
    "zebra stripes": {"zebra": True},
}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_one_record_per_action_in_every_layout(tmp_path, layout, seed):
    rows = plan_rows(seed)
    path = tmp_path / "plan.pdf"
    build(path, rows, **LAYOUTS[layout])
    records = normalise(ingest.read(path)).records
    assert [(r.ref, r.action, r.lead, r.due_text) for r in records] == [
        (ref, action, lead, due) for ref, action, lead, due, _ in rows]
    assert [r.status_text for r in records] == [row[4] for row in rows]


def test_a_wrapped_header_cell_is_one_header_row_with_its_words_joined(tmp_path):
    path = tmp_path / "plan.pdf"
    build(path, plan_rows(3), status_width=48)
    table = ingest.read(path).tables[0]
    assert [" ".join(c.split()) for c in table.rows[0]] == HEADER
    assert table.notes["rows"] == "typography"


def test_section_rows_across_an_unruled_table_are_one_spanning_cell(tmp_path):
    path = tmp_path / "plan.pdf"
    build(path, plan_rows(4, 8), sections=True)
    table = ingest.read(path).tables[0]
    sections = [table.rows[r][0] for r in sorted(table.spanning_rows)]
    assert [s.split(":")[0] for s in sections] == ["Objective 1", "Objective 2"]
    assert all(s.endswith("reduce waiting times") for s in sections)
    records = normalise(ingest.read(path)).records
    assert records[-1].section == [sections[-1]]


def test_a_row_wide_fill_is_styling_and_a_cell_fill_a_status():
    cell = (100.0, 10.0, 160.0, 30.0)
    assert fill_of(cell, [((40.0, 10.0, 560.0, 30.0), "EEEEEE")]) is None  # a zebra stripe
    assert fill_of(cell, [((100.0, 10.0, 160.0, 30.0), "00B050")]) == "00B050"


def test_gridline_segments_are_joined_before_they_are_read_as_rules():
    segments = [(50.0, x, x + 4.0) for x in range(40, 400, 4)]
    assert joined(segments) == [(50.0, 40.0, 400.0)]
    assert len(joined([(50.0, 0.0, 10.0), (50.0, 30.0, 40.0), (70.0, 0.0, 10.0)])) == 3


# --- each cue on word boxes ---------------------------------------------------------------------
COLUMNS = [10.0, 40.0, 200.0]  # ref, action, lead
RIGHT = 300.0


def words_at(top: float, *cells: tuple[float, str]) -> list[dict]:
    """Words of one line: each cell's text starting at its x, 5 points a character."""
    out = []
    for x, text in cells:
        for token in text.split():
            out.append({"text": token, "x0": x, "x1": x + 5 * len(token), "top": top, "bottom": top + 9,
                        "size": 9.0})
            x += 5 * len(token) + 2.5
    return out


def lines_of(*rows: list[dict]) -> list[Line]:
    return text_lines([w for row in rows for w in row])


def boundary(*rows: list[dict]) -> RowBoundary:
    lines = lines_of(*rows)
    return row_boundaries(lines, COLUMNS, RIGHT, [])[-1]


# the action column's lines end near x=190: a long first line sets where its lines end
LONG = words_at(0, (40, "Improve the referral pathway for"))


def test_a_word_that_would_not_have_fitted_continues_the_cell():
    got = boundary(LONG, words_at(12, (40, "localities")))
    assert not got.cut and "wraps[1]" in got.cues


def test_a_word_that_would_have_fitted_after_a_short_line_starts_a_cell():
    got = boundary(LONG, words_at(12, (40, "Review.")), words_at(24, (40, "Publish")))
    assert got.cut and "fits[1]" in got.cues


def test_columns_beginning_a_block_on_one_line_start_a_row():
    got = boundary(words_at(0, (10, "1.1"), (40, "Improve the referral pathway for")),
                   words_at(12, (40, "localities")),
                   words_at(24, (10, "1.2"), (40, "Publish"), (200, "CEO")))
    assert got.cut and "aligned" in got.cues and "starts[0]" in got.cues


def test_a_lower_case_continuation_counts_against_a_cut():
    got = boundary(LONG, words_at(12, (40, "and more")))
    assert "lower[1]" in got.cues and not got.cut


def test_a_wider_gap_in_a_table_parted_by_gaps_cuts_and_its_absence_holds_together():
    rows = [words_at(0, (10, "1.1"), (40, "Improve the referral pathway for")),
            words_at(11, (40, "Localities")),
            words_at(30, (10, "1.2"), (40, "Publish"), (200, "CEO")),
            words_at(49, (10, "1.3"), (40, "Review"), (200, "CEO"))]
    got = row_boundaries(lines_of(*rows), COLUMNS, RIGHT, [])
    assert [b.cut for b in got] == [False, True, True]
    assert "no gap" in got[0].cues and "gap" in got[1].cues


def test_a_rule_under_most_of_the_table_cuts_and_a_ruled_table_trusts_its_rules():
    rows = [LONG, words_at(12, (40, "Review.")), words_at(24, (40, "Publish")), words_at(36, (40, "Agree"))]
    lines = lines_of(*rows)
    rules = [(22.5, 10.0, 300.0), (34.5, 10.0, 300.0)]
    got = row_boundaries(lines, COLUMNS, RIGHT, rules)
    assert [b.ruled >= 0.5 for b in got] == [False, True, True]
    assert ruled_rows(got)
    assert len(bands_from(lines, got, rules_only=True)) == 3


def test_a_line_flowing_across_column_starts_is_a_spanning_line():
    section = lines_of(words_at(0, (10, "Objective one improve access to community nursing services")))[0]
    row = lines_of(words_at(0, (10, "1.1"), (40, "Improve"), (200, "CEO")))[0]
    assert spanning_line(section, COLUMNS) and not spanning_line(row, COLUMNS)


# --- implausible tables -------------------------------------------------------------------------

def record(row: int, action: str, ref: str | None = None, due: str | None = None,
           page: int = 2) -> ActionRecord:
    return ActionRecord(
        source_file="plan.pdf", source_format="pdf", source_sha256="0", page=page, table=1, row=row,
        plan_title=None, plan_updated=None, action_id=str(row), section=[], theme=None, outcome=None,
        ref=ref, action=action, evidence=None, lead=None, due_text=due, risks=None, notes=None,
        progress=None, status_text=None, extra={}, status=None, status_score=None, rag=None,
        due_date=None, due_kind=None, recurrence=None)


def test_a_table_cut_line_by_line_is_named_with_its_page():
    rows = []
    for i in range(4):
        rows += [record(3 * i + 1, "Improve the referral pathway for", f"1.{i}", "31/03/2024"),
                 record(3 * i + 2, "people with learning disabilities"),
                 record(3 * i + 3, "across every locality")]
    found = implausible_tables(rows)
    assert len(found) == 1 and found[0].page == 2
    message = warnings(rows)[0]
    assert "plan.pdf: page 2, table 1" in message and "actionplan inspect plan.pdf --page 2" in message
    assert "ref empty on 8 of 12 rows" in message


def test_a_plausible_table_gets_no_warning():
    rows = [record(i, f"Review the referral pathway in locality {i}", f"1.{i}", "31/03/2024")
            for i in range(1, 10)]
    assert warnings(rows) == []
    assert warnings([*rows[:3], record(9, "and more"), record(10, "and more")]) == []  # too few rows


def test_the_summary_warns_of_an_implausible_table_and_exits_zero(tmp_path):
    lines = ["Ref\tAction\tLead\tDue date"]
    lines += [f"1.{i}\tReview policy\tCEO\t31/03/2024" for i in range(1, 9)]
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "out.csv"), "-j", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    warned = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warned) == 1 and str(path) in warned[0] and "8 actions are 4 words or fewer" in warned[0]


def test_columns_under_a_group_header_come_from_the_line_below_it():
    from actionplan.ingest.pdf_layout import with_sub_header_columns

    header = words_at(10, (10, "Action"), (120, "Lead"), (200, "Progress"))
    sub = words_at(22, (200, "Q1 update"), (260, "Q2 update"))
    body = [words_at(40 + 12 * i, (10, "Do it"), (120, "Ann"), (200, "Done"), (260, "Next"))
            for i in range(4)]
    lines = lines_of(header, sub, *body)
    assert with_sub_header_columns([10, 120, 200], lines, 0) == [10, 120, 200, 260]
    wrapped = words_at(22, (120, "officer"))  # a wrapped header word starts no column
    plain = [words_at(40 + 12 * i, (10, "Do it"), (120, "Ann"), (200, "Done")) for i in range(4)]
    assert with_sub_header_columns([10, 120, 200], lines_of(header, wrapped, *plain), 0) == [10, 120, 200]


def test_a_sub_column_still_empty_on_the_page_is_found_beside_its_group_label():
    from actionplan.ingest.pdf_layout import with_sub_header_columns

    header = words_at(10, (10, "Action"), (120, "Lead"), (200, "Progress"), (330, "Notes"))
    sub = words_at(22, (200, "Q1"), (260, "Q2"))
    body = [words_at(40 + 12 * i, (10, "Do it"), (120, "Ann"), (200, "Done"), (330, "None"))
            for i in range(4)]
    assert with_sub_header_columns([10, 120, 200, 330], lines_of(header, sub, *body), 0) == \
        [10, 120, 200, 260, 330]
    # a centred header's second line starts under its first: no column of its own
    centred = words_at(22, (214, "status"), (260, "Q2"))
    across = [words_at(40 + 12 * i, (10, "Do it"), (120, "Ann"), (200, "Done and dusted, no more"),
                       (330, "None")) for i in range(4)]
    assert with_sub_header_columns([10, 120, 200, 330], lines_of(header, centred, *across), 0) == \
        [10, 120, 200, 330]


# --- cells with no padding, rules a page break leaves out, running lines ----------------------

def chars_of(text: str, x: float, top: float = 0.0) -> dict:
    chars = [{"text": ch, "x0": x + 5 * i, "x1": x + 5 * i + 5, "top": top, "bottom": top + 9}
             for i, ch in enumerate(text)]
    return {"text": text, "x0": x, "x1": x + 5 * len(text), "top": top, "bottom": top + 9,
            "chars": chars, "space_after": True}


def test_a_word_glued_over_a_ruled_cell_edge_is_cut_at_the_rule():
    from actionplan.ingest.pdf import words_in
    from actionplan.ingest.pdf_words import cut

    glued = cut(chars_of("18Director", 90.0), [(100.0, 0.0, 20.0)])  # "18" ends left of the rule
    assert [w["text"] for w in words_in((0, 0, 100, 20), glued)] == ["18"]
    right = words_in((100, 0, 200, 20), glued)
    assert [w["text"] for w in right] == ["Director"] and right[0]["x0"] == 100.0
    assert words_in((0, 0, 100, 20), [chars_of("Lead", 10.0)])[0]["text"] == "Lead"


def edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"object_type": "line", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def test_a_row_cut_by_the_page_foot_gets_the_rule_the_page_left_out():
    from actionplan.ingest.pdf import closing_edges

    xs = [10.0, 100.0, 200.0, 300.0]
    grid = [edge("h", 10, 300, y, y) for y in (50.0, 70.0, 90.0)]
    grid += [edge("v", x, x, 50, 130) for x in xs]  # the verticals run on past the last rule
    closing = closing_edges(grid)
    assert [(e["top"], e["x0"], e["x1"]) for e in closing] == [(130.0, 10.0, 300.0)]
    closed = [*grid, edge("h", 10, 300, 130, 130)]
    assert closing_edges(closed) == []
    # rules that start under a group header's rule are inside the table: no rule is added there
    grouped = [*closed, edge("h", 100, 300, 40, 40), edge("h", 10, 300, 30, 30),
               *(edge("v", x, x, 30, 40) for x in (10.0, 100.0, 300.0))]
    assert all(e["top"] != 40 for e in closing_edges(grouped))


def test_a_section_row_cut_at_column_starts_reads_as_one_spanning_line():
    from actionplan.ingest.pdf_layout import split_at_columns

    section = chars_of("Objective", 10.0)  # "Objec|tive": a column starts at x=35
    pieces = split_at_columns([section], [10.0, 35.0, 80.0], touching=True)
    line = Line(0.0, 9.0, pieces)
    assert [w["text"] for w in pieces] == ["Objec", "tive"] and line.text == "Objective"
    assert spanning_line(line, [10.0, 35.0, 80.0], tight=True)
    cells = split_at_columns([chars_of("reportingCEO", 10.0)], [10.0, 55.0], touching=True)
    assert not spanning_line(Line(0.0, 9.0, cells), [10.0, 55.0], tight=True)  # two cells' texts


def test_a_header_line_in_the_page_margin_is_no_running_header():
    from actionplan.ingest.pdf import PdfState, without_running_lines

    state = PdfState()
    for page in (1, 2):
        header = words_at(20, (10, "Ref"), (40, "Action"), (200, "Lead"), (260, "Progress"))
        rest = words_at(30, (260, "update"))
        running = words_at(2, (10, "Trust action plan 2024"))
        kept = without_running_lines(lines_of(running, header, rest), 600.0, page, state)
    assert [line.text for line in kept] == ["Ref Action Lead Progress", "update"]


def test_a_line_starting_in_lower_case_is_no_section_row():
    columns = [10.0, 40.0, 200.0]
    section = lines_of(words_at(0, (10, "Goal 1: improve access to community nursing services")))[0]
    assert spanning_line(section, columns)
    going_on = lines_of(words_at(0, (40, "colleagues to reduce the gap in outcomes between partners")))[0]
    assert not spanning_line(going_on, columns)


def test_two_cells_lines_run_together_are_no_section_row():
    from actionplan.ingest.pdf_rows import grid_of

    columns = [10.0, 40.0, 200.0]
    above = words_at(0, (40, "Evaluate the Index of"), (200, "See appendix"))
    run = [{"text": t, "x0": x0, "x1": x1, "top": 12, "bottom": 21, "size": 9.0} for t, x0, x1 in [
        ("Multiple", 40, 80), ("Deprivation", 82.5, 137.5), ("wards", 140, 165), ("and", 167.5, 182.5),
        ("named", 185, 197.5), ("detailed", 200, 240), ("plan.", 242.5, 267.5)]]
    lines = lines_of(above, run)
    assert spanning_line(lines[1], columns)  # by the text run alone
    # "detailed" starts on the column start in lower case, under that column's text
    assert grid_of(lines, columns, RIGHT).spanning == [False, False]


def test_a_section_word_near_a_column_start_is_not_that_columns_text():
    from actionplan.ingest.pdf_lines import crosses

    columns = [54.0, 105.1, 131.6, 289.4]
    words = [{"text": t, "x0": a, "x1": b, "top": 0, "bottom": 9} for t, a, b in [
        ("Workstream", 54.0, 94.5), ("1:", 96.4, 102.6), ("Embed", 104.6, 127.9),
        ("equality", 129.9, 156.3), ("analysis", 158.3, 185.9)]]
    assert crosses(Line(0, 9, words), columns, tight=True)
    words[2]["x0"], words[3]["x0"] = 105.1, 131.6  # now each starts on its column: cells' texts
    assert not crosses(Line(0, 9, words), columns, tight=True)


def test_header_cells_glued_with_no_padding_are_parted_where_the_body_starts():
    from actionplan.ingest.pdf_layout import header_columns

    header = [chars_of("Ref", 10.0), chars_of("NoActions", 30.0), chars_of("Lead", 150.0),
              chars_of("Due", 220.0)]
    # the actions start where "Actions" does in the header (30 + 2 * 5), their wrapped lines too
    body = [line for i in range(4) for line in (
        words_at(12 + 24 * i, (10, "MD1.1"), (40, "Review the policy"), (150, "Ann"), (220, "2025")),
        words_at(24 + 24 * i, (40, "and the pathway")))]
    assert header_columns(lines_of(header, *body), 0) == [10.0, 40.0, 150.0, 220.0]


def test_a_column_start_used_by_many_lines_is_not_settled_into_an_overrunning_cell():
    from actionplan.ingest.pdf_layout import settle_columns

    wide = words_at(0, (10, "Alpha"), (95, "1,200,000"))  # a number wider than its header
    assert settle_columns([10.0, 100.0], lines_of(wide)) == [10.0, 95.0]
    used = [words_at(12 + 12 * i, (10, "Alpha"), (100, "Beta")) for i in range(4)]
    assert settle_columns([10.0, 100.0], lines_of(wide, *used)) == [10.0, 100.0]


def test_a_bold_header_cell_of_fewer_lines_ends_the_header_where_the_body_starts():
    bold = {"fontname": "Carlito-Bold"}
    header = [{**w, **bold} for w in words_at(0, (10, "Ref"), (40, "Expected"))]
    header_rest = [{**w, **bold} for w in words_at(12, (40, "outcome"))]
    body = words_at(24, (10, "1.1"), (40, "Fewer admissions"))
    got = boundary(header, header_rest, body)
    assert got.cut and "font[0]" in got.cues


def test_the_status_colour_painted_over_a_zebra_stripe_is_the_cells_fill():
    cell = (100.0, 10.0, 150.0, 30.0)
    stripe = ((100.0, 10.0, 150.0, 30.0), "F5F7FA")  # a browser paints a row's stripe cell by cell
    status = ((100.5, 10.5, 149.5, 29.5), "00B050")
    assert fill_of(cell, [stripe, status]) == "00B050"
    assert fill_of(cell, [stripe]) == "F5F7FA"


def test_ligature_glyphs_are_read_as_their_letters(tmp_path):
    from pathlib import Path

    from actionplan.ingest.pdf import page_words

    pdfplumber = pytest.importorskip("pdfplumber")
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("DejaVu Sans is not installed")
    pdfmetrics.registerFont(TTFont("DejaVuLigatures", str(font)))
    path = tmp_path / "ligatures.pdf"
    canvas = canvas_module.Canvas(str(path))
    canvas.setFont("DejaVuLigatures", 10)
    canvas.drawString(72, 700, "a social prescribing o\ufb00er \ufb01nal")
    canvas.save()
    with pdfplumber.open(path) as pdf:
        words = page_words(pdf.pages[0])
    assert [w["text"] for w in words][-2:] == ["offer", "final"]
    assert "".join(c["text"] for c in words[-2]["chars"]) == "offer"


def test_the_lines_of_a_merged_cell_beside_a_rows_lines_do_not_set_the_line_pitch():
    from actionplan.ingest.pdf_lines import in_cell_pitch

    rows = [words_at(0, (10, "2B: When at work"), (40, "D2.3")), words_at(10.5, (10, "from abuse")),
            words_at(21, (10, "and physical")), words_at(25, (40, "D2.4")),  # 4 points under
            words_at(31.5, (10, "source")), words_at(35.5, (40, "working group"))]
    assert in_cell_pitch(lines_of(*rows)) == 10.5


def test_refs_of_one_shape_line_after_line_mark_row_starts_in_rows_of_one_line():
    from actionplan.ingest.pdf_rows import grid_of

    rows = [words_at(12 * i, (10, f"1.1.{i + 1}"), (40, "Extend the evening service"), (200, "Ann"))
            for i in range(5)]
    assert 0 in grid_of(lines_of(*rows), COLUMNS, RIGHT).key_columns
    assert all(b.cut and "repeats[0]" in b.cues for b in boundary_list(rows))


def boundary_list(rows: list[list[dict]]) -> list[RowBoundary]:
    return row_boundaries(lines_of(*rows), COLUMNS, RIGHT, [])


def test_a_titles_wide_word_spaces_in_large_type_are_one_run():
    from actionplan.ingest.pdf_lines import clusters

    title = [{**w, "size": 24.0} for w in words_at(0, (10, "Greenbank"))]
    title.append({"text": "Borough", "x0": title[-1]["x1"] + 8.0, "x1": title[-1]["x1"] + 60.0,
                  "top": 0.0, "bottom": 24.0, "size": 24.0})
    assert len(clusters(lines_of(title)[0])) == 1
    cells = [{**w, "size": 9.0} for w in title]
    assert len(clusters(lines_of(cells)[0])) == 2  # the same gap in body type parts two cells


def test_a_page_number_in_the_margin_is_left_out_on_the_first_page_too():
    from actionplan.ingest.pdf import PdfState, without_running_lines

    section = words_at(500, (10, "Objective 2: Strengthen engagement"))
    footer = words_at(580, (300, "Page 1 of 3"))
    last_line = words_at(585, (40, "2025"))  # a bare number may be a cell's last line: kept
    kept = without_running_lines(lines_of(section, footer, last_line), 600.0, 1, PdfState())
    assert [line.text for line in kept] == ["Objective 2: Strengthen engagement", "2025"]


def test_a_sub_header_set_a_little_lower_than_a_wrapped_header_rest_is_no_running_line():
    from actionplan.ingest.pdf import PdfState, without_running_lines

    state = PdfState()
    for page in (1, 2):
        header = words_at(20, (10, "What actions"), (100, "Lead"), (160, "Progress"), (260, "Status of"))
        rest = words_at(30, (10, "take?"), (260, "evidence"))
        sub = words_at(34, (160, "Q1 update"), (210, "Q2 update"))  # overlaps the line above
        kept = without_running_lines(lines_of(header, rest, sub), 600.0, page, state)
    assert [line.text for line in kept][-1] == "Q1 update Q2 update"


def test_a_rule_that_ends_with_the_table_rules_its_last_column():
    from actionplan.ingest.pdf_layout import Layout

    boundary = RowBoundary(y=20.0, score=5.0, cut=True, cues="rule +3.0", ruled=0.97)
    layout = Layout(columns=[10.0, 100.0, 200.0], right=580.0, bands=[(0.0, 20.0), (20.0, 40.0)],
                    ruled_rows=True, rules=[(20.0, 10.0, 300.0)], boundaries=[boundary])
    assert layout.ruled_below(0, 2)  # the page's edge at 580 is no part of the last cell
    short = Layout(columns=[10.0, 100.0, 200.0], right=580.0, bands=[(0.0, 20.0), (20.0, 40.0)],
                   ruled_rows=True, rules=[(20.0, 10.0, 150.0)], boundaries=[boundary])
    assert not short.ruled_below(0, 2)


def test_a_bold_header_line_over_a_line_with_no_bold_word_ends_the_header():
    bold = {"fontname": "Liberation-Bold"}
    header = [{**w, **bold} for w in words_at(0, (10, "Ref"), (40, "Progress commentary"))]
    rest = words_at(12, (40, "monthly; report due"))  # a cut row's rest, straight under it
    got = boundary(header, rest)
    assert got.cut and "header ends" in got.cues and got.score >= 6.0


def test_a_cut_cells_last_words_at_the_top_of_a_page_are_no_running_line():
    from actionplan.ingest.pdf import PdfState, without_running_lines

    state = PdfState()
    for page in (1, 2, 3):
        rest = words_at(30, (40, "and least"))  # the same words at the same place on every page
        running = words_at(10, (40, "Board paper 7"))
        kept = without_running_lines(lines_of(running, rest), 600.0, page, state)
    assert [line.text for line in kept] == ["and least"]
