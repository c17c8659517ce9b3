"""How far the multilingual safety vote's decisions sit from its bars, and the red flags
only the vote catches, pinned so that a refit which loses one fails loudly (s36-10).

    python -m evals.vote_margins              # the margin table of every train half
    python -m evals.vote_margins --pin        # rewrite evals/multilingual_vote_pins.json

A refit on more data moves the messages near a bar both ways (docs/routing.md, "s36-10"):
twice a held-out red flag the vote had caught at its bar was lost at the next refit. The
held-out halves cannot be pinned (nobody may read them), so the train halves' and the
default suite's other-language red flags that the word lists miss and the vote catches are:
``python -m evals.train_multilingual_safety`` refuses to write a model that loses one
(``--allow-loss`` to write it anyway, saying why in the commit), and a test checks the
packaged model still catches every one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.routing import multilingual_vote
from assistant.routing.multilingual_vote import units
from assistant.routing.safety_model import SafetyModel

from .suite import Case, load_suite

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "evals" / "multilingual_vote_pins.json"
SAFETY = frozenset({"emergency", "crisis"})
MARGIN = 0.05
"""A decision within this of its bar is "near the bar" in the table."""


@dataclass(frozen=True)
class Scored:
    suite: str
    id: str
    label: str
    """The class whose bar the message comes nearest to passing (or passes by most)."""
    probability: float
    margin: float
    """``probability`` minus that class's bar: at or above 0 the vote catches the message."""


def halves(root: Path = ROOT) -> list[str]:
    """The default suite and every safety train half (never a test half)."""
    blind = sorted((root / "evals" / "suites" / "blind").glob("safety*_train.jsonl"))
    return ["evals/suites/default.jsonl", *(str(p.relative_to(root)) for p in blind)]


def red_flags(root: Path = ROOT, suites: Sequence[str] | None = None) -> list[tuple[str, Case]]:
    """Single-message red flags (every route emergency or crisis) not written in English."""
    found = []
    for suite in suites if suites is not None else halves(root):
        if "_test" in Path(suite).name:
            raise ValueError(f"{suite}: a test half is never read")
        for case in load_suite(root / suite):
            if len(case.turns) == 1 and set(case.routes) <= SAFETY and not case.english:
                found.append((suite, case))
    return found


def bar(model: SafetyModel, label: str) -> float:
    """The bar a vote of ``label`` must reach (``multilingual_vote.vote``)."""
    return multilingual_vote.bar(label, model.threshold)


def score(
    model: SafetyModel,
    cases: Sequence[tuple[str, Case]],
    embed: Callable[[list[str]], np.ndarray],
) -> list[Scored]:
    """Each message's nearest approach to a bar: the largest probability minus bar over its
    units (``multilingual_vote.units``) and the safety classes."""
    out = []
    for suite, case in cases:
        parts = units(case.turns[0])
        votes = model.votes(parts, embed(parts))
        best = max(votes, key=lambda v: v.probability - bar(model, v.label))
        out.append(
            Scored(
                suite,
                case.id,
                best.label,
                round(best.probability, 4),
                round(best.probability - bar(model, best.label), 4),
            )
        )
    return out


def load_pins(path: Path = PINS) -> list[dict[str, str]]:
    """The pinned cases (suite and id): red flags only the vote catches."""
    if not path.exists():
        return []
    return list(json.loads(path.read_text("utf-8"))["pins"])


def pinned_cases(root: Path = ROOT, path: Path = PINS) -> list[tuple[str, Case]]:
    wanted = {(p["suite"], p["id"]) for p in load_pins(path)}
    found = [
        (s, c) for s, c in red_flags(root, sorted({s for s, _ in wanted})) if (s, c.id) in wanted
    ]
    missing = wanted - {(s, c.id) for s, c in found}
    if missing:
        raise ValueError(f"pinned cases not found as red flags: {sorted(missing)}")
    return found


def lost_pins(
    model: SafetyModel,
    embed: Callable[[list[str]], np.ndarray],
    root: Path = ROOT,
    path: Path = PINS,
) -> list[Scored]:
    """The pinned red flags ``model`` no longer votes at its bars."""
    return [s for s in score(model, pinned_cases(root, path), embed) if s.margin < 0]


def table(scored: Sequence[Scored], margin: float = MARGIN) -> str:
    rows = [f"| half | red flags | caught by the vote | within ±{margin:.2f} of a bar |"]
    rows.append("|---|---|---|---|")
    by_suite: dict[str, list[Scored]] = {}
    for s in scored:
        by_suite.setdefault(Path(s.suite).stem, []).append(s)
    for name, group in [*sorted(by_suite.items()), ("all", list(scored))]:
        caught = sum(s.margin >= 0 for s in group)
        near = [s for s in group if abs(s.margin) < margin]
        rows.append(f"| {name} | {len(group)} | {caught} | {len(near)} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.vote_margins", description=__doc__)
    parser.add_argument("--pin", action="store_true", help=f"rewrite {PINS.name}")
    parser.add_argument("--verbose", action="store_true", help="list the cases near a bar")
    args = parser.parse_args(argv)
    from assistant.config import load_settings
    from assistant.routing import Router
    from assistant.routing.multilingual_vote import embed, model

    packaged = model()
    cases = red_flags()
    scored = score(packaged, cases, embed)
    print(table(scored))
    if args.verbose:
        for s in sorted(scored, key=lambda s: abs(s.margin)):
            if abs(s.margin) < MARGIN:
                print(f"{s.id} {s.label} {s.probability:.3f} ({s.margin:+.3f})")
    if args.pin:
        lists = Router(load_settings(_env_file=None), None)
        caught = {(s.suite, s.id) for s in scored if s.margin >= 0}
        pins = [
            {"suite": suite, "id": case.id}
            for suite, case in cases
            if (suite, case.id) in caught
            and lists.route([], case.turns[0]).route.value not in SAFETY
        ]
        PINS.write_text(
            json.dumps(
                {
                    "about": "Other-language red flags of the train halves and the default "
                    "suite that the word lists miss and the multilingual vote catches "
                    "(python -m evals.vote_margins --pin; docs/routing.md, s36-10).",
                    "pins": pins,
                },
                indent=1,
            )
            + "\n",
            "utf-8",
        )
        print(f"{len(pins)} pins written to {PINS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
