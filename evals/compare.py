"""Comparing two runs: ``python -m evals compare OLD/report.json NEW/report.json``.

A change to the retriever or router is judged by what it moved: each metric's
delta with a paired bootstrap 95% interval over the cases both runs share
(evals/stats.py), which cases changed route, pass/fail or reply text, and what
changed in the configuration (a switched-off BM25, another corpus, another
backend). The command exits 1 when a gated metric got significantly worse: its
interval lies entirely on the worse side of zero.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .formatting import fmt, signed
from .metrics import LOWER_IS_BETTER, METRIC_NAMES, NEUTRAL_METRICS
from .stats import CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_deltas

EXIT_OK = 0
EXIT_REGRESSION = 1
EXIT_USAGE = 2
_IGNORED_CONFIG = frozenset({"replayed_from"})


class CompareError(Exception):
    """A report that cannot be read; exit code 2."""


def load_report(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompareError(f"{path}: no such report") from None
    except IsADirectoryError:
        raise CompareError(f"{path}: is a folder; give the report.json inside it") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CompareError(f"{path}: cannot read the report ({exc})") from None
    except json.JSONDecodeError as exc:
        raise CompareError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not {"metrics", "cases"} <= data.keys():
        raise CompareError(f"{path}: not an evaluation report (needs 'metrics' and 'cases')")
    if not isinstance(data["cases"], list) or not all(
        isinstance(c, dict) and {"id", "passed", "route"} <= c.keys() for c in data["cases"]
    ):
        raise CompareError(f"{path}: 'cases' must be a list of case records")
    return data


# Configuration


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested config as ``a.b.c`` keys; a list of ``{path: ...}`` items is keyed by path."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, Mapping) and "path" in v for v in value)
    ):
        out = {}
        for item in value:
            rest = {k: v for k, v in item.items() if k != "path"}
            out.update(flatten(rest, f"{prefix}[{item['path']}]"))
        return out
    return {prefix: value}


def config_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every configuration value that differs (or exists on one side only).

    The corpus folder is left out when the corpus fingerprint is the same (the
    throwaway folders of --extra-corpus runs differ every time).
    """
    before = flatten(old or {})
    after = flatten(new or {})
    same_corpus = before.get("corpus_fingerprint") == after.get("corpus_fingerprint")
    changes = []
    for key in sorted(before.keys() | after.keys()):
        if key.split(".")[0] in _IGNORED_CONFIG or (key == "corpus_dir" and same_corpus):
            continue
        if before.get(key, "(absent)") != after.get(key, "(absent)"):
            changes.append({"key": key, "old": before.get(key), "new": after.get(key)})
    return changes


# Metrics


def direction(name: str, gates: Sequence[Mapping[str, Any]] = ()) -> str:
    """``higher``, ``lower`` (is better) or ``neutral``; a gate's own direction wins."""
    for gate in gates:
        if gate.get("metric") == name:
            return "lower" if gate.get("op") == "<=" else "higher"
    if name in NEUTRAL_METRICS:
        return "neutral"
    return "lower" if name in LOWER_IS_BETTER else "higher"


def verdict(interval: tuple[float, float] | None, way: str) -> str:
    """``worse``/``better`` when the interval excludes zero, else ``no change``."""
    if interval is None:
        return "n/a"
    low, high = interval
    if low <= 0 <= high:
        return "no change"
    if way == "neutral":
        return "changed"
    went_up = low > 0
    return "better" if went_up == (way == "higher") else "worse"


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def compare_runs(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    old_label: str = "old",
    new_label: str = "new",
    gated: Sequence[str] = (),
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """The comparison as data (stored in report.json, rendered as Markdown and HTML).

    Gated metrics are those named in either report's gates plus ``gated``.
    """
    gates = [*(new.get("gates") or ()), *(old.get("gates") or ())]
    gated_names = {g["metric"] for g in gates if "metric" in g} | set(gated)
    old_cases = {c["id"]: c for c in old["cases"]}
    new_cases = {c["id"]: c for c in new["cases"]}
    common = [i for i in new_cases if i in old_cases]
    names = [m for m in METRIC_NAMES if m in new["metrics"] or m in old["metrics"]]
    names += [m for m in new["metrics"] if m not in names and _number(new["metrics"][m])]
    null_in_either = frozenset(
        m for m in names if not _number(old["metrics"].get(m)) or not _number(new["metrics"].get(m))
    )
    decomposable = all("spec" in old_cases[i] and "spec" in new_cases[i] for i in common)
    intervals = (
        bootstrap_deltas(
            [old_cases[i] for i in common],
            [new_cases[i] for i in common],
            names,
            resamples=resamples,
            seed=seed,
            skip=null_in_either,
        )
        if decomposable
        else dict.fromkeys(names)
    )
    rows = []
    for name in names:
        before = old["metrics"].get(name)
        after = new["metrics"].get(name)
        way = direction(name, gates)
        interval = intervals.get(name)
        rows.append(
            {
                "metric": name,
                "old": before,
                "new": after,
                "delta": after - before if _number(before) and _number(after) else None,
                "ci_low": interval[0] if interval else None,
                "ci_high": interval[1] if interval else None,
                "direction": way,
                "verdict": verdict(interval, way),
                "gated": name in gated_names,
            }
        )
    changes = []
    for case_id in common:
        before, after = old_cases[case_id], new_cases[case_id]
        reply_changed = before.get("answer") != after.get("answer")
        same = before["route"] == after["route"] and before["passed"] == after["passed"]
        if same and not reply_changed:
            continue
        changes.append(
            {
                "id": case_id,
                "category": after.get("category"),
                "old_route": before["route"],
                "new_route": after["route"],
                "old_passed": before["passed"],
                "new_passed": after["passed"],
                "reply_changed": reply_changed,
                "old_answer": before.get("answer"),
                "new_answer": after.get("answer"),
                "old_failures": before.get("failures") or [],
                "new_failures": after.get("failures") or [],
            }
        )
    return {
        "old": {"label": old_label, "generated_at": old.get("generated_at")},
        "new": {"label": new_label, "generated_at": new.get("generated_at")},
        "method": {
            "confidence": CONFIDENCE,
            "resamples": resamples,
            "seed": seed,
            "paired_cases": len(common),
            "intervals": decomposable,
        },
        "config_changes": config_changes(old.get("config") or {}, new.get("config") or {}),
        "metrics": rows,
        "regressions": [r["metric"] for r in rows if r["gated"] and r["verdict"] == "worse"],
        "changes": changes,
        "only_old": [i for i in old_cases if i not in new_cases],
        "only_new": [i for i in new_cases if i not in old_cases],
    }


# Markdown


def interval_text(row: Mapping[str, Any]) -> str:
    if row["ci_low"] is None:
        return "n/a"
    return f"[{signed(row['ci_low'], row['metric'])}, {signed(row['ci_high'], row['metric'])}]"


def _cell(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(comparison: Mapping[str, Any], *, heading: str = "#") -> str:
    """The comparison for a pull request; ``heading`` is the top heading level."""
    sub = heading + "#"
    method = comparison["method"]
    lines = [
        f"{heading} Comparison",
        "",
        f"- Old: {comparison['old']['label']} ({comparison['old']['generated_at']})",
        f"- New: {comparison['new']['label']} ({comparison['new']['generated_at']})",
    ]
    if method["intervals"]:
        lines.append(
            f"- Intervals: paired bootstrap over the {method['paired_cases']} cases in both runs, "
            f"{method['resamples']} resamples, {method['confidence']:.0%}, seed {method['seed']}"
        )
    else:
        lines.append("- Intervals: none (a report predates per-case records)")
    regressions = comparison["regressions"]
    lines.append(
        "- Gated metrics significantly worse: "
        + (", ".join(regressions) if regressions else "none")
    )
    lines += ["", f"{sub} Configuration changes", ""]
    if comparison["config_changes"]:
        for change in comparison["config_changes"]:
            lines.append(
                f"- {_cell(change['key'])}: {_cell(json.dumps(change['old']))} -> "
                f"{_cell(json.dumps(change['new']))}"
            )
    else:
        lines.append("None.")
    lines += [
        "",
        f"{sub} Metrics",
        "",
        "| metric | old | new | delta | 95% CI | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in comparison["metrics"]:
        name = row["metric"] + (" (gated)" if row["gated"] else "")
        mark = "**worse**" if row["verdict"] == "worse" else row["verdict"]
        lines.append(
            f"| {name} | {fmt(row['old'], row['metric'])} | {fmt(row['new'], row['metric'])} "
            f"| {signed(row['delta'], row['metric'])} | {interval_text(row)} | {mark} |"
        )
    changes = comparison["changes"]
    broke = [c for c in changes if c["old_passed"] and not c["new_passed"]]
    fixed = [c for c in changes if not c["old_passed"] and c["new_passed"]]
    rerouted = [c for c in changes if c["old_route"] != c["new_route"]]
    reworded = [c for c in changes if c["reply_changed"]]
    lines += ["", f"{sub} Pass -> fail ({len(broke)})", ""]
    lines += [
        f"- {_cell(c['id'])} ({_cell(c['category'])}): " + _cell("; ".join(c["new_failures"]))
        for c in broke
    ]
    lines += ["", f"{sub} Fail -> pass ({len(fixed)})", ""]
    lines += [f"- {_cell(c['id'])} ({_cell(c['category'])})" for c in fixed]
    lines += ["", f"{sub} Route changed ({len(rerouted)})", ""]
    lines += [f"- {_cell(c['id'])}: {c['old_route']} -> {c['new_route']}" for c in rerouted]
    lines += ["", f"{sub} Reply text changed ({len(reworded)})", ""]
    if reworded:
        lines.append(", ".join(_cell(c["id"]) for c in reworded))
    if comparison["only_old"]:
        lines += [
            "",
            f"Only in the old run ({len(comparison['only_old'])}): "
            + ", ".join(comparison["only_old"]),
        ]
    if comparison["only_new"]:
        lines += [
            "",
            f"Only in the new run ({len(comparison['only_new'])}): "
            + ", ".join(comparison["only_new"]),
        ]
    return "\n".join(lines) + "\n"


def compare_reports(old: Mapping[str, Any], new: Mapping[str, Any], **options: Any) -> str:
    """The comparison as Markdown (see ``compare_runs`` for the options)."""
    return render_markdown(compare_runs(old, new, **options))


def execute_compare(
    old_path: Path,
    new_path: Path,
    *,
    markdown: Path | None = None,
    html: Path | None = None,
    gated: Sequence[str] = (),
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> int:
    """The ``compare`` command; exit 0, 1 (a gated metric significantly worse) or 2."""
    from .metrics import INFO_FIELDS

    try:
        if resamples < 1:
            raise CompareError(f"--resamples {resamples}: must be at least 1")
        unknown = [g for g in gated if g not in METRIC_NAMES or g in INFO_FIELDS]
        if unknown:
            raise CompareError(f"--gate {unknown[0]!r}: unknown metric")
        old = load_report(old_path)
        new = load_report(new_path)
    except CompareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    comparison = compare_runs(
        old,
        new,
        old_label=str(old_path),
        new_label=str(new_path),
        gated=gated,
        resamples=resamples,
        seed=seed,
    )
    text = render_markdown(comparison)
    sys.stdout.write(text)
    if markdown is not None:
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text(text, encoding="utf-8")
    if html is not None:
        from .html import render_html

        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html({**new, "comparison": comparison}), encoding="utf-8")
    for name in comparison["regressions"]:
        print(f"regression: {name} is significantly worse", file=sys.stderr)
    return EXIT_REGRESSION if comparison["regressions"] else EXIT_OK
