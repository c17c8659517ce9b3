"""Fit the multilingual safety vote (``assistant/routing/multilingual_vote.py``).

    python -m evals.train_multilingual_safety                  # fit, write the model file
    python -m evals.train_multilingual_safety --check          # exit 1 when it is stale
    python -m evals.train_multilingual_safety --validate       # leave-one-set-out figures

Training data: everything the English vote is fitted on (``evals/train_safety.py``: the
routing examples, the vote's reviewed sentences, the team's suites) and **every** blind
train half (``evals/suites/blind/safety_*_train.jsonl`` and ``answers_*_train.jsonl``),
in every language: e5 is cross-lingual, so an English red flag teaches the model the
same concept in Portuguese. The blind test halves are never read. Single-message cases
only (an earlier turn's red flag is the safety memory's business), labelled emergency,
crisis, abuse or other; a case labelled "emergency or clinical" is left out. Fitted as
the English vote is (``train_safety.fit``: whole messages, then the sentence of each
red flag most like its label, and every sentence of an ordinary message as "other").

The threshold is chosen for precision on the leave-one-set-out scores (``--validate``):
each safety train half scored by a model fitted without it. It must lie above every
benign message of every language (docs/routing.md, "s33-14m").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.routing.multilingual_vote import ENCODER, MODEL_RESOURCE, embed, units
from assistant.routing.safety_model import SafetyModel

from .suite import load_suite
from .train_safety import SUITES as ENGLISH_SUITES
from .train_safety import Labelled, _label, fit, write_model
from .train_safety import data_hashes as english_hashes
from .train_safety import load_training as english_training
from .train_safety import stale as english_stale
from .train_safety import training_files as english_files
from .vote_margins import lost_pins

ROOT = Path(__file__).resolve().parent.parent
MODEL_FILE = ROOT / "assistant" / "content" / MODEL_RESOURCE
BLIND = ROOT / "evals" / "suites" / "blind"
C = 4.0
THRESHOLD = 0.67
"""The crisis and abuse bar, chosen with ``CONFIG`` on the leave-one-set-out scores: the
highest pooled red-flag recall that raises no more benign messages than the vote of
s33-14m at its bars (docs/routing.md, "s37-10v")."""


@dataclass(frozen=True)
class Config:
    """How the vote is fitted: the inverse regularisation ``c``, balanced class weights or
    none, and ``bags``: the number of fits, each without one of ``bags`` parts of the
    messages, whose coefficients are averaged (1: one fit on everything)."""

    c: float = C
    balanced: bool = True
    bags: int = 1

    def __str__(self) -> str:
        weight = "balanced" if self.balanced else "unweighted"
        return f"C={self.c:g} {weight} bags={self.bags}"


CONFIG = Config(C, balanced=False)
"""The configuration chosen on the leave-one-set-out study (docs/routing.md, "s37-10v")."""


def _part(text: str, parts: int) -> int:
    """A stable part of ``parts`` for a message (the same in every process and refit)."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % parts


def fit_config(
    examples: Sequence[Labelled], vectors: Vectors, config: Config = CONFIG
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Classes, coefficients and intercepts fitted as ``config`` says. With bags, the
    average of the fits' linear scores: one linear model, each class's score the mean of
    the fits' (a geometric mean of their probabilities), so no single part of the data
    moves a message's probability as far as it moves in one fit."""
    if config.bags <= 1:
        return fit(examples, vectors, config.c, _split, config.balanced)
    fits = [
        fit(
            [e for e in examples if _part(e.text, config.bags) != k],
            vectors,
            config.c,
            _split,
            config.balanced,
        )
        for k in range(config.bags)
    ]
    classes = fits[0][0]
    if any(f[0] != classes for f in fits):
        raise ValueError("the bagged fits do not share their classes")
    return (
        classes,
        np.mean([f[1] for f in fits], axis=0),
        np.mean([f[2] for f in fits], axis=0),
    )


def blind_halves(root: Path = ROOT) -> list[str]:
    """Every blind train half (never a test half), as paths in the repository."""
    found = sorted((root / "evals" / "suites" / "blind").glob("*_train.jsonl"))
    return [str(p.relative_to(root)) for p in found if p.name.endswith("_train.jsonl")]


def suites(root: Path = ROOT) -> list[str]:
    return list(dict.fromkeys([*ENGLISH_SUITES, *blind_halves(root)]))


def training_files(root: Path = ROOT) -> list[Path]:
    return list(dict.fromkeys([*english_files(root), *(root / s for s in suites(root))]))


def data_hashes(root: Path = ROOT) -> dict[str, str]:
    return english_hashes(root, training_files(root))


def load_training(root: Path = ROOT, exclude: Sequence[str] = ()) -> list[Labelled]:
    """Every labelled single message of every language (``exclude``: suites left out)."""
    out = [e for e in english_training(root, exclude=ENGLISH_SUITES) if e.text]
    for suite in suites(root):
        if suite in exclude:
            continue
        for case in load_suite(root / suite):
            if len(case.turns) != 1:
                continue
            labels = {_label(r, case.detail) for r in case.routes}
            if len(labels) == 1:
                out.append(Labelled(case.turns[0].strip(), labels.pop()))
    return out


class Vectors:
    """e5 vectors of texts, each text embedded once (optionally kept in an ``.npz``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        if path is not None and path.exists():
            with np.load(path) as data:
                self.cache = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        need = list(dict.fromkeys(t for t in texts if t not in self.cache))
        for start in range(0, len(need), 64):
            batch = need[start : start + 64]
            self.cache.update(zip(batch, embed(batch), strict=True))
        return np.stack([self.cache[t] for t in texts])

    def save(self) -> None:
        if self.path is not None:
            texts = list(self.cache)
            np.savez(self.path, texts=np.array(texts), vectors=np.stack(list(self.cache.values())))


def _split(text: str) -> list[str]:
    return units(text)[1:]


def build(
    root: Path = ROOT,
    exclude: Sequence[str] = (),
    vectors: Vectors | None = None,
    config: Config = CONFIG,
) -> dict[str, object]:
    vectors = vectors or Vectors()
    examples = load_training(root, exclude)
    classes, coef, intercept = fit_config(examples, vectors, config)
    return {
        "classes": classes,
        "coef": np.round(coef, 6).tolist(),
        "intercept": np.round(intercept, 6).tolist(),
        "threshold": THRESHOLD,
        "training": {
            "embedding_model": ENCODER,
            "messages": {c: sum(e.label == c for e in examples) for c in classes},
            "C": config.c,
            "class_weight": "balanced" if config.balanced else None,
            "bags": config.bags,
            "files": data_hashes(root),
            "fitted": datetime.now(UTC).strftime("%Y-%m-%d"),
            "command": "python -m evals.train_multilingual_safety",
        },
    }


def stale(root: Path = ROOT) -> list[str]:
    """Training files whose content changed since the packaged model was fitted."""
    return english_stale(root, MODEL_RESOURCE, data_hashes(root))


def _config(text: str) -> Config:
    """``C:WEIGHT:BAGS`` (``4:balanced:1``) as a ``Config``."""
    c, weight, bags = text.split(":")
    if weight not in ("balanced", "none"):
        raise ValueError(f"{text}: the weight is 'balanced' or 'none'")
    return Config(float(c), weight == "balanced", int(bags))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.train_multilingual_safety", description=__doc__
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the model file is stale")
    parser.add_argument("--validate", action="store_true", help="leave-one-set-out figures")
    parser.add_argument("--cache", type=Path, help="keep the e5 vectors in this .npz file")
    parser.add_argument(
        "--baseline", type=Path, help="with --validate: a folder of eval reports (lists alone)"
    )
    parser.add_argument("--verbose", action="store_true", help="with --validate: list cases")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="C:WEIGHT:BAGS",
        help="with --validate: compare fitting configurations, e.g. 4:balanced:1 "
        "1:none:5 (the first is the reference)",
    )
    parser.add_argument("--dump", type=Path, help="with --config: out-of-fold scores (JSON)")
    parser.add_argument(
        "--allow-loss",
        action="store_true",
        help="write the model even if it loses a pinned red flag (evals/vote_margins.py)",
    )
    args = parser.parse_args(argv)
    if args.check:
        changed = stale()
        if changed:
            print(
                "multilingual safety model is stale; run `python -m "
                "evals.train_multilingual_safety`. Changed: " + ", ".join(changed),
                file=sys.stderr,
            )
            return 1
        print("multilingual safety model matches its training files")
        return 0
    vectors = Vectors(args.cache)
    try:
        if args.validate:
            from .multilingual_validation import report, study, validate

            if args.config:
                study(ROOT, vectors, [_config(c) for c in args.config], args.dump)
            else:
                print(report(validate(ROOT, vectors, args.baseline), args.verbose))
            return 0
        data = build(ROOT, (), vectors)
        lost = lost_pins(SafetyModel.from_json(json.dumps(data)), vectors)
    finally:
        vectors.save()
    if lost and not args.allow_loss:
        # a refit moves the messages near a bar both ways (docs/routing.md, "s36-10")
        print(
            "the refitted vote loses pinned red flags (the word lists miss them; "
            "evals/multilingual_vote_pins.json): "
            + ", ".join(f"{s.id} {s.label} {s.probability:.3f}" for s in lost)
            + "; the model file was not written (--allow-loss to write it anyway)",
            file=sys.stderr,
        )
        return 1
    write_model(data, MODEL_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
