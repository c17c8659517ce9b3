"""What oncology massage is, asked as a specialty or as what a therapist does differently
(issue 11, docs/retrieval.md "s31-12a"):

- whether oncology massage is a specialty, a field or a discipline of its own asks what it
  is: "specialty", "speciality", "a field of its own" are the sources' "specialization"
  (`patient_words.yaml`), and the one sentence saying it is an area of specialization may
  answer, though the page says it to therapists (nothing else written for them follows);
- what an oncology massage therapist does differently from someone's usual therapist, or
  from the usual place, asks what sets oncology massage apart, led by "not a technique,
  a comprehensive approach", not by a list of benefits.

Near misses: a specialist who is not a massage therapist, a kind of massage the sources do
not cover asked as a specialty, feeling different after a massage.
"""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, asks_specialty, read_message, sets_apart
from assistant.schema import Route, Turn
from assistant.service import Assistant

slow = pytest.mark.slow


@pytest.mark.parametrize(
    "message",
    [
        "is oncology massage a recognised speciality in its own right?",
        "Is oncology massage considered a discipline of its own?",
        "is cancer massage actually its own field?",
    ],
)
def test_a_specialty_question_asks_what_it_is(message: str) -> None:
    assert asks_specialty(message)
    (focus,) = read_message(message)
    assert focus.specialty and focus.intent == Intent.DEFINITION


@pytest.mark.parametrize(
    "message",
    [
        "Is my oncologist a specialist in breast cancer?",
        "what field of medicine does my oncologist work in?",
        "does massage help in the field of pain relief?",
    ],
)
def test_a_specialist_or_a_field_of_something_else_is_not_asked_as_a_specialty(
    message: str,
) -> None:
    assert not asks_specialty(message)


@pytest.mark.parametrize(
    "message",
    [
        "what does an oncology massage therapist do differently from the massage place at the gym?",
        "would a cancer massage therapist work any differently from my everyday masseuse?",
    ],
)
def test_what_a_therapist_does_differently_sets_oncology_massage_apart(message: str) -> None:
    assert sets_apart(message)
    (focus,) = read_message(message)
    assert focus.intent == Intent.DEFINITION


@pytest.mark.parametrize(
    "message",
    [
        "do I feel differently after a massage?",
        "Can my usual therapist do oncology massage?",
        "Does regular massage help fatigue?",
    ],
)
def test_feeling_different_or_a_usual_therapist_alone_does_not_set_it_apart(
    message: str,
) -> None:
    assert not sets_apart(message)


@slow
@pytest.mark.parametrize(
    "message",
    [
        "is oncology massage a recognised speciality in its own right?",
        "My cousin is an LMT. Is cancer massage actually its own field?",
    ],
)
def test_a_specialty_question_is_answered_by_the_specialization_sentence(
    assistant: Assistant, message: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert "area of specialization" in reply.citations[0].quote
    # Nothing else written for therapists follows (courses, the grant).
    assert not any("course" in c.quote.lower() for c in reply.citations), reply.text


@slow
def test_what_a_therapist_does_differently_is_led_by_what_it_is_beyond_a_technique(
    assistant: Assistant,
) -> None:
    reply = assistant.answer(
        [],
        "what does an oncology massage therapist do differently from the massage place at the gym?",
    )
    assert reply.route == Route.ANSWER, reply.text
    lead = reply.citations[0].quote.lower()
    assert "not a technique" in lead or "comprehensive approach" in lead, reply.text


@slow
def test_a_kind_of_massage_the_sources_lack_asked_as_a_specialty_is_not_covered(
    assistant: Assistant,
) -> None:
    reply = assistant.answer([], "Is reflexology a proper specialty for people with cancer?")
    assert "My sources don't cover reflexology" in reply.text, reply.text
    assert "area of specialization" not in reply.text


# s31-r2a: a course named only as where a technique would be learnt.
TECHNIQUE_ON_A_COURSE = [
    "is it a special technique they learn on a course?",
    "so is it a particular method therapists pick up in a weekend class?",
    "is oncology massage a separate technique you get from a training?",
]
PROGRAMS_OR_TRAINING = [
    "is it a special technique the Society teaches in its courses?",
    "do therapists need a special course to do it?",
    "is it a special technique I would pick up once I get certified?",
]


@pytest.mark.parametrize("message", TECHNIQUE_ON_A_COURSE)
def test_whether_it_is_a_technique_learnt_on_a_course_asks_what_it_is(message: str) -> None:
    focus = read_message(message, ["what is oncology massage?"])[0]
    assert focus.intent == Intent.DEFINITION


@pytest.mark.parametrize("message", PROGRAMS_OR_TRAINING)
def test_the_society_or_how_to_train_still_asks_about_training(message: str) -> None:
    focus = read_message(message, ["what is oncology massage?"])[0]
    assert focus.intent != Intent.DEFINITION


@slow
def test_a_technique_learnt_on_a_course_is_led_by_what_it_is_beyond_a_technique(
    assistant: Assistant,
) -> None:
    first = "what is oncology massage?"
    before = assistant.answer([], first)
    conversation = [Turn("user", first), Turn("assistant", before.text, before.route)]
    reply = assistant.answer(conversation, TECHNIQUE_ON_A_COURSE[0])
    assert reply.route == Route.ANSWER, reply.text
    lead = reply.citations[0].quote.lower()
    assert "not a technique" in lead or "comprehensive approach" in lead, reply.text
