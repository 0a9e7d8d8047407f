"""Near-duplicate actions: the blocked search finds what comparing every pair finds."""

from __future__ import annotations

import random

from actionplan.normalise.duplicates import first_near_duplicates, in_reach, length_band, reach
from actionplan.normalise.text import fold
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

WORDS = ("review", "the", "and", "staff", "survey", "results", "publish", "equality", "plan",
         "training", "board", "report", "deliver", "network", "recruit", "nurses", "clinic",
         "waiting", "times", "data", "diversity", "leadership", "quarterly", "audit")


def every_pair(texts, threshold):
    for i, text in enumerate(texts):
        for j in range(i):
            score = fuzz.ratio(text, texts[j])
            if score >= threshold:
                yield i, j, score
                break


@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
                max_size=40), st.sampled_from([80.0, 90.0, 95.0]))
@settings(max_examples=200, deadline=None)
def test_the_same_pairs_as_comparing_every_pair(texts, threshold):
    assert list(first_near_duplicates(texts, threshold)) == list(every_pair(texts, threshold))


@given(st.integers(0, 400), st.floats(0.5, 100))
def test_reach_is_the_span_of_lengths_in_reach(size, threshold):
    lengths = [m for m in range(0, int(size * 200 / threshold) + 3)
               if in_reach(min(m, size), max(m, size), threshold)]
    assert reach(size, threshold) == (lengths[0], lengths[-1])


@given(st.integers(0, 400), st.integers(0, 400), st.floats(0.5, 100))
def test_lengths_in_reach_lie_in_the_same_band_or_one_beside_it(a, b, threshold):
    band = length_band(threshold)
    if in_reach(min(a, b), max(a, b), threshold):
        assert abs(band(a) - band(b)) <= 1


def test_planted_near_duplicates_among_thousands_of_distinct_actions():
    rng = random.Random(7)
    common = ["review", "the", "and", "staff", "with", "plan", "for", "by", "quarterly"]
    rare = [f"{a}{b}{c}" for a in ("re", "co", "pro", "de", "in", "ex", "sub", "pre")
            for b in ("view", "port", "mote", "sign", "clude", "tend", "mit", "pare", "tain")
            for c in ("al", "ing", "ed", "ment", "ive", "or", "ance", "ure", "ion", "ful")]
    texts = [" ".join(rng.choice(common if rng.random() < 0.5 else rare) for _ in range(rng.randint(6, 14)))
             for _ in range(3000)]
    planted = {}
    for original in rng.sample(range(2000), 25):
        copy = texts[original]
        position = rng.randrange(len(copy))
        texts.append(copy[:position] + "x" + copy[position + 1:])  # one character changed
        planted[len(texts) - 1] = original
    found = {i: j for i, j, _ in first_near_duplicates([fold(t) for t in texts], 95)}
    assert {i: j for i, j in found.items() if i in planted} == planted
    assert found == {i: j for i, j, _ in every_pair([fold(t) for t in texts], 95)}


def test_every_sample_gives_the_findings_of_the_full_comparison():
    from actionplan.normalise import normalise

    from actionplan import ingest

    from .conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.txt")):
        keys = [fold(r.action) for r in normalise(ingest.read(path)).records]
        for threshold in (70.0, 85.0, 95.0):
            assert list(first_near_duplicates(keys, threshold)) == list(every_pair(keys, threshold)), path
