"""Shared fixtures: the repository's samples, and the shared corpus when it is beside the checkout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = Path(__file__).resolve().parent / "expected"
SHARED = ROOT.parent / "shared"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def assert_same_records(got, want, label: str) -> None:
    """Two readings of one plan agree on every field but the provenance."""
    from actionplan.normalise.record import PROVENANCE_FIELDS

    assert len(got) == len(want), label
    for a, b in zip(got, want, strict=True):
        da, db = a.to_dict(), b.to_dict()
        for name in da:
            if name not in PROVENANCE_FIELDS:
                assert da[name] == db[name], f"{label} {b.action[:40]!r}: {name}"


@pytest.fixture
def corpus() -> Path:
    path = SHARED / "corpus" / "external"
    if not path.is_dir():
        pytest.skip("the shared corpus is not beside this checkout")
    return path
