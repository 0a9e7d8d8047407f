"""An Excel package checked before openpyxl opens it: openpyxl parses every part whole and makes
an object for every cell (and for every cell a merged range covers), so what a file may cost is
bounded here first, from the zip's declared sizes and a bounded read of the parts' XML."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl.utils import range_boundaries

from .errors import FileCorrupt, FileUnreadable
from .limits import Limits, check_zip

#: cells (with a value or a style) one workbook may store: openpyxl holds every one in memory
MAX_WORKBOOK_CELLS = 500_000
#: bytes of a part inflated at a time while its cells are counted
CHUNK = 1024 * 1024
#: a stored cell's tag, or a merged range's reference
CELL_OR_MERGE = re.compile(rb'<(?:x:)?c[ >]|'
                           rb'<(?:x:)?mergeCell\s+ref="(?P<merge>[A-Z]{1,3}\d{1,7}:[A-Z]{1,3}\d{1,7})"')
#: bytes kept from one read to the next, longer than any match
TAIL = 64


def check_archive(data: bytes, path: str, limits: Limits) -> None:
    """The package's declared sizes, checked before openpyxl inflates any part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, path, limits)
    except zipfile.BadZipFile:
        raise FileCorrupt(f"{path}: not an Excel workbook (corrupt or truncated zip file)") from None


def check_parts(data: bytes, path: str) -> None:
    """Before openpyxl parses anything: no part declares a DOCTYPE (Office never writes one;
    entity declarations are how XML bombs and external entities get in), and the workbook holds
    at most `MAX_WORKBOOK_CELLS` cells, counting the cells stored and every cell a merged range
    covers (openpyxl makes an object for each, so "A1:XFD1048576" in a few bytes would be
    seventeen billion). Parts are read in bounded steps; the zip's sizes are already checked."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels", ".vml")):
                continue
            sheet = name.startswith("xl/worksheets/")
            with archive.open(name) as part:
                tail = b""  # the last bytes read: a tag cut between two reads is seen once
                while chunk := part.read(CHUNK):
                    text = tail + chunk
                    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
                        raise FileCorrupt(f"{path}: part {name} declares a DOCTYPE "
                                          "(entities are never read)")
                    if sheet:
                        total += sum(cells_in(m) for m in CELL_OR_MERGE.finditer(text)
                                     if m.end() > len(tail))
                    tail = text[-TAIL:]
                    if total > MAX_WORKBOOK_CELLS:
                        raise FileUnreadable(
                            f"{path}: a workbook of more than {MAX_WORKBOOK_CELLS:,} cells (merged "
                            "ranges included) is not read: save the plan's own sheets on their own")


def cells_in(match: re.Match[bytes]) -> int:
    """1 for a stored cell; the cells a merged range covers."""
    if not match["merge"]:
        return 1
    low_col, low_row, high_col, high_row = range_boundaries(match["merge"].decode("ascii"))
    return (abs(high_row - low_row) + 1) * (abs(high_col - low_col) + 1)


def has_formulas(data: bytes) -> bool:
    """Whether any worksheet stores a formula (`<f>`), so the formulas must be looked at too."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                part = archive.read(name)
                if b"<f>" in part or b"<f " in part or b"<x:f" in part:
                    return True
    return False
