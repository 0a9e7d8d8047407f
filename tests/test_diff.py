"""`actionplan diff`: known edits between two versions of a plan, across formats."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from actionplan.normalise import normalise
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan import ingest
from actionplan.cli import cli
from actionplan.diff import compare, word_diff

from .conftest import SAMPLES

SEED_000 = SAMPLES / "000_9f9255b261eaf6f2.txt"
HEADER = "| Objective | Action | Lead | By when | Status |\n|---|---|---|---|---|\n"


def records_of_text(tmp_path, name, rows, title="Trust Plan\nLast updated 1 June 2021"):
    path = tmp_path / name
    path.write_text(title + "\n\n" + HEADER + "".join(f"| {' | '.join(r)} |\n" for r in rows))
    return normalise(ingest.read(path)).records


BASE = [
    ("Workforce", "Recruit two officers for North ward", "Ann", "30/9/21", "In progress"),
    ("Workforce", "Recruit two officers for South ward", "Bob", "30/9/21", "In progress"),
    ("Estates", "Install temperature monitoring", "Cat", "31/12/21", "On track"),
    ("Estates", "Publish the estates strategy", "Dan", "31/3/22", "Not started"),
]


def kinds(comparison):
    return sorted((p.kind, (p.new or p.old).action) for p in comparison.pairs)


def test_identical_plans_reordered_have_no_changes(tmp_path):
    old = records_of_text(tmp_path, "old.txt", BASE)
    new = records_of_text(tmp_path, "new.txt", list(reversed(BASE)))
    assert {p.kind for p in compare(old, new).pairs} == {"unchanged"}


def test_near_identical_actions_are_not_swapped(tmp_path):
    old = records_of_text(tmp_path, "old.txt", BASE)
    edited = [(t, a.replace("two", "2"), lead, d, s) for t, a, lead, d, s in BASE[:2]] + BASE[2:]
    new = records_of_text(tmp_path, "new.txt", [edited[1], edited[0], *edited[2:]])
    pairs = {p.old.action: p for p in compare(old, new).pairs if p.old and p.new}
    north = pairs["Recruit two officers for North ward"]
    assert north.new.action == "Recruit 2 officers for North ward"
    assert north.match_method == "fuzzy" and north.new.lead == "Ann"
    assert north.changed_fields == ["action"] and 0.9 < north.similarity < 1


def test_status_date_lead_theme_changes(tmp_path):
    old = records_of_text(tmp_path, "old.txt", BASE)
    new_rows = [
        ("Workforce", BASE[0][1], "Ann", "31/12/21", "Delayed"),   # slipped, worse
        ("Workforce", BASE[1][1], "Eve", "30/9/21", "In progress"),  # lead changed
        ("Digital", BASE[2][1], "Cat", "31/12/21", "On track"),      # theme moved
        ("Estates", BASE[3][1], "Dan", "31/3/22", "Complete"),        # completed
    ]
    new = records_of_text(tmp_path, "new.txt", new_rows)
    pairs = {p.new.action: p for p in compare(old, new).pairs}
    slipped = pairs[BASE[0][1]]
    assert slipped.kind == "changed" and slipped.status_change == "worse" and slipped.slip_days == 92
    assert set(slipped.changed_fields) == {"due_date", "due_text", "status"}
    assert pairs[BASE[1][1]].changed_fields == ["lead"]
    assert pairs[BASE[2][1]].changed_fields == ["theme"]
    done = pairs[BASE[3][1]]
    assert (done.kind, done.status_change, done.completion) == ("completed", "better", "on time")


def test_added_and_removed(tmp_path):
    old = records_of_text(tmp_path, "old.txt", BASE)
    new = records_of_text(tmp_path, "new.txt", [*BASE[:3], ("Digital", "Launch the patient app", "Fay",
                                                            "31/3/22", "Not started")])
    got = {(p.kind, (p.new or p.old).action, p.warning) for p in compare(old, new).pairs
           if p.kind != "unchanged"}
    assert got == {("added", "Launch the patient app", None),
                   ("removed", "Publish the estates strategy", "dropped without closure")}


def next_quarter_of_seed() -> str:
    text = SEED_000.read_text()
    edits = [
        ("Last updated 1st September 2020", "Last updated 1st December 2020"),
        ("Working Group | 30/9/20 | | | In progress |", "Working Group | 30/9/20 | | | Complete |"),
        ("| Analyse data | 30/7/20 |", "| Analyse data | 30/11/20 |"),
        ("prevention strategy | 21/9/20 | | | In progress |",
         "prevention strategy | 21/9/20 | | | At risk |"),
        ("| Finalise indicator list |", "| Finalise the indicator list |"),
        ("| | Evaluate the diabetes local enhanced service | 1/6/21 | | | Delayed |\n", ""),
        ("| Maternity | Improve continuity of maternity care for BAME groups | 31/12/20 | | | In progress |",
         "| Maternity | Improve continuity of maternity care for BAME groups | 31/12/20 | | | In progress |\n"
         "| | Publish the health inequalities dashboard | 31/3/21 | | | To be started |"),
    ]
    for before, after in edits:
        assert before in text, before
        text = text.replace(before, after)
    return text


def test_seed_next_quarter_report(tmp_path):
    new_path = tmp_path / "next.txt"
    new_path.write_text(next_quarter_of_seed())
    result = CliRunner().invoke(cli, ["diff", str(SEED_000), str(new_path)], catch_exceptions=False)
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0] == "Summary: 21 unchanged, 3 changed, 1 completed, 1 added, 1 removed"
    assert out.splitlines()[1] == "Total slip: +123 days; newly overdue: 4 (as of 2020-12-01)"
    assert "COMPLETED  Identify Health Inequalities Lead" in out and "completed late" in out
    assert "due: 2020-07-30 -> 2020-11-30 (+123 days)" in out
    assert "status: In progress -> At risk (worse)" in out
    assert "'" not in out.replace("Children's", "") and "None" not in out  # plain words, no reprs
    assert "reworded (" in out and "Finalise {+the+} indicator list" in out
    assert "ADDED      Publish the health inequalities dashboard" in out
    assert "REMOVED    Evaluate the diabetes local enhanced service" in out
    assert "warning: dropped without closure" in out
    newly = json.loads(CliRunner().invoke(cli, ["diff", str(SEED_000), str(new_path), "--format", "json"]
                                          ).stdout)["pairs"]
    assert sorted(p["new_action"][:20] for p in newly if p["newly_overdue"]) == [
        "Discuss with provide", "Integrated into moni", "Map inequalities act", "Third wave of commun"]


@pytest.mark.parametrize(("old", "new"), [
    ("seed_004_equality_diversity.docx", "seed_004_horizontal_rules.pdf"),
    ("000_9f9255b261eaf6f2.txt", "seed_000_health_inequalities.pdf"),
    ("wres_action_plan_shading.docx", "wres_action_plan_shading.pdf"),
])
def test_same_plan_in_other_formats_has_no_changes(old, new):
    result = CliRunner().invoke(cli, ["diff", str(SAMPLES / old), str(SAMPLES / new)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert "No changes." in result.stdout and " 0 changed, 0 completed, 0 added, 0 removed" in result.stdout


def test_exported_file_against_its_document(tmp_path):
    exported = tmp_path / "q1.jsonl"
    CliRunner().invoke(cli, ["ingest", str(SEED_000), "-o", str(exported)], catch_exceptions=False)
    result = CliRunner().invoke(cli, ["diff", str(exported), str(SEED_000)], catch_exceptions=False)
    assert "No changes." in result.stdout


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_machine_output_one_row_per_pair(tmp_path, suffix):
    new_path = tmp_path / "next.txt"
    new_path.write_text(next_quarter_of_seed())
    out = tmp_path / f"changes{suffix}"
    CliRunner().invoke(cli, ["diff", str(SEED_000), str(new_path), "-o", str(out)], catch_exceptions=False)
    if suffix == ".parquet":
        table = pq.read_table(out)
        assert table.num_rows == 27
        assert table.schema.names[:9] == ["kind", "match_method", "match_score", "changed_fields",
                                          "status_change", "slip_days", "warning", "completion",
                                          "newly_overdue"]
        assert "old_due_date" in table.schema.names and "new_status" in table.schema.names
    elif suffix == ".csv":
        lines = out.read_text().splitlines()
        assert len(lines) == 28 and lines[0].startswith("kind,match_method,match_score,changed_fields")
    else:
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        slipped = next(r for r in rows if r["new_action"] == "Analyse data")
        assert slipped["slip_days"] == 123 and slipped["changed_fields"] == ["due_date", "due_text"]


def test_unreadable_side_exits_2(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"nope")
    result = CliRunner().invoke(cli, ["diff", str(SEED_000), str(bad)], catch_exceptions=False)
    assert result.exit_code == 2 and "bad.pdf" in result.stderr


def test_word_diff():
    assert word_diff("Finalise indicator list", "Finalise the indicator list") == \
        "Finalise {+the+} indicator list"
    assert word_diff("Recruit two officers", "Recruit 2 officers") == "Recruit [-two-] {+2+} officers"


def test_report_words_values_plainly_and_cuts_at_a_word(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    long_action = "Agree the terms of reference for the new partnership board " * 3
    old.write_text(f"| Action | Lead | By when |\n|---|---|---|\n| {long_action} | Ann | March 2024 |\n")
    new.write_text(f"| Action | Lead | By when |\n|---|---|---|\n| {long_action} | | Spring |\n")
    out = CliRunner().invoke(cli, ["diff", str(old), str(new)], catch_exceptions=False).stdout
    assert "lead: \u201cAnn\u201d -> (none)" in out
    assert "due: \u201cMarch 2024\u201d -> \u201cSpring\u201d" in out
    head = next(line for line in out.splitlines() if "CHANGED" in line)
    assert head.endswith(" …") and head[:-2].split()[-1] in long_action.split()


def test_diff_writes_the_json_report(tmp_path):
    target = tmp_path / "changes.json"
    result = CliRunner().invoke(cli, ["diff", str(SEED_000), str(SEED_000), "-o", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    report = json.loads(target.read_text())
    assert report["summary"]["unchanged"] == 26 and len(report["pairs"]) == 26


def plan_action(action: str, theme: str | None, section: list[str]):
    from actionplan.normalise import ActionRecord

    return ActionRecord(
        source_file="plan.txt", source_format="text", source_sha256="0", page=None, table=1, row=1,
        plan_title=None, plan_updated=None, action_id="1", section=section, theme=theme, outcome=None,
        ref=None, action=action, evidence=None, lead=None, due_text=None, risks=None, notes=None,
        progress=None, status_text=None, extra={}, status=None, status_score=None, rag=None,
        due_date=None, due_kind=None, recurrence=None)


ACTIONS = st.builds(plan_action, st.sampled_from(["Recruit two officers", "recruit two Officers.",
                                                  "Publish the strategy", "Audit", "", "Review é"]),
                    st.sampled_from([None, "Workforce", "workforce", "Estates"]),
                    st.sampled_from([[], ["Goal 1"], ["goal 1"], ["Goal 1", "Part A"]]))


@given(st.lists(ACTIONS, min_size=1, max_size=6), st.lists(ACTIONS, min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_the_score_arrays_are_the_pairwise_scores(old, new):
    """The arrays give, for each pair, the text's similarity and 0.85 of it plus 0.15 of the
    context (the same theme, the same sections, after folding: half of 100 each)."""
    from actionplan.normalise.text import fold

    from actionplan.diff import CONTEXT_WEIGHT, TEXT_WEIGHT, scores, similarity

    text, score = scores(old, new)
    for a, o in enumerate(old):
        for b, n in enumerate(new):
            context = 100.0 * ((fold(o.theme or "") == fold(n.theme or ""))
                               + ([fold(s) for s in o.section] == [fold(s) for s in n.section])) / 2
            assert text[a, b] == similarity(o, n)
            assert score[a, b] == TEXT_WEIGHT * similarity(o, n) + CONTEXT_WEIGHT * context
