"""Bulk COPY FROM as pgbench -i and psql's \\copy use it: thousands of rows in batches through the
table's INSERT plan (defaults, domains, typmods, constraints), errors naming the failing line as
PostgreSQL 15 does, and COPY FREEZE's precondition. Expected values were taken from PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import psycopg
import pytest

ROWS = 5000


def data(replace: dict[int, str] | None = None) -> str:
    """Lines ``id, d, c, n`` for ids 1..ROWS (1-based line numbers in ``replace``)."""
    lines = [f"{i}\t{i}\tab\t{i / 3:.4f}" for i in range(1, ROWS + 1)]
    for line_no, text in (replace or {}).items():
        lines[line_no - 1] = text
    return "\n".join(lines) + "\n"


@pytest.fixture()
def big(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE DOMAIN posint AS int CHECK (VALUE > 0)")
        c.execute("CREATE TABLE big (id int PRIMARY KEY, d posint NOT NULL, c char(5), s text DEFAULT 'dflt', "
                  "n numeric(6,2))")
        c.execute("CREATE TABLE fkp (id int PRIMARY KEY)")
        c.execute("INSERT INTO fkp VALUES (1)")
        c.execute("CREATE TABLE fkc (a int, p int REFERENCES fkp)")
        yield c


def copy_in(c: psycopg.Connection, sql: str, text: str, chunk: int = 8192) -> None:
    raw = text.encode()
    with c.cursor() as cur, cur.copy(sql) as cp:
        for i in range(0, len(raw), chunk):  # chunks that split lines, as clients send them
            cp.write(raw[i:i + chunk])


def test_load_many_rows(big: psycopg.Connection) -> None:
    copy_in(big, "COPY big (id, d, c, n) FROM STDIN", data(), chunk=1000)
    assert big.execute("SELECT count(*), sum(d), sum(n), min(c || '|'), max(octet_length(c)), min(s), max(s) "
                       "FROM big").fetchone() == (ROWS, 12502500, Decimal("4167500.00"), "ab|", 5, "dflt", "dflt")
    assert big.execute("SELECT n FROM big WHERE id = 2").fetchone() == (Decimal("0.67"),)


@pytest.mark.parametrize("replace, message, context", [
    ({4321: "4321\t\\N\tab\t1"}, 'null value in column "d" of relation "big" violates not-null constraint',
     'COPY big, line 4321: "4321\t\\N\tab\t1"'),
    ({3000: "3000\t-1\tab\t1"}, 'value for domain posint violates check constraint "posint_check"',
     'COPY big, line 3000, column d: "-1"'),
    ({3500: "1\t5\tab\t1"}, 'duplicate key value violates unique constraint "big_pkey"', "COPY big, line 3500"),
    ({2222: "2222\t5\tab\t12345"}, "numeric field overflow", 'COPY big, line 2222, column n: "12345"'),
])
def test_errors_name_the_line(big: psycopg.Connection, replace: dict[int, str], message: str,
                              context: str) -> None:
    with pytest.raises(psycopg.Error) as e:
        copy_in(big, "COPY big (id, d, c, n) FROM STDIN", data(replace))
    assert e.value.diag.message_primary == message
    assert e.value.diag.context == context
    assert big.execute("SELECT count(*) FROM big").fetchone() == (0,)


def test_foreign_key_error_has_no_line(big: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.ForeignKeyViolation) as e:
        copy_in(big, "COPY fkc FROM STDIN", "1\t1\n2\t99\n3\t1\n")
    assert e.value.diag.message_detail == 'Key (p)=(99) is not present in table "fkp".'
    assert e.value.diag.context is None


def test_freeze_needs_a_table_created_or_truncated_in_the_transaction(big: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as e:
        copy_in(big, "COPY fkp FROM STDIN WITH (FREEZE ON)", "2\n")
    assert e.value.diag.message_primary == ("cannot perform COPY FREEZE because the table was not created or "
                                            "truncated in the current subtransaction")
    with big.transaction():
        big.execute("TRUNCATE fkc, fkp")
        copy_in(big, "COPY fkp FROM STDIN WITH (FREEZE ON)", "2\n3\n")
        big.execute("CREATE TABLE fresh (a int)")
        copy_in(big, "COPY fresh FROM STDIN WITH (FREEZE)", "7\n")
    assert big.execute("SELECT (SELECT sum(id) FROM fkp), (SELECT sum(a) FROM fresh)").fetchone() == (5, 7)
