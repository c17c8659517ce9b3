"""Cache files of numpy arrays: written whole or not at all.

Used for what a start can read back instead of recomputing (the routing
classifier's fitted weights, the language identifier's restricted model). A
folder that cannot be written only skips the cache; a reader treats a missing
or unreadable file as absent.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import numpy as np


def save_arrays(path: Path, **arrays: Any) -> None:
    """``arrays`` in one ``.npz`` file at ``path``, written to a temporary name and
    renamed in, so a reader never sees half a file; an ``OSError`` only skips it."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            np.savez(handle, **arrays)
        tmp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
