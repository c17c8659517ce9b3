"""The leave-one-set-out study of the multilingual vote's fitting (s37-10v): configurations,
bagged fits, bars chosen on out-of-fold scores. Synthetic vectors and cases: the study's
own arithmetic, not the model's figures (docs/routing.md, "s37-10v")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from evals.multilingual_validation import Fold, Scored, best_bars, figures, nested
from evals.train_multilingual_safety import Config, _config, _part, fit_config
from evals.train_safety import Labelled, fit

LABELS = ("emergency", "crisis", "abuse", "other")


def _examples() -> list[Labelled]:
    rng = np.random.default_rng(7)
    out = []
    for label in LABELS:
        for k in range(12):
            out.append(Labelled(f"{label} message {k} {rng.integers(1_000_000)}", label))
    return out


def _vectors(texts: Sequence[str]) -> np.ndarray:
    """A fixed vector per text: its class's direction plus noise seeded by the text."""
    rows = []
    for text in texts:
        label = text.split()[0]
        seed = _part(text, 2**31)
        base = np.eye(4)[LABELS.index(label)] if label in LABELS else np.zeros(4)
        rows.append(base + np.random.default_rng(seed).normal(0, 0.6, 4))
    return np.asarray(rows, dtype=np.float32)


def test_a_config_reads_as_written() -> None:
    assert _config("4:balanced:1") == Config(4.0, True, 1)
    assert _config("0.5:none:5") == Config(0.5, False, 5)
    with pytest.raises(ValueError):
        _config("4:heavy:1")


def test_a_message_falls_in_the_same_part_every_time() -> None:
    texts = [e.text for e in _examples()]
    parts = [_part(t, 4) for t in texts]
    assert parts == [_part(t, 4) for t in texts]
    assert set(parts) == {0, 1, 2, 3}


def test_bagged_coefficients_are_the_mean_of_the_fits_without_each_part() -> None:
    examples = _examples()
    classes, coef, intercept = fit_config(examples, _vectors, Config(1.0, True, 3))  # type: ignore[arg-type]
    by_hand = [
        fit([e for e in examples if _part(e.text, 3) != k], _vectors, 1.0, lambda _: [])
        for k in range(3)
    ]
    assert classes == by_hand[0][0]
    assert np.allclose(coef, np.mean([f[1] for f in by_hand], axis=0), atol=1e-4)
    assert np.allclose(intercept, np.mean([f[2] for f in by_hand], axis=0), atol=1e-4)
    one = fit_config(examples, _vectors, Config(1.0, True, 1))  # type: ignore[arg-type]
    assert not np.allclose(one[1], coef)


def _case(name: str, expected: str, emergency: float, crisis: float, half: str = "h") -> Scored:
    return Scored(half, name, "xx", (expected,), {"emergency": emergency, "crisis": crisis})


def test_an_emergency_vote_and_a_crisis_vote_have_their_own_bars() -> None:
    case = _case("a", "emergency", 0.93, 0.5)
    assert case.raised((0.9, 0.95)) and not case.raised((0.95, 0.9))
    assert _case("b", "crisis", 0.1, 0.91).raised((0.99, 0.9))


def test_the_best_bars_catch_most_within_the_benign_budget() -> None:
    cases = [
        _case("r1", "emergency", 0.97, 0.1),
        _case("r2", "emergency", 0.85, 0.1),
        _case("r3", "crisis", 0.1, 0.8),
        _case("b1", "other", 0.9, 0.1),
    ]
    bars = best_bars(cases, budget=0, grid=(0.8, 0.85, 0.9, 0.95))
    assert figures(cases, bars).raised == 0
    assert figures(cases, bars).caught == 2  # r2 would cost the benign b1
    assert bars == (0.95, 0.8)
    assert figures(cases, best_bars(cases, 1, (0.8, 0.85, 0.9, 0.95))).caught == 3


def test_nested_bars_are_chosen_without_the_half_they_score() -> None:
    grid = (0.8, 0.9)
    # the other half alone would choose 0.8 (no benign there); this half's benign is at 0.85
    one = Fold("one", 0.9, None, [_case("b", "other", 0.85, 0.0, "one")])  # type: ignore[arg-type]
    two = Fold("two", 0.9, None, [_case("r", "emergency", 0.82, 0.0, "two")])  # type: ignore[arg-type]
    got = nested([one, two], budget=0, grid=grid)
    assert (got.raised, got.benign) == (1, 1)  # the pooled choice (0.9) would raise none
    assert (
        figures([*one.cases, *two.cases], best_bars([*one.cases, *two.cases], 0, grid)).raised == 0
    )
