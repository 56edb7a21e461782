"""The article as data: its verified text, metadata, sentences with stable ids, and quote lookup."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from analysis.text.records import AnnotationError, read_toml

META_FILE = "article_meta.toml"

# A sentence runs to the first ., ! or ? (optionally closed by a quote mark) that ends a word, except the period
# of an initial or an abbreviation ("John F. Smith", "the U.S. side", "Mr. Smith", "Joseph R. Smith, Jr. spoke"),
# which ends no sentence, also where it opens the text ("Mr. President. It has been ..."); nor does a period that a
# lowercase word follows on the same line ("at 6:50 p.m. for 30 minutes", "the power sector, etc. in the east").
_ABBREVIATIONS = ("Mr", "Ms", "Mrs", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Amb", "Lt", "Col", "Prof")
_NOT_AN_END = r"(?<![\s.][A-Z])" + "".join(rf"(?<!\s{word})(?<!^{word})" for word in _ABBREVIATIONS)
_SENTENCE = re.compile(rf"\S[^\n]*?{_NOT_AN_END}[.!?][\"\u201d]?(?=\s|$)(?! +[a-z])|\S[^\n]*\S(?=\n|$)")


@dataclass(frozen=True)
class Sentence:
    sentence_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    sentence_id: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    meta: dict

    @property
    def reference_date(self) -> dt.date:
        return self.meta["reference"]["date"]

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def sentence_index(self) -> dict[str, Sentence]:
        return {s.sentence_id: s for s in self.sentences}

    def locate(self, sentence_id: str, quote: str, *, source: Path, record: str, occurrence: int | None = None) -> Span:
        """The article offsets of `quote` in sentence `sentence_id`; errors name `source` (the citing file) and `record`."""
        sentence = self.sentence_index.get(sentence_id)
        if sentence is None:
            raise AnnotationError(source, record, f"unknown sentence id {sentence_id!r}")
        if not quote:
            raise AnnotationError(source, record, "empty quote")
        hits = [m.start() for m in re.finditer(re.escape(quote), sentence.text)]
        if not hits:
            raise AnnotationError(source, record, f"quote {quote!r} is not in {sentence_id}: {sentence.text!r}")
        if occurrence is None and len(hits) > 1:
            raise AnnotationError(source, record, f"quote {quote!r} occurs {len(hits)} times in {sentence_id}")
        index = (occurrence or 1) - 1
        if not 0 <= index < len(hits):
            raise AnnotationError(source, record, f"quote {quote!r} has no occurrence {occurrence} in {sentence_id}")
        start = sentence.start + hits[index]
        return Span(sentence_id, start, start + len(quote), self.text[start : start + len(quote)])


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in reading order, numbered S01, S02, ... with their character offsets."""
    return [
        Sentence(f"S{number:02d}", match.start(), match.end(), match.group())
        for number, match in enumerate(_SENTENCE.finditer(text), start=1)
    ]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_article(data_dir: Path) -> Article:
    """The article of an article folder, refused if missing or if its bytes differ from the recorded SHA-256."""
    meta_path = data_dir / META_FILE
    meta = read_toml(meta_path)
    for key in ("file", "sha256", "reference"):
        if key not in meta:
            raise AnnotationError(meta_path, key, "missing")
    reference = meta["reference"].get("date")
    if not isinstance(reference, dt.date):
        raise AnnotationError(meta_path, "reference.date", f"expected a TOML date, got {reference!r}")
    path = data_dir / meta["file"]
    if not path.is_file():
        raise AnnotationError(path, "article", "file not found")
    digest = sha256_of(path)
    if digest != meta["sha256"]:
        raise AnnotationError(
            path, "article", f"SHA-256 is {digest}, but {meta_path.name} records {meta['sha256']}: the text has changed"
        )
    return Article(path=path, text=path.read_text(encoding="utf-8"), meta=meta)
