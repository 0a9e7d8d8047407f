"""Why a file could not be read. Each error is also the matching builtin, so callers may catch either."""


class IngestError(Exception):
    """A file that cannot be processed; the message is one line that says why."""


class FileUnreadable(IngestError, OSError):
    """Missing, empty, unreadable or of an unknown format."""


class FileCorrupt(IngestError, ValueError):
    """The bytes are not a valid document of the format they claim."""


class FileEncrypted(IngestError, PermissionError):
    """Password-protected; for PDFs a `password` may open it."""


class NoTableFound(IngestError, LookupError):
    """The document has no table at all."""


def damaged_pdf(path: str, data: bytes, detail: str = "") -> FileCorrupt:
    """A PDF that cannot be read, in its reader's words rather than a PDF library's exception
    names: cut short (no end-of-file marker near its end: a copy or download that stopped),
    else damaged. `detail` is what failed, where the library's own words say something."""
    if b"%%EOF" not in data[-2048:]:
        return FileCorrupt(f"{path}: truncated PDF: it stops before its end (a copy or download cut short?)")
    return FileCorrupt(f"{path}: corrupt PDF: its structure cannot be read"
                       + (f" ({detail})" if detail else ""))
