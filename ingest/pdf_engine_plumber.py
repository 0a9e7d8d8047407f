"""The reference PDF engine: pdfplumber (pdfminer's interpreter) read into `PdfPage`s.

pdfplumber's objects are already the dicts the reader works on; this engine copies the lists a
page has and closes the pdfplumber page straight away, so its caches (layout, objects) go with
it and memory stays flat in page count. Slower than PDFium by an order of magnitude, and the
measure the PDFium engine is held to.
"""

from __future__ import annotations

import io
from typing import Any

from .errors import FileEncrypted, damaged_pdf
from .limits import Limits, check_pdf_pages
from .pdf_page import SIZE_DECIMALS, PdfPage


class PlumberEngine:
    def __init__(self, data: bytes, path: str, password: str | None) -> None:
        self.path = path
        self.pdf = open_plumber(data, path, password)

    def page_count(self, limits: Limits | None = None) -> int:
        check_pdf_pages(self.pdf, self.path, limits or Limits())
        return len(self.pdf.pages)

    def page(self, number: int) -> PdfPage:
        page = self.pdf.pages[number - 1]
        try:
            chars = page.chars
            for char in chars:
                char["size"] = round(char["size"], SIZE_DECIMALS)
            return PdfPage(number=number, width=float(page.width), height=float(page.height),
                           chars=chars, rects=page.rects, lines=page.lines, curves=page.curves,
                           images=page.images)
        finally:
            page.close()

    def close(self) -> None:
        self.pdf.close()


def open_plumber(data: bytes, path: str, password: str | None) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for broken files
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise FileEncrypted(encrypted_message(path, password)) from None
        raise damaged_pdf(path, data) from None


def encrypted_message(path: str, password: str | None) -> str:
    if password:
        return f"{path}: encrypted PDF, and the password given does not open it"
    return f"{path}: encrypted PDF: give its password with --password"
