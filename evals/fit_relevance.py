"""Choose the close-similarity bar (``relevance_close``) leave-one-set-out.

A question whose best passage is close (cosine at or above ``relevance_close``) is
covered when one of its own topics is found in the passages, however few of its other
words the pages use: people ask in their own words. ``python -m evals.fit_relevance``
answers every ``answer`` and ``unknown`` case of the training suites once through the
real assistant with that rule switched off, and records for the last turn what the rule
reads (the best cosine, whether an own topic is found, whether a name or condition the
sources lack was asked about). Switching the rule on can only turn a reply declined as
not covered (``unknown:below_relevance_floor``) into an answer, so the route under any
bar is known from that one run.

For each suite in turn the bar is chosen on the others (fewest route errors among their
answerable and unanswerable cases; on a tie, the higher bar) and scored on the held-out
one: its false_unknown_rate and unknown precision under that bar, beside the rule off.

Only train halves and the team's default suite are read; the test halves never are.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.retrieval import RetrievalResult, Retriever
from assistant.schema import Turn
from assistant.service import Assistant

from .suite import load_suites

SUITES_DIR = Path(__file__).parent / "suites"
SUITES = (
    SUITES_DIR / "default.jsonl",
    *(
        SUITES_DIR / "blind" / f"{name}.jsonl"
        for name in (
            "answers_train",
            "answers_v2_train",
            "answers_v3_train",
            "answers_v4_train",
            "answers_v5_train",
        )
    ),
)
GRID = tuple(round(0.40 + 0.02 * i, 2) for i in range(16))
"""Bars tried: 0.40 to 0.70 (the confident bar) in steps of 0.02."""
FLOOR_REASON = "unknown:below_relevance_floor"


@dataclass(frozen=True)
class Record:
    """One case's last turn with the close rule off."""

    suite: str
    case_id: str
    expected: str
    """``answer`` or ``unknown``."""
    route: str
    reason: str
    top: float
    own_found: bool
    lacks: bool
    """The question names something the sources lack (an ``absent`` condition or an
    unknown name): the close rule never answers it."""

    def route_at(self, bar: float) -> str:
        """The route with the close rule on at ``bar``."""
        if (
            self.route == "unknown"
            and self.reason == FLOOR_REASON
            and self.top >= bar
            and self.own_found
            and not self.lacks
        ):
            return "answer"
        return self.route


def errors(records: Sequence[Record], bar: float | None) -> int:
    """Answerable cases not answered plus unanswerable ones answered, at ``bar`` (None:
    the rule off)."""
    wrong = 0
    for r in records:
        route = r.route if bar is None else r.route_at(bar)
        wrong += (r.expected, route) in (("answer", "unknown"), ("unknown", "answer"))
    return wrong


def rates(records: Sequence[Record], bar: float | None) -> tuple[float | None, float | None]:
    """(false_unknown_rate, unknown precision) as the evaluation report defines them:
    answerable cases routed ``unknown``, and the share of ``unknown`` replies that were
    expected to be ``unknown``."""
    routes = [(r.expected, r.route if bar is None else r.route_at(bar)) for r in records]
    answerable = [got for exp, got in routes if exp == "answer"]
    declined = [exp for exp, got in routes if got == "unknown"]
    false_unknown = (
        sum(got == "unknown" for got in answerable) / len(answerable) if answerable else None
    )
    precision = sum(exp == "unknown" for exp in declined) / len(declined) if declined else None
    return false_unknown, precision


def choose(records: Sequence[Record], grid: Sequence[float] = GRID) -> float:
    """The bar with the fewest errors on ``records``; when several bars in a row tie, the
    middle one of the first such run (the widest margin from the cases on either side:
    suites without a paraphrased question the rule would answer tie from the highest
    unanswerable case's similarity up to the confident bar)."""
    counts = [errors(records, bar) for bar in grid]
    best = min(counts)
    start = counts.index(best)
    end = start
    while end + 1 < len(grid) and counts[end + 1] == best:
        end += 1
    return grid[(start + end) // 2]


def leave_one_out(records: Sequence[Record], grid: Sequence[float] = GRID) -> list[dict]:
    """For each suite: the bar chosen on the others and the held-out suite's figures."""
    rows = []
    for suite in dict.fromkeys(r.suite for r in records):
        held = [r for r in records if r.suite == suite]
        bar = choose([r for r in records if r.suite != suite], grid)
        rows.append(
            {
                "suite": suite,
                "bar": bar,
                "off": rates(held, None),
                "on": rates(held, bar),
                "errors_off": errors(held, None),
                "errors_on": errors(held, bar),
            }
        )
    return rows


class _Recording(Retriever):
    """The retriever, keeping every result of the current turn."""

    results: list[RetrievalResult]

    def retrieve(self, *args, **kwargs) -> RetrievalResult:  # type: ignore[no-untyped-def]
        result = super().retrieve(*args, **kwargs)
        self.results.append(result)
        return result


def record(suites: Sequence[Path], base: Assistant | None = None) -> list[Record]:
    """Every answer/unknown case of ``suites`` through the real assistant (``base``, or one
    built from the settings), with the close rule off."""
    if base is None:
        from assistant.config import load_settings
        from assistant.wiring import build_assistant

        base = build_assistant(load_settings(_env_file=None), progress=False)
    settings = base.settings.model_copy(update={"relevance_close": 1.0})
    retriever = _Recording(settings, base.retriever.store, base.retriever.embeddings)
    retriever.warm_up()
    service = Assistant(settings, base.router, retriever, base.backend)
    records = []
    for case in load_suites(list(suites)):
        if "unknown" in case.routes:
            expected = "unknown"
        elif set(case.routes) == {"answer"}:
            expected = "answer"
        else:
            continue
        conversation: list[Turn] = []
        for text in case.turns[:-1]:
            reply = service.answer(conversation, text)
            conversation += [Turn("user", text), Turn("assistant", reply.text, reply.route)]
        retriever.results = []
        reply = service.answer(conversation, case.turns[-1])
        first = retriever.results[0] if retriever.results else None
        records.append(
            Record(
                suite=Path(case.location.split(":")[0]).stem,
                case_id=case.id,
                expected=expected,
                route=reply.route.value,
                reason=reply.decision.reason,
                top=first.top_similarity if first else 0.0,
                own_found=first.own_found if first else False,
                lacks=bool(first and (first.absent or first.unnamed)),
            )
        )
    return records


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.fit_relevance", description=__doc__)
    parser.add_argument("suites", nargs="*", help="suites (default: the training suites)")
    args = parser.parse_args(argv)
    suites = [Path(s) for s in args.suites] or list(SUITES)
    if any(Path(s).stem.endswith("_test") for s in suites):
        parser.error("test halves are held out: never fitted on")
    records = record(suites)
    print(
        "suite | bar (fitted on the others) | errors off -> on | false_unknown off -> on "
        "| unknown precision off -> on"
    )
    for row in leave_one_out(records):
        (fu_off, up_off), (fu_on, up_on) = row["off"], row["on"]
        print(
            f"{row['suite']} | {row['bar']:.2f} | {row['errors_off']} -> {row['errors_on']} | "
            f"{_fmt(fu_off)} -> {_fmt(fu_on)} | {_fmt(up_off)} -> {_fmt(up_on)}"
        )
    print(f"pooled choice: {choose(records):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
