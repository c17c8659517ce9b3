"""The retriever's copy of scikit-learn's English stop list (kept so a start does not
import scikit-learn) is the list scikit-learn ships."""

from __future__ import annotations

from assistant.retrieval import ENGLISH_STOP_WORDS, _not_topic_stems
from assistant.text import stems


def test_the_copied_stop_list_is_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as shipped

    assert shipped == ENGLISH_STOP_WORDS
    assert len(ENGLISH_STOP_WORDS) == 318


def test_topic_words_of_the_stop_list_stay_topic_words() -> None:
    keep = _not_topic_stems()
    assert set(stems(["the", "whereupon", "trying"])) <= keep
    assert not set(stems(["back", "system", "massage"])) & keep
