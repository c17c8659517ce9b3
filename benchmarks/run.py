"""The benchmark report: ``python -m benchmarks run --out DIR [--quick]``.

Writes ``DIR/bench.json`` (top-level numbers first, the per-stage detail under
``detail``) and ``DIR/bench.md`` (the same as tables, with the machine). It
prints figures and asserts nothing about time: the machine is shared, so the
load average is recorded at the start and at the end and only ratios measured
in the same run (``answer_vs_embed``, ``ingest_vs_encode``) compare across runs.
It fails only when something crashes.

What it measures, on a fresh copy of the default corpus in a temporary folder:

- **ingestion**: a first ingest with the model already loaded, in chunks/s,
  against raw ``embed_documents`` over the same chunk texts (``ingest_vs_encode``);
  then ``ingest.py`` run as a real command on the unchanged corpus (``noop_ingest_s``,
  median of several runs, imports included);
- **query** (in this process, after warm-up): per stage, routing (given the turn's
  vectors, as the service runs it; ``routing_embedding_itself`` is the same call
  embedding the message on its own, as reports before s21 measured it), the retriever's
  query embedding, dense search, BM25, fusion, composition (the extractive answer),
  storage (the two messages of a turn in a real SQLite conversation store), and end
  to end (``Assistant.answer``), next to the floor: one query embedding by the same
  model in the same process. ``answer_vs_embed`` is end-to-end p95 over floor p95
  (20 questions x 3 in quick mode, x 10 in full mode);
- **process**: ``app.py`` started as a real process on the existing index, twice: the
  first start on the data folder, which also writes the app's caches
  (``cold_start_first_s``), and a later one (``cold_start_s``, the target's "cold start
  with an existing index"), each timed from launch to its first healthy ``/api/health``
  (then to the chat page and its config, and to a first answer,
  ``detail.cold_start_first_serving`` and ``detail.cold_start_serving``); the later one's
  peak resident memory after the load run (``rss_mb``; with several workers the largest,
  each in ``detail.rss_mb_each``);
- **load**: N simulated users at once over HTTP on loopback against that process,
  a few messages each in their own conversation with its own owner cookie (``load_p95_ms``,
  ``load_errors``; 20 x 2 in quick mode, 50 x 3 and 200 x 3 in full mode; the top-level
  figures are the first run), then every acknowledged message looked up in the
  conversation store (``lost_messages``), with the app processes' CPU over the run;
- ``--workers N``: the starts and load runs go through ``scripts/serve.sh`` instead, N app
  processes on one database behind its nginx, which sends each user to a worker by its
  owner cookie (``workers`` in the report); ``python -m benchmarks load --workers 1,2``
  runs only the load against each worker count, alternating, several rounds;
- **scale** (full mode only): ``ingestion_scale.py``'s ``app`` phase at larger
  corpora (synthetic vectors: perturbed real embeddings, said so in the output).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT, Settings, load_settings
from benchmarks.ingestion_scale import CORPUS, MORE_QUESTIONS, QUESTIONS

TOP_LEVEL = (
    "workers",
    "answer_vs_embed",
    "ingest_vs_encode",
    "noop_ingest_s",
    "cold_start_s",
    "cold_start_first_s",
    "rss_mb",
    "load_p95_ms",
    "load_errors",
    "lost_messages",
)
QUICK_QUERY_REPETITIONS = 3
"""The query stages' repetitions in quick mode: 60 answers, so a p95 is the 57th (with one
repetition it was the largest of 20, and ``answer_vs_embed`` a ratio of two single samples,
1.3 to 3.2 from run to run of the same code: docs/performance.md, "s35-15")."""
ENV = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1"}
"""Child processes run this checkout's package, not whichever one the venv installed."""


# -- figures ----------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty sample: the smallest value
    with at least ``q`` % of the sample at or below it (the 19th of 20 for p95, not the
    largest: ``round`` of 19.5 gave 20 until s35-15)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q * len(ordered) / 100)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, p95, min, max and count, rounded for reading."""
    return {
        "median": round(statistics.median(values), 3),
        "p95": round(percentile(values, 95), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "n": len(values),
    }


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds ``fn`` took, and what it returned."""
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "shared": "the machine is shared with other jobs: absolute times vary with their load",
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- ingestion --------------------------------------------------------------------------


def ingestion(settings: Settings, emb: Any, noop_runs: int) -> dict[str, Any]:
    """First ingest against raw encode of the same texts; then the no-op command."""
    from assistant.chunking import embedding_text
    from assistant.ingestion import ingest
    from assistant.store import VectorStore
    from assistant.wiring import index_sentences

    emb.embed_query("warm up")
    report = ingest(settings, embeddings=emb, progress=False)
    ingest_rate = report.chunks_written / report.seconds
    # What ``ingest.py`` does next: the sentence vectors of the new chunks (timed apart).
    sentence_ms, sentences = timed(lambda: index_sentences(settings, emb, report))
    store = VectorStore.open_for(settings, emb)
    texts = [embedding_text(c) for c in store.all_chunks()]
    encode_ms, _ = timed(lambda: emb.embed_documents(texts))
    encode_rate = len(texts) / (encode_ms / 1000)
    noop = [noop_ingest(settings) for _ in range(noop_runs)]
    return {
        "chunks": report.chunks_written,
        "ingest_s": round(report.seconds, 3),
        "ingest_chunks_per_s": round(ingest_rate, 1),
        "encode_s": round(encode_ms / 1000, 3),
        "encode_chunks_per_s": round(encode_rate, 1),
        "ingest_vs_encode": round(ingest_rate / encode_rate, 3),
        "sentence_index_s": round(sentence_ms / 1000, 3),
        "sentences_embedded": sentences,
        "noop_ingest_s": summary(noop),
    }


def noop_ingest(settings: Settings) -> float:
    """Seconds for ``ingest.py --quiet`` on an unchanged corpus, as a command."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "ingest.py"), "--quiet"],
        env={**ENV, **env_for(settings)},
        cwd=settings.data_dir,
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.perf_counter() - t
    if done.returncode != 0 or "0 added, 0 updated, 0 removed" not in done.stdout:
        raise RuntimeError(
            f"no-op ingest.py failed or changed something:\n{done.stdout}{done.stderr}"
        )
    return seconds


def env_for(settings: Settings) -> dict[str, str]:
    return {
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
    }


# -- query stages -----------------------------------------------------------------------


def forget_message(retriever: Any) -> None:
    """Empty what the answer path keeps of recent texts (their vectors, readings, stems and
    respellings), so a repeated question is timed as a new message would be."""
    from assistant import patient_words
    from assistant.routing import other_languages

    retriever._vectors.clear()
    retriever.lexical._stems.clear()
    patient_words.expand.cache_clear()
    patient_words._closest_spelling.cache_clear()
    other_languages._other_language_red_flag.cache_clear()


def query_stages(settings: Settings, emb: Any, repetitions: int) -> dict[str, Any]:
    """Each stage of answering, timed on its own, and the whole, next to the floor."""
    from assistant.conversations.store import ConversationStore
    from assistant.wiring import build_assistant

    assistant = build_assistant(settings, embeddings=emb, progress=False)
    retriever = assistant.retriever
    questions = QUESTIONS + MORE_QUESTIONS
    for q in questions:  # warm: sentence rows read from the store are cached in process
        assistant.answer([], q)
    stages: dict[str, list[float]] = {
        k: []
        for k in (
            "floor",
            "routing",
            "routing_embedding_itself",
            "query_embedding",
            "dense_search",
            "bm25",
            "fusion",
            "composition",
            "storage",
            "end_to_end",
        )
    }
    pool = max(20, 3 * settings.retrieval_k)
    with ConversationStore(f"sqlite:///{settings.data_dir / 'bench-store.sqlite3'}") as store:
        store.migrate()
        for _ in range(repetitions):
            for q in questions:
                ms, _ = timed(lambda q=q: emb.embed_query(q))
                stages["floor"].append(ms)
                # Routing as a turn runs it: with the turn's vectors, embedded once by the
                # service for routing and retrieval together (so no embedding in this stage);
                # and, for comparison with earlier reports, routing that embeds on its own.
                respelled = retriever.respell(q)
                turn_vectors = assistant._turn_vectors(q, respelled)
                # Embedded now (a turn embeds on first use): the stage times routing alone.
                turn_vectors.get(respelled)
                ms, _ = timed(lambda q=q, v=turn_vectors: assistant.router.route([], q, v))
                stages["routing"].append(ms)
                ms, _ = timed(lambda q=q: assistant.router.route([], q))
                stages["routing_embedding_itself"].append(ms)
                retriever._vectors.clear()  # a new message: nothing cached for it
                ms, vector = timed(lambda q=q: retriever.query_vector(q, []))
                stages["query_embedding"].append(ms)
                ms, dense = timed(lambda v=vector: retriever.store.query(v.tolist(), pool))
                stages["dense_search"].append(ms)
                lexical_query = retriever.read(q).query(q)
                ms, lexical = timed(
                    lambda lq=lexical_query, d=dense: retriever.lexical.search_chunks(
                        retriever.store, lq, pool, known=(c for c, _ in d)
                    )
                )
                stages["bm25"].append(ms)
                ms, _ = timed(lambda d=dense, lx=lexical: retriever._fuse(d, lx))
                stages["fusion"].append(ms)
                forget_message(retriever)
                ms, reply = timed(lambda q=q: assistant.answer([], q))
                stages["end_to_end"].append(ms)
                stages["composition"].append(reply.timings_ms.get("answer_ms", 0.0))

                def turn(q: str = q, text: str = reply.text) -> None:
                    conversation = store.new_conversation()
                    store.add_message(conversation, "user", q)
                    store.add_message(conversation, "assistant", text, route="answer")

                ms, _ = timed(turn)
                stages["storage"].append(ms)
    figures = {k: summary(v) for k, v in stages.items()}
    floor = figures["floor"]
    end = figures["end_to_end"]
    return {
        "questions": len(questions),
        "repetitions": repetitions,
        "stages_ms": figures,
        "answer_vs_embed": round(end["p95"] / floor["p95"], 2),
        "answer_vs_embed_median": round(end["median"] / floor["median"], 2),
    }


# -- the app process and load -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def post(
    base: str, path: str, body: dict[str, Any], timeout: float, cookie: str | None = None
) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def app_env(settings: Settings) -> dict[str, str]:
    """The environment a benchmark's app process runs in."""
    return {
        **ENV,
        **env_for(settings),
        "ASSISTANT_HOST": "127.0.0.1",
        # Every simulated user comes from 127.0.0.1, and the per-client limit (issue 16)
        # counts by address: lifted here, or the load run measures the limit, not the app.
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000",
    }


def start_app(
    settings: Settings, log: Path, serving: dict[str, float] | None = None
) -> tuple[subprocess.Popen[bytes], str, float]:
    """``app.py`` on a free loopback port; returns it once ``/api/health`` answers.

    With ``serving``, also waits for what a visitor needs and records seconds from launch
    to each: ``chat_page_s`` (the chat page and the Gradio config its script loads) and
    ``first_answer_s`` (a real question answered)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(PROJECT_ROOT / "app.py")],
            env={**app_env(settings), "ASSISTANT_PORT": str(port)},
            cwd=settings.data_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    healthy = wait_healthy(process, [base], log, t)
    if serving is not None:
        serving.update(first_visit(base, t))
    return process, base, healthy


def free_port_run(count: int, low: int = 20000, high: int = 32000) -> int:
    """The first of ``count`` consecutive ports nothing listens on right now, below the
    kernel's ephemeral range (32768 and up on Linux), so that a client connection opened
    meanwhile (to Chroma, PostgreSQL) cannot take one of the ports after the first, as
    it could with a port the OS picked from that range."""
    rng = random.Random()
    for _ in range(200):
        base = rng.randrange(low, high - count)
        held: list[socket.socket] = []
        try:
            for port in range(base, base + count):
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                held.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in held:
                sock.close()
    raise RuntimeError(f"no {count} consecutive free ports between {low} and {high}")


def start_served(
    settings: Settings, workers: int, log: Path, serving: dict[str, float] | None = None
) -> tuple[subprocess.Popen[bytes], str, float]:
    """``scripts/serve.sh``: ``workers`` app processes on one database behind its nginx.

    Returns once every worker answers ``/api/health`` on its own port and nginx on its
    port; the seconds include the script's no-op ``assistant ingest`` and the workers
    starting side by side. ``serving`` as in ``start_app`` (through nginx)."""
    port = free_port_run(workers + 1)  # nginx, then the workers
    base = f"http://127.0.0.1:{port}"
    t = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(PROJECT_ROOT / "scripts" / "serve.sh"), str(workers), str(port)],
            env={**app_env(settings), "PYTHON": sys.executable},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as one (stop_app)
        )
    try:
        workers_up = [f"http://127.0.0.1:{port + i}" for i in range(1, workers + 1)]
        healthy = wait_healthy(process, [*workers_up, base], log, t)
        if serving is not None:
            serving.update(first_visit(base, t))
    except BaseException:
        stop_app(process)
        raise
    return process, base, healthy


def wait_healthy(
    process: subprocess.Popen[bytes], bases: Sequence[str], log: Path, launched: float
) -> float:
    """Seconds from ``launched`` until every one of ``bases`` answers ``/api/health``."""
    waiting = list(bases)
    deadline = launched + 600
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the app exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(waiting[0] + "/api/health", timeout=5) as response:
                if response.status == 200:
                    waiting.pop(0)
                    if not waiting:
                        return time.perf_counter() - launched
                    continue
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    stop_app(process)
    raise RuntimeError(f"{waiting[0]} did not answer /api/health within 600 s")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    """Stop what ``start_app`` or ``start_served`` started (serve.sh stops its workers and
    nginx on SIGTERM; its process group is killed if it has not within a minute)."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def app_pids(process: subprocess.Popen[bytes]) -> list[int]:
    """The app processes behind ``process``: itself for ``app.py``, serve.sh's workers."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if int(fields[1]) == process.pid and b"assistant" in command and b"serve" in command:
            workers.append(int(stat.parent.name))
    return sorted(workers) or [process.pid]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_visit(base: str, launched: float) -> dict[str, float]:
    """Seconds from ``launched`` to the chat page with its config, then to a first answer."""
    for path in ("/chat/", "/chat/config"):
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
    page = time.perf_counter() - launched
    status, body = post(base, "/api/chat", {"message": QUESTIONS[0]}, 120)
    if status != 200 or not body.get("conversation_id"):
        raise RuntimeError(f"the first question after the start was answered {status}")
    return {
        "chat_page_s": round(page, 2),
        "first_answer_s": round(time.perf_counter() - launched, 2),
    }


def load(
    settings: Settings, base: str, users: int, messages: int, pids: Sequence[int] = ()
) -> dict[str, Any]:
    """``users`` at once, each sending ``messages`` in its own conversation; then every
    acknowledged message is looked up in the conversation store.

    Each user has its own owner cookie, as a browser that opened the chat page has: behind
    serve.sh's nginx the cookie picks the worker (without one, the address, the same for
    every simulated user, would send them all to one). ``pids``: the app processes, whose
    CPU seconds over the run are reported (``cpu_s``; with several workers, how evenly
    nginx spread the users)."""
    from assistant.chat import OWNER_COOKIE, new_owner_secret
    from assistant.conversations.store import ConversationStore

    questions = QUESTIONS + MORE_QUESTIONS
    start = threading.Barrier(users)
    latencies: list[float] = []
    errors: list[str] = []
    sent: list[tuple[str, str]] = []
    lock = threading.Lock()

    def user(i: int) -> None:
        conversation: str | None = None
        cookie = f"{OWNER_COOKIE}={new_owner_secret()}"
        start.wait()
        for m in range(messages):
            text = f"{questions[(i + m) % len(questions)]} (user {i}, message {m})"
            t = time.perf_counter()
            try:
                status, body = post(
                    base,
                    "/api/chat",
                    {"message": text, "conversation_id": conversation},
                    120,
                    cookie,
                )
            except Exception as exc:  # a refused or dropped connection is an error
                status, body = 0, {"error": type(exc).__name__}
            ms = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(ms)
                if status != 200:
                    errors.append(f"{status} {body.get('error', '')}".strip())
                    continue
                conversation = body["conversation_id"]
                sent.append((body["conversation_id"], text))

    cpu_before = [cpu_seconds(pid) for pid in pids]
    client_before = time.process_time()
    t = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    client_cpu = time.process_time() - client_before
    cpu = [round(cpu_seconds(pid) - b, 2) for pid, b in zip(pids, cpu_before, strict=True)]
    lost = 0
    with ConversationStore(settings.db_url) as store:
        for conversation, text in sent:
            stored = store.messages(conversation) or []
            if not any(r["role"] == "user" and r["text"] == text for r in stored):
                lost += 1
    return {
        "users": users,
        "messages_each": messages,
        "requests": len(latencies),
        "wall_s": round(wall, 2),
        "latency_ms": summary(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "acknowledged": len(sent),
        "lost_messages": lost,
        "cpu_s": cpu,
        "cpu_ms_per_request": round(sum(cpu) * 1000 / max(1, len(latencies)), 1),
        # the simulated users' own CPU (this process, on the same cores as the app)
        "client_cpu_s": round(client_cpu, 2),
    }


# -- scale ------------------------------------------------------------------------------


def scale(sizes: Sequence[int], work: Path) -> dict[str, Any]:
    """``ingestion_scale``'s ``app`` phase at each size (its own subprocesses)."""
    from benchmarks import ingestion_scale

    found: dict[str, Any] = {
        "vectors": "synthetic above the default corpus: real embeddings of the default "
        "chunks perturbed by Gaussian noise (sigma 0.05), see benchmarks/ingestion_scale.py",
    }
    for size in sizes:
        folder = work / f"scale-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        ingestion_scale.build(folder, size)
        found[str(size)] = {
            "build_s": round(time.perf_counter() - t, 1),
            "app": ingestion_scale.run_phase(folder, "app", "large"),
            "reingest": ingestion_scale.run_phase(folder, "reingest", "large"),
        }
    return found


# -- report -----------------------------------------------------------------------------


def served(result: dict[str, Any]) -> str:
    if not result["behind_nginx"]:
        return "one app.py process"
    return f"scripts/serve.sh: {result['workers']} worker process(es) behind nginx, one database"


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        "# Benchmark",
        "",
        f"Mode: {result['mode']}; {result['finished']}; took {result['seconds']:.0f} s; "
        f"embedding backend {result.get('embedding_backend', 'torch')}.",
        f"Machine: {m['cpu_count']} CPUs ({m['cpu_model']}), Python {m['python']}, "
        f"{m['platform']}. Load average (1, 5, 15 min) at start "
        f"{result['load_average_start']}, at end {result['load_average_end']}: {m['shared']}.",
        "",
        "| figure | value |",
        "| --- | --- |",
    ]
    lines += [f"| `{k}` | {result[k]} |" for k in TOP_LEVEL]
    detail = result["detail"]
    for label, key in (
        ("First start (writes the caches)", "cold_start_first"),
        ("Later start", "cold_start"),
    ):
        serving = detail.get(f"{key}_serving") or {}
        if serving:
            lines += [
                "",
                f"{label}, from launch: healthy {result[f'{key}_s']} s, chat page and its "
                f"config {serving['chat_page_s']} s, first answer {serving['first_answer_s']} s.",
            ]
    query = result["detail"]["query"]
    lines += [
        "",
        f"## Query stages (ms; {query['questions']} questions x {query['repetitions']})",
        "",
        "| stage | median | p95 | max |",
        "| --- | --- | --- | --- |",
    ]
    for stage, s in query["stages_ms"].items():
        lines.append(f"| {stage} | {s['median']} | {s['p95']} | {s['max']} |")
    ing = result["detail"]["ingestion"]
    lines += [
        "",
        "## Ingestion",
        "",
        f"{ing['chunks']} chunks: ingest {ing['ingest_chunks_per_s']} chunks/s, raw encode "
        f"{ing['encode_chunks_per_s']} chunks/s; no-op `ingest.py` median "
        f"{ing['noop_ingest_s']['median']} s (max {ing['noop_ingest_s']['max']} s, "
        f"{ing['noop_ingest_s']['n']} runs, imports included).",
        "",
        f"## Load (HTTP on loopback, {served(result)})",
        "",
        "| users x messages | p50 ms | p95 ms | max ms | errors | lost | wall s "
        "| CPU s each process | CPU ms / request |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in result["detail"]["load"]:
        lat = run["latency_ms"]
        lines.append(
            f"| {run['users']} x {run['messages_each']} | {lat['median']} | {lat['p95']} | "
            f"{lat['max']} | {run['errors']} | {run['lost_messages']} | {run['wall_s']} | "
            f"{run['cpu_s']} | {run['cpu_ms_per_request']} |"
        )
    lines += ["", f"Peak resident memory of each app process (MB): {detail['rss_mb_each']}."]
    if "scale" in result["detail"]:
        lines += ["", "## Scale", "", "```", json.dumps(result["detail"]["scale"], indent=1), "```"]
    return "\n".join(lines) + "\n"


def app_and_load(
    settings: Settings,
    workers: int | None,
    log: Path,
    runs: Sequence[tuple[int, int]],
    serving: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Start the app (``app.py`` alone, or ``workers`` behind serve.sh's nginx), run each
    of ``runs`` (users, messages each) against it, read its workers' peak memory, stop it.

    Behind nginx every worker first answers three questions on its own port, so no
    worker meets its first question inside a load run (through nginx only one would)."""
    if workers is None:
        process, base, healthy = start_app(settings, log, serving)
    else:
        process, base, healthy = start_served(settings, workers, log, serving)
    try:
        pids = app_pids(process)
        if workers is not None:
            port = int(base.rsplit(":", 1)[1])
            for i in range(1, workers + 1):
                for q in QUESTIONS[1:4]:
                    post(f"http://127.0.0.1:{port + i}", "/api/chat", {"message": q}, 120)
        found: dict[str, Any] = {"start_s": round(healthy, 2), "workers": len(pids), "load": []}
        for users, messages in runs:
            found["load"].append(load(settings, base, users, messages, pids))
            print(f"load: {json.dumps(found['load'][-1])}", flush=True)
        found["rss_mb_each"] = [peak_rss_mb(pid) for pid in pids]
    finally:
        stop_app(process)
    return found


def run(
    out: Path, quick: bool, scale_sizes: Sequence[int], workers: int | None = None
) -> dict[str, Any]:
    from assistant.embeddings import embeddings_for

    started = time.perf_counter()
    result: dict[str, Any] = {
        "mode": "quick" if quick else "full",
        "machine": machine(),
        "load_average_start": load_average(),
    }
    detail: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(CORPUS, work / "corpus")
        settings = load_settings(_env_file=None, data_dir=work / "data", corpus_dir=work / "corpus")
        settings.data_dir.mkdir(parents=True)
        result["embedding_backend"] = settings.embedding_backend  # ASSISTANT_EMBEDDING_BACKEND
        emb = embeddings_for(settings)
        t = time.perf_counter()
        emb.embed_query("load the model")
        detail["model_load_s"] = round(time.perf_counter() - t, 2)
        print(f"model loaded in {detail['model_load_s']} s", flush=True)
        detail["ingestion"] = ingestion(settings, emb, 2 if quick else 7)
        print(f"ingestion: {json.dumps(detail['ingestion'])}", flush=True)
        detail["query"] = query_stages(settings, emb, QUICK_QUERY_REPETITIONS if quick else 10)
        print(f"query: answer_vs_embed {detail['query']['answer_vs_embed']}", flush=True)
        # The first start on a data folder writes the app's caches (kept regular-expression
        # programs, read-ahead lists); a later start on the same folder is the target's
        # "cold start with an existing index". Both are timed, each to a first answer.
        first: dict[str, float] = {}
        start_first = app_and_load(settings, workers, out / "app-first.log", (), first)
        detail["cold_start_first_s"] = start_first["start_s"]
        detail["cold_start_first_serving"] = first
        print(f"first start: ready in {start_first['start_s']} s; {json.dumps(first)}", flush=True)
        serving: dict[str, float] = {}
        runs = [(20, 2)] if quick else [(50, 3), (200, 3)]
        served = app_and_load(settings, workers, out / "app.log", runs, serving)
        detail["cold_start_s"] = served["start_s"]
        detail["cold_start_serving"] = serving
        detail["workers"] = served["workers"]
        detail["load"] = served["load"]
        detail["rss_mb_each"] = served["rss_mb_each"]
        detail["rss_mb"] = max(served["rss_mb_each"])
        if not quick and scale_sizes:
            detail["scale"] = scale(scale_sizes, work)
    first_run = detail["load"][0]
    result.update(
        {
            "workers": workers or 1,
            "behind_nginx": workers is not None,
            "answer_vs_embed": detail["query"]["answer_vs_embed"],
            "ingest_vs_encode": detail["ingestion"]["ingest_vs_encode"],
            "noop_ingest_s": detail["ingestion"]["noop_ingest_s"]["median"],
            "cold_start_s": detail["cold_start_s"],
            "cold_start_first_s": detail["cold_start_first_s"],
            "rss_mb": detail["rss_mb"],
            "load_p95_ms": first_run["latency_ms"]["p95"],
            "load_errors": first_run["errors"],
            "lost_messages": first_run["lost_messages"],
            "detail": detail,
            "load_average_end": load_average(),
            "seconds": round(time.perf_counter() - started, 1),
            "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
    )
    ordered = {k: result[k] for k in ("mode", *TOP_LEVEL)} | result
    return ordered


def compare_workers(
    out: Path, counts: Sequence[int], pairs: int, users: int, messages: int
) -> dict[str, Any]:
    """The load run against serve.sh with each of ``counts`` workers, alternating, ``pairs``
    rounds (the order reversed every other round, so a drift in the machine's load falls on
    both sides), on one ingested copy of the default corpus whose caches a first start wrote."""
    started = time.perf_counter()
    result: dict[str, Any] = {
        "machine": machine(),
        "users": users,
        "messages_each": messages,
        "load_average_start": load_average(),
        "rounds": [],
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(CORPUS, work / "corpus")
        settings = load_settings(_env_file=None, data_dir=work / "data", corpus_dir=work / "corpus")
        settings.data_dir.mkdir(parents=True)
        # serve.sh ingests the corpus; its first start writes the caches.
        app_and_load(settings, max(counts), out / "app-first.log", ())
        for pair in range(pairs):
            for workers in counts if pair % 2 == 0 else list(reversed(counts)):
                before = load_average()
                found = app_and_load(
                    settings, workers, out / f"app-{pair}-{workers}.log", [(users, messages)]
                )
                (one,) = found.pop("load")
                result["rounds"].append(
                    {"pair": pair, "load_average": [before, load_average()], **found, **one}
                )
    result["by_workers"] = by_workers(result["rounds"], counts)
    result["load_average_end"] = load_average()
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def by_workers(rounds: Sequence[dict[str, Any]], counts: Sequence[int]) -> dict[str, Any]:
    """For each worker count, the median of its rounds' p50s and of their p95s, and the
    errors and lost messages of all its rounds."""
    summary: dict[str, Any] = {}
    for n in counts:
        mine = [r for r in rounds if r["workers"] == n]
        summary[str(n)] = {
            "p50_ms_median": round(statistics.median(r["latency_ms"]["median"] for r in mine)),
            "p95_ms_median": round(statistics.median(r["latency_ms"]["p95"] for r in mine)),
            "errors": sum(r["errors"] for r in mine),
            "lost_messages": sum(r["lost_messages"] for r in mine),
        }
    return summary


def compare_markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"# Load: {result['users']} users x {result['messages_each']} messages, "
        "serve.sh workers behind nginx",
        "",
        f"Machine: {m['cpu_count']} CPUs ({m['cpu_model']}), Python {m['python']}; "
        f"load average at start {result['load_average_start']}, at end "
        f"{result['load_average_end']}; took {result['seconds']:.0f} s.",
        "",
        "| pair | workers | load avg before -> after | p50 ms | p95 ms | max ms | errors | lost "
        "| wall s | CPU s each worker | CPU ms / request | users' CPU s | peak RSS MB each |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["rounds"]:
        lat = r["latency_ms"]
        lines.append(
            f"| {r['pair']} | {r['workers']} | {r['load_average'][0][0]} -> "
            f"{r['load_average'][1][0]} | {lat['median']:.0f} | {lat['p95']:.0f} | "
            f"{lat['max']:.0f} | "
            f"{r['errors']} | {r['lost_messages']} | {r['wall_s']} | {r['cpu_s']} | "
            f"{r['cpu_ms_per_request']} | {r.get('client_cpu_s', '')} | {r['rss_mb_each']} |"
        )
    lines += [
        "",
        "| workers | median p50 ms | median p95 ms | errors | lost |",
        "| --- | --- | --- | --- | --- |",
    ]
    for n, b in result["by_workers"].items():
        lines.append(
            f"| {n} | {b['p50_ms_median']} | {b['p95_ms_median']} | {b['errors']} | "
            f"{b['lost_messages']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    go = sub.add_parser("run", help="measure and write DIR/bench.json and DIR/bench.md")
    go.add_argument("--out", type=Path, required=True, help="folder for bench.json and bench.md")
    go.add_argument("--quick", action="store_true", help="about 3 minutes: what CI runs")
    go.add_argument(
        "--scale",
        default="1000,10000",
        help="full mode: comma-separated corpus sizes in chunks (e.g. 1000,10000,100000)",
    )
    go.add_argument(
        "--workers",
        type=int,
        help="serve the starts and load runs with scripts/serve.sh: N app processes on one "
        "database behind its nginx (default: app.py alone, no nginx)",
    )
    compare = sub.add_parser(
        "load",
        help="load runs against serve.sh with different worker counts, alternating; writes "
        "DIR/load.json and DIR/load.md",
    )
    compare.add_argument("--out", type=Path, required=True)
    compare.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    compare.add_argument("--pairs", type=int, default=3, help="rounds of every count")
    compare.add_argument("--users", type=int, default=50)
    compare.add_argument("--messages", type=int, default=3, help="messages each user sends")
    args = parser.parse_args(argv)
    if args.command == "load":
        try:
            counts = [int(s) for s in args.workers.split(",") if s.strip()]
        except ValueError:
            parser.error(f"--workers takes comma-separated whole numbers, not {args.workers!r}")
        if not counts or min(counts) < 1 or min(args.pairs, args.users, args.messages) < 1:
            parser.error("--workers, --pairs, --users and --messages must be at least 1")
        args.out.mkdir(parents=True, exist_ok=True)
        found = compare_workers(args.out, counts, args.pairs, args.users, args.messages)
        (args.out / "load.json").write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        text = compare_markdown(found)
        (args.out / "load.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    try:
        sizes = [int(s) for s in args.scale.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--scale takes comma-separated whole numbers, not {args.scale!r}")
    if any(s < 100 for s in sizes):
        parser.error("--scale sizes must be at least 100 chunks")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    result = run(args.out, args.quick, sizes, args.workers)
    (args.out / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    (args.out / "bench.md").write_text(text, encoding="utf-8")
    print(text)
    return 0
