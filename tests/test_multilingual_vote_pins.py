"""The red flags only the multilingual vote catches are pinned (s36-10).

A refit of the vote on more data moves the messages near its bars both ways; twice a
red flag the vote had caught at its bar was lost at the next refit. The other-language red
flags of the train halves and the default suite that the word lists miss and the vote
catches are listed in ``evals/multilingual_vote_pins.json``: the packaged model must still
catch each, and ``python -m evals.train_multilingual_safety`` refuses to write a refit that
loses one (``lost_pins``).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.routing.multilingual_vote import EMERGENCY_THRESHOLD
from assistant.routing.safety_model import SafetyModel
from evals.vote_margins import PINS, load_pins, lost_pins, pinned_cases, red_flags

CLASSES = ["abuse", "crisis", "emergency", "other"]


def _model(favoured: str, dimension: int = 4) -> SafetyModel:
    """A model that gives every vector the class ``favoured`` with probability ~0.99."""
    intercept = [5.0 if c == favoured else 0.0 for c in CLASSES]
    return SafetyModel.from_json(
        json.dumps(
            {
                "classes": CLASSES,
                "coef": [[0.0] * dimension for _ in CLASSES],
                "intercept": intercept,
                "threshold": 0.9,
            }
        )
    )


def _zeros(texts: list[str]) -> np.ndarray:
    return np.zeros((len(texts), 4), dtype=np.float32)


def test_the_pins_are_train_or_default_red_flags_in_other_languages() -> None:
    pins = load_pins()
    assert len(pins) >= 10
    assert all("_test" not in p["suite"] for p in pins)
    found = pinned_cases()
    assert len(found) == len(pins)
    assert all(not case.english and len(case.turns) == 1 for _, case in found)


def test_a_test_half_is_never_read() -> None:
    with pytest.raises(ValueError):
        red_flags(suites=["evals/suites/blind/safety_v17_test.jsonl"])


def test_a_refit_that_votes_every_pin_other_loses_them_all() -> None:
    lost = lost_pins(_model("other"), _zeros)
    assert {s.id for s in lost} == {p["id"] for p in load_pins()}


def test_a_refit_that_still_votes_the_pins_loses_none() -> None:
    assert lost_pins(_model("crisis"), _zeros) == []


def _emergency_at(p: float) -> SafetyModel:
    """A model that gives every vector the emergency class with probability ``p`` and
    whose own threshold (crisis and abuse) is below it."""
    logit = float(np.log(3 * p / (1 - p)))  # softmax of (0, 0, logit, 0)
    return SafetyModel.from_json(
        json.dumps(
            {
                "classes": CLASSES,
                "coef": [[0.0] * 4 for _ in CLASSES],
                "intercept": [0.0, 0.0, logit, 0.0],
                "threshold": 0.3,
            }
        )
    )


def test_an_emergency_vote_is_held_to_its_own_bar() -> None:
    just_over, just_under = (
        _emergency_at(EMERGENCY_THRESHOLD + 0.02),
        _emergency_at(EMERGENCY_THRESHOLD - 0.02),
    )
    assert (
        abs(float(just_under.probabilities(np.zeros((1, 4)))[0, 2]) - EMERGENCY_THRESHOLD + 0.02)
        < 1e-4
    )
    assert lost_pins(just_over, _zeros) == []
    assert len(lost_pins(just_under, _zeros)) == len(load_pins())


@pytest.mark.slow
def test_the_packaged_vote_still_catches_every_pin() -> None:
    from assistant.routing.multilingual_vote import embed, model

    lost = lost_pins(model(), embed)
    assert not lost, lost


@pytest.mark.slow
def test_the_router_routes_every_pin_to_safety() -> None:
    from test_safety_means import _full_router

    from assistant.schema import SAFETY_ROUTES

    router = _full_router()
    wrong = [
        case.id
        for _, case in pinned_cases()
        if router.route([], case.turns[0]).route not in SAFETY_ROUTES
    ]
    assert not wrong, wrong


def test_the_pins_file_says_what_it_is() -> None:
    assert "vote_margins --pin" in json.loads(PINS.read_text("utf-8"))["about"]
