import datetime as dt
import re
import tomllib

import pandas as pd
import pytest

from analysis.tables.events import build_event_table, build_evidence_table, build_link_table, load_dataset
from analysis.text.records import AnnotationError

from .conftest import CAMEO_SCALE, KURSK, add_link, replace_in


@pytest.fixture(scope="module")
def table(dataset):
    return build_event_table(dataset).set_index("event_id")


def test_every_curated_event_has_one_row(table):
    # events.toml, read with the standard library: 18 [[event]] tables, E01 to E18.
    raw = tomllib.loads((KURSK / "events.toml").read_text(encoding="utf-8"))
    assert [e["id"] for e in raw["event"]] == [f"E{i:02d}" for i in range(1, 19)]
    assert list(table.index) == [f"E{i:02d}" for i in range(1, 19)]


# Quotes with the words around them in the article, read off data/article.txt by eye: each quote's span must
# sit between these words (a quote located at another occurrence, or cut short, fails).
IN_CONTEXT = [
    ("E01", "The operation of the Armed Forces of Ukraine in the Kursk region", "", " led to the breakdown"),
    ("E03", "the summit in Doha was postponed", "In this regard, ", ", and the Office"),
    ("E14", "it will be held in the format of a video conference on August 22", "reported that ", ". After that"),
    ("E09", 'describing it as an "escalation"', "representatives, ", ". A diplomatic"),
]


@pytest.mark.parametrize("event_id, quote, before, after", IN_CONTEXT)
def test_evidence_spans_point_at_the_right_words(dataset, event_id, quote, before, after):
    raw = dataset.article.path.read_bytes().decode("utf-8")
    evidence = build_evidence_table(dataset)
    (row,) = evidence[(evidence["event_id"] == event_id) & (evidence["quote"] == quote)].itertuples()
    assert raw[: row.span_start].endswith(before) and raw[row.span_end :].startswith(after)
    assert row.span_end - row.span_start == len(quote)
    assert (row.span_start == 0) == (before == "")


# Words of the article that report something done, planned, postponed, refused, denied or hoped for,
# listed by reading it, with the event that codes them (by reading events.toml); the first occurrence of the
# words must sit inside that event's evidence.
REPORTED_ACTS = [
    ("The operation of the Armed Forces of Ukraine", "E01"),
    ("breakdown of secret negotiations", "E02"),
    ("planned to hold indirect talks", "E03"),
    ("sending delegations", "E03"),
    ("a partial ceasefire and give both sides", "E05"),
    ("Qatar has been working", "E06"),
    ("a moratorium on energy strikes", "E04"),
    ("was planned for this month", "E03"),
    ("surprise invasion", "E01"),
    ("postponed a meeting", "E07"),
    ("describing it as", "E09"),
    ("did not warn Doha", "E10"),
    ("ready to continue negotiations", "E11"),
    ("refused a one-sided meeting", "E12"),
    ("the summit in Doha was postponed", "E03"),
    ("video conference on August 22", "E14"),
    ("plans to consult with its partners", "E15"),
    ("expressed hope", "E16"),
    ("comprehensive agreement to end the war", "E17"),
    ("refusal to soften his position", "E18"),
    ("an agreement on ending strikes", "E04"),
]


@pytest.mark.parametrize("words, event_id", REPORTED_ACTS)
def test_every_reported_act_has_an_event(dataset, words, event_id):
    start = dataset.article.text.index(words)
    spans = build_evidence_table(dataset)
    covering = spans[(spans["span_start"] <= start) & (spans["span_end"] >= start + len(words))]
    assert event_id in set(covering["event_id"]), f"{event_id} does not cite {words!r}"


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


def test_coding_follows_the_published_cameo_scale(table):
    for row in table.itertuples():
        assert re.fullmatch(r"\d{3,4}", row.cameo_code)
        assert (row.goldstein, row.quad_class) == CAMEO_SCALE[row.cameo_code], row.Index
    assert table.loc["E01", "sign"] == "conflict" and table.loc["E03", "sign"] == "cooperation"


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
    # "the past two months", up to the report: 18 June to 17 August, both days included.
    assert table.loc["E06", ["date_start", "date_end", "date_precision"]].tolist() == [
        ts("2024-06-18"),
        ts("2024-08-17"),
        "range",
    ]
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
    for event_id in ("E04", "E05", "E10", "E17"):
        assert pd.isna(table.loc[event_id, "date_start"]) and pd.isna(table.loc[event_id, "date_end"])
        assert table.loc[event_id, "date_precision"] == "unknown"
    # The Russia-Qatar meeting belongs to Qatar's mediation: not before it began (18 June), end unknown.
    assert table.loc["E08", "date_start"] == ts("2024-06-18") and pd.isna(table.loc["E08", "date_end"])
    # The one-sided meeting was refused, never held: only its lower bound is known, proposed after Russia pulled
    # out (E07, "After this invasion": from 5 August, the Monday of "last week").
    assert table.loc["E13", "date_start"] == ts("2024-08-05") and pd.isna(table.loc["E13", "date_end"])
    day_precision = table[table["date_precision"] == "day"]
    assert list(day_precision.index) == ["E14"]  # "August 22" is the only day the article names


def test_an_event_reported_done_ends_by_the_reference_date(data_copy):
    # "this month" is August; the summit, were it reported as held, was held by 17 August.
    replace_in(
        data_copy / "events.toml",
        'status = "postponed"\ntime = "this month"',
        'status = "occurred"\ntime = "this month"',
    )
    interval = load_dataset(data_copy).intervals["E03"]
    assert (interval.start, interval.end) == (dt.date(2024, 8, 1), dt.date(2024, 8, 17))


def test_a_link_narrows_the_interval_of_the_event_that_follows(data_copy):
    # Ordered after the incursion (from 5 August), the summit "this month" cannot start on 1 August.
    add_link(data_copy, "E01", "E03", "followed", "S07", "disrupted these negotiations")
    interval = load_dataset(data_copy).intervals["E03"]
    assert (interval.start, interval.end) == (dt.date(2024, 8, 5), dt.date(2024, 8, 31))


def test_a_predecessor_that_starts_after_its_successor_ends_is_an_error(data_copy):
    add_link(data_copy, "E14", "E01", "followed", "S12", "After that")
    with pytest.raises(AnnotationError) as error:
        _ = load_dataset(data_copy).intervals
    assert str(error.value) == (
        f"{data_copy / 'events.toml'}: link E14 -> E01 (followed): E01 must come after E14, but E14 starts "
        "2024-08-22, after E01 ends 2024-08-11"
    )


def test_summaries_are_marked_and_both_ways(table):
    assert table.loc["E02", "summary"] and table.loc["E02", "summarises"] == "E03;E07;E08;E12"
    assert table.loc["E12", "summarised_by"] == "E02" and not table.loc["E12", "summary"]
    assert table["summary"].sum() == 1


def test_a_summary_of_an_unknown_event_or_of_a_summary_is_an_error(data_copy):
    message = broken(data_copy, 'summarises = ["E03", "E07", "E08", "E12"]', 'summarises = ["E03", "E70"]')
    assert "event E02: summarises 'E70', which is not another event" in message


def test_a_summary_of_a_summary_is_an_error(data_copy):
    # E09 made to sum up E02, the headline, itself a summary (cameo 111 is E09's alone).
    message = broken(data_copy, 'cameo = "111"', 'cameo = "111"\nsummarises = ["E02"]')
    assert "event E09: summarises E02, itself a summary" in message


def test_time_text_is_quoted_from_the_evidence(dataset):
    # The time = "..." lines of events.toml; each is in the event's evidence (read off the quotes by eye).
    assert {e.event_id: e.time_text for e in dataset.annotations.events if e.time_text} == {
        "E01": "last week",
        "E03": "this month",
        "E06": "the past two months",
        "E07": "After this invasion",
        "E14": "August 22",
        "E15": "After that",
    }
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
    assert "(E14 -> E51): links to missing event 'E51'" in message


def test_a_cycle_of_orderings_is_an_error(data_copy):
    add_link(data_copy, "E07", "E01", "followed", "S08", "After this invasion")
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
