"""Command lines: ``python ingest.py`` and ``python -m assistant ask|ingest``.

Exit codes follow the ingestion contract: 0 all went in, 1 some files
failed (listed), 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from .config import Settings, load_settings
from .store import StoreError

EXIT_OK, EXIT_FAILED_FILES, EXIT_USAGE = 0, 1, 2


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ValidationError as exc:
        errors = "; ".join(
            (f"ASSISTANT_{'_'.join(str(p) for p in e['loc']).upper()}" if e["loc"] else "settings")
            + f": {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        print(f"error: invalid settings: {errors}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def ingest_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest.py",
        description="Load corpus files into the vector store; only changes are embedded.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the corpus folder)"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="re-embed everything into a fresh collection"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would change; write nothing"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def run_ingest(argv: Sequence[str] | None = None) -> int:
    args = ingest_parser().parse_args(argv)
    settings = _settings_or_exit()
    from .ingestion import ingest

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = ingest(
            settings,
            args.paths or None,
            rebuild=args.rebuild,
            dry_run=args.dry_run,
            progress=not args.quiet,
        )
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted: what was written is kept; run again to finish", file=sys.stderr)
        return 130
    for change in report.changes:
        if change.kind != "unchanged" or args.dry_run:
            counts = f"+{len(change.to_add)} / -{len(change.to_delete)} chunks"
            print(f"{change.kind:>9}  {change.source_id}  ({counts})")
    for failure in report.failed:
        print(f"   failed  {failure}", file=sys.stderr)
    print(report.summary())
    return EXIT_FAILED_FILES if report.failed else EXIT_OK


def run_ask(args: argparse.Namespace) -> int:
    settings = _settings_or_exit()
    from .schema import Turn
    from .service import build_assistant

    try:
        assistant = build_assistant(settings, progress=not args.json)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    conversation: list[Turn] = []
    for earlier in args.after or []:
        previous = assistant.answer(conversation, earlier)
        conversation += [Turn("user", earlier), Turn("assistant", previous.text, previous.route)]
    reply = assistant.answer(conversation, args.question)
    if args.json:
        print(json.dumps(reply.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(reply.text)
    if reply.citations:
        print("\nSources:")
        for c in reply.citations:
            where = " > ".join(p for p in (c.title, c.section) if p)
            page = f", page {c.page}" if c.page else ""
            print(f'  [{c.marker}] {where}{page}\n      {c.source_id}\n      "{c.quote}"')
    timings = ", ".join(f"{k} {v:.0f}" for k, v in reply.timings_ms.items())
    route = f"{reply.route.value} ({reply.decision.reason})"
    print(f"\nroute: {route}; backend: {reply.backend}; ms: {timings}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question from the command line")
    ask.add_argument("question")
    ask.add_argument("--after", action="append", help="an earlier message in the same conversation")
    ask.add_argument("--json", action="store_true", help="print the structured result")
    sub.add_parser("ingest", help="same as ingest.py", add_help=False)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["ingest"]:
        return run_ingest(argv[1:])
    args = parser.parse_args(argv)
    return run_ask(args)
