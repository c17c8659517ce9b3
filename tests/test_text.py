"""The shared text helpers: one accent stripper for every language check."""

from __future__ import annotations

import pytest

from assistant.other_language_words import plain
from assistant.routing.normalise import fold
from assistant.text import strip_marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿Está bien?", "¿Esta bien?"),
        ("Não consigo respirar", "Nao consigo respirar"),
        ("đau ngực", "dau nguc"),
        ("Łódź", "Lodz"),
        ("crème brûlée", "creme brulee"),
        ("숨을 못 쉬어요", "숨을 못 쉬어요"),  # Korean syllables stay whole
        ("ｆｕｌｌ ｗｉｄｔｈ", "full width"),
    ],
)
def test_strip_marks_drops_accents_and_keeps_letters_whole(text: str, expected: str) -> None:
    assert strip_marks(text) == expected


def test_every_fold_strips_marks_the_same_way() -> None:
    assert plain("Plaquetas ESTÁN bajas") == "plaquetas estan bajas"
    assert fold("Tengo FIEBRE y estoy en quimioterapía") == "tengo fiebre y estoy en quimioterapia"
