"""Leave-one-set-out validation of the safety vote (``python -m evals.train_safety --validate``).

For each blind train half in turn, the vote is fitted on every training source except
that half and the half is routed, route only, through the real ``Router`` with the
fitted vote in place of the packaged one. The figures say how the vote does on a set
of messages written by someone it was not fitted on; every choice about the vote (C,
threshold, the alone level, augmentations, new reviewed sentences) is made on them.

Caveats, printed with the figures: the regular-expression checks that run before the
vote were tuned on these same halves, so the figures measure the **vote's**
generalisation only, not the router's; and the vote's own reviewed sentences
(``assistant/content/safety_examples.yaml``) are not marked with the half whose
failures prompted them, so none of them is left out with its half.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import load_settings
from assistant.embeddings import get_embeddings
from assistant.routing import Router
from assistant.routing.safety_model import SafetyModel
from assistant.schema import Turn

from .suite import Case, load_suite

HALVES = (
    "evals/suites/blind/safety_train.jsonl",
    "evals/suites/blind/safety_dev_train.jsonl",
    "evals/suites/blind/safety_v3_train.jsonl",
    "evals/suites/blind/safety_v4_train.jsonl",
    "evals/suites/blind/safety_v5_train.jsonl",
    "evals/suites/blind/answers_train.jsonl",
)
"""The halves left out in turn (never a test half)."""
CAVEAT = (
    "LOSO measures the safety vote's generalisation only: the regex checks before it "
    "were tuned on these halves (so the routed figures are near 1.00 whatever the vote "
    "does), and the vote's reviewed sentences (safety_examples.yaml) are not marked by the "
    "half that prompted them, so they stay in every fold. The 'vote alone' columns (English "
    "single messages, the vote asked without the checks before it) are the figures to tune on."
)
SAFETY = ("emergency", "crisis")
ANSWERED = ("answer", "unknown")


class CachedEmbeddings(Embeddings):
    """Embeddings that compute each text once (optionally kept in an ``.npz`` file)."""

    def __init__(self, inner: Embeddings, path: Path | None = None) -> None:
        self.inner = inner
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        if path is not None and path.exists():
            with np.load(path, allow_pickle=False) as data:
                self.cache = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
        self._dirty = False

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        need = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if need:
            for t, v in zip(need, self.inner.embed_documents(need), strict=True):
                self.cache[t] = np.asarray(v, dtype=np.float32)
            self._dirty = True
        return [self.cache[t].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def save(self) -> None:
        if self.path is None or not self._dirty or not self.cache:
            return
        texts = list(self.cache)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp.npz")
        np.savez(tmp, texts=np.array(texts), vectors=np.stack([self.cache[t] for t in texts]))
        tmp.replace(self.path)
        self._dirty = False


@dataclass
class Tally:
    """Route-only counts for one half (or pooled)."""

    emergency: list[bool] = field(default_factory=list)
    crisis: list[bool] = field(default_factory=list)
    abuse: list[bool] = field(default_factory=list)
    either: list[bool] = field(default_factory=list)
    near_miss: list[bool] = field(default_factory=list)
    clinical: list[bool] = field(default_factory=list)
    false_safety: int = 0
    vote_either: list[bool] = field(default_factory=list)
    """English single messages expected emergency or crisis: the vote alone found one."""
    vote_alarms: list[bool] = field(default_factory=list)
    """English single messages expected neither: the vote alone voted a safety route."""
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    vote_missed: list[str] = field(default_factory=list)
    vote_false: list[str] = field(default_factory=list)

    def add_vote(self, case: Case, voted: bool) -> None:
        if case.routes[0] in SAFETY:
            self.vote_either.append(voted)
            if not voted:
                self.vote_missed.append(case.id)
        else:
            self.vote_alarms.append(voted)
            if voted:
                self.vote_false.append(case.id)

    def add(self, case: Case, got: str) -> None:
        expected = case.routes[0]
        if expected == "emergency":
            self.emergency.append(got == "emergency")
        if expected == "crisis" and case.detail != "abuse":
            self.crisis.append(got == "crisis")
        if expected == "crisis" and case.detail == "abuse":
            self.abuse.append(got == "crisis")
        if expected in SAFETY:
            self.either.append(got in SAFETY)
            if got not in SAFETY:
                self.misses.append(case.id)
        elif got in SAFETY:
            self.false_safety += 1
            self.alarms.append(case.id)
        if set(case.routes) <= set(ANSWERED):
            self.near_miss.append(got in ANSWERED)
        if got == "clinical":
            self.clinical.append("clinical" in case.routes)

    def merge(self, other: Tally) -> None:
        for name in (
            "emergency",
            "crisis",
            "abuse",
            "either",
            "near_miss",
            "clinical",
            "vote_either",
            "vote_alarms",
        ):
            getattr(self, name).extend(getattr(other, name))
        self.false_safety += other.false_safety
        self.misses += other.misses
        self.alarms += other.alarms
        self.vote_missed += other.vote_missed
        self.vote_false += other.vote_false

    @staticmethod
    def _rate(xs: Sequence[bool]) -> str:
        return f"{sum(xs) / len(xs):.3f} ({sum(xs)}/{len(xs)})" if xs else "-"

    def row(self, name: str) -> str:
        r = self._rate
        return (
            f"| {name} | {r(self.emergency)} | {r(self.crisis)} | {r(self.abuse)} | "
            f"{r(self.either)} | {self.false_safety} | {r(self.near_miss)} | {r(self.clinical)} "
            f"| {r(self.vote_either)} | {sum(self.vote_alarms)}/{len(self.vote_alarms)} |"
        )


HEADER = (
    "| left out | emergency | crisis | abuse -> crisis | emergency or crisis | false safety "
    "| near-miss answered | clinical precision | vote alone: e-or-c recall | vote alone: false "
    "safety |\n|---|---|---|---|---|---|---|---|---|---|"
)


def route_half(router: Router, cases: Iterable[Case]) -> Tally:
    """Route each case as a conversation (earlier turns first) and tally the last turn."""
    tally = Tally()
    for case in cases:
        conversation: list[Turn] = []
        for text in case.turns[:-1]:
            decision = router.route(conversation, text)
            conversation += [Turn("user", text), Turn("assistant", "ok", decision.route)]
        tally.add(case, router.route(conversation, case.turns[-1]).route.value)
        if len(case.turns) == 1 and case.english:
            tally.add_vote(case, router.safety_vote(case.turns[0]) is not None)
    return tally


FitModel = Callable[[Sequence[str]], SafetyModel]
"""Fits a vote leaving out the given suite paths."""


def validate(
    fit_model: FitModel, embeddings: Embeddings, root: Path, halves: Sequence[str] = HALVES
) -> tuple[dict[str, Tally], Tally]:
    """Each half routed with a vote fitted without it, and the pooled tally."""
    settings = load_settings(_env_file=None)
    per_half: dict[str, Tally] = {}
    pooled = Tally()
    for half in halves:
        router = Router(settings, embeddings)
        router.safety_model = fit_model([half])
        tally = route_half(router, load_suite(root / half))
        per_half[half] = tally
        pooled.merge(tally)
    return per_half, pooled


def report(per_half: dict[str, Tally], pooled: Tally, verbose: bool = False) -> str:
    lines = [CAVEAT, "", HEADER]
    lines += [t.row(Path(h).stem) for h, t in per_half.items()]
    lines.append(pooled.row("**pooled**"))
    if verbose:
        for h, t in per_half.items():
            lines.append(f"{Path(h).stem}: missed {t.misses}; false safety {t.alarms}")
            lines.append(
                f"{Path(h).stem} vote alone: missed {t.vote_missed}; alarms {t.vote_false}"
            )
    return "\n".join(lines)


def shared_embeddings(cache: Path | None) -> CachedEmbeddings:
    settings = load_settings(_env_file=None)
    return CachedEmbeddings(get_embeddings(settings.embedding_model), cache)


def model_from(data: dict[str, object]) -> SafetyModel:
    return SafetyModel.from_json(json.dumps(data))
