"""Every authored sentence a patient or caregiver can see, in one reviewed place.

Everything else the assistant says is quoted from its sources. These texts are
written in plain language (tests keep each at or below US grade 8 on the
Flesch-Kincaid scale), never give a personal yes or no, and take phone numbers
and the therapist locator from the settings so an organisation in another
country changes configuration, not code. Changing any text here is a content
change that needs review.
"""

from __future__ import annotations

from .config import Settings

REFERRAL_FIELDS = ("emergency_number", "crisis_line", "crisis_line_name", "therapist_locator_url")

EMERGENCY = (
    "Call {emergency_number} now, or go to the nearest emergency room. "
    "What you describe can be serious and needs help right away. "
    "If you are having cancer treatment, also call your cancer care team's urgent number. "
    "Please do not wait, and do not get a massage until a doctor has checked you."
)

CRISIS = (
    "Please call or text {crisis_line} now to reach the {crisis_line_name}. "
    "If you are in danger or have hurt yourself, call {emergency_number} now. "
    "If someone else is at risk, you can call for them too. "
    "You are not alone, and you do not have to carry this by yourself. "
    "The people at {crisis_line} are kind and ready to listen, any time of day or night. "
    "It can also help to tell someone you trust, or your cancer care team, how you feel."
)

CLINICAL_INTRO = (
    "This question is about one person's own care. "
    "The best people to answer it are that person's cancer care team (the oncology team). "
    "They know the person's health and treatment. "
    "For hands-on questions, an oncology-trained massage therapist can also check the person "
    "and change the massage to fit. "
    "I can't say yes or no for one person. "
    "I can share general information to help you talk with them."
)

CLINICAL_QUESTIONS = (
    "Is massage safe for me right now?",
    "Are there areas of my body a massage therapist should avoid?",
    "Is there a kind of pressure or position I should avoid?",
    "Should I wait until my blood counts recover?",
    "Is there anything about my treatment that a massage therapist should know?",
    "Can you suggest an oncology-trained massage therapist?",
)

QUESTIONS_HEADING = "Questions you could ask the care team:"

DECLINE_OFF_TOPIC = (
    "Sorry, I can't help with that. "
    "I share general information about massage for people living with cancer. "
    "You can ask how massage may help, how to stay safe, or how to find a trained therapist. "
    "You can also ask about the Society for Oncology Massage, its courses, summit and grants."
)

DECLINE_GREETING = (
    "Hello! I share general information about massage for people living with cancer "
    "and the people who care for them. "
    "You can ask how massage may help, how to stay safe, or how to find an oncology-trained "
    "massage therapist. What would you like to know?"
)

DECLINE_INSTRUCTIONS = (
    "Sorry, I can't change how I work, share my setup, or play another role. "
    "I share general information about massage for people living with cancer. "
    "I can't give medical advice. For questions about your own care, please ask your cancer "
    "care team."
)

UNKNOWN = (
    "My sources don't cover this, so I can't answer it well. "
    "An oncology-trained massage therapist may be able to help. "
    "You can find one here: {therapist_locator_url} "
    "For questions about your health or treatment, please ask your cancer care team."
)

ANSWER_LEAD_IN = "Here is what my sources say:"

GENERAL_INFO_HEADING = "What my sources say in general:"

DISCLAIMER = (
    "This is general information, not medical advice. "
    "For questions about your own care, ask your cancer care team. "
    "In an emergency, call {emergency_number}. "
    "If you are thinking about suicide, call or text {crisis_line}."
)

ERROR = (
    "Sorry, something went wrong and I can't answer right now. "
    "Please try again in a few minutes. "
    "If you need help now, call {emergency_number}. "
    "If you are in crisis, call or text {crisis_line}."
)

_INSTRUCTION_REASONS = frozenset({"instruction_override", "prompt_request", "role_play"})
_GREETING_REASONS = frozenset({"greeting", "empty"})


def _referrals(settings: Settings) -> dict[str, str]:
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be a Settings, not {type(settings).__name__}")
    values = {name: str(getattr(settings, name)).strip() for name in REFERRAL_FIELDS}
    blank = [name for name, value in values.items() if not value]
    if blank:
        raise ValueError(
            f"settings field(s) must not be blank in patient-facing text: {', '.join(blank)}"
        )
    return values


def emergency_reply(settings: Settings) -> str:
    """Leads with calling the emergency number; nothing comes before it."""
    return EMERGENCY.format_map(_referrals(settings))


def crisis_reply(settings: Settings) -> str:
    """Leads with the crisis line (call or text) and the emergency number."""
    return CRISIS.format_map(_referrals(settings))


def clinical_reply_intro(settings: Settings) -> str:
    """Says this needs the person's oncology team; the service appends general information."""
    _referrals(settings)
    return CLINICAL_INTRO


def clinical_questions_to_ask() -> list[str]:
    """Generic questions to take to the care team; they make no medical claim."""
    return list(CLINICAL_QUESTIONS)


def questions_heading() -> str:
    return QUESTIONS_HEADING


def decline_reply(settings: Settings, reason: str) -> str:
    """A short, kind decline for ``reason`` (a route reason such as ``out_of_scope:greeting``)."""
    if not isinstance(reason, str):
        raise TypeError(f"reason must be a str, not {type(reason).__name__}")
    _referrals(settings)
    parts = reason.split(":")
    detail = parts[1] if parts[0] == "out_of_scope" and len(parts) > 1 else parts[0]
    if detail in _GREETING_REASONS:
        return DECLINE_GREETING
    if detail in _INSTRUCTION_REASONS:
        return DECLINE_INSTRUCTIONS
    return DECLINE_OFF_TOPIC


def unknown_reply(settings: Settings) -> str:
    """When the sources do not cover a question: where to ask instead."""
    return UNKNOWN.format_map(_referrals(settings))


def answer_lead_in() -> str:
    return ANSWER_LEAD_IN


def general_info_heading() -> str:
    return GENERAL_INFO_HEADING


def disclaimer(settings: Settings) -> str:
    """The always-visible note: general information only, and where to get urgent help."""
    return DISCLAIMER.format_map(_referrals(settings))


def error_reply(settings: Settings) -> str:
    """When answering fails: try again, and where to get help meanwhile."""
    return ERROR.format_map(_referrals(settings))


_RENDERERS = {
    "emergency": emergency_reply,
    "crisis": crisis_reply,
    "clinical_intro": clinical_reply_intro,
    "clinical_questions": lambda s: "\n".join(clinical_questions_to_ask()),
    "questions_heading": lambda s: questions_heading(),
    "decline_off_topic": lambda s: decline_reply(s, "out_of_scope:off_topic"),
    "decline_greeting": lambda s: decline_reply(s, "out_of_scope:greeting"),
    "decline_instructions": lambda s: decline_reply(s, "out_of_scope:instruction_override"),
    "unknown": unknown_reply,
    "answer_lead_in": lambda s: answer_lead_in(),
    "general_info_heading": lambda s: general_info_heading(),
    "disclaimer": disclaimer,
    "error": error_reply,
}
ALL_TEXT_IDS: tuple[str, ...] = tuple(_RENDERERS)


def render(text_id: str, settings: Settings) -> str:
    """The finished text for ``text_id`` (one of ``ALL_TEXT_IDS``), for review and tests."""
    try:
        renderer = _RENDERERS[text_id]
    except KeyError:
        raise ValueError(
            f"unknown text id {text_id!r}; expected one of {', '.join(ALL_TEXT_IDS)}"
        ) from None
    return renderer(settings)
