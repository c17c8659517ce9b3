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


def test_closest_spelling_finds_what_difflib_over_every_word_finds() -> None:
    """The letter-count shortcut (``LetterTable.candidates``) and the per-word cache give
    difflib's own answer over the whole vocabulary, for misspellings made here (a letter
    dropped, doubled or swapped) and for words no vocabulary word is near."""
    import difflib

    from assistant.patient_words import _SPELLING_CUTOFF, _closest_spelling, _spelling_words

    words = _spelling_words()
    typed = ["qzxv", "zzzzzzzz", "massagee", "acheing", "tireddness", "sleeeping"]
    for word in words[:: max(1, len(words) // 60)]:
        typed += [word[1:], word[:-1] + word[-1] * 2, word[1] + word[0] + word[2:]]
    for word in typed:
        every = difflib.get_close_matches(word, words, n=1, cutoff=_SPELLING_CUTOFF)
        assert _closest_spelling(word) == (every[0] if every else None), word
