#!/usr/bin/env bash
# Start pgserver from this repository on a free port in a temporary directory, run the
# compat-suite against it, print the per-category table and check the pass-count floor.
#
#   compat-suite/run_against_pgserver.sh [run.py options, e.g. -v or --category types]
#
# Environment: PYTHON (default python3), COMPAT_RESULTS (keep the JSON results at this path).
# Exit status: that of the floor check (0 when passed >= floor.txt), 2 if the server won't start.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
tmp="$(mktemp -d)"
password="compat-$$-secret"
port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

cd "$repo"
POSTGRES_PASSWORD="$password" "$py" -m pgserver --data-dir "$tmp/data" --host 127.0.0.1 --port "$port" \
  >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 600); do
  if grep -q "ready to accept connections" "$tmp/server.log" 2>/dev/null; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "pgserver did not start; its log:" >&2
  tail -n 50 "$tmp/server.log" >&2
  exit 2
fi

results="${COMPAT_RESULTS:-$tmp/results.json}"
"$py" "$here/run.py" --host 127.0.0.1 --port "$port" --user postgres --password "$password" \
  --dbname postgres --json "$results" "$@" | tee "$tmp/run.txt"
run_status=${PIPESTATUS[0]}
if [ "$run_status" -ne 0 ] || [ ! -f "$results" ]; then
  echo "compat-suite runner failed (exit $run_status)" >&2
  exit "$run_status"
fi

"$py" "$here/check_floor.py" "$results"
floor_status=$?
# Repeat the summary so that "N passed, M failed" stays the last line.
tail -n 1 "$tmp/run.txt"
exit "$floor_status"
