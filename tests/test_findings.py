import re

import pytest

from analysis.findings import facts, load_findings, render
from analysis.text.records import AnnotationError

from .conftest import replace_in

NOTEBOOKS = [
    "01_article_and_sources",
    "02_event_table",
    "03_timeline",
    "04_actors_and_mediator",
    "05_mediator_measures",
]


@pytest.fixture(scope="module")
def values(dataset):
    return facts(dataset)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_has_findings_whose_placeholders_all_resolve(dataset, values, notebook):
    text = render(dataset, notebook, values).data
    assert text.startswith("## Findings") and "{" not in text


def test_counts_leave_the_headline_summary_out(values):
    # By reading data/events.toml: 18 records, one of them (E02) the headline summing up others.
    assert values["count"]["events"] == 17 and values["count"]["summaries"] == 1
    # Occurred: E01 E07 E09 E11 E12 E16 E18 (E02 left out); ongoing: E06.
    assert values["status"]["occurred"] == 7 and values["count"]["realized"] == 8
    assert values["count"]["unrealized"] == 9


def test_numbers_in_the_rendered_findings_are_the_computed_ones(dataset, values):
    text = render(dataset, "02_event_table", values).data
    assert re.search(r"\*\*9 of the 17 events did not happen", text)
    assert "(5 August 2024 to 11 August 2024)" in text  # "last week" before Saturday 17 August 2024
    text = render(dataset, "05_mediator_measures", values).data
    assert "net -16 from 0" in text  # E01 -10, E09 -2, E18 -4 (CAMEO's scale), E02 left out


def test_a_number_typed_by_hand_is_an_error(dataset, data_copy):
    replace_in(data_copy / "narrative.toml", "{count[unrealized]} of the", "9 of the")
    with pytest.raises(AnnotationError) as error:
        load_findings(data_copy, dataset.article.text)
    assert str(error.value).startswith(f"{data_copy / 'narrative.toml'}: 02_event_table: a number typed by hand")


def test_ids_and_the_articles_own_words_are_not_typed_numbers(dataset, data_copy):
    text = load_findings(data_copy, dataset.article.text)["02_event_table"]
    assert "E03" in text and '"August 22"' in text


def test_a_quote_that_is_not_the_articles_is_an_error(dataset, data_copy):
    replace_in(data_copy / "narrative.toml", '"August 22"', '"August 23"')
    with pytest.raises(AnnotationError, match="02_event_table: quotes 'August 23', which is not in the article"):
        load_findings(data_copy, dataset.article.text)


def test_an_unknown_placeholder_is_an_error(dataset, values):
    broken = {**values, "count": {k: v for k, v in values["count"].items() if k != "undated"}}
    with pytest.raises(
        AnnotationError, match=r"02_event_table: placeholder \{count\[undated\]\} names no computed value"
    ):
        render(dataset, "02_event_table", broken)


def test_a_notebook_without_findings_says_so(dataset, values):
    assert (
        'None written yet for this article: add `["09_nothing"]` to narrative.toml'
        in render(dataset, "09_nothing", values).data
    )
