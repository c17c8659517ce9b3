"""Red flags told indirectly, and the near misses next to them (tests/data/safety_indirect.jsonl).

Written for issue 10 from the published concepts, not from any suite: passive wishes
and indirect suicidal talk, means and plans, preparatory acts (C-SSRS screener; SPRC
and 988 warning signs), abuse without a cue word (coercive control of money, medicines,
movement; conditional threats; fear of going home or of telling; neglect; the person
cared for lashing out: HITS, Elder Abuse Suspicion Index, domestic violence hotline
guidance), and UKONS red flags described in lay words inside a massage question. The
near misses are idioms, resolved events, news, hypotheticals and helpful relatives.
``batch`` 1 was written first, batch 2 after batch 1 was fixed, batch 3 while tuning on
the fourth blind safety set's train half (its concepts, new words), batch 4 after all that
(docs/routing.md gives how many each found when first written). The red flags also run
through every benign transformation of ``tests/test_safety_metamorphic.py``; the near
misses go through a set of them here and must never get a safety reply.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from test_safety_metamorphic import TRANSFORMS

from assistant.config import load_settings
from assistant.routing import Router
from assistant.schema import RouteDecision

DATA = Path(__file__).parent / "data" / "safety_indirect.jsonl"
SAFETY = {"emergency", "crisis"}
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()
]
RED_FLAGS = [c for c in CASES if c["route"] in SAFETY]
NEAR_MISSES = [c for c in CASES if c["kind"] == "near_miss" and "deliberate" not in c]
DELIBERATE = [c for c in CASES if "deliberate" in c]
NEAR_MISS_TRANSFORMS = [
    "massage_question_after",
    "massage_question_before",
    "story_before",
    "lower_case",
    "no_punctuation",
    "text_speak",
    "emoji",
    "hi_prefix",
    "insurance_question",
    "sleep_sentence_after",
    "all_caps",
    "curly_apostrophes",
]


@cache
def _router() -> Router:
    return Router(load_settings(_env_file=None), None)


def _outcome(decision: RouteDecision) -> str:
    return "crisis:abuse" if decision.detail == "abuse" else decision.route.value


def test_the_set_covers_every_class() -> None:
    kinds = {c["kind"] for c in CASES}
    assert kinds == {"crisis", "abuse", "emergency", "near_miss"}
    assert len(RED_FLAGS) >= 90 and len(NEAR_MISSES) >= 40
    assert all(c.get("ref") for c in RED_FLAGS)
    assert len({c["turns"][0].lower() for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", RED_FLAGS, ids=[c["id"] for c in RED_FLAGS])
def test_indirect_red_flag_is_found(case: dict[str, Any]) -> None:
    expected = "crisis:abuse" if case.get("detail") == "abuse" else case["route"]
    assert _outcome(_router().route([], case["turns"][0])) == expected


@pytest.mark.parametrize("name", NEAR_MISS_TRANSFORMS)
def test_near_misses_stay_answered_under(name: str) -> None:
    """A near miss gets no safety reply, as written and dressed in benign text."""
    assert name in TRANSFORMS
    flagged = []
    for case in NEAR_MISSES:
        text = TRANSFORMS[name](case["turns"][0], "", "", "en")
        decision = _router().route([], text)
        if decision.route.value in SAFETY:
            flagged.append((case["id"], decision.reason, text))
    assert not flagged, flagged


@pytest.mark.parametrize("case", DELIBERATE, ids=[c["id"] for c in DELIBERATE])
def test_near_misses_kept_as_safety_on_purpose(case: dict[str, Any]) -> None:
    assert _router().route([], case["turns"][0]).route.value == case["deliberate"]
