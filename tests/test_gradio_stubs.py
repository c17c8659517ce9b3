"""``prepare_gradio_import()`` (called by ``create_app`` and ``serve``) makes Gradio's
first import skip its stub regeneration, pandas and httpx's CLI, and Gradio still works;
importing the web package itself changes nothing.

Run in fresh interpreters: the preparation only applies to the first ``import gradio``.
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
    import assistant.web, assistant.web.app
    untouched = not any(type(f).__name__ == "_SkipStubs" for f in sys.meta_path)
    from assistant.web.lean_gradio import prepare_gradio_import
    prepared = prepare_gradio_import()
    import gradio as gr
    import gradio.component_meta as meta
    import httpx
    from assistant.web.gradio_stubs import _no_stub

    with gr.Blocks() as blocks:
        box = gr.Textbox(label="message")
        out = gr.Markdown()
        box.submit(lambda text: text.upper(), box, out)
    config = blocks.get_config_file()
    print(json.dumps({{
        "untouched_by_import": untouched,
        "prepared": prepared,
        "patched": meta.create_or_modify_pyi is _no_stub,
        "pandas": type(sys.modules["pandas"]).__name__,
        "httpx_cli": "pygments" in sys.modules or sys.modules.get("httpx._main") is not None,
        "httpx_client": httpx.Client.__name__,
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
def test_prepared_gradio_import_skips_stubs_pandas_and_httpx_cli() -> None:
    """Importing ``assistant.web`` and ``assistant.web.app`` changes nothing (an ordinary
    ``import gradio`` follows, it was imported by ``web.app``: too late); so here the
    preparation runs first, as ``create_app`` and ``serve`` do."""
    result = run(first="from assistant.web.lean_gradio import prepare_gradio_import as p; p()")
    assert result["patched"] is True and result["pandas"] == "Deferred"
    assert result["httpx_cli"] is False and result["httpx_client"] == "Client"
    assert {"textbox", "markdown"} <= set(result["components"])  # type: ignore[arg-type]
    assert result["events"] == 1 and result["submit"] is True


@pytest.mark.slow
def test_importing_the_web_package_prepares_nothing() -> None:
    result = run()
    assert result["untouched_by_import"] is True
    assert result["prepared"] is False  # web.app imported Gradio, unprepared
    assert result["patched"] is False and result["pandas"] == "module"
    assert {"textbox", "markdown"} <= set(result["components"])  # type: ignore[arg-type]
    assert result["events"] == 1 and result["submit"] is True


@pytest.mark.slow
def test_gradio_imported_before_the_web_package_is_left_alone() -> None:
    result = run(first="import gradio")
    assert result["prepared"] is False and result["patched"] is False
    assert result["pandas"] == "module"
    assert result["events"] == 1


def test_built_once_skips_only_the_throwaway_apps_of_blocks_built_on_its_thread() -> None:
    import threading

    import gradio as gr
    from gradio.routes import App

    from assistant.web.lean_gradio import built_once

    real = App.__dict__["create_app"]
    other: dict[str, object] = {}

    def build_elsewhere() -> None:
        with gr.Blocks() as elsewhere:
            gr.Textbox()
        other["app"] = elsewhere.app

    with built_once():
        with gr.Blocks() as blocks:
            box = gr.Textbox()
            box.submit(lambda text: text, box, box)
        assert blocks.app is None  # neither Blocks.__init__'s nor __exit__'s app was built
        thread = threading.Thread(target=build_elsewhere)
        thread.start()
        thread.join()
        blocks.queue()  # after the with block: built as before
        assert isinstance(blocks.app, App)
    assert isinstance(other["app"], App)
    assert App.__dict__["create_app"] is real
    assert blocks.get_config_file()["dependencies"]
