"""A start keeps the store's stamp when it only reads the store, so the next start and a
plain ``ingest.py`` take the quick no-op check (registry and file stats, no Chroma).

Chroma writes into its database each time a client opens it (a row of its
``acquire_write`` table); these tests use a real embedded store and the real model.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import make_settings

from assistant.config import Settings
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import STORE_STAMP, _unchanged_at_a_glance, ingest, keeping_store_stamp
from assistant.schema import Route
from assistant.store import VectorStore, unreadable_reason
from assistant.wiring import build_assistant

DOC = """---
title: Gentle touch
url: https://example.org/gentle-touch
---
# Gentle touch

Light pressure massage is often adapted for people during cancer treatment.
Therapists ask about ports, lymph nodes and bruising before a session.
"""


def as_a_new_process() -> None:
    """Chroma writes when a process first opens the store (its clients share one system
    per path): forget that system, as a new process would not have it."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def quick(settings: Settings, emb: SentenceTransformerEmbeddings) -> bool:
    """Whether a plain re-ingest would be decided without opening Chroma."""
    return _unchanged_at_a_glance(settings, settings.corpus_folders, emb.model_name) is not None


def settings_with_one_document(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "gentle.md").write_text(DOC)
    # Older than the "racily clean" window, so the registry keeps its modification time.
    os.utime(corpus / "gentle.md", ns=(time.time_ns() - 60 * 10**9,) * 2)
    return make_settings(tmp_path / "data", corpus)


def test_opening_the_store_spoils_the_stamp_unless_kept(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = settings_with_one_document(tmp_path)
    ingest(settings, embeddings=embeddings, progress=False)
    assert quick(settings, embeddings)

    as_a_new_process()
    VectorStore.open(settings, embeddings.model_name, embeddings.dimension).count()
    assert not quick(settings, embeddings)  # Chroma wrote to its database on open

    ingest(settings, embeddings=embeddings, progress=False)  # the full run stamps again
    assert quick(settings, embeddings)
    as_a_new_process()
    with keeping_store_stamp(settings):
        assert unreadable_reason(settings) is None
        VectorStore.open(settings, embeddings.model_name, embeddings.dimension).count()
    assert quick(settings, embeddings)


def test_a_start_leaves_the_quick_check_to_the_next_one(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = settings_with_one_document(tmp_path)
    build_assistant(settings, embeddings=embeddings, progress=False)  # first start ingests
    assert quick(settings, embeddings)
    as_a_new_process()
    assistant = build_assistant(settings, embeddings=embeddings, progress=False)
    assert assistant.retriever.store.count() > 0
    assert quick(settings, embeddings)


def test_no_stamp_is_kept_over_a_change(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = settings_with_one_document(tmp_path)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)

    # Not valid before: a store changed behind the registry's back stays unstamped.
    store.delete(store.all_ids()[:1])
    with keeping_store_stamp(settings):
        store.count()
    assert not quick(settings, embeddings)

    # Valid before, but an ingestion changed the stamp meanwhile: its stamp stands.
    ingest(settings, embeddings=embeddings, progress=False)
    stamp_file = settings.data_dir / STORE_STAMP
    with keeping_store_stamp(settings):
        stamp_file.write_text(json.dumps({"collection": "other", "stamp": []}))
    assert json.loads(stamp_file.read_text())["collection"] == "other"

    # Valid before, but an ingestion died while changing the store (no stamp left).
    ingest(settings, embeddings=embeddings, progress=False)
    with keeping_store_stamp(settings):
        stamp_file.unlink()
    assert not stamp_file.exists() and not quick(settings, embeddings)


def test_a_readable_store_is_checked_once_and_its_system_kept_for_the_start(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    """``unreadable_reason`` loads every collection; the start then opens the same store:
    it must find that Chroma system (and so the loaded collection), not load it again."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from assistant.store import make_client

    settings = settings_with_one_document(tmp_path)
    ingest(settings, embeddings=embeddings, progress=False)
    as_a_new_process()
    assert unreadable_reason(settings) is None
    kept = dict(SharedSystemClient._identifier_to_system)
    assert len(kept) == 1
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    assert store.count() > 0
    assert make_client(settings)._system is next(iter(kept.values()))


def test_the_quick_check_notices_an_edited_a_removed_and_an_added_file(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    """The no-op check reads only the registry and the files' sizes and modification times:
    any of those changing, or a file appearing or going, sends the run to the full check."""
    settings = settings_with_one_document(tmp_path)
    other = settings.corpus_dir / "other.md"
    other.write_text(DOC.replace("gentle-touch", "other").replace("Gentle", "Other"))
    os.utime(other, ns=(time.time_ns() - 60 * 10**9,) * 2)
    ingest(settings, embeddings=embeddings, progress=False)
    assert quick(settings, embeddings)
    gentle = settings.corpus_dir / "gentle.md"
    stat = gentle.stat()

    gentle.write_text(DOC.replace("Light", "Soft"))  # one byte shorter
    os.utime(gentle, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the same mtime
    assert not quick(settings, embeddings)
    gentle.write_text(DOC)
    os.utime(gentle, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # same size, touched
    assert not quick(settings, embeddings)
    os.utime(gentle, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert quick(settings, embeddings)

    other.rename(tmp_path / "other.md")  # removed from the corpus folder
    assert not quick(settings, embeddings)
    (tmp_path / "other.md").rename(other)
    assert quick(settings, embeddings)

    (settings.corpus_dir / "new.md").write_text(DOC.replace("gentle-touch", "new"))
    assert not quick(settings, embeddings)
    report = ingest(settings, embeddings=embeddings, progress=False)
    assert report.count("added") == 1 and quick(settings, embeddings) is False  # racily new


def test_a_start_answers_one_question_before_it_returns(
    default_settings: Settings,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What only a first answer does happens before the app reports ready (issue 17: the
    first question within twice the median), through the whole answer path."""
    from assistant.service import READINESS_PROBE, Assistant

    replies = []
    real = Assistant.answer

    def answer(self: Assistant, conversation: list, message: str) -> object:
        reply = real(self, conversation, message)
        replies.append((message, reply.route))
        return reply

    monkeypatch.setattr(Assistant, "answer", answer)
    build_assistant(default_settings, embeddings=embeddings, progress=False)
    assert replies == [(READINESS_PROBE, Route.ANSWER)]


def test_a_failed_warm_up_answer_does_not_stop_the_start(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.service import Assistant

    def broken(self: Assistant, conversation: list, message: str) -> object:
        raise RuntimeError("no answer")

    monkeypatch.setattr(Assistant, "answer", broken)
    assistant = build_assistant(
        settings_with_one_document(tmp_path), embeddings=embeddings, progress=False
    )
    assert assistant.check_ready() == []
