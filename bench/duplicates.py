"""The duplicate-action check at 1,000 and 8,000 distinct actions: blocked search against the
every-pair scan it replaces, in one run. Prints seconds (the blocked search's best of three, as
this machine's speed varies between runs) and the growth from 1,000 to 8,000.

    python bench/duplicates.py > bench/duplicates_results.md
"""

from __future__ import annotations

import random
import time

from actionplan.normalise.duplicates import first_near_duplicates
from actionplan.normalise.text import fold
from rapidfuzz import fuzz

COMMON = ("the", "and", "for", "with", "all", "staff", "review", "plan", "by", "of", "to", "our")
SYLLABLES = ("ac", "ber", "cam", "dor", "el", "fen", "gra", "hol", "is", "jun", "kel", "lan", "mor",
             "nor", "ost", "pen", "quin", "ros", "sal", "tor", "ul", "ven", "wes", "yar")


def plan(size: int, seed: int = 1) -> list[str]:
    """Distinct actions (half common words, half from a large vocabulary), with one in a hundred
    a copy of an earlier one with one character changed: the near-duplicates to find."""
    rng = random.Random(seed)
    rare = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(5000)]
    texts: list[str] = []
    for n in range(size):
        if n > 10 and n % 100 == 0:
            copy = texts[rng.randrange(n)]
            at = rng.randrange(len(copy))
            texts.append(copy[:at] + "x" + copy[at + 1:])
        else:
            texts.append(" ".join(rng.choice(COMMON if rng.random() < 0.5 else rare)
                                  for _ in range(rng.randint(6, 16))))
    return [fold(t) for t in texts]


def every_pair(texts: list[str], threshold: float) -> int:
    found = 0
    for i, text in enumerate(texts):
        found += any(fuzz.ratio(text, texts[j], score_cutoff=threshold) for j in range(i))
    return found


def timed(function, *args) -> tuple[float, int]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def main() -> None:
    print("| actions | blocked (s) | every pair (s) | duplicates found (both) |")
    print("|---|---|---|---|")
    seconds: dict[int, float] = {}
    for size in (1000, 8000):
        texts = plan(size)
        blocked, found = min(timed(lambda t: sum(1 for _ in first_near_duplicates(t, 95)), texts)
                             for _ in range(3))
        brute, expected = timed(every_pair, texts, 95) if size <= 8000 else (float("nan"), -1)
        seconds[size] = blocked
        print(f"| {size:,} | {blocked:.2f} | {brute:.2f} | {found} / {expected} |")
    print(f"\nGrowth from 1,000 to 8,000 actions: {seconds[8000] / seconds[1000]:.1f} times "
          "(linear would be 8).")


if __name__ == "__main__":
    main()
