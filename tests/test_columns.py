"""The column classifier: header wordings of real plans, content typing, header-row choice, which
tables are plans, and the order of numeric dates, each on real text through the real readers."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from actionplan.normalise import Settings, normalise
from actionplan.normalise.content import profile
from actionplan.normalise.headers import HeaderReader
from docx import Document as WordDocument

from actionplan import ingest

WORDINGS = Path(__file__).parent / "data" / "header_wordings.csv"
READER = HeaderReader()
CLASSIFIER = Settings().classifier
#: wordings a person reads differently from the head-noun rule; kept visible, not hidden
KNOWN_MISSES = {
    "Objective\nnumber and title",  # the objective's number and its title in one column
}


def wordings() -> list[tuple[str, str]]:
    with WORDINGS.open(encoding="utf-8", newline="") as handle:
        return [(row["header"], row["field"]) for row in csv.DictReader(handle)]


def test_the_wording_table_is_large_and_read_at_98_percent():
    table = wordings()
    assert len(table) >= 300
    wrong = [(h, want, READER.field_of(h) or "extra") for h, want in table
             if (READER.field_of(h) or "extra") != want]
    assert 1 - len(wrong) / len(table) >= 0.98, wrong


@pytest.mark.parametrize(("header", "field"), [
    pytest.param(h, f, marks=pytest.mark.xfail(strict=True, reason="known miss"))
    if h in KNOWN_MISSES else (h, f) for h, f in wordings()])
def test_header_wording(header, field):
    assert (READER.field_of(header) or "extra") == field


def read_plan(tmp_path: Path, text: str, settings: Settings | None = None, name: str = "plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return normalise(ingest.read(path), settings)


VOCABULARY = Settings().vocabulary


@pytest.mark.parametrize(("cells", "kind"), [
    (["15/04/2024", "March 2025", "Q3 2024/25", "Ongoing"], "due_text"),
    (["Complete", "On track", "Delayed", "Amber"], "status_text"),
    (["G", "A", "R", "B"], "status_text"),
    (["1.1", "1.2", "MD2.3", "A4"], "ref"),
    (["Reduce waiting times for first appointments", "Publish the report"], None),
    (["£5k", "£12,000", "nil"], None),
])
def test_content_names_a_field(cells, kind):
    assert profile(cells, VOCABULARY).kind == kind


def test_an_unknown_header_over_dates_is_the_due_column(tmp_path):
    got = read_plan(tmp_path, "| Action | Lead | Go-live |\n|---|---|---|\n"
                              "| Open the new clinic | Ann Lee | 31/03/2025 |\n"
                              "| Recruit two nurses | Bob Roe | June 2025 |\n")
    assert [(r.due_text, r.due_date) for r in got.records] == [
        ("31/03/2025", date(2025, 3, 31)), ("June 2025", date(2025, 6, 30))]
    assert all(r.extra == {} for r in got.records)


def test_a_blank_header_over_names_is_the_lead_and_over_status_words_the_status(tmp_path):
    got = read_plan(tmp_path, "| Action | | | When |\n|---|---|---|---|\n"
                              "| Open the new clinic | Ann Lee | Complete | 31/03/2025 |\n"
                              "| Recruit two nurses | Head of Nursing | On track | June 2025 |\n")
    assert [(r.lead, r.status) for r in got.records] == [
        ("Ann Lee", "complete"), ("Head of Nursing", "on_track")]


def test_two_columns_claiming_one_field_are_parted_by_content(tmp_path):
    got = read_plan(tmp_path, "| Action | Status | Status |\n|---|---|---|\n"
                              "| Open the clinic | Site works were delayed by the flood | Delayed |\n"
                              "| Recruit nurses | Interviews held in May | Complete |\n")
    assert [r.status for r in got.records] == ["delayed", "complete"]
    assert got.records[0].extra == {"Status": "Site works were delayed by the flood"}


def test_a_table_with_an_action_column_and_one_unknown_column_is_read(tmp_path):
    got = read_plan(tmp_path, "| Action | Timeline |\n|---|---|\n"
                              "| Open the clinic | Q1 2025/26 |\n| Recruit nurses | Ongoing |\n")
    assert [(r.action, r.due_kind) for r in got.records] == [
        ("Open the clinic", "quarter"), ("Recruit nurses", "ongoing")]


def test_the_longest_texts_are_the_actions_when_no_header_names_them(tmp_path):
    got = read_plan(tmp_path, "| Recovery measures | # | Timeline |\n|---|---|---|\n"
                              "| Reopen the theatre lists lost during the winter | 1 | March 2025 |\n"
                              "| Add evening clinics at both hospital sites | 2 | June 2025 |\n")
    assert [(r.ref, r.action) for r in got.records] == [
        ("1", "Reopen the theatre lists lost during the winter"),
        ("2", "Add evening clinics at both hospital sites")]


def test_a_header_that_names_codes_over_sentences_gives_way_to_its_next_reading():
    body = [["Improve access to community services"], ["Reduce health inequalities in the north"],
            ["Develop the workforce"]]
    mapping = CLASSIFIER.classify([["Objective number and title"]], body)
    assert mapping.decisions[0].field == "theme" and "0% of cells fit ref" in mapping.decisions[0].evidence


def test_a_bare_period_under_a_group_header_is_a_sub_header():
    rows = [["Action", "Progress", ""], ["", "Q1", "Q2"], ["Publish the plan", "Drafted", "Published"]]
    assert CLASSIFIER.find_header(rows, None) == (0, 2)
    plain = [["Action", "Lead", "When"], ["Publish", "Ann", "June 2024"]]
    assert CLASSIFIER.find_header(plain, None) == (0, 1)


def test_a_header_cell_wrapped_into_the_sub_header_row_does_not_hide_it():
    rows = [["Item", "RAG rating", "Progress", ""], ["", "(B/R/A/G)", "Q1", "Q2"],
            ["A1", "Red", "Drafted", "Published"]]
    assert CLASSIFIER.find_header(rows, None) == (0, 2)
    mapping = CLASSIFIER.classify(rows[:2], rows[2:])
    assert mapping.fields["status_text"] == 1 and mapping.periods == {"progress": [2, 3]}


@pytest.mark.parametrize(("headers", "named"), [
    (["Action", "Progress\nJune 2024", "September\n2024"],
     ["Action", "Progress\nJune 2024", "Progress September\n2024"]),
    (["Action", "Progress Q1 update", "Q2 update", "Q3 update"],
     ["Action", "Progress Q1 update", "Progress Q2 update", "Progress Q3 update"]),
    (["Action", "Progress at Q1", "Q2"], ["Action", "Progress at Q1", "Progress Q2"]),
    (["Action", "Lead", "Q2"], ["Action", "Lead", "Q2"]),  # no period to the left
    (["Action", "Target date", "Comments"], ["Action", "Target date", "Comments"]),
    (["Progress Q1 update", "Progress Q2 update"], ["Progress Q1 update", "Progress Q2 update"]),
])
def test_a_period_header_beside_a_grouped_one_takes_its_group(headers, named):
    from actionplan.normalise.columns import with_period_groups

    assert with_period_groups(headers) == named


def test_a_header_wrapped_over_two_rows_is_one_header():
    mapping = CLASSIFIER.classify([["Action", "Original", "Status of", "Risks and"],
                                   ["", "target date", "action", "issues"]], [])
    assert mapping.fields == {"action": 0, "due_text": 1, "status_text": 2, "risks": 3}
    assert mapping.headers[1:] == ["Original target date", "Status of action", "Risks and issues"]


def test_a_two_row_header_is_read_by_its_lower_cells():
    mapping = CLASSIFIER.classify([["Action", "Delivery", "", "Progress", ""],
                                   ["", "Lead", "By when", "Q1 update", "Q2 update"]],
                                  [], {(0, 1): 2, (0, 3): 2})
    assert mapping.fields == {"action": 0, "lead": 1, "due_text": 2}
    assert mapping.periods == {"progress": [3, 4]}
    assert mapping.headers[1] == "Delivery Lead"


@pytest.mark.parametrize("row", [
    ["Objective 1: improve staff experience", "Action plan review with staff networks",
     "HR Director", "March 2025", "On track"],
    ["Objective 2", "Lead the review of recruitment", "Director of People", "Q2 2025/26", "Delayed"],
    ["Priority", "Review the complaints process and publish the results", "Head of Quality",
     "Ongoing", "In progress"],
])
def test_a_data_row_that_resembles_header_words_is_never_a_header(row):
    assert CLASSIFIER.header_score(row) == 0


@pytest.mark.parametrize("rows", [
    [["Version", "Date", "Author", "Changes"], ["1.0", "01/04/2024", "A. Lee", "First issue"]],
    [["Version", "Date", "Description", "Status"], ["2", "May 2024", "Revised actions", "Approved"]],
    [["Name", "Role", "Signature", "Date"], ["Ann Lee", "Director", "", "01/05/2024"]],
    [["Colour", "Meaning"], ["Green", "On track"], ["Red", "Delayed"]],
])
def test_control_and_key_tables_are_not_plans(rows):
    header = CLASSIFIER.find_header(rows, None)
    assert header is None or not CLASSIFIER.classify(rows[header[0]:header[1]],
                                                     rows[header[1]:]).is_plan_table


def test_a_continuation_page_starting_with_a_header_like_row_keeps_that_row(tmp_path):
    text = ("| Objective | Action | Lead | By when |\n|---|---|---|---|\n"
            "| Objective 1 | Hold listening events | HR Director | March 2025 |\n"
            "\f\n"
            "| Objective 2 | Action plan review with the staff networks | HR Director | June 2025 |\n")
    got = read_plan(tmp_path, text)
    assert [r.action for r in got.records] == ["Hold listening events",
                                               "Action plan review with the staff networks"]
    assert [r.theme for r in got.records] == ["Objective 1", "Objective 2"]


US_PLAN = ("| Action | Lead | Due |\n|---|---|---|\n"
           "| Open the clinic | Ann | 03/12/2025 |\n| Recruit nurses | Bob | 03/20/2025 |\n")


def test_a_plan_whose_dates_can_only_be_month_first_is_read_month_first(tmp_path):
    got = read_plan(tmp_path, US_PLAN)
    assert [r.due_date for r in got.records] == [date(2025, 3, 12), date(2025, 3, 20)]
    assert all("month_first_dates" in r.flags for r in got.records)


def test_a_plan_where_both_orders_fit_stays_day_first(tmp_path):
    got = read_plan(tmp_path, US_PLAN.replace("03/20/2025", "20/03/2025"))
    assert [r.due_date for r in got.records] == [date(2025, 12, 3), date(2025, 3, 20)]
    assert not any("month_first_dates" in r.flags for r in got.records)


def test_the_configured_order_wins(tmp_path):
    got = read_plan(tmp_path, US_PLAN, Settings(month_first=False))
    assert got.records[0].due_date == date(2025, 12, 3) and got.records[1].due_date is None


def test_user_synonyms_win_over_the_classifier(tmp_path):
    settings = Settings(headers={"ref": ["#"], "lead": ["Go-live"]})
    got = read_plan(tmp_path, "| # | Action | Go-live |\n|---|---|---|\n| 7 | Open the clinic | Ann |\n",
                    settings)
    assert (got.records[0].ref, got.records[0].lead) == ("7", "Ann")


def test_column_decisions_are_traced_with_their_evidence(tmp_path):
    got = read_plan(tmp_path, "| Action | Go-live |\n|---|---|\n| Open the clinic | 31/03/2025 |\n"
                              "| Recruit | 30/06/2025 |\n")
    notes = [d.note for d in got.trace if d.kind == "column"]
    assert notes[0].startswith("action (1.00): header")
    assert notes[1].startswith("due_text (1.00): content: 100% of 2 cells")


def word_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def test_a_word_plan_split_one_table_per_page_is_stitched(tmp_path):
    document = WordDocument()
    document.add_paragraph("Staff survey action plan")
    word_table(document, [["#", "Action", "Lead", "Due"],
                          ["1", "Run listening events with every", "HR Director", "March 2025"]])
    document.add_page_break()
    word_table(document, [["", "staff network and publish the themes", "", ""],
                          ["2", "Publish the survey results", "Comms lead", "April 2025"]])
    path = tmp_path / "split.docx"
    document.save(path)
    got = normalise(ingest.read(path))
    assert [(r.ref, r.action) for r in got.records] == [
        ("1", "Run listening events with every staff network and publish the themes"),
        ("2", "Publish the survey results")]
    assert got.residue == []


def test_a_sentence_alone_in_the_action_cell_is_the_rest_of_the_action_above(tmp_path):
    got = read_plan(tmp_path, "| Action | Lead |\n|---|---|\n"
                              "| Evaluate care planning in care homes. | Ann |\n"
                              "| This includes the patient survey with Healthwatch. | |\n"
                              "| Goal 2: Better access | |\n"
                              "| Publish the results | Bob |\n")
    assert [(r.action, r.section) for r in got.records] == [
        ("Evaluate care planning in care homes. This includes the patient survey with Healthwatch.", []),
        ("Publish the results", ["Goal 2: Better access"])]



def test_periods_beside_a_period_column_are_header_labels_not_dates():
    assert CLASSIFIER.header_score(["Action", "Lead", "Progress June 2024", "September 2024"]) > 0
    assert CLASSIFIER.header_score(["Action", "Progress", "Q1", "Q2"]) > 0
    assert CLASSIFIER.header_score(["Objective 1", "Action plan review", "HR Director", "June 2025"]) == 0


CUT_HEADER = "| Ref | Action | Lead | By when | Status | Notes |\n|---|---|---|---|---|---|\n"


@pytest.mark.parametrize(("first", "rest", "joined"), [
    # the date's year carried over the break, with the action's last word
    ("| 1.1 | Agree care planning in care | Ann | End of September | Planned | Funding bid |",
     "| | homes | | 2025 | | submitted. |", "Agree care planning in care homes"),
    # a status cut in two ("Work in" / "progress"), the action going on in lower case
    ("| 1.1 | Co-produce a reverse | Ann | March 2025 | Work in | Engagement from partner |",
     "| | mentoring programme. | | | progress | organisations |",
     "Co-produce a reverse mentoring programme."),
    # most cells go on in lower case though the action's rest is a proper noun
    ("| 1.1 | Work with the local authority and | Ann | March 2025 | Work in | Engagement from |",
     "| | Healthwatch. | | | progress | partner organisations |",
     "Work with the local authority and Healthwatch."),
])
def test_a_row_cut_by_a_page_break_is_one_action(tmp_path, first, rest, joined):
    got = read_plan(tmp_path, CUT_HEADER + first + "\n\f\n" + rest + "\n")
    assert [r.action for r in got.records] == [joined]


def test_a_new_action_after_a_page_break_stays_one_of_its_own(tmp_path):
    got = read_plan(tmp_path, CUT_HEADER + "| 1.1 | Agree the plan | Ann | June 2025 | Planned | None |\n\f\n"
                    "| | Publish the survey results | Bob | 2025 | Complete | Shared with partners |\n")
    assert [r.action for r in got.records] == ["Agree the plan", "Publish the survey results"]


def test_a_sentence_pointing_back_at_the_action_above_is_its_rest(tmp_path):
    got = read_plan(tmp_path, "| Ref | Action | Lead |\n|---|---|---|\n"
                              "| 1.1 | Evaluate care planning in care homes. | Ann |\n"
                              "| | This includes the patient survey with Healthwatch. | |\n"
                              "| | Publish the annual report on the website for staff. | |\n")
    assert [r.action for r in got.records] == [
        "Evaluate care planning in care homes. This includes the patient survey with Healthwatch.",
        "Publish the annual report on the website for staff."]


def test_a_header_repeated_with_its_words_cut_at_other_column_edges_is_still_the_header():
    from actionplan.normalise.stitch import repeats_header
    from actionplan.normalise.text import fold

    keys = [[fold(c) for c in ["Theme", "Action status", "Narrative update"]]]
    assert repeats_header(["Theme", "Action", "status Narrative update"], keys)
    assert not repeats_header(["Theme", "Action", "Narrative update"], keys)
    assert not repeats_header(["", "", ""], [["", "", ""][:0]])


def test_a_header_whose_cells_wrap_into_a_second_row_is_one_header():
    rows = [["Priority", "Desired", "Actions", "Complete", "Status", "Progress", ""],
            ["areas", "outcome", "", "by", "(complete /\non track /\ndelayed)", "June 2024",
             "September 2024"],
            ["Housing", "Fewer admissions", "Publish the plan", "2025", "On track", "Drafted", ""]]
    assert CLASSIFIER.find_header(rows, None) == (0, 2)
    mapping = CLASSIFIER.classify(rows[:2], rows[2:])
    assert mapping.fields["due_text"] == 3 and mapping.fields["status_text"] == 4
    assert mapping.headers[3] == "Complete by"


def test_one_header_cells_last_word_wrapped_alone_is_part_of_the_header():
    rows = [["Workstream", "Expected", "Action / activity", "Funding source"], ["", "outcome", "", ""],
            ["Housing", "Fewer admissions", "Publish the plan", "£25k"]]
    assert CLASSIFIER.find_header(rows, None) == (0, 2)
    assert CLASSIFIER.classify(rows[:2], rows[2:]).fields["outcome"] == 1


def test_a_cut_rows_rest_that_names_an_action_is_no_new_header(tmp_path):
    got = read_plan(tmp_path, "| Ref | Action | Measure | Lead |\n|---|---|---|---|\n"
                              "| A4 | Commission the Workforce | Staff survey results | Ann |\n\f\n"
                              "| | Race Equality Standard action plan | show improvement | and Bob |\n")
    assert [(r.action, r.evidence) for r in got.records] == [
        ("Commission the Workforce Race Equality Standard action plan",
         "Staff survey results show improvement")]


def test_a_row_of_more_words_for_the_free_text_cells_is_the_rest_of_the_action_above(tmp_path):
    got = read_plan(tmp_path, "| Ref | Action | Progress | Theme |\n|---|---|---|---|\n"
                              "| 1 | Publish the plan | Scoping meeting held. | Housing |\n"
                              "| | | Procurement completed. | |\n"
                              "| | | | Health |\n"
                              "| 2 | Review the plan | Drafted. | |\n")
    assert [(r.ref, r.progress, r.theme) for r in got.records] == [
        ("1", "Scoping meeting held. Procurement completed.", "Housing"), ("2", "Drafted.", "Health")]


def test_a_header_repeated_in_another_number_of_rows_is_still_the_header():
    from actionplan.normalise.stitch import header_again
    from actionplan.normalise.text import fold

    keys = [[fold(c) for c in row] for row in (["What actions will we", "Progress", ""],
                                               ["take?", "Q1 update", "Q2 update"])]
    again = [["What actions will we\ntake?", "Progress", ""], ["", "Q1 update", "Q2 update"], ["x", "y", "z"]]
    assert header_again(again, 0, keys) == 2
    assert header_again(again, 1, keys) == 0


def test_an_action_cell_going_on_in_lower_case_is_the_rest_of_the_action_above(tmp_path):
    plan = ("| Ref | Action | Lead |\n|---|---|---|\n| 1 | Publish the plan | Ann |\n"
            "| | and report it to the board | |\n| 2 | Review the policy | Bob |\n")
    got = read_plan(tmp_path, plan)
    assert [r.action for r in got.records] == ["Publish the plan and report it to the board",
                                               "Review the policy"]
    lower = plan.replace("Publish", "publish").replace("Review", "review")  # a plan written so
    assert len(read_plan(tmp_path, lower, name="lower.txt").records) == 3


def test_a_merged_theme_cells_words_run_on_into_the_next_row(tmp_path):
    got = read_plan(tmp_path, "| Theme | Ref | Action |\n|---|---|---|\n"
                              "| Improving access to | 1 | Publish the plan |\n"
                              "| services | 2 | Review the policy |\n"
                              "| Workforce | 3 | Recruit nurses |\n")
    assert [r.theme for r in got.records] == ["Improving access to services"] * 2 + ["Workforce"]
    lower = read_plan(tmp_path, "| Theme | Ref | Action |\n|---|---|---|\n"
                                "| housing | 1 | Publish the plan |\n| health | 2 | Review the policy |\n",
                      name="lower.txt")
    assert [r.theme for r in lower.records] == ["housing", "health"]  # a column written so


PLAN_BELOW = ("| Action | Lead | By when | Status |\n|---|---|---|---|\n"
              "| Review the estates strategy | Ann Lee | March 2021 | In progress |\n"
              "| Publish the annual report | Bob Roe | June 2021 | Complete |\n")


@pytest.mark.parametrize("details", [
    "| Plan | Health Inequalities Action Plan |\n|---|---|\n| Last updated | 1 May 2020 |\n",
    "| Document title: | Health Inequalities Action Plan |\n|---|---|\n| Version: | 3 |\n"
    "| Date: | 1 May 2020 |\n",
    "| Title | Health Inequalities Action Plan |\n|---|---|\n| Owner | Director of Nursing |\n"
    "| Last updated | 1 May 2020 |\n",
])
def test_a_table_of_the_documents_details_gives_its_title_and_date_not_actions(tmp_path, details):
    """Its value "… Action Plan" reads as an action header: the labels say what it is."""
    got = read_plan(tmp_path, details + "\n" + PLAN_BELOW)
    assert [r.action for r in got.records] == ["Review the estates strategy", "Publish the annual report"]
    assert {(r.plan_title, r.plan_updated) for r in got.records} == {
        ("Health Inequalities Action Plan", date(2020, 5, 1))}
    assert {r.reason for r in got.residue} == {"document details, not actions"}


@pytest.mark.parametrize("plan", [
    "| Action | Lead |\n|---|---|\n| Review the strategy | Ann Lee |\n| Publish the report | Bob Roe |\n",
    "| Objective | Action |\n|---|---|\n| Date: | Agree the dates of the board |\n"
    "| Title | Publish the new titles |\n",
    "| No. | Action Plan |\n|---|---|\n| 1 | Review the estates strategy |\n| 2 | Publish the report |\n",
])
def test_a_two_column_plan_is_not_taken_for_document_details(tmp_path, plan):
    assert len(read_plan(tmp_path, plan).records) == 2
