"""compare: bootstrap intervals on synthetic runs whose differences are known.

The runs are built from observations (no model, no service): N cases that
pass or fail as chosen, so a regression's size is known in advance, and two
runs that differ only by noise must not be flagged.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from lxml import html as lxml_html

from assistant.schema import Paragraph, Reply, Route, RouteDecision
from evals.__main__ import main
from evals.compare import compare_runs, config_changes, direction, execute_compare, verdict
from evals.metrics import Observation
from evals.runner import Gate, build_report, decide
from evals.stats import DEFAULT_SEED, _percentile_draws, bootstrap_deltas
from evals.suite import Case

CONFIG = {
    "mode": "in_process",
    "backend": "extractive",
    "retrieval": {"k": 6, "bm25_enabled": True, "dense_enabled": True},
    "corpus_dir": "/tmp/eval-corpus-a",
    "corpus_fingerprint": "f" * 64,
    "suites": [{"path": "evals/suites/default.jsonl", "sha256": "a" * 64}],
}


def synthetic_report(
    passes: list[bool],
    *,
    config: dict | None = None,
    violations: list[int] | None = None,
    gates: list[Gate] = (),
    texts: list[str] | None = None,
) -> dict:
    """One case per entry: passes when routed ``answer``, fails when routed ``unknown``.

    ``violations[i]`` forbidden words are put in case i's reply.
    """
    observations = []
    for i, ok in enumerate(passes):
        forbidden = ("cure", "miracle", "detox")
        bad = (violations or [0] * len(passes))[i]
        case = Case(
            id=f"case-{i:03d}",
            category=f"cat-{i % 3}",
            turns=(f"question {i}",),
            routes=("answer",),
            must_not_include=forbidden,
        )
        words = " ".join(forbidden[:bad])
        text = (texts[i] if texts else f"Reply {i}.") + (f" {words}" if words else "")
        reply = Reply(
            blocks=(Paragraph(text),),
            decision=RouteDecision(Route.ANSWER if ok else Route.UNKNOWN, "test", 1.0),
        )
        observations.append(Observation(case, reply, [10.0 + i % 7]))
    report = build_report([observations], config=config or CONFIG, k=6, fixed=())
    decide(report, list(gates))
    return report


def pass_flags(n: int, rate: float, seed: int) -> list[bool]:
    rng = random.Random(seed)
    return [rng.random() < rate for _ in range(n)]


def row(comparison: dict, name: str) -> dict:
    return next(r for r in comparison["metrics"] if r["metric"] == name)


def test_a_clear_regression_is_detected() -> None:
    n = 200
    old = synthetic_report([True] * n, gates=[Gate("pass_rate", 0.5, False)])
    # 30% of the cases now fail: pass_rate drops by exactly 0.3.
    new_flags = [i % 10 >= 3 for i in range(n)]
    new = synthetic_report(new_flags, gates=[Gate("pass_rate", 0.5, False)])
    comparison = compare_runs(old, new)
    pass_rate = row(comparison, "pass_rate")
    assert pass_rate["delta"] == pytest.approx(-0.3)
    assert pass_rate["ci_high"] < 0 < -pass_rate["ci_low"]
    assert pass_rate["ci_low"] < -0.3 < pass_rate["ci_high"]
    # The interval's width is what sampling 200 cases allows: about +-1.96 * sqrt(.21/200).
    assert 0.08 < pass_rate["ci_high"] - pass_rate["ci_low"] < 0.16
    assert pass_rate["verdict"] == "worse" and pass_rate["gated"] is True
    # route_accuracy fell as much, but only gated metrics count as regressions.
    assert row(comparison, "route_accuracy")["verdict"] == "worse"
    assert comparison["regressions"] == ["pass_rate"]
    assert len(comparison["changes"]) == 60


def test_noise_alone_is_not_flagged() -> None:
    n = 200
    gates = [Gate("pass_rate", 0.5, False)]
    # Same pass probability, different cases failing: a real run-to-run shuffle.
    old = synthetic_report(pass_flags(n, 0.8, seed=1), gates=gates)
    new = synthetic_report(pass_flags(n, 0.8, seed=2), gates=gates)
    comparison = compare_runs(old, new)
    pass_rate = row(comparison, "pass_rate")
    assert pass_rate["ci_low"] < 0 < pass_rate["ci_high"]
    assert pass_rate["verdict"] == "no change"
    assert comparison["regressions"] == []


def test_identical_runs_have_zero_width_intervals() -> None:
    report = synthetic_report(pass_flags(50, 0.7, seed=3))
    comparison = compare_runs(report, report)
    for r in comparison["metrics"]:
        if r["ci_low"] is not None:
            assert r["ci_low"] == pytest.approx(0) and r["ci_high"] == pytest.approx(0), r
            assert r["verdict"] == "no change"
    assert comparison["changes"] == [] and comparison["config_changes"] == []


def test_intervals_are_reproducible_with_the_fixed_seed() -> None:
    old = synthetic_report(pass_flags(80, 0.9, seed=4))
    new = synthetic_report(pass_flags(80, 0.7, seed=5))
    first = compare_runs(old, new)
    again = compare_runs(old, new)
    assert first["metrics"] == again["metrics"]
    other = compare_runs(old, new, seed=7, resamples=500)
    assert other["metrics"] != first["metrics"]
    assert other["method"]["seed"] == 7 and first["method"]["seed"] == DEFAULT_SEED


def test_vectorised_latency_percentiles_match_numpy_on_every_resample() -> None:
    rng = np.random.default_rng(0)
    records = [
        {"turn_latencies_ms": list(rng.uniform(1, 100, size=rng.integers(0, 4)))} for _ in range(40)
    ]
    draws = rng.integers(0, 40, size=(200, 40))
    for q in (0, 50, 95, 100):
        fast = _percentile_draws(records, q, draws)
        slow = []
        for sample in draws:
            pooled = np.concatenate(
                [np.asarray(records[j]["turn_latencies_ms"], dtype=float) for j in sample]
            )
            slow.append(np.percentile(pooled, q) if pooled.size else np.nan)
        assert np.allclose(fast, slow, equal_nan=True), q


def test_lower_is_better_metrics_are_worse_when_they_rise() -> None:
    n = 120
    gates = [Gate("must_not_include_violations", 0, True)]
    old = synthetic_report([True] * n, gates=gates)
    new = synthetic_report(
        [True] * n, violations=[2 if i % 4 == 0 else 0 for i in range(n)], gates=gates
    )
    comparison = compare_runs(old, new)
    violations = row(comparison, "must_not_include_violations")
    assert violations["delta"] == 60
    assert violations["direction"] == "lower" and violations["ci_low"] > 0
    assert violations["verdict"] == "worse"
    assert "must_not_include_violations" in comparison["regressions"]
    # The same metric falling is better.
    back = row(compare_runs(new, old), "must_not_include_violations")
    assert back["verdict"] == "better"


def test_direction_and_verdict() -> None:
    assert direction("pass_rate") == "higher"
    assert direction("latency_ms_p95") == "lower"
    assert direction("cases") == "neutral"
    # A gate's own direction wins.
    assert direction("sentences_per_answer", [{"metric": "sentences_per_answer", "op": "<="}])
    assert verdict((-0.2, -0.1), "higher") == "worse"
    assert verdict((0.1, 0.2), "higher") == "better"
    assert verdict((-0.1, 0.2), "higher") == "no change"
    assert verdict((0.1, 0.2), "lower") == "worse"
    assert verdict(None, "higher") == "n/a"


def test_bootstrap_requires_paired_records() -> None:
    report = synthetic_report([True, False])
    with pytest.raises(ValueError):
        bootstrap_deltas(report["cases"], report["cases"][:1], ["pass_rate"])


def test_config_changes_name_the_switched_setting() -> None:
    changed = {
        **CONFIG,
        "retrieval": {**CONFIG["retrieval"], "bm25_enabled": False},
        "corpus_dir": "/tmp/eval-corpus-b",
        "suites": [{"path": "evals/suites/default.jsonl", "sha256": "b" * 64}],
    }
    changes = config_changes(CONFIG, changed)
    assert changes == [
        {"key": "retrieval.bm25_enabled", "old": True, "new": False},
        {"key": "suites[evals/suites/default.jsonl].sha256", "old": "a" * 64, "new": "b" * 64},
    ]  # the throwaway corpus folder differs, but the corpus fingerprint is the same
    other_corpus = {**changed, "corpus_fingerprint": "e" * 64}
    keys = [c["key"] for c in config_changes(CONFIG, other_corpus)]
    assert "corpus_dir" in keys and "corpus_fingerprint" in keys


def write(tmp_path: Path, name: str, report: dict) -> Path:
    path = tmp_path / name / "report.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(report))
    return path


def test_compare_command_exit_codes_markdown_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n = 100
    gates = [Gate("pass_rate", 0.5, False)]
    texts = [f"Reply {i}." for i in range(n)]
    old = write(tmp_path, "old", synthetic_report([True] * n, gates=gates, texts=texts))
    reworded = [*texts[:-1], "Reworded <b>reply</b>."]
    worse = synthetic_report(
        [i % 5 != 0 for i in range(n)],
        gates=gates,
        texts=reworded,
        config={**CONFIG, "retrieval": {**CONFIG["retrieval"], "bm25_enabled": False}},
    )
    new = write(tmp_path, "new", worse)
    html = tmp_path / "cmp" / "compare.html"
    md = tmp_path / "cmp" / "compare.md"
    code = main(["compare", str(old), str(new), "--html", str(html), "--md", str(md)])
    assert code == 1
    captured = capsys.readouterr()
    assert "regression: pass_rate is significantly worse" in captured.err
    text = captured.out
    assert text == md.read_text()
    assert "- retrieval.bm25_enabled: true -> false" in text
    assert "| pass_rate (gated) | 1.000 | 0.800 | -0.200 | [" in text
    assert "## Pass -> fail (20)" in text and "## Route changed (20)" in text
    assert "## Reply text changed (1)\n\ncase-099" in text
    page = lxml_html.fromstring(html.read_text())
    section = page.get_element_by_id("comparison").text_content()
    assert "Gated metrics significantly worse:" in section and "pass_rate" in section
    assert "Reworded <b>reply</b>." in section  # shown as text, not markup
    assert not page.xpath("//b")
    assert "retrieval.bm25_enabled" in page.get_element_by_id("config-diff").text_content()

    # The same two runs without any gate: nothing gated, nothing to fail on.
    plain_old = write(tmp_path, "plain-old", synthetic_report([True] * n))
    plain_new = write(tmp_path, "plain-new", synthetic_report([i % 5 != 0 for i in range(n)]))
    assert execute_compare(plain_old, plain_new) == 0
    assert execute_compare(plain_old, plain_new, gated=["pass_rate"]) == 1
    # Noise only: gated, but not significantly worse.
    same_old = write(tmp_path, "same-old", synthetic_report(pass_flags(n, 0.8, 1), gates=gates))
    same_new = write(tmp_path, "same-new", synthetic_report(pass_flags(n, 0.8, 2), gates=gates))
    assert execute_compare(same_old, same_new) == 0


def test_compare_command_rejects_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good", synthetic_report([True, False]))
    (tmp_path / "junk.json").write_text("{not json")
    (tmp_path / "other.json").write_text('{"metrics": {}, "cases": [1]}')
    for old, new, extra, message in (
        (good, tmp_path / "missing.json", [], "no such report"),
        (tmp_path / "junk.json", good, [], "junk.json:1: not valid JSON"),
        (tmp_path / "other.json", good, [], "'cases' must be a list of case records"),
        (good.parent, good, [], "is a folder"),
        (good, good, ["--gate", "speed"], "--gate 'speed': unknown metric"),
        (good, good, ["--resamples", "0"], "must be at least 1"),
    ):
        assert main(["compare", str(old), str(new), *extra]) == 2
        assert message in capsys.readouterr().err


def test_reports_without_per_case_records_still_compare(tmp_path: Path) -> None:
    """A report written before per-case records: deltas, no intervals, no regression."""
    old = synthetic_report([True] * 10)
    new = synthetic_report([False] * 10)
    for report in (old, new):
        for record in report["cases"]:
            del record["spec"]
    comparison = compare_runs(old, new, gated=["pass_rate"])
    assert row(comparison, "pass_rate")["delta"] == -1.0
    assert row(comparison, "pass_rate")["ci_low"] is None
    assert comparison["regressions"] == [] and comparison["method"]["intervals"] is False
