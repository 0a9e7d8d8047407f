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
