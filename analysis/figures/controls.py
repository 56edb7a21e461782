"""Interactive views for the notebooks: controls wired to a plain rendering function.

The view is an ipywidgets box holding the controls and a widget that shows what `render` returns (a figure as
an SVG image, drawn like the notebooks' figures and faster than a PNG; a table or HTML as HTML). It is drawn when
a front end first displays it, and again when a control changes: a notebook executed headless (nbval, the
benchmark, `make notebooks`), where nobody can see the view, does not pay for drawing it. No Output widget
captures display messages here: executing such captures headless (nbclient, nbval) sometimes loses the kernel's
idle message and waits for its whole timeout. The notebooks call the same `render` in an ordinary cell, whose
output is checked.
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


VIEW_WIDGETS = {"image": widgets.Image, "html": widgets.HTML}


def linked_view(render: Callable, **controls: widgets.ValueWidget) -> widgets.VBox:
    """Controls above a view of render(**values): drawn once a front end displays it (the front end counts the
    views of a widget whose `_view_count` starts at 0) and redrawn whenever a control changes."""

    def values():
        return {name: control.value for name, control in controls.items()}

    view = widgets.Box(layout=widgets.Layout(min_height="2em"))
    view._view_count = 0

    def redraw(_change=None):
        kind, value = as_widget_value(render(**values()))
        shown = view.children[0] if view.children else None
        if isinstance(shown, VIEW_WIDGETS[kind]):
            shown.value = value
        else:
            view.children = [widgets.Image(value=value, format="svg+xml") if kind == "image" else widgets.HTML(value)]

    def first_display(change):
        if change["new"] and not view.children:
            redraw()

    view.observe(first_display, names="_view_count")
    for control in controls.values():
        control.observe(redraw, names="value")
    return widgets.VBox([widgets.HBox(list(controls.values())), view])
