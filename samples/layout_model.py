"""The data a generated layout plan is made of, shared by the generator and its three renderers.

A plan is a header (one or two rows), body rows (action rows and section rows spanning the
table) and the truth: the action records the pipeline should read from any rendering of it.
Measures are in points; colours are "RRGGBB".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype")
#: family -> (regular, bold) TTF paths under FONT_DIR; Helvetica when they are missing
FONT_FILES: dict[str, tuple[str, str]] = {
    "Liberation Sans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
}
FALLBACK_FONT = "Helvetica"
RULINGS = ("grid", "hrules", "box", "underline", "none")


@dataclass(frozen=True)
class LayoutSpec:
    """Every choice of layout one seed made."""

    ruling: str
    row_gap: float
    padding: float
    font: str
    #: the family actually used: `font`, or Helvetica when its files are not installed
    font_used: str
    size: float
    landscape: bool
    margin: float
    widths: tuple[float, ...]
    header_repeat: bool
    header_fill: str | None
    two_row_header: bool
    merged_groups: bool
    section_rows: bool
    section_fill: str | None
    rag_fill: bool
    zebra: str | None
    running: bool

    @property
    def page_size(self) -> tuple[float, float]:
        return (841.89, 595.28) if self.landscape else (595.28, 841.89)

    @property
    def leading(self) -> float:
        return round(self.size * 1.2, 2)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Cell:
    """One cell of the header or body; `covered` cells lie under a merged cell's span."""

    text: str = ""
    fill: str | None = None
    bold: bool = False
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False


@dataclass
class BodyRow:
    """An action row (a cell per column) or a section row (one cell spanning the table)."""

    cells: list[Cell]
    section: bool = False
    #: a fill across the whole row: a zebra stripe or a section band
    fill: str | None = None


@dataclass
class GeneratedPlan:
    seed: int
    spec: LayoutSpec
    title: str
    #: one header text per column, as the pipeline should read it (group and sub-header joined)
    headers: list[str]
    header_rows: list[list[Cell]]
    body: list[BodyRow]
    truth: list[dict[str, object]] = field(default_factory=list)
    #: the truth field each column feeds ("extra" for columns of no field)
    fields: list[str] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.spec.widths)
