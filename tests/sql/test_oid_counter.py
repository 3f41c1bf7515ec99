"""New OIDs are unique across every database of a cluster, and across restarts of the server.

Each server lifetime runs in a process of its own, so nothing kept in memory can carry the
counter from one to the next."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sql.oid_counter import OID_BLOCK

_LIFETIME = """
import json, sys
from tests.sql.sessions import open_instance
directory, plan = sys.argv[1], json.loads(sys.argv[2])
out = []
with open_instance(directory) as inst:
    for db, n in plan:
        if db is None:
            out += [inst.allocate_oid() for _ in range(n)]
            continue
        if inst.database(db) is None:
            inst.create_database(db, 10).result()
            out.append(inst.database(db).oid)
        rt = inst.runtime(inst.database(db))
        out += [rt.allocate_oid() for _ in range(n)]
print(json.dumps(out))
"""


def _lifetime(directory: Path, plan: list[tuple[str | None, int]]) -> list[int]:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _LIFETIME, str(directory), json.dumps(plan)], cwd=root,
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_oids_unique_across_databases_and_restarts(tmp_path: Path) -> None:
    seen = _lifetime(tmp_path, [("postgres", 5), ("other", 5), ("postgres", 3)])
    seen += _lifetime(tmp_path, [("other", 4), ("postgres", 4), (None, 1), ("third", 2)])
    seen += _lifetime(tmp_path, [("third", 3), ("postgres", 2)])
    assert len(seen) == len(set(seen)), seen
    assert seen == sorted(seen)


def test_a_whole_block_used_up_reserves_the_next(tmp_path: Path) -> None:
    first = _lifetime(tmp_path, [("postgres", OID_BLOCK + 10)])
    after = _lifetime(tmp_path, [("postgres", 1)])
    assert len(first) == len(set(first))
    assert after[0] > first[-1]
