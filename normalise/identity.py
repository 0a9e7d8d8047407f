"""Stable action ids: the same action gets the same id in every run and every format."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from .text import fold_space


def action_key(plan_title: str | None, section: list[str], ref: str | None, action: str) -> tuple[str, ...]:
    return (fold_space(plan_title or "").lower(), *(fold_space(s) for s in section), "\x1f",
            fold_space(ref) if ref else fold_space(action))


def action_ids(keys: list[tuple[str, ...]]) -> list[str]:
    """16 hex digits per key; exact duplicates get an occurrence number, in document order."""
    seen: Counter[tuple[str, ...]] = Counter()
    ids = []
    for key in keys:
        seen[key] += 1
        payload = json.dumps([*key, seen[key]], ensure_ascii=False)
        ids.append(hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16])
    return ids
