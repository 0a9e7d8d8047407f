"""PDF documents (placeholder replaced by the PDF reader)."""

from typing import Any

from .errors import FileUnreadable
from .model import Document


def read_pdf(data: bytes, path: str, sha256: str, options: Any) -> Document:
    raise FileUnreadable(f"{path}: PDF documents are not supported yet")
