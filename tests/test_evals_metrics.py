"""Metrics on small hand-built runs whose every number is worked out by hand below."""

from __future__ import annotations

import pytest

from assistant.schema import (
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
from evals.metrics import (
    INFO_FIELDS,
    METRIC_NAMES,
    RATE_METRICS,
    Observation,
    by_category,
    by_route,
    compute_metrics,
    confusion_matrix,
    entry_matches,
    fixed_sentence_patterns,
    framing_text,
    grounded_counts,
    judge,
    percentile,
    quote_in_text,
    readability_grade,
    sentence_key,
    sentence_labels,
    sentences_match,
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
        blocks=(Paragraph(text),),
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


# Gold sentences, unknown replies, repetition, readability of answered replies, safety


GOLD = "Studies find massage an effective treatment for reducing anxiety, pain and muscle tension."
ACCEPTABLE = "Massage therapy is generally safe, with few adverse outcomes."
OTHER = "Sessions are often shorter than a usual spa massage."
LEAD_IN = "Here is what the sources say."
UNKNOWN_TEXT = "I don't have information about that in my sources."


def quoting(
    route: str,
    quoted: list[tuple[str, str]],
    *,
    lead: str = LEAD_IN,
    questions: tuple[str, ...] = (),
    detail: str = "test",
) -> Reply:
    """A reply with a fixed lead-in, quoted sentences (display, quote) and optional bullets."""
    blocks: list = [Paragraph(lead)]
    if quoted:
        blocks.append(
            Cited(tuple(CitedSentence(d, (i,)) for i, (d, _) in enumerate(quoted, start=1)))
        )
    if questions:
        blocks.append(Bullets(questions))
    citations = tuple(
        Citation(
            marker=i,
            source_id=S1,
            title="T",
            section="S",
            page=None,
            quote=q,
            chunk_id=f"g{i}",
        )
        for i, (_, q) in enumerate(quoted, start=1)
    )
    return Reply(
        blocks=tuple(blocks),
        decision=RouteDecision(Route(route), detail, 1.0),
        citations=citations,
    )


def fixed_reply(route: str, text: str, detail: str = "test") -> Reply:
    return Reply(blocks=(Paragraph(text),), decision=RouteDecision(Route(route), detail, 1.0))


def gold_case(cid: str, routes: tuple[str, ...] = ("answer",), **fields) -> Case:
    return case(cid, routes, gold=(GOLD,), acceptable=(ACCEPTABLE,), **fields)


def build_gold_run() -> list[Observation]:
    """Thirteen cases whose every new metric is worked out by hand in the test below."""
    return [
        # H1: leads with gold (quote has a glued footnote), then an acceptable sentence.
        Observation(
            gold_case("H1"),
            quoting("answer", [(GOLD, GOLD[:-1] + ".12"), (ACCEPTABLE, ACCEPTABLE)]),
        ),
        # H2: an unlabelled sentence first; gold second, shown under a list heading.
        Observation(
            gold_case("H2"),
            quoting("answer", [(OTHER, OTHER), ("Research: s" + GOLD[1:], GOLD[:40])]),
        ),
        # H3: routed clinical but quoting general information: answered, nothing relevant.
        Observation(
            gold_case("H3"),
            quoting("clinical", [(OTHER, OTHER)], questions=("Is it safe for me now?",)),
        ),
        # H4: answerable, but the assistant said it does not know.
        Observation(gold_case("H4"), fixed_reply("unknown", UNKNOWN_TEXT)),
        Observation(case("U1", ("unknown",)), fixed_reply("unknown", UNKNOWN_TEXT)),
        Observation(case("U2", ("answer", "unknown")), fixed_reply("unknown", UNKNOWN_TEXT)),
        Observation(
            case("A1", ("crisis",), detail="abuse"),
            fixed_reply("crisis", "You can call the abuse hotline.", "abuse"),
        ),
        Observation(
            case("A2", ("crisis",), detail="abuse"),
            fixed_reply("crisis", "Call or text 988.", "suicide"),
        ),
        Observation(
            case("A3", ("crisis",), detail="abuse"),
            fixed_reply("emergency", "Call 911 now.", "bleeding"),
        ),
        Observation(
            case("S1", ("crisis",), detail="suicide"),
            fixed_reply("crisis", "Call or text 988.", "suicide"),
        ),
        Observation(case("E1", ("emergency",)), fixed_reply("emergency", "Call 911 now.")),
        Observation(
            case("E2", ("emergency",)), fixed_reply("clinical", "Please ask your care team.")
        ),
        Observation(
            case("C1", ("clinical",)), fixed_reply("clinical", "Please ask your nurse first.")
        ),
    ]


def test_gold_and_safety_metrics_match_hand_computation() -> None:
    run = build_gold_run()
    metrics = compute_metrics(run, [judge(o, K) for o in run])
    # Answered gold cases: H1, H2 (answer) and H3 (clinical with quotes); only H1 leads.
    assert metrics["lead_gold"] == pytest.approx(1 / 3)
    # Over all four gold cases, H4 (unknown) included.
    assert metrics["lead_gold_all"] == pytest.approx(1 / 4)
    # Some quoted sentence is gold in H1 and H2.
    assert metrics["gold_hit"] == pytest.approx(2 / 4)
    # Quoted sentences in gold cases: H1 2 of 2, H2 1 of 2, H3 0 of 1.
    assert metrics["answer_precision"] == pytest.approx(3 / 5)
    # Answerable H1..H4; H4 routed unknown.
    assert metrics["false_unknown_rate"] == pytest.approx(1 / 4)
    # Routed unknown: H4 (expects answer only), U1 and U2 (accept unknown).
    assert metrics["unknown_precision"] == pytest.approx(2 / 3)
    # The unknown text is 3 of 13 replies; "Call or text 988." and "Call 911 now." 2 each.
    assert metrics["same_reply_max"] == pytest.approx(3 / 13)
    assert metrics["same_reply_route"] == "unknown"
    # Answered replies H1 (2), H2 (2), H3 (1).
    assert metrics["sentences_per_answer"] == pytest.approx(5 / 3)
    answered = [run[0].reply, run[1].reply, run[2].reply]
    assert metrics["readability_reply"] == pytest.approx(
        sum(readability_grade(r.text) for r in answered) / 3
    )
    framing = [LEAD_IN, LEAD_IN, LEAD_IN + "\n\n- Is it safe for me now?"]
    assert [framing_text(r) for r in answered] == framing
    assert metrics["readability_framing"] == pytest.approx(
        sum(readability_grade(t) for t in framing) / 3
    )
    assert metrics["readability_framing"] != pytest.approx(metrics["readability_reply"])
    # Crisis expected: A1, A2, A3, S1; A3 went to emergency.
    assert metrics["crisis_recall"] == pytest.approx(3 / 4)
    # Emergency expected: E1, E2; E2 went to clinical.
    assert metrics["emergency_recall"] == pytest.approx(1 / 2)
    # Abuse cases A1, A2, A3: only A1 was decided by the abuse check; A1 and A2 reached crisis.
    assert metrics["abuse_recall"] == pytest.approx(1 / 3)
    assert metrics["abuse_route_recall"] == pytest.approx(2 / 3)
    # Predicted clinical: H3 (expects answer), E2 (emergency), C1 (clinical).
    assert metrics["clinical_precision"] == pytest.approx(1 / 3)
    assert metrics["safety_recall"] == pytest.approx(4 / 6)


def test_gold_metrics_are_perfect_when_every_answer_leads_with_gold() -> None:
    run = [
        Observation(gold_case("P1"), quoting("answer", [(GOLD, GOLD), (ACCEPTABLE, ACCEPTABLE)])),
        Observation(gold_case("P2"), quoting("answer", [(GOLD, GOLD)], lead="Something else.")),
        Observation(case("P3", ("unknown",)), fixed_reply("unknown", UNKNOWN_TEXT)),
    ]
    metrics = compute_metrics(run, [judge(o, K) for o in run])
    for name in ("lead_gold", "lead_gold_all", "gold_hit", "answer_precision"):
        assert metrics[name] == 1.0, name
    assert metrics["false_unknown_rate"] == 0.0
    assert metrics["unknown_precision"] == 1.0
    assert metrics["same_reply_max"] == pytest.approx(1 / 3)
    assert metrics["same_reply_route"] == "answer"  # a tie: the first text seen wins
    assert metrics["sentences_per_answer"] == pytest.approx(1.5)


def test_new_metrics_are_null_without_their_cases() -> None:
    run = [
        Observation(case("X", ("out_of_scope",)), fixed_reply("out_of_scope", "I can't help.")),
        Observation(case("Y", ("answer",)), None, [], error="RuntimeError"),
    ]
    metrics = compute_metrics(run, [judge(o, K) for o in run])
    for name in (
        "lead_gold",
        "lead_gold_all",
        "gold_hit",
        "answer_precision",
        "false_unknown_rate",
        "unknown_precision",
        "sentences_per_answer",
        "readability_reply",
        "readability_framing",
        "emergency_recall",
        "crisis_recall",
        "abuse_recall",
        "abuse_route_recall",
    ):
        assert metrics[name] is None, name
    # The error has no reply: the one reply is all the replies.
    assert metrics["same_reply_max"] == 1.0
    assert metrics["same_reply_route"] == "out_of_scope"
    errors_only = [run[1]]
    metrics = compute_metrics(errors_only, [judge(o, K) for o in errors_only])
    assert metrics["same_reply_max"] is None and metrics["same_reply_route"] is None


def test_every_metric_is_reported_and_every_rate_is_a_metric() -> None:
    run = build_gold_run()
    metrics = compute_metrics(run, [judge(o, K) for o in run])
    assert list(metrics) == [*METRIC_NAMES[:21], "same_reply_route", *METRIC_NAMES[21:]]
    assert set(metrics) == set(METRIC_NAMES) | set(INFO_FIELDS)
    assert set(METRIC_NAMES) >= RATE_METRICS
    assert not set(INFO_FIELDS) & set(METRIC_NAMES)


@pytest.mark.parametrize(
    ("quoted", "gold", "expected"),
    [
        # Footnote numbers glued to a word or to its punctuation are dropped.
        (
            "Fatigue: reduced fatigue compared with usual care, or patients with breast cancer.",
            "Fatigue: reduced fatigue15 compared with usual care,17 or patients with breast "
            "cancer18",
            True,
        ),
        (ACCEPTABLE, "Massage therapy is generally safe, with few adverse outcomes.35", True),
        # Quotation marks and end punctuation do not matter; apostrophes in words stay.
        (
            "\u201cIt didn\u2019t hurt at all,\u201d she said.",
            "It didn't hurt at all, she said",
            True,
        ),
        # A list heading before the gold sentence: contained, and at least five words.
        (
            "Breast Cancer Guideline: can be considered for reducing anxiety.",
            "Can be considered for reducing anxiety",
            True,
        ),
        # Containment the other way round (a quote joining two sentences).
        (
            "Massage is safe. It may help with insomnia and anxiety.",
            "It may help with insomnia and anxiety.1",
            True,
        ),
        # Shorter than five words: only equality counts.
        ("Reducing anxiety.", "Studies find massage helps with reducing anxiety.", False),
        ("Learn more", "learn more.", True),
        # Word boundaries: "pain" is not "painful".
        ("people with cancer who have pain", "People with cancer who have painful joints", False),
        # Decimal numbers are not footnotes.
        ("a temperature of 38 or higher", "a temperature of 38.1 or higher", False),
        (OTHER, GOLD, False),
        ("", GOLD, False),
    ],
)
def test_sentence_matching(quoted: str, gold: str, expected: bool) -> None:
    assert sentences_match(quoted, gold) is expected
    assert sentences_match(gold, quoted) is expected


def test_sentence_key_normalises_by_hand() -> None:
    assert sentence_key("  \u201cOutcomes.35\u201d  ") == "outcomes"
    assert (
        sentence_key("Pain,16 and  FATIGUE15\u201317 (ﬁne) too") == "pain, and fatigue (fine) too"
    )
    assert sentence_key("The 2016 guideline") == "the 2016 guideline"


def test_labels_match_on_the_quote_or_the_display() -> None:
    c = gold_case("L")
    # Display reworded, quote verbatim: gold. Display verbatim, quote elsewhere: gold.
    by_quote = quoting("answer", [("Something shown differently here.", GOLD)])
    by_display = quoting("answer", [(ACCEPTABLE, "An unrelated quote of enough words.")])
    neither = quoting("answer", [(OTHER, OTHER)])
    assert sentence_labels(c, by_quote) == ["gold"]
    assert sentence_labels(c, by_display) == ["acceptable"]
    assert sentence_labels(c, neither) == [None]
    assert sentence_labels(c, None) == []
    # Only the sentence's first marker's quote is read.
    two_markers = Reply(
        blocks=(Cited((CitedSentence("Shown text that is not gold.", (2, 1)),)),),
        decision=RouteDecision(Route.ANSWER, "test", 1.0),
        citations=(
            Citation(1, S1, "T", "S", None, GOLD, "g1"),
            Citation(2, S1, "T", "S", None, OTHER, "g2"),
        ),
    )
    assert sentence_labels(c, two_markers) == [None]
