"""`actionplan inspect` draws normalisation's decisions on the page."""

from __future__ import annotations

from actionplan.normalise import normalise
from click.testing import CliRunner
from PIL import Image

from actionplan import ingest
from actionplan.cli import cli
from actionplan.inspect import shapes

from .conftest import SAMPLES


def page_shapes(name, page):
    document = ingest.read(SAMPLES / name)
    trace = normalise(document).trace
    return shapes([t for t in document.tables if t.page == page], trace)


def test_continuation_inheritance_and_headings_are_drawn():
    kinds = [(kind, label) for _, kind, label in page_shapes("seed_004_horizontal_rules.pdf", 3)]
    assert ("continuation", "continuation: joined to table 2 row 6") in kinds
    assert any(k == "inherited" and label.startswith("same as above: Improve Accessibility")
               for k, label in kinds)
    assert any(k == "table" and "text (columns: previous page; rows: ruling lines)" in label
               for k, label in kinds)
    first_page = [kind for _, kind, _ in page_shapes("seed_004_horizontal_rules.pdf", 1)]
    assert "header" in first_page and "section heading" in first_page


def test_column_decisions_are_drawn_on_the_header_cells():
    labels = [label for _, kind, label in page_shapes("seed_000_health_inequalities.pdf", 1)
              if kind == "column"]
    assert labels[:2] == ["theme (1.00): header: schema synonym",
                          "action (1.00): header: schema synonym"]


def test_fills_and_merged_cells_are_drawn():
    drawn = page_shapes("wres_action_plan_shading.pdf", 1)
    assert [label for _, kind, label in drawn if kind == "status from fill"] == [
        "fill: green: complete", "fill: amber: in_progress", "fill: red: not_started"]
    inherited = [box for box, kind, _ in drawn if kind == "inherited"]
    assert len(inherited) == 3 and all(box.x1 > box.x0 and box.bottom > box.top for box in inherited)


def test_cli_writes_a_png(tmp_path):
    out = tmp_path / "page.png"
    result = CliRunner().invoke(cli, ["inspect", str(SAMPLES / "seed_000_no_borders.pdf"), "--page", "2",
                                      "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with Image.open(out) as image:
        assert image.size[0] > image.size[1] > 500  # a landscape page


def test_cli_errors_are_one_line(tmp_path):
    docx = CliRunner().invoke(cli, ["inspect", str(SAMPLES / "wres_action_plan_shading.docx"),
                                    "-o", str(tmp_path / "x.png")])
    assert docx.exit_code == 1 and "inspect draws PDF pages" in docx.output
    page = CliRunner().invoke(cli, ["inspect", str(SAMPLES / "wres_action_plan_shading.pdf"),
                                    "--page", "9", "-o", str(tmp_path / "x.png")])
    assert page.exit_code == 1 and "no page 9 (it has 1)" in page.output


def test_both_engines_draw_the_same_decisions(tmp_path):
    """inspect works on either engine: the same shapes, on pages of the same size."""
    sizes, outputs = [], []
    for engine in ingest.PDF_ENGINES:
        out = tmp_path / f"{engine}.png"
        result = CliRunner().invoke(cli, ["inspect", str(SAMPLES / "seed_000_no_borders.pdf"), "--page", "2",
                                          "--pdf-engine", engine, "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
        with Image.open(out) as image:
            sizes.append(image.size)
    assert sizes[0] == sizes[1] and outputs[0] == outputs[1].replace("pdfium", "pdfplumber")
    page = CliRunner().invoke(cli, ["inspect", str(SAMPLES / "wres_action_plan_shading.pdf"), "--pdf-engine",
                                    "pdfium", "--page", "9", "-o", str(tmp_path / "x.png")])
    assert page.exit_code == 1 and "no page 9 (it has 1)" in page.output
