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
