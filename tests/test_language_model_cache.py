"""The language identifier read from its uncompressed copy in the data folder is the one
loaded from py3langid's packaged (LZMA) model: the same guesses and probabilities."""

from __future__ import annotations

from pathlib import Path

import pytest
from suite_messages import suite_messages

from assistant.routing import language


@pytest.mark.slow
def test_the_cached_model_classifies_every_suite_message_the_same(tmp_path: Path) -> None:
    packaged = language._load_identifier(None)
    written = language._load_identifier(tmp_path)  # loads the packaged one, writes the copy
    (copy,) = tmp_path.glob("language-model-*.npz")
    read = language._load_identifier(tmp_path)
    assert copy.stat().st_size > 1_000_000
    assert read.nb_classes == packaged.nb_classes
    messages = suite_messages()
    assert len(messages) > 1000
    guesses = set()
    for text in messages:
        expected = packaged.classify(text)
        assert written.classify(text) == expected, text
        assert read.classify(text) == expected, text
        guesses.add(expected[0])
    assert {"en", "es", "fr", "pt", "zh"} <= guesses


def test_an_unreadable_copy_is_replaced(tmp_path: Path) -> None:
    language._load_identifier(tmp_path)
    (copy,) = tmp_path.glob("language-model-*.npz")
    copy.write_bytes(b"not a model")
    identifier = language._load_identifier(tmp_path)
    assert identifier.classify("¿Es seguro un masaje durante la quimioterapia?")[0] == "es"
    assert copy.stat().st_size > 1_000_000  # written again


def test_a_data_folder_that_cannot_be_written_still_identifies(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    identifier = language._load_identifier(blocked / "cache")
    assert identifier.classify("Is massage safe during chemotherapy?")[0] == "en"
    assert blocked.read_text() == "not a folder"
