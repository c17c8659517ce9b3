"""Which sentence leads (issue 11, session 29, s29-11l): a therapist asking how to train,
where to find a therapist, and what massage physically is. Each class is written here in
wordings of our own; the fast tests read the question, the slow ones go through the
real service over the default corpus (docs/retrieval.md, "Session 29")."""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, learns_to_give, read_question, split_questions
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow


# Fast: reading the question -------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "I'm an LMT. how would I get certified in oncology massage?",
        "what courses would we need to take before working with chemo patients?",
        "any school near Denver that teaches this kind of massage?",
        "I'd like to keep studying after my first cancer massage class, what's there?",
    ],
)
def test_a_therapist_asking_how_to_train_may_be_answered_by_content_for_therapists(
    question: str,
) -> None:
    focus = read_question(question)
    assert focus.learns and focus.training


@pytest.mark.parametrize(
    "question",
    [
        "should my mother's therapist be certified for cancer care?",
        "does the person who massages my dad need oncology training?",
        "is massage good for someone still in training for a marathon?",
    ],
)
def test_whether_someone_elses_therapist_is_trained_is_not_learning_to_give(
    question: str,
) -> None:
    assert not learns_to_give(question)


def test_an_adverb_saying_how_is_not_what_a_definition_question_is_about() -> None:
    focus = read_question("basically, what does the therapist physically do in a session?")
    assert focus.intent == Intent.DEFINITION
    assert not any(t.startswith(("physic", "basic")) for t in focus.topics), focus.topics


@pytest.mark.parametrize(
    "message",
    [
        "I live in Ohio, is there a directory of cancer-trained massage therapists?",
        "we just moved to Leeds, where can we find a therapist with oncology training?",
    ],
)
def test_a_clause_that_tells_is_the_story_of_the_question_after_it(message: str) -> None:
    assert split_questions(message) == [message]


@pytest.mark.parametrize(
    "message",
    [
        "I had acupuncture last week, does massage help with anxiety?",
        "we tried reiki, would massage ease his pain?",
    ],
)
def test_a_telling_clause_naming_what_the_sources_lack_stays_apart(message: str) -> None:
    # Merged into the question, the uncovered name made the whole question "not covered".
    assert len(split_questions(message)) == 2


def test_a_clause_that_asks_before_a_second_question_stays_its_own_question() -> None:
    message = "her dad has lymphoma - can massage help his sleep, and how long is a session?"
    assert len(split_questions(message)) == 2


# Slow: the lead through the real service --------------------------------------------------


def _lead(assistant: Assistant, message: str) -> str:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    return reply.citations[0].quote.lower()


@slow
@pytest.mark.parametrize(
    "message",
    [
        "I work as a massage therapist, what training would I need to work with cancer clients?",
        "as a massage therapist, how would I learn to work with people going through chemo?",
    ],
)
def test_a_therapist_asking_how_to_train_is_led_by_the_training_on_offer(
    assistant: Assistant, message: str
) -> None:
    lead = _lead(assistant, message)
    assert any(w in lead for w in ("course", "education")), lead
    assert "is recommended" not in lead and "patient-education" not in lead, lead


@slow
@pytest.mark.parametrize(
    "message",
    [
        "how would I track down a cancer-trained massage therapist near Denver?",
        "is there a registry of massage therapists trained in oncology somewhere?",
    ],
)
def test_where_to_find_a_therapist_is_led_by_where_to_look(
    assistant: Assistant, message: str
) -> None:
    lead = _lead(assistant, message)
    assert "search page" in lead, lead


@slow
def test_whether_the_hospital_has_massage_is_led_by_the_cancer_centres(
    assistant: Assistant,
) -> None:
    # A guard for the rule above: the search page does not take the lead from the sentence
    # about cancer centres when the question asks about a hospital.
    lead = _lead(assistant, "would the cancer center at our hospital have a massage therapist?")
    assert "cancer centers" in lead or "hospitals" in lead, lead


@slow
@pytest.mark.parametrize(
    "message",
    [
        "my wife does yoga every morning, can massage help her sleep?",
        "I had acupuncture last week, does massage help with anxiety?",
    ],
)
def test_a_question_after_a_clause_naming_an_uncovered_therapy_is_still_answered(
    assistant: Assistant, message: str
) -> None:
    _lead(assistant, message)


@slow
def test_what_massage_physically_is_is_led_by_the_definition(assistant: Assistant) -> None:
    lead = _lead(assistant, "so what is massage, physically?")
    assert "manipulation of muscles" in lead, lead
