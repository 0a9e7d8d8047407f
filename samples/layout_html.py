"""A generated plan as an HTML page, for headless Chromium to print to PDF.

The layout options are CSS: `border-collapse` and borders per ruling, cell padding, row spacing
as extra bottom padding, zebra stripes by `tr:nth-child`, the header in a `thead` (which the
browser repeats on every printed page) or in the body when it is not repeated, `rowspan` and
`colspan`, and the running header and footer in `@page` margin boxes.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from layout_model import Cell, GeneratedPlan, LayoutSpec

RULE = "0.6pt solid #000"


def _rules(spec: LayoutSpec) -> str:
    if spec.ruling == "grid":
        return f"table {{ border: {RULE}; }} th, td {{ border: {RULE}; }}"
    if spec.ruling == "hrules":
        return f"table {{ border-top: {RULE}; border-bottom: {RULE}; }} th, td {{ border-top: {RULE}; }}"
    if spec.ruling == "box":
        return f"table {{ border: {RULE}; }}"
    if spec.ruling == "underline":
        return f".last-head {{ border-bottom: {RULE}; }}"
    return ""


def _style(plan: GeneratedPlan) -> str:
    spec = plan.spec
    title = plan.title.replace("\\", "\\\\").replace('"', '\\"')
    box = f'font-family: "{spec.font}"; font-size: 7pt;'
    running = (f'@top-left {{ content: "{title}"; {box} }} '
               f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} }}'
               if spec.running else "")
    zebra = f"tbody.body tr:nth-child(even) {{ background: #{spec.zebra}; }}" if spec.zebra else ""
    header_fill = f"th {{ background: #{spec.header_fill}; }}" if spec.header_fill else ""
    return f"""
@page {{ size: A4 {'landscape' if spec.landscape else 'portrait'}; margin: {spec.margin}pt; {running} }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: "{spec.font}"; font-size: {spec.size}pt; line-height: {spec.leading}pt; }}
h1 {{ font-size: {spec.size + 4}pt; line-height: 1.2; margin: 0 0 {spec.size}pt 0; }}
table {{ border-collapse: collapse; table-layout: fixed; width: {sum(spec.widths):.2f}pt; }}
th, td {{ padding: {spec.padding}pt; vertical-align: top; text-align: left; overflow-wrap: normal; }}
th {{ font-weight: bold; }}
tbody.body td {{ padding-bottom: {spec.padding + spec.row_gap}pt; }}
{header_fill}
{zebra}
{_rules(spec)}
"""


def _cell(tag: str, cell: Cell, last_head: bool = False) -> str:
    attributes = []
    if cell.rowspan > 1:
        attributes.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    styles = [f"background: #{cell.fill}"] if cell.fill else []
    if cell.bold and tag == "td":
        styles.append("font-weight: bold")
    if styles:
        attributes.append(f'style="{"; ".join(styles)}"')
    if last_head:
        attributes.append('class="last-head"')
    text = "<br>".join(html.escape(line) for line in cell.text.split("\n"))
    return f"<{tag}{' ' if attributes else ''}{' '.join(attributes)}>{text}</{tag}>"


def _header(plan: GeneratedPlan) -> str:
    rows = []
    count = len(plan.header_rows)
    for r, cells in enumerate(plan.header_rows):
        rendered = [_cell("th", c, last_head=r + c.rowspan == count) for c in cells if not c.covered]
        rows.append(f"<tr>{''.join(rendered)}</tr>")
    return "\n".join(rows)


def _body(plan: GeneratedPlan) -> str:
    rows = []
    for row in plan.body:
        cells = "".join(_cell("td", c) for c in row.cells if not c.covered)
        # zebra stripes come from the style sheet; a section row has its own fill or none
        fill = f"#{row.fill}" if row.fill and row.section else None
        if row.section and not fill and plan.spec.zebra:
            fill = "transparent"
        style = f' style="background: {fill}"' if fill else ""
        rows.append(f"<tr{style}>{cells}</tr>")
    return "\n".join(rows)


def render_html(plan: GeneratedPlan, path: str | Path) -> None:
    """Write the plan as one self-contained HTML page laid out by CSS for printing."""
    spec = plan.spec
    columns = "".join(f'<col style="width: {w:.2f}pt">' for w in spec.widths)
    head = _header(plan)
    header = f"<thead>{head}</thead>" if spec.header_repeat else f'<tbody class="head">{head}</tbody>'
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(plan.title)}</title>
<style>{_style(plan)}</style></head>
<body><h1>{html.escape(plan.title)}</h1>
<table><colgroup>{columns}</colgroup>
{header}
<tbody class="body">
{_body(plan)}
</tbody></table></body></html>
"""
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    temporary.write_text(page, encoding="utf-8")
    os.replace(temporary, target)
