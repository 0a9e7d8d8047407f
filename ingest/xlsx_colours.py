"""Spreadsheet fill colours as "RRGGBB": direct, indexed, theme colours with tint, and the fills
conditional formatting gives a cell where the rule can be evaluated without a formula engine.

A RAG column is coloured in three ways in real trackers: a fill chosen from the palette (often
a theme colour lightened or darkened by a tint), a legacy indexed colour, or a conditional
format ("cell value equals "Red": red fill"). All three end as the cell's fill here.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable
from typing import Any

from lxml import etree
from openpyxl.styles.colors import COLOR_INDEX

DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: Excel's theme colour index -> the scheme slot (light 1 and dark 1 come first, swapped)
THEME_SLOTS = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5",
               "accent6", "hlink", "folHlink")
HEX = re.compile(r"^[0-9A-Fa-f]{6,8}$")
#: the Office theme's colours, for workbooks that carry no theme part
OFFICE_THEME = {"lt1": "FFFFFF", "dk1": "000000", "lt2": "E7E6E6", "dk2": "44546A",
                "accent1": "4472C4", "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000",
                "accent5": "5B9BD5", "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72"}


def theme_colours(theme_xml: bytes | str | None) -> list[str]:
    """The workbook theme's colours in Excel's theme-index order."""
    scheme = dict(OFFICE_THEME)
    if theme_xml:
        root = etree.fromstring(theme_xml.encode() if isinstance(theme_xml, str) else theme_xml)
        found = root.find(f".//{{{DRAWING}}}clrScheme")
        for slot in found if found is not None else []:
            name = etree.QName(slot).localname
            colour = slot.find(f"{{{DRAWING}}}srgbClr")
            system = slot.find(f"{{{DRAWING}}}sysClr")
            value = (colour.get("val") if colour is not None
                     else system.get("lastClr") if system is not None else None)
            if value and HEX.match(value):
                scheme[name] = value.upper()
    return [scheme[slot] for slot in THEME_SLOTS]


def tinted(hex_colour: str, tint: float) -> str:
    """Excel's tint: lightness scaled towards black (tint < 0) or towards white (tint > 0)."""
    if not tint:
        return hex_colour
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    return "".join(f"{round(v * 255):02X}" for v in colorsys.hls_to_rgb(hue, light, sat))


def colour_hex(colour: Any, theme: list[str]) -> str | None:
    """An openpyxl `Color` as "RRGGBB"; None for automatic or unknown colours."""
    if colour is None:
        return None
    kind, value = getattr(colour, "type", None), getattr(colour, "value", None)
    if kind == "rgb" and isinstance(value, str) and HEX.match(value):
        return value[-6:].upper()
    if kind == "indexed" and isinstance(value, int) and value < len(COLOR_INDEX) and value < 64:
        return COLOR_INDEX[value][-6:].upper()
    if kind == "theme" and isinstance(value, int) and value < len(theme):
        return tinted(theme[value], float(colour.tint or 0))
    return None


def fill_hex(fill: Any, theme: list[str], differential: bool = False) -> str | None:
    """A cell's solid fill colour. In conditional formats (`differential`) Excel keeps a solid
    fill's colour in `bgColor`."""
    if fill is None or (not differential and getattr(fill, "fill_type", None) in (None, "none")):
        return None
    colours = (fill.bgColor, fill.fgColor) if differential else (fill.fgColor,)
    for colour in colours:
        found = colour_hex(colour, theme)
        if found:
            return found
    return None


def _literal(formula: str) -> str | float | None:
    """A rule's operand when it is a constant ("\"Red\"", "3"); None for a real formula."""
    text = formula.strip().lstrip("=")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    try:
        return float(text)
    except ValueError:
        return None


def _compare(value: object, operator: str, operands: list[str | float | None]) -> bool:
    if not operands or any(o is None for o in operands):
        return False
    left: str | float
    if isinstance(value, int | float) and not isinstance(value, bool):
        left = float(value)
    else:
        left = "" if value is None else str(value)
    if isinstance(left, str) != isinstance(operands[0], str):
        return operator == "notEqual"
    if isinstance(left, str):
        left = left.lower()
        operands = [str(o).lower() for o in operands]
    checks = {
        "equal": lambda a, b: a == b, "notEqual": lambda a, b: a != b,
        "greaterThan": lambda a, b: a > b, "lessThan": lambda a, b: a < b,
        "greaterThanOrEqual": lambda a, b: a >= b, "lessThanOrEqual": lambda a, b: a <= b,
    }
    if operator in checks:
        return bool(checks[operator](left, operands[0]))
    if operator in ("between", "notBetween") and len(operands) == 2:
        inside = bool(operands[0] <= left <= operands[1])  # type: ignore[operator]
        return inside == (operator == "between")
    return False


def rule_matches(rule: Any, value: object) -> bool:
    """Whether a conditional-format rule holds for a cell value; rules that need a formula
    engine (expressions, colour scales, top-10) are never taken to hold."""
    text = "" if value is None else str(value).lower()
    needle = (rule.text or "").lower()
    if rule.type == "cellIs":
        return _compare(value, rule.operator or "", [_literal(f) for f in rule.formula or []])
    if rule.type == "containsText":
        return bool(needle) and needle in text
    if rule.type == "notContainsText":
        return bool(needle) and needle not in text
    if rule.type == "beginsWith":
        return bool(needle) and text.startswith(needle)
    if rule.type == "endsWith":
        return bool(needle) and text.endswith(needle)
    if rule.type == "containsBlanks":
        return not text.strip()
    if rule.type == "notContainsBlanks":
        return bool(text.strip())
    return False


def conditional_fill(rules: Iterable[Any], value: object, theme: list[str]) -> str | None:
    """The fill of the first rule (by priority) that holds for `value` and sets a fill."""
    for rule in sorted(rules, key=lambda r: r.priority or 0):
        fill = rule.dxf.fill if rule.dxf is not None else None
        colour = fill_hex(fill, theme, differential=True) if fill is not None else None
        if colour and rule_matches(rule, value):
            return colour
        if rule.stopIfTrue and rule_matches(rule, value):
            return None
    return None
