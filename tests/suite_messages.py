"""Every user turn of the evaluation suites a test may read: the default, injection,
dev and blind training suites (never the held-out ``*_test`` halves)."""

from __future__ import annotations

import json
from pathlib import Path

SUITES = Path(__file__).resolve().parent.parent / "evals" / "suites"


def suite_messages() -> list[str]:
    files = [*SUITES.glob("*.jsonl"), *SUITES.glob("dev/*.jsonl")]
    files += [f for f in SUITES.glob("blind/*.jsonl") if f.stem.endswith("_train")]
    messages = []
    for path in sorted(files):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                messages.extend(t for t in json.loads(line)["turns"] if isinstance(t, str))
    return messages
