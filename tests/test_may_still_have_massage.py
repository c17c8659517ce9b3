"""Whether someone may still have massage, and bone metastases told with how many bones
(issue 11, docs/retrieval.md "s36-11").

"My dad has lymphoma, can he still have massages?" asks whether massage is safe for him, in
other words than "safe": read as a benefit question it was answered "how massage may help"
with whichever finding shared a word ("Breast symptoms: ..." for "can people with cancer
still have massages?"). A question naming what it would help ("...for her nausea?", "to
ease his pain?") stays a question of benefit. "The cancer travelled to a bunch of different
bones" raises bone metastases as "spread to his bones" does. Wordings written for this
change, none from a suite."""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, asks_may_have, read_question
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow

MAY_HAVE = [
    "my dad has lymphoma, can he still have massages?",
    "can people with cancer still have massages?",
    "is someone on chemo still allowed a massage?",
    "are cancer patients still allowed massages during chemo?",
    "can I keep getting my massages during treatment?",
    "my husband has cancer now, can he carry on with his massages?",
    "can mum still go for her massage now she has cancer?",
    "should my mother keep up her weekly massage now she is on chemo?",
    "can u still get massages on chemo",
    "my grandpa has leukemia, can he still go for massages?",
]


@pytest.mark.parametrize("question", MAY_HAVE)
def test_whether_someone_may_still_have_massage_asks_if_safe(question: str) -> None:
    focus = read_question(question)
    assert focus.intent == Intent.SAFETY
    assert focus.general_safety


@pytest.mark.parametrize(
    "question",
    [
        # What it would help, not whether it is allowed.
        "will massage still help him now?",
        "can he still have a massage for his pain?",
        "can she still have a massage for her nausea?",
        "can a massage still help with pain?",
        "can I get a massage to ease my anxiety?",
        "does massage keep helping after treatment ends?",
        # Massage named as a person, a place or a course, not had.
        "can I keep my massage therapist if I move?",
        "where can I still learn oncology massage this year?",
        "can the therapist still do the massage lying down?",
    ],
)
def test_a_benefit_or_other_question_with_still_is_not_read_as_safety(question: str) -> None:
    assert not asks_may_have(question)
    assert read_question(question).intent != Intent.SAFETY


@pytest.mark.parametrize(
    "question",
    [
        "when the cancer has travelled to a bunch of different bones, is firm pressure ok?",
        "my dads cancer has moved to a few different bones now. is deep massage ok?",
        "the tumour has spread into lots of his bones",
        "her disease went to a couple of her ribs",
    ],
)
def test_metastases_told_with_how_many_bones_are_raised(question: str) -> None:
    assert "bone_metastases" in read_question(question).raised


@pytest.mark.parametrize(
    "question",
    [
        "chemo makes a bunch of my bones ache, can massage help?",
        "the cancer moved to a few of her organs and her joints are sore from chemo",
        "cancer spread to a lot of her lymph nodes, is massage ok?",
    ],
)
def test_bones_that_ache_or_other_organs_raise_no_metastases(question: str) -> None:
    assert "bone_metastases" not in read_question(question).raised


@slow
@pytest.mark.parametrize(
    "question",
    [
        "can people with cancer still have massages?",
        "are cancer patients still allowed massages during chemo?",
        "is someone on chemo still allowed a massage?",
    ],
)
def test_may_still_have_massage_is_led_by_the_safety_statement(
    assistant: Assistant, question: str
) -> None:
    """On the code before, a finding ("Breast symptoms: ...", "Fatigue: ...") or the
    recommendation of a trained therapist led these, under the benefit heading."""
    reply = assistant.answer([], question)
    assert reply.route == Route.ANSWER, reply.text
    assert "generally safe" in reply.citations[0].quote, reply.text


@slow
def test_metastases_in_many_bones_are_warned_about(assistant: Assistant) -> None:
    reply = assistant.answer(
        [], "once cancer has travelled to a bunch of different bones, is firm pressure risky?"
    )
    assert any("bone metastases" in c.quote for c in reply.citations), reply.text
