"""What SQLAlchemy's and asyncpg's introspection queries need from the engine: index expressions
and predicates (pg_get_indexdef per column, pg_index.indexprs/indpred), int2vector/oidvector
subscripts from 0, casts to reg* array types, SELECT DISTINCT * with ORDER BY, CREATE/DROP
EXTENSION and the default_table_access_method setting. Expected values are from PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.errors import SqlError

from .test_pg_catalog import connect, new_instance, run, text


@pytest.fixture()
def s(tmp_path: Any) -> Iterator[Any]:
    for inst in new_instance(tmp_path):
        session = connect(inst)
        run(session, "create table tix(id int, email varchar(10), b text);"
                     "create index tix_e on tix (lower(email), id, (b || 'x')) where id > 3;"
                     "create index tix_i on tix (id) include (b)")
        yield session


def test_index_columns_and_expressions(s: Any) -> None:
    assert text(s, "select pg_get_indexdef('tix_e'::regclass, 1, true), pg_get_indexdef('tix_e'::regclass, 2, true),"
                   " pg_get_indexdef('tix_e'::regclass, 3, true), pg_get_indexdef('tix_e'::regclass, 1, false),"
                   " pg_get_indexdef('tix_e'::regclass, 3, false), pg_get_indexdef('tix_i'::regclass, 2, true)") == [
        ("lower(email::text)", "id", "(b || 'x'::text)", "lower((email)::text)", "((b || 'x'::text))", "b")]
    assert text(s, "select indexprs is not null, indpred is not null, pg_get_expr(indpred, indrelid),"
                   " pg_get_expr(indpred, indrelid, true) from pg_index where indexrelid = 'tix_e'::regclass") == [
        ("t", "t", "(id > 3)", "id > 3")]
    assert text(s, "select indexprs is null, indpred is null from pg_index where indexrelid = 'tix_i'::regclass") \
        == [("t", "t")]


def test_index_vectors_are_subscripted_from_zero(s: Any) -> None:
    assert text(s, "select indkey, array_lower(indkey, 1), indkey[0], indkey[1], array_upper(indclass, 1)"
                   " from pg_index where indexrelid = 'tix_e'::regclass") == [("0 1 0", "0", "0", "1", "2")]
    assert text(s, "select generate_subscripts(indkey, 1), unnest(indkey) from pg_index"
                   " where indexrelid = 'tix_e'::regclass") == [("0", "0"), ("1", "1"), ("2", "0")]
    assert text(s, "select generate_subscripts('[3:4]={7,8}'::int[], 1, true)") == [("4",), ("3",)]


def test_reg_array_casts(s: Any) -> None:
    assert text(s, "select 22 = any(array[22, 30]::oid[]), pg_typeof(array[1]::oid[]),"
                   " array['pg_class']::regclass[], cast('{1}' as oid[])") == [("t", "oid[]", "{pg_class}", "{1}")]


def test_distinct_star_ordered_by_a_column(s: Any) -> None:
    assert run(s, "with recursive r(a, depth) as (select 1, 0 union all select a + 1, depth + 1 from r"
                  " where a < 3) select distinct *, a::text as x from r order by depth desc") == [
        (3, 2, "3"), (2, 1, "2"), (1, 0, "1")]
    with pytest.raises(SqlError, match="must appear in select list"):
        run(s, "select distinct id from tix order by b")


def test_extensions(s: Any) -> None:
    run(s, "create extension if not exists citext")
    run(s, 'create extension if not exists "uuid-ossp" with schema public')
    with pytest.raises(SqlError, match='extension "citext" already exists') as e:
        run(s, "create extension citext")
    assert e.value.code == "42710"
    with pytest.raises(SqlError, match='extension "nosuch" is not available') as e:
        run(s, "create extension nosuch")
    assert e.value.code == "0A000"
    run(s, "drop extension citext, \"uuid-ossp\"")
    run(s, "drop extension if exists citext")
    with pytest.raises(SqlError, match='extension "citext" does not exist') as e:
        run(s, "drop extension citext")
    assert e.value.code == "42704"
    with pytest.raises(SqlError, match='extension "plpgsql" already exists'):
        run(s, "create extension plpgsql")


def test_table_access_method_setting(s: Any) -> None:
    assert text(s, "select current_setting('default_table_access_method'), current_setting('default_tablespace')") \
        == [("heap", "")]

