"""What a message tells around its question, read as such (issue 11, docs/retrieval.md
"s30-r2a"):

- a benefit verb ("ease", "soothe") says how the question asks, like "help": a question
  whose only other words are found is answered though a treatment the sources lack is
  told in the story before it ("...stopped in March. Would massage ease her sore
  back?"); a question about something they lack still is not covered;
- a question opened by a prepositional or time phrase ("throughout chemotherapy is
  massage safe and will it help?") asks: two pieces, each answered; a clause that only
  tells ("after my chemo is done and I feel stronger") still joins the question after it;
- a child named by age ("our 10 year old", "our daughter is 14") raises children, so the
  sentences about children with cancer are weighed; an adult's age does not.
- what the questions ask decides their intent, not the words of the story around them
  ("She always asks 'what is the goal of all these scans'. Would massage help her worry?" asks what
  massage helps, not what something is; "s31-12a");
- cancer said to have gone, spread or travelled into the bones, hips or spine raises bone
  metastases, so a safety question about it is led by that warning ("s31-12a").

The fast tests read the question; the slow ones go through the real service.
"""

from __future__ import annotations

import pytest

from assistant.answering.intent import (
    Intent,
    asked_intent,
    conditions_in,
    read_message,
    split_questions,
)
from assistant.schema import Route, Turn
from assistant.service import Assistant

slow = pytest.mark.slow

NOT_RADIATION = "My sources don't cover radiation."


# Fast: reading the question -------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "pieces"),
    [
        (
            "Throughout chemotherapy is massage safe and will it help?",
            ["Throughout chemotherapy is massage safe", "will it help?"],
        ),
        (
            "Before surgery is a gentle massage fine and would it relax me?",
            ["Before surgery is a gentle massage fine", "would it relax me?"],
        ),
    ],
)
def test_a_question_opened_by_a_time_phrase_is_two_pieces(message: str, pieces: list[str]) -> None:
    assert split_questions(message) == pieces


def test_a_clause_that_only_tells_still_joins_the_question_after_it() -> None:
    message = "After my chemo is done and I feel stronger, can I book one?"
    assert split_questions(message) == [message]


@pytest.mark.parametrize(
    "message",
    [
        "our 10 year old starts chemo next week, would massage help him?",
        "my 6-year-old granddaughter has a brain tumour",
        "Our daughter is 14 and has leukaemia.",
    ],
)
def test_a_child_named_by_age_raises_children(message: str) -> None:
    assert "children" in conditions_in(message)


@pytest.mark.parametrize(
    "message",
    [
        "my daughter is 38 and has ovarian cancer",
        "my husband is 12 weeks out of surgery",
        "I have 2 years old scars on my chest",
    ],
)
def test_an_adult_or_a_thing_of_some_age_is_not_a_child(message: str) -> None:
    assert "children" not in conditions_in(message)


def test_kids_of_the_childs_age_are_children() -> None:
    assert "children" in conditions_in("is there anything that helps kids her age with nausea?")
    assert "children" not in conditions_in("is there an age limit for oncology massage?")


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        (
            "She always asks 'what is the goal of all these scans'. Would massage help her worry?",
            None,
        ),
        ("My aunt calls it a spa thing. Is it safe with her chemo port?", Intent.SAFETY),
        # No story: the question itself.
        ("what is oncology massage?", Intent.DEFINITION),
        # The question asks no kind of question of its own: the story still tells.
        ("I'm worried it is risky. Thoughts?", Intent.SAFETY),
        # A question opened by "and", without a question mark, still asks.
        ("can massage ease tension? and where do I look for a therapist", Intent.FIND_THERAPIST),
    ],
)
def test_the_intent_is_read_on_what_the_questions_ask(message: str, intent: Intent | None) -> None:
    assert asked_intent(message) == intent
    (focus,) = read_message(message)
    assert focus.intent == (intent or Intent.BENEFIT)


def test_a_benefit_asked_after_a_safety_turn_keeps_the_benefit_intent() -> None:
    (focus,) = read_message(
        "ok I'll ask my nurse about that. another thing, does massage help nausea?",
        ["my white count is low, is massage ok?"],
    )
    assert focus.intent == Intent.BENEFIT


@pytest.mark.parametrize(
    "message",
    [
        "her cancer has now travelled into her hip bones",
        "Dad's tumour has moved into his pelvis",
        "the cancer's gone into his ribs",
    ],
)
def test_cancer_gone_into_the_bones_raises_bone_metastases(message: str) -> None:
    assert "bone_metastases" in conditions_in(message)


@pytest.mark.parametrize(
    "message",
    [
        "her cancer has gone into her liver",
        "the cancer spread to his lymph nodes",
        "he went to his bones doctor",
    ],
)
def test_cancer_gone_elsewhere_does_not_raise_bone_metastases(message: str) -> None:
    assert "bone_metastases" not in conditions_in(message)


# Slow: the reply through the real service ------------------------------------------------


@slow
@pytest.mark.parametrize(
    "message",
    [
        "My mother's radiotherapy stopped in March. Would massage ease her sore back?",
        "My radiation wrapped up in August. Could massage soothe my aching back?",
    ],
)
def test_a_question_asking_to_ease_something_is_answered_beside_a_treatment_in_the_story(
    assistant: Assistant, message: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert NOT_RADIATION not in reply.text
    assert "how massage may help" in reply.text


@slow
def test_easing_something_the_sources_lack_is_still_not_covered(assistant: Assistant) -> None:
    reply = assistant.answer([], "Could massage ease the hot flushes tamoxifen gives me?")
    assert "My sources don't cover hot flashes." in reply.text


@slow
@pytest.mark.parametrize(
    ("message", "said"),
    [
        # Safe and helps after a time phrase: both answered.
        (
            "Throughout chemotherapy is massage safe and will it help?",
            ("generally safe", "how massage may help"),
        ),
        # Other children of the child's age: the sentence about children with cancer.
        (
            "He is 11 and sick all the time from chemo. Is massage any use for children his age?",
            ("children with cancer",),
        ),
        # A child named by age: the sentence about children with cancer.
        (
            "Our 10 year old is having chemo for a brain tumour. Would massage do her any good?",
            ("children with cancer",),
        ),
    ],
)
def test_the_reply_answers_what_the_reading_found(
    assistant: Assistant, message: str, said: tuple[str, ...]
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    for words in said:
        assert words in reply.text


@slow
def test_a_safety_follow_up_about_cancer_in_the_bones_is_led_by_its_warning(
    assistant: Assistant,
) -> None:
    reply = assistant.answer(
        [Turn("user", "is massage generally safe for people having cancer treatment?")],
        "and for my dad? the cancer has travelled into his hip bones",
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "bone metastases" in reply.citations[0].quote, reply.text


@slow
def test_a_story_with_a_quoted_question_is_headed_by_what_is_asked(assistant: Assistant) -> None:
    reply = assistant.answer(
        [],
        "She always asks 'what is the goal of all these scans'. Would massage help her worry?",
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "how massage may help" in reply.text


# A question that names its own topic in the sources' words, with a sentence of story after
# it whose words are rare ("eucalyptus", "lavender"): "they" is the therapist, not a pointer
# back at the story, so the story is no part of what the sources must cover (s32-13a).
OWN_TOPIC_THEN_STORY = [
    "can they use scented oils? my daughter adores the smell of eucalyptus",
    "will they use essential oils in his massage? he swears by sandalwood at home",
    "could they put scented oils on? the smell of bergamot calms her",
]
# The same shape about something the sources lack: still not covered.
OWN_TOPIC_THEN_STORY_UNCOVERED = [
    "can they do reflexology on her feet? she adores the smell of eucalyptus",
    "could they use a massage gun on his back? he swears by sandalwood at home",
]


def test_a_question_naming_its_own_topic_is_checked_without_the_story_after_it() -> None:
    from assistant.retrieval import question_text

    for message in OWN_TOPIC_THEN_STORY:
        assert question_text(message) == message.split("? ")[0] + "?"
    # No topic of its own: the question still points back at its story.
    story = "can it help with that? my feet tingle since the taxol"
    assert question_text(story) == story


@slow
@pytest.mark.parametrize("message", OWN_TOPIC_THEN_STORY)
def test_a_question_naming_its_own_topic_is_answered_beside_a_story_after_it(
    assistant: Assistant, message: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert "aromatherapy" in reply.citations[0].quote, reply.text


@slow
@pytest.mark.parametrize("message", OWN_TOPIC_THEN_STORY_UNCOVERED)
def test_a_question_about_what_the_sources_lack_stays_not_covered_beside_a_story(
    assistant: Assistant, message: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.UNKNOWN or "My sources don't cover" in reply.text, reply.text
