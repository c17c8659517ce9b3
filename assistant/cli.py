"""The one command tree: ``assistant ask | ingest | serve | db ... | staff ...``.

Installed as the ``assistant`` command (``[project.scripts]``); also run as
``python -m assistant ...``. ``python ingest.py`` and ``python app.py`` are
thin wrappers over ``ingest`` and ``serve``.

Exit codes: 0 done; 1 some files failed to ingest (each listed); 2 usage or
configuration errors.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pydantic import ValidationError

from .config import Settings, load_settings

if TYPE_CHECKING:
    from .ingestion import IngestReport

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


def _store_error() -> type[Exception]:
    """The vector store's error type, imported (with Chroma) only when an error is caught:
    an except clause is evaluated then, so a no-op ``ingest.py`` never imports Chroma."""
    from .store import StoreError

    return StoreError


def ingest_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest.py",
        description=(
            "Load documents into the vector store; only changes are embedded. With no "
            "arguments: the corpus folders (ASSISTANT_CORPUS_DIR, ASSISTANT_CORPUS_DIRS). "
            "Sources added from elsewhere stay until removed with --remove."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the corpus folders)"
    )
    parser.add_argument(
        "--url",
        action="append",
        default=[],
        metavar="URL",
        help="fetch a web page (HTML or PDF) and ingest it; repeatable",
    )
    parser.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="fetch every page a sitemap lists on its own site; repeatable",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="re-fetch every web page already ingested (unchanged pages cost a 304)",
    )
    parser.add_argument(
        "--list", action="store_true", help="list ingested sources (origin, chunks, date)"
    )
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")
    parser.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="SOURCE",
        help="remove a source by source id, URL or path (a folder: every source in it)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="re-embed every registered source and the given folders into a fresh collection",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would change; write nothing"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def _ingest_usage_error(args: argparse.Namespace) -> str | None:
    web = bool(args.url or args.sitemap or args.refresh)
    if args.list and (args.paths or web or args.remove or args.rebuild or args.dry_run):
        return "--list cannot be combined with other actions"
    if args.json and not args.list:
        return "--json goes with --list"
    if args.remove and (args.paths or web or args.rebuild):
        return "--remove cannot be combined with paths, --url, --sitemap, --refresh or --rebuild"
    from .fetch import check_url

    for url in [*args.url, *args.sitemap]:
        try:
            check_url(url)
        except ValueError as exc:
            return str(exc)
    return None


def _print_sources(settings: Settings, as_json: bool) -> int:
    from .ingestion import list_sources
    from .sources import describe

    records, model = list_sources(settings)
    total = sum(r.chunk_count for r in records)
    if as_json:
        rows = [
            {
                **r.to_dict(),
                "missing": r.path is not None and not r.path.exists(),
            }
            for r in records
        ]
        print(
            json.dumps(
                {
                    "collection": settings.collection,
                    "embedding_model": model,
                    "sources": rows,
                    "total_chunks": total,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    if not records:
        print("no sources ingested yet; run `ingest.py` (the corpus folders), a folder or --url")
        return EXIT_OK
    table = [("SOURCE", "ORIGIN", "CHUNKS", "INGESTED (UTC)")]
    for r in records:
        missing = " (file missing)" if r.path is not None and not r.path.exists() else ""
        when = r.ingested_at.replace("T", " ").removesuffix("+00:00")
        table.append((r.source_id + missing, describe(r), str(r.chunk_count), when))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for source, origin, chunks, when in table:
        line = f"{source:<{widths[0]}}  {origin:<{widths[1]}}  {chunks:>{widths[2]}}  {when}"
        print(line.rstrip())
    print(f"{len(records)} sources, {total} chunks")
    return EXIT_OK


def run_ingest(argv: Sequence[str] | None = None) -> int:
    parser = ingest_parser()
    args = parser.parse_args(argv)
    problem = _ingest_usage_error(args)
    if problem:
        parser.error(problem)  # exits with EXIT_USAGE
    settings = _settings_or_exit()
    from .ingestion import SourceNotFound, ingest, remove

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.list:
            return _print_sources(settings, args.json)
        if args.remove:
            report = remove(settings, args.remove, dry_run=args.dry_run)
        else:
            report = ingest(
                settings,
                args.paths or None,
                urls=args.url,
                sitemaps=args.sitemap,
                refresh=args.refresh,
                rebuild=args.rebuild,
                dry_run=args.dry_run,
                progress=not args.quiet,
            )
    except (_store_error(), SourceNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FileNotFoundError as exc:
        print(f"error: {exc} (check ASSISTANT_CORPUS_DIR / ASSISTANT_CORPUS_DIRS)", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted: what was written is kept; run again to finish", file=sys.stderr)
        return 130
    if not args.dry_run:
        _index_sentences(settings, report)
    for change in report.changes:
        if change.kind != "unchanged" or args.dry_run:
            counts = f"+{len(change.to_add)} / -{len(change.to_delete)} chunks"
            print(f"{change.kind:>9}  {change.source_id}  ({counts})")
    for note in report.notes:
        print(f"     note  {note}")
    for failure in report.failed:
        print(f"   failed  {failure}", file=sys.stderr)
    print(report.summary())
    return EXIT_FAILED_FILES if report.failed else EXIT_OK


def _index_sentences(settings: Settings, report: IngestReport) -> None:
    """Compute the sentence vectors of what was written (and of any chunk still without
    them), so answering embeds nothing but the message."""
    from .sentence_store import in_line_with_registry

    if not report.changed and in_line_with_registry(settings, settings.embedding_model):
        return  # a no-op ingest: no model, no Chroma
    from .embeddings import embeddings_for
    from .wiring import index_sentences

    started = time.perf_counter()
    emb = embeddings_for(settings)
    embedded = index_sentences(settings, emb, report, check_all_up_to=None)
    if embedded:
        report.notes.append(
            f"sentence vectors: {embedded} sentences embedded for the extractive answer "
            f"({time.perf_counter() - started:.1f} s)"
        )


def run_ask(args: argparse.Namespace) -> int:
    settings = _settings_or_exit()
    from .schema import Turn
    from .store import StoreError
    from .wiring import build_assistant

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
    print(f"\nroute: {route}; backend: {reply.backend_label}; ms: {timings}")
    return EXIT_OK


def serve_parser(prog: str = "assistant serve") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Serve the oncology massage chat app.")
    parser.add_argument(
        "--host", help="interface to listen on (default: ASSISTANT_HOST or 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, help="port to listen on (default: ASSISTANT_PORT or 7860)"
    )
    return parser


def run_serve(argv: Sequence[str] | None = None, prog: str = "assistant serve") -> int:
    parser = serve_parser(prog)
    args = parser.parse_args(argv)
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port must be between 1 and 65535")
    settings = _settings_or_exit()
    from .web import serve

    serve(settings, host=args.host, port=args.port)
    return EXIT_OK


def db_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant db", description="Maintain the conversation database."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the schema to the newest migration")
    purge = commands.add_parser("purge", help="delete conversations older than N days")
    purge.add_argument("--days", type=int, help="default: ASSISTANT_RETENTION_DAYS")
    revision = commands.add_parser("revision", help="autogenerate a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    return parser


def run_db(argv: Sequence[str] | None = None) -> int:
    parser = db_parser()
    args = parser.parse_args(argv)
    settings = _settings_or_exit()
    from .conversations.maintenance import run_db_command

    try:
        print(
            run_db_command(
                args.command,
                settings,
                days=getattr(args, "days", None),
                message=getattr(args, "message", None),
            )
        )
    except ValueError as exc:
        parser.error(str(exc))
    return EXIT_OK


def run_staff(argv: Sequence[str] | None = None) -> int:
    from .staff.commands import run_staff_command

    return run_staff_command(list(argv or []), _settings_or_exit())


def run_widget_snippet(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="assistant widget-snippet",
        description="Print the widget's script tag (versioned URL, sha384 integrity hash) and"
        " the host page's Content-Security-Policy, for the chat's public address.",
    )
    parser.add_argument(
        "--origin", required=True, help="the chat's public address, e.g. https://chat.example.org"
    )
    args = parser.parse_args(argv)
    parts = urlsplit(args.origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        parser.error("--origin must be like https://chat.example.org (no path)")
    settings = _settings_or_exit()
    from .web.app import widget_snippet

    print(widget_snippet(settings, f"{parts.scheme}://{parts.netloc}"))
    return EXIT_OK


def run_export_onnx(args: argparse.Namespace) -> int:
    """Export the configured embedding model to ONNX (``ASSISTANT_EMBEDDING_BACKEND=onnx``
    serves it); a start that needs the file and finds none exports it the same way."""
    settings = _settings_or_exit()
    from .embeddings import resolve_model_path
    from .onnx_model import export, exported_path

    model_dir = Path(resolve_model_path(settings.embedding_model))
    if not model_dir.is_dir():
        print(
            f"error: embedding model {settings.embedding_model!r} is not a local folder",
            file=sys.stderr,
        )
        return EXIT_USAGE
    target = exported_path(settings.onnx_dir, settings.embedding_model, model_dir)
    if target.is_file() and not args.force:
        print(f"up to date: {target}")
        return EXIT_OK
    started = time.perf_counter()
    export(model_dir, target)
    print(
        f"exported {settings.embedding_model} to {target} ({time.perf_counter() - started:.1f} s)"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="assistant", description="Oncology massage assistant: cited answers, safety routing."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question from the command line")
    ask.add_argument("question")
    ask.add_argument("--after", action="append", help="an earlier message in the same conversation")
    ask.add_argument("--json", action="store_true", help="print the structured result")
    sub.add_parser("ingest", help="load corpus files into the vector store", add_help=False)
    sub.add_parser("serve", help="serve the chat page, API and widget", add_help=False)
    sub.add_parser("db", help="migrate or purge the conversation database", add_help=False)
    sub.add_parser("staff", help="manage staff accounts for /staff", add_help=False)
    sub.add_parser(
        "widget-snippet",
        help="print the widget's script tag with its integrity hash",
        add_help=False,
    )
    export_onnx = sub.add_parser(
        "export-onnx",
        help="export the embedding model to ONNX for ASSISTANT_EMBEDDING_BACKEND=onnx",
    )
    export_onnx.add_argument("--force", action="store_true", help="export again even if present")
    argv = list(sys.argv[1:] if argv is None else argv)
    delegated = {
        "ingest": run_ingest,
        "serve": run_serve,
        "db": run_db,
        "staff": run_staff,
        "widget-snippet": run_widget_snippet,
    }
    if argv[:1] and argv[0] in delegated:
        return delegated[argv[0]](argv[1:])
    args = parser.parse_args(argv)
    if args.command == "export-onnx":
        return run_export_onnx(args)
    return run_ask(args)
