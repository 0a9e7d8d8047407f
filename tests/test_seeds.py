"""The two seed plans, action by action, against expected files written by reading them."""

from __future__ import annotations

from datetime import date

import pytest
from actionplan.normalise import normalise

from actionplan import ingest

from .conftest import EXPECTED, SAMPLES, load_jsonl

SEEDS = {
    "000_9f9255b261eaf6f2.txt": {
        "plan_title": "Working version of Cambridgeshire and Peterborough NHS Health "
                      "Inequalities Action plan",
        "plan_updated": date(2020, 9, 1),
        "expected": "seed_000.jsonl",
        "defaults": {"section": [], "outcome": None, "ref": None, "evidence": None, "lead": None,
                     "progress": None, "extra": {}, "status_score": 1.0},
    },
    "004_e84f46dd32060436.txt": {
        "plan_title": "Cambridgeshire and Peterborough Clinical Commissioning Group Equality and "
                      "Diversity Improvement Plan 2018/19",
        "plan_updated": None,
        "expected": "seed_004.jsonl",
        "defaults": {"ref": None, "risks": None, "notes": None, "status_text": None, "status": None,
                     "status_score": None, "rag": None, "extra": {}},
    },
}


def records_of(name: str):
    return normalise(ingest.read(SAMPLES / name)).records


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_actions_field_by_field(name):
    spec = SEEDS[name]
    expected = load_jsonl(EXPECTED / spec["expected"])
    records = records_of(name)
    assert len(records) == len(expected)
    for record, want in zip(records, expected, strict=True):
        got = record.to_dict()
        for field, value in {**spec["defaults"], **want}.items():
            if field in ("due_date",) and value is not None:
                value = date.fromisoformat(value)
            assert got[field] == value, f"{name} table {want['table']} row {want['row']}: {field}"
        assert got["plan_title"] == spec["plan_title"]
        assert got["plan_updated"] == spec["plan_updated"]
        assert got["source_format"] == "text" and got["page"] is None


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_ids_are_unique_and_stable(name):
    first = [r.action_id for r in records_of(name)]
    assert len(set(first)) == len(first)
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in first)
    assert first == [r.action_id for r in records_of(name)]


def test_seed_text_leaves_no_residue():
    for name in SEEDS:
        assert normalise(ingest.read(SAMPLES / name)).residue == []
