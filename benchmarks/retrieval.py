"""Retrieval sweep: chunk size x retrieval mode on a suite's evidence cases.

Prints hit@k and MRR (rank of the first retrieved passage containing an
evidence phrase) so chunk sizes and the hybrid/dense/BM25 choice are made by
measurement. Usage:

    .venv/bin/python benchmarks/retrieval.py [SUITE ...]
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from pathlib import Path

from assistant.config import PROJECT_ROOT, load_settings
from assistant.embeddings import get_embeddings
from assistant.ingestion import ingest
from assistant.retrieval import Retriever
from assistant.store import VectorStore
from evals.suite import load_suites

SIZES = [(300, 60), (500, 100), (700, 120), (1000, 200)]
MODES = {"hybrid": (True, True), "dense": (True, False), "bm25": (False, True)}


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or [PROJECT_ROOT / "evals/suites/default.jsonl"]
    cases = [c for c in load_suites(paths) if c.evidence and "answer" in c.routes]
    base = load_settings(_env_file=None)
    emb = get_embeddings(base.embedding_model)
    print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
    names = ", ".join(str(p) for p in paths)
    print(f"{len(cases)} evidence cases from {names}; k={base.retrieval_k}")
    print(f"{'size/overlap':>13} {'chunks':>6} {'mode':>7} {'hit@k':>6} {'mrr':>6} {'ms/q':>6}")
    for size, overlap in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(
                _env_file=None, data_dir=Path(tmp), chunk_size=size, chunk_overlap=overlap
            )
            ingest(settings, embeddings=emb, progress=False)
            store = VectorStore.open(settings, emb.model_name, emb.dimension)
            for mode, (dense, bm25) in MODES.items():
                s = settings.model_copy(update={"dense_enabled": dense, "bm25_enabled": bm25})
                retriever = Retriever(s, store, emb)
                hits, rr = 0, 0.0
                started = time.perf_counter()
                for case in cases:
                    previous = list(reversed(case.turns[:-1]))
                    result = retriever.retrieve(case.turns[-1], previous)
                    phrases = [e.lower() for e in case.evidence]
                    for rank, p in enumerate(result.passages, start=1):
                        if any(ph in p.chunk.text.lower() for ph in phrases):
                            hits += 1
                            rr += 1 / rank
                            break
                ms = (time.perf_counter() - started) * 1000 / len(cases)
                print(
                    f"{size:>8}/{overlap:<4} {store.count():>6} {mode:>7} "
                    f"{hits / len(cases):>6.3f} {rr / len(cases):>6.3f} {ms:>6.0f}"
                )


if __name__ == "__main__":
    main()
