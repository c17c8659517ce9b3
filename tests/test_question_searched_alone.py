"""A long story told around a short question (issue 11, docs/retrieval.md "s35-11"): the
message's question is searched also on its own, and its rankings fused beside the whole
message's choose the passages an answer may quote from (never whether the sources cover
the message). Wordings written for this change, none from a suite.

Each test compares the real retriever with and without the question's own search, so it
fails when that search is missing or adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from assistant.retrieval import Retriever, question_text
from assistant.service import Assistant

slow = pytest.mark.slow

PAIN = "Studies of the benefits of massage"
"""The Key Points passage that says massage reduces pain, anxiety and muscle tension."""
AROMATHERAPY = "Quality of life: improved quality of life score with aromatherapy"


@contextmanager
def _without_question_search(retriever: Retriever) -> Iterator[None]:
    """The retriever as it was before this change: the whole message searched alone."""
    saved = retriever._question_rankings
    retriever._question_rankings = lambda *args, **kwargs: ([], [])  # type: ignore[method-assign]
    try:
        yield
    finally:
        retriever._question_rankings = saved  # type: ignore[method-assign]


def _position(retriever: Retriever, message: str, needle: str) -> int | None:
    pool = retriever.retrieve(message).pool
    return next((i for i, p in enumerate(pool) if needle in p.chunk.text), None)


@slow
@pytest.mark.parametrize(
    ("message", "needle"),
    [
        (
            "My mum has stage 3 ovarian cancer and the chemo has wiped her out, she sleeps "
            "most of the day and her feet are swollen and she hates the hospital food. Could "
            "massage help her pain?",
            PAIN,
        ),
        (
            "Would a scented-oil massage do more for me than an ordinary one? My infusion "
            "centre has a spa menu with both and the prices are about the same.",
            PAIN,
        ),
        (
            "Does aromatherapy massage beat regular massage? Our cancer clinic's spa offers "
            "both and my husband can't decide which to book for me.",
            AROMATHERAPY,
        ),
    ],
)
def test_the_question_alone_brings_its_passage_forward(
    assistant: Assistant, message: str, needle: str
) -> None:
    retriever = assistant.retriever
    with_question = _position(retriever, message, needle)
    with _without_question_search(retriever):
        without = _position(retriever, message, needle)
    assert with_question is not None
    assert without is None or with_question < without


@slow
@pytest.mark.parametrize(
    "message",
    [
        "does massage help with nausea from chemo?",
        # A question pointing back at its story is read with it: nothing is searched apart.
        "My feet have been numb since the taxol. Can massage help with that?",
    ],
)
def test_a_message_that_is_its_question_is_searched_once(
    assistant: Assistant, message: str
) -> None:
    assert question_text(message) == message
    assert assistant.retriever._question_rankings(message, [], assistant.retriever.read, 20) == (
        [],
        [],
    )


@slow
def test_the_question_alone_never_decides_coverage(assistant: Assistant) -> None:
    """Same passages, coverage and relevance with and without the question's own search."""
    message = (
        "My brother's colon cancer spread to his liver, he has a stoma now and lost a lot "
        "of weight. Does massage ease pain at all?"
    )
    retriever = assistant.retriever
    found = retriever.retrieve(message)
    with _without_question_search(retriever):
        alone = retriever.retrieve(message)
    assert [p.chunk.chunk_id for p in found.passages] == [p.chunk.chunk_id for p in alone.passages]
    assert (found.coverage, found.relevant) == (alone.coverage, alone.relevant)
    assert [p.chunk.chunk_id for p in found.pool] != [p.chunk.chunk_id for p in alone.pool]
