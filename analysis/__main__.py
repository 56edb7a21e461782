"""Command line: `python -m analysis export OUTDIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.export import export
from analysis.tables.events import load_dataset
from analysis.text.records import DATA_DIR, AnnotationError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export_command = commands.add_parser("export", help="write the tables, graph and figures to OUTDIR")
    export_command.add_argument("outdir", type=Path)
    export_command.add_argument("--data", type=Path, default=DATA_DIR, help="the curated data folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        for path in export(args.outdir, load_dataset(args.data)):
            print(path)
    except AnnotationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
