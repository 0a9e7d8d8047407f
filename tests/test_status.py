"""Status labels to canonical statuses, scores and colours."""

from __future__ import annotations

import pytest
from actionplan.normalise.status import StatusVocabulary, read_status

VOCAB = StatusVocabulary()

LABELS = [
    ("Complete", "complete", 1.0, "blue", ()),
    ("Completed", "complete", 1.0, "blue", ()),
    ("COMPLETED", "complete", 1.0, "blue", ()),
    ("complete.", "complete", 1.0, "blue", ()),
    ("Done", "complete", 1.0, "blue", ()),
    ("Achieved", "complete", 1.0, "blue", ()),
    ("B", "complete", 1.0, "blue", ()),
    ("Blue", "complete", 1.0, "blue", ()),
    ("On track", "on_track", 1.0, "green", ()),
    ("on-track", "on_track", 1.0, "green", ()),
    ("Green", "on_track", 1.0, "green", ()),
    ("G", "on_track", 1.0, "green", ()),
    ("In progress", "in_progress", 1.0, None, ()),
    ("In Progress", "in_progress", 1.0, None, ()),
    ("Ongoing", "in_progress", 1.0, None, ()),
    ("WIP", "in_progress", 1.0, None, ()),
    ("At risk", "at_risk", 1.0, "amber", ()),
    ("Amber", "at_risk", 1.0, "amber", ()),
    ("Yellow", "at_risk", 1.0, "amber", ()),
    ("Partially met", "at_risk", 1.0, "amber", ()),
    ("Delayed", "delayed", 1.0, "red", ()),
    ("Red", "delayed", 1.0, "red", ()),
    ("Not met", "delayed", 1.0, "red", ()),
    ("Not achieved", "delayed", 1.0, "red", ()),
    ("Off track", "delayed", 1.0, "red", ()),
    ("To be started", "not_started", 1.0, "grey", ()),
    ("Not started", "not_started", 1.0, "grey", ()),
    ("Pending", "not_started", 1.0, "grey", ()),
    ("On hold", "on_hold", 1.0, None, ()),
    ("Deferred", "on_hold", 1.0, None, ()),
    ("Cancelled", "cancelled", 1.0, None, ()),
    ("No longer required", "cancelled", 1.0, None, ()),
    ("Amber/Green", "at_risk", 1.0, "amber", ("status_mixed",)),
    ("Red / Amber", "delayed", 1.0, "red", ("status_mixed",)),
    ("Green - on track", "on_track", 1.0, "green", ()),
    ("Complete - see notes", "complete", 1.0, "blue", ()),
]


@pytest.mark.parametrize(("label", "status", "score", "rag", "flags"), LABELS)
def test_labels(label, status, score, rag, flags):
    reading = read_status(label, None, VOCAB)
    assert (reading.status, reading.score, reading.rag, reading.flags) == (status, score, rag, flags)


@pytest.mark.parametrize(("label", "status"), [
    ("Compelted", "complete"), ("Comlete", "complete"), ("Delayd", "delayed"),
    ("In progres", "in_progress"), ("Not startd", "not_started"),
])
def test_typos_match_fuzzily_with_score_below_one(label, status):
    reading = read_status(label, None, VOCAB)
    assert reading.status == status
    assert 0.85 <= reading.score < 1.0


@pytest.mark.parametrize("label", ["Incomplete", "Not complete", "Uncompleted", "Not done"])
def test_negated_label_never_matches_its_positive(label):
    assert read_status(label, None, VOCAB).status != "complete"


@pytest.mark.parametrize("label", ["Rag rating events held", "See above", "Awaiting data"])
def test_unrecognised_label_keeps_null_and_flag(label):
    reading = read_status(label, None, VOCAB)
    assert reading.status is None and reading.flags == ("status_unrecognised",)
    assert reading.score is None or reading.score < 0.85


@pytest.mark.parametrize(("fill", "status", "rag"), [
    ("00B050", "on_track", "green"), ("FFC000", "at_risk", "amber"), ("FF0000", "delayed", "red"),
    ("0070C0", "complete", "blue"), ("A6A6A6", "not_started", "grey"), ("FFFF00", "at_risk", "amber"),
])
def test_fill_only_gives_status_from_colour(fill, status, rag):
    reading = read_status("", fill, VOCAB)
    assert (reading.status, reading.rag, reading.score, reading.flags) == (
        status, rag, 1.0, ("status_from_colour",))


def test_fill_with_text_is_kept_as_rag():
    reading = read_status("In progress", "FFC000", VOCAB)
    assert (reading.status, reading.rag, reading.flags) == ("in_progress", "amber", ())


def test_white_fill_is_no_colour():
    assert read_status("", "FFFFFF", VOCAB).status is None


def test_legend_overrides_colour_meaning():
    legend = {"green": "complete"}
    assert read_status("", "00B050", VOCAB, legend).status == "complete"
    assert read_status("Green", None, VOCAB, legend).status == "complete"


def test_user_labels_extend_the_vocabulary():
    vocabulary = StatusVocabulary({"complete": ["Embedded"], "in_progress": ["Mobilising"]})
    assert read_status("Embedded", None, vocabulary).status == "complete"
    assert read_status("mobilising", None, vocabulary).status == "in_progress"
    with pytest.raises(ValueError, match="unknown status"):
        StatusVocabulary({"finished": ["Done"]})


@pytest.mark.parametrize(("label", "status"), [
    ("On-going", "in_progress"), ("Not-started", "not_started"), ("COMPLETED.", "complete"),
    ("on track", "on_track"), ("Complete ✔", "complete"),
])
def test_labels_equal_after_space_and_punctuation_folding_score_one(label, status):
    reading = read_status(label, None, VOCAB)
    assert (reading.status, reading.score) == (status, 1.0)
