"""analysis.report on small notebooks: the index, one HTML per notebook and the figures taken from outputs."""

import base64
import re

import nbformat
import pytest

from analysis.report import WIDGET_NOTE, build_report, first_heading

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really").decode()


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.extend(cells)
    return nb


def code(*outputs):
    cell = nbformat.v4.new_code_cell("x = 1", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in outputs]
    return cell


@pytest.fixture
def notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    md = nbformat.v4.new_markdown_cell
    nbformat.write(
        notebook(md("Intro text, no heading here."), md("# 02 · Second & last"), code({"image/svg+xml": SVG})),
        folder / "02_second.ipynb",
    )
    nbformat.write(
        notebook(md("## 01 · First one\n\nText."), code({"text/plain": "1"}), code({"image/svg+xml": SVG})),
        folder / "01_first.ipynb",
    )
    return folder


def test_index_links_every_notebook_in_reading_order_with_its_heading(notebooks, tmp_path):
    index = build_report(notebooks, tmp_path / "report", article=None)
    text = index.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.html)">([^<]+)</a>', text)
    assert links == [("01_first.html", "01 · First one"), ("02_second.html", "02 · Second &amp; last")]


def test_one_html_per_notebook_holding_its_first_heading(notebooks, tmp_path):
    out = tmp_path / "report"
    build_report(notebooks, out, article=None)
    assert sorted(p.name for p in out.glob("*.html")) == ["01_first.html", "02_second.html", "index.html"]
    assert "01 · First one" in (out / "01_first.html").read_text(encoding="utf-8")
    assert "Second &amp; last" in (out / "02_second.html").read_text(encoding="utf-8")


def test_svg_figures_are_saved_by_cell_and_missing_png_is_said(notebooks, tmp_path):
    out = tmp_path / "report"
    index = build_report(notebooks, out, article=None)
    assert sorted(p.name for p in (out / "figures").iterdir()) == ["01_first-cell3.svg", "02_second-cell3.svg"]
    assert (out / "figures" / "01_first-cell3.svg").read_text(encoding="utf-8") == SVG
    text = index.read_text(encoding="utf-8")
    assert 'href="figures/01_first-cell3.svg"' in text
    assert "no PNG files" in text


def test_png_outputs_are_decoded(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(notebook(code({"image/png": PNG}, {"image/png": PNG})), folder / "n.ipynb")
    build_report(folder, tmp_path / "report", article=None)
    figures = tmp_path / "report" / "figures"
    assert sorted(p.name for p in figures.iterdir()) == ["n-cell1-2.png", "n-cell1.png"]
    assert (figures / "n-cell1.png").read_bytes() == base64.b64decode(PNG)


def test_refuses_to_empty_a_folder_that_is_not_a_report(notebooks, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        build_report(notebooks, out, article=None)
    assert (out / "keep.txt").read_text() == "mine"


def test_rebuild_drops_stale_files(notebooks, tmp_path):
    out = tmp_path / "report"
    build_report(notebooks, out, article=None)
    (notebooks / "02_second.ipynb").unlink()
    build_report(notebooks, out, article=None)
    assert not (out / "02_second.html").exists()
    assert not (out / "figures" / "02_second-cell3.svg").exists()


def test_first_heading_falls_back_to_the_default():
    assert first_heading(notebook(nbformat.v4.new_markdown_cell("no heading")), "stem") == "stem"
    assert first_heading(notebook(nbformat.v4.new_markdown_cell("#not a heading\n### Real ###")), "s") == "Real"


def test_a_widget_output_becomes_a_note_and_its_state_is_dropped(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    view = {"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2, "version_minor": 0}}
    nb = notebook(nbformat.v4.new_markdown_cell("# Controls"), code(view, {"text/plain": "VBox()"}))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    nbformat.write(nb, folder / "01_controls.ipynb")
    out = tmp_path / "report"
    build_report(folder, out, article=None)
    page = (out / "01_controls.html").read_text(encoding="utf-8")
    assert WIDGET_NOTE in page
    assert "widget-view+json" not in page and "widget-state+json" not in page
    assert nbformat.read(folder / "01_controls.ipynb", as_version=4).metadata["widgets"]  # the notebook untouched
