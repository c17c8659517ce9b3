"""A flood of chat-page events from one client against another client's crisis reply.

``python -m benchmarks.flood [--events N] [--url URL]``: with no URL, starts a real
``assistant serve`` on a copy of an ingested data folder (``--data``, default ./data).
One client without a cookie joins Gradio's queue N times, each with a fresh session id
(as the issue's probe did); meanwhile a second visitor (its own owner cookie) sends a
crisis message, and its reply latency is printed with how many flood events were queued,
refused as "queue full" or answered. Prints figures; asserts nothing.
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
        key = {200: "queued", 503: "queue_full"}.get(status, f"other_{status}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--url")
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    if args.url:
        measure(args.url, args.events)
        return 0
    from app_process import running_app

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(args.data, data)
        with running_app(data) as app:
            measure(app.url, args.events)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
