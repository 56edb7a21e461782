"""A static report in build/report/: the committed notebooks as HTML, their figures, and the export tables.

Run with `make report` (or `python -m analysis.report`). Nothing is re-executed: the HTML and the figures come
from the outputs committed in notebooks/, so the report shows exactly what strict nbval checked. Figures are
the notebooks' image/svg+xml outputs, saved as NOTEBOOKSTEM-cellN.svg (N is the cell's 1-based position in the
notebook); the notebooks' own image/png outputs become PNG files. The tables, the graph and SVG and PNG
copies of the main figures are `python -m analysis export build/report/data`. An interactive control cannot run
without a kernel: the report says so where the notebook shows one.
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis.text.records import article_dir

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORT_DIR = ROOT / "build" / "report"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


@dataclass
class Page:
    """One notebook in the report: its HTML file, link text and the figure files taken from it."""

    notebook: Path
    html: Path
    title: str
    svgs: list[Path] = field(default_factory=list)
    pngs: list[Path] = field(default_factory=list)


def first_heading(notebook: nbformat.NotebookNode, default: str) -> str:
    """The text of the first markdown heading (`# ...`) in the notebook, or `default` if there is none."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = _HEADING.match(line)
            if match:
                return match.group(1)
    return default


def extract_figures(notebook: nbformat.NotebookNode, stem: str, figures_dir: Path) -> tuple[list[Path], list[Path]]:
    """Write every image/svg+xml and image/png output as STEM-cellN.svg / .png; a cell's second figure
    of a kind gets -2, and so on. Returns the SVG and PNG paths written."""
    svgs, pngs = [], []
    for number, cell in enumerate(notebook.cells, start=1):
        counts = {"svg": 0, "png": 0}
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime, kind in (("image/svg+xml", "svg"), ("image/png", "png")):
                if mime not in data:
                    continue
                counts[kind] += 1
                suffix = "" if counts[kind] == 1 else f"-{counts[kind]}"
                path = figures_dir / f"{stem}-cell{number}{suffix}.{kind}"
                value = data[mime]
                value = "".join(value) if isinstance(value, list) else value
                figures_dir.mkdir(parents=True, exist_ok=True)
                if kind == "svg":
                    path.write_text(value, encoding="utf-8")
                    svgs.append(path)
                else:
                    path.write_bytes(base64.b64decode(value))
                    pngs.append(path)
    return svgs, pngs


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "<p><em>Interactive control (ipywidgets): it needs a running kernel. Open this notebook in JupyterLab and "
    "run it to use the control; the function behind it also renders an ordinary, checked output on this page.</em></p>"
)


def without_widgets(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `notebook` whose widget outputs are a note saying how to use them, and without the stored widget
    state (which a page without a kernel could only show as empty controls)."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            if WIDGET_VIEW in output.get("data", {}):
                cell.outputs[index] = nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE})
    return notebook


def _link(path: Path, base: Path, text: str) -> str:
    return f'<a href="{html.escape(path.relative_to(base).as_posix())}">{html.escape(text)}</a>'


def write_index(pages: list[Page], out_dir: Path, data_files: list[Path]) -> Path:
    """index.html: the notebooks in reading order, each with its figures, then the export files."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><title>Report: the notebooks</title></head>',
        "<body>",
        "<h1>Report: the notebooks</h1>",
        "<p>Static copies of the committed, executed notebooks (not re-executed), in reading order.</p>",
        "<ol>",
    ]
    for page in pages:
        lines.append(f"<li>{_link(page.html, out_dir, page.title)} <small>({html.escape(page.notebook.name)})</small>")
        if page.svgs or page.pngs:
            figures = [_link(p, out_dir, p.name) for p in (*page.svgs, *page.pngs)]
            lines.append(f"<br>Figures: {', '.join(figures)}")
        lines.append("</li>")
    lines.append("</ol>")
    if any(page.svgs for page in pages):
        pngs = (
            "the only PNG files are the notebooks' own image/png outputs"
            if any(page.pngs for page in pages)
            else "the notebooks hold no image/png outputs, so there are no PNG files of notebook outputs"
        )
        lines.append(f"<p>PNG: {pngs}; PNG copies of the main figures are among the export files below.</p>")
    if data_files:
        lines.append("<h2>Tables and graph</h2>")
        lines.append("<p>From <code>python -m analysis export build/report/data</code>.</p>")
        lines.append("<ul>")
        lines.extend(f"<li>{_link(p, out_dir, p.relative_to(out_dir / 'data').as_posix())}</li>" for p in data_files)
        lines.append("</ul>")
    lines += ["</body>", "</html>", ""]
    index = out_dir / "index.html"
    index.write_text("\n".join(lines), encoding="utf-8")
    return index


def export_data(out_dir: Path, article: Path) -> list[Path]:
    """`python -m analysis export OUT_DIR --article ARTICLE`, as a subprocess; the files it wrote."""
    command = [sys.executable, "-m", "analysis", "export", str(out_dir), "--article", str(article)]
    subprocess.run(command, cwd=ROOT, check=True)
    return sorted(p for p in out_dir.rglob("*") if p.is_file())


def build_report(notebooks_dir: Path, out_dir: Path, article: Path | None) -> Path:
    """Write the report of the notebooks in `notebooks_dir` into `out_dir` (emptied first) with the export of the
    article folder `article`, and return index.html; no export if `article` is None."""
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / "index.html").exists():
            raise FileExistsError(f"{out_dir} is not empty and holds no earlier report: not deleting it")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    exporter = HTMLExporter()
    pages = []
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(without_widgets(notebook), resources={"metadata": {"name": path.stem}})
        page = Page(path, out_dir / f"{path.stem}.html", first_heading(notebook, path.stem))
        page.html.write_text(body, encoding="utf-8")
        page.svgs, page.pngs = extract_figures(notebook, path.stem, out_dir / "figures")
        pages.append(page)
    data_files = export_data(out_dir / "data", article) if article is not None else []
    return write_index(pages, out_dir, data_files)


def main(argv: list[str] | None = None) -> int:
    """Build the report and print where it is."""
    parser = argparse.ArgumentParser(prog="python -m analysis.report", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPORT_DIR, help="output folder (default build/report)")
    parser.add_argument(
        "--notebooks", type=Path, default=NOTEBOOKS_DIR, help="executed notebooks to show (default notebooks/)"
    )
    parser.add_argument("--article", help="the article folder to export (default: $ARTICLE, else the default article)")
    args = parser.parse_args(argv)
    index = build_report(args.notebooks, args.out, article_dir(args.article))
    for path in sorted(index.parent.rglob("*")):
        if path.is_file():
            print(path.relative_to(index.parent))
    print(f"report: {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
