"""Training variants of the safety vote's red-flag examples, made at fit time.

A red flag keeps its label however it is told, so each emergency, crisis and abuse
example gets variants of three kinds (issue 10's failure classes; the metamorphic
tests check the router the same way):

- ``wrap``: told inside a practical message, between benign sentences of the training
  data's own ordinary examples (a massage question, a booking, a story);
- ``third``: told by someone else ("my mum says she...", "my husband told me he..."),
  with the pronouns changed;
- ``noise``: lower case, no punctuation and a common typo or two.

Seeded (one ``random.Random`` per kind over the examples in their order, so a kind's
variants do not depend on which other kinds are used), so a refit on the
same data gives the same model and ``--check`` stays stable. Which kinds are used was
chosen by leave-one-set-out validation (docs/routing.md, "The safety vote").
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Protocol

SEED = 10
KINDS = ("wrap", "third", "noise")
RED_FLAGS = ("emergency", "crisis", "abuse")


class Example(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...


_SPEAKERS = (
    ("my mum says", "she"),
    ("my husband told me", "he"),
    ("my dad keeps saying", "he"),
    ("my wife said", "she"),
    ("my sister told me", "she"),
    ("my brother says", "he"),
    ("my friend from chemo told me", "she"),
    ("my son said", "he"),
)
_PRONOUNS = {
    "she": {
        "i": "she",
        "i'm": "she's",
        "im": "she's",
        "i've": "she's",
        "i'd": "she'd",
        "i'll": "she'll",
        "me": "her",
        "my": "her",
        "mine": "hers",
        "myself": "herself",
        "am": "is",
    },
    "he": {
        "i": "he",
        "i'm": "he's",
        "im": "he's",
        "i've": "he's",
        "i'd": "he'd",
        "i'll": "he'll",
        "me": "him",
        "my": "his",
        "mine": "his",
        "myself": "himself",
        "am": "is",
    },
}
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|i'd|i'll|me|my|myself)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z']+")


def third_person(text: str, rng: random.Random) -> str | None:
    """``text`` reported by someone close, in the third person (None without an "I")."""
    if not _FIRST_PERSON.search(text.replace("\u2019", "'")):
        return None
    lead, pronoun = rng.choice(_SPEAKERS)
    table = _PRONOUNS[pronoun]

    def swap(match: re.Match[str]) -> str:
        return table.get(match.group(0).lower(), match.group(0))

    told = _WORD.sub(swap, text.replace("\u2019", "'"))
    return f"{lead} {told[:1].lower()}{told[1:]}"


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # two letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # a letter dropped
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # a letter doubled


def noisy(text: str, rng: random.Random) -> str:
    """Lower case, no punctuation, one or two typos in longer words."""
    words = re.sub(r"[^\w\s']", " ", text.lower()).split()
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(long, min(len(long), rng.choice((1, 2)))):
        words[i] = _typo(words[i], rng)
    return " ".join(words)


def wrap(text: str, benign: Sequence[str], rng: random.Random) -> str:
    """``text`` told between (or before or after) ordinary sentences."""
    before, after = rng.sample(list(benign), 2)
    where = rng.randrange(3)
    if where == 0:
        return f"{before} {text}"
    if where == 1:
        return f"{text} {after}"
    return f"{before} {text} {after}"


def _ends(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence if sentence[-1:] in ".?!" else sentence + "."


def augment(examples: Sequence[Example], kinds: Sequence[str] = KINDS) -> list[tuple[str, str]]:
    """(text, label) variants of the red-flag examples, in a seeded order.

    ``ValueError`` for an unknown kind. The benign sentences for ``wrap`` are the
    examples labelled ``other`` of four to thirty words."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown augmentation {unknown}; known: {', '.join(KINDS)}")
    rngs = {kind: random.Random(f"{SEED}:{kind}") for kind in KINDS}
    benign = [
        _ends(e.text) for e in examples if e.label == "other" and 4 <= len(e.text.split()) <= 30
    ]
    out: list[tuple[str, str]] = []
    for e in examples:
        if e.label not in RED_FLAGS:
            continue
        if "wrap" in kinds and len(benign) >= 2:
            out.append((wrap(_ends(e.text), benign, rngs["wrap"]), e.label))
        if "third" in kinds:
            told = third_person(e.text, rngs["third"])
            if told is not None:
                out.append((told, e.label))
        if "noise" in kinds:
            out.append((noisy(e.text, rngs["noise"]), e.label))
    return out
