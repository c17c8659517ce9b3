"""A sign told as a first time, compared with now: "never had chest pain like this", "never
been this short of breath", "never had a headache this bad" (issue 10). "Never" there does
not deny the sign; it says the sign is here now and new. A plain "never had X" (history)
stays a denial. Own wordings, none copied from a suite or a training file.

Every red flag keeps its route wrapped in each benign context of ``KEEP`` (metamorphic).
"""

from __future__ import annotations

import pytest
from test_safety_means import _full_router, _patterns_router, _wrong
from test_safety_told_and_framed import KEEP

from assistant.routing.checks import find_red_flag
from assistant.routing.normalise import normalise

FIRST_TIME = [
    "My dad has never had chest pain like this before.",
    "She's never been this short of breath, even walking to the kitchen.",
    "I have never had a headache this bad, it came on an hour ago.",
    "My husband says he's never felt pain in his lower back like this.",
    "Never been in pain this intense, it started in my spine last night.",
    "Mum has never had a headache as bad as this one.",
]
HISTORY = [
    "I have never had chest pain.",
    "He has never been short of breath, even on the stairs.",
    "She never had headaches before chemo but now she gets mild ones now and then.",
    "I never had much pain after a massage.",
    "My mother never had a blood clot.",
]


@pytest.mark.parametrize("message", FIRST_TIME)
def test_a_first_time_sign_keeps_the_emergency_route_however_wrapped(message: str) -> None:
    assert find_red_flag(normalise(message)) is not None
    wrong = _wrong(_patterns_router(), message, KEEP, "emergency")
    assert not wrong, wrong


@pytest.mark.parametrize("message", HISTORY)
def test_never_having_had_a_sign_is_still_a_denial(message: str) -> None:
    assert find_red_flag(normalise(message)) is None
    wrong = _wrong(_patterns_router(), message, KEEP, None)
    assert not wrong, wrong


@pytest.mark.slow
@pytest.mark.parametrize("message", FIRST_TIME)
def test_a_first_time_sign_keeps_the_emergency_route_with_the_vote(message: str) -> None:
    assert not _wrong(_full_router(), message, [], "emergency")
