"""Questions the sources answer only in patients' own words, and a lead that points back
(issue 11, docs/retrieval.md "s33-11a"):

- whether massage itself will hurt or feel different, asked by someone for whom touch or
  treatment hurts now, asks how massage feels: what people say of it;
- when to book a massage around chemotherapy asks what people found (the sources tell
  only what one patient did);
- "has massage helped anyone with ..." asks what people found, and a story in everyday
  words ("ache", "chemo") is read with the sources' words for them;
- a sentence that points back at the one before it ("... these symptoms") does not open
  an answer unless the question asks what it is itself about;
- a finding limited to survivors (lasting pain after treatment) does not lead a question
  about pain now;
- a fixed line that ends two answers of one message (the therapist locator) is shown once,
  and two questions answered under the same heading share it.

Near misses: something massage could harm ("could it hurt him?"), a bare "will massage
hurt?", and a timing question that asks whether it is safe stay questions of safety.
"""

from __future__ import annotations

import pytest

from assistant.answering.compose import _once
from assistant.answering.extractive import _may_lead_alone, candidate, split_units
from assistant.answering.intent import Intent, read_question
from assistant.schema import Chunk, Cited, CitedSentence, Paragraph, Passage, Route
from assistant.service import Assistant

slow = pytest.mark.slow


EXPERIENCE = (
    "my skin is so sore from all the needles. would a massage hurt as well?",
    "Every exam and jab hurts at the moment. Is a massage going to be painful too?",
    "people touching me hurts lately, does massage feel any different?",
    "All the pokes hurt. will it hurt at all?",
    "is it better to book my massage before or after chemo?",
    "thinking about timing my massages around infusions, any advice?",
    "When would you schedule a massage around his chemo?",
    "is a massage better the day before or after an infusion?",
    "has massage helped anyone with the aching from chemo?",
    "did oncology massage help somebody with nerves before surgery?",
)
SAFETY = (
    "could the massage hurt him? his bones are fragile",
    "can massage hurt my port?",
    "will massage hurt?",
    "is it safe to get a massage right before or after chemo?",
    "is it ok to book a massage around chemo days?",
    "how often do people get hurt by a massage during treatment?",
)


@pytest.mark.parametrize(
    ("message", "intent"),
    [(m, Intent.EXPERIENCE) for m in EXPERIENCE] + [(m, Intent.SAFETY) for m in SAFETY],
)
def test_how_it_feels_and_when_people_book_ask_what_people_say(
    message: str, intent: Intent
) -> None:
    """The first ten ask what people say; the near misses stay questions of safety."""
    assert read_question(message).intent == intent


def _candidate(sentence: str):  # type: ignore[no-untyped-def]
    chunk = Chunk("c", "s", "t", "", sentence, 0, len(sentence))
    (unit,) = split_units(Passage(chunk, 1.0))
    return candidate(unit)


POINTS_BACK = "The national guidelines cite massage to manage these symptoms in adults."


@pytest.mark.parametrize(
    ("question", "may_lead"),
    [
        ("when should i schedule a massage?", False),
        ("can massage help with numb feet?", False),
        ("which guidelines back massage for cancer?", True),
    ],
)
def test_a_sentence_pointing_back_leads_only_a_question_of_its_own_kind(
    question: str, may_lead: bool
) -> None:
    assert _may_lead_alone(_candidate(POINTS_BACK), read_question(question)) is may_lead


def test_a_sentence_that_stands_alone_may_always_lead() -> None:
    alone = _candidate("Massage may ease nausea in people having chemotherapy.")
    assert _may_lead_alone(alone, read_question("when should i schedule a massage?"))


def test_a_line_ending_two_answers_is_shown_once_and_last() -> None:
    quote = Cited((CitedSentence("A sentence.", (1,)),))
    other = Cited((CitedSentence("Another sentence.", (2,)),))
    locator = Paragraph("Find a therapist here.")
    blocks = [Paragraph("About choosing:"), quote, locator, Paragraph("About finding:"), other]
    assert _once([*blocks, locator]) == (*blocks[:2], *blocks[3:], locator)


@slow
@pytest.mark.parametrize(
    ("message", "said"),
    [
        (
            "every jab and scan hurts these days. is a massage going to hurt too?",
            "didn't hurt",
        ),
        ("do other patients book a massage before or after chemo?", "before each chemo"),
        ("my wife's chemo leaves her bones aching. did massage help anyone like that?", "ache"),
    ],
)
def test_the_story_that_answers_leads(assistant: Assistant, message: str, said: str) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert said in reply.citations[0].quote, reply.text


@slow
def test_a_bare_will_it_hurt_is_answered_by_safety(assistant: Assistant) -> None:
    reply = assistant.answer([], "will massage hurt?")
    assert reply.route == Route.ANSWER, reply.text
    assert "generally safe" in reply.citations[0].quote, reply.text


def test_a_finding_about_survivors_is_limited_to_them() -> None:
    about = _candidate("A guideline for lasting pain in survivors of cancer suggests massage.")
    assert "survivors" in about.groups


@pytest.mark.parametrize(
    ("message", "lasting"),
    [
        ("the aching has stuck around for months since chemo, would massage help?", True),
        ("my mum's pain never went away years after treatment. any use trying massage?", True),
        ("it's lingering pain long after radiation, not new pain", True),
        ("his pain is bad this week during chemo, would massage ease it?", False),
        ("my knee pain started last month, could massage help?", False),
    ],
)
def test_pain_lasting_after_treatment_raises_survivors(message: str, lasting: bool) -> None:
    assert ("survivors" in read_question(message).raised) is lasting


@slow
@pytest.mark.parametrize(
    ("message", "survivors_lead"),
    [
        ("my uncle's tumour pain is bad right now, could massage ease it?", False),
        ("does massage take the edge off cancer pain?", False),
        ("six years since I finished treatment and my hip still aches. would massage help?", True),
    ],
)
def test_pain_now_is_not_answered_by_the_survivors_guideline(
    assistant: Assistant, message: str, survivors_lead: bool
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert ("survivors" in reply.citations[0].quote) is survivors_lead, reply.text
