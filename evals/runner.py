"""Running suites through the assistant and turning the results into a report.

Cases go through the same ``Assistant.answer`` the chat app calls, one
fresh conversation per case, so the numbers describe what a person would
see; with ``--target URL`` they go through a deployment's ``POST /api/chat``
instead (evals/remote.py). ``--repeat N`` runs every case N times and reports
the cases whose result changes; ``rescore`` (``run --replay``) judges the
replies recorded in an earlier report again without running anything. The
service and settings can be injected, which is how the unit tests run a fake
service without loading any model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError
from tqdm import tqdm

from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.schema import Reply, Turn

from .compare import CompareError, compare_runs, load_report
from .junit import write_junit
from .metrics import (
    INFO_FIELDS,
    METRIC_NAMES,
    Judgement,
    Observation,
    by_category,
    by_route,
    compute_metrics,
    confusion_matrix,
    evidence_rank,
    fixed_sentence_patterns,
    judge,
    retrieval_scores,
)
from .records import (
    RECORD_VERSION,
    case_from_record,
    case_record,
    is_replayable,
    observation_from_payload,
    reply_digest,
    reply_payload,
)
from .remote import DEFAULT_TIMEOUT_S, HttpTarget, TargetUnavailable
from .report import write_reports
from .stats import DEFAULT_RESAMPLES, DEFAULT_SEED
from .suite import Case, SuiteError, load_suites

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
EXIT_RUN_ERRORS = 3
WARMUP_MESSAGE = "What is oncology massage?"
PACKAGE_NAME = "oncology-massage-assistant"
MODE_IN_PROCESS = "in_process"
MODE_TARGET = "target"
LATENCY_DECIMALS = 3
"""Turn latencies are kept to the microsecond, in the run's metrics and in its records
alike, so a replay computes the same percentiles."""


class AnswerService(Protocol):
    def answer(self, conversation: Sequence[Turn], message: str) -> Reply: ...


class UsageError(Exception):
    """Bad command-line input (a gate, a folder, a report to replay); exit code 2."""


@dataclass
class RunOptions:
    suites: list[Path]
    out: Path
    corpus: Path | None = None
    data_dir: Path | None = None
    extra_corpus: list[Path] = field(default_factory=list)
    baseline: str | None = None
    fail_under: list[str] = field(default_factory=list)
    maximum: list[str] = field(default_factory=list)
    progress: bool = True
    junit: Path | None = None
    target: str | None = None
    repeat: int = 1
    replay: Path | None = None
    compare_to: Path | None = None
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    timeout_s: float = DEFAULT_TIMEOUT_S
    approved_db: str | None = None
    """Serve the approved answers kept in this conversation database (the staff console's)."""


@dataclass(frozen=True)
class Gate:
    metric: str
    limit: float
    is_max: bool

    @property
    def op(self) -> str:
        return "<=" if self.is_max else ">="

    def problem(self, metrics: Mapping[str, Any]) -> str | None:
        value = metrics.get(self.metric)
        if value is None:
            return (
                f"{self.metric} is null (nothing to measure), gate needs {self.op} {self.limit:g}"
            )
        if (value > self.limit) if self.is_max else (value < self.limit):
            return f"{self.metric} = {value:.4g}, gate needs {self.op} {self.limit:g}"
        return None

    def result(self, metrics: Mapping[str, Any]) -> dict[str, Any]:
        """The gate as recorded in report.json: the threshold, the value and the verdict."""
        problem = self.problem(metrics)
        return {
            "metric": self.metric,
            "op": self.op,
            "limit": self.limit,
            "flag": "--max" if self.is_max else "--fail-under",
            "value": metrics.get(self.metric),
            "passed": problem is None,
            "problem": problem,
        }


def parse_gates(fail_under: Sequence[str], maximum: Sequence[str]) -> list[Gate]:
    gates: list[Gate] = []
    for specs, is_max, flag in ((fail_under, False, "--fail-under"), (maximum, True, "--max")):
        for spec in specs:
            name, sep, raw = spec.partition("=")
            name = name.strip()
            if not sep:
                raise UsageError(f"{flag} {spec!r}: write METRIC=VALUE, e.g. pass_rate=0.9")
            if name in INFO_FIELDS:
                raise UsageError(f"{flag} {spec!r}: {name!r} is not a number and cannot be gated")
            if name not in METRIC_NAMES:
                raise UsageError(
                    f"{flag} {spec!r}: unknown metric {name!r}; known: {', '.join(METRIC_NAMES)}"
                )
            try:
                limit = float(raw)
            except ValueError:
                raise UsageError(f"{flag} {spec!r}: {raw!r} is not a number") from None
            gates.append(Gate(name, limit, is_max))
    return gates


# Running cases

CaseRunner = Callable[[Case], Observation]


def in_process_runner(service: AnswerService) -> CaseRunner:
    """Answer every turn of a case in its own conversation; keep the last reply.

    A case whose service call raises is recorded with the exception's type
    (never its message, which might quote the user) and the run goes on.
    """

    def run(case: Case) -> Observation:
        conversation: list[Turn] = []
        latencies: list[float] = []
        reply: Reply | None = None
        error: str | None = None
        for message in case.turns:
            started = time.perf_counter()
            try:
                reply = service.answer(list(conversation), message)
            except Exception as exc:
                error = type(exc).__name__
                reply = None
                log.warning("case %s: the service raised %s", case.id, error)
                break
            latencies.append(round((time.perf_counter() - started) * 1000, LATENCY_DECIMALS))
            conversation.append(Turn("user", message))
            conversation.append(Turn("assistant", reply.text, reply.route))
        return Observation(case, reply, latencies, error)

    return run


def run_rounds(
    cases: Sequence[Case], runner: CaseRunner, *, repeat: int = 1, progress: bool = True
) -> list[list[Observation]]:
    """Every case once per round, ``repeat`` rounds in a row; round 1 is the one reported."""
    rounds: list[list[Observation]] = []
    with tqdm(
        total=len(cases) * repeat,
        desc="cases",
        unit="case",
        file=sys.stderr,
        disable=not progress,
    ) as bar:
        for _ in range(repeat):
            observations = []
            for case in cases:
                observations.append(runner(case))
                bar.update()
            rounds.append(observations)
    return rounds


def run_cases(
    cases: Sequence[Case], service: AnswerService, *, progress: bool = True
) -> list[Observation]:
    """One round of every case through ``service``."""
    return run_rounds(cases, in_process_runner(service), progress=progress)[0]


def _signature(payload: Mapping[str, Any]) -> str:
    return json.dumps(
        {k: v for k, v in payload.items() if k != "turn_latencies_ms"},
        sort_keys=True,
        ensure_ascii=False,
    )


def repeat_summary(runs: Sequence[Observation], k: int | None) -> dict[str, Any]:
    """What changed for one case across its runs: route, pass, reply text.

    The replies of the runs that differ from the first in any recorded way are
    kept whole (``variants``), so a replay can judge every run again.
    """
    verdicts = [judge(o, k) for o in runs]
    payloads = [reply_payload(o, k) for o in runs]
    routes = [o.route for o in runs]
    passed = [v.passed for v in verdicts]
    replies = [reply_digest(o.reply) for o in runs]
    changed = [
        name
        for name, values in (("route", routes), ("pass", passed), ("reply", replies))
        if len(set(values)) > 1
    ]
    first = _signature(payloads[0])
    return {
        "runs": len(runs),
        "routes": routes,
        "passed": passed,
        "replies": replies,
        "changed": changed,
        "flaky": bool(changed),
        "variants": [
            {"run": number, **payload}
            for number, payload in enumerate(payloads[1:], start=2)
            if _signature(payload) != first
        ],
    }


def fixed_texts(settings: Settings) -> list[str]:
    """The reviewed fixed texts (``assistant.content``), excluded from groundedness.

    Every text id counts, rendered with this run's settings (emergency number,
    crisis line...); placeholders the code fills in per reply (``{topic}``,
    ``{length}``) are kept and match anything. Strings under three words
    (labels such as "Send") are not sentences and are skipped.
    """
    from assistant import content

    found: list[str] = []
    for text_id in content.all_text_ids():
        raw = content.template(text_id)
        joined = " ".join(raw) if isinstance(raw, tuple) else raw
        values = {
            name: "{" + name + "}"
            for name in content.placeholders(joined)
            if name not in content.SETTING_FIELDS
        }
        for item in content.render_list(text_id, settings, **values):
            if len(item.split()) >= 3:
                found.append(item)
    return found


def _corpus_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield path


def corpus_fingerprint(root: Path) -> tuple[str, int]:
    """SHA-256 over every corpus file's relative path and bytes, and the file count."""
    digest = hashlib.sha256()
    count = 0
    if not root.exists():
        return "missing", 0
    for path in _corpus_files(root):
        rel = path.name if root.is_file() else path.relative_to(root).as_posix()
        digest.update(rel.encode() + b"\x00" + path.read_bytes() + b"\x00")
        count += 1
    return digest.hexdigest(), count


def code_version() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip():
            return f"git {done.stdout.strip()}"
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        from importlib.metadata import PackageNotFoundError, version

        return f"package {version(PACKAGE_NAME)}"
    except PackageNotFoundError:
        return "unknown"


def describe_config(
    settings: Settings, observations: Sequence[Observation], suites: Sequence[Path]
) -> dict[str, Any]:
    fingerprint, files = corpus_fingerprint(settings.corpus_dir)
    return {
        "mode": MODE_IN_PROCESS,
        "backend": settings.answer_backend,
        "backends_seen": sorted({o.reply.backend for o in observations if o.reply is not None}),
        "models": {
            "embedding": settings.embedding_model,
            "embedding_backend": settings.embedding_backend,
            "llm": settings.llm_model,
            "rerank": settings.rerank_model,
        },
        "retrieval": {
            "k": settings.retrieval_k,
            "dense_enabled": settings.dense_enabled,
            "bm25_enabled": settings.bm25_enabled,
            "rrf_k": settings.rrf_k,
            "relevance_floor": settings.relevance_floor,
            "relevance_confident": settings.relevance_confident,
            "min_term_coverage": settings.min_term_coverage,
            "chunk_size": settings.chunk_size,
            "chunk_overlap": settings.chunk_overlap,
            "history_turns": settings.history_turns,
        },
        "corpus_dir": str(settings.corpus_dir),
        "corpus_fingerprint": fingerprint,
        "corpus_files": files,
        "code_version": code_version(),
        "suites": suite_hashes(suites),
        "python": platform.python_version(),
    }


def run_baseline(
    retriever: Any, observations: Sequence[Observation], judgements: Sequence[Judgement], k: int
) -> dict[str, Any]:
    """Naive retrieval for every case with evidence, queried with the case's last message."""
    records = []
    naive_ranks: list[int | None] = []
    ours_ranks: list[int | None] = []
    for obs, verdict in zip(observations, judgements, strict=True):
        if not obs.case.evidence:
            continue
        hits = retriever.search(obs.case.turns[-1])
        rank = evidence_rank(obs.case.evidence, [h.text for h in hits])
        naive_ranks.append(rank)
        ours_ranks.append(verdict.evidence_rank)
        records.append(
            {
                "id": obs.case.id,
                "evidence_rank": rank,
                "ours_evidence_rank": verdict.evidence_rank,
                "retrieved": [
                    {"source_id": h.source_id, "chunk_id": h.chunk_id, "score": round(h.score, 6)}
                    for h in hits
                ],
            }
        )
    common = min(k, retriever.k)

    def at(ranks: list[int | None], limit: int) -> list[int | None]:
        return [r if r is not None and r <= limit else None for r in ranks]

    ours_hit, ours_mrr = retrieval_scores(ours_ranks)
    naive_hit, naive_mrr = retrieval_scores(naive_ranks)
    ours_hit_c, ours_mrr_c = retrieval_scores(at(ours_ranks, common))
    naive_hit_c, naive_mrr_c = retrieval_scores(at(naive_ranks, common))
    from .baseline import CHUNK_OVERLAP, CHUNK_SIZE, NAME

    return {
        "name": NAME,
        "k": retriever.k,
        "chunk_size": CHUNK_SIZE,
        "chunk_overlap": CHUNK_OVERLAP,
        "chunks": len(retriever.chunks),
        "metrics": {"evidence_hit_at_k": naive_hit, "mrr": naive_mrr},
        "comparison": [
            {
                "metric": "evidence_hit_at_k",
                "k_ours": k,
                "k_naive": retriever.k,
                "ours": ours_hit,
                "naive": naive_hit,
            },
            {
                "metric": "mrr",
                "k_ours": k,
                "k_naive": retriever.k,
                "ours": ours_mrr,
                "naive": naive_mrr,
            },
            {
                "metric": f"evidence_hit_at_{common}",
                "k_ours": common,
                "k_naive": common,
                "ours": ours_hit_c,
                "naive": naive_hit_c,
            },
            {
                "metric": f"mrr_at_{common}",
                "k_ours": common,
                "k_naive": common,
                "ours": ours_mrr_c,
                "naive": naive_mrr_c,
            },
        ],
        "cases": records,
    }


def describe_target_config(
    target: str, observations: Sequence[Observation], suites: Sequence[Path]
) -> dict[str, Any]:
    """What is known of a deployment run: the URL, the evaluator's code, the suites."""
    return {
        "mode": MODE_TARGET,
        "target": target,
        "backend": None,
        "backends_seen": sorted({o.reply.backend for o in observations if o.reply is not None}),
        "models": None,
        "retrieval": None,
        "corpus_dir": None,
        "corpus_fingerprint": None,
        "corpus_files": None,
        "code_version": code_version(),
        "suites": suite_hashes(suites),
        "python": platform.python_version(),
    }


def suite_hashes(suites: Sequence[Path]) -> list[dict[str, str]]:
    return [{"path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in suites]


def invariance_table(records: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Results grouped by transformation, for cases named ``<id>~<transformation>``.

    ``same_route`` counts the variants routed like their original, when the
    original is in the same run; ``consistency`` is that over ``with_original``.
    """
    variants = [r for r in records if r.get("transformation")]
    if not variants:
        return None
    by_id = {r["id"]: r for r in records}
    groups: dict[str, dict[str, Any]] = {}
    for record in variants:
        row = groups.setdefault(
            record["transformation"],
            {"cases": 0, "passed": 0, "route_ok": 0, "with_original": 0, "same_route": 0},
        )
        row["cases"] += 1
        row["passed"] += int(record["passed"])
        row["route_ok"] += int(record["route"] in record["expected_route"])
        original = by_id.get(record["base_id"])
        if original is not None:
            row["with_original"] += 1
            row["same_route"] += int(original["route"] == record["route"])
    for row in groups.values():
        row["pass_rate"] = row["passed"] / row["cases"]
        row["route_accuracy"] = row["route_ok"] / row["cases"]
        row["consistency"] = (
            row["same_route"] / row["with_original"] if row["with_original"] else None
        )
    originals = {r["base_id"] for r in variants} & set(by_id)
    return {"transformations": dict(sorted(groups.items())), "originals_in_run": len(originals)}


def build_report(
    rounds: Sequence[Sequence[Observation]],
    *,
    config: dict[str, Any],
    k: int | None,
    fixed: Sequence[str],
    mode: str = MODE_IN_PROCESS,
    retriever: Any = None,
    run: Mapping[str, Any] | None = None,
    baseline: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """report.json from the observations of every round (the first is the one scored)."""
    observations = list(rounds[0])
    judgements = [judge(o, k) for o in observations]
    patterns = fixed_sentence_patterns(fixed)
    metrics = compute_metrics(observations, judgements, patterns)
    repeats: list[dict[str, Any]] | None = None
    if len(rounds) > 1:
        repeats = [repeat_summary([r[i] for r in rounds], k) for i in range(len(observations))]
        metrics["flaky_cases"] = sum(int(x["flaky"]) for x in repeats)
    records = [
        case_record(o, j, k, patterns, repeats[i] if repeats else None)
        for i, (o, j) in enumerate(zip(observations, judgements, strict=True))
    ]
    if retriever is not None and k is not None:
        baseline = run_baseline(retriever, observations, judgements, k)
    return {
        "schema_version": RECORD_VERSION,
        "mode": mode,
        "approved_answers": [
            {"case": r["id"], **r["approved_answer"]} for r in records if r["approved_answer"]
        ],
        "run": {"repeat": len(rounds), "target": None, "replayed_from": None, **(run or {})},
        "metrics": metrics,
        "gates": [],
        "status": None,
        "by_route": by_route(observations),
        "confusion": confusion_matrix(observations),
        "by_category": by_category(observations, judgements),
        "invariance": invariance_table(records),
        "flaky": (
            [
                {
                    "id": r["id"],
                    **{key: r["repeat"][key] for key in ("changed", "routes", "passed")},
                }
                for r in records
                if r["repeat"]["flaky"]
            ]
            if repeats is not None
            else None
        ),
        "baseline": dict(baseline) if baseline else None,
        "comparison": None,
        "config": config,
        "scoring": {"k": k, "fixed_texts": list(fixed)},
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases": records,
    }


def _with_approved(
    service: AnswerService, url: str, settings: Settings, stack: ExitStack
) -> AnswerService:
    """The assistant serving the approved answers of that database, as the app does."""
    from assistant.conversations import ConversationStore
    from assistant.service import Assistant
    from assistant.wiring import with_approved_answers

    if not isinstance(service, Assistant):
        raise UsageError("--approved-db needs the in-process assistant")
    store = stack.enter_context(ConversationStore(url))
    return with_approved_answers(service, store, settings)


def combined_corpus(sources: Sequence[Path], target: Path) -> Path:
    """Copy several corpus folders into one, refusing two files with the same relative path."""
    seen: dict[str, Path] = {}
    for root in sources:
        if not root.is_dir():
            raise UsageError(f"corpus folder {root} does not exist or is not a folder")
        for path in _corpus_files(root):
            rel = path.relative_to(root).as_posix()
            if rel in seen:
                raise UsageError(f"{path} and {seen[rel]} would both be {rel} in the corpus")
            seen[rel] = path
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
    return target


def prepare_settings(options: RunOptions, settings: Settings | None, stack: ExitStack) -> Settings:
    """Apply --corpus/--data-dir/--extra-corpus to the settings.

    Evaluating another corpus must not re-ingest the app's own store, so
    unless --data-dir is given such a run gets a throwaway data folder.
    """
    overrides: dict[str, Any] = {}
    if options.corpus is not None:
        overrides["corpus_dir"] = options.corpus
    if options.data_dir is not None:
        overrides["data_dir"] = options.data_dir
        overrides["chroma_path"] = None
    try:
        base = settings.model_copy(update=overrides) if settings else load_settings(**overrides)
    except ValidationError as exc:
        raise UsageError(f"invalid settings: {exc}") from None
    if not options.extra_corpus and options.corpus is None:
        return base
    extra: dict[str, Any] = {}
    if options.extra_corpus:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="eval-corpus-")))
        extra["corpus_dir"] = combined_corpus([base.corpus_dir, *options.extra_corpus], folder)
    if options.data_dir is None:
        data = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="eval-data-")))
        extra.update(data_dir=data, chroma_path=None, chroma_host=None)
    return base.model_copy(update=extra)


# Replay


def replay_rounds(
    report: Mapping[str, Any], path: Path, suites: Sequence[Path]
) -> list[list[Observation]]:
    """The observations recorded in ``report``, every round, ready to be judged again.

    With ``suites``, each recorded case is judged against that suite's version of
    the case (same id and turns); otherwise against the case as it was run.
    """
    records = report.get("cases") or []
    if not records:
        raise UsageError(f"{path}: the report has no cases to re-score")
    stale = [r.get("id") for r in records if not is_replayable(r)]
    if stale:
        raise UsageError(
            f"{path}: {len(stale)} case records lack what re-scoring needs (the report was "
            "written before replay support); run the suite again instead"
        )
    in_process = report.get("mode", MODE_IN_PROCESS) != MODE_TARGET
    overrides: dict[str, Case] = {}
    if suites:
        overrides = {c.id: c for c in load_suites(suites)}
        unknown = sorted(set(overrides) - {r["id"] for r in records})
        if unknown:
            raise UsageError(
                f"{len(unknown)} cases of the suites are not in {path} "
                f"(e.g. {unknown[0]!r}); run them instead of re-scoring"
            )
    repeat = max(((r.get("repeat") or {}).get("runs", 1) for r in records), default=1)
    rounds: list[list[Observation]] = [[] for _ in range(repeat)]
    for record in records:
        case = overrides.get(record["id"]) or case_from_record(record)
        if list(case.turns) != list(record["turns"]):
            raise UsageError(
                f"case {case.id!r}: its turns differ from the recorded run; run it instead"
            )
        variants = {v["run"]: v for v in (record.get("repeat") or {}).get("variants", ())}
        for number in range(1, repeat + 1):
            payload = variants.get(number, record)
            rounds[number - 1].append(observation_from_payload(case, payload, in_process))
    return rounds


# The outcome


def decide(report: dict[str, Any], gates: Sequence[Gate]) -> int:
    """Record each gate's result and the run's outcome in the report; return the exit code.

    3 when a case raised (or the deployment failed it) and no gate on ``errors``
    was given; else 1 when a gate was missed; else 0.
    """
    metrics = report["metrics"]
    results = [g.result(metrics) for g in gates]
    errors = metrics.get("errors") or 0
    errors_gated = any(g.metric == "errors" for g in gates)
    missed = [r for r in results if not r["passed"]]
    if errors and not errors_gated:
        outcome, code = "error", EXIT_RUN_ERRORS
    elif missed:
        outcome, code = "fail", EXIT_GATE_FAILED
    else:
        outcome, code = "pass", EXIT_OK
    report["gates"] = results
    report["status"] = {
        "outcome": outcome,
        "exit_code": code,
        "errors": errors,
        "errors_gated": errors_gated,
        "gates_missed": len(missed),
    }
    return code


def _summary(metrics: Mapping[str, Any]) -> str:
    shown = (
        "pass_rate",
        "route_accuracy",
        "safety_recall",
        "evidence_hit_at_k",
        "citation_validity",
    )
    parts = [
        f"{name} {metrics[name]:.3f}" if metrics[name] is not None else f"{name} null"
        for name in shown
    ]
    return f"{metrics['cases']} cases: " + ", ".join(parts)


def finish(
    report: dict[str, Any],
    gates: Sequence[Gate],
    options: RunOptions,
    previous: Mapping[str, Any] | None,
) -> int:
    """Judge the gates, compare with the previous report, write every output; the exit code."""
    code = decide(report, gates)
    if previous is not None and options.compare_to is not None:
        report["comparison"] = compare_runs(
            previous,
            report,
            old_label=str(options.compare_to),
            new_label=str(options.out / "report.json"),
            resamples=options.resamples,
            seed=options.seed,
        )
    paths = write_reports(report, options.out)
    if options.junit is not None:
        paths.append(write_junit(report, options.junit))
    metrics = report["metrics"]
    print(_summary(metrics))
    print("reports: " + ", ".join(str(p) for p in paths))
    for result in report["gates"]:
        if not result["passed"]:
            print(f"gate failed: {result['problem']}", file=sys.stderr)
    if report.get("flaky"):
        print(
            f"flaky: {len(report['flaky'])} cases changed between the "
            f"{report['run']['repeat']} runs",
            file=sys.stderr,
        )
    if code == EXIT_RUN_ERRORS:
        print(
            f"error: {metrics['errors']} cases could not be answered (see the report); "
            "gate on --max errors=N to judge errors as a gate instead",
            file=sys.stderr,
        )
    return code


def _check_options(options: RunOptions) -> None:
    if options.baseline not in (None, "naive"):
        raise UsageError(f"--baseline {options.baseline!r}: the only baseline is 'naive'")
    if options.repeat < 1:
        raise UsageError(f"--repeat {options.repeat}: must be at least 1")
    if options.resamples < 1:
        raise UsageError(f"--resamples {options.resamples}: must be at least 1")
    local = {
        "--corpus": options.corpus is not None,
        "--extra-corpus": bool(options.extra_corpus),
        "--data-dir": options.data_dir is not None,
        "--baseline": options.baseline is not None,
        "--approved-db": options.approved_db is not None,
    }
    if options.replay is not None:
        clash = [name for name, given in local.items() if given]
        clash += ["--target"] if options.target else []
        clash += ["--repeat"] if options.repeat != 1 else []
        if clash:
            raise UsageError(f"--replay re-scores recorded replies; it cannot take {clash[0]}")
        return
    if not options.suites:
        raise UsageError("give at least one SUITE (or --replay OLD/report.json)")
    if options.target is not None:
        if not options.target.startswith(("http://", "https://")):
            raise UsageError(f"--target {options.target!r}: give an http:// or https:// URL")
        clash = [name for name, given in local.items() if given]
        if clash:
            raise UsageError(f"--target runs against a deployment; it cannot take {clash[0]}")


def execute(
    options: RunOptions,
    *,
    service: AnswerService | None = None,
    settings: Settings | None = None,
    retriever: Any = None,
    fixed: Sequence[str] | None = None,
    http_client: Any = None,
) -> int:
    """The ``run`` and ``rescore`` commands; returns the exit code.

    0 every gate held; 1 a gate was missed; 2 bad input (nothing is run);
    3 cases raised and no gate on ``errors`` was given, or the --target
    deployment did not answer its health check.
    """
    previous: dict[str, Any] | None = None
    try:
        gates = parse_gates(options.fail_under, options.maximum)
        _check_options(options)
        if options.compare_to is not None:
            previous = load_report(options.compare_to)
        if options.replay is not None:
            recorded = load_report(options.replay)
            rounds = replay_rounds(recorded, options.replay, options.suites)
        else:
            cases = load_suites(options.suites)
    except (UsageError, SuiteError, CompareError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    if options.replay is not None:
        scoring = recorded.get("scoring") or {}
        config = dict(recorded.get("config") or {})
        config["replayed_from"] = str(options.replay)
        if options.suites:
            config["suites"] = suite_hashes(options.suites)
        mode = recorded.get("mode", MODE_IN_PROCESS)
        report = build_report(
            rounds,
            config=config,
            k=scoring.get("k"),
            fixed=scoring.get("fixed_texts") or (),
            mode=mode,
            run={
                "target": (recorded.get("run") or {}).get("target"),
                "replayed_from": str(options.replay),
            },
            baseline=recorded.get("baseline"),
        )
        return finish(report, gates, options, previous)

    if options.target is not None:
        target = HttpTarget(options.target, timeout_s=options.timeout_s, client=http_client)
        try:
            try:
                target.check()
            except TargetUnavailable as exc:
                print(f"error: the target did not answer: {exc}", file=sys.stderr)
                return EXIT_RUN_ERRORS
            rounds = run_rounds(
                cases, target.run_case, repeat=options.repeat, progress=options.progress
            )
        finally:
            target.close()
        report = build_report(
            rounds,
            config=describe_target_config(options.target, rounds[0], options.suites),
            k=None,
            fixed=(),
            mode=MODE_TARGET,
            run={"target": options.target},
        )
        return finish(report, gates, options, previous)

    with ExitStack() as stack:
        try:
            settings = prepare_settings(options, settings, stack)
        except UsageError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if service is None:
            from assistant.wiring import build_assistant

            service = build_assistant(settings)
            service.answer([], WARMUP_MESSAGE)
        if options.approved_db is not None:
            try:
                service = _with_approved(service, options.approved_db, settings, stack)
            except (UsageError, ValueError) as exc:
                print(f"error: --approved-db: {exc}", file=sys.stderr)
                return EXIT_USAGE
        rounds = run_rounds(
            cases, in_process_runner(service), repeat=options.repeat, progress=options.progress
        )
        if options.baseline == "naive" and retriever is None:
            from .baseline import NaiveRetriever

            retriever = NaiveRetriever.from_settings(settings)
            stack.callback(retriever.close)
        report = build_report(
            rounds,
            config=describe_config(settings, rounds[0], options.suites),
            k=settings.retrieval_k,
            fixed=fixed_texts(settings) if fixed is None else fixed,
            retriever=retriever,
        )
    return finish(report, gates, options, previous)
