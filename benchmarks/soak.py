"""A steady-load soak of the multi-process deployment: errors, lost messages, growth.

``python -m benchmarks.soak [--minutes 10] [--workers 2] [--users 6] [--data DIR]``
starts ``scripts/serve.sh`` (N app processes on one SQLite file behind nginx) on a copy
of an ingested data folder (with ASSISTANT_DATABASE_URL, ASSISTANT_CHROMA_HOST and
ASSISTANT_CHROMA_PORT set: on that PostgreSQL and Chroma server, which serve.sh fills
from the corpus if it is empty), then for the given minutes ``--users`` clients each send
an API message (with its own owner cookie, so nginx spreads clients over the
workers), continuing their conversation, then pause ``--pause`` seconds; every
tenth message from a client is a crisis message. At the end every acknowledged message
is looked up in the conversation store (``lost``), and each worker's resident memory
and open files are printed at start and end. The per-client limit is lifted (all
clients share one address). Prints figures; asserts nothing. Bounded: stops at the
deadline whatever happens.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "Is massage safe during chemotherapy?",
    "Can massage help with lymphedema?",
    "What pressure is used in oncology massage?",
    "Can massage help with fatigue?",
)
CRISIS = "I want to end my life"


def _group_pythons(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            cmd = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ProcessLookupError):
            continue
        if b"assistant" in cmd and b"serve" in cmd:
            pids.append(int(entry.name))
    return sorted(pids)


def _usage(pid: int) -> str:
    status = Path(f"/proc/{pid}/status").read_text()
    rss = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
    files = len(os.listdir(f"/proc/{pid}/fd"))
    return f"pid {pid}: rss {int(rss) // 1024} MB, open files {files}"


def soak(url: str, minutes: float, users: int, pause: float) -> tuple[int, list[str], list]:
    deadline = time.monotonic() + minutes * 60
    errors: list[str] = []
    sent: list[tuple[str, str]] = []
    lock = threading.Lock()

    def user(i: int) -> None:
        conversation = None
        n = 0
        # Each client is a browser with its own owner cookie, which nginx hashes to a worker.
        owner = {"om_owner": secrets.token_urlsafe(32)}
        with httpx.Client(timeout=120, cookies=owner) as client:
            while time.monotonic() < deadline:
                n += 1
                text = CRISIS if n % 10 == 0 else QUESTIONS[(i + n) % len(QUESTIONS)]
                text = f"{text} ({i}.{n})"
                try:
                    reply = client.post(
                        url + "/api/chat",
                        json={"message": text, "conversation_id": conversation},
                    )
                    status = reply.status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__  # type: ignore[assignment]
                with lock:
                    if status == 200:
                        conversation = reply.json()["conversation_id"]
                        sent.append((conversation, text))
                    else:
                        errors.append(str(status))
                time.sleep(pause)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(sent) + len(errors), errors, sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--pause", type=float, default=1.0)
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from assistant.conversations.store import ConversationStore

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(args.data, data)
        shared = ("ASSISTANT_DATABASE_URL", "ASSISTANT_CHROMA_HOST", "ASSISTANT_CHROMA_PORT")
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") or k in shared}
        database = env.get("ASSISTANT_DATABASE_URL", f"sqlite:///{data / 'conversations.sqlite3'}")
        env.update(
            ASSISTANT_DATA_DIR=str(data),
            ASSISTANT_RATE_LIMIT_PER_MINUTE="1000000",
            PYTHONPATH=str(ROOT),
        )
        log = Path(tmp) / "serve.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                ["bash", "scripts/serve.sh", str(args.workers), str(args.port)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{args.port}"
        try:
            started = time.monotonic()
            while len(_group_pythons(proc.pid)) < args.workers or not all(
                _healthy(f"http://127.0.0.1:{args.port + i}") for i in range(1, args.workers + 1)
            ):
                if proc.poll() is not None or time.monotonic() - started > 1800:  # ingestion
                    print(log.read_text(errors="replace")[-3000:])
                    return 1
                time.sleep(1)
            workers = _group_pythons(proc.pid)
            before = [_usage(p) for p in workers]
            requests, errors, sent = soak(url, args.minutes, args.users, args.pause)
            after = [_usage(p) for p in workers]
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
        stored: dict[str, set[str]] = {}
        with ConversationStore(database) as store:
            for conversation in {c for c, _ in sent}:  # each conversation read once
                records = store.messages(conversation) or []
                stored[conversation] = {r["text"] for r in records if r["role"] == "user"}
        lost = sum(text not in stored[conversation] for conversation, text in sent)
    print(
        f"soak: {args.minutes:g} min, {args.workers} workers behind nginx on "
        f"{database.split(':', 1)[0]}, Chroma {env.get('ASSISTANT_CHROMA_HOST') or 'embedded'}, "
        f"{args.users} "
        f"clients: {requests} requests, {len(sent)} answered, errors {len(errors)} "
        f"{sorted(set(errors))}, lost {lost}"
    )
    for b, a in zip(before, after, strict=True):
        print(f"  start {b}\n  end   {a}")
    return 0


def _healthy(url: str) -> bool:
    try:
        return httpx.get(url + "/api/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


if __name__ == "__main__":
    raise SystemExit(main())
