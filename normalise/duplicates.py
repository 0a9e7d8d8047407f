"""Near-identical actions found without comparing every pair.

Two texts whose similarity (rapidfuzz's `ratio`, an edit-distance score) reaches the threshold
share most of their words, in order, and have nearly the same length. Each text is filed under
its rare keys (its words and runs of neighbouring words that are in few texts of the plan) and
compared only with the earlier texts filed under one of them, and with those that have no rare
key at all, whose length is in reach of the threshold. A text with no rare key is compared with
every earlier one. Plans of distinct actions have many rare keys, so the cost grows with the
plan, not with its square. What this can miss: two texts whose rare keys all differ (a change
in every rare word and run of words they have).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz

#: a key in more texts than this is too common to pair texts by: each text is compared with at
#: most this many texts per rare key, so the work grows with the plan's size, not its square
COMMON = 50


def in_reach(shorter: int, longer: int, threshold: float) -> bool:
    """Can texts of these lengths reach the threshold? ratio <= 200 * shorter / (sum)."""
    return 200 * shorter >= threshold * (shorter + longer)


def keys_of(text: str) -> set[int]:
    """A text's words, and runs of two and three neighbouring words: runs stay rare where their
    words do not ("review the" is common, "review the estates" is not). Kept as their hashes:
    a plan's keys are many times its text, and equal keys have equal hashes (two different keys
    sharing one, at odds of one in 2**64, would only pair two texts for a needless comparison,
    or count a rare key as commoner than it is)."""
    tokens = text.split()
    runs = itertools.chain(itertools.pairwise(tokens), zip(tokens, tokens[1:], tokens[2:], strict=False))
    return {*map(hash, tokens), *(hash("\x00".join(run)) for run in runs)}


def first_near_duplicates(texts: Sequence[str], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(i, j, score) for each text i with an earlier text j scoring at least `threshold`; j is
    the first such text among those that share a rare word with i or have none."""
    frequency: Counter[int] = Counter(w for text in texts for w in keys_of(text))
    index: dict[int, list[int]] = defaultdict(list)
    plain: list[int] = []  # texts with no rare word: every later text is compared with them
    for i, text in enumerate(texts):  # each text's keys made again, not held: memory stays flat
        rare = [w for w in keys_of(text) if frequency[w] <= COMMON]
        for j in sorted({j for w in rare for j in index[w]}.union(plain)) if rare else range(i):
            a, b = sorted((len(text), len(texts[j])))
            if not in_reach(a, b, threshold):
                continue
            score = fuzz.ratio(text, texts[j], score_cutoff=threshold)
            if score >= threshold:
                yield i, j, score
                break
        for w in rare:
            index[w].append(i)
        if not rare:
            plain.append(i)
