"""Other tellings on a small hand-made set for the fictional article: validation, the final matrix after
resolution, agreement measures checked against hand computations, orderings and the citation path."""

import shutil

import pytest

from analysis.external.agreement import agreement_table, cohen_kappa, krippendorff_alpha
from analysis.external.tellings import (
    against_reference,
    citation_graph,
    coverage_by,
    kept_by_all,
    load_tellings,
    path_to_article,
    similarity_order,
)
from analysis.tables.events import load_dataset
from analysis.text.records import ARTICLES_DIR, AnnotationError

from .conftest import replace_in

OSSA = ARTICLES_DIR / "ossa-talks-fictional"
CODES = "code,description,rule\ncarried,as the original,x\nhedged,softer,x\nhardened,stronger,x\nabsent,not there,x\n"
LEVELS = "level,rank,description\ncould affect,1,x\nreportedly,2,x\nas fact,3,x\n"
TELLINGS = """telling_id,outlet,country,language,camp,published,url,read_via,cites,is_article,note
T01,Harbour Courier,Valdoria,English,Western,2025-03-14,https://example.org/t1,,,no,
T02,Norland Daily,Norland,Norlandic,other,2025-03-15,https://example.org/t2,,T01,no,
T03,Estmark Wire,Estmark,Estish,other,2025-03-15,https://example.org/t3,,T02,yes,
"""
CLAIMS = "claim_id,article_ref,paraphrase\nC01,E03->E01,The withdrawal moved the talks\nC02,E10,Data will be shared\n"
CODING_A = """telling_id,claim_id,code,evidence,cue
T01,C01,carried,moved the talks,moved
T01,C02,carried,QUOTED,agreed
T02,C01,hedged,reportedly moved,reportedly
T02,C02,absent,,
T03,C01,hardened,moved the talks for good,for good
T03,C02,absent,,
"""
CODING_A = CODING_A.replace("QUOTED", '"""agreed to share data"""')  # a quote, in CSV's doubled quotes
CODING_B = CODING_A.replace("T02,C01,hedged,reportedly moved,reportedly", "T02,C01,carried,moved,moved")
CERTAINTY_A = "telling_id,level,cue\nT01,reportedly,officials say\nT02,reportedly,reportedly\nT03,as fact,says\n"
CERTAINTY_B = CERTAINTY_A
RESOLUTION = (
    "item,telling_id,code_a,code_b,final,reason\nC01,T02,hedged,carried,hedged,the word reportedly softens it\n"
)


@pytest.fixture
def folders(tmp_path):
    article = tmp_path / "ossa"
    shutil.copytree(OSSA, article)
    tellings = article / "tellings"
    tellings.mkdir()
    for name, text in (
        ("tellings.csv", TELLINGS),
        ("claims.csv", CLAIMS),
        ("coding_a.csv", CODING_A),
        ("coding_b.csv", CODING_B),
        ("certainty_a.csv", CERTAINTY_A),
        ("certainty_b.csv", CERTAINTY_B),
        ("resolution.csv", RESOLUTION),
    ):
        (tellings / name).write_text(text, encoding="utf-8")
    vocab = tmp_path / "vocabularies"
    vocab.mkdir()
    (vocab / "telling_codes.csv").write_text(CODES)
    (vocab / "certainty_levels.csv").write_text(LEVELS)
    return article, vocab


def loaded(folders):
    article, vocab = folders
    return load_tellings(load_dataset(article), vocab)


def test_kappa_and_alpha_match_hand_computations():
    a, b = list("xxyyx"), list("xyyyx")
    # Observed agreement 4/5; chance from the marginals (x 3/5 vs 2/5, y 2/5 vs 3/5): 12/25; kappa = .32/.52.
    assert cohen_kappa(a, b) == pytest.approx(0.32 / 0.52)
    # Pooled values x 5, y 5 (n = 10); one disagreeing unit gives two coincidences: alpha = 1 - 9 * 2 / (2 * 25).
    assert krippendorff_alpha(a, b) == pytest.approx(0.64)
    assert krippendorff_alpha(list("xyz"), list("xyz")) == 1.0 and cohen_kappa(list("xx"), list("xx")) == 1.0
    with pytest.raises(ValueError):
        cohen_kappa(["x"], [])


def test_the_final_matrix_takes_the_resolution(folders):
    tellings = loaded(folders)
    final = tellings.final()
    assert final.loc["T02", "C01"] == "hedged" and final.loc["T03", "C01"] == "hardened"
    assert tellings.article_telling == "T03" and tellings.reference == "T01"
    assert list(tellings.final_certainty()) == ["reportedly", "reportedly", "as fact"]


def test_agreement_per_code(folders):
    tellings = loaded(folders)
    a, b = (tellings.codings[c].set_index(["telling_id", "claim_id"])["code"] for c in ("a", "b"))
    table = agreement_table(a, b, list(tellings.codes.index))
    assert table.loc["all codes", "agreement"] == round(5 / 6, 3)
    assert table.loc["absent", "alpha"] == 1.0  # both coders put absent on the same two cells
    assert table.loc["hedged", ["coder_a", "coder_b"]].tolist() == [1, 0]


def test_what_the_article_changed_and_what_everyone_kept(folders):
    tellings = loaded(folders)
    final = tellings.final()
    changed = against_reference(final, "T01", tellings.article_telling)
    assert changed.to_dict(orient="index") == {
        "C01": {"reference": "carried", "telling": "hardened"},
        "C02": {"reference": "carried", "telling": "absent"},
    }
    assert kept_by_all(final) == ["C01"]
    assert similarity_order(final, "T01") == ["T01", "T02", "T03"]
    shares = coverage_by(final, tellings.tellings["camp"], list(tellings.codes.index))
    assert shares.loc["other", "absent"] == 0.5 and shares.loc["Western", "carried"] == 1.0


def test_the_path_from_the_original_to_the_article(folders):
    tellings = loaded(folders)
    assert path_to_article(tellings) == ["T03", "T02", "T01"]
    assert citation_graph(tellings).number_of_edges() == 2


@pytest.mark.parametrize(
    "file, old, new, problem",
    [
        (
            "coding_a.csv",
            "T02,C01,hedged",
            "T02,C01,softened",
            "coding_a.csv: line 4 (T02 x C01): code 'softened' is not in the codebook",
        ),
        ("claims.csv", "Data will be shared", "", "claims.csv: C02: no paraphrase"),
        ("tellings.csv", "https://example.org/t2", "", "tellings.csv: T02: no url"),
        (
            "tellings.csv",
            "2025-03-15,https://example.org/t3",
            "March 2025,https://example.org/t3",
            "tellings.csv: T03: needs an http(s) url and a published date",
        ),
        ("coding_b.csv", "T03,C02,absent", "T03,C09,absent", "coding_b.csv: line 7 (T03 x C09): unknown claim 'C09'"),
        ("coding_a.csv", "T03,C02,absent,,\n", "", "coding_a.csv: matrix: 1 empty cell(s), e.g. T03 x C02"),
        (
            "resolution.csv",
            "C01,T02,hedged,carried,hedged,the word reportedly softens it\n",
            "",
            "resolution.csv: file: 1 disagreement(s) unresolved, e.g. C01 x T02",
        ),
        ("coding_a.csv", '""agreed to share data""', '""' + "word " * 13 + '""', "a quote of 13 words"),
    ],
)
def test_bad_tellings_input_is_an_error(folders, file, old, new, problem):
    replace_in(folders[0] / "tellings" / file, old, new)
    with pytest.raises(AnnotationError) as error:
        loaded(folders)
    assert problem in str(error.value)


def test_the_figures_draw_with_the_article_marked(folders):
    import matplotlib.pyplot as plt

    from analysis.figures import tellings as figs

    tellings = loaded(folders)
    story = load_dataset(folders[0]).story
    final = tellings.final()
    fig = figs.plot_coverage(final, tellings, similarity_order(final, "T01"), story)
    bold = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["T03 Estmark Wire (Estish)"]
    plt.close(fig)
    fig = figs.plot_certainty(tellings.final_certainty(), tellings, story)
    assert [p.get_width() for p in fig.axes[0].patches] == [2, 2, 3]
    plt.close(fig)
    fig = figs.plot_citations(tellings, story)
    widths = sorted(round(p.get_linewidth(), 1) for p in fig.axes[0].patches if hasattr(p, "get_arrowstyle"))
    assert widths == [2.4, 2.4]  # both steps of the path T03 -> T02 -> T01 drawn in black and wide
    plt.close(fig)


def test_an_article_without_tellings_gets_empty_tables_and_a_note_in_each_figure():
    import matplotlib.pyplot as plt

    from analysis.figures import tellings as figs

    dataset = load_dataset(OSSA)
    tellings = load_tellings(dataset)
    assert not tellings.present and tellings.final().empty and similarity_order(tellings.final(), "") == []
    for fig in (
        figs.plot_coverage(tellings.final(), tellings, [], dataset.story),
        figs.plot_certainty(tellings.final_certainty(), tellings, dataset.story),
        figs.plot_citations(tellings, dataset.story),
    ):
        assert any("No other tellings" in t.get_text() for t in fig.axes[0].texts)
        plt.close(fig)


def test_a_cell_a_coder_could_not_read_is_left_out_of_agreement(folders):
    replace_in(folders[0] / "tellings" / "coding_b.csv", "T03,C02,absent,,", "T03,C02,,not read: no stored copy,")
    tellings = loaded(folders)
    a, b = (tellings.codings[c].set_index(["telling_id", "claim_id"])["code"] for c in ("a", "b"))
    assert agreement_table(a, b, list(tellings.codes.index)).loc["all codes", "units"] == 5


def test_coder_a_must_code_every_cell(folders):
    replace_in(folders[0] / "tellings" / "coding_a.csv", "T03,C02,absent,,", "T03,C02,,not read,")
    with pytest.raises(AnnotationError, match="coding_a.csv: matrix: coder A left cells uncoded"):
        loaded(folders)
