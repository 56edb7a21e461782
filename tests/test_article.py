import hashlib
import itertools
import re
from pathlib import Path

import pytest

from analysis.text.article import load_article, split_sentences
from analysis.text.records import AnnotationError

from .conftest import KURSK, replace_in

# The seed's checksum as shared/README.md records it: a byte-for-byte copy has the same one.
RECORDED_SHA256 = "979648998c02297112094b87b171d91808494dde7161a06034fee3aa5eeaeb26"


def test_article_bytes_match_the_recorded_checksum():
    data = (KURSK / "article.txt").read_bytes()
    assert len(data) == 2007
    assert hashlib.sha256(data).hexdigest() == RECORDED_SHA256


def test_metadata_names_the_original_report():
    meta = load_article(KURSK).meta
    report = meta["original_report"]
    assert report["outlet"] == "The Washington Post"
    assert report["published"].isoformat() == "2024-08-17"
    assert report["authors"] == ["Isabelle Khurshudyan", "Siobhán O'Grady", "John Hudson", "Catherine Belton"]
    assert meta["reference"]["date"].isoformat() == "2024-08-17"
    assert meta["sha256"] == RECORDED_SHA256


def test_sentences_tile_the_text():
    article = load_article(KURSK)
    sentences = article.sentences
    # Checked by reading: the article has 15 sentences in 6 paragraphs.
    assert len(sentences) == 15
    assert [s.sentence_id for s in sentences] == [f"S{i:02d}" for i in range(1, 16)]
    for sentence in sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    gaps = [article.text[a.end : b.start] for a, b in itertools.pairwise(sentences)]
    assert all(re.fullmatch(r"\s+", gap) for gap in gaps)
    assert sentences[0].start == 0 and sentences[-1].end == len(article.text)
    assert sentences[7].text.startswith("After this invasion") and sentences[7].text.endswith('"escalation".')


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a closing quote stays with its sentence; a new line starts one
        ('He called it an "escalation". Then he left.\nNew paragraph', ['He called it an "escalation".', "Then he left.", "New paragraph"]),
        # an initial or an abbreviation ends no sentence
        (
            "President Donald J. Trump met Mr. Smith and the U.S. team. Talks ended at noon. Then A.",
            ["President Donald J. Trump met Mr. Smith and the U.S. team.", "Talks ended at noon.", "Then A."],
        ),
        # nor where it opens the text
        ("Mr. President. It has been a month.\nMr. Smith spoke.", ["Mr. President.", "It has been a month.", "Mr. Smith spoke."]),
        # nor does a period a lowercase word follows on the same line; a new line still starts a sentence
        (
            "At 6:50 p.m. for 30 minutes, they met. Aid for the power sector, etc. in Ukraine.\nlisted item",
            ["At 6:50 p.m. for 30 minutes, they met.", "Aid for the power sector, etc. in Ukraine.", "listed item"],
        ),
    ],
)
def test_split_sentences(text, sentences):
    assert [p.text for p in split_sentences(text)] == sentences


def test_locate_returns_article_offsets():
    article = load_article(KURSK)
    span = article.locate("S11", "August 22", source=Path("x"), record="r")
    assert article.text[span.start : span.end] == "August 22"
    assert span.sentence_id == "S11"


@pytest.mark.parametrize(
    "sentence, quote, problem",
    [
        ("S11", "August 23", "is not in S11"),
        ("S99", "August 22", "unknown sentence id"),
        ("S01", "", "empty quote"),
        ("S01", "the", "occurs 3 times"),
    ],
)
def test_locate_rejects_bad_quotes(sentence, quote, problem):
    with pytest.raises(AnnotationError, match=problem) as error:
        load_article(KURSK).locate(sentence, quote, source=Path("events.toml"), record="event E99")
    assert "events.toml: event E99" in str(error.value)


def test_missing_article_is_an_error(data_copy):
    (data_copy / "article.txt").unlink()
    with pytest.raises(AnnotationError, match="article.txt: article: file not found"):
        load_article(data_copy)


def test_altered_article_is_refused(data_copy):
    replace_in(data_copy / "article.txt", "August 22", "August 23")
    with pytest.raises(AnnotationError, match="SHA-256 is .* the text has changed"):
        load_article(data_copy)


def test_missing_reference_date_is_an_error(data_copy):
    replace_in(data_copy / "article_meta.toml", "date = 2024-08-17", 'date = "last Saturday"')
    with pytest.raises(AnnotationError, match="reference.date: expected a TOML date"):
        load_article(data_copy)
