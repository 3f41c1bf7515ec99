"""SHOW TRANSACTION ISOLATION LEVEL outside a transaction shows what the next one starts with
(as PostgreSQL 15 does after SET SESSION CHARACTERISTICS and RESET ALL)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.sql.test_pg_catalog import connect, new_instance, run


@pytest.fixture()
def s(tmp_path: Any) -> Iterator[Any]:
    for inst in new_instance(tmp_path):
        yield connect(inst)


def test_session_characteristics_show_outside_transaction(s: Any) -> None:
    run(s, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL serializable")
    assert run(s, "SHOW TRANSACTION ISOLATION LEVEL") == [("serializable",)]
    run(s, "BEGIN ISOLATION LEVEL REPEATABLE READ")
    assert run(s, "SHOW TRANSACTION ISOLATION LEVEL") == [("repeatable read",)]
    run(s, "ROLLBACK")
    assert run(s, "SHOW TRANSACTION ISOLATION LEVEL") == [("serializable",)]
    run(s, "RESET ALL")
    assert run(s, "SHOW TRANSACTION ISOLATION LEVEL") == [("read committed",)]
    run(s, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    assert run(s, "SHOW transaction_read_only") == [("on",)]
