"""Text that must never reach a patient as an answer, whatever its source.

A document in the corpus is data, not instructions: a sentence in it that
speaks to the assistant ("ignore previous instructions...") is dropped, not
obeyed. And whatever a document or a model says, the answer never promises
a cure or states a dose; such sentences are dropped too. The same checks
guard the extractive sentences and every sentence an LLM writes.
"""

from __future__ import annotations

import re
from functools import lru_cache

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|rule|prompt|guideline|"
    r"previous|above|system)s?\b"
    r"|\b(system prompt|developer message|as an ai|you are now|you must now|new instructions?)\b"
    r"|\btell (the |every |all |any )?(readers?|users?|patients?|people)\b"
    r"|\b(stop|quit|skip|refuse|replace)\b.{0,30}\b(chemo\w*|radiation|treatment|medicines?|"
    r"medications?)\b.{0,40}\binstead\b"
    r"|\b(assistant|chatbot|ai)\b.{0,30}\b(must|should|will) (say|tell|answer|respond)\b",
    re.I | re.S,
)
_CURE = re.compile(
    r"\b(cures?|cured|curing)\b(?!\s+rate)|\bcure for\b|\beliminates? (the )?cancer\b"
    r"|\b(shrinks?|kills?|destroys?) (the )?(tumou?rs?|cancer)\b|\bguarantee",
    re.I,
)
_DOSE = re.compile(
    r"\b\d+(\.\d+)?\s?(mg|mcg|µg|g|ml|mL|units?|iu|mg/kg|mg/m2|tablets?|pills?|capsules?)\b"
    r"|\b(take|double|increase|reduce|stop taking)\b.{0,25}\b(dose|dosage|medication|pills?)\b",
    re.I | re.S,
)


def unsafe_reason(sentence: str) -> str | None:
    """Why a sentence may not be shown as an answer, or None if it may."""
    if _INSTRUCTION.search(sentence):
        return "instruction_in_text"
    if _CURE.search(sentence):
        return "cure_claim"
    if _DOSE.search(sentence):
        return "dose"
    return None


@lru_cache(maxsize=8192)
def unsafe_passage(text: str) -> bool:
    """A passage with any sentence that speaks to the assistant is not a source.

    One planted instruction makes the whole passage suspect, so none of its
    sentences are quoted, not only the one that gave itself away. Remembered by text:
    the same passages are checked on every question that retrieves them (only
    passages come here, never a message).
    """
    return _INSTRUCTION.search(text) is not None
