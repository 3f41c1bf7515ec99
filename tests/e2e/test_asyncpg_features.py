"""What asyncpg needs from the server, driven through asyncpg itself (binary format for results and
parameters): the binary forms of the network, bit-string, geometric and anonymous record types,
hstore, composite types changed by ALTER TYPE ... ATTRIBUTE (asyncpg's type cache invalidation),
re-preparing after a result type changed, MOVE on a protocol portal, COPY ... WHERE, EXECUTE of a
named statement, and the fields of RAISE notices. Every expectation was checked against PostgreSQL 15
by running the same ``check_*`` coroutine against it."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import asyncpg
import pytest
from asyncpg import types as apg_types

Check = Callable[[asyncpg.Connection], Awaitable[None]]


async def check_network_bit_geometric(conn: asyncpg.Connection) -> None:
    row = await conn.fetchrow("SELECT '10.1.2.3/8'::inet, '192.168.0.0/16'::cidr, '::1'::inet, B'10101', "
                              "B'101010101'::varbit, point(1.5, 2), '[(1,2),(3,4)]'::lseg, '(1,2),(3,4)'::box, "
                              "'<(1,2),3>'::circle")
    assert row[0] == ipaddress.IPv4Interface("10.1.2.3/8")
    assert row[1] == ipaddress.IPv4Network("192.168.0.0/16")
    assert row[2] == ipaddress.IPv6Address("::1")
    assert row[3] == apg_types.BitString("10101")
    assert row[4] == apg_types.BitString("101010101")
    assert row[5] == apg_types.Point(1.5, 2)
    assert row[6] == apg_types.LineSegment((1, 2), (3, 4))
    assert row[7] == apg_types.Box((3, 4), (1, 2))
    assert row[8] == apg_types.Circle((1, 2), 3)
    # and as binary parameters
    back = await conn.fetchrow("SELECT $1::inet::text, $2::cidr::text, $3::varbit::text, $4::point::text, "
                               "$5::box::text", ipaddress.ip_interface("10.0.0.7/24"),
                               ipaddress.ip_network("10.0.0.0/24"), apg_types.BitString("1101"),
                               apg_types.Point(-1, 0.5), apg_types.Box((0, 0), (2, 2)))
    assert tuple(back) == ("10.0.0.7/24", "10.0.0.0/24", "1101", "(-1,0.5)", "(2,2),(0,0)")


async def check_anonymous_records(conn: asyncpg.Connection) -> None:
    assert await conn.fetchval("SELECT ROW(1, 'a'::text)") == (1, "a")
    assert await conn.fetchval("SELECT (1, ROW(2, 3))") == (1, (2, 3))
    assert await conn.fetchval("SELECT ARRAY[ROW(1, 'a'::text)]") == [(1, "a")]
    assert await conn.fetchval("SELECT ROW(pg_sleep(0), 1)") == (None, 1)
    assert await conn.fetchval("SELECT '{1, 2, NULL}'::int[]::anyarray") == [1, 2, None]
    assert await conn.fetchval("SELECT -340282366920938463463374607431768211456::numeric") == \
        Decimal("-340282366920938463463374607431768211456")


async def check_alter_type_attributes(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE TYPE ap_typ AS (x int, y int, c text); CREATE TABLE ap_tab (a int, b ap_typ)")
    try:
        await conn.execute("INSERT INTO ap_tab VALUES (1, (2, 3, 'x'))")
        assert await conn.fetchrow("SELECT * FROM ap_tab") == (1, (2, 3, "x"))
        await conn.execute("ALTER TYPE ap_typ DROP ATTRIBUTE x")
        with pytest.raises(asyncpg.OutdatedSchemaCacheError):
            await conn.fetchrow("SELECT * FROM ap_tab")
        assert await conn.fetchrow("SELECT * FROM ap_tab") == (1, (3, "x"))
        async with conn.transaction():
            await conn.execute("ALTER TYPE ap_typ ADD ATTRIBUTE z bigint")
            with pytest.raises(asyncpg.OutdatedSchemaCacheError):
                await conn.fetchrow("SELECT * FROM ap_tab")
            assert await conn.fetchrow("SELECT * FROM ap_tab") == (1, (3, "x", None))
            await conn.execute("INSERT INTO ap_tab VALUES (2, (5, 'q', 7))")
            assert await conn.fetch("SELECT b FROM ap_tab ORDER BY a") == [((3, "x", None),), ((5, "q", 7),)]
        with pytest.raises(asyncpg.UndefinedColumnError, match='column "nope" of relation "ap_typ" does not exist'):
            await conn.execute("ALTER TYPE ap_typ DROP ATTRIBUTE nope")
        with pytest.raises(asyncpg.FeatureNotSupportedError,
                           match='cannot alter type "ap_typ" because column "ap_tab.b" uses it'):
            await conn.execute("ALTER TYPE ap_typ ALTER ATTRIBUTE y TYPE text")
        with pytest.raises(asyncpg.WrongObjectTypeError, match='"ap_tab" is not a composite type'):
            await conn.execute("ALTER TYPE ap_tab ADD ATTRIBUTE q int")
    finally:
        await conn.execute("DROP TABLE ap_tab; DROP TYPE ap_typ")


async def check_reprepare_after_result_type_change(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE TABLE ap_re (a int, b int); INSERT INTO ap_re VALUES (1, 2)")
    try:
        assert await conn.fetchrow("SELECT * FROM ap_re") == (1, 2)
        await conn.execute("ALTER TABLE ap_re ALTER COLUMN b SET DATA TYPE text")
        # the cached statement fails with 0A000 from RevalidateCachedQuery; asyncpg re-prepares silently
        assert await conn.fetchrow("SELECT * FROM ap_re") == (1, "2")
    finally:
        await conn.execute("DROP TABLE ap_re")


async def check_hstore(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE EXTENSION IF NOT EXISTS hstore")
    try:
        await conn.set_builtin_type_codec("hstore", codec_name="pg_contrib.hstore")
        value = {"ham": "spam", "nada": None}
        assert await conn.fetchval("SELECT $1::hstore", value) == value
        assert await conn.fetchval("SELECT $1::hstore::text", {"b": "2", "a": "1"}) == '"a"=>"1", "b"=>"2"'
        assert await conn.fetchval("SELECT 'b=>2, a=>1, aa=>NULL'::hstore::text") == \
            '"a"=>"1", "b"=>"2", "aa"=>NULL'
        typ = await conn.fetchrow("SELECT typtype, typcategory, typnamespace::regnamespace::text FROM pg_type "
                                  "WHERE typname = 'hstore'")
        assert tuple(typ) == (b"b", b"U", "public")
    finally:
        await conn.execute("DROP EXTENSION hstore")
    assert await conn.fetchval("SELECT count(*) FROM pg_type WHERE typname = 'hstore'") == 0


async def check_cursor_forward(conn: asyncpg.Connection) -> None:
    async with conn.transaction():
        cur = await (await conn.prepare("SELECT generate_series(0, 20)")).cursor()
        assert await cur.fetch(2) == [(0,), (1,)]
        assert await cur.forward(5) == 5
        assert await cur.fetchrow() == (7,)
        assert await cur.forward(100) == 13


async def check_copy_where(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE TABLE ap_copy (a text, b int)")
    try:
        res = await conn.copy_records_to_table("ap_copy", records=[("a", 1), ("b-999", 2), ("c", None)],
                                               where="a <> 'b-999'")
        assert res == "COPY 2"
        assert await conn.fetch("SELECT a, b FROM ap_copy ORDER BY a") == [("a", 1), ("c", None)]
    finally:
        await conn.execute("DROP TABLE ap_copy")


async def check_named_statement_and_functions(conn: asyncpg.Connection) -> None:
    ps = await conn.prepare("select 1", name="ap_named")
    assert ps.get_name() == "ap_named"
    assert await conn.fetchval("EXECUTE ap_named") == 1
    assert await conn.fetchval("SELECT now($1::void) IS NOT NULL", "") is True
    with pytest.raises(asyncpg.InvalidFunctionDefinitionError) as e:
        await conn.execute("CREATE FUNCTION ap_foo() RETURNS bool AS $$ $$ LANGUAGE SQL")
    assert e.value.detail == "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING."
    async with conn.transaction():  # now() is the transaction's start
        await conn.execute("SET LOCAL TIME ZONE 'America/Toronto'")
        row = await conn.fetchrow("SELECT now()::date AS d, now()::timetz AS t")
        assert await conn.fetchval("SELECT now() = ($1::date + $2::timetz)", row["d"], row["t"]) is True


async def check_domain_parameter(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE DOMAIN ap_dom AS int")
    try:
        st = await conn.prepare("SELECT $1::ap_dom")
        dom_oid = await conn.fetchval("SELECT 'ap_dom'::regtype::oid")
        assert [p.oid for p in st.get_parameters()] == [dom_oid]  # the parameter is described as the domain
        assert [(a.name, a.type.name) for a in st.get_attributes()] == [("ap_dom", "int4")]
        assert await st.fetchval(7) == 7
    finally:
        await conn.execute("DROP DOMAIN ap_dom")


async def check_raise_notice_fields(conn: asyncpg.Connection) -> None:
    got: list[dict[str, Any]] = []
    conn.add_log_listener(lambda _c, msg: got.append(msg.as_dict()))
    await conn.execute("DO $$\n BEGIN RAISE NOTICE 'catch me!'; END;\n$$ LANGUAGE plpgsql")
    await conn.execute("DO $$\n BEGIN RAISE WARNING 'catch me!'; END;\n$$ LANGUAGE plpgsql")
    await asyncio.sleep(0.05)
    assert [(m["severity"], m["sqlstate"], m["message"], m["context"], m["server_source_function"]) for m in got] \
        == [("NOTICE", "00000", "catch me!", "PL/pgSQL function inline_code_block line 2 at RAISE", "exec_stmt_raise"),
            ("WARNING", "01000", "catch me!", "PL/pgSQL function inline_code_block line 2 at RAISE",
             "exec_stmt_raise")]
    assert all("server_source_line" in m for m in got)



async def check_explain_prepared(conn: asyncpg.Connection) -> None:
    """asyncpg's PreparedStatement.explain(): EXPLAIN (FORMAT JSON, VERBOSE) with the statement's
    arguments, described at Parse as one json column, ANALYZE rolled back by the caller."""
    stmt = await conn.prepare("SELECT typname FROM pg_type")
    plan = await stmt.explain()
    assert plan[0]["Plan"]["Node Type"] == "Seq Scan" and plan[0]["Plan"]["Relation Name"] == "pg_type"
    stmt = await conn.prepare("SELECT typname, typlen FROM pg_type WHERE typlen > $1")
    plan = await stmt.explain(2, analyze=True)
    assert plan[0]["Plan"]["Relation Name"] == "pg_type" and "Actual Total Time" in plan[0]["Plan"]
    explained = await conn.prepare("EXPLAIN SELECT typname FROM pg_type WHERE oid = $1")
    assert [t.name for t in explained.get_parameters()] == ["oid"]
    assert [(a.name, a.type.name) for a in explained.get_attributes()] == [("QUERY PLAN", "text")]
    tr = conn.transaction()
    await tr.start()
    try:
        await conn.execute("CREATE TABLE explained_tab (a int)")
        plan = await (await conn.prepare("INSERT INTO explained_tab (a) VALUES (1), (2)")).explain(analyze=True)
        assert plan[0]["Plan"]["Operation"] == "Insert"
    finally:
        await tr.rollback()
    assert await conn.fetchval("SELECT to_regclass('explained_tab')") is None



async def check_cursor_after_timeout(conn: asyncpg.Connection) -> None:
    """A cursor fetch that times out is cancelled (57014): the transaction is failed, and fetching
    more rows from the same portal gives 25P02 until the rollback."""
    async with conn.transaction():
        cur = await conn.cursor("SELECT pg_sleep(10)")
        with pytest.raises(asyncio.TimeoutError):
            await cur.fetchrow(timeout=0.1)
        with pytest.raises(asyncpg.InFailedSQLTransactionError):
            await cur.fetch(1)
    assert await conn.fetchval("SELECT 1") == 1


CHECKS: list[Check] = [
    check_network_bit_geometric, check_anonymous_records, check_alter_type_attributes,
    check_reprepare_after_result_type_change, check_hstore, check_cursor_forward, check_copy_where,
    check_named_statement_and_functions, check_domain_parameter, check_raise_notice_fields,
    check_explain_prepared, check_cursor_after_timeout,
]


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_asyncpg(server: Any, db: str, check: Check) -> None:
    async def run() -> None:
        conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user=server.user,
                                     password=server.password, database=db)
        try:
            await check(conn)
        finally:
            await conn.close()

    asyncio.run(run())


if __name__ == "__main__":  # python tests/e2e/test_asyncpg_features.py HOST PORT USER PASSWORD DB: run against a server
    import sys

    async def against(host: str, port: str, user: str, password: str, database: str) -> None:
        for check in CHECKS:
            conn = await asyncpg.connect(host=host, port=int(port), user=user, password=password or None,
                                         database=database)
            try:
                await check(conn)
                print("ok  ", check.__name__)
            except Exception as e:  # noqa: BLE001
                print("FAIL", check.__name__, repr(e))
            finally:
                await conn.close()

    asyncio.run(against(*sys.argv[1:6]))
