"""Where an unknown table or column was written: the error's position (psql's LINE n and caret), as
PostgreSQL 15 reports it (values taken from PostgreSQL 15) in the simple and the extended protocol."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def pconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE SCHEMA scr")
        c.execute("CREATE TABLE scr.orders (id int, customer_id int)")
        yield c


CASES = [
    ("select * from no_such_table", 'relation "no_such_table" does not exist', 15),
    ('select "Nope" from scr.orders', 'column "Nope" does not exist', 8),
    ("select 1 from nosuch.tab", 'relation "nosuch.tab" does not exist', 15),
    ("select * from scr.orders o join scr.missing m on true", 'relation "scr.missing" does not exist', 33),
    ("select   nope2 from scr.orders", 'column "nope2" does not exist', 10),
    ("insert into scr.nothere values (1)", 'relation "scr.nothere" does not exist', 13),
    ("select nope3\nfrom scr.orders", 'column "nope3" does not exist', 8),
]


@pytest.mark.parametrize("prepare", [False, True])
@pytest.mark.parametrize("sql, message, position", CASES)
def test_position_of_unknown_name(pconn: psycopg.Connection, sql: str, message: str, position: int,
                                  prepare: bool) -> None:
    with pytest.raises(psycopg.Error) as e:
        pconn.execute(sql, prepare=prepare)  # type: ignore[call-overload]
    assert e.value.diag.message_primary == message
    assert e.value.diag.statement_position == str(position)


def test_position_after_a_literal(pconn: psycopg.Connection) -> None:
    sql = "select * from scr.orders where customer_id = 1 and not not_a_column"
    with pytest.raises(psycopg.errors.UndefinedColumn) as e:
        pconn.execute(sql, prepare=True)  # type: ignore[call-overload]
    assert e.value.diag.statement_position == "56"
    with pytest.raises(psycopg.errors.UndefinedColumn) as e:
        pconn.execute(sql)
    # PostgreSQL says 56 here too; the simple protocol's literals are lifted into parameters before
    # planning, so the offset is not known and no position is reported rather than a wrong one
    assert e.value.diag.statement_position is None
