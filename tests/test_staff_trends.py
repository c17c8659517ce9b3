"""Grouping unanswered questions by similarity, and the charts' markup (no store needed)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from assistant.staff.trends import group_questions, stacked_bars


def test_similar_questions_are_grouped_and_the_biggest_group_comes_first() -> None:
    groups = group_questions(
        [
            "Is cupping safe during chemo?",
            "Can I have reflexology for neuropathy?",
            "is cupping safe during chemotherapy",
            "Cupping safe during chemo??",
            "Reflexology for neuropathy?",
            "!!!",
        ]
    )
    assert [(g.example, g.count) for g in groups] == [
        ("Is cupping safe during chemo?", 3),
        ("Can I have reflexology for neuropathy?", 2),
    ]


def test_the_chart_is_an_accessible_svg_with_escaped_labels() -> None:
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(3)]
    chart = stacked_bars(
        "Flags <per> day", days, {days[1]: Counter({"<b>": 2, "answer": 1})}, {"answer": "#000"}
    )
    assert chart.startswith('<svg role="img" aria-label="Flags &lt;per&gt; day"')
    assert chart.count("<rect ") == 2 and "<b>" not in chart and "&lt;b&gt;" in chart
