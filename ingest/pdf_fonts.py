"""Font metrics as pdfminer reads them, for the PDFium engine's character boxes.

A character's box in pdfplumber is its advance width wide (the font's /Widths) and one font
size high, standing on the font descriptor's /Descent. PDFium's boxes differ in two places:
where a descriptor gives no ascent or descent, PDFium takes them from the font program, and a
glyph that overhangs its advance ("f") widens PDFium's loose box. The PDFium engine takes those
two numbers from here instead: the page's font resources, parsed (not interpreted) by pdfminer,
each font built once per document. No content stream is read, so this costs little.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass
class Font:
    """What pdfminer knows of one font: its name, descent and widths (per unit of font size)."""

    name: str
    descent: float
    default_width: float
    widths: dict[str, float] = field(default_factory=dict)


def base_name(name: str) -> str:
    return SUBSET.sub("", name)


class FontMetrics:
    """The fonts of each page, keyed by base name (subset tag dropped), read page by page."""

    def __init__(self, data: bytes, password: str | None) -> None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self.document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
        self.manager = PDFResourceManager(caching=True)
        self.pages: Iterator[Any] = iter(PDFPage.create_pages(self.document))
        self.built: dict[int, Font] = {}
        self.by_resources: dict[int, tuple[Any, dict[str, list[Font]]]] = {}

    def next_page(self) -> dict[str, list[Font]]:
        """The fonts of the next page (pages are read in order), with its forms' fonts."""
        page = next(self.pages, None)
        if page is None:
            return {}
        known = self.by_resources.get(id(page.resources))
        if known is not None and known[0] is page.resources:  # pages sharing one /Resources
            return known[1]
        out: dict[str, list[Font]] = {}
        self.by_resources[id(page.resources)] = (page.resources, out)
        for names, font in self.fonts_of(page.resources, depth=0):
            for name in names:
                fonts = out.setdefault(name, [])
                if font not in fonts:
                    fonts.append(font)
        return out

    def fonts_of(self, resources: Any, depth: int) -> Iterator[tuple[set[str], Font]]:
        from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1, stream_value
        from pdfminer.psparser import literal_name

        resources = dict_value(resolve1(resources)) if resources else {}
        for spec in dict_value(resolve1(resources.get("Font") or {})).values():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            spec = dict_value(resolve1(spec))
            try:
                font = self.font(objid, spec)
            except Exception:  # noqa: BLE001 - a font pdfminer cannot build: PDFium's metrics stand
                continue
            yield spec_names(spec), font
        if depth >= 8:
            return
        for xobject in dict_value(resolve1(resources.get("XObject") or {})).values():
            try:
                stream = stream_value(resolve1(xobject))
            except Exception:  # noqa: BLE001
                continue
            if literal_name(stream.get("Subtype")) == "Form" and "Resources" in stream:
                yield from self.fonts_of(stream.get("Resources"), depth + 1)

    def font(self, objid: int | None, spec: dict[str, Any]) -> Font:
        made = self.manager.get_font(objid, spec)
        key = id(made)
        if key not in self.built:
            self.built[key] = font_of(made)
        return self.built[key]


def spec_names(spec: dict[str, Any]) -> set[str]:
    from pdfminer.pdftypes import dict_value, list_value, resolve1
    from pdfminer.psparser import literal_name

    names = {literal_name(spec.get("BaseFont", ""))}
    for child in list_value(resolve1(spec.get("DescendantFonts") or [])):
        names.add(literal_name(dict_value(resolve1(child)).get("BaseFont", "")))
    return {base_name(str(name)) for name in names if name}


def font_of(font: Any) -> Font:
    """pdfminer's font as widths by the text each code stands for."""
    name = font.fontname
    if isinstance(name, bytes):
        from pdfplumber.page import fix_fontname_bytes

        name = fix_fontname_bytes(name)
    widths: dict[str, float] = {}
    for code in list(font.widths)[:65536]:
        if not isinstance(code, int):
            continue
        try:
            text = font.to_unichr(code)
        except Exception:  # noqa: BLE001 - a code with no text: never met as a character
            continue
        widths.setdefault(text, font.char_width(code))
    return Font(name=str(name), descent=float(font.get_descent()),
                default_width=float(font.default_width) * float(font.hscale), widths=widths)
