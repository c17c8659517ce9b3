"""Answer backends: the contract (``base``), the extractive default, the optional LLM.

Every backend returns cited sentences (``schema.Draft``); citations are made
in one place (``citations``) and every shown sentence passes the same filter
(``passage_filter``).
"""

from .base import AnswerBackend, draft_lines
from .extractive import ExtractiveAnswerer, ExtractiveBackend

__all__ = ["AnswerBackend", "ExtractiveAnswerer", "ExtractiveBackend", "draft_lines"]
