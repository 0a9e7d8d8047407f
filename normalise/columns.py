"""The column classifier: which row is the header, and which field each column feeds.

Two kinds of evidence decide a column's field. The header text, read by its words
(`headers.py`), comes first; the cells below it (`content.py`) decide where the header names
no field or two columns claim one, and confirm the header elsewhere. Every decision keeps its
evidence and score, so `--raw` and `inspect` can show why a column went where it did.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .content import REF, ContentProfile, profile
from .dates import read_due
from .headers import CONJUNCTIONS, FIELDS, PERIOD, PREPOSITIONS, HeaderReader, HeaderReading, fold_header
from .status import StatusVocabulary

HEADER_SEARCH_ROWS = 6
MIN_HEADER_SCORE = 0.75
#: header cells are labels: a cell longer than this is a sentence, so its row is data
MAX_HEADER_WORDS = 12
MAX_SUB_HEADER_WORDS = 4
#: a column whose header names the reference with less certainty than a synonym, but whose cells
#: are codes this rarely, is read by its next reading (dates, statuses and names are too often
#: written as prose to overrule a header)
CONTRADICTED = 0.2
#: fields a column's content can show on its own
CONTENT_FIELDS = ("ref", "status_text", "due_text", "lead")
#: fields whose column may hold the actions when no header names an action column
#: ("Recovery measures | # | Timeline"): the longest texts there are the actions
ACTION_CANDIDATE_FIELDS = frozenset({None, "evidence", "notes", "progress", "outcome", "risks"})
MIN_ACTION_WORDS = 3
PROFILE_ROWS = 200
#: words of version-history, sign-off and document-control tables: never plan tables
CONTROL_WORDS = frozenset({
    "version", "author", "revision", "approved", "approval", "signature", "signed", "sign",
    "document", "reviewer", "circulation", "distribution", "amendment", "amendments", "changes",
    "change", "issue date", "ratified", "ratification", "editor", "owner of document",
    "classification", "page", "pages"})


@dataclass(frozen=True)
class ColumnDecision:
    """One column's field (None: it goes to `extra`), the score and the evidence for it."""

    column: int
    header: str
    field: str | None
    score: float
    evidence: str

    def describe(self) -> str:
        name = self.field or "extra"
        return f"{name} ({self.score:.2f}): {self.evidence}"


@dataclass
class ColumnMap:
    """Which column feeds which field; `extra` columns keep their header as key."""

    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    #: field -> period columns in left-to-right order; the rightmost non-empty one is the value
    periods: dict[str, list[int]] = field(default_factory=dict)
    extra: dict[int, str] = field(default_factory=dict)
    decisions: list[ColumnDecision] = field(default_factory=list)

    def column_of(self, name: str) -> int | None:
        return self.fields.get(name)

    def has(self, name: str) -> bool:
        return name in self.fields or name in self.periods

    @property
    def is_plan_table(self) -> bool:
        """An action column and at least one other column, whatever the others are."""
        return "action" in self.fields and len(self.headers) >= 2


def is_data_cell(text: str, vocabulary: StatusVocabulary) -> bool:
    """A value, not a label: a date, a status word, a reference code ("On track", "1.2"). A
    quarter named alone ("Q2") is a column label under a group header, not a code."""
    if BARE_QUARTER.match(text.strip()):
        return False
    if read_due(text).due_kind in ("date", "month", "quarter", "year"):
        return True
    if REF.match(text.strip()) and any(ch.isdigit() for ch in text):
        return True
    status, score = vocabulary.match(text)
    return status is not None and score >= 1.0 and fold_header(text) not in ("status", "rag")


def carries_on(upper: str, lower: str) -> bool:
    """Is the lower text the rest of the upper one? It starts in lower case, or the upper one
    stops on a word that needs more ("Status of", "Target", "Risks and")."""
    last = fold_header(upper).split()[-1:] or [""]
    return lower[:1].islower() or last[0] in (*PREPOSITIONS, *CONJUNCTIONS) or upper.rstrip().endswith("-")


def is_period_label(text: str) -> bool:
    """A header that is only a period: "Q1", "Quarter 2", "June 2024", "2023/24"."""
    key = fold_header(text)
    return bool(key) and not PERIOD.sub(" ", key).strip()


PARENTHESISED_ONLY = re.compile(r"^\([^()]*\)$")
BARE_QUARTER = re.compile(r"^(?:Q[1-4]|H[12]|Quarter [1-4])$", re.IGNORECASE)


def period_shape(text: str) -> str:
    """A header with its periods folded to one mark: "Q1 update" and "Q2 update" are alike."""
    return re.sub(r"<p>( <p>)+", "<p>", PERIOD.sub("<p>", fold_header(text)))


def group_of(left: str, right: str) -> str | None:
    """The group words a period header leaves to its left neighbour's: "Progress Q1 update"
    beside "Q2 update", or "Progress" wrapped over "June 2024" beside "September 2024", where
    a rule-less page gives no span to say the group covers both. None when the right header
    is not the left one's period part again."""
    shape = period_shape(right)
    if "<p>" not in shape:
        return None
    words = left.split()
    for k in range(1, len(words)):
        prefix = " ".join(words[:k])
        if "<p>" not in period_shape(prefix) and period_shape(" ".join(words[k:])) == shape:
            return prefix
    return None


def with_period_groups(headers: list[str]) -> list[str]:
    """Period headers that carry on their left neighbour's group take its words."""
    named = list(headers)
    for c in range(1, len(named)):
        if named[c] and named[c - 1] and (prefix := group_of(named[c - 1], named[c])):
            named[c] = f"{prefix} {named[c]}"
    return named


class ColumnClassifier:
    """Finds header rows and classifies columns; the user's synonyms win."""

    def __init__(self, synonyms: Mapping[str, Sequence[str]] | None, threshold: float,
                 vocabulary: StatusVocabulary) -> None:
        self.reader = HeaderReader(synonyms, threshold)
        self.vocabulary = vocabulary

    # -- header rows ---------------------------------------------------------------------------

    def header_score(self, row: Sequence[str]) -> float:
        """How much a row reads as a header: 0 when it cannot be one, else the mean score of its
        cells, with two fields named at least. A row with a value in it (a date, a status word, a
        code) or a sentence is data, whatever its other cells resemble."""
        filled = [c for c in row if c.strip()]
        if len(filled) < 2 or any(len(c.split()) > MAX_HEADER_WORDS for c in filled):
            return 0.0
        readings = [self.reader.read(c) for c in filled]
        periods = any(r.period for r in readings)
        for cell, reading in zip(filled, readings, strict=True):
            # a period column's header, or a bare period beside one, is a label, not a date
            label = reading.period or (periods and is_period_label(cell))
            if not label and is_data_cell(cell, self.vocabulary):
                return 0.0
        named = [r for r in readings if r.field and r.score >= MIN_HEADER_SCORE]
        fields = {r.field for r in named}
        labels = all(len(c.split()) <= MAX_SUB_HEADER_WORDS for c in filled)
        if len(fields) < 2 and not (fields == {"action"} and labels):
            return 0.0  # two fields named, or the action column beside short labels
        if len(named) < 0.5 * len(filled):
            return 0.0
        return round(sum(r.score for r in named) / len(filled), 3)

    def is_control_table(self, row: Sequence[str]) -> bool:
        """A version-history, sign-off or document-control table, by its header words."""
        words = {w for c in row for w in fold_header(c).split()}
        return len(words & CONTROL_WORDS) >= 2 or bool(words & {"signature", "version", "author"})

    def find_header(self, rows: list[list[str]], declared: int | None) -> tuple[int, int] | None:
        """The header rows as (first, end), chosen by score among the table's first rows; a row
        the document marks as header (`w:tblHeader`) is taken when it reads as one."""
        if declared and self.header_score(self.joined_header(rows, declared)) > 0:
            return 0, declared
        for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if self.header_score(row) > 0:
                if self.is_control_table(row):
                    return None
                if i + 1 < len(rows) and self.is_sub_header(rows[i + 1], row):
                    return i, i + 2
                return i, i + 1
            if i + 1 < len(rows) and sum(1 for c in row if c) >= 2 and self.is_sub_header(rows[i + 1], row) \
                    and self.header_score(self.joined_header(rows[i:i + 2], 2)) > 0:
                return i, i + 2  # a header whose cells wrap into a second row ("Complete" / "by")
        return None

    def is_sub_header(self, row: Sequence[str], upper: Sequence[str]) -> bool:
        """A second header row: two or more short labels, each naming a field or a period, none
        a value (a section row below the header is one cell, and a sentence). A bare period
        ("Q1", "June 2024") is a label when a group header stands over it or to its left
        ("Progress" over "Q1" and "Q2"). Beside the labels, a header cell's wrapped rest may
        stand in the row ("RAG rating" over "(B/R/A/G)")."""
        filled = [(i, c) for i, c in enumerate(row) if c]

        def label(i: int, text: str) -> bool:
            if len(text.split()) > MAX_SUB_HEADER_WORDS:
                return False
            if is_period_label(text):
                return any(upper[:i + 1])
            reading = self.reader.read(text)
            return reading.score >= MIN_HEADER_SCORE and not is_data_cell(text, self.vocabulary)

        def wrapped_rest(i: int, text: str) -> bool:
            if not (i < len(upper) and upper[i]):
                return False
            if PARENTHESISED_ONLY.match(text):  # "(B/R/A/G)", "(complete / on track / delayed)"
                return len(text.split()) <= MAX_HEADER_WORDS
            return len(text.split()) <= MAX_SUB_HEADER_WORDS and carries_on(upper[i], text)

        if len(filled) == 1:  # one header cell's last word wrapped alone ("Expected" / "outcome")
            i, text = filled[0]
            return len(text.split()) <= 2 and text[:1].islower() and wrapped_rest(i, text)
        labels = [label(i, c) for i, c in filled]
        return (len(filled) >= 2 and sum(labels) >= 2
                and all(ok or wrapped_rest(i, c) for ok, (i, c) in zip(labels, filled, strict=True)))

    @staticmethod
    def joined_header(rows: list[list[str]], count: int,
                      spans: Mapping[tuple[int, int], int] | None = None) -> list[str]:
        """Several header rows give one header per column ("Progress" over "Q1 update" gives
        "Progress Q1 update"); a group cell spanning columns names each of them."""
        grid = spread_spans(rows[:count], spans)
        return [" ".join(r[c] for r in grid if r[c]).strip() for c in range(len(rows[0]))]

    # -- columns -------------------------------------------------------------------------------

    def read_column(self, lower: str, upper: str) -> HeaderReading:
        """A column under a two-row header is read by its lower cell, the upper one as context;
        where the lower cell carries on the upper one's words (a header wrapped over two rows:
        "Status of" over "action"), the two are one header."""
        if lower and upper and carries_on(upper, lower):
            joined = self.reader.read(f"{upper} {lower}")
            if joined.field:
                return joined
        reading = self.reader.read(lower) if lower else HeaderReading(None, 0.0, "no header")
        if reading.field or not upper:
            return reading
        joined = self.reader.read(f"{upper} {lower}".strip())
        return joined if joined.field else self.reader.read(upper)

    def classify(self, header_rows: list[list[str]], body: list[list[str]],
                 spans: Mapping[tuple[int, int], int] | None = None) -> ColumnMap:
        """Each column's field from its header and its content."""
        width = len(header_rows[0])
        spans = spans or inferred_spans(header_rows)
        headers = self.joined_header(header_rows, len(header_rows), spans)
        grid = spread_spans(header_rows, spans)
        lower = grid[-1]
        upper = [" ".join(r[c] for r in grid[:-1] if r[c]) for c in range(width)]
        readings = [self.read_column(lower[c], upper[c] if len(grid) > 1 else "")
                    for c in range(width)]
        grouped = with_period_groups(headers)
        for c in range(width):
            if grouped[c] != headers[c]:
                headers[c], readings[c] = grouped[c], self.reader.read(grouped[c])
        profiles = [profile([r[c] for r in body[:PROFILE_ROWS] if c < len(r)], self.vocabulary)
                    for c in range(width)]
        return Assignment(headers, readings, profiles).decide()


def inferred_spans(rows: list[list[str]]) -> dict[tuple[int, int], int]:
    """Where the reader could not say which cells span (PDF, text): an upper cell with a label
    under it is a group header, and covers the blank upper cells to its right that have labels
    under them ("Delivery" over "Lead" and "By when")."""
    spans: dict[tuple[int, int], int] = {}
    for r in range(len(rows) - 1):
        upper, lower = rows[r], rows[r + 1]
        c = 0
        while c < len(upper):
            span = 1
            if upper[c] and lower[c]:
                while c + span < len(upper) and not upper[c + span] and lower[c + span]:
                    span += 1
            if span > 1:
                spans[(r, c)] = span
            c += span
    return spans


def spread_spans(rows: list[list[str]], spans: Mapping[tuple[int, int], int] | None) -> list[list[str]]:
    """Header rows with a spanning cell's text repeated over every column it covers (all but
    the last row: the lowest row names its own columns)."""
    grid = [list(r) for r in rows]
    for (r, c), span in (spans or {}).items():
        if r < len(grid) - 1:
            for covered in range(c + 1, min(c + span, len(grid[r]))):
                grid[r][covered] = grid[r][c]
    return grid


@dataclass
class Assignment:
    """Header readings and content profiles, turned into one field per column."""

    headers: list[str]
    readings: list[HeaderReading]
    profiles: list[ContentProfile]
    chosen: dict[int, tuple[str | None, float, str]] = field(default_factory=dict)

    def decide(self) -> ColumnMap:
        mapping = ColumnMap(headers=[h or "" for h in self.headers])
        self._periods(mapping)
        self._by_header(mapping)
        self._by_content(mapping)
        self._action_by_content(mapping)
        for c, header in enumerate(mapping.headers):
            name, score, evidence = self.chosen.get(c, (None, 0.0, self.readings[c].reason))
            in_period = any(c in cols for cols in mapping.periods.values())
            if name is None and not in_period:
                mapping.extra[c] = header or f"column {c + 1}"
            mapping.decisions.append(ColumnDecision(c, header, name, score, evidence))
        return mapping

    def _periods(self, mapping: ColumnMap) -> None:
        """Several period columns for one field ("Q1 update", "Q2 update") make that field."""
        by_field: dict[str, list[int]] = {}
        for c, reading in enumerate(self.readings):
            if reading.period and reading.field:
                by_field.setdefault(reading.field, []).append(c)
        for name, columns in by_field.items():
            if len(columns) > 1:
                mapping.periods[name] = columns
                for c in columns:
                    self.chosen[c] = (name, self.readings[c].score,
                                      f"header: {self.readings[c].reason}; one of {len(columns)}")

    def _checked_by_content(self) -> None:
        """A header that names the reference column over cells that are plainly no codes
        ("Objective number and title" over sentences) gives way to its next reading, or none."""
        for c, reading in enumerate(self.readings):
            content = self.profiles[c]
            if (reading.field == "ref" and reading.score < 1.0 and content.cells >= 3
                    and content.share(reading.field) < CONTRADICTED):
                field_ = next(iter(reading.alternatives), None)
                self.readings[c] = HeaderReading(
                    field_, reading.score if field_ else 0.0,
                    f"{reading.reason}, but {content.share(reading.field):.0%} of cells fit "
                    f"{reading.field}" + (f": read as {field_}" if field_ else ""))

    def _by_header(self, mapping: ColumnMap) -> None:
        """The first column a header names a field for wins, unless its content clearly fits
        another claimant better (then the content decides)."""
        self._checked_by_content()
        claims: dict[str, list[int]] = {}
        for c, reading in enumerate(self.readings):
            if c not in self.chosen and reading.field and reading.field not in mapping.periods:
                claims.setdefault(reading.field, []).append(c)
        for name, columns in claims.items():
            winner = columns[0]
            user = [c for c in columns if self.readings[c].reason == "your synonym"]
            if user:
                winner = user[0]
            elif len(columns) > 1 and name in CONTENT_FIELDS:
                best = max(columns, key=lambda c: (self.profiles[c].share(name), -c))
                if self.profiles[best].share(name) - self.profiles[winner].share(name) >= 0.5:
                    winner = best
            mapping.fields[name] = winner
            reading, content = self.readings[winner], self.profiles[winner]
            evidence = f"header: {reading.reason}"
            score = reading.score
            if name in CONTENT_FIELDS and content.cells:
                evidence += f"; content: {content.share(name):.0%} fit"
                score = min(1.0, score + 0.1 * content.share(name))
            self.chosen[winner] = (name, round(score, 3), evidence)
            for loser in columns:
                if loser != winner:
                    self.chosen[loser] = (None, 0.0, f"header names {name}, taken by column {winner + 1}")

    def _by_content(self, mapping: ColumnMap) -> None:
        """A column whose header names no field takes the field its cells clearly show."""
        for c, reading in enumerate(self.readings):
            if c in self.chosen or reading.field:
                continue
            content = self.profiles[c]
            kind = content.kind
            if kind is None and not self.headers[c].strip() and content.cells >= 2 \
                    and content.name >= 0.8 and content.words <= 4:
                kind = "lead"  # a column with no header text, of short names
            if kind and not mapping.has(kind):
                mapping.fields[kind] = c
                self.chosen[c] = (kind, round(content.share(kind), 3),
                                  f"content: {content.share(kind):.0%} of {content.cells} cells")

    def _action_by_content(self, mapping: ColumnMap) -> None:
        """No header names the action column: the column of the longest texts holds the actions."""
        if "action" in mapping.fields:
            return
        candidates = [c for c in range(len(self.headers))
                      if self.chosen.get(c, (None,))[0] in ACTION_CANDIDATE_FIELDS
                      and not any(c in cols for cols in mapping.periods.values())
                      and self.profiles[c].words >= MIN_ACTION_WORDS]
        if not candidates:
            return
        column = max(candidates, key=lambda c: (self.profiles[c].words, -c))
        previous = self.chosen.get(column, (None,))[0]
        if previous:
            del mapping.fields[previous]
        mapping.fields["action"] = column
        self.chosen[column] = ("action", 0.6, f"content: the longest texts "
                               f"({self.profiles[column].words:.0f} words per cell)"
                               + (f"; header read as {previous}" if previous else ""))


__all__ = ["FIELDS", "ColumnClassifier", "ColumnDecision", "ColumnMap"]
