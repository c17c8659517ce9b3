"""Which language a message is written in, with a maintained language identifier.

py3langid (a maintained fork of langid.py, its model shipped in the package,
no download) restricted to the languages patients here are likely to write.
Short messages are unreliable for any identifier, so a message counts as
non-English only when it has a few words and the identifier is confident;
otherwise it is read as English. The safety vocabularies (English and
Spanish) run on every message whatever this says: the language only decides
the language of the reply.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Any

LANGUAGES = (
    "en",
    "es",
    "fr",
    "pt",
    "de",
    "it",
    "zh",
    "vi",
    "ar",
    "ko",
    "ru",
    "tl",
    "pl",
    "ht",
    "hi",
)
"""Candidates: English, Spanish and the other languages most spoken at home in the US."""
FULL_SAFETY = ("en", "es")
"""Languages whose red flags are detected in full and that have their own safety replies;
in the others only the reviewed word lists find red flags (``other_languages.py``)."""
MIN_WORDS = 3
MIN_PROBABILITY = 0.9

_LOCK = threading.Lock()


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


@lru_cache(maxsize=4096)
def identify(text: str) -> tuple[str, str]:
    """The language (an ISO 639-1 code; ``en`` unless the message is clearly in another
    language) and the identifier's best guess whatever its confidence or the message's
    length ("quero morrer" is too short to be sure of, but is most likely Portuguese)."""
    if not any(c.isalpha() for c in text):
        return "en", "en"
    with _LOCK:
        guess, probability = _identifier().classify(text)
    guess = str(guess)
    if len(text.split()) < MIN_WORDS and not _non_latin(text):
        return "en", guess
    return (guess if probability >= MIN_PROBABILITY else "en"), guess


def detect(text: str) -> str:
    """An ISO 639-1 code; ``en`` unless the message is clearly in another language."""
    return identify(text)[0]


def _non_latin(text: str) -> bool:
    """Scripts that are not English whatever their length (Chinese, Arabic, Korean...)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(ord(c) > 0x24F for c in letters) > len(letters) / 2


def warm_up() -> None:
    """Load the model now (about 0.2 s) rather than on the first message."""
    detect("is massage safe during chemotherapy treatment")
