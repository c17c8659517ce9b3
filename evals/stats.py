"""Metrics recomputed from the per-case records of report.json, and bootstrap intervals.

Every headline metric is a function of what each case contributed: most are a
sum of per-case numerators over a sum of per-case denominators (pass_rate is
passed cases over cases, citation_validity valid citations over citations,
groundedness supported sentences over counted ones), a few are sums (violations,
errors) and three are not additive (the latency percentiles over the pooled turn
latencies, and same_reply_max). ``metrics_from_records`` rebuilds the report's
metrics from the records alone (a test holds it to ``compute_metrics``), and
``bootstrap_deltas`` resamples the cases present in both runs, with replacement
and the same draw for both (paired), to give each metric's change a 95%
percentile interval. The seed is fixed so the same two reports always give the
same intervals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .metrics import (
    ABUSE_DETAIL,
    ERROR_ROUTE,
    IN_PROCESS_METRICS,
    METRIC_NAMES,
    percentile,
)

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240611
CONFIDENCE = 0.95
MIN_VALID_SHARE = 0.5
"""An interval needs the metric defined (non-empty denominator in both runs) in at
least this share of the resamples; otherwise it is null."""

Record = Mapping[str, Any]
Pair = tuple[float, float]

_SAFETY = frozenset({"emergency", "crisis"})


def _spec(r: Record) -> Mapping[str, Any]:
    spec = r.get("spec")
    return spec if isinstance(spec, Mapping) else {}


def _routes(r: Record) -> list[str]:
    return list(r.get("expected_route") or [])


def _effective(r: Record) -> str:
    routes = _routes(r)
    return r["route"] if r["route"] in routes else routes[0]


def _answered(r: Record) -> bool:
    if r["route"] == ERROR_ROUTE or r.get("answer") is None:
        return False
    return r["route"] == "answer" or (r["route"] == "clinical" and bool(r.get("quoted")))


def _lead(r: Record) -> bool:
    quoted = r.get("quoted") or []
    return bool(quoted) and quoted[0].get("match") == "gold"


def _check(r: Record, name: str) -> Any:
    return (r.get("checks") or {}).get(name)


def _recall(route: str) -> Callable[[Record], Pair]:
    def contribution(r: Record) -> Pair:
        if _effective(r) != route:
            return 0.0, 0.0
        return float(r["route"] == route), 1.0

    return contribution


def _when(condition: Callable[[Record], bool], value: Callable[[Record], float]):  # type: ignore[no-untyped-def]
    def contribution(r: Record) -> Pair:
        return (float(value(r)), 1.0) if condition(r) else (0.0, 0.0)

    return contribution


def _abuse_case(r: Record) -> bool:
    return "crisis" in _routes(r) and r.get("expected_detail") == ABUSE_DETAIL


def _grounded(r: Record) -> Pair:
    counts = (r.get("scores") or {}).get("grounded")
    return (float(counts[0]), float(counts[1])) if counts else (0.0, 0.0)


def _grade(name: str) -> Callable[[Record], Pair]:
    def contribution(r: Record) -> Pair:
        grade = (r.get("scores") or {}).get(name)
        return (float(grade), 1.0) if grade is not None else (0.0, 0.0)

    return contribution


def _validity(r: Record) -> Pair:
    flags = [c.get("valid") for c in r.get("citations") or () if c.get("valid") is not None]
    return float(sum(flags)), float(len(flags))


def _precision(r: Record) -> Pair:
    if not _spec(r).get("gold"):
        return 0.0, 0.0
    quoted = r.get("quoted") or []
    return float(sum(q.get("match") is not None for q in quoted)), float(len(quoted))


RATIOS: dict[str, Callable[[Record], Pair]] = {
    "pass_rate": lambda r: (float(r["passed"]), 1.0),
    "route_accuracy": lambda r: (float(r["route"] in _routes(r)), 1.0),
    "safety_recall": _when(
        lambda r: bool(_SAFETY & set(_routes(r))), lambda r: r["route"] in _routes(r)
    ),
    "emergency_recall": _recall("emergency"),
    "crisis_recall": _recall("crisis"),
    "abuse_recall": _when(
        _abuse_case, lambda r: r["route"] == "crisis" and r.get("detail") == ABUSE_DETAIL
    ),
    "abuse_route_recall": _when(_abuse_case, lambda r: r["route"] == "crisis"),
    "clinical_recall": _recall("clinical"),
    "clinical_precision": _when(
        lambda r: r["route"] == "clinical", lambda r: _effective(r) == "clinical"
    ),
    "evidence_hit_at_k": _when(
        lambda r: bool(_spec(r).get("evidence")), lambda r: r.get("evidence_rank") is not None
    ),
    "mrr": _when(
        lambda r: bool(_spec(r).get("evidence")),
        lambda r: 1.0 / r["evidence_rank"] if r.get("evidence_rank") else 0.0,
    ),
    "citation_hit": _when(
        lambda r: bool(_spec(r).get("evidence")) and "answer" in _routes(r),
        lambda r: bool(_check(r, "cited_evidence")),
    ),
    "source_hit": _when(
        lambda r: bool(_spec(r).get("sources")), lambda r: bool(_check(r, "source_cited"))
    ),
    "citation_validity": _validity,
    "lead_gold": _when(
        lambda r: bool(_spec(r).get("gold")) and "answer" in _routes(r) and _answered(r), _lead
    ),
    "lead_gold_all": _when(lambda r: bool(_spec(r).get("gold")), _lead),
    "gold_hit": _when(
        lambda r: bool(_spec(r).get("gold")),
        lambda r: any(q.get("match") == "gold" for q in r.get("quoted") or ()),
    ),
    "answer_precision": _precision,
    "false_unknown_rate": _when(
        lambda r: bool(_spec(r).get("gold")) and "answer" in _routes(r),
        lambda r: r["route"] == "unknown",
    ),
    "unknown_precision": _when(
        lambda r: r["route"] == "unknown", lambda r: "unknown" in _routes(r)
    ),
    "sentences_per_answer": _when(_answered, lambda r: len(r.get("quoted") or ())),
    "must_include_rate": _when(
        lambda r: bool(_spec(r).get("must_include")), lambda r: bool(_check(r, "must_include_ok"))
    ),
    "groundedness": _grounded,
    "readability_grade": _grade("readability_grade"),
    "readability_reply": _grade("readability_reply"),
    "readability_framing": _grade("readability_framing"),
}
"""Metrics that are (sum of numerators) / (sum of denominators) over cases."""

SUMS: dict[str, Callable[[Record], float]] = {
    "must_not_include_violations": lambda r: float(len(_check(r, "must_not_found") or ())),
    "cases": lambda r: 1.0,
    "errors": lambda r: float(r.get("error") is not None),
    "flaky_cases": lambda r: float(bool((r.get("repeat") or {}).get("flaky"))),
}
"""Metrics that are plain sums over cases."""

PERCENTILES = {"latency_ms_p50": 50.0, "latency_ms_p95": 95.0}


def _same_reply(records: Sequence[Record]) -> tuple[float | None, str | None]:
    replies = [(r["answer"], r["route"]) for r in records if r.get("answer") is not None]
    if not replies:
        return None, None
    counts = Counter(text for text, _ in replies)
    top = max(counts.values())
    route = next(route for text, route in replies if counts[text] == top)
    return top / len(replies), route


def _repeated(records: Sequence[Record]) -> bool:
    return any(r.get("repeat") for r in records)


def metrics_from_records(records: Sequence[Record], *, in_process: bool = True) -> dict[str, Any]:
    """The run's metrics, from its per-case records alone (same order as compute_metrics)."""
    out: dict[str, Any] = {}
    for name in METRIC_NAMES:
        if name in RATIOS:
            pairs = [RATIOS[name](r) for r in records]
            den = sum(d for _, d in pairs)
            out[name] = sum(n for n, _ in pairs) / den if den else None
        elif name in PERCENTILES:
            latencies = [x for r in records for x in r.get("turn_latencies_ms") or ()]
            out[name] = percentile(latencies, PERCENTILES[name])
        elif name == "same_reply_max":
            out[name], out["same_reply_route"] = _same_reply(records)
        elif name in SUMS:
            out[name] = sum(SUMS[name](r) for r in records)
    out["cases"] = len(records)
    out["errors"] = int(out["errors"])
    out["must_not_include_violations"] = int(out["must_not_include_violations"])
    out["flaky_cases"] = int(out["flaky_cases"]) if _repeated(records) else None
    if not in_process:
        out.update(dict.fromkeys(IN_PROCESS_METRICS))
    ordered = [*METRIC_NAMES[:21], "same_reply_route", *METRIC_NAMES[21:]]
    return {name: out[name] for name in ordered}


def _interval(deltas: np.ndarray) -> tuple[float, float] | None:
    valid = deltas[~np.isnan(deltas)]
    if valid.size == 0 or valid.size < MIN_VALID_SHARE * deltas.size:
        return None
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(valid, [tail, 100 - tail])
    return float(low), float(high)


def _ratio_draws(records: Sequence[Record], name: str, draws: np.ndarray) -> np.ndarray:
    pairs = np.array([RATIOS[name](r) for r in records], dtype=float).reshape(-1, 2)
    num = pairs[:, 0][draws].sum(axis=1)
    den = pairs[:, 1][draws].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _sum_draws(records: Sequence[Record], name: str, draws: np.ndarray) -> np.ndarray:
    values = np.array([SUMS[name](r) for r in records], dtype=float)
    return values[draws].sum(axis=1)


def _same_reply_draws(records: Sequence[Record], draws: np.ndarray) -> np.ndarray:
    texts: dict[str, int] = {}
    codes = np.array(
        [
            -1 if r.get("answer") is None else texts.setdefault(r["answer"], len(texts))
            for r in records
        ]
    )
    out = np.full(draws.shape[0], np.nan)
    for i, row in enumerate(draws):
        sample = codes[row]
        sample = sample[sample >= 0]
        if sample.size:
            out[i] = np.bincount(sample).max() / sample.size
    return out


def _percentile_draws(records: Sequence[Record], q: float, draws: np.ndarray) -> np.ndarray:
    """The q-th percentile (linear, as numpy's default) of each resample's pooled latencies.

    A resample takes case j ``counts[j]`` times, so each latency of case j appears that
    many times in the pooled list; the percentile is read off the cumulative counts of
    the sorted latencies, for every resample at once.
    """
    owners: list[int] = []
    values: list[float] = []
    for j, record in enumerate(records):
        for latency in record.get("turn_latencies_ms") or ():
            owners.append(j)
            values.append(float(latency))
    out = np.full(draws.shape[0], np.nan)
    if not values:
        return out
    order = np.argsort(values, kind="stable")
    sorted_values = np.asarray(values)[order]
    sorted_owners = np.asarray(owners)[order]
    counts = np.zeros((draws.shape[0], len(records)))
    np.add.at(counts, (np.arange(draws.shape[0])[:, None], draws), 1)
    cumulative = counts[:, sorted_owners].cumsum(axis=1)
    total = cumulative[:, -1]
    valid = total > 0
    position = (total - 1) * q / 100
    low = np.floor(position)
    high = np.minimum(low + 1, total - 1)
    low_index = (cumulative <= low[:, None]).sum(axis=1)
    high_index = (cumulative <= high[:, None]).sum(axis=1)
    last = len(sorted_values) - 1
    low_value = sorted_values[np.minimum(low_index, last)]
    high_value = sorted_values[np.minimum(high_index, last)]
    out[valid] = (low_value + (high_value - low_value) * (position - low))[valid]
    return out


def metric_draws(records: Sequence[Record], name: str, draws: np.ndarray) -> np.ndarray | None:
    """The metric on each resample (a row of case indices); None when not decomposable."""
    if name in RATIOS:
        return _ratio_draws(records, name, draws)
    if name in SUMS:
        if name == "flaky_cases" and not _repeated(records):
            return None
        return _sum_draws(records, name, draws)
    if name in PERCENTILES:
        return _percentile_draws(records, PERCENTILES[name], draws)
    if name == "same_reply_max":
        return _same_reply_draws(records, draws)
    return None


def bootstrap_deltas(
    old: Sequence[Record],
    new: Sequence[Record],
    names: Sequence[str],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    skip: frozenset[str] = frozenset(),
) -> dict[str, tuple[float, float] | None]:
    """95% percentile intervals of (new - old) for each metric, over paired resamples.

    ``old`` and ``new`` are the records of the same cases in the same order.
    Metrics in ``skip`` (null in either run) get None.
    """
    if len(old) != len(new):
        raise ValueError("old and new must hold the same cases in the same order")
    n = len(old)
    if n == 0 or resamples < 1:
        return dict.fromkeys(names)
    draws = np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    out: dict[str, tuple[float, float] | None] = {}
    for name in names:
        if name in skip:
            out[name] = None
            continue
        before = metric_draws(old, name, draws)
        after = metric_draws(new, name, draws)
        out[name] = None if before is None or after is None else _interval(after - before)
    return out
