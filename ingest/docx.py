"""Word documents (placeholder replaced by the DOCX reader)."""

from .errors import FileUnreadable
from .model import Document


def read_docx(data: bytes, path: str, sha256: str) -> Document:
    raise FileUnreadable(f"{path}: Word documents are not supported yet")
