"""patient_words finds lay phrases by a dictionary lookup of word runs: exactly what the
one regex alternation of every phrase (longest first, whole words) found before."""

from __future__ import annotations

import random
import re

import pytest
from suite_messages import suite_messages

from assistant import patient_words
from assistant.patient_words import _found, _vocabulary, expand, fold


def _alternation() -> re.Pattern[str]:
    """The former matcher, built from the same vocabulary."""
    vocab = _vocabulary()
    phrases = sorted(set(vocab.corpus_for) | set(vocab.absent_for), key=lambda p: (-len(p), p))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def _generated(count: int) -> list[str]:
    """Texts made of vocabulary phrases, their prefixes and suffixes, and filler words:
    overlapping and nested phrases, phrases inside longer words, accents, punctuation."""
    vocab = _vocabulary()
    phrases = sorted(set(vocab.corpus_for) | set(vocab.absent_for))
    rng = random.Random(15)
    fillers = ["my", "the", "and", "é", "x", "-", ",", "s", "2", "_", "it's", "NUMB", "\t"]
    texts = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 8)):
            phrase = rng.choice(phrases)
            choice = rng.random()
            if choice < 0.15:
                phrase = phrase[: rng.randint(1, len(phrase))]
            elif choice < 0.3:
                phrase = phrase[rng.randint(0, len(phrase) - 1) :]
            pieces.append(phrase)
            if rng.random() < 0.5:
                pieces.append(rng.choice(fillers))
        texts.append(rng.choice(["", " ", "-"]).join(pieces))
    return texts


@pytest.mark.slow
def test_same_matches_as_the_former_alternation() -> None:
    pattern = _alternation()
    vocab = _vocabulary()
    messages = suite_messages()
    assert len(messages) > 1000
    found_any = 0
    for message in [*messages, *_generated(20000)]:
        folded = fold(message)
        expected = [(m.group(0), m.span()) for m in pattern.finditer(folded)]
        assert list(_found(vocab, folded)) == expected, message
        found_any += bool(expected)
    assert found_any > 1000


def test_longest_phrase_at_a_word_wins_and_spans_index_the_folded_text() -> None:
    reading = expand("Lymph nodes removed; numb tingly feet?")
    folded = fold("Lymph nodes removed; numb tingly feet?")
    assert reading.matched, "the vocabulary should know these lay words"
    for phrase, (start, end) in zip(reading.matched, reading.spans, strict=True):
        assert folded[start:end] == phrase
    assert expand("").matched == ()
    assert patient_words.expand("xyzzy plugh").matched == ()
