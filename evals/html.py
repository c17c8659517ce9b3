"""report.html: one self-contained page for people reviewing a run.

At the top, a banner says whether the run passed and lists every gate with its
threshold and value; when the run is compared with an earlier one, the
configuration differences come next. Metric cards show each number (with the
earlier value, the change and its bootstrap interval when compared). The case
table filters by route, category, result and failure reason, searches the
text, sorts by any column, and opens any case, passed or failed, with its
turns, reply, citations, retrieved passages and scores.

The page works offline and has no external resources. Every reply, passage
and case field is escaped by Jinja2's autoescaping; the only script is the
fixed one below, pinned by its hash in the page's Content-Security-Policy, and
it reads the page's own attributes and text (never writing HTML), so nothing
from a user or a document can run.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, StrictUndefined

from .formatting import fmt, signed
from .metrics import IN_PROCESS_METRICS, METRIC_NAMES

HEADLINE = (
    "pass_rate",
    "route_accuracy",
    "safety_recall",
    "citation_validity",
    "evidence_hit_at_k",
    "must_not_include_violations",
    "errors",
)
"""Shown first among the cards (after the gated metrics)."""

STYLE = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #9a9a9a; --head: #10325c;
  --ok: #1b5e20; --ok-bg: #e6f4ea; --bad: #8c1111; --bad-bg: #fbe3e1;
  --warn: #7a4a00; --warn-bg: #fff1d6; --info-bg: #e8eef6; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: #fff; max-width: 80rem; margin: 0 auto; padding: 1rem; line-height: 1.45; }
h1, h2, h3, h4 { color: var(--head); line-height: 1.2; }
h1 { font-size: 1.5rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; }
h4 { margin: 0.8rem 0 0.3rem; }
a { color: #0b4f9c; }
.meta { color: var(--muted); font-size: 0.92rem; overflow-wrap: anywhere; }
.banner { border: 2px solid; border-radius: 6px; padding: 0.7rem 1rem; margin: 0.8rem 0; }
.banner .verdict { font-size: 1.35rem; font-weight: 700; margin: 0 0 0.3rem; }
.banner p { margin: 0.2rem 0; }
.outcome-pass { border-color: var(--ok); background: var(--ok-bg); }
.outcome-pass .verdict { color: var(--ok); }
.outcome-fail { border-color: var(--bad); background: var(--bad-bg); }
.outcome-fail .verdict { color: var(--bad); }
.outcome-error { border-color: var(--warn); background: var(--warn-bg); }
.outcome-error .verdict { color: var(--warn); }
.outcome-none { border-color: var(--head); background: var(--info-bg); }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: var(--info-bg); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; max-width: 100%; }
.ok { color: var(--ok); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0; margin: 0.4rem 0;
  list-style: none; }
.chips button { font: inherit; border: 1px solid var(--line); background: #fff;
  border-radius: 999px; padding: 0.15rem 0.7rem; cursor: pointer; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
  gap: 0.6rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.7rem; }
.card .name { font-size: 0.85rem; color: var(--muted); overflow-wrap: anywhere; }
.card .value { font-size: 1.4rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.card .was, .card .gate, .card .why { font-size: 0.85rem; }
.card.gate-held { border: 2px solid var(--ok); }
.card.gate-missed { border: 2px solid var(--bad); background: var(--bad-bg); }
.verdict-worse { color: var(--bad); font-weight: 600; }
.verdict-better { color: var(--ok); font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end;
  background: var(--info-bg); padding: 0.6rem; border-radius: 6px; }
.filters label { display: flex; flex-direction: column; font-size: 0.85rem; gap: 0.15rem; }
.filters input, .filters select, .filters button { font: inherit; min-height: 2.2rem;
  max-width: 100%; }
.filters input { min-width: 14rem; }
#case-count { margin: 0.4rem 0; font-weight: 600; }
table.cases { width: 100%; }
table.cases th button { font: inherit; font-weight: 700; background: none; border: 0;
  padding: 0; cursor: pointer; color: inherit; text-align: left; }
table.cases > tbody > tr.summary > td { border-bottom: none; }
table.cases > tbody.failed > tr.summary { background: #fff7f6; }
button.open { font: inherit; font-weight: 600; color: #0b4f9c; background: none; border: 0;
  padding: 0; cursor: pointer; text-align: left; text-decoration: underline;
  overflow-wrap: anywhere; }
tr.detail > td { background: #fafafa; padding: 0.5rem 0.8rem 1rem; }
.reply, .passage { white-space: pre-wrap; overflow-wrap: anywhere; background: #f2f2f2;
  border: 1px solid #c8c8c8; padding: 0.5rem; margin: 0.25rem 0; }
.failures li { color: var(--bad); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem;
  margin: 0.3rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
.no-js tr.detail[hidden] { display: table-row !important; }
.no-js .filters, .no-js .js-only { display: none !important; }
@media (max-width: 720px) {
  body { padding: 0.5rem; }
  .filters input { min-width: 0; width: 100%; }
  .filters label { flex: 1 1 45%; }
  table.cases > thead { position: absolute; left: -10000px; }
  table.cases, table.cases > tbody, table.cases > tbody > tr,
  table.cases > tbody > tr > td { display: block; width: 100%; }
  table.cases > tbody { border: 1px solid var(--line); border-radius: 6px;
    margin-bottom: 0.6rem; }
  table.cases > tbody > tr.summary > td { border: 0; padding: 0.1rem 0.6rem; }
  table.cases > tbody > tr.summary > td::before { content: attr(data-label) ": ";
    font-weight: 600; color: var(--muted); }
  table.cases > tbody > tr.summary > td.num { text-align: left; }
  tr.detail > td { border: 0; border-top: 1px solid var(--line); }
  .no-js tr.detail[hidden] { display: block !important; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.3rem; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  var table = document.getElementById("case-table");
  if (!table) { return; }
  var bodies = Array.prototype.slice.call(table.tBodies);
  var text = new Map();
  bodies.forEach(function (b) { text.set(b, b.textContent.toLowerCase()); });
  var search = document.getElementById("f-q");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var count = document.getElementById("case-count");
  var sortSelect = document.getElementById("f-sort");
  var sortDirButton = document.getElementById("f-sort-dir");
  var sortKey = "index";
  var sortDir = 1;

  function matches(body, select) {
    if (!select.value) { return true; }
    var raw = body.getAttribute("data-" + select.getAttribute("data-filter")) || "";
    if (select.hasAttribute("data-multi")) {
      return raw.split(" ").indexOf(select.value) >= 0;
    }
    return raw === select.value;
  }

  function apply() {
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    bodies.forEach(function (b) {
      var ok = !q || text.get(b).indexOf(q) >= 0;
      for (var i = 0; ok && i < selects.length; i++) { ok = matches(b, selects[i]); }
      b.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = "Showing " + shown + " of " + bodies.length + " cases";
  }

  function key(body, name) { return body.getAttribute("data-s-" + name) || ""; }

  function compare(a, b) {
    var x = key(a, sortKey), y = key(b, sortKey);
    var r;
    if (x === "" || y === "") { r = x === y ? 0 : (x === "" ? 1 : -1); }
    else if (!isNaN(Number(x)) && !isNaN(Number(y))) { r = Number(x) - Number(y); }
    else { r = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" }); }
    r = r * sortDir;
    if (r === 0) { r = Number(key(a, "index")) - Number(key(b, "index")); }
    return r;
  }

  function sortBy(name, dir) {
    sortKey = name;
    sortDir = dir;
    bodies.sort(compare).forEach(function (b) { table.appendChild(b); });
    Array.prototype.forEach.call(table.querySelectorAll("th[data-col]"), function (th) {
      var on = th.getAttribute("data-col") === name;
      th.setAttribute("aria-sort", on ? (dir > 0 ? "ascending" : "descending") : "none");
    });
    sortSelect.value = name;
    sortDirButton.textContent = dir > 0 ? "Ascending" : "Descending";
  }

  Array.prototype.forEach.call(table.querySelectorAll("th[data-col] button"), function (btn) {
    btn.addEventListener("click", function () {
      var name = btn.parentNode.getAttribute("data-col");
      sortBy(name, name === sortKey ? -sortDir : 1);
    });
  });
  sortSelect.addEventListener("change", function () { sortBy(sortSelect.value, 1); });
  sortDirButton.addEventListener("click", function () { sortBy(sortKey, -sortDir); });

  function openCase(body, open) {
    var button = body.querySelector("button.open");
    var detail = body.querySelector("tr.detail");
    detail.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  bodies.forEach(function (b) {
    b.querySelector("button.open").addEventListener("click", function () {
      openCase(b, b.querySelector("tr.detail").hidden);
    });
  });

  function clearFilters() {
    search.value = "";
    selects.forEach(function (s) { s.value = ""; });
    apply();
  }

  function setFilter(name, value) {
    clearFilters();
    selects.forEach(function (s) {
      if (s.getAttribute("data-filter") === name) { s.value = value; }
    });
    apply();
    document.getElementById("cases").scrollIntoView();
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("case-") !== 0) { return; }
    var body = document.getElementById(id);
    if (!body || body.tagName !== "TBODY") { return; }
    if (body.hidden) { clearFilters(); }
    openCase(body, true);
    body.scrollIntoView();
  }

  search.addEventListener("input", apply);
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  document.getElementById("f-clear").addEventListener("click", clearFilters);
  Array.prototype.forEach.call(document.querySelectorAll("button[data-set-filter]"),
    function (btn) {
      btn.addEventListener("click", function () {
        setFilter(btn.getAttribute("data-set-filter"), btn.getAttribute("data-value"));
      });
    });
  document.getElementById("open-shown").addEventListener("click", function () {
    bodies.forEach(function (b) { if (!b.hidden) { openCase(b, true); } });
  });
  document.getElementById("close-all").addEventListener("click", function () {
    bodies.forEach(function (b) { openCase(b, false); });
  });
  window.addEventListener("hashchange", fromHash);
  apply();
  fromHash();
})();
"""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"script-src {_csp_hash(SCRIPT)}; "
    f"style-src {_csp_hash(STYLE)}; "
    "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
)

TEMPLATE = """<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<title>Evaluation report{% if outcome.label %}: {{ outcome.label }}{% endif %}</title>
<style>{{ style|safe }}</style>
</head>
<body>
<header>
<h1>Evaluation report</h1>
<p class="meta">{{ meta|join(" · ") }}</p>
</header>

<section id="outcome" class="banner outcome-{{ outcome.kind }}" aria-labelledby="verdict">
<p class="verdict" id="verdict">{{ outcome.label }}</p>
<p>{{ outcome.summary }}</p>
{% if gates %}
<div class="scroll">
<table class="gates" id="gates">
<caption class="meta">Gates given on the command line</caption>
<tr><th scope="col">metric</th><th scope="col">gate</th><th scope="col">value</th>
<th scope="col">result</th></tr>
{% for gate in gates %}
<tr class="{{ 'held' if gate.passed else 'missed' }}">
<td>{{ gate.metric }}</td>
<td>{{ gate.flag }} {{ gate.metric }}={{ "%g"|format(gate.limit) }}
({{ gate.op }} {{ "%g"|format(gate.limit) }})</td>
<td class="num">{{ fmt(gate.value, gate.metric) }}</td>
<td>{% if gate.passed %}<span class="ok">held</span>{% else %}<span class="bad">missed</span>
{% endif %}</td>
</tr>
{% endfor %}
</table>
</div>
{% else %}
<p class="meta">No gates were given (--fail-under / --max).</p>
{% endif %}
{% if reason_counts %}
<p>What failed, by check (click to list those cases):</p>
<ul class="chips js-only">
<li><button type="button" data-set-filter="result" data-value="fail">all {{ failed_count }}
failed</button></li>
{% for kind, n in reason_counts %}
<li><button type="button" data-set-filter="reasons" data-value="{{ kind }}">{{ kind }}
({{ n }})</button></li>
{% endfor %}
</ul>
{% endif %}
</section>

{% if comparison %}
<section id="config-diff" aria-labelledby="config-diff-h">
<h2 id="config-diff-h">Configuration compared with the baseline run</h2>
<p class="meta">Baseline: {{ comparison.old.label }} ({{ comparison.old.generated_at }})</p>
{% if comparison.config_changes %}
<div class="scroll"><table>
<tr><th scope="col">setting</th><th scope="col">baseline</th><th scope="col">this run</th></tr>
{% for change in comparison.config_changes %}
<tr><td>{{ change.key }}</td><td>{{ show(change.old) }}</td><td>{{ show(change.new) }}</td></tr>
{% endfor %}
</table></div>
{% else %}
<p>Same configuration.</p>
{% endif %}
</section>
{% endif %}

<section id="metrics" aria-labelledby="metrics-h">
<h2 id="metrics-h">Metrics</h2>
{% if comparison %}<p class="meta">Beside each value: the baseline run's value, the change and
its {{ "%.0f"|format(comparison.method.confidence * 100) }}% bootstrap interval over the
{{ comparison.method.paired_cases }} cases in both runs.</p>{% endif %}
<div class="cards">
{% for card in cards %}
<div class="card{% if card.gate %} gate-{{ 'held' if card.gate.passed else 'missed' }}{% endif %}"
 data-metric="{{ card.name }}">
<div class="name">{{ card.name }}</div>
<div class="value">{{ card.value }}</div>
{% if card.gate %}<div class="gate">gate {{ card.gate.op }} {{ "%g"|format(card.gate.limit) }}:
{% if card.gate.passed %}<span class="ok">held</span>{% else %}<span class="bad">missed</span>
{% endif %}</div>{% endif %}
{% if card.was is not none %}<div class="was">baseline {{ card.was }} &middot;
&Delta; {{ card.delta }} {{ card.interval }}
<span class="verdict-{{ card.verdict|replace(' ', '-') }}">{{ card.verdict }}</span></div>
{% endif %}
{% if card.why %}<div class="why meta">{{ card.why }}</div>{% endif %}
</div>
{% endfor %}
</div>
{% if info %}<p class="meta">Most repeated reply's route: {{ info }}</p>{% endif %}
</section>

{% if invariance %}
<section id="invariance" aria-labelledby="invariance-h">
<h2 id="invariance-h">Invariance by transformation</h2>
<p class="meta">Cases named <code>id~transformation</code> are variants of a case;
consistency is the share routed like their original (when it is in this run).</p>
<div class="scroll"><table>
<tr><th scope="col">transformation</th><th scope="col">variants</th><th scope="col">passed</th>
<th scope="col">route accuracy</th><th scope="col">consistency</th></tr>
{% for name, row in invariance.transformations.items() %}
<tr><td>{{ name }} <button type="button" class="open js-only" data-set-filter="transformation"
 data-value="{{ name }}">list</button></td>
<td class="num">{{ row.cases }}</td><td class="num">{{ row.passed }}</td>
<td class="num">{{ fmt(row.route_accuracy, "pass_rate") }}</td>
<td class="num">{{ fmt(row.consistency, "pass_rate") }}</td></tr>
{% endfor %}
</table></div>
</section>
{% endif %}

{% if flaky is not none %}
<section id="flaky" aria-labelledby="flaky-h">
<h2 id="flaky-h">
{{- "Flaky cases (%d of %d, %d runs each)"|format(flaky|length, report.cases|length, run.repeat) -}}
</h2>
{% if flaky %}
<div class="scroll"><table>
<tr><th scope="col">case</th><th scope="col">changed</th><th scope="col">routes</th>
<th scope="col">passed</th></tr>
{% for row in flaky %}
<tr><td><a href="#case-{{ index_of[row.id] }}">{{ row.id }}</a></td>
<td>{{ row.changed|join(", ") }}</td><td>{{ row.routes|join(", ") }}</td>
<td>{{ row.passed|map("string")|join(", ") }}</td></tr>
{% endfor %}
</table></div>
{% else %}<p>No case changed route, result or reply between runs.</p>{% endif %}
</section>
{% endif %}

{% if baseline %}
<section id="baseline" aria-labelledby="baseline-h">
<h2 id="baseline-h">Retrieval: ours vs {{ baseline.name }} baseline</h2>
<p class="meta">{{ baseline.name }}: {{ baseline.chunk_size }}-character chunks,
{{ baseline.chunk_overlap }} overlap, dense only, top {{ baseline.k }}
({{ baseline.chunks }} chunks).</p>
<div class="scroll"><table>
<tr><th scope="col">metric</th><th scope="col">ours</th><th scope="col">{{ baseline.name }}</th>
<th scope="col">k (ours / naive)</th></tr>
{% for row in baseline.comparison %}
<tr><td>{{ row.metric }}</td><td class="num">{{ fmt(row.ours, row.metric) }}</td>
<td class="num">{{ fmt(row.naive, row.metric) }}</td>
<td class="num">{{ row.k_ours }} / {{ row.k_naive }}</td></tr>
{% endfor %}
</table></div>
</section>
{% endif %}

<section id="tables" aria-labelledby="tables-h">
<h2 id="tables-h">By route, category and confusion</h2>
<details>
<summary>Per-route, per-category and confusion tables</summary>
<h3>By route</h3>
<div class="scroll"><table>
<tr><th scope="col">route</th><th scope="col">expected</th><th scope="col">predicted</th>
<th scope="col">precision</th><th scope="col">recall</th></tr>
{% for route, row in report.by_route.items() %}
<tr><td>{{ route }}</td><td class="num">{{ row.count }}</td>
<td class="num">{{ row.predicted }}</td>
<td class="num">{{ fmt(row.precision, "pass_rate") }}</td>
<td class="num">{{ fmt(row.recall, "pass_rate") }}</td></tr>
{% endfor %}
</table></div>
<h3>By category</h3>
<div class="scroll"><table>
<tr><th scope="col">category</th><th scope="col">cases</th><th scope="col">passed</th>
<th scope="col">pass rate</th></tr>
{% for cat, row in report.by_category.items() %}
<tr><td>{{ cat }}</td><td class="num">{{ row.cases }}</td><td class="num">{{ row.passed }}</td>
<td class="num">{{ fmt(row.pass_rate, "pass_rate") }}</td></tr>
{% endfor %}
</table></div>
<h3>Confusion matrix</h3>
<p class="meta">Rows: expected route. Columns: predicted route.</p>
<div class="scroll"><table>
<tr><th scope="col">expected \\ predicted</th>{% for col in columns %}<th scope="col">{{ col }}</th>
{% endfor %}</tr>
{% for expected, row in report.confusion.items() %}
<tr><th scope="row">{{ expected }}</th>
{% for col in columns %}<td class="num">{{ row[col] }}</td>{% endfor %}
</tr>
{% endfor %}
</table></div>
</details>
</section>

{% if comparison %}
<section id="comparison" aria-labelledby="comparison-h">
<h2 id="comparison-h">Comparison with the baseline run</h2>
<p class="meta">{{ comparison.old.label }} &rarr; {{ comparison.new.label }}.
{% if comparison.method.intervals %}Paired bootstrap over {{ comparison.method.paired_cases }}
cases, {{ comparison.method.resamples }} resamples, seed {{ comparison.method.seed }}.
{% else %}No intervals: a report predates per-case records.{% endif %}
Gated metrics significantly worse:
{% if comparison.regressions %}<span class="bad">{{ comparison.regressions|join(", ") }}</span>
{% else %}none{% endif %}.</p>
<div class="scroll"><table id="comparison-metrics">
<tr><th scope="col">metric</th><th scope="col">baseline</th><th scope="col">this run</th>
<th scope="col">delta</th><th scope="col">95% interval</th><th scope="col">verdict</th></tr>
{% for row in comparison.metrics %}
<tr><td>{{ row.metric }}{% if row.gated %} (gated){% endif %}</td>
<td class="num">{{ fmt(row.old, row.metric) }}</td>
<td class="num">{{ fmt(row.new, row.metric) }}</td>
<td class="num">{{ signed(row.delta, row.metric) }}</td><td class="num">{{ interval(row) }}</td>
<td class="verdict-{{ row.verdict|replace(' ', '-') }}">{{ row.verdict }}</td></tr>
{% endfor %}
</table></div>
<h3>Cases that changed ({{ comparison.changes|length }})</h3>
{% if comparison.changes %}
<div class="scroll"><table id="comparison-cases">
<tr><th scope="col">case</th><th scope="col">route</th><th scope="col">result</th>
<th scope="col">reply</th></tr>
{% for change in comparison.changes %}
<tr><td>{% if change.id in index_of %}<a href="#case-{{ index_of[change.id] }}">{{ change.id }}</a>
{% else %}{{ change.id }}{% endif %}</td>
<td>{{ change.old_route }}{% if change.old_route != change.new_route %} &rarr;
<strong>{{ change.new_route }}</strong>{% endif %}</td>
<td>{{ "pass" if change.old_passed else "fail" }}{% if change.old_passed != change.new_passed %}
&rarr; <strong class="{{ 'ok' if change.new_passed else 'bad' }}">{{ "pass" if change.new_passed
else "fail" }}</strong>{% endif %}</td>
<td>{% if change.reply_changed %}<details><summary>reply changed</summary>
<h4>Baseline</h4><div class="reply">{{ change.old_answer if change.old_answer is not none
else "(no reply)" }}</div>
<h4>This run</h4><div class="reply">{{ change.new_answer if change.new_answer is not none
else "(no reply)" }}</div></details>{% else %}same{% endif %}</td></tr>
{% endfor %}
</table></div>
{% else %}<p>No case changed route, result or reply.</p>{% endif %}
{% if comparison.only_old %}<p>Only in the baseline run: {{ comparison.only_old|join(", ") }}</p>
{% endif %}
{% if comparison.only_new %}<p>Only in this run: {{ comparison.only_new|join(", ") }}</p>{% endif %}
</section>
{% endif %}

<section id="cases" aria-labelledby="cases-h">
<h2 id="cases-h">Cases ({{ failed_count }} failed of {{ report.cases|length }})</h2>
<div class="filters" role="search" aria-label="Filter the cases">
<label>Search text
<input type="search" id="f-q" placeholder="id, message, reply, passage..."></label>
<label>Result<select id="f-result" data-filter="result">
<option value="">all</option><option value="fail">failed</option>
<option value="pass">passed</option>
</select></label>
<label>Route (got)<select id="f-route" data-filter="route"><option value="">all</option>
{% for v in options.route %}<option value="{{ v }}">{{ v }}</option>{% endfor %}</select></label>
<label>Expected route<select id="f-expected" data-filter="expected" data-multi>
<option value="">all</option>
{% for v in options.expected %}<option value="{{ v }}">{{ v }}</option>{% endfor %}</select></label>
<label>Category<select id="f-category" data-filter="category"><option value="">all</option>
{% for v in options.category %}<option value="{{ v }}">{{ v }}</option>{% endfor %}</select></label>
<label>Failure reason<select id="f-reason" data-filter="reasons" data-multi>
<option value="">all</option>
{% for v in options.reasons %}<option value="{{ v }}">{{ v }}</option>{% endfor %}</select></label>
{% if options.suite|length > 1 %}
<label>Suite<select id="f-suite" data-filter="suite"><option value="">all</option>
{% for v in options.suite %}<option value="{{ v }}">{{ v }}</option>{% endfor %}</select></label>
{% endif %}
{% if options.transformation %}
<label>Transformation<select id="f-transformation" data-filter="transformation">
<option value="">all</option>
{% for v in options.transformation %}<option value="{{ v }}">{{ v }}</option>{% endfor %}
</select></label>
{% endif %}
{% if flaky is not none %}
<label>Flaky<select id="f-flaky" data-filter="flaky"><option value="">all</option>
<option value="yes">flaky</option><option value="no">stable</option></select></label>
{% endif %}
<label>Sort by<select id="f-sort">
<option value="index">failed first</option>
{% for col in sort_columns %}<option value="{{ col.key }}">{{ col.label }}</option>{% endfor %}
</select></label>
<button type="button" id="f-sort-dir">Ascending</button>
<button type="button" id="f-clear">Clear filters</button>
<button type="button" id="open-shown">Open shown</button>
<button type="button" id="close-all">Close all</button>
</div>
<p id="case-count" aria-live="polite">{{ report.cases|length }} cases</p>
<table class="cases" id="case-table">
<thead><tr>
{% for col in sort_columns %}<th scope="col" data-col="{{ col.key }}" aria-sort="none">
<button type="button">{{ col.label }}</button></th>{% endfor %}
</tr></thead>
{% for row in rows %}
{% set case = row.record %}
<tbody id="case-{{ row.index }}" class="{{ 'passed' if case.passed else 'failed' }}"
 data-result="{{ 'pass' if case.passed else 'fail' }}" data-route="{{ case.route }}"
 data-expected="{{ case.expected_route|join(' ') }}" data-category="{{ case.category }}"
 data-reasons="{{ row.reasons|join(' ') }}" data-suite="{{ case.suite }}"
 data-transformation="{{ case.transformation or '' }}" data-flaky="{{ row.flaky }}"
 data-s-index="{{ row.order }}" data-s-id="{{ case.id }}" data-s-category="{{ case.category }}"
 data-s-expected="{{ case.expected_route|join(' ') }}" data-s-route="{{ case.route }}"
 data-s-result="{{ 'pass' if case.passed else 'fail' }}"
 data-s-reasons="{{ row.reasons|join(' ') }}"
 data-s-latency="{{ row.latency_key }}">
<tr class="summary">
<td data-label="Case"><button type="button" class="open" aria-expanded="false"
 aria-controls="detail-{{ row.index }}">{{ case.id }}</button></td>
<td data-label="Category">{{ case.category }}</td>
<td data-label="Expected">{{ case.expected_route|join(" or ") }}</td>
<td data-label="Got">{{ case.route }}</td>
<td data-label="Result">{% if case.passed %}<span class="ok">pass</span>{% else %}
<span class="bad">fail</span>{% endif %}</td>
<td data-label="Failures">{{ row.reasons|join(", ") }}</td>
<td data-label="Latency ms" class="num">{{ row.latency }}</td>
</tr>
<tr class="detail" id="detail-{{ row.index }}" hidden>
<td colspan="{{ sort_columns|length }}">
<dl class="facts">
<dt>Suite</dt><dd>{{ case.suite }} ({{ case.location }})</dd>
<dt>Expected</dt><dd>{{ case.expected_route|join(" or ") }}{% if case.expected_detail %}
(check {{ case.expected_detail }}){% endif %}</dd>
<dt>Got</dt><dd>{{ case.route }}{% if case.reason %} ({{ case.reason }}){% endif %}</dd>
{% if case.intent %}<dt>Intent</dt><dd>{{ case.intent }}</dd>{% endif %}
{% if case.backend %}<dt>Backend</dt><dd>{{ case.backend }}{% if case.model %}
({{ case.model }}){% endif %}</dd>{% endif %}
{% set approved = case.get("approved_answer") %}{% if approved %}<dt>Approved answer</dt>
<dd class="approved">#{{ approved.id }}
v{{ approved.version }} (similarity {{ approved.similarity }})</dd>{% endif %}
<dt>Latency</dt><dd>{{ row.turn_latencies }}</dd>
{% if case.evidence_rank is not none %}<dt>Evidence rank</dt><dd>{{ case.evidence_rank }}</dd>
{% endif %}
{% for label, value in row.scores %}<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}
{% if case.transformation %}<dt>Variant of</dt><dd>{{ case.base_id }}
({{ case.transformation }})</dd>{% endif %}
{% if case.repeat %}<dt>Runs</dt><dd>{{ case.repeat.runs }}: routes
{{ case.repeat.routes|join(", ") }}; passed {{ case.repeat.passed|map("string")|join(", ") }};
{{ case.repeat.replies|unique|list|length }} distinct replies{% if case.repeat.changed %}
(changed: {{ case.repeat.changed|join(", ") }}){% endif %}</dd>{% endif %}
</dl>
{% if case.failures %}
<h4>Failures</h4>
<ul class="failures">{% for failure in case.failures %}<li>{{ failure }}</li>{% endfor %}</ul>
{% else %}
<p class="ok">Every check passed.</p>
{% endif %}
<h4>Conversation</h4>
<ol>{% for turn in case.turns %}<li>{{ turn }}</li>{% endfor %}</ol>
<h4>Reply</h4>
<div class="reply">{{ case.answer if case.answer is not none else "(no reply)" }}</div>
{% if case.quoted %}
<h4>Quoted sentences</h4>
<ol>{% for q in case.quoted %}<li>{{ q.text }} {% for m in q.markers %}[{{ m }}]{% endfor %}
{% if q.match %}<span class="ok">({{ q.match }})</span>{% endif %}</li>{% endfor %}</ol>
{% endif %}
<h4>Citations</h4>
{% if case.citations %}
<ul>
{% for c in case.citations %}
<li>[{{ c.marker }}] {{ c.title }}{% if c.section %} &mdash; {{ c.section }}{% endif %}
({{ c.source_id }}{% if c.chunk_id %}, chunk {{ c.chunk_id }}{% endif %}):
{% if c.valid is none %}<span class="meta">not checked</span>
{% elif c.valid %}<span class="ok">quote found</span>
{% else %}<span class="bad">quote not found</span>{% endif %}
<div class="passage">{{ c.quote }}</div></li>
{% endfor %}
</ul>
{% else %}<p class="meta">None.</p>{% endif %}
<h4>Retrieved passages</h4>
{% if case.retrieved is none %}
<p class="meta">Not available: the deployment's API does not return them.</p>
{% elif case.retrieved %}
<div class="scroll"><table>
<tr><th scope="col">rank</th><th scope="col">source</th><th scope="col">section</th>
<th scope="col">score</th><th scope="col">dense</th><th scope="col">bm25</th>
<th scope="col">evidence</th><th scope="col">cited</th></tr>
{% for p in case.retrieved %}
<tr><td class="num">{{ p.rank }}{% if not p.in_top_k %} (beyond k){% endif %}</td>
<td>{{ p.source_id }}<br><span class="meta">chunk {{ p.chunk_id }}</span></td>
<td>{{ p.section }}</td><td class="num">{{ number(p.score) }}</td>
<td class="num">{{ number(p.dense_score) }}</td><td class="num">{{ number(p.bm25_score) }}</td>
<td>{{ "yes" if p.has_evidence else "" }}</td>
<td>{{ row.cited_markers.get(p.chunk_id, "") }}</td></tr>
{% if p.text is defined and p.text is not none %}
<tr><td colspan="8"><details><summary>passage {{ p.rank }} text</summary>
<div class="passage">{{ p.text }}</div></details></td></tr>
{% endif %}
{% endfor %}
</table></div>
{% else %}<p class="meta">None.</p>{% endif %}
{% if row.expectations %}
<details><summary>What the case expects</summary>
<dl class="facts">{% for label, value in row.expectations %}<dt>{{ label }}</dt>
<dd>{{ value }}</dd>{% endfor %}</dl>
</details>
{% endif %}
</td>
</tr>
</tbody>
{% endfor %}
</table>
</section>
<footer><p class="meta">Written by python -m evals. Self-contained: no network resources.</p>
</footer>
<script>{{ script|safe }}</script>
</body>
</html>
"""

SORT_COLUMNS = (
    {"key": "id", "label": "Case"},
    {"key": "category", "label": "Category"},
    {"key": "expected", "label": "Expected"},
    {"key": "route", "label": "Got"},
    {"key": "result", "label": "Result"},
    {"key": "reasons", "label": "Failures"},
    {"key": "latency", "label": "Latency ms"},
)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _number(value: Any) -> str:
    return "" if value is None else f"{value:.3f}"


def _outcome(report: Mapping[str, Any], failed: int) -> dict[str, str]:
    status = report.get("status") or {}
    gates = report.get("gates") or []
    cases = len(report["cases"])
    summary = f"{cases - failed} of {cases} cases passed."
    kind = status.get("outcome")
    missed = sum(1 for g in gates if not g["passed"])
    if kind == "error":
        errors = status.get("errors", 0)
        label = f"ERRORS: {errors} case{'s' if errors != 1 else ''} could not be answered"
        return {"kind": "error", "label": label, "summary": summary}
    if kind == "fail":
        label = f"FAILED: {missed} of {len(gates)} gates missed"
        return {"kind": "fail", "label": label, "summary": summary}
    if gates:
        label = f"PASSED: all {len(gates)} gates held"
        return {"kind": "pass", "label": label, "summary": summary}
    return {"kind": "none", "label": "NO GATES GIVEN", "summary": summary}


def _cards(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    metrics = report["metrics"]
    gates = {g["metric"]: g for g in report.get("gates") or ()}
    comparison = report.get("comparison") or {}
    rows = {r["metric"]: r for r in comparison.get("metrics") or ()}
    target = report.get("mode") == "target"
    names = [m for m in METRIC_NAMES if m in metrics]
    order = (
        [m for m in names if m in gates]
        + [m for m in HEADLINE if m in names and m not in gates]
        + [m for m in names if m not in gates and m not in HEADLINE]
    )
    cards = []
    for name in order:
        row = rows.get(name)
        why = None
        if metrics[name] is None:
            why = (
                "needs in-process data (not in the API's reply)"
                if target and name in IN_PROCESS_METRICS
                else "nothing to measure in this run"
            )
        cards.append(
            {
                "name": name,
                "value": fmt(metrics[name], name),
                "gate": gates.get(name),
                "was": fmt(row["old"], name) if row else None,
                "delta": signed(row["delta"], name) if row else "",
                "interval": (
                    f"[{signed(row['ci_low'], name)}, {signed(row['ci_high'], name)}]"
                    if row and row["ci_low"] is not None
                    else ""
                ),
                "verdict": row["verdict"] if row else "",
                "why": why,
            }
        )
    return cards


def _expectations(spec: Mapping[str, Any]) -> list[tuple[str, str]]:
    out = []
    for name in (
        "sources",
        "evidence",
        "must_include",
        "must_not_include",
        "gold",
        "acceptable",
        "uncovered",
        "detail",
        "lang",
        "ref",
        "note",
    ):
        value = spec.get(name)
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            value = "; ".join(" / ".join(v) if isinstance(v, list) else str(v) for v in value)
        out.append((name, str(value)))
    return out


def _scores(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    scores = record.get("scores") or {}
    out = []
    grounded = scores.get("grounded")
    if grounded:
        out.append(("Grounded sentences", f"{grounded[0]} of {grounded[1]}"))
    for key, label in (
        ("readability_reply", "Reading grade (reply)"),
        ("readability_framing", "Reading grade (framing)"),
    ):
        if scores.get(key) is not None:
            out.append((label, f"{scores[key]:.1f}"))
    return out


def _rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    records = list(report["cases"])
    failed_first = sorted(range(len(records)), key=lambda i: (records[i]["passed"], i))
    order = {i: position for position, i in enumerate(failed_first)}
    rows = []
    for i, record in enumerate(records):
        latencies = record.get("turn_latencies_ms") or []
        latency = record.get("latency_ms")
        cited: dict[str, str] = {}
        for c in record.get("citations") or ():
            if c.get("chunk_id"):
                cited[c["chunk_id"]] = (cited.get(c["chunk_id"], "") + f" [{c['marker']}]").strip()
        repeat = record.get("repeat")
        rows.append(
            {
                "index": i + 1,
                "order": order[i],
                "record": record,
                "reasons": record.get("failure_kinds") or [],
                "latency": f"{latency:.0f}" if latency is not None else "",
                "latency_key": f"{latency}" if latency is not None else "",
                "turn_latencies": ", ".join(f"{x:.0f} ms" for x in latencies) or "n/a",
                "cited_markers": cited,
                "flaky": ("yes" if repeat.get("flaky") else "no") if repeat else "",
                "scores": _scores(record),
                "expectations": _expectations(record.get("spec") or {}),
            }
        )
    return sorted(rows, key=lambda row: row["order"])


def _normalise(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report with the fields an older report.json lacks filled in."""
    data = dict(report)
    data.setdefault("mode", "in_process")
    data["run"] = {"repeat": 1, "target": None, "replayed_from": None, **(data.get("run") or {})}
    for key in ("gates", "status", "comparison", "invariance", "flaky", "baseline"):
        data.setdefault(key, [] if key == "gates" else None)
    data["gates"] = data["gates"] or []
    config = dict(data.get("config") or {})
    for key in (
        "code_version",
        "backend",
        "models",
        "corpus_fingerprint",
        "corpus_files",
        "target",
    ):
        config.setdefault(key, None)
    data["config"] = config
    defaults: dict[str, Any] = {
        "suite": "",
        "location": "",
        "transformation": None,
        "base_id": None,
        "spec": {},
        "reason": None,
        "expected_detail": None,
        "intent": None,
        "failure_kinds": None,
        "answer": None,
        "citations": [],
        "quoted": [],
        "retrieved": [],
        "evidence_rank": None,
        "scores": {},
        "latency_ms": None,
        "turn_latencies_ms": [],
        "backend": None,
        "model": None,
        "repeat": None,
    }
    cases = []
    for record in data["cases"]:
        filled = {**defaults, **record}
        if filled["failure_kinds"] is None:
            from .records import failure_kind

            filled["failure_kinds"] = sorted({failure_kind(f) for f in filled.get("failures", [])})
        filled["citations"] = [{"valid": None, "chunk_id": "", **c} for c in filled["citations"]]
        filled["retrieved"] = (
            None
            if filled["retrieved"] is None
            else [
                {"dense_score": None, "bm25_score": None, "in_top_k": True, **p}
                for p in filled["retrieved"]
            ]
        )
        cases.append(filled)
    data["cases"] = cases
    return data


def render_html(report: Mapping[str, Any]) -> str:
    """The whole page; ``report`` is report.json's content (a ``comparison`` is shown)."""
    data = _normalise(report)
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    template = env.from_string(TEMPLATE)
    records = data["cases"]
    failed = [r for r in records if not r["passed"]]
    reason_counts = Counter(k for r in failed for k in r["failure_kinds"])
    options = {
        "route": sorted({r["route"] for r in records}),
        "expected": sorted({e for r in records for e in r["expected_route"]}),
        "category": sorted({r["category"] for r in records}),
        "reasons": sorted({k for r in records for k in r["failure_kinds"]}),
        "suite": sorted({r["suite"] for r in records}),
        "transformation": sorted({r["transformation"] for r in records if r["transformation"]}),
    }
    info = data["metrics"].get("same_reply_route")
    mode_text = {
        "target": f"run against {data['config'].get('target') or data['run'].get('target')}",
        "in_process": "run in process",
    }.get(data["mode"], data["mode"])
    if data["run"].get("replayed_from"):
        mode_text += f", re-scored from {data['run']['replayed_from']}"
    columns = list(next(iter(data["confusion"].values())).keys()) if data.get("confusion") else []
    config = data["config"]
    meta = [f"Generated {data.get('generated_at')}", mode_text]
    meta.append(f"code {config['code_version'] or 'unknown'}")
    if config["backend"]:
        meta.append(f"backend {config['backend']}")
    if config["models"]:
        meta.append(f"embedding model {config['models'].get('embedding')}")
    if config["corpus_fingerprint"]:
        meta.append(f"corpus {config['corpus_files']} files ({config['corpus_fingerprint'][:16]})")
    if data["run"].get("repeat", 1) > 1:
        meta.append(f"every case run {data['run']['repeat']} times")
    return template.render(
        report=data,
        meta=meta,
        config=config,
        run=data["run"],
        mode_text=mode_text,
        outcome=_outcome(data, len(failed)),
        gates=data["gates"],
        failed_count=len(failed),
        reason_counts=sorted(reason_counts.items(), key=lambda kv: (-kv[1], kv[0])),
        comparison=data["comparison"],
        cards=_cards(data),
        info=info,
        invariance=data["invariance"],
        flaky=data["flaky"],
        baseline=data["baseline"],
        columns=columns,
        options=options,
        sort_columns=SORT_COLUMNS,
        rows=_rows(data),
        index_of={r["id"]: i for i, r in enumerate(records, start=1)},
        fmt=fmt,
        signed=signed,
        show=_show,
        number=_number,
        interval=lambda row: (
            f"[{signed(row['ci_low'], row['metric'])}, {signed(row['ci_high'], row['metric'])}]"
            if row["ci_low"] is not None
            else "n/a"
        ),
        csp=CONTENT_SECURITY_POLICY,
        style=STYLE,
        script=SCRIPT,
    )
