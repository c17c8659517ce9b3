"""Reading a question in the sources' words: lay terms, abbreviations and brand names.

The reviewed data is ``patient_words.yaml``; this module only matches it.
``expand(message)`` returns what the message says in the sources' terms (for
retrieval and the coverage check) and which conditions it names that the
sources do not cover (for an honest "not covered").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .text import LetterTable, load_yaml, zipf

RESOURCE = "patient_words.yaml"


@dataclass(frozen=True)
class Reading:
    """A message read against the vocabulary."""

    corpus_terms: tuple[str, ...]
    """Corpus words and phrases the message's lay words stand for, in order found."""
    matched: tuple[str, ...]
    """The lay words and phrases that were matched (folded form)."""
    absent: tuple[str, ...]
    """Names of conditions or treatments the message mentions that the sources do not cover."""
    spans: tuple[tuple[int, int], ...] = ()
    """Where each matched phrase lies in ``fold(message)`` (start, end), in order."""
    meanings: tuple[tuple[str, bool], ...] = ()
    """For each matched phrase: its corpus term, or (``True``) the uncovered condition's name."""
    roles: tuple[str, ...] = ()
    """For each matched phrase: ``topic`` (what the question is about), ``asks`` (what kind
    of question it is: "is it safe", "is it proven") or ``group`` (who it is about)."""
    kinds: tuple[str | None, ...] = ()
    """For each matched phrase: its ``kind`` (``symptom``, ``treatment``, ``safety``)."""

    @property
    def symptoms_apart(self) -> bool:
        """A covered symptom or condition is named beside uncovered symptoms or conditions
        ("brain fog and exhausted", "bone mets and a port"),
        or beside an uncovered treatment told as the cause when safety is not asked
        ("tired from rads"): the covered symptoms can be answered on their own."""
        named = list(zip(self.meanings, self.kinds, strict=True))
        uncovered = [kind for (_, absent), kind in named if absent]
        covered = [kind for (_, absent), kind in named if not absent]
        if "safety" in covered:
            allowed = {"symptom", "condition", "device"}
        else:
            allowed = {"symptom", "treatment", "condition", "device"}
        return (
            bool(uncovered)
            and all(k in allowed for k in uncovered)
            and bool({"symptom", "condition"} & set(covered))
        )

    @property
    def circumstances_apart(self) -> bool:
        """Every uncovered name is a device ("with a drain still in", "my ostomy"), or a
        treatment when safety is not asked ("nausea during radiation"): the circumstance of
        a question whose rest may be covered without it (``coverage(beside_absent=True)``),
        unless nothing of its own is left ("is massage safe with a port?")."""
        named = list(zip(self.meanings, self.kinds, strict=True))
        uncovered = [kind for (_, absent), kind in named if absent]
        safety = any(kind == "safety" for (_, absent), kind in named if not absent)
        allowed = {"device"} if safety else {"device", "treatment"}
        return bool(uncovered) and all(kind in allowed for kind in uncovered)

    def terms_in_role(self, role: str) -> tuple[str, ...]:
        """The corpus terms of the matched phrases that play ``role``."""
        return tuple(
            dict.fromkeys(
                term
                for (term, absent), r in zip(self.meanings, self.roles, strict=True)
                if r == role and not absent
            )
        )

    def outside(self, message: str) -> str:
        """``fold(message)`` with the matched phrases taken out (the words left to check)."""
        folded = fold(message)
        parts: list[str] = []
        last = 0
        for start, end in self.spans:
            parts.append(folded[last:start])
            last = end
        parts.append(folded[last:])
        return " ".join(" ".join(parts).split())

    def query(self, message: str) -> str:
        """The message with its corpus terms appended (for BM25 and the embedded query)."""
        extra = " ".join(t for t in self.corpus_terms if t not in message.lower())
        return f"{message} {extra}".strip()

    def rewritten(self, message: str) -> str:
        """The message in the sources' words: each matched lay phrase replaced by its
        corpus term, and a phrase naming an uncovered condition by that condition's name.

        The coverage check reads this, so "numb tingly feet" counts as "peripheral
        neuropathy" (covered) rather than three words the pages never use, and
        "lymph nodes removed" as "lymphedema" (not covered).
        """
        vocab = _vocabulary()
        folded = fold(message)
        if not self.spans:
            return folded
        parts: list[str] = []
        last = 0
        for start, end in self.spans:
            phrase = folded[start:end]
            parts.append(folded[last:start])
            parts.append(vocab.corpus_for.get(phrase) or vocab.absent_for.get(phrase) or phrase)
            last = end
        parts.append(folded[last:])
        return " ".join("".join(parts).split())


def fold(text: str) -> str:
    """Lower case, accents kept, apostrophes dropped, other punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"['’`]", "", text)
    return " ".join(re.sub(r"[^\w\s-]", " ", text).replace("-", " ").split())


ROLES = ("topic", "asks", "group")


@dataclass(frozen=True)
class _Vocabulary:
    longest: int
    """The most words in one phrase."""
    corpus_for: dict[str, str]
    absent_for: dict[str, str]
    role_of: dict[str, str]
    kind_of: dict[str, str]
    """The ``kind`` of corpus terms and absent names that have one."""


_CHOICE = re.compile(r"\{([^{}]*)\}")


def spelled_out(phrase: str) -> list[str]:
    """Every phrase a pattern stands for: "spread to {the|my} {bones|spine}" gives four.

    An empty choice drops the word: "{really |}down" is "really down" and "down".
    """
    match = _CHOICE.search(phrase)
    if not match:
        return [phrase]
    head, tail = phrase[: match.start()], phrase[match.end() :]
    return [p for choice in match.group(1).split("|") for p in spelled_out(head + choice + tail)]


def _phrases(entry: Any, key: str, where: str) -> list[str]:
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{RESOURCE}: {where} needs a non-empty list of words in {key!r}")
    phrases = [fold(p) for v in value for p in spelled_out(v)]
    return [p for p in phrases if p]


@cache
def _vocabulary() -> _Vocabulary:
    data: Any = load_yaml(resources.files("assistant").joinpath(RESOURCE).read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{RESOURCE}: expected a mapping with 'terms' and 'absent'")
    corpus_for: dict[str, str] = {}
    absent_for: dict[str, str] = {}
    role_of: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    for i, entry in enumerate(data.get("terms") or []):
        corpus = entry.get("corpus") if isinstance(entry, dict) else None
        if not isinstance(corpus, str) or not corpus.strip():
            raise ValueError(f"{RESOURCE}: terms[{i}] needs a 'corpus' word")
        role = entry.get("role", "topic")
        if role not in ROLES:
            raise ValueError(f"{RESOURCE}: terms[{i}] role must be one of {', '.join(ROLES)}")
        if role_of.setdefault(corpus.strip(), role) != role:
            raise ValueError(f"{RESOURCE}: terms[{i}] gives {corpus!r} a second role")
        if kind := _kind(entry, f"terms[{i}]"):
            kind_of[corpus.strip()] = kind
        for phrase in _phrases(entry, "lay", f"terms[{i}]"):
            corpus_for.setdefault(phrase, corpus.strip())
    for i, entry in enumerate(data.get("absent") or []):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{RESOURCE}: absent[{i}] needs a 'name'")
        if kind := _kind(entry, f"absent[{i}]"):
            kind_of[name.strip()] = kind
        for phrase in _phrases(entry, "lay", f"absent[{i}]"):
            absent_for[phrase] = name.strip()
    longest = max((p.count(" ") + 1 for p in (*corpus_for, *absent_for)), default=0)
    return _Vocabulary(longest, corpus_for, absent_for, role_of, kind_of)


def _found(vocab: _Vocabulary, folded: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each phrase of the vocabulary in ``folded`` (``fold``'s output) and its span, left
    to right, the longest where several start at one word, none overlapping.

    A dictionary lookup of word runs, which finds exactly what one regex alternation of
    all phrases (longest first, between ``(?<!\\w)`` and ``(?!\\w)``) found: folded text
    and phrases are runs of word characters joined by single spaces, so a phrase can
    only start and end at a word's edges; compiling that alternation of some 2,100
    phrases took 0.15 to 0.2 s of CPU of every start.
    """
    words = folded.split(" ")
    starts: list[int] = []
    offset = 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + vocab.longest), i, -1):
            phrase = " ".join(words[i:j])
            if phrase in vocab.corpus_for or phrase in vocab.absent_for:
                yield phrase, (starts[i], starts[i] + len(phrase))
                i = j
                break
        else:
            i += 1


KINDS = ("symptom", "treatment", "safety", "detail", "condition", "device", "recipient")
"""``detail``: a fact the pages never give (a price, how long or how often), not a
condition: named as not covered, without the general safety sentences. ``device``:
something fitted or worn (a port, a drain, a stent), set apart from a question it is
only the circumstance of (``Reading.circumstances_apart``). ``recipient``: someone the
massage would be for whom the sources never discuss (the caregiver): never set apart
from a symptom named beside it ("exhausted"), which is theirs, not a patient's."""


def conditions(names: tuple[str, ...]) -> tuple[str, ...]:
    """The absent ``names`` that are conditions, treatments or kinds of massage (not a
    ``detail`` such as a price): the ones the general safety sentences apply to."""
    kind_of = _vocabulary().kind_of
    return tuple(n for n in names if kind_of.get(n) != "detail")


def _kind(entry: dict[str, Any], where: str) -> str | None:
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"{RESOURCE}: {where} kind must be one of {', '.join(KINDS)}")
    return kind


@lru_cache(maxsize=4096)
def expand(message: str) -> Reading:
    """The corpus terms and uncovered conditions that ``message`` names in lay words.

    Kept for recent texts (a ``Reading`` is frozen and the vocabulary is read once): a
    turn reads the message, its earlier turns and the fixed searches several times."""
    vocab = _vocabulary()
    folded = fold(message)
    terms: list[str] = []
    matched: list[str] = []
    absent: list[str] = []
    spans: list[tuple[int, int]] = []
    meanings: list[tuple[str, bool]] = []
    roles: list[str] = []
    kinds: list[str | None] = []
    for phrase, span in _found(vocab, folded):
        matched.append(phrase)
        spans.append(span)
        if phrase in vocab.absent_for:
            name = vocab.absent_for[phrase]
            meanings.append((name, True))
            kinds.append(vocab.kind_of.get(name))
            roles.append("topic")
            if name not in absent:
                absent.append(name)
            continue
        corpus = vocab.corpus_for[phrase]
        meanings.append((corpus, False))
        kinds.append(vocab.kind_of.get(corpus))
        roles.append(vocab.role_of[corpus])
        if corpus not in terms:
            terms.append(corpus)
    return Reading(
        tuple(terms),
        tuple(matched),
        tuple(absent),
        tuple(spans),
        tuple(meanings),
        tuple(roles),
        tuple(kinds),
    )


_TYPO_ZIPF = 1.0
"""A word general English has not seen (``wordfreq`` Zipf under this: "depresion",
"neuropothy") may be a misspelling; a real word ("lying", "brian") never is."""
_SPELLING_CUTOFF = 0.8
"""How alike a misspelt word and a vocabulary word must be (``difflib`` ratio)."""
_MIN_SPELLED = 5
"""Shorter words are left as typed: too few letters to tell a typo from another word."""
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _spelling_words() -> tuple[str, ...]:
    """Every word of the vocabulary's lay phrases, corpus terms and uncovered names, the
    words a misspelling is read as (``respelled``)."""
    vocab = _vocabulary()
    phrases = [*vocab.corpus_for, *vocab.corpus_for.values(), *vocab.absent_for]
    words = {w for p in phrases for w in _WORD.findall(fold(p)) if len(w) >= _MIN_SPELLED}
    return tuple(sorted(words))


def respelled(message: str, known: Callable[[str], bool]) -> str:
    """``message`` with each word general English does not know (``_TYPO_ZIPF``) and
    ``known`` does not accept (the corpus's own words) replaced by the vocabulary word it
    most likely meant: "depresion" is read as "depression", "lymphadema" as "lymphedema",
    so the lay phrase or the uncovered name is matched as if spelt right. A word written
    with a capital inside a sentence or in capitals (a name: "Maricopa", "REP") is left as
    typed, and so is any word no vocabulary word is close to."""

    def fixed(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        name = word.isupper() or (word[0].isupper() and not _starts(message, match.start()))
        if len(lower) < _MIN_SPELLED or name or zipf(lower) >= _TYPO_ZIPF or known(lower):
            return word
        close = _closest_spelling(lower)
        return close if close is not None and close != lower else word

    return _WORD.sub(fixed, message)


@lru_cache(maxsize=4096)
def _closest_spelling(word: str) -> str | None:
    """The vocabulary word most like ``word`` (``difflib``, ``_SPELLING_CUTOFF``), or None.
    Kept per word: a turn respells its message and earlier turns more than once; difflib
    over every vocabulary word was about 14 ms a misspelt word, a tenth of an answer's CPU."""
    near = _spelling_table().candidates(word, _SPELLING_CUTOFF)
    close = difflib.get_close_matches(word, near, n=1, cutoff=_SPELLING_CUTOFF)
    return close[0] if close else None


@cache
def _spelling_table() -> LetterTable:
    """``_spelling_words`` with their letters counted: difflib then reads only the few
    words that share enough letters with a misspelt one (``LetterTable.candidates``)."""
    return LetterTable(_spelling_words())


def _starts(text: str, position: int) -> bool:
    """Whether ``position`` starts a sentence of ``text``."""
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?¿¡\n"
