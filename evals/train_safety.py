"""Fit the safety vote (``assistant/routing/safety_model.py``) and write its model file.

    python -m evals.train_safety            # fit and write assistant/content/safety_model.json
    python -m evals.train_safety --check    # exit 1 when the model file is stale

Training data: the routing examples (``assistant/content/routing_examples.yaml``), the
team's suites (``default``, ``injection``) and the **train** halves of the blind suites
(``evals/suites/blind/*_train.jsonl``). The blind test halves are never read. Only
English single-message cases are used: the router asks the vote about English messages,
and an earlier turn's red flag is the safety memory's business.

The vote's own reviewed sentences (``assistant/content/safety_examples.yaml``: concepts
from the published references told in lay words, and hard negatives with the same alarm
words in safe contexts) join them. Labels are emergency, crisis, abuse (a crisis answered
with the domestic-violence line) and other. A message is scored as a whole and sentence by
sentence (``pieces``), so the model is fitted the same way (multiple-instance learning,
one round): a first model on whole messages picks, in each emergency or crisis message,
the sentence most like its label; that sentence joins the training set with the
message's label, and every sentence of an ordinary message joins as "other".

The threshold, the training data and any fit-time augmentation are chosen on the
leave-one-set-out figure (``--validate``, ``evals/safety_validation.py``): each blind
train half routed with a vote fitted without it (docs/routing.md, "The safety vote").

    python -m evals.train_safety --validate --cache /tmp/vectors.npz --verbose
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from assistant.config import load_settings
from assistant.embeddings import get_embeddings
from assistant.routing.normalise import normalise
from assistant.routing.safety_model import MODEL_RESOURCE, SafetyModel, pieces

from .safety_augment import KINDS, augment
from .safety_augment import SEED as AUGMENT_SEED
from .suite import load_suite

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assistant" / "content" / "routing_examples.yaml"
MODEL_FILE = ROOT / "assistant" / "content" / MODEL_RESOURCE
SUITES = (
    "evals/suites/default.jsonl",
    "evals/suites/injection.jsonl",
    "evals/suites/blind/answers_train.jsonl",
    "evals/suites/blind/safety_train.jsonl",
    "evals/suites/blind/safety_dev_train.jsonl",
    "evals/suites/blind/safety_v3_train.jsonl",
    "evals/suites/blind/safety_v4_train.jsonl",
    "evals/suites/blind/safety_v5_train.jsonl",
)
EXAMPLES_FOR_VOTE = ROOT / "assistant" / "content" / "safety_examples.yaml"
"""Sentences written for the vote alone (concepts from the published references, and
hard negatives: the same alarm words in safe contexts)."""
SAFETY = ("emergency", "crisis")
LABELS = ("emergency", "crisis", "abuse", "other")
C = 4.0
"""Inverse regularisation, as for the route classifier (cross-validated there)."""
AUGMENT: tuple[str, ...] = ()
"""Kinds of red-flag variants added at fit time (``evals/safety_augment.py``). None: no
kind raised the leave-one-set-out recall at the same number of false safety routes
(docs/routing.md, "The safety vote"); ``--validate --augment`` measures them again."""
THRESHOLD = 0.75
BALANCED = True
"""Weigh each class by the inverse of its size when fitting. Kept (s37-10e): the fit
without weights caught more red flags leave-one-set-out only at bars that raised false
safety routes on the train halves (docs/routing.md, "s37-10e"); ``--validate
--no-balanced`` measures it again."""
ALONE = 0.95
"""A crisis or abuse vote at or above this wins without a cue word (chosen on the own
probes and the team's labelled sets, docs/routing.md); an emergency vote always needs one."""
ALONE_LABELS = ("crisis", "abuse")


@dataclass(frozen=True)
class Fit:
    """A fit and bars to validate (``--validate --c --[no-]balanced --threshold --alone``);
    ``None``: the bar the fit writes."""

    c: float = C
    balanced: bool = BALANCED
    threshold: float | None = None
    alone: float | None = None

    def bars(self, model: SafetyModel) -> SafetyModel:
        """``model`` with this fit's bars in place of its own."""
        return replace(
            model,
            threshold=model.threshold if self.threshold is None else self.threshold,
            alone=model.alone if self.alone is None else self.alone,
        )


@dataclass(frozen=True)
class Labelled:
    text: str
    label: str


def training_files(root: Path = ROOT) -> list[Path]:
    return [
        root / "assistant" / "content" / "routing_examples.yaml",
        root / EXAMPLES_FOR_VOTE.relative_to(ROOT),
    ] + [root / s for s in SUITES]


def data_hashes(root: Path = ROOT, files: Sequence[Path] | None = None) -> dict[str, str]:
    """sha256 of each training file (``files``, by default this vote's), keyed by its path
    in the repository."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (training_files(root) if files is None else files)
    }


def _label(route: str, detail: str | None = None) -> str:
    if route == "crisis" and detail == "abuse":
        return "abuse"
    return route if route in SAFETY else "other"


def vote_examples(root: Path = ROOT) -> list[Labelled]:
    """The vote's own reviewed sentences (``assistant/content/safety_examples.yaml``);
    ``ValueError`` naming a label the model does not know."""
    data = yaml.safe_load((root / EXAMPLES_FOR_VOTE.relative_to(ROOT)).read_text("utf-8"))
    out = []
    for label, texts in data["examples"].items():
        if label not in LABELS:
            raise ValueError(f"{EXAMPLES_FOR_VOTE.name}: unknown label {label!r}")
        out += [Labelled(str(t).strip(), label) for t in texts]
    return out


def load_training(root: Path = ROOT, exclude: Sequence[str] = ()) -> list[Labelled]:
    """Every training message with its label (``exclude``: suite paths to leave out)."""
    data = yaml.safe_load((root / "assistant" / "content" / "routing_examples.yaml").read_text())
    out = [Labelled(t.strip(), _label(r)) for r, ts in data["routes"].items() for t in ts]
    for suite in SUITES:
        if suite in exclude:
            continue
        for case in load_suite(root / suite):
            if len(case.turns) != 1 or not case.english:
                continue
            labels = {_label(r, case.detail) for r in case.routes}
            if len(labels) != 1:  # "emergency or clinical": not a clean example either way
                continue
            out.append(Labelled(case.turns[0], labels.pop()))
    return out + vote_examples(root)


class Vectors:
    """Embeddings of normalised texts, each text embedded once."""

    def __init__(self, embeddings: Embeddings) -> None:
        self.embeddings = embeddings
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        norms = [str(normalise(t)) for t in texts]
        need = list(dict.fromkeys(n for n in norms if n not in self.cache))
        if need:
            for n, v in zip(need, self.embeddings.embed_documents(need), strict=True):
                self.cache[n] = np.asarray(v, dtype=np.float32)
        return np.stack([self.cache[n] for n in norms])


def fit(
    examples: Sequence[Labelled],
    vectors: Callable[[Sequence[str]], np.ndarray],
    c: float = C,
    split: Callable[[str], list[str]] = pieces,
    balanced: bool = True,
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Classes, coefficients and intercepts of the two-stage model (see the module text);
    ``split``: the sentences a message is scored by besides its whole; ``balanced``:
    weigh each class by the inverse of its size."""
    from sklearn.linear_model import LogisticRegression

    def model(texts: list[str], labels: list[str]) -> LogisticRegression:
        weight = "balanced" if balanced else None
        return LogisticRegression(C=c, max_iter=3000, class_weight=weight).fit(
            vectors(texts), labels
        )

    texts = [e.text for e in examples]
    labels = [e.label for e in examples]
    first = model(texts, labels)
    classes = list(first.classes_)
    for e in examples:
        parts = split(e.text)
        if not parts:
            continue
        if e.label == "other":
            texts += parts
            labels += ["other"] * len(parts)
        else:
            probs = first.predict_proba(vectors(parts))[:, classes.index(e.label)]
            texts.append(parts[int(probs.argmax())])
            labels.append(e.label)
    final = model(texts, labels)
    return [str(c) for c in final.classes_], final.coef_, final.intercept_


def build(
    root: Path = ROOT,
    exclude: Sequence[str] = (),
    vectors: Vectors | None = None,
    c: float = C,
    kinds: Sequence[str] = AUGMENT,
    balanced: bool = BALANCED,
) -> dict[str, object]:
    """The model file's content, fitted on every training source but ``exclude``, with
    the red-flag examples' variants of ``kinds`` (``evals/safety_augment.py``);
    ``balanced``: class weights as in ``fit``."""
    settings = load_settings(_env_file=None)
    if vectors is None:
        vectors = Vectors(get_embeddings(settings.embedding_model))
    examples = load_training(root, exclude)
    variants = [Labelled(t, label) for t, label in augment(examples, kinds)]
    classes, coef, intercept = fit(examples + variants, vectors, c, balanced=balanced)
    counts = {c: sum(e.label == c for e in examples) for c in classes}
    return {
        "classes": classes,
        "coef": np.round(coef, 6).tolist(),
        "intercept": np.round(intercept, 6).tolist(),
        "threshold": THRESHOLD,
        "alone": ALONE,
        "alone_labels": list(ALONE_LABELS),
        "training": {
            "embedding_model": settings.embedding_model,
            "messages": counts,
            "C": c,
            "balanced": balanced,
            "augmented": {"kinds": list(kinds), "seed": AUGMENT_SEED, "variants": len(variants)},
            "files": data_hashes(root),
            "fitted": datetime.now(UTC).strftime("%Y-%m-%d"),
            "command": "python -m evals.train_safety",
        },
    }


def stale(
    root: Path = ROOT, resource: str = MODEL_RESOURCE, now: dict[str, str] | None = None
) -> list[str]:
    """Training files whose content changed since the packaged model (``resource``, fitted
    on the files hashed in ``now``, by default this vote's) was fitted."""
    model = SafetyModel.from_json((root / "assistant" / "content" / resource).read_text())
    fitted = model.training.get("files", {})
    now = data_hashes(root) if now is None else now
    return sorted(p for p in set(now) | set(fitted) if now.get(p) != fitted.get(p))


def _validate(cache: Path | None, verbose: bool, kinds: Sequence[str], options: Fit) -> int:
    from . import safety_validation as sv

    embeddings = sv.shared_embeddings(cache)
    vectors = Vectors(embeddings)

    def fold(exclude: Sequence[str]) -> SafetyModel:
        data = build(ROOT, exclude, vectors, options.c, kinds, options.balanced)
        return options.bars(sv.model_from(data))

    try:
        per_half, pooled = sv.validate(fold, embeddings, ROOT)
    finally:
        embeddings.save()
    print(sv.report(per_half, pooled, verbose))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_safety", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the model file is stale")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="leave-one-set-out: route each blind train half with a vote fitted without it",
    )
    parser.add_argument(
        "--cache", type=Path, help="with --validate: keep embeddings in this .npz file"
    )
    parser.add_argument("--verbose", action="store_true", help="with --validate: list misses")
    parser.add_argument(
        "--augment",
        default=",".join(AUGMENT),
        help=f"with --validate: comma-separated variant kinds ({', '.join(KINDS)})",
    )
    parser.add_argument(
        "--c", type=float, default=C, help="with --validate: inverse regularisation"
    )
    parser.add_argument(
        "--balanced",
        action=argparse.BooleanOptionalAction,
        default=BALANCED,
        help="with --validate: weigh each class by the inverse of its size",
    )
    parser.add_argument(
        "--threshold", type=float, help="with --validate: the vote's bar with a cue"
    )
    parser.add_argument("--alone", type=float, help="with --validate: the bar without a cue")
    args = parser.parse_args(argv)
    if args.validate:
        kinds = tuple(k for k in args.augment.split(",") if k)
        options = Fit(args.c, args.balanced, args.threshold, args.alone)
        return _validate(args.cache, args.verbose, kinds, options)
    if args.check:
        changed = stale()
        if changed:
            print(
                "safety model is stale; run `python -m evals.train_safety`. Changed: "
                + ", ".join(changed),
                file=sys.stderr,
            )
            return 1
        print("safety model matches its training files")
        return 0
    write_model(build(), MODEL_FILE)
    return 0


def write_model(data: dict[str, object], path: Path) -> None:
    """Install a fitted model file, refusing one that does not parse."""
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    SafetyModel.from_json(tmp.read_text(encoding="utf-8"))  # refuse to install a bad file
    tmp.replace(path)
    print(f"wrote {path.relative_to(ROOT)}: {data['training']['messages']}")  # type: ignore[index]


if __name__ == "__main__":
    sys.exit(main())
