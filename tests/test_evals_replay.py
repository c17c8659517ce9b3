"""Replay (``rescore`` / ``run --replay``) and ``--repeat``, with a scripted fake service."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from test_evals_runner import (
    CASES,
    CHUNK,
    GOOD_REPLIES,
    PASSAGE,
    SRC,
    FakeService,
    eval_settings,
    failing_replies,
    make_reply,
    run,
    suite_file,
)

from assistant.config import Settings
from assistant.schema import (
    Citation,
    Cited,
    CitedSentence,
    Paragraph,
    Passage,
    Reply,
    Route,
    RouteDecision,
    Turn,
)
from evals.__main__ import main
from evals.runner import RunOptions, execute

GOLD_CASE = {
    **CASES[0],
    "id": "gold",
    "intent": "safety",
    "gold": ["Massage therapy is generally safe, with few adverse outcomes."],
    "acceptable": [],
    "must_include": [["safe", "re:\\bsafe\\b"]],
}
ABUSE_CASE = {
    "id": "abuse",
    "category": "abuse",
    "turns": ["My partner hits me."],
    "route": "crisis",
    "detail": "abuse",
}
RICH_CASES = [*CASES, GOLD_CASE, ABUSE_CASE]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return eval_settings(tmp_path)


def rich_replies() -> dict[str, Reply]:
    replies = failing_replies()
    replies["Is massage safe with cancer?"] = Reply(
        blocks=(
            Paragraph("From the sources:"),
            Cited((CitedSentence("Massage therapy is generally safe.", (1,)),)),
            Paragraph("Ask your care team before you book."),
        ),
        decision=RouteDecision(Route.ANSWER, "general", 0.8, asker="self"),
        citations=(Citation(1, SRC, "Massage", "Safety", None, PASSAGE, "k1", "Pub"),),
        retrieved=(Passage(CHUNK, 0.9, 0.7, 3.25, 1),),
        backend="extractive",
    )
    replies["My partner hits me."] = Reply(
        blocks=(Paragraph("Call or text 988."),),
        decision=RouteDecision(Route.CRISIS, "abuse", 1.0),
    )
    return replies


def rich_run(tmp_path: Path, settings: Settings, **kw) -> tuple[int, Path]:
    suite = suite_file(tmp_path, RICH_CASES, name="rich.jsonl")
    return run(tmp_path, settings, FakeService(rich_replies()), suites=[suite], **kw)


def load(out: Path) -> dict:
    return json.loads((out / "report.json").read_text())


def test_replay_gives_the_same_metrics_and_verdicts(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = rich_run(tmp_path, settings, fail_under=["pass_rate=0.5"])
    assert code == 0
    original = load(out)
    again = tmp_path / "again"
    # No service is given: if the replay tried to answer, it would load the real assistant.
    assert main(["rescore", str(out / "report.json"), "--out", str(again)]) == 0
    replayed = load(again)
    assert replayed["metrics"] == original["metrics"]  # latencies included, exactly
    for before, after in zip(original["cases"], replayed["cases"], strict=True):
        for key in ("id", "route", "passed", "failures", "quoted", "citations", "retrieved"):
            assert after[key] == before[key], (before["id"], key)
        assert after["scores"] == before["scores"] and after["checks"] == before["checks"]
    assert replayed["run"]["replayed_from"] == str(out / "report.json")
    assert replayed["config"]["code_version"] == original["config"]["code_version"]
    # run --replay is the same thing.
    third = tmp_path / "third"
    assert main(["run", "--replay", str(out / "report.json"), "--out", str(third)]) == 0
    assert load(third)["metrics"] == original["metrics"]
    # The replay's own report replays too.
    fourth = tmp_path / "fourth"
    assert main(["rescore", str(again / "report.json"), "--out", str(fourth)]) == 0
    assert load(fourth)["metrics"] == original["metrics"]
    capsys.readouterr()


def test_replay_applies_new_gates_without_running(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = rich_run(tmp_path, settings)
    junit = tmp_path / "junit.xml"
    code = main(
        [
            "rescore",
            str(out / "report.json"),
            "--out",
            str(tmp_path / "gated"),
            "--fail-under",
            "abuse_recall=1",
            "--fail-under",
            "pass_rate=0.9",
            "--junit",
            str(junit),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "gate failed: pass_rate = 0.8, gate needs >= 0.9" in err
    assert "abuse_recall" not in err  # the abuse check decided: 1.0
    assert junit.exists()
    report = load(tmp_path / "gated")
    assert [g["passed"] for g in report["gates"]] == [True, False]


def test_replay_against_an_edited_suite(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = rich_run(tmp_path, settings)
    edited = [dict(c) for c in RICH_CASES]
    edited[1]["route"] = "answer"  # the chest case now expects what was answered...
    edited[1]["must_include"] = ["cure"]  # ...and a word the reply has
    suite = suite_file(tmp_path, edited, name="edited.jsonl")
    code = main(
        ["rescore", str(out / "report.json"), "--out", str(tmp_path / "e"), "--suite", str(suite)]
    )
    assert code == 0
    report = load(tmp_path / "e")
    chest = next(c for c in report["cases"] if c["id"] == "chest")
    assert chest["passed"] is True and chest["spec"]["route"] == "answer"
    assert report["config"]["suites"][0]["path"] == str(suite)

    moved = [dict(c) for c in RICH_CASES]
    moved[1]["turns"] = ["A different message."]
    bad = suite_file(tmp_path, moved, name="moved.jsonl")
    args = ["rescore", str(out / "report.json"), "--out", str(tmp_path / "x"), "--suite"]
    assert main([*args, str(bad)]) == 2
    assert "case 'chest': its turns differ from the recorded run" in capsys.readouterr().err
    extra = suite_file(tmp_path, [*RICH_CASES, {**CASES[1], "id": "new"}], name="extra.jsonl")
    assert main([*args, str(extra)]) == 2
    assert "1 cases of the suites are not in" in capsys.readouterr().err


def test_reports_without_replay_records_are_refused(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = rich_run(tmp_path, settings)
    report = load(out)
    for record in report["cases"]:
        record.pop("blocks")
    old = tmp_path / "old.json"
    old.write_text(json.dumps(report))
    assert main(["rescore", str(old), "--out", str(tmp_path / "o")]) == 2
    assert "run the suite again instead" in capsys.readouterr().err


class FlakyService(FakeService):
    """Every other call to the follow-up question gets another reply."""

    def __init__(self, replies: dict[str, Reply]) -> None:
        super().__init__(replies)
        self.count = 0

    def answer(self, conversation: Sequence[Turn], message: str) -> Reply:
        if message == "And is it safe?":
            self.count += 1
            if self.count % 2 == 0:
                self.calls.append((list(conversation), message))
                return make_reply("unknown", f"I don't know (call {self.count}).")
        return super().answer(conversation, message)


def test_repeat_reports_cases_whose_result_changes(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    service = FlakyService(GOOD_REPLIES)
    code, out = run(tmp_path, settings, service, repeat=3, maximum=["flaky_cases=0"])
    assert code == 1
    assert len(service.calls) == 3 * 4  # three rounds of three cases, one with two turns
    err = capsys.readouterr().err
    assert "gate failed: flaky_cases = 1, gate needs <= 0" in err
    assert "flaky: 1 cases changed between the 3 runs" in err
    report = load(out)
    assert report["run"]["repeat"] == 3
    assert report["metrics"]["flaky_cases"] == 1
    assert report["metrics"]["pass_rate"] == 1.0  # the first round is the one scored
    # The follow-up accepts answer or unknown: it changed, but it never failed.
    assert report["flaky"] == [
        {
            "id": "follow",
            "changed": ["route", "reply"],
            "routes": ["answer", "unknown", "answer"],
            "passed": [True, True, True],
        }
    ]
    follow = next(c for c in report["cases"] if c["id"] == "follow")
    assert follow["repeat"]["flaky"] is True
    assert [v["run"] for v in follow["repeat"]["variants"]] == [2]
    stable = next(c for c in report["cases"] if c["id"] == "chest")
    assert stable["repeat"]["changed"] == [] and stable["repeat"]["variants"] == []
    html = (out / "report.html").read_text()
    assert "Flaky cases (1 of 3, 3 runs each)" in html
    # The replay judges every run again and finds the same flaky case.
    assert main(["rescore", str(out / "report.json"), "--out", str(tmp_path / "r")]) == 0
    replayed = load(tmp_path / "r")
    assert replayed["flaky"] == report["flaky"] and replayed["metrics"] == report["metrics"]


def test_repeat_of_a_steady_service_finds_nothing(tmp_path: Path, settings: Settings) -> None:
    code, out = run(tmp_path, settings, FakeService(GOOD_REPLIES), repeat=2)
    assert code == 0
    report = load(out)
    assert report["flaky"] == [] and report["metrics"]["flaky_cases"] == 0
    assert "Flaky cases (0" in (out / "report.md").read_text()
    once = run(tmp_path, settings, FakeService(GOOD_REPLIES), out=tmp_path / "once")[1]
    assert load(once)["metrics"]["flaky_cases"] is None and load(once)["flaky"] is None


def test_replay_needs_no_suite_and_accepts_run_options(tmp_path: Path, settings: Settings) -> None:
    _, out = rich_run(tmp_path, settings)
    options = RunOptions(suites=[], out=tmp_path / "r", replay=out / "report.json", progress=False)
    assert execute(options) == 0
