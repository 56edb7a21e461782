"""analysis.bench: the synthetic annotations it scales the build on, and its TOML writer (nothing is timed)."""

import tomllib

import pytest

from analysis.bench import _toml_value, floor_notebook, synthetic_annotations
from analysis.tables.events import build_event_table, load_dataset

from .conftest import KURSK


@pytest.fixture(scope="module")
def tripled(tmp_path_factory):
    return load_dataset(synthetic_annotations(KURSK, 3, tmp_path_factory.mktemp("x3") / "data"))


def test_factor_three_has_three_times_the_events_and_links(dataset, tripled):
    assert len(tripled.annotations.events) == 3 * len(dataset.annotations.events)
    assert len(tripled.annotations.links) == 3 * len(dataset.annotations.links)
    assert tripled.annotations.uncoded == tuple(
        type(u)(u.span, u.reason) for u in dataset.annotations.uncoded
    )  # kept once, unchanged


def test_ids_are_new_unique_and_well_formed(tripled):
    ids = [e.event_id for e in tripled.annotations.events]
    assert len(set(ids)) == len(ids)
    assert ids[:3] == ["E0001", "E0002", "E0003"]
    assert all(len(i) == 5 for i in ids)


def test_each_copy_keeps_the_coding_and_links_stay_inside_their_copy(dataset, tripled):
    n = len(dataset.annotations.events)
    original = dataset.annotations.events
    position = {e.event_id: i for i, e in enumerate(original)}
    for index, event in enumerate(tripled.annotations.events):
        source = original[index % n]
        for name in ("actor1", "actor2", "other_actors", "mediator", "cameo_code", "status", "time_text"):
            assert getattr(event, name) == getattr(source, name)
        assert event.evidence == source.evidence
    # The headline E02 of each copy k (the 2nd of 18 events) sums up that copy's E03, E07, E08 and E12.
    assert {e.event_id: e.summarises for e in tripled.annotations.events if e.summarises} == {
        f"E{k * 18 + 2:04d}": tuple(f"E{k * 18 + i:04d}" for i in (3, 7, 8, 12)) for k in range(3)
    }
    copy_of = {e.event_id: i // n for i, e in enumerate(tripled.annotations.events)}
    expected = {
        (copy, position[link.source], position[link.target], link.relation)
        for copy in range(3)
        for link in dataset.annotations.links
    }
    got = set()
    for link in tripled.annotations.links:
        assert copy_of[link.source] == copy_of[link.target], link
        got.add(
            (
                copy_of[link.source],
                int(link.source[1:]) - 1 - copy_of[link.source] * n,
                int(link.target[1:]) - 1 - copy_of[link.target] * n,
                link.relation,
            )
        )
    assert got == expected


def test_copies_are_dated_like_the_original(dataset, tripled):
    table, original = build_event_table(tripled), build_event_table(dataset)
    n = len(original)
    for copy in range(3):
        part = table.iloc[copy * n : (copy + 1) * n].reset_index(drop=True)
        assert part["date_start"].equals(original["date_start"])
        assert part["date_end"].equals(original["date_end"])


def test_the_source_folder_is_left_alone(data_copy, tmp_path):
    before = (data_copy / "events.toml").read_bytes()
    synthetic_annotations(data_copy, 2, tmp_path / "out")
    assert (data_copy / "events.toml").read_bytes() == before


def test_factor_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="factor"):
        synthetic_annotations(KURSK, 0, tmp_path / "out")


@pytest.mark.parametrize(
    "value",
    ['say "escalation"', "back\\slash", "tab\tand\nnewline", "control \x01 \x7f", "Київ", ["a", "b"], 3, {"k": "v"}],
)
def test_toml_writer_round_trips(value):
    assert tomllib.loads(f"x = {_toml_value(value)}")["x"] == value


def test_floor_notebook_is_one_import_cell():
    notebook = floor_notebook()
    assert [c.cell_type for c in notebook.cells] == ["code"]
    for module in ("pandas", "matplotlib.pyplot", "networkx", "ipywidgets", "analysis"):
        assert f"import {module}\n" in notebook.cells[0].source
