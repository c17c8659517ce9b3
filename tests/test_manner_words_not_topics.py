"""Words of how a question is put are not what it is about (issue 11, docs/retrieval.md
"s35-11"): "does it usually include hot stones?" asks about hot stones, so a sentence
"Negative emotions, including anger: ..." shares nothing with it; "her sister keeps saying"
tells who said it. Wordings written for this change, none from a suite."""

from __future__ import annotations

import pytest

from assistant.answering.intent import topic_stems
from assistant.text import stems


@pytest.mark.parametrize(
    ("message", "topic", "manner"),
    [
        ("does a typical oncology session include aromatherapy?", "aromatherapy", "includes"),
        ("are scented oils included in a cancer massage?", "aromatherapy", "included"),
        ("my aunt keeps telling me to book one for the nausea, will it help?", "nausea", "keeps"),
        ("I kept wondering if it helps with neuropathy", "neuropathy", "kept"),
    ],
)
def test_how_it_is_asked_is_not_the_topic(message: str, topic: str, manner: str) -> None:
    found = topic_stems(message)
    assert set(stems([topic])) <= found
    assert not set(stems([manner])) & found
