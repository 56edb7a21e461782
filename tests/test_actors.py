import pytest

from analysis.text.actors import find_mentions
from analysis.text.article import load_article
from analysis.text.records import AnnotationError

from .conftest import registry_of, replace_in


def mention(mentions, sentence_id, surface):
    rows = mentions[(mentions["sentence_id"] == sentence_id) & (mentions["surface"] == surface)]
    assert len(rows) == 1, f"{surface!r} in {sentence_id}: {len(rows)} mentions"
    return rows.iloc[0]


# Every alias of actors.csv and places.csv in the article, read sentence by sentence (longest form first:
# "Ukraine" inside "Armed Forces of Ukraine" or the President's Office is not the state; "Russia" inside
# "Russian ..." is not Russia; Qatar and Doha as venues are places, per mention_roles.csv).
MENTIONS = [
    ("S01", "Armed Forces of Ukraine", "UKRMIL"),
    ("S01", "Kursk region", ""),
    ("S01", "Ukraine", "UKR"),
    ("S01", "Russia", "RUS"),
    ("S01", "The Washington Post", "WAPO"),
    ("S01", "diplomats and officials", "DIPOFF"),
    ("S02", "Qatar", ""),
    ("S03", "Doha", ""),
    ("S05", "diplomats", "DIPOFF"),
    ("S05", "Qatar", "QAT"),
    ("S05", "Kyiv", "UKR"),
    ("S05", "Moscow", "RUS"),
    ("S06", "Doha", ""),
    ("S07", "Ukraine", "UKR"),
    ("S07", "Kursk region", ""),
    ("S08", "Russian officials", "RUSGOV"),
    ("S08", "Qatari representatives", "QAT"),
    ("S09", "A diplomatic source", "DIPSRC"),
    ("S09", "Kyiv", "UKR"),
    ("S09", "Doha", "QAT"),
    ("S09", "Qatari side", "QAT"),
    ("S10", "Ukraine", "UKR"),
    ("S10", "Qatar", "QAT"),
    ("S11", "Doha", ""),
    ("S11", "Office of the President of Ukraine", "UKROP"),
    ("S12", "Kyiv", "UKR"),
    ("S12", "its partners", "PARTNERS"),
    ("S13", "Some officials", "SOMEOFF"),
    ("S15", "Russian President Vladimir Putin", "PUTIN"),
    ("S15", "Russian territory", ""),
]


def test_every_mention_quotes_the_article(dataset):
    text = dataset.article.text
    for row in dataset.mentions.itertuples():
        assert text[row.span_start : row.span_end] == row.surface
    assert list(dataset.mentions[["sentence_id", "surface", "actor_id"]].itertuples(index=False, name=None)) == MENTIONS


def test_capitals_are_mapped_to_their_states(dataset):
    m = dataset.mentions
    assert mention(m, "S05", "Kyiv")["actor_id"] == "UKR"
    assert mention(m, "S05", "Moscow")["actor_id"] == "RUS"
    assert mention(m, "S12", "Kyiv")["actor_id"] == "UKR"


def test_doha_is_an_actor_where_it_acts_and_a_place_where_it_is_a_venue(dataset):
    m = dataset.mentions
    assert mention(m, "S09", "Doha")["actor_id"] == "QAT"
    for sentence_id in ("S03", "S06", "S11"):
        row = mention(m, sentence_id, "Doha")
        assert (row["role"], row["place_id"], row["actor_id"]) == ("place", "DOHA", "")
    assert mention(m, "S02", "Qatar")["role"] == "place"
    assert mention(m, "S10", "Qatar")["actor_id"] == "QAT"


def test_longest_form_wins(dataset):
    m = dataset.mentions
    assert mention(m, "S01", "Armed Forces of Ukraine")["actor_id"] == "UKRMIL"
    assert mention(m, "S11", "Office of the President of Ukraine")["actor_id"] == "UKROP"
    # "Ukraine" inside those names is not counted again as the state.
    assert not ((m["sentence_id"] == "S11") & (m["surface"] == "Ukraine")).any()
    assert mention(m, "S01", "diplomats and officials")["actor_id"] == "DIPOFF"


def test_every_registered_actor_is_mentioned(dataset):
    mentioned = set(dataset.mentions["actor_id"]) - {""}
    # The twelve rows of actors.csv.
    expected = {"UKR", "UKRMIL", "UKROP", "RUS", "RUSGOV", "PUTIN", "QAT"}
    expected |= {"PARTNERS", "WAPO", "DIPOFF", "DIPSRC", "SOMEOFF"}
    assert set(dataset.registry.actors.index) == expected
    assert mentioned == expected


def test_registry_carries_kind_country_and_code(dataset):
    actors = dataset.registry.actors
    assert actors.loc["UKRMIL", ["kind", "country", "cameo_code"]].tolist() == ["armed forces", "Ukraine", "UKRMIL"]
    assert actors.loc["PUTIN", "kind"] == "head of state"
    assert actors.loc["WAPO", "cameo_code"] == "USAMED"


def test_an_ambiguous_mention_without_a_role_is_an_error(data_copy):
    replace_in(
        data_copy / "mention_roles.csv", 'S09,Doha,1,actor,"the state is addressed: ""Kyiv did not warn Doha"""\n', ""
    )
    with pytest.raises(
        AnnotationError, match=r"mention_roles.csv: S09 'Doha' #1: this form names an actor and a place"
    ):
        find_mentions(load_article(data_copy), registry_of(data_copy), data_copy)


def test_a_role_for_a_mention_that_does_not_exist_is_an_error(data_copy):
    with (data_copy / "mention_roles.csv").open("a") as handle:
        handle.write("S12,Doha,1,place,no Doha in S12\n")
    with pytest.raises(AnnotationError, match="S12 'Doha' #1: no such ambiguous mention"):
        find_mentions(load_article(data_copy), registry_of(data_copy), data_copy)


def test_a_bad_role_is_an_error(data_copy):
    replace_in(data_copy / "mention_roles.csv", "S10,Qatar,1,actor", "S10,Qatar,1,venue")
    with pytest.raises(AnnotationError, match="mention_roles.csv: line 7: role must be 'actor' or 'place'"):
        find_mentions(load_article(data_copy), registry_of(data_copy), data_copy)


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            "RUSGOV,Russian officials,government body",
            "RUSGOV,Russian officials,ministry",
            "RUSGOV: unknown kind 'ministry'",
        ),
        ("Russia;Moscow", "Russia;Moscow;Kyiv", "RUS: alias 'Kyiv' already belongs to UKR"),
        (
            "PUTIN,Vladimir Putin,head of state,Russia,RUSGOV",
            "UKR,Vladimir Putin,head of state,Russia,RUSGOV",
            r"line 7 \(actor_id=UKR\): duplicate actor_id",
        ),
        ("QAT,Qatar,state,Qatar,QAT,mediator", "QAT,Qatar,state,Qatar,QAT,broker", "QAT: unknown side 'broker'"),
    ],
)
def test_a_broken_registry_is_an_error(data_copy, old, new, problem):
    replace_in(data_copy / "actors.csv", old, new)
    with pytest.raises(AnnotationError, match=problem) as error:
        registry_of(data_copy)
    assert "actors.csv" in str(error.value)


def test_a_ragged_csv_row_is_an_error(data_copy):
    replace_in(data_copy / "places.csv", "DOHA,Doha,Qatar,Doha", "DOHA,Doha,Qatar")
    with pytest.raises(AnnotationError, match="places.csv: line 4: expected 4 fields"):
        registry_of(data_copy)
