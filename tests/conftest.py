"""Shared fixtures and helpers: the article these tests check (whatever $ARTICLE says), and throwaway copies of its folder
and of the shared vocabularies that a test may break on purpose."""

import shutil
import subprocess
import sys
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


# CAMEO's published Goldstein scale (CAMEO.goldsteinscale.txt) with GDELT's quad class of each root, typed by hand
# for every code of data/vocabularies/cameo_codebook.csv.
CAMEO_SCALE = {
    "010": (0.0, 1),
    "013": (0.4, 1),
    "019": (3.4, 1),
    "030": (4.0, 1),
    "036": (4.0, 1),
    "038": (7.0, 1),
    "039": (5.0, 1),
    "040": (1.0, 1),
    "045": (5.0, 1),
    "046": (7.0, 1),
    "050": (3.5, 1),
    "051": (3.4, 1),
    "057": (8.0, 1),
    "061": (6.4, 2),
    "0841": (7.0, 2),
    "0871": (9.0, 2),
    "1056": (-5.0, 3),
    "111": (-2.0, 3),
    "112": (-2.0, 3),
    "124": (-4.0, 3),
    "125": (-5.0, 3),
    "164": (-7.0, 4),
    "190": (-10.0, 4),
}

# Actor mentions of the default article counted by reading it (aliases from actors.csv, longest form first; Qatar
# in S02 and Doha in S03, S06, S11 are venues): Ukraine/Kyiv in S01, S05, S07, S09, S10, S12; Russia/Moscow in
# S01, S05; Qatar in S05 and S10, Qatari representatives (S08), Doha and the Qatari side (S09); diplomats in S01, S05.
MENTIONS = {
    "UKR": 6,
    "UKRMIL": 1,
    "UKROP": 1,
    "RUS": 2,
    "RUSGOV": 1,
    "PUTIN": 1,
    "QAT": 5,
    "PARTNERS": 1,
    "WAPO": 1,
    "DIPOFF": 2,
    "DIPSRC": 1,
    "SOMEOFF": 1,
}


def export_cli(article: Path, out: Path, check: bool = True) -> subprocess.CompletedProcess:
    """`python -m analysis export OUT --article ARTICLE` as a user runs it; with `check`, it must succeed."""
    command = [sys.executable, "-m", "analysis", "export", str(out), "--article", str(article)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert not check or result.returncode == 0, result.stderr
    return result
