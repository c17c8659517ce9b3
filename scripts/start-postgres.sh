#!/usr/bin/env bash
# Start a local PostgreSQL for the conversation-store tests and print its URL.
#
# Idempotent and non-interactive, so CI (root, no stdin) and developers can run
# it any number of times: installs the Debian `postgresql` package if it is
# missing, starts (or creates) the newest cluster, makes sure the role and the
# database exist with the expected password, checks a password login over TCP
# and prints the SQLAlchemy URL on stdout. Progress goes to stderr, so
#
#   export ASSISTANT_TEST_POSTGRES_URL="$(scripts/start-postgres.sh)"
#
# works. Override the names with PG_ROLE, PG_PASSWORD and PG_DATABASE.
set -euo pipefail

PG_ROLE="${PG_ROLE:-assistant}"
PG_PASSWORD="${PG_PASSWORD:-assistant}"
PG_DATABASE="${PG_DATABASE:-assistant_test}"
PG_HOST=127.0.0.1

log() { printf 'start-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for name in "$PG_ROLE" "$PG_DATABASE"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "'$name' is not a plain lower-case SQL name"
done
[[ "$PG_PASSWORD" != *"'"* ]] || die "PG_PASSWORD must not contain a single quote"

if [[ "$(id -u)" -eq 0 ]]; then
    as_postgres() { (cd / && runuser -u postgres -- "$@"); }
    as_root() { "$@"; }
else
    as_postgres() { (cd / && sudo -n -u postgres -- "$@"); }
    as_root() { sudo -n -- "$@"; }
fi

newest_version() {
    find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
        | awk -F/ '{print $5}' | sort -V | tail -n 1
}

version="$(newest_version)"
if [[ -z "$version" ]] || ! command -v pg_ctlcluster >/dev/null; then
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update </dev/null >&2
    as_root apt-get install -y postgresql </dev/null >&2
    version="$(newest_version)"
    [[ -n "$version" ]] || die "postgresql installed but no server binary under /usr/lib/postgresql"
fi

cluster_field() {  # cluster_field VERSION NAME COLUMN -> value from pg_lsclusters
    pg_lsclusters --no-header | awk -v v="$1" -v n="$2" -v c="$3" '$1 == v && $2 == n {print $c}'
}

if [[ -z "$(cluster_field "$version" main 1)" ]]; then
    log "creating cluster $version/main"
    as_root pg_createcluster "$version" main >&2
fi

if [[ "$(cluster_field "$version" main 4)" != "online" ]]; then
    log "starting cluster $version/main"
    as_root pg_ctlcluster "$version" main start >&2
fi
port="$(cluster_field "$version" main 3)"
[[ -n "$port" ]] || die "cannot read the port of cluster $version/main"

for _ in $(seq 1 60); do
    pg_isready -q -h "$PG_HOST" -p "$port" && break
    sleep 0.5
done
pg_isready -q -h "$PG_HOST" -p "$port" || die "PostgreSQL $version did not accept connections on $PG_HOST:$port"

log "ensuring role $PG_ROLE and database $PG_DATABASE"
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >&2 <<SQL
DO \$\$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
        ALTER ROLE $PG_ROLE WITH LOGIN PASSWORD '$PG_PASSWORD';
    ELSE
        CREATE ROLE $PG_ROLE WITH LOGIN PASSWORD '$PG_PASSWORD';
    END IF;
END
\$\$;
SQL

exists="$(as_postgres psql -X -tA -p "$port" -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" </dev/null)"
if [[ "$exists" != "1" ]]; then
    as_postgres createdb -p "$port" -O "$PG_ROLE" "$PG_DATABASE" </dev/null
fi

PGPASSWORD="$PG_PASSWORD" psql -X -q -h "$PG_HOST" -p "$port" -U "$PG_ROLE" -d "$PG_DATABASE" \
    -c "SELECT 1" </dev/null >/dev/null || die "password login as $PG_ROLE failed"

log "ready: PostgreSQL $version on $PG_HOST:$port"
echo "postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@$PG_HOST:$port/$PG_DATABASE"
