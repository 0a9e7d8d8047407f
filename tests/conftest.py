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


@pytest.fixture
def corpus() -> Path:
    path = SHARED / "corpus" / "external"
    if not path.is_dir():
        pytest.skip("the shared corpus is not beside this checkout")
    return path
