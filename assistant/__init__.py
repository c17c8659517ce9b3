"""Oncology massage assistant: cited answers from a corpus, with safety routing.

The public API is small; everything else is private to the package.
"""

from .config import Settings, load_settings
from .schema import Citation, Reply, Route, RouteDecision, Turn

__all__ = [
    "Citation",
    "Reply",
    "Route",
    "RouteDecision",
    "Settings",
    "Turn",
    "build_assistant",
    "ingest",
    "load_settings",
]


def build_assistant(settings: Settings, **kwargs):  # type: ignore[no-untyped-def]
    """Build the answer service (imported lazily: it loads heavy libraries)."""
    from .wiring import build_assistant as _build

    return _build(settings, **kwargs)


def ingest(settings: Settings, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Bring the vector store in line with the corpus (see ``assistant.ingestion``)."""
    from .ingestion import ingest as _ingest

    return _ingest(settings, *args, **kwargs)
