"""Reading a general question in another language as the English words it names.

The reviewed data is ``other_language_words.yaml``; this module only matches it.
``english_reading("Massagem ajuda com o enjoo da quimio?", "pt")`` is
``"massage help nausea chemotherapy?"``: retrieval, the coverage check and the
answer read that, so the reply quotes the English sources. Red flags are never
read here (the safety vocabularies run on every message first).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .schema import Asker
from .text import load_yaml, strip_marks

RESOURCE = "other_language_words.yaml"


CARE_TOPICS = ("medicine", "device_site", "blood_counts", "bone_mets")
"""The care topics a question in another language can name (``care.topics`` in the
data, in this order of priority); each is a topic of the clinical reply."""


@dataclass(frozen=True)
class _Care:
    ask: re.Pattern[str]
    self_: re.Pattern[str]
    other: re.Pattern[str]
    ignore: re.Pattern[str] | None
    topics: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class PersonalCare:
    """A question about one person's own care: the care topic and whose care it is."""

    topic: str
    asker: Asker


@dataclass(frozen=True)
class _Language:
    pattern: re.Pattern[str]
    english_for: dict[str, str]
    care: _Care | None = None


def fold(text: str) -> str:
    """Lower case, accents kept, hyphens and punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def plain(text: str) -> str:
    """``fold`` without accents ("plaquetas están" and "plaquetas estan" match alike)."""
    return strip_marks(fold(text))


def _words_pattern(words: list[str], spaced: bool, where: str) -> re.Pattern[str]:
    folded = sorted({plain(w) for w in words}, key=lambda w: (-len(w), w))
    if not folded or not all(folded):
        raise ValueError(f"{where} needs a list of non-empty words")
    alternatives = "|".join(re.escape(w) for w in folded)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if spaced else rf"(?:{alternatives})")


def _care(spec: Any, spaced: bool, where: str) -> _Care | None:
    if spec is None:
        return None
    if not isinstance(spec, dict) or not isinstance(spec.get("topics"), dict):
        raise ValueError(f"{where} needs 'topics', a mapping of care topic to words")

    def words(key: str) -> list[str]:
        value = spec.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ValueError(f"{where}.{key} must be a list of words")
        return value

    unknown = set(spec["topics"]) - set(CARE_TOPICS)
    if unknown:
        raise ValueError(f"{where}.topics: unknown care topics {sorted(unknown)}")
    topics = tuple(
        (name, _words_pattern(words_, spaced, f"{where}.topics.{name}"))
        for name in CARE_TOPICS
        if isinstance(words_ := spec["topics"].get(name), list)
    )
    if len(topics) != len(spec["topics"]):
        raise ValueError(f"{where}.topics: each topic needs a list of words")
    ignore = (
        _words_pattern(words("ignore"), spaced, f"{where}.ignore") if "ignore" in spec else None
    )
    return _Care(
        ask=_words_pattern(words("ask"), spaced, f"{where}.ask"),
        self_=_words_pattern(words("self"), spaced, f"{where}.self"),
        other=_words_pattern(words("other"), spaced, f"{where}.other"),
        ignore=ignore,
        topics=topics,
    )


@cache
def _languages() -> dict[str, _Language]:
    data: Any = load_yaml(resources.files("assistant").joinpath(RESOURCE).read_text("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict):
        raise ValueError(f"{RESOURCE}: expected a mapping 'languages'")
    found: dict[str, _Language] = {}
    for code, spec in data["languages"].items():
        where = f"{RESOURCE}: languages.{code}"
        if not isinstance(spec, dict) or not isinstance(spec.get("words"), list):
            raise ValueError(f"{where} needs 'words', a list")
        spaced = spec.get("spaced", True)
        if not isinstance(spaced, bool):
            raise ValueError(f"{where}.spaced must be true or false")
        english_for: dict[str, str] = {}
        for i, entry in enumerate(spec["words"]):
            english = entry.get("english") if isinstance(entry, dict) else None
            words = entry.get("words") if isinstance(entry, dict) else None
            if not isinstance(english, str) or not english.strip():
                raise ValueError(f"{where}.words[{i}] needs an 'english' word")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"{where}.words[{i}] needs a list of 'words'")
            for word in words:
                folded = fold(word)
                if not folded:
                    raise ValueError(f"{where}.words[{i}] has an empty word")
                if english_for.setdefault(folded, english.strip()) != english.strip():
                    raise ValueError(f"{where}: {word!r} is given two meanings")
        alternatives = "|".join(
            re.escape(w) for w in sorted(english_for, key=lambda w: (-len(w), w))
        )
        pattern = rf"(?<!\w)(?:{alternatives})(?!\w)" if spaced else rf"(?:{alternatives})"
        care = _care(spec.get("care"), spaced, f"{where}.care")
        found[str(code)] = _Language(re.compile(pattern), english_for, care)
    return found


def languages() -> tuple[str, ...]:
    """The languages whose general questions can be read (ISO 639-1 codes)."""
    return tuple(_languages())


def english_reading(message: str, language: str) -> str | None:
    """The English words ``message`` names, in order, as a question; None when the
    language has no vocabulary or the message names none of its words."""
    vocabulary = _languages().get(language)
    if vocabulary is None:
        return None
    words = [vocabulary.english_for[m.group(0)] for m in vocabulary.pattern.finditer(fold(message))]
    if not words:
        return None
    return " ".join(dict.fromkeys(words)) + "?"


def personal_care(message: str, language: str) -> PersonalCare | None:
    """The care topic of a question about one person's own care in ``language`` (stopping
    a medicine, a port or drain, blood counts, bone metastases) that names the person (the
    writer, or someone they look after) and asks whether something may be done; None for
    a general question ("¿es seguro el masaje con un port?") or a language without the
    reviewed ``care`` words."""
    vocabulary = _languages().get(language)
    care = vocabulary.care if vocabulary is not None else None
    if care is None:
        return None
    text = plain(message)
    if care.ignore is not None:
        text = care.ignore.sub(" ", text)
    topic = next((name for name, pattern in care.topics if pattern.search(text)), None)
    if topic is None or care.ask.search(text) is None:
        return None
    if care.other.search(text):
        return PersonalCare(topic, "other")
    if care.self_.search(text):
        return PersonalCare(topic, "self")
    return None
