"""The care-team reply quotes what fits the condition named (issue 10, item 7; s29-10r).

- Low counts: only what the sources say is safe, risky or needs care is quoted, never a
  study finding of benefit as if it said whether massage is safe.
- Blood thinners named by drug (generic or brand) are the uncovered condition "blood
  clots", as "blood thinners" and "heparin" already were, and the reply names the topic.
- A covered condition named beside an uncovered one: the uncovered one is named as not
  covered and the covered one's warning is still quoted.

Every wording is the team's own, written for this test.
"""

from __future__ import annotations

import pytest

from assistant import content
from assistant.answering.extractive import _KINDS
from assistant.config import Settings
from assistant.patient_words import expand
from assistant.routing.normalise import normalise
from assistant.routing.topics import care_topic
from assistant.schema import Reply, Route
from assistant.service import Assistant

THINNER_BY_NAME = [
    "I take apixaban twice a day, is a firm massage alright?",
    "my husband is on rivaroxaban, could he have a massage on saturday?",
    "she started edoxaban last month, is massage ok for her?",
    "can I have reflexology while taking dabigatran?",
    "I do enoxaparin injections in my belly, is a massage safe for me?",
    "he is on Pradaxa, should his therapist go gently?",
    "my mom takes Xarelto, can she get a back rub?",
    "I'm on dalteparin since my surgery, can I book a massage?",
]
LOW_COUNTS = [
    "my white count is really low after this cycle, can I still keep my massage on thursday?",
    "I am neutropenic this week, is it risky to have a massage?",
    "her neutrophils dropped to 0.6, should she cancel her massage?",
]
COVERED_BESIDE_UNCOVERED = [
    "the cancer has spread to my ribs and I take apixaban, is a massage ok?",
    "dad has bone mets in his pelvis and is on warfarin, can he have a massage?",
]


@pytest.mark.parametrize("message", THINNER_BY_NAME)
def test_a_blood_thinner_named_by_drug_is_the_uncovered_condition(message: str) -> None:
    assert "blood clots" in expand(message).absent
    assert care_topic(normalise(message)) == "clots"


@pytest.mark.parametrize("drug", ["ibuprofen", "tamoxifen", "ondansetron"])
def test_other_medicines_are_not_blood_thinners(drug: str) -> None:
    message = f"I take {drug}, is a massage ok for me?"
    assert "blood clots" not in expand(message).absent
    assert care_topic(normalise(message)) != "clots"


def _is_precaution(sentence: str) -> bool:
    return bool(
        _KINDS["safety"].search(sentence)
        or _KINDS["claims_safety"].search(sentence)
        or "bone metastases" in sentence.lower()
    )


def _names_clots_as_not_covered(assistant: Assistant, settings: Settings, message: str) -> Reply:
    reply = assistant.answer([], message)
    assert reply.route == Route.CLINICAL
    assert content.render("condition_not_covered", settings, topic="blood clots") in reply.text
    return reply


@pytest.mark.slow
@pytest.mark.parametrize("message", LOW_COUNTS)
def test_a_low_count_reply_quotes_precautions_not_findings(
    assistant: Assistant, message: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.CLINICAL and reply.decision.topic == "blood_counts"
    quoted = [s.text for s in reply.sentences]
    assert quoted and all(_is_precaution(q) for q in quoted), quoted
    assert reply.citations and all(f"[{c.marker}]" in reply.text for c in reply.citations)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "benefit"),
    [
        ("does massage help with pain? if so can I stop taking my pain meds", "pain"),
        ("will massage help my stress, and should I stop my sleeping pills if it does?", "sleep"),
    ],
)
def test_a_care_team_reply_keeps_the_benefit_the_person_asked_about(
    assistant: Assistant, message: str, benefit: str
) -> None:
    # Asked what massage helps beside a medicine decision: the precautions-only reading
    # would drop the one sentence that answers the first question.
    reply = assistant.answer([], message)
    assert reply.route == Route.CLINICAL and reply.decision.topic == "medicine"
    assert any(benefit in s.text.lower() for s in reply.sentences), reply.sentences


@pytest.mark.slow
@pytest.mark.parametrize("message", THINNER_BY_NAME[:3])
def test_a_blood_thinner_named_by_drug_is_named_as_not_covered(
    assistant: Assistant, default_settings: Settings, message: str
) -> None:
    reply = _names_clots_as_not_covered(assistant, default_settings, message)
    assert reply.decision.topic == "clots"
    assert content.render("general_safety_heading", default_settings) in reply.text


@pytest.mark.slow
@pytest.mark.parametrize("message", COVERED_BESIDE_UNCOVERED)
def test_a_covered_condition_beside_an_uncovered_one_keeps_its_warning(
    assistant: Assistant, default_settings: Settings, message: str
) -> None:
    reply = _names_clots_as_not_covered(assistant, default_settings, message)
    quoted = [s.text.lower() for s in reply.sentences]
    assert any("bone metastases" in q and "fracture" in q for q in quoted), quoted
    # the warning is about the condition named, not "massage safety in general"
    assert content.render("general_safety_heading", default_settings) not in reply.text
    assert reply.citations and all(f"[{c.marker}]" in reply.text for c in reply.citations)


@pytest.mark.slow
def test_an_uncovered_condition_alone_still_gets_the_general_safety_sentences(
    assistant: Assistant, default_settings: Settings
) -> None:
    reply = assistant.answer([], "I have lymphedema in my left arm, can I get a massage?")
    assert reply.route == Route.CLINICAL
    assert content.render("general_safety_heading", default_settings) in reply.text
    assert not any("fracture" in s.text.lower() for s in reply.sentences)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "benefit"),
    [
        (
            "my mum is so tired from chemo. can massage help her fatigue and is it safe "
            "with her port?",
            "fatigue",
        ),
        ("will massage help my dad sleep better and is it ok with his PICC line", "sleep"),
        # the device told in the story of the benefit question itself
        ("I have a picc line. will massage help me sleep, and is it safe?", "sleep"),
        ("can massage help my nausea and is it ok with my chemo port", "nausea"),
    ],
)
def test_a_benefit_asked_beside_an_uncovered_device_is_still_answered(
    assistant: Assistant, default_settings: Settings, message: str, benefit: str
) -> None:
    # The device is named as not covered with the general safety sentences, and the
    # benefit asked in the same message is quoted before that line, not lost with it.
    reply = assistant.answer([], message)
    assert reply.route == Route.CLINICAL
    text = reply.text
    helps = content.render("answer_benefit", default_settings)
    not_covered = content.render(
        "condition_not_covered", default_settings, topic="ports and IV lines"
    )
    assert helps in text and not_covered in text
    assert text.index(helps) < text.index(not_covered)
    assert content.render("general_safety_heading", default_settings) in text
    assert any(benefit in s.text.lower() for s in reply.sentences), reply.sentences
    markers = [c.marker for c in reply.citations]
    assert len(markers) == len(set(markers)) and all(f"[{m}]" in text for m in markers)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "benefit"),
    [
        (
            "Quick two for my husband: would massage ease his anxiety, and is deep pressure "
            "ok now that the cancer is in his spine?",
            "anxiety",
        ),
        (
            "can massage help my dad's pain? and is it safe for him with mets in his hips",
            "pain",
        ),
        (
            "does massage help with stress, and is it fine for me with bone mets in my ribs?",
            "stress",
        ),
    ],
)
def test_a_benefit_asked_beside_a_covered_condition_is_still_answered(
    assistant: Assistant, default_settings: Settings, message: str, benefit: str
) -> None:
    # The personal question (bone metastases, which the sources warn about) goes to the
    # care team with its warning; the general question asked beside it is a question of
    # its own and keeps its answer, quoted before the warning.
    # Whether massage is safe with bone metastases (which the sources warn about) and
    # what it helps are two questions: each keeps its answer, the benefit quoted before the
    # warning, and the warning is never hidden behind "not covered" (the ribs or hips the
    # person names are not in the sources; the warning is).
    reply = assistant.answer([], message)
    assert reply.route in (Route.CLINICAL, Route.ANSWER)
    quoted = [s.text.lower() for s in reply.sentences]
    helps = [i for i, s in enumerate(quoted) if benefit in s and "fracture" not in s]
    warns = [i for i, s in enumerate(quoted) if "fracture" in s]
    assert helps and warns and helps[0] < warns[0], quoted
    gap = content.render("part_not_covered", default_settings, topic="x").split('"')[0]
    assert gap not in reply.text
    markers = [c.marker for c in reply.citations]
    assert len(markers) == len(set(markers)) and all(f"[{m}]" in reply.text for m in markers)
