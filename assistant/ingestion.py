"""Incremental, crash-safe ingestion of the corpus into the vector store.

Ingestion reconciles the store with the corpus instead of replaying a log:
every run loads and chunks every document (cheap), derives the chunk ids it
should hold (ids hash source, position and text), and then embeds only the
ids that are missing and deletes only the ids that no longer exist. New
chunks of a document are written before its old ones are deleted, so an
interrupted run leaves the previous answers queryable, and the next run,
which computes the same difference, completes the work with no duplicate
or orphan chunks. ``--rebuild`` fills a side collection and swaps it in.
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .chunking import chunk_document, embedding_text
from .config import Settings
from .documents import LoadError, load_corpus
from .embeddings import SentenceTransformerEmbeddings, get_embeddings
from .schema import Chunk
from .store import VectorStore

_EMBED_BATCH = 64


@dataclass
class DocumentChange:
    source_id: str
    path: str
    kind: str  # added | updated | unchanged | removed
    to_add: list[Chunk] = field(default_factory=list)
    to_delete: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    changes: list[DocumentChange]
    failed: list[LoadError]
    chunks_written: int = 0
    chunks_deleted: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    rebuilt: bool = False

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def changed(self) -> bool:
        return any(c.kind != "unchanged" for c in self.changes)

    def summary(self) -> str:
        verb = "would write" if self.dry_run else "written"
        return (
            f"documents: {self.count('added')} added, {self.count('updated')} updated, "
            f"{self.count('removed')} removed, {self.count('unchanged')} unchanged, "
            f"{len(self.failed)} failed; chunks {verb}: {self.chunks_written}, "
            f"deleted: {self.chunks_deleted}; {self.seconds:.1f} s"
        )


@contextlib.contextmanager
def _ingest_lock(settings: Settings) -> Iterator[None]:
    """One ingestion at a time per data folder; a second one waits."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.data_dir / ".ingest.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(path: Path, roots: Sequence[Path]) -> str:
    """A failed file's path inside its root: matches its stored path even if the
    corpus folder has moved since it was ingested."""
    for root in roots:
        if root in path.parents:
            return path.relative_to(root).as_posix()
    return path.name


def _under(path: str, roots: Sequence[Path]) -> bool:
    p = Path(path)
    return any(p == r or r in p.parents for r in roots)


def plan(
    settings: Settings,
    existing: dict[str, tuple[str, set[str]]],
    roots: Sequence[Path],
    full_corpus: bool,
) -> IngestReport:
    """The difference between what the corpus says and what the store holds."""
    documents, failed = load_corpus(roots, settings.max_file_bytes, settings.corpus_dir)
    changes: list[DocumentChange] = []
    for doc in documents:
        wanted = chunk_document(doc, settings.chunk_size, settings.chunk_overlap)
        wanted_ids = {c.chunk_id for c in wanted}
        have = existing.get(doc.source_id, ("", set()))[1]
        to_add = [c for c in wanted if c.chunk_id not in have]
        to_delete = sorted(have - wanted_ids)
        kind = "added" if not have else ("updated" if to_add or to_delete else "unchanged")
        changes.append(DocumentChange(doc.source_id, doc.path, kind, to_add, to_delete))
    loaded = {d.source_id for d in documents}
    resolved_roots = [r.resolve() for r in roots]
    failed_tails = {_tail(Path(f.path).resolve(), resolved_roots) for f in failed}
    for source_id, (path, ids) in sorted(existing.items()):
        if source_id in loaded or source_id in failed_tails:
            continue
        if any(path == t or path.endswith("/" + t) for t in failed_tails):
            continue  # a file that failed this time keeps what was stored for it
        if full_corpus or _under(path, resolved_roots):
            changes.append(DocumentChange(source_id, path, "removed", [], sorted(ids)))
    return IngestReport(changes=changes, failed=failed)


def ingest(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    rebuild: bool = False,
    dry_run: bool = False,
    embeddings: SentenceTransformerEmbeddings | None = None,
    progress: bool = True,
) -> IngestReport:
    """Bring the store in line with the corpus (or with the given paths)."""
    started = time.perf_counter()
    roots = [Path(p) for p in paths] if paths else [settings.corpus_dir]
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"no such file or folder: {root}")
    full_corpus = not paths
    emb = embeddings or get_embeddings(settings.embedding_model)
    with _ingest_lock(settings):
        store = VectorStore.open(settings, emb.model_name, emb.dimension)
        if not dry_run:
            store.recover()
        existing = {} if rebuild else _existing(store)
        report = plan(settings, existing, roots, full_corpus)
        report.dry_run = dry_run
        report.rebuilt = rebuild
        report.chunks_written = sum(len(c.to_add) for c in report.changes)
        report.chunks_deleted = sum(len(c.to_delete) for c in report.changes)
        if not dry_run:
            target = store.start_rebuild() if rebuild else store
            _apply(target, emb, report.changes, progress)
            if rebuild:
                store.finish_rebuild(target)
    report.seconds = time.perf_counter() - started
    return report


def _existing(store: VectorStore) -> dict[str, tuple[str, set[str]]]:
    return store.existing_ids_by_source() if store.exists() else {}


def _apply(
    store: VectorStore,
    emb: SentenceTransformerEmbeddings,
    changes: Sequence[DocumentChange],
    progress: bool,
) -> None:
    total = sum(len(c.to_add) for c in changes)
    with tqdm(
        total=total, desc="embedding chunks", unit="chunk", disable=not progress or not total
    ) as bar:
        for change in changes:
            for i in range(0, len(change.to_add), _EMBED_BATCH):
                batch = change.to_add[i : i + _EMBED_BATCH]
                vectors = emb.embed_documents([embedding_text(c) for c in batch])
                store.upsert(batch, vectors)
                bar.update(len(batch))
            if change.to_delete:
                store.delete(change.to_delete)


def ensure_ingested(
    settings: Settings,
    embeddings: SentenceTransformerEmbeddings | None = None,
    progress: bool = True,
) -> IngestReport | None:
    """Ingest the configured corpus if the store is empty or out of date.

    Used by the app and the evaluation runner so both work on a fresh clone.
    Returns the report when anything was written, else None.
    """
    emb = embeddings or get_embeddings(settings.embedding_model)
    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    store.recover()
    current = plan(settings, _existing(store), [settings.corpus_dir], full_corpus=True)
    if store.count() and not current.changed:
        return None
    return ingest(settings, embeddings=emb, progress=progress)
