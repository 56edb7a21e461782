import pytest

from analysis.text.codebook import load_codebook, quad_class_of, sign_of
from analysis.text.records import AnnotationError

from .conftest import replace_in


@pytest.mark.parametrize(
    "code, quad",
    [("013", 1), ("057", 1), ("0871", 2), ("090", 2), ("111", 3), ("145", 3), ("164", 4), ("190", 4), ("204", 4)],
)
def test_quad_class_follows_gdelt_root_ranges(code, quad):
    assert quad_class_of(code) == quad


def test_sign_splits_cooperation_from_conflict():
    assert [sign_of(q) for q in (1, 2, 3, 4)] == ["cooperation", "cooperation", "conflict", "conflict"]


def test_codebook_has_the_published_goldstein_scores():
    cameo = load_codebook().cameo
    # Values of CAMEO.goldsteinscale.txt as listed in shared/NOTES.md.
    expected = {
        "036": 4.0,
        "040": 1.0,
        "045": 5.0,
        "046": 7.0,
        "111": -2.0,
        "124": -4.0,
        "125": -5.0,
        "164": -7.0,
        "190": -10.0,
    }
    assert {code: cameo.loc[code, "goldstein"] for code in expected} == expected


def test_statuses_are_ordered_and_split_realized_from_not():
    codebook = load_codebook()
    assert codebook.status_order == [
        "occurred",
        "ongoing",
        "planned",
        "postponed",
        "cancelled",
        "hypothetical",
        "negated",
    ]
    assert [s for s in codebook.status_order if codebook.realized(s)] == ["occurred", "ongoing"]


@pytest.mark.parametrize(
    "file, old, new, problem",
    [
        (
            "cameo_codebook.csv",
            "190,Use conventional military force,-10.0,4",
            "190,Use conventional military force,-10.0,3",
            "190: quad class 3 disagrees with root 19",
        ),
        ("cameo_codebook.csv", "164,Halt negotiations,-7.0", "164,Halt negotiations,-17.0", "outside -10..10"),
        ("cameo_codebook.csv", "036,Express", "36,Express", "36: a CAMEO code is 3 or 4 digits"),
        ("statuses.csv", "negated,no", "negated,maybe", "negated: realized must be yes or no"),
        ("link_relations.csv", "caused,target_after_source", "caused,sometimes", "caused: time_rule must be"),
        ("statuses.csv", "occurred,yes,from_end", "occurred,yes,sometimes", "occurred: tie must be"),
    ],
)
def test_a_broken_vocabulary_is_an_error(vocab_copy, file, old, new, problem):
    replace_in(vocab_copy / file, old, new)
    with pytest.raises(AnnotationError, match=problem) as error:
        load_codebook(vocab_copy)
    assert file in str(error.value)
