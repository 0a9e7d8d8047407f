"""Cell text cleaning: cleaned, never rewritten."""

from __future__ import annotations

import pytest
from actionplan.normalise.text import clean_cell


@pytest.mark.parametrize(("raw", "clean"), [
    ("<u>Objectives</u>", "Objectives"),
    ("Waiting time <18 weeks", "Waiting time <18 weeks"),
    ("a < b and c > d", "a < b and c > d"),
    ("E&amp;D training", "E&D training"),
    ("E&D training", "E&D training"),
    ("one\u00a0two", "one two"),
    ("Person-\ncentred care", "Person-centred care"),
    ("self -\ndeclare", "self - declare"),
    ("line one\nline two", "line one line two"),
    ("  lots   of \t space  ", "lots of space"),
    ('programmes: <ul style="list-style-type: none"> • Ready Now programme • Stepping Up ',
     "programmes: • Ready Now programme • Stepping Up"),
    ("Programmes:\n•Ready Now\n• Stepping Up", "Programmes: • Ready Now • Stepping Up"),
    ("Items:\n\uf0b7 one\n\uf0b7 two", "Items: • one • two"),
    ("<ul><li>first</li><li>second</li></ul>", "• first • second"),
    ("line<br>break", "line break"),
    ("1. Agree scope\n2. Consult", "1. Agree scope 2. Consult"),
    ("Priority areas - inclusion health Priority areas - inclusion health",
     "Priority areas - inclusion health"),
    ("Done Done", "Done Done"),
    ("“Quoted” – dash", "“Quoted” – dash"),
    ("... virtual outpatients A", "... virtual outpatients A"),
    ("", ""),
])
def test_clean_cell(raw, clean):
    assert clean_cell(raw) == clean


def test_title_after_a_label_and_in_the_first_table(tmp_path):
    from actionplan.normalise import normalise

    from actionplan import ingest

    labelled = tmp_path / "a.txt"
    labelled.write_text("Appendix A – Trust Health Inequalities Plan\n\n| Action | Lead |\n|---|---|\n"
                        "| Publish it | Ann |\n")
    assert normalise(ingest.read(labelled)).records[0].plan_title == "Trust Health Inequalities Plan"
    inside = tmp_path / "b.txt"
    inside.write_text("| Trust WRES Action Plan | |\n|---|---|\n| Action | Lead |\n| Publish it | Ann |\n")
    normalised = normalise(ingest.read(inside))
    assert normalised.records[0].plan_title == "Trust WRES Action Plan"
    assert normalised.residue == []


def read_text_plan(tmp_path, text):
    from actionplan.normalise import normalise

    from actionplan import ingest

    path = tmp_path / "plan.txt"
    path.write_text(text)
    return normalise(ingest.read(path))


def test_pipe_rows_without_outer_pipes(tmp_path):
    got = read_text_plan(tmp_path, "| Action | Lead |\n|---|---|\nPublish it | Ann\n| Audit it | Bob |\n")
    assert [(r.action, r.lead) for r in got.records] == [("Publish it", "Ann"), ("Audit it", "Bob")]


def test_form_feed_is_a_page_break_and_a_cut_row_joins(tmp_path):
    text = ("Action\tLead\tBy when\nPublish the annual\tAnn\tMarch 2021\f"
            "report to the board\t\t\nAudit it\tBob\tJune 2021\n")
    got = read_text_plan(tmp_path, text)
    assert [r.action for r in got.records] == ["Publish the annual report to the board", "Audit it"]
    assert [r.table for r in got.records] == [1, 2]


def test_repeated_tab_header_with_fewer_trailing_tabs(tmp_path):
    text = ("Action\tLead\tNotes\t\nPublish it\tAnn\t\t\n\nAction\tLead\tNotes\n"
            "Audit it\tBob\tx\n")
    got = read_text_plan(tmp_path, text)
    assert [r.action for r in got.records] == ["Publish it", "Audit it"]


def test_metadata_lines_before_the_table_still_give_title_and_date(tmp_path):
    text = ("# Borough Council Equality Action Plan\n\nVersion\t1.2\nLast updated\t3 May 2021\n\n"
            "| Action | Lead |\n|---|---|\n| Publish it | Ann |\n")
    record = read_text_plan(tmp_path, text).records[0]
    assert record.plan_title == "Borough Council Equality Action Plan"
    assert str(record.plan_updated) == "2021-05-03"


def test_lone_cell_rows_are_headings_or_groups(tmp_path):
    text = ("No.\tIndicator\tObjective\tAction\tLead\n"
            "\tIndicator 1: Recruitment\t\t\t\n"
            "1.1\t\tFair recruitment\tAudit shortlisting\tAnn\n"
            "\t\tProgression\t\t\n"
            "1.2\t\t\tLaunch mentoring\tBob\n")
    got = read_text_plan(tmp_path, text)
    assert [(r.ref, r.section, r.theme) for r in got.records] == [
        ("1.1", ["Indicator 1: Recruitment"], "Fair recruitment"),
        ("1.2", ["Indicator 1: Recruitment"], "Progression")]
    assert got.residue == []
