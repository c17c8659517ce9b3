"""Python's cyclic garbage collector during a start: paused for the imports, then told to
leave what they built alone.

A start creates about 200,000 long-lived objects (modules, classes, functions, Gradio's
components, SQLAlchemy's mappers) and almost no garbage: collecting after the imports with
the collector paused found about 3,500 unreachable objects. Yet with the collector on, the
imports set off about 670 collections, five of them full passes over everything made so
far, for about 0.5 s of CPU of a 5 s start on the project VM (timed with
``gc.callbacks``). So ``serve`` pauses the collector while it imports and then
``gc.freeze()``s what exists (moved to a permanent generation that collections skip, the
way the documentation suggests before a fork), and collects normally from there on: the
assistant's start (which may ingest the corpus) and the app's requests are collected as
before, without rescanning the start's objects each full pass. The few cyclic objects the
imports left (about 3,500 objects) are kept, once.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_then_frozen() -> Iterator[None]:
    """Within it the collector does not run; on leaving (also on an error), every object
    alive is frozen and the collector is back on, if it was on before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
