"""How a therapist adapts the massage to one person (issue 11, s30): "can the therapist work
around his port?", "will they change the massage because of my scar?". The question asks
how massage is made safe for someone, so it is read as a safety question and led by what
the sources say about adapting (the pages' "how to adapt massage for individual needs"),
not by a list of benefits or a sentence that shares a stray word ("around the world").
Wordings are the team's own; the fast tests read the question, the slow ones go through
the real service over the default corpus (docs/retrieval.md, "s30: how a therapist
adapts")."""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, read_question
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow

ADAPTS = [
    "my dad has a port in his chest, can the massage therapist work around it",
    "can a massage therapist work round a chemo port?",
    "will the therapist change the massage because of my scar?",
    "does the therapist adjust the pressure for people on chemo?",
    "would the massage be any different for someone who just finished chemo?",
    "do oncology massage therapists modify what they do for someone with neuropathy?",
]


@pytest.mark.parametrize("question", ADAPTS)
def test_how_a_therapist_adapts_the_massage_is_a_safety_question(question: str) -> None:
    focus = read_question(question)
    assert focus.intent == Intent.SAFETY, focus
    assert "adapt" in focus.topics, focus.topics


@pytest.mark.parametrize(
    "question",
    [
        # adjusting to life, a change of mood, a changed diagnosis: not the massage changed
        "does massage help people adjust to life after cancer?",
        "can massage help with the changes in my mood since chemo?",
        "my treatment plan changed last month, can massage help my sleep?",
    ],
)
def test_other_changes_are_not_how_a_therapist_adapts(question: str) -> None:
    focus = read_question(question)
    assert focus.intent == Intent.BENEFIT, focus
    assert "adapt" not in focus.topics, focus.topics


@slow
@pytest.mark.parametrize("message", ADAPTS[:5])
def test_how_a_therapist_adapts_is_led_by_adapting(assistant: Assistant, message: str) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    lead = reply.citations[0].quote.lower()
    assert "adapt massage" in lead or "adjustments made by the massage therapist" in lead, lead
    assert "around the world" not in reply.text, reply.text
