"""Referrals that fit the person, safety lines in every personal reply, replies in Spanish.

The first part checks how ``referrals`` builds replies from decisions (fast);
the second routes real messages with the patterns-only router; the last runs
the whole assistant over the default corpus (slow).
"""

from __future__ import annotations

import pytest

from assistant import content
from assistant.config import Settings, load_settings
from assistant.referrals import (
    CARE_TOPICS,
    clinical_blocks,
    fixed_reply_blocks,
    fixed_reply_text_id,
    framed,
)
from assistant.routing import Router, normalise
from assistant.schema import (
    Bullets,
    Citation,
    Cited,
    CitedSentence,
    Draft,
    Paragraph,
    Route,
    RouteDecision,
    Turn,
    render_text,
)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(_env_file=None)


@pytest.fixture(scope="module")
def router(settings: Settings) -> Router:
    return Router(settings, None)


def clinical(topic: str = "general", asker=None) -> RouteDecision:
    return RouteDecision(Route.CLINICAL, "personal_permission", 0.9, asker=asker, topic=topic)


def test_clinical_reply_speaks_to_the_person_themself(settings: Settings) -> None:
    text = render_text(tuple(clinical_blocks(clinical("bone_mets", "self"), None, settings)))
    assert "your own care" in text
    assert "that person's own care" not in text and "one person's own care" not in text


def test_clinical_reply_speaks_to_a_caregiver_about_the_person(settings: Settings) -> None:
    text = render_text(tuple(clinical_blocks(clinical("bone_mets", "other"), None, settings)))
    assert "someone you are helping" in text and "your own care" not in text


@pytest.mark.parametrize("topic", [t for t in CARE_TOPICS if t != "general"])
def test_clinical_reply_names_its_topic_and_asks_questions_for_it(
    topic: str, settings: Settings
) -> None:
    blocks = clinical_blocks(clinical(topic, "self"), None, settings)
    text = render_text(tuple(blocks))
    assert text.startswith(
        content.render("clinical_topic", settings, topic=content.render(f"topic_{topic}", settings))
    )
    questions = [b for b in blocks if isinstance(b, Bullets)]
    assert len(questions) == 1
    assert list(questions[0].items) == content.render_list(f"questions_{topic}", settings)
    assert 2 <= len(questions[0].items) <= 4


def test_blood_count_questions_are_only_asked_about_blood_counts(settings: Settings) -> None:
    for topic in CARE_TOPICS:
        text = render_text(tuple(clinical_blocks(clinical(topic), None, settings))).lower()
        assert ("blood counts" in text) == (topic == "blood_counts"), topic


def test_a_medicine_decision_always_says_not_to_stop_or_change_it_alone(
    settings: Settings,
) -> None:
    warning = content.render("medicine_warning", settings)
    assert "don't stop or change a medicine on your own" in warning
    for topic in CARE_TOPICS:
        text = render_text(tuple(clinical_blocks(clinical(topic), None, settings)))
        assert (warning in text) == (topic == "medicine"), topic


def test_clinical_reply_keeps_cited_sentences_and_ends_with_the_safety_net(
    settings: Settings,
) -> None:
    draft = Draft((CitedSentence("Certain patients may be at risk for fracture.", (1,)),), (), "x")
    blocks = clinical_blocks(clinical("bone_mets", "other"), draft, settings)
    assert any(isinstance(b, Cited) for b in blocks)
    assert blocks[-1] == Paragraph(content.render("safety_net", settings))
    assert settings.emergency_number in render_text((blocks[-1],))


def _citation(marker: int, quote: str) -> Citation:
    return Citation(marker, "https://example.org/", "Page", "Section", None, quote, f"c{marker}")


def test_a_patients_own_words_in_a_clinical_reply_are_labelled_not_shown_as_the_sources(
    settings: Settings,
) -> None:
    evidence = CitedSentence("Massage by a trained therapist is recommended.", (1,))
    story = CitedSentence('"Massage got me through chemo."', (2,))
    citations = (
        _citation(1, "Massage by a trained therapist is recommended."),
        _citation(2, '"Massage got me through chemo."'),
    )
    draft = Draft((story, evidence), citations, "x")
    blocks = clinical_blocks(clinical("general"), draft, settings)
    general = blocks.index(Paragraph(content.render("general_info_heading", settings)))
    label = blocks.index(Paragraph(content.render("testimonial_label", settings)))
    assert blocks[general + 1] == Cited((evidence,))
    assert general < label and blocks[label + 1] == Cited((story,))
    only_story = clinical_blocks(clinical("general"), Draft((story,), citations, "x"), settings)
    assert Paragraph(content.render("general_info_heading", settings)) not in only_story
    assert Cited((story,)) in only_story


@pytest.mark.parametrize(
    ("route", "detail", "language", "text_id"),
    [
        (Route.EMERGENCY, "fever_on_treatment", "en", "emergency"),
        (Route.EMERGENCY, "fever_on_treatment", "es", "emergency_es"),
        (Route.CRISIS, "suicide", "en", "crisis"),
        (Route.CRISIS, "suicide", "es", "crisis_es"),
        (Route.CRISIS, "abuse", "en", "crisis_abuse"),
        (Route.CRISIS, "abuse", "es", "crisis_abuse_es"),
        (Route.OUT_OF_SCOPE, "language", "en", "english_only"),
        (Route.OUT_OF_SCOPE, "language", "es", "english_only_es"),
        (Route.OUT_OF_SCOPE, "pet", "en", "decline_pet"),
        (Route.OUT_OF_SCOPE, "no_cancer", "en", "decline_no_cancer"),
        (Route.OUT_OF_SCOPE, "greeting", "en", "decline_greeting"),
        (Route.ANSWER, "general", "en", None),
        (Route.CLINICAL, "personal_site", "en", None),
    ],
)
def test_fixed_replies_fit_the_decision(
    route: Route, detail: str, language: str, text_id: str | None
) -> None:
    decision = RouteDecision(route, detail, 0.9, language=language)
    assert fixed_reply_text_id(decision) == text_id


def test_abuse_reply_gives_the_hotline_the_crisis_line_and_the_emergency_number(
    settings: Settings,
) -> None:
    text = content.render("crisis_abuse", settings)
    assert text.startswith(f"If you are in danger now, call {settings.emergency_number}")
    assert settings.abuse_line in text and settings.crisis_line in text


def test_after_a_safety_reply_the_answer_starts_with_the_reminder(settings: Settings) -> None:
    body = (Paragraph("Here is what my sources say:"),)
    decision = RouteDecision(Route.ANSWER, "general", 0.9, after_safety=True)
    blocks = framed(body, decision, settings)
    assert blocks[0] == Paragraph(content.render("safety_reminder", settings))
    assert blocks[1:] == body
    assert framed(body, RouteDecision(Route.ANSWER, "general", 0.9), settings) == body


def test_a_not_covered_reply_about_one_person_ends_with_the_safety_net(
    settings: Settings,
) -> None:
    body = (Paragraph(content.render("unknown", settings)),)
    personal = RouteDecision(Route.UNKNOWN, "below_relevance_floor", 0.5, asker="other")
    general = RouteDecision(Route.UNKNOWN, "below_relevance_floor", 0.5)
    assert framed(body, personal, settings)[-1] == Paragraph(content.render("safety_net", settings))
    assert framed(body, general, settings) == body


def test_an_answer_about_one_person_ends_with_the_safety_net(settings: Settings) -> None:
    """A general question told about someone ("my wife is on chemo, does massage help her
    sleep?") is answered, and a red flag the checks missed may be told in it: the reply
    ends with where to get help now, as the care-team reply does."""
    body = (Paragraph("Here is what my sources say:"),)
    net = Paragraph(content.render("safety_net", settings))
    for asker in ("self", "other"):
        personal = RouteDecision(Route.ANSWER, "general", 0.9, asker=asker)
        assert framed(body, personal, settings) == (*body, net)
    assert framed(body, RouteDecision(Route.ANSWER, "general", 0.9), settings) == body


def test_a_spanish_question_the_sources_cannot_answer_gets_the_spanish_note(
    settings: Settings,
) -> None:
    body = (Paragraph(content.render("unknown", settings)),)
    decision = RouteDecision(Route.UNKNOWN, "below_relevance_floor", 0.5, language="es")
    assert framed(body, decision, settings) == (
        Paragraph(content.render("english_only_es", settings), lang="es"),
    )


# Routing: whom a message is about, its topic, pets, people without cancer, languages


@pytest.mark.parametrize(
    ("message", "asker", "topic"),
    [
        (
            "I want to stop taking tamoxifen because of the hot flashes, is that ok?",
            "self",
            "medicine",
        ),
        ("my mom has bone mets in her spine, can she get a deep massage?", "other", "bone_mets"),
        ("can I get a massage with my port still in?", "self", "device_site"),
        ("my husband is on eliquis for a clot, can he have a massage?", "other", "clots"),
    ],
)
def test_clinical_decisions_carry_whom_they_are_about_and_the_topic(
    router: Router, message: str, asker: str, topic: str
) -> None:
    decision = router.route([], message)
    assert decision.route is Route.CLINICAL, decision.reason
    assert (decision.asker, decision.topic) == (asker, topic)


@pytest.mark.parametrize(
    "message",
    [
        "my dog has a tumor, can massage help him?",
        "is it ok to massage my cat who has cancer",
    ],
)
def test_pets_get_a_fitting_decline_not_the_oncology_team(router: Router, message: str) -> None:
    assert router.route([], message).reason == "out_of_scope:pet"


def test_people_without_cancer_get_a_fitting_decline(router: Router) -> None:
    assert (
        router.route([], "I don't have cancer, I just want a massage for my sore back").reason
        == "out_of_scope:no_cancer"
    )


@pytest.mark.parametrize(
    "message",
    [
        "Will my insurance pay for massage?",
        "my wife wants a massage, what is oncology massage?",
        "I have breast cancer, can massage help my anxiety?",
    ],
)
def test_personal_framing_alone_is_not_clinical(router: Router, message: str) -> None:
    assert router.route([], message).route is not Route.CLINICAL


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("Est-ce que le massage est sûr pendant la chimiothérapie ?", "fr"),
        ("Massagem é segura durante a quimioterapia?", "pt"),
        ("按摩在化疗期间安全吗", "zh"),
        ("Mát-xa có giúp giảm mệt mỏi khi hóa trị không?", "vi"),
        ("Ist eine Massage während der Chemotherapie sicher?", "de"),
        # Italian and Russian are read since session 32 (guarded like German)
        ("Il massaggio aiuta con la nausea della chemio?", "it"),
        ("Dove posso trovare un massaggiatore con formazione oncologica?", "it"),
        ("Помогает ли массаж при тошноте после химии?", "ru"),
        ("Как найти массажиста, который работает с онкобольными?", "ru"),
    ],
)
def test_general_massage_questions_in_other_languages_are_answered(
    router: Router, message: str, language: str
) -> None:
    decision = router.route([], message)
    assert decision.reason == "answer:other_language" and decision.language == language


@pytest.mark.parametrize(
    "message",
    [
        "Quelle est la meilleure plage de France ?",
        "Kemoterapi sırasında masaj güvenli mi?",
        "化学療法中にマッサージを受けても大丈夫ですか？",
        # German, Italian and Russian are read, but only when every word of it is read:
        # a body part, a word of time or of feeling may tell a red flag the lists miss
        "Ist eine Massage während der Chemotherapie im Urlaub sicher?",
        "Ho male alla gamba da ieri, un massaggio durante la chemio è sicuro?",
        "У мамы рак, со вчера болит нога, можно ли массаж?",
    ],
)
def test_other_questions_and_languages_without_a_vocabulary_get_the_english_only_note(
    router: Router, message: str
) -> None:
    decision = router.route([], message)
    assert decision.reason == "out_of_scope:language" and decision.language == "en"


def test_an_answer_in_another_language_opens_with_the_note_in_that_language(
    settings: Settings,
) -> None:
    body = (Paragraph("Here is what my sources say:"),)
    decision = RouteDecision(Route.ANSWER, "other_language", 0.7, language="pt", help_language="pt")
    # Red flags are found in full only in English and Spanish: the help numbers, in the
    # asker's language where the reviewed texts have them, come before any English.
    assert framed(body, decision, settings) == (
        Paragraph(content.render("sources_in_english_pt", settings), lang="pt"),
        Paragraph(content.render("help_line_pt", settings), lang="pt"),
        *body,
    )
    care = RouteDecision(
        Route.CLINICAL, "other_language_care", 0.8, language="pt", help_language="pt"
    )
    assert framed(body, care, settings)[:2] == (
        Paragraph(content.render("sources_in_english_pt", settings), lang="pt"),
        Paragraph(content.render("help_line_pt", settings), lang="pt"),
    )
    unlisted = RouteDecision(Route.ANSWER, "other_language", 0.7, language="pt")
    assert framed(body, unlisted, settings)[1] == Paragraph(
        content.render("help_numbers", settings)
    )
    spanish = RouteDecision(Route.ANSWER, "spanish", 0.7, language="es")
    assert framed(body, spanish, settings) == (
        Paragraph(content.render("sources_in_english_es", settings), lang="es"),
        *body,
    )
    unknown = RouteDecision(Route.UNKNOWN, "below_relevance_floor", 0.5, language="pt")
    assert framed(body, unknown, settings) == (Paragraph(content.render("english_only", settings)),)


@pytest.mark.parametrize(
    ("message", "language", "route"),
    [
        ("Kemoterapi sırasında masaj güvenli mi?", "tr", Route.OUT_OF_SCOPE),
        ("Ich will nicht mehr leben, ich kann einfach nicht mehr", "de", Route.CRISIS),
        (
            "Bố tôi đang hóa trị, bị sốt 39 độ và run lẩy bẩy, có nên xoa bóp cho ông không?",
            "vi",
            Route.EMERGENCY,
        ),
    ],
)
def test_an_urgent_or_english_only_reply_opens_with_the_help_numbers_in_the_asker_language(
    router: Router, settings: Settings, message: str, language: str, route: Route
) -> None:
    decision = router.route([], message)
    assert decision.route is route and decision.help_language == language
    blocks = fixed_reply_blocks(decision, settings)
    assert blocks is not None and len(blocks) == 2
    assert blocks[0] == Paragraph(content.render(f"help_line_{language}", settings), lang=language)
    assert blocks[1] == Paragraph(content.render(fixed_reply_text_id(decision) or "", settings))


@pytest.mark.parametrize(
    "message",
    [
        "I have a fever of 39 and I'm on chemo, can I still get my massage?",
        "Tengo fiebre de 39 y estoy en quimio, ¿puedo ir a mi masaje?",
        "Is massage safe during chemo?",
    ],
)
def test_english_and_spanish_messages_get_no_help_line_in_another_language(
    router: Router, settings: Settings, message: str
) -> None:
    decision = router.route([], message)
    assert decision.help_language is None
    blocks = fixed_reply_blocks(decision, settings)
    assert blocks is None or len(blocks) == 1


def test_a_spanish_massage_question_is_answered_from_the_sources(router: Router) -> None:
    decision = router.route(
        [], "¿El masaje ayuda con la ansiedad durante el tratamiento del cáncer?"
    )
    assert decision.route is Route.ANSWER and decision.language == "es"


def test_a_greeting_after_a_crisis_reply_is_not_met_with_the_script_again(router: Router) -> None:
    decision = router.route([Turn("user", "I want to end my life")], "ok thank you")
    assert decision.route is Route.OUT_OF_SCOPE and decision.after_safety


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("my husband wants to skip his next round of chemo and try massage instead", "medicine"),
        ("is it ok to take turmeric supplements while i am on immunotherapy", "medicine"),
        ("there is a new bump under my arm, is it the cancer coming back", "new_sign"),
        ("her breast cancer has spread to her lungs, can she lie face down", "spread"),
        ("i start infusions on monday, can i keep my monthly massage", "treatment"),
        ("my platelets are 40 and i am on chemo", "blood_counts"),
    ],
)
def test_a_clinical_reply_names_the_topic_it_recognised(message: str, topic: str) -> None:
    from assistant.routing.topics import reply_topic

    assert reply_topic(normalise(message)) == topic


def test_reply_only_topics_do_not_make_a_general_question_clinical() -> None:
    from assistant.routing.topics import care_topic

    # naming chemotherapy shapes the reply; it does not open the clinical route
    assert care_topic(normalise("my mom is on chemo, does massage help with nausea?")) is None


def test_the_router_gives_a_clinical_reply_its_topic(router: Router) -> None:
    decision = router.route(
        [], "I found a lump near my scar, could it be cancer? Can I get a massage?"
    )
    assert decision.route is Route.CLINICAL and decision.topic in ("new_sign", "device_site")
    decision = router.route([], "Should I stop my radiation early and just have massage?")
    assert decision.route is Route.CLINICAL and decision.topic == "medicine"


@pytest.mark.parametrize(
    ("message", "who"),
    [
        ("my wife just started radiation and her feet are numb, is a foot rub ok", "other"),
        ("My dad is in hospice now. Would gentle hand massage be alright?", "other"),
        ("my son has leukemia, can a therapist work on his shoulders?", "other"),
        ("my neck is stiff since surgery, would massage be okay for me?", "self"),
        ("my hands ache from the chemo, can massage help?", "self"),
        ("does massage help with pain in the hands?", None),
        ("my friend told me massage is relaxing. Is it?", None),
    ],
)
def test_whom_a_message_is_about_from_a_relative_told_or_a_body_part(
    message: str, who: str | None
) -> None:
    from assistant.routing.topics import asker

    assert asker(normalise(message)) == who


@pytest.mark.parametrize(
    ("message", "who"),
    [
        (
            "My physio isn't cancer trained, is it ok for me to keep seeing her during chemo?",
            "self",
        ),
        ("my doctor says my platelets are low, can he still do my massage?", "self"),
        ("she has bone mets and my doctor says to ask about massage", "other"),
        ("my nurse says his counts are low, can he get a massage?", "other"),
    ],
)
def test_a_professional_named_by_a_pronoun_is_not_the_person_cared_for(
    message: str, who: str
) -> None:
    from assistant.routing.topics import asker

    assert asker(normalise(message)) == who


@pytest.mark.parametrize(
    "message",
    [
        "Kanser hastası annem için onkoloji masaj terapisti nasıl bulurum?",
        "Η μητέρα μου έχει καρκίνο, πού θα βρω εκπαιδευμένο θεραπευτή μασάζ;",
    ],
)
def test_a_question_we_cannot_read_still_gets_the_therapist_finder_and_the_care_team(
    router: Router, settings: Settings, message: str
) -> None:
    """A caregiver writing in a language the assistant cannot answer in still learns where
    to find an oncology-trained therapist and whom to ask about their own care (the
    Spanish note for a Spanish question the sources do not cover says the same)."""
    decision = router.route([], message)
    blocks = fixed_reply_blocks(decision, settings) or ()
    shown = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert settings.therapist_locator_url in shown and "care team" in shown, (decision, shown)
    spanish = content.render("english_only_es", settings)
    assert settings.therapist_locator_url in spanish and "equipo de atención" in spanish
