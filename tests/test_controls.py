import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.figures.controls import as_widget_value, linked_view


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


def test_the_view_is_drawn_when_first_displayed_and_when_a_control_changes():
    calls = []

    def render(word, repeat):
        calls.append((word, repeat))
        return f"<p>{word * repeat}</p>"

    word = widgets.Dropdown(options=["a", "b"], value="a")
    repeat = widgets.IntSlider(value=1, min=1, max=3)
    box = linked_view(render, word=word, repeat=repeat)
    view = box.children[1]
    assert calls == [] and view.children == ()  # executed headless, nobody sees it: nothing drawn
    view._view_count = 1  # what the front end reports when it displays the view
    assert view.children[0].value == "<p>a</p>"
    view._view_count = 2  # a second view of the same widget: no redraw
    word.value = "b"
    repeat.value = 3
    assert view.children[0].value == "<p>bbb</p>"
    assert calls == [("a", 1), ("b", 1), ("b", 3)]
    assert list(box.children[0].children) == [word, repeat]


def test_a_control_changed_before_display_draws_the_view():
    count = widgets.IntSlider(value=2, min=1, max=5)
    box = linked_view(lambda n: f"<p>{n}</p>", n=count)
    count.value = 4
    assert box.children[1].children[0].value == "<p>4</p>"


def test_a_figure_view_is_an_image_that_updates():
    def render(n):
        fig, ax = plt.subplots()
        ax.bar(range(n), range(n))
        return fig

    count = widgets.IntSlider(value=2, min=1, max=5)
    box = linked_view(render, n=count)
    box.children[1]._view_count = 1
    image = box.children[1].children[0]
    first = bytes(image.value)
    assert isinstance(image, widgets.Image) and image.format == "svg+xml" and b"<svg" in first
    count.value = 5
    assert box.children[1].children == (image,)  # the same image widget, new picture
    assert bytes(image.value) != bytes(first)
