"""Near-identical actions found without comparing every pair.

Two texts whose similarity (rapidfuzz's `ratio`, an edit-distance score) reaches the threshold
share most of their words, in order, and have nearly the same length. Each text is filed under
its rare keys (its words and runs of neighbouring words that are in few texts of the plan) in
its length band, and compared only with the earlier texts filed under one of them in its own
band or the two beside it (no other band holds a length in reach of the threshold), and with
those that have no rare key at all. A text with no rare key is compared with every earlier one.
Plans of distinct actions have many rare keys, so the cost grows with the plan, not with its
square. What this can miss: two texts whose rare keys all differ (a change in every rare word
and run of words they have).
"""

from __future__ import annotations

import itertools
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence

from rapidfuzz import fuzz

#: a key in more texts than this is too common to pair texts by: each text is compared with at
#: most this many texts per rare key, so the work grows with the plan's size, not its square
COMMON = 50


def in_reach(shorter: int, longer: int, threshold: float) -> bool:
    """Can texts of these lengths reach the threshold? ratio <= 200 * shorter / (sum)."""
    return 200 * shorter >= threshold * (shorter + longer)


def reach(size: int, threshold: float) -> tuple[int, int]:
    """The shortest and longest lengths in reach of a text of this size, exactly as `in_reach`
    has them: found by arithmetic, then stepped to the edge in case of rounding."""
    if threshold <= 0:
        return 0, sys.maxsize
    low = max(0, math.floor(size * threshold / (200 - threshold)) - 1)
    while not in_reach(low, size, threshold):
        low += 1
    high = max(size, math.ceil(size * (200 - threshold) / threshold) + 1)
    while high > size and not in_reach(size, high, threshold):
        high -= 1
    return low, high


def keys_of(text: str) -> set[int]:
    """A text's words, and runs of two and three neighbouring words: runs stay rare where their
    words do not ("review the" is common, "review the estates" is not). Kept as their hashes:
    a plan's keys are many times its text, and equal keys have equal hashes (two different keys
    sharing one, at odds of one in 2**64, would only pair two texts for a needless comparison,
    or count a rare key as commoner than it is)."""
    tokens = text.split()
    runs = itertools.chain(itertools.pairwise(tokens), zip(tokens, tokens[1:], tokens[2:], strict=False))
    return {*map(hash, tokens), *(hash("\x00".join(run)) for run in runs)}


def length_band(threshold: float) -> Callable[[int], int]:
    """Bands of lengths such that any length in reach of a text's lies in the text's band or
    one beside it: bands grow by the widest ratio of lengths in reach, a hair wider so that
    rounding never puts a length in reach two bands away."""
    if threshold >= 100:
        return lambda length: length  # only texts of equal length reach 100
    if threshold <= 0:
        return lambda length: 0
    base = math.log((200 - threshold) / threshold * (1 + 1e-9))
    return lambda length: math.floor(math.log(length) / base) if length else -1


def first_near_duplicates(texts: Sequence[str], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(i, j, score) for each text i with an earlier text j scoring at least `threshold`; j is
    the first such text among those that share a rare key with i or have none."""
    frequency: Counter[int] = Counter(w for text in texts for w in keys_of(text))
    band_of = length_band(threshold)
    #: per length band, the texts filed under each rare key
    shelves: defaultdict[int, defaultdict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    plain: list[int] = []  # texts with no rare key: every later text is compared with them
    for i, text in enumerate(texts):  # each text's keys made again, not held: memory stays flat
        rare = [w for w in keys_of(text) if frequency[w] <= COMMON]
        shared = [w for w in rare if frequency[w] > 1]  # a key of this text alone pairs nothing
        band = band_of(len(text))
        low, high = reach(len(text), threshold)
        near = [shelf[w] for shelf in map(shelves.get, (band - 1, band, band + 1)) if shelf
                for w in shared if w in shelf]
        for j in sorted(set(plain).union(*near)) if rare else range(i):
            if low <= len(texts[j]) <= high:
                score = fuzz.ratio(text, texts[j], score_cutoff=threshold)
                if score >= threshold:
                    yield i, j, score
                    break
        shelf = shelves[band]
        for w in shared:
            shelf[w].append(i)
        if not rare:
            plain.append(i)
