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
from collections.abc import Iterable
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
class _Guard:
    """What counts as read in a message of a guarded language, beyond the reading list
    and the care words: the language's function words (a maintained stop-word list, less
    ``not_function_words``), the reviewed ``understood`` words, and the clitics a word may
    carry (``prefixes``, ``suffixes``: Arabic "و", "ال", "بال"...). All folded by ``plain``."""

    words: frozenset[str]
    phrases: re.Pattern[str]
    never_read: re.Pattern[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class _Language:
    pattern: re.Pattern[str]
    english_for: dict[str, str]
    care: _Care | None = None
    guard: _Guard | None = None


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


def _word_list(spec: dict[str, Any], key: str, where: str) -> list[str]:
    value = spec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"{where}.{key} must be a list of words")
    return value


def _function_words(language: str) -> set[str]:
    """The language's function words from the maintained stop-word list (Stopwords ISO,
    the ``stopwordsiso`` package); imported here, on first use, not at import time."""
    import stopwordsiso

    if not stopwordsiso.has_lang(language):
        raise ValueError(f"{RESOURCE}: no stop-word list for {language!r} to guard it with")
    return stopwordsiso.stopwords(language)


def _guard(spec: Any, code: str, known: list[str], care: Any, where: str) -> _Guard | None:
    """The guard of a language (``guard`` in the data), or None for a language whose
    messages are read without it. ``known``: the reading list's words."""
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise ValueError(f"{where} must be a mapping")
    unknown = set(spec) - {"understood", "not_function_words", "never_read", "prefixes", "suffixes"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    excluded = {plain(w) for w in _word_list(spec, "not_function_words", where)}
    function = {plain(w) for w in _function_words(code)} - excluded
    care_words = [
        w
        for part in (care or {}).values()
        for words in (part.values() if isinstance(part, dict) else [part])
        if isinstance(words, list)
        for w in words
    ]
    read = {plain(w) for w in [*known, *care_words, *_word_list(spec, "understood", where)]}
    single = {w for w in read | function if w and " " not in w}
    multi = [w for w in read if " " in w]

    def affixes(key: str) -> tuple[str, ...]:
        return tuple(sorted({plain(w) for w in _word_list(spec, key, where)}, key=len))

    prefixes, suffixes = affixes("prefixes"), affixes("suffixes")
    # A phrase is read only whole ("rak piersi" is breast cancer; "piersi" alone may be
    # the chest of "ból w piersi"), with the clitics a word may carry at its two ends.
    phrases = re.compile(
        rf"(?<!\w){_alternatives(prefixes)}?{_alternatives(multi)}{_alternatives(suffixes)}?(?!\w)"
        if multi
        else r"(?!)"
    )
    never_read = [plain(w) for w in _word_list(spec, "never_read", where)]
    never = re.compile(rf"(?<!\w){_alternatives(never_read)}(?!\w)")
    return _Guard(frozenset(single), phrases, never, prefixes, suffixes)


def _alternatives(words: Iterable[str]) -> str:
    """A regex group of ``words``, longest first (the longer phrase wins)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


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
        guard = _guard(
            spec.get("guard"), str(code), list(english_for), spec.get("care"), f"{where}.guard"
        )
        found[str(code)] = _Language(re.compile(pattern), english_for, care, guard)
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


def _read(word: str, guard: _Guard) -> bool:
    """Whether one word is read: listed, or a listed word with clitics joined to it."""
    if word in guard.words:
        return True
    for prefix in ("", *guard.prefixes):
        if not word.startswith(prefix):
            continue
        for suffix in ("", *guard.suffixes):
            core = word[len(prefix) : len(word) - len(suffix)]
            if (
                (prefix or suffix)
                and word.endswith(suffix)
                and len(core) > 1
                and core in guard.words
            ):
                return True
    return False


def unread_words(message: str, language: str) -> tuple[str, ...]:
    """The words of ``message`` that nothing reviewed reads, in a language with a guard:
    neither the reading list, the care words, the ``understood`` words nor the language's
    function words. A message with any is not answered (it may tell something the lists
    cannot read, a red flag the red-flag vocabularies miss: it keeps the "English only"
    reply, which gives the numbers first). Empty for a language without a guard."""
    vocabulary = _languages().get(language)
    guard = vocabulary.guard if vocabulary is not None else None
    if guard is None:
        return ()
    text = plain(message)
    never = tuple(m.group(0) for m in guard.never_read.finditer(text))
    text = guard.phrases.sub(" ", guard.never_read.sub(" ", text))
    return never + tuple(w for w in text.split() if not _read(w, guard))


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
