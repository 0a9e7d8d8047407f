"""Which Office format a file is, by its parts rather than its name, and a clear refusal for the
ones not read: legacy binary files (.xls, .doc), OpenDocument, and password-protected packages.

A DOCX and an XLSX are both zip packages; the parts inside say which one it is. An encrypted
DOCX or XLSX, a legacy .xls and a legacy .doc are all OLE compound files; the names of their
streams (UTF-16 in the directory) say which.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import NoReturn

from .errors import FileEncrypted, FileUnreadable

XLSX_SUFFIXES = (".xlsx", ".xlsm")
TO_XLSX = "save it as .xlsx (Excel: File > Save As > Excel Workbook; or soffice --headless --convert-to xlsx)"
TO_DOCX = "save it as .docx (Word: File > Save As > Word Document; or soffice --headless --convert-to docx)"
#: suffixes of formats that are refused with the conversion to make
REFUSED = {".xls": f"a legacy Excel 97-2003 workbook (.xls) is not read: {TO_XLSX}",
           ".ods": f"an OpenDocument spreadsheet (.ods) is not read: {TO_XLSX}",
           ".odt": f"an OpenDocument text (.odt) is not read: {TO_DOCX}",
           ".doc": f"a legacy Word 97-2003 document (.doc) is not read: {TO_DOCX}"}


def _stream(name: str) -> bytes:
    return name.encode("utf-16-le")


def zip_format(data: bytes, path: str) -> str:
    """"docx" or "xlsx" for a zip package, by its parts; a package too broken to list goes to
    the reader its suffix names, which reports the damage."""
    import zipfile

    suffix = Path(path).suffix.lower()
    by_suffix = "xlsx" if suffix in XLSX_SUFFIXES else "docx"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, zlib.error):
        return by_suffix
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype:
        raise FileUnreadable(f"{path}: {REFUSED['.ods']}")
    if b"opendocument.text" in mimetype:
        raise FileUnreadable(f"{path}: {REFUSED['.odt']}")
    return by_suffix


def refuse_ole(data: bytes, path: str) -> NoReturn:
    """An OLE compound file: a password-protected DOCX/XLSX, or a legacy .xls or .doc."""
    if _stream("EncryptedPackage") in data:
        kind = "Excel workbook" if Path(path).suffix.lower() in XLSX_SUFFIXES else "Office document"
        raise FileEncrypted(f"{path}: a password-protected {kind}: remove the password "
                            "(File > Info > Protect, clear the password) and save it again")
    if _stream("Workbook") in data or _stream("Book") in data:
        raise FileUnreadable(f"{path}: {REFUSED['.xls']}")
    if _stream("WordDocument") in data:
        raise FileUnreadable(f"{path}: {REFUSED['.doc']}")
    raise FileEncrypted(f"{path}: an encrypted (password-protected) Office file or a legacy Office "
                        "format: remove the password, or save it as .docx or .xlsx")
