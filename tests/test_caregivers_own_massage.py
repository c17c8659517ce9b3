"""The caregiver's own massage (issue 11, docs/retrieval.md "s35-11"): every finding and
guideline in the sources is about people with cancer, so "is massage good for carers
too?" is not covered, and said so by name; a caregiver asking for the person they care
for, or about what the Society offers caregivers, is answered as before. Wordings written
for this change, none from a suite."""

from __future__ import annotations

import pytest

from assistant.patient_words import expand
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow

CAREGIVERS = "massage for caregivers themselves"


@pytest.mark.parametrize(
    "message",
    [
        "looking after my dad has wrecked my back, would a massage help carers like me?",
        "is massage good for the caregiver as well? I'm exhausted from looking after my wife",
        "my sister has caregiver burnout from nursing our mum. would massage do her good?",
        "are massages recommended for family caregivers?",
    ],
)
def test_the_caregivers_own_massage_is_named_as_not_covered(message: str) -> None:
    assert CAREGIVERS in expand(message).absent


@pytest.mark.parametrize(
    "message",
    [
        "I'm the caregiver. Does massage help my husband's anxiety?",
        "what does the oncology massage society offer patients and caregivers?",
        "does the society have anything for caregivers?",
        "can caregivers learn to massage the person they look after?",
    ],
)
def test_a_caregiver_asking_for_someone_else_is_not(message: str) -> None:
    assert CAREGIVERS not in expand(message).absent


@slow
@pytest.mark.parametrize(
    "message",
    [
        "is massage good for the caregiver as well? I'm exhausted from looking after my wife",
        "I do all the caring for my mum and I'm burnt out. Is massage beneficial for carers too?",
    ],
)
def test_the_reply_says_the_caregivers_massage_is_not_covered(
    assistant: Assistant, message: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.UNKNOWN, reply.text
    assert "My sources don't cover massage for caregivers themselves." in reply.text
    # Not a finding about patients' fatigue read as if it were the caregiver's.
    assert not any("atigue" in c.quote for c in reply.citations), reply.text


@slow
def test_a_caregiver_asking_for_the_patient_is_answered(assistant: Assistant) -> None:
    reply = assistant.answer([], "I'm the caregiver. Does massage help my husband's anxiety?")
    assert reply.route == Route.ANSWER, reply.text
    assert "caregivers themselves" not in reply.text
