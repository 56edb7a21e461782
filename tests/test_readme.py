"""The README's "Analyse another article", run as a new user would: every command of the section, in order, on the
fictional article's bare text; the annotation step is played by copying the fictional article's files."""

import hashlib
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FICTIONAL = ROOT / "data" / "articles" / "ossa-talks-fictional"
FOLDER = "build/articles/my-article"
PRODUCTS = [FOLDER, "build/notebooks/my-article", "build/report-my-article", "out/my-article"]


def section_commands() -> list[list[str]]:
    """The shell blocks of the README section, each a list of command lines."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Analyse another article", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [[line.strip() for line in block.splitlines() if line.strip()] for block in blocks]


def run(line: str, text: Path) -> subprocess.CompletedProcess:
    command = shlex.split(line.replace("my-article.txt", str(text)))
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ipynb"))}


@pytest.fixture
def clean_products():
    for path in PRODUCTS:
        shutil.rmtree(ROOT / path, ignore_errors=True)
    yield
    for path in PRODUCTS:
        shutil.rmtree(ROOT / path, ignore_errors=True)


def test_the_readme_walkthrough_runs_from_bare_text_to_notebooks(tmp_path, clean_products):
    start, after_annotating = section_commands()
    assert [c.split()[3] for c in start] == ["new", "check"] and len(after_annotating) == 4
    text = tmp_path / "my-article.txt"
    shutil.copyfile(FICTIONAL / "article.txt", text)
    committed = digest(ROOT / "notebooks")

    scaffolded = run(start[0], text)
    assert scaffolded.returncode == 0, scaffolded.stderr
    folder = ROOT / FOLDER
    assert (folder / "article.txt").read_bytes() == text.read_bytes()
    assert "S09 [" in (folder / "sentences.txt").read_text()
    empty = run(start[1], text)
    assert empty.returncode == 1 and "Traceback" not in empty.stdout + empty.stderr
    missing = [line for line in empty.stdout.splitlines() if line.startswith("missing or wrong: ")]
    assert any("story.toml: party: no [[party]]" in line for line in missing), empty.stdout
    assert any("actors.csv: file: has no records" in line for line in missing), empty.stdout

    for path in FICTIONAL.iterdir():  # the annotation a person would write
        if path.name != "article.txt":
            shutil.copyfile(path, folder / path.name)
    for line in after_annotating:
        result = run(line, text)
        assert result.returncode == 0, f"{line}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"

    assert (ROOT / "out/my-article/events.csv").read_text().count("\n") == 16  # header and 15 events
    executed = sorted((ROOT / "build/notebooks/my-article").glob("*.ipynb"))
    assert [p.name for p in executed] == sorted(digest(ROOT / "notebooks"))
    for path in executed:
        outputs = json.dumps([c.get("outputs", []) for c in json.loads(path.read_text())["cells"]])
        assert "Ossa river talks (fictional)" in outputs and "Qatar" not in outputs, path.name
    assert (ROOT / "build/report-my-article/index.html").exists()
    assert digest(ROOT / "notebooks") == committed  # the committed notebooks are untouched
