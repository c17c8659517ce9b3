"""Import pandas only when something uses it, not because Gradio names it.

``import gradio`` imports pandas (``gradio.caching`` and others: ``import pandas as
pd``, used only for ``gr.Cache``, data frames and plots, none of which the chat page
has): about 1 s of CPU and 40 MB of a start on the project VM, for nothing.
``defer("pandas")``, called before Gradio is imported, puts a stand-in module in
``sys.modules``: ``import pandas`` binds the stand-in, and the first attribute anyone
reads from it (``pd.DataFrame``, ``pandas.__path__`` for a submodule, ``from pandas
import x``) imports the real pandas, which then replaces the stand-in in ``sys.modules``
and answers every later read through it. Nothing behaves differently; the import only
happens later, or never. ``importlib.util.LazyLoader`` cannot do this on Python 3.11:
the import system reads the module's ``__spec__`` through it and so loads it at once.

``defer_callable(module, name)`` does the same for a module, dotted or not, that others
import only for one class or function they may never call: ``from module import name``
binds a stand-in function that imports the real module when called, and any other
attribute read imports it at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

_LOCK = threading.RLock()


class Deferred(ModuleType):
    """Stands in for a module not imported yet; imports it on first use."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(_real(self), attribute)

    def __dir__(self) -> list[str]:
        return dir(_real(self))


def _real(stand_in: Deferred) -> ModuleType:
    name = stand_in.__name__
    with _LOCK:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        module = importlib.import_module(name)
        # Later reads find the real attributes on the stand-in itself (no more lookups).
        for key, value in vars(module).items():
            if key not in ("__class__", "__dict__"):
                object.__setattr__(stand_in, key, value)
        return module


def _stand_in(name: str) -> Deferred | None:
    """A stand-in for ``name`` with what the import system reads, or None when the module
    is imported already or not installed (the caller holds the lock)."""
    if name in sys.modules:
        return None
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # a parent package is missing
        return None
    if spec is None:
        return None
    stand_in = Deferred(name)
    # What the import system and ``importlib.util.find_spec`` read, without loading:
    stand_in.__spec__ = spec
    stand_in.__loader__ = spec.loader
    stand_in.__file__ = spec.origin
    stand_in.__package__ = name if spec.submodule_search_locations is not None else spec.parent
    return stand_in


def defer_callable(module: str, name: str) -> bool:
    """Put a stand-in for ``module`` in ``sys.modules`` whose ``name`` imports the real
    module when called (and returns what the real ``name`` returns); reading any other
    attribute imports it at once. False (and nothing done) if ``module`` is already
    imported or not installed. Only for a ``name`` that others call, never subclass or
    compare with ``isinstance``."""
    with _LOCK:
        stand_in = _stand_in(module)
        if stand_in is None:
            return False

        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(_real(stand_in), name)(*args, **kwargs)

        call.__name__ = call.__qualname__ = name
        spec = stand_in.__spec__
        if spec is not None and spec.submodule_search_locations is not None:
            # ``from package import name`` reads ``__path__`` first: the real one, so
            # that read does not import the package.
            object.__setattr__(stand_in, "__path__", list(spec.submodule_search_locations))
        call.__module__ = module
        object.__setattr__(stand_in, name, call)
        sys.modules[module] = stand_in
        return True


def defer(name: str) -> bool:
    """Put a stand-in for top-level module ``name`` in ``sys.modules`` until first use.
    False (and nothing done) if it is already imported or not installed."""
    with _LOCK:
        stand_in = None if "." in name else _stand_in(name)
        if stand_in is None:
            return False
        sys.modules[name] = stand_in
        return True
