"""A question about what massage does not do, or how far the evidence goes, that the
search does not reach gets the sources' own caveats on the evidence under a reviewed
heading, never a bare "not covered" (issue 11, session 29)."""

from __future__ import annotations

import pytest

from assistant import content
from assistant.answering.compose import PartAnswer, general_limits_applies, unknown_blocks
from assistant.answering.intent import Intent, read_message
from assistant.config import Settings
from assistant.schema import Citation, Cited, CitedSentence, Draft, Paragraph, Route
from assistant.service import Assistant

LIMITS_BELOW_FLOOR = "is the science on rubdowns settling a queasy tummy rock solid?"
"""A limits question in everyday words the search does not reach (cosine under the floor)."""


def test_only_a_limits_question_nothing_answers_gets_the_caveats() -> None:
    (limits,) = read_message("is there anything rubdowns just can't do for people with cancer?")
    (benefit,) = read_message("would rubbing my grandpa's back comfort him?")
    (uncovered,) = read_message("what can't reflexology do for cancer?")
    assert limits.intent == Intent.LIMITS and benefit.intent != Intent.LIMITS
    assert uncovered.absent
    assert general_limits_applies([PartAnswer(limits, covered=False)])
    assert not general_limits_applies([PartAnswer(benefit, covered=False)])
    assert not general_limits_applies([PartAnswer(uncovered, covered=False)])
    quote = "One review found no difference."
    cited = Citation(1, "https://cancerchoices.org/x/", "X", "", None, quote, "c1")
    draft = Draft((CitedSentence(quote, (1,)),), (cited,), "extractive")
    assert not general_limits_applies([PartAnswer(limits, covered=True, draft=draft)])


def test_the_caveats_follow_the_not_covered_line_under_their_own_heading() -> None:
    (limits,) = read_message("is there anything rubdowns just can't do for people with cancer?")
    quote = "One review found no difference."
    cited = Citation(1, "https://cancerchoices.org/x/", "X", "", None, quote, "c1")
    general = Draft((CitedSentence(quote, (1,)),), (cited,), "extractive")
    settings = Settings()
    blocks = unknown_blocks(
        [PartAnswer(limits, covered=False)], general, settings, "general_limits_heading"
    )
    assert blocks[0] == Paragraph(content.render("question_not_covered", settings))
    assert blocks[1] == Paragraph(content.render("general_limits_heading", settings))
    assert [s.text for b in blocks if isinstance(b, Cited) for s in b.sentences] == [quote]
    assert Paragraph(content.render("general_safety_heading", settings)) not in blocks


@pytest.mark.slow
def test_a_limits_question_below_the_floor_quotes_the_sources_caveats(
    assistant: Assistant,
) -> None:
    reply = assistant.answer([], LIMITS_BELOW_FLOOR)
    assert reply.route == Route.UNKNOWN
    assert reply.text.startswith(content.render("question_not_covered", assistant.settings))
    assert content.render("general_limits_heading", assistant.settings) in reply.text
    assert reply.sentences and reply.citations
    caveat = ("no difference", "weak", "not always strong")
    assert any(word in s.text for s in reply.sentences for word in caveat)
