"""The BM25 index, persisted beside the store and rebuilt only when the corpus changes.

Building BM25 over a large store means reading every chunk out of Chroma and
tokenising it: seconds at 100,000 chunks. So the index is built once per
state of the corpus, by the ingest run that changed it (or by whoever first
needs it), saved with bm25s's own ``save`` under ``data/lexical/<collection>/
<fingerprint>/``, and loaded (memory-mapped) by every later start. The
fingerprint comes from the source registry (each source's id, content hash,
chunking and chunk count), so it changes exactly when a chunk may have.

The index holds chunk *ids*, not chunks: a search returns ids and scores and
the caller reads those few chunks from the store (``search_chunks``), so no
process keeps a second copy of every chunk's text in memory. It also keeps,
per chunk, the set of its stemmed words (for the coverage check) and the
words found in more than 30% of chunks.

Building streams the store a page at a time into one shared vocabulary, so
the peak is the token ids (about 8 bytes per token) plus the index itself,
never the chunk texts twice.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .chunking import embedding_text
from .config import Settings
from .schema import Chunk
from .sources import SourceRegistry
from .store import VectorStore
from .text import LetterTable

log = logging.getLogger(__name__)

FORMAT = "lexical-2"
"""Bumped whenever what is saved, or how text is tokenised, changes."""
COMMON_SHARE = 0.3
UNREGISTERED = f"{FORMAT}-unregistered"
"""The fingerprint of an index built for a store with no source registry (never saved)."""
_META = "lexical.json"
_STEMS_KEPT = 4096
"""Texts whose stems an index keeps (``LexicalIndex.stems_of_each``)."""


def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str], stemmer: Any) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed words: the same for chunks and queries."""
    import bm25s

    if not texts:
        return []
    out = bm25s.tokenize(
        list(texts), stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False
    )
    return [list(words) for words in out]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")
"""bm25s's default token pattern (``tokenize``)."""


@cache
def _stopwords() -> frozenset[str]:
    """The English stopwords ``tokenize`` drops (bm25s's "en" list)."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def query_tokenize(texts: Sequence[str], stemmer: Any) -> list[list[str]]:
    """``tokenize`` for a few short texts, without its progress bars and id tables (about
    half its time on a question's texts): the same lower-cased split, the same English
    stopwords, each distinct word stemmed once."""
    stop = _stopwords()
    split = [[w for w in _TOKEN.findall(text.lower()) if w not in stop] for text in texts]
    distinct = list(dict.fromkeys(w for words in split for w in words))
    stem = dict(zip(distinct, stemmer.stemWords(distinct), strict=True))
    return [[stem[w] for w in words] for words in split]


class LexicalIndex:
    """BM25 over chunk ids, with each chunk's words and the corpus's common words."""

    def __init__(
        self,
        bm25: Any,
        chunk_ids: list[str],
        doc_indptr: np.ndarray,
        doc_words: np.ndarray,
        common: frozenset[str],
        fingerprint: str,
        tokens: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self._bm25 = bm25
        self._tokens = tokens
        self.chunk_ids = chunk_ids
        self._position = {cid: i for i, cid in enumerate(chunk_ids)}
        self._doc_indptr = doc_indptr
        self._doc_words = doc_words
        self.common = common
        self.fingerprint = fingerprint
        vocab: dict[str, int] = dict(bm25.vocab_dict) if bm25 is not None else {}
        vocab.pop("", None)
        self._word_of = {i: w for w, i in vocab.items()}
        self.vocab = frozenset(vocab)
        self._stemmer = _stemmer()
        self._stems: dict[str, tuple[str, ...]] = {}
        """Recent texts' stems (``stems_of_each``); emptied when full."""
        self._chunk_words: dict[str, frozenset[str]] = {}
        """Each chunk's words once read (``words_of``): the index never changes."""

    def __len__(self) -> int:
        return len(self.chunk_ids)

    @cached_property
    def _letter_table(self) -> LetterTable:
        return LetterTable(sorted(self.vocab))

    def spelling_candidates(self, word: str, cutoff: float) -> list[str]:
        """The vocabulary words difflib could find as close to ``word`` as ``cutoff``
        (``text.LetterTable.candidates``)."""
        return self._letter_table.candidates(word, cutoff)

    def stems(self, text: str) -> list[str]:
        """The index's words for ``text`` (query side of ``tokenize``)."""
        return self.stems_of_each([text])[0]

    def stems_of_each(self, texts: Sequence[str]) -> list[list[str]]:
        """``stems`` of each text, the ones not seen lately in one call of the tokenizer
        (it reads each text on its own, so the words do not depend on the others)."""
        known = {t: self._stems.get(t) for t in texts}
        missing = [t for t, words in known.items() if words is None]
        if missing:
            fresh = {
                t: tuple(words)
                for t, words in zip(missing, query_tokenize(missing, self._stemmer), strict=True)
            }
            known.update(fresh)
            if len(self._stems) > _STEMS_KEPT:
                self._stems.clear()
            self._stems.update(fresh)
        # From this call's own copy: another thread may empty the cache meanwhile.
        return [list(known[t] or ()) for t in texts]

    def words_of(self, chunk_id: str) -> set[str]:
        """The distinct stemmed words of one chunk (empty for an unknown id)."""
        words = self._chunk_words.get(chunk_id)
        if words is None:
            i = self._position.get(chunk_id)
            if i is None:
                return set()
            ids = self._doc_words[int(self._doc_indptr[i]) : int(self._doc_indptr[i + 1])]
            words = frozenset(self._word_of[t] for t in map(int, ids) if t in self._word_of)
            self._chunk_words[chunk_id] = words
        return set(words)

    def search(self, query: str, n: int) -> list[tuple[str, float]]:
        """Up to ``n`` (chunk id, BM25 score) pairs with a positive score, best first."""
        if not self.chunk_ids or n <= 0:
            return []
        words = [w for w in self.stems(query) if w in self.vocab]
        if not words:
            return []
        # n_threads=0: in this thread (1 started a thread pool for every search).
        ids, scores = self._bm25.retrieve(
            [words], k=min(n, len(self.chunk_ids)), show_progress=False, n_threads=0
        )
        return [
            (self.chunk_ids[int(i)], float(s))
            for i, s in zip(ids[0], scores[0], strict=True)
            if s > 0
        ]

    def search_chunks(
        self,
        store: VectorStore,
        query: str,
        n: int,
        known: Iterable[Chunk] = (),
    ) -> list[tuple[Chunk, float]]:
        """``search``, with the chunks read from the store (ids gone from it are skipped).

        ``known``: chunks just read from the same store (the dense search's); only hits
        not among them are read, so most searches make no round trip of their own."""
        hits = self.search(query, n)
        found = {c.chunk_id: c for c in known}
        missing = [cid for cid, _ in hits if cid not in found]
        if missing:
            found.update((c.chunk_id, c) for c in store.get_chunks(missing))
        return [(found[cid], score) for cid, score in hits if cid in found]

    # Building, saving, loading

    @classmethod
    def build(
        cls,
        pages: Iterable[Sequence[Chunk]],
        fingerprint: str,
        previous: LexicalIndex | None = None,
        order: Sequence[str] | None = None,
    ) -> LexicalIndex:
        """Index chunks arriving a page at a time (what is indexed is ``embedding_text``).

        With ``previous`` (an index of an earlier state of the corpus) and
        ``order`` (every chunk id now in the store), chunks the previous index
        already has keep their tokens and only ``pages`` (the new chunks) are
        tokenised: a one-document change re-tokenises one document.
        """
        stemmer = _stemmer()
        vocab: dict[str, int] = {}
        pieces: dict[str, np.ndarray] = {}
        if previous is not None and previous._tokens is not None:
            vocab = {w: i for i, w in previous._word_of.items()}
        for page in pages:
            words_per_chunk = tokenize([embedding_text(c) for c in page], stemmer)
            for chunk, words in zip(page, words_per_chunk, strict=True):
                pieces[chunk.chunk_id] = np.fromiter(
                    (vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int32
                )
        chunk_ids = list(order) if order is not None else list(pieces)
        parts: list[np.ndarray] = []
        for cid in chunk_ids:
            piece = pieces.get(cid)
            if piece is None:
                assert previous is not None, f"no tokens for chunk {cid}"
                piece = previous.tokens_of(cid)
            parts.append(piece)
        return cls.from_tokens(chunk_ids, parts, vocab, fingerprint)

    @classmethod
    def from_tokens(
        cls,
        chunk_ids: list[str],
        parts: Sequence[np.ndarray],
        vocab: dict[str, int],
        fingerprint: str,
    ) -> LexicalIndex:
        """BM25 (bm25s's default Lucene variant, k1 1.5, b 0.75) computed with numpy.

        Equivalent to ``bm25s.BM25().index(...)`` (tests compare them), but one
        vectorised pass instead of a Python loop per chunk, so rebuilding at
        100,000 chunks takes seconds.
        """
        import bm25s

        n_docs = len(chunk_ids)
        lengths = np.asarray([len(p) for p in parts], dtype=np.int64)
        flat = np.concatenate(parts).astype(np.int64) if n_docs else np.zeros(0, np.int64)
        used = np.unique(flat)  # drop words no chunk has any more; ids become 0..n-1
        words_by_old = {i: w for w, i in vocab.items()}
        compact = {words_by_old[int(old)]: new for new, old in enumerate(used)}
        remap = np.zeros(int(used.max()) + 1 if len(used) else 0, dtype=np.int64)
        remap[used] = np.arange(len(used))
        tokens = remap[flat] if len(flat) else flat
        n_vocab = len(compact)
        docs = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        pair, tf = np.unique(docs * max(n_vocab, 1) + tokens, return_counts=True)
        pair_doc, pair_tok = pair // max(n_vocab, 1), pair % max(n_vocab, 1)
        doc_indptr = np.concatenate([[0], np.cumsum(np.bincount(pair_doc, minlength=n_docs))])
        doc_words = pair_tok.astype(np.int32)
        df = np.bincount(pair_tok, minlength=n_vocab)
        by_id = {i: w for w, i in compact.items()}
        common = frozenset(by_id[int(i)] for i in np.nonzero(df > COMMON_SHARE * n_docs)[0])
        bm25 = None
        if n_docs:
            k1, b = 1.5, 0.75
            avg = lengths.mean()
            idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
            tfc = tf / (k1 * ((1 - b) + b * lengths[pair_doc] / avg) + tf)
            scores = (idf[pair_tok] * tfc).astype(np.float32)
            by_token = np.lexsort((pair_doc, pair_tok))
            bm25 = bm25s.BM25(k1=k1, b=b, method="lucene", idf_method="lucene")
            bm25.scores = {
                "data": scores[by_token],
                "indices": pair_doc[by_token].astype(np.int32),
                "indptr": np.concatenate([[0], np.cumsum(df)]).astype(np.int64),
                "num_docs": n_docs,
            }
            vocab_dict = dict(compact)
            vocab_dict[""] = n_vocab
            bm25.vocab_dict = vocab_dict
            bm25.unique_token_ids_set = set(vocab_dict.values())
            bm25.nonoccurrence_array = None
        token_indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return cls(
            bm25,
            chunk_ids,
            doc_indptr.astype(np.int64),
            doc_words,
            common,
            fingerprint,
            tokens=(token_indptr, tokens.astype(np.int32)),
        )

    def tokens_of(self, chunk_id: str) -> np.ndarray:
        """One chunk's token ids (with repeats), from the cache saved with the index."""
        assert self._tokens is not None
        i = self._position[chunk_id]
        indptr, tokens = self._tokens
        return np.asarray(tokens[int(indptr[i]) : int(indptr[i + 1])], dtype=np.int32)

    def save(self, directory: Path) -> Path:
        """Write to ``directory/<fingerprint>`` atomically (a temporary folder renamed in)."""
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / self.fingerprint
        tmp = directory / f".tmp-{self.fingerprint}-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if self._bm25 is not None:
            self._bm25.save(str(tmp / "bm25"), show_progress=False)
        np.save(tmp / "doc_indptr.npy", self._doc_indptr)
        np.save(tmp / "doc_words.npy", self._doc_words)
        if self._tokens is not None:
            np.save(tmp / "token_indptr.npy", self._tokens[0])
            np.save(tmp / "tokens.npy", self._tokens[1])
        (tmp / "chunk_ids.json").write_text(json.dumps(self.chunk_ids))
        meta = {
            "format": FORMAT,
            "fingerprint": self.fingerprint,
            "chunks": len(self.chunk_ids),
            "common": sorted(self.common),
            "saved_at": time.time(),
        }
        (tmp / _META).write_text(json.dumps(meta))
        if final.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            try:
                tmp.rename(final)
            except OSError:  # another process saved the same index first
                shutil.rmtree(tmp, ignore_errors=True)
        for old in directory.iterdir():
            if old.name not in {final.name} and not old.name.startswith(".tmp-"):
                shutil.rmtree(old, ignore_errors=True)
        return final

    @classmethod
    def load(cls, directory: Path, fingerprint: str) -> LexicalIndex | None:
        """The saved index for ``fingerprint``, memory-mapped; None if absent or unreadable."""
        import bm25s

        folder = directory / fingerprint
        try:
            meta = json.loads((folder / _META).read_text())
            if meta.get("format") != FORMAT or meta.get("fingerprint") != fingerprint:
                return None
            chunk_ids = json.loads((folder / "chunk_ids.json").read_text())
            bm25 = None
            if chunk_ids:
                bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
            indptr = np.load(folder / "doc_indptr.npy", mmap_mode="r")
            words = np.load(folder / "doc_words.npy", mmap_mode="r")
            tokens = (
                np.load(folder / "token_indptr.npy", mmap_mode="r"),
                np.load(folder / "tokens.npy", mmap_mode="r"),
            )
        except (OSError, ValueError, KeyError):
            return None
        return cls(bm25, chunk_ids, indptr, words, frozenset(meta["common"]), fingerprint, tokens)

    @classmethod
    def latest(cls, directory: Path) -> LexicalIndex | None:
        """The most recently saved index of any state of the corpus (to build on)."""
        if not directory.is_dir():
            return None
        saved = []
        for folder in directory.iterdir():
            try:
                meta = json.loads((folder / _META).read_text())
            except (OSError, ValueError):
                continue
            if meta.get("format") == FORMAT:
                saved.append((meta.get("saved_at", 0), folder.name))
        for _, name in sorted(saved, reverse=True):
            loaded = cls.load(directory, name)
            if loaded is not None:
                return loaded
        return None


def index_dir(settings: Settings) -> Path:
    return settings.lexical_dir / settings.collection


def fingerprint_of(registry: SourceRegistry) -> str:
    return f"{FORMAT}-{registry.fingerprint()}"


def current_fingerprint(settings: Settings) -> str | None:
    """The fingerprint the registry gives the corpus now (None before any ingest)."""
    registry = SourceRegistry.open_existing(settings)
    if registry is None:
        return None
    with registry:
        return fingerprint_of(registry)


def ensure(settings: Settings, store: VectorStore, fingerprint: str | None = None) -> LexicalIndex:
    """The index for the corpus as it is: loaded if saved, else built from the store and saved.

    A saved index whose chunk count differs from the store's is not trusted
    (the store changed without the registry, e.g. an interrupted run) and is
    rebuilt from the store.
    """
    fingerprint = fingerprint or current_fingerprint(settings)
    count = store.count()
    if fingerprint is not None:
        started = time.perf_counter()
        loaded = LexicalIndex.load(index_dir(settings), fingerprint)
        if loaded is not None and len(loaded) == count:
            log.info(
                "lexical index loaded: %d chunks in %.2f s",
                len(loaded),
                time.perf_counter() - started,
            )
            return loaded
    built = build_from_store(settings, store, fingerprint or UNREGISTERED)
    if fingerprint is not None and len(built) == count:
        built.save(index_dir(settings))
    return built


def build_from_store(settings: Settings, store: VectorStore, fingerprint: str) -> LexicalIndex:
    """Build on the last saved index when there is one (only new chunks are read from the
    store and tokenised), else from every chunk in the store, a page at a time."""
    started = time.perf_counter()
    previous = LexicalIndex.latest(index_dir(settings))
    if previous is None:
        built = LexicalIndex.build(store.iter_chunks(), fingerprint)
        new_count = len(built)
    else:
        order = store.all_ids()
        known = set(previous.chunk_ids)
        new = [cid for cid in order if cid not in known]
        new_count = len(new)
        pages = (store.get_chunks(new[i : i + 2000]) for i in range(0, len(new), 2000))
        built = LexicalIndex.build(pages, fingerprint, previous=previous, order=order)
    log.info(
        "lexical index built: %d chunks (%d tokenised) in %.2f s",
        len(built),
        new_count,
        time.perf_counter() - started,
    )
    return built


def prepare(settings: Settings, store: VectorStore, fingerprint: str) -> bool:
    """Build and save the index for ``fingerprint`` unless it is saved already.

    Called by ingestion after it changed the corpus (and on no-op runs, where
    it costs one ``stat``), so a start only ever loads. Returns True if built.
    """
    if (index_dir(settings) / fingerprint / _META).exists():
        return False
    built = build_from_store(settings, store, fingerprint)
    if len(built) != store.count():
        return False  # the store changed meanwhile; whoever needs it next rebuilds
    built.save(index_dir(settings))
    return True


class PersistedLexicalIndex:
    """What the retriever holds: the current index, swapped when the corpus changes.

    ``current()`` returns the loaded index; at most every ``poll_s`` seconds it
    looks whether the registry file was written since (two ``stat`` calls) and
    only then compares fingerprints and loads the new saved index (the ingest
    run that changed the corpus saved it; until it is saved the old one keeps
    serving). Loading is memory-mapped, so the swap does not hold two indexes
    in memory.
    """

    def __init__(self, settings: Settings, store: VectorStore, poll_s: float = 1.0) -> None:
        self.settings = settings
        self.store = store
        self.poll_s = poll_s
        self._index: LexicalIndex | None = None
        self._lock = threading.Lock()
        self._checked = 0.0
        self._data_version: int | None = None

    def warm_up(self) -> LexicalIndex:
        """Load (or build) the index now, before the app reports ready."""
        return self.current()

    def reload(self) -> None:
        """Forget the index; the next ``current()`` loads the one for the corpus as it is."""
        with self._lock:
            self._index = None

    def current(self) -> LexicalIndex:
        with self._lock:
            if self._index is None:
                self._index = ensure(self.settings, self.store)
                self._data_version = self._registry_version()
                self._checked = time.monotonic()
            elif time.monotonic() - self._checked >= self.poll_s:
                self._checked = time.monotonic()
                if self._index.fingerprint == UNREGISTERED and len(self._index) != (
                    self.store.count()
                ):
                    # No registry to tell: a store written by another process is
                    # seen by its size (what the in-memory index used to do).
                    self._index = None
                    self._index = ensure(self.settings, self.store)
                    return self._index
                version = self._registry_version()
                if version != self._data_version:
                    fingerprint = current_fingerprint(self.settings)
                    if fingerprint is None or fingerprint == self._index.fingerprint:
                        self._data_version = version
                    else:
                        # Only an index the ingest saved: while an ingest is still
                        # writing there is none yet, and the old one keeps serving.
                        loaded = LexicalIndex.load(index_dir(self.settings), fingerprint)
                        if loaded is not None and len(loaded) == self.store.count():
                            self._index = loaded
                            self._data_version = version
            return self._index

    def _registry_version(self) -> int | None:
        """Changes whenever the registry file is written (mtime and size of db and WAL)."""
        db = self.settings.sources_db
        stamp = 0
        for path in (db, db.with_name(db.name + "-wal")):
            try:
                st = path.stat()
            except OSError:
                continue
            stamp = hash((stamp, st.st_mtime_ns, st.st_size))
        return stamp or None
