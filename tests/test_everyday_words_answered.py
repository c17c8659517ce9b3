"""Questions the sources answer, asked in everyday words, are answered (issue 11,
docs/retrieval.md "s31-12a"); near misses that the sources really do not answer stay
"not covered":

- how often people are hurt by massage asks whether it is safe (the sources' "few adverse
  outcomes"), not how often to book one;
- feeling like giving up is hopelessness;
- idioms for paying ("foot the bill", "chip in") ask what insurance pays;
- asking for a short or brief answer says how to answer, not what about.
"""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, read_message
from assistant.patient_words import expand
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow

NOT_COVERED = "My sources don't cover"


@pytest.mark.parametrize(
    ("message", "term"),
    [
        ("how often does someone end up injured by a massage during chemo?", "adverse"),
        ("how rare are complications from massage for cancer patients?", "adverse"),
        ("my sister feels like giving up lately, would massage help?", "hopelessness"),
        ("he's given up, he barely gets out of bed. can massage help?", "hopelessness"),
        ("will my health plan foot the bill for oncology massage?", "insurance"),
        ("will my plan chip in for a massage?", "insurance"),
    ],
)
def test_everyday_words_are_read_as_the_sources_words(message: str, term: str) -> None:
    reading = expand(message)
    assert any(term in t for t in reading.corpus_terms), reading.corpus_terms
    assert "how long or how often" not in reading.absent


def test_how_often_someone_is_hurt_is_a_safety_question() -> None:
    (focus,) = read_message("how often does someone end up injured by a massage during chemo?")
    assert focus.intent == Intent.SAFETY
    assert not focus.absent


def test_how_often_to_book_stays_a_detail_the_sources_lack() -> None:
    reading = expand("how often should my dad have a massage while he is on chemo?")
    assert "how long or how often" in reading.absent


@slow
@pytest.mark.parametrize(
    ("message", "said"),
    [
        (
            "how often does someone end up injured by a massage during chemo?",
            "generally safe, with few adverse outcomes",
        ),
        ("my sister feels like giving up lately, would massage help?", "hopelessness"),
        (
            "will my health plan foot the bill for oncology massage?",
            "Some insurance plans pay",
        ),
        (
            "Just the brief version please: what can massage do for people with cancer?",
            "Massage may also help",
        ),
    ],
)
def test_the_question_in_everyday_words_is_answered(
    assistant: Assistant, message: str, said: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert said in reply.citations[0].quote, reply.text
    assert NOT_COVERED not in reply.text


@slow
@pytest.mark.parametrize(
    "message",
    [
        # How often to have one: the sources give no schedule.
        "how often should my dad have a massage while he is on chemo?",
        # A short answer about something the sources lack.
        "in brief: does massage help lymphedema?",
        # Paying for something else.
        "will my health plan foot the bill for acupuncture?",
    ],
)
def test_near_misses_stay_not_covered(assistant: Assistant, message: str) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.UNKNOWN or NOT_COVERED in reply.text, reply.text
