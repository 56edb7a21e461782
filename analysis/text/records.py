"""Reading the curated files in data/, with errors that name the file, the record and the problem.

data/vocabularies/ holds what every article shares (CAMEO codebook, statuses, link relations); each folder in
data/articles/ holds one article with everything about it. Which article a run analyses: the one it is given,
else the ARTICLE environment variable (a folder name under data/articles/ or a path), else the one named in
data/articles/default.
"""

from __future__ import annotations

import csv
import os
import tomllib
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
VOCABULARY_DIR = DATA_DIR / "vocabularies"
ARTICLES_DIR = DATA_DIR / "articles"


class AnnotationError(ValueError):
    """Bad input: names the file, the record in it and what is wrong, so a curator can fix it."""

    def __init__(self, path: Path | str, record: str, problem: str):
        self.path = Path(path)
        self.record = record
        self.problem = problem
        super().__init__(f"{self.path}: {record}: {problem}")


def read_csv(path: Path, columns: list[str], allow_empty: bool = False) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts, after checking the header and that no row is ragged; a file with a header
    and no rows is an error unless `allow_empty`."""
    if not path.is_file():
        raise AnnotationError(path, "file", "not found")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            raise AnnotationError(path, "header", f"missing column(s) {', '.join(missing)}")
        rows = []
        for line_no, row in enumerate(reader, start=2):
            if None in row or any(value is None for value in row.values()):
                raise AnnotationError(path, f"line {line_no}", f"expected {len(header)} fields")
            rows.append({key: value.strip() for key, value in row.items()})
    if not rows and not allow_empty:
        raise AnnotationError(path, "file", "has no records")
    return rows


def unique_index(path: Path, rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    """Index rows by a key column, refusing empty and duplicate keys."""
    index: dict[str, dict[str, str]] = {}
    for line_no, row in enumerate(rows, start=2):
        value = row[key]
        if not value:
            raise AnnotationError(path, f"line {line_no}", f"empty {key}")
        if value in index:
            raise AnnotationError(path, f"line {line_no} ({key}={value})", f"duplicate {key}")
        index[value] = row
    return index


def files_state(*folders: Path) -> tuple:
    """The name, size and modification time of every file under the folders: what a result read from them
    depends on, so that a cache within a process is used only while none of them changed."""
    return tuple(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns) for f in folders for p in sorted(f.rglob("*")) if p.is_file()
    )


def read_toml(path: Path) -> dict:
    """A TOML file as a dict; a syntax error is reported with its line and column."""
    if not path.is_file():
        raise AnnotationError(path, "file", "not found")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise AnnotationError(path, "file", f"not valid TOML: {error}") from error


def article_dir(article: str | Path | None = None) -> Path:
    """The folder of the article to analyse: `article` (a folder name under data/articles/ or a path), else
    $ARTICLE, else the folder named in data/articles/default. A folder that does not exist is an error."""
    choice = article or os.environ.get("ARTICLE") or (ARTICLES_DIR / "default").read_text(encoding="utf-8").strip()
    path = Path(choice)
    folder = path if path.is_dir() or path.is_absolute() or len(path.parts) > 1 else ARTICLES_DIR / path
    if not folder.is_dir():
        raise AnnotationError(
            folder, "article", "no such article folder (see data/articles/, or make it with `python -m analysis new`)"
        )
    return folder.resolve()


def check_fields(path: Path, record: str, entry, required: set[str], optional: set[str]) -> None:
    """A TOML record is a table with every required field and no field it does not know."""
    if not isinstance(entry, dict):
        raise AnnotationError(path, record, "expected a table of fields")
    missing, unknown = required - entry.keys(), entry.keys() - required - optional
    if missing:
        raise AnnotationError(path, record, f"missing field(s) {', '.join(sorted(missing))}")
    if unknown:
        raise AnnotationError(path, record, f"unknown field(s) {', '.join(sorted(unknown))}")
