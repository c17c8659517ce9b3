"""Running suites through the assistant and turning the results into a report.

Cases go through the same ``Assistant.answer`` the chat app calls, one
fresh conversation per case, so the numbers describe what a person would
see. The service and settings can be injected, which is how the unit tests
run a fake service without loading any model.
"""

from __future__ import annotations

import hashlib
import logging
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError
from tqdm import tqdm

from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.schema import Reply, Turn

from .metrics import (
    INFO_FIELDS,
    METRIC_NAMES,
    Judgement,
    Observation,
    by_category,
    by_route,
    citation_problem,
    cited_chunk,
    compute_metrics,
    confusion_matrix,
    contains_phrase,
    evidence_rank,
    fixed_sentence_patterns,
    judge,
    retrieval_scores,
    sentence_labels,
)
from .report import write_reports
from .suite import Case, SuiteError, load_suites

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
WARMUP_MESSAGE = "What is oncology massage?"
PACKAGE_NAME = "oncology-massage-assistant"


class AnswerService(Protocol):
    def answer(self, conversation: Sequence[Turn], message: str) -> Reply: ...


class UsageError(Exception):
    """Bad command-line input (a gate, a folder); exit code 2."""


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


@dataclass(frozen=True)
class Gate:
    metric: str
    limit: float
    is_max: bool

    def problem(self, metrics: Mapping[str, Any]) -> str | None:
        value = metrics.get(self.metric)
        op = "<=" if self.is_max else ">="
        if value is None:
            return f"{self.metric} is null (nothing to measure), gate needs {op} {self.limit:g}"
        if (value > self.limit) if self.is_max else (value < self.limit):
            return f"{self.metric} = {value:.4g}, gate needs {op} {self.limit:g}"
        return None


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


def run_cases(
    cases: Sequence[Case], service: AnswerService, *, progress: bool = True
) -> list[Observation]:
    """Answer every turn of every case in its own conversation; keep the last reply.

    A case whose service call raises is recorded with the exception's type
    (never its message, which might quote the user) and the run goes on.
    """
    observations: list[Observation] = []
    for case in tqdm(cases, desc="cases", unit="case", file=sys.stderr, disable=not progress):
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
            latencies.append((time.perf_counter() - started) * 1000)
            conversation.append(Turn("user", message))
            conversation.append(Turn("assistant", reply.text, reply.route))
        observations.append(Observation(case, reply, latencies, error))
    return observations


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
        "backend": settings.answer_backend,
        "backends_seen": sorted({o.reply.backend for o in observations if o.reply is not None}),
        "models": {
            "embedding": settings.embedding_model,
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
        "suites": [
            {"path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in suites
        ],
        "python": platform.python_version(),
    }


def case_record(obs: Observation, verdict: Judgement, k: int) -> dict[str, Any]:
    case = obs.case
    reply = obs.reply
    retrieved = reply.retrieved if reply is not None else []
    citations = reply.citations if reply is not None else []
    cited = []
    for c in citations:
        chunk = cited_chunk(c, retrieved)
        cited.append(
            {
                "marker": c.marker,
                "source_id": c.source_id,
                "chunk_id": c.chunk_id,
                "section": chunk.section if chunk else None,
                "text": chunk.text if chunk else None,
            }
        )
    return {
        "id": case.id,
        "category": case.category,
        "suite": case.suite,
        "location": case.location,
        "turns": list(case.turns),
        "expected_route": list(case.routes),
        "route": obs.route,
        "reason": reply.decision.reason if reply is not None else None,
        "detail": reply.decision.detail if reply is not None else None,
        "expected_detail": case.detail,
        "intent": case.intent,
        "passed": verdict.passed,
        "failures": verdict.failures,
        "answer": reply.text if reply is not None else None,
        "citations": [
            {**c.to_dict(), "valid": citation_problem(c, retrieved) is None} for c in citations
        ],
        "quoted": [
            {"text": s.text, "markers": list(s.markers), "match": label}
            for s, label in zip(
                reply.sentences if reply is not None else (),
                sentence_labels(case, reply),
                strict=True,
            )
        ],
        "cited_passages": cited,
        "retrieved": [
            {
                "rank": rank,
                "source_id": p.chunk.source_id,
                "chunk_id": p.chunk.chunk_id,
                "section": p.chunk.section,
                "score": round(p.score, 6),
                "in_top_k": rank <= k,
                "has_evidence": bool(case.evidence)
                and any(contains_phrase(e, p.chunk.text) for e in case.evidence),
            }
            for rank, p in enumerate(retrieved, start=1)
        ],
        "evidence_rank": verdict.evidence_rank,
        "latency_ms": round(obs.latencies_ms[-1], 1) if obs.latencies_ms else None,
        "turn_latencies_ms": [round(x, 1) for x in obs.latencies_ms],
        "backend": reply.backend if reply is not None else None,
        "error": obs.error,
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


def build_report(
    observations: Sequence[Observation],
    settings: Settings,
    suites: Sequence[Path],
    *,
    retriever: Any = None,
    fixed: Sequence[str] | None = None,
) -> dict[str, Any]:
    k = settings.retrieval_k
    judgements = [judge(o, k) for o in observations]
    patterns = fixed_sentence_patterns(fixed_texts(settings) if fixed is None else fixed)
    return {
        "metrics": compute_metrics(observations, judgements, patterns),
        "by_route": by_route(observations),
        "confusion": confusion_matrix(observations),
        "by_category": by_category(observations, judgements),
        "baseline": run_baseline(retriever, observations, judgements, k) if retriever else None,
        "config": describe_config(settings, observations, suites),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases": [case_record(o, j, k) for o, j in zip(observations, judgements, strict=True)],
    }


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


def execute(
    options: RunOptions,
    *,
    service: AnswerService | None = None,
    settings: Settings | None = None,
    retriever: Any = None,
    fixed: Sequence[str] | None = None,
) -> int:
    """The ``run`` command; returns the exit code (0 ok, 1 gate missed, 2 bad input)."""
    try:
        gates = parse_gates(options.fail_under, options.maximum)
        if options.baseline not in (None, "naive"):
            raise UsageError(f"--baseline {options.baseline!r}: the only baseline is 'naive'")
        cases = load_suites(options.suites)
    except (UsageError, SuiteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
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
        observations = run_cases(cases, service, progress=options.progress)
        if options.baseline == "naive" and retriever is None:
            from .baseline import NaiveRetriever

            retriever = NaiveRetriever.from_settings(settings)
            stack.callback(retriever.close)
        report = build_report(
            observations, settings, options.suites, retriever=retriever, fixed=fixed
        )
    paths = write_reports(report, options.out)
    print(_summary(report["metrics"]))
    print("reports: " + ", ".join(str(p) for p in paths))
    problems = [p for g in gates if (p := g.problem(report["metrics"])) is not None]
    for problem in problems:
        print(f"gate failed: {problem}", file=sys.stderr)
    return EXIT_GATE_FAILED if problems else EXIT_OK
