"""The source registry: what was ingested, from where, and in what state.

One row per source (a file from a folder, or a web page) per collection:
where it came from (``origin_kind``: ``corpus`` for a configured corpus
folder, ``folder`` or ``file`` for a path given to ``ingest.py``, ``url`` or
``sitemap`` for the organisation's website, ``store`` for chunks found in an
older store that had no registry), where it is read from (``location``: the
file's path or the page's URL), its content hash, how it was chunked, its
chunk count and when it was ingested; web pages also keep their ETag and
Last-Modified for conditional re-fetching and a copy of the fetched bytes
(so ``--rebuild`` needs no network).

It is a small SQLite file beside the vector store (``data/sources.sqlite3``),
not Chroma collection metadata, because:

- each source's row is written in its own transaction *after* the store holds
  exactly that source's chunks, so a crash at any point leaves a row that is
  either right or stale (and a stale row only makes the next run look again);
- a start reads a few thousand rows in milliseconds instead of paging every
  chunk's metadata out of Chroma, and it works the same whether Chroma is
  embedded or a server;
- Chroma's collection metadata is one flat dictionary, rewritten whole,
  copied by nothing when ``--rebuild`` swaps collections, and readers of the
  running app could see it half-updated; SQLite in WAL mode lets the app read
  while an ingest writes.

The store stays the ground truth for which chunk ids a source has: the
registry is checked against the store's chunk count on every run and rebuilt
from the store's metadata when they disagree (an older store, a deleted
registry, another host ingesting into the same Chroma server).
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from .config import Settings

ORIGIN_KINDS = ("corpus", "folder", "file", "url", "sitemap", "store")
URL_KINDS = frozenset({"url", "sitemap"})
_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    collection TEXT NOT NULL,
    source_id TEXT NOT NULL,
    origin_kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    location TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    chunk_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    cache_file TEXT,
    file_size INTEGER,
    file_mtime_ns INTEGER,
    PRIMARY KEY (collection, source_id)
);
CREATE INDEX IF NOT EXISTS sources_location ON sources (collection, location);
CREATE TABLE IF NOT EXISTS collections (
    collection TEXT PRIMARY KEY,
    store TEXT NOT NULL,
    embedding_model TEXT,
    dimension INTEGER,
    updated_at TEXT NOT NULL
);
"""


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class SourceRecord:
    source_id: str
    origin_kind: str
    origin: str
    location: str
    content_hash: str
    pipeline: str
    chunk_count: int
    ingested_at: str
    checked_at: str
    title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    cache_file: str | None = None
    file_size: int | None = None
    """A file's size and modification time when its bytes last hashed to ``content_hash``
    (None for web pages, or when the time was too recent to trust): a reconcile that finds
    both unchanged does not read the file again (git's index does the same)."""
    file_mtime_ns: int | None = None

    @property
    def is_web(self) -> bool:
        return self.origin_kind in URL_KINDS

    @property
    def path(self) -> Path | None:
        """The file it is read from (None for a web page or an unknown origin)."""
        if self.is_web or not self.location or "://" in self.location:
            return None
        return Path(self.location)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def touched(self, **changes: Any) -> SourceRecord:
        return replace(self, **changes)


_COLUMNS = [f.name for f in fields(SourceRecord)]


class FileState(NamedTuple):
    """What a no-op check compares of one source (a row of the registry, not a record)."""

    source_id: str
    location: str
    origin_kind: str
    origin: str
    pipeline: str
    file_size: int | None
    file_mtime_ns: int | None

    @property
    def is_file(self) -> bool:
        """``SourceRecord.path is not None``: read from a file, not a web page."""
        return (
            self.origin_kind not in URL_KINDS and bool(self.location) and "://" not in self.location
        )


def store_identity(settings: Settings) -> str:
    """Which Chroma store a registry describes (server address or local folder)."""
    if settings.chroma_server:
        return f"http://{settings.chroma_host}:{settings.chroma_port}"
    return str(settings.chroma_dir.resolve())


class SourceRegistry:
    """The registry for one collection; rows of other collections are never touched."""

    def __init__(self, path: Path, collection: str, store: str) -> None:
        self.path = path
        self.collection = collection
        self.store = store
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise RuntimeError(
                f"{path} was written by a newer version of the assistant (schema {version})"
            )
        self._db.executescript(_SCHEMA)
        have = {row[1] for row in self._db.execute("PRAGMA table_info(sources)")}
        for column in ("file_size", "file_mtime_ns"):
            if column not in have:  # a version 1 registry: its files are hashed once more
                self._db.execute(f"ALTER TABLE sources ADD COLUMN {column} INTEGER")
        self._db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")

    @classmethod
    def open(cls, settings: Settings) -> SourceRegistry:
        return cls(settings.sources_db, settings.collection, store_identity(settings))

    @classmethod
    def open_existing(cls, settings: Settings) -> SourceRegistry | None:
        """The registry if one was written (readers must not create files)."""
        if not settings.sources_db.exists():
            return None
        return cls.open(settings)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SourceRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # Reading

    def all(self) -> list[SourceRecord]:
        rows = self._db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM sources WHERE collection = ? ORDER BY source_id",
            (self.collection,),
        ).fetchall()
        return [SourceRecord(**dict(row)) for row in rows]

    def file_states(self) -> list[FileState]:
        """Every source's ``FileState``: the registry as a start's no-op check reads it
        (building 4,168 full records was a fifth of that check at 100,000 chunks)."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            f"SELECT {', '.join(FileState._fields)} FROM sources WHERE collection = ?",
            (self.collection,),
        ).fetchall()
        return [FileState._make(row) for row in rows]

    def get(self, source_id: str) -> SourceRecord | None:
        row = self._db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM sources WHERE collection = ? AND source_id = ?",
            (self.collection, source_id),
        ).fetchone()
        return SourceRecord(**dict(row)) if row else None

    def total_chunks(self) -> int:
        row = self._db.execute(
            "SELECT COALESCE(SUM(chunk_count), 0) FROM sources WHERE collection = ?",
            (self.collection,),
        ).fetchone()
        return int(row[0])

    def known(self) -> bool:
        """Whether this registry has described this collection in this store before."""
        row = self._db.execute(
            "SELECT store FROM collections WHERE collection = ?", (self.collection,)
        ).fetchone()
        return row is not None and row[0] == self.store

    def model(self) -> tuple[str, int] | None:
        row = self._db.execute(
            "SELECT embedding_model, dimension FROM collections WHERE collection = ? AND store = ?",
            (self.collection, self.store),
        ).fetchone()
        if row is None or row[0] is None or row[1] is None:
            return None
        return str(row[0]), int(row[1])

    def fingerprint(self) -> str:
        """Changes whenever any source's chunks may have changed (for derived indexes)."""
        digest = hashlib.sha256(self.collection.encode())
        for source_id, content, pipeline, count in self._db.execute(
            "SELECT source_id, content_hash, pipeline, chunk_count FROM sources "
            "WHERE collection = ? ORDER BY source_id",
            (self.collection,),
        ):
            digest.update(f"{source_id}\x00{content}\x00{pipeline}\x00{count}\x01".encode())
        return digest.hexdigest()[:32]

    # Writing (each call is its own transaction unless inside ``transaction()``)

    def put(self, record: SourceRecord) -> None:
        values = record.to_dict()
        self._db.execute(
            f"INSERT OR REPLACE INTO sources (collection, {', '.join(_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' for _ in _COLUMNS)})",
            (self.collection, *(values[c] for c in _COLUMNS)),
        )

    def delete(self, source_id: str) -> None:
        self._db.execute(
            "DELETE FROM sources WHERE collection = ? AND source_id = ?",
            (self.collection, source_id),
        )

    def replace_all(self, records: Iterable[SourceRecord]) -> None:
        with self.transaction():
            self._db.execute("DELETE FROM sources WHERE collection = ?", (self.collection,))
            for record in records:
                self.put(record)

    def set_model(self, model_name: str | None, dimension: int | None) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO collections "
            "(collection, store, embedding_model, dimension, updated_at) VALUES (?, ?, ?, ?, ?)",
            (self.collection, self.store, model_name, dimension, now()),
        )


def origin_for(path: Path, corpus_folders: Sequence[Path], root: Path) -> tuple[str, str]:
    """(origin_kind, origin) of a file: the corpus folder holding it, else what was passed."""
    resolved = path.resolve()
    for folder in corpus_folders:
        folder = folder.resolve()
        if folder == resolved or folder in resolved.parents:
            return "corpus", str(folder)
    root = root.resolve()
    return ("file", str(root)) if root.is_file() else ("folder", str(root))


def describe(record: SourceRecord) -> str:
    """The origin as shown by ``--list``."""
    return f"{record.origin_kind}:{record.origin}" if record.origin else record.origin_kind
