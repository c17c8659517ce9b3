"""The trends dashboard: conversations and flags per day by route, feedback rate, the
share of ``unknown`` replies, and the unanswered questions grouped by similarity.

Figures are computed from the last ``days`` days of the conversation store
(what retention has kept) and drawn as inline SVG bar charts, so the page
needs no JavaScript or plotting library. Unanswered questions (the person's
message before an ``unknown`` reply) are grouped greedily by the Jaccard
overlap of their stemmed content words: the groups are the content gaps an
organisation could write pages for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from ..conversations import ConversationStore
from ..conversations.models import Feedback, Flag, Message
from ..text import content_words, stems
from .review import reason_kind

ROUTE_COLOURS = {
    "answer": "#1d4e89",
    "clinical": "#7c3aed",
    "emergency": "#b91c1c",
    "crisis": "#c2410c",
    "out_of_scope": "#64748b",
    "unknown": "#ca8a04",
    "error": "#111827",
}
KIND_COLOURS = {
    "emergency": "#b91c1c",
    "crisis": "#c2410c",
    "clinical": "#7c3aed",
    "unknown": "#ca8a04",
    "injection": "#0f766e",
    "feedback": "#db2777",
    "error": "#111827",
    "out_of_scope": "#64748b",
}
SIMILARITY = 0.5


@dataclass
class GapGroup:
    example: str
    count: int
    words: frozenset[str]
    questions: list[str] = field(default_factory=list)


@dataclass
class Trends:
    days: list[date]
    conversations: dict[date, Counter[str]]
    flags: dict[date, Counter[str]]
    answers: dict[date, int]
    rated: dict[date, int]
    rated_down: dict[date, int]
    unknown: dict[date, int]
    gaps: list[GapGroup]

    @property
    def feedback_rate(self) -> float:
        total = sum(self.answers.values())
        return sum(self.rated.values()) / total if total else 0.0

    @property
    def unknown_share(self) -> float:
        total = sum(self.answers.values())
        return sum(self.unknown.values()) / total if total else 0.0


def _day(value: datetime) -> date:
    return value.astimezone(UTC).date()


def group_questions(questions: list[str], threshold: float = SIMILARITY) -> list[GapGroup]:
    """Greedy grouping by Jaccard overlap of stemmed content words, biggest group first."""
    groups: list[GapGroup] = []
    for question in questions:
        words = frozenset(stems(content_words(question)))
        if not words:
            continue
        best, best_score = None, 0.0
        for group in groups:
            score = len(words & group.words) / len(words | group.words)
            if score > best_score:
                best, best_score = group, score
        if best is not None and best_score >= threshold:
            best.count += 1
            best.questions.append(question)
        else:
            groups.append(GapGroup(question, 1, words, [question]))
    return sorted(groups, key=lambda g: (-g.count, g.example))


def compute(store: ConversationStore, days: int = 30, *, today: date | None = None) -> Trends:
    today = today or datetime.now(UTC).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    sessions = sessionmaker(store.engine)
    conversations: dict[date, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[date, str, str]] = set()
    answers: Counter[date] = Counter()
    unknown: Counter[date] = Counter()
    flags: dict[date, Counter[str]] = defaultdict(Counter)
    rated: Counter[date] = Counter()
    rated_down: Counter[date] = Counter()
    unanswered: list[str] = []
    with sessions() as session:
        last_user: dict[str, str] = {}
        for cid, role, route, created, body in session.execute(
            select(
                Message.conversation_id,
                Message.role,
                Message.route,
                Message.created_at,
                Message.text,
            )
            .where(Message.created_at >= since)
            .order_by(Message.id)
        ):
            if role == "user":
                last_user[cid] = body
                continue
            day = _day(created)
            answers[day] += 1
            if (day, cid, route or "") not in seen:
                seen.add((day, cid, route or ""))
                conversations[day][route or "none"] += 1
            if route == "unknown":
                unknown[day] += 1
                if cid in last_user:
                    unanswered.append(last_user[cid])
        for reason, created in session.execute(
            select(Flag.reason, Flag.created_at).where(Flag.created_at >= since)
        ):
            flags[_day(created)][reason_kind(reason)] += 1
        for rating, created in session.execute(
            select(Feedback.rating, Message.created_at)
            .join(Message, Message.id == Feedback.message_id)
            .where(Message.created_at >= since)
        ):
            rated[_day(created)] += 1
            if rating == "down":
                rated_down[_day(created)] += 1
    return Trends(
        days=[first + timedelta(days=i) for i in range(days)],
        conversations=dict(conversations),
        flags=dict(flags),
        answers=dict(answers),
        rated=dict(rated),
        rated_down=dict(rated_down),
        unknown=dict(unknown),
        gaps=group_questions(unanswered)[:15],
    )


def stacked_bars(
    title: str,
    days: list[date],
    series: dict[date, Counter[str]],
    colours: dict[str, str],
    *,
    top: int | None = None,
    top_label: str | None = None,
) -> Markup:
    """An accessible SVG stacked bar chart: one bar per day, one colour per key."""
    width, height, left, bottom = 720, 200, 36, 24
    top = top or max((sum(series.get(d, Counter()).values()) for d in days), default=0) or 1
    bar = (width - left) / max(len(days), 1)
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height + bottom}" '
        f'width="100%" class="chart"><title>{escape(title)}</title>',
        f'<text x="0" y="12" font-size="11">{escape(top_label or str(top))}</text>',
        f'<line x1="{left}" y1="{height}" x2="{width}" y2="{height}" stroke="#94a3b8"/>',
    ]
    for i, day in enumerate(days):
        y = float(height)
        for key, count in sorted(series.get(day, Counter()).items()):
            h = count / top * (height - 16)
            y -= h
            colour = colours.get(key, "#94a3b8")
            parts.append(
                f'<rect x="{left + i * bar + 1:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{day} {escape(key)}: {count}'
                "</title></rect>"
            )
        if i % 7 == 0:
            parts.append(
                f'<text x="{left + i * bar:.1f}" y="{height + 16}" font-size="11">'
                f"{day:%m-%d}</text>"
            )
    parts.append("</svg>")
    keys = sorted({k for d in days for k in series.get(d, Counter())})
    legend = "".join(
        f'<span class="key"><i style="background:{colours.get(k, "#94a3b8")}"></i>'
        f"{escape(k)}</span>"
        for k in keys
    )
    return Markup("".join(parts) + f'<p class="legend">{legend}</p>')


def share_bars(title: str, days: list[date], share: dict[date, float], colour: str) -> Markup:
    """A bar per day of a share between 0 and 1."""
    series = {d: Counter({"share": round(share[d] * 1000)}) for d in days if d in share}
    chart = stacked_bars(title, days, series, {"share": colour}, top=1000, top_label="100%")
    return Markup(chart.split('<p class="legend">')[0])
