"""A follow-up asking about a symptom after a safety question (issue 11, docs/retrieval.md
"s35-11"): "is it all right to have a massage after my surgery?" ... "and the insomnia?
I'm up every night" asks what massage does for the insomnia, not whether it is safe; a
follow-up naming someone's condition, a group, a device or something the sources do not
cover still asks about safety. Wordings written for this change, none from a suite."""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, read_question
from assistant.schema import Route, Turn
from assistant.service import Assistant

slow = pytest.mark.slow

SAFETY_FIRST = "is it alright to book a massage a month after my hysterectomy?"


@pytest.mark.parametrize(
    "follow_up",
    [
        "and the insomnia? I'm up every night",
        "ok good. what about the nausea, it hits me every afternoon",
        "thanks! how about feeling so wiped out? I nap three times a day",
    ],
)
def test_a_symptom_after_a_safety_question_asks_what_massage_does(follow_up: str) -> None:
    assert read_question(follow_up, [SAFETY_FIRST]).intent == Intent.BENEFIT


@pytest.mark.parametrize(
    "follow_up",
    [
        # Someone having the symptom, for the safety question before.
        "what if she has neuropathy?",
        "what about with nausea, is it still ok?",
        # A condition a warning is about, a group, something the sources do not cover.
        "and what about when it has spread to her spine?",
        "and for teenagers with cancer?",
        "what about cupping?",
    ],
)
def test_a_condition_after_a_safety_question_still_asks_if_safe(follow_up: str) -> None:
    assert read_question(follow_up, [SAFETY_FIRST]).intent == Intent.SAFETY


@slow
@pytest.mark.parametrize(
    ("first", "follow_up", "finding"),
    [
        (
            SAFETY_FIRST,
            "ok thank you. what about my nausea? it comes every afternoon",
            "Nausea",
        ),
        (
            "is it ok to get a massage after my port was put in?",
            "ok, thanks. what about the tiredness? I'm worn out by lunchtime",
            "Fatigue",
        ),
    ],
)
def test_the_symptom_follow_up_is_led_by_its_finding(
    assistant: Assistant, first: str, follow_up: str, finding: str
) -> None:
    """On main's code the general safety sentence led both (the "ok" of the follow-up read
    as asking whether it is safe, the intent carried from the turn before)."""
    before = assistant.answer([], first)
    conversation = [Turn("user", first), Turn("assistant", before.text, before.route)]
    reply = assistant.answer(conversation, follow_up)
    assert reply.route == Route.ANSWER, reply.text
    assert reply.citations[0].quote.startswith(finding), reply.text
