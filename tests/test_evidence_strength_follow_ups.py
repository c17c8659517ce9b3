"""A follow-up asking how strong the evidence is for the answer before is answered, not
"not covered" (s31-r2a, issue 11).

"is that backed by real research or just anecdotes?" after a question about fatigue asks
about the evidence for fatigue: its words of strength ("backed", "real", "anecdotes") say
how it asks, not what about, so the search leans on the turn before and the coverage
check reads the evidence for that turn's topic. A question that names a topic of its own
("is it proven that massage helps with nausea?"), or says nothing of evidence ("is that
expensive?"), is read as before.

Every wording is the team's own, written for this test.
"""

from __future__ import annotations

import pytest

from assistant import content
from assistant.config import Settings
from assistant.retrieval import asks_strength_of_earlier
from assistant.schema import Route, Turn
from assistant.service import Assistant

STRENGTH_OF_THAT = [
    "is that backed by real research or just anecdotes?",
    "so was that a solid finding or kind of weak?",
    "is this proven, or only a couple of trials?",
    "how convincing is that data?",
    "is that backed by proper science or just what people say?",
]
NOT_STRENGTH = [
    "is it proven that massage helps with nausea and vomiting?",
    "is that expensive?",
    "is there research on reflexology?",
    "so what do they do in a session?",
]


@pytest.mark.parametrize("message", STRENGTH_OF_THAT)
def test_a_question_on_the_strength_of_what_came_before_leans_on_it(message: str) -> None:
    assert asks_strength_of_earlier(message)


@pytest.mark.parametrize("message", NOT_STRENGTH)
def test_a_question_with_its_own_topic_or_no_evidence_word_is_not_one(message: str) -> None:
    assert not asks_strength_of_earlier(message)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("can massage help with tiredness from chemo?", STRENGTH_OF_THAT[0]),
        ("does massage help with low mood?", STRENGTH_OF_THAT[2]),
        ("is massage good for neuropathy?", STRENGTH_OF_THAT[3]),
        ("can massage help me sleep better?", STRENGTH_OF_THAT[4]),
    ],
)
def test_an_evidence_follow_up_is_answered_with_citations(
    assistant: Assistant, default_settings: Settings, first: str, follow_up: str
) -> None:
    before = assistant.answer([], first)
    conversation = [Turn("user", first), Turn("assistant", before.text, before.route)]
    reply = assistant.answer(conversation, follow_up)
    assert reply.route == Route.ANSWER
    assert reply.citations and all(f"[{c.marker}]" in reply.text for c in reply.citations)
    assert content.render("unknown", default_settings) not in reply.text
