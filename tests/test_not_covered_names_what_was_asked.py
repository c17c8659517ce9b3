"""A "not covered" line names what was asked about, not the treatment told as its cause
(s31-r2a, issue 11).

"since his radiotherapy my husband has lymphoedema in his leg. would a massage be safe for
him?" asks about the swelling; radiation is the story. The reply says the sources do not
cover lymphedema, not "lymphedema or radiation". A treatment told alone (nothing else
uncovered named) is still named, and a treatment named inside the question is asked about.

Every wording is the team's own, written for this test.
"""

from __future__ import annotations

import pytest

from assistant import content
from assistant.answering.compose import named, said_gaps
from assistant.answering.intent import read_question
from assistant.config import Settings
from assistant.service import Assistant

TREATMENT_AS_STORY = [
    "since his radiotherapy my husband has lymphoedema in his leg. would massage be safe for him?",
    "I finished radiation in march and now I have lymphedema. can I book a massage?",
    "I had radiation last year and now lymphedema in my arm. does massage help it?",
]
TREATMENT_ALONE = "my dad finished radiation last month. is massage ok for him now?"
TREATMENT_ASKED = "is a massage safe for lymphedema that came from radiation?"


@pytest.mark.parametrize("message", TREATMENT_AS_STORY)
def test_a_treatment_told_as_the_cause_is_not_named_beside_what_is_asked(message: str) -> None:
    question = read_question(message, [])
    assert "radiation" in question.absent
    assert said_gaps(question) == ("lymphedema",)


def test_a_treatment_told_alone_is_still_named() -> None:
    assert said_gaps(read_question(TREATMENT_ALONE, [])) == ("radiation",)


def test_a_treatment_named_in_the_question_is_asked_about() -> None:
    assert set(said_gaps(read_question(TREATMENT_ASKED, []))) == {"lymphedema", "radiation"}


def _not_covered_line(settings: Settings, topic: str) -> str:
    return content.render("condition_not_covered", settings, topic=topic)


@pytest.mark.slow
@pytest.mark.parametrize("message", TREATMENT_AS_STORY)
def test_the_reply_names_only_the_condition_asked_about(
    assistant: Assistant, default_settings: Settings, message: str
) -> None:
    reply = assistant.answer([], message)
    assert _not_covered_line(default_settings, "lymphedema") in reply.text
    for names in (("radiation",), ("lymphedema", "radiation"), ("radiation", "lymphedema")):
        assert _not_covered_line(default_settings, named(names)) not in reply.text


@pytest.mark.slow
def test_the_reply_to_a_treatment_told_alone_names_it(
    assistant: Assistant, default_settings: Settings
) -> None:
    reply = assistant.answer([], TREATMENT_ALONE)
    assert _not_covered_line(default_settings, "radiation") in reply.text


# A rash or hives on the skin: the pages never name the skin or a rash, so whether massage
# is safe with one is said plainly as not covered, with the general safety sentences, never
# answered with an unrelated benefit sentence (s32-13a).
SKIN_RASH = [
    "I've come out in a rash on my back from the new drug, is massage still ok?",
    "can the therapist work on my legs? I have hives on them since starting treatment",
    "is it all right to get a massage on immunotherapy? I broke out in spots last week",
]


@pytest.mark.parametrize("message", SKIN_RASH)
def test_a_skin_rash_is_a_condition_the_sources_do_not_cover(message: str) -> None:
    assert "skin rashes" in read_question(message, []).absent


@pytest.mark.slow
@pytest.mark.parametrize("message", SKIN_RASH)
def test_the_reply_says_a_skin_rash_is_not_covered(
    assistant: Assistant, default_settings: Settings, message: str
) -> None:
    reply = assistant.answer([], message)
    assert _not_covered_line(default_settings, "skin rashes") in reply.text, reply.text
    assert not any("may help" in c.quote or "guidelines cite" in c.quote for c in reply.citations)
