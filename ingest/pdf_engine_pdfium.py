"""The fast PDF engine: PDFium (pypdfium2) read into the same `PdfPage`s as pdfplumber gives.

PDFium parses a page in C; only the objects the reader uses are brought into Python: each
character with its box, font and size, and each path split into pdfplumber's lines, rects and
curves with its stroke and fill. The aim is the reference engine's page exactly, so the records
are the same whichever engine read the file:
- coordinates as pdfplumber has them: pdfminer's page matrix (rotation, MediaBox origin), then
  `top` measured from the top of the MediaBox;
- a character's box as pdfminer makes it: its advance wide, one font size high, standing on the
  font descriptor's descent (`pdf_fonts`), not PDFium's glyph or loose boxes;
- characters PDFium makes up (the spaces and line breaks it infers) are left out; text drawn
  in content order, forms' contents where the form is drawn;
- paths split at each move, as pdfminer does, then a two-point path is a line, a closed
  axis-aligned four-sided one a rect, anything else a curve.
Colours come as PDFium converts them to RGB; pdfplumber keeps the colour space's own values,
which the reader converts to RGB the same way for grey and RGB (CMYK may differ slightly).

Known differences, where PDFium's text page hides what pdfminer sees: spaces it judges
redundant (a run of spaces under other text, the space after a line-end hyphen) are not on it;
a glyph with no or a broken ToUnicode entry may get other text than pdfminer's; inside one text
object PDFium's glyph advances can differ from the font's /W widths by a fraction of a point
(seen on bold Chromium text). The agreement tests list the documents where this shows.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any, NamedTuple

from .errors import FileEncrypted, damaged_pdf
from .limits import LimitExceeded, Limits
from .pdf_engine_plumber import encrypted_message
from .pdf_fonts import SUBSET, Font, FontMetrics, base_name
from .pdf_page import SIZE_DECIMALS, Obj, PdfPage

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TEXT, PATH, IMAGE, FORM = 1, 2, 3, 5
LINETO, BEZIERTO, MOVETO = 0, 1, 2
PASSWORD_ERROR = 4
CR, LF, SPACE = 13, 10, 32
HYPHEN = 2  # PDFium's code for a hyphen it judged to end a line: the text has "-"
MAX_FORM_DEPTH = 16
#: letters PDFium gives for one glyph -> the ligature a font may map that glyph to
LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04",
             "st": "\ufb06"}


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, as pdfminer's mult_matrix."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def address(pointer: Any) -> int:
    """A PDFium handle's address: ctypes pointers compare by identity, not by what they hold."""
    return ctypes.c_void_p.from_buffer(pointer).value or 0  # a pointer's buffer is its address


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


class PageSpace:
    """pdfminer's page matrix for a MediaBox and rotation, and pdfplumber's flip to `top`."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        self.ctm: Matrix = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                            270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
        box = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        self.width = box[2] - box[0]
        self.height = box[3] - box[1]
        self.left = box[0]
        self.top = self.height - box[3]

    def box(self, points: list[tuple[float, float]]) -> Obj:
        """The box around points given in pdfminer's space, with pdfplumber's keys."""
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if self.left != 0:
            x0, x1 = x0 + self.left, x1 + self.left
        top = self.height - y1 + self.top
        bottom = self.height - y0 + self.top
        return {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "top": top, "bottom": bottom,
                "doctop": top, "width": x1 - x0, "height": y1 - y0}

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x + self.left, self.height - y + self.top


class PdfiumEngine:
    def __init__(self, data: bytes, path: str, password: str | None) -> None:
        import pypdfium2 as pdfium

        self.path = path
        self.data = data
        self.password = password
        try:
            self.pdf = pdfium.PdfDocument(data, password=password or None)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == PASSWORD_ERROR:
                raise FileEncrypted(encrypted_message(path, password)) from None
            raise damaged_pdf(path, data) from None
        self.fonts: FontMetrics | None = None

    def page_count(self, limits: Limits | None = None) -> int:
        limits = limits or Limits()
        count = len(self.pdf)
        if count > limits.pdf_pages:
            raise LimitExceeded(self.path, "a PDF of more pages", "pdf_pages", limits.pdf_pages)
        return count

    def page(self, number: int) -> PdfPage:
        """Page `number` (pages are asked for in order, each once)."""
        if self.fonts is None:
            self.fonts = FontMetrics(self.data, self.password)
        fonts = self.fonts.next_page()
        page = self.pdf[number - 1]
        try:
            return read_page(page, number, fonts)
        finally:
            page.close()

    def close(self) -> None:
        self.pdf.close()


def read_page(page: Any, number: int, fonts: dict[str, list[Font]]) -> PdfPage:
    import pypdfium2.raw as raw

    mediabox = page.get_mediabox()
    space = PageSpace(mediabox, page.get_rotation())
    out = PdfPage(number=number, width=space.width, height=space.height)
    texts = read_objects(page.raw, space, out)
    textpage = raw.FPDFText_LoadPage(page.raw)
    try:
        out.chars = read_chars(textpage, space, fonts, texts)
    finally:
        raw.FPDFText_ClosePage(textpage)
    return out


def fast(name: str, restype: Any, *argtypes: Any) -> Any:
    """A PDFium function called with plain addresses and numbers: pypdfium2's typed handles
    cost more per call than the call itself, and a page makes one call per character."""
    import pypdfium2.raw as raw

    return ctypes.CFUNCTYPE(restype, *argtypes)(address(getattr(raw, name)))


#: a page's glyphs as columns: each one's first index on the text page, its text, x and y
Glyphs = tuple[list[int], list[str], list[float], list[float]]


@functools.cache
def text_calls() -> tuple[Any, Any, Any, Any]:
    """The per-character PDFium calls, on plain addresses (made once)."""
    void, number = ctypes.c_void_p, ctypes.c_int
    return (fast("FPDFText_IsGenerated", number, void, number),
            fast("FPDFText_GetUnicode", ctypes.c_uint, void, number),
            fast("FPDFText_GetTextObject", void, void, number),
            fast("FPDFText_GetCharOrigin", number, void, number, void, void))


#: per text object: its font's name and metrics, its font size and its matrix
Facts = tuple[str, float, "Font | None", float, float, float, float, bool]


class CharReader:
    """Per-text-object facts (font, size, descent, matrix) looked up once, not per character."""

    def __init__(self, textpage: Any, space: PageSpace, fonts: dict[str, list[Font]]) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.textpage = textpage
        self.space = space
        self.fonts = fonts
        self.objects: dict[int, Facts] = {}
        self.names: dict[int, str] = {}
        self.tagged: set[str] = set()
        #: text object -> its font's handle; (font, size, matrix, text) -> advance width
        self.font_handles: dict[int, int] = {}
        self.advances: dict[tuple[int | None, float, float, float, float, float, str], float] = {}
        self.plain = space.ctm[:4] == (1, 0, 0, 1)

    def object_facts(self, key: int, index: int) -> Facts:
        """The facts of the text object that draws character `index` of the text page."""
        facts = self.objects.get(key)
        if facts is None:
            matrix = self.raw.FS_MATRIX()
            self.raw.FPDFText_GetMatrix(self.textpage, index, matrix)
            facts = self.note_object(key, self.raw.FPDFText_GetTextObject(self.textpage, index),
                                     (matrix.a, matrix.b, matrix.c, matrix.d))
        return facts

    def note_object(self, key: int, obj: Any, m: tuple[float, float, float, float]) -> Facts:
        """A text object's facts, from its font and size and the first four numbers of its
        matrix, kept for the object's other characters."""
        size = ctypes.c_float()
        self.raw.FPDFTextObj_GetFontSize(obj, size)
        handle = self.raw.FPDFTextObj_GetFont(obj)
        self.font_handles[key] = address(handle)
        name, font = self.font_of(handle)
        a, b, c, d = m
        pa, pb, pc, pd, _, _ = multiply((a, b, c, d, 0.0, 0.0), self.space.ctm)  # as on the page
        facts = self.objects[key] = (name, float(size.value), font, a, b, c, d,
                                     pa * pd > 0 and pb * pc <= 0)
        return facts

    def pdfium_name(self, handle: Any) -> str:
        """The base font name PDFium gives a font (with its subset tag, or without it)."""
        key = address(handle)
        name = self.names.get(key)
        if name is None:
            raw = self.raw
            length = raw.FPDFFont_GetBaseFontName(handle, None, 0)
            buffer = ctypes.create_string_buffer(max(length, 1))
            raw.FPDFFont_GetBaseFontName(handle, buffer, length)
            name = self.names[key] = buffer.value.decode("latin-1")
        return name

    def note_tagged(self, texts: list[TextObject]) -> None:
        """The fonts PDFium names with their subset tag on this page, for `match_font`."""
        get_font = self.raw.FPDFTextObj_GetFont
        self.tagged = {name for _, handle, _ in texts
                       if SUBSET.match(name := self.pdfium_name(get_font(handle)))}

    def font_of(self, handle: Any) -> tuple[str, Font | None]:
        name = self.pdfium_name(handle)
        font = match_font(name, self.fonts.get(base_name(name), []), self.tagged)
        return (font.name, font) if font is not None else (name, None)

    def space_char(self, key: int, handle: Any, m: Matrix) -> Obj:
        """The space a blank text object draws, at the object's origin."""
        if key not in self.objects:
            self.note_object(key, handle, m[:4])
        return self.char(key, -1, " ", m[4], m[5])

    def advance(self, key: int, index: int, text: str, facts: Facts) -> float:
        """The advance width in text space of a character the font's /Widths do not give."""
        _name, size, font, a, _b, _c, _d, upright = facts
        if index < 0:
            return font.default_width * size if font is not None else 0.25 * size
        if not upright:
            return size * 0.5
        # a glyph's advance is the same wherever one font draws it at one size and matrix
        glyph = (self.font_handles.get(key), size, a, facts[4], facts[5], facts[6], text)
        known = self.advances.get(glyph)
        if known is None:
            loose = self.raw.FS_RECTF()
            self.raw.FPDFText_GetLooseCharBox(self.textpage, index, loose)
            known = self.advances[glyph] = (loose.right - loose.left) / (a if abs(a) > 1e-9 else 1.0)
        return known

    def chars_of(self, key: int, glyphs: Glyphs, at: list[int]) -> list[Obj]:
        """The characters one text object draws (its glyphs at `at`), as `char` makes them; for
        upright text on an upright page, with the object's facts looked up once for all."""
        firsts, letters, xs, ys = glyphs
        facts = self.objects.get(key) or self.object_facts(key, firsts[at[0]])
        name, size, font, a, b, c, d, _upright = facts
        if font is None or not (self.plain and b == 0 and c == 0 and a > 0 and d > 0):
            return [self.char(key, firsts[n], letters[n], xs[n], ys[n]) for n in at]
        widths, descent = font.widths, font.descent * size
        low, high = d * descent, d * (descent + size)  # the box's bottom and top above the origin
        space = self.space
        e, f, left, height, top = space.ctm[4], space.ctm[5], space.left, space.height, space.top
        chars = []
        line = None  # the baseline of the last character, and its box's top, bottom and size
        for n in at:
            index, text, x, y = firsts[n], letters[n], xs[n], ys[n]
            if len(text) > 1 and text not in widths:
                text = LIGATURES.get(text, text)
            width = widths.get(text)
            advance = width * size if width is not None else self.advance(key, index, text, facts)
            x0, x1 = x - e, x + a * advance - e
            if left != 0:
                x0, x1 = x0 + left, x1 + left
            if line is None or line[0] != y:  # most characters share their neighbour's baseline
                y0, y1 = y + low - f, y + high - f
                line = (y, height - y1 + top, height - y0 + top, round(y1 - y0, SIZE_DECIMALS))
            _, char_top, char_bottom, char_size = line
            chars.append({"text": text, "fontname": name, "size": char_size, "upright": True,
                          "x0": x0, "x1": x1, "top": char_top, "doctop": char_top,
                          "bottom": char_bottom})
        return chars

    def char(self, key: int, index: int, text: str, x: float, y: float) -> Obj:
        """One character as pdfminer boxes it: advance by font size, on the font's descent."""
        facts = self.objects.get(key) or self.object_facts(key, index)
        name, size, font, a, b, c, d, upright = facts
        if len(text) > 1 and font is not None and text not in font.widths:
            text = LIGATURES.get(text, text)  # the font maps the glyph to one letter, "ﬁ"
        width = font.widths.get(text) if font is not None else None
        advance = width * size if width is not None else self.advance(key, index, text, facts)
        descent = font.descent * size if font is not None else 0.0
        space = self.space
        if self.plain and b == 0 and c == 0 and a > 0 and d > 0:  # upright text on an upright page
            e, f = space.ctm[4], space.ctm[5]
            x0, x1 = x - e, x + a * advance - e
            y0, y1 = y + d * descent - f, y + d * (descent + size) - f
            if space.left != 0:
                x0, x1 = x0 + space.left, x1 + space.left
            top = space.height - y1 + space.top
            return {"text": text, "fontname": name, "size": round(y1 - y0, SIZE_DECIMALS),
                    "upright": True, "x0": x0, "x1": x1, "top": top, "doctop": top,
                    "bottom": space.height - y0 + space.top}
        matrix = (a, b, c, d, x, y)
        low, high = descent, descent + size
        corners = [apply(space.ctm, *apply(matrix, px, py))
                   for px, py in ((0.0, low), (advance, low), (0.0, high), (advance, high))]
        char = space.box(corners)
        char.update({"text": text, "fontname": name, "upright": upright,
                     "size": round(char["height"] if upright else char["width"], SIZE_DECIMALS)})
        return char


def match_font(name: str, candidates: list[Font], tagged: set[str]) -> Font | None:
    """The font pdfminer read that PDFium's font named `name` is. Subsets of one font share a
    base name but not their widths: the one of the same subset-tagged name; else (PDFium drops
    some fonts' tags) one that no font on the page claims by its tag; of several, the first in
    the page's resources: a fixed choice, never one that turns on where fonts lie in memory."""
    exact = [font for font in candidates if font.name == name]
    free = [font for font in candidates if font.name not in tagged]
    return next(iter(exact or free or candidates), None)


def read_chars(textpage: Any, space: PageSpace, fonts: dict[str, list[Font]],
               texts: list[TextObject]) -> list[Obj]:
    """The page's characters in content order. PDFium gives a glyph whose text is several
    letters (a ligature, "fi") as that many characters at one origin; pdfminer as one. A text
    object that draws only a space glyph is left off PDFium's text page (Chromium writes each
    glyph as an object of its own): it comes back here as the space pdfminer sees."""
    import pypdfium2.raw as raw

    reader = CharReader(textpage, space, fonts)
    reader.note_tagged(texts)
    page = address(textpage)
    count = raw.FPDFText_CountChars(textpage)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    x_at, y_at = ctypes.byref(ox), ctypes.byref(oy)
    is_generated, get_unicode, get_object, get_origin = text_calls()
    # the glyphs as columns, [text object, first index, text, x, y]: numbers and strings in
    # lists, not a list per glyph, which the garbage collector would go over again and again
    objects: list[int] = []
    firsts: list[int] = []
    letters: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    last_x = last_y = last_obj = None
    for i in range(count):
        obj = get_object(page, i)
        if not obj:  # most of PDFium's own spaces and line breaks have no object
            continue
        code = get_unicode(page, i)
        if code in (CR, LF) or (code == SPACE and is_generated(page, i) == 1):
            continue  # a line break, or a space PDFium made up: it makes no others
        text = "-" if code == HYPHEN else chr(code) if code < 0x110000 else "\ufffd"
        get_origin(page, i, x_at, y_at)
        x, y = ox.value, oy.value
        if x == last_x and y == last_y and obj == last_obj:
            letters[-1] += text
            continue
        last_x, last_y, last_obj = x, y, obj
        objects.append(obj)
        firsts.append(i)
        letters.append(text)
        xs.append(x)
        ys.append(y)
    by_object: dict[int, list[int]] = {}
    for n, obj in enumerate(objects):
        by_object.setdefault(obj, []).append(n)
    glyphs = (firsts, letters, xs, ys)
    chars: list[Obj] = []
    for key, handle, matrix in texts:
        if key in by_object:
            chars += reader.chars_of(key, glyphs, by_object.pop(key))
        elif blank(handle):
            chars.append(reader.space_char(key, handle, matrix))
    for key, rest in by_object.items():  # text PDFium found outside the page's objects (none known)
        chars += reader.chars_of(key, glyphs, rest)
    return chars


def blank(handle: Any) -> bool:
    """A text object whose glyphs cover nothing: a space."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return False
    return abs(right.value - left.value) < 1e-3


#: a text object in drawing order: its address, its handle and its matrix on the page
TextObject = tuple[int, Any, Matrix]


def read_objects(page: Any, space: PageSpace, out: PdfPage) -> list[TextObject]:
    """The page's paths and images into `out`; its text objects, in drawing order."""
    import pypdfium2.raw as raw

    texts: list[TextObject] = []
    walk([raw.FPDFPage_GetObject(page, i) for i in range(raw.FPDFPage_CountObjects(page))],
         IDENTITY, space, out, 0, texts, Scratch())
    return texts


def walk(objects: list[Any], outer: Matrix, space: PageSpace, out: PdfPage, depth: int,
         texts: list[TextObject], scratch: Scratch) -> None:
    import pypdfium2.raw as raw

    calls = object_calls()
    matrix = scratch.matrix
    matrix_at = ctypes.byref(matrix)
    for obj in objects:
        handle = address(obj)
        kind = calls.get_type(handle)
        if kind not in (TEXT, PATH, IMAGE, FORM):
            continue
        calls.get_matrix(handle, matrix_at)
        m = multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == TEXT:
            texts.append((handle, obj, m))
        elif kind == PATH:
            read_path(handle, m, space, out, scratch)
        elif kind == IMAGE:
            out.images.append({"object_type": "image"})
        elif depth < MAX_FORM_DEPTH:
            walk([raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))],
                 m, space, out, depth + 1, texts, scratch)


class ObjectCalls(NamedTuple):
    """The PDFium calls made per page object and per path segment, on plain addresses."""

    get_type: Any
    get_matrix: Any
    draw_mode: Any
    count: Any
    segment: Any
    segment_type: Any
    point: Any
    closes: Any
    stroke_width: Any
    stroke_colour: Any
    fill_colour: Any


@functools.cache
def object_calls() -> ObjectCalls:
    """`ObjectCalls`, made once."""
    void, number = ctypes.c_void_p, ctypes.c_int
    signatures = {
        "FPDFPageObj_GetType": (number, void), "FPDFPageObj_GetMatrix": (number, void, void),
        "FPDFPath_GetDrawMode": (number, void, void, void), "FPDFPath_CountSegments": (number, void),
        "FPDFPath_GetPathSegment": (void, void, number), "FPDFPathSegment_GetType": (number, void),
        "FPDFPathSegment_GetPoint": (number, void, void, void), "FPDFPathSegment_GetClose": (number, void),
        "FPDFPageObj_GetStrokeWidth": (number, void, void),
        "FPDFPageObj_GetStrokeColor": (number, void, void, void, void, void),
        "FPDFPageObj_GetFillColor": (number, void, void, void, void, void)}
    return ObjectCalls(*(fast(name, *types) for name, types in signatures.items()))


class Scratch:
    """The numbers PDFium's calls write into: one set per page read, so that pages read at once
    in threads never share them."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.x, self.y, self.width = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        self.matrix = raw.FS_MATRIX()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.rgba_at = [ctypes.byref(c) for c in self.rgba]

    def colour(self, getter: Any, handle: int) -> tuple[float, ...]:
        r, g, b, _ = self.rgba
        if not getter(handle, *self.rgba_at):
            return (0.0,)
        values = (r.value / 255, g.value / 255, b.value / 255)
        return (values[0],) if values[0] == values[1] == values[2] else values


def read_path(handle: int, m: Matrix, space: PageSpace, out: PdfPage, scratch: Scratch) -> None:
    calls = object_calls()
    fill_mode, stroke, x, y = scratch.fill_mode, scratch.stroke, scratch.x, scratch.y
    fill_mode.value = stroke.value = 0  # as fresh numbers would be, where a call fails
    x.value = y.value = scratch.width.value = 0.0
    calls.draw_mode(handle, ctypes.byref(fill_mode), ctypes.byref(stroke))
    if not fill_mode.value and not stroke.value:
        return
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    get_segment, get_type, get_point, get_close = calls.segment, calls.segment_type, calls.point, calls.closes
    subpaths: list[list[tuple[str, tuple[float, float]]]] = []
    start: tuple[float, float] | None = None
    count = calls.count(handle)
    i = 0
    while i < count:
        segment = get_segment(handle, i)
        kind = get_type(segment)
        if kind == BEZIERTO:
            i += 2
            segment = get_segment(handle, min(i, count - 1))
        get_point(segment, x_at, y_at)
        point = apply(space.ctm, *apply(m, x.value, y.value))
        if kind == MOVETO:
            subpaths.append([("m", point)])
            start = point
        elif subpaths and start is not None:
            subpaths[-1].append(("c" if kind == BEZIERTO else "l", point))
            if get_close(segment):
                subpaths[-1].append(("h", start))
        i += 1
    calls.stroke_width(handle, ctypes.byref(scratch.width))
    style = {"stroke": bool(stroke.value), "fill": bool(fill_mode.value),
             "evenodd": fill_mode.value == 1, "linewidth": float(scratch.width.value),
             "stroking_color": scratch.colour(calls.stroke_colour, handle),
             "non_stroking_color": scratch.colour(calls.fill_colour, handle)}
    for subpath in subpaths:
        shape_of(subpath, style, space, out)


def shape_of(subpath: list[tuple[str, tuple[float, float]]], style: Obj, space: PageSpace,
             out: PdfPage) -> None:
    """One subpath as pdfminer classes it: a line, a rect or a curve."""
    shape = "".join(op for op, _ in subpath)
    pts = [p for _, p in subpath]
    if len(shape) < 2:
        return
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        obj = space.box(pts[:2])
        obj.update(style, object_type="line", pts=[space.point(*p) for p in pts[:2]])
        out.lines.append(obj)
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            obj = space.box([pts[0], pts[2]])
            obj.update(style, object_type="rect",
                       pts=[space.point(*p) for p in ((x0, y0), (x2, y0), (x2, y2), (x0, y2))])
            out.rects.append(obj)
            return
    obj = space.box(pts)
    obj.update(style, object_type="curve", pts=[space.point(*p) for p in pts])
    out.curves.append(obj)
