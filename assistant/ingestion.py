"""Incremental, crash-safe ingestion of folders and web pages into the vector store.

Every source is recorded in the source registry (``assistant/sources.py``):
where it came from, its content hash, how it was chunked, its chunk count and
when it went in. A run is asked about some folders (by default the corpus
folders), some web pages, or both, and touches only sources from those:

- a file whose bytes hash to what the registry holds, chunked the same way, is
  unchanged; nothing is parsed, chunked or embedded (so a start or a plain
  ``ingest.py`` with nothing new never loads the embedding model);
- any other file is loaded and chunked, and its wanted chunk ids (ids hash
  source, position and text) are compared with the ids the store holds for
  that source: only missing ids are embedded, only ids no longer wanted are
  deleted;
- a registered file that is gone from a folder being reconciled is removed;
  sources from other folders and from the web are never removed implicitly
  (``ingest.py --remove`` does that on purpose);
- a web page is fetched conditionally (ETag / Last-Modified) and compared by
  content hash, so an unchanged page is neither parsed nor embedded.

For each source, new chunks are written first, then its old chunks deleted,
then its registry row written. An interrupted run therefore leaves the
previous answers queryable and a registry row that is either right or stale
(a stale row only makes the next run look at that source again, against what
the store actually holds), so the next run completes the work with no
duplicate or orphan chunks. ``--rebuild`` fills a side collection with every
registered source and the requested folders and swaps it in.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tqdm import tqdm

from . import chunking, documents
from .chunking import chunk_document, embedding_text
from .config import Settings
from .documents import (
    SKIPPED_NAMES,
    SUPPORTED_SUFFIXES,
    DocumentError,
    LoadError,
    content_hash,
    kind_for,
    load_document,
    load_fetched,
)
from .embeddings import SentenceTransformerEmbeddings, embeddings_for
from .fetch import FetchError, WebFetcher
from .schema import Chunk, Document
from .sources import SourceRecord, SourceRegistry, now, origin_for

if TYPE_CHECKING:
    from .store import SourceSummary

log = logging.getLogger(__name__)

_EMBED_BATCH = 64
_CACHE_SUFFIX = {"html": ".html", "pdf": ".pdf", "text": ".txt"}
_CACHE_KIND = {suffix: kind for kind, suffix in _CACHE_SUFFIX.items()}


class IngestBusy(Exception):
    """Another ingestion holds the data folder's lock."""


class SourceNotFound(Exception):
    """``--remove`` named something that matches no registered source."""


@dataclass
class DocumentChange:
    source_id: str
    path: str
    kind: str  # added | updated | unchanged | removed
    to_add: list[Chunk] = field(default_factory=list)
    to_delete: list[str] = field(default_factory=list)
    record: SourceRecord | None = None
    """The registry row to write once the store holds this source's chunks."""
    cache: tuple[str, bytes] | None = None
    """A fetched page's bytes to keep (file name under the data folder's ``web/``)."""


@dataclass
class IngestReport:
    changes: list[DocumentChange]
    failed: list[LoadError]
    chunks_written: int = 0
    chunks_deleted: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    rebuilt: bool = False
    notes: list[str] = field(default_factory=list)
    """Things worth saying that are not failures (a page skipped as a duplicate...)."""
    index_seconds: float = 0.0
    """Time spent saving the BM25 index for the new state of the corpus."""

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


@functools.cache
def _code_version() -> str:
    """Changes when the code that turns files into chunks changes (then every source is
    re-chunked once; unchanged chunks keep their ids and are not re-embedded)."""
    digest = hashlib.sha256()
    for module in (chunking, documents):
        digest.update(Path(str(module.__file__)).read_bytes())
    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("langchain-text-splitters").encode())
    return digest.hexdigest()[:12]


def pipeline_id(settings: Settings) -> str:
    """How a source's chunks were made: chunk size, overlap and the chunking code."""
    return f"{settings.chunk_size}/{settings.chunk_overlap}/{_code_version()}"


@contextlib.contextmanager
def _ingest_lock(settings: Settings, wait: bool = True) -> Iterator[None]:
    """One ingestion at a time per data folder; a second one waits (or gives up)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.data_dir / ".ingest.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestBusy("another ingestion is running on this data folder") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _under(location: str, roots: Sequence[Path]) -> bool:
    p = Path(location)
    return any(p == r or r in p.parents for r in roots)


def corpus_files(root: Path) -> list[tuple[Path, str]]:
    """``documents.iter_corpus_files`` with each file's path inside ``root`` ("a/b.md"; "" when
    ``root`` is the file), in the same order: by path, part by part, as
    ``sorted(root.rglob("*"))`` orders them (``corpus_entries`` with ``Path`` objects)."""
    return [(Path(path), inside) for path, inside in corpus_entries(root)]


def corpus_entries(root: Path) -> list[tuple[str, str]]:
    """``corpus_files`` with the paths as strings: a no-op check at every start needs no
    ``Path`` objects (making 4,168 of them was a third of its time at 100,000 chunks).

    One ``os.scandir`` per folder, reading each entry's type from the directory listing
    (4,168 files: about 0.1 s against 1 to 2 s through ``rglob``, ``relative_to`` and
    ``is_file``). As ``rglob`` did: symbolic links to folders are not followed, links to
    files are sources, unreadable folders are passed over, hidden names anywhere in
    the path are skipped."""
    if root.is_file():
        return [(str(root), "")]
    if not root.is_dir():
        return []
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except PermissionError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, (*parts, entry.name))
                    continue
                is_file = entry.is_file()
            except OSError:
                continue
            if is_file and entry.name.lower() not in SKIPPED_NAMES:
                found.append(((*parts, entry.name), entry.path))

    walk(str(root), ())
    found.sort(key=lambda item: item[0])
    return [(path, "/".join(parts)) for parts, path in found]


RACY_MTIME_NS = 2_000_000_000
"""A modification time this recent when a file is read is not trusted to tell a later
edit apart (an edit within the file system's time resolution keeps it): such a file is
hashed again next time, as git does with "racily clean" entries."""


def _file_stat(path: Path | str) -> tuple[int, int] | None:
    """(size, modification time in ns) of a file, or None if it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _trusted(stat: tuple[int, int] | None) -> tuple[int | None, int | None]:
    """What the registry may keep of ``stat`` (nothing for a too-recent modification)."""
    if stat is None or stat[1] > time.time_ns() - RACY_MTIME_NS:
        return None, None
    return stat


def _inside(location: str, folder: str) -> bool:
    """``_containing`` for one folder, on resolved absolute paths as strings."""
    return location == folder or location.startswith(folder.rstrip("/") + "/")


def _containing(path: Path, folders: Sequence[Path]) -> Path | None:
    for folder in folders:
        if folder == path or folder in path.parents:
            return folder
    return None


class _Run:
    """One ingestion: the registry, the store and what this run plans to change."""

    def __init__(
        self,
        settings: Settings,
        emb: SentenceTransformerEmbeddings,
        *,
        dry_run: bool,
        rebuild: bool = False,
    ) -> None:
        self.settings = settings
        self.emb = emb
        self.dry_run = dry_run
        self.rebuild = rebuild
        self.pipeline = pipeline_id(settings)
        self.corpus = [f.resolve() for f in settings.corpus_folders]
        self.registry = SourceRegistry.open(settings)
        from .store import VectorStore  # Chroma is imported only when a run needs the store

        self.store = VectorStore.open_for(settings, emb)
        if not dry_run:
            self.store.recover()
        if rebuild:
            self.reader = self.store.as_recorded()  # what is there, whichever model made it
        else:
            self.store.verify()
            self.reader = self.store
        self.records = self._synced_records()
        self.by_location = {r.location: r for r in self.records.values()}
        self.changes: list[DocumentChange] = []
        self.failed: list[LoadError] = []
        self.notes: list[str] = []
        self.seen: dict[str, str] = {}
        """source id -> where this run found it (to catch two files or pages with one id)."""
        self.failed_locations: set[str] = set()

    def close(self) -> None:
        self.registry.close()

    # The registry, checked against the store

    def _synced_records(self) -> dict[str, SourceRecord]:
        """The registry's rows, rebuilt from the store's metadata when they disagree.

        They agree when the registry has described this collection before and
        its chunk counts add up to the store's count: then nothing else is read.
        Either way a source without a row has no chunks in the store.
        """
        rows = {r.source_id: r for r in self.registry.all()}
        count = self.reader.count()
        if self.registry.known() and sum(r.chunk_count for r in rows.values()) == count:
            return rows
        synced: dict[str, SourceRecord] = {}
        if count:
            for source_id, summary in self.reader.source_summaries().items():
                synced[source_id] = self._from_store(source_id, summary, rows.get(source_id))
        if not self.dry_run:
            self.registry.replace_all(synced.values())
            self.registry.set_model(*self._model())
        return synced

    def _from_store(
        self, source_id: str, summary: SourceSummary, old: SourceRecord | None
    ) -> SourceRecord:
        one_hash = next(iter(summary.hashes)) if len(summary.hashes) == 1 else ""
        if old is not None:
            if old.chunk_count == len(summary.ids) and old.content_hash == one_hash:
                return old
            # Unsure what the store holds for it: the next look at it re-plans it.
            return old.touched(content_hash=one_hash, pipeline="", chunk_count=len(summary.ids))
        stamp = now()
        location = summary.path
        if "://" in location:
            kind, origin = "url", location
        elif location:
            path = Path(location)
            kind, origin = origin_for(path, self.corpus, path.parent)
        else:
            kind, origin = "store", ""
        return SourceRecord(
            source_id=source_id,
            origin_kind=kind,
            origin=origin,
            location=location,
            content_hash=one_hash,
            pipeline="",
            chunk_count=len(summary.ids),
            ingested_at=stamp,
            checked_at=stamp,
            title=summary.title,
        )

    def _model(self) -> tuple[str, int | None]:
        return self.emb.model_name, self.store.known_dimension

    # Folders

    def plan_folders(self, roots: Sequence[Path]) -> None:
        resolved_roots = [r.resolve() for r in roots]
        for root, resolved_root in zip(roots, resolved_roots, strict=True):
            # Resolved once per root (resolving every file's path costs more than hashing it).
            given = origin_for(resolved_root, [], resolved_root)
            for path, inside in corpus_files(root):
                resolved = resolved_root / inside if inside else resolved_root
                self._plan_file(path, root, resolved, given)
        for record in list(self.records.values()):
            if record.source_id in self.seen or record.path is None:
                continue
            if record.location in self.failed_locations:
                continue  # a file that failed this time keeps what was stored for it
            if _under(record.location, resolved_roots):
                self._plan_removal(record)

    def _plan_file(self, path: Path, root: Path, resolved: Path, given: tuple[str, str]) -> None:
        location = str(resolved)
        folder = _containing(resolved, self.corpus)
        kind, origin = ("corpus", str(folder)) if folder is not None else given
        row = self.by_location.get(location)
        stat = _file_stat(path)
        if row is not None and not self.rebuild and self._unchanged_file(path, row, stat):
            self.seen[row.source_id] = str(path)
            updates: dict[str, object] = {}
            if (row.origin_kind, row.origin) != (kind, origin):
                updates.update(origin_kind=kind, origin=origin)
            size, mtime = _trusted(stat)
            if (row.file_size, row.file_mtime_ns) != (size, mtime):
                updates.update(file_size=size, file_mtime_ns=mtime)  # touched, same bytes
            record = row.touched(**updates) if updates else None
            self.changes.append(DocumentChange(row.source_id, location, "unchanged", record=record))
            return
        base = folder or root
        try:
            doc = load_document(path, base, self.settings.max_file_bytes)
        except DocumentError as exc:
            self._fail(str(path), str(exc), location)
            return
        except OSError as exc:
            self._fail(str(path), f"cannot read file: {exc.strerror or exc}", location)
            return
        self._plan_document(
            doc, kind, origin, location=location, shown=str(path), file_stat=_trusted(stat)
        )

    def _unchanged_file(self, path: Path, row: SourceRecord, stat: tuple[int, int] | None) -> bool:
        """Whether the file still holds what was ingested from it, read only if needed.

        A file whose size and modification time are what the registry recorded when its
        bytes last hashed to the stored hash is not read again (at 100,000 chunks, hashing
        every file was most of a start's reconcile); any other file is hashed."""
        if row.pipeline != self.pipeline or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            return False
        if stat is None or stat[0] > self.settings.max_file_bytes:
            return False
        if row.file_mtime_ns is not None and (row.file_size, row.file_mtime_ns) == stat:
            return True
        try:
            return content_hash(path.read_bytes()) == row.content_hash
        except OSError:
            return False

    def _fail(self, shown: str, reason: str, location: str | None = None) -> None:
        self.failed.append(LoadError(shown, reason))
        if location is not None:
            self.failed_locations.add(location)

    def _conflict(self, doc: Document, location: str, web: bool) -> str | None:
        """Why ``doc`` may not take the source id another registered source has, if so."""
        existing = self.records.get(doc.source_id)
        if existing is None or existing.location == location or existing.origin_kind == "store":
            return None
        if existing.is_web and web:
            return None  # the same page reached by another address: it moves
        if existing.is_web:
            return (
                f"same source id {doc.source_id!r} as the web page fetched from "
                f"{existing.location}; remove that first (ingest.py --remove {doc.source_id})"
            )
        if existing.path is not None and existing.path.exists():
            return (
                f"same source id {doc.source_id!r} as {existing.location} "
                f"({existing.origin_kind}:{existing.origin}); remove that first "
                f"(ingest.py --remove {existing.location})"
            )
        return None  # the file it came from is gone: it has moved here

    def _plan_document(
        self,
        doc: Document,
        kind: str,
        origin: str,
        *,
        location: str,
        shown: str,
        web: dict[str, str | None] | None = None,
        cache: tuple[str, bytes] | None = None,
        file_stat: tuple[int | None, int | None] = (None, None),
    ) -> None:
        if doc.source_id in self.seen:
            reason = f"same source id {doc.source_id!r} as {self.seen[doc.source_id]}"
            if web is not None:
                self.notes.append(f"{shown}: skipped, {reason} (the same page)")
            else:
                self._fail(shown, reason, location)
            return
        conflict = self._conflict(doc, location, web is not None)
        if conflict:
            self._fail(shown, conflict, location)
            return
        self.seen[doc.source_id] = shown
        existing = self.records.get(doc.source_id)
        wanted = chunk_document(doc, self.settings.chunk_size, self.settings.chunk_overlap)
        wanted_ids = {c.chunk_id for c in wanted}
        if self.rebuild or existing is None:
            have: set[str] = set()
        else:
            have = self.store.ids_for_source(doc.source_id)
        to_add = [c for c in wanted if c.chunk_id not in have]
        to_delete = sorted(have - wanted_ids)
        change = "added" if not have else ("updated" if to_add or to_delete else "unchanged")
        stamp = now()
        ingested = existing.ingested_at if existing is not None and change == "unchanged" else stamp
        record = SourceRecord(
            source_id=doc.source_id,
            origin_kind=kind,
            origin=origin,
            location=location,
            content_hash=doc.content_hash,
            pipeline=self.pipeline,
            chunk_count=len(wanted),
            ingested_at=ingested,
            checked_at=stamp,
            title=doc.title,
            file_size=file_stat[0],
            file_mtime_ns=file_stat[1],
            **(web or {}),
        )
        self.changes.append(
            DocumentChange(doc.source_id, location, change, to_add, to_delete, record, cache)
        )

    def _plan_removal(self, record: SourceRecord) -> None:
        ids = sorted(self.reader.ids_for_source(record.source_id))
        self.seen[record.source_id] = record.location
        self.changes.append(DocumentChange(record.source_id, record.location, "removed", [], ids))

    # Web pages

    def plan_web(self, targets: Sequence[tuple[str, str, str]], fetcher: WebFetcher) -> None:
        """Fetch each (url, origin kind, origin) and plan it like a file."""
        done: set[str] = set()
        for url, kind, origin in targets:
            if url in done:
                continue
            done.add(url)
            self._plan_page(url, kind, origin, fetcher)

    def _plan_page(self, url: str, kind: str, origin: str, fetcher: WebFetcher) -> None:
        previous = self.by_location.get(url) or self.records.get(url)
        if previous is not None and not previous.is_web:
            previous = None
        conditional = (
            previous
            if previous is not None and previous.pipeline == self.pipeline and not self.rebuild
            else None
        )
        try:
            page = fetcher.fetch(
                url,
                etag=conditional.etag if conditional else None,
                last_modified=conditional.last_modified if conditional else None,
            )
        except FetchError as exc:
            self._fail(url, str(exc), url)
            if previous is not None:
                self.seen[previous.source_id] = url
            return
        stamp = now()
        if conditional is not None and (
            page.not_modified or content_hash(page.data) == conditional.content_hash
        ):
            self.seen[conditional.source_id] = url
            record = conditional.touched(
                checked_at=stamp,
                origin_kind=kind,
                origin=origin,
                location=url,
                etag=page.etag or conditional.etag,
                last_modified=page.last_modified or conditional.last_modified,
            )
            self.changes.append(DocumentChange(record.source_id, url, "unchanged", record=record))
            return
        if page.not_modified:  # a 304 we did not ask for
            self._fail(url, "the server answered 304 Not Modified to a plain request", url)
            return
        doc_kind = kind_for(page.content_type, urlsplit(page.final_url).path)
        if doc_kind is None:
            self._fail(url, f"unsupported content type {page.content_type or '(none)'!r}", url)
            return
        try:
            doc = load_fetched(page.data, doc_kind, page.final_url, self.settings.max_file_bytes)
        except DocumentError as exc:
            self._fail(url, str(exc), url)
            return
        cache_name = doc.content_hash + _CACHE_SUFFIX[doc_kind]
        web: dict[str, str | None] = {
            "etag": page.etag,
            "last_modified": page.last_modified,
            "content_type": page.content_type or doc_kind,
            "cache_file": cache_name,
        }
        self._plan_document(
            doc, kind, origin, location=url, shown=url, web=web, cache=(cache_name, page.data)
        )

    # Rebuild: every other registered source, from its file or the fetched copy

    def plan_carry_over(self) -> None:
        for record in list(self.records.values()):
            if record.source_id in self.seen:
                continue
            doc, reason = self._reload(record)
            if doc is not None and doc.source_id == record.source_id:
                web = None
                if record.is_web:
                    web = {
                        "etag": record.etag,
                        "last_modified": record.last_modified,
                        "content_type": record.content_type,
                        "cache_file": record.cache_file,
                    }
                self._plan_document(
                    doc,
                    record.origin_kind,
                    record.origin,
                    location=record.location,
                    shown=record.location,
                    web=web,
                )
                continue
            chunks = self.reader.chunks_for_source(record.source_id)
            self.seen[record.source_id] = record.location
            self.notes.append(
                f"{record.source_id}: re-embedded from its stored chunks ({reason or 'moved'})"
            )
            self.changes.append(
                DocumentChange(
                    record.source_id,
                    record.location,
                    "added",
                    chunks,
                    [],
                    record.touched(chunk_count=len(chunks)),
                )
            )

    def _reload(self, record: SourceRecord) -> tuple[Document | None, str]:
        try:
            if record.is_web:
                if not record.cache_file:
                    return None, "no fetched copy kept"
                data = (self.cache_dir / record.cache_file).read_bytes()
                kind = _CACHE_KIND.get(Path(record.cache_file).suffix, "html")
                return load_fetched(data, kind, record.location, self.settings.max_file_bytes), ""
            path = record.path
            if path is None:
                return None, "its origin is unknown"
            base = _containing(path, self.corpus)
            if base is None and record.origin_kind in {"folder", "file"}:
                base = Path(record.origin)
            return load_document(path, base or path.parent, self.settings.max_file_bytes), ""
        except (DocumentError, OSError) as exc:
            return None, f"could not be read again: {exc}"

    @property
    def cache_dir(self) -> Path:
        return self.settings.data_dir / "web"

    # Applying

    def apply(self, progress: bool) -> None:
        target = self.store.start_rebuild() if self.rebuild else self.store
        total = sum(len(c.to_add) for c in self.changes)
        with tqdm(
            total=total, desc="embedding chunks", unit="chunk", disable=not progress or not total
        ) as bar:
            for change in self.changes:
                for i in range(0, len(change.to_add), _EMBED_BATCH):
                    batch = change.to_add[i : i + _EMBED_BATCH]
                    vectors = self.emb.embed_documents([embedding_text(c) for c in batch])
                    target.upsert(batch, vectors)
                    bar.update(len(batch))
                if change.to_delete and not (self.rebuild and change.kind == "removed"):
                    target.delete(change.to_delete)
                if not self.rebuild:
                    self._record(change)
        if self.rebuild:
            for change in self.changes:
                self._keep_cache(change)
            self.store.finish_rebuild(target)
            kept = [c.record for c in self.changes if c.kind != "removed" and c.record]
            self.registry.replace_all(kept)
            self._prune_cache({r.cache_file for r in kept if r.cache_file})
        self.registry.set_model(*self._model())

    def _keep_cache(self, change: DocumentChange) -> None:
        if change.cache is not None:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            name, data = change.cache
            path = self.cache_dir / name
            if not path.exists():
                tmp = path.with_suffix(path.suffix + ".tmp")
                tmp.write_bytes(data)
                tmp.replace(path)

    def _record(self, change: DocumentChange) -> None:
        old = self.records.get(change.source_id)
        if change.kind == "removed":
            self.registry.delete(change.source_id)
            self.records.pop(change.source_id, None)
        elif change.record is not None:
            self._keep_cache(change)
            self.registry.put(change.record)
            self.records[change.source_id] = change.record
        else:
            return
        if old is not None and old.cache_file:
            new = change.record.cache_file if change.record and change.kind != "removed" else None
            if new != old.cache_file and not any(
                r.cache_file == old.cache_file for r in self.records.values()
            ):
                (self.cache_dir / old.cache_file).unlink(missing_ok=True)

    def _prune_cache(self, keep: set[str]) -> None:
        if self.cache_dir.is_dir():
            for path in self.cache_dir.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)

    def report(self, started: float) -> IngestReport:
        report = IngestReport(
            changes=self.changes,
            failed=self.failed,
            dry_run=self.dry_run,
            rebuilt=self.rebuild,
            notes=self.notes,
        )
        report.chunks_written = sum(len(c.to_add) for c in self.changes)
        report.chunks_deleted = sum(len(c.to_delete) for c in self.changes)
        report.seconds = time.perf_counter() - started
        return report

    def save_lexical_index(self, report: IngestReport) -> None:
        """Save the BM25 index for the corpus as it now is, so the next start loads it."""
        if not self.settings.bm25_enabled or self.dry_run:
            return
        from .lexical_index import fingerprint_of, prepare

        started = time.perf_counter()
        prepare(self.settings, self.store, fingerprint_of(self.registry))
        report.index_seconds = time.perf_counter() - started


def _web_targets(
    urls: Sequence[str], sitemaps: Sequence[str], refresh: bool, run: _Run, fetcher: WebFetcher
) -> list[tuple[str, str, str]]:
    targets = [(url, "url", url) for url in urls]
    for sitemap in sitemaps:
        listing = fetcher.sitemap(sitemap)
        for url, reason in listing.errors:
            run._fail(url, reason)
        run.notes.extend(listing.notes)
        targets += [(url, "sitemap", sitemap) for url in listing.urls]
    if refresh:
        targets += [(r.location, r.origin_kind, r.origin) for r in run.records.values() if r.is_web]
    return targets


def ingest(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    urls: Sequence[str] = (),
    sitemaps: Sequence[str] = (),
    refresh: bool = False,
    rebuild: bool = False,
    dry_run: bool = False,
    embeddings: SentenceTransformerEmbeddings | None = None,
    progress: bool = True,
    fetcher: WebFetcher | None = None,
    wait: bool = True,
) -> IngestReport:
    """Bring the store in line with the given folders and pages.

    With no paths and no pages: the corpus folders. Sources from anywhere
    else are left as they are (``--rebuild`` re-embeds them too).
    """
    started = time.perf_counter()
    web = bool(urls or sitemaps or refresh)
    roots = [Path(p) for p in paths] if paths else ([] if web else settings.corpus_folders)
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"no such file or folder: {root}")
    with _ingest_lock(settings, wait=wait):
        if not (web or rebuild):
            model = embeddings.model_name if embeddings is not None else settings.embedding_model
            unchanged = _unchanged_at_a_glance(settings, roots, model)
            if unchanged is not None:
                unchanged.dry_run = dry_run
                unchanged.seconds = time.perf_counter() - started
                return unchanged
        emb = embeddings or embeddings_for(settings)
        run = _Run(settings, emb, dry_run=dry_run, rebuild=rebuild)
        try:
            run.plan_folders(roots)
            if web:
                own = fetcher is None
                client = fetcher or WebFetcher(settings)
                try:
                    run.plan_web(_web_targets(urls, sitemaps, refresh, run, client), client)
                finally:
                    if own:
                        client.close()
            if rebuild:
                run.plan_carry_over()
            report = run.report(started)
            if not dry_run:
                # No stamp while the store changes: one left by a run that dies midway
                # would be taken as "registry and store agree" (``keeping_store_stamp``).
                (settings.data_dir / STORE_STAMP).unlink(missing_ok=True)
                run.apply(progress)
                run.save_lexical_index(report)
        finally:
            run.close()
        if not dry_run:
            _settle_if_written(settings, report)
            _save_store_stamp(settings)
    report.seconds = time.perf_counter() - started
    return report


def _settle_if_written(settings: Settings, report: IngestReport) -> None:
    """After a run that wrote to the store: Chroma's vector index saved with no log left to
    replay, so the next start's first read of the store only loads it
    (``store.settle_vector_index``)."""
    if not (report.chunks_written or report.chunks_deleted or report.rebuilt):
        return
    from .store import settle_vector_index

    try:
        settle_vector_index(settings)
    except Exception as exc:  # the store is written and right; only the next start is slower
        log.warning("could not save the vector index after writing (%s)", type(exc).__name__)


STORE_STAMP = "store-stamp.json"
"""Beside the registry: the local store's files as an ingestion left them, registry and
store in agreement. While they are the same, a plain re-ingest whose files all match the
registry (size and modification time) needs neither Chroma nor the model."""


def _store_stamp(settings: Settings) -> list[list[object]] | None:
    """Size and modification time of the local store's database (and its write-ahead log);
    None for a Chroma server, whose changes cannot be seen from here."""
    if settings.chroma_server:
        return None
    stamp: list[list[object]] = []
    for name in ("chroma.sqlite3", "chroma.sqlite3-wal"):
        stat = _file_stat(settings.chroma_dir / name)
        stamp.append([name, *(stat or ())])
    return stamp if len(stamp[0]) == 3 else None


def _save_store_stamp(settings: Settings) -> None:
    stamp = _store_stamp(settings)
    path = settings.data_dir / STORE_STAMP
    if stamp is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps({"collection": settings.collection, "stamp": stamp}))
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only data folder: re-ingests open the store


def _saved_stamp(settings: Settings) -> object:
    try:
        return json.loads((settings.data_dir / STORE_STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def keeping_store_stamp(settings: Settings) -> Iterator[None]:
    """Around a process's reads of the local store: if the store was as the last ingestion
    left it before, its stamp is recorded again after.

    Chroma writes into its database each time a client opens it (a row of its
    ``acquire_write`` table), though no chunk changes; without this, every start of the
    app spoilt the stamp, and the next start and plain ``ingest.py`` took the full
    reconcile (about 1 s more at 100,000 chunks). Not recorded if an ingestion runs at
    that moment, or ran since (the stamp file changed or is gone): ``ingest`` removes it
    before it changes the store and writes it back when done."""
    before = _saved_stamp(settings)
    stamp = _store_stamp(settings)
    held = stamp is not None and before == {"collection": settings.collection, "stamp": stamp}
    yield
    if not held:
        return
    try:
        with _ingest_lock(settings, wait=False):
            if _saved_stamp(settings) == before:
                _save_store_stamp(settings)
    except (IngestBusy, OSError):
        pass  # an ingestion will write its own stamp; a read-only data folder keeps none


def _unchanged_at_a_glance(
    settings: Settings, roots: Sequence[Path], model_name: str
) -> IngestReport | None:
    """The report of a plain re-ingest of ``roots`` by ``model_name`` that finds nothing to
    do, decided from the registry, the files' sizes and modification times and the store's
    stamp alone (no Chroma, no model); None as soon as anything might need the full run
    (which also refuses a store another model made)."""
    stamp = _store_stamp(settings)
    try:
        saved = json.loads((settings.data_dir / STORE_STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if stamp is None or saved != {"collection": settings.collection, "stamp": stamp}:
        return None
    registry = SourceRegistry.open_existing(settings)
    if registry is None:
        return None
    with registry:
        model = registry.model()
        if not registry.known() or model is None or model[0] != model_name:
            return None
        rows = registry.file_states()
    pipeline = pipeline_id(settings)
    # Plain strings and tuples below, not Path operations or records: this runs for every
    # file at every start (4,168 files at 100,000 chunks), and locations are resolved
    # absolute paths.
    corpus = [str(f.resolve()) for f in settings.corpus_folders]
    by_location = {row.location: row for row in rows}
    resolved_roots = [r.resolve() for r in roots]
    changes: list[DocumentChange] = []
    for root, resolved_root in zip(roots, resolved_roots, strict=True):
        given = origin_for(resolved_root, [], resolved_root)
        root_location = str(resolved_root)
        for path, inside in corpus_entries(root):
            resolved = os.path.join(root_location, inside) if inside else root_location
            row = by_location.get(resolved)
            stat = _file_stat(path)
            if (
                row is None
                or row.pipeline != pipeline
                or os.path.splitext(path)[1].lower() not in SUPPORTED_SUFFIXES
                or stat is None
                or stat[0] > settings.max_file_bytes
                or row.file_mtime_ns is None
                or (row.file_size, row.file_mtime_ns) != stat
            ):
                return None
            in_corpus = next((f for f in corpus if _inside(resolved, f)), None)
            origin = ("corpus", in_corpus) if in_corpus is not None else given
            if (row.origin_kind, row.origin) != origin:
                return None
            changes.append(DocumentChange(row.source_id, resolved, "unchanged"))
    seen = {c.source_id for c in changes}
    if len(seen) != len(changes):
        return None
    for row in rows:
        gone = row.source_id not in seen and row.is_file
        if gone and _under(row.location, resolved_roots):
            return None  # gone (or failing) from a folder asked about: the full run decides
    return IngestReport(changes, [])


def remove(
    settings: Settings,
    targets: Sequence[str],
    *,
    dry_run: bool = False,
    embeddings: SentenceTransformerEmbeddings | None = None,
) -> IngestReport:
    """Remove sources on purpose: by source id, by URL or path, or every source in a folder.

    Raises ``SourceNotFound`` (and removes nothing) if a target matches no source.
    """
    started = time.perf_counter()
    emb = embeddings or embeddings_for(settings)
    with _ingest_lock(settings):
        run = _Run(settings, emb, dry_run=dry_run)
        try:
            chosen: dict[str, SourceRecord] = {}
            for target in targets:
                found = matching(run.records.values(), target)
                if not found:
                    raise SourceNotFound(
                        f"no ingested source matches {target!r} (by source id, URL or path); "
                        "`ingest.py --list` shows them"
                    )
                chosen.update((r.source_id, r) for r in found)
            for record in chosen.values():
                run._plan_removal(record)
                path = record.path
                if path is not None and path.exists() and _containing(path.resolve(), run.corpus):
                    run.notes.append(
                        f"{record.source_id}: its file {path} is still in a corpus folder, so "
                        "the next start or plain ingest.py adds it again; delete or move the file"
                    )
            report = run.report(started)
            if not dry_run:
                run.apply(progress=False)
                run.save_lexical_index(report)
        finally:
            run.close()
        if not dry_run:
            _settle_if_written(settings, report)
    report.seconds = time.perf_counter() - started
    return report


def matching(records: Iterable[SourceRecord], target: str) -> list[SourceRecord]:
    """The registered sources ``target`` names: a source id, a URL or file path, or a folder."""
    rows = list(records)
    exact = [r for r in rows if r.source_id == target]
    if exact:
        return exact
    by_location = [r for r in rows if r.location == target]
    if by_location:
        return by_location
    if "://" in target:
        return []
    path = Path(target).expanduser().resolve()
    return [r for r in rows if r.path is not None and (r.path == path or path in r.path.parents)]


def list_sources(
    settings: Settings, embeddings: SentenceTransformerEmbeddings | None = None
) -> tuple[list[SourceRecord], str]:
    """The registered sources (checked against the store first) and the store's model."""
    emb = embeddings or embeddings_for(settings)
    try:
        with _ingest_lock(settings, wait=False):
            run = _Run(settings, emb, dry_run=False)
            try:
                return sorted(run.records.values(), key=lambda r: r.source_id), run.emb.model_name
            finally:
                run.close()
    except IngestBusy:
        print("note: an ingestion is running; the list may change", file=sys.stderr)
        with SourceRegistry.open(settings) as registry:
            return registry.all(), emb.model_name


def ensure_ingested(
    settings: Settings,
    embeddings: SentenceTransformerEmbeddings | None = None,
    progress: bool = True,
) -> IngestReport | None:
    """Reconcile the corpus folders at start-up; returns the report if anything changed.

    With nothing changed this reads the registry and hashes the corpus files:
    no chunking, no embedding model, no pass over the stored chunks. If
    another ingestion is running, the app starts with the store as it is.
    Used by the app and the evaluation runner so both work on a fresh clone.
    """
    emb = embeddings or embeddings_for(settings)
    try:
        report = ingest(settings, embeddings=emb, progress=progress, wait=False)
    except IngestBusy:
        print(
            "note: another ingestion is running; starting with the store as it is",
            file=sys.stderr,
        )
        return None
    return report if report.changed else None
