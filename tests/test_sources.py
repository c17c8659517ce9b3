"""The source registry: added sources persist, are listed, and are removed only on purpose.

The issue this answers: ``ingest.py``, then ``ingest.py /other/docs``, then
``ingest.py`` deleted the added document, and so did every app start. These
tests run the real script and a fresh app process where the issue says so,
and use the session's model in-process for the rest. A no-op start must not
load the embedding model or re-chunk anything, so the in-process checks use
an embeddings object that fails if asked for a vector or its dimension.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_settings
from test_documents import CANCERCHOICES, GOOD_MD, S4OM

from assistant import ingestion
from assistant.cli import EXIT_OK, EXIT_USAGE, run_ingest
from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import IngestReport, ensure_ingested, ingest, remove
from assistant.sources import SourceRegistry
from assistant.store import VectorStore

INGEST_PY = str(PROJECT_ROOT / "ingest.py")
AFTERCARE = "https://example.org/aftercare"
LEAFLET = "https://example.org/leaflet"
LEAFLET_MD = """---
url: https://example.org/leaflet
title: Clinic Leaflet
---
# Clinic Leaflet

Our oncology massage sessions are booked through the day unit reception. A therapist
trained in oncology massage adapts each session to your treatment and how you feel.
"""


class NoModel:
    """Stands in for the model where none may be loaded: any use fails the test."""

    def __init__(self, real: SentenceTransformerEmbeddings) -> None:
        self.model_name = real.model_name

    @property
    def dimension(self) -> int:
        raise AssertionError("the embedding model was asked for its dimension")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise AssertionError(f"the embedding model was asked to embed {len(texts)} texts")

    def embed_query(self, text: str) -> list[float]:
        raise AssertionError("the embedding model was asked to embed a query")


def run(settings: Settings, emb: object, **kwargs: object) -> IngestReport:
    return ingest(settings, embeddings=emb, progress=False, **kwargs)  # type: ignore[arg-type]


def sources_in_store(settings: Settings, emb: SentenceTransformerEmbeddings) -> set[str]:
    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    return {c.source_id for c in store.all_chunks()}


def kinds(report: IngestReport) -> dict[str, str]:
    return {c.source_id: c.kind for c in report.changes}


@pytest.fixture
def other_docs(tmp_path: Path) -> Path:
    folder = tmp_path / "other-docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    (folder / "sub" / "leaflet.md").write_text(LEAFLET_MD, encoding="utf-8")
    return folder


def test_documents_added_from_another_folder_survive_plain_runs_and_starts(
    tmp_path: Path, tmp_corpus: Path, other_docs: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    assert kinds(run(settings, embeddings)) == {CANCERCHOICES: "added", S4OM: "added"}
    extra = run(settings, embeddings, paths=[other_docs])
    assert kinds(extra) == {AFTERCARE: "added", LEAFLET: "added"}

    plain = run(settings, embeddings)
    assert kinds(plain) == {CANCERCHOICES: "unchanged", S4OM: "unchanged"}
    assert plain.count("removed") == 0
    assert ensure_ingested(settings, embeddings, progress=False) is None
    assert sources_in_store(settings, embeddings) == {CANCERCHOICES, S4OM, AFTERCARE, LEAFLET}

    # Reconciling the other folder itself does remove what is gone from it.
    (other_docs / "sub" / "leaflet.md").unlink()
    again = run(settings, embeddings, paths=[other_docs])
    assert kinds(again) == {AFTERCARE: "unchanged", LEAFLET: "removed"}
    assert sources_in_store(settings, embeddings) == {CANCERCHOICES, S4OM, AFTERCARE}


def test_a_no_op_start_reads_the_registry_and_loads_no_model_and_chunks_nothing(
    tmp_path: Path,
    tmp_corpus: Path,
    other_docs: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    run(settings, embeddings, paths=[other_docs])

    def no_chunking(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document was re-chunked")

    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("every chunk's metadata was read")

    monkeypatch.setattr(ingestion, "chunk_document", no_chunking)
    monkeypatch.setattr(VectorStore, "source_summaries", no_scan)
    monkeypatch.setattr(VectorStore, "_pages", no_scan)
    assert ensure_ingested(settings, NoModel(embeddings), progress=False) is None  # type: ignore[arg-type]
    report = run(settings, NoModel(embeddings))
    assert kinds(report) == {CANCERCHOICES: "unchanged", S4OM: "unchanged"}
    assert run(settings, NoModel(embeddings), paths=[other_docs]).changed is False
    assert run(settings, NoModel(embeddings), dry_run=True).changed is False


def _age(path: Path, seconds_ago: int) -> None:
    """Give a file a modification time in the past (one the registry trusts)."""
    past = time.time_ns() - seconds_ago * 1_000_000_000
    os.utime(path, ns=(past, past))


def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = ingestion.content_hash

    def counting(data: bytes) -> str:
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(ingestion, "content_hash", counting)
    return calls


def test_a_reconcile_does_not_re_hash_files_whose_size_and_mtime_are_unchanged(
    tmp_path: Path,
    tmp_corpus: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    files = sorted(tmp_corpus.glob("*-*.md"))
    for f in files:
        _age(f, 3600)
    run(settings, embeddings)
    with SourceRegistry.open(settings) as registry:
        rows = {r.location: r for r in registry.all()}
    for f in files:
        st = f.stat()
        assert (rows[str(f.resolve())].file_size, rows[str(f.resolve())].file_mtime_ns) == (
            st.st_size,
            st.st_mtime_ns,
        )

    hashes = _count_hashes(monkeypatch)
    assert ensure_ingested(settings, NoModel(embeddings), progress=False) is None  # type: ignore[arg-type]
    report = run(settings, NoModel(embeddings))
    assert kinds(report) == {CANCERCHOICES: "unchanged", S4OM: "unchanged"}
    assert hashes == []  # neither file was read


def test_a_touched_but_identical_file_is_hashed_once_and_not_re_ingested(
    tmp_path: Path,
    tmp_corpus: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    for f in tmp_corpus.glob("*-*.md"):
        _age(f, 3600)
    run(settings, embeddings)
    touched = tmp_corpus / "s4om-home.md"
    _age(touched, 60)  # `touch`: a new mtime, the same bytes

    hashes = _count_hashes(monkeypatch)
    report = run(settings, NoModel(embeddings))
    assert kinds(report) == {CANCERCHOICES: "unchanged", S4OM: "unchanged"}
    assert report.chunks_written == 0 and report.chunks_deleted == 0
    assert hashes == [touched.stat().st_size]  # only the touched file was read
    with SourceRegistry.open(settings) as registry:
        row = registry.get(S4OM)
    assert row is not None and row.file_mtime_ns == touched.stat().st_mtime_ns

    hashes.clear()
    assert not run(settings, NoModel(embeddings)).changed
    assert hashes == []  # its new mtime was recorded


def test_a_same_size_edit_with_a_new_mtime_is_re_hashed_and_re_ingested(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    for f in tmp_corpus.glob("*-*.md"):
        _age(f, 3600)
    run(settings, embeddings)
    edited = tmp_corpus / "s4om-home.md"
    before = edited.read_text(encoding="utf-8")
    after = before.replace("massage", "MASSAGE", 1)
    assert after != before and len(after.encode()) == len(before.encode())
    edited.write_text(after, encoding="utf-8")
    _age(edited, 60)

    report = run(settings, embeddings)
    assert kinds(report) == {CANCERCHOICES: "unchanged", S4OM: "updated"}
    assert report.chunks_written >= 1
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    assert any("MASSAGE" in c.text for c in store.chunks_for_source(S4OM))


def test_a_file_modified_moments_ago_keeps_no_trusted_mtime(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    """An edit within the file system's time resolution could keep the same mtime, so a
    just-written file is hashed again by the next run ("racily clean" in git)."""
    settings = make_settings(tmp_path / "data", tmp_corpus)
    fresh = tmp_corpus / "s4om-home.md"
    fresh.write_text(fresh.read_text(encoding="utf-8"), encoding="utf-8")
    run(settings, embeddings)
    with SourceRegistry.open(settings) as registry:
        row = registry.get(S4OM)
    assert row is not None and (row.file_size, row.file_mtime_ns) == (None, None)


def test_a_version_1_registry_gains_the_stat_columns(tmp_path: Path) -> None:
    path = tmp_path / "sources.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE sources (collection TEXT NOT NULL, source_id TEXT NOT NULL, "
        "origin_kind TEXT NOT NULL, origin TEXT NOT NULL, location TEXT NOT NULL, "
        "title TEXT NOT NULL DEFAULT '', content_hash TEXT NOT NULL, pipeline TEXT NOT NULL, "
        "chunk_count INTEGER NOT NULL, ingested_at TEXT NOT NULL, checked_at TEXT NOT NULL, "
        "etag TEXT, last_modified TEXT, content_type TEXT, cache_file TEXT, "
        "PRIMARY KEY (collection, source_id));"
        "INSERT INTO sources VALUES ('c', 'doc', 'corpus', '/c', '/c/doc.md', 'Doc', 'h', 'p', "
        "3, 't', 't', NULL, NULL, NULL, NULL);"
        "PRAGMA user_version=1;"
    )
    db.close()
    with SourceRegistry(path, "c", "store") as registry:
        [row] = registry.all()
    assert (row.source_id, row.chunk_count, row.file_size, row.file_mtime_ns) == (
        "doc",
        3,
        None,
        None,
    )


def test_registry_records_origin_hash_chunks_and_date(
    tmp_path: Path, tmp_corpus: Path, other_docs: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    run(settings, embeddings, paths=[other_docs / "aftercare.md"])
    with SourceRegistry.open(settings) as registry:
        rows = {r.source_id: r for r in registry.all()}
        assert registry.total_chunks() == VectorStore.open_for(settings, embeddings).count()
    corpus_row = rows[CANCERCHOICES]
    assert (corpus_row.origin_kind, corpus_row.origin) == ("corpus", str(tmp_corpus.resolve()))
    assert corpus_row.location == str((tmp_corpus / "cancerchoices-massage-therapy.md").resolve())
    file_row = rows[AFTERCARE]
    assert (file_row.origin_kind, file_row.origin) == (
        "file",
        str((other_docs / "aftercare.md").resolve()),
    )
    import hashlib

    assert file_row.content_hash == hashlib.sha256(GOOD_MD.encode()).hexdigest()
    assert file_row.chunk_count == 1 and file_row.ingested_at.endswith("+00:00")


def test_corpus_folders_setting_reconciles_every_listed_folder(
    tmp_path: Path, tmp_corpus: Path, other_docs: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus, corpus_dirs=[other_docs])
    report = run(settings, embeddings)
    assert set(kinds(report)) == {CANCERCHOICES, S4OM, AFTERCARE, LEAFLET}
    with SourceRegistry.open(settings) as registry:
        assert registry.get(AFTERCARE).origin == str(other_docs.resolve())  # type: ignore[union-attr]
        assert {r.origin_kind for r in registry.all()} == {"corpus"}
    (other_docs / "aftercare.md").unlink()
    assert kinds(run(settings, embeddings))[AFTERCARE] == "removed"

    from_env = load_settings(_env_file=None, corpus_dirs=f"{other_docs}, {tmp_path / 'x'}")
    assert from_env.corpus_dirs == [other_docs, tmp_path / "x"]
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        run(from_env.model_copy(update={"data_dir": tmp_path / "data2"}), embeddings)


def test_remove_by_source_id_path_or_folder_and_only_on_purpose(
    tmp_path: Path,
    tmp_corpus: Path,
    other_docs: Path,
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    run(settings, embeddings, paths=[other_docs])

    dry = remove(settings, [AFTERCARE], dry_run=True, embeddings=embeddings)
    assert kinds(dry) == {AFTERCARE: "removed"} and dry.chunks_deleted == 1
    assert AFTERCARE in sources_in_store(settings, embeddings)

    gone = remove(settings, [AFTERCARE], embeddings=embeddings)
    assert kinds(gone) == {AFTERCARE: "removed"} and gone.notes == []
    by_path = remove(settings, [str(other_docs / "sub" / "leaflet.md")], embeddings=embeddings)
    assert kinds(by_path) == {LEAFLET: "removed"}
    assert sources_in_store(settings, embeddings) == {CANCERCHOICES, S4OM}

    run(settings, embeddings, paths=[other_docs])
    by_folder = remove(settings, [str(other_docs)], embeddings=embeddings)
    assert kinds(by_folder) == {AFTERCARE: "removed", LEAFLET: "removed"}

    with pytest.raises(ingestion.SourceNotFound, match="no ingested source matches"):
        remove(settings, [S4OM, "https://example.org/nothing"], embeddings=embeddings)
    assert S4OM in sources_in_store(settings, embeddings), "nothing is removed on a bad name"

    corpus_file = remove(settings, [S4OM], embeddings=embeddings)
    assert "still in a corpus folder" in corpus_file.notes[0]
    assert sources_in_store(settings, embeddings) == {CANCERCHOICES}
    with SourceRegistry.open(settings) as registry:
        assert {r.source_id for r in registry.all()} == {CANCERCHOICES}


def test_two_folders_cannot_both_claim_one_source_id(
    tmp_path: Path, tmp_corpus: Path, other_docs: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings, paths=[other_docs])
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "copy.md").write_text(GOOD_MD.replace("Drink water", "Sip water"), encoding="utf-8")
    report = run(settings, embeddings, paths=[twin])
    [failure] = report.failed
    assert failure.path == str(twin / "copy.md")
    assert f"same source id {AFTERCARE!r} as {(other_docs / 'aftercare.md').resolve()}" in (
        failure.reason
    )
    assert "--remove" in failure.reason

    # A file that moved (the old one is gone) takes its source id with it.
    (other_docs / "aftercare.md").rename(twin / "aftercare.md")
    (twin / "copy.md").unlink()
    moved = run(settings, embeddings, paths=[twin])
    assert kinds(moved) == {AFTERCARE: "unchanged"} and moved.failed == []
    with SourceRegistry.open(settings) as registry:
        assert registry.get(AFTERCARE).location == str((twin / "aftercare.md").resolve())  # type: ignore[union-attr]


def test_a_store_without_a_registry_gets_one_without_re_embedding(
    tmp_path: Path, tmp_corpus: Path, other_docs: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    """An older store (or a deleted registry): the registry is rebuilt from chunk metadata."""
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    run(settings, embeddings, paths=[other_docs])
    settings.sources_db.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(settings.sources_db) + extra).unlink(missing_ok=True)

    report = run(settings, embeddings)
    assert report.chunks_written == 0 and report.chunks_deleted == 0
    assert kinds(report) == {CANCERCHOICES: "unchanged", S4OM: "unchanged"}
    with SourceRegistry.open(settings) as registry:
        rows = {r.source_id: r for r in registry.all()}
    assert set(rows) == {CANCERCHOICES, S4OM, AFTERCARE, LEAFLET}
    assert rows[LEAFLET].origin_kind == "folder"
    assert rows[LEAFLET].origin == str((other_docs / "sub").resolve())
    assert rows[CANCERCHOICES].origin_kind == "corpus"


def test_rebuild_keeps_sources_from_other_folders(
    tmp_path: Path, tmp_corpus: Path, other_docs: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    run(settings, embeddings, paths=[other_docs])
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    before = sorted(c.chunk_id for c in store.all_chunks())
    (other_docs / "sub" / "leaflet.md").unlink()  # gone: carried over from the store

    report = run(settings, embeddings, rebuild=True)
    assert report.rebuilt and set(kinds(report).values()) == {"added"}
    assert set(kinds(report)) == {CANCERCHOICES, S4OM, AFTERCARE, LEAFLET}
    assert "re-embedded from its stored chunks" in report.notes[0]
    assert sorted(c.chunk_id for c in store.all_chunks()) == before
    with SourceRegistry.open(settings) as registry:
        assert registry.total_chunks() == len(before)


def test_an_update_interrupted_after_writing_is_finished_by_the_next_run(
    tmp_path: Path,
    tmp_corpus: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    path = tmp_corpus / "s4om-home.md"
    text = path.read_text()
    assert "one of the biggest challenges" in text
    path.write_text(
        text.replace("one of the biggest challenges", "one of the hardest challenges")
        + "\n\nA New Section\n\nBook a session at reception.\n"
    )

    original = VectorStore.delete

    def crash(self: VectorStore, ids: object) -> None:
        raise KeyboardInterrupt  # killed after the new chunks, before the old ones go

    monkeypatch.setattr(VectorStore, "delete", crash)
    with pytest.raises(KeyboardInterrupt):
        run(settings, embeddings)
    monkeypatch.setattr(VectorStore, "delete", original)
    with SourceRegistry.open(settings) as registry:
        stale = registry.get(S4OM)
        assert stale is not None and stale.content_hash != ingestion.content_hash(
            path.read_bytes()
        ), "the registry row is written only after the store is right"

    finished = run(settings, embeddings)
    assert kinds(finished)[S4OM] == "updated"
    assert finished.chunks_written == 0 and finished.chunks_deleted > 0
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    chunks = [c for c in store.all_chunks() if c.source_id == S4OM]
    assert any("Book a session at reception" in c.text for c in chunks)
    assert not any("biggest challenges" in c.text for c in chunks)
    with SourceRegistry.open(settings) as registry:
        assert registry.total_chunks() == store.count()
        assert registry.get(S4OM).chunk_count == len(chunks)  # type: ignore[union-attr]


def test_list_prints_origin_chunks_and_date_and_json(
    tmp_path: Path,
    other_docs: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "leaflet.md").write_text(LEAFLET_MD, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))
    assert run_ingest(["--list"]) == EXIT_OK
    assert "no sources ingested yet" in capsys.readouterr().out

    assert run_ingest(["--quiet"]) == EXIT_OK
    assert run_ingest([str(other_docs / "aftercare.md"), "--quiet"]) == EXIT_OK
    capsys.readouterr()
    assert run_ingest(["--list"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert re.match(r"SOURCE\s+ORIGIN\s+CHUNKS\s+INGESTED \(UTC\)$", out[0])
    rows = {line.split()[0]: line.split() for line in out[1:-1]}
    assert rows[LEAFLET][1] == f"corpus:{corpus.resolve()}" and rows[LEAFLET][2] == "1"
    assert rows[AFTERCARE][1] == f"file:{(other_docs / 'aftercare.md').resolve()}"
    assert re.match(r"\d{4}-\d\d-\d\d", rows[AFTERCARE][3])
    assert out[-1] == "2 sources, 2 chunks"

    (other_docs / "aftercare.md").unlink()
    assert run_ingest(["--list", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert listed["total_chunks"] == 2 and listed["embedding_model"] == embeddings.model_name
    by_id = {s["source_id"]: s for s in listed["sources"]}
    assert by_id[AFTERCARE]["missing"] is True and by_id[LEAFLET]["missing"] is False
    assert set(by_id[LEAFLET]) >= {"origin_kind", "origin", "chunk_count", "ingested_at"}

    assert run_ingest(["--remove", AFTERCARE, "--quiet"]) == EXIT_OK
    assert re.search(
        rf"^\s+removed  {re.escape(AFTERCARE)}  \(\+0 / -1 chunks\)$", capsys.readouterr().out, re.M
    )
    assert run_ingest(["--remove", "nothing-like-this"]) == EXIT_USAGE
    assert "no ingested source matches 'nothing-like-this'" in capsys.readouterr().err
    for bad in (
        ["--list", "--rebuild"],
        ["--json"],
        ["--remove", LEAFLET, "--url", "http://x.org"],
    ):
        with pytest.raises(SystemExit) as caught:
            run_ingest(bad)
        assert caught.value.code == EXIT_USAGE
    assert "--list cannot be combined" in capsys.readouterr().err


def test_registry_file_is_sqlite_beside_the_store(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    run(settings, embeddings)
    assert settings.sources_db == settings.data_dir / "sources.sqlite3"
    with sqlite3.connect(settings.sources_db) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 2


# Real processes: the issue's own steps, then an app start in a fresh process.

APP_START = """
import json, sys
from assistant.config import load_settings
from assistant.wiring import build_assistant
settings = load_settings(_env_file=None)
assistant = build_assistant(settings, progress=False)
found = assistant.retriever.retrieve("Where do I book a massage session at the clinic?")
print(json.dumps({
    "sources": sorted({c.source_id for c in assistant.retriever.store.all_chunks()}),
    "top": [p.chunk.source_id for p in found.passages[:3]],
}))
"""

NO_OP = """
import sys
from assistant.cli import run_ingest
code = run_ingest(["--quiet"])
heavy = sorted(m for m in ("torch", "sentence_transformers", "langchain_text_splitters")
               if m in sys.modules)
print("HEAVY", ",".join(heavy))
sys.exit(code)
"""


def script(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_issue_steps_with_real_processes_keep_the_added_document(
    tmp_path: Path, other_docs: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)  # this checkout's package in "python -c"
    env.update(ASSISTANT_DATA_DIR=str(tmp_path / "data"), ASSISTANT_CORPUS_DIR=str(corpus))
    extra = other_docs / "sub"

    first = script([INGEST_PY, "--quiet"], env, tmp_path)
    assert first.returncode == EXIT_OK and "1 added" in first.stdout, first.stderr
    added = script([INGEST_PY, str(extra), "--quiet"], env, tmp_path)
    assert added.returncode == EXIT_OK and "1 added" in added.stdout, added.stderr
    plain = script([INGEST_PY, "--quiet"], env, tmp_path)
    assert plain.returncode == EXIT_OK, plain.stderr
    assert "0 removed, 1 unchanged" in plain.stdout

    no_op = script(["-c", NO_OP], env, tmp_path)
    assert no_op.returncode == EXIT_OK, no_op.stderr
    assert "HEAVY \n" in no_op.stdout, f"a no-op ingest loaded: {no_op.stdout}"

    started = script(["-c", APP_START], env, tmp_path)
    assert started.returncode == 0, started.stderr
    result = json.loads(started.stdout.strip().splitlines()[-1])
    assert result["sources"] == sorted([AFTERCARE, LEAFLET])
    assert LEAFLET in result["top"]
    after_start = script(["-m", "assistant", "ingest", "--list", "--json"], env, tmp_path)
    listed = {s["source_id"]: s for s in json.loads(after_start.stdout)["sources"]}
    assert listed[LEAFLET]["origin"] == str(extra.resolve())

    removed = script([INGEST_PY, "--remove", LEAFLET], env, tmp_path)
    assert removed.returncode == EXIT_OK and "1 removed" in removed.stdout
    plain = script([INGEST_PY, "--quiet"], env, tmp_path)
    assert "0 removed, 1 unchanged" in plain.stdout
    after_remove = script([INGEST_PY, "--list", "--json"], env, tmp_path)
    assert [s["source_id"] for s in json.loads(after_remove.stdout)["sources"]] == [AFTERCARE]
