"""How numbers are shown to people, shared by the Markdown, HTML and comparison output."""

from __future__ import annotations

from typing import Any

from .metrics import RATE_METRICS

COUNT_METRICS = frozenset({"must_not_include_violations", "cases", "errors", "flaky_cases"})


def fmt(value: Any, name: str = "") -> str:
    """A metric for people: rates to 3 places, milliseconds whole, null as 'n/a'."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if name.startswith("latency"):
            return f"{value:.0f}"
        if name in RATE_METRICS or name.startswith(("evidence_hit", "mrr")):
            return f"{value:.3f}"
        return f"{value:.2f}"
    return str(value)


def signed(value: float | None, name: str = "") -> str:
    """A difference with its sign, at the precision of the metric."""
    if value is None:
        return "n/a"
    if isinstance(value, int) or name in COUNT_METRICS:
        return f"{value:+.0f}"
    if name.startswith("latency") or abs(value) >= 100:
        return f"{value:+.0f}"
    if name in RATE_METRICS or name.startswith(("evidence_hit", "mrr")):
        return f"{value:+.3f}"
    return f"{value:+.2f}"
