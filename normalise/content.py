"""What a column's cells look like: dates, status words, reference codes, names, or sentences.

Content is the second kind of evidence for a column's field: it decides where the header names
no field (or two columns claim one) and confirms the header elsewhere.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .dates import read_due
from .status import StatusVocabulary

#: "1", "1.1", "2.3a", "MD2.3", "A4", "EDS 1.2", "R12", "(iv)"
REF = re.compile(
    r"^\(?(?:[A-Z]{1,4}[ .\-]?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}[a-z]?\)?\.?$|^[A-Z]\.?$|"
    r"^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)?\.?$")
DATED_KINDS = frozenset({"date", "month", "quarter", "year", "ongoing", "recurring"})
SENTENCE_END = re.compile(r"[.;:!?]\s|[.!?]$")
NUMBERISH = re.compile(r"^[\s£$€(+\-–]*[\d.,]+\s*(%|k|m|bn|wte|fte)?\)?$", re.IGNORECASE)


@dataclass(frozen=True)
class ContentProfile:
    """Shares of a column's non-empty cells of each kind, and how long its texts are."""

    cells: int
    due: float = 0.0
    status: float = 0.0
    ref: float = 0.0
    name: float = 0.0
    number: float = 0.0
    words: float = 0.0  # median words per cell

    def share(self, field: str) -> float:
        return {"due_text": self.due, "status_text": self.status, "ref": self.ref,
                "lead": self.name}.get(field, 0.0)

    @property
    def kind(self) -> str | None:
        """The field the content alone names, when it names one clearly."""
        if self.cells < 2:
            return None
        for name, share, needed in (("status_text", self.status, 0.7), ("ref", self.ref, 0.8),
                                    ("due_text", self.due, 0.7)):
            if share >= needed:
                return name
        return None


def looks_like_name(text: str) -> bool:
    """A person, role or team: a few words, no sentence, not a date or a number."""
    words = text.split()
    return (0 < len(words) <= 7 and not SENTENCE_END.search(text) and not NUMBERISH.match(text)
            and text[:1].isupper())


def profile(cells: Sequence[str], vocabulary: StatusVocabulary) -> ContentProfile:
    texts = [c for c in cells if c.strip()]
    if not texts:
        return ContentProfile(0)
    n = len(texts)

    def share(test: Callable[[str], bool]) -> float:
        return round(sum(1 for t in texts if test(t)) / n, 3)

    return ContentProfile(
        cells=n,
        due=share(lambda t: read_due(t).due_kind in DATED_KINDS),
        status=share(lambda t: (m := vocabulary.match(t))[0] is not None
                     and m[1] >= vocabulary.threshold and len(t.split()) <= 5),
        ref=share(lambda t: bool(REF.match(t.strip()))),
        name=share(looks_like_name),
        number=share(lambda t: bool(NUMBERISH.match(t))),
        words=float(statistics.median(len(t.split()) for t in texts)),
    )
