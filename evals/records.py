"""Per-case records of report.json, and rebuilding observations from them.

A record holds everything the scoring reads (the reply's blocks, the deciding
check, the citations, the retrieved passages with their text, the turn
latencies) next to the verdict and the per-case scores, so a run can be
re-scored later without the assistant (``python -m evals rescore``) and two
runs can be compared case by case (``python -m evals compare``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.schema import (
    ApprovedRef,
    Block,
    Bullets,
    Chunk,
    Citation,
    Cited,
    CitedSentence,
    Paragraph,
    Passage,
    Reply,
    Route,
    RouteDecision,
)

from .metrics import (
    ERROR_ROUTE,
    Judgement,
    Observation,
    case_scores,
    citation_problem,
    cited_chunk,
    contains_phrase,
    sentence_labels,
)
from .suite import Case, SuiteError, build_case, case_spec

RECORD_VERSION = 2
"""Bumped when a record loses or changes a field the replay reads."""
VARIANT_SEPARATOR = "~"
"""Generated variants are named ``<id>~<transformation>`` (evals/metamorph.py)."""
_FAILURE_KIND = re.compile(r"^([a-z_]+)")


def failure_kind(failure: str) -> str:
    """The check a failure message names: ``route``, ``evidence``, ``citation``..."""
    match = _FAILURE_KIND.match(failure)
    return match.group(1) if match else "other"


def variant_of(case_id: str) -> tuple[str, str] | None:
    """(base id, transformation) for a generated variant's id, else None."""
    base, sep, transformation = case_id.rpartition(VARIANT_SEPARATOR)
    return (base, transformation) if sep and base and transformation else None


def reply_digest(reply: Reply | None) -> str | None:
    """A short fingerprint of a reply's text, to tell replies apart without storing them."""
    if reply is None:
        return None
    return hashlib.sha256(reply.text.encode("utf-8")).hexdigest()[:16]


# Replies as JSON and back


def block_payload(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": list(block.items)}
    return {
        "type": "cited",
        "sentences": [{"text": s.text, "markers": list(s.markers)} for s in block.sentences],
    }


def block_from_payload(data: Mapping[str, Any]) -> Block:
    kind = data["type"]
    if kind == "paragraph":
        return Paragraph(data["text"])
    if kind == "bullets":
        return Bullets(tuple(data["items"]))
    if kind == "cited":
        return Cited(
            tuple(CitedSentence(s["text"], tuple(s["markers"])) for s in data["sentences"])
        )
    raise ValueError(f"unknown block type {kind!r}")


def passage_payload(rank: int, passage: Passage, case: Case, k: int | None) -> dict[str, Any]:
    chunk = passage.chunk
    return {
        "rank": rank,
        "source_id": chunk.source_id,
        "chunk_id": chunk.chunk_id,
        "title": chunk.title,
        "section": chunk.section,
        "page": chunk.page,
        "publisher": chunk.publisher,
        "start": chunk.start,
        "end": chunk.end,
        "text": chunk.text,
        "score": round(passage.score, 6),
        "dense_score": None if passage.dense_score is None else round(passage.dense_score, 6),
        "bm25_score": None if passage.bm25_score is None else round(passage.bm25_score, 6),
        "in_top_k": k is None or rank <= k,
        "has_evidence": bool(case.evidence)
        and any(contains_phrase(e, chunk.text) for e in case.evidence),
    }


def passage_from_payload(data: Mapping[str, Any]) -> Passage:
    chunk = Chunk(
        chunk_id=data["chunk_id"],
        source_id=data["source_id"],
        title=data.get("title", ""),
        section=data.get("section") or "",
        text=data["text"],
        start=data.get("start", 0),
        end=data.get("end", 0),
        page=data.get("page"),
        publisher=data.get("publisher", ""),
    )
    return Passage(chunk, data["score"], data.get("dense_score"), data.get("bm25_score"))


def citation_from_payload(data: Mapping[str, Any]) -> Citation:
    return Citation(
        marker=data["marker"],
        source_id=data["source_id"],
        title=data.get("title", ""),
        section=data.get("section") or "",
        page=data.get("page"),
        quote=data["quote"],
        chunk_id=data.get("chunk_id") or "",
        publisher=data.get("publisher", ""),
    )


def reply_payload(obs: Observation, k: int | None) -> dict[str, Any]:
    """What the replay needs to rebuild the observation: the reply as data, the latencies."""
    reply = obs.reply
    payload: dict[str, Any] = {
        "route": obs.route,
        "answer": reply.text if reply is not None else None,
        "blocks": [block_payload(b) for b in reply.blocks] if reply is not None else None,
        "decision": reply.decision.to_dict() if reply is not None else None,
        "backend": reply.backend if reply is not None else None,
        "model": reply.model if reply is not None else None,
        "backend_note": reply.backend_note if reply is not None else None,
        "approved_answer": (
            reply.approved_answer.to_dict()
            if reply is not None and reply.approved_answer is not None
            else None
        ),
        "turn_latencies_ms": list(obs.latencies_ms),
        "error": obs.error,
        "error_message": obs.error_message,
    }
    if reply is None:
        payload["citations"] = []
        payload["retrieved"] = [] if obs.in_process else None
    else:
        payload["citations"] = [
            {
                **c.to_dict(),
                "valid": citation_problem(c, reply.retrieved) is None if obs.in_process else None,
            }
            for c in reply.citations
        ]
        payload["retrieved"] = (
            [passage_payload(r, p, obs.case, k) for r, p in enumerate(reply.retrieved, start=1)]
            if obs.in_process
            else None
        )
    return payload


def reply_from_payload(payload: Mapping[str, Any]) -> Reply | None:
    if payload.get("blocks") is None:
        return None
    decision = payload.get("decision") or {"route": payload["route"]}
    return Reply(
        blocks=tuple(block_from_payload(b) for b in payload["blocks"]),
        decision=RouteDecision(
            Route(decision["route"]),
            decision.get("detail") or "",
            decision.get("confidence", 0.0),
            context=decision.get("context"),
            language=decision.get("language", "en"),
            asker=decision.get("asker"),
            topic=decision.get("topic"),
            after_safety=decision.get("after_safety", False),
        ),
        citations=tuple(citation_from_payload(c) for c in payload.get("citations") or ()),
        retrieved=tuple(passage_from_payload(p) for p in payload.get("retrieved") or ()),
        backend=payload.get("backend") or "fixed",
        model=payload.get("model"),
        backend_note=payload.get("backend_note"),
        approved_answer=_approved_from_payload(payload.get("approved_answer")),
    )


def _approved_from_payload(data: object) -> ApprovedRef | None:
    if not isinstance(data, Mapping):
        return None
    return ApprovedRef(int(data["id"]), int(data["version"]), float(data.get("similarity", 0.0)))


def observation_from_payload(
    case: Case, payload: Mapping[str, Any], in_process: bool
) -> Observation:
    return Observation(
        case,
        reply_from_payload(payload),
        [float(x) for x in payload.get("turn_latencies_ms") or ()],
        payload.get("error"),
        payload.get("error_message"),
        in_process,
    )


# Records


def case_record(
    obs: Observation,
    verdict: Judgement,
    k: int | None,
    fixed_patterns: Sequence[re.Pattern[str]],
    repeat: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One case of report.json: the case, the reply as data, the verdict and the scores."""
    case = obs.case
    reply = obs.reply
    payload = reply_payload(obs, k)
    cited: list[dict[str, Any]] | None = None
    if obs.in_process:
        cited = []
        for c in reply.citations if reply is not None else ():
            chunk = cited_chunk(c, reply.retrieved) if reply is not None else None
            cited.append(
                {
                    "marker": c.marker,
                    "source_id": c.source_id,
                    "chunk_id": c.chunk_id,
                    "section": chunk.section if chunk else None,
                    "text": chunk.text if chunk else None,
                }
            )
    variant = variant_of(case.id)
    return {
        "id": case.id,
        "category": case.category,
        "suite": case.suite,
        "location": case.location,
        "transformation": variant[1] if variant else None,
        "base_id": variant[0] if variant else None,
        "spec": case_spec(case),
        "turns": list(case.turns),
        "expected_route": list(case.routes),
        "route": obs.route,
        "reason": reply.decision.reason if reply is not None and obs.in_process else None,
        "detail": reply.decision.detail if reply is not None and obs.in_process else None,
        "expected_detail": case.detail,
        "intent": case.intent,
        "passed": verdict.passed,
        "failures": verdict.failures,
        "failure_kinds": sorted({failure_kind(f) for f in verdict.failures}),
        "answer": payload["answer"],
        "blocks": payload["blocks"],
        "decision": payload["decision"] if obs.in_process else None,
        "citations": payload["citations"],
        "quoted": [
            {"text": s.text, "markers": list(s.markers), "match": label}
            for s, label in zip(
                reply.sentences if reply is not None else (),
                sentence_labels(case, reply),
                strict=True,
            )
        ],
        "cited_passages": cited,
        "retrieved": payload["retrieved"],
        "evidence_rank": verdict.evidence_rank,
        "checks": {
            "route_ok": verdict.route_ok,
            "retrieved_evidence": verdict.retrieved_evidence,
            "cited_evidence": verdict.cited_evidence,
            "source_cited": verdict.source_cited,
            "must_include_ok": verdict.must_include_ok,
            "must_not_found": verdict.must_not_found,
        },
        "scores": case_scores(obs, fixed_patterns),
        "latency_ms": round(obs.latencies_ms[-1], 1) if obs.latencies_ms else None,
        "turn_latencies_ms": payload["turn_latencies_ms"],
        "backend": payload["backend"],
        "model": payload["model"],
        "backend_note": payload["backend_note"],
        "approved_answer": payload["approved_answer"],
        "error": obs.error,
        "error_message": obs.error_message,
        "repeat": dict(repeat) if repeat is not None else None,
    }


def case_from_record(record: Mapping[str, Any]) -> Case:
    """The case as it was run, from the record's ``spec``."""
    spec = record.get("spec")
    if not isinstance(spec, dict):
        raise SuiteError(f"case {record.get('id')!r}: the record has no 'spec' (an older report)")
    file, _, line = str(record.get("location", "<report>:0")).rpartition(":")
    case = build_case(spec, file or "<report>", int(line) if line.isdigit() else 0)
    return case


def is_replayable(record: Mapping[str, Any]) -> bool:
    return (
        isinstance(record.get("spec"), dict)
        and "blocks" in record
        and "checks" in record
        and (record.get("blocks") is not None or record.get("route") == ERROR_ROUTE)
    )
