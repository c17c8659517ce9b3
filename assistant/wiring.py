"""The one composition root: builds the stores, backends, router and assistant from settings.

Nothing else constructs services, so a reader finds here which
implementation each setting selects, and tests build the same graph with
their own settings.
"""

from __future__ import annotations

from .answering import AnswerBackend, ExtractiveAnswerer, ExtractiveBackend
from .config import Settings
from .embeddings import SentenceTransformerEmbeddings, get_embeddings
from .ingestion import ensure_ingested
from .retrieval import Retriever
from .routing import Router
from .schema import Passage
from .service import Assistant
from .store import VectorStore

SENTENCE_WARM_UP_CHUNKS = 2_000
"""Up to this many chunks, a start embeds every chunk's sentences for the extractive
answer before it reports ready (a few seconds for the default corpus), so the first
wave of visitors does not queue behind those model calls (docs/performance.md, load).
Larger corpora embed them on first use."""


def build_backend(settings: Settings, embeddings: SentenceTransformerEmbeddings) -> AnswerBackend:
    """The answer backend the settings choose (``extractive``, or ``llm`` over extractive)."""
    extractive = ExtractiveBackend(
        ExtractiveAnswerer(embeddings, max_sentences=settings.max_answer_sentences)
    )
    if settings.answer_backend == "llm":
        from .answering.llm import LLMBackend

        backend = LLMBackend(settings, fallback=extractive)
        backend.warm_up()
        return backend
    return extractive


def build_assistant(
    settings: Settings,
    *,
    embeddings: SentenceTransformerEmbeddings | None = None,
    ingest_if_needed: bool = True,
    progress: bool = True,
) -> Assistant:
    """Wire the services together from settings, ingesting the corpus first if needed.

    Returns once the lexical index is loaded (built and persisted only if the
    corpus changed since it was saved) and the router is warm, so the first
    question is served like any other.
    """
    emb = embeddings or get_embeddings(settings.embedding_model)
    if ingest_if_needed:
        ensure_ingested(settings, emb, progress=progress)
    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    retriever = Retriever(settings, store, emb)
    retriever.warm_up()  # the lexical index is loaded (or built once) before ready
    router = Router(settings, emb)
    router.warm_up()
    backend = build_backend(settings, emb)
    # An LLM backend answers extractively when the model is slow or down: warm that too.
    extractive = getattr(backend, "fallback", backend)
    if isinstance(extractive, ExtractiveBackend) and store.count() <= SENTENCE_WARM_UP_CHUNKS:
        extractive.answerer.warm_up([Passage(c, 0.0) for c in store.all_chunks()])
    return Assistant(settings, router, retriever, backend)
