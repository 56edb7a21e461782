"""Command line: `python -m analysis export|new|check|draft|evaluate`."""

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
    draft_command = commands.add_parser("draft", help="write a machine draft of an article folder's annotations")
    draft_command.add_argument("article", type=Path, help="a folder made by `new` (article.txt, article_meta.toml)")
    draft_command.add_argument("--out", type=Path, help="where to write the draft (default: ARTICLE/draft)")
    evaluate_command = commands.add_parser("evaluate", help="score a draft folder against a curated (gold) folder")
    evaluate_command.add_argument("draft", type=Path)
    evaluate_command.add_argument("gold", type=Path)
    evaluate_command.add_argument("--out", type=Path, help="also write the scores as CSV files to this folder")
    evaluate_command.add_argument("--details", action="store_true", help="list the matched events, field by field")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            for path in export(args.outdir, load_dataset(args.article)):
                print(path)
        elif args.command == "draft":
            from analysis.drafting.files import DRAFT_DIR, draft

            out = args.out or args.article / DRAFT_DIR
            for path in draft(args.article, out):
                print(path)
            problems = check(out)
            for problem in problems:
                print(f"draft does not load: {problem}", file=sys.stderr)
            print(f"next: review {out} (notes starting 'draft, check:'), copy it over {args.article}, then `check`")
            return 1 if problems else 0
        elif args.command == "evaluate":
            from analysis.drafting.evaluation import evaluate, report, write_csvs

            result = evaluate(args.draft, args.gold)
            print(report(result, details=args.details))
            if args.out:
                for path in write_csvs(result, args.out, details=args.details):
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
