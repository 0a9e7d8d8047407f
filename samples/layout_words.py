"""Phrase banks in the language of NHS and council plans, and the SCHEMA's labels and date forms.

The generator builds cell text from these so a reader meets the words, lengths and punctuation
real plans have (never lorem ipsum), and the truth follows from the label tables here, not from
the code under test.
"""

from __future__ import annotations

import csv
import random
import re
from functools import cache
from pathlib import Path

HEADER_WORDINGS_CSV = Path(__file__).resolve().parent.parent / "tests" / "data" / "header_wordings.csv"

#: field -> header wordings SCHEMA.md names for it (used until tests/data/header_wordings.csv exists)
BUILTIN_HEADERS: dict[str, tuple[str, ...]] = {
    "theme": ("Objectives", "Objective", "Key Areas", "Key area", "Workstream", "Priority",
              "Priority area", "Area", "Theme", "Domain"),
    "outcome": ("EDS Outcome", "Outcome", "Expected outcome", "Intended outcome", "Aim", "Goal"),
    "ref": ("Ref", "Ref.", "Reference", "No.", "Number", "Action no.", "Item", "ID"),
    "action": ("Action", "Actions", "Action required", "Actions required", "What we will do",
               "Activity", "Task", "Recommendation"),
    "evidence": ("Evidence", "Measure", "Measures of success", "Success measure", "KPI",
                 "Deliverable", "How will we know"),
    "lead": ("Lead", "Leads", "Lead(s)", "Owner", "Action owner", "Responsible",
             "Responsible officer", "Accountable", "By whom", "Who"),
    "due_text": ("By when", "Milestones", "Deadline", "Target date", "Due date", "Timescale",
                 "Timescales", "Completion date", "Delivery date"),
    "risks": ("Risks", "Risk", "Risks/Issues", "Risks / issues", "Barriers", "Dependencies"),
    "notes": ("Notes", "Comments", "Comment"),
    "progress": ("Progress", "Progress update", "Update on progress", "Progress to date",
                 "Commentary", "Position"),
    "status_text": ("Status", "RAG", "RAG status", "RAG rating", "BRAG", "Rating"),
}
#: columns no field claims: the pipeline keeps them in `extra` under their header
EXTRA_HEADERS = ("Budget", "Cost (£k)", "Funding source", "Resources", "Partners", "Link to strategy")


#: a period in a header ("Q2 update", "Status at 31/03/24") makes it one of several period columns
PERIOD_WORDING = re.compile(
    r"\d|\b(q[1-4]|at|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b", re.IGNORECASE)


@cache
def header_wordings() -> dict[str, tuple[str, ...]]:
    """field -> wordings ("extra" for columns of no field): the shared wording table when it is
    there, else the built-in one. Period wordings are left out: one period column alone is not
    what SCHEMA's period rule is about."""
    builtin = {**BUILTIN_HEADERS, "extra": EXTRA_HEADERS}
    if not HEADER_WORDINGS_CSV.is_file():
        return builtin
    table: dict[str, list[str]] = {}
    with HEADER_WORDINGS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            header, name = (row.get("header") or "").strip(), (row.get("field") or "").strip()
            if header and name in builtin and not PERIOD_WORDING.search(header):
                table.setdefault(name, []).append(header)
    return {name: tuple(table.get(name) or builtin[name]) for name in builtin}


#: status label -> (status, colour it states or implies) per SCHEMA's vocabulary table
STATUS_LABELS: dict[str, tuple[str, str | None]] = {
    "Complete": ("complete", "blue"), "Completed": ("complete", "blue"),
    "Achieved": ("complete", "blue"), "Delivered": ("complete", "blue"),
    "On track": ("on_track", "green"), "On target": ("on_track", "green"),
    "In progress": ("in_progress", None), "Underway": ("in_progress", None),
    "Work in progress": ("in_progress", None),
    "At risk": ("at_risk", "amber"), "Some slippage": ("at_risk", "amber"),
    "Partially achieved": ("at_risk", "amber"),
    "Delayed": ("delayed", "red"), "Behind schedule": ("delayed", "red"),
    "Off track": ("delayed", "red"), "Not achieved": ("delayed", "red"),
    "Not started": ("not_started", "grey"), "Not yet started": ("not_started", "grey"),
    "Planned": ("not_started", "grey"),
    "On hold": ("on_hold", None), "Deferred": ("on_hold", None),
    "Cancelled": ("cancelled", None), "No longer required": ("cancelled", None),
}
RAG_WORDS: dict[str, tuple[str, str]] = {
    "Blue": ("complete", "blue"), "Green": ("on_track", "green"), "Amber": ("at_risk", "amber"),
    "Red": ("delayed", "red"), "Grey": ("not_started", "grey"),
}
#: colour -> the fill a plan paints a status cell with
RAG_FILLS: dict[str, str] = {
    "blue": "5B9BD5", "green": "00B050", "amber": "FFC000", "red": "FF0000", "grey": "A6A6A6",
}
ZEBRA_FILLS = ("F2F2F2", "F5F7FA", "FAFAFA")
SECTION_FILLS = ("D9E2F3", "DEEAF6", "E2EFDA", "D9D9D9", "FCE4D6")
HEADER_FILLS = ("D9D9D9", "BDD7EE", "DDEBF7", "E7E6E6")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DUE_FIXED = ("Ongoing", "Quarterly review", "Ongoing and review quarterly", "Monthly reporting",
             "Annually", "TBC", "When funding is agreed", "Review annually")

THEMES = (
    "Improving access to services", "Prevention and early intervention", "Workforce",
    "Tackling health inequalities", "Children and young people", "Mental health and wellbeing",
    "Digital inclusion", "Population health management", "Leadership and governance",
    "Inclusive recruitment and promotion", "Data and intelligence", "Community engagement",
    "Maternity and neonatal care", "Long term conditions", "Healthy places and housing",
)
OUTCOMES = (
    "Patients have equitable access", "Reduced variation in outcomes",
    "A representative and supported workforce", "Better experience of care",
    "Fewer avoidable admissions", "Inclusive leadership at every level",
)
SECTION_TOPICS = (
    "Improve access to community nursing for housebound patients",
    "Reduce waiting times for children's mental health services",
    "Narrow the gap in healthy life expectancy between wards",
    "Build a workforce that reflects the communities we serve",
    "Strengthen engagement with seldom heard groups",
    "Make every contact count across primary care",
    "Embed equality analysis in commissioning decisions",
)
VERBS = ("Develop", "Implement", "Review", "Establish", "Deliver", "Agree", "Roll out", "Commission",
         "Publish", "Scope", "Evaluate", "Extend", "Co-produce", "Undertake", "Embed", "Launch")
OBJECTS = (
    "a system-wide health inequalities dashboard", "the reasonable adjustments policy",
    "targeted vaccination clinics in areas of high deprivation", "a reverse mentoring programme",
    "cultural competency training for all front-line staff", "the patient experience survey",
    "an interpreting and translation service specification", "the Core20PLUS5 delivery plan",
    "annual health checks for people with a learning disability", "a social prescribing offer",
    "the Workforce Race Equality Standard action plan", "a homeless health outreach service",
    "smoking cessation support in maternity services", "the equality impact assessment process",
    "person-centred care planning in care homes", "the estates and accessibility audit",
    "a carers' strategy with partners", "data quality for ethnicity recording",
)
QUALIFIERS = (
    "with primary care networks and the voluntary sector",
    "across all localities in the integrated care system",
    "in partnership with the local authority and Healthwatch",
    "for patients with protected characteristics",
    "using the Index of Multiple Deprivation to prioritise wards",
    "so that progress is reported to the board every quarter",
    "building on the learning from the pilot in the north locality",
    "including staff networks and trade union colleagues",
)
PURPOSES = (
    "to ensure that people from deprived communities can access care when they need it.",
    "to reduce the gap in outcomes between the most and least deprived areas.",
    "so that the workforce at all levels reflects the population it serves.",
    "and agree a trajectory for improvement with commissioners.",
    "and report the findings to the Health and Wellbeing Board.",
    "with a clear set of measures and named accountable officers.",
)
ROLES = ("Director of Nursing", "Chief Operating Officer", "Head of Equality and Inclusion",
         "Public Health Consultant", "Director of Workforce", "Head of Patient Experience",
         "Deputy Chief Executive", "Primary Care Commissioning Manager", "Head of Digital",
         "Locality Manager", "Freedom to Speak Up Guardian", "Associate Director of Strategy")
NAMES = ("Sarah Patel", "J. Okafor", "Dr Helen Morris", "Tom Birch", "Aisha Rahman", "Gareth Jones",
         "Karen Li", "Mike O'Neill")
EVIDENCE = (
    "Dashboard published and reviewed monthly", "Increase in uptake of 10% in target wards",
    "Policy approved by the Executive Committee", "Staff survey results show improvement",
    "Number of referrals received", "Audit report with recommendations",
    "Proportion of BAME staff at band 8a and above", "Waiting list reduced to under 18 weeks",
)
NOTES = (
    "Linked to the ICS Health Inequalities strategy.", "Funding bid submitted in July.",
    "Awaiting confirmation from the steering group.", "Pilot site agreed with partners.",
    "See appendix B for the detailed project plan.", "Dependent on recruitment to vacant posts.",
)
PROGRESS = (
    "Scoping meeting held and terms of reference agreed.", "First cohort completed the programme.",
    "Draft circulated for consultation; responses being analysed.",
    "Data collection under way in three localities.", "Delayed due to winter pressures.",
    "Procurement completed and provider mobilising.",
    "Task and finish group meets monthly; report due to the board in the spring.",
)
RISKS = (
    "Capacity in primary care", "Recurrent funding not yet confirmed",
    "Data sharing agreements required", "Recruitment to specialist posts",
    "Engagement from partner organisations", "Competing operational pressures",
)
EXTRA_VALUES = ("£25k", "£120,000", "Within existing resources", "Better Care Fund", "Non-recurrent",
                "ICB and council", "Public Health grant", "HWB strategy priority 2")
TITLES = (
    "Health Inequalities Action Plan {y}/{n}", "Equality, Diversity and Inclusion Action Plan {y}",
    "Workforce Race Equality Standard Action Plan {y}/{n}", "CQC Inspection Action Plan {y}",
    "Population Health Improvement Plan {y}/{n}", "Accessible Information Standard Action Plan {y}",
)
ORGANISATIONS = ("North Riverside NHS Foundation Trust", "Westshire Integrated Care Board",
                 "Eastborough Council", "Southvale Community Health Services NHS Trust")


def action_text(rng: random.Random, length: int) -> str:
    """An action of about `length` clauses (1 short, 4 long): varied line counts when wrapped."""
    words = [rng.choice(VERBS), rng.choice(OBJECTS)]
    if length >= 2:
        words.append(rng.choice(QUALIFIERS))
    if length >= 3:
        words.append(rng.choice(PURPOSES))
    if length >= 4:
        words.append(f"This includes {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}.")
    text = " ".join(words)
    return text if text.endswith(".") or rng.random() < 0.5 else text + "."


def due_text(rng: random.Random, year: int) -> str:
    form = rng.randrange(7)
    month = rng.randrange(12)
    if form == 0:
        return f"{rng.randint(1, 28):02d}/{month + 1:02d}/{year}"
    if form == 1:
        return f"{rng.randint(1, 28)} {MONTHS[month]} {year}"
    if form == 2:
        return f"{MONTHS[month]} {year}"
    if form == 3:
        return f"Q{rng.randint(1, 4)} {year}/{(year + 1) % 100:02d}"
    if form == 4:
        return f"End of {MONTHS[month]} {year}"
    if form == 5:
        return f"{year}/{(year + 1) % 100:02d}"
    return rng.choice(DUE_FIXED)


def lead_text(rng: random.Random) -> str:
    form = rng.randrange(4)
    if form == 0:
        return rng.choice(NAMES)
    if form == 1:
        return f"{rng.choice(ROLES)} ({rng.choice(NAMES)})"
    if form == 2:
        return f"{rng.choice(ROLES)} and {rng.choice(ROLES)}"
    return rng.choice(ROLES)


def ref_text(style: str, section: int, number: int) -> str:
    if style == "dotted":
        return f"{section}.{number}"
    if style == "letter":
        return f"{'ABCDEFGH'[(section - 1) % 8]}{number}"
    return f"MD{section}.{number}"


def prose(rng: random.Random, bank: tuple[str, ...]) -> str:
    """One or two sentences from a bank: notes and progress of varied length."""
    first = rng.choice(bank)
    if rng.random() < 0.35:
        second = rng.choice(bank)
        if second != first:
            return f"{first} {second}"
    return first
