"""Questions the sources answer, asked in everyday words, are answered (issue 11,
docs/retrieval.md "s31-12a"); near misses that the sources really do not answer stay
"not covered":

- how often people are hurt by massage asks whether it is safe (the sources' "few adverse
  outcomes"), not how often to book one;
- feeling like giving up is hopelessness;
- idioms for paying ("foot the bill", "chip in") ask what insurance pays;
- asking for a short or brief answer says how to answer, not what about;
- being "a wreck" or "a total wreck" is anxiety;
- what to expect from a therapist, or what kind of person they should be, asks how to
  choose one; whether anybody has worked out or figured out something asks what other
  people found.
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
        ("my biopsy is on monday and i'm a total wreck", "anxiety"),
        ("She's been a wreck since the scan, could massage help?", "anxiety"),
    ],
)
def test_everyday_words_are_read_as_the_sources_words(message: str, term: str) -> None:
    reading = expand(message)
    assert any(term in t for t in reading.corpus_terms), reading.corpus_terms
    assert "how long or how often" not in reading.absent


def test_a_wreck_of_a_thing_is_not_anxiety() -> None:
    assert "anxiety" not in expand("the spare room is a wreck after the move").corpus_terms


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("what can we expect from an oncology massage therapist?", Intent.CHOOSING_THERAPIST),
        ("What kind of person should the therapist be?", Intent.CHOOSING_THERAPIST),
        (
            "has anybody worked out whether massage before chemo makes the day easier?",
            Intent.EXPERIENCE,
        ),
        ("did anyone figure out the best time to book one?", Intent.EXPERIENCE),
        # Whether it is fine or all right to have one asks whether it is safe (s32-13a).
        ("would it be fine to book a massage the week after my chemo?", Intent.SAFETY),
        ("is it all right to have a massage when you're having treatment?", Intent.SAFETY),
        ("my dad wonders if its fine to get a masage during his immunotherapy", Intent.SAFETY),
        # Whether it matters who gives it asks what makes a therapist right (s32-13a).
        (
            "does it really matter which therapist i see, or will any masseuse do?",
            Intent.CHOOSING_THERAPIST,
        ),
        (
            "can just anybody give my wife a massage while she's on chemo?",
            Intent.CHOOSING_THERAPIST,
        ),
        (
            "would it matter what kind of place I go to for a massage during radiation?",
            Intent.CHOOSING_THERAPIST,
        ),
    ],
)
def test_what_the_question_asks_is_read_in_everyday_words(message: str, intent: Intent) -> None:
    (focus,) = read_message(message)
    assert focus.intent == intent


@pytest.mark.parametrize(
    "message",
    ["what should I expect from my first massage?", "what kind of person gets cancer?"],
)
def test_expecting_a_massage_or_a_kind_of_person_is_not_choosing_a_therapist(
    message: str,
) -> None:
    (focus,) = read_message(message)
    assert focus.intent != Intent.CHOOSING_THERAPIST


def test_how_often_someone_is_hurt_is_a_safety_question() -> None:
    (focus,) = read_message("how often does someone end up injured by a massage during chemo?")
    assert focus.intent == Intent.SAFETY
    assert not focus.absent


def test_complications_of_something_else_are_not_a_safety_question() -> None:
    (focus,) = read_message("does massage help with stiffness, a complication of my surgery?")
    assert focus.intent != Intent.SAFETY


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
        (
            "what can we expect from an oncology massage therapist?",
            "well-prepared and practiced",
        ),
        (
            "is it all right to have a massage when you're having treatment?",
            "generally safe, with few adverse outcomes",
        ),
        (
            "does it really matter which therapist i see, or will any masseuse do?",
            "oncology-trained massage therapist is recommended",
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
def test_a_wreck_before_a_procedure_is_answered(assistant: Assistant) -> None:
    reply = assistant.answer(
        [], "My biopsy is on Monday and I'm a total wreck. Could a massage before it help?"
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "anxiety" in reply.citations[0].quote, reply.text


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
        # Fine to have something the sources lack.
        "is it fine to get a hot stone massage during chemo?",
        "is it all right to have acupuncture while I'm on chemo?",
    ],
)
def test_near_misses_stay_not_covered(assistant: Assistant, message: str) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.UNKNOWN or NOT_COVERED in reply.text, reply.text
