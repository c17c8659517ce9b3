"""The vector store: one Chroma collection, embedded on disk or on a server.

This is the narrow interface the rest of the package uses; it hides whether
Chroma runs in-process (``PersistentClient`` under the data folder) or as a
``chroma run`` server (``HttpClient``), chosen by settings. Vectors are always
computed by our own embedding model and passed in, so Chroma never loads or
downloads one. The collection records which model filled it, so mixing
vectors from two models is refused instead of silently degrading retrieval.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError

from .config import Settings
from .schema import Chunk

_WITH_TEXT: Any = ["metadatas", "documents"]
_REBUILD_SUFFIX = "__rebuild"
_OLD_SUFFIX = "__old"
_GET_PAGE = 2000


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _reopen_if_replaced(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Retry once with a fresh handle when the collection was swapped by a rebuild
    in another process (the running app must not fail until restarted)."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except NotFoundError:
            store = args[0]
            assert isinstance(store, VectorStore)
            store._collection = None
            return method(*args, **kwargs)

    return wrapper


@dataclass
class SourceSummary:
    """One source as the store holds it: file path, title, chunk ids, content hashes."""

    path: str
    title: str
    ids: set[str] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)


class StoreError(Exception):
    """The store cannot be used as configured; the message says what to do."""


class ModelMismatchError(StoreError):
    pass


class VectorStoreUnavailable(StoreError):
    """A query or read failed: the Chroma server is down or the store cannot be read.

    The chat records the turn as failed (flagged ``error: VectorStoreUnavailable``) and
    shows the fixed apology with the urgent-help numbers; safety routes never get here.
    """


def _unavailable_if_failing(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Any failure of a read other than a swapped collection is ``VectorStoreUnavailable``."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except (NotFoundError, StoreError):
            raise
        except Exception as exc:
            raise VectorStoreUnavailable(
                f"the vector store did not answer ({type(exc).__name__})"
            ) from exc

    return wrapper


def make_client(settings: Settings) -> ClientAPI:
    chroma_settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_server:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host or "localhost",
                port=settings.chroma_port,
                settings=chroma_settings,
            )
        except Exception as exc:
            raise StoreError(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
                f" ({exc}); start it with `chroma run` or unset ASSISTANT_CHROMA_HOST"
            ) from None
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def unreadable_reason(settings: Settings) -> str | None:
    """Why the embedded store under the data folder cannot be read (one line), else None.

    A server store (``ASSISTANT_CHROMA_HOST``) and a store not created yet are
    not checked here: the first is the server's to keep, the second is simply
    built on the first start.
    """
    if settings.chroma_server or not settings.chroma_dir.exists():
        return None
    from chromadb.api.shared_system_client import SharedSystemClient

    try:
        client = make_client(settings)
        for collection in client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            client.get_collection(name).count()
    except Exception as exc:
        # Forget the broken store's system: the store is set aside and built anew.
        SharedSystemClient.clear_system_cache()
        detail = (str(exc).strip().splitlines() or [""])[0][:160]
        return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    # A readable store's system stays open (clients of one path share it), so the start's
    # own ``VectorStore.open`` finds the collection loaded: the first ``count()`` loads its
    # vector index, about 2 s at 100,000 chunks, which was paid twice.
    return None


SETTLE_SYNC_THRESHOLD = 1
"""The HNSW ``sync_threshold`` a settle opens the collection with: save after any record."""
CHROMA_SYNC_THRESHOLD = 1000
"""Chroma's default ``sync_threshold``: restored if an interrupted settle left the low one."""


def settle_vector_index(settings: Settings) -> bool:
    """Have Chroma write the embedded store's vector index to disk with nothing left to replay.

    Chroma 1.x saves its HNSW index only every ``sync_threshold`` (1,000) written records;
    the records since are kept in its write-ahead log and inserted into the index again by
    every process that opens the collection, at its first read. After an ingestion that
    wrote a few hundred records, every later start of the app replayed them: at 100,034
    chunks, 263 pending records were about 0.4 s of the 0.9 s of CPU of that first read
    (its other half is loading the saved index), holding the interpreter lock.

    This opens the collection afresh with the documented, mutable ``sync_threshold``
    lowered to 1, so that its first read replays the log *and* saves the index, then puts the
    collection's own threshold back (an ingestion still saves every 1,000 records, not after
    each). Call it when an ingestion has finished writing: Chroma's shared systems are closed
    first, so clients (and ``VectorStore`` objects) opened earlier in this process must be
    opened again; the settled one stays open for this process's later reads (``ingest.py``
    then reads the store for the sentence vectors: opening it once more would write to
    Chroma's database and spoil the store stamp). A Chroma server keeps its index in its own
    process: nothing is done there. Returns whether the collection was settled."""
    if settings.chroma_server or not settings.chroma_dir.exists():
        return False
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # the writer's loaded index, at the old threshold
    client = make_client(settings)
    if not _has_collection(client, settings.collection):
        return False
    collection = client.get_collection(settings.collection)
    hnsw: Any = (collection.configuration or {}).get("hnsw") or {}
    threshold = int(hnsw.get("sync_threshold") or CHROMA_SYNC_THRESHOLD)
    if threshold <= SETTLE_SYNC_THRESHOLD:  # left low by a settle that was interrupted
        threshold = CHROMA_SYNC_THRESHOLD
    collection.modify(configuration={"hnsw": {"sync_threshold": SETTLE_SYNC_THRESHOLD}})
    try:
        collection.count()  # loads the index: replays the log, then saves it
    finally:
        collection.modify(configuration={"hnsw": {"sync_threshold": threshold}})
    return True


def _has_collection(client: ClientAPI, name: str) -> bool:
    return name in {c if isinstance(c, str) else c.name for c in client.list_collections()}


def set_aside(settings: Settings) -> Path:
    """Move an unreadable embedded store (and the BM25 index made from it) aside; returns where.

    Nothing is deleted, so the broken files stay for inspection; the next
    ingestion finds no store and rebuilds it from the corpus folders.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = settings.chroma_dir.with_name(f"{settings.chroma_dir.name}.unreadable-{stamp}")
    settings.chroma_dir.rename(target)
    if settings.lexical_dir.exists():
        settings.lexical_dir.rename(target.with_name(f"{settings.lexical_dir.name}.old-{stamp}"))
    return target


class EmbeddingModel(Protocol):
    model_name: str

    @property
    def dimension(self) -> int: ...


def recorded_model(client: ClientAPI, name: str) -> tuple[str, int] | None:
    """(model, dimension) recorded on an existing collection, else None."""
    if not _has_collection(client, name):
        return None
    meta = client.get_collection(name).metadata or {}
    model, dim = meta.get("embedding_model"), meta.get("dimension")
    if model is None or dim is None:
        return None
    return str(model), int(dim)


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "source_id": chunk.source_id,
        "title": chunk.title,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "publisher": chunk.publisher,
        "doc_hash": chunk.doc_hash,
        "path": chunk.path,
    }
    if chunk.page is not None:
        meta["page"] = chunk.page
    if chunk.updated:
        meta["updated"] = chunk.updated
    return meta


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    page = meta.get("page")
    return Chunk(
        chunk_id=chunk_id,
        source_id=str(meta["source_id"]),
        title=str(meta.get("title", "")),
        section=str(meta.get("section", "")),
        text=text,
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        page=int(page) if page is not None else None,
        publisher=str(meta.get("publisher", "")),
        updated=str(meta.get("updated", "")),
        doc_hash=str(meta.get("doc_hash", "")),
        path=str(meta.get("path", "")),
    )


class VectorStore:
    """One collection of chunks with their vectors and metadata."""

    def __init__(
        self, client: ClientAPI, name: str, model_name: str, dimension: int | Callable[[], int]
    ) -> None:
        self.client = client
        self.name = name
        self.model_name = model_name
        self._dimension = dimension
        self._collection: Collection | None = None

    @property
    def known_dimension(self) -> int | None:
        """The dimension if known without asking the model."""
        return self._dimension if isinstance(self._dimension, int) else None

    @property
    def dimension(self) -> int:
        """The model's vector size (asked of the model only when first needed)."""
        if callable(self._dimension):
            self._dimension = int(self._dimension())
        return self._dimension

    @classmethod
    def open(cls, settings: Settings, model_name: str, dimension: int) -> VectorStore:
        return cls(make_client(settings), settings.collection, model_name, dimension)

    @classmethod
    def open_for(cls, settings: Settings, embeddings: EmbeddingModel) -> VectorStore:
        """Open the store for a model without loading it when the store already says
        its dimension (a collection filled by the same model): a start or an ingest
        with nothing to embed never loads the model."""
        client = make_client(settings)
        recorded = recorded_model(client, settings.collection)
        if recorded is not None and recorded[0] == embeddings.model_name:
            return cls(client, settings.collection, recorded[0], recorded[1])
        return cls(client, settings.collection, embeddings.model_name, lambda: embeddings.dimension)

    def as_recorded(self) -> VectorStore:
        """This collection opened with the model it records, for reading what it holds
        (what ``--rebuild`` does when the configured model has changed)."""
        recorded = recorded_model(self.client, self.name)
        if recorded is None or recorded == (self.model_name, self.known_dimension):
            return self
        return VectorStore(self.client, self.name, recorded[0], recorded[1])

    def verify(self) -> None:
        """Raise ``ModelMismatchError`` now if the collection holds another model's vectors."""
        if self.exists():
            _ = self.collection

    def _create(self, name: str) -> Collection:
        return self.client.get_or_create_collection(
            name=name,
            metadata={"embedding_model": self.model_name, "dimension": self.dimension},
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )

    def _check_model(self, collection: Collection) -> None:
        meta = collection.metadata or {}
        model = meta.get("embedding_model")
        dim = meta.get("dimension")
        if model is not None and (model != self.model_name or dim != self.dimension):
            raise ModelMismatchError(
                f"collection {collection.name!r} was built with embedding model {model!r} "
                f"(dimension {dim}), but the configured model is {self.model_name!r} "
                f"(dimension {self.dimension}); run `python ingest.py --rebuild` to re-embed"
            )

    def exists(self) -> bool:
        return _has_collection(self.client, self.name)

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            collection = self._create(self.name)
            self._check_model(collection)
            self._collection = collection
        return self._collection

    @_reopen_if_replaced
    def count(self) -> int:
        return self.collection.count() if self.exists() else 0

    @_reopen_if_replaced
    def existing_ids_by_source(self) -> dict[str, tuple[str, set[str]]]:
        """Every stored chunk id, grouped by source id, with the source's file path."""
        return {
            source_id: (summary.path, summary.ids)
            for source_id, summary in self.source_summaries().items()
        }

    @_reopen_if_replaced
    def source_summaries(self) -> dict[str, SourceSummary]:
        """What the store holds per source (one pass over every chunk's metadata).

        Used only to rebuild the source registry when it is missing or out of
        step with the store; a normal start reads the registry instead.
        """
        result: dict[str, SourceSummary] = {}
        for ids, metas, _ in self._pages(include_documents=False):
            for chunk_id, meta in zip(ids, metas, strict=True):
                source_id = str(meta["source_id"])
                summary = result.get(source_id)
                if summary is None:
                    summary = result[source_id] = SourceSummary(
                        str(meta.get("path", "")), str(meta.get("title", ""))
                    )
                summary.ids.add(chunk_id)
                summary.hashes.add(str(meta.get("doc_hash", "")))
        return result

    @_reopen_if_replaced
    def ids_for_source(self, source_id: str) -> set[str]:
        """The chunk ids stored for one source (the ground truth an update is planned on)."""
        if not self.exists():
            return set()
        got = self.collection.get(where={"source_id": source_id}, include=[])
        return set(got["ids"])

    @_reopen_if_replaced
    def chunks_for_source(self, source_id: str) -> list[Chunk]:
        if not self.exists():
            return []
        got = self.collection.get(where={"source_id": source_id}, include=_WITH_TEXT)
        chunks = [
            chunk_from_record(i, d, dict(m))
            for i, m, d in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            )
        ]
        return sorted(chunks, key=lambda c: c.start)

    @_unavailable_if_failing
    @_reopen_if_replaced
    def get_chunks(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks with these ids, in the order asked; ids no longer stored are skipped.

        One round trip once the collection is open (as ``query``): Chroma gives nothing for
        ids it does not hold, so the collection is not listed first (a ``list_collections``
        per call was about a tenth of a question's retrieval)."""
        if not ids or (self._collection is None and not self.exists()):
            return []
        got = self.collection.get(ids=list(ids), include=_WITH_TEXT)
        found = {
            i: chunk_from_record(i, d, dict(m))
            for i, m, d in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            )
        }
        return [found[i] for i in ids if i in found]

    @_reopen_if_replaced
    def all_chunks(self) -> list[Chunk]:
        chunks = [c for page in self.iter_chunks() for c in page]
        chunks.sort(key=lambda c: (c.source_id, c.start))
        return chunks

    def iter_chunks(self) -> Iterator[list[Chunk]]:
        """Every chunk, a page at a time, so a caller need not hold them all at once."""
        for ids, metas, docs in self._pages(include_documents=True):
            yield [
                chunk_from_record(chunk_id, text, dict(meta))
                for chunk_id, meta, text in zip(ids, metas, docs, strict=True)
            ]

    @_reopen_if_replaced
    def all_ids(self) -> list[str]:
        """Every chunk id, in the order the pages of ``iter_chunks`` give them."""
        if not self.exists():
            return []
        return list(self.collection.get(include=[])["ids"])

    def _pages(self, include_documents: bool) -> Iterator[tuple[list[str], list[Any], list[str]]]:
        """Pages of records fetched by id: every id is listed once, then each page is
        read by its ids, so reading late pages costs no more than early ones (paging
        by ``offset`` made Chroma walk past every earlier record each time)."""
        if not self.exists():
            return
        include: list[Any] = ["metadatas", "documents"] if include_documents else ["metadatas"]
        all_ids = self.all_ids()
        for start in range(0, len(all_ids), _GET_PAGE):
            got = self.collection.get(ids=all_ids[start : start + _GET_PAGE], include=include)
            ids = list(got["ids"])
            if not ids:
                continue
            metas = list(got["metadatas"] or [])
            docs = list(got["documents"] or []) if include_documents else [""] * len(ids)
            yield ids, metas, docs

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        if not chunks:
            return
        self.collection.upsert(
            ids=[c.chunk_id for c in chunks],
            embeddings=np.asarray(vectors, dtype=np.float32),
            documents=[c.text for c in chunks],
            metadatas=[chunk_metadata(c) for c in chunks],
        )

    def delete(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), _GET_PAGE):
            self.collection.delete(ids=list(ids[i : i + _GET_PAGE]))

    @_unavailable_if_failing
    @_reopen_if_replaced
    def query(self, vector: Sequence[float], k: int) -> list[tuple[Chunk, float]]:
        """Nearest chunks with cosine similarity (1 - cosine distance).

        One round trip: Chroma returns at most as many results as the collection holds
        (none when it is empty), so the collection is not counted first (two counts per
        question were about 60 ms at 100,000 chunks); a store with no collection yet
        gives no results and creates none."""
        if k <= 0 or (self._collection is None and not self.exists()):
            return []
        got = self.collection.query(
            query_embeddings=np.asarray([vector], dtype=np.float32),
            n_results=k,
            include=["metadatas", "documents", "distances"],
        )
        ids = got["ids"][0]
        metas = (got["metadatas"] or [[]])[0]
        docs = (got["documents"] or [[]])[0]
        dists = (got["distances"] or [[]])[0]
        return [
            (chunk_from_record(i, d, dict(m)), 1.0 - float(dist))
            for i, m, d, dist in zip(ids, metas, docs, dists, strict=True)
        ]

    # Rebuilding into a side collection keeps the old one queryable until the swap.

    def start_rebuild(self) -> VectorStore:
        side = self._sibling(_REBUILD_SUFFIX)
        side.drop()
        side._collection = side._create(side.name)
        return side

    def finish_rebuild(self, side: VectorStore) -> None:
        """Swap the rebuilt collection in: rename old aside, rename new in, drop old."""
        old = self._sibling(_OLD_SUFFIX)
        old.drop()
        if self.exists():
            self.client.get_collection(self.name).modify(name=old.name)
        side.collection.modify(name=self.name)
        old.drop()
        self._collection = None
        side._collection = None

    def recover(self) -> None:
        """Undo what an interrupted rebuild left: restore the old collection if the
        swap was cut short, and drop a half-built side collection."""
        old = self._sibling(_OLD_SUFFIX)
        if not self.exists() and old.exists():
            self.client.get_collection(old.name).modify(name=self.name)
        old.drop()
        self._sibling(_REBUILD_SUFFIX).drop()

    def _sibling(self, suffix: str) -> VectorStore:
        return VectorStore(self.client, self.name + suffix, self.model_name, self._dimension)

    def drop(self) -> None:
        if self.exists():
            self.client.delete_collection(self.name)
        self._collection = None
