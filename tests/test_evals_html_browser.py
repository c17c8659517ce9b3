"""report.html in Debian's headless Chromium: banner, filters, search, sort, drill-down, 360 px.

The report comes from a run with the scripted fake service (no model), compared
with an earlier run that had BM25 on. The page is opened from disk (file://),
as an evaluator would open it, with no network. Screenshots go to
artifacts/screenshots/evals-report-*.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import launched_chromium, screenshot
from test_evals_runner import (
    CASES,
    GOOD_REPLIES,
    FakeService,
    failing_replies,
    make_reply,
    run,
    suite_file,
)

from assistant.config import Settings, load_settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
EXTRA = [
    {
        "id": "xss",
        "category": "hostile",
        "turns": ["Tell me something nasty."],
        "route": "out_of_scope",
    },
    {
        "id": "oos-poem",
        "category": "scope",
        "turns": ["Write me a poem."],
        "route": "out_of_scope",
    },
]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("evals-html")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\nurl: https://example.org/a\n---\nMassage text.\n")
    settings: Settings = load_settings(corpus_dir=corpus, data_dir=tmp / "data")
    suite = suite_file(tmp, [*CASES, *EXTRA])
    good = dict(GOOD_REPLIES)
    good[EXTRA[0]["turns"][0]] = make_reply("out_of_scope", "I can only help with massage.")
    good[EXTRA[1]["turns"][0]] = make_reply("out_of_scope", "I can only help with massage.")
    _, old = run(tmp, settings, FakeService(good), suites=[suite], out=tmp / "old")
    replies = failing_replies()
    replies[EXTRA[0]["turns"][0]] = make_reply("answer", f"Here: {XSS}")
    replies[EXTRA[1]["turns"][0]] = make_reply("out_of_scope", "I can only help with massage.")
    code, new = run(
        tmp,
        settings.model_copy(update={"bm25_enabled": False}),
        FakeService(replies),
        suites=[suite],
        out=tmp / "new",
        compare_to=old / "report.json",
        fail_under=["pass_rate=0.9", "citation_validity=1"],
        maximum=["must_not_include_violations=0"],
    )
    assert code == 1
    report = json.loads((new / "report.json").read_text())
    assert [c["passed"] for c in report["cases"]] == [True, False, True, False, True]
    return new / "report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: Any, report_file: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(report_file.as_uri())
    page.problems = problems
    yield page
    assert problems == [], problems  # no script error and no CSP violation
    context.close()


def visible_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#case-table > tbody:not([hidden])", "bodies => bodies.map(b => b.dataset.sId)"
    )


def count_text(page: Any) -> str:
    return page.inner_text("#case-count")


def test_banner_shows_the_outcome_and_every_gate(page: Any) -> None:
    assert page.evaluate("document.documentElement.className") == ""  # the script ran
    assert page.inner_text("#verdict") == "FAILED: 1 of 3 gates missed"
    rows = page.eval_on_selector_all(
        "#gates tr:has(td)", "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())"
    )
    assert rows == [
        "pass_rate --fail-under pass_rate=0.9 (>= 0.9) 0.600 missed",
        "citation_validity --fail-under citation_validity=1 (>= 1) 1.000 held",
        "must_not_include_violations --max must_not_include_violations=0 (<= 0) 0 held",
    ]
    assert "retrieval.bm25_enabled" in page.inner_text("#config-diff")
    card = page.inner_text("[data-metric=pass_rate]")
    assert "baseline 1.000" in card and "-0.400" in card and "missed" in card
    # The comparison lists the cases that changed, with both replies as text.
    assert "chest" in page.inner_text("#comparison-cases")
    screenshot(page, "evals-report-desktop", full_page=False)


def test_filters_search_and_chips(page: Any) -> None:
    assert count_text(page) == "Showing 5 of 5 cases"
    assert visible_ids(page)[:2] == ["chest", "xss"]  # failed first
    page.select_option("#f-result", "pass")
    assert sorted(visible_ids(page)) == ["follow", "oos-poem", "safe"]
    page.select_option("#f-category", "scope")
    assert visible_ids(page) == ["oos-poem"] and count_text(page) == "Showing 1 of 5 cases"
    page.click("#f-clear")
    page.select_option("#f-route", "answer")
    assert sorted(visible_ids(page)) == ["chest", "follow", "safe", "xss"]
    page.select_option("#f-route", "")
    page.select_option("#f-expected", "emergency")
    assert visible_ids(page) == ["chest"]
    page.select_option("#f-expected", "")
    page.select_option("#f-reason", "route")
    assert sorted(visible_ids(page)) == ["chest", "xss"]
    page.select_option("#f-reason", "must_include")
    assert visible_ids(page) == ["chest"]
    page.click("#f-clear")
    page.fill("#f-q", "CRUSHING chest")
    assert visible_ids(page) == ["chest"]
    page.fill("#f-q", "onerror")  # searches the reply text too
    assert visible_ids(page) == ["xss"]
    page.click("#f-clear")
    assert count_text(page) == "Showing 5 of 5 cases"
    page.click("#outcome button[data-value=must_include]")
    assert visible_ids(page) == ["chest"]
    assert page.input_value("#f-reason") == "must_include"
    page.click("#outcome button[data-value=fail]")
    assert sorted(visible_ids(page)) == ["chest", "xss"]


def test_sort_by_any_column(page: Any) -> None:
    page.click("th[data-col=id] button")
    assert visible_ids(page) == ["chest", "follow", "oos-poem", "safe", "xss"]
    assert page.get_attribute("th[data-col=id]", "aria-sort") == "ascending"
    page.click("th[data-col=id] button")
    assert visible_ids(page) == ["xss", "safe", "oos-poem", "follow", "chest"]
    assert page.get_attribute("th[data-col=id]", "aria-sort") == "descending"
    page.click("th[data-col=category] button")
    assert visible_ids(page) == ["chest", "follow", "xss", "safe", "oos-poem"]
    page.click("th[data-col=result] button")
    assert visible_ids(page)[:2] == ["chest", "xss"]
    page.click("th[data-col=latency] button")
    latencies = page.eval_on_selector_all(
        "#case-table > tbody", "bodies => bodies.map(b => Number(b.dataset.sLatency))"
    )
    assert latencies == sorted(latencies)
    page.select_option("#f-sort", "index")
    assert visible_ids(page)[:2] == ["chest", "xss"]


def test_any_case_opens_with_its_reply_citations_and_passages(page: Any) -> None:
    body = "tbody[data-s-id=safe]"
    detail = f"{body} tr.detail"
    assert not page.is_visible(detail)
    page.click(f"{body} button.open")
    assert page.is_visible(detail)
    assert page.get_attribute(f"{body} button.open", "aria-expanded") == "true"
    text = page.inner_text(detail)
    assert "Every check passed." in text  # a passed case opens too
    assert "Is massage safe with cancer?" in text and "Massage therapy is generally safe" in text
    assert "quote found" in text and "Retrieved passages" in text
    assert "0.900" in text  # the retrieval score
    page.click(f"{detail} summary")  # the passage text itself
    assert "with few adverse outcomes for people with cancer" in page.inner_text(detail)
    screenshot(page, "evals-report-case-open", full_page=False)
    page.click(f"{body} button.open")
    assert not page.is_visible(detail)
    # A link to a case (e.g. from the comparison) opens it, clearing filters that hide it.
    page.select_option("#f-result", "fail")
    page.click("#comparison-cases a:has-text('chest')")
    assert page.is_visible("tbody[data-s-id=chest] tr.detail")
    assert "route: expected emergency, got answer" in page.inner_text("tbody[data-s-id=chest]")


def test_replies_are_shown_as_text_never_run(page: Any) -> None:
    page.click("tbody[data-s-id=xss] button.open")
    assert XSS in page.inner_text("tbody[data-s-id=xss] .reply")
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 1


def test_readable_at_360_px(browser: Any, report_file: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, offline=True)
    page = context.new_page()
    page.goto(report_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.is_visible("#verdict") and page.is_visible("#f-q")
    # Cards stack: each case row reads as labelled lines.
    label = page.evaluate(
        "getComputedStyle(document.querySelector('tbody[data-s-id=chest] td[data-label=Got]'),"
        " '::before').content"
    )
    assert label == '"Got: "'
    page.click("tbody[data-s-id=safe] button.open")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "evals-report-360px", full_page=False)
    page.locator("tbody[data-s-id=safe]").scroll_into_view_if_needed()
    screenshot(page, "evals-report-360px-case", full_page=False)
    context.close()


def test_without_javascript_every_case_is_shown_open(browser: Any, report_file: Path) -> None:
    context = browser.new_context(java_script_enabled=False, offline=True)
    page = context.new_page()
    page.goto(report_file.as_uri())
    assert page.is_visible("tbody[data-s-id=safe] tr.detail")
    assert not page.is_visible("#f-q")
    context.close()
