"""Command line: `python -m analysis export|new|check`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from analysis.export import export
from analysis.scaffold import check, scaffold
from analysis.tables.events import load_dataset
from analysis.text.records import AnnotationError, article_dir

ARTICLE_HELP = "the article folder: a name under data/articles/ or a path (default: $ARTICLE, else the default)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export_command = commands.add_parser("export", help="write the tables, graph and figures of an article to OUTDIR")
    export_command.add_argument("outdir", type=Path)
    export_command.add_argument("--article", help=ARTICLE_HELP)
    new_command = commands.add_parser("new", help="start an article folder OUTDIR from a text file")
    new_command.add_argument("text", type=Path, help="the article as a UTF-8 text file, copied byte for byte")
    new_command.add_argument("--reference-date", required=True, type=dt.date.fromisoformat, help="YYYY-MM-DD")
    new_command.add_argument("outdir", type=Path)
    check_command = commands.add_parser("check", help="list everything still missing or wrong in an article folder")
    check_command.add_argument("article", nargs="?", help=ARTICLE_HELP)
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            for path in export(args.outdir, load_dataset(args.article)):
                print(path)
        elif args.command == "new":
            for path in scaffold(args.text, args.reference_date, args.outdir):
                print(path)
            print(f"next: fill in the files, then `python -m analysis check {args.outdir}`")
        else:
            folder = article_dir(args.article)
            problems = check(folder)
            for problem in problems:
                print(f"missing or wrong: {problem}")
            print(f"{folder}: {len(problems)} problem(s)" if problems else f"{folder}: loads, ready for the notebooks")
            return 1 if problems else 0
    except AnnotationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
