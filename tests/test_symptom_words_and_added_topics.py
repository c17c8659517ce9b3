"""A covered part kept beside an uncovered one (issue 11, docs/retrieval.md "s36-11b"): a
symptom named in the sources' own word ("my anxiety") beside one they do not cover, a topic
added after a question ("and my fatigue too"), a second question after a word of estimate
("..., and roughly how much is it?"), and doubt said as an idiom ("or is that a stretch?").
Wordings written for this change, none from a suite."""

from __future__ import annotations

import pytest

from assistant.answering.intent import split_questions
from assistant.patient_words import expand
from assistant.retrieval import is_question
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow


@pytest.mark.parametrize(
    "message",
    [
        "could massage help my brain fog and my stress?",
        "hot flashes and nausea are the worst, would a massage do anything",
        "is massage any use for chemo fog, or for fatigue?",
        "my dad has mouth sores and anxiety, can massage help him",
    ],
)
def test_a_symptom_in_the_sources_own_word_is_kept_beside_an_uncovered_one(
    message: str,
) -> None:
    assert expand(message).symptoms_apart


@pytest.mark.parametrize(
    "message",
    [
        # "pain" in a medicine's name is not the symptom asked about
        "can belly massage help the constipation from my pain pills",
        "could massage ease constipation from pain meds?",
        # one uncovered symptom alone stays the whole question
        "does massage help chemo brain?",
    ],
)
def test_an_uncovered_symptom_alone_is_not_set_apart(message: str) -> None:
    assert not expand(message).symptoms_apart


@pytest.mark.parametrize(
    "sentence",
    [
        "and my fatigue too, I'm wiped out",
        "also her nausea as well",
        "and for my sleep too",
        "plus the stress too",
    ],
)
def test_a_topic_added_after_a_question_asks_it_again(sentence: str) -> None:
    assert is_question(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "and my husband is worried too.",
        "and my sister had it too",
        "my fatigue is bad too",
        "and then we went home",
    ],
)
def test_a_sentence_that_tells_is_not_a_question(sentence: str) -> None:
    assert not is_question(sentence)


@pytest.mark.parametrize(
    "message",
    [
        "does insurance pay for it, and roughly how much does a session cost?",
        "can it help nausea, and approximately how long is a session?",
        "is it covered by my plan, and about how much would I pay?",
    ],
)
def test_a_second_question_after_a_word_of_estimate_is_its_own(message: str) -> None:
    assert len(split_questions(message)) == 2


@pytest.mark.parametrize(
    "message",
    [
        "does it help nausea and fatigue?",
        "is it roughly the same as a spa massage?",
    ],
)
def test_one_question_stays_one(message: str) -> None:
    assert len(split_questions(message)) == 1


@pytest.mark.parametrize(
    "message",
    [
        "would massage help the nausea or is that a stretch?",
        "is massage for stress a long shot?",
        "massage for anxiety, is it far fetched?",
    ],
)
def test_doubt_said_as_an_idiom_is_a_question_of_evidence(message: str) -> None:
    assert "evidence weak conclusions" in expand(message).corpus_terms


def test_stretching_itself_is_not_doubt() -> None:
    assert (
        "evidence weak conclusions" not in expand("is stretching part of a massage?").corpus_terms
    )


@slow
@pytest.mark.parametrize(
    ("message", "found", "gap"),
    [
        ("can massage ease my chemo fog and my stress? both are rough", "stress", "chemo brain"),
        (
            "would massage help with my lymphoedema? and my tiredness too, I'm drained",
            "fatigue",
            "lymphedema",
        ),
        (
            "does insurance pay for massage, and roughly what does a session cost?",
            "insurance",
            "roughly what does a session cost",
        ),
    ],
)
def test_the_covered_part_is_answered_and_the_gap_named(
    assistant: Assistant, message: str, found: str, gap: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert any(found in s.text.lower() for s in reply.sentences), reply.text
    assert gap in reply.text, reply.text


@slow
def test_any_point_booking_one_or_is_that_a_stretch_is_answered(assistant: Assistant) -> None:
    reply = assistant.answer(
        [],
        "Wiped out after chemo. Any point booking a massage for the nausea, or is that a stretch?",
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "nausea" in reply.text.lower().split("\n\n", 1)[1]


@slow
def test_an_uncovered_symptom_alone_is_still_not_covered(assistant: Assistant) -> None:
    reply = assistant.answer([], "can massage help my chemo brain? it is bad")
    assert reply.route == Route.UNKNOWN, reply.text
