"""A flood against another client's crisis reply: chat-page events, or ordinary API questions.

``python -m benchmarks.flood [--events N] [--url URL]``: with no URL, starts a real
``assistant serve`` on a copy of an ingested data folder (``--data``, default ./data).
One client without a cookie joins Gradio's queue N times, each with a fresh session id
(as the issue's probe did); meanwhile a second visitor (its own owner cookie) sends a
crisis message, and its reply latency is printed with how many flood events were queued,
refused as busy or answered.

``--api SECONDS``: instead, ``--workers`` clients ask ordinary questions through the API
without pause for that long (the per-client limit lifted, as if they were many people),
while one more sends a crisis or emergency message every second; prints the safety
replies' latencies beside the same messages sent with no flood. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import httpx
from test_sessions import Visitor

CRISIS = "I want to end my life"


def flood(url: str, events: int, counts: dict[str, int]) -> None:
    script = Visitor(url, load_page=False)
    inputs = [None] * (len(script.dependency["inputs"]))
    inputs[0] = "Is massage safe during chemotherapy?"

    def join() -> None:
        try:
            status = script.http.post(
                script.base + "/gradio_api/queue/join",
                json={
                    "data": inputs,
                    "event_data": None,
                    "fn_index": script.dependency["id"],
                    "trigger_id": script.trigger,
                    "session_hash": secrets.token_hex(6),
                },
            ).status_code
        except httpx.HTTPError:
            status = -1
        key = {200: "queued", 503: "queue_full", 429: "refused_busy"}.get(status, f"other_{status}")
        counts[key] = counts.get(key, 0) + 1

    threads = [threading.Thread(target=join) for _ in range(events)]
    for i in range(0, events, 50):
        for t in threads[i : i + 50]:
            t.start()
        for t in threads[i : i + 50]:
            t.join()


def measure(url: str, events: int) -> None:
    counts: dict[str, int] = {}
    visitor = Visitor(url)
    start = time.monotonic()
    alone = visitor.send(secrets.token_hex(6), CRISIS)
    quiet_s = time.monotonic() - start
    assert "988" in str(alone)
    flooder = threading.Thread(target=flood, args=(url, events, counts))
    flooder.start()
    time.sleep(1.0)  # the flood is under way
    start = time.monotonic()
    reply = visitor.send(secrets.token_hex(6), CRISIS)
    during_s = time.monotonic() - start
    flooder.join()
    print(
        f"flood of {events} events from one client: {counts}; another visitor's crisis reply "
        f"{quiet_s:.2f} s without the flood, {during_s:.2f} s during it; crisis line shown: "
        f"{'988' in str(reply)}"
    )


ORDINARY = (
    "Is massage safe during chemotherapy?",
    "Can massage help with lymphedema?",
    "What pressure is used in oncology massage?",
    "Can I have a massage after surgery for breast cancer?",
)
SAFETY = (CRISIS, "I have chest pain and trouble breathing")


def _safety_latencies(url: str, rounds: int) -> list[float]:
    latencies = []
    with httpx.Client(timeout=120) as client:
        for i in range(rounds):
            start = time.monotonic()
            reply = client.post(url + "/api/chat", json={"message": SAFETY[i % len(SAFETY)]})
            latencies.append(time.monotonic() - start)
            assert reply.status_code == 200 and reply.json()["route"] in ("crisis", "emergency")
            time.sleep(1.0)
    return latencies


def measure_api(url: str, seconds: float, workers: int) -> None:
    quiet = _safety_latencies(url, 4)
    stop = time.monotonic() + seconds
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def ask(i: int) -> None:
        with httpx.Client(timeout=120) as client:
            while time.monotonic() < stop:
                try:
                    status = client.post(
                        url + "/api/chat", json={"message": ORDINARY[i % len(ORDINARY)]}
                    ).status_code
                except httpx.HTTPError:
                    status = -1
                with lock:
                    counts[str(status)] = counts.get(str(status), 0) + 1

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    time.sleep(2.0)  # the flood is under way
    during = _safety_latencies(url, max(int(seconds - 4) // 2, 3))
    for t in threads:
        t.join()

    def figures(values: list[float]) -> str:
        ordered = sorted(values)
        return f"median {ordered[len(ordered) // 2]:.2f} s, max {ordered[-1]:.2f} s"

    print(
        f"API flood, {workers} clients asking ordinary questions for {seconds:.0f} s: "
        f"statuses {counts}; crisis/emergency replies without the flood {figures(quiet)}, "
        f"during it {figures(during)} ({len(during)} sent)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--url")
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--api", type=float, metavar="SECONDS")
    parser.add_argument("--workers", type=int, default=24)
    args = parser.parse_args(argv)

    def run(url: str) -> None:
        if args.api:
            measure_api(url, args.api, args.workers)
        else:
            measure(url, args.events)

    if args.url:
        run(args.url)
        return 0
    from app_process import running_app

    # The API flood stands for many people, so the per-client limit is lifted for it.
    env = {"ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000"} if args.api else {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(args.data, data)
        with running_app(data, env) as app:
            run(app.url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
