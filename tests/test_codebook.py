import pytest

from analysis.text.codebook import load_codebook, quad_class_of, sign_of
from analysis.text.records import AnnotationError

from .conftest import CAMEO_SCALE, replace_in


# GDELT: roots 01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal conflict, 15-20 material
# conflict; the boundary roots on both sides of each cut.
@pytest.mark.parametrize(
    "code, quad",
    [
        ("010", 1),
        ("013", 1),
        ("050", 1),
        ("057", 1),
        ("060", 2),
        ("0871", 2),
        ("090", 2),
        ("100", 3),
        ("111", 3),
        ("140", 3),
        ("145", 3),
        ("150", 4),
        ("164", 4),
        ("190", 4),
        ("200", 4),
        ("204", 4),
    ],
)
def test_quad_class_follows_gdelt_root_ranges(code, quad):
    assert quad_class_of(code) == quad


@pytest.mark.parametrize("code", ["000", "0001", "210", "2101"])
def test_a_root_outside_01_20_has_no_quad_class(code):
    with pytest.raises(ValueError, match=f"CAMEO root {code[:2]} is outside 01-20"):
        quad_class_of(code)


def test_sign_splits_cooperation_from_conflict():
    assert [sign_of(q) for q in (1, 2, 3, 4)] == ["cooperation", "cooperation", "conflict", "conflict"]


def test_codebook_has_the_published_goldstein_scores():
    cameo = load_codebook().cameo
    # Values of CAMEO.goldsteinscale.txt (those in shared/NOTES.md, the rest read off the published scale), with
    # the quad class of each root (see above), for every code of the codebook.
    assert {code: (row.goldstein, row.quad_class) for code, row in cameo.iterrows()} == CAMEO_SCALE


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
