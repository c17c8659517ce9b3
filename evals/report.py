"""Writing a run's report as JSON (for machines), Markdown (for pull requests) and HTML.

The HTML page (evals/html.py) is for people reviewing a run: the outcome and
its gates, the metrics, and every case with its conversation, reply,
citations and retrieved passages, filterable and searchable, so nobody has to
read JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .compare import render_markdown as comparison_markdown
from .formatting import fmt
from .html import render_html

__all__ = ["fmt", "render_markdown", "write_reports"]


def _md_cell(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(report: Mapping[str, Any]) -> str:
    metrics = report["metrics"]
    config = report["config"]
    run = report.get("run") or {}
    status = report.get("status") or {}
    gates = report.get("gates") or []
    out = ["# Evaluation report", ""]
    outcome = status.get("outcome")
    if outcome == "error":
        out.append(f"**ERRORS**: {status.get('errors')} cases could not be answered.")
    elif outcome == "fail":
        missed = sum(1 for g in gates if not g["passed"])
        out.append(f"**FAILED**: {missed} of {len(gates)} gates missed.")
    elif gates:
        out.append(f"**PASSED**: all {len(gates)} gates held.")
    else:
        out.append("No gates given.")
    out.append("")
    if gates:
        out += _md_table(
            ["gate", "value", "result"],
            [
                [
                    f"{g['metric']} {g['op']} {g['limit']:g}",
                    fmt(g["value"], g["metric"]),
                    "held" if g["passed"] else "**missed**",
                ]
                for g in gates
            ],
        )
    out.append(f"- Generated: {report['generated_at']}")
    if report.get("mode") == "target":
        out.append(f"- Target: {config.get('target')} (metrics needing in-process data are n/a)")
    if run.get("replayed_from"):
        out.append(f"- Re-scored from: {run['replayed_from']}")
    if run.get("repeat", 1) > 1:
        out.append(f"- Every case run {run['repeat']} times")
    out.append(f"- Code: {config.get('code_version')}")
    if config.get("backend") is not None:
        out.append(
            f"- Backend: {config['backend']}; embedding model: {config['models']['embedding']}"
        )
    if config.get("corpus_fingerprint"):
        out.append(
            f"- Corpus: {config['corpus_files']} files, "
            f"fingerprint `{config['corpus_fingerprint'][:16]}`"
        )
    out += ["", "## Metrics", ""]
    out += _md_table(["metric", "value"], [[k, fmt(v, k)] for k, v in metrics.items()])
    baseline = report.get("baseline")
    if baseline:
        out += [f"## Retrieval: ours vs {baseline['name']} baseline", ""]
        out += _md_table(
            ["metric", "ours", baseline["name"], "k (ours / naive)"],
            [
                [
                    r["metric"],
                    fmt(r["ours"], r["metric"]),
                    fmt(r["naive"], r["metric"]),
                    f"{r['k_ours']} / {r['k_naive']}",
                ]
                for r in baseline["comparison"]
            ],
        )
    out += ["## By route", ""]
    out += _md_table(
        ["route", "expected", "predicted", "precision", "recall"],
        [
            [
                route,
                row["count"],
                row["predicted"],
                fmt(row["precision"], "pass_rate"),
                fmt(row["recall"], "pass_rate"),
            ]
            for route, row in report["by_route"].items()
        ],
    )
    out += ["## By category", ""]
    out += _md_table(
        ["category", "cases", "passed", "pass rate"],
        [
            [cat, row["cases"], row["passed"], fmt(row["pass_rate"], "pass_rate")]
            for cat, row in report["by_category"].items()
        ],
    )
    invariance = report.get("invariance")
    if invariance:
        out += ["## Invariance by transformation", ""]
        out += _md_table(
            ["transformation", "variants", "passed", "route accuracy", "consistency"],
            [
                [
                    name,
                    row["cases"],
                    row["passed"],
                    fmt(row["route_accuracy"], "pass_rate"),
                    fmt(row["consistency"], "pass_rate"),
                ]
                for name, row in invariance["transformations"].items()
            ],
        )
    flaky = report.get("flaky")
    if flaky is not None:
        out += [f"## Flaky cases ({len(flaky)}, {run.get('repeat')} runs each)", ""]
        if flaky:
            out += _md_table(
                ["case", "changed", "routes", "passed"],
                [
                    [
                        f["id"],
                        ", ".join(f["changed"]),
                        ", ".join(f["routes"]),
                        ", ".join(str(p) for p in f["passed"]),
                    ]
                    for f in flaky
                ],
            )
        else:
            out += ["None.", ""]
    approved = report.get("approved_answers")
    if approved:
        out += [f"## Served a staff-approved answer ({len(approved)})", ""]
        out += _md_table(
            ["case", "approved answer", "version", "similarity"],
            [[a["case"], a["id"], a["version"], a.get("similarity")] for a in approved],
        )
    columns = list(next(iter(report["confusion"].values())).keys())
    out += ["## Confusion matrix (rows expected, columns predicted)", ""]
    out += _md_table(
        ["expected \\ predicted", *columns],
        [[exp, *(row[c] for c in columns)] for exp, row in report["confusion"].items()],
    )
    failed = [c for c in report["cases"] if not c["passed"]]
    out += [f"## Failed cases ({len(failed)})", ""]
    if not failed:
        out += ["None.", ""]
    for case in failed:
        out.append(
            f"- **{_md_cell(case['id'])}** ({_md_cell(case['category'])}, {case['location']}): "
            f"expected {' or '.join(case['expected_route'])}, got {case['route']}"
        )
        out += [f"  - {_md_cell(f)}" for f in case["failures"]]
    out += ["", "Every case's reply, citations and passages are in report.html.", ""]
    comparison = report.get("comparison")
    if comparison:
        out += [comparison_markdown(comparison, heading="##")]
    return "\n".join(out)


def write_reports(report: Mapping[str, Any], out: Path) -> list[Path]:
    """Write report.json, report.md and report.html into ``out`` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "report.html"]
    try:
        data = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        data.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in some reply: keep it, escaped
        data = json.dumps(report, indent=2) + "\n"
    paths[0].write_text(data, encoding="utf-8")
    paths[1].write_text(render_markdown(report), encoding="utf-8", errors="replace")
    paths[2].write_text(render_html(report), encoding="utf-8", errors="replace")
    return paths
