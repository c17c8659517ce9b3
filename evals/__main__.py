"""Command line: ``python -m evals run|rescore|compare|metamorph`` (docs/evaluation.md)."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from .stats import DEFAULT_RESAMPLES, DEFAULT_SEED

EPILOG = """exit codes: 0 every gate held; 1 a gate was missed (compare: a gated metric is
significantly worse); 2 bad suite, report or usage (nothing is run); 3 cases could not
be answered and no --max errors=N gate was given, or the --target did not answer."""


def _gate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-under",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 if METRIC is below VALUE (repeatable)",
    )
    parser.add_argument(
        "--max",
        dest="maximum",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 if METRIC is above VALUE (repeatable)",
    )
    parser.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML here")
    parser.add_argument(
        "--compare-to",
        type=Path,
        metavar="OLD/report.json",
        help="show this earlier run's values, deltas and config differences in the reports",
    )
    _bootstrap_options(parser)


def _bootstrap_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--resamples",
        type=int,
        default=DEFAULT_RESAMPLES,
        help=f"bootstrap resamples for intervals (default {DEFAULT_RESAMPLES})",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"bootstrap seed (default {DEFAULT_SEED}; fixed so intervals are reproducible)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals",
        description="Run evaluation suites against the assistant.",
        epilog=EPILOG,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser(
        "run", help="run suites and write report.json/.md/.html", epilog=EPILOG
    )
    run.add_argument("suites", nargs="*", type=Path, metavar="SUITE", help=".jsonl or .yaml")
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
        "--target",
        metavar="URL",
        help="run against a deployment through POST URL/api/chat instead of in process",
    )
    run.add_argument(
        "--timeout", type=float, default=120.0, help="--target: seconds per request (120)"
    )
    run.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run every case N times and report the cases whose result changes",
    )
    run.add_argument(
        "--replay",
        type=Path,
        metavar="OLD/report.json",
        help="re-score that report's recorded replies instead of running (SUITEs optional)",
    )
    run.add_argument(
        "--approved-db",
        metavar="URL",
        help="serve the staff-approved answers kept in this conversation database "
        "(sqlite:///... or postgresql+psycopg://...), as the app does",
    )
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    _gate_options(run)

    rescore = commands.add_parser(
        "rescore",
        help="judge the replies recorded in a report again, without the assistant",
        epilog=EPILOG,
    )
    rescore.add_argument("report", type=Path, metavar="OLD/report.json")
    rescore.add_argument("--out", type=Path, required=True, help="folder for the new reports")
    rescore.add_argument(
        "--suite",
        dest="suites",
        type=Path,
        action="append",
        default=[],
        metavar="SUITE",
        help="judge against this suite's version of the cases (same ids and turns)",
    )
    _gate_options(rescore)

    compare = commands.add_parser(
        "compare",
        help="metric deltas with bootstrap intervals, changed cases, config differences",
        epilog=EPILOG,
    )
    compare.add_argument("old", type=Path, metavar="OLD/report.json")
    compare.add_argument("new", type=Path, metavar="NEW/report.json")
    compare.add_argument("--md", type=Path, metavar="FILE", help="also write the Markdown here")
    compare.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="also write NEW's HTML report with the comparison section here",
    )
    compare.add_argument(
        "--gate",
        action="append",
        default=[],
        metavar="METRIC",
        help="treat METRIC as gated (besides the gates recorded in either report)",
    )
    _bootstrap_options(compare)

    metamorph = commands.add_parser(
        "metamorph", help="write metamorphic variants of a suite's emergency and crisis cases"
    )
    metamorph.add_argument("suites", nargs="+", type=Path, metavar="SUITE")
    metamorph.add_argument("--out", type=Path, required=True, metavar="FILE.jsonl")
    metamorph.add_argument(
        "--transform",
        action="append",
        default=[],
        metavar="NAME",
        help="only this transformation (repeatable; default: all)",
    )
    metamorph.add_argument(
        "--with-originals", action="store_true", help="write each original before its variants"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "compare":
        from .compare import execute_compare

        return execute_compare(
            args.old,
            args.new,
            markdown=args.md,
            html=args.html,
            gated=args.gate,
            resamples=args.resamples,
            seed=args.seed,
        )
    if args.command == "metamorph":
        from .metamorph import execute_metamorph

        return execute_metamorph(
            args.suites, args.out, args.transform, with_originals=args.with_originals
        )
    from .runner import RunOptions, execute

    common = {
        "out": args.out,
        "fail_under": args.fail_under,
        "maximum": args.maximum,
        "junit": args.junit,
        "compare_to": args.compare_to,
        "resamples": args.resamples,
        "seed": args.seed,
    }
    if args.command == "rescore":
        return execute(RunOptions(suites=args.suites, replay=args.report, progress=False, **common))
    return execute(
        RunOptions(
            suites=args.suites,
            corpus=args.corpus,
            data_dir=args.data_dir,
            extra_corpus=args.extra_corpus,
            baseline=args.baseline,
            progress=not args.no_progress,
            target=args.target,
            timeout_s=args.timeout,
            repeat=args.repeat,
            replay=args.replay,
            approved_db=args.approved_db,
            **common,
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
