"""Header text -> the field it names, read by its words the way a person reads a header.

A header is folded (case, punctuation, footnote markers, "(s)", "?", trailing colons, line
breaks), then read in this order, each step with a score:

1. the user's synonyms and the schema's synonyms, equal after folding (1.0);
2. question-like phrases ("Who is responsible", "By when?", "How will we know") (0.95);
3. the head noun: in "Target completion date" the head is "date", in "Update on status" it is
   "update" (the words before a preposition), in "Status update" it is "update": the rightmost
   word of the first conjunct that names a field decides (0.9); words that turn a noun into
   something else veto it ("Action taken to date" is progress, "Date raised" names no field);
4. rapidfuzz against the synonyms, for typos ("Progres") (the similarity times 0.9).

Period columns ("Q1 update", "Progress June 2021") are read with the period taken out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .text import clean_cell

#: field -> the headers the schema lists for it, equal after folding
SYNONYMS: dict[str, tuple[str, ...]] = {
    "theme": ("Objectives", "Objective", "Key Areas", "Key area", "Workstream", "Priority",
              "Priority area", "Area", "Theme", "Domain"),
    "outcome": ("EDS Outcome", "Outcome", "Expected outcome", "Intended outcome", "Aim", "Goal"),
    "ref": ("Ref", "Ref.", "Reference", "No.", "No", "Number", "Action no.", "Item", "ID"),
    "action": ("Action", "Actions", "Action required", "Actions required", "What we will do",
               "Activity", "Task", "Recommendation"),
    "evidence": ("Evidence", "Measure", "Measures", "Measure of success", "Measures of success",
                 "Success measure", "KPI", "Deliverable", "How will we know"),
    "lead": ("Lead", "Leads", "Lead(s)", "Owner", "Action owner", "Responsible",
             "Responsible officer", "Accountable", "By whom", "Who"),
    "due_text": ("By when", "Milestones", "Deadline", "Target date", "Due date", "Timescale",
                 "Timescales", "Date", "When", "Completion date", "Delivery date"),
    "risks": ("Risks", "Risk", "Risks/Issues", "Risks / issues", "Issues", "Barriers",
              "Dependencies"),
    "notes": ("Notes", "Comments", "Comment"),
    "progress": ("Progress", "Progress update", "Update", "Update on progress",
                 "Progress to date", "Commentary", "Position"),
    "status_text": ("Status", "RAG", "RAG status", "RAG rating", "BRAG", "Rating"),
}
FIELDS = tuple(SYNONYMS)
GROUPING_FIELDS = ("theme", "outcome")

#: head nouns, singular -> the field they name; two-word entries are read before one-word ones
HEADS: dict[str, str] = {
    **dict.fromkeys(("objective", "area", "workstream", "stream", "priority", "theme", "domain",
                     "pillar", "ambition", "strand", "kloe", "standard", "principle", "question",
                     "programme", "category", "topic", "focus", "wres indicator", "wdes indicator",
                     "wdes metric", "wres metric", "eds goal"), "theme"),
    **dict.fromkeys(("outcome", "aim", "goal", "impact", "benefit", "result"), "outcome"),
    **dict.fromkeys(("ref", "reference", "no", "number", "num", "nr", "id", "#", "item", "code",
                     "identifier", "serial", "s / n", "sr no", "sl no"), "ref"),
    **dict.fromkeys(("action", "activity", "task", "recommendation", "intervention",
                     "initiative", "step", "commitment", "recovery measure",
                     "improvement measure", "corrective measure", "remedial measure",
                     "mitigating measure", "preventative measure", "control measure"), "action"),
    **dict.fromkeys(("evidence", "measure", "kpi", "metric", "performance indicator",
                     "success indicator", "outcome indicator", "deliverable", "output",
                     "criterion", "criteria", "assurance"), "evidence"),
    **dict.fromkeys(("lead", "owner", "officer", "director", "manager", "responsible",
                     "accountable", "responsibility", "accountability", "sro", "champion",
                     "sponsor", "who", "person", "ownership"), "lead"),
    **dict.fromkeys(("date", "deadline", "when", "timescale", "timeframe", "timeline",
                     "milestone", "due", "timing", "completion", "time frame", "time scale",
                     "time line"), "due_text"),
    **dict.fromkeys(("risk", "issue", "barrier", "dependency", "constraint", "challenge",
                     "mitigation", "concern"), "risks"),
    **dict.fromkeys(("note", "comment", "remark", "information", "observation"), "notes"),
    **dict.fromkeys(("progress", "update", "commentary", "position", "narrative"), "progress"),
    **dict.fromkeys(("status", "rag", "brag", "rating", "rag rating"), "status_text"),
}
#: nouns that head a header without naming a field ("Priority level", "Action type"); the
#: units of an organisation name the lead when "lead" or "responsible" qualifies them
NON_FIELD_HEADS = frozenset({
    "level", "type", "link", "source", "committee", "assessment", "cost", "budget", "funding",
    "resource", "implication", "strategy", "forum", "board",
    "team", "department", "directorate", "division", "organisation", "organization", "agency",
    "partner", "body", "service", "group", "unit", "function", "role", "name"})
ORGANISATION_UNITS = frozenset({
    "team", "department", "directorate", "division", "organisation", "organization", "agency",
    "partner", "body", "service", "group", "unit", "function", "role", "name"})
#: nouns for the text of something: "Description of action" holds the action
CONTENT_NOUNS = frozenset({"description", "detail", "summary", "title", "text", "wording"})
LEAD_WORDS = frozenset({"lead", "responsible", "accountable", "owner", "owning"})
#: words that make a header with this head name no field ("Date raised", "Start date",
#: "Recommendation priority", "Equality impact")
VETOES: dict[str, frozenset[str]] = {
    "date": frozenset({"start", "raised", "added", "opened", "identified", "created", "logged",
                       "received", "last", "updated", "entered", "recorded", "issued", "closed",
                       "closure", "reported", "submitted", "review", "reviewed", "completed",
                       "actual", "entry", "birth"}),
    "number": frozenset({"of", "staff", "people", "patients", "beds", "contacts", "referrals",
                         "page", "pages"}),
    "priority": frozenset({"recommendation", "action", "level", "rating", "risk", "scale"}),
    "rating": frozenset({"priority", "risk"}),
    "impact": frozenset({"equality", "financial", "resource", "assessment"}),
    "status": frozenset({"evidence"}),
}
#: a past participle after the noun: what was done, so progress ("Actions taken to date")
DONE = frozenset({"taken", "completed", "undertaken", "achieved", "done", "made", "delivered",
                  "implemented", "carried"})
PREPOSITIONS = frozenset({"of", "on", "for", "to", "against", "from", "in", "with", "towards",
                          "at", "per", "about", "re", "into", "under"})
CONJUNCTIONS = frozenset({"and", "or", "/", "&", "+"})
#: idioms that a head noun does not explain, read whole (each word singular)
PHRASES: dict[str, str] = {
    "source of assurance": "evidence", "s / n": "ref", "what we want to achieve": "outcome",
    "what do we want to achieve": "outcome", "what we will achieve": "outcome",
}
QUESTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name) for pattern, name in (
        (r"^(by )?who\b|\bby whom\b|^whose\b|^action(ed)? by$", "lead"),
        (r"^(by )?when\b|\bby when\b|^due by\b|^complete by\b|^deliver(ed)? by\b|"
         r"^(to be )?(completed?|delivered|achieved|done|implemented) by\b", "due_text"),
        (r"^how (will|would|do|can|shall) (we|you|i) (know|measure|tell|evidence|demonstrate|"
         r"monitor|check)\b|^what does success look like|^how .* (measured|evidenced|monitored)$|"
         r"^how will (success|progress|impact) be", "evidence"),
        (r"^what (we will|will we|we are going to|are we going to|do we need to|needs to be|"
         r"we plan to|is planned|will be done)\b|^what$|^what action|^how (we will|will we) "
         r"(do|deliver|achieve)", "action"),
        (r"^what (will|would) (be different|change|success)|^why\b|"
         r"^what (do )?we want to (achieve|see)", "outcome"),
    ))
#: superscript digits and footnote marks after a word ("Timeline¹⁰", "Priority*", "Lead†")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_MARKS = re.compile(rf"[{SUPERSCRIPTS}*†‡§¶]+")
GLUED_FOOTNOTE = re.compile(r"\b([a-z]{3,})\d{1,2}\b")
#: a bracketed scale of levels: "(H/M/L)", "(1-5)", "(High / Medium / Low)", "(B/R/A/G)"
SCALE = re.compile(r"^[(\[]\s*\w{1,6}(\s*[/,\-–]\s*\w{1,6}){1,5}\s*[)\]]$")
PLURAL_S = re.compile(r"\(s\)|\(es\)|\(ies\)", re.IGNORECASE)
PARENTHESISED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
#: "Q1 update", "Update Q2 2021/22", "June 2021 progress", "Status at 31/03/24"
PERIOD = re.compile(
    r"\b(q[1-4]|quarter [1-4]|h[12]|(19|20)\d\d( \d\d)?|fy ?\d\d( \d\d)?|\d{1,2} \d{1,2} \d{2,4}|"
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?|month \d+|year \d+|as at|at)\b")


def fold_header(text: str) -> str:
    """A header as words: lower case, footnote marks, "(s)", punctuation and breaks folded.

    "#" survives as a word: it is how many plans head their reference column.
    """
    text = clean_cell(text)
    text = FOOTNOTE_MARKS.sub(" ", PLURAL_S.sub("", text)).lower().replace("_", " ")
    outside = PARENTHESISED.sub(lambda m: " scale " if SCALE.match(m.group()) else " ", text)
    if re.search(r"[^\W\d]", PARENTHESISED.sub(" ", text)):
        text = outside  # "Status (RAG)", "Cost (£k)": the words outside the brackets decide;
        # a bracketed scale ("Priority (H/M/L)") says the column holds a level
    text = GLUED_FOOTNOTE.sub(r"\1", text)
    text = text.replace("&", " and ").replace("/", " / ").replace("+", " and ")
    text = re.sub(r"[^\w#/]+", " ", text)
    return " ".join(text.split())


#: words ending in "s" that are no plural
NOT_PLURAL = frozenset({"wres", "wdes", "nhs", "ics", "its", "this", "was", "has", "does", "is",
                        "as", "yes", "analysis", "basis", "diagnosis", "crisis", "emphasis",
                        "series", "means", "news", "whereas", "always", "towards"})


def singular(word: str) -> str:
    """English plural to singular, enough for header nouns ("activities", "measures", "KPIs")."""
    if len(word) <= 2 or word.endswith(("ss", "us")) or word in HEADS or word in NOT_PLURAL:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@dataclass(frozen=True)
class HeaderReading:
    """What a header names: the field (None for none), how sure, and why."""

    field: str | None
    score: float
    reason: str
    #: the header names a period ("Q2 update"): several such columns make one field
    period: bool = False
    #: other fields the header's words name, nearest the head first ("Objective number" is
    #: ref, else theme): the column's content chooses among them when it contradicts the head
    alternatives: tuple[str, ...] = ()


NO_FIELD = HeaderReading(None, 0.0, "no field word")
CACHE_SIZE = 10_000


class HeaderReader:
    """Reads headers into fields; the user's synonyms win over everything else."""

    def __init__(self, extra_synonyms: Mapping[str, Sequence[str]] | None = None,
                 threshold: float = 90) -> None:
        for name in extra_synonyms or {}:
            if name not in SYNONYMS:
                raise ValueError(f"unknown field {name!r}: use one of {', '.join(FIELDS)}")
        self.threshold = threshold
        self.user: dict[str, str] = {}
        for name, words in (extra_synonyms or {}).items():
            for word in words:
                self.user.setdefault(fold_header(word), name)
        self.exact: dict[str, str] = {}
        for name, words in SYNONYMS.items():
            for word in words:
                self.exact.setdefault(fold_header(word), name)
        self.choices = list(self.exact)
        self.cache: dict[str, HeaderReading] = {}

    def read(self, header: str) -> HeaderReading:
        """The field a header names, with its score; period columns are marked. Readings are
        kept: every page of a long table asks again about the same header cells."""
        found = self.cache.get(header)
        if found is None:
            if len(self.cache) >= CACHE_SIZE:
                self.cache.clear()
            found = self.cache[header] = self._read(header)
        return found

    def _read(self, header: str) -> HeaderReading:
        key = fold_header(header)
        if not key:
            return NO_FIELD
        if key in self.user:
            return HeaderReading(self.user[key], 1.0, "your synonym")
        stripped = " ".join(PERIOD.sub(" ", key).split())
        if stripped and stripped != key and key not in self.exact:
            inner = self.user.get(stripped) or self._read_words(stripped).field
            if inner:
                return HeaderReading(inner, 0.9, f"period column: {stripped!r}", period=True)
        return self._read_words(key)

    def field_of(self, header: str) -> str | None:
        return self.read(header).field

    def _read_words(self, key: str) -> HeaderReading:
        if key in self.exact:
            return HeaderReading(self.exact[key], 1.0, "schema synonym")
        for pattern, name in QUESTIONS:
            if pattern.search(key):
                return HeaderReading(name, 0.95, "question")
        head = head_field(key)
        if head:
            return head
        best = process.extractOne(key, self.choices, scorer=fuzz.ratio, score_cutoff=self.threshold)
        if best:
            return HeaderReading(self.exact[best[0]], round(best[1] / 100 * 0.9, 3),
                                 f"like {best[0]!r}")
        return NO_FIELD


def head_field(key: str) -> HeaderReading | None:
    """The field the head noun names: the rightmost noun of the first conjunct, before any
    preposition ("Update on status" is read as "update"); words that name nothing on the right
    ("Action required") are passed over, nouns that name no field ("Priority level") stop it."""
    words = [singular(w) for w in key.split()]
    if " ".join(words) in PHRASES:
        return HeaderReading(PHRASES[" ".join(words)], 0.95, "phrase")
    if words and words[0] in PREPOSITIONS and len(words) > 1:
        words = words[1:]  # "For completion by" -> "completion by"
    cut = next((i for i, w in enumerate(words) if w in PREPOSITIONS and i > 0), len(words))
    main, rest = words[:cut], words[cut:]
    conjunct = next((i for i, w in enumerate(main) if w in CONJUNCTIONS and i > 0), len(main))
    first = main[:conjunct]
    if first and first[-1] in CONTENT_NOUNS and len(rest) > 1:
        first, rest = rest[1:], []  # "Description of action" is the action column
    for i in range(len(first) - 1, -1, -1):
        word, two = first[i], " ".join(first[i - 1:i + 1]) if i else ""
        if two in HEADS:
            word, name = two, HEADS[two]
        elif word in HEADS:
            name = HEADS[word]
        elif word in NON_FIELD_HEADS:
            if word in ORGANISATION_UNITS and set(first[:i]) & LEAD_WORDS:
                return HeaderReading("lead", 0.85, f"{word!r} qualified as lead")
            return HeaderReading(None, 0.85, f"head word {word!r} names no field")
        else:
            continue
        if name == "action" and was_done(words[i + 1:], rest):
            return HeaderReading("progress", 0.9, f"{word!r} done")
        vetoed = set(words) & VETOES.get(word, frozenset())
        if vetoed:
            return HeaderReading(None, 0.9, f"{word!r} with {sorted(vetoed)[0]!r}")
        others = [HEADS[w] for w in first[:i] if w in HEADS and HEADS[w] != name]
        return HeaderReading(name, 0.9 if i == len(first) - 1 else 0.85, f"head word {word!r}",
                             alternatives=tuple(dict.fromkeys(others)))
    return None


def was_done(after: list[str], rest: list[str]) -> bool:
    """"Action taken", "Actions completed so far": what was done ("Actions to be taken" is not)."""
    done = any(w in DONE and (j == 0 or after[j - 1] != "be") for j, w in enumerate(after))
    return done or "so far" in " ".join(after) or "to date" in " ".join(rest)
