"""Command line: ``python -m evals run SUITE ... --out DIR`` and ``python -m evals compare``."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals", description="Run evaluation suites against the assistant."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run suites and write report.json/.md/.html")
    run.add_argument("suites", nargs="+", type=Path, metavar="SUITE", help=".jsonl or .yaml")
    run.add_argument("--out", type=Path, required=True, help="folder for the reports")
    run.add_argument("--corpus", type=Path, help="corpus folder instead of the configured one")
    run.add_argument("--data-dir", type=Path, help="data folder (vector store) to use")
    run.add_argument(
        "--extra-corpus",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="add this folder's files to the corpus (copied into a temporary corpus)",
    )
    run.add_argument("--baseline", choices=["naive"], help="also run the naive retrieval")
    run.add_argument(
        "--fail-under",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 if METRIC is below VALUE (repeatable)",
    )
    run.add_argument(
        "--max",
        dest="maximum",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 if METRIC is above VALUE (repeatable)",
    )
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    compare = commands.add_parser("compare", help="metric deltas and flipped cases")
    compare.add_argument("old", type=Path, metavar="OLD/report.json")
    compare.add_argument("new", type=Path, metavar="NEW/report.json")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "compare":
        from .compare import execute_compare

        return execute_compare(args.old, args.new)
    from .runner import RunOptions, execute

    return execute(
        RunOptions(
            suites=args.suites,
            out=args.out,
            corpus=args.corpus,
            data_dir=args.data_dir,
            extra_corpus=args.extra_corpus,
            baseline=args.baseline,
            fail_under=args.fail_under,
            maximum=args.maximum,
            progress=not args.no_progress,
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
