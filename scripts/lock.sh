#!/usr/bin/env bash
# Regenerate the hashed dependency locks from pyproject.toml (docs/dependencies.md):
#
#   scripts/lock.sh                           keep every pin; add or drop what changed
#   scripts/lock.sh --upgrade-package NAME    move NAME (repeatable) to its newest release
#   scripts/lock.sh --upgrade                 move everything within pyproject.toml's ranges
#
# requirements/app.txt: the app's dependencies and setuptools (requirements/app.in);
# requirements/test.txt: those at the same versions, plus the `test` extra and the
# llama.cpp server (requirements/test.in). Uses pip-tools from .venv (the `test` extra)
# and pip's configuration, so torch resolves to the CPU build on this machine's disk;
# it refuses to write a lock with any other torch. Takes about 10 minutes from scratch
# (pip-tools hashes every file of every pinned release), about 2 when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
compile=(.venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras
  --no-emit-index-url --no-emit-find-links)
"${compile[@]}" "$@" -o requirements/app.txt pyproject.toml requirements/app.in
"${compile[@]}" "$@" --extra test -c requirements/app.txt -o requirements/test.txt \
  pyproject.toml requirements/test.in
for lock in requirements/app.txt requirements/test.txt; do
  if ! grep -q '^torch==2\.13\.0+cpu ' "$lock"; then
    echo "lock.sh: $lock does not pin torch==2.13.0+cpu (the CPU build on this disk);" \
      "another torch is a multi-GB CUDA download. Check pip's find-links (pip config list)." >&2
    exit 1
  fi
done
