"""The one composition root: builds the stores, backends, router and assistant from settings.

Nothing else constructs services, so a reader finds here which
implementation each setting selects, and tests build the same graph with
their own settings.
"""

from __future__ import annotations

import logging
import threading

from .answering import AnswerBackend, ExtractiveAnswerer, ExtractiveBackend
from .config import Settings
from .conversations import ConversationStore
from .conversations.approved import ApprovedAnswerIndex, ApprovedAnswers
from .embeddings import SentenceTransformerEmbeddings, embeddings_for
from .ingestion import IngestReport, ensure_ingested, keeping_store_stamp
from .retrieval import Retriever
from .routing import Router
from .routing.language import warm_up as warm_up_language
from .sentence_store import SentenceStore
from .service import Assistant
from .store import VectorStore

log = logging.getLogger(__name__)

SENTENCE_INDEX_CHUNKS = 2_000
"""Up to this many chunks, a start that finds chunks without stored sentence vectors (a
store ingested before they were kept, or by an older version) computes them before it
reports ready (a few seconds for the default corpus). Larger stores are told to run
``ingest.py`` (which computes them for what it writes); missing ones are embedded on
first use meanwhile."""


def build_backend(
    settings: Settings,
    embeddings: SentenceTransformerEmbeddings,
    sentences: SentenceStore | None = None,
) -> AnswerBackend:
    """The answer backend the settings choose (``extractive``, or ``llm`` over extractive)."""
    extractive = ExtractiveBackend(
        ExtractiveAnswerer(
            embeddings, max_sentences=settings.max_answer_sentences, sentences=sentences
        )
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
    corpus changed since it was saved), the router is warm and, with the extractive
    backend, one question has been answered (``Assistant.warm_up``), so the first
    question is served like any other.
    """
    # The language identifier's model is read on another thread while the store, the
    # embedding model and the indexes load; the router's warm-up below then finds it
    # loaded. Its uncompressed copy in the data folder takes about 0.1 s of CPU; the first
    # start decompresses the packaged one (lzma, 0.6 to 0.8 s, off the interpreter lock).
    language = threading.Thread(
        target=warm_up_language, args=(settings.data_dir / "cache",), name="language-model"
    )
    language.daemon = True
    language.start()
    emb = embeddings or embeddings_for(settings)
    report = ensure_ingested(settings, emb, progress=progress) if ingest_if_needed else None
    with keeping_store_stamp(settings):  # opening Chroma writes to its database
        store = VectorStore.open(settings, emb.model_name, emb.dimension)
        retriever = Retriever(settings, store, emb)
        retriever.warm_up()  # the lexical index is loaded (or built once) before ready
        router = Router(settings, emb)
        router.warm_up()
        language.join()
        sentences = SentenceStore.open(settings, emb.model_name)
        backend = build_backend(settings, emb, sentences)
        index_sentences(settings, emb, report, store=store, answerer=backend_answerer(backend))
    assistant = Assistant(settings, router, retriever, backend)
    if isinstance(backend, ExtractiveBackend):  # a language model's reply would be waited for
        assistant.warm_up()
    return assistant


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


def backend_answerer(backend: AnswerBackend) -> ExtractiveAnswerer | None:
    """The extractive answerer inside ``backend`` (the LLM backend's fallback has one)."""
    if isinstance(backend, ExtractiveBackend):
        return backend.answerer
    fallback = getattr(backend, "fallback", None)
    return fallback.answerer if isinstance(fallback, ExtractiveBackend) else None


def index_sentences(
    settings: Settings,
    emb: SentenceTransformerEmbeddings,
    report: IngestReport | None,
    *,
    store: VectorStore | None = None,
    answerer: ExtractiveAnswerer | None = None,
    check_all_up_to: int | None = SENTENCE_INDEX_CHUNKS,
) -> int:
    """Bring the sentence store in line with the vector store after an ingestion.

    The chunks ``report`` wrote get their sentence vectors and grades, the ones it
    deleted lose them; then, if the counts still disagree and the store is small
    enough (``check_all_up_to``; None: any size, as ``ingest.py`` does), every chunk is
    checked. Returns how many sentences were embedded."""
    if answerer is None:
        answerer = ExtractiveAnswerer(emb, sentences=SentenceStore.open(settings, emb.model_name))
    sentences = answerer.sentences
    if sentences is None:
        return 0
    embedded = 0
    if report is not None and not report.dry_run:
        sentences.delete(i for c in report.changes for i in c.to_delete)
        embedded += answerer.index([ch for c in report.changes for ch in c.to_add])
    store = store or VectorStore.open_for(settings, emb)
    total = store.count()
    if sentences.count() == total:
        return embedded
    if check_all_up_to is not None and total > check_all_up_to:
        log.warning(
            "%d of %d chunks have no stored sentence vectors; run ingest.py to compute them "
            "(until then they are embedded on first use)",
            max(total - sentences.count(), 0),
            total,
        )
        return embedded
    chunks = store.all_chunks()
    have = sentences.ids()
    sentences.delete(have - {c.chunk_id for c in chunks})
    return embedded + answerer.index([c for c in chunks if c.chunk_id not in have])
