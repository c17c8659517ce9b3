"""Massage in the last days of life (issue 11, docs/retrieval.md "s35-11"): the sources
speak of people living with cancer, in treatment and after, never of massage at the very
end, so such a question is not covered, said by name with the general safety sentences;
hospice alone is not the last days ("in hospice and in a lot of pain" asks about pain).
Wordings written for this change, none from a suite."""

from __future__ import annotations

import pytest

from assistant.patient_words import expand
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow

LAST_DAYS = "the last days of life"


@pytest.mark.parametrize(
    "message",
    [
        "my grandad is actively dying, would a hand massage comfort him?",
        "the nurses say she has hours to live. can I still rub her feet?",
        "he is in the last days of his life, can I massage his hands?",
        "is gentle massage ok at the very end? the doctors think only days left",
    ],
)
def test_the_last_days_are_named_as_not_covered(message: str) -> None:
    assert LAST_DAYS in expand(message).absent


@pytest.mark.parametrize(
    "message",
    [
        "my uncle is in hospice and his back aches. would massage ease the pain?",
        "I'm in my last days of chemo, can I get a massage after?",
        "only 3 days left of radiotherapy, when can I book a massage?",
        "do hospices offer oncology massage for people in their last weeks?",
    ],
)
def test_hospice_or_the_last_days_of_a_treatment_are_not(message: str) -> None:
    assert LAST_DAYS not in expand(message).absent


@slow
@pytest.mark.parametrize(
    ("message", "route"),
    [
        ("is a gentle massage ok for someone who is actively dying?", Route.UNKNOWN),
        # Told in the story before a question of its own: the question is answered and
        # the last days are named as not covered (``told_before_question``).
        (
            "my grandad is actively dying and can't speak now. would a gentle massage be ok?",
            Route.ANSWER,
        ),
    ],
)
def test_the_reply_names_the_last_days_with_the_general_sentences(
    assistant: Assistant, message: str, route: Route
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == route, reply.text
    assert "My sources don't cover the last days of life." in reply.text
    assert any("generally safe" in c.quote for c in reply.citations), reply.text


@slow
def test_hospice_and_pain_is_still_answered(assistant: Assistant) -> None:
    reply = assistant.answer(
        [], "my uncle is in hospice and his back aches. would massage ease the pain?"
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "last days" not in reply.text
