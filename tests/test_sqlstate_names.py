"""Every sqlstate.X the code uses exists (a misspelt name would only fail at the moment that error is
raised, as an internal error)."""

from __future__ import annotations

import re
from pathlib import Path

from sql import sqlstate

ROOT = Path(__file__).resolve().parents[1]


def test_all_referenced_sqlstate_names_exist() -> None:
    missing = []
    for package in ("pgserver", "sql", "storage", "auth"):
        for path in (ROOT / package).rglob("*.py"):
            for name in set(re.findall(r"\bsqlstate\.([A-Z][A-Z0-9_]+)", path.read_text())):
                if not hasattr(sqlstate, name):
                    missing.append(f"{path.relative_to(ROOT)}: sqlstate.{name}")
    assert not missing, "\n".join(sorted(missing))
