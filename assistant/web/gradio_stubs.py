"""Import Gradio without regenerating its type stubs.

Each time Gradio is imported, the metaclass of its components
(``gradio.component_meta.ComponentMeta``) re-reads every component's source file,
parses it with ``ast`` and rewrites the ``.pyi`` stub beside it in site-packages:
stubs for editors and type checkers, never read at run time. That is about half of
``import gradio`` (2.7 of 5.6 s of CPU on the project VM), the largest single step of a
cold start. ``skip_stub_regeneration()`` arranges that, when ``gradio.component_meta``
is first loaded, its ``create_or_modify_pyi`` is replaced by a function that does
nothing; components are created exactly as before. If Gradio was already imported,
or a later version has no such function, nothing changes.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

MODULE = "gradio.component_meta"
FUNCTION = "create_or_modify_pyi"


def _no_stub(*_args: Any, **_kwargs: Any) -> None:
    """Gradio's stub writer, replaced: the running app never reads the stubs."""


class _SkipStubs(importlib.abc.MetaPathFinder):
    """Finds ``gradio.component_meta`` as usual, then patches it right after it runs
    (before any component class is defined); removes itself from ``sys.meta_path``."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        loader = spec.loader if spec is not None else None
        if spec is None or loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            if callable(getattr(module, FUNCTION, None)):
                setattr(module, FUNCTION, _no_stub)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def skip_stub_regeneration() -> None:
    """Arrange for the next ``import gradio`` to skip rewriting its ``.pyi`` stubs (a no-op
    when Gradio is already imported or this was already arranged)."""
    if MODULE in sys.modules or any(isinstance(f, _SkipStubs) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _SkipStubs())
