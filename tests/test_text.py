"""Cell text cleaning: cleaned, never rewritten."""

from __future__ import annotations

import pytest

from normalise.text import clean_cell


@pytest.mark.parametrize(("raw", "clean"), [
    ("<u>Objectives</u>", "Objectives"),
    ("Waiting time <18 weeks", "Waiting time <18 weeks"),
    ("a < b and c > d", "a < b and c > d"),
    ("E&amp;D training", "E&D training"),
    ("E&D training", "E&D training"),
    ("one\u00a0two", "one two"),
    ("Person-\ncentred care", "Person-centred care"),
    ("self -\ndeclare", "self - declare"),
    ("line one\nline two", "line one line two"),
    ("  lots   of \t space  ", "lots of space"),
    ('programmes: <ul style="list-style-type: none"> • Ready Now programme • Stepping Up ',
     "programmes: • Ready Now programme • Stepping Up"),
    ("Programmes:\n•Ready Now\n• Stepping Up", "Programmes: • Ready Now • Stepping Up"),
    ("Items:\n\uf0b7 one\n\uf0b7 two", "Items: • one • two"),
    ("<ul><li>first</li><li>second</li></ul>", "• first • second"),
    ("line<br>break", "line break"),
    ("1. Agree scope\n2. Consult", "1. Agree scope 2. Consult"),
    ("Priority areas - inclusion health Priority areas - inclusion health",
     "Priority areas - inclusion health"),
    ("Done Done", "Done Done"),
    ("“Quoted” – dash", "“Quoted” – dash"),
    ("... virtual outpatients A", "... virtual outpatients A"),
    ("", ""),
])
def test_clean_cell(raw, clean):
    assert clean_cell(raw) == clean


def test_title_after_a_label_and_in_the_first_table(tmp_path):
    import ingest
    from normalise import normalise

    labelled = tmp_path / "a.txt"
    labelled.write_text("Appendix A – Trust Health Inequalities Plan\n\n| Action | Lead |\n|---|---|\n"
                        "| Publish it | Ann |\n")
    assert normalise(ingest.read(labelled)).records[0].plan_title == "Trust Health Inequalities Plan"
    inside = tmp_path / "b.txt"
    inside.write_text("| Trust WRES Action Plan | |\n|---|---|\n| Action | Lead |\n| Publish it | Ann |\n")
    normalised = normalise(ingest.read(inside))
    assert normalised.records[0].plan_title == "Trust WRES Action Plan"
    assert normalised.residue == []
