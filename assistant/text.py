"""Small text helpers shared down the pipeline: words, list bullets, stems.

One definition each, so chunking, retrieval, answer selection and the LLM
checks agree on what a word, a bullet and a stem are.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

import numpy as np

WORD = re.compile(r"[a-z0-9]+")
"""A word, after lower-casing."""

LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•▪◦]|\d{1,2}[.)])[ \t]+")
"""The bullet or number that starts a list item ("- ", "• ", "2. ")."""

STOPWORDS = frozenset(
    """a an and are as at be but by can could do does for from had has have how i if in
    is it its me my of on or our should so that the their them then they this to was
    we were what when where which who why will with would you your about also ok okay
    any there get got during""".split()
)


_NO_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i"})
"""Letters with a stroke (and Turkish dotless "ı", typed "i" without a Turkish keyboard),
which Unicode does not decompose into a base letter and a mark."""


def strip_marks(text: str) -> str:
    """``text`` without accents and other combining marks ("está" -> "esta", "đau" -> "dau").

    Recomposed afterwards, so a Korean syllable stays one character (a regex quantifier then
    applies to the syllable, not to its last letter). Case is kept.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    return unicodedata.normalize(
        "NFKC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what it is about (no stop words, no single letters)."""
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


_STEM_LOCK = threading.Lock()


@cache
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmer bm25s uses too

    return Stemmer.Stemmer("english")


def stems(words: list[str]) -> list[str]:
    """English Snowball stems of ``words`` (thread-safe; the stemmer is shared)."""
    with _STEM_LOCK:
        return list(_stemmer().stemWords(words))


def zipf(word: str) -> float:
    """``word``'s frequency in general English on ``wordfreq``'s Zipf scale (about 1 for a
    rare word, 7 for "the"; 0 for one it has never seen).

    ``wordfreq`` finds its data with ``locate``, which calls ``inspect.stack()``, and that
    looks every frame's file up among all loaded modules: 0.6 to 0.8 s of CPU once Gradio
    and Chroma are imported, 0.2 s before. A start calls this first (``web.serve``).

    The value is always that of wordfreq's default ("best", i.e. large) English list, read
    from its small list first: the small list (about 29,000 words, Zipf 3 and up) loads in
    0.01 s of CPU, the large one (about 321,000) in 0.2 s, and every word of the small
    list has the same value in both (tested over all of them). Only a word the small list
    lacks (0 there) is looked up in the large one, under a lock (``_LARGE_LIST_LOCK``)."""
    from wordfreq import zipf_frequency

    small = zipf_frequency(word, "en", wordlist="small")
    if small:
        return float(small)
    with _LARGE_LIST_LOCK:
        return float(zipf_frequency(word, "en"))


_LARGE_LIST_LOCK = threading.Lock()
"""wordfreq loads a list on its first lookup behind an unlocked cache, so threads that
reach it together each load it (0.2 to 0.3 s of CPU each): under 20 users at once, two
to four answers of the first wave did (docs/performance.md s30-15). One thread loads the
large list; the others wait for it, then read it from the cache."""


class LetterTable:
    """Words with the count of each letter in them, to find at once the words ``difflib``
    could find close to another (``candidates``)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(words)
        self._letters = {ch: i for i, ch in enumerate(sorted({ch for w in self.words for ch in w}))}
        self._counts = np.zeros((len(self.words), max(len(self._letters), 1)), dtype=np.int32)
        for row, word in enumerate(self.words):
            for ch in word:
                self._counts[row, self._letters[ch]] += 1
        self._lengths = np.asarray([len(w) for w in self.words], dtype=np.int64)

    def candidates(self, word: str, cutoff: float) -> list[str]:
        """The words that share enough letters with ``word`` to be as similar as ``cutoff``
        by difflib's measure: its ``quick_ratio`` (twice the letters in common, however
        ordered, over both lengths), which bounds ``ratio`` from above, computed for every
        word at once. ``difflib.get_close_matches`` over these finds what it finds over all
        (it drops the others one by one after the same test)."""
        if not self.words or not word:
            return list(self.words)
        mine = np.zeros(self._counts.shape[1], dtype=np.int32)
        for ch in word:
            column = self._letters.get(ch)
            if column is not None:
                mine[column] += 1
        shared = np.minimum(self._counts, mine).sum(axis=1)
        bound = 2.0 * shared / (self._lengths + len(word))
        return [self.words[int(i)] for i in np.flatnonzero(bound >= cutoff - 1e-9)]


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml's C parser when PyYAML has it (the same
    constructor, so the same values; about ten times faster on the packaged files,
    which a start reads), else the pure-Python one."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
