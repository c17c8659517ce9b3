#!/usr/bin/env bash
# Start one Chroma server (`chroma run`, from chromadb in .venv) for several app processes
# (scripts/serve.sh), and print the settings that point the app at it:
#
#   eval "$(bash scripts/start-chroma.sh [PATH] [PORT])"
#
# exports ASSISTANT_CHROMA_HOST and ASSISTANT_CHROMA_PORT. PATH is where the server keeps
# its data (default data/chroma-server), PORT its port on 127.0.0.1 (default 8000).
# Idempotent: a Chroma server already answering on PORT is left as it is. The server runs
# in the background in a session of its own until stopped (`kill "$(cat PATH.pid)"`); its
# output goes to PATH.log. A new server is empty: scripts/serve.sh ingests the corpus into
# it before it starts the workers. Progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
path="${1:-data/chroma-server}"
port="${2:-8000}"
[[ "$port" =~ ^[0-9]+$ ]] || { echo "start-chroma: PORT must be a number" >&2; exit 2; }
PYTHON="${PYTHON:-.venv/bin/python}"
chroma="$(dirname "$PYTHON")/chroma"
[[ -x "$chroma" ]] || { echo "start-chroma: no $chroma (bash scripts/install.sh)" >&2; exit 1; }

answers() {
  "$PYTHON" -c 'import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/v2/heartbeat", timeout=2)' \
    "$port" 2>/dev/null
}

if answers; then
  echo "start-chroma: a Chroma server already answers on 127.0.0.1:$port" >&2
else
  mkdir -p "$path"
  setsid "$chroma" run --path "$path" --host 127.0.0.1 --port "$port" \
    >>"$path.log" 2>&1 </dev/null &
  echo "$!" >"$path.pid"
  for _ in $(seq 1 120); do
    answers && break
    kill -0 "$(cat "$path.pid")" 2>/dev/null || {
      echo "start-chroma: the server exited; the end of $path.log:" >&2
      tail -n 20 "$path.log" >&2
      exit 1
    }
    sleep 0.5
  done
  answers || { echo "start-chroma: no answer on 127.0.0.1:$port within 60 s" >&2; exit 1; }
  echo "start-chroma: ready on 127.0.0.1:$port, data in $path (pid $(cat "$path.pid"))" >&2
fi
echo "export ASSISTANT_CHROMA_HOST=127.0.0.1 ASSISTANT_CHROMA_PORT=$port"
