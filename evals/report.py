"""Writing a run's report as JSON (for machines), Markdown (for pull requests) and HTML.

The HTML page is for people reviewing a run: headline numbers, the route
and category tables, the confusion matrix, and every failed case with the
conversation, the reply and the passages it cited, so nobody has to read
JSON. Everything is escaped by Jinja2's autoescaping and the page has no
scripts, since replies and passages are untrusted text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined

from .metrics import RATE_METRICS


def fmt(value: Any, name: str = "") -> str:
    """A metric for people: rates to 3 places, milliseconds whole, null as 'n/a'."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if name.startswith("latency"):
            return f"{value:.0f}"
        if name in RATE_METRICS or name.startswith(("evidence_hit", "mrr")):
            return f"{value:.3f}"
        return f"{value:.2f}"
    return str(value)


def _md_cell(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(report: Mapping[str, Any]) -> str:
    metrics = report["metrics"]
    config = report["config"]
    out = [
        "# Evaluation report",
        "",
        f"- Generated: {report['generated_at']}",
        f"- Code: {config['code_version']}",
        f"- Backend: {config['backend']}; embedding model: {config['models']['embedding']}",
        f"- Corpus: {config['corpus_files']} files, "
        f"fingerprint `{config['corpus_fingerprint'][:16]}`",
        "",
        "## Metrics",
        "",
    ]
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
    out += ["", "Replies and cited passages of failed cases are in report.html.", ""]
    return "\n".join(out)


_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evaluation report</title>
<style>
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #ffffff;
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1, h2, h3 { color: #10325c; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.6rem; text-align: left; }
th { background: #e8eef6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.diag { background: #dff0d8; font-weight: bold; }
td.off { background: #fbe3e1; }
.case { border: 1px solid #8a8a8a; border-left: 6px solid #a61b1b; padding: 0.5rem 1rem;
        margin: 1rem 0; }
.failures li { color: #7a0f0f; }
.reply, .passage { white-space: pre-wrap; background: #f4f4f4; border: 1px solid #c8c8c8;
                   padding: 0.5rem; margin: 0.25rem 0; }
.bad { color: #7a0f0f; font-weight: bold; }
.good { color: #1b5e20; font-weight: bold; }
.meta { color: #3d3d3d; }
</style>
</head>
<body>
<h1>Evaluation report</h1>
<p class="meta">Generated {{ report.generated_at }} &middot; code {{ config.code_version }}
&middot; backend {{ config.backend }} &middot; embedding model {{ config.models.embedding }}
&middot; corpus {{ config.corpus_files }} files ({{ config.corpus_fingerprint[:16] }})</p>

<h2>Headline metrics</h2>
<table>
<tr><th>metric</th><th>value</th></tr>
{% for name, value in metrics.items() %}
<tr><td>{{ name }}</td><td class="num">{{ fmt(value, name) }}</td></tr>
{% endfor %}
</table>

{% if baseline %}
<h2>Retrieval: ours vs {{ baseline.name }} baseline</h2>
<p class="meta">{{ baseline.name }}: {{ baseline.chunk_size }}-character chunks,
{{ baseline.chunk_overlap }} overlap, dense only, top {{ baseline.k }}
({{ baseline.chunks }} chunks).</p>
<table>
<tr><th>metric</th><th>ours</th><th>{{ baseline.name }}</th><th>k (ours / naive)</th></tr>
{% for row in baseline.comparison %}
<tr><td>{{ row.metric }}</td><td class="num">{{ fmt(row.ours, row.metric) }}</td>
<td class="num">{{ fmt(row.naive, row.metric) }}</td>
<td class="num">{{ row.k_ours }} / {{ row.k_naive }}</td></tr>
{% endfor %}
</table>
{% endif %}

<h2>By route</h2>
<table>
<tr><th>route</th><th>expected</th><th>predicted</th><th>precision</th><th>recall</th></tr>
{% for route, row in report.by_route.items() %}
<tr><td>{{ route }}</td><td class="num">{{ row.count }}</td><td class="num">{{ row.predicted }}</td>
<td class="num">{{ fmt(row.precision, "pass_rate") }}</td>
<td class="num">{{ fmt(row.recall, "pass_rate") }}</td></tr>
{% endfor %}
</table>

<h2>By category</h2>
<table>
<tr><th>category</th><th>cases</th><th>passed</th><th>pass rate</th></tr>
{% for cat, row in report.by_category.items() %}
<tr><td>{{ cat }}</td><td class="num">{{ row.cases }}</td><td class="num">{{ row.passed }}</td>
<td class="num">{{ fmt(row.pass_rate, "pass_rate") }}</td></tr>
{% endfor %}
</table>

<h2>Confusion matrix</h2>
<p class="meta">Rows: expected route. Columns: predicted route.</p>
<table>
<tr><th>expected \\ predicted</th>{% for col in columns %}<th>{{ col }}</th>{% endfor %}</tr>
{% for expected, row in report.confusion.items() %}
<tr><th>{{ expected }}</th>
{% for col in columns %}
<td class="num {% if col == expected %}diag{% elif row[col] %}off{% endif %}">{{ row[col] }}</td>
{% endfor %}
</tr>
{% endfor %}
</table>

<h2>Failed cases ({{ failed|length }} of {{ report.cases|length }})</h2>
{% if not failed %}<p>None.</p>{% endif %}
{% for case in failed %}
<section class="case">
<h3>{{ case.id }}</h3>
<p class="meta">{{ case.category }} &middot; {{ case.location }} &middot;
expected <strong>{{ case.expected_route|join(" or ") }}</strong>, got
<strong>{{ case.route }}</strong>{% if case.reason %} ({{ case.reason }}){% endif %}
{% if case.latency_ms is not none %} &middot; {{ "%.0f"|format(case.latency_ms) }} ms{% endif %}</p>
<ul class="failures">{% for failure in case.failures %}<li>{{ failure }}</li>{% endfor %}</ul>
<h4>Conversation</h4>
<ol>{% for turn in case.turns %}<li>{{ turn }}</li>{% endfor %}</ol>
<h4>Reply</h4>
<div class="reply">{{ case.answer if case.answer is not none else "(no reply)" }}</div>
{% if case.citations %}
<h4>Citations</h4>
<ul>
{% for c in case.citations %}
<li>[{{ c.marker }}] {{ c.title }} {% if c.section %}&mdash; {{ c.section }}{% endif %}
({{ c.source_id }}, chunk {{ c.chunk_id }}):
{% if c.valid %}<span class="good">quote found</span>
{% else %}<span class="bad">quote not found</span>{% endif %}
<div class="passage">{{ c.quote }}</div></li>
{% endfor %}
</ul>
<h4>Cited passages</h4>
{% for p in case.cited_passages %}
<p class="meta">[{{ p.marker }}] {{ p.source_id }}
{% if p.section %} &mdash; {{ p.section }}{% endif %}</p>
<div class="passage">
{{- p.text if p.text is not none else "(chunk not among the retrieved passages)" -}}
</div>
{% endfor %}
{% endif %}
{% if case.retrieved %}
<h4>Retrieved</h4>
<table>
<tr><th>rank</th><th>source</th><th>section</th><th>score</th><th>evidence</th></tr>
{% for r in case.retrieved %}
<tr><td class="num">{{ r.rank }}</td><td>{{ r.source_id }}</td><td>{{ r.section }}</td>
<td class="num">{{ "%.3f"|format(r.score) }}</td><td>{{ "yes" if r.has_evidence else "" }}</td></tr>
{% endfor %}
</table>
{% endif %}
</section>
{% endfor %}

<h2>All cases</h2>
<details><summary>{{ report.cases|length }} cases</summary>
<table>
<tr><th>id</th><th>category</th><th>expected</th><th>predicted</th><th>result</th></tr>
{% for case in report.cases %}
<tr><td>{{ case.id }}</td><td>{{ case.category }}</td><td>{{ case.expected_route|join(", ") }}</td>
<td>{{ case.route }}</td>
<td>{% if case.passed %}<span class="good">pass</span>
{% else %}<span class="bad">fail</span>{% endif %}</td></tr>
{% endfor %}
</table>
</details>
</body>
</html>
"""


def render_html(report: Mapping[str, Any]) -> str:
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    template = env.from_string(_HTML)
    confusion = report["confusion"]
    return template.render(
        report=report,
        config=report["config"],
        metrics=report["metrics"],
        baseline=report.get("baseline"),
        columns=list(next(iter(confusion.values())).keys()),
        failed=[c for c in report["cases"] if not c["passed"]],
        fmt=fmt,
    )


def write_reports(report: Mapping[str, Any], out: Path) -> list[Path]:
    """Write report.json, report.md and report.html into ``out`` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "report.html"]
    paths[0].write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths[1].write_text(render_markdown(report), encoding="utf-8")
    paths[2].write_text(render_html(report), encoding="utf-8")
    return paths
