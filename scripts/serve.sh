#!/usr/bin/env bash
# Serve the app with N processes on one database behind nginx, sticky by browser.
#
#   scripts/serve.sh [N] [PORT]        (defaults: 2 workers, $ASSISTANT_PORT or 7860)
#   SERVE_TLS_CERT=cert.pem SERVE_TLS_KEY=key.pem scripts/serve.sh ...    (TLS in nginx)
#
# Starts N `python -m assistant serve` workers on 127.0.0.1:PORT+1..PORT+N, all on
# the same database (ASSISTANT_DATABASE_URL: PostgreSQL for real use, from
# scripts/start-postgres.sh; unset, the SQLite file under the data folder, fine for a few
# workers), the same vector store (ASSISTANT_CHROMA_HOST/PORT: one Chroma server, from
# scripts/start-chroma.sh; unset, the embedded store under the data folder) and the same
# ASSISTANT_CLIENT_KEY_SECRET and ASSISTANT_STAFF_SESSION_SECRET (each made here if
# unset; they live only in the workers' environment), so per-client limits and staff
# logins hold on every worker. Before the workers start, one `assistant ingest` brings
# the store up to date with the corpus folders (a new Chroma server is filled here, once).
# nginx (Debian's nginx-light, installed if missing) listens on ASSISTANT_HOST:PORT and
# sends each browser to one worker by its owner cookie (a browser without one yet: by its
# address), so the chat page's queue join and event stream reach the same process. It
# keeps no access log and passes the client address in X-Forwarded-For, which the
# workers trust from 127.0.0.1 only (uvicorn's default). Ctrl-C or SIGTERM stops
# everything (not the database or the Chroma server, which have lives of their own).
set -euo pipefail
cd "$(dirname "$0")/.."

WORKERS="${1:-2}"
PORT="${2:-${ASSISTANT_PORT:-7860}}"
HOST="${ASSISTANT_HOST:-127.0.0.1}"
[[ "$WORKERS" =~ ^[1-9][0-9]*$ ]] || { echo "serve.sh: N must be a whole number >= 1" >&2; exit 2; }
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "serve.sh: PORT must be a number" >&2; exit 2; }
PYTHON="${PYTHON:-.venv/bin/python}"

if ! command -v nginx >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
for secret in ASSISTANT_CLIENT_KEY_SECRET ASSISTANT_STAFF_SESSION_SECRET; do
  if [[ -z "${!secret:-}" ]]; then
    printf -v "$secret" '%s' "$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))')"
  fi
  export "$secret"
done

# One ingestion before the workers, so they do not race to fill a new store. Exit code 1
# (some files failed, each listed) still serves what was ingested; 2 (settings) stops here.
"$PYTHON" -m assistant ingest || { status=$?; [[ $status -eq 1 ]] || exit "$status"; }

run_dir="$(mktemp -d)"
pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait || true
  rm -rf "$run_dir"
}
trap stop EXIT INT TERM

# TLS (optional): SERVE_TLS_CERT and SERVE_TLS_KEY, paths to a PEM certificate (chain) and
# its key, make nginx listen with TLS 1.2/1.3 only; the workers see https through
# X-Forwarded-Proto (so production's HSTS and secure cookies apply).
listen="listen $HOST:$PORT;"
scheme=http
if [[ -n "${SERVE_TLS_CERT:-}${SERVE_TLS_KEY:-}" ]]; then
  for file in "${SERVE_TLS_CERT:-}" "${SERVE_TLS_KEY:-}"; do
    [[ -r "$file" ]] || {
      echo "serve.sh: SERVE_TLS_CERT and SERVE_TLS_KEY must both name readable files" >&2
      exit 2
    }
  done
  listen="listen $HOST:$PORT ssl;
    ssl_certificate $(realpath "$SERVE_TLS_CERT");
    ssl_certificate_key $(realpath "$SERVE_TLS_KEY");
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:tls:1m;"
  scheme=https
fi

servers=""
for i in $(seq 1 "$WORKERS"); do
  port=$((PORT + i))
  "$PYTHON" -m assistant serve --host 127.0.0.1 --port "$port" &
  pids+=("$!")
  servers+="    server 127.0.0.1:${port} max_fails=0;"$'\n'
done

mkdir -p "$run_dir/tmp"
cat > "$run_dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $run_dir/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $run_dir/tmp/body;
  proxy_temp_path $run_dir/tmp/proxy;
  fastcgi_temp_path $run_dir/tmp/fastcgi;
  uwsgi_temp_path $run_dir/tmp/uwsgi;
  scgi_temp_path $run_dir/tmp/scgi;
  client_max_body_size 1m;
  map \$cookie_om_owner \$sticky {
    "" \$remote_addr;
    default \$cookie_om_owner;
  }
  upstream assistant {
    hash \$sticky consistent;
$servers  }
  server {
    $listen
    location / {
      proxy_pass http://assistant;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
CONF
echo "serve.sh: $WORKERS workers on ports $((PORT + 1))-$((PORT + WORKERS)); chat at $scheme://$HOST:$PORT/chat/" >&2
nginx -c "$run_dir/nginx.conf" -e stderr &
pids+=("$!")
wait -n "${pids[@]}"
