"""Shared fixtures: the article these tests check (whatever $ARTICLE says), and throwaway copies of its folder
and of the shared vocabularies that a test may break on purpose."""

import shutil
from pathlib import Path

import matplotlib
import pytest

from analysis.tables.events import load_dataset
from analysis.text.actors import load_registry
from analysis.text.records import ARTICLES_DIR, VOCABULARY_DIR
from analysis.text.story import load_story

KURSK = ARTICLES_DIR / "kursk-qatar"

matplotlib.use("Agg")  # figures are drawn, never shown


@pytest.fixture(scope="session")
def dataset():
    return load_dataset(KURSK)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "kursk-qatar"
    shutil.copytree(KURSK, target)
    return target


@pytest.fixture
def vocab_copy(tmp_path) -> Path:
    target = tmp_path / "vocabularies"
    shutil.copytree(VOCABULARY_DIR, target)
    return target


def registry_of(folder: Path):
    """The actor and place registry of an article folder, with its story's sides."""
    return load_registry(folder, load_story(folder).side_labels)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a copied data file, failing if the text to replace is not there (so the test cannot pass vacuously)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def add_link(data_dir: Path, source: str, target: str, relation: str, sentence: str, quote: str) -> None:
    """Append a [[link]] to a copied events.toml."""
    with (data_dir / "events.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            f'[[link]]\nsource = "{source}"\ntarget = "{target}"\nrelation = "{relation}"\n'
            f'evidence = {{ sentence = "{sentence}", quote = "{quote}" }}\n'
        )
