"""Importing the web app skips Gradio's stub regeneration, and Gradio still works.

Run in fresh interpreters: the patch only applies to the first ``import gradio``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from assistant.config import PROJECT_ROOT

CHECK = textwrap.dedent(
    """
    import json, sys
    {first}
    import assistant.web.app
    import gradio as gr
    import gradio.component_meta as meta
    from assistant.web.gradio_stubs import _no_stub

    with gr.Blocks() as blocks:
        box = gr.Textbox(label="message")
        out = gr.Markdown()
        box.submit(lambda text: text.upper(), box, out)
    config = blocks.get_config_file()
    print(json.dumps({{
        "patched": meta.create_or_modify_pyi is _no_stub,
        "components": sorted(c["type"] for c in config["components"]),
        "events": len(config["dependencies"]),
        "submit": hasattr(gr.Textbox, "submit"),
    }}))
    """
)


def run(first: str = "") -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(first=first)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_web_package_imports_gradio_without_rewriting_its_stubs() -> None:
    result = run()
    assert result["patched"] is True
    assert {"textbox", "markdown"} <= set(result["components"])  # type: ignore[arg-type]
    assert result["events"] == 1 and result["submit"] is True


@pytest.mark.slow
def test_gradio_imported_before_the_web_package_is_left_alone() -> None:
    result = run(first="import gradio")
    assert result["patched"] is False
    assert result["events"] == 1
