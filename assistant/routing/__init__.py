"""Safety routing: decide how every incoming message is handled before anything answers it.

Where things are (dependencies point one way, top to bottom):

- ``normalise.py``: text normalisation (quotes, contractions, texting forms, typo fixes).
- ``lexicon.py``: the reviewed vocabulary, regex tables and word sets only.
- ``checks.py``: detection functions over normalised text (crisis, emergency,
  injection, clinical, greeting, off-topic, follow-up).
- ``classifier.py``: the training examples and the embedding classifier
  (depends only on ``normalise``).
- ``safety_model.py``: the safety vote fitted offline (``python -m evals.train_safety``),
  scoring a message and each of its sentences.
- ``router.py``: ``Router``, the policy: the order of the checks and which route wins.

docs/routing.md describes the order and the measured accuracy.
"""

from .checks import (
    find_clinical,
    find_crisis,
    find_emergency,
    find_injection,
    has_in_scope_terms,
    is_follow_up,
    is_greeting,
    is_off_topic,
)
from .classifier import ROUTED, Example, RouteClassifier, load_examples
from .normalise import normalise
from .router import LlmVote, Router

__all__ = [
    "ROUTED",
    "Example",
    "LlmVote",
    "RouteClassifier",
    "Router",
    "find_clinical",
    "find_crisis",
    "find_emergency",
    "find_injection",
    "has_in_scope_terms",
    "is_follow_up",
    "is_greeting",
    "is_off_topic",
    "load_examples",
    "normalise",
]
