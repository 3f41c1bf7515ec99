"""COPY FROM in the SQL layer (no sockets): data fed in arbitrary chunks is inserted in batches through
the table's INSERT plan; errors name the failing line; integer input's fast path keeps PostgreSQL's rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from sql.datatypes.numbers import int2_in, int4_in
from sql.errors import SqlError
from sql.executor import copy as copy_mod
from tests.sql.sessions import finish, session_fixture
from tests.sql.sessions import run_values as run

session = session_fixture("session", 4242)


def copy_from(s: Any, sql: str, data: bytes, chunk: int) -> int:
    (res,) = list(s.execute_simple(sql))
    cp = res.copy
    try:
        for i in range(0, len(data), chunk):
            cp.feed(data[i:i + chunk])
        n = cp.finish().rowcount
    except SqlError:
        s.on_error()
        raise
    finally:
        finish(s)
    return n


def test_batches_with_defaults_and_typmods(session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copy_mod, "BATCH_ROWS", 7)  # several batches and a short last one
    run(session, "CREATE TABLE t (id int PRIMARY KEY, c char(4), v varchar(5), s text DEFAULT 'd', n numeric(5,1))")
    data = b"".join(f"{i}\tx\tab\t{i}.25\n".encode() for i in range(1, 51))
    assert copy_from(session, "COPY t (id, c, v, n) FROM STDIN", data, chunk=13) == 50
    rows = run(session, "SELECT count(*), sum(n), min(c || '|'), min(s), max(octet_length(c)) FROM t")
    assert rows == [(50, Decimal("1290.0"), "x|", "d", 4)]  # 1.25 -> 1.3 in numeric(5,1), as in PostgreSQL


def test_error_names_the_line_after_several_batches(session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copy_mod, "BATCH_ROWS", 5)
    run(session, "CREATE TABLE t (id int PRIMARY KEY, b int NOT NULL)")
    lines = [f"{i}\t{i}" for i in range(1, 31)]
    lines[16] = "17\t\\N"
    with pytest.raises(SqlError) as e:
        copy_from(session, "COPY t FROM STDIN", ("\n".join(lines) + "\n").encode(), chunk=9)
    assert e.value.message == 'null value in column "b" of relation "t" violates not-null constraint'
    assert e.value.context == 'COPY t, line 17: "17\t\\N"'
    assert run(session, "SELECT count(*) FROM t") == [(0,)]


@pytest.mark.parametrize("text, value", [("0", 0), ("007", 7), ("2147483647", 2147483647), (" 12 ", 12),
                                         ("-2147483648", -2147483648), ("+5", 5)])
def test_int4_input(text: str, value: int) -> None:
    assert int4_in(text) == value


@pytest.mark.parametrize("text", ["2147483648", "99999999999999999999", "١٢", "1_000", "", " "])
def test_int4_input_rejects(text: str) -> None:
    with pytest.raises(SqlError):
        int4_in(text)


def test_int2_range() -> None:
    assert int2_in("32767") == 32767
    with pytest.raises(SqlError) as e:
        int2_in("32768")
    assert e.value.message == 'value "32768" is out of range for type smallint'
