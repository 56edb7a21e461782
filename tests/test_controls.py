import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.controls import as_widget_value, linked_view


def test_a_figure_becomes_an_svg_and_is_closed():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    kind, value = as_widget_value(fig)
    assert kind == "image" and value.startswith(b"<?xml") and b"<svg" in value
    assert b"<dc:date>" not in value
    assert not plt.fignum_exists(fig.number)


def test_tables_and_html_become_html():
    assert as_widget_value(pd.DataFrame({"a": [1]}))[0] == "html"
    assert as_widget_value("<b>x</b>") == ("html", "<b>x</b>")
    with pytest.raises(TypeError, match="cannot show a int"):
        as_widget_value(3)


def test_changing_a_control_calls_render_again():
    calls = []

    def render(word, repeat):
        calls.append((word, repeat))
        return f"<p>{word * repeat}</p>"

    word = widgets.Dropdown(options=["a", "b"], value="a")
    repeat = widgets.IntSlider(value=1, min=1, max=3)
    box = linked_view(render, word=word, repeat=repeat)
    view = box.children[1]
    assert view.value == "<p>a</p>"
    word.value = "b"
    repeat.value = 3
    assert view.value == "<p>bbb</p>"
    assert calls == [("a", 1), ("b", 1), ("b", 3)]
    assert list(box.children[0].children) == [word, repeat]


def test_a_figure_view_is_an_image_that_updates():
    def render(n):
        fig, ax = plt.subplots()
        ax.bar(range(n), range(n))
        return fig

    count = widgets.IntSlider(value=2, min=1, max=5)
    box = linked_view(render, n=count)
    image = box.children[1]
    first = bytes(image.value)
    assert isinstance(image, widgets.Image) and image.format == "svg+xml" and b"<svg" in first
    count.value = 5
    assert bytes(image.value) != bytes(first)
