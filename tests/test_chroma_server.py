"""Server mode: the same ingestion against a real ``chroma run`` over HTTP.

An organisation may run Chroma as its own service (``ASSISTANT_CHROMA_HOST``);
the embedded tests never touch the HTTP client, so these start the real
server once for the module and ingest, re-ingest, rebuild and query through
it. Each test uses its own collection so they do not depend on each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chroma_server import ChromaServer, free_port, running_chroma_server
from conftest import make_settings
from test_documents import CANCERCHOICES, S4OM

from assistant.cli import EXIT_USAGE, run_ingest
from assistant.config import Settings
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import ingest
from assistant.store import ModelMismatchError, StoreError, VectorStore

pytestmark = [pytest.mark.chroma_server, pytest.mark.slow]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    with running_chroma_server(tmp_path_factory.mktemp("chroma-server") / "chroma") as server:
        yield server


def server_settings(
    tmp_path: Path, corpus: Path, server: ChromaServer, collection: str
) -> Settings:
    return make_settings(
        tmp_path / "data",
        corpus,
        chroma_host=server.host,
        chroma_port=server.port,
        collection=collection,
    )


def test_ingest_reingest_and_query_through_the_server(
    tmp_path: Path,
    tmp_corpus: Path,
    chroma_server: ChromaServer,
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    settings = server_settings(tmp_path, tmp_corpus, chroma_server, "server_ingest")
    first = ingest(settings, embeddings=embeddings, progress=False)
    assert {c.kind for c in first.changes} == {"added"} and first.failed == []
    assert first.chunks_written > 10

    remote = chroma_server.client().get_collection("server_ingest")
    assert remote.count() == first.chunks_written
    assert remote.metadata["embedding_model"] == embeddings.model_name
    assert not (tmp_path / "data" / "chroma").exists(), "server mode must not write locally"

    second = ingest(settings, embeddings=embeddings, progress=False)
    assert second.chunks_written == 0 and second.chunks_deleted == 0
    assert {c.kind for c in second.changes} == {"unchanged"}

    (tmp_corpus / "s4om-home.md").unlink()
    third = ingest(settings, embeddings=embeddings, progress=False)
    assert {c.source_id: c.kind for c in third.changes}[S4OM] == "removed"
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    chunks = store.all_chunks()
    assert store.count() == len(chunks) == first.chunks_written - third.chunks_deleted
    assert {c.source_id for c in chunks} == {CANCERCHOICES}

    hits = store.query(embeddings.embed_query("massage for peripheral neuropathy"), k=4)
    assert len(hits) == 4 and all(c.source_id == CANCERCHOICES for c, _ in hits)
    assert any("neuropathy" in c.text for c, _ in hits)
    assert hits[0][0].text in (tmp_corpus / "cancerchoices-massage-therapy.md").read_text()


def test_rebuild_and_model_check_through_the_server(
    tmp_path: Path,
    tmp_corpus: Path,
    chroma_server: ChromaServer,
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    settings = server_settings(tmp_path, tmp_corpus, chroma_server, "server_rebuild")
    first = ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    before = [c.chunk_id for c in store.all_chunks()]

    rebuilt = ingest(settings, embeddings=embeddings, progress=False, rebuild=True)
    assert rebuilt.chunks_written == first.chunks_written
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    assert [c.chunk_id for c in store.all_chunks()] == before
    names = {c.name for c in chroma_server.client().list_collections()}
    assert "server_rebuild" in names and not any(n.startswith("server_rebuild__") for n in names)

    other = VectorStore.open(settings, "other-model", embeddings.dimension)
    with pytest.raises(ModelMismatchError, match="--rebuild"):
        other.count()


def test_unreachable_server_is_a_usage_error_naming_the_address(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    port = free_port()
    settings = make_settings(tmp_path / "data", chroma_host="127.0.0.1", chroma_port=port)
    with pytest.raises(StoreError, match=rf"cannot reach the Chroma server at 127.0.0.1:{port}"):
        ingest(settings, embeddings=embeddings, progress=False)

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_CHROMA_PORT", str(port))
    assert run_ingest(["--quiet"]) == EXIT_USAGE
    _, err = capsys.readouterr()
    assert err.startswith(f"error: cannot reach the Chroma server at 127.0.0.1:{port}")
    assert "chroma run" in err and "ASSISTANT_CHROMA_HOST" in err


def test_a_store_opened_before_a_rebuild_keeps_answering_after_it(
    tmp_path: Path,
    tmp_corpus: Path,
    chroma_server: ChromaServer,
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    settings = server_settings(tmp_path, tmp_corpus, chroma_server, "server_live")
    ingest(settings, embeddings=embeddings, progress=False)
    app_store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    vector = embeddings.embed_query("massage for anxiety")
    assert len(app_store.query(vector, k=3)) == 3

    ingest(settings, embeddings=embeddings, progress=False, rebuild=True)
    assert len(app_store.query(vector, k=3)) == 3
