"""Leave-one-set-out figures of the multilingual safety vote
(``python -m evals.train_multilingual_safety --validate``).

Each blind train half in turn (safety and answers) is scored by a vote fitted on every
other source. Every user turn of a case
written in another language than English is scored as the router would ask (the most
severe class at or above its bar over the turn's units); a case is raised when
one of its turns is. With ``--baseline DIR`` (a folder of ``python -m evals run``
reports of the same halves routed without the vote) the figures also say which red
flags the word lists missed and the vote caught: the gain the vote adds. The lists were
tuned on these halves, so they miss few of them; the "vote alone" recall is the figure
that says how the vote carries to a writer it was not fitted on.

With ``--config`` (one or more fitting configurations, s37-10v) each is validated so, and
the report adds, per configuration: the pooled vote-alone recall and benign messages raised
at every pair of bars (emergency, crisis and abuse) on a grid; the best pair that raises no
more benign messages than the current configuration at its bars; the same with the bars of
each half chosen on the other halves' out-of-fold scores only (``nested``: the honest
figure for a threshold chosen on out-of-fold probabilities); and how many of the train
halves' red-flag decisions a refit without one half changes (``flips``: stability).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.routing.multilingual_vote import EMERGENCY_THRESHOLD, units
from assistant.routing.safety_model import SafetyModel

from .suite import Case, load_suite
from .train_multilingual_safety import CONFIG, THRESHOLD, Config, Vectors, build
from .train_safety import _label

SAFETY = ("emergency", "crisis")
"""Safety routes (what a baseline report says)."""
RED = ("emergency", "crisis", "abuse")
"""Safety labels (abuse is a crisis answered with the domestic-violence line)."""
SWEEP = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
GRID = tuple(round(float(t), 2) for t in np.arange(0.5, 0.995, 0.01))
"""Bars tried for each of the two kinds of vote (emergency; crisis and abuse)."""
BARS = (EMERGENCY_THRESHOLD, THRESHOLD)
"""The shipped bars: emergency, crisis and abuse."""


@dataclass
class Scored:
    half: str
    case: str
    lang: str
    expected: tuple[str, ...]
    probs: dict[str, float]
    """Each safety class's highest probability over the case's turns and units."""
    baseline: str | None = None

    @property
    def label(self) -> str:
        return max(self.probs, key=lambda k: self.probs[k]) if self.probs else "other"

    @property
    def probability(self) -> float:
        return max(self.probs.values(), default=0.0)

    def raised(self, bars: tuple[float, float]) -> bool:
        """The vote gives a safety route at these bars (emergency; crisis and abuse)."""
        return (
            self.probs.get("emergency", 0.0) >= bars[0]
            or max(self.probs.get("crisis", 0.0), self.probs.get("abuse", 0.0)) >= bars[1]
        )

    @property
    def red_flag(self) -> bool:
        return bool(self.expected) and all(r in RED for r in self.expected)

    @property
    def benign(self) -> bool:
        return not any(r in RED for r in self.expected)


@dataclass
class Fold:
    half: str
    threshold: float
    model: SafetyModel
    cases: list[Scored] = field(default_factory=list)


def _baseline(folder: Path | None, half: str) -> dict[str, str]:
    if folder is None:
        return {}
    path = folder / Path(half).stem / "report.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    return {c["id"]: c["route"] for c in data["cases"] if c.get("transformation") is None}


def score(model: SafetyModel, vectors: Vectors, case: Case) -> dict[str, float]:
    """Each safety class's highest probability over the case's turns and their units."""
    best = dict.fromkeys(c for c in RED if c in model.classes)
    out = {c: 0.0 for c in best}
    for turn in case.turns:
        parts = units(turn)
        if not parts:
            continue
        probs = model.probabilities(vectors(parts))
        for label in out:
            out[label] = max(out[label], float(probs[:, model.classes.index(label)].max()))
    return out


def validate(
    root: Path,
    vectors: Vectors,
    baseline: Path | None,
    halves: Sequence[str] = (),
    config: Config = CONFIG,
) -> list[Fold]:
    from .train_multilingual_safety import blind_halves

    chosen = list(halves) or blind_halves(root)
    folds = []
    for half in chosen:
        if "_test" in Path(half).name:
            raise ValueError(f"{half}: a test half is never read")
        model = SafetyModel.from_json(json.dumps(build(root, [half], vectors, config)))
        routes = _baseline(baseline, half)
        fold = Fold(half, model.threshold, model)
        for case in load_suite(root / half):
            if case.english:
                continue
            probs = score(model, vectors, case)
            expected = tuple(sorted({_label(r, case.detail) for r in case.routes}))
            fold.cases.append(
                Scored(half, case.id, case.lang or "", expected, probs, routes.get(case.id))
            )
        folds.append(fold)
    return folds


def _route(label: str) -> str:
    return "crisis" if label == "abuse" else label


def report(folds: Sequence[Fold], verbose: bool = False, bars: tuple[float, float] = BARS) -> str:
    lines = []
    lines.append(
        f"LOSO at bars {bars[0]} (emergency) / {bars[1]} (crisis, abuse): other-language "
        "single and multi-turn cases of each train half, vote fitted without that half"
    )
    lines.append(
        "| half | red flags | lists caught | vote alone | lists missed | vote caught of "
        "those | benign | vote false alarms |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    totals = [0] * 7
    for fold in folds:
        red = [c for c in fold.cases if c.red_flag]
        ok = [c for c in fold.cases if c.benign]
        fires = [c for c in red if c.raised(bars)]
        listed = [c for c in red if c.baseline in SAFETY]
        missed = [c for c in red if c.baseline is not None and c.baseline not in SAFETY]
        gained = [c for c in missed if c.raised(bars)]
        alarms = [c for c in ok if c.raised(bars)]
        row = [len(red), len(listed), len(fires), len(missed), len(gained), len(ok), len(alarms)]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        lines.append(f"| {Path(fold.half).stem} | " + " | ".join(map(str, row)) + " |")
    lines.append("| all | " + " | ".join(map(str, totals)) + " |")
    cases = [c for f in folds for c in f.cases]
    lines.append("")
    lines.append("| threshold | vote alone recall | list misses caught | benign raised |")
    lines.append("|---|---|---|---|")
    red = [c for c in cases if c.red_flag]
    ok = [c for c in cases if c.benign]
    missed = [c for c in red if c.baseline is not None and c.baseline not in SAFETY]
    for t in SWEEP:
        lines.append(
            f"| {t} | {sum(c.probability >= t for c in red)}/{len(red)} | "
            f"{sum(c.probability >= t for c in missed)}/{len(missed)} | "
            f"{sum(c.probability >= t for c in ok)}/{len(ok)} |"
        )
    top = sorted(ok, key=lambda c: -c.probability)[:8]
    lines.append("")
    lines.append("highest benign: " + ", ".join(f"{c.case} {c.probability:.3f}" for c in top))
    if verbose:
        lines.append("")
        for c in sorted(cases, key=lambda c: (c.half, c.case)):
            lines.append(
                f"{c.case} {c.lang} expected={'/'.join(c.expected)} lists={c.baseline} "
                f"vote={_route(c.label)}:{c.label} p={c.probability:.3f}"
            )
    return "\n".join(lines)


@dataclass(frozen=True)
class Figures:
    """Vote-alone recall and benign messages raised at a pair of bars."""

    bars: tuple[float, float]
    caught: int
    red: int
    raised: int
    benign: int

    def __str__(self) -> str:
        return (
            f"bars {self.bars[0]:.2f}/{self.bars[1]:.2f}: recall {self.caught}/{self.red} "
            f"({self.caught / max(self.red, 1):.3f}), benign raised {self.raised}/{self.benign}"
        )


def _matrix(cases: Sequence[Scored]) -> tuple[np.ndarray, np.ndarray]:
    """Per case: the emergency probability and the crisis-or-abuse one."""
    em = np.array([c.probs.get("emergency", 0.0) for c in cases])
    cr = np.array([max(c.probs.get("crisis", 0.0), c.probs.get("abuse", 0.0)) for c in cases])
    return em, cr


def figures(cases: Sequence[Scored], bars: tuple[float, float]) -> Figures:
    red = [c for c in cases if c.red_flag]
    ok = [c for c in cases if c.benign]
    return Figures(
        bars,
        sum(c.raised(bars) for c in red),
        len(red),
        sum(c.raised(bars) for c in ok),
        len(ok),
    )


def best_bars(
    cases: Sequence[Scored], budget: int, grid: Sequence[float] = GRID
) -> tuple[float, float]:
    """The pair of bars with the highest red-flag recall that raises at most ``budget``
    benign messages (ties: fewer benign raised, then the higher bars)."""
    red = [c for c in cases if c.red_flag]
    ok = [c for c in cases if c.benign]
    red_em, red_cr = _matrix(red)
    ok_em, ok_cr = _matrix(ok)
    bars = np.array(grid)
    # [emergency bar, crisis bar, case]
    caught = (
        (red_em[None, None, :] >= bars[:, None, None])
        | (red_cr[None, None, :] >= bars[None, :, None])
    ).sum(axis=2)
    raised = (
        (ok_em[None, None, :] >= bars[:, None, None])
        | (ok_cr[None, None, :] >= bars[None, :, None])
    ).sum(axis=2)
    best: tuple[int, int, float, float] | None = None
    for i, e in enumerate(grid):
        for j, c in enumerate(grid):
            if raised[i, j] > budget:
                continue
            key = (int(caught[i, j]), -int(raised[i, j]), e + c, e)
            if best is None or key > best:
                best = key
    if best is None:
        return (grid[-1], grid[-1])
    return (best[3], round(best[2] - best[3], 2))


def nested(folds: Sequence[Fold], budget: int, grid: Sequence[float] = GRID) -> Figures:
    """Each half scored at the bars chosen on the other halves' out-of-fold scores alone."""
    red = caught = ok = raised = 0
    for fold in folds:
        others = [c for f in folds if f is not fold for c in f.cases]
        got = figures(fold.cases, best_bars(others, budget, grid))
        red, caught = red + got.red, caught + got.caught
        ok, raised = ok + got.benign, raised + got.raised
    return Figures((float("nan"), float("nan")), caught, red, raised, ok)


def flips(
    folds: Sequence[Fold], full: SafetyModel, vectors: Vectors, bars: tuple[float, float]
) -> tuple[int, int, int]:
    """Stability: how many (red flag, refit) decisions a fit without one half changes
    against the fit on everything, over the other-language red flags of the other halves
    (in the training data of both); the number of such pairs; and how many of those red
    flags sit within 0.05 of a bar under the fit on everything."""
    from .train_multilingual_safety import ROOT

    red = [
        (fold.half, case)
        for fold in folds
        for case in load_suite(ROOT / fold.half)
        if not case.english and all(_label(r, case.detail) in RED for r in case.routes)
    ]

    def raised(model: SafetyModel, case: Case) -> bool:
        return Scored("", case.id, "", ("crisis",), score(model, vectors, case)).raised(bars)

    reference = {(half, case.id): raised(full, case) for half, case in red}
    changed = pairs = 0
    for fold in folds:
        for half, case in red:
            if half != fold.half:
                pairs += 1
                changed += raised(fold.model, case) != reference[(half, case.id)]
    em, cr = _matrix([Scored("", c.id, "", (), score(full, vectors, c)) for _, c in red])
    near = int(((abs(em - bars[0]) < 0.05) | (abs(cr - bars[1]) < 0.05)).sum())
    return changed, pairs, near


def study(root: Path, vectors: Vectors, configs: Sequence[Config], dump: Path | None = None) -> str:
    """Every configuration's leave-one-set-out figures (module text). The first is the
    reference: its benign messages raised at the shipped bars are the budget of the
    others. ``dump``: a JSON file with every case's out-of-fold probabilities."""
    lines = []
    budget: int | None = None
    saved: dict[str, list[dict[str, object]]] = {}
    for config in configs:
        folds = validate(root, vectors, None, (), config)
        cases = [c for f in folds for c in f.cases]
        at_shipped = figures(cases, BARS)
        budget = at_shipped.raised if budget is None else budget
        chosen = best_bars(cases, budget)
        honest = nested(folds, budget)
        full = SafetyModel.from_json(json.dumps(build(root, (), vectors, config)))
        changed, pairs, near = flips(folds, full, vectors, chosen)
        lines.append(
            f"{config} | shipped {at_shipped} | best {figures(cases, chosen)} | nested "
            f"recall {honest.caught}/{honest.red}, benign raised {honest.raised}/{honest.benign}"
            f" | refit flips at the best bars {changed}/{pairs}, near a bar {near}"
        )
        lines.append(report(folds, bars=chosen))
        print("\n".join(lines[-2:]), flush=True)
        saved[str(config)] = [
            {"half": c.half, "case": c.case, "expected": c.expected, "probs": c.probs}
            for c in cases
        ]
    if dump is not None:
        dump.write_text(json.dumps(saved), "utf-8")
    return "\n".join(lines)
