"""Leave-one-set-out figures of the multilingual safety vote
(``python -m evals.train_multilingual_safety --validate``).

Each blind train half in turn (safety and answers) is scored by a vote fitted on every
other source. Every user turn of a case
written in another language than English is scored as the router would ask (the most
severe class at or above the threshold over the turn's units); a case is raised when
one of its turns is. With ``--baseline DIR`` (a folder of ``python -m evals run``
reports of the same halves routed without the vote) the figures also say which red
flags the word lists missed and the vote caught: the gain the vote adds. The lists were
tuned on these halves, so they miss few of them; the "vote alone" recall is the figure
that says how the vote carries to a writer it was not fitted on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.routing.multilingual_vote import units
from assistant.routing.safety_model import SafetyModel

from .suite import Case, load_suite
from .train_multilingual_safety import Vectors, build
from .train_safety import _label

SAFETY = ("emergency", "crisis")
"""Safety routes (what a baseline report says)."""
RED = ("emergency", "crisis", "abuse")
"""Safety labels (abuse is a crisis answered with the domestic-violence line)."""
SWEEP = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


@dataclass
class Scored:
    half: str
    case: str
    lang: str
    expected: tuple[str, ...]
    label: str
    """The best safety class over the case's turns and units, and its probability."""
    probability: float
    baseline: str | None = None

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
    cases: list[Scored] = field(default_factory=list)


def _baseline(folder: Path | None, half: str) -> dict[str, str]:
    if folder is None:
        return {}
    path = folder / Path(half).stem / "report.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    return {c["id"]: c["route"] for c in data["cases"] if c.get("transformation") is None}


def score(model: SafetyModel, vectors: Vectors, case: Case) -> tuple[str, float]:
    best = ("other", 0.0)
    for turn in case.turns:
        parts = units(turn)
        if not parts:
            continue
        probs = model.probabilities(vectors(parts))
        for label in ("emergency", "crisis", "abuse"):
            if label not in model.classes:
                continue
            p = float(probs[:, model.classes.index(label)].max())
            if p > best[1]:
                best = (label, p)
    return best


def validate(
    root: Path, vectors: Vectors, baseline: Path | None, halves: Sequence[str] = ()
) -> list[Fold]:
    from .train_multilingual_safety import blind_halves

    chosen = list(halves) or blind_halves(root)
    folds = []
    for half in chosen:
        model = SafetyModel.from_json(json.dumps(build(root, [half], vectors)))
        routes = _baseline(baseline, half)
        fold = Fold(half, model.threshold)
        for case in load_suite(root / half):
            if case.english:
                continue
            label, p = score(model, vectors, case)
            expected = tuple(sorted({_label(r, case.detail) for r in case.routes}))
            fold.cases.append(
                Scored(half, case.id, case.lang or "", expected, label, p, routes.get(case.id))
            )
        folds.append(fold)
    return folds


def _route(label: str) -> str:
    return "crisis" if label == "abuse" else label


def report(folds: Sequence[Fold], verbose: bool = False) -> str:
    lines = []
    threshold = folds[0].threshold if folds else 0.0
    lines.append(
        f"LOSO at threshold {threshold}: other-language single and multi-turn cases "
        "of each safety train half, vote fitted without that half"
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
        fires = [c for c in red if c.probability >= threshold]
        listed = [c for c in red if c.baseline in SAFETY]
        missed = [c for c in red if c.baseline is not None and c.baseline not in SAFETY]
        gained = [c for c in missed if c.probability >= threshold]
        alarms = [c for c in ok if c.probability >= threshold]
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
