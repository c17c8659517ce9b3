"""Questions read as the person asking meant them (issue 11, docs/retrieval.md "s34-11"):

- a registered massage therapist ("RMT") is a massage therapist, and "does it matter if
  she has oncology training, or is any RMT fine?" asks what makes a therapist right;
- the best time to book a massage around chemotherapy asks what people did (the sources
  tell it as one patient did);
- treatment told as over ("I finished everything in March") tells a survivor;
- whom the turn before was about (a child) stays a topic of a follow-up that names its own
  symptom;
- the massage said to be adjusted, tailored or toned down asks how it is adapted;
- learning to massage someone close at home, or the moves to use, asks for techniques the
  pages never teach;
- when people usually book, and "is that what massage is like" after a story of touch that
  hurts, ask what people say of it;
- massage used together with other therapies is the sources' integrative plans;
- where the evidence is weakest or least asks how firm it is (the sources' caveat);
- lay words: "scanxiety", "snappy", muscles "like rocks"; "take the edge off" asks whether
  massage eases, like "help".

Wordings written for this change, none from a suite.
"""

from __future__ import annotations

import pytest

from assistant.answering.intent import Intent, asks_how_adapted, read_question
from assistant.patient_words import expand
from assistant.schema import Route
from assistant.service import Assistant

slow = pytest.mark.slow


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("would it matter whether the therapist has cancer training?", Intent.CHOOSING_THERAPIST),
        (
            "is any RMT okay for mum, or does she need someone special?",
            Intent.CHOOSING_THERAPIST,
        ),
        ("what's the right time to get a massage when you're on chemo?", Intent.EXPERIENCE),
        ("best day to schedule a massage in my infusion week?", Intent.EXPERIENCE),
        ("is it safe to get a massage on chemo days?", Intent.SAFETY),
        ("when do most people fit in their massage during radiation?", Intent.EXPERIENCE),
        (
            "every scan and drip hurts. is that what a massage feels like?",
            Intent.EXPERIENCE,
        ),
        ("is that what oncology massage is like?", Intent.BENEFIT),
        ("for which symptoms is the research weakest?", Intent.LIMITS),
        ("where does massage have the least evidence?", Intent.LIMITS),
    ],
)
def test_who_gives_it_and_when_to_book(message: str, intent: Intent) -> None:
    assert read_question(message).intent == intent


@pytest.mark.parametrize(
    ("message", "survivor"),
    [
        ("I completed my treatment two years ago, is massage still useful?", True),
        ("I finished radiation in June, can massage help me now?", False),
        ("she's done with chemo now. could a massage help her?", True),
        ("now that treatment is over my back aches, would massage help?", True),
        ("is it worth it once you have finished, or only during?", True),
        ("I'm halfway through chemo, would massage help?", False),
        ("he finished his dinner and wants a massage, is that ok?", False),
    ],
)
def test_treatment_told_as_over_is_a_survivor(message: str, survivor: bool) -> None:
    assert ("survivors" in expand(message).corpus_terms) is survivor


@pytest.mark.parametrize(
    ("message", "adapted"),
    [
        ("can the massage be tailored if she gets worn out quickly?", True),
        ("could the pressure be toned down, I'm exhausted all the time", True),
        ("can the session be made gentler for her?", True),
        ("can massage be part of my care plan?", False),
        ("my treatment plan was changed last week, can I still book?", False),
    ],
)
def test_the_massage_said_to_be_changed_asks_how_it_is_adapted(message: str, adapted: bool) -> None:
    assert asks_how_adapted(message) is adapted


def test_a_child_told_before_stays_a_topic_of_the_follow_up() -> None:
    focus = read_question("would it ease his tummy upset?", ["our boy is 7 and has leukaemia"])
    assert "children" in focus.topics
    alone = read_question("would it ease his tummy upset?")
    assert "children" not in alone.topics


@pytest.mark.parametrize(
    "message",
    [
        "could I learn to massage my partner's legs myself?",
        "any simple techniques I could use on my dad's sore neck?",
        "which moves should I try on her back when she's too weak to go out?",
    ],
)
def test_learning_to_give_one_at_home_is_not_covered(message: str) -> None:
    assert expand(message).absent


@pytest.mark.parametrize(
    ("message", "term"),
    [
        ("can it be paired with other therapies like meditation?", "integrative plans"),
        ("is massage meant to be part of a wider plan?", "integrative plans"),
        ("the scanxiety before each CT is awful, would massage help?", "anxiety"),
        (
            "he has been so short-tempered lately, would massage calm him?",
            "negative emotions anger",
        ),
        ("my neck is like concrete after the hospital bed, can massage help?", "muscle tension"),
    ],
)
def test_everyday_words_read_in_the_sources_words(message: str, term: str) -> None:
    assert term in " ".join(expand(message).corpus_terms)


def test_a_therapist_learning_the_work_is_not_a_home_technique() -> None:
    assert not expand("I'm an LMT and want to learn to work with cancer clients").absent


@slow
@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("does it really matter if the RMT has oncology training?", "oncology-trained"),
        ("what's the best time to book a massage if I get chemo every two weeks?", "before each"),
        ("I wrapped up my chemo in the spring. can massage help me now?", "survivors"),
        ("could the massage be adjusted for how drained I feel after chemo?", "adapt|adjustments"),
        ("should massage be used alongside other therapies?", "integrative plans"),
        ("dreading my scan next week, scanxiety. will massage take the edge off?", "anxiety"),
        ("for what is the research on massage weakest?", "conclusions are weak"),
    ],
)
def test_the_sentence_that_answers_leads(assistant: Assistant, message: str, said: str) -> None:
    """``said``: words of the sentence that must lead, ``|`` between the choices."""
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert any(w in reply.citations[0].quote for w in said.split("|")), reply.text


@slow
def test_a_child_told_before_is_answered_by_the_finding_in_children(
    assistant: Assistant,
) -> None:
    from assistant.schema import Turn

    first = "my son is 9 and getting chemo for leukaemia"
    before = assistant.answer([], first)
    conversation = [Turn("user", first), Turn("assistant", before.text, before.route)]
    reply = assistant.answer(conversation, "would a massage help his pain?")
    assert reply.route == Route.ANSWER, reply.text
    assert "children" in reply.citations[0].quote, reply.text
