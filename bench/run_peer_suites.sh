#!/usr/bin/env bash
# Other projects' test suites against a fresh pgserver started from this checkout, each count printed
# next to what a real PostgreSQL 15 gets. The suite runners live in the team's shared tools
# (PEER_SUITES, default ../shared/tools/peer-suites beside the repository).
#
#   bash bench/run_peer_suites.sh [suite ...]      suites: sqlalchemy (default: all listed here)
#   SQLA_ARGS="-k Reflection" bash bench/run_peer_suites.sh sqlalchemy   (extra pytest arguments)
#
# Each suite gets a server of its own (fresh data directory, free port), stopped afterwards.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PEER_SUITES=${PEER_SUITES:-$REPO/../shared/tools/peer-suites}
PASSWORD=${PGSERVER_BENCH_PASSWORD:-bench}
SERVER_PID=""
DATA_DIR=""

start_server() {
  DATA_DIR=$(mktemp -d /tmp/pgserver-peer-XXXXXX)
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  (cd "$REPO" && POSTGRES_PASSWORD=$PASSWORD POSTGRES_USER=postgres PYTHONPATH=$REPO \
    exec python3 -m pgserver -D "$DATA_DIR/data" -p "$PORT" --log-level warning >"$DATA_DIR/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if PGPASSWORD=$PASSWORD psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "pgserver did not start; log:" >&2
  cat "$DATA_DIR/server.log" >&2
  return 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
  if [ -n "$DATA_DIR" ]; then
    rm -rf "$DATA_DIR"
    DATA_DIR=""
  fi
}
trap stop_server EXIT

# SQLAlchemy's dialect compliance suite (SQLA_SCOPE=suite by default; see the runner's header).
run_sqlalchemy() {
  local w=${HARNESS_TMP:-/tmp/harness-sqlalchemy} ver=${SQLA_VERSION:-2.0.49}
  # Fetch the sdist without building its build dependencies from source (the runner's own download
  # uses --no-binary :all:, which compiles Cython first); needs setuptools and wheel installed.
  if [ ! -d "$w/sqlalchemy-$ver/test" ]; then
    mkdir -p "$w/dl"
    if python3 -m pip download -q --no-deps --no-binary :all: --no-build-isolation "sqlalchemy==$ver" -d "$w/dl"; then
      tar xzf "$w/dl/sqlalchemy-$ver.tar.gz" -C "$w"
    fi
  fi
  start_server
  local out
  out=$(HARNESS_TMP=$w PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGPASSWORD=$PASSWORD \
        DISABLE_SQLALCHEMY_CEXT=1 bash "$PEER_SUITES/run_sqlalchemy_suite.sh" ${SQLA_ARGS:-} 2>&1 | tee /dev/stderr | tail -1)
  stop_server
  echo "sqlalchemy (${SQLA_SCOPE:-suite}): pgserver: $out | PostgreSQL 15: 1538 passed, 0 failed, 93 skipped (suite)"
}

SUITES=("$@")
[ ${#SUITES[@]} -eq 0 ] && SUITES=(sqlalchemy)
for s in "${SUITES[@]}"; do
  case $s in
    sqlalchemy) run_sqlalchemy ;;
    *) echo "unknown suite: $s" >&2; exit 2 ;;
  esac
done
