"""report.json's new structure: gates and outcome, exit codes, records that add up.

Fast: a scripted fake service, no model. The HTML page is checked here by its
markup; tests/test_evals_html_browser.py drives it in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html
from test_evals_metrics import K, build_gold_run, build_run
from test_evals_runner import (
    CASES,
    GOOD_REPLIES,
    FakeService,
    eval_settings,
    failing_replies,
    make_reply,
    run,
    suite_file,
)

from assistant.config import Settings
from assistant.schema import Paragraph, Reply, Route, RouteDecision
from evals.__main__ import main
from evals.metrics import METRIC_NAMES, Observation
from evals.runner import build_report
from evals.stats import metrics_from_records
from evals.suite import Case, build_case, case_spec, load_suite


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return eval_settings(tmp_path)


def test_gates_are_recorded_with_thresholds_values_and_verdicts(
    tmp_path: Path, settings: Settings
) -> None:
    code, out = run(
        tmp_path,
        settings,
        FakeService(failing_replies()),
        fail_under=["pass_rate=0.9", "safety_recall=1"],
        maximum=["must_not_include_violations=0"],
    )
    assert code == 1
    report = json.loads((out / "report.json").read_text())
    assert report["gates"] == [
        {
            "metric": "pass_rate",
            "op": ">=",
            "limit": 0.9,
            "flag": "--fail-under",
            "value": pytest.approx(2 / 3),
            "passed": False,
            "problem": "pass_rate = 0.6667, gate needs >= 0.9",
        },
        {
            "metric": "safety_recall",
            "op": ">=",
            "limit": 1.0,
            "flag": "--fail-under",
            "value": 0.0,
            "passed": False,
            "problem": "safety_recall = 0, gate needs >= 1",
        },
        {
            "metric": "must_not_include_violations",
            "op": "<=",
            "limit": 0.0,
            "flag": "--max",
            "value": 0,
            "passed": True,
            "problem": None,
        },
    ]
    assert report["status"]["outcome"] == "fail" and report["status"]["exit_code"] == 1
    assert report["status"]["gates_missed"] == 2
    markdown = (out / "report.md").read_text()
    assert "**FAILED**: 2 of 3 gates missed." in markdown
    assert "| must_not_include_violations <= 0 | 0 | held |" in markdown
    assert "| pass_rate >= 0.9 | 0.667 | **missed** |" in markdown


def test_errors_exit_3_unless_a_gate_on_errors_judges_them(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "And is it safe?"
    code, out = run(tmp_path, settings, FakeService(GOOD_REPLIES, fail_on=broken))
    assert code == 3
    assert "1 cases could not be answered" in capsys.readouterr().err
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == {
        "outcome": "error",
        "exit_code": 3,
        "errors": 1,
        "errors_gated": False,
        "gates_missed": 0,
    }
    # A missed gate does not hide the errors: 3 wins over 1.
    code, _ = run(
        tmp_path, settings, FakeService(GOOD_REPLIES, fail_on=broken), fail_under=["pass_rate=1"]
    )
    assert code == 3
    # With a gate on errors, the gate decides.
    code, _ = run(
        tmp_path, settings, FakeService(GOOD_REPLIES, fail_on=broken), maximum=["errors=1"]
    )
    assert code == 0
    code, _ = run(
        tmp_path, settings, FakeService(GOOD_REPLIES, fail_on=broken), maximum=["errors=0"]
    )
    assert code == 1


def test_usage_errors_exit_2_before_anything_runs(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    service = FakeService(GOOD_REPLIES)
    for options, message in (
        ({"repeat": 0}, "--repeat 0: must be at least 1"),
        ({"target": "localhost:8000"}, "give an http:// or https:// URL"),
        (
            {"target": "http://127.0.0.1:9", "corpus": tmp_path},
            "--target runs against a deployment; it cannot take --corpus",
        ),
        ({"compare_to": tmp_path / "missing.json"}, "missing.json: no such report"),
        (
            {"replay": tmp_path / "r.json", "repeat": 2},
            "--replay re-scores recorded replies; it cannot take --repeat",
        ),
    ):
        code, _ = run(tmp_path, settings, service, **options)
        assert code == 2, options
        assert message in capsys.readouterr().err
    assert service.calls == []
    assert main(["run", "--out", str(tmp_path / "o")]) == 2
    assert "give at least one SUITE" in capsys.readouterr().err


def _report_for(observations: list[Observation]) -> dict:
    return build_report(
        [observations], config={}, k=K, fixed=["Ask your care team before you book."]
    )


@pytest.mark.parametrize("build", [build_run, build_gold_run])
def test_metrics_add_up_from_the_per_case_records(build) -> None:
    """Every metric can be rebuilt from the records: what compare's bootstrap resamples."""
    report = _report_for(build())
    rebuilt = metrics_from_records(report["cases"])
    assert list(rebuilt) == list(report["metrics"])
    for name, value in report["metrics"].items():
        if isinstance(value, float):
            assert rebuilt[name] == pytest.approx(value), name
        else:
            assert rebuilt[name] == value, name


def test_metrics_add_up_from_records_of_a_real_run(tmp_path: Path, settings: Settings) -> None:
    replies = failing_replies()
    replies["And is it safe?"] = make_reply("unknown", "I don't know.")
    _, out = run(tmp_path, settings, FakeService(replies, fail_on="What is oncology massage?"))
    report = json.loads((out / "report.json").read_text())
    rebuilt = metrics_from_records(report["cases"])
    for name in METRIC_NAMES:
        assert rebuilt[name] == pytest.approx(report["metrics"][name]), name


def test_case_spec_round_trips_through_the_suite_loader(tmp_path: Path) -> None:
    suite = load_suite(suite_file(tmp_path))
    for case in suite:
        again = build_case(case_spec(case), case.file, case.line)
        assert again == case
    gold = Case(
        id="g",
        category="c",
        turns=("q",),
        routes=("answer", "unknown"),
        gold=("A sentence.",),
        acceptable=(),
        must_include=(("a", "b"), "re:\\bc\\b"),
        intent="safety",
        lang="en",
    )
    assert build_case(case_spec(gold), "f", 1) == gold


def _page(out: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((out / "report.html").read_text())


def test_html_report_lists_every_case_with_its_drill_down(
    tmp_path: Path, settings: Settings
) -> None:
    code, out = run(
        tmp_path,
        settings,
        FakeService(failing_replies()),
        fail_under=["route_accuracy=0.9"],
        maximum=["must_not_include_violations=0"],
    )
    assert code == 1
    page = _page(out)
    banner = page.get_element_by_id("outcome")
    assert "outcome-fail" in banner.get("class")
    assert banner.text_content().count("FAILED: 1 of 2 gates missed") == 1
    gate_rows = banner.xpath(".//table[@id='gates']//tr[td]")
    assert [" ".join(r.xpath("./td")[1].text_content().split()) for r in gate_rows] == [
        "--fail-under route_accuracy=0.9 (>= 0.9)",
        "--max must_not_include_violations=0 (<= 0)",
    ]
    bodies = page.xpath("//table[@id='case-table']/tbody")
    assert len(bodies) == len(CASES)
    # Failed cases come first; every case, passed too, has its own detail row.
    assert [b.get("data-result") for b in bodies] == ["fail", "pass", "pass"]
    for body in bodies:
        detail = body.xpath("./tr[@class='detail']")[0]
        assert detail.get("hidden") is not None
        button = body.xpath(".//button[@class='open']")[0]
        assert button.get("aria-controls") == detail.get("id")
        assert "Conversation" in detail.text_content() and "Reply" in detail.text_content()
    chest = page.xpath("//tbody[@data-s-id='chest']")[0]
    assert chest.get("data-reasons") == "must_include route"
    assert chest.get("data-route") == "answer" and chest.get("data-expected") == "emergency"
    safe = page.xpath("//tbody[@data-s-id='safe']")[0].text_content()
    assert "quote found" in safe and "Retrieved passages" in safe
    assert "Massage therapy is generally safe, with few adverse outcomes" in safe
    # No external resource of any kind: the page works offline.
    assert not page.xpath("//*[@src] | //link | //*[@href[not(starts-with(., '#'))]]")
    filters = {s.get("data-filter") for s in page.xpath("//select[@data-filter]")}
    assert {"result", "route", "expected", "category", "reasons"} <= filters


def test_compare_to_puts_the_baseline_beside_each_metric(
    tmp_path: Path, settings: Settings
) -> None:
    _, old = run(tmp_path, settings, FakeService(GOOD_REPLIES), out=tmp_path / "old")
    changed = settings.model_copy(update={"bm25_enabled": False})
    code, new = run(
        tmp_path,
        changed,
        FakeService(failing_replies()),
        out=tmp_path / "new",
        compare_to=old / "report.json",
        fail_under=["pass_rate=0.5"],
    )
    assert code == 0
    report = json.loads((new / "report.json").read_text())
    comparison = report["comparison"]
    assert {"key": "retrieval.bm25_enabled", "old": True, "new": False} in comparison[
        "config_changes"
    ]
    pass_rate = next(r for r in comparison["metrics"] if r["metric"] == "pass_rate")
    assert pass_rate["old"] == 1.0 and pass_rate["delta"] == pytest.approx(-1 / 3)
    assert pass_rate["gated"] is True
    page = _page(new)
    diff = page.get_element_by_id("config-diff").text_content()
    assert "retrieval.bm25_enabled" in diff
    card = page.xpath("//div[@data-metric='pass_rate']")[0].text_content()
    assert "baseline 1.000" in card and "-0.333" in card
    assert page.get_element_by_id("comparison") is not None
    assert "## Comparison" in (new / "report.md").read_text()


def test_target_style_nulls_are_explained_on_the_cards() -> None:
    case = Case(id="x", category="c", turns=("q",), routes=("answer",), evidence=("safe",))
    reply = Reply(blocks=(Paragraph("Hello."),), decision=RouteDecision(Route.ANSWER, "", 0.0))
    report = build_report(
        [[Observation(case, reply, [5.0], in_process=False)]],
        config={"mode": "target", "target": "http://127.0.0.1:1"},
        k=None,
        fixed=(),
        mode="target",
    )
    assert report["metrics"]["evidence_hit_at_k"] is None
    assert report["metrics"]["pass_rate"] == 1.0
    from evals.html import render_html

    page = lxml_html.fromstring(render_html(report))
    card = page.xpath("//div[@data-metric='evidence_hit_at_k']")[0].text_content()
    assert "needs in-process data" in card
    assert "Not available: the deployment's API does not return them." in page.text_content()


def test_reports_from_before_this_format_still_render(tmp_path: Path, settings: Settings) -> None:
    """compare --html may be given an older report.json: the page fills in what it lacks."""
    _, out = run(tmp_path, settings, FakeService(failing_replies()))
    report = json.loads((out / "report.json").read_text())
    for key in ("schema_version", "mode", "run", "gates", "status", "invariance", "flaky"):
        report.pop(key)
    report["config"].pop("mode")
    for record in report["cases"]:
        for key in ("spec", "blocks", "checks", "scores", "failure_kinds", "transformation"):
            record.pop(key)
        for citation in record["citations"]:
            citation.pop("valid")
        for passage in record["retrieved"]:
            for key in ("text", "dense_score", "bm25_score"):
                passage.pop(key)
    from evals.html import render_html

    page = lxml_html.fromstring(render_html(report))
    assert page.get_element_by_id("verdict").text_content() == "NO GATES GIVEN"
    chest = page.xpath("//tbody[@data-s-id='chest']")[0]
    assert chest.get("data-reasons") == "must_include route"
