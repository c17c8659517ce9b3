"""The patient-facing web app: Gradio chat page, JSON API and embeddable widget.

``create_app(settings, assistant, store)`` builds the FastAPI app from its
services; ``serve(settings, host, port)`` builds those services and runs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .collector import paused_then_frozen
from .deferred_imports import defer_callable
from .lean_gradio import prepare_gradio_import, templates_compiled_once

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..config import Settings

__all__ = ["create_app", "serve"]

CHROMA_SPAN_EXPORTER = "opentelemetry.exporter.otlp.proto.grpc.trace_exporter"
"""Imported by ``chromadb.telemetry.opentelemetry`` for ``OTLPSpanExporter`` alone."""


def create_app(settings: Settings, assistant: Any, store: Any) -> FastAPI:
    """Build the app (imported lazily: Gradio is slow to import; lean_gradio.py)."""
    prepare_gradio_import()
    with templates_compiled_once():
        from .app import create_app as _create

    return _create(settings, assistant, store)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Build the services and run the app with uvicorn."""
    from ..pattern_cache import programs_kept

    # no collector passes over the imports (collector.py); the regular expressions they
    # compile are built from the programs an earlier start kept (pattern_cache.py)
    with paused_then_frozen(), programs_kept(settings.data_dir / "cache"):
        _import_for_serving(settings)
    from .app import serve as _serve

    _serve(settings, host, port)


def _import_for_serving(settings: Settings) -> None:
    """Import what ``serve`` runs, in the order that costs least."""
    from .. import page_cache
    from ..text import zipf

    # The data files a start reads are read ahead by the kernel while the imports run.
    page_cache.start(settings)
    prepare_gradio_import()  # before anything below imports Gradio (lean_gradio.py)
    # Chroma imports OpenTelemetry's gRPC span exporter, and gRPC with it (about 0.2 s of
    # CPU and 150 modules), to build one only when a collector endpoint is configured for
    # it, which no setting of this app does; it is imported if it is ever called.
    defer_callable(CHROMA_SPAN_EXPORTER, "OTLPSpanExporter")
    # Word frequencies first, while few modules are loaded: wordfreq's data lookup scans
    # them all (``text.zipf``), 0.4 to 0.6 s of CPU more after Gradio and Chroma.
    zipf("massage")
    with templates_compiled_once():  # Gradio's import renders docstrings (lean_gradio.py)
        from . import app  # noqa: F401
    # What ``app.serve`` imports when it runs (Chroma is in already, through retrieval).
    import uvicorn  # noqa: F401

    from .. import wiring  # noqa: F401
    from ..routing.other_languages import vocabulary

    # The other languages' red flags, compiled here from the kept programs rather than
    # on the router's warm-up thread, where ``re`` would compile them from their text.
    vocabulary()
