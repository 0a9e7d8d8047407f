"""Status labels to the canonical status, its score and its RAG colour."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .colours import named_colour
from .text import fold

#: canonical status -> (its colour, the labels plans use for it); users extend the labels
VOCABULARY: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "complete": ("blue", ("Complete", "Completed", "Done", "Closed", "Achieved", "Delivered",
                          "Implemented", "Met", "Blue", "B")),
    "on_track": ("green", ("On track", "On target", "Green", "G")),
    "in_progress": (None, ("In progress", "Ongoing", "Started", "Underway", "Progressing",
                           "Work in progress", "WIP")),
    "at_risk": ("amber", ("At risk", "Amber", "Yellow", "A", "Some slippage", "Some issues",
                          "Partially achieved", "Partially met")),
    "delayed": ("red", ("Delayed", "Behind", "Behind schedule", "Off track", "Not on track",
                        "Overdue", "Slipped", "Red", "R", "Not achieved", "Not met")),
    "not_started": ("grey", ("To be started", "Not started", "Not yet started", "Planned",
                             "Pending", "Not yet due", "Grey")),
    "on_hold": (None, ("On hold", "Paused", "Deferred", "Suspended")),
    "cancelled": (None, ("Cancelled", "Withdrawn", "Superseded", "No longer required")),
}
STATUSES = tuple(VOCABULARY)
COLOUR_STATUS = {"blue": "complete", "green": "on_track", "amber": "at_risk", "red": "delayed",
                 "grey": "not_started"}
COLOUR_WORDS = {"blue": "blue", "b": "blue", "green": "green", "g": "green", "amber": "amber",
                "a": "amber", "yellow": "amber", "red": "red", "r": "red", "grey": "grey",
                "gray": "grey"}
#: worst first: how far a status is from delivery, for "Amber/Green" and for diffs
HEALTH = {"complete": 0, "on_track": 1, "in_progress": 1, "not_started": 1, "at_risk": 2,
          "on_hold": 2, "delayed": 3, "cancelled": 1}
NEGATION = re.compile(r"\b(not|no|non|never|yet)\b|\b(un|in|non)(?=complete|met|achiev|start|"
                      r"done|deliver|implement)")
PART_SEPARATORS = re.compile(r"\s*(?:/|\\|&|\+|;|,|\band\b|\bor\b|\s-\s|–|—)\s*", re.IGNORECASE)
LEADING_PHRASE = re.compile(r"^(.*?)(?:\s+-\s+|\s*[:(\[.;,–—]\s*)")
MIN_FUZZY_LENGTH = 3


@dataclass(frozen=True)
class StatusReading:
    status: str | None = None
    score: float | None = None
    rag: str | None = None
    flags: tuple[str, ...] = field(default=())


def compact(label: str) -> str:
    """Case, space and punctuation folded away: "On-going" and "Ongoing" are one label."""
    return fold(label).replace(" ", "")


class StatusVocabulary:
    """The label index: exact matches after folding, fuzzy ones through rapidfuzz."""

    def __init__(self, extra_labels: Mapping[str, list[str]] | None = None,
                 threshold: float = 0.85) -> None:
        self.threshold = threshold
        self.exact: dict[str, str] = {}
        #: compact label -> its words, for telling a negated label from its positive
        self.words: dict[str, str] = {}
        for status in extra_labels or {}:
            if status not in VOCABULARY:
                raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        for status, (_colour, labels) in VOCABULARY.items():
            for label in (*labels, *(extra_labels or {}).get(status, ())):
                self.exact.setdefault(compact(label), status)
                self.words.setdefault(compact(label), fold(label))
        self.fuzzy_choices = [label for label in self.exact if len(label) >= MIN_FUZZY_LENGTH]

    def match(self, label: str) -> tuple[str | None, float]:
        """The best status for one label and its score (1.0 when exact)."""
        key = compact(label)
        if not key:
            return None, 0.0
        if key in self.exact:
            return self.exact[key], 1.0
        negated = bool(NEGATION.search(fold(label)))
        best_status, best_score = None, 0.0
        for choice, score, _ in process.extract(key, self.fuzzy_choices, scorer=fuzz.ratio,
                                                limit=5):
            if bool(NEGATION.search(self.words[choice])) != negated:
                continue
            if score / 100 > best_score:
                best_status, best_score = self.exact[choice], score / 100
        return best_status, best_score


def read_status(label: str, fill: str | None, vocabulary: StatusVocabulary,
                legend: Mapping[str, str] | None = None) -> StatusReading:
    """Read a status cell: its text first, its fill colour when it has no text."""
    legend = legend or {}
    fill_colour = named_colour(fill)
    if not label.strip():
        if fill_colour is None:
            return StatusReading()
        meant = legend.get(fill_colour, COLOUR_STATUS[fill_colour])
        return StatusReading(meant, 1.0, fill_colour, ("status_from_colour",))

    status, score, flags = _status_of_text(label, vocabulary)
    stated_colour = fill_colour or _colour_word(label)
    if stated_colour and stated_colour in legend and fold(label) in COLOUR_WORDS:
        status, score = legend[stated_colour], 1.0
    if status is None or score < vocabulary.threshold:
        return StatusReading(None, round(score, 4) if score else None, stated_colour,
                             ("status_unrecognised",))
    rag = stated_colour or VOCABULARY[status][0]
    return StatusReading(status, round(score, 4), rag, flags)


def _status_of_text(label: str, vocabulary: StatusVocabulary) -> tuple[str | None, float, tuple[str, ...]]:
    status, score = vocabulary.match(label)
    if score == 1.0:
        return status, score, ()
    parts = [p for p in PART_SEPARATORS.split(label) if p.strip()]
    if len(parts) > 1:
        readings = [vocabulary.match(p) for p in parts]
        if all(s is not None and sc >= vocabulary.threshold for s, sc in readings):
            found = {s for s, _ in readings if s}
            worst = max(found, key=lambda s: HEALTH[s])
            flags = ("status_mixed",) if len(found) > 1 else ()
            return worst, min(sc for _, sc in readings), flags
    lead = LEADING_PHRASE.match(label)
    if lead and lead.group(1).strip():
        lead_status, lead_score = vocabulary.match(lead.group(1))
        if lead_score == 1.0:
            return lead_status, lead_score, ()
    return status, score, ()


def _colour_word(label: str) -> str | None:
    key = fold(label)
    if key in COLOUR_WORDS:
        return COLOUR_WORDS[key]
    words = [COLOUR_WORDS[w] for w in key.split() if w in COLOUR_WORDS and len(w) > 1]
    if not words:
        return None
    return max(words, key=lambda c: HEALTH[COLOUR_STATUS[c]])
