"""A question told about an event that is over, as a hypothetical, by a therapist about a
client, or as a practical or benefit question is general information, not one person's
own care; a present condition, a lab value or a decision about a medicine stays clinical
(docs/routing.md, "General framing"). Own wordings, not copied from any suite."""

from __future__ import annotations

import pytest

from assistant.config import Settings, load_settings
from assistant.embeddings import get_embeddings
from assistant.routing import Router
from assistant.routing.checks import general_framing
from assistant.routing.normalise import normalise
from assistant.schema import Route, Turn


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(_env_file=None)


@pytest.fixture(scope="module")
def router(settings: Settings) -> Router:
    built = Router(settings, get_embeddings(settings.embedding_model))
    built.warm_up()
    return built


def user(*texts: str) -> list[Turn]:
    turns: list[Turn] = []
    for text in texts:
        turns += [Turn("user", text), Turn("assistant", "Thanks for your message.")]
    return turns


@pytest.mark.parametrize(
    ("message", "framing"),
    [
        ("my counts dipped in spring but they are back up now, when could I book?", "over"),
        ("the port came out in May and the scar is all healed. is a back massage fine?", "over"),
        (
            "hypothetically, if a patient's white count was low, what pressure is used?",
            "hypothetical",
        ),
        (
            "for my massage course essay: what changes for a client on blood thinners?",
            "hypothetical",
        ),
        ("what should I tell my massage therapist so she goes lighter?", "practical"),
        ("the steroids keep me up, can massage help with the insomnia?", "benefit"),
        ("I had a clot last spring and I'm still on blood thinners, is it healed?", None),
        ("hypothetically speaking, should I skip my next chemo cycle?", None),
        ("can massage help? my platelets are 30", None),
        ("is a firm massage risky with lymphoedema in the arm?", "condition"),
        ("I take 10 mg of apixaban, is massage safe with that dose?", None),
        ("my scar is lumpy, normal for me? is scar massage ok after surgery?", None),
        ("I'm feeling better but the rash is worse today, is massage ok?", None),
        (
            "finished radiotherapy in June, is hot stone generally safe once it's over?",
            "hypothetical",
        ),
        ("had shingles last month, is there a usual gap before booking a massage?", "hypothetical"),
        ("my aunt heard massage makes tumours grow, is that a myth?", "claim"),
        ("a nurse told me reflexology lowers platelets, any truth to that?", "claim"),
        ("my platelets are 35 and a friend says massage lowers them, is that true?", None),
    ],
)
def test_general_framing_reads_the_framing(message: str, framing: str | None) -> None:
    assert general_framing(normalise(message)) == framing


@pytest.mark.parametrize(
    "message",
    [
        "I had a nasty chest infection in March, it cleared up and I'm fine now. can I go back "
        "to my monthly massage?",
        "my stitches from the lumpectomy are long gone and it's all healed. is it fine to have "
        "a shoulder massage?",
        "hypothetically, if a client's platelets were very low, which strokes would be safe?",
        "for my massage diploma assignment: what are the precautions for someone on warfarin?",
        "massage therapist here, a client had lymph nodes removed ten years ago and is fully "
        "recovered. anything to avoid on her arm?",
        "the dexamethasone makes me ravenous, anyway can massage help with the sleeplessness?",
        "what should I tell the massage therapist about my chemo so she adjusts her pressure?",
        "does insurance usually pay for a massage? I have bowel cancer",
        "my wife has cancer in her bones. is a firm massage risky with bone mets?",
        "My new oncology nurse is brilliant with the cannula. Anyway, is aromatherapy ok during "
        "immunotherapy?",
        "someone in my support group said massage spreads lymphoma cells, any truth to that?",
    ],
)
def test_general_framing_is_answered(message: str, router: Router) -> None:
    decision = router.route([], message)
    assert decision.route is Route.ANSWER, decision


def test_a_question_after_an_event_told_as_over_is_answered(router: Router) -> None:
    conversation = user(
        "Dad had an infection after his infusion last month, they gave him antibiotics and "
        "he's been fine since"
    )
    decision = router.route(conversation, "is a half hour of gentle massage ok for him now?")
    assert decision.route is Route.ANSWER, decision


@pytest.mark.parametrize(
    "message",
    [
        "I had a clot last spring and I'm still on blood thinners, is deep tissue safe for me?",
        "my mastectomy scar is all healed but I'm still on chemo, can I have a chest massage on "
        "friday?",
        "should I stop my letrozole for a month? the joint pain is feeling better with massage",
        "hypothetically speaking, should I skip my next chemo cycle to go on holiday?",
        "my platelets are 40 this week, can I still have my massage?",
        "my oncologist started me on capecitabine, can I have a foot massage on it this week?",
    ],
)
def test_present_care_stays_clinical(message: str, router: Router) -> None:
    decision = router.route([], message)
    assert decision.route is Route.CLINICAL, decision


def test_a_present_condition_after_an_event_told_as_over_stays_clinical(router: Router) -> None:
    conversation = user("my chest infection cleared up last month")
    decision = router.route(conversation, "I have a port and my counts are low, is massage ok?")
    assert decision.route is Route.CLINICAL, decision


def test_a_condition_named_earlier_keeps_a_bare_safety_question_clinical(router: Router) -> None:
    conversation = user("I have a port in my chest")
    decision = router.route(conversation, "is a back massage safe with it?")
    assert decision.route is Route.CLINICAL, decision
