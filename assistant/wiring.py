"""The one composition root: builds the stores, backends, router and assistant from settings.

Nothing else constructs services, so a reader finds here which
implementation each setting selects, and tests build the same graph with
their own settings.
"""

from __future__ import annotations

from .answering import AnswerBackend, ExtractiveAnswerer, ExtractiveBackend
from .config import Settings
from .conversations import ConversationStore
from .conversations.approved import ApprovedAnswerIndex, ApprovedAnswers
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

        return LLMBackend(settings, fallback=extractive)
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
    if isinstance(backend, ExtractiveBackend) and store.count() <= SENTENCE_WARM_UP_CHUNKS:
        backend.answerer.warm_up([Passage(c, 0.0) for c in store.all_chunks()])
    return Assistant(settings, router, retriever, backend)


def with_approved_answers(
    assistant: Assistant, store: ConversationStore, settings: Settings
) -> Assistant:
    """The assistant serving the approved answers kept in ``store`` (staff console), matched
    at ``settings.approved_answer_threshold`` against the turn's own message vector."""
    answers = ApprovedAnswers(store, assistant.retriever.store.get_chunks)
    index = ApprovedAnswerIndex(
        answers, assistant.retriever.embed, settings.approved_answer_threshold
    )
    return assistant.with_approved(index)
