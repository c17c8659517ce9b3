"""The shape of a reply (issue 11, session 29, s29-11h): how firm a massage should be,
one way or another, is a safety question, and a therapist asking how to train is told the
answer is about training. Each class is written
here in wordings of our own; the fast tests read the question, the slow ones go through
the real service over the default corpus (docs/retrieval.md, "s29-11h")."""

from __future__ import annotations

import pytest

from assistant import content
from assistant.answering.compose import lead_in_id
from assistant.answering.intent import Intent, read_question, weighs_firmness
from assistant.config import Settings
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow


# Fast: reading the question -------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "my wife bruises easily, should it be gentle or is firm okay?",
        "is soft better for someone so thin, or a deeper one?",
    ],
)
def test_how_firm_one_way_or_another_is_a_safety_question(question: str) -> None:
    assert weighs_firmness(question)
    assert read_question(question).intent == Intent.SAFETY


@pytest.mark.parametrize(
    "question",
    ["does it help with low mood or worry?", "would it ease fatigue or bone pain?"],
)
def test_two_symptoms_joined_by_or_are_not_a_question_of_firmness(question: str) -> None:
    assert not weighs_firmness(question)
    assert read_question(question).intent != Intent.SAFETY


@pytest.mark.parametrize(
    "question",
    [
        "I'm an LMT wanting to do this work - what classes would I have to take?",
        "how could I learn to massage people in hospice care?",
    ],
)
def test_a_therapist_asking_how_to_train_is_headed_as_training(
    question: str, default_settings: Settings
) -> None:
    heading = content.render(lead_in_id(read_question(question)), default_settings)
    assert heading == content.render("answer_training", default_settings)
    assert "help" not in heading


def test_a_question_about_someone_elses_therapist_keeps_its_own_heading(
    default_settings: Settings,
) -> None:
    focus = read_question("does my sister's massage therapist need cancer training?")
    assert lead_in_id(focus) != "answer_training"


# Slow: the reply through the real service ------------------------------------------------


def _headings(assistant: Assistant, message: str) -> list[str]:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    return [line for line in reply.text.splitlines() if line.startswith("Here is")]


@slow
def test_how_firm_one_way_or_another_is_not_headed_as_a_benefit(
    assistant: Assistant, default_settings: Settings
) -> None:
    headings = _headings(
        assistant, "For people with cancer, should massage be gentle, or is a firmer one okay?"
    )
    assert headings == [content.render("answer_lead_in", default_settings)]


@slow
def test_a_therapist_asking_how_to_train_has_the_training_heading(
    assistant: Assistant, default_settings: Settings
) -> None:
    headings = _headings(
        assistant,
        "I'm a massage therapist. What education would I need to work with chemo patients?",
    )
    assert headings == [content.render("answer_training", default_settings)]
