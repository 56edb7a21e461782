"""Interactive views for the notebooks: controls wired to a plain rendering function.

The view is an ipywidgets box holding the controls and a widget that shows what `render` returns (a figure as
an SVG image, drawn like the notebooks' figures and faster than a PNG; a table or HTML as HTML). It is redrawn
when a control changes. No Output widget captures display messages here: executing such captures headless
(nbclient, nbval) sometimes loses the kernel's idle message and waits for its whole timeout. The notebooks call the same `render` in an ordinary cell, whose output is checked.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd


def as_widget_value(rendered) -> tuple[str, object]:
    """('image', SVG bytes) for a figure (closed afterwards), ('html', markup) for a table or an HTML string."""
    if isinstance(rendered, plt.Figure):
        buffer = io.BytesIO()
        rendered.savefig(buffer, format="svg", metadata={"Date": None})  # figures set their own margins
        plt.close(rendered)
        return "image", buffer.getvalue()
    if isinstance(rendered, pd.DataFrame):
        return "html", rendered.to_html(index=False)
    if isinstance(rendered, str):
        return "html", rendered
    raise TypeError(f"cannot show a {type(rendered).__name__} in a linked view")


def linked_view(render: Callable, **controls: widgets.ValueWidget) -> widgets.VBox:
    """Controls above a view of render(**values); changing a control calls render again."""

    def values():
        return {name: control.value for name, control in controls.items()}

    kind, value = as_widget_value(render(**values()))
    view = widgets.Image(value=value, format="svg+xml") if kind == "image" else widgets.HTML(value=value)

    def redraw(_change=None):
        view.value = as_widget_value(render(**values()))[1]

    for control in controls.values():
        control.observe(redraw, names="value")
    return widgets.VBox([widgets.HBox(list(controls.values())), view])
