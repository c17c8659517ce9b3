"""Which sentence leads: the most relevant, the plainer of two only when they are near-equal."""

from __future__ import annotations

import pytest

from assistant.answering.extractive import (
    DEFAULT_WEIGHTS,
    Candidate,
    ExtractiveAnswerer,
    candidate,
    split_units,
)
from assistant.answering.intent import read_question
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.schema import Chunk, Passage

pytestmark = pytest.mark.slow

_TEXT = (
    "Gentle touch was associated with measurably lower reported restlessness among "
    "hospitalised adolescents receiving intravenous chemotherapy regimens. "
    "Many people say a short massage helps them rest."
)


def _pair(answerer: ExtractiveAnswerer) -> tuple[Candidate, Candidate]:
    chunk = Chunk("c1", "s1", "A page", "Findings", _TEXT, 0, len(_TEXT))
    dense, plain = (candidate(u) for u in split_units(Passage(chunk, 1.0)))
    answerer.warm_up([Passage(chunk, 1.0)])  # choose compares sentence vectors
    assert plain.grade < dense.grade
    return dense, plain


def _lead(answerer: ExtractiveAnswerer, gap: float) -> str:
    dense, plain = _pair(answerer)
    features = {"topic": 0.0}
    scored = [(dense, 0.9, features), (plain, 0.9 - gap, features)]
    focus = read_question("what did studies of gentle touch find?")
    return answerer.choose(scored, focus, 1).units[0].display


@pytest.fixture(scope="module")
def answerer(embeddings: SentenceTransformerEmbeddings) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(embeddings)


def test_a_plainer_sentence_leads_only_a_near_tie(answerer: ExtractiveAnswerer) -> None:
    margin = DEFAULT_WEIGHTS.plain_margin
    assert _lead(answerer, margin / 2).startswith("Many people")
    # Clearly less relevant, it no longer leads however plain it reads.
    assert _lead(answerer, margin + 0.01).startswith("Gentle touch")
    # A gap of 0.03 is not a tie: under the earlier 0.04 margin the plainer sentence led.
    assert _lead(answerer, 0.03).startswith("Gentle touch")
