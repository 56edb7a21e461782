"""Benchmarks: how long the notebooks, the export, the library build and the machine draft take, and how the
build and the draft scale.

Run with `make bench` (or `python -m analysis.bench [--rounds N]`). It prints plain text and writes nothing in
the repository (temporary folders only). It is a measurement, not a test: the exit status is 0 whether or not
the notebooks stay within budget.

Why a floor: executing a notebook costs a kernel start plus the imports before any analysis runs. The floor is
a one-cell notebook doing only those imports, run in as many fresh kernels, interleaved with the real ones so
that both see the same machine load. The ratio notebook / floor says what the analysis itself adds.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.network.graph import build_actor_graph
from analysis.tables.events import build_event_table, load_dataset
from analysis.text.annotations import EVENTS_FILE
from analysis.text.records import article_dir
from analysis.text.story import STORY_FILE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
BUDGET = 1.3  # notebooks may take at most 1.3x the floor (kernel start and imports) on average
FLOOR_SOURCE = "import pandas\nimport matplotlib.pyplot\nimport networkx\nimport ipywidgets\nimport analysis\n"
SCALE_FACTORS = (1, 10, 100, 1000)
LINEAR_SLACK = 2.0  # growth counts as linear or better if per-event time at 1000x <= 2x that at 10x


# --- synthetic annotations -------------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escapes = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    out = []
    for char in value:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_value(value) -> str:
    """The value types events.toml uses: strings, integers, lists of them, inline tables of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml_value(v)}" for key, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as TOML here")


def _toml_tables(name: str, entries: list[dict]) -> list[str]:
    lines = []
    for entry in entries:
        lines.append(f"[[{name}]]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in entry.items())
        lines.append("")
    return lines


def synthetic_annotations(dataset_dir: Path, factor: int, out_dir: Path) -> Path:
    """Copy `dataset_dir` to `out_dir` with every [[event]] repeated `factor` times under new ids.

    Copy k (0-based) of the n original events gets ids E{k*n+1:04d} .. E{k*n+n:04d} (more digits if needed);
    its quotes, actors, codes, statuses and time expressions are unchanged, so validation still passes, and
    each copy's [[link]]s and summaries are remapped (the story's chains name the first copy) to point within that copy. [[uncoded]] is kept once. Returns out_dir.
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, not {factor}")
    shutil.copytree(dataset_dir, out_dir, dirs_exist_ok=True)
    with (dataset_dir / EVENTS_FILE).open("rb") as handle:
        data = tomllib.load(handle)
    events, links = data.get("event", []), data.get("link", [])
    n = len(events)
    width = max(4, len(str(n * factor)))
    new_events, new_links = [], []
    for copy in range(factor):
        ids = {e["id"]: f"E{copy * n + i:0{width}d}" for i, e in enumerate(events, start=1)}
        new_events.extend(
            {
                **e,
                "id": ids[e["id"]],
                **({"summarises": [ids[s] for s in e["summarises"]]} if "summarises" in e else {}),
            }
            for e in events
        )
        new_links.extend({**link, "source": ids[link["source"]], "target": ids[link["target"]]} for link in links)
    lines = [
        f"# Synthetic: the {n} events of {dataset_dir / EVENTS_FILE} repeated {factor} times (analysis.bench).",
        "",
    ]
    lines += _toml_tables("event", new_events)
    lines += _toml_tables("link", new_links)
    lines += _toml_tables("uncoded", data.get("uncoded", []))
    (out_dir / EVENTS_FILE).write_text("\n".join(lines), encoding="utf-8")
    first_copy = {e["id"]: f"E{i:0{width}d}" for i, e in enumerate(events, start=1)}
    story = (out_dir / STORY_FILE).read_text(encoding="utf-8")
    story = re.sub(r'"(E\d+)"', lambda m: f'"{first_copy.get(m[1], m[1])}"', story)  # chains name the first copy
    (out_dir / STORY_FILE).write_text(story, encoding="utf-8")
    return out_dir


# --- timing helpers --------------------------------------------------------------------------------------


def timed(function: Callable, *args, **kwargs):
    """(seconds, result) of one call, by the monotonic high-resolution clock."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def run_notebook(notebook: nbformat.NotebookNode, cwd: Path) -> float:
    """Seconds to execute `notebook` in a fresh python3 kernel (start, all cells, shutdown)."""
    client = NotebookClient(notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(cwd)}})
    seconds, _ = timed(client.execute)
    return seconds


def floor_notebook() -> nbformat.NotebookNode:
    """The floor: one cell with the imports every notebook pays for, and nothing else."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(FLOOR_SOURCE))
    return notebook


# --- the measurements ------------------------------------------------------------------------------------


def bench_notebooks(paths: list[Path], rounds: int) -> None:
    """Each notebook, then the floor, alternately, `rounds` times over; a table of medians and the ratio."""
    times: dict[str, list[float]] = {p.name: [] for p in paths}
    floors: dict[str, list[float]] = {p.name: [] for p in paths}
    for round_no in range(1, rounds + 1):
        for path in paths:
            times[path.name].append(run_notebook(nbformat.read(path, as_version=4), path.parent))
            floors[path.name].append(run_notebook(floor_notebook(), path.parent))
            print(
                f"  round {round_no}/{rounds}  {path.name:<34} {times[path.name][-1]:6.2f} s"
                f"   floor {floors[path.name][-1]:6.2f} s",
                flush=True,
            )
    print()
    print(f"{'notebook':<34} {'median s':>9} {'floor median s':>15} {'ratio':>7}")
    for path in paths:
        nb, fl = statistics.median(times[path.name]), statistics.median(floors[path.name])
        print(f"{path.name:<34} {nb:9.2f} {fl:15.2f} {nb / fl:7.2f}")
    floor = statistics.median([t for runs in floors.values() for t in runs])
    total = sum(statistics.median(runs) for runs in times.values())
    ratio = total / (floor * len(paths))
    print()
    print(f"floor median (all {sum(len(r) for r in floors.values())} floor runs): {floor:.2f} s")
    print(f"overall ratio: {total:.2f} s / ({floor:.2f} s x {len(paths)}) = {ratio:.2f}")
    print(f"budget: {BUDGET}  ->  {'within budget' if ratio <= BUDGET else 'OVER BUDGET'}")


def bench_export(rounds: int) -> None:
    """`python -m analysis export OUTDIR` as a subprocess into a temporary folder, median of `rounds`."""
    runs = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
            command = [sys.executable, "-m", "analysis", "export", str(Path(tmp) / "out")]
            seconds, _ = timed(subprocess.run, command, cwd=ROOT, check=True, capture_output=True)
            runs.append(seconds)
    print(f"python -m analysis export OUTDIR: median {statistics.median(runs):.2f} s over {rounds} runs")


def build(data_dir: Path) -> dict[str, float]:
    """Seconds for load_dataset, build_event_table and build_actor_graph on one data folder."""
    load, dataset = timed(load_dataset, data_dir)
    table, _ = timed(build_event_table, dataset)
    graph, _ = timed(build_actor_graph, dataset)
    return {"load": load, "table": table, "graph": graph, "total": load + table + graph}


def bench_build(repetitions: int) -> None:
    """The library build in-process on data/, median of `repetitions` (after one warm-up)."""
    build(article_dir())
    runs = [build(article_dir()) for _ in range(repetitions)]
    medians = {step: statistics.median(r[step] for r in runs) for step in runs[0]}
    print(
        f"library build on data/ (median of {repetitions}): load_dataset {medians['load'] * 1000:.1f} ms, "
        f"build_event_table {medians['table'] * 1000:.1f} ms, build_actor_graph {medians['graph'] * 1000:.1f} ms, "
        f"total {medians['total'] * 1000:.1f} ms"
    )


def bench_scaling(factors=SCALE_FACTORS) -> None:
    """The build on synthetic annotations with `factors` times the events; seconds and seconds per event.

    Each factor is timed once, in-process: load_dataset (parse and validate), build_event_table and
    build_actor_graph. Writing the synthetic files is not timed.
    """
    n = len(load_dataset().annotations.events)
    print(f"{'factor':>7} {'events':>7} {'load s':>9} {'table s':>9} {'graph s':>9} {'total s':>9} {'ms/event':>9}")
    per_event = {}
    for factor in factors:
        with tempfile.TemporaryDirectory(prefix=f"bench-x{factor}-") as tmp:
            data_dir = synthetic_annotations(article_dir(), factor, Path(tmp) / "data")
            steps = build(data_dir)
        per_event[factor] = steps["total"] / (n * factor)
        print(
            f"{factor:>7} {n * factor:>7} {steps['load']:9.3f} {steps['table']:9.3f} {steps['graph']:9.3f} "
            f"{steps['total']:9.3f} {per_event[factor] * 1000:9.3f}",
            flush=True,
        )
    if 10 in per_event and 1000 in per_event:
        growth = per_event[1000] / per_event[10]
        verdict = "linear or better" if growth <= LINEAR_SLACK else "worse than linear"
        print(
            f"per-event time at 1000x is {growth:.2f}x that at 10x (linear or better if <= {LINEAR_SLACK}): {verdict}"
        )
        if growth > LINEAR_SLACK:
            exponent = math.log(per_event[1000] / per_event[100]) / math.log(10) + 1
            print(f"  total time grows like events^{exponent:.2f} between 100x and 1000x")


DRAFT_FACTORS = (1, 10, 100)


def bench_drafting(repetitions: int = 3, factors=DRAFT_FACTORS) -> None:
    """The machine draft (`python -m analysis draft`, files written to a temporary folder): of every article
    folder under data/articles/ (median of `repetitions`, each parsing the text afresh; only the time is printed),
    and of the default article's text repeated 1x, 10x and 100x (one folder made by `new`), to show the growth
    with length. The parser's model is loaded once first, and its time printed apart."""

    from analysis.drafting.files import draft
    from analysis.drafting.parser import clear_cache, pipeline
    from analysis.scaffold import scaffold
    from analysis.text.records import ARTICLES_DIR

    seconds, _ = timed(pipeline)
    print(f"parser model loaded in {seconds:.2f} s (once per process)")
    folders = sorted(p for p in ARTICLES_DIR.iterdir() if (p / "article.txt").is_file())
    for folder in folders:
        runs = []
        for _ in range(repetitions):
            clear_cache()  # every run parses the text again
            with tempfile.TemporaryDirectory(prefix="bench-draft-") as tmp:
                seconds, _ = timed(draft, folder, Path(tmp) / "draft")
                runs.append(seconds)
        print(f"draft {folder.name}: median {statistics.median(runs) * 1000:.0f} ms over {repetitions} runs")
    text = (article_dir() / "article.txt").read_text(encoding="utf-8")
    reference = load_dataset().article.reference_date
    print(f"{'factor':>7} {'chars':>9} {'draft s':>9} {'ms/1000 chars':>14}")
    per_char = {}
    for factor in factors:
        with tempfile.TemporaryDirectory(prefix=f"bench-draft-x{factor}-") as tmp:
            source = Path(tmp) / "text.txt"
            source.write_text("\n".join([text] * factor), encoding="utf-8")
            scaffold(source, reference, Path(tmp) / "article")
            clear_cache()
            seconds, _ = timed(draft, Path(tmp) / "article", Path(tmp) / "draft")
        chars = len(text) * factor
        per_char[factor] = seconds / chars
        print(f"{factor:>7} {chars:>9} {seconds:9.3f} {per_char[factor] * 1e6:14.2f}", flush=True)
    if 10 in per_char and 100 in per_char:
        growth = per_char[100] / per_char[10]
        verdict = "linear or better" if growth <= LINEAR_SLACK else "worse than linear"
        print(f"time per character at 100x is {growth:.2f}x that at 10x (linear if <= {LINEAR_SLACK}): {verdict}")


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the results; always exit 0 (a measurement, not a test)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of notebook/floor runs and exports (default 5)")
    parser.add_argument("--repetitions", type=int, default=5, help="repetitions of the in-process build (default 5)")
    parser.add_argument(
        "--factors",
        type=lambda text: tuple(int(f) for f in text.split(",")),
        default=SCALE_FACTORS,
        help="comma-separated scale factors for the synthetic annotations (default 1,10,100,1000)",
    )
    args = parser.parse_args(argv)
    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    print(f"== notebooks: {len(paths)} notebooks and a floor, {args.rounds} rounds, fresh python3 kernels ==")
    bench_notebooks(paths, args.rounds)
    print()
    print("== export and library build ==")
    bench_export(args.rounds)
    bench_build(args.repetitions)
    print()
    print("== scaling: the build on synthetic annotations (every event repeated) ==")
    bench_scaling(args.factors)
    print()
    print("== machine drafts: every article folder, and the default text repeated ==")
    bench_drafting(args.repetitions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
