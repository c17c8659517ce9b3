"""Two pieces of one question (issue 11): a choice or a pair asked at once is answered as
both pieces, each with its own sentences (docs/retrieval.md, "s30-11a").

- "is it safe and does it help?": whether massage helps, asked right after whether it is
  safe, is its own question (the benefit is not lost inside the safety answer);
- "should it be light or is deep pressure fine?": both sides of how firm are questions of
  safety, answered under one heading with the sentences for each (the range of pressure,
  and the warning about deep pressure), not two headings for one question.

Wordings are our own; near misses keep one question.
"""

from __future__ import annotations

import pytest

from assistant import content
from assistant.answering.intent import Intent, read_message
from assistant.config import Settings
from assistant.patient_words import expand
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow


# Fast: reading the question -------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "is massage safe during chemo and does it help?",
        "would massage be risky for my dad, and would it actually help him?",
    ],
)
def test_safe_and_does_it_help_are_two_questions(message: str) -> None:
    intents = [f.intent for f in read_message(message)]
    assert intents == [Intent.SAFETY, Intent.BENEFIT]


@pytest.mark.parametrize(
    ("message", "intents"),
    [
        # a sentence opened by "and" that asks whether it is safe, after a benefit question
        (
            "would massage help my mum sleep? and is it ok with the cancer in her hip",
            [Intent.BENEFIT, Intent.SAFETY],
        ),
        ("can it ease his pain? also is it safe on chemo", [Intent.BENEFIT, Intent.SAFETY]),
        # what it helps, asked after a safety question in a sentence of its own
        (
            "is massage risky on chemo? and does it help the tiredness",
            [Intent.SAFETY, Intent.BENEFIT],
        ),
        # a label before a colon tells what follows; the questions after it are two
        (
            "two things for my sister: does massage help with nausea, and is it safe "
            "during radiation?",
            [Intent.BENEFIT, Intent.SAFETY],
        ),
    ],
)
def test_a_question_joined_by_and_or_after_a_colon_is_its_own(
    message: str, intents: list[Intent]
) -> None:
    assert [f.intent for f in read_message(message)] == intents


@pytest.mark.parametrize(
    "message",
    [
        # "or" after a question offers another side of it: one question
        "does my hospital likely offer massage? or should I look elsewhere",
        # "and" with no question after it is the story of the question before
        "can massage help with neuropathy? and my feet are numb",
    ],
)
def test_or_and_a_told_sentence_stay_with_the_question_before(message: str) -> None:
    assert len(read_message(message)) == 1


@pytest.mark.parametrize(
    "message",
    [
        "does massage help with worry, and does it actually work?",
        "can massage help with sleep, and does it really help?",
    ],
)
def test_a_second_piece_about_the_same_benefit_stays_one_question(message: str) -> None:
    assert len(read_message(message)) == 1


@pytest.mark.parametrize(
    "message",
    [
        "for my mum with cancer, should the massage be soft or is deep pressure ok?",
        "should her massage be gentle or is firmer pressure alright?",
    ],
)
def test_how_firm_as_a_choice_is_two_safety_pieces(message: str) -> None:
    focuses = read_message(message)
    assert [f.intent for f in focuses] == [Intent.SAFETY, Intent.SAFETY]
    assert [f.choice for f in focuses] == [False, True]


def test_a_choice_of_when_is_not_a_choice_of_firmness() -> None:
    assert not any(f.choice for f in read_message("can I book this week or should I wait?"))


def test_the_pressure_of_a_massage_is_not_stress() -> None:
    for phrase in ("is deep pressure fine?", "is gentle pressure better?"):
        assert "stress" not in expand(phrase).corpus_terms
    assert "stress" in expand("the pressure at work is getting to me").corpus_terms


# Slow: the reply through the real service ------------------------------------------------


@slow
def test_safe_and_does_it_help_gets_both_answers(
    assistant: Assistant, default_settings: Settings
) -> None:
    reply = assistant.answer([], "is massage safe during chemo and does it help?")
    assert reply.route == Route.ANSWER, reply.text
    assert "generally safe" in reply.text
    assert content.render("answer_benefit", default_settings) in reply.text


@slow
def test_light_or_deep_is_one_heading_with_the_sentences_for_each(
    assistant: Assistant, default_settings: Settings
) -> None:
    reply = assistant.answer(
        [], "for my mum with cancer, should the massage be soft or is deep pressure ok?"
    )
    assert reply.route == Route.ANSWER, reply.text
    headings = [line for line in reply.text.splitlines() if line.startswith("Here is")]
    assert headings == [content.render("answer_lead_in", default_settings)]
    assert "light stroking to deep pressure" in reply.text
    assert "risk for fracture during deep massage" in reply.text
    assert "Stress:" not in reply.text


@pytest.mark.parametrize(
    ("sentence", "safety"),
    [
        ("In addition, certain patients with multiple bone metastases may be at risk.", True),
        ("Massage is generally safe, with few adverse outcomes.", True),
        ("Therapists take precautions with all cancer patients.", True),
        ("Massage reduced anxiety and pain in several trials.", False),
        ("Fatigue: reduced fatigue for patients in cancer treatment.", False),
    ],
)
def test_a_sentence_on_what_is_safe_or_risky_is_told_apart(sentence: str, safety: bool) -> None:
    from assistant.answering.extractive import speaks_of_safety

    assert speaks_of_safety(sentence) is safety


@slow
@pytest.mark.parametrize(
    "message",
    [
        "the cancer moved into his spine. can he still have massage",
        "can someone with bone mets in the pelvis get a massage?",
    ],
)
def test_a_warning_is_never_framed_as_how_massage_helps(
    assistant: Assistant, default_settings: Settings, message: str
) -> None:
    # A question that reads as no kind in particular is answered with the benefit lead-in;
    # when what the sources give first is a warning, the plain lead-in frames it.
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER
    assert "fracture" in reply.sentences[0].text.lower()
    assert content.render("answer_benefit", default_settings) not in reply.text
    assert reply.text.startswith(content.render("answer_lead_in", default_settings))
