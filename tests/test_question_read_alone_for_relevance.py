"""A question told after a long story is as close to the pages as its own words read alone
(issue 11, s37-11c): "Since my operation I cry after every appointment. Is there proof
massage lifts your mood or am I clutching at straws" reads far from every passage whole
and close asked alone, and was told "not covered". Questions the pages do not answer stay
not covered with a story around them.

Every wording is the team's own, written for this test.
"""

from __future__ import annotations

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow

ANSWERED = [
    "Ever since her surgery my mum has been miserable, weeping at the kitchen table after every "
    "appointment. Is there genuine proof massage lifts your mood or am I clutching at straws",
    "My partner has been utterly miserable since his prostatectomy, tearful after every clinic. "
    "Is there genuine proof massage lifts a low mood or am I clutching at straws here",
    "After my lumpectomy I cried in the car after every single check-up for weeks. Any genuine "
    "proof massage lifts the mood or is that just clutching at straws",
]
NOT_COVERED = [
    "My husband had a fall on the ice last winter and spent a night in hospital, all mended "
    "now. Is there proof cupping helps with cancer pain?",
    "My sister keeps sending me articles about hyperthermia clinics abroad. Does hyperthermia "
    "work alongside massage?",
    "My mum keeps asking about reiki from a neighbour. Is reiki safe for people with cancer?",
]


@pytest.mark.parametrize("message", ANSWERED)
def test_a_question_close_when_read_alone_is_answered(assistant: Assistant, message: str) -> None:
    reply = assistant.answer([], message)
    assert reply.decision.route.value == "answer", reply.decision
    assert reply.citations


@pytest.mark.parametrize("message", NOT_COVERED)
def test_a_question_the_pages_do_not_answer_stays_not_covered(
    assistant: Assistant, message: str
) -> None:
    assert assistant.answer([], message).decision.route.value == "unknown"
