"""Page objects found by where they are rather than by trying each one.

A cell's fill is the first of the page's fills that covers most of it, and its text the words
whose middle is inside it. Asking every fill and every word for every cell grows with cells
times objects: a spreadsheet printed to PDF has thousands of each. Kept in horizontal bands, a
cell asks only the objects that reach its own height; the answers, and their order (the order
drawn), stay the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
BAND = 24.0  # points of page height per band


class Banded(list[T]):
    """Objects in their own order, with an index of the bands of page height each reaches."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[float, float]]) -> None:
        super().__init__(items)
        self.bands: dict[int, list[int]] = {}
        for number, item in enumerate(self):
            top, bottom = span(item)
            for band in range(int(top // BAND), int(bottom // BAND) + 1):
                self.bands.setdefault(band, []).append(number)

    def reaching(self, top: float, bottom: float) -> Iterator[T]:
        """The objects that may reach the height from top to bottom, in their order."""
        numbers: set[int] = set()
        for band in range(int(top // BAND), int(bottom // BAND) + 1):
            numbers.update(self.bands.get(band, ()))
        for number in sorted(numbers):
            yield self[number]


def banded_fills(items: Iterable[tuple[tuple[float, float, float, float], str]]) -> Banded[Any]:
    """(box, colour) pairs, by the height each box covers."""
    return Banded(items, lambda fill: (fill[0][1], fill[0][3]))


def banded_words(items: Iterable[dict[str, Any]]) -> Banded[dict[str, Any]]:
    """Words, by their middle (where a cell takes a word from)."""
    def middle(word: dict[str, Any]) -> tuple[float, float]:
        y = (word["top"] + word["bottom"]) / 2
        return y, y
    return Banded(items, middle)


def near(items: list[T], top: float, bottom: float) -> Iterable[T]:
    return items.reaching(top, bottom) if isinstance(items, Banded) else items
