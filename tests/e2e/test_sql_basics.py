"""Basic SQL through psycopg: DDL, DML, queries, SET/SHOW/RESET, the session information
functions, and a round trip of every supported type's values in text and binary result formats,
sent as literals, as typed parameters, as binary parameters and as untyped (unknown) strings."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to a database of the test's own."""
    with server.connect(dbname=db) as c:
        yield c


def oid(name: str) -> int:
    info = psycopg.adapters.types.get(name)
    assert info is not None
    return info.oid


# ---------------------------------------------------------------------------------------------
# Every type: (column, SQL type, psycopg type name of the result column, values row 1, row 2)
# ---------------------------------------------------------------------------------------------

TYPES: list[tuple[str, str, str]] = [
    ("c_int2", "int2", "int2"),
    ("c_int4", "int4", "int4"),
    ("c_int8", "int8", "int8"),
    ("c_num", "numeric(12,3)", "numeric"),
    ("c_f4", "float4", "float4"),
    ("c_f8", "float8", "float8"),
    ("c_text", "text", "text"),
    ("c_vc", "varchar(10)", "varchar"),
    ("c_ch", "char(5)", "bpchar"),
    ("c_bool", "bool", "bool"),
    ("c_date", "date", "date"),
    ("c_ts", "timestamp", "timestamp"),
    ("c_tstz", "timestamptz", "timestamptz"),
    ("c_uuid", "uuid", "uuid"),
    ("c_bytea", "bytea", "bytea"),
    ("c_jsonb", "jsonb", "jsonb"),
]
COLS = [c for c, _, _ in TYPES]

ROWS: list[list[Any]] = [
    [
        32767, -2147483648, 9223372036854775807, Decimal("-12345.678"), 1.5, 3.141592653589793,
        "héllo 'wörld' ☃ \\ \"q\"", "abc", "ab", True, date(2024, 2, 29),
        datetime(2024, 1, 15, 12, 34, 56, 789012), datetime(2024, 1, 15, 12, 34, 56, 789012, tzinfo=UTC),
        uuid.UUID("12345678-1234-5678-1234-567812345678"), b"\x00\x01\xff'\\",
        {"a": [1, 2.5, None, True], "b": {"c": "ü"}},
    ],
    [
        -32768, 0, -1, Decimal("0.001"), -0.25, -1e300, "", "xxxxxxxxxx", "abcde", False,
        date(1999, 12, 31), datetime(1970, 1, 1), datetime(1969, 7, 20, 20, 17, 40, tzinfo=UTC),
        uuid.UUID(int=0), b"", [1, "two", {"three": 3}],
    ],
]


def expected(row: list[Any]) -> tuple[Any, ...]:
    """What comes back: char(n) is blank-padded, everything else unchanged."""
    out = list(row)
    out[COLS.index("c_ch")] = row[COLS.index("c_ch")].ljust(5)
    return tuple(out)


def as_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return "'\\x" + value.hex() + "'"
    if isinstance(value, dict | list):
        return "'" + json.dumps(value).replace("'", "''") + "'"
    if isinstance(value, int | float | Decimal):
        return repr(value) if isinstance(value, float) else str(value)
    return "'" + str(value).replace("'", "''") + "'"


def as_text(value: Any) -> str:
    """The value as a string the type's input function accepts (sent as an untyped parameter)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def typed(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, dict | list) else value


def create_types_table(c: psycopg.Connection) -> None:
    cols = ", ".join(f"{name} {sqltype}" for name, sqltype, _ in TYPES)
    c.execute(f"CREATE TABLE types (id int PRIMARY KEY, {cols})")


def read_back(c: psycopg.Connection) -> None:
    """Select the rows in text and in binary format, by simple query and with a parameter."""
    select = f"SELECT {', '.join(COLS)} FROM types"
    for binary in (False, True):
        cur = c.cursor(binary=binary)
        rows = cur.execute(select + " WHERE id < 99 ORDER BY id").fetchall()
        assert rows == [expected(r) for r in ROWS], f"binary={binary}"
        assert cur.description is not None
        assert [d.type_code for d in cur.description] == [oid(t) for _, _, t in TYPES]
        for i, row in enumerate(ROWS, start=1):
            assert cur.execute(select + " WHERE id = %s", [i]).fetchone() == expected(row)
        # NULL in every column
        null_row = cur.execute(select + " WHERE id = %s", [99]).fetchone()
        assert null_row == (None,) * len(COLS)
    # timestamptz values come back as aware datetimes
    tstz = c.execute("SELECT c_tstz FROM types WHERE id = 1").fetchone()
    assert tstz is not None and tstz[0].tzinfo is not None


def insert_null_row(c: psycopg.Connection) -> None:
    c.execute(f"INSERT INTO types (id, {', '.join(COLS)}) VALUES (99{', NULL' * len(COLS)})")


def test_types_round_trip_literals(dbconn: psycopg.Connection) -> None:
    create_types_table(dbconn)
    for i, row in enumerate(ROWS, start=1):
        values = ", ".join(as_literal(v) for v in row)
        dbconn.execute(f"INSERT INTO types (id, {', '.join(COLS)}) VALUES ({i}, {values})")
    insert_null_row(dbconn)
    read_back(dbconn)


def test_types_round_trip_typed_parameters(dbconn: psycopg.Connection) -> None:
    create_types_table(dbconn)
    placeholders = ", ".join(["%s"] * (len(COLS) + 1))
    for i, row in enumerate(ROWS, start=1):
        dbconn.execute(f"INSERT INTO types (id, {', '.join(COLS)}) VALUES ({placeholders})",
                       [i, *(typed(v) for v in row)])
    dbconn.execute(f"INSERT INTO types (id, {', '.join(COLS)}) VALUES ({placeholders})",
                   [99, *([None] * len(COLS))])
    read_back(dbconn)


def test_types_round_trip_binary_parameters(dbconn: psycopg.Connection) -> None:
    create_types_table(dbconn)
    placeholders = ", ".join(["%b"] * (len(COLS) + 1))
    for i, row in enumerate(ROWS, start=1):
        dbconn.execute(f"INSERT INTO types (id, {', '.join(COLS)}) VALUES ({placeholders})",
                       [i, *(typed(v) for v in row)])
    insert_null_row(dbconn)
    read_back(dbconn)


def test_types_round_trip_untyped_string_parameters(dbconn: psycopg.Connection) -> None:
    """psycopg sends Python str as OID 0 (unknown): the server infers each parameter's type from
    the column it is assigned to or compared with."""
    create_types_table(dbconn)
    placeholders = ", ".join(["%s"] * (len(COLS) + 1))
    for i, row in enumerate(ROWS, start=1):
        dbconn.execute(f"INSERT INTO types (id, {', '.join(COLS)}) VALUES ({placeholders})",
                       [str(i), *(as_text(v) for v in row)])
    insert_null_row(dbconn)
    read_back(dbconn)
    # comparisons with untyped parameters
    for col, value in zip(COLS, ROWS[0]):
        got = dbconn.execute(f"SELECT id FROM types WHERE {col} = %s", [as_text(value)]).fetchall()
        assert got == [(1,)], col


def test_untyped_parameters_in_expressions(conn: psycopg.Connection) -> None:
    assert conn.execute("SELECT %s::int + 1", ["41"]).fetchone() == (42,)
    assert conn.execute("SELECT %s::date + 1", ["2024-02-28"]).fetchone() == (date(2024, 2, 29),)
    assert conn.execute("SELECT %s || 'x'", ["ab"]).fetchone() == ("abx",)
    assert conn.execute("SELECT 10 - %s", [3]).fetchone() == (7,)
    assert conn.execute("SELECT %s::numeric * 2", [Decimal("1.25")]).fetchone() == (Decimal("2.50"),)


def test_typmod_in_row_description(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE tm (n numeric(12,3), v varchar(10), c char(5))")
    cur = dbconn.execute("SELECT n, v, c FROM tm")
    assert cur.description is not None
    n, v, c = cur.description
    assert (n.precision, n.scale) == (12, 3)
    assert v.display_size == 10
    assert c.display_size == 5


def test_numeric_float_char_semantics(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE sem (n numeric(10,2), f4 float4, f8 float8, c char(3), v varchar(3))")
    dbconn.execute("INSERT INTO sem VALUES (1.005, 0.1, 0.1, 'a', 'abc')")
    row = dbconn.execute("SELECT n, n::text, f4::text, f8, c, c::text, length(c), v FROM sem").fetchone()
    assert row == (Decimal("1.01"), "1.01", "0.1", 0.1, "a  ", "a", 1, "abc")
    assert dbconn.execute("SELECT 7 / 2, 7.0 / 2, -7 / 2, 7 % 3").fetchone() == (3, Decimal("3.5"), -3, 1)


def test_create_drop_table_if_exists(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("CREATE TABLE t1 (a int)")
    cur = c.execute("CREATE TABLE IF NOT EXISTS t1 (a int)")
    assert cur.statusmessage == "CREATE TABLE"
    with pytest.raises(psycopg.errors.DuplicateTable):
        c.execute("CREATE TABLE t1 (b int)")
    assert c.execute("DROP TABLE t1").statusmessage == "DROP TABLE"
    with pytest.raises(psycopg.errors.UndefinedTable):
        c.execute("DROP TABLE t1")
    assert c.execute("DROP TABLE IF EXISTS t1").statusmessage == "DROP TABLE"
    with pytest.raises(psycopg.errors.UndefinedTable):
        c.execute("SELECT * FROM t1")
    c.execute("CREATE TABLE IF NOT EXISTS t1 (b text)")
    c.execute("INSERT INTO t1 VALUES ('x')")
    assert c.execute("SELECT b FROM t1").fetchall() == [("x",)]


def test_serial_bigserial_and_defaults(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute(
        "CREATE TABLE items (id serial PRIMARY KEY, big bigserial, name text NOT NULL, "
        "qty int DEFAULT 7, price numeric(8,2) DEFAULT 1.50, active bool DEFAULT true)")
    cur = c.execute("INSERT INTO items (name) VALUES ('a'), ('b') RETURNING id, big, qty, price, active")
    assert cur.statusmessage == "INSERT 0 2"
    assert cur.fetchall() == [(1, 1, 7, Decimal("1.50"), True), (2, 2, 7, Decimal("1.50"), True)]
    cur = c.execute("INSERT INTO items (name, qty, price) VALUES ('c', DEFAULT, DEFAULT) RETURNING *")
    assert cur.fetchone() == (3, 3, "c", 7, Decimal("1.50"), True)
    cur = c.execute("INSERT INTO items (qty, name) VALUES (1, 'd'), (2, 'e') RETURNING id, name, qty * 10")
    assert cur.fetchall() == [(4, "d", 10), (5, "e", 20)]
    cur = c.execute("INSERT INTO items VALUES (DEFAULT, DEFAULT, 'f', NULL, 2, false)")
    assert cur.statusmessage == "INSERT 0 1"
    assert cur.rowcount == 1
    rows = c.execute("SELECT id, big, name, qty, price, active FROM items WHERE id = 6").fetchone()
    assert rows == (6, 6, "f", None, Decimal("2.00"), False)
    types = c.execute("SELECT id, big FROM items LIMIT 1").description
    assert types is not None and [d.type_code for d in types] == [oid("int4"), oid("int8")]


def test_constraints(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("CREATE TABLE u (id int PRIMARY KEY, email text UNIQUE, name varchar(20) NOT NULL)")
    c.execute("INSERT INTO u VALUES (1, 'a@x', 'a'), (2, NULL, 'b'), (3, NULL, 'c')")  # NULLs distinct
    with pytest.raises(psycopg.errors.UniqueViolation):
        c.execute("INSERT INTO u VALUES (1, 'z@x', 'z')")
    with pytest.raises(psycopg.errors.UniqueViolation):
        c.execute("INSERT INTO u VALUES (4, 'a@x', 'z')")
    with pytest.raises(psycopg.errors.NotNullViolation):
        c.execute("INSERT INTO u (id) VALUES (5)")
    with pytest.raises(psycopg.errors.NotNullViolation):
        c.execute("INSERT INTO u VALUES (NULL, 'n@x', 'n')")
    with pytest.raises(psycopg.errors.UniqueViolation):
        c.execute("UPDATE u SET id = 1 WHERE id = 2")
    with pytest.raises(psycopg.errors.StringDataRightTruncation):
        c.execute("INSERT INTO u VALUES (6, 'q@x', %s)", ["x" * 21])
    assert c.execute("SELECT count(*) FROM u").fetchone() == (3,)


def test_create_drop_index(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("CREATE TABLE ix (id int, code text, n int)")
    c.execute("INSERT INTO ix VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 10)")
    assert c.execute("CREATE INDEX ix_n ON ix (n)").statusmessage == "CREATE INDEX"
    c.execute("CREATE INDEX IF NOT EXISTS ix_n ON ix (n)")
    with pytest.raises(psycopg.errors.DuplicateTable):
        c.execute("CREATE INDEX ix_n ON ix (id)")
    c.execute("CREATE UNIQUE INDEX ix_code ON ix (code)")
    c.execute("CREATE INDEX ix_multi ON ix (n, id)")
    assert c.execute("SELECT id FROM ix WHERE n = 10 ORDER BY id").fetchall() == [(1,), (3,)]
    with pytest.raises(psycopg.errors.UniqueViolation):
        c.execute("INSERT INTO ix VALUES (4, 'a', 0)")
    # an index built over existing duplicates fails
    with pytest.raises(psycopg.errors.UniqueViolation):
        c.execute("CREATE UNIQUE INDEX ix_n_unique ON ix (n)")
    c.execute("UPDATE ix SET n = 30 WHERE id = 3")
    assert c.execute("SELECT id FROM ix WHERE n = 10").fetchall() == [(1,)]
    assert c.execute("SELECT id FROM ix WHERE n = 30").fetchall() == [(3,)]
    assert c.execute("DROP INDEX ix_code").statusmessage == "DROP INDEX"
    c.execute("INSERT INTO ix VALUES (4, 'a', 0)")
    with pytest.raises(psycopg.errors.UndefinedObject):
        c.execute("DROP INDEX ix_code")
    c.execute("DROP INDEX IF EXISTS ix_code")
    c.execute("DROP INDEX ix_n, ix_multi")
    assert c.execute("SELECT count(*) FROM ix WHERE code = 'a'").fetchone() == (2,)


@pytest.fixture()
def shop(dbconn: psycopg.Connection) -> psycopg.Connection:
    c = dbconn
    c.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, city text)")
    c.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount numeric(10,2), qty int)")
    c.execute("INSERT INTO customers VALUES (1, 'ann', 'oslo'), (2, 'bob', 'rome'), (3, 'cid', NULL), "
              "(4, 'dan', 'oslo')")
    c.execute("INSERT INTO orders VALUES (10, 1, 5.50, 1), (11, 1, 10.00, 2), (12, 2, 3.25, 5), "
              "(13, 2, 0.75, 1), (14, 2, 1.00, 3), (15, 9, 100.00, 1)")
    return c


def test_select_where_expressions_order_limit(shop: psycopg.Connection) -> None:
    c = shop
    assert c.execute("SELECT 1 + 2 * 3, 'a' || 'b', 10 / 4, 10.0 / 4, NOT true, NULL IS NULL").fetchone() == (
        7, "ab", 2, Decimal("2.5"), False, True)
    assert c.execute("SELECT name FROM customers WHERE city = 'oslo' ORDER BY name").fetchall() == [
        ("ann",), ("dan",)]
    assert c.execute(
        "SELECT id FROM orders WHERE amount > 1 AND qty < 5 OR customer_id = 9 ORDER BY id").fetchall() == [
        (10,), (11,), (15,)]
    assert c.execute("SELECT id FROM orders WHERE customer_id IN (1, 9) ORDER BY id DESC").fetchall() == [
        (15,), (11,), (10,)]
    assert c.execute("SELECT name FROM customers WHERE city IS NULL").fetchall() == [("cid",)]
    assert c.execute("SELECT name FROM customers WHERE name LIKE '_o%'").fetchall() == [("bob",)]
    assert c.execute("SELECT id FROM orders WHERE amount BETWEEN 1 AND 6 ORDER BY id").fetchall() == [
        (10,), (12,), (14,)]
    assert c.execute("SELECT id, amount * qty AS total FROM orders ORDER BY total DESC, id LIMIT 3").fetchall() == [
        (15, Decimal("100.00")), (11, Decimal("20.00")), (12, Decimal("16.25"))]
    assert c.execute("SELECT id FROM orders ORDER BY id LIMIT 2 OFFSET 3").fetchall() == [(13,), (14,)]
    assert c.execute("SELECT id FROM orders ORDER BY id OFFSET 5").fetchall() == [(15,)]
    assert c.execute("SELECT id FROM orders ORDER BY id LIMIT %s OFFSET %s", [2, 1]).fetchall() == [
        (11,), (12,)]
    assert c.execute("SELECT city FROM customers ORDER BY city NULLS FIRST, id").fetchall() == [
        (None,), ("oslo",), ("oslo",), ("rome",)]
    assert c.execute("SELECT city FROM customers ORDER BY city DESC, id").fetchall() == [
        (None,), ("rome",), ("oslo",), ("oslo",)]
    assert c.execute("SELECT DISTINCT city FROM customers WHERE city IS NOT NULL ORDER BY 1").fetchall() == [
        ("oslo",), ("rome",)]
    assert c.execute(
        "SELECT CASE WHEN qty > 2 THEN 'many' ELSE 'few' END, coalesce(NULL, qty) FROM orders WHERE id = 12"
    ).fetchone() == ("many", 5)


def test_joins(shop: psycopg.Connection) -> None:
    c = shop
    assert c.execute(
        "SELECT c.name, o.id FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY o.id").fetchall() == [
        ("ann", 10), ("ann", 11), ("bob", 12), ("bob", 13), ("bob", 14)]
    assert c.execute(
        "SELECT c.name, o.id FROM customers c INNER JOIN orders o ON o.customer_id = c.id "
        "WHERE o.amount >= 5 ORDER BY o.id").fetchall() == [("ann", 10), ("ann", 11)]
    assert c.execute(
        "SELECT c.name, o.id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id "
        "ORDER BY c.id, o.id").fetchall() == [
        ("ann", 10), ("ann", 11), ("bob", 12), ("bob", 13), ("bob", 14), ("cid", None), ("dan", None)]
    assert c.execute(
        "SELECT c.name FROM customers c LEFT OUTER JOIN orders o ON o.customer_id = c.id "
        "WHERE o.id IS NULL ORDER BY c.name").fetchall() == [("cid",), ("dan",)]
    assert c.execute(
        "SELECT customers.name, orders.amount FROM customers, orders "
        "WHERE orders.customer_id = customers.id AND orders.qty = 5").fetchall() == [("bob", Decimal("3.25"))]


def test_group_by_having_aggregates(shop: psycopg.Connection) -> None:
    c = shop
    rows = c.execute(
        "SELECT customer_id, count(*), sum(qty), sum(amount), avg(qty), min(amount), max(amount) "
        "FROM orders GROUP BY customer_id ORDER BY customer_id").fetchall()
    assert rows == [
        (1, 2, 3, Decimal("15.50"), Decimal("1.5"), Decimal("5.50"), Decimal("10.00")),
        (2, 3, 9, Decimal("5.00"), Decimal("3"), Decimal("0.75"), Decimal("3.25")),
        (9, 1, 1, Decimal("100.00"), Decimal("1"), Decimal("100.00"), Decimal("100.00")),
    ]
    assert [type(v) for v in rows[0]] == [int, int, int, Decimal, Decimal, Decimal, Decimal]
    assert c.execute(
        "SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id HAVING count(*) > 1 "
        "ORDER BY n DESC").fetchall() == [(2, 3), (1, 2)]
    assert c.execute(
        "SELECT c.city, sum(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id "
        "GROUP BY c.city HAVING sum(o.amount) > 1 ORDER BY c.city").fetchall() == [
        ("oslo", Decimal("15.50")), ("rome", Decimal("5.00"))]
    assert c.execute("SELECT count(*), count(city), min(name), max(name) FROM customers").fetchone() == (
        4, 3, "ann", "dan")
    # aggregates over no rows
    assert c.execute("SELECT count(*), sum(qty), avg(qty), min(qty), max(qty) FROM orders WHERE false"
                     ).fetchone() == (0, None, None, None, None)
    desc = c.execute("SELECT count(*), sum(qty), sum(amount), avg(qty) FROM orders").description
    assert desc is not None
    assert [d.type_code for d in desc] == [oid("int8"), oid("int8"), oid("numeric"), oid("numeric")]


def test_update_delete(shop: psycopg.Connection) -> None:
    c = shop
    cur = c.execute("UPDATE orders SET qty = qty + 1, amount = amount * 2 WHERE customer_id = 1")
    assert cur.statusmessage == "UPDATE 2"
    assert cur.rowcount == 2
    assert c.execute("SELECT id, qty, amount FROM orders WHERE customer_id = 1 ORDER BY id").fetchall() == [
        (10, 2, Decimal("11.00")), (11, 3, Decimal("20.00"))]
    assert c.execute("UPDATE orders SET qty = 0 WHERE id = -1").statusmessage == "UPDATE 0"
    cur = c.execute("UPDATE customers SET city = %s WHERE id = %s RETURNING id, city", ["paris", 3])
    assert cur.fetchall() == [(3, "paris")]
    cur = c.execute("DELETE FROM orders WHERE amount < 2")
    assert cur.statusmessage == "DELETE 2"
    cur = c.execute("DELETE FROM orders WHERE id = %s RETURNING id, qty", [15])
    assert cur.fetchall() == [(15, 1)]
    assert c.execute("SELECT id FROM orders ORDER BY id").fetchall() == [(10,), (11,), (12,)]
    assert c.execute("DELETE FROM orders").statusmessage == "DELETE 3"
    assert c.execute("SELECT count(*) FROM orders").fetchone() == (0,)


def test_session_information_functions(server: Any, db: str) -> None:
    with server.connect(dbname=db) as c:
        row = c.execute("SELECT version(), current_database(), current_user, current_schema(), session_user"
                        ).fetchone()
        assert row is not None
        version, database, user, schema, session_user = row
        assert version.startswith("PostgreSQL 15")
        assert database == db
        assert user == "postgres"
        assert session_user == "postgres"
        assert schema == "public"
        assert c.execute("SELECT current_schema").fetchone() == ("public",)


def show(c: psycopg.Connection, name: str) -> str:
    row = c.execute(f"SHOW {name}").fetchone()
    assert row is not None
    return row[0]


def test_set_show_reset_application_name(conn: psycopg.Connection) -> None:
    original = show(conn, "application_name")
    conn.execute("SET application_name = 'e2e app'")
    assert show(conn, "application_name") == "e2e app"
    assert conn.info.parameter_status("application_name") == "e2e app"  # reported via ParameterStatus
    conn.execute("SET application_name TO other")
    assert show(conn, "application_name") == "other"
    conn.execute("RESET application_name")
    assert show(conn, "application_name") == original
    assert conn.info.parameter_status("application_name") == original


def test_set_show_reset_search_path(conn: psycopg.Connection) -> None:
    assert show(conn, "search_path") == '"$user", public'
    conn.execute("SET search_path TO no_such_schema, public")
    assert show(conn, "search_path") == "no_such_schema, public"
    assert conn.execute("SELECT current_schema()").fetchone() == ("public",)
    conn.execute("SET search_path = public")
    assert show(conn, "search_path") == "public"
    conn.execute("RESET search_path")
    assert show(conn, "search_path") == '"$user", public'


def test_set_show_reset_timezone(conn: psycopg.Connection) -> None:
    original = show(conn, "TimeZone")
    conn.execute("SET TimeZone = 'America/New_York'")
    assert show(conn, "TimeZone") == "America/New_York"
    assert show(conn, "timezone") == "America/New_York"
    assert conn.info.parameter_status("TimeZone") == "America/New_York"
    assert conn.execute("SELECT '2024-01-15 12:00:00+00'::timestamptz::text").fetchone() == (
        "2024-01-15 07:00:00-05",)
    value = conn.execute("SELECT '2024-07-15 12:00:00+00'::timestamptz").fetchone()
    assert value is not None
    assert value[0] == datetime(2024, 7, 15, 12, tzinfo=UTC)
    assert value[0].utcoffset() == timedelta(hours=-4)
    conn.execute("SET TIME ZONE 'UTC'")
    assert show(conn, "TimeZone") == "UTC"
    assert conn.execute("SELECT '2024-01-15 12:00:00+02'::timestamptz::text").fetchone() == (
        "2024-01-15 10:00:00+00",)
    conn.execute("RESET TimeZone")
    assert show(conn, "TimeZone") == original
    assert conn.info.parameter_status("TimeZone") == original


def test_set_show_reset_datestyle(conn: psycopg.Connection) -> None:
    assert show(conn, "DateStyle") == "ISO, MDY"
    conn.execute("SET DateStyle = 'ISO, DMY'")
    assert show(conn, "DateStyle") == "ISO, DMY"
    assert conn.info.parameter_status("DateStyle") == "ISO, DMY"
    assert conn.execute("SELECT '01/02/2024'::date").fetchone() == (date(2024, 2, 1),)
    conn.execute("SET DateStyle TO 'SQL, DMY'")
    assert show(conn, "DateStyle") == "SQL, DMY"
    assert conn.execute("SELECT '2024-01-15'::date::text").fetchone() == ("15/01/2024",)
    conn.execute("RESET DateStyle")
    assert show(conn, "DateStyle") == "ISO, MDY"
    assert conn.info.parameter_status("DateStyle") == "ISO, MDY"
    assert conn.execute("SELECT '01/02/2024'::date").fetchone() == (date(2024, 1, 2),)


def test_set_show_reset_statement_timeout(conn: psycopg.Connection) -> None:
    assert show(conn, "statement_timeout") == "0"
    conn.execute("SET statement_timeout = '50ms'")
    assert show(conn, "statement_timeout") == "50ms"
    conn.execute("SET statement_timeout = 2000")
    assert show(conn, "statement_timeout") == "2s"
    conn.execute("SET statement_timeout TO '1min'")
    assert show(conn, "statement_timeout") == "1min"
    conn.execute("RESET statement_timeout")
    assert show(conn, "statement_timeout") == "0"


def test_statement_timeout_cancels(conn: psycopg.Connection) -> None:
    conn.execute("SET statement_timeout = '100ms'")
    with pytest.raises(psycopg.errors.QueryCanceled):
        conn.execute("SELECT pg_sleep(5)")
    conn.execute("RESET statement_timeout")
    assert conn.execute("SELECT 1").fetchone() == (1,)


def test_set_show_reset_extra_float_digits(conn: psycopg.Connection) -> None:
    assert show(conn, "extra_float_digits") == "1"
    assert conn.execute("SELECT 0.1::float8 + 0.2::float8").fetchone() == (0.30000000000000004,)
    conn.execute("SET extra_float_digits = 0")
    assert show(conn, "extra_float_digits") == "0"
    assert conn.execute("SELECT 0.1::float8 + 0.2::float8").fetchone() == (0.3,)
    assert conn.execute("SELECT (0.1::float8 + 0.2::float8)::text").fetchone() == ("0.3",)
    conn.execute("SET extra_float_digits TO 3")
    assert show(conn, "extra_float_digits") == "3"
    conn.execute("RESET extra_float_digits")
    assert show(conn, "extra_float_digits") == "1"


def test_set_in_rolled_back_transaction_is_undone(conn: psycopg.Connection) -> None:
    conn.execute("SET application_name = 'before'")
    conn.execute("BEGIN")
    conn.execute("SET application_name = 'inside'")
    assert show(conn, "application_name") == "inside"
    conn.execute("ROLLBACK")
    assert show(conn, "application_name") == "before"
    conn.execute("BEGIN")
    conn.execute("SET LOCAL statement_timeout = '5s'")
    assert show(conn, "statement_timeout") == "5s"
    conn.execute("COMMIT")
    assert show(conn, "statement_timeout") == "0"


def test_unknown_setting(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.UndefinedObject):
        conn.execute("SHOW no_such_setting")
    with pytest.raises(psycopg.errors.UndefinedObject):
        conn.execute("SET no_such_setting = 1")
    assert conn.execute("SELECT 1").fetchone() == (1,)
