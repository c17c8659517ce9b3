"""Choosing the close-similarity bar leave-one-set-out (evals/fit_relevance.py): the choice
and the held-out figures on hand-made records, and recording on the real assistant."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.fit_relevance import FLOOR_REASON, Record, choose, errors, leave_one_out, rates, record


def _rec(
    suite: str,
    expected: str,
    top: float,
    *,
    own: bool = True,
    route: str = "unknown",
    lacks: bool = False,
) -> Record:
    reason = FLOOR_REASON if route == "unknown" else "answer:general"
    return Record(suite, f"{suite}-{top}", expected, route, reason, top, own, lacks)


def test_the_rule_only_answers_floor_declines_with_an_own_topic_found() -> None:
    assert _rec("a", "answer", 0.62).route_at(0.60) == "answer"
    assert _rec("a", "answer", 0.58).route_at(0.60) == "unknown"
    assert _rec("a", "answer", 0.62, own=False).route_at(0.60) == "unknown"
    assert _rec("a", "unknown", 0.9, lacks=True).route_at(0.60) == "unknown"
    other = Record("a", "x", "answer", "unknown", "unknown:not_covered", 0.9, True, False)
    assert other.route_at(0.40) == "unknown"
    assert _rec("a", "unknown", 0.3, route="answer").route_at(0.70) == "answer"


def test_errors_and_rates_count_both_kinds_of_mistake() -> None:
    records = [_rec("a", "answer", 0.65), _rec("a", "unknown", 0.55), _rec("a", "unknown", 0.2)]
    assert errors(records, None) == 1
    assert errors(records, 0.60) == 0
    assert errors(records, 0.50) == 1
    assert rates(records, None) == (1.0, 2 / 3)
    assert rates(records, 0.60) == (0.0, 1.0)


def test_a_tie_takes_the_middle_of_the_best_run() -> None:
    grid = (0.5, 0.55, 0.6, 0.65, 0.7)
    # Answering at 0.5 or below costs an error; nothing gained anywhere: 0.55 to 0.7 tie.
    assert choose([_rec("a", "unknown", 0.52)], grid) == 0.6
    # A paraphrase at 0.58 is gained below it: 0.55 is the only best bar.
    assert choose([_rec("a", "unknown", 0.52), _rec("a", "answer", 0.58)], grid) == 0.55


def test_each_suite_is_scored_with_the_bar_chosen_on_the_others() -> None:
    grid = (0.5, 0.55, 0.6, 0.65, 0.7)
    records = [
        _rec("one", "unknown", 0.52),
        _rec("two", "answer", 0.58),
        _rec("two", "answer", 0.66),
        _rec("three", "answer", 0.62),
    ]
    rows = {row["suite"]: row for row in leave_one_out(records, grid)}
    # Without "one", bars 0.5 and 0.55 both gain everything: the middle is 0.5 (first).
    assert rows["one"]["bar"] == 0.5
    assert rows["one"]["errors_on"] == 1
    assert rows["two"]["bar"] == 0.55
    assert rows["two"]["errors_off"] == 2 and rows["two"]["errors_on"] == 0
    assert rows["three"]["bar"] == 0.55
    assert rows["three"]["on"] == (0.0, None)


@pytest.mark.slow
def test_recording_reads_the_real_assistant_with_the_rule_off(
    assistant: Any, tmp_path: Path
) -> None:
    suite = tmp_path / "paraphrase_train.jsonl"
    cases = [
        {
            "id": "p1",
            "category": "c",
            "turns": ["Does massage help with nausea from chemo?"],
            "route": "answer",
            "gold": ["x"],
        },
        {
            "id": "p2",
            "category": "c",
            "turns": ["Does reflexology help with hot flashes?"],
            "route": "unknown",
        },
        {
            "id": "p3",
            "category": "c",
            "turns": ["I have a fever of 104 and can't breathe"],
            "route": "emergency",
        },
    ]
    suite.write_text("\n".join(json.dumps(c) for c in cases) + "\n")
    records = record([suite], assistant)
    assert [r.case_id for r in records] == ["p1", "p2"]
    answered, declined = records
    assert (answered.expected, answered.route, answered.own_found) == ("answer", "answer", True)
    assert answered.top > 0.5
    assert (declined.expected, declined.route, declined.lacks) == ("unknown", "unknown", True)
    assert {r.suite for r in records} == {"paraphrase_train"}
    # The assistant given is left as it was: its own settings still have the rule on.
    assert assistant.settings.relevance_close < 1.0
