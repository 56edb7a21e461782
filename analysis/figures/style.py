"""The look shared by every figure: the Okabe-Ito palette (distinct under the common colour-vision
deficiencies), fixed fonts and SVG output that reruns byte-identical, and the source line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.colors import ListedColormap

from analysis.text.story import NO_SIDE, Story

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
STATUS_COLOURS = {
    "occurred": OKABE_ITO["blue"],
    "ongoing": OKABE_ITO["sky blue"],
    "planned": OKABE_ITO["green"],
    "postponed": OKABE_ITO["orange"],
    "cancelled": OKABE_ITO["vermillion"],
    "hypothetical": OKABE_ITO["purple"],
    "negated": OKABE_ITO["grey"],
}
SIGN_COLOURS = {"cooperation": OKABE_ITO["blue"], "conflict": OKABE_ITO["vermillion"]}
STATUS_LINESTYLES = {
    "occurred": "solid",
    "ongoing": "solid",
    "planned": "dashed",
    "postponed": "dashed",
    "cancelled": "dotted",
    "hypothetical": "dotted",
    "negated": "dotted",
}
FIGURE_WIDTH = 10.0


def prefer_bundled_fonts() -> None:
    """Draw with the fonts that ship with the pinned matplotlib, never a system copy of the same family: the two
    number their glyphs differently (ligatures included), and which one a shared font cache lists first changes
    when the cache is rebuilt, which would change every figure's SVG on the next run."""
    bundled = Path(matplotlib.get_data_path(), "fonts", "ttf")
    manager = font_manager.fontManager
    listed = {font.fname for font in manager.ttflist}
    for path in sorted(bundled.glob("DejaVuSans*.ttf")):  # a cache built elsewhere may lack them
        if str(path) not in listed:
            manager.addfont(str(path))
    manager.ttflist.sort(key=lambda font: not font.fname.startswith(str(bundled)))  # stable: bundled fonts first
    manager._findfont_cached.cache_clear()  # a font found before the sort is forgotten


def configure(seed: str = "event-analysis") -> None:
    """Fixed font (drawn as paths, so it looks the same everywhere; the copy bundled with matplotlib), fixed SVG
    hash salt, and inline SVG without a creation date: figures rerun byte-identical. Figures set their own
    margins, so no tight bounding box (which would draw every figure twice)."""
    prefer_bundled_fonts()
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "svg.hashsalt": seed,
            "svg.fonttype": "path",
            "figure.dpi": 100,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
        }
    )
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:  # the kwargs first: setting the formats re-registers them with the current kwargs
        shell.run_line_magic(
            "config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None, 'metadata': {'Date': None}}"
        )
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['svg']")


def show(fig: plt.Figure) -> None:
    """Display a figure once in the notebook and close it (so the inline backend does not show it again)."""
    from IPython.display import display

    display(fig)
    plt.close(fig)


SOURCE_FONT_SIZE = 6.5
EM_PER_CHARACTER = 0.56  # DejaVu Sans averages about 0.51 em per character over a source line; a margin on top


def add_source_line(fig: plt.Figure, story: Story, note: str = "") -> float:
    """The source line along the bottom edge, broken into lines that fit the figure's width. The breaks are
    computed from the font's average character width: matplotlib's wrap=True measures every candidate line at
    every draw, which cost a tenth of a second per figure. Returns the height it takes, as a fraction of the
    figure's, for anything placed above it."""
    characters_per_line = int(0.97 * fig.get_figwidth() * 72 / (SOURCE_FONT_SIZE * EM_PER_CHARACTER))
    text = textwrap.fill(story.source_line + (" " + note if note else ""), characters_per_line)
    fig.text(0.01, 0.005, text, fontsize=SOURCE_FONT_SIZE, color="#444444", ha="left", va="bottom")
    return 0.005 + (text.count("\n") + 1) * SOURCE_FONT_SIZE * 1.25 / 72 / fig.get_figheight()


SIDE_PALETTE = ("sky blue", "orange", "green", "blue", "vermillion")  # the sides, left to right
MEDIATOR_PALETTE = ("yellow", "purple", "grey")  # the mediators, in the story's order
NO_SIDE_COLOUR = "#dddddd"


def side_colours(story: Story) -> dict[str, str]:
    """A colour per side label of the story (sides and mediators from their own palettes, in order), and light
    grey for actors on no side."""
    colours, counts = {}, {"side": 0, "mediator": 0}
    for party in story.parties:
        palette = SIDE_PALETTE if party.role == "side" else MEDIATOR_PALETTE
        colours[party.side] = OKABE_ITO[palette[counts[party.role] % len(palette)]]
        counts[party.role] += 1
    return {**colours, NO_SIDE: NO_SIDE_COLOUR}


def categorical_mesh(ax, matrix: pd.DataFrame, colours: dict[str, str]) -> None:
    """A grid of cells coloured by category (rows top down, white gaps between cells), drawn as one mesh: one
    artist instead of one rectangle per cell."""
    categories = list(colours)
    codes = matrix.apply(lambda column: column.map(categories.index)).to_numpy(dtype=float)
    cmap = ListedColormap([colours[c] for c in categories])
    edges_x, edges_y = np.arange(matrix.shape[1] + 1) - 0.5, np.arange(matrix.shape[0] + 1) - 0.5
    ax.pcolormesh(
        edges_x, edges_y, codes, cmap=cmap, vmin=-0.5, vmax=len(categories) - 0.5, edgecolors="white", linewidth=1.5
    )
    ax.set_xlim(-0.5, matrix.shape[1] - 0.5)
    ax.set_ylim(matrix.shape[0] - 0.5, -0.5)
