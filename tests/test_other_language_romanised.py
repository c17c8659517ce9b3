"""Hindi and Urdu typed in free Latin spelling (the ``romanised`` list of the data file).

People type Hinglish as it sounds: "saans nahi aa rahi", "sans nhi aa rhi" and "saans
nai aa rahi" are one sentence. The hand-written Latin forms of the Hindi list hold one or
two spellings each; the ``romanised`` rules are read on the message's skeleton
(``romanised_skeleton``), where the spellings meet, and only where the Latin-letter reading
runs (a message read as English or undetermined with few English words). Wordings written
for this test (not copied from any suite), each alone, after a benign story and before a
massage question in Hinglish (the metamorphic rule: a red flag keeps its route whatever
benign text surrounds it); near misses in Hinglish and English must not get a safety
reply. Patterns-only router, so these run in the fast lane.
"""

from __future__ import annotations

import pytest
from test_other_language_latin_letters import router

from assistant.routing.other_languages import parse, romanised_skeleton, vocabulary
from assistant.schema import Route

RED_FLAGS = [
    ("mujhe sans nhi aa rhi", Route.EMERGENCY),
    ("nanaji ko swas lene me bahut dikat ho rahi", Route.EMERGENCY),
    ("papa ki saans ukhad rhi h do kadam chal ke", Route.EMERGENCY),
    ("mai mrna chahti hu", Route.CRISIS),
    ("bhaiya bolte h wo mar jaana chahte", Route.CRISIS),
    ("ab jine ka mn nai krta", Route.CRISIS),
    ("meri beti khudkhushi ki baat kar rhi thi", Route.CRISIS),
    ("zindgi khatm kar dunga mai", Route.CRISIS),
    ("chhoti behen kalai kaat-ti h chupke se", Route.CRISIS),
    ("devar bhabhi ko roj peet-ta h", Route.CRISIS),
    ("sine me bhaari pan aur jalan h", Route.EMERGENCY),
    ("dadu ko khoon ki ultee hui abhi", Route.EMERGENCY),
    ("bua nahate waqt behos ho gai", Route.EMERGENCY),
    ("chachi ko dora pada, haath pair akad gaye", Route.EMERGENCY),
    ("nanu ka muh tircha ho gaya achanak", Route.EMERGENCY),
    ("mummy ki taange achanak hil nhi rhi", Route.EMERGENCY),
    ("subah se lagatar ultiyan ho rhi", Route.EMERGENCY),
]

BENIGN_BEFORE = "meri mummy ka breast cancer ka ilaj chal raha hai."
BENIGN_AFTER = "kya halka massage theek rahega?"

NEAR_MISSES = [
    "mai mrna nhi chahti, bacchon ke liye jeena h",
    "sine me dard nai h, bas peeth akdi h",
    "saans wali exercise ke baad massage karwa sakte?",
    "dadi ko kabhi dora nahi pada",
    "massage ke baad mummy bahut halka mehsoos karti h",
    "khoon ki report normal aayi, massage kar sakte?",
    "mai apne aap ko khush rakhna chahti hu",
    "chemo ke baad baal jhad rahe, kya massage se farak padega?",
    "can my dad have a gentle massage after radiation",
    "my mum sleeps better after a gentle massage",
]


@pytest.mark.parametrize(("message", "route"), RED_FLAGS)
def test_a_red_flag_typed_in_free_latin_spelling_keeps_its_route(
    message: str, route: Route
) -> None:
    # Alone, after a benign story, before a massage question, and both.
    for text in (
        message,
        f"{BENIGN_BEFORE} {message}",
        f"{message}. {BENIGN_AFTER}",
        f"{BENIGN_BEFORE} {message}. {BENIGN_AFTER}",
    ):
        decision = router().route([], text)
        assert decision.route is route, (text, decision.reason)


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_look_alikes_in_free_latin_spelling_are_not_red_flags(message: str) -> None:
    assert router().route([], message).route not in (Route.EMERGENCY, Route.CRISIS)


def test_spellings_of_the_same_words_read_alike() -> None:
    spellings = [
        "saans nahi aa rahi",
        "sans nhi aa rhi",
        "saans nahi aa rhi",
        "Saans nahii aa rahi",
    ]
    assert len({romanised_skeleton(s) for s in spellings}) == 1
    assert romanised_skeleton("chhaati") == romanised_skeleton("chati")
    assert romanised_skeleton("zindagi khatam") == romanised_skeleton("jindgi khatm")
    assert romanised_skeleton("takleef") == romanised_skeleton("taqlif")
    assert romanised_skeleton("daura") == romanised_skeleton("doura")
    assert romanised_skeleton("marna") != romanised_skeleton("mera")


def test_a_rule_that_names_a_negator_keeps_it_and_others_are_cancelled_by_one() -> None:
    rules = {(r.detail, r.names_negator) for r in vocabulary().romanised}
    assert ("suicidal_thoughts", True) in rules  # "jeena nahi chahta"
    assert ("suicidal_thoughts", False) in rules  # "marna chahta", not "marna nahi chahta"


def test_a_romanised_rule_is_plain_words() -> None:
    base = {
        "name": "X",
        "treatment": ["chemo"],
        "crisis": {"suicidal_thoughts": ["x"]},
        "emergency": {"breathing": ["y"]},
    }
    bad = {"negators": ["nahi"], "past": ["tha"], "crisis": {"abuse": [["(?:x)"]]}}
    with pytest.raises(ValueError, match="not plain letters"):
        parse({"languages": {"xx": {**base, "romanised": bad}}})
    wrong = {"negators": ["nahi"], "past": ["tha"], "emergency": {"abuse": [["maar"]]}}
    with pytest.raises(ValueError, match="wrong group"):
        parse({"languages": {"xx": {**base, "romanised": wrong}}})
