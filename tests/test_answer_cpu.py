"""Work an answer does once instead of on every turn (s37-15), checked against the work done
afresh: the same drafts, scores and red flags, with the real model, store and vocabulary."""

from __future__ import annotations

from unittest import mock

import pytest

from assistant.answering.extractive import ExtractiveAnswerer, _idf, features, weighing
from assistant.answering.intent import GENERAL_SAFETY_QUESTION, read_message, read_question
from assistant.routing import Router
from assistant.routing.other_languages import (
    _other_language_red_flag,
    find_other_language_red_flag,
    vocabulary,
)
from assistant.schema import Route, Turn
from assistant.service import Assistant


def _fresh(assistant: Assistant) -> Assistant:
    """The same components with nothing of the general drafts kept."""
    return Assistant(assistant.settings, assistant.router, assistant.retriever, assistant.backend)


def test_the_general_sentences_are_drafted_once_per_reading_and_corpus(
    assistant: Assistant,
) -> None:
    """A turn that shows the general safety sentences reuses the draft made for the same
    reading (raised conditions), first marker and length of the same fixed search: no
    sentence is scored again, and the draft is the one made afresh. Another reading or
    marker is drafted on its own; a new search result (a changed corpus) drafts again."""
    answerer = assistant.backend.answerer  # type: ignore[attr-defined]
    own = _fresh(assistant)
    first = own._general_safety(1)
    assert first is not None and first[0].sentences
    with mock.patch.object(answerer, "scored", side_effect=AssertionError("scored again")):
        assert own._general_safety(1) is first
        # an assistant serving approved answers shares what was drafted
        assert own.with_approved(None)._general_safety(1) is first
    assert first == _fresh(assistant)._general_safety(1)
    for marker, raised in ((3, frozenset()), (1, frozenset({"bone_metastases"}))):
        other = own._general_safety(marker, raised)
        assert other == _fresh(assistant)._general_safety(marker, raised)
        assert other != first
    retriever = assistant.retriever
    kept = retriever._fixed[GENERAL_SAFETY_QUESTION]
    retriever._fixed[GENERAL_SAFETY_QUESTION] = (object(), kept[1])  # type: ignore[assignment]
    with mock.patch.object(answerer, "scored", wraps=answerer.scored) as scored:
        again = own._general_safety(1)
    assert scored.call_count == 1
    assert again == first


@pytest.mark.parametrize(
    "message",
    [
        "is gentle massage ok during radiation for breast cancer?",
        "what can massage help with?",
        "is there real science behind massage for people with cancer?",
        "my son has leukemia, can massage help kids with cancer and their nausea?",
        "where do I find a therapist trained in oncology massage near me?",
        "how strong is the evidence that massage helps fatigue?",
        "what do other patients say about massage after surgery?",
    ],
)
def test_a_questions_weighing_worked_out_once_scores_as_for_each_sentence(
    assistant: Assistant, message: str
) -> None:
    """``scored`` works out the question's side of the features once (``weighing``, from
    the frequencies of the question's own stems only); every sentence's features equal
    those worked out on its own from the frequencies of every stem."""
    answerer: ExtractiveAnswerer = assistant.backend.answerer  # type: ignore[attr-defined]
    focus = (read_message(message) or [read_question(message)])[0]
    result = assistant.retriever.retrieve(message)
    scored = answerer.scored(focus, result.vector, result.pool)
    assert scored
    found = [c for c, _, _ in scored]
    idf = _idf(found)
    assert set(_idf(found, focus.topics | focus.context).items()) <= set(idf.items())
    rank_of = {p.chunk.chunk_id: i for i, p in enumerate(result.pool)}
    for c, _, f in scored:
        alone = features(
            c,
            focus,
            f["similarity"],
            1.0 - rank_of[c.unit.passage.chunk.chunk_id] / len(result.pool),
            idf,
        )
        if f["kind"] != alone["kind"]:  # a caveat's strength set aside after scoring
            assert "strength" in c.kinds
            alone["kind"] = f["kind"]
        assert f == alone
    assert weighing(focus, idf) == weighing(focus, _idf(found, focus.topics | focus.context))


@pytest.mark.parametrize(
    "message",
    [
        # Hinglish and Taglish, read as English: their lists still run
        "mujhe saans nahi aa rahi, can massage help?",
        "gusto ko nang mamatay, is massage ok?",
        "main marna chahta hoon, is massage ok?",
        # read as English, with nothing in the mixed lists
        "is massage safe during chemo?",
        "my wife has bone mets, can she get a massage?",
    ],
)
def test_a_message_read_as_english_is_read_by_the_mixed_and_latin_lists_only(
    message: str,
) -> None:
    """On a message read as English the scan runs the concepts of the languages written
    mixed with English and those read in Latin letters, in their order: the same finding
    as every concept with the others skipped one by one."""
    words = vocabulary()
    assert words.read_with_english == tuple(
        c for c in words.concepts if c.latin or c.language in words.mixed_with_english
    )
    assert {c.language for c in words.read_with_english if not c.latin} == set(
        words.mixed_with_english
    )
    scan = _other_language_red_flag.__wrapped__  # not the kept findings
    found = scan(message, False, True, ("en",))
    with mock.patch.dict(words.__dict__, {"read_with_english": words.concepts}):
        every = scan(message, False, True, ("en",))
    assert found == every


@pytest.mark.parametrize(
    ("message", "detail"),
    [
        ("main ab jeena nahi chahta, massage se kya hoga", "suicidal_thoughts"),
        ("ayoko nang mabuhay, can massage help?", "suicidal_thoughts"),
        ("mujhe saans nahi aa rahi, can massage help?", "breathing"),
    ],
)
def test_the_mixed_lists_still_find_their_red_flags_on_a_message_read_as_english(
    message: str, detail: str
) -> None:
    """The concepts kept for an English reading still catch a red flag told in Hinglish
    or Taglish beside English words."""
    hit = find_other_language_red_flag(
        message, False, read_as_english=True, message_languages=("en",)
    )
    assert hit is not None and hit[1] == detail


def test_earlier_turns_are_scanned_for_other_languages_once(patterns_router: Router) -> None:
    """Routing reads every earlier user turn again on each turn; the other languages' scan
    of a turn already read is the finding kept for it, and the route is the one routed
    with nothing kept (a Taglish crisis two turns back is still found: the new question is
    answered after a safety reply)."""
    turns = [
        Turn("user", "ayoko nang mabuhay"),
        Turn("assistant", "...", Route.OUT_OF_SCOPE),
        Turn("user", "is massage safe during chemo?"),
        Turn("assistant", "...", Route.ANSWER),
    ]
    message = "and what about after surgery?"
    _other_language_red_flag.cache_clear()
    fresh = patterns_router.route(turns, message)
    hits = _other_language_red_flag.cache_info().hits
    assert patterns_router.route(turns, message) == fresh
    assert _other_language_red_flag.cache_info().hits >= hits + 3  # two earlier, this one
    assert fresh.after_safety  # answered, with the reminder of where to get help
