"""Which sentence leads (issue 11, s37-11p): two classes of miss that recur across the
blind writers' halves, each written here in wordings of our own (docs/retrieval.md,
"s37-11p").

- A question about one symptom that two summaries name: the one naming fewer symptoms
  leads (it is more about what was asked), not the list of eight.
- What people say, asked in general: a patient's story about cancer care as a whole
  leads, not one about a treatment the person never named.
"""

from __future__ import annotations

import pytest

from assistant.answering.citations import Unit
from assistant.answering.extractive import _general_story, candidate
from assistant.answering.intent import Intent, read_question
from assistant.schema import Chunk, Passage, Route
from assistant.service import Assistant

slow = pytest.mark.slow


_SLEEP = "insomnia"
_LIST_OF_EIGHT = "sleep disruption, nausea"
_SHORTER_SUMMARY = "muscle tension. it may help"
_GENERAL_STORY = "all through my diagnosis and treatment"

LEADS = [
    # A question about sleep: the summary naming it among four symptoms leads.
    ("Can massage help with insomnia during cancer treatment?", _SLEEP, _LIST_OF_EIGHT),
    (
        "I've barely slept since my diagnosis. Is massage any good for sleep problems?",
        _SLEEP,
        _LIST_OF_EIGHT,
    ),
    ("does massage help people with cancer sleep better at night?", _SLEEP, _LIST_OF_EIGHT),
    (
        "my husband lies awake most nights on chemo, could a massage help his sleep?",
        _SLEEP,
        _LIST_OF_EIGHT,
    ),
    # Near misses: symptoms the shorter summary does not name keep their own lead.
    ("Does massage help with nausea from chemo?", "nausea", _SHORTER_SUMMARY),
    ("can massage ease my fatigue during radiation?", "fatigue", _SHORTER_SUMMARY),
    ("is massage good for breast symptoms after treatment?", "breast", _SHORTER_SUMMARY),
    # What people say, in general: the story about cancer care as a whole leads.
    ("has massage helped other people with cancer?", _GENERAL_STORY, "chemotherapy"),
    ("has oncology massage helped anybody?", _GENERAL_STORY, "chemotherapy"),
    ("did massage help other patients?", _GENERAL_STORY, "chemotherapy"),
    # Near misses: a question naming chemo keeps a story about chemo.
    ("how have other patients used massage to get through chemo?", "chemo", _GENERAL_STORY),
    ("what do people say about getting massages during chemotherapy?", "chemo", _GENERAL_STORY),
    ("did massage help anybody get through their chemo?", "chemo", _GENERAL_STORY),
]


@slow
@pytest.mark.parametrize(("message", "lead_names", "lead_lacks"), LEADS)
def test_the_lead_is_the_sentence_most_about_what_was_asked(
    assistant: Assistant, message: str, lead_names: str, lead_lacks: str
) -> None:
    reply = assistant.answer([], message)
    assert reply.route == Route.ANSWER, reply.text
    assert reply.sentences, reply.text
    lead = reply.sentences[0].text.lower()
    assert lead_names in lead and lead_lacks not in lead, lead


# What people say, in general -----------------------------------------------------------


def _story(text: str) -> bool:
    quote = f'"{text}"'
    chunk = Chunk("c", "s", "Stories", "Stories", quote, 0, len(quote))
    return _general_story(candidate(Unit(quote, quote, Passage(chunk, 0.0))))


def test_a_story_naming_no_symptom_or_treatment_is_general() -> None:
    assert _story("Through all of it, the hour on the table was the one good hour of my week.")
    assert not _story("Massage got me through the nausea of every infusion of chemo.")
    assert not _story("It was the only thing that eased my pain after surgery.")


@pytest.mark.parametrize(
    "message",
    ["has massage helped other people with cancer?", "did massage help other patients?"],
)
def test_what_people_say_in_general_is_read_without_a_topic(message: str) -> None:
    focus = read_question(message)
    assert focus.intent == Intent.EXPERIENCE and not focus.topics
