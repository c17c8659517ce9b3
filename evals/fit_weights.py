"""Fit the extractive answerer's ``Weights`` and validate them leave-one-set-out.

``python -m evals.fit_weights --validate`` answers every case of the training suites
once through the real assistant (routing, retrieval, coverage, composition), keeping
each sentence choice the answerer made: the scored candidates with their features, the
question as read and the sentence limit. Features do not depend on the weights, so any
other ``Weights`` is judged by recomputing relevance and re-running ``choose`` on those
records (milliseconds per case) instead of answering again.

For each blind answers train half present (``answers*_train.jsonl``) it fits the weights
by coordinate search on the other suites (the other halves and the default suite) and
reports that half's lead_gold_all, gold_hit and answer_precision under the fitted weights,
beside the current weights and the weights fitted on the half itself (an in-sample
ceiling); then the halves pooled, with the held-out cases whose lead each side gains.
Routes, and so false_unknown_rate and unknown precision, do not depend on the weights:
they are reported as measured. ``--fit`` fits on every suite and prints the weights
(with ``--validate``, after the table, from the same recorded answers).

Each case's labels under a set of weights are computed once and remembered
(``Labels``): the folds start from the same weights and mostly walk the same grid.

Only train halves are read; the test halves are never loaded here.
"""

from __future__ import annotations

import argparse
import math
import re
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
TRAIN_DIR = SUITES_DIR / "blind"
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
    "plain_margin": (0.0, 0.01, 0.02, 0.025, 0.03, 0.04, 0.06),
}
"""Values tried for each weight (the current defaults are among them)."""


def _version(path: Path) -> int:
    found = re.fullmatch(r"answers(?:_v(\d+))?_train", path.stem)
    return int(found.group(1) or 1) if found else 0


def train_halves(train_dir: Path = TRAIN_DIR) -> tuple[str, ...]:
    """The blind answers train halves present (``answers*_train.jsonl``), oldest first,
    each held out in turn. A test half never matches."""
    paths = [p for p in train_dir.glob("answers*_train.jsonl") if not p.stem.endswith("_test")]
    return tuple(p.stem for p in sorted(paths, key=lambda p: (_version(p), p.name)))


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


class Labels:
    """``case_labels``, remembered for each case and set of weights."""

    def __init__(self, answerer: ExtractiveAnswerer) -> None:
        self.answerer = answerer
        self._seen: dict[tuple[str, str, Weights], list[str | None]] = {}

    def __call__(self, r: Record, w: Weights) -> list[str | None]:
        key = (r.case.suite, r.case.id, w)
        if key not in self._seen:
            self._seen[key] = case_labels(r, self.answerer, w)
        return self._seen[key]


def selection_metrics(
    records: Sequence[Record],
    answerer: ExtractiveAnswerer,
    w: Weights,
    labelled: Labels | None = None,
) -> dict[str, float]:
    """lead_gold_all, gold_hit and answer_precision of ``records`` under ``w``."""
    label = labelled or Labels(answerer)
    return _pooled([label(r, w) for r in records if r.case.gold])


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
    labelled: Labels | None = None,
) -> tuple[Weights, dict[str, float]]:
    """Coordinate search over ``GRID`` from ``start``: each weight in turn takes the value
    that maximises lead_gold_all + gold_hit + answer_precision (ties keep the current
    value), for ``rounds`` passes or until nothing changes."""
    label = labelled or Labels(answerer)
    best = start
    best_m = selection_metrics(records, answerer, best, label)
    for _ in range(rounds):
        changed = False
        for name, values in GRID.items():
            for value in values:
                if value == getattr(best, name):
                    continue
                trial = replace(best, **{name: value})
                m = selection_metrics(records, answerer, trial, label)
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


def _pooled(labels: Sequence[Sequence[str | None]]) -> dict[str, float]:
    """lead_gold_all, gold_hit and answer_precision of these cases' labels."""
    quoted = [q for ls in labels for q in ls]
    n = max(len(labels), 1)
    return {
        "lead_gold_all": sum(bool(ls) and ls[0] == "gold" for ls in labels) / n,
        "gold_hit": sum("gold" in ls for ls in labels) / n,
        "answer_precision": sum(q is not None for q in quoted) / max(len(quoted), 1),
        "cases": float(len(labels)),
    }


def sign_test(gained: int, lost: int) -> float:
    """Two-sided exact sign test: the chance of a split at least this uneven if each
    changed case were a coin toss."""
    n = gained + lost
    if not n:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(gained, lost) + 1)) / 2**n
    return min(1.0, 2 * tail)


def _trio(m: dict[str, float]) -> str:
    return f"{m['lead_gold_all']:.3f}, {m['gold_hit']:.3f}, {m['answer_precision']:.3f}"


def _opt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def validate(
    records: Sequence[Record],
    answerer: ExtractiveAnswerer,
    rounds: int,
    halves: Sequence[str],
    labelled: Labels | None = None,
) -> list[str]:
    """The leave-one-set-out table, as Markdown lines."""
    label = labelled or Labels(answerer)
    by_suite: dict[str, list[Record]] = {}
    for r in records:
        by_suite.setdefault(_suite(r), []).append(r)
    lines = [
        "| held out | cases | current: lead, gold_hit, precision | "
        "fitted on the others | fitted on itself (ceiling) | false_unknown | "
        "unknown precision |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    pooled: dict[str, list[list[str | None]]] = {"current": [], "loso": [], "ceiling": []}
    for half in halves:
        held = [r for r in by_suite.get(half, []) if r.case.gold]
        if not held:
            continue
        others = [r for r in records if _suite(r) != half]
        print(f"fitting without {half} ({len(others)} cases)", file=sys.stderr)
        w, _ = fit(others, answerer, rounds=rounds, labelled=label)
        own, _ = fit(held, answerer, rounds=rounds, labelled=label)
        for name, weights in (("current", DEFAULT_WEIGHTS), ("loso", w), ("ceiling", own)):
            pooled[name] += [label(r, weights) for r in held]
        cur, out, ceiling = (_pooled(pooled[n][-len(held) :]) for n in pooled)
        routes = route_metrics(by_suite[half])
        lines.append(
            f"| {half} | {len(held)} | {_trio(cur)} | {_trio(out)} | {_trio(ceiling)} | "
            f"{_opt(routes['false_unknown_rate'])} | {_opt(routes['unknown_precision'])} |"
        )
        lines.append(f"|  | fitted without it: {_changed(w)} | | | | | |")
    names = {
        "current": "current",
        "loso": "leave-one-out",
        "ceiling": "each fitted on itself",
    }
    for key, name in names.items():
        m = _pooled(pooled[key])
        lines.append(f"| pooled halves, {name} | {int(m['cases'])} | {_trio(m)} | | | | |")
    lead = [[bool(ls) and ls[0] == "gold" for ls in pooled[k]] for k in ("current", "loso")]
    gained = sum(b and not a for a, b in zip(*lead, strict=True))
    lost = sum(a and not b for a, b in zip(*lead, strict=True))
    lines.append(
        f"| pooled halves, leave-one-out vs current | gold leads gained {gained}, "
        f"lost {lost} (sign test p = {sign_test(gained, lost):.3f}) | | | | | |"
    )
    routes = route_metrics([r for r in records if _suite(r) in halves])
    lines.append(
        f"| pooled halves, routes | | | | | {_opt(routes['false_unknown_rate'])} | "
        f"{_opt(routes['unknown_precision'])} |"
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


def suite_paths(train_dir: Path = TRAIN_DIR) -> list[Path]:
    return [DEFAULT_SUITE, *(train_dir / f"{h}.jsonl" for h in train_halves(train_dir))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.fit_weights", description=__doc__)
    parser.add_argument("--validate", action="store_true", help="leave-one-set-out table")
    parser.add_argument("--fit", action="store_true", help="fit on every suite, print weights")
    parser.add_argument("--rounds", type=int, default=2, help="coordinate-search passes")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    if not (args.validate or args.fit):
        parser.error("give --validate, --fit or both")
    paths = suite_paths()
    if any(p.stem.endswith("_test") for p in paths):
        raise SystemExit("error: test halves are never used for fitting")
    halves = [p.stem for p in paths[1:]]
    from assistant.config import load_settings
    from assistant.wiring import build_assistant

    service = build_assistant(load_settings(), progress=False)
    records, answerer = record(load_suites(paths), service)
    label = Labels(answerer)
    mismatched = check_reconstruction(records, answerer)
    lines = [f"re-chosen differently from the real reply under the current weights: {mismatched}"]
    if args.validate:
        lines += validate(records, answerer, args.rounds, halves, label)
    if args.fit:
        w, m = fit(records, answerer, rounds=args.rounds, log=print, labelled=label)
        in_halves = [r for r in records if _suite(r) in halves]
        lines += [
            _row(
                "all suites, current", selection_metrics(records, answerer, DEFAULT_WEIGHTS, label)
            ),
            _row("all suites, fitted", m),
            _row(
                "halves, fitted on all (in-sample)",
                selection_metrics(in_halves, answerer, w, label),
            ),
            f"weights: {_changed(w)}",
        ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
