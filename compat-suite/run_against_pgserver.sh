#!/usr/bin/env bash
# Start pgserver from this repository on a free port in a temporary directory, run the
# compat-suite against it (restarting pgserver if a case makes it stop answering), print the
# per-category table and check the pass-count floor. All the work is done by
# run_against_pgserver.py; options are passed on to run.py (e.g. -v, --category types).
#
#   compat-suite/run_against_pgserver.sh [-v] [--category C ...]
#
# Exit status: 0 when the pass count is at least floor.txt, 1 below it, 2 if pgserver won't start.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "${PYTHON:-python3}" "$here/run_against_pgserver.py" "$@"
