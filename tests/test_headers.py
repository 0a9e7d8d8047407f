"""Header words: synonyms, the head noun, questions, footnotes, periods; nothing dropped."""

from __future__ import annotations

import pytest
from actionplan.normalise import Settings
from actionplan.normalise.headers import HeaderReader, fold_header

READER = HeaderReader()
CLASSIFIER = Settings().classifier


@pytest.mark.parametrize(("header", "field"), [
    ("Objectives", "theme"), ("<u>Objectives</u>", "theme"), ("Key Areas", "theme"),
    ("EDS Outcome", "outcome"), ("Action", "action"), ("Actions required", "action"),
    ("Action owner", "lead"), ("Action no.", "ref"), ("Lead(s)", "lead"), ("By whom", "lead"),
    ("By when", "due_text"), ("Milestones", "due_text"), ("Target date", "due_text"),
    ("Risks / issues", "risks"), ("Comments", "notes"), ("Progress update", "progress"),
    ("RAG status", "status_text"), ("BRAG", "status_text"), ("Measures of success", "evidence"),
    ("Actons", "action"), ("Progres", "progress"), ("Budget", None), ("", None),
    # the head noun decides
    ("Status update", "progress"), ("Update on status", "progress"), ("Current status", "status_text"),
    ("Status (RAG)", "status_text"), ("Overall RAG", "status_text"), ("Lead officer", "lead"),
    ("Responsible director", "lead"), ("Who is responsible", "lead"), ("Executive lead", "lead"),
    ("SRO", "lead"), ("Owner(s)", "lead"), ("Target completion date", "due_text"),
    ("Timeframe", "due_text"), ("Timeline", "due_text"), ("By when?", "due_text"), ("Due by", "due_text"),
    ("Action no", "ref"), ("Ref no.", "ref"), ("#", "ref"), ("Item no.", "ref"),
    ("Action Item Number", "ref"), ("Outcome measures", "evidence"), ("KPIs", "evidence"),
    ("Success measures", "evidence"), ("Evidence of completion", "evidence"),
    ("Risks and mitigations", "risks"), ("Strategic priority", "theme"), ("Desired outcome", "outcome"),
    ("Delivery status", "status_text"), ("Action taken to date", "progress"),
    # footnote markers, line breaks, trailing colons
    ("Timeline¹⁰", "due_text"), ("Priority⁵", "theme"), ("Lead\nofficer:", "lead"),
    ("Current\nstatus", "status_text"),
    # dates that are no due date
    ("Date raised", None), ("Start date", None),
])
def test_field_of(header, field):
    assert READER.field_of(header) == field


def test_fold_header_keeps_the_number_sign_and_drops_footnotes():
    assert fold_header("Timeline¹⁰") == "timeline"
    assert fold_header("addressed2") == "addressed"
    assert fold_header("#") == "#"
    assert fold_header("Lead(s):") == "lead"


def test_second_column_for_a_field_goes_to_extra():
    mapping = CLASSIFIER.classify([["Action", "Lead", "Owner", "Cost"]], [])
    assert mapping.fields == {"action": 0, "lead": 1}
    assert mapping.extra == {2: "Owner", 3: "Cost"}


def test_period_columns_form_one_field():
    mapping = CLASSIFIER.classify([["Action", "Q1 update", "Q2 update", "Q3 update", "Status"]], [])
    assert mapping.periods == {"progress": [1, 2, 3]}
    assert mapping.fields == {"action": 0, "status_text": 4}


def test_single_period_column_is_the_field():
    mapping = CLASSIFIER.classify([["Action", "Q1 update"]], [])
    assert mapping.fields == {"action": 0, "progress": 1}


def test_user_synonyms():
    reader = HeaderReader({"lead": ["Senior responsible officer"]})
    assert reader.field_of("Senior Responsible Officer") == "lead"
    with pytest.raises(ValueError, match="unknown field"):
        HeaderReader({"owner": ["x"]})


@pytest.mark.parametrize("header", ["Actions to be taken", "Planned activity", "Key tasks"])
def test_an_action_column_no_synonym_names_is_found_by_its_words(header):
    mapping = CLASSIFIER.classify([["Ref", header, "Lead", "Status"]], [])
    assert mapping.fields["action"] == 1 and 1 not in mapping.extra
    assert CLASSIFIER.header_score(["Ref", header, "Lead", "Status"]) > 0


def test_the_action_word_fallback_never_overrides_a_real_action_column():
    mapping = CLASSIFIER.classify([["Action", "Action taken to date", "Lead"]], [])
    assert mapping.fields["action"] == 0 and mapping.fields["progress"] == 1
