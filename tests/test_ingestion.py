"""Incremental ingestion into a real embedded Chroma store with the real embedding model.

Each test works on its own copy of the corpus and its own data folder, so it
can edit, delete and corrupt files freely. The model is the session fixture
(loaded once) and is passed to ``ingest`` so no test loads it again; most
tests ingest the same corpus into a fresh store, so ``ReusedVectors`` also
remembers the model's vector for each text it has embedded (the model is
deterministic, so the vectors are the ones it would compute again). The
checks compare the store with what chunking says it should hold: the same
ids, nothing twice, nothing left over from a file that is gone.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_settings
from test_documents import (
    CANCERCHOICES,
    GOOD_MD,
    HTML_MARKERS,
    HUGE_LIMIT_MB,
    S4OM,
    THREE_PAGES,
    make_pdf,
    write_bad_files,
    write_good_files,
)

from assistant.chunking import chunk_document
from assistant.config import Settings
from assistant.documents import load_corpus
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import IngestReport, ensure_ingested, ingest
from assistant.schema import Chunk
from assistant.store import ModelMismatchError, VectorStore, make_client

CC_FILE = "cancerchoices-massage-therapy.md"
S4OM_FILE = "s4om-home.md"


_VECTORS: dict[str, list[float]] = {}


class ReusedVectors:
    """The session's real model, computing each distinct text's vector once per session."""

    def __init__(self, model: SentenceTransformerEmbeddings) -> None:
        self.model = model
        self.model_name = model.model_name
        self.dimension = model.dimension

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
        if missing:
            _VECTORS.update(zip(missing, self.model.embed_documents(missing), strict=True))
        return [_VECTORS[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


@pytest.fixture
def emb(embeddings: SentenceTransformerEmbeddings) -> ReusedVectors:
    return ReusedVectors(embeddings)


class OtherModel:
    """A stand-in for a different embedding model: another name and dimension."""

    model_name = "other-model"
    dimension = 16

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode()).digest()
        return [b / 255 + 0.01 for b in digest[: self.dimension]]


def run(settings: Settings, emb: object, **kwargs: object) -> IngestReport:
    return ingest(settings, embeddings=emb, progress=False, **kwargs)  # type: ignore[arg-type]


def open_store(settings: Settings, emb: ReusedVectors) -> VectorStore:
    return VectorStore.open(settings, emb.model_name, emb.dimension)


def stored(settings: Settings, emb: ReusedVectors) -> list[Chunk]:
    return open_store(settings, emb).all_chunks()


def planned(settings: Settings, roots: list[Path] | None = None) -> list[Chunk]:
    """What the store should hold: every chunk of every loadable document."""
    docs, _ = load_corpus(roots or [settings.corpus_dir], settings.max_file_bytes)
    return [c for d in docs for c in chunk_document(d, settings.chunk_size, settings.chunk_overlap)]


def assert_store_matches(settings: Settings, emb: ReusedVectors) -> list[Chunk]:
    """The store holds exactly the planned chunks: no duplicates, no orphans, no gaps."""
    chunks = stored(settings, emb)
    ids = [c.chunk_id for c in chunks]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(c.chunk_id for c in planned(settings))
    positions = Counter((c.source_id, c.start) for c in chunks)
    assert max(positions.values(), default=1) == 1, "two chunks at the same place in a source"
    texts = Counter((c.source_id, c.text) for c in chunks)
    assert max(texts.values(), default=1) == 1, "the same text stored twice for one source"
    assert open_store(settings, emb).count() == len(chunks)
    return chunks


def kinds(report: IngestReport) -> dict[str, str]:
    return {c.source_id: c.kind for c in report.changes}


def test_first_run_stores_every_chunk_and_second_run_embeds_nothing(
    tmp_path: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data")
    first = run(settings, emb)
    assert kinds(first) == {CANCERCHOICES: "added", S4OM: "added"}
    assert first.failed == [] and first.chunks_deleted == 0
    chunks = assert_store_matches(settings, emb)
    assert first.chunks_written == len(chunks) > 10
    assert {c.source_id for c in chunks} == {CANCERCHOICES, S4OM}

    second = run(settings, emb)
    assert second.chunks_written == 0 and second.chunks_deleted == 0
    assert kinds(second) == {CANCERCHOICES: "unchanged", S4OM: "unchanged"}
    assert not second.changed
    assert "2 unchanged" in second.summary() and "chunks written: 0" in second.summary()
    assert [c.chunk_id for c in stored(settings, emb)] == [c.chunk_id for c in chunks]

    hits = open_store(settings, emb).query(
        emb.embed_query("Is massage recommended for anxiety in breast cancer?"), k=3
    )
    assert len(hits) == 3 and hits[0][0].source_id == CANCERCHOICES
    assert 0.3 < hits[0][1] <= 1.0 and hits[0][1] >= hits[-1][1]


def test_changed_document_has_its_chunks_replaced(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, emb)
    before = {c.chunk_id: c for c in stored(settings, emb)}
    path = tmp_corpus / CC_FILE
    text = path.read_text(encoding="utf-8")
    assert "makes a weak recommendation for using massage" in text
    path.write_text(
        text.replace(
            "makes a weak recommendation for using massage",
            "makes a moderate recommendation for gentle massage",
        )
        + "\n\nAftercare Advice\n\nRest and drink water after a session. Tell the therapist "
        "how you felt so the next session can be adjusted to suit you.\n",
        encoding="utf-8",
    )

    report = run(settings, emb)
    assert kinds(report) == {CANCERCHOICES: "updated", S4OM: "unchanged"}
    after = {c.chunk_id: c for c in assert_store_matches(settings, emb)}
    gone, new = before.keys() - after.keys(), after.keys() - before.keys()
    assert gone and new
    assert report.chunks_written == len(new) and report.chunks_deleted == len(gone)
    assert all(before[i].source_id == CANCERCHOICES for i in gone)
    texts = " ".join(c.text for c in after.values())
    assert "moderate recommendation" in texts and "weak recommendation" not in texts
    assert any(c.section == "Aftercare Advice" for c in after.values())
    new_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    assert all(after[i].doc_hash == new_hash for i in new)
    assert run(settings, emb).chunks_written == 0


def test_removed_document_has_its_chunks_deleted(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, emb)
    s4om_count = sum(c.source_id == S4OM for c in stored(settings, emb))
    (tmp_corpus / S4OM_FILE).unlink()

    report = run(settings, emb)
    assert kinds(report) == {CANCERCHOICES: "unchanged", S4OM: "removed"}
    assert report.chunks_deleted == s4om_count > 0 and report.chunks_written == 0
    chunks = assert_store_matches(settings, emb)
    assert {c.source_id for c in chunks} == {CANCERCHOICES}


@pytest.mark.parametrize("kind", ["markdown", "pdf"])
def test_file_that_becomes_unreadable_keeps_what_was_stored(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors, kind: str
) -> None:
    if kind == "pdf":
        path, source_id = tmp_corpus / "leaflet.pdf", "leaflet.pdf"
        path.write_bytes(make_pdf(THREE_PAGES))
        broken = path.read_bytes()[:500]
    else:
        path, source_id = tmp_corpus / CC_FILE, CANCERCHOICES
        broken = b"\x00\x01binary junk\x00" * 50
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, emb)
    before = stored(settings, emb)
    original = path.read_bytes()
    path.write_bytes(broken)

    report = run(settings, emb)
    assert [f.path for f in report.failed] == [str(path)]
    assert source_id not in kinds(report), "a failed file must not be reported as removed"
    assert report.chunks_deleted == 0 and report.chunks_written == 0
    assert [c.chunk_id for c in stored(settings, emb)] == [c.chunk_id for c in before]

    path.write_bytes(original)
    repaired = run(settings, emb)
    assert repaired.failed == [] and repaired.chunks_written == 0
    assert kinds(repaired)[source_id] == "unchanged"


def test_file_that_becomes_unreadable_after_the_corpus_moved_keeps_what_was_stored(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    run(make_settings(tmp_path / "data", tmp_corpus), emb)
    moved = tmp_corpus.rename(tmp_path / "moved-corpus")
    settings = make_settings(tmp_path / "data", moved)
    assert run(settings, emb).chunks_written == 0
    before = stored(settings, emb)
    (moved / S4OM_FILE).write_bytes(b"\x00\x01binary junk\x00")

    report = run(settings, emb)
    assert [f.path for f in report.failed] == [str(moved / S4OM_FILE)]
    assert report.chunks_deleted == 0
    assert [c.chunk_id for c in stored(settings, emb)] == [c.chunk_id for c in before]


def test_dry_run_reports_the_plan_and_writes_nothing(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    fresh = run(settings, emb, dry_run=True)
    assert fresh.dry_run and kinds(fresh) == {CANCERCHOICES: "added", S4OM: "added"}
    assert fresh.chunks_written == len(planned(settings))
    assert "would write" in fresh.summary()
    assert open_store(settings, emb).count() == 0
    assert not open_store(settings, emb).exists()

    run(settings, emb)
    before = [c.chunk_id for c in stored(settings, emb)]
    (tmp_corpus / S4OM_FILE).unlink()
    (tmp_corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    plan = run(settings, emb, dry_run=True)
    assert kinds(plan) == {
        CANCERCHOICES: "unchanged",
        "https://example.org/aftercare": "added",
        S4OM: "removed",
    }
    assert [c.chunk_id for c in stored(settings, emb)] == before

    done = run(settings, emb)
    assert kinds(done) == kinds(plan)
    assert (done.chunks_written, done.chunks_deleted) == (plan.chunks_written, plan.chunks_deleted)
    assert_store_matches(settings, emb)


def test_rebuild_starts_fresh_and_ends_with_the_same_chunks(
    tmp_path: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data")
    run(settings, emb)
    before = [c.chunk_id for c in stored(settings, emb)]

    report = run(settings, emb, rebuild=True)
    assert report.rebuilt and report.chunks_written == len(before)
    assert set(kinds(report).values()) == {"added"}
    assert [c.chunk_id for c in assert_store_matches(settings, emb)] == before
    names = [c.name for c in make_client(settings).list_collections()]
    assert names == [settings.collection], "side collections of the rebuild were left behind"
    assert run(settings, emb).chunks_written == 0


def test_interrupted_rebuild_is_cleaned_up_and_the_old_collection_kept(
    tmp_path: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data")
    run(settings, emb)
    before = [c.chunk_id for c in stored(settings, emb)]
    store = open_store(settings, emb)
    side = store.start_rebuild()
    side.upsert(planned(settings)[:2], emb.embed_documents(["a", "b"]))
    # As if killed mid-swap: the live collection renamed aside, the new one not yet in place.
    make_client(settings).get_collection(settings.collection).modify(
        name=settings.collection + "__old"
    )

    report = run(settings, emb)
    assert report.chunks_written == 0, "the old collection should have been restored"
    assert [c.chunk_id for c in stored(settings, emb)] == before
    names = [c.name for c in make_client(settings).list_collections()]
    assert names == [settings.collection]


def test_store_built_with_another_model_is_refused_until_rebuilt(
    tmp_path: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data")
    run(settings, emb)
    client = make_client(settings)
    with pytest.raises(ModelMismatchError, match=r"--rebuild") as caught:
        VectorStore(client, settings.collection, "other-model", emb.dimension).count()
    assert "'other-model'" in str(caught.value) and emb.model_name in str(caught.value)
    other = OtherModel()
    with pytest.raises(ModelMismatchError, match=r"dimension 16.*--rebuild"):
        run(settings, other)
    with pytest.raises(ModelMismatchError):
        run(settings, other, dry_run=True)
    assert len(stored(settings, emb)) == len(planned(settings)), "nothing may be lost"

    report = run(settings, other, rebuild=True)
    assert report.chunks_written == len(planned(settings))
    assert client.get_collection(settings.collection).metadata == {
        "embedding_model": "other-model",
        "dimension": 16,
    }
    with pytest.raises(ModelMismatchError, match=emb.model_name):
        run(settings, emb)


def test_bad_files_are_reported_and_every_good_file_goes_in(
    tmp_path: Path, emb: ReusedVectors
) -> None:
    corpus = tmp_path / "corpus"
    expected_failures = write_bad_files(corpus)
    expected_ids = write_good_files(corpus)
    settings = make_settings(tmp_path / "data", corpus, max_file_mb=HUGE_LIMIT_MB)

    report = run(settings, emb)
    assert {f.path: f.reason for f in report.failed}.keys() == expected_failures.keys()
    for failure in report.failed:
        assert expected_failures[failure.path] in failure.reason
        assert "\n" not in str(failure) and str(failure).startswith(failure.path + ": ")
    assert kinds(report) == dict.fromkeys(expected_ids.values(), "added")
    chunks = assert_store_matches(settings, emb)
    assert {c.source_id for c in chunks} == set(expected_ids.values())

    again = run(settings, emb)
    assert again.chunks_written == 0 and len(again.failed) == len(expected_failures)


def test_stored_chunks_keep_pdf_pages_and_html_structure(
    tmp_path: Path, emb: ReusedVectors
) -> None:
    corpus = tmp_path / "corpus"
    write_good_files(corpus)
    settings = make_settings(tmp_path / "data", corpus)
    run(settings, emb)
    chunks = assert_store_matches(settings, emb)

    pdf = [c for c in chunks if c.source_id == "three-pages.pdf"]
    assert {c.page for c in pdf} == {1, 2, 3}
    assert all(c.title == "Three Page Leaflet" for c in pdf)
    [page_two] = [c for c in pdf if "Page 2 marker" in c.text]
    assert page_two.page == 2
    assert all(c.page is None for c in chunks if c.source_id != "three-pages.pdf")
    hits = open_store(settings, emb).query(
        emb.embed_query("Page 2 marker sentence about page2word"), k=1
    )
    assert hits[0][0].chunk_id == page_two.chunk_id and hits[0][0].page == 2

    html = [c for c in chunks if c.source_id == "https://example.org/massage-chemo/"]
    assert html and all("Massage During Chemotherapy" in c.title for c in html)
    assert any("Before Your Session" in c.section for c in html)
    for marker in HTML_MARKERS:
        assert not any(marker in c.text for c in html)
    assert {c.source_id for c in chunks} >= {
        "https://example.org/aftercare",
        "guides/positioning.txt",
    }


def test_ingesting_chosen_paths_leaves_other_documents_alone(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    only = run(settings, emb, paths=[tmp_corpus / S4OM_FILE])
    assert kinds(only) == {S4OM: "added"}
    assert {c.source_id for c in stored(settings, emb)} == {S4OM}

    full = run(settings, emb)
    assert kinds(full) == {CANCERCHOICES: "added", S4OM: "unchanged"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    extra = run(settings, emb, paths=[elsewhere])
    assert kinds(extra) == {"https://example.org/aftercare": "added"}
    partial = run(settings, emb, paths=[tmp_corpus / S4OM_FILE])
    assert kinds(partial) == {S4OM: "unchanged"}, "other documents must not count as removed"
    assert len({c.source_id for c in stored(settings, emb)}) == 3

    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        run(settings, emb, paths=[tmp_path / "missing"])


def test_a_subfolder_file_keeps_its_source_id_when_ingested_by_path(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    (tmp_corpus / "sub").mkdir()
    note = tmp_corpus / "sub" / "notes.md"
    note.write_text("Notes\n\nRest after a gentle massage and drink water.\n")
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, emb)
    report = run(settings, emb, paths=[note])
    assert kinds(report) == {"sub/notes.md": "unchanged"}


def test_ensure_ingested_fills_an_empty_store_then_only_acts_on_changes(
    tmp_path: Path, tmp_corpus: Path, emb: ReusedVectors
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    first = ensure_ingested(settings, emb, progress=False)
    assert first is not None and first.count("added") == 2
    assert ensure_ingested(settings, emb, progress=False) is None
    shutil.copy(tmp_corpus / S4OM_FILE, tmp_path / "s4om-backup.md")
    (tmp_corpus / S4OM_FILE).unlink()
    removed = ensure_ingested(settings, emb, progress=False)
    assert removed is not None and kinds(removed)[S4OM] == "removed"
    assert_store_matches(settings, emb)
