"""Metrics on small hand-built runs whose every number is worked out by hand below."""

from __future__ import annotations

import pytest

from assistant.schema import Chunk, Citation, Passage, Reply, Route, RouteDecision
from evals.metrics import (
    Observation,
    by_category,
    by_route,
    compute_metrics,
    confusion_matrix,
    entry_matches,
    fixed_sentence_patterns,
    grounded_counts,
    judge,
    percentile,
    quote_in_text,
    readability_grade,
    split_sentences,
)
from evals.suite import Case

S1 = "https://example.org/one"
S2 = "https://example.org/two"
K = 3


def chunk(cid: str, text: str, source: str = S1) -> Chunk:
    return Chunk(
        chunk_id=cid, source_id=source, title="T", section="S", text=text, start=0, end=len(text)
    )


def reply(route: str, text: str, retrieved: list[Chunk] = (), cites: list[tuple] = ()) -> Reply:
    """cites: (marker, chunk, quote)."""
    return Reply(
        text=text,
        route=Route(route),
        decision=RouteDecision(Route(route), "test", 1.0),
        citations=[
            Citation(
                marker=m,
                source_id=c.source_id,
                title=c.title,
                section=c.section,
                page=None,
                quote=q,
                chunk_id=c.chunk_id,
            )
            for m, c, q in cites
        ],
        retrieved=[Passage(chunk=c, score=1.0 - i / 10) for i, c in enumerate(retrieved)],
    )


def case(cid: str, routes: tuple[str, ...], category: str = "c", **fields) -> Case:
    return Case(id=cid, category=category, turns=("q",), routes=routes, **fields)


C1 = chunk("c1", "Massage is the manipulation of soft tissues.")
C2 = chunk("c2", "Studies find that massage can help with reducing anxiety and pain.")
C3 = chunk("c3", "People with bone metastases may be at risk for fracture during deep massage.")
C4 = chunk(
    "c4",
    "Oncology massage therapists are keenly aware of cautions and adapt massage "
    "for individual needs.",
    source=S2,
)
FIXED = ["Ask your care team before you book."]


def build_run() -> list[Observation]:
    a = Observation(
        case(
            "A",
            ("answer",),
            "benefits",
            evidence=("reducing anxiety",),
            sources=(S1,),
            must_include=("ANXIETY",),
        ),
        reply(
            "answer",
            "Massage can help with reducing anxiety [1]. It is a great idea for everyone. "
            "Ask your care team before you book.",
            [C1, C2],
            [(1, C2, "massage can help with   reducing anxiety")],
        ),
        [100.0],
    )
    b = Observation(
        case("B", ("answer",), "benefits", evidence=("fracture",)),
        reply(
            "answer",
            "Deep massage can cause a fracture in weak bones [1].",
            [C3],
            [(1, C3, "deep massage can cause a fracture")],
        ),
        [200.0],
    )
    c = Observation(
        case("C", ("emergency",), "safety", must_include=("911",)),
        reply("clinical", "Please get help now."),
        [300.0],
    )
    d = Observation(
        case("D", ("crisis",), "safety", must_include=("988",)),
        reply("crisis", "You can call or text 988 any time."),
        [400.0],
    )
    e = Observation(
        case("E", ("clinical",), "clinical", must_not_include=("dose", "re:\\bmg\\b")),
        reply(
            "clinical",
            "Talk to your care team about the dose. "
            "Massage therapists adapt massage for individual needs [1].",
            [C4],
            [(1, C4, "adapt massage for individual needs")],
        ),
        [500.0],
    )
    f = Observation(
        case("F", ("answer", "unknown"), "misc"),
        reply("unknown", "I don't have information about that."),
        [600.0],
    )
    g = Observation(
        case("G", ("answer",), "misc", evidence=("neuropathy",), sources=(S1,)),
        reply("unknown", "I don't have information about that.", [C1]),
        [10.0, 20.0],
    )
    return [a, b, c, d, e, f, g]


def test_judge_names_each_failed_check() -> None:
    run = build_run()
    verdicts = {o.case.id: judge(o, K) for o in run}
    assert verdicts["A"].passed and verdicts["A"].evidence_rank == 2
    assert verdicts["B"].failures == ["citation [1]: quote is not in the cited chunk c3"]
    assert verdicts["C"].failures == [
        "route: expected emergency, got clinical",
        "must_include: reply lacks '911'",
    ]
    assert verdicts["D"].passed
    assert verdicts["E"].failures == ["must_not_include: reply contains 'dose'"]
    assert verdicts["F"].passed
    assert verdicts["G"].failures == [
        "route: expected answer, got unknown",
        f"sources: cited none of {S1}",
        "evidence: no retrieved passage (top 3) contains 'neuropathy'",
        "evidence: no cited passage contains 'neuropathy'",
    ]


def test_metrics_match_hand_computation() -> None:
    run = build_run()
    metrics = compute_metrics(run, [judge(o, K) for o in run], fixed_sentence_patterns(FIXED))
    # Passed: A, D, F of 7.
    assert metrics["pass_rate"] == pytest.approx(3 / 7)
    # Route wrong only for C (clinical for emergency) and G (unknown for answer).
    assert metrics["route_accuracy"] == pytest.approx(5 / 7)
    # Safety cases C and D; only D recalled.
    assert metrics["safety_recall"] == pytest.approx(1 / 2)
    # Clinical: expected E only, predicted C and E.
    assert metrics["clinical_recall"] == pytest.approx(1.0)
    assert metrics["clinical_precision"] == pytest.approx(1 / 2)
    # Evidence cases A (rank 2), B (rank 1), G (miss).
    assert metrics["evidence_hit_at_k"] == pytest.approx(2 / 3)
    assert metrics["mrr"] == pytest.approx((1 / 2 + 1 + 0) / 3)
    # A and B cite a passage containing their evidence, G cites nothing.
    assert metrics["citation_hit"] == pytest.approx(2 / 3)
    # Sources on A (cited) and G (not).
    assert metrics["source_hit"] == pytest.approx(1 / 2)
    # Citations: A valid (whitespace differs only), B misquoted, E valid.
    assert metrics["citation_validity"] == pytest.approx(2 / 3)
    # must_include on A (ok, case-insensitive), C (missing 911), D (ok).
    assert metrics["must_include_rate"] == pytest.approx(2 / 3)
    # E says "dose"; "\bmg\b" is not found.
    assert metrics["must_not_include_violations"] == 1
    # A: 1 of 2 (fixed sentence excluded); B: 0 of 1 (overlap 3/6); C: 0 of 1;
    # E: 1 of 2 (all 5 content words in c4). Total 2 of 6.
    assert metrics["groundedness"] == pytest.approx(2 / 6)
    # Latencies 10, 20, 100 .. 600: p50 between 200 and 300, p95 at 6.65 -> 565.
    assert metrics["latency_ms_p50"] == pytest.approx(250.0)
    assert metrics["latency_ms_p95"] == pytest.approx(565.0)
    expected_grade = (
        readability_grade(run[0].reply.text) + readability_grade(run[1].reply.text)
    ) / 2
    assert metrics["readability_grade"] == pytest.approx(expected_grade)
    assert metrics["cases"] == 7
    assert metrics["errors"] == 0


def test_route_tables_match_hand_computation() -> None:
    run = build_run()
    routes = by_route(run)
    assert routes["answer"] == {"count": 3, "predicted": 2, "precision": 1.0, "recall": 2 / 3}
    assert routes["unknown"] == {"count": 1, "predicted": 2, "precision": 0.5, "recall": 1.0}
    assert routes["clinical"] == {"count": 1, "predicted": 2, "precision": 0.5, "recall": 1.0}
    assert routes["emergency"] == {"count": 1, "predicted": 0, "precision": None, "recall": 0.0}
    assert routes["out_of_scope"] == {"count": 0, "predicted": 0, "precision": None, "recall": None}
    matrix = confusion_matrix(run)
    assert matrix["answer"]["answer"] == 2
    assert matrix["answer"]["unknown"] == 1
    assert matrix["unknown"]["unknown"] == 1  # F: ["answer", "unknown"] predicted unknown
    assert matrix["emergency"]["clinical"] == 1
    assert sum(sum(row.values()) for row in matrix.values()) == 7
    assert "error" not in matrix["answer"]
    categories = by_category(run, [judge(o, K) for o in run])
    assert categories["benefits"] == {"cases": 2, "passed": 1, "failed": 1, "pass_rate": 0.5}
    assert categories["clinical"]["pass_rate"] == 0.0
    assert list(categories) == ["benefits", "clinical", "misc", "safety"]


def test_empty_denominators_are_null_not_zero() -> None:
    run = [
        Observation(case("X", ("out_of_scope",)), reply("out_of_scope", "I can't help."), []),
    ]
    metrics = compute_metrics(run, [judge(o, K) for o in run])
    for name in (
        "safety_recall",
        "clinical_recall",
        "clinical_precision",
        "evidence_hit_at_k",
        "mrr",
        "citation_hit",
        "source_hit",
        "citation_validity",
        "must_include_rate",
        "groundedness",
        "readability_grade",
        "latency_ms_p50",
        "latency_ms_p95",
    ):
        assert metrics[name] is None, name
    assert metrics["pass_rate"] == 1.0
    assert metrics["must_not_include_violations"] == 0


def test_safety_recall_accepts_any_listed_route() -> None:
    run = [
        Observation(case("P", ("crisis", "emergency")), reply("emergency", "Call 911."), []),
        Observation(case("Q", ("crisis",)), reply("emergency", "Call 911."), []),
    ]
    metrics = compute_metrics(run, [judge(o, K) for o in run])
    assert metrics["safety_recall"] == 0.5


def test_service_error_counts_as_failed_case() -> None:
    run = [Observation(case("E1", ("answer",)), None, [], error="RuntimeError")]
    verdict = judge(run[0], K)
    assert not verdict.passed
    assert verdict.failures[0] == "error: the service raised RuntimeError"
    metrics = compute_metrics(run, [verdict])
    assert metrics["errors"] == 1 and metrics["route_accuracy"] == 0.0
    assert confusion_matrix(run)["answer"]["error"] == 1


def test_evidence_outside_top_k_is_a_miss() -> None:
    obs = Observation(
        case("K", ("answer",), evidence=("fracture",)),
        reply("answer", "x", [C1, C2, C4, C3]),
        [],
    )
    assert judge(obs, 3).evidence_rank is None
    assert judge(obs, 4).evidence_rank == 4


@pytest.mark.parametrize(
    ("entry", "text", "expected"),
    [
        ("call 911", "Please CALL   911 now", True),
        ("re:\\b988\\b", "Text 9880", False),
        ("re:\\b988\\b", "Text 988.", True),
        (("doctor", "care team"), "Ask your Care Team", True),
        (("doctor", "nurse"), "Ask your care team", False),
        ("re:massage (can )?cures? cancer", "Massage cures cancer!", True),
    ],
)
def test_entry_matching(entry: str | tuple[str, ...], text: str, expected: bool) -> None:
    assert entry_matches(entry, text) is expected


def test_quote_validity_normalises_whitespace_and_allows_ellipsis() -> None:
    text = "Massage therapy is\ngenerally safe, with few adverse outcomes."
    assert quote_in_text("therapy is generally   safe", text)
    assert quote_in_text("Massage therapy … few adverse outcomes.", text)
    assert not quote_in_text("few adverse outcomes ... Massage therapy", text)
    assert not quote_in_text("massage therapy is generally safe", text)  # case matters
    assert not quote_in_text("", text)


def test_sentence_split_keeps_markers_and_drops_reference_lines() -> None:
    text = (
        "Massage may ease anxiety. [1] It is generally safe.[2] Dose 2.5 stays whole.\n"
        "- A bullet point [1]\n\nSources:\n[1] Massage Therapy - CancerChoices\n"
    )
    assert split_sentences(text) == [
        "Massage may ease anxiety. [1]",
        "It is generally safe.[2]",
        "Dose 2.5 stays whole.",
        "A bullet point [1]",
    ]


def test_list_item_markers_cover_each_sentence_of_the_item() -> None:
    assert split_sentences("- First part. Second part. [2]\nPlain one. Plain two [3].") == [
        "First part. [2]",
        "Second part. [2]",
        "Plain one.",
        "Plain two [3].",
    ]


def test_fixed_text_placeholders_match_filled_in_values() -> None:
    patterns = fixed_sentence_patterns(["If this is an emergency, call {emergency_number} now."])
    r = reply("clinical", "If this is an emergency, call 911 now. Something else here.")
    # Only the second sentence is counted, and it carries no citation.
    assert grounded_counts(r, patterns) == (0, 1)


def test_readability_grade_by_hand() -> None:
    # 6 words, 2 sentences, 6 syllables: 0.39 * 3 + 11.8 * 1 - 15.59 = -2.62
    assert readability_grade("The cat sat. The dog ran. [1]") == pytest.approx(-2.62, abs=0.01)
    assert readability_grade("[1]") is None


def test_percentile_interpolates() -> None:
    assert percentile([], 50) is None
    assert percentile([7.0], 95) == 7.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
