"""A nail or hair cut is not self-harm for the multilingual vote either (session 36, lead).

The vote refitted with the eighteenth set's train halves read "me corté las uñas antes del
masaje" as a crisis (the CI rehearsal's slow test caught it); the Spanish word lists already
knew a grooming cut is not self-harm. A crisis vote on a message with such a phrase now
stands only when it is voted again without the phrase. Wordings are the team's own.
"""

from __future__ import annotations

import pytest
from test_safety_means import _full_router, _outcome

from assistant.routing import Router, multilingual_vote
from assistant.routing.safety_model import SafetyVote
from assistant.schema import Route


@pytest.mark.parametrize(
    ("message", "left"),
    [
        ("me corté las uñas antes del masaje", "antes del masaje"),
        ("ayer me corte el pelo muy corto", "ayer muy corto"),
        ("cortei as unhas ontem, posso fazer massagem?", "ontem, posso fazer massagem?"),
        ("je me suis coupé les cheveux avant la chimio", "je me suis avant la chimio"),
        ("mi sono tagliata le unghie prima del massaggio", "mi sono prima del massaggio"),
        ("ich habe mir die Haare geschnitten", "ich habe"),
        ("my mum cut her nails before the massage", "my mum before the massage"),
    ],
)
def test_grooming_cut_phrases_are_taken_out(message: str, left: str) -> None:
    assert multilingual_vote.without_grooming_cuts(message) == left


@pytest.mark.parametrize(
    "message",
    [
        "me corto los brazos cuando no puedo más",
        "se corta las piernas con una cuchilla",
        "corto tudo o que posso",
        "quiero cortar con todo",
    ],
)
def test_cutting_oneself_is_not_a_grooming_cut(message: str) -> None:
    assert multilingual_vote.without_grooming_cuts(message) == message


def _voting(monkeypatch: pytest.MonkeyPatch, again: SafetyVote | None) -> list[str]:
    """The vote says crisis on the message as written and ``again`` on it without the cut."""
    asked: list[str] = []

    def vote(raw: str, at_least: float = 0.0) -> SafetyVote | None:
        asked.append(raw)
        if multilingual_vote.GROOMING_CUT.search(raw):
            return SafetyVote(raw, Route.CRISIS, 0.97)
        return again

    monkeypatch.setattr(multilingual_vote, "vote", vote)
    return asked


def _router() -> Router:
    from assistant.config import load_settings

    return Router(load_settings(_env_file=None), object())  # type: ignore[arg-type]


def test_a_crisis_voted_only_because_of_the_cut_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _voting(monkeypatch, None)
    message = "me corté las uñas antes del masaje"
    assert _router()._multilingual_vote(message.lower(), message, ("es", "es")) is None
    assert asked == [message, "antes del masaje"]


def test_a_crisis_voted_again_without_the_cut_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    _voting(monkeypatch, SafetyVote("x", Route.CRISIS, 0.95))
    message = "me corté las uñas y ya no le veo sentido a nada"
    decision = _router()._multilingual_vote(message.lower(), message, ("es", "es"))
    assert decision is not None and decision.route is Route.CRISIS


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("me corte las unas antes del masaje", None),
        ("Me corté las uñas y el pelo antes de la quimio, ¿puedo ir al masaje?", None),
        ("cortei as unhas e o cabelo antes da quimio, posso fazer massagem?", None),
        ("me corté las uñas y ya no quiero vivir, nadie me necesita", "crisis"),
        ("me corto los brazos cuando no puedo más, ¿el masaje ayuda?", "crisis"),
    ],
)
def test_with_the_full_router(message: str, expected: str | None) -> None:
    outcome = _outcome(_full_router(), message).split(":")[0]
    if expected is None:
        assert outcome not in ("emergency", "crisis"), outcome
    else:
        assert outcome == expected
