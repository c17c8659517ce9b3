#!/usr/bin/env bash
# Everything the tests need on a fresh machine, then lint, the test suite and
# the gated evaluation run. CI runs exactly this (through .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
ASSISTANT_TEST_POSTGRES_URL="$(bash scripts/start-postgres.sh | tail -n 1)"
export ASSISTANT_TEST_POSTGRES_URL
.venv/bin/ruff check .
.venv/bin/pytest
