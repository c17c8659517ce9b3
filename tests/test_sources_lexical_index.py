"""The persisted BM25 index (``assistant/lexical_index.py``).

It must search exactly like the in-memory index retrieval builds today (same
stems, same scores, same per-chunk words and common words), be saved by the
ingest run that changed the corpus under the registry's fingerprint, be loaded
(not rebuilt, not read out of the store) by a start, and be swapped for the
new one when an ingest changes the corpus while the app runs.
"""

from __future__ import annotations

import difflib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_settings
from test_documents import GOOD_MD

from assistant import lexical_index
from assistant.chunking import embedding_text
from assistant.config import PROJECT_ROOT, Settings
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import ingest
from assistant.lexical_index import (
    LexicalIndex,
    PersistedLexicalIndex,
    current_fingerprint,
    ensure,
    index_dir,
)
from assistant.retrieval import _spelled
from assistant.schema import Chunk
from assistant.store import VectorStore

QUERIES = [
    "Is massage safe during chemotherapy?",
    "massage for anxiety in breast cancer",
    "peripheral neuropathy",
    "how do I find a trained oncology massage therapist",
    "nausia and fatigue",
    "zzzz nothing matches",
]


class InMemoryBM25:
    """What ``retrieval.py`` built in memory before the persisted index (kept here as the
    reference): bm25s over every chunk's embedding text, English stop words, Snowball."""

    def __init__(self, chunks: list[Chunk]) -> None:
        import bm25s
        import Stemmer

        self.stemmer = Stemmer.Stemmer("english")
        self.chunks = chunks
        tokens = bm25s.tokenize(
            [embedding_text(c) for c in chunks],
            stopwords="en",
            stemmer=self.stemmer,
            show_progress=False,
        )
        self.vocab = set(tokens.vocab)
        self.bm25 = bm25s.BM25()
        self.bm25.index(tokens, show_progress=False)
        words = {i: w for w, i in tokens.vocab.items()}
        self.chunk_words = {
            c.chunk_id: {words[i] for i in ids} for c, ids in zip(chunks, tokens.ids, strict=True)
        }
        df: dict[str, int] = {}
        for ws in self.chunk_words.values():
            for w in ws:
                df[w] = df.get(w, 0) + 1
        self.common = {w for w, n in df.items() if n > 0.3 * len(chunks)}

    def stems(self, text: str) -> list[str]:
        import bm25s

        return bm25s.tokenize(
            [text], stopwords="en", stemmer=self.stemmer, return_ids=False, show_progress=False
        )[0]

    def search(self, query: str, n: int) -> list[tuple[Chunk, float]]:
        words = [w for w in self.stems(query) if w in self.vocab]
        if not words:
            return []
        ids, scores = self.bm25.retrieve([words], k=n, show_progress=False, n_threads=1)
        pairs = zip(ids[0], scores[0], strict=True)
        return [(self.chunks[int(i)], float(s)) for i, s in pairs if s > 0]


def test_persisted_index_searches_exactly_like_the_in_memory_one(
    default_settings: object, embeddings: SentenceTransformerEmbeddings, assistant: object
) -> None:
    store = VectorStore.open(default_settings, embeddings.model_name, embeddings.dimension)  # type: ignore[arg-type]
    chunks = store.all_chunks()
    reference = InMemoryBM25(chunks)
    built = LexicalIndex.build([chunks[:10], chunks[10:]], "test")
    assert len(built) == len(chunks) and built.vocab == reference.vocab
    assert built.common == reference.common
    for chunk in chunks:
        assert built.words_of(chunk.chunk_id) == reference.chunk_words[chunk.chunk_id]
    for query in QUERIES:
        expected = [(c.chunk_id, round(s, 5)) for c, s in reference.search(query, 10)]
        got = [(c.chunk_id, round(s, 5)) for c, s in built.search_chunks(store, query, 10)]
        assert got == expected, query
        assert built.stems(query) == reference.stems(query)
    words = [w for q in QUERIES for w in q.split()] + ["", "the", "mood disturbance"]
    assert built.stems_of_each(words) == [reference.stems(w) for w in words]


def test_spelling_check_reads_only_words_with_enough_letters_in_common_and_finds_the_same(
    default_settings: object, embeddings: SentenceTransformerEmbeddings, assistant: object
) -> None:
    """``retrieval._spelled`` gives difflib's answer over the whole vocabulary."""
    store = VectorStore.open(default_settings, embeddings.model_name, embeddings.dimension)  # type: ignore[arg-type]
    index = LexicalIndex.build([store.all_chunks()], "test")
    typos = [
        "nausia",
        "fatige",
        "neuropathi",
        "anxieti",
        "masag",
        "chemotherapi",
        "zzzz",
        "ab",
        "é",
    ]
    corrected = {}
    for typo in typos + sorted(index.vocab)[:50]:
        close = difflib.get_close_matches(typo, index.vocab, n=1, cutoff=0.8)
        corrected[typo] = _spelled(index, typo)
        assert corrected[typo] == (close[0] if close else typo), typo
    assert corrected["nausia"] == "nausea" and corrected["zzzz"] == "zzzz"


def test_ingest_saves_the_index_and_a_start_loads_it_without_reading_chunks(
    tmp_path: Path,
    tmp_corpus: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    first = current_fingerprint(settings)
    assert first is not None
    saved = index_dir(settings) / first
    assert (saved / "lexical.json").exists() and (saved / "bm25").is_dir()
    stamp = (saved / "lexical.json").stat().st_mtime_ns

    assert not ingest(settings, embeddings=embeddings, progress=False).changed
    assert current_fingerprint(settings) == first
    assert (saved / "lexical.json").stat().st_mtime_ns == stamp, "a no-op run rebuilt it"

    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)

    def no_reading(self: VectorStore) -> None:
        raise AssertionError("the start read every chunk out of the store")

    with monkeypatch.context() as m:
        m.setattr(VectorStore, "iter_chunks", no_reading)
        loaded = ensure(settings, store)
    assert loaded.fingerprint == first and len(loaded) == store.count()
    assert loaded.search("massage anxiety", 3)

    (tmp_corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    ingest(settings, embeddings=embeddings, progress=False)
    second = current_fingerprint(settings)
    assert second != first
    assert [p.name for p in index_dir(settings).iterdir()] == [second], "old index not dropped"

    # That index was built on the first one (only the new chunks tokenised): it must be
    # the index a fresh build from every chunk gives.
    incremental = ensure(settings, store)
    fresh = LexicalIndex.build(store.iter_chunks(), "fresh")
    assert sorted(incremental.chunk_ids) == sorted(fresh.chunk_ids)
    assert incremental.vocab == fresh.vocab and incremental.common == fresh.common
    for query in QUERIES:
        got = sorted((cid, round(score, 5)) for cid, score in incremental.search(query, 8))
        assert got == sorted((cid, round(score, 5)) for cid, score in fresh.search(query, 8))
    for cid in fresh.chunk_ids:
        assert incremental.words_of(cid) == fresh.words_of(cid)


def test_an_index_that_does_not_match_the_store_is_rebuilt(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    fingerprint = current_fingerprint(settings)
    assert fingerprint is not None
    some = store.all_chunks()[:3]
    LexicalIndex.build([some], fingerprint).save(index_dir(settings))  # a wrong one
    index = ensure(settings, store)
    assert len(index) == store.count()


def test_the_running_app_swaps_to_the_new_index_after_an_ingest(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    handle = PersistedLexicalIndex(settings, store, poll_s=0.0)
    before = handle.warm_up()
    assert handle.current() is before, "nothing changed: the same index"
    query = "drink water and rest after an oncology massage"
    aftercare = "https://example.org/aftercare"
    assert all(c.source_id != aftercare for c, _ in before.search_chunks(store, query, 5))

    (tmp_corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    ingest(settings, embeddings=embeddings, progress=False)
    after = handle.current()
    assert after is not before and len(after) == len(before) + 1
    hits = after.search_chunks(store, query, 3)
    assert hits[0][0].source_id == aftercare


def test_an_empty_store_has_an_empty_index(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = make_settings(tmp_path / "data", corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    index = ensure(settings, store)
    assert len(index) == 0 and index.search("massage", 5) == []
    assert index.words_of("nope") == set()
    assert lexical_index.FORMAT in (current_fingerprint(settings) or "")


# Real processes: ingest.py, then the app (app.py) started, asked, stopped and started again.

APP_PY = str(PROJECT_ROOT / "app.py")
INGEST_PY = str(PROJECT_ROOT / "ingest.py")
LEAFLET = "https://example.org/leaflet"
LEAFLET_MD = """---
url: https://example.org/leaflet
title: Clinic Leaflet
---
# Clinic Leaflet

Our oncology massage sessions are booked through the day unit reception. A therapist
trained in oncology massage adapts each session to your treatment and how you feel.
"""


AFTERCARE_QUESTION = "Should I drink water and rest after an oncology massage?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _index_files(settings: Settings) -> dict[str, int]:
    """Every file of the saved lexical index, with its modification time."""
    root = index_dir(settings)
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@dataclass
class Started:
    ready_s: float
    replies: list[dict]
    log: str

    def count(self, line: str) -> int:
        return self.log.count(line)


def start_app_and_ask(env: dict[str, str], cwd: Path, questions: list[str]) -> Started:
    """``python app.py`` until /api/health answers, ask ``questions`` in turn, then Ctrl-C."""
    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_file = cwd / f"app-{port}.log"
    started = time.monotonic()
    with log_file.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, APP_PY, "--port", str(port)],
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            ready_s = None
            while time.monotonic() - started < 600:
                if proc.poll() is not None:
                    break
                try:
                    if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                        ready_s = time.monotonic() - started
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.25)
            log = log_file.read_text(errors="replace")
            assert ready_s is not None, f"the app never became ready (exit {proc.poll()}):\n{log}"
            replies = []
            for question in questions:
                response = httpx.post(f"{base}/api/chat", json={"message": question}, timeout=300)
                assert response.status_code == 200, response.text
                replies.append(response.json())
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return Started(ready_s, replies, log_file.read_text(errors="replace"))


def cited(reply: dict) -> set[str]:
    return {c["source_id"] for c in reply["citations"]}


@pytest.mark.slow
def test_app_restarts_reuse_the_saved_index_and_a_changed_corpus_rebuilds_it_once(
    tmp_path: Path, tmp_corpus: Path
) -> None:
    """The issue's "fast start": the index ingest.py saved is loaded by every start (its files
    untouched), a corpus changed while the app was down is indexed exactly once, by that
    start, and the first question after each start is answered from the right sources.
    A document added from another folder is still there after every restart."""
    other = tmp_path / "other-docs"
    other.mkdir()
    (other / "leaflet.md").write_text(LEAFLET_MD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)  # this checkout's package in "python -c"
    env.update(
        ASSISTANT_DATA_DIR=str(tmp_path / "data"),
        ASSISTANT_CORPUS_DIR=str(tmp_corpus),
        PYTHONUNBUFFERED="1",
    )
    settings = make_settings(tmp_path / "data", tmp_corpus)
    for args in ([INGEST_PY, "--quiet"], [INGEST_PY, str(other), "--quiet"]):
        done = subprocess.run(
            [sys.executable, *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stderr
    saved = _index_files(settings)
    fingerprint = current_fingerprint(settings)
    assert fingerprint is not None and {p.split("/")[0] for p in saved} == {fingerprint}

    chemo = "Is massage safe during chemotherapy?"
    booking = "How are oncology massage sessions booked at the day unit reception?"
    run = start_app_and_ask(env, tmp_path, [chemo, booking])
    assert run.count("lexical index loaded") == 1, run.log
    assert run.count("lexical index built") == 0, "the start rebuilt an unchanged index"
    assert _index_files(settings) == saved, "the start rewrote the saved index"
    first, second = run.replies
    assert first["route"] == "answer" and first["citations"], first
    assert LEAFLET not in cited(first)
    assert second["route"] == "answer" and LEAFLET in cited(second), second

    (tmp_corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    changed = start_app_and_ask(env, tmp_path, [AFTERCARE_QUESTION])
    assert changed.count("lexical index built") == 1, changed.log
    new_fingerprint = current_fingerprint(settings)
    assert new_fingerprint not in (None, fingerprint)
    assert [p.name for p in index_dir(settings).iterdir()] == [new_fingerprint]
    [reply] = changed.replies
    assert reply["route"] == "answer" and "https://example.org/aftercare" in cited(reply), reply

    rebuilt = _index_files(settings)
    again = start_app_and_ask(env, tmp_path, [booking])
    assert again.count("lexical index loaded") == 1, again.log
    assert again.count("lexical index built") == 0 and _index_files(settings) == rebuilt
    assert LEAFLET in cited(again.replies[0]), "the other folder's document was lost"


def test_query_tokenize_reads_texts_as_the_index_tokenizer_does() -> None:
    """The question-side tokenizer (no progress bars) gives bm25s's words for every text,
    and an index's kept stems give the same words on a second read."""
    from assistant.lexical_index import _stemmer, query_tokenize, tokenize

    texts = [
        "Is it OK to get a massage while I'm on chemo?",
        "",
        "the and of",
        "Lymphoedema, lymphedema & LYMPHATIC drainage... 2x/week?",
        "¿Es seguro el masaje durante la quimioterapia?",
        "my mum's port-a-cath — can they work around it",
        "a b c d e",
        "running runners ran; nausea nauseous naus3a",
    ]
    stemmer = _stemmer()
    assert query_tokenize(texts, stemmer) == tokenize(texts, stemmer)
    for text in texts:
        assert query_tokenize([text], stemmer) == tokenize([text], stemmer)
