"""Retrieval benchmarks: chunk size x retrieval mode, and how questions are read.

``sweep`` (the default) ingests the corpus at several chunk sizes and prints
hit@k and MRR (rank of the first retrieved passage containing an evidence
phrase) for each retrieval mode, so chunk sizes and the hybrid/dense/BM25
choice are made by measurement.

``queries`` keeps the default chunking and compares ways of reading a question
(patient words off/on, what the dense half embeds) on the cases labelled with
gold sentences: gold-passage hit@k and MRR, the share of answerable questions
found relevant (``answerable_kept``), the share of questions the sources do not
cover that are declined (``unknown_declined``), and the time per question.
Only the training suites are read (the team's suite and the blind train half).

Usage:

    .venv/bin/python benchmarks/retrieval.py [sweep] [SUITE ...]
    .venv/bin/python benchmarks/retrieval.py queries [SUITE ...]
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from pathlib import Path

from assistant.config import PROJECT_ROOT, load_settings
from assistant.embeddings import embeddings_for
from assistant.ingestion import ensure_ingested, ingest
from assistant.retrieval import Retriever
from assistant.store import VectorStore
from evals.metrics import sentence_key
from evals.suite import load_suites

SIZES = [(300, 60), (500, 100), (700, 120), (1000, 200)]
MODES = {"hybrid": (True, True), "dense": (True, False), "bm25": (False, True)}
TRAIN_SUITES = ["evals/suites/default.jsonl", "evals/suites/blind/answers_train.jsonl"]
READINGS = {
    "no patient words": {"patient_words": False, "dense_query": "message"},
    "patient words, BM25 + coverage only": {"patient_words": True, "dense_query": "message"},
    "patient words, also embedded": {"patient_words": True, "dense_query": "expanded"},
    "patient words, embedded rewritten": {"patient_words": True, "dense_query": "rewritten"},
}


def sweep(paths: list[Path]) -> None:
    cases = [c for c in load_suites(paths) if c.evidence and "answer" in c.routes]
    base = load_settings(_env_file=None)
    emb = embeddings_for(base)
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


def queries(paths: list[Path]) -> None:
    """Patient words on/off and what is embedded, on the labelled training cases."""
    cases = load_suites(paths)
    answerable = [c for c in cases if c.answerable]
    declined = [c for c in cases if c.routes == ("unknown",)]
    settings = load_settings(_env_file=None)
    emb = embeddings_for(settings)
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings.model_copy(update={"data_dir": Path(tmp)})
        ensure_ingested(settings, emb, progress=False)
        store = VectorStore.open(settings, emb.model_name, emb.dimension)
        print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
        print(
            f"{len(answerable)} answerable and {len(declined)} not-covered cases from "
            f"{', '.join(str(p) for p in paths)}; k={settings.retrieval_k}"
        )
        print(
            f"{'reading':<38} {'gold@k':>6} {'mrr':>6} {'answerable_kept':>15} "
            f"{'unknown_declined':>16} {'ms/q':>5}"
        )
        for name, options in READINGS.items():
            retriever = Retriever(settings, store, emb, **options)  # type: ignore[arg-type]
            retriever.retrieve("warm up")
            hits, rr, kept, refused = 0, 0.0, 0, 0
            started = time.perf_counter()
            for case in answerable:
                previous = list(reversed(case.turns[:-1]))
                result = retriever.retrieve(case.turns[-1], previous)
                kept += result.relevant
                golds = [sentence_key(g) for g in case.gold]
                for rank, p in enumerate(result.passages, start=1):
                    text = sentence_key(p.chunk.text)
                    if any(g in text for g in golds):
                        hits += 1
                        rr += 1 / rank
                        break
            for case in declined:
                previous = list(reversed(case.turns[:-1]))
                result = retriever.retrieve(case.turns[-1], previous)
                refused += (not result.relevant) or bool(result.absent)
            ms = (time.perf_counter() - started) * 1000 / (len(answerable) + len(declined))
            print(
                f"{name:<38} {hits / len(answerable):>6.3f} {rr / len(answerable):>6.3f} "
                f"{kept / len(answerable):>15.3f} {refused / len(declined):>16.3f} {ms:>5.0f}"
            )


def main() -> None:
    args = sys.argv[1:]
    mode = args.pop(0) if args and args[0] in {"sweep", "queries"} else "sweep"
    if mode == "queries":
        queries([Path(p) for p in args] or [PROJECT_ROOT / p for p in TRAIN_SUITES])
    else:
        sweep([Path(p) for p in args] or [PROJECT_ROOT / "evals/suites/default.jsonl"])


if __name__ == "__main__":
    main()
