"""A care-team reply that also answers a benefit question asked beside the personal one
cites sentences found by that question's own search; those passages must be among the
reply's retrieved passages, the record every citation is checked against (the staff
console shows them, and the evaluator's citation validity reads them)."""

from __future__ import annotations

import pytest

from assistant.schema import Route
from evals.metrics import citation_problem

# Own wordings: a benefit question beside a personal one about a condition the sources
# warn about, or beside a device they do not cover.
TWO_PART = (
    "Two things for my dad: does massage help with anxiety, and is it okay for him "
    "now that the cancer spread to his bones?",
    "does massage help with stress, and is it ok for my mom since the cancer went to her bones?",
    "can massage help my fatigue and is it safe with my port",
)


@pytest.mark.parametrize("message", TWO_PART)
def test_every_citation_of_a_two_part_care_reply_is_among_its_passages(
    assistant: object, message: str
) -> None:
    reply = assistant.answer([], message)  # type: ignore[attr-defined]
    assert reply.decision.route is Route.CLINICAL
    assert reply.citations, "the benefit part should be answered with citations"
    problems = [citation_problem(c, reply.retrieved) for c in reply.citations]
    assert problems == [None] * len(reply.citations)
