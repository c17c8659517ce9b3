"""``python ingest.py``: what it prints, its exit codes, and surviving being killed.

Exit codes are the contract with scripts and cron jobs: 0 all went in, 1 some
files failed (each listed on one line), 2 usage or configuration errors. Most
tests call ``run_ingest`` in this process (settings come from ``ASSISTANT_*``
variables, as in production; the model is the session's, already loaded).
The slow tests run the real script in a subprocess, interrupt it with
SIGKILL or SIGINT while it writes, and check the store is still usable and
that running it again completes the work with no duplicates or orphans.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_settings
from test_documents import (
    BAD_FILES,
    GOOD_MD,
    HUGE_LIMIT_MB,
    write_bad_files,
)

from assistant.chunking import chunk_document
from assistant.cli import EXIT_FAILED_FILES, EXIT_OK, EXIT_USAGE, main, run_ingest
from assistant.config import PROJECT_ROOT, Settings
from assistant.documents import load_corpus
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.store import VectorStore, make_client

INGEST_PY = PROJECT_ROOT / "ingest.py"
AFTERCARE = "https://example.org/aftercare"
POSITIONING = "guides/positioning.txt"


def small_corpus(folder: Path) -> Path:
    """Two short documents: the command line is under test here, not the model."""
    (folder / "guides").mkdir(parents=True)
    (folder / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    (folder / POSITIONING).write_text(
        "Positioning\n\nSide-lying with pillows is comfortable for many people with a port.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embeddings: SentenceTransformerEmbeddings
) -> Settings:
    """Point ``ASSISTANT_*`` at a fresh data folder and a small corpus; return the same settings."""
    corpus = small_corpus(tmp_path / "corpus")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))
    return make_settings(tmp_path / "data", corpus)


def stored_ids(settings: Settings, emb: SentenceTransformerEmbeddings) -> list[str]:
    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    return [c.chunk_id for c in store.all_chunks()] if store.exists() else []


def planned_ids(settings: Settings) -> list[str]:
    docs, _ = load_corpus(settings.corpus_dir, settings.max_file_bytes)
    return sorted(
        c.chunk_id
        for d in docs
        for c in chunk_document(d, settings.chunk_size, settings.chunk_overlap)
    )


def test_exit_0_when_everything_went_in_and_a_rerun_lists_nothing(
    env: Settings, embeddings: SentenceTransformerEmbeddings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_ingest(["--quiet"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert re.search(rf"^\s+added  {re.escape(AFTERCARE)}  \(\+1 / -0 chunks\)$", out, re.M)
    assert re.search(rf"^\s+added  {re.escape(POSITIONING)}  ", out, re.M)
    assert "documents: 2 added, 0 updated, 0 removed, 0 unchanged, 0 failed" in out
    assert "failed" not in err
    assert sorted(stored_ids(env, embeddings)) == planned_ids(env)

    assert run_ingest(["--quiet"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert len(out.strip().splitlines()) == 1, "an unchanged corpus prints only the summary"
    assert "2 unchanged" in out and "chunks written: 0, deleted: 0" in out


def test_exit_1_lists_every_failed_file_on_one_line_and_the_rest_go_in(
    env: Settings,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = write_bad_files(env.corpus_dir)
    monkeypatch.setenv("ASSISTANT_MAX_FILE_MB", str(HUGE_LIMIT_MB))
    assert run_ingest(["--quiet"]) == EXIT_FAILED_FILES
    out, err = capsys.readouterr()
    failed = [line for line in err.splitlines() if line.startswith("   failed  ")]
    assert len(failed) == len(BAD_FILES)
    for path, reason in expected.items():
        [line] = [f for f in failed if f.startswith(f"   failed  {path}: ")]
        assert reason in line
    assert f"{len(BAD_FILES)} failed" in out and "2 added" in out
    limited = make_settings(env.data_dir, env.corpus_dir, max_file_mb=HUGE_LIMIT_MB)
    assert sorted(stored_ids(env, embeddings)) == planned_ids(limited)


def test_exit_2_for_a_path_that_does_not_exist_and_nothing_is_touched(
    env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = env.corpus_dir / "no-such-file.md"
    assert run_ingest([str(env.corpus_dir / "aftercare.md"), str(missing)]) == EXIT_USAGE
    _, err = capsys.readouterr()
    assert err.strip() == f"error: no such file or folder: {missing}"
    assert not env.data_dir.exists()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("ASSISTANT_CHUNK_SIZE", "5", "ASSISTANT_CHUNK_SIZE: Input should be greater than"),
        ("ASSISTANT_MAX_FILE_MB", "lots", "ASSISTANT_MAX_FILE_MB: Input should be a valid number"),
        ("ASSISTANT_CHROMA_PORT", "70000", "ASSISTANT_CHROMA_PORT: Input should be less than"),
        ("ASSISTANT_CHUNK_OVERLAP", "900", "chunk_overlap must be smaller than chunk_size"),
    ],
)
def test_exit_2_for_invalid_settings(
    env: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit) as caught:
        run_ingest([])
    assert caught.value.code == EXIT_USAGE
    _, err = capsys.readouterr()
    assert err.startswith("error: invalid settings: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_settings_error_across_fields_does_not_print_an_empty_variable_name(
    env: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_CHUNK_OVERLAP", "900")
    with pytest.raises(SystemExit):
        run_ingest([])
    _, err = capsys.readouterr()
    assert "ASSISTANT_:" not in err and "Value error" not in err, err


@pytest.mark.slow
def test_usage_errors_exit_2_from_the_real_script(tmp_path: Path) -> None:
    """The same contract through ``python ingest.py``, with settings only in the environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    base["ASSISTANT_DATA_DIR"] = str(tmp_path / "data")
    bad = subprocess.run(
        [sys.executable, str(INGEST_PY), "--quiet"],
        env={**base, "ASSISTANT_CHUNK_SIZE": "5"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == EXIT_USAGE, bad.stderr
    assert "error: invalid settings: ASSISTANT_CHUNK_SIZE" in bad.stderr
    missing = subprocess.run(
        [sys.executable, str(INGEST_PY), str(tmp_path / "nowhere")],
        env=base,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == EXIT_USAGE, missing.stderr
    assert f"no such file or folder: {tmp_path / 'nowhere'}" in missing.stderr
    assert not (tmp_path / "data").exists()


def test_dry_run_lists_changes_and_writes_nothing(
    env: Settings, embeddings: SentenceTransformerEmbeddings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_ingest(["--dry-run", "--quiet"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert re.search(rf"^\s+added  {re.escape(AFTERCARE)}  \(\+1 / -0 chunks\)$", out, re.M)
    assert "would write: 2" in out
    assert stored_ids(env, embeddings) == []

    assert run_ingest(["--quiet"]) == EXIT_OK
    before = stored_ids(env, embeddings)
    (env.corpus_dir / "aftercare.md").unlink()
    capsys.readouterr()
    assert run_ingest(["--dry-run"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert re.search(rf"^\s+removed  {re.escape(AFTERCARE)}  \(\+0 / -1 chunks\)$", out, re.M)
    assert re.search(rf"^\s*unchanged  {re.escape(POSITIONING)}  ", out, re.M)
    assert stored_ids(env, embeddings) == before


def test_rebuild_ends_with_the_same_chunks(
    env: Settings, embeddings: SentenceTransformerEmbeddings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_ingest(["--quiet"]) == EXIT_OK
    before = sorted(stored_ids(env, embeddings))
    assert main(["ingest", "--rebuild", "--quiet"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert out.count("added") >= 2 and "chunks written: 2" in out.splitlines()[-1]
    assert sorted(stored_ids(env, embeddings)) == before


def test_store_built_with_another_model_exits_2_and_suggests_rebuild(
    env: Settings, embeddings: SentenceTransformerEmbeddings, capsys: pytest.CaptureFixture[str]
) -> None:
    other = VectorStore(make_client(env), env.collection, "other-model", embeddings.dimension)
    assert other.collection.count() == 0  # creates the collection, recording the other model

    assert run_ingest(["--quiet"]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert err.startswith("error: collection 'oncology_massage' was built with embedding model")
    assert "'other-model'" in err and "--rebuild" in err and out == ""

    assert run_ingest(["--rebuild", "--quiet"]) == EXIT_OK
    assert run_ingest(["--quiet"]) == EXIT_OK
    assert sorted(stored_ids(env, embeddings)) == planned_ids(env)


# Interrupting a real run.

KILL_DOCS = 50
PROGRESS = re.compile(rb"embedding chunks:[^\r\n]*?(\d+)/(\d+) \[")
WORDS = (
    "gentle massage pressure therapist cancer treatment comfort fatigue sleep anxiety pain "
    "lymphedema nurse oncology session pillows position radiation chemotherapy skin"
).split()

INSPECT = """
import json, sys
from assistant.config import load_settings
from assistant.store import VectorStore
store = VectorStore.open(load_settings(_env_file=None), sys.argv[1], int(sys.argv[2]))
chunks = store.all_chunks()
hits = store.query([1.0] + [0.0] * (int(sys.argv[2]) - 1), k=3)
print(json.dumps({
    "chunks": [[c.chunk_id, c.source_id, c.start] for c in chunks],
    "count": store.count(),
    "hits": [[c.chunk_id, score] for c, score in hits],
}))
"""
"""Reads the store in a process of its own, as the app would after the crash."""


def many_documents(folder: Path, count: int = KILL_DOCS) -> None:
    """``count`` short documents (one chunk each) with fixed content: one upsert per
    document, so the progress bar moves often and the run lasts long enough to
    be interrupted between the first and the last write."""
    rng = random.Random(2024)
    folder.mkdir(parents=True)
    for i in range(count):
        paragraphs = []
        for _ in range(2):
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "." for _ in range(3)
            ]
            paragraphs.append(" ".join(sentences))
        (folder / f"doc-{i:03d}.md").write_text(
            f"---\nurl: https://example.org/doc/{i}\ntitle: Document {i}\n---\n"
            f"# Document {i}\n\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8",
        )


def script_env(data_dir: Path, corpus: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_CORPUS_DIR=str(corpus), PYTHONUNBUFFERED="1"
    )
    return env


def interrupt_while_writing(
    env: dict[str, str], cwd: Path, sig: signal.Signals, timeout_s: float = 600
) -> tuple[int, int, str]:
    """Run ingest.py, send ``sig`` once its progress bar shows some but not all chunks
    written, and return (exit code, chunks written when signalled, stderr)."""
    proc = subprocess.Popen(
        [sys.executable, str(INGEST_PY)],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None and proc.stdout is not None
    seen = bytearray()
    mid_run = threading.Event()
    written = 0

    def watch() -> None:
        nonlocal written
        assert proc.stderr is not None
        while chunk := proc.stderr.read1(4096):
            seen.extend(chunk)
            if not mid_run.is_set():
                progress = PROGRESS.findall(bytes(seen))
                if progress and 0 < int(progress[-1][0]) < int(progress[-1][1]):
                    written = int(progress[-1][0])
                    mid_run.set()

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout_s
    while not mid_run.wait(0.05):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            reader.join(5)
            tail = bytes(seen)[-1500:].decode(errors="replace")
            pytest.fail(
                "ingest.py finished or stalled before it could be interrupted mid-write "
                f"(exit {proc.returncode}); stderr tail:\n{tail}"
            )
    proc.send_signal(sig)
    code = proc.wait(timeout=120)
    reader.join(10)
    proc.stdout.read()
    return code, written, bytes(seen).decode(errors="replace")


def inspect_store(env: dict[str, str], emb: SentenceTransformerEmbeddings) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", INSPECT, emb.model_name, str(emb.dimension)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, (
        f"the store cannot be opened after the interruption:\n{done.stderr}"
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_ingest_interrupted_mid_write_leaves_a_usable_store_and_a_rerun_completes_it(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings, sig: signal.Signals
) -> None:
    corpus = tmp_path / "corpus"
    many_documents(corpus)
    settings = make_settings(tmp_path / "data", corpus)
    planned = planned_ids(settings)
    assert len(planned) == KILL_DOCS
    env = script_env(settings.data_dir, corpus)

    code, written, stderr = interrupt_while_writing(env, tmp_path, sig)
    expected = 130 if sig == signal.SIGINT else -sig  # Ctrl-C is caught and reported
    assert code == expected, f"ingest.py after {sig.name}: exit {code}:\n{stderr[-1500:]}"
    if sig == signal.SIGINT:
        assert "run again to finish" in stderr
    partial = inspect_store(env, embeddings)
    assert written <= partial["count"] < len(planned)
    assert partial["count"] == len(partial["chunks"]) > 0
    assert len(partial["hits"]) == min(3, partial["count"])
    assert {c[0] for c in partial["chunks"]} <= set(planned)

    rerun = subprocess.run(
        [sys.executable, str(INGEST_PY), "--quiet"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == EXIT_OK, rerun.stderr
    summary = rerun.stdout.strip().splitlines()[-1]
    assert f"chunks written: {len(planned) - partial['count']}, deleted: 0" in summary
    assert "0 failed" in summary

    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    chunks = store.all_chunks()
    assert store.count() == len(chunks) == len(planned)
    assert sorted(c.chunk_id for c in chunks) == planned
    assert max(Counter((c.source_id, c.start) for c in chunks).values()) == 1
    corpus_sources = {f"https://example.org/doc/{i}" for i in range(KILL_DOCS)}
    assert {c.source_id for c in chunks} == corpus_sources, "orphan or missing sources"
    hits = store.query(embeddings.embed_query("gentle massage during chemotherapy"), k=5)
    assert len(hits) == 5 and all(c.source_id in corpus_sources for c, _ in hits)


@pytest.mark.slow
def test_a_no_op_ingest_never_loads_the_embedding_model(tmp_path: Path) -> None:
    """``ingest.py`` run twice as a real process, with INFO logging on: the first run
    logs loading the model (so the signal works), the second, with nothing changed,
    does not, and reports everything unchanged."""
    from assistant.embeddings import MODEL_LOADING

    corpus = small_corpus(tmp_path / "corpus")
    base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env = {
        **base,
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    for path in corpus.rglob("*.*"):  # older than the registry's "racily clean" window
        os.utime(path, ns=(time.time_ns() - 60 * 10**9,) * 2)
    script = (
        "import atexit, logging, runpy, sys; logging.basicConfig(level=logging.INFO); "
        "atexit.register(lambda: print('IMPORTED', sorted(m for m in ('chromadb', 'torch', "
        "'onnxruntime') if m in sys.modules), file=sys.stderr)); "
        f"sys.argv = [{str(INGEST_PY)!r}, '--quiet']; "
        f"runpy.run_path({str(INGEST_PY)!r}, run_name='__main__')"
    )
    loading = MODEL_LOADING.split("%")[0].strip()
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == EXIT_OK, done.stderr
        runs.append(done)
    first, second = runs
    assert loading in first.stderr
    assert "2 added" in first.stdout
    assert loading not in second.stderr, second.stderr
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in second.stdout
    assert "IMPORTED ['chromadb', 'onnxruntime']" in first.stderr
    assert "IMPORTED []" in second.stderr, "a no-op ingest opens neither Chroma nor the model"


def test_a_no_op_is_decided_without_the_store_only_while_nothing_changed(
    env: Settings, embeddings: SentenceTransformerEmbeddings, capsys: pytest.CaptureFixture[str]
) -> None:
    """The registry, file stats and the store's stamp decide a no-op; any change to a file,
    the folder or the store sends the run through the full reconcile, which sees it."""
    from assistant.ingestion import _unchanged_at_a_glance

    def at_a_glance() -> bool:
        return _unchanged_at_a_glance(env, env.corpus_folders, env.embedding_model) is not None

    def age(path: Path) -> None:
        os.utime(path, ns=(time.time_ns() - 60 * 10**9,) * 2)

    for path in env.corpus_dir.rglob("*.*"):
        age(path)
    assert not at_a_glance()  # nothing ingested yet
    assert run_ingest(["--quiet"]) == EXIT_OK
    assert at_a_glance()
    assert run_ingest(["--quiet"]) == EXIT_OK
    assert "2 unchanged" in capsys.readouterr().out

    edited = env.corpus_dir / POSITIONING
    edited.write_text(edited.read_text() + "Pillows under the knees help too.\n")
    age(edited)
    assert not at_a_glance()
    assert run_ingest(["--quiet"]) == EXIT_OK
    assert "1 updated" in capsys.readouterr().out
    assert at_a_glance()

    added = env.corpus_dir / "new.md"
    added.write_text("# Hydration\n\nDrink water after a session.\n")
    age(added)
    assert not at_a_glance()
    added.unlink()
    assert at_a_glance()
    edited.unlink()
    assert not at_a_glance()  # a registered file gone: the full run removes it
    assert run_ingest(["--quiet"]) == EXIT_OK
    assert "1 removed" in capsys.readouterr().out

    store = VectorStore.open(env, embeddings.model_name, embeddings.dimension)
    store.delete(sorted(store.ids_for_source(AFTERCARE)))  # behind the registry's back
    assert not at_a_glance()
    assert run_ingest(["--quiet"]) == EXIT_OK
    assert "1 added" in capsys.readouterr().out
    assert sorted(stored_ids(env, embeddings)) == planned_ids(env)
