"""Comparing two runs: ``python -m evals compare OLD/report.json NEW/report.json``.

A change to the retriever or router is judged by what it moved: the metric
deltas, and which cases flipped between pass and fail (a regression hidden
by an improvement elsewhere shows up here, not in the averages).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .report import fmt


class CompareError(Exception):
    """A report that cannot be read; exit code 2."""


def load_report(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompareError(f"{path}: no such report") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CompareError(f"{path}: cannot read the report ({exc})") from None
    except json.JSONDecodeError as exc:
        raise CompareError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not {"metrics", "cases"} <= data.keys():
        raise CompareError(f"{path}: not an evaluation report (needs 'metrics' and 'cases')")
    return data


def _delta(old: Any, new: Any) -> str:
    if not isinstance(old, int | float) or not isinstance(new, int | float):
        return "n/a"
    diff = new - old
    return f"{diff:+.0f}" if isinstance(diff, int) or abs(diff) >= 100 else f"{diff:+.3f}"


def compare_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """The comparison as Markdown: metric deltas, flipped cases, and config changes."""
    lines = ["# Comparison", ""]
    for key, label in (
        ("code_version", "code"),
        ("corpus_fingerprint", "corpus"),
        ("backend", "backend"),
    ):
        before = old.get("config", {}).get(key)
        after = new.get("config", {}).get(key)
        if before != after:
            lines.append(f"- {label} changed: {before} -> {after}")
    lines += ["", "## Metrics", "", "| metric | old | new | delta |", "|---|---|---|---|"]
    names = list(new["metrics"]) + [m for m in old["metrics"] if m not in new["metrics"]]
    for name in names:
        before = old["metrics"].get(name)
        after = new["metrics"].get(name)
        lines.append(
            f"| {name} | {fmt(before, name)} | {fmt(after, name)} | {_delta(before, after)} |"
        )

    old_cases = {c["id"]: c for c in old["cases"]}
    new_cases = {c["id"]: c for c in new["cases"]}
    broke = [
        i
        for i in new_cases
        if i in old_cases and old_cases[i]["passed"] and not new_cases[i]["passed"]
    ]
    fixed = [
        i
        for i in new_cases
        if i in old_cases and not old_cases[i]["passed"] and new_cases[i]["passed"]
    ]
    lines += ["", f"## Pass -> fail ({len(broke)})", ""]
    for case_id in broke:
        case = new_cases[case_id]
        lines.append(f"- {case_id} ({case['category']}): " + "; ".join(case["failures"]))
    lines += ["", f"## Fail -> pass ({len(fixed)})", ""]
    lines += [f"- {case_id} ({new_cases[case_id]['category']})" for case_id in fixed]
    only_old = [i for i in old_cases if i not in new_cases]
    only_new = [i for i in new_cases if i not in old_cases]
    if only_old:
        lines += ["", f"Only in the old run ({len(only_old)}): " + ", ".join(only_old)]
    if only_new:
        lines += ["", f"Only in the new run ({len(only_new)}): " + ", ".join(only_new)]
    return "\n".join(lines) + "\n"


def execute_compare(old_path: Path, new_path: Path) -> int:
    """The ``compare`` command: print the comparison; exit 2 if a report cannot be read."""
    try:
        old = load_report(old_path)
        new = load_report(new_path)
    except CompareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(compare_reports(old, new))
    return 0
