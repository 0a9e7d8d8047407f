"""Minimal Word packages written in the test: the XML under test is spelled out in full."""

from __future__ import annotations

import zipfile
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def p(text: str = "", extra: str = "") -> str:
    return f'<w:p>{extra}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(body: str = "", span: int = 1, vmerge: str | None = None, fill: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if not body.startswith("<"):
        body = p(body)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def tr(*cells: str, header: bool = False) -> str:
    props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tbl(*rows: str, width: int) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(width))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def simple_table(header: list[str], *rows: list[str], header_flag: bool = True) -> str:
    return tbl(tr(*(tc(h) for h in header), header=header_flag),
               *(tr(*(tc(c) for c in row)) for row in rows), width=len(header))


def write_docx(path: Path, body: str, numbering: str | None = None, styles: str | None = None) -> Path:
    """A package as Word writes one: the document part, and the numbering and styles parts given
    (inner XML), each related to the document as Word relates them."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f"<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>")
    parts = {name: f"<w:{name} {W}>{xml}</w:{name}>"
             for name, xml in (("numbering", numbering), ("styles", styles)) if xml}
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/{name}" Target="{name}.xml"/>'
                   for i, name in enumerate(parts, start=1))
    types = "".join(f'<Override PartName="/word/{name}.xml" ContentType="{TYPE}.{name}+xml"/>'
                    for name in parts)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.replace("</Types>", types + "</Types>"))
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels",
                         f'<Relationships xmlns="{RELS_NS}">{rels}</Relationships>')
        for name, xml in parts.items():
            archive.writestr(f"word/{name}.xml", xml)
    return path
