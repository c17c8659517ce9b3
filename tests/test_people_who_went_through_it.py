"""What people who went through it say, asked with a clause between (issue 11,
docs/retrieval.md "s35-11"): "do people who have had chemo say massage helped?" asks
for their experience like "do people say...". Wordings written for this change."""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, intent_of


@pytest.mark.parametrize(
    "message",
    [
        "Do people who have been through radiation say massage made a difference?",
        "did patients who’d had surgery say the massage helped?",
        "do survivors that went through chemo report that massage was worth it",
    ],
)
def test_people_who_went_through_it_asked_what_they_say(message: str) -> None:
    assert intent_of(message) == Intent.EXPERIENCE


@pytest.mark.parametrize(
    "message",
    [
        # Near misses: what people who believe it say is asked for proof, not stories.
        "do people who say massage helps have any proof?",
        "Do people who have neuropathy get relief from massage?",
    ],
)
def test_people_who_say_it_helps_is_not_asking_their_stories(message: str) -> None:
    assert intent_of(message) != Intent.EXPERIENCE
