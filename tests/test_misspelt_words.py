"""A misspelt word is read as the patient-words vocabulary word it most likely meant, in
both halves of the search, the coverage check and the answer (issue 11, session 29)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.patient_words import expand, respelled
from assistant.schema import Route
from assistant.service import Assistant


def _nothing_known(word: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("does massage ease depressoin", "does massage ease depression"),
        ("masage for neuropahty?", "massage for neuropathy?"),
        ("Hopelesness since the diagnosis", "hopelessness since the diagnosis"),
    ],
)
def test_a_word_english_does_not_know_is_read_as_the_vocabulary_word(
    typed: str, meant: str
) -> None:
    assert respelled(typed, _nothing_known) == meant


@pytest.mark.parametrize(
    ("typed", "spelt"),
    [
        ("can acupunture help with my pain", "can acupuncture help with my pain"),
        ("is it ok with lymphodema", "is it ok with lymphedema"),
    ],
)
def test_a_misspelt_uncovered_name_is_named_like_the_right_spelling(typed: str, spelt: str) -> None:
    assert expand(typed).absent == ()
    assert expand(respelled(typed, _nothing_known)).absent == expand(spelt).absent != ()


@pytest.mark.parametrize(
    "message",
    [
        "my brian fog is bad",  # an English word, however close to another
        "we met at Maricopa college",  # a name inside a sentence
        "is the REPORG list online",  # capitals
        "a sore arm",  # too short to tell
        "my cat xqzvbn is sick",  # nothing close
    ],
)
def test_real_words_names_and_far_words_are_left_as_typed(message: str) -> None:
    assert respelled(message, _nothing_known) == message


def test_a_word_the_caller_knows_is_left_as_typed() -> None:
    assert respelled("masage", lambda word: word == "masage") == "masage"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("typed", "spelt"),
    [
        (
            "can massage help the nuropathy in my fingers from chemo?",
            "can massage help the neuropathy in my fingers from chemo?",
        ),
        ("does massage do anything for depressoin with cancer?", None),
    ],
)
def test_a_misspelt_question_is_answered_like_the_right_spelling(
    assistant: Assistant, typed: str, spelt: str | None
) -> None:
    reply = assistant.answer([], typed)
    assert reply.route == Route.ANSWER and reply.sentences
    if spelt is not None:
        right = assistant.answer([], spelt)
        assert [s.text for s in reply.sentences] == [s.text for s in right.sentences]


@pytest.mark.slow
def test_both_halves_of_the_search_read_the_respelt_word(assistant: Assistant) -> None:
    retriever = assistant.retriever
    typed = retriever.retrieve("massage for hopelesness during chemo")
    spelt = retriever.retrieve("massage for hopelessness during chemo")
    assert typed.relevant and spelt.relevant
    assert typed.query == spelt.query
    assert np.allclose(typed.vector, spelt.vector)
    assert [p.chunk.chunk_id for p in typed.passages] == [p.chunk.chunk_id for p in spelt.passages]
