"""Detection functions: pure checks over normalised text, built on ``lexicon``.

Each ``find_*`` returns the detail of what it found (used in the route reason,
e.g. ``"chest_pain"``) or None; each ``is_*``/``has_*`` answers yes or no. The
emergency and clinical checks ignore a symptom negated in its own clause ("no
chest pain"); the crisis check deliberately never does.
"""

from __future__ import annotations

import re

from .lexicon import (
    ACCIDENTAL_HURT,
    ARM_SIGNS,
    BACK_PAIN,
    CANCER_QUESTION,
    CLAUSE_BREAKS,
    CREATIVE_TASK,
    CRISIS_PATTERNS,
    DECISION,
    DECISION_OBJECT,
    DEVICE,
    EMERGENCY_PATTERNS,
    FEVER,
    FOLLOW_UP_REFERENCE,
    FOLLOW_UP_START,
    GONE_CLAUSE,
    GREETING,
    IN_SCOPE,
    INJECTION_PATTERNS,
    LAB,
    LEG_SIGNS,
    LEGS_FAILING,
    LEISURE_REQUEST,
    LIMB_ARM,
    LIMB_LEG,
    MASSAGE_TOPIC,
    MEDICAL_NOT_MASSAGE,
    MEDICATION,
    NEGATION_EXEMPT_NEXT,
    NEGATORS,
    NUMBER,
    OFF_TOPIC,
    OTHERS_BETTER,
    PERMISSION,
    PERSON,
    PERSONAL_CONDITION,
    PERSONAL_FEVER,
    SITE,
    STRONG_FEVER,
    STRONG_PERMISSION,
    SWELLING,
    TREATMENT,
)

# The most words a message may have to be read as a follow-up to the turns before
# it; the larger limit applies when it starts like one or holds a bare reference.
FOLLOW_UP_MAX_TOKENS = 7
FOLLOW_UP_MARKED_MAX_TOKENS = 12


def _negated(norm: str, start: int) -> bool:
    """True when a negator sits in the same clause up to six words before ``start``."""
    before = norm[:start].split()[-6:]
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if token in CLAUSE_BREAKS:
            return False
        if token in NEGATORS:
            nxt = before[i + 1] if i + 1 < len(before) else ""
            if token == "not" and nxt in NEGATION_EXEMPT_NEXT:
                continue
            return True
    return False


def find_crisis(norm: str) -> str | None:
    """The crisis detail for a normalised message, or None. Negation is deliberately ignored."""
    for detail, pattern in CRISIS_PATTERNS:
        for match in pattern.finditer(norm):
            if detail == "self_harm" and ACCIDENTAL_HURT.search(norm[max(0, match.start() - 30) :]):
                continue
            return detail
    if GONE_CLAUSE.search(norm) and OTHERS_BETTER.search(norm):
        return "better_off_without"
    return None


def _first_unnegated(pattern: re.Pattern[str], norm: str) -> re.Match[str] | None:
    for match in pattern.finditer(norm):
        if not _negated(norm, match.start()):
            return match
    return None


def _limb_signs(norm: str) -> bool:
    """Swelling plus redness, heat or pain in one limb: the signs of a clot or infection."""
    tokens = norm.split()
    for i, token in enumerate(tokens):
        if token in LIMB_LEG:
            signs = LEG_SIGNS
        elif token in LIMB_ARM:
            signs = ARM_SIGNS
        else:
            continue
        window = tokens[max(0, i - 10) : i + 11]
        swelling = [j for j, t in enumerate(window) if t in SWELLING]
        if not swelling or not any(t in signs for t in window):
            continue
        offset = max(0, i - 10)
        for j in swelling:
            head = " ".join(tokens[: offset + j])
            if not _negated(head + " ", len(head) + 1):
                return True
    return False


def _high_temperature(norm: str) -> bool:
    for fever in FEVER.finditer(norm):
        if _negated(norm, fever.start()):
            continue
        window = norm[max(0, fever.start() - 25) : fever.end() + 30]
        for number in NUMBER.finditer(window):
            value, unit = float(number.group(1)), number.group(2) or ""
            celsius = unit.startswith("c") or (not unit and 35 <= value < 45)
            fahrenheit = unit.startswith("f") or (not unit and 95 <= value < 115)
            if (celsius and value >= 38.0) or (fahrenheit and value >= 100.4):
                return True
    return False


def find_emergency(
    norm: str, treatment_context: bool = False, emergency_number: str | None = None
) -> str | None:
    """The emergency detail for a normalised message, or None.

    ``treatment_context`` says an earlier user turn mentioned cancer treatment,
    which turns a fever in this one into an emergency.
    """
    for detail, pattern, negatable in EMERGENCY_PATTERNS:
        if (_first_unnegated(pattern, norm) if negatable else pattern.search(norm)) is not None:
            return detail
    if emergency_number and re.search(
        rf"\b(?:call|dial|calling) {re.escape(emergency_number)}\b", norm
    ):
        return "asks_for_emergency_help"
    if _limb_signs(norm):
        return "clot_or_infection_signs"
    legs = _first_unnegated(LEGS_FAILING, norm)
    if legs is not None and BACK_PAIN.search(norm):
        return "spinal_cord"
    fever = _first_unnegated(FEVER, norm)
    if fever is not None:
        on_treatment = treatment_context or TREATMENT.search(norm) is not None
        personal = PERSON.search(norm) is not None
        high = _high_temperature(norm)
        if (high and (on_treatment or personal)) or (
            on_treatment and personal and fever.group(0) in STRONG_FEVER
        ):
            return "fever_during_treatment" if on_treatment else "high_fever"
        if on_treatment and fever.group(0) in {"chills", "rigors", "shaking chills"}:
            return "fever_during_treatment"
    return None


def find_injection(norm: str) -> str | None:
    for detail, pattern in INJECTION_PATTERNS:
        if pattern.search(norm):
            return detail
    return None


def is_greeting(norm: str) -> bool:
    return bool(norm) and GREETING.match(norm) is not None


def find_clinical(norm: str) -> str | None:
    """Why a message asks for a decision about one person's own care, or None."""
    personal = PERSON.search(norm) is not None
    if personal:
        if LAB.search(norm):
            return "personal_lab_value"
        if DEVICE.search(norm):
            return "personal_device"
        if SITE.search(norm):
            return "personal_site"
        if MEDICATION.search(norm):
            return "personal_medication"
        if CANCER_QUESTION.search(norm):
            return "symptom_is_cancer"
    condition = PERSONAL_CONDITION.search(norm) is not None
    decision = DECISION.search(norm)
    if decision and (condition or DECISION_OBJECT.search(norm, decision.start())):
        return "treatment_decision"
    if STRONG_PERMISSION.search(norm):
        return "personal_permission"
    if condition and PERMISSION.search(norm):
        return "personal_permission"
    if PERSONAL_FEVER.search(norm):
        return "personal_symptom"
    return None


def has_in_scope_terms(norm: str) -> bool:
    return IN_SCOPE.search(norm) is not None


def is_off_topic(norm: str) -> bool:
    """Clearly about something else: an off-topic word and nothing from this domain.

    Cancer questions that are not about massage (survival, diet, which drug is
    best) are out of scope too: the sources cannot answer them.
    """
    if CREATIVE_TASK.search(norm):
        return True
    if (
        MEDICAL_NOT_MASSAGE.search(norm) or LEISURE_REQUEST.search(norm)
    ) and not MASSAGE_TOPIC.search(norm):
        return True
    return OFF_TOPIC.search(norm) is not None and not has_in_scope_terms(norm)


def is_follow_up(norm: str) -> bool:
    """A short message that only makes sense with the turns before it."""
    words = [t for t in norm.split() if t not in {".", ","}]
    if not words:
        return False
    if FOLLOW_UP_START.search(norm) is not None or FOLLOW_UP_REFERENCE.search(norm) is not None:
        return len(words) <= FOLLOW_UP_MARKED_MAX_TOKENS
    return len(words) <= FOLLOW_UP_MAX_TOKENS and not has_in_scope_terms(norm)
