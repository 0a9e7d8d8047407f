"""Build the sample plans for column wordings and PDF layouts: DOCX (python-docx) and PDF (LibreOffice).

    python samples/build_layouts_samples.py            # DOCX files, and PDFs when LibreOffice is installed
    python samples/build_layouts_samples.py --no-pdf   # DOCX files only

Ten plans, each showing one thing real plans do that a synonym list or a gap between rows does
not cover: a two-row header, header cells wrapped over three lines, footnote markers in headers,
columns no synonym names, a continuation page whose first row looks like a header, US
month-first dates, unruled rows one line apart, unruled section rows, horizontal rules stopped
short by merged cells with shaded section bands, and one Word table per page with a row cut
between two tables. They are written to samples/cases/, apart from the plans whose counts other
tests pin; their expected records are in tests/expected/, written by reading the plans.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from build import HERE, Cell, Plan, write_plan

#: a grouping cell written as this continues the merged cell above it (`w:vMerge`)
SAME = "^"
OUT = HERE / "cases"
BAND = "D9D9D9"
PALE_BLUE = "DEEAF6"

Row = Sequence[str | None]


def header(*names: str) -> list[list[Cell]]:
    return [[Cell.of(name) for name in names]]


def row_of(values: Row) -> list[Cell]:
    return [Cell(merge_up=True) if value == SAME else Cell.of(value) for value in values]


def rows_of(values: Sequence[Row]) -> list[list[Cell]]:
    return [row_of(v) for v in values]


def heading(text: str, width: int, fill: str | None = None) -> list[Cell]:
    """A section row: one cell spanning the table."""
    return [Cell.of(text, span=width, fill=fill)]


def title(name: str, updated: str | None = None) -> list[tuple[str, str | None]]:
    return [(name, "Title")] + ([(updated, None)] if updated else [])


# --- 1. a two-row header ---------------------------------------------------------------------

TWO_ROW_HEADER = [
    ("ASC1", "Clear the backlog of Care Act assessments awaiting allocation for more than 28 days",
     "Head of Adult Social Care Operations", "31/12/2024",
     "Q1: Backlog 412, weekly allocation clinics started",
     "Q2: Backlog down to 236", "On track"),
    ("ASC2", "Introduce a strengths-based practice framework and train all social work staff in it",
     "Principal Social Worker", "Q3 2024/25", "Q1: Framework drafted with practitioners",
     "Q2: 64% of staff trained", "On track"),
    ("ASC3", "Review all direct payment packages not reviewed in the last 12 months",
     "Direct Payments Team Manager", "31/08/2024", "Q1: 180 of 540 reviews completed",
     "Q2: 402 of 540 reviews completed", "Delayed"),
    ("ASC4", "Publish a carers' strategy co-produced with the Carers' Partnership Board",
     "Commissioning Manager, Carers", "March 2025", "Q1: Engagement events held in four localities", None,
     "In progress"),
    ("ASC5", "Recommission home care on a patch-based model to cut travel time between visits",
     "Head of Commissioning", "2024/25", None, "Q2: Tender documents issued on 2 September", "On track"),
    ("ASC6", "Pay the Market Sustainability Plan fee uplift to residential care providers",
     "Finance Business Partner", "30/06/2024", "Q1: Uplift of 6.8% paid from April", None, "Complete"),
    ("ASC7", "Reduce the number of people waiting for an occupational therapy assessment to under 150",
     "OT Service Manager", "Q4 2024/25", "Q1: Waiting list 268", "Q2: Waiting list 221, agency OTs in post",
     "At risk"),
    ("ASC8", "Launch the online financial assessment tool for self-funders", "Digital Services Lead",
     "July 2024", "Q1: Testing with 40 residents", "Q2: Launched 12 August; 310 assessments submitted",
     "Complete"),
    ("ASC9", "Agree a joint hospital discharge pathway with Northfield Teaching Hospitals",
     "Director of Adult Social Care", "31/10/2024", "Q1: Draft pathway agreed at the Discharge Board",
     "Q2: Pathway live on two wards", "On track"),
    ("ASC10", "Audit safeguarding enquiries for timeliness and Making Safeguarding Personal outcomes",
     "Safeguarding Adults Manager", "Quarterly", "Q1: Audit of 30 cases, 83% timely",
     "Q2: Audit of 30 cases, 87% timely", "On track"),
    ("ASC11", "Recruit 12 permanent social workers to replace agency staff",
     "Workforce Development Manager", "31/03/2025", "Q1: 5 offers made",
     "Q2: 8 in post, 2 starting in November", "On track"),
    ("ASC12", "Establish a Lived Experience Panel to review practice and policy", "Co-production Lead",
     "TBC", None, None, "Not started"),
    ("ASC13", "Complete the CQC assurance self-assessment and evidence library",
     "Head of Quality Assurance", "31/07/2024", "Q1: Self-assessment drafted",
     "Q2: Self-assessment submitted to the Executive", "Complete"),
]


def columns_two_row_header() -> Plan:
    """"Delivery" over "Lead" and "By when", "Progress" over "Q1 update" and "Q2 update"."""
    c, up = Cell.of, Cell(merge_up=True)
    headers = [
        [c("Ref"), c("Action"), c("Delivery", span=2), c("Progress", span=2), c("Status")],
        [up, up, c("Lead"), c("By when"), c("Q1 update"), c("Q2 update"), up],
    ]
    return Plan(
        name="columns_two_row_header",
        title=title("Northfield Metropolitan Borough Council Adult Social Care Improvement Plan 2024/25",
                    "Last updated 30 September 2024"),
        headers=headers, rows=rows_of(TWO_ROW_HEADER), keep_rows_whole=True)


# --- 2. header cells wrapped over three lines ------------------------------------------------

WRAPPED_HEADER = [
    ("1", "Recruit to the 11.4 WTE midwifery vacancies identified in the Birthrate Plus review",
     "Chief Nurse", "31/03/2025", "On track"),
    ("2", "Implement all six elements of the Saving Babies' Lives Care Bundle version 3",
     "Medical Director", "30/06/2025", "In progress"),
    ("3", "Introduce a fresh-eyes review of CTG traces every hour on the labour ward",
     "Director of Midwifery", "31/12/2024", "Complete"),
    ("4", "Provide a triage system using the Birmingham Symptom-specific Obstetric Triage System (BSOTS)",
     "Director of Midwifery", "30/09/2024", "Complete"),
    ("5", "Publish the maternity and neonatal safety champions' walkabout findings to staff",
     "Chief Nurse", "Quarterly", "On track"),
    ("6", "Ensure every woman has a personalised care and support plan by 16 weeks of pregnancy",
     "Director of Midwifery", "31/03/2025", "At risk"),
    ("7", "Appoint a consultant midwife for perinatal mental health", "Chief People Officer",
     "31/01/2025", "Delayed"),
    ("8", "Review the postnatal ward staffing model against the acuity tool", "Director of Operations",
     "March 2025", "Not started"),
    ("9", "Build a second obstetric theatre so that category 1 caesarean sections are never delayed "
          "by a theatre in use", "Director of Estates", "2025/26", "On hold"),
    ("10", "Deliver PROMPT multidisciplinary emergency training to 90% of maternity staff",
     "Medical Director", "31/03/2025", "On track"),
    ("11", "Translate the antenatal information leaflets into the five most spoken community languages",
     "Head of Patient Experience", "Q4 2024/25", "In progress"),
    ("12", "Audit compliance with the bereavement care pathway", "Director of Midwifery", "Ongoing",
     "In progress"),
    ("13", "Report maternity incidents to the Board through the Perinatal Quality Surveillance Model",
     "Medical Director", "Monthly", "Complete"),
    ("14", "Launch a Maternity and Neonatal Voices Partnership listening event in each locality",
     "Director of Midwifery", "30/11/2024", "Complete"),
]


def columns_wrapped_header() -> Plan:
    """Narrow columns: "Target completion date" prints on three lines, the others on two."""
    return Plan(
        name="columns_wrapped_header",
        title=title("Eastbrook University Hospitals NHS Trust Maternity Services Improvement Plan"),
        headers=header("No.", "Action", "Responsible director", "Target completion date",
                       "Current status"),
        rows=rows_of(WRAPPED_HEADER), landscape=False, widths_mm=[12, 96, 26, 23, 23], keep_rows_whole=True)


# --- 3. footnote markers in headers ----------------------------------------------------------

FOOTNOTES = [
    ("Give every child the best start in life", "M1.1",
     "Expand the Family Hub offer to the three most deprived wards", "Head of Early Help", "Q2 2023/24",
     "Complete"),
    (SAME, "M1.2", "Increase uptake of Healthy Start vouchers among eligible families to 75%",
     "Public Health Principal", "31/03/2024", "On track"),
    (SAME, "M1.3", "Deliver speech and language screening at the 2-2½ year health review",
     "Health Visiting Service Lead", "December 2023", "Delayed"),
    ("Create fair employment and good work for all", "M2.1",
     "Sign up 40 local employers to the Westmere Good Work Charter", "Economic Development Manager",
     "31/03/2024", "At risk"),
    (SAME, "M2.2", "Offer supported internships for young people with special educational needs",
     "Skills and Employment Lead", "Q4 2023/24", "On track"),
    (SAME, "M2.3", "Pay the Real Living Wage to all directly employed and contracted care staff",
     "Director of Resources", "2023/24", "In progress"),
    ("Ensure a healthy standard of living for all", "M3.1",
     "Run a cost-of-living advice campaign with Citizens Advice Westmere", "Communications Manager",
     "November 2023", "Complete"),
    (SAME, "M3.2", "Target the Warm Homes grant at households with a long-term respiratory condition",
     "Housing Standards Manager", "31/01/2024", "Delayed"),
    (SAME, "M3.3", "Map food bank and community pantry provision against deprivation data",
     "Public Health Intelligence Lead", "Q3 2023/24", "Complete"),
    ("Create and develop healthy and sustainable places and communities", "M4.1",
     "Complete a health impact assessment for every major planning application",
     "Planning Policy Manager", "Ongoing", "In progress"),
    (SAME, "M4.2", "Introduce School Streets at 10 primary schools", "Highways Manager", "September 2023",
     "Complete"),
    (SAME, "M4.3", "Open two new community growing spaces on council land",
     "Parks and Open Spaces Manager", "Summer 2024", "Not started"),
    ("Strengthen the role and impact of ill-health prevention", "M5.1",
     "Commission a targeted NHS Health Check outreach service for routine and manual workers",
     "Public Health Commissioning Manager", "30/06/2023", "Complete"),
    (SAME, "M5.2", "Review smoking cessation pathways in maternity and mental health services",
     "Tobacco Control Lead", "Q1 2024/25", "On track"),
    (SAME, "M5.3", "Pilot alcohol identification and brief advice in 12 community pharmacies",
     "Public Health Principal", "TBC", "Not started"),
]


def columns_footnotes() -> Plan:
    return Plan(
        name="columns_footnotes",
        title=title("Westmere Marmot Place Health Inequalities Action Plan 2023/24",
                    "Last updated 31 January 2024"),
        headers=header("Priority⁵", "Ref", "Action", "Lead officer²", "Timeline¹⁰", "Status"),
        rows=rows_of(FOOTNOTES), landscape=False, widths_mm=[30, 14, 54, 32, 26, 24], keep_rows_whole=True,
        after=[("² Lead officers are named by role; the post holder at the time of the review is "
                "accountable.", None),
               ("⁵ Priorities are the six Marmot principles adopted by the Health and Wellbeing Board.",
                None),
               ("¹⁰ Timelines are financial-year quarters or the dates agreed with each lead officer.",
                None)])


# --- 4. columns no synonym names -------------------------------------------------------------

UNKNOWN_HEADERS = [
    ("Validate every waiting list entry over 52 weeks and contact the patients directly", "1",
     "June 2024", "£85,000"),
    ("Insource weekend outpatient clinics in dermatology and ENT", "2", "Q2 2024/25", "£420,000"),
    ("Open the Southvale Community Diagnostic Centre for CT and MRI", "3", "30/09/2024",
     "£3.2m (capital)"),
    ("Transfer low-complexity orthopaedic cases to the Hilltop elective hub", "4", "Q3 2024/25",
     "Within existing resources"),
    ("Roll out patient-initiated follow-up in six specialties", "5", "31/12/2024", "£60,000"),
    ("Extend advice and guidance for GP referrals to all surgical specialties", "6", "March 2025",
     "£45,000"),
    ("Recruit two additional anaesthetists to restore theatre sessions lost to vacancies", "7",
     "31/03/2025", "£310,000 recurrent"),
    ("Run a theatre productivity programme with GIRFT to reach 85% capped utilisation", "8",
     "Q4 2024/25", "Nil"),
    ("Agree mutual aid with neighbouring trusts for the longest-waiting gynaecology patients", "9",
     "Ongoing", None),
    ("Publish waiting times by specialty on the ICB website", "10", "Monthly", "£5,000"),
    ("Introduce a single point of access for cancer referrals across both acute trusts", "11",
     "31/01/2025", "£150,000"),
    ("Offer pre-operative health optimisation to patients waiting over 18 weeks", "12", "30/11/2024",
     "£95,000"),
]


def columns_unknown_headers() -> Plan:
    return Plan(
        name="columns_unknown_headers",
        title=title("Southvale Integrated Care Board Elective Recovery Plan 2024/25"),
        headers=header("Recovery measures", "#", "Timeline", "Budget"),
        rows=rows_of(UNKNOWN_HEADERS), landscape=False, widths_mm=[106, 12, 30, 32], keep_rows_whole=True)


# --- 5. a continuation page whose first row looks like a header ------------------------------

HEADER_LIKE_ROW = [
    ("Objective 1: Reduce avoidable harm from pressure ulcers and falls", "1.1",
     "Roll out the purpose-T pressure ulcer risk assessment to all community nursing teams",
     "Tissue Viability Lead", "30/06/2025", "Complete"),
    (SAME, "1.2", "Provide pressure-relieving equipment within 24 hours of a high-risk assessment",
     "Equipment Services Manager", "31/08/2025", "On track"),
    (SAME, "1.3", "Introduce post-falls huddles in the three community hospitals", "Falls Prevention Lead",
     "31/07/2025", "On track"),
    (SAME, "1.4", "Review every category 3 and 4 pressure ulcer through a learning response within 20 "
                  "working days", "Head of Patient Safety", "Monthly", "In progress"),
    (SAME, "1.5", "Train 200 care home staff in skin inspection and repositioning",
     "Care Home Education Lead", "31/12/2025", "At risk"),
    (SAME, "1.6", "Audit lying and standing blood pressure checks on admission to community beds",
     "Matron, Community Hospitals", "Q2 2025/26", "Not started"),
    ("Objective 2: Improve the experience of people using our services", "2.1",
     "Publish \u201cYou said, we did\u201d boards in every clinic waiting area", "Head of Patient Experience",
     "30/09/2025", "On track"),
    (SAME, "2.2", "Respond to 90% of complaints within 25 working days", "Complaints Manager",
     "31/03/2026", "At risk"),
    (SAME, "2.3", "Recruit 30 new volunteers to support patients at mealtimes",
     "Voluntary Services Manager", "31/12/2025", "On track"),
    (SAME, "2.4", "Launch a text message survey after every community appointment", "Patient Insight Lead",
     "31/05/2025", "Complete"),
    (SAME, "2.5", "Ensure people with lived experience are involved in every service redesign",
     "Head of Engagement", "Ongoing", "In progress"),
    ("Objective 3: Deliver effective, evidence-based care", "3.1",
     "Implement NICE guideline NG28 foot checks in community diabetes clinics",
     "Diabetes Specialist Nurse Lead", "31/10/2025", "On track"),
    (SAME, "3.2", "Complete the national audit of intermediate care", "Clinical Audit Manager",
     "30/11/2025", "Not started"),
    (SAME, "3.3", "Develop a frailty pathway with the primary care networks in the north locality",
     "Clinical Director, Frailty", "Q3 2025/26", "In progress"),
    (SAME, "3.4", "Establish a wound care formulary and remove non-formulary dressings from stock",
     "Tissue Viability Lead", "30/06/2025", "Delayed"),
    (SAME, "3.5", "Measure time to first contact for the community mental health team",
     "Service Manager, Community Mental Health", "31/08/2025", "On track"),
    (SAME, "3.6", "Agree standard operating procedures for the virtual ward", "Virtual Ward Clinical Lead",
     "31/07/2025", "Complete"),
    ("Objective 4: Support a skilled and well workforce", "4.1",
     "Increase clinical supervision compliance to 85%", "Deputy Director of Nursing", "31/03/2026",
     "On track"),
    (SAME, "4.2", "Offer preceptorship to every newly registered nurse and allied health professional",
     "Practice Education Lead", "30/06/2025", "Complete"),
    (SAME, "4.3", "Introduce e-rostering for all community teams", "Workforce Systems Manager",
     "Q4 2025/26", "In progress"),
    (SAME, "4.4", "Deliver a leadership development programme for all band 7 team leaders",
     "Head of Organisational Development", "31/12/2025", "On track"),
    ("Objective 5: Strengthen governance and learning", "5.1",
     "Action plan review at every Quality and Safety Committee, with exceptions escalated to the Board",
     "Director of Nursing and Quality", "Monthly", "On track"),
    (SAME, "5.2", "Hold a quarterly learning from deaths forum open to all staff", "Medical Director",
     "Quarterly", "On track"),
    (SAME, "5.3", "Replace the incident reporting system with the Learn from Patient Safety Events service",
     "Head of Patient Safety", "30/09/2025", "At risk"),
    (SAME, "5.4", "Run a patient safety culture survey and share the results with every team",
     "Freedom to Speak Up Guardian", "31/01/2026", "Not started"),
]


def columns_header_like_row() -> Plan:
    """No repeated header, rows kept whole: page 2 starts with "Objective 5 ..." / "Action plan review"."""
    return Plan(
        name="columns_header_like_row",
        title=title("Harbourside Community Health Services NHS Trust Quality Improvement Plan 2025/26"),
        headers=header("Objective", "Ref", "Action", "Lead", "Due date", "Status"),
        rows=rows_of(HEADER_LIKE_ROW), repeat_header=False, keep_rows_whole=True, landscape=False,
        widths_mm=[34, 12, 56, 30, 24, 24])


# --- 6. US month-first dates -----------------------------------------------------------------

US_DATES = [
    ("PS1", "Replace the falls risk assessment with the multifactorial falls assessment on all adult wards",
     "Deputy Chief Nurse", "03/12/2025", "Complete", "Live on all 22 adult wards"),
    ("PS2", "Train ward staff in the new post-fall huddle template", "Falls Prevention Lead", "03/20/2025",
     "Complete", "312 staff trained"),
    ("PS3", "Introduce a second-checker requirement for insulin administration", "Chief Pharmacist",
     "04/30/2025", "In progress", "Policy approved; e-learning being built"),
    ("PS4", "Audit the timeliness of sepsis antibiotics in the emergency department",
     "Clinical Director, Emergency Medicine", "05/15/2025", "On track",
     "First audit cycle: 81% within one hour"),
    ("PS5", "Establish a learning response panel for patient safety incident investigations",
     "Patient Safety Specialist", "02/03/2025", "Complete", "Panel meets weekly"),
    ("PS6", "Publish a patient safety report to the Board", "Head of Patient Safety", "Quarterly",
     "On track", "First report presented in April"),
    ("PS7", "Roll out level 1 of the national Patient Safety Syllabus to all staff",
     "Head of Learning and Development", "09/30/2025", "At risk", "Compliance 68% against a 95% target"),
    ("PS8", "Replace paper observation charts with electronic NEWS2 in the community hospitals",
     "Chief Clinical Information Officer", "11/30/2025", "Delayed", "Supplier delay of eight weeks"),
    ("PS9", "Review the deteriorating patient policy after the Ward 7 incident", "Medical Director",
     "06/01/2025", "Complete", "Revised policy ratified"),
    ("PS10", "Set up family liaison support for every patient safety investigation",
     "Family Liaison Officer", "07/31/2025", "In progress", "Two liaison officers appointed"),
    ("PS11", "Implement the PSIRF oversight framework at the Quality Committee", "Director of Nursing",
     "10/01/2025", "Not started", None),
    ("PS12", "Evaluate the impact of the falls improvement work on harm rates", "Falls Prevention Lead",
     "12/31/2025", "Not started", None),
    ("PS13", "Complete the annual review of the incident response plan with system partners",
     "Head of Patient Safety", "TBC", "Not started", None),
]


def columns_us_dates() -> Plan:
    return Plan(
        name="columns_us_dates",
        title=title("Lakeside Health Partners Patient Safety Incident Response Plan: Improvement Actions"),
        headers=header("Ref", "Action", "Owner", "Due date", "Status", "Update"),
        rows=rows_of(US_DATES), keep_rows_whole=True)


# --- 7. unruled, rows exactly one line apart -------------------------------------------------

ZERO_GAP = [
    ("H1", "Extend the Homelessness Prevention Fund to cover rent arrears for private tenants served "
           "with a section 21 notice", "Housing Options Manager", "30/06/2024", "Complete"),
    ("H2", "Recruit two specialist prevention officers for young people leaving care",
     "Head of Housing Needs", "31/08/2024", "Complete"),
    ("H3", "Open a 20-bed winter night shelter with Greenbank Churches Together",
     "Rough Sleeping Coordinator", "31/10/2024", "On track"),
    ("H4", "Agree a duty to refer protocol with the hospital discharge team",
     "Hospital Discharge Housing Link Officer", "30/09/2024", "In progress"),
    ("H5", "Replace bed and breakfast placements for families with self-contained temporary "
           "accommodation", "Temporary Accommodation Manager", "31/03/2025", "At risk"),
    ("H6", "Review the housing allocations policy to give priority to survivors of domestic abuse",
     "Strategic Housing Policy Officer", "December 2024", "Not started"),
    ("H7", "Commission a Housing First service for 15 people with complex needs",
     "Commissioning Manager, Supported Housing", "Q3 2024/25", "On track"),
    ("H8", "Deliver landlord incentive payments to secure 60 private rented tenancies",
     "Private Sector Lettings Officer", "31/03/2025", "Delayed"),
    ("H9", "Publish rough sleeping counts on the council website", "Rough Sleeping Coordinator",
     "Monthly", "On track"),
    ("H10", "Train frontline staff in trauma-informed practice", "Learning and Development Partner",
     "30/11/2024", "In progress"),
    ("H11", "Introduce a tenancy sustainment service for first-time tenants",
     "Tenancy Sustainment Team Leader", "Q4 2024/25", "Not started"),
    ("H12", "Map hidden homelessness among sofa-surfing young people with the youth service",
     "Youth Homelessness Lead", "31/01/2025", "On track"),
    ("H13", "Provide a same-day response for people at risk of sleeping rough that night",
     "Housing Options Manager", "Ongoing", "In progress"),
    ("H14", "Submit the rough sleeping initiative grant return", "Finance Business Partner", "2024/25",
     "Not started"),
    ("H15", "Set up a multi-agency panel for people with no recourse to public funds",
     "Head of Housing Needs", "31/07/2024", "Complete"),
    ("H16", "Update the homelessness review with the 2023/24 statutory returns",
     "Strategic Housing Policy Officer", "31/03/2025", "On track"),
]


def layout_unruled_zero_gap() -> Plan:
    """No borders, no cell padding above or below, no paragraph spacing: one line between rows."""
    return Plan(
        name="layout_unruled_zero_gap",
        title=title("Greenbank Borough Council Homelessness Prevention Action Plan 2024/25"),
        headers=header("Ref", "Action", "Lead", "Target date", "Status"),
        rows=rows_of(ZERO_GAP), borders="none", repeat_header=False, landscape=False,
        widths_mm=[13, 81, 40, 24, 22], keep_rows_whole=True)


# --- 8. unruled, with section rows spanning the table ----------------------------------------

OBJECTIVE_1 = "Objective 1: Improve access to community services"
OBJECTIVE_1_1 = "Objective 1.1: Improve access to community nursing for housebound patients across Coastway"
OBJECTIVE_1_2 = "Objective 1.2: Reduce waiting times for community therapy services"
OBJECTIVE_2 = "Objective 2: Deliver care closer to home"
OBJECTIVE_2_1 = "Objective 2.1: Expand the two-hour urgent community response"
OBJECTIVE_2_2 = "Objective 2.2: Support people to die in their preferred place"
OBJECTIVE_3 = "Objective 3: Make Coastway a great place to work"
OBJECTIVE_3_1 = "Objective 3.1: Retain experienced community staff"

#: (heading, filled) rows and action rows, in the order printed
UNRULED_SECTIONS: list[tuple[str, bool] | Row] = [
    (OBJECTIVE_1, True), (OBJECTIVE_1_1, False),
    ("1.1.1", "Introduce a single point of access for district nursing referrals",
     "Head of Community Nursing", "30/06/2025", "Green"),
    ("1.1.2", "Extend the evening district nursing service to 22:00 in all localities",
     "Community Nursing Locality Manager", "30/09/2025", "Amber"),
    ("1.1.3", "Recruit 14 band 5 community nurses through the international recruitment programme",
     "Recruitment Lead", "31/12/2025", "Green"),
    (OBJECTIVE_1_2, False),
    ("1.2.1", "Validate the musculoskeletal physiotherapy waiting list and discharge patients who no "
              "longer need treatment", "Therapy Services Manager", "31/05/2025", "Blue"),
    ("1.2.2", "Offer self-referral for adult speech and language therapy", "SLT Clinical Lead",
     "Q2 2025/26", "Green"),
    ("1.2.3", "Run group education sessions for patients waiting for lymphoedema treatment",
     "Lymphoedema Clinical Nurse Specialist", "31/10/2025", "Red"),
    (OBJECTIVE_2, True), (OBJECTIVE_2_1, False),
    ("2.1.1", "Provide the urgent community response seven days a week from 08:00 to 20:00",
     "Urgent Care Service Manager", "30/06/2025", "Green"),
    ("2.1.2", "Integrate the falls response service with the ambulance service's referral line",
     "Falls Service Lead", "Q3 2025/26", "Amber"),
    ("2.1.3", "Establish virtual ward capacity of 60 beds for frailty and respiratory patients",
     "Virtual Ward Clinical Director", "31/03/2026", "Green"),
    (OBJECTIVE_2_2, True),
    ("2.2.1", "Train care home staff in the use of anticipatory medicines", "End of Life Care Facilitator",
     "31/12/2025", "Grey"),
    ("2.2.2", "Launch a 24-hour palliative care advice line with the hospice", "Palliative Care Lead",
     "30/09/2025", "Amber"),
    ("2.2.3", "Audit the use of ReSPECT forms on transfer between care settings",
     "End of Life Care Facilitator", "Quarterly", "Green"),
    (OBJECTIVE_3, True), (OBJECTIVE_3_1, False),
    ("3.1.1", "Offer flexible working from the first day of employment", "Head of People", "30/04/2025",
     "Blue"),
    ("3.1.2", "Introduce legacy mentoring for nurses in their last five years before retirement",
     "Deputy Director of Nursing", "31/08/2025", "Green"),
    ("3.1.3", "Reduce vacancies in community nursing to below 8%", "Head of Community Nursing",
     "31/03/2026", "Amber"),
]


def layout_unruled_sections() -> Plan:
    """Section rows spanning an unruled table; some filled, some plain."""
    rows = [heading(entry[0], 5, PALE_BLUE if entry[1] else None) if len(entry) == 2 else row_of(entry)
            for entry in UNRULED_SECTIONS]
    return Plan(
        name="layout_unruled_sections",
        title=title("Coastway Community Health Partnership Community Services Delivery Plan 2025/26"),
        headers=header("Ref", "Action", "Lead", "By when", "RAG"),
        rows=rows, borders="none", repeat_header=False, cell_margin_pt=3,
        widths_mm=[18, 134, 70, 26, 19], keep_rows_whole=True)


# --- 9. horizontal rules stopped short by merged cells, shaded section bands -----------------

DOMAIN_1 = "Domain 1: Commissioned or provided services"
DOMAIN_2 = "Domain 2: Workforce health and well-being"
DOMAIN_3 = "Domain 3: Inclusive leadership"

INTERRUPTED_RULES: list[str | Row] = [
    DOMAIN_1,
    ("1A: Patients (service users) have required levels of access to the service", "D1.1",
     "Record interpreter requests at referral for all outpatient specialties", "Head of Patient Access",
     "31/07/2024", "Complete", "Field added to the referral form in July; 1,240 requests recorded"),
    (SAME, "D1.2", "Offer longer appointments to patients with a learning disability flagged on the "
                   "patient record", "Learning Disability Liaison Nurse", "30/09/2024", "In progress",
     "Live in three of eight specialties"),
    (SAME, "D1.3", "Publish easy-read versions of the 20 most used patient leaflets",
     "Patient Information Manager", "31/12/2024", "On track", "12 of 20 published"),
    ("1B: Individual patients (service users) health needs are met", "D1.4",
     "Analyse waiting list data by ethnicity and deprivation", "Head of Performance", "Quarterly",
     "On track", "Q2 analysis presented to the Inclusion Board"),
    (SAME, "D1.5", "Introduce a reasonable adjustments flag visible in every clinical system",
     "Chief Clinical Information Officer", "Q4 2024/25", "At risk",
     "Integration with the maternity system not yet funded"),
    ("1C: When patients (service users) use the service, they are free from harm", "D1.6",
     "Review patient safety incidents by protected characteristic", "Head of Patient Safety", "31/08/2024",
     "Complete", "Review reported to the Quality Committee in September"),
    (SAME, "D1.7", "Deliver cultural competence training to all patient-facing staff",
     "Head of Equality, Diversity and Inclusion", "31/03/2025", "On track", "58% of staff trained"),
    ("1D: Patients (service users) report positive experiences of the service", "D1.8",
     "Report Friends and Family Test results by ethnicity, age and disability",
     "Head of Patient Experience", "30/06/2024", "Delayed",
     "Demographic fields missing from the survey platform"),
    DOMAIN_2,
    ("2A: When at work, staff are provided with support to manage obesity, diabetes, asthma, COPD and "
     "mental health conditions", "D2.1",
     "Launch a menopause support network with trained champions in every division",
     "Head of Health and Wellbeing", "31/05/2024", "Complete", "Network launched in May with 34 champions"),
    (SAME, "D2.2", "Offer NHS Health Checks on site to staff aged 40 to 74", "Occupational Health Manager",
     "Q3 2024/25", "On track", "Clinics booked for November"),
    ("2B: When at work, staff are free from abuse, harassment, bullying and physical violence from any "
     "source", "D2.3", "Introduce body-worn cameras in the emergency department", "Head of Security",
     "31/10/2024", "Complete", "24 cameras in use since October"),
    (SAME, "D2.4", "Set up a sexual safety charter working group", "Director of People", "30/11/2024",
     "In progress", "Terms of reference agreed"),
    ("2C: Staff have access to independent support and advice when suffering from stress, abuse, "
     "bullying harassment and physical violence from any source", "D2.5",
     "Recruit six Freedom to Speak Up champions from the ethnic minority staff network",
     "Freedom to Speak Up Guardian", "31/01/2025", "On track", "Four champions recruited"),
    DOMAIN_3,
    ("3A: Board members, system leaders (Band 9 and VSM) and those with line management responsibilities "
     "routinely demonstrate their understanding of, and commitment to, equality and health inequalities",
     "D3.1", "Include an equality objective in every board member's annual appraisal", "Chair",
     "31/03/2025", "On track", "Objectives agreed for 9 of 12 board members"),
    (SAME, "D3.2", "Hold a board development session on the Workforce Race Equality Standard",
     "Director of People", "30/09/2024", "Complete", "Session held on 12 September"),
    ("3B: Board/Committee papers (including minutes) identify equality and health inequalities related "
     "impacts and risks and how they will be mitigated and managed", "D3.3",
     "Add an equality impact section to the board and committee paper template", "Company Secretary",
     "31/07/2024", "Complete", None),
    ("3C: Board members and system leaders (Band 9 and VSM) ensure levers are in place to manage "
     "performance and monitor progress with staff and patients", "D3.4",
     "Report EDS 2022 progress to the Board twice a year", "Director of Nursing", "Ongoing",
     "In progress", "First report presented in July"),
]


def layout_interrupted_rules() -> Plan:
    """Landscape, horizontal rules only: merged outcome cells stop them short; domains are bands."""
    rows = [heading(entry, 7, BAND) if isinstance(entry, str) else row_of(entry)
            for entry in INTERRUPTED_RULES]
    return Plan(
        name="layout_interrupted_rules",
        title=title("Rivermouth NHS Foundation Trust Equality Delivery System (EDS) 2022 Action Plan 2024/25",
                    "Last updated 31 October 2024"),
        headers=header("EDS Outcome", "Ref", "Action", "Lead", "Timescale", "Status", "Progress update"),
        rows=rows, borders="horizontal", cell_margin_pt=2, widths_mm=[58, 16, 64, 40, 24, 22, 43],
        keep_rows_whole=True)


# --- 10. one Word table per page, a row cut between two tables -------------------------------

#: a row whose ref is None carries on the row before it, in the next table
SPLIT_PER_PAGE = [
    ("1", "Publish national standards for SEND provision covering identification, assessment and support",
     "Director, SEND Standards", "Q4 2024/25", "In progress",
     "Drafting with the National SEND and AP Implementation Board"),
    ("2", "Introduce standardised EHCP templates and guidance for all local authorities",
     "Deputy Director, SEND Reform", "31/12/2024", "On track", "Template tested in 14 local authorities"),
    ("3", "Establish a local SEND and AP partnership with a local inclusion plan in every area",
     "Deputy Director, Local Partnerships", "31/03/2025", "On track", "128 of 153 partnerships in place"),
    ("4", "Fund the 33 special free schools announced in the 2023 wave", "Director, Capital", "2025/26",
     "In progress", "Sites agreed for 21 schools"),
    ("5", "Train 5,000 additional early years SENCOs through the accredited Level 3 qualification",
     "Director, Early Years", "31/08/2025", "On track", "3,200 practitioners enrolled"),
    ("6", "Launch a national SEND and AP dashboard of local area performance", "Head of Data and Analysis",
     "30/06/2024", "Complete", "Dashboard published on 27 June"),
    ("7", "Set a national framework of bands and tariffs for high needs funding", "Director, Funding Policy",
     "2025/26", "Not started", "Consultation to follow the national standards"),
    ("8", "Expand the Delivering Better Value in SEND programme to 55 further local authorities, with "
          "grants of up to £1m each", "Director, High Needs", "31/03/2025", "On track",
     "43 authorities in the programme;"),
    (None, "to support changes to local practice and data", None, None, None,
     "the remaining 12 join in January"),
    ("9", "Commission Alternative Provision specialist taskforces in 22 areas",
     "Deputy Director, Alternative Provision", "September 2024", "Complete",
     "Taskforces operating in all 22 areas"),
    ("10", "Review the statutory guidance on school exclusions and suspensions",
     "Head of Behaviour and Attendance", "30/11/2024", "Delayed", "Awaiting ministerial clearance"),
    ("11", "Produce guidance for mainstream schools on ordinarily available provision",
     "Deputy Director, SEND Reform", "Q3 2024/25", "On track", "Working group of 30 school leaders formed"),
    ("12", "Recruit 400 additional educational psychologists through funded doctoral places",
     "Director, Workforce", "2024/25", "In progress", "Second cohort of 200 started in September"),
    ("13", "Evaluate the Partnerships for Inclusion of Neurodiversity in Schools (PINS) programme",
     "Head of Research", "31/07/2025", "Not started", "Evaluator appointed"),
    ("14", "Agree a joint commissioning framework with NHS England for therapies in schools",
     "Director, Health and Care Interface", "31/01/2025", "At risk",
     "Data-sharing agreement still outstanding"),
    ("15", "Deliver a national mediation service so that families can resolve disagreements about "
           "EHCPs before going to the First-tier Tribunal", "Deputy Director, SEND Reform", "2025/26",
     "Not started", "Procurement opens in the spring"),
    (None, "and publish mediation outcomes by local authority each year", None, None, None, None),
    ("16", "Update the SEND Code of Practice to reflect the national standards", "Director, SEND Standards",
     "2025/26", "Not started", None),
    ("17", "Set up a SEND and AP parent and carer panel to advise the Implementation Board",
     "Head of Engagement", "31/10/2024", "Complete", "Panel of 18 parents and carers meets monthly"),
    ("18", "Monitor EHCP timeliness against the 20-week target for every local authority",
     "Head of Data and Analysis", "Quarterly", "On track", "National timeliness 50.3% in 2023"),
    ("19", "Issue capital guidance for additional specialist places in mainstream schools",
     "Director, Capital", "30/09/2024", "Complete", "Guidance issued in September"),
    ("20", "Pilot regional commissioning of low-incidence specialist provision", "Director, High Needs",
     "2024/25", "Withdrawn", "Replaced by the national standards work"),
]


def layout_split_per_page() -> Plan:
    """Three Word tables, one per page, the header repeated; rows 8 and 15 cut between tables."""
    starts = tuple(i for i, values in enumerate(SPLIT_PER_PAGE) if values[0] is None)
    return Plan(
        name="layout_split_per_page",
        title=title("Department for Education SEND and Alternative Provision Improvement Plan: "
                    "Delivery Actions 2024/25"),
        headers=header("#", "Action", "Lead", "Due date", "Status", "Progress"),
        rows=rows_of(SPLIT_PER_PAGE), split_at=starts, landscape=False,
        widths_mm=[10, 58, 34, 24, 22, 32])


PLANS: list[Callable[[], Plan]] = [
    columns_two_row_header, columns_wrapped_header, columns_footnotes, columns_unknown_headers,
    columns_header_like_row, columns_us_dates, layout_unruled_zero_gap, layout_unruled_sections,
    layout_interrupted_rules, layout_split_per_page,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-pdf", action="store_true", help="only build the DOCX files")
    parser.add_argument("names", nargs="*", help="build only these plans")
    args = parser.parse_args()
    for make in PLANS:
        plan = make()
        if args.names and plan.name not in args.names:
            continue
        OUT.mkdir(exist_ok=True)
        write_plan(plan, OUT, pdf=not args.no_pdf)


if __name__ == "__main__":
    main()
