"""Start-up, re-ingest, query latency and memory at the default corpus and at ~100,000 chunks.

Prints figures (it asserts nothing); docs/performance.md records a run.

    .venv/bin/python benchmarks/ingestion_scale.py [--chunks 100000] [--work DIR]

Two stores are built in a work folder (a temporary one unless ``--work``):

- ``default``: the default corpus, embedded by the real model;
- ``large``: the default corpus plus synthetic documents (real sentences from
  the corpus, reordered per document and tagged with a document number, so
  every chunk's text is distinct) up to about ``--chunks`` chunks. Their
  vectors are **synthetic**: the real model's vector of one of the default
  corpus's chunks, chosen by the chunk's hash, plus Gaussian noise (sigma
  0.05), normalised. The model never embeds them, so filling 100,000 chunks
  takes minutes, not hours; the store, registry and BM25 index are real.

Each measurement runs in a fresh Python process (``--phase``), so imports,
the page cache of the code and the process's peak memory (``ru_maxrss``) are
those of a real start. Phases:

- ``start``: what a start does before it can answer: ``ensure_ingested``
  (registry read, file hashes, store open and count; nothing changed), then
  loading the persisted BM25 index; then 20 questions (dense query with a
  fixed vector + BM25 search and fetching the chunks), first and median.
  The embedding model load is timed separately (it is the same at any size).
- ``old-start``: for comparison, what a start cost before the registry: every
  chunk's metadata read out of Chroma, and the BM25 index built in-process
  from all chunks (what ``retrieval.py`` did on the first question before it
  used ``lexical_index``).
- ``app``: the app's own start, ``wiring.build_assistant`` (reconcile, open the
  store, ``Retriever.warm_up`` loading the persisted BM25 index, the router's
  warm-up, the embedding model), timed to the moment it returns (when the
  web app would start listening); then 20 different questions answered by
  the full pipeline (``Assistant.answer``: routing, embedding the question,
  dense + BM25 search, coverage, the extractive answer), first and median.
- ``reingest``: one document edited, ``ingest()`` re-run (re-chunk that
  document, embed its new chunks, delete its old ones, save the new BM25 index).
- ``serve``: the whole app as a visitor meets it: ``app.py`` launched as its own
  process on the store (``benchmarks.run.start_app``), timed to ``/api/health``
  answering (``healthy_s``, with the process's CPU at that moment read from
  ``/proc``), then the chat page, then 20 different questions over
  ``POST /api/chat``: the first after the start and the median of the other 19.
  The first ``serve`` on a store also writes the app's caches (the ONNX export,
  the language model's arrays); run it once more before counting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

if __name__ == "__main__":
    # Run as a script, this file's folder (not the checkout) is first on the path, so
    # ``assistant`` would be whichever checkout the virtualenv has installed (the main one),
    # and the phases, run with PYTHONPATH=PROJECT_ROOT, would measure that one too.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import PROJECT_ROOT, Settings, load_settings

CORPUS = PROJECT_ROOT / "corpus"
QUESTIONS = [
    "Is massage safe during chemotherapy?",
    "massage for anxiety in breast cancer",
    "Can massage help peripheral neuropathy?",
    "how do I find a trained oncology massage therapist",
    "does massage help with fatigue and sleep",
    "is it safe with low platelets",
    "massage after radiation therapy skin",
    "what does the society for oncology massage do",
    "can massage spread cancer",
    "gentle pressure for people in hospice",
]
MORE_QUESTIONS = [
    "Should massage avoid a port or PICC line?",
    "can my dad get a foot massage while on chemo",
    "is deep tissue massage okay after surgery",
    "massage and lymphedema risk after lymph node removal",
    "how much pressure is safe with bone metastases",
    "does massage reduce pain for cancer patients",
    "can a massage therapist work near a tumour",
    "what should I tell my massage therapist about my treatment",
    "is massage helpful for nausea",
    "can children with cancer have massage",
]
"""With ``QUESTIONS``: 20 different questions for the app phase (none repeats, so no
question is faster for a vector the retriever already has)."""


class SyntheticVectors:
    """Perturbed real vectors: no model call (see the module docstring)."""

    def __init__(self, model_name: str, base: np.ndarray, sigma: float = 0.05) -> None:
        self.model_name = model_name
        self.base = base
        self.dimension = int(base.shape[1])
        self.sigma = sigma

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            rng = np.random.default_rng(seed)
            v = self.base[seed % len(self.base)] + rng.normal(0, self.sigma, self.dimension)
            out.append((v / np.linalg.norm(v)).astype(np.float32).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def settings_for(work: Path, name: str) -> Settings:
    return load_settings(
        _env_file=None, data_dir=work / name / "data", corpus_dir=work / name / "corpus"
    )


def rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ``ru_maxrss`` survives exec on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_corpus(folder: Path, target_chunks: int, chunk_size: int) -> int:
    """Documents of real corpus sentences, each reordered and numbered; returns their count."""
    from assistant.documents import load_corpus

    docs, _ = load_corpus(CORPUS)
    sentences = [
        s.strip()
        for d in docs
        for s in re.split(r"(?<=[.!?])\s+", d.text)
        if len(s.strip()) > 40 and "\n" not in s.strip()
    ]
    per_doc = 24  # chunks per synthetic document, roughly
    n_docs = max(1, target_chunks // per_doc)
    rng = random.Random(2026)
    for i in range(n_docs):
        parts = [f"---\nurl: https://synthetic.example.org/doc/{i}\ntitle: Synthetic {i}\n---\n"]
        for section in range(per_doc // 2):
            parts.append(f"## Section {section} of document {i}\n")
            body = " ".join(rng.sample(sentences, k=min(len(sentences), 9)))
            parts.append(f"Document {i} section {section}. {body}\n")
        (folder / f"doc-{i:05d}.md").write_text("\n".join(parts), encoding="utf-8")
    return n_docs


def build(work: Path, target_chunks: int) -> None:
    from assistant.embeddings import embeddings_for
    from assistant.ingestion import ingest

    base_settings = load_settings(_env_file=None)
    emb = embeddings_for(base_settings)
    for name in ("default", "large"):
        shutil.rmtree(work / name, ignore_errors=True)
        shutil.copytree(CORPUS, work / name / "corpus")
    settings = settings_for(work, "default")
    started = time.perf_counter()
    report = ingest(settings, embeddings=emb, progress=False)
    print(f"default: first ingest (real model) {report.summary()}")
    from assistant.store import VectorStore

    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    got = store.collection.get(include=["embeddings"])
    base = np.asarray(got["embeddings"], dtype=np.float32)
    np.save(work / "base_vectors.npy", base)

    large = settings_for(work, "large")
    t = time.perf_counter()
    n_docs = synthetic_corpus(large.corpus_dir, target_chunks, large.chunk_size)
    print(f"large: wrote {n_docs} synthetic documents in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    fake = SyntheticVectors(emb.model_name, base)
    report = ingest(large, embeddings=fake, progress=False)  # type: ignore[arg-type]
    print(
        f"large: first ingest (synthetic vectors) {report.summary()}; "
        f"BM25 index saved in {report.index_seconds:.1f} s; total {time.perf_counter() - t:.0f} s"
    )
    fill_sentences(work, "large")
    print(f"built in {time.perf_counter() - started:.0f} s")


def fill_sentences(work: Path, name: str) -> None:
    """Give every chunk of the store its sentence vectors (synthetic, as its chunks') and
    reading grades, as ``ingest.py`` does after writing chunks: without them the first
    question embeds and grades its passages' sentences (and loads the grader's
    dictionaries), which a real store never does."""
    from assistant.ingestion import keeping_store_stamp
    from assistant.wiring import index_sentences

    t = time.perf_counter()
    settings = settings_for(work, name)
    fake = SyntheticVectors(settings.embedding_model, np.load(work / "base_vectors.npy"))
    with keeping_store_stamp(settings):  # opening Chroma writes into it (see phase_start)
        embedded = index_sentences(settings, fake, None, check_all_up_to=None)  # type: ignore[arg-type]
    print(f"{name}: {embedded} sentence vectors stored in {time.perf_counter() - t:.0f} s")


def phase_start(work: Path, name: str) -> dict[str, float]:
    t0 = time.perf_counter()
    c0 = time.process_time()  # CPU of every thread (Chroma loads its index on its own)
    from assistant.embeddings import embeddings_for
    from assistant.ingestion import ensure_ingested, keeping_store_stamp
    from assistant.lexical_index import PersistedLexicalIndex
    from assistant.store import VectorStore

    settings = settings_for(work, name)
    emb = embeddings_for(settings)
    imported = time.perf_counter()
    c_imported = time.process_time()
    report = ensure_ingested(settings, emb, progress=False)
    assert report is None, "the benchmark store should be up to date"
    reconciled = time.perf_counter()
    c_reconciled = time.process_time()
    # As the app does (``wiring.build_assistant``): Chroma writes into its database when a
    # process opens it, which would spoil the stamp and send the next start (and phase) to
    # the full reconcile.
    with keeping_store_stamp(settings):
        store = VectorStore.open_for(settings, emb)
        count = store.count()
        lexical = PersistedLexicalIndex(settings, store)
        lexical.warm_up()
    ready = time.perf_counter()
    c_ready = time.process_time()
    rss_ready = rss_mb()
    assert "torch" not in sys.modules, "the start loaded the model"
    base = np.load(work / "base_vectors.npy")
    rng = np.random.default_rng(7)
    latencies = []
    for i, question in enumerate(QUESTIONS * 2):
        v = base[i % len(base)] + rng.normal(0, 0.05, base.shape[1])
        v = (v / np.linalg.norm(v)).tolist()
        t = time.perf_counter()
        store.query(v, 20)
        lexical.current().search_chunks(store, question, 20)
        latencies.append((time.perf_counter() - t) * 1000)
    model_started = time.perf_counter()
    emb.embed_query("warm up")
    model_s = time.perf_counter() - model_started
    return {
        "chunks": count,
        "imports_s": imported - t0,
        "reconcile_s": reconciled - imported,
        "store_and_bm25_load_s": ready - reconciled,
        "ready_s": ready - t0,
        "imports_cpu_s": c_imported - c0,
        "reconcile_cpu_s": c_reconciled - c_imported,
        "store_and_bm25_load_cpu_s": c_ready - c_reconciled,
        "ready_cpu_s": c_ready - c0,
        "rss_ready_mb": rss_ready,
        "first_query_ms": latencies[0],
        "median_query_ms": statistics.median(latencies),
        "rss_after_queries_mb": rss_mb(),
        "model_load_s": model_s,
    }


def phase_app(work: Path, name: str) -> dict[str, float]:
    import logging

    t0 = time.perf_counter()
    from assistant.embeddings import embeddings_for
    from assistant.wiring import build_assistant

    settings = settings_for(work, name)
    imported = time.perf_counter()
    emb = embeddings_for(settings)
    emb.embed_query("warm up")
    model = time.perf_counter()

    class Seen(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.INFO)
            self.lines: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.lines.append(record.getMessage())

    seen = Seen()
    logger = logging.getLogger("assistant.lexical_index")
    logger.setLevel(logging.INFO)
    logger.disabled = False  # a library's logging config on the model's import disables it
    logger.addHandler(seen)
    c_model = time.process_time()
    assistant = build_assistant(settings, embeddings=emb, progress=False)
    ready = time.perf_counter()
    c_ready = time.process_time()
    rss_ready = rss_mb()
    assert not any("built" in line for line in seen.lines), seen.lines
    [loaded] = [line for line in seen.lines if "loaded" in line]
    latencies = []
    routes = []
    for question in QUESTIONS + MORE_QUESTIONS:
        t = time.perf_counter()
        reply = assistant.answer([], question)
        latencies.append((time.perf_counter() - t) * 1000)
        routes.append(str(reply.decision.route))
    median = statistics.median(latencies)
    return {
        "chunks": assistant.retriever.store.count(),
        "imports_s": imported - t0,
        "model_load_s": model - imported,
        "build_assistant_s": ready - model,
        "build_assistant_cpu_s": c_ready - c_model,
        "bm25_load_s": float(loaded.rsplit(" in ", 1)[1].split()[0]),
        "ready_s": ready - t0,
        "ready_without_model_s": ready - t0 - (model - imported),
        "rss_ready_mb": rss_ready,
        "first_answer_ms": latencies[0],
        "median_answer_ms": median,
        "first_over_median": latencies[0] / median,
        "max_answer_ms": max(latencies),
        "answered": sum(r == "answer" for r in routes),
        "rss_after_answers_mb": rss_mb(),
    }


def old_bm25(chunks: list) -> tuple[object, object]:
    """What ``retrieval.py`` built in memory on the first question before ``lexical_index``:
    bm25s over every chunk's embedding text, plus each chunk's set of words."""
    import bm25s
    import Stemmer

    from assistant.chunking import embedding_text

    stemmer = Stemmer.Stemmer("english")
    tokens = bm25s.tokenize(
        [embedding_text(c) for c in chunks], stopwords="en", stemmer=stemmer, show_progress=False
    )
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    words = {i: w for w, i in tokens.vocab.items()}
    chunk_words = {
        c.chunk_id: {words[i] for i in ids} for c, ids in zip(chunks, tokens.ids, strict=True)
    }
    return bm25, (stemmer, chunk_words)


def phase_old_start(work: Path, name: str) -> dict[str, float]:
    import bm25s

    from assistant.embeddings import embeddings_for
    from assistant.store import VectorStore

    settings = settings_for(work, name)
    emb = embeddings_for(settings)
    store = VectorStore.open_for(settings, emb)
    t = time.perf_counter()
    store.source_summaries()
    scan = time.perf_counter() - t
    t = time.perf_counter()
    bm25, (stemmer, _) = old_bm25(store.all_chunks())
    built = time.perf_counter() - t
    t = time.perf_counter()
    words = bm25s.tokenize(
        [QUESTIONS[0]], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False
    )[0]
    bm25.retrieve([words], k=20, show_progress=False, n_threads=1)  # type: ignore[attr-defined]
    return {
        "metadata_scan_s": scan,
        "bm25_build_in_process_s": built,
        "query_after_ms": (time.perf_counter() - t) * 1000,
        "rss_mb": rss_mb(),
    }


def phase_reingest(work: Path, name: str) -> dict[str, float]:
    from assistant.embeddings import embeddings_for
    from assistant.ingestion import ingest

    settings = settings_for(work, name)
    real = embeddings_for(settings)
    emb = SyntheticVectors(real.model_name, np.load(work / "base_vectors.npy"))
    path = settings.corpus_dir / "s4om-home.md"
    text = path.read_text(encoding="utf-8")
    marker = "one of the biggest challenges"
    edited = marker.replace("biggest", "greatest")
    path.write_text(
        text.replace(marker, edited) if marker in text else text.replace(edited, marker),
        encoding="utf-8",
    )
    t = time.perf_counter()
    report = ingest(settings, embeddings=emb, progress=False)  # type: ignore[arg-type]
    total = time.perf_counter() - t
    assert report.count("updated") == 1, report.summary()
    return {
        "reingest_s": total,
        "of_which_bm25_index_s": report.index_seconds,
        "chunks_written": report.chunks_written,
        "chunks_deleted": report.chunks_deleted,
        "rss_mb": rss_mb(),
    }


def process_cpu_s(pid: int) -> float:
    """User + system CPU of every thread of ``pid`` so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def phase_serve(work: Path, name: str) -> dict[str, float]:
    from benchmarks.run import post, start_app

    settings = settings_for(work, name)
    load = os.getloadavg()[0]
    process, base, healthy = start_app(settings, work / f"serve-{name}.log")
    try:
        cpu_healthy = process_cpu_s(process.pid)
        for path in ("/chat/", "/chat/config"):
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
        latencies = []
        for question in QUESTIONS + MORE_QUESTIONS:
            t = time.perf_counter()
            status, body = post(base, "/api/chat", {"message": question}, 120)
            latencies.append((time.perf_counter() - t) * 1000)
            if status != 200 or not body.get("conversation_id"):
                raise RuntimeError(f"{question!r} was answered {status}")
        median = statistics.median(latencies[1:])
        return {
            "load_average_1m": load,
            "healthy_s": healthy,
            "healthy_cpu_s": cpu_healthy,
            "first_answer_ms": latencies[0],
            "median_answer_ms": median,
            "first_over_median": latencies[0] / median,
            "cpu_after_answers_s": process_cpu_s(process.pid),
        }
    finally:
        process.terminate()
        process.wait(timeout=60)


PHASES = {
    "serve": phase_serve,
    "start": phase_start,
    "app": phase_app,
    "old-start": phase_old_start,
    "reingest": phase_reingest,
}


def run_phase(work: Path, phase: str, name: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--work", str(work), "--phase", phase, "--store", name],
        capture_output=True,
        text=True,
        timeout=3600,
        cwd=PROJECT_ROOT,
        # This checkout's package, not whichever one the virtualenv has installed.
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    if done.returncode != 0:
        raise RuntimeError(f"phase {phase} on {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--work", type=Path, help="keep the stores here (default: a temp dir)")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--store", default="default", help=argparse.SUPPRESS)
    parser.add_argument("--skip-build", action="store_true", help="reuse the stores in --work")
    parser.add_argument("--build-only", action="store_true", help="build the stores and stop")
    parser.add_argument(
        "--fill-sentences",
        action="store_true",
        help="store the sentence vectors a store built before they were part of the build lacks",
    )
    parser.add_argument(
        "--phases",
        default="start,start,app,app,old-start,reingest,start,app",
        help="comma-separated phases to run on each store, in order",
    )
    parser.add_argument("--stores", default="default,large", help="comma-separated stores")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.work, args.store)))
        return
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, CPU only; "
            f"python {platform.python_version()}"
        )
        if not args.skip_build:
            build(work, args.chunks)
        elif args.fill_sentences:
            for name in args.stores.split(","):
                fill_sentences(work, name)
        if args.build_only:
            return
        for name in args.stores.split(","):
            for phase in args.phases.split(","):
                figures = run_phase(work, phase, name)
                shown = ", ".join(
                    f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in figures.items()
                )
                print(f"{name:>8} {phase:>9}: {shown}", flush=True)


if __name__ == "__main__":
    main()
