"""Ordinary questions that were declined (issue 10, s31-r2r in docs/routing.md).

A scan named by its acronym ("my next PET", "CAT scan results") is not an animal, while
questions about a pet stay out of scope; a follow-up that asks about a benefit in a short
first sentence and then adds context leans on the turn before and stays in scope. Own
wordings, none taken from a suite."""

from __future__ import annotations

import pytest
from test_safety_means import _full_router, _outcome, _patterns_router

from assistant.routing.checks import is_follow_up
from assistant.routing.normalise import normalise
from assistant.routing.router import Router
from assistant.routing.topics import is_about_a_pet
from assistant.schema import Turn

SCANS = [
    "my next PET is in 2 weeks, can a massage help with the nerves before it?",
    "had a PET-CT on monday and I'm wound up, would a massage calm me?",
    "Got my CAT scan results tomorrow, would reflexology help the waiting?",
    "the PET showed nothing new, can I book a massage to celebrate?",
    "waiting on a pet scan is the worst, does massage ease scan anxiety?",
]
PETS = [
    "can I massage my cat? she has a lump",
    "my pet has lymphoma, can I massage him?",
    "MY PET HAS CANCER CAN I MASSAGE HER",
    "is massage safe for my pet rabbit with a tumour?",
    "is reflexology ok for our cat? the vet found a growth on her leg",
]


@pytest.mark.parametrize("message", SCANS)
def test_a_scan_named_by_its_acronym_is_not_a_pet(message: str) -> None:
    assert not is_about_a_pet(normalise(message), message)


@pytest.mark.parametrize("message", PETS)
def test_a_question_about_an_animal_is_still_about_a_pet(message: str) -> None:
    assert is_about_a_pet(normalise(message), message)


@pytest.mark.parametrize("with_models", [False, pytest.param(True, marks=pytest.mark.slow)])
@pytest.mark.parametrize("message", SCANS)
def test_scan_nerves_are_answered(message: str, with_models: bool) -> None:
    router = _full_router() if with_models else _patterns_router()
    assert _outcome(router, message) == "answer"


@pytest.mark.parametrize("with_models", [False, pytest.param(True, marks=pytest.mark.slow)])
@pytest.mark.parametrize("message", PETS)
def test_pet_questions_stay_out_of_scope(message: str, with_models: bool) -> None:
    router = _full_router() if with_models else _patterns_router()
    decision = router.route([], message)
    assert (decision.route.value, decision.detail) == ("out_of_scope", "pet")


FOLLOW_UPS = [
    (
        "is massage good for people with cancer who are anxious?",
        "and could it do the same for his sleep? he is awake most of the night",
    ),
    (
        "does reflexology help with nausea from chemo?",
        "would it do anything for her tiredness too? she naps three times a day now",
    ),
    (
        "can massage ease neuropathy after chemo?",
        "who says so though? I want a proper source",
    ),
    (
        "is massage helpful for cancer pain?",
        "what about the low mood then? she hardly smiles at all since the diagnosis in the spring",
    ),
]


def _route_after(router: Router, earlier: str, message: str) -> str:
    first = router.route([], earlier)
    return router.route([Turn(role="user", text=earlier, route=first.route)], message).route.value


@pytest.mark.parametrize(("earlier", "message"), FOLLOW_UPS)
def test_a_short_question_then_context_is_a_follow_up(earlier: str, message: str) -> None:
    assert is_follow_up(normalise(message))


def test_a_new_question_opening_with_so_is_not_a_follow_up() -> None:
    # a first sentence with no pronoun pointing back starts a question of its own
    message = "so my mum has breast cancer and is on chemo. can she get a massage next week?"
    assert not is_follow_up(normalise(message))


@pytest.mark.parametrize("with_models", [False, pytest.param(True, marks=pytest.mark.slow)])
@pytest.mark.parametrize(("earlier", "message"), FOLLOW_UPS)
def test_a_benefit_follow_up_with_context_is_answered(
    earlier: str, message: str, with_models: bool
) -> None:
    router = _full_router() if with_models else _patterns_router()
    assert _route_after(router, earlier, message) == "answer"
