"""The weight fitting and leave-one-set-out validation (evals/fit_weights.py), on the real
assistant over the default corpus and a slice of the default suite."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant.answering.extractive import DEFAULT_WEIGHTS
from evals.fit_weights import (
    Labels,
    case_labels,
    check_reconstruction,
    fit,
    main,
    objective,
    record,
    selection_metrics,
    sign_test,
    suite_paths,
    train_halves,
)
from evals.metrics import sentence_labels
from evals.suite import load_suites


@pytest.fixture(scope="module")
def recorded(assistant: Any) -> tuple[list, Any]:
    cases = [c for c in load_suites(suite_paths()[:1]) if c.gold][:24]
    return record(cases, assistant, progress=False)


@pytest.mark.slow
def test_rechosen_labels_match_the_real_replies(recorded: tuple[list, Any]) -> None:
    records, answerer = recorded
    assert len(records) == 24
    assert any(r.choices for r in records)
    assert check_reconstruction(records, answerer) == 0
    # The answerer is the real one again after recording (no wrapper left behind).
    assert "choose" not in vars(answerer)


@pytest.mark.slow
def test_metrics_follow_the_weights(recorded: tuple[list, Any]) -> None:
    records, answerer = recorded
    current = selection_metrics(records, answerer, DEFAULT_WEIGHTS)
    observed = [sentence_labels(r.case, r.observation.reply) for r in records]
    assert current["lead_gold_all"] == pytest.approx(
        sum(bool(ls) and ls[0] == "gold" for ls in observed) / len(observed)
    )
    # A bar no sentence reaches: every answered case quotes its lead alone.
    only_leads = replace(DEFAULT_WEIGHTS, threshold=99.0)
    for r in records:
        stories = any(c.focus.wants_experience for c in r.choices)
        if r.choices and not stories and r.observation.route == "answer":
            labels = case_labels(r, answerer, only_leads)
            assert 1 <= len(labels) <= len(r.choices)
            assert labels[:1] == case_labels(r, answerer, DEFAULT_WEIGHTS)[:1]
    assert answerer.weights == DEFAULT_WEIGHTS
    # Ranking by the position of the passage alone loses leads the scorer finds.
    rank_only = replace(
        DEFAULT_WEIGHTS,
        similarity=0.0,
        topic=0.0,
        label=0.0,
        kind=0.0,
        guideline=0.0,
        label_fit=0.0,
        rank=1.0,
    )
    assert (
        selection_metrics(records, answerer, rank_only)["lead_gold_all"]
        < (current["lead_gold_all"])
    )


@pytest.mark.slow
def test_remembered_labels_are_the_labels(recorded: tuple[list, Any]) -> None:
    records, answerer = recorded
    label = Labels(answerer)
    wide = replace(DEFAULT_WEIGHTS, plain_margin=0.06, threshold=0.8)
    for w in (DEFAULT_WEIGHTS, wide, DEFAULT_WEIGHTS):
        assert [label(r, w) for r in records] == [case_labels(r, answerer, w) for r in records]
    assert selection_metrics(records, answerer, wide, label) == selection_metrics(
        records, answerer, wide
    )


@pytest.mark.slow
def test_fit_never_ends_worse_than_it_starts(recorded: tuple[list, Any]) -> None:
    records, answerer = recorded
    start = replace(DEFAULT_WEIGHTS, topic=0.3, kind=0.15)
    fitted, m = fit(records, answerer, start=start, rounds=1)
    assert objective(m) >= objective(selection_metrics(records, answerer, start))
    assert m == selection_metrics(records, answerer, fitted)


def test_only_train_halves_are_read() -> None:
    paths = suite_paths()
    assert [p.stem for p in paths[1:]] == list(train_halves())
    assert len(paths) > 6  # every half present, not a list written once
    assert not any("_test" in p.name for p in paths)
    with pytest.raises(SystemExit):
        main([])  # a mode is required


def test_halves_are_found_by_name_oldest_first_and_never_a_test_half(tmp_path: Path) -> None:
    for name in (
        "answers_v10_train",
        "answers_v2_train",
        "answers_train",
        "answers_v2_test",
        "answers_v10_test",
        "safety_v3_train",
    ):
        (tmp_path / f"{name}.jsonl").write_text("", encoding="utf-8")
    assert train_halves(tmp_path) == ("answers_train", "answers_v2_train", "answers_v10_train")
    assert [p.name for p in suite_paths(tmp_path)[1:]] == [
        "answers_train.jsonl",
        "answers_v2_train.jsonl",
        "answers_v10_train.jsonl",
    ]


def test_sign_test_is_a_two_sided_binomial_tail() -> None:
    assert sign_test(0, 0) == 1.0
    assert sign_test(3, 3) == 1.0
    assert sign_test(5, 0) == pytest.approx(2 / 32)
    assert sign_test(0, 5) == sign_test(5, 0)
    assert sign_test(9, 1) == pytest.approx(2 * 11 / 1024)
