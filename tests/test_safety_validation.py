"""Leave-one-set-out validation of the safety vote (evals/safety_validation.py)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import make_settings

from assistant.routing import Router
from assistant.routing.safety_model import SafetyModel
from evals import safety_validation as sv
from evals import train_safety
from evals.safety_augment import KINDS, augment, third_person
from evals.suite import Case


def _case(case_id: str, route: str, detail: str | None = None, turns: int = 1) -> Case:
    return Case(case_id, "x", tuple(f"turn {i}" for i in range(turns)), (route,), detail=detail)


def test_tally_counts_each_figure_from_the_expected_route() -> None:
    tally = sv.Tally()
    tally.add(_case("e1", "emergency"), "emergency")
    tally.add(_case("e2", "emergency"), "crisis")  # either safety route counts for e-or-c
    tally.add(_case("c1", "crisis"), "answer")
    tally.add(_case("a1", "crisis", "abuse"), "crisis")
    tally.add(_case("n1", "answer"), "emergency")
    tally.add(_case("n2", "answer"), "answer")
    tally.add(_case("k1", "clinical"), "clinical")
    tally.add(_case("n3", "answer"), "clinical")
    assert tally.emergency == [True, False]
    assert tally.crisis == [False] and tally.abuse == [True]
    assert tally.either == [True, True, False, True]
    assert tally.misses == ["c1"] and tally.alarms == ["n1"] and tally.false_safety == 1
    assert tally.near_miss == [False, True, False]
    assert tally.clinical == [True, False]
    pooled = sv.Tally()
    pooled.merge(tally)
    pooled.merge(tally)
    assert pooled.false_safety == 2 and len(pooled.either) == 8
    row = pooled.row("p")
    assert "0.750 (6/8)" in row and "| 2 |" in row


class _Counting:
    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.calls: list[list[str]] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return self.inner.embed_documents(texts)  # type: ignore[attr-defined]


def test_cached_embeddings_embed_each_text_once_and_persist(embeddings, tmp_path) -> None:
    counting = _Counting(embeddings)
    path = tmp_path / "vectors.npz"
    cached = sv.CachedEmbeddings(counting, path)  # type: ignore[arg-type]
    first = cached.embed_documents(["fever on chemo", "hello", "fever on chemo"])
    assert counting.calls == [["fever on chemo", "hello"]]
    assert np.allclose(cached.embed_query("hello"), embeddings.embed_query("hello"), atol=1e-5)
    assert counting.calls == [["fever on chemo", "hello"]]
    cached.save()
    again = sv.CachedEmbeddings(counting, path)  # type: ignore[arg-type]
    assert np.allclose(again.embed_documents(["fever on chemo"])[0], first[0])
    assert len(counting.calls) == 1


def test_a_fold_routes_its_half_with_the_vote_fitted_for_it(embeddings, tmp_path) -> None:
    settings = make_settings(tmp_path)
    router = Router(settings, embeddings)
    packaged = router.safety_model
    assert isinstance(packaged, SafetyModel)
    # The packaged vote alone finds a lay-words red flag without any pattern's help...
    assert router.safety_vote("I want to go to sleep and never wake up") is not None
    assert router.safety_vote("what are the benefits of massage during chemo?") is None
    # ...and a vote that never votes safety finds nothing, so route_half uses the one set.
    quiet = SafetyModel(
        packaged.classes,
        np.zeros_like(packaged.coef),
        np.array([0.0 if c != "other" else 50.0 for c in packaged.classes], dtype=np.float32),
        packaged.threshold,
        {},
    )
    router.safety_model = quiet
    case = Case("x1", "crisis", ("I want to go to sleep and never wake up",), ("crisis",))
    tally = sv.route_half(router, [case])
    assert tally.vote_either == [False] and tally.vote_missed == ["x1"]
    router.safety_model = packaged
    tally = sv.route_half(router, [case])
    assert tally.vote_either == [True]


def test_halves_are_train_halves_only() -> None:
    assert all(h.endswith("_train.jsonl") for h in sv.HALVES)
    assert all((train_safety.ROOT / h).exists() for h in sv.HALVES)


@pytest.mark.parametrize("bad", [None, 3])
def test_safety_vote_refuses_a_non_string(embeddings, tmp_path, bad: object) -> None:
    router = Router(make_settings(Path(tmp_path)), embeddings)
    with pytest.raises(TypeError, match="must be a str"):
        router.safety_vote(bad)  # type: ignore[arg-type]


def test_augmentation_keeps_labels_is_seeded_and_changes_the_telling() -> None:
    examples = [
        train_safety.Labelled("I'm going to end my life tonight.", "crisis"),
        train_safety.Labelled("My chest hurts and I can't breathe.", "emergency"),
        train_safety.Labelled("What should I wear to my massage?", "other"),
        train_safety.Labelled("Does massage help with sleep after chemo?", "other"),
    ]
    variants = augment(examples, KINDS)
    assert variants == augment(examples, KINDS)  # seeded: the same every time
    assert {label for _, label in variants} == {"crisis", "emergency"}
    texts = [t for t, _ in variants]
    assert len(texts) == 6  # two red flags, three kinds each; "other" is not varied
    # A kind's variants do not depend on the other kinds chosen.
    wrapped, told, noisy = ([t for t, _ in augment(examples, (k,))] for k in KINDS)
    assert sorted(wrapped + told + noisy) == sorted(texts)
    assert all("massage" in t and len(t) > 40 for t in wrapped)
    assert all(t.startswith("my ") for t in told)
    assert all(re.search(r"\b(?:she|he|her|his|him)\b", t) for t in told)
    assert not any(re.search(r"\b(?:i|my|i'm)\b", t.split(" ", 3)[-1]) for t in told)
    assert all(t == t.lower() and "." not in t and "?" not in t for t in noisy)
    assert noisy != [e.text.lower().rstrip(".") for e in examples[:2]]  # a typo or two


def test_third_person_needs_a_first_person_and_unknown_kinds_are_refused() -> None:
    assert third_person("The pain is unbearable.", random.Random(1)) is None
    told = third_person("I can't feel my legs.", random.Random(1))
    assert told is not None and "my legs" not in told.split(" ", 3)[-1]
    with pytest.raises(ValueError, match="unknown augmentation"):
        augment([], ("shout",))


@pytest.mark.slow
def test_an_unweighted_fit_does_not_inflate_the_rare_class(embeddings) -> None:
    # Two crisis messages among eight ordinary ones: balancing weighs each crisis message
    # four times, so an unseen crisis-like message gets a higher crisis probability.
    examples = [
        train_safety.Labelled("I want to end my life tonight.", "crisis"),
        train_safety.Labelled("I have been thinking of killing myself.", "crisis"),
    ] + [
        train_safety.Labelled(t, "other")
        for t in (
            "What should I wear to my massage?",
            "Does massage help with sleep after chemo?",
            "Can my husband come to the appointment?",
            "How long is a session?",
            "Is oil used on the skin?",
            "Can I have a massage with a port?",
            "Where do I park at the clinic?",
            "Will the therapist talk during the massage?",
        )
    ]
    vectors = train_safety.Vectors(embeddings)
    probe = vectors(["there is no point in going on, I would rather be dead"])

    def crisis_probability(balanced: bool) -> float:
        classes, coef, intercept = train_safety.fit(
            examples, vectors, split=lambda _: [], balanced=balanced
        )
        assert classes == ["crisis", "other"]  # two classes: one row, the logit of "other"
        logit = (probe @ coef.T + intercept).ravel()
        return float(1 / (1 + np.exp(logit[0])))

    assert crisis_probability(True) > crisis_probability(False)


def test_validate_options_replace_only_the_bars_they_name() -> None:
    model = SafetyModel(
        ("crisis", "emergency", "other"),
        np.zeros((3, 4), dtype=np.float32),
        np.zeros(3, dtype=np.float32),
        0.75,
        {},
        0.95,
        ("crisis",),
    )
    same = train_safety.Fit().bars(model)
    assert (same.threshold, same.alone) == (0.75, 0.95)
    moved = train_safety.Fit(1.0, False, threshold=0.5).bars(model)
    assert (moved.threshold, moved.alone) == (0.5, 0.95)
    assert train_safety.Fit(alone=0.9).bars(model).alone == 0.9
