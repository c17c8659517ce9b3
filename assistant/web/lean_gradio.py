"""Import Gradio with less work: one function, called before the first ``import gradio``.

``prepare_gradio_import()`` is what ``create_app`` and ``serve`` call first (importing
this package changes nothing). Before Gradio's first import it arranges that:

- Gradio does not rewrite its components' ``.pyi`` stubs (``gradio_stubs.py``; about half
  of ``import gradio``);
- pandas, which Gradio imports for features the chat page does not have, is imported only
  when something uses it (``deferred_imports.py``);
- httpx's command-line client is not imported: ``httpx/__init__`` imports ``httpx._main``
  (rich, pygments and click, for the ``httpx`` shell command) inside ``try/except
  ImportError`` and, when it cannot, defines a ``main`` that says the CLI extras are
  missing. A server never runs that command; every other part of httpx is unchanged.

When Gradio (or httpx) is already imported, it is too late for that part: nothing is
changed, and it is logged once at debug level (a test or a notebook that imported Gradio
first still gets a working app, only without the saving).

``templates_compiled_once()`` is used around the first ``import gradio``: Gradio renders
each event listener's docstring as a Jinja template while its components are defined
(``EventListener.set_doc``), compiling 216 templates of which 36 differ. Within it, Jinja
compiles a source once per environment and reuses the compiled code, which is what a new
compilation of the same source would produce; the docstrings come out the same (tested).

``built_once()`` is used around building the chat page's Blocks: Gradio builds a complete
internal FastAPI app when a ``Blocks`` is created and again when its ``with`` block
closes, and the app's own ``blocks.queue(...)`` and ``gr.mount_gradio_app`` each build
another, replacing the earlier ones (``blocks.app``) before anything uses them. Inside
``built_once()`` the first two are not built (``blocks.app`` stays None until the
queue's), so the app serves exactly what it served before with two fewer route tables.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Iterator
from typing import Any

from .deferred_imports import defer
from .gradio_stubs import skip_stub_regeneration

log = logging.getLogger(__name__)

HTTPX_CLI = "httpx._main"


def prepare_gradio_import() -> bool:
    """Arrange the leaner first ``import gradio`` (see the module's docstring). Returns
    False, changing nothing, when Gradio is already imported; idempotent otherwise."""
    if "gradio" in sys.modules:
        log.debug("Gradio was imported before prepare_gradio_import(); its import is as is")
        return False
    skip_stub_regeneration()
    defer("pandas")
    if "httpx" not in sys.modules:
        # ``None`` in sys.modules makes ``import httpx._main`` raise ImportError, which
        # httpx catches (it then defines a ``main`` that explains the CLI is missing).
        sys.modules.setdefault(HTTPX_CLI, None)  # type: ignore[arg-type]
    return True


@contextlib.contextmanager
def templates_compiled_once() -> Iterator[None]:
    """Within it, ``jinja2.Environment.compile`` compiles each source once per environment
    and arguments and returns the same compiled code for a repeat (any thread); the plain
    method is back afterwards."""
    import jinja2

    real = jinja2.Environment.__dict__["compile"]
    compiled: dict[tuple[Any, ...], Any] = {}
    lock = threading.Lock()

    def compile(
        self: jinja2.Environment,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if not isinstance(source, str):  # an already parsed template: not kept
            return real(self, source, name, filename, raw, defer_init)
        key = (self, source, name, filename, raw, defer_init)
        with lock:
            if key not in compiled:
                compiled[key] = real(self, source, name, filename, raw, defer_init)
            return compiled[key]

    jinja2.Environment.compile = compile  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        jinja2.Environment.compile = real  # type: ignore[method-assign]


@contextlib.contextmanager
def built_once() -> Iterator[None]:
    """Within it, creating and closing a ``gr.Blocks`` on this thread builds no internal
    FastAPI app (other threads are unaffected); the ``queue()`` and ``mount_gradio_app``
    after it build the ones that serve."""
    from gradio.routes import App

    real = App.__dict__["create_app"]
    builder = threading.get_ident()

    def create_app(blocks: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == builder and not getattr(blocks, "exited", False):
            return None
        return real.__func__(blocks, *args, **kwargs)

    App.create_app = staticmethod(create_app)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        App.create_app = real  # type: ignore[method-assign]
