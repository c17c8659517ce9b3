"""Routing latency after warm-up: prints figures, asserts nothing.

.venv/bin/python benchmarks/routing.py
"""

from __future__ import annotations

import platform
import statistics
import time

from assistant.config import load_settings
from assistant.embeddings import embeddings_for
from assistant.routing import Router

SUBJECTS = ["fatigue", "nausea", "sleep", "anxiety", "neuropathy", "pain", "stress", "mood"]
FRAMES = [
    "does massage help with {} for people with cancer",
    "what does research say about massage and {}",
    "can oncology massage ease {} during treatment",
    "my mom has {} after chemo, can she get a massage",
]


def main() -> None:
    settings = load_settings(_env_file=None)
    router = Router(settings, embeddings_for(settings))
    started = time.perf_counter()
    router.warm_up()
    print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
    print(f"warm-up (model load + classifier fit): {time.perf_counter() - started:.1f} s")
    messages = [f.format(s) for f in FRAMES for s in SUBJECTS]
    timings = []
    for message in messages:
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            router.route([], message)
            runs.append((time.perf_counter() - t0) * 1000)
        timings.append(min(runs))
    print(
        f"{len(messages)} messages, best of 3 each: median {statistics.median(timings):.1f} ms, "
        f"p95 {sorted(timings)[int(0.95 * len(timings)) - 1]:.1f} ms, max {max(timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
