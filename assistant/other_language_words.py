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

import yaml

RESOURCE = "other_language_words.yaml"


@dataclass(frozen=True)
class _Language:
    pattern: re.Pattern[str]
    english_for: dict[str, str]


def fold(text: str) -> str:
    """Lower case, accents kept, hyphens and punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@cache
def _languages() -> dict[str, _Language]:
    data: Any = yaml.safe_load(resources.files("assistant").joinpath(RESOURCE).read_text("utf-8"))
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
        found[str(code)] = _Language(re.compile(pattern), english_for)
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
