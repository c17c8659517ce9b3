"""What a reply says the sources do not cover, beside what it answers (issue 11).

Three classes of a false "My sources don't cover ..." on an answerable question, each in
wordings of our own with near misses that must stay "not covered" (docs/retrieval.md,
"s30-11a"):

- a treatment the sources lack (radiation), told only as the cause in the story of a
  question about something they cover ("Three weeks of radiotherapy left me drained.
  Could massage lift the tiredness?"), is not named as a gap of that question; asked
  about ("nausea during radiation", "safe during radiation?") it still is;
- a question that asks again what the covered question before it asked, in its own words
  of the same kind ("...fractures?? is that a genuine danger or an old wives' tale"), is
  answered by that question, not named as not covered; a question about something else
  ("and can a scalp rub make lashes grow back?") still is;
- a condition the sources warn about (bone metastases), raised in a message nothing
  answers or in a care-team reply, keeps its warning among the general sentences.

The fast tests read the question; the slow ones go through the real service.
"""

from __future__ import annotations

import pytest

from assistant.answering.compose import PartAnswer, asked_gaps, general_safety_applies
from assistant.answering.intent import Intent, conditions_in, read_message, told_treatments
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow

BONE_WARNING = "certain patients with multiple bone metastases may be at risk for fracture"
NOT_RADIATION = "My sources don't cover radiation."


# Fast: reading the question -------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "Three weeks of radiotherapy left me drained. Could massage lift the tiredness?",
        "my husband's radiation ended last month, could a massage ease his sore back?",
    ],
)
def test_a_treatment_told_as_the_cause_is_story(message: str) -> None:
    focuses = read_message(message)
    assert any(f.told == ("radiation",) for f in focuses)
    assert all(asked_gaps(f) == () for f in focuses)


@pytest.mark.parametrize(
    "message",
    [
        "can massage calm the nausea I get during radiation?",
        "does a massage help skin that radiotherapy left tight?",
    ],
)
def test_a_treatment_in_what_is_asked_is_still_a_gap(message: str) -> None:
    focus = read_message(message)[-1]
    assert "radiation" in focus.absent
    assert focus.told == ()
    assert asked_gaps(focus) == ("radiation",)


def test_a_treatment_told_before_a_safety_question_is_still_a_gap() -> None:
    focuses = read_message("My mum is having radiotherapy. Would a massage be safe for her?")
    assert all(asked_gaps(f) == f.absent for f in focuses)
    assert any("radiation" in asked_gaps(f) for f in focuses)
    focuses = read_message("I'm on radiation, is massage safe?")
    assert any("radiation" in asked_gaps(f) for f in focuses)


def test_an_uncovered_therapy_in_the_story_is_still_a_gap() -> None:
    (focus,) = read_message("We tried reflexology after her radiation. Does massage help pain?")
    assert "reflexology" in asked_gaps(focus)
    assert "radiation" not in asked_gaps(focus)


def test_only_treatments_are_told_as_the_cause() -> None:
    # A condition of the body (lymphedema) told in the story matters to the massage: named.
    assert told_treatments("Her arm swelled up after surgery. Does massage help anxiety?") == ()


@pytest.mark.parametrize(
    "message",
    ["her ribs are full of mets", "my dad's mets are in his pelvis now, he loves massages"],
)
def test_bones_named_around_the_metastases_are_raised(message: str) -> None:
    assert "bone_metastases" in conditions_in(message)


@pytest.mark.parametrize(
    "message",
    ["mets in his liver", "his hips hurt, and the scan found metastases in the liver"],
)
def test_metastases_elsewhere_are_not_bone_metastases(message: str) -> None:
    assert "bone_metastases" not in conditions_in(message)


def test_a_raised_warned_condition_brings_the_general_sentences_to_a_not_covered_reply() -> None:
    (focus,) = read_message("the mets are in her spine. is the hotel package worth it?")
    parts = [PartAnswer(focus, covered=False)]
    assert focus.intent != Intent.SAFETY
    assert not general_safety_applies(parts)
    assert general_safety_applies(parts, frozenset({"bone_metastases"}))


# Slow: the reply through the real service ------------------------------------------------


@slow
def test_a_question_with_radiation_in_its_story_is_answered_without_naming_it(
    assistant: Assistant,
) -> None:
    reply = assistant.answer(
        [],
        "I've been worn out ever since my radiotherapy started. Could massage help with the "
        "tiredness?",
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "fatigue" in reply.text.lower()
    assert NOT_RADIATION not in reply.text


@slow
def test_a_question_about_something_during_radiation_still_names_it(
    assistant: Assistant,
) -> None:
    reply = assistant.answer([], "can massage calm the nausea I get during radiation?")
    assert reply.route == Route.ANSWER, reply.text
    assert NOT_RADIATION in reply.text


@slow
def test_a_question_asked_again_in_other_words_is_not_a_gap(assistant: Assistant) -> None:
    reply = assistant.answer(
        [],
        "cancer in the bones + deep massage = fractures?? is that a genuine danger or just "
        "an old wives tale",
    )
    assert reply.route == Route.ANSWER, reply.text
    assert BONE_WARNING in reply.text
    assert "don't cover" not in reply.text


@slow
def test_a_second_question_about_something_else_is_still_a_gap(assistant: Assistant) -> None:
    reply = assistant.answer(
        [], "does massage ease nausea? and can a scalp rub make lashes grow back?"
    )
    assert reply.route == Route.ANSWER, reply.text
    assert "My sources don't cover this part of your question" in reply.text
    assert "lashes" in reply.text


@slow
def test_a_care_team_reply_to_someone_with_mets_in_the_ribs_keeps_the_warning(
    assistant: Assistant,
) -> None:
    reply = assistant.answer(
        [],
        "my partner's mets are in her ribs. her running club got her a sports massage "
        "voucher. ok to book it in?",
    )
    assert reply.route in (Route.CLINICAL, Route.ANSWER, Route.UNKNOWN), reply.text
    assert BONE_WARNING in reply.text
