#!/usr/bin/env bash
# Other projects' own test suites against a fresh pgserver, each count printed next to what real
# PostgreSQL 15 gets (baselines from the peer-suites README).
#
#   bash bench/run_peer_suites.sh [asyncpg] [pg8000] [psycopg]     (default: all of them)
#
# PEER_SUITES: directory of the run_*_tests.sh scripts (default: ../shared/tools/peer-suites next
#   to the repository or to its parent). PSYCOPG_SRC: checkout or bare git dir of psycopg (needed
#   by the psycopg suite). PEER_TMP: where the suites install themselves (default /tmp/peer-suites).
# Each suite lives in its own function: add a suite as a function run_<name> and a baseline line.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PEER_SUITES:-}" ]; then
  for d in "$ROOT/../shared/tools/peer-suites" "$ROOT/../../shared/tools/peer-suites"; do
    [ -d "$d" ] && PEER_SUITES=$(cd "$d" && pwd) && break
  done
fi
[ -d "${PEER_SUITES:-}" ] || { echo "peer-suites scripts not found: set PEER_SUITES" >&2; exit 2; }
TMP=${PEER_TMP:-/tmp/peer-suites}
mkdir -p "$TMP"

# what real PostgreSQL 15.18 gets (passed / failed)
declare -A BASELINE=(
  [sqlalchemy]="1538 passed, 0 failed, 93 skipped"
  [asyncpg]="263 passed, 0 failed, 44 skipped"
  [pg8000]="777 passed, 0 failed"
  [psycopg]="4616 passed, 0 failed, 175 skipped"
)

SERVER_PID=
start_server() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  rm -rf "$TMP/data"
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD=peer-suites
  # Without TLS, like the PostgreSQL the baselines were taken from (PEER_SSL=on to offer it): with
  # TLS the clients take other code paths (pg8000 1.31 fails its channel binding with scramp 1.5).
  (cd "$ROOT" && POSTGRES_PASSWORD=$PGPASSWORD PGSERVER_SSL=${PEER_SSL:-off} exec python3 -m pgserver --data-dir "$TMP/data" --port "$port" \
      --log-level warning >"$TMP/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    python3 - <<'EOF' 2>/dev/null && return 0
import os, socket
socket.create_connection((os.environ["PGHOST"], int(os.environ["PGPORT"])), timeout=1).close()
EOF
    sleep 1
  done
  echo "pgserver did not start (log: $TMP/server.log)" >&2
  return 1
}

stop_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=
}
trap stop_server EXIT

# the last "N passed, M failed..." line of a suite's output
last_count() { grep -E '^[0-9]+ passed' "$1" | tail -1; }

run_asyncpg() {
  HARNESS_TMP="$TMP/asyncpg" bash "$PEER_SUITES/run_asyncpg_tests.sh" >"$TMP/asyncpg.out" 2>&1
}

run_pg8000() {
  HARNESS_TMP="$TMP/pg8000" bash "$PEER_SUITES/run_pg8000_tests.sh" >"$TMP/pg8000.out" 2>&1
}

# SQLAlchemy's dialect compliance suite (SQLA_SCOPE=suite by default; see the runner's header).
run_sqlalchemy() {
  local w="$TMP/sqlalchemy" ver=${SQLA_VERSION:-2.0.49}
  # Fetch the sdist without building its build dependencies from source (the runner's own download
  # uses --no-binary :all:, which compiles Cython first); needs setuptools and wheel installed.
  if [ ! -d "$w/sqlalchemy-$ver/test" ]; then
    mkdir -p "$w/dl"
    if python3 -m pip download -q --no-deps --no-binary :all: --no-build-isolation "sqlalchemy==$ver" -d "$w/dl"; then
      tar xzf "$w/dl/sqlalchemy-$ver.tar.gz" -C "$w"
    fi
  fi
  HARNESS_TMP="$w" DISABLE_SQLALCHEMY_CEXT=1 bash "$PEER_SUITES/run_sqlalchemy_suite.sh" ${SQLA_ARGS:-} \
      >"$TMP/sqlalchemy.out" 2>&1
}

run_psycopg() {
  if [ -z "${PSYCOPG_SRC:-}" ]; then
    echo "0 passed, 1 failed (PSYCOPG_SRC not set)" >"$TMP/psycopg.out"
    return
  fi
  HARNESS_TMP="$TMP/psycopg" bash "$PEER_SUITES/run_psycopg_tests.sh" >"$TMP/psycopg.out" 2>&1
}

SUITES=("$@")
[ ${#SUITES[@]} -eq 0 ] && SUITES=(sqlalchemy asyncpg pg8000 psycopg)
RESULTS=()
for suite in "${SUITES[@]}"; do
  if ! declare -F "run_$suite" >/dev/null; then
    echo "unknown suite: $suite" >&2
    exit 2
  fi
  start_server || exit 1
  start=$(date +%s)
  "run_$suite"
  stop_server
  got=$(last_count "$TMP/$suite.out")
  RESULTS+=("$(printf '%-10s pgserver: %-40s PostgreSQL: %s  (%ss; %s)' "$suite" "${got:-no result}" \
      "${BASELINE[$suite]:-?}" "$(( $(date +%s) - start ))" "$TMP/$suite.out")")
done
printf '%s\n' "${RESULTS[@]}"
