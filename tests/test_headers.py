"""Header synonyms: exact first, fuzzy only for the rest; nothing dropped."""

from __future__ import annotations

import pytest

from normalise.headers import HeaderMatcher

MATCHER = HeaderMatcher()


@pytest.mark.parametrize(("header", "field"), [
    ("Objectives", "theme"), ("<u>Objectives</u>", "theme"), ("Key Areas", "theme"),
    ("EDS Outcome", "outcome"), ("Action", "action"), ("Actions required", "action"),
    ("Action owner", "lead"), ("Action no.", "ref"), ("Lead(s)", "lead"), ("By whom", "lead"),
    ("By when", "due_text"), ("Milestones", "due_text"), ("Target date", "due_text"),
    ("Risks / issues", "risks"), ("Comments", "notes"), ("Progress update", "progress"),
    ("RAG status", "status_text"), ("BRAG", "status_text"), ("Measures of success", "evidence"),
    ("Actons", "action"), ("Progres", "progress"), ("Budget", None), ("", None),
])
def test_field_of(header, field):
    assert MATCHER.field_of(header) == field


def test_second_column_for_a_field_goes_to_extra():
    mapping = MATCHER.map_columns(["Action", "Lead", "Owner", "Cost"])
    assert mapping.fields == {"action": 0, "lead": 1}
    assert mapping.extra == {2: "Owner", 3: "Cost"}


def test_period_columns_form_one_field():
    mapping = MATCHER.map_columns(["Action", "Q1 update", "Q2 update", "Q3 update", "Status"])
    assert mapping.periods == {"progress": [1, 2, 3]}
    assert mapping.fields == {"action": 0, "status_text": 4}


def test_single_period_column_is_the_field():
    mapping = MATCHER.map_columns(["Action", "Q1 update"])
    assert mapping.fields == {"action": 0, "progress": 1}


def test_user_synonyms():
    matcher = HeaderMatcher({"lead": ["Senior responsible officer"]})
    assert matcher.field_of("Senior Responsible Officer") == "lead"
    with pytest.raises(ValueError, match="unknown field"):
        HeaderMatcher({"owner": ["x"]})


@pytest.mark.parametrize("header", ["Actions to be taken", "Planned activity", "Key tasks"])
def test_an_action_column_no_synonym_names_is_found_by_its_words(header):
    mapping = MATCHER.map_columns(["Ref", header, "Lead", "Status"])
    assert mapping.fields["action"] == 1 and 1 not in mapping.extra
    assert MATCHER.looks_like_header(["Ref", header, "Lead", "Status"])


def test_the_action_word_fallback_never_overrides_a_real_action_column():
    mapping = MATCHER.map_columns(["Action", "Action taken to date", "Lead"])
    assert mapping.fields["action"] == 0 and mapping.extra == {1: "Action taken to date"}
