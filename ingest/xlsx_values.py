"""A spreadsheet cell's value as the sheet shows it: the number format applied to dates and numbers.

Plans put "15/4/20" or "March 2019" in a date column as real dates with a number format; the
text a reader hands on must be the text a person sees, so the format is applied here. Only the
parts of Excel's format language that plans use are rendered (dates, times, fixed decimals,
thousands separators, percentages); anything else falls back to Excel's "General" display.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: a date or time token, a quoted literal, an escaped character, or a bracketed code
DATE_TOKEN = re.compile(r'yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|'
                        r'"[^"]*"|\\.|\[[^\]]*\]|.', re.IGNORECASE)
NUMBER_FORMAT = re.compile(r"^(?P<thousands>#,##)?0(?P<decimals>\.0+)?(?P<percent>%)?$")


def first_section(number_format: str) -> str:
    """The positive-number section of a format ("0.0;[Red]-0.0" gives "0.0")."""
    section, quoted = [], False
    for ch in number_format:
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            break
        section.append(ch)
    return "".join(section)


def general(value: float | int) -> str:
    """Excel's "General": integers without ".0", others with up to 10 significant digits."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    return text if "e" not in text else f"{value:.6E}"


def number_text(value: float | int, number_format: str) -> str:
    fmt = re.sub(r"\[[^\]]*\]|\\.|\"[^\"]*\"|_.|\*.", "", first_section(number_format)).strip()
    match = NUMBER_FORMAT.match(fmt)
    if not match:
        return general(value)
    decimals = len(match["decimals"] or ".") - 1
    shown = value * 100 if match["percent"] else value
    text = f"{shown:,.{decimals}f}" if match["thousands"] else f"{shown:.{decimals}f}"
    return text + ("%" if match["percent"] else "")


def _is_minute(tokens: list[str], i: int) -> bool:
    """"m" is minutes right after an hour or right before seconds, else a month."""
    before = next((t.lower() for t in reversed(tokens[:i]) if t.lower()[0] in "hdys"), "")
    after = next((t.lower() for t in tokens[i + 1:] if t.lower()[0] in "hdysm"), "")
    return before.startswith("h") or after.startswith("s")


def date_text(value: datetime | date | time, number_format: str) -> str:
    """A date shown with its format: "d/m/yy" gives "15/4/20", "mmmm yyyy" gives "April 2020"."""
    if isinstance(value, time):
        value = datetime.combine(date(1899, 12, 30), value)
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    tokens = DATE_TOKEN.findall(first_section(number_format))
    twelve_hour = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out = []
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in ("m", "mm") and _is_minute(tokens, i):
            out.append(f"{moment.minute:02d}" if low == "mm" else str(moment.minute))
        else:
            out.append(_date_part(token, low, moment, twelve_hour))
    return "".join(out)


def _date_part(token: str, low: str, moment: datetime, twelve_hour: bool) -> str:
    hour = (moment.hour % 12 or 12) if twelve_hour else moment.hour
    parts = {
        "yyyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}",
        "mmmmm": MONTHS[moment.month - 1][0], "mmmm": MONTHS[moment.month - 1],
        "mmm": MONTHS[moment.month - 1][:3], "mm": f"{moment.month:02d}", "m": str(moment.month),
        "dddd": DAYS[moment.weekday()], "ddd": DAYS[moment.weekday()][:3],
        "dd": f"{moment.day:02d}", "d": str(moment.day), "hh": f"{hour:02d}", "h": str(hour),
        "ss": f"{moment.second:02d}", "s": str(moment.second),
        "am/pm": "AM" if moment.hour < 12 else "PM", "a/p": "A" if moment.hour < 12 else "P",
    }
    if low in parts:
        return parts[low]
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("["):
        return ""  # locale and colour codes: "[$-809]", "[Red]"
    return token


def shown_text(value: object, number_format: str, is_date: bool) -> str:
    """The text a cell shows: strings as written, dates and numbers through their format."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, timedelta):
        return str(value)
    if is_date and isinstance(value, datetime | date | time):
        return date_text(value, number_format or "yyyy-mm-dd")
    if isinstance(value, bool | int | float):
        if number_format in ("@", "General", ""):
            return general(value)
        return number_text(value, number_format)
    return str(value)
