"""The layouts' fonts for reportlab: the TTFs under /usr/share/fonts, registered once, or Helvetica.

Widths come from the same metrics the reportlab renderer draws with, so a column is never
narrower than its longest word; LibreOffice and Chromium use the same font files.
"""

from __future__ import annotations

from functools import cache

from layout_model import FALLBACK_FONT, FONT_DIR, FONT_FILES
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


def available(family: str) -> bool:
    files = FONT_FILES.get(family)
    return bool(files) and all((FONT_DIR / f).is_file() for f in files)  # type: ignore[union-attr]


@cache
def font_names(family: str) -> tuple[str, str]:
    """reportlab names of (regular, bold) for a family, registering its TTFs on first use."""
    if family == FALLBACK_FONT or not available(family):
        return "Helvetica", "Helvetica-Bold"
    regular, bold = (family.replace(" ", ""), family.replace(" ", "") + "-Bold")
    for name, file in zip((regular, bold), FONT_FILES[family], strict=True):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    return regular, bold


def text_width(text: str, family: str, size: float, bold: bool = False) -> float:
    regular, heavy = font_names(family)
    return float(pdfmetrics.stringWidth(text, heavy if bold else regular, size))


def wrap(text: str, family: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Lines as a word processor breaks them: at line breaks in the text, then greedily at spaces,
    a word never split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and text_width(candidate, family, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
    return lines
