"""Fit the extractive answerer's ``Weights`` and validate them leave-one-set-out.

``python -m evals.fit_weights --validate`` answers every case of the training suites
once through the real assistant (routing, retrieval, coverage, composition), keeping
each sentence choice the answerer made: the scored candidates with their features, the
question as read and the sentence limit. Features do not depend on the weights, so any
other ``Weights`` is judged by recomputing relevance and re-running ``choose`` on those
records (milliseconds per case) instead of answering again.

For each of the five blind answers train halves it fits the weights by coordinate search
on the other suites (the other halves and the default suite) and reports that half's lead_gold_all,
gold_hit and answer_precision under the fitted weights, beside the current weights and
the weights fitted on the half itself (an in-sample ceiling). Routes, and so
false_unknown_rate and unknown precision, do not depend on the weights: they are
reported as measured. ``--fit`` fits on every suite and prints the weights.

Only train halves are read; the test halves are never loaded here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.extractive import (
    DEFAULT_WEIGHTS,
    Candidate,
    ExtractiveAnswerer,
    Selection,
    Weights,
)
from assistant.answering.intent import Focus
from assistant.schema import Reply, Route, Turn

from .metrics import Observation, is_answered, sentence_label, sentence_labels
from .suite import Case, load_suites

SUITES_DIR = Path(__file__).parent / "suites"
HALVES = (
    "answers_train",
    "answers_v2_train",
    "answers_v3_train",
    "answers_v4_train",
    "answers_v5_train",
)
"""The blind answers train halves, each held out in turn."""
DEFAULT_SUITE = SUITES_DIR / "default.jsonl"
FEATURES = (
    "similarity",
    "topic",
    "label",
    "label_miss",
    "kind",
    "guideline",
    "group_miss",
    "label_fit",
    "rank",
)
"""Feature names in the order of ``_SIGNS`` (``extractive.relevance``)."""
_SIGNS = np.array([1, 1, 1, -1, 1, 1, -1, 1, 1], dtype=np.float64)
GRID: dict[str, tuple[float, ...]] = {
    "similarity": (0.4, 0.6, 0.8, 1.0, 1.2),
    "topic": (0.3, 0.5, 0.7, 0.9, 1.1),
    "label": (0.0, 0.15, 0.3, 0.45),
    "label_miss": (0.0, 0.1, 0.2, 0.3),
    "kind": (0.15, 0.25, 0.35, 0.5, 0.7),
    "guideline": (0.15, 0.3, 0.45, 0.6),
    "group_miss": (0.0, 0.1, 0.2, 0.4),
    "label_fit": (0.0, 0.25, 0.5, 0.75),
    "rank": (0.0, 0.05, 0.1, 0.2),
    "threshold": (0.8, 0.9, 1.0, 1.1, 1.2),
    "relative": (0.75, 0.8, 0.85, 0.9),
}
"""Values tried for each weight (the current defaults are among them)."""


@dataclass
class Choice:
    """One call of ``ExtractiveAnswerer.choose``: what it was given."""

    scored: list[tuple[Candidate, float, dict[str, float]]]
    focus: Focus
    limit: int
    matrix: np.ndarray
    """The features of ``scored`` in ``FEATURES`` order, signed."""


@dataclass
class Record:
    case: Case
    observation: Observation
    choices: list[Choice]
    """The choices made for the case's last turn, in the order the reply shows them."""


class _Recording:
    """The assistant, with the answerer's choices of the current turn kept."""

    def __init__(self, service: Any, answerer: ExtractiveAnswerer) -> None:
        self.service = service
        self.turn: list[Choice] = []
        self.answerer = answerer
        self.original = answerer.choose

        def choose(
            scored: Sequence[tuple[Candidate, float, dict[str, float]]], focus: Focus, limit: int
        ) -> Selection:
            matrix = np.array([[f[n] for n in FEATURES] for _, _, f in scored]) * _SIGNS
            self.turn.append(Choice(list(scored), focus, limit, matrix.reshape(-1, 9)))
            return self.original(scored, focus, limit)

        answerer.choose = choose  # type: ignore[method-assign]

    def close(self) -> None:
        del self.answerer.choose  # the instance's wrapper: the class's method again

    def answer(self, conversation: Sequence[Turn], message: str) -> Reply:
        self.turn = []
        reply: Reply = self.service.answer(conversation, message)
        return reply


def record(
    cases: Sequence[Case], service: Any, progress: bool = True
) -> tuple[list[Record], ExtractiveAnswerer]:
    """Answer every case once through ``service`` (the real assistant), keeping the
    answerer's choices for each case's last turn."""
    from assistant.wiring import backend_answerer

    from .runner import in_process_runner

    answerer = backend_answerer(service.backend)
    if answerer is None:
        raise ValueError("the assistant's backend has no extractive answerer")
    recording = _Recording(service, answerer)
    run = in_process_runner(recording)
    records = []
    try:
        for i, case in enumerate(cases, 1):
            observation = run(case)
            records.append(Record(case, observation, list(recording.turn)))
            if progress and i % 100 == 0:
                print(f"  {i}/{len(cases)} cases answered", file=sys.stderr)
    finally:
        recording.close()
    return records, answerer


def _labels(case: Case, selections: Sequence[Selection]) -> list[str | None]:
    return [sentence_label(case, (u.display, u.quote)) for s in selections for u in s.units]


def case_labels(r: Record, answerer: ExtractiveAnswerer, w: Weights) -> list[str | None]:
    """The labels of the sentences the case's reply would quote under ``w``."""
    if not is_answered(r.observation) or not r.choices:
        return sentence_labels(r.case, r.observation.reply)
    selections = []
    kept, answerer.weights = answerer.weights, w  # choose reads the threshold and margins
    for choice in r.choices:
        vector = np.array([getattr(w, n) for n in FEATURES])
        relevance = choice.matrix @ vector
        scored = [(c, float(s), f) for (c, _, f), s in zip(choice.scored, relevance, strict=True)]
        selections.append(answerer.choose(scored, choice.focus, choice.limit))
    answerer.weights = kept
    return _labels(r.case, selections)


def selection_metrics(
    records: Sequence[Record], answerer: ExtractiveAnswerer, w: Weights
) -> dict[str, float]:
    """lead_gold_all, gold_hit and answer_precision of ``records`` under ``w``."""
    labels = [case_labels(r, answerer, w) for r in records if r.case.gold]
    quoted = [label for ls in labels for label in ls]
    n = max(len(labels), 1)
    return {
        "lead_gold_all": sum(bool(ls) and ls[0] == "gold" for ls in labels) / n,
        "gold_hit": sum("gold" in ls for ls in labels) / n,
        "answer_precision": sum(q is not None for q in quoted) / max(len(quoted), 1),
        "cases": float(len(labels)),
    }


def route_metrics(records: Sequence[Record]) -> dict[str, float | None]:
    """false_unknown_rate and unknown precision (independent of the weights)."""
    unknown = Route.UNKNOWN.value
    answerable = [r for r in records if r.case.answerable]
    said_unknown = [r for r in records if r.observation.route == unknown]
    return {
        "false_unknown_rate": (
            sum(r.observation.route == unknown for r in answerable) / len(answerable)
            if answerable
            else None
        ),
        "unknown_precision": (
            sum(unknown in r.case.routes for r in said_unknown) / len(said_unknown)
            if said_unknown
            else None
        ),
    }


def objective(m: dict[str, float]) -> float:
    return m["lead_gold_all"] + m["gold_hit"] + m["answer_precision"]


def fit(
    records: Sequence[Record],
    answerer: ExtractiveAnswerer,
    start: Weights = DEFAULT_WEIGHTS,
    rounds: int = 2,
    log: Callable[[str], None] | None = None,
) -> tuple[Weights, dict[str, float]]:
    """Coordinate search over ``GRID`` from ``start``: each weight in turn takes the value
    that maximises lead_gold_all + gold_hit + answer_precision (ties keep the current
    value), for ``rounds`` passes or until nothing changes."""
    best = start
    best_m = selection_metrics(records, answerer, best)
    for _ in range(rounds):
        changed = False
        for name, values in GRID.items():
            for value in values:
                if value == getattr(best, name):
                    continue
                trial = replace(best, **{name: value})
                m = selection_metrics(records, answerer, trial)
                if objective(m) > objective(best_m) + 1e-9:
                    best, best_m, changed = trial, m, True
            if log:
                log(f"    {name} = {getattr(best, name)}: {objective(best_m):.3f}")
        if not changed:
            break
    return best, best_m


def _row(name: str, m: dict[str, Any]) -> str:
    def f(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}"

    cols = ("lead_gold_all", "gold_hit", "answer_precision")
    return f"| {name} | " + " | ".join(f(m.get(c)) for c in cols) + " |"


def _changed(w: Weights) -> str:
    diffs = [
        f"{f.name}={getattr(w, f.name)}"
        for f in fields(Weights)
        if getattr(w, f.name) != getattr(DEFAULT_WEIGHTS, f.name)
    ]
    return ", ".join(diffs) or "(the current weights)"


def _suite(r: Record) -> str:
    return r.case.suite.removesuffix(".jsonl")


def validate(records: Sequence[Record], answerer: ExtractiveAnswerer, rounds: int) -> list[str]:
    """The leave-one-set-out table, as Markdown lines."""
    by_suite: dict[str, list[Record]] = {}
    for r in records:
        by_suite.setdefault(_suite(r), []).append(r)
    lines = [
        "| held out | cases | current: lead, gold_hit, precision | "
        "fitted on the others | fitted on itself (ceiling) | false_unknown | "
        "unknown precision |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    pooled_current: list[list[str | None]] = []
    pooled_loso: list[list[str | None]] = []
    for half in HALVES:
        held = by_suite.get(half, [])
        if not held:
            continue
        others = [r for r in records if _suite(r) != half]
        print(f"fitting without {half} ({len(others)} cases)", file=sys.stderr)
        w, _ = fit(others, answerer, rounds=rounds)
        own, _ = fit(held, answerer, rounds=rounds)
        cur = selection_metrics(held, answerer, DEFAULT_WEIGHTS)
        out = selection_metrics(held, answerer, w)
        ceiling = selection_metrics(held, answerer, own)
        routes = route_metrics(held)
        pooled_current += [case_labels(r, answerer, DEFAULT_WEIGHTS) for r in held if r.case.gold]
        pooled_loso += [case_labels(r, answerer, w) for r in held if r.case.gold]

        def trio(m: dict[str, float]) -> str:
            return f"{m['lead_gold_all']:.3f}, {m['gold_hit']:.3f}, {m['answer_precision']:.3f}"

        def opt(v: float | None) -> str:
            return "-" if v is None else f"{v:.3f}"

        lines.append(
            f"| {half} | {int(cur['cases'])} | {trio(cur)} | {trio(out)} | {trio(ceiling)} | "
            f"{opt(routes['false_unknown_rate'])} | {opt(routes['unknown_precision'])} |"
        )
        lines.append(f"|  | fitted without it: {_changed(w)} | | | | | |")
    for name, labels in (("current", pooled_current), ("leave-one-out", pooled_loso)):
        n = max(len(labels), 1)
        quoted = [q for ls in labels for q in ls]
        lines.append(
            f"| pooled halves, {name} | {len(labels)} | "
            f"{sum(bool(ls) and ls[0] == 'gold' for ls in labels) / n:.3f}, "
            f"{sum('gold' in ls for ls in labels) / n:.3f}, "
            f"{sum(q is not None for q in quoted) / max(len(quoted), 1):.3f} | | | | |"
        )
    routes = route_metrics([r for r in records if _suite(r) in HALVES])
    lines.append(
        f"| pooled halves, routes | | | | | {routes['false_unknown_rate']:.3f} | "
        f"{routes['unknown_precision']:.3f} |"
    )
    return lines


def check_reconstruction(records: Sequence[Record], answerer: ExtractiveAnswerer) -> int:
    """Cases whose labels re-chosen under the current weights differ from the real reply's
    (should be 0: otherwise the re-scoring does not stand for the service)."""
    return sum(
        case_labels(r, answerer, DEFAULT_WEIGHTS) != sentence_labels(r.case, r.observation.reply)
        for r in records
        if r.case.gold
    )


def suite_paths(train_dir: Path = SUITES_DIR / "blind") -> list[Path]:
    return [DEFAULT_SUITE, *(train_dir / f"{h}.jsonl" for h in HALVES)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.fit_weights", description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--validate", action="store_true", help="leave-one-set-out table")
    mode.add_argument("--fit", action="store_true", help="fit on every suite, print weights")
    parser.add_argument("--rounds", type=int, default=2, help="coordinate-search passes")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    paths = suite_paths()
    if any(p.name.endswith("_test.jsonl") for p in paths):
        raise SystemExit("error: test halves are never used for fitting")
    from assistant.config import load_settings
    from assistant.wiring import build_assistant

    service = build_assistant(load_settings(), progress=False)
    records, answerer = record(load_suites(paths), service)
    mismatched = check_reconstruction(records, answerer)
    lines = [f"re-chosen differently from the real reply under the current weights: {mismatched}"]
    if args.validate:
        lines += validate(records, answerer, args.rounds)
    else:
        w, m = fit(records, answerer, rounds=args.rounds, log=print)
        lines += [_row("all suites, fitted", m), f"weights: {_changed(w)}"]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
