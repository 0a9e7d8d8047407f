"""The DOCX reader: samples against expected records, each XML feature on a small document."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest
from actionplan.normalise import normalise
from click.testing import CliRunner

from actionplan import ingest
from actionplan.cli import cli

from .conftest import EXPECTED, SAMPLES, assert_same_records, load_jsonl
from .wordml import p, simple_table, tbl, tc, tr, write_docx

SEED_REBUILDS = {
    "seed_000_health_inequalities.docx": "000_9f9255b261eaf6f2.txt",
    "seed_004_equality_diversity.docx": "004_e84f46dd32060436.txt",
}


def records(path):
    return normalise(ingest.read(path)).records


@pytest.mark.parametrize("docx", sorted(SEED_REBUILDS))
def test_seed_rebuild_agrees_with_seed_text(docx):
    from_docx = records(SAMPLES / docx)
    assert_same_records(from_docx, records(SAMPLES / SEED_REBUILDS[docx]), docx)
    assert all(r.source_format == "docx" and r.page is None and r.table == 1 for r in from_docx)


SAMPLE_DEFAULTS = {
    "wres_action_plan_shading.docx": {
        "plan_title": "North Borough Council Workforce Race Equality Standard (WRES) Action Plan 2021/22",
        "plan_updated": date(2022, 1, 14), "section": [], "outcome": None, "evidence": None,
        "risks": None, "progress": None, "extra": {}, "table": 1,
    },
    "cqc_action_plan_nested.docx": {
        "plan_title": "Riverside NHS Foundation Trust CQC Inspection Action Plan",
        "plan_updated": date(2021, 10, 15), "theme": None, "outcome": None, "evidence": None,
        "risks": None, "notes": None, "table": 1,
    },
}


@pytest.mark.parametrize("docx", sorted(SAMPLE_DEFAULTS))
def test_sample_docx_field_by_field(docx):
    expected = load_jsonl(EXPECTED / docx.replace(".docx", ".jsonl"))
    got = records(SAMPLES / docx)
    assert len(got) == len(expected)
    for record, want in zip(got, expected, strict=True):
        values = record.to_dict()
        for name, value in {**SAMPLE_DEFAULTS[docx], **want}.items():
            if name == "due_date" and value:
                value = date.fromisoformat(value)
            assert values[name] == value, f"{docx} row {want['row']}: {name}"


def test_cqc_sample_reports_its_version_table_as_residue():
    residue = normalise(ingest.read(SAMPLES / "cqc_action_plan_nested.docx")).residue
    assert [(r.table, r.row, r.reason) for r in residue] == [
        (2, 1, "table has no action column"), (2, 2, "table has no action column"),
        (2, 3, "table has no action column")]


@pytest.mark.parametrize("docx", sorted([*SEED_REBUILDS, *SAMPLE_DEFAULTS]))
def test_samples_hold_real_merge_xml(docx):
    xml = zipfile.ZipFile(SAMPLES / docx).read("word/document.xml").decode()
    assert "<w:vMerge" in xml and "<w:tblHeader" in xml
    if docx != "seed_000_health_inequalities.docx" and docx != "wres_action_plan_shading.docx":
        assert "<w:gridSpan" in xml


# --- each feature on a small document -------------------------------------------------------

HEADER = ["Objective", "Action", "Lead", "Status"]


def read_one(tmp_path, body, numbering=None):
    return ingest.read(write_docx(tmp_path / "t.docx", body, numbering))


def test_vertical_merge_gives_text_once_and_inherits(tmp_path):
    body = tbl(tr(*(tc(h) for h in HEADER), header=True),
               tr(tc("Governance", vmerge="restart"), tc("Act one"), tc("Ann"), tc("Done")),
               tr(tc("", vmerge="continue"), tc("Act two"), tc("Bob"), tc("Done")), width=4)
    document = read_one(tmp_path, body)
    assert document.tables[0].rows[2][0] == ""
    assert document.tables[0].header_rows == 1
    assert [r.theme for r in normalise(document).records] == ["Governance", "Governance"]


def test_horizontal_span_row_is_a_section_heading(tmp_path):
    body = tbl(tr(*(tc(h) for h in HEADER), header=True),
               tr(tc("Goal 1: Better outcomes", span=4)),
               tr(tc("Obj"), tc("Act"), tc("Ann"), tc("Done")), width=4)
    document = read_one(tmp_path, body)
    assert document.tables[0].rows[1] == ["Goal 1: Better outcomes", "", "", ""]
    assert document.tables[0].spanning_rows == frozenset({1})
    assert normalise(document).records[0].section == ["Goal 1: Better outcomes"]


def test_span_and_merge_combined(tmp_path):
    body = tbl(tr(tc("a", span=2, vmerge="restart"), tc("b")),
               tr(tc("", span=2, vmerge="continue"), tc("c")), width=3)
    assert read_one(tmp_path, body).tables[0].rows == [["a", "", "b"], ["", "", "c"]]


def test_nested_table_text_goes_into_the_outer_cell(tmp_path):
    inner = tbl(tr(tc("Site"), tc("Rooms")), tr(tc("North"), tc("12")), width=2)
    body = tbl(tr(*(tc(h) for h in HEADER)),
               tr(tc("Obj"), tc(p("Install monitors") + inner + p()), tc("Ann"), tc("Done")), width=4)
    document = read_one(tmp_path, body)
    assert document.tables[0].rows[1][1] == "Install monitors\nSite Rooms\nNorth 12"
    assert len(document.tables) == 1


def test_shading_gives_status_and_a_key_paragraph_overrides(tmp_path):
    body = (p("Key: Green = Complete; Red = Not started")
            + tbl(tr(*(tc(h) for h in HEADER)),
                  tr(tc("Obj"), tc("Publish the plan"), tc("Ann"), tc("", fill="00B050")),
                  tr(tc("Obj"), tc("Recruit two officers"), tc("Ann"), tc("", fill="FF0000")), width=4))
    got = [(r.status, r.rag, r.flags) for r in normalise(read_one(tmp_path, body)).records]
    assert got == [("complete", "green", ["status_from_colour"]),
                   ("not_started", "red", ["status_from_colour"])]


def test_key_table_overrides_colour_meanings(tmp_path):
    key = tbl(tr(tc("", fill="FFC000"), tc("In progress")), tr(tc("", fill="00B050"), tc("Complete")),
              width=2)
    body = key + tbl(tr(*(tc(h) for h in HEADER)),
                     tr(tc("Obj"), tc("Act"), tc("Ann"), tc("", fill="FFC000")), width=4)
    normalised = normalise(read_one(tmp_path, body))
    assert normalised.records[0].status == "in_progress"
    assert {r.reason for r in normalised.residue} == {"table has no action column"}


def test_tracked_changes_keep_insertions_and_drop_deletions(tmp_path):
    runs = ('<w:p><w:r><w:t xml:space="preserve">Recruit </w:t></w:r>'
            '<w:del w:id="1" w:author="A"><w:r><w:delText>one</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="A"><w:r><w:t>two</w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve"> officers</w:t></w:r></w:p>')
    body = tbl(tr(*(tc(h) for h in HEADER)), tr(tc("Obj"), tc(runs), tc("Ann"), tc("Done")), width=4)
    assert normalise(read_one(tmp_path, body)).records[0].action == "Recruit two officers"


def test_alternate_content_is_read_once(tmp_path):
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    runs = (f'<w:p><w:r><w:t xml:space="preserve">Publish </w:t></w:r><mc:AlternateContent {mc}>'
            '<mc:Choice Requires="wps"><w:r><w:t>the plan</w:t></w:r></mc:Choice>'
            '<mc:Fallback><w:r><w:t>the plan</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>')
    body = tbl(tr(*(tc(h) for h in HEADER)), tr(tc("Obj"), tc(runs), tc("Ann"), tc("Done")), width=4)
    assert normalise(read_one(tmp_path, body)).records[0].action == "Publish the plan"


def test_two_row_header_names_each_column(tmp_path):
    body = tbl(tr(tc("Action", vmerge="restart"), tc("Progress", span=2), header=True),
               tr(tc("", vmerge="continue"), tc("Q1 update"), tc("Q2 update"), header=True),
               tr(tc("Act"), tc("started"), tc("half done")), width=3)
    record = normalise(read_one(tmp_path, body)).records[0]
    assert record.progress == "half done"
    assert record.extra == {"Progress Q1 update": "started", "Progress Q2 update": "half done"}
    assert record.row == 3


def test_table_in_a_content_control_is_found(tmp_path):
    body = ("<w:sdt><w:sdtPr/><w:sdtContent>" + simple_table(HEADER, ["Obj", "Act", "Ann", "Done"])
            + "</w:sdtContent></w:sdt>")
    assert [r.action for r in normalise(read_one(tmp_path, body)).records] == ["Act"]


def test_bullets_and_numbers_from_numbering_definitions(tmp_path):
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
                 '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')

    def item(text, num):
        return p(text, f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>')

    cell = p("Programmes:") + item("Ready Now", 1) + item("Stepping Up", 1)
    numbered = item("Agree scope", 2) + item("Consult", 2)
    body = tbl(tr(*(tc(h) for h in HEADER)), tr(tc("Obj"), tc(cell), tc(numbered), tc("Done")), width=4)
    record = normalise(read_one(tmp_path, body, numbering)).records[0]
    assert record.action == "Programmes: • Ready Now • Stepping Up"
    assert record.lead == "1) Agree scope 2) Consult"


def test_title_styles_and_update_line(tmp_path):
    body = (p("Appendix 3") + p("Trust Equality Plan", '<w:pPr><w:pStyle w:val="Title"/></w:pPr>')
            + p("Updated: 3 March 2022") + simple_table(HEADER, ["Obj", "Act", "Ann", "Done"]))
    record = normalise(read_one(tmp_path, body)).records[0]
    assert (record.plan_title, record.plan_updated) == ("Trust Equality Plan", date(2022, 3, 3))


# --- the public corpus: merged cells as their own tools' tests state them ----------------------

def test_docx2python_merged_cells(corpus):
    truth = json.loads((corpus / "docx2python" / "docx2python_expected_from_tests.json").read_text())
    expected = truth["merged_cells.docx"]["duplicate_merged_cells=False (spanned positions left empty)"]
    want = [[cell[0] for cell in row] for row in expected["expected"][0]]
    assert ingest.read(corpus / "docx2python" / "merged_cells.docx").tables[0].rows == want


def test_python_docx_cell_access_grids(corpus):
    tables = ingest.read(corpus / "python-docx" / "tbl-cell-access.docx").tables
    assert [t.rows for t in tables] == [
        [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]],
        [["1", "2", "3"], ["4", "", "6"], ["7", "8", "9"]],
        [["1", "2", "3"], ["4", "5", "6"], ["7", "", "9"]],
        [["1", "2", "3"], ["4", "", "6"], ["", "", "9"]],
    ]


def test_docling_word_tables_vertical_spans(corpus):
    truth = json.loads((corpus / "docling" / "docx" / "groundtruth" / "word_tables.docx.json").read_text())
    tables = ingest.read(corpus / "docling" / "docx" / "word_tables.docx").tables
    assert len(tables) == len(truth["tables"])
    for table, gt in zip(tables, truth["tables"], strict=True):
        for cell in gt["data"]["table_cells"]:
            got = table.rows[cell["start_row_offset_idx"]][cell["start_col_offset_idx"]]
            assert " ".join(got.split()) == " ".join(cell["text"].split())


# --- bad input through the CLI -------------------------------------------------------------

def test_bad_word_files_fail_clearly_and_the_batch_goes_on(tmp_path):
    (tmp_path / "notzip.docx").write_bytes(b"plain text pretending")
    with zipfile.ZipFile(tmp_path / "notword.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    (tmp_path / "locked.docx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512)
    write_docx(tmp_path / "notables.docx", p("Only a paragraph"))
    write_docx(tmp_path / "noaction.docx", simple_table(["Name", "Role"], ["Ann", "Chair"]))
    reasons = {"notzip.docx": "not a Word document", "notword.docx": "a zip file but not a Word document",
               "locked.docx": "encrypted", "notables.docx": "no table found",
               "noaction.docx": "no table with an action column"}
    paths = [str(tmp_path / n) for n in reasons] + [str(SAMPLES / "wres_action_plan_shading.docx")]
    result = CliRunner().invoke(cli, ["ingest", *paths, "-o", str(tmp_path / "a.csv")],
                                catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(reasons)
    for name, reason in reasons.items():
        assert reason in next(e for e in errors if name in e)
    assert "6 actions" in result.stderr


def test_heading_paragraphs_above_tables_set_the_section(tmp_path):
    def styled(text, style):
        return p(text, f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>')

    def plan_table(action):
        return simple_table(HEADER, ["Obj", action, "Ann", "Done"])

    body = (styled("Trust Equality Plan", "Title") + styled("Goal 1: Better outcomes", "Heading1")
            + styled("Objective 1.1", "Heading2") + plan_table("Publish the plan")
            + styled("Objective 1.2", "Heading2") + plan_table("Recruit two officers")
            + styled("Goal 2: Inclusive leadership", "Heading1") + plan_table("Train the board"))
    styles = "".join(f'<w:style w:styleId="{i}"><w:name w:val="{n}"/></w:style>'
                     for i, n in (("Title", "Title"), ("Heading1", "heading 1"), ("Heading2", "heading 2")))
    path = write_docx(tmp_path / "t.docx", body, styles=styles)
    records = normalise(ingest.read(path)).records
    assert records[0].plan_title == "Trust Equality Plan"
    assert [r.section for r in records] == [["Goal 1: Better outcomes", "Objective 1.1"],
                                           ["Goal 1: Better outcomes", "Objective 1.2"],
                                           ["Goal 2: Inclusive leadership"]]
