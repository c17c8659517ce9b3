#!/usr/bin/env bash
# Static checks CI holds the code to: formatting, lint and types.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/mypy
