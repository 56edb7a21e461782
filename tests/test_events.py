import datetime as dt
import re

import pandas as pd
import pytest

from analysis.events import build_event_table, build_evidence_table, build_link_table, load_dataset
from analysis.records import AnnotationError

from .conftest import replace_in


@pytest.fixture(scope="module")
def table(dataset):
    return build_event_table(dataset).set_index("event_id")


def test_coverage_is_within_the_expected_range(table):
    assert 15 <= len(table) <= 25


def test_every_evidence_string_is_the_article_at_its_span(dataset, table):
    text = dataset.article.text
    for row in table.itertuples():
        assert text[row.span_start : row.span_end] == row.evidence
    evidence = build_evidence_table(dataset)
    for row in evidence.itertuples():
        assert text[row.span_start : row.span_end] == row.quote
    for row in build_link_table(dataset).itertuples():
        assert text[row.span_start : row.span_end] == row.evidence
    assert set(evidence["event_id"]) == set(table.index)


# Words of the article that report something done, planned, postponed, refused, denied or hoped for,
# listed by reading it; each must sit inside the evidence of some event.
REPORTED_ACTS = [
    "The operation of the Armed Forces of Ukraine",
    "breakdown of secret negotiations",
    "planned to hold indirect talks",
    "sending delegations",
    "a partial ceasefire",
    "Qatar has been working",
    "a moratorium on energy strikes",
    "was planned for this month",
    "surprise invasion",
    "postponed a meeting",
    "describing it as",
    "did not warn Doha",
    "ready to continue negotiations",
    "refused a one-sided meeting",
    "the summit in Doha was postponed",
    "video conference on August 22",
    "plans to consult with its partners",
    "expressed hope",
    "comprehensive agreement to end the war",
    "refusal to soften his position",
    "an agreement on ending strikes",
]


@pytest.mark.parametrize("words", REPORTED_ACTS)
def test_every_reported_act_has_an_event(dataset, words):
    start = dataset.article.text.index(words)
    spans = build_evidence_table(dataset)
    covering = spans[(spans["span_start"] <= start) & (spans["span_end"] >= start + len(words))]
    assert not covering.empty, f"no event cites {words!r}"


def test_every_sentence_is_coded_or_explicitly_left_uncoded(dataset):
    annotations = dataset.annotations
    cited = {s.sentence_id for e in annotations.events for s in (*e.evidence, e.attribution)}
    cited |= {link.evidence.sentence_id for link in annotations.links}
    cited |= {u.span.sentence_id for u in annotations.uncoded}
    assert cited == set(dataset.article.sentence_index)


def test_status_keeps_what_happened_apart_from_what_did_not(table):
    counts = table["status"].value_counts()
    assert set(counts[counts > 0].index) == {
        "occurred",
        "ongoing",
        "planned",
        "postponed",
        "cancelled",
        "hypothetical",
        "negated",
    }
    assert table.loc["E01", "status"] == "occurred"
    assert table.loc["E03", "status"] == "postponed"
    assert table.loc["E10", "status"] == "negated"
    assert table.loc["E14", "status"] == "planned"


def test_postponement_is_an_act_plus_a_deferred_event(table, dataset):
    # Russian officials postponed a meeting: the act is coded 125, the meeting keeps its own code.
    assert table.loc["E07", ["actor1", "actor2", "cameo_code", "status"]].tolist() == [
        "RUSGOV",
        "QAT",
        "125",
        "occurred",
    ]
    assert table.loc["E08", ["cameo_code", "status"]].tolist() == ["040", "postponed"]
    links = build_link_table(dataset)
    assert ((links["source_event"] == "E07") & (links["target_event"] == "E08")).any()


def test_coding_comes_from_the_codebook(table, dataset):
    cameo = dataset.codebook.cameo
    for row in table.itertuples():
        assert row.goldstein == cameo.loc[row.cameo_code, "goldstein"]
        assert row.quad_class == cameo.loc[row.cameo_code, "quad_class"]
        assert re.fullmatch(r"\d{3,4}", row.cameo_code)


def test_dtypes_are_explicit(table):
    assert isinstance(table["status"].dtype, pd.CategoricalDtype) and table["status"].dtype.ordered
    assert isinstance(table["date_precision"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(table["date_start"])
    assert pd.api.types.is_datetime64_any_dtype(table["date_end"])
    assert table["goldstein"].dtype == "float64"


def ts(text):
    return pd.Timestamp(dt.date.fromisoformat(text))


def test_dates_are_resolved_from_the_words(table):
    assert table.loc["E01", ["date_start", "date_end", "date_precision"]].tolist() == [
        ts("2024-08-05"),
        ts("2024-08-11"),
        "week",
    ]
    assert table.loc["E03", ["date_start", "date_end", "date_precision"]].tolist() == [
        ts("2024-08-01"),
        ts("2024-08-31"),
        "month",
    ]
    assert table.loc["E06", ["date_start", "date_end"]].tolist() == [ts("2024-06-17"), ts("2024-08-17")]
    assert table.loc["E14", ["date_start", "date_end", "date_precision"]].tolist() == [
        ts("2024-08-22"),
        ts("2024-08-22"),
        "day",
    ]


def test_an_ordering_takes_its_bounds_from_the_linked_event_and_the_reference_date(table):
    # "After this invasion": not before the invasion's week starts, and reported done by 2024-08-17.
    assert table.loc["E07", ["date_start", "date_end", "date_precision"]].tolist() == [
        ts("2024-08-05"),
        ts("2024-08-17"),
        "range",
    ]
    # "After that" (the 22 August video conference), still planned: the end stays open.
    assert table.loc["E15", "date_start"] == ts("2024-08-22") and pd.isna(table.loc["E15", "date_end"])


def test_no_made_up_day_where_the_article_gives_none(table):
    for event_id in ("E04", "E05", "E08", "E10", "E17"):
        assert pd.isna(table.loc[event_id, "date_start"]) and pd.isna(table.loc[event_id, "date_end"])
        assert table.loc[event_id, "date_precision"] == "unknown"
    # The one-sided meeting was refused, never held: only its lower bound (after Russia pulled out) is known.
    assert table.loc["E13", "date_start"] == table.loc["E07", "date_start"] and pd.isna(table.loc["E13", "date_end"])
    day_precision = table[table["date_precision"] == "day"]
    assert list(day_precision.index) == ["E14"]  # "August 22" is the only day the article names


def test_time_text_is_quoted_from_the_evidence(dataset):
    for event in dataset.annotations.events:
        if event.time_text:
            assert any(event.time_text in span.quote for span in event.evidence)


# ---- bad input: each names the file, the record and the problem ----


def broken(data_copy, old, new):
    replace_in(data_copy / "events.toml", old, new)
    with pytest.raises(AnnotationError) as error:
        _ = load_dataset(data_copy).intervals
    assert str(error.value).startswith(str(data_copy / "events.toml"))
    return str(error.value)


def test_a_misquote_is_an_error(data_copy):
    message = broken(data_copy, 'quote = "its cross-border offensive"', 'quote = "its cross border offensive"')
    assert "event E01 evidence #3: quote 'its cross border offensive' is not in S09" in message


def test_an_unknown_actor_is_an_error(data_copy):
    message = broken(data_copy, 'actor1 = "RUSGOV"\nactor2 = "UKR"', 'actor1 = "KREMLIN"\nactor2 = "UKR"')
    assert "event E09 actor1: unknown actor 'KREMLIN'" in message


def test_a_duplicate_event_id_is_an_error(data_copy):
    assert "event E02: duplicate event id" in broken(data_copy, 'id = "E03"', 'id = "E02"')


def test_an_unknown_status_is_an_error(data_copy):
    message = broken(data_copy, 'status = "negated"', 'status = "denied"')
    assert "event E10: unknown status 'denied'" in message


def test_an_unknown_cameo_code_is_an_error(data_copy):
    assert "event E01: unknown CAMEO code '193'" in broken(data_copy, 'cameo = "190"', 'cameo = "193"')


def test_an_unquoted_cameo_code_is_an_error(data_copy):
    assert "must be a quoted, zero-padded string" in broken(data_copy, 'cameo = "046"', "cameo = 46")


def test_an_unreadable_time_expression_is_an_error(data_copy):
    message = broken(data_copy, 'time = "last week"', 'time = "surprise invasion"')
    assert "event E01: cannot resolve time expression 'surprise invasion'" in message


def test_a_time_expression_not_in_the_evidence_is_an_error(data_copy):
    message = broken(data_copy, 'time = "August 22"', 'time = "August 23"')
    assert "event E14: time 'August 23' is not inside any of the event's evidence quotes" in message


def test_an_ordering_without_a_link_is_an_error(data_copy):
    message = broken(
        data_copy,
        'source = "E14"\ntarget = "E15"\nrelation = "followed"',
        'source = "E14"\ntarget = "E15"\nrelation = "aimed_at"',
    )
    assert "event E15: 'After that' places the event after another one" in message


def test_a_link_to_a_missing_event_is_an_error(data_copy):
    message = broken(data_copy, 'source = "E14"\ntarget = "E15"', 'source = "E14"\ntarget = "E51"')
    assert "link #14 (E14 -> E51): links to missing event 'E51'" in message


def test_a_cycle_of_orderings_is_an_error(data_copy):
    with (data_copy / "events.toml").open("a") as handle:
        handle.write(
            '[[link]]\nsource = "E07"\ntarget = "E01"\nrelation = "followed"\n'
            'evidence = { sentence = "S08", quote = "After this invasion" }\n'
        )
    with pytest.raises(AnnotationError, match="events.toml: links: events ordered in a cycle"):
        _ = load_dataset(data_copy).intervals


def test_an_unknown_field_is_an_error(data_copy):
    message = broken(data_copy, 'label = "Partial ceasefire"', 'label = "Partial ceasefire"\nstauts = "hypothetical"')
    assert "event E05: unknown field(s) stauts" in message


def test_an_empty_annotation_file_is_an_error(data_copy):
    (data_copy / "events.toml").write_text("# nothing yet\n")
    with pytest.raises(AnnotationError, match=r"events.toml: file: has no \[\[event\]\] records"):
        load_dataset(data_copy)


def test_a_syntactically_broken_annotation_file_is_an_error(data_copy):
    replace_in(data_copy / "events.toml", 'label = "Partial ceasefire"', 'label = "Partial ceasefire')
    with pytest.raises(AnnotationError, match=r"events.toml: file: not valid TOML: .*line \d+"):
        load_dataset(data_copy)


def test_a_missing_annotation_file_is_an_error(data_copy):
    (data_copy / "events.toml").unlink()
    with pytest.raises(AnnotationError, match="events.toml: file: not found"):
        load_dataset(data_copy)
