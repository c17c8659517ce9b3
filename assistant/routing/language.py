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

import hashlib
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..text import STOPWORDS, zipf

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
    "ja",
    "tr",
)
"""Candidates: English, Spanish and the other languages most spoken at home in the US, and
Japanese and Turkish (written in the blind sets by patients of the clinic's area)."""
LISTS_ONLY = ("nl", "ro")
"""Candidates with red-flag word lists only (no help line, no reading list): Dutch and
Romanian, which the identifier read as English or another language when not given them,
so that their lists did not run on most of their messages."""
LISTS_UNIDENTIFIED = ("el", "fa", "he", "id", "sw", "yo", "bn", "am")
"""Languages with red-flag word lists only that the identifier is not given (session 29):
Greek and Hebrew are undetermined by their script, Persian is read as Arabic, and most
Indonesian, Malay and Swahili messages as Tagalog, undetermined, or English with another
language as best guess; every list runs on such a message. Giving them to the identifier
would change the language (and help line) of other messages."""
_CANDIDATES = LANGUAGES + LISTS_ONLY
"""Every language the identifier may return (besides "undetermined")."""
FULL_SAFETY = ("en", "es")
"""Languages whose red flags are detected in full and that have their own safety replies;
in the others only the reviewed word lists find red flags (``other_languages.py``)."""
MIN_WORDS = 3
MIN_PROBABILITY = 0.9
UNDETERMINED = "und"
"""ISO 639-2 for a message that is not English but in no language of ``LANGUAGES``."""
FOREIGN_MIN_WORDS = 6
"""A message read as English of at least this many words, at most one of them a common
English word (Hungarian and Portuguese "a" is one), is in another language (Greek,
Swahili, Hungarian...)."""
_WORDS = re.compile(r"[^\W\d_]+")

_LOCK = threading.Lock()
_LOAD_LOCK = threading.Lock()
_IDENTIFIER: list[Any] = []
"""The identifier once loaded (a list so that loading needs no ``global``)."""


def _identifier(cache_dir: Path | None = None) -> Any:
    """py3langid's identifier restricted to ``LANGUAGES`` and ``LISTS_ONLY``, loaded once.

    Its packaged model is an LZMA-compressed file whose decompression is about 0.5 s of
    CPU of every start. With ``cache_dir`` the model's arrays, restricted to the
    columns of those languages, are kept there uncompressed (about 43 MB) after the first
    load, for the name of the packaged file, its size and its time, and read back in
    0.1 to 0.2 s: the same arrays, so the same identifier (tested on every suite
    message)."""
    with _LOAD_LOCK:
        if not _IDENTIFIER:
            _IDENTIFIER.append(_load_identifier(cache_dir))
        return _IDENTIFIER[0]


def _load_identifier(cache_dir: Path | None) -> Any:
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    packaged = MODEL_DIR / MODEL_FILE
    path = None if cache_dir is None else cache_dir / _cache_name(packaged)
    if path is not None:
        try:
            with np.load(path, allow_pickle=False) as data:
                identifier = LanguageIdentifier(
                    data["ptc"],
                    data["pc"],
                    data["classes"].tolist(),
                    _to_array(data["nextmove"]),
                    data["output"].tolist(),
                    norm_probs=True,
                    tk_row=_to_array(data["row"]),
                )
            identifier.set_languages(list(_CANDIDATES))
            return identifier
        except (OSError, ValueError, KeyError):
            pass  # absent or unreadable: loaded from the packaged model and written again
    identifier = LanguageIdentifier.from_modelpath(packaged, norm_probs=True)
    identifier.set_languages(list(_CANDIDATES))
    if path is not None:
        _save(path, identifier)
    return identifier


def _cache_name(packaged: Path) -> str:
    stat = packaged.stat()
    key = f"{packaged}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00{','.join(_CANDIDATES)}"
    return f"language-model-{hashlib.sha256(key.encode()).hexdigest()[:16]}.npz"


def _save(path: Path, identifier: Any) -> None:
    """The restricted model's arrays, written whole or not at all."""
    import numpy as np

    from ..array_cache import save_arrays

    save_arrays(
        path,
        ptc=identifier.nb_ptc,
        pc=identifier.nb_pc,
        classes=np.array(identifier.nb_classes),
        nextmove=np.asarray(identifier.tk_nextmove),
        row=np.asarray(identifier.tk_row),
        output=np.array(identifier.tk_output, dtype=np.int32),
    )


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


def undetermined(text: str, guess: str, mixed_with_english: frozenset[str]) -> bool:
    """Whether a message the identifier reads as English is in fact in a language it was
    not given: mostly in a script other than Latin (Greek, Hebrew, Thai), or a longer
    message with at most one common English word ("a", "is", "my") whose best guess is
    not English. Languages usually written mixed with English (``mixed_with_english``:
    Hinglish, Taglish) stay English, to be answered from the English words they use."""
    if _non_latin(text):
        return True
    return _guessed_foreign(
        text, guess, mixed_with_english, min_words=FOREIGN_MIN_WORDS, english_words=1
    )


def reads_as_another_language(text: str, guess: str, mixed_with_english: frozenset[str]) -> bool:
    """Whether a short message read as English (too short for the identifier to be sure)
    holds no common English word ("a", "is", "my") and is most likely in another language:
    "socorro", "Hilfe bitte", "Pocięłam się". Only asked of a message that would otherwise
    be declined as off topic, so that it gets the "English only" reply with the numbers."""
    return _guessed_foreign(text, guess, mixed_with_english, min_words=1, english_words=0)


def _guessed_foreign(
    text: str, guess: str, mixed_with_english: frozenset[str], *, min_words: int, english_words: int
) -> bool:
    """The identifier's best guess is a language not usually mixed with English, the
    message has at least ``min_words`` words and at most ``english_words`` of them are
    common English words."""
    words = _WORDS.findall(text.lower())
    return (
        guess != "en"
        and guess not in mixed_with_english
        and len(words) >= min_words
        and sum(w in STOPWORDS for w in words) <= english_words
    )


ENGLISH_ZIPF = 3.0
"""A word at least this frequent in general English (``wordfreq``'s Zipf scale; the floor of
its small English list) counts as an English word in ``few_english_words``."""
LONG_WORD = 7
LONG_ZIPF = 1.5
"""So does a word of ``LONG_WORD`` letters or more this frequent: medical English is rare in
general English ("neutropenia" 2.2, "docetaxel" 1.9) but known to it, long words of the
languages read as English mostly are not ("ninafikiria", "kiimoterabi": 0)."""
ENGLISH_SHARE = 0.5
"""A message of two words or more with less than this share of such words does not read
as English."""
ENGLISH_SHARE_GUESSED = 0.75
"""Nor does one of ``GUESSED_MIN_WORDS`` words or more with less than this share whose best
guess is another language: Hausa or Somali share short words with English ("so", "in",
"ban", "dare")."""
GUESSED_MIN_WORDS = 5
"""Shorter English is often guessed another language ("lymphedema arm massage??": Portuguese)."""


def few_english_words(text: str, guess: str) -> bool:
    """Whether a message the identifier read as English has too few words of general
    English (``ENGLISH_ZIPF``) to be English: a language the identifier was not given
    (Somali, Hausa, Zulu, Swahili...) is often read as English, and its red flags were then
    asked of the English lists only (docs/routing.md, "s34-10"). ``guess``: the
    identifier's best guess. On every English-read user turn of the team's suites and
    train halves only romanised Hindi, Urdu and Vietnamese are."""
    words = _WORDS.findall(text.lower())
    english = sum(zipf(w) >= (LONG_ZIPF if len(w) >= LONG_WORD else ENGLISH_ZIPF) for w in words)
    if len(words) >= 2 and english < ENGLISH_SHARE * len(words):
        return True
    return (
        guess != "en"
        and len(words) >= GUESSED_MIN_WORDS
        and english < ENGLISH_SHARE_GUESSED * len(words)
    )


def _non_latin(text: str) -> bool:
    """Scripts that are not English whatever their length (Chinese, Arabic, Korean...)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(ord(c) > 0x24F for c in letters) > len(letters) / 2


def warm_up(cache_dir: Path | None = None) -> None:
    """Load the model now rather than on the first message, kept in ``cache_dir`` when
    given (see ``_identifier``)."""
    _identifier(cache_dir)
    detect("is massage safe during chemotherapy treatment")
