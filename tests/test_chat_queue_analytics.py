"""Gradio's queue does not summarise every chat event in a pandas DataFrame."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pytest

from assistant.web.app import skip_queue_analytics


def _events(n: int) -> list[dict[str, Any]]:
    return [
        {"function": "respond", "status": "success", "process_time": 0.1 * i, "time": 1.0}
        for i in range(n)
    ]


def _summaries_built(blocks: gr.Blocks, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many DataFrames the queue builds over five finished events (Gradio's own code)."""
    queue = blocks._queue
    built = []
    real = queue._get_df
    monkeypatch.setattr(queue, "_get_df", lambda records: built.append(1) or real(records))
    for n in range(1, 6):
        queue.events_recorded += 1
        summary = queue.compute_analytics_summary(_events(n))
        assert "functions" in summary
    return len(built)


def test_the_chat_queue_builds_no_timing_summary_after_each_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with gr.Blocks() as plain:
        gr.Textbox()
    plain.queue()
    assert _summaries_built(plain, monkeypatch) == 5  # Gradio's default: after every event

    with gr.Blocks() as chat:
        gr.Textbox()
    chat.queue()
    assert skip_queue_analytics(chat)
    assert _summaries_built(chat, monkeypatch) == 0


def test_monitoring_keeps_its_summary() -> None:
    with gr.Blocks() as blocks:
        gr.Textbox()
    blocks.queue()
    blocks.enable_monitoring = True
    assert not skip_queue_analytics(blocks)
    assert blocks._queue.ANAYLTICS_CACHE_FREQUENCY == 1
