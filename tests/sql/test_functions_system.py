"""System functions (num_nulls, pg_sleep, txid_current, ...) and the sqlglot call translator."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
import sqlglot
from sqlglot import exp

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_system as SYS
from sql.errors import SqlError
from sql.functions_sqlglot import VERBATIM_FUNCTIONS, pg_dialect, pg_function_parts, positional_args
from sql.functions_util import infer_oid, wants_arg_types


class FakeSession:
    cancel_requested = False


class Ctx:
    def __init__(self) -> None:
        self.session = FakeSession()
        self.txn: Any = None


def test_num_nulls() -> None:
    assert SYS.num_nulls(1, None, 2) == 1 and SYS.num_nonnulls(1, None, 2) == 2
    with pytest.raises(SqlError) as ei:
        SYS.num_nulls()
    assert ei.value.code == "42883"


def test_pg_sleep_and_cancel() -> None:
    ctx = Ctx()
    t0 = time.monotonic()
    assert SYS.pg_sleep(ctx, 0.06) == ""
    assert time.monotonic() - t0 >= 0.05
    ctx.session.cancel_requested = False
    timer = threading.Timer(0.05, lambda: setattr(ctx.session, "cancel_requested", True))
    timer.start()
    t0 = time.monotonic()
    with pytest.raises(SqlError) as ei:
        SYS.pg_sleep(ctx, 10)
    assert (ei.value.code, str(ei.value)) == ("57014", "canceling statement due to user request")
    assert time.monotonic() - t0 < 2
    assert SYS.pg_sleep(Ctx(), float("nan")) == ""


def test_txid_and_start_time() -> None:
    class Txn:
        pass

    ctx = Ctx()
    ctx.txn = Txn()
    a = SYS.txid_current(ctx)
    assert SYS.txid_current(ctx) == a
    ctx.txn = Txn()
    assert SYS.txid_current(ctx) > a
    assert isinstance(SYS.pg_postmaster_start_time(ctx), dt.datetime)


def test_util_helpers() -> None:
    from sql import typesys as T

    assert [infer_oid(True), infer_oid(1), infer_oid(2**40), infer_oid(1.0), infer_oid([1, None]),
            infer_oid(dt.date(2020, 1, 1))] == [T.BOOL, T.INT4, T.INT8, T.FLOAT8, T.array_type(T.INT4), T.DATE]

    @wants_arg_types
    def f(x: int, *, arg_types: Any = None) -> Any:
        return arg_types

    assert f.pg_arg_types is True and f(1, arg_types=(23,)) == (23,)


def parts(sql_text: str, read: Any = "postgres") -> tuple[str, list[str]] | None:
    node = sqlglot.parse_one("SELECT " + sql_text, read=read).expressions[0]
    got = pg_function_parts(node)
    return None if got is None else (got[0], [a.sql("postgres") for a in got[1]])


@pytest.mark.parametrize(("text", "expected"), [
    ("initcap(a)", ("initcap", ["a"])),
    ("lpad(a, 5, 'x')", ("lpad", ["a", "5", "'x'"])),
    ("rpad(a, 5)", ("rpad", ["a", "5"])),
    ("split_part(a, ',', 2)", ("split_part", ["a", "','", "2"])),
    ("to_hex(255)", ("to_hex", ["255"])),
    ("sha512(a)", ("sha512", ["a"])),
    ("overlay(a placing 'x' from 2 for 3)", ("overlay", ["a", "'x'", "2", "3"])),
    ("regexp_replace(a, 'x', 'y', 2, 0, 'i')", ("regexp_replace", ["a", "'x'", "'y'", "2", "0", "'i'"])),
    ("to_char(a, 'FMMonth DD')", ("to_char", ["a", "'FMMonth DD'"])),
    ("to_timestamp(123)", ("to_timestamp", ["123"])),
    ("log10(a)", ("log", ["10", "a"])),
    ("date_trunc('day', a)", ("date_trunc", ["'day'", "a"])),
    ("make_interval(days => 3)", ("make_interval", ["0", "0", "0", "3"])),
    ("date_bin('1 day', a, b)", ("date_bin", ["'1 day'", "a", "b"])),
    ("json_extract_path(a, 'x', '1')", ("json_extract_path", ["a", "'x'", "'1'"])),
    ("array_prepend(1, a)", ("array_prepend", ["1", "a"])),
    ("a at time zone 'UTC'", ("timezone", ["'UTC'", "a"])),
    ("current_timestamp(3)", ("current_timestamp", ["3"])),
    ("div(9, 4)", ("div", ["9", "4"])),
    ("a -> 'x'", None),
])
def test_pg_function_parts(text: str, expected: Any) -> None:
    assert parts(text) == expected


def test_verbatim_dialect_and_named_args() -> None:
    dialect = pg_dialect()
    for text, name in [("initcap(a)", "initcap"), ("to_char(a, 'YYYYth a.d.')", "to_char"),
                       ("date_part('day', a)", "date_part"), ("json_object('{a,1}')", "json_object")]:
        node = sqlglot.parse_one("SELECT " + text, read=dialect).expressions[0]
        assert isinstance(node, exp.Anonymous) and node.name.lower() == name
    assert isinstance(sqlglot.parse_one("SELECT extract(day from a)", read=dialect).expressions[0], exp.Extract)
    assert "TO_CHAR" in VERBATIM_FUNCTIONS
    node = sqlglot.parse_one("SELECT make_interval(1, mins => 5)", read=dialect).expressions[0]
    assert [a.sql() for a in positional_args("make_interval", list(node.expressions))] == ["1", "0", "0", "0", "0",
                                                                                            "5"]
    node = sqlglot.parse_one("SELECT make_interval(dayz => 5)", read=dialect).expressions[0]
    with pytest.raises(SqlError):
        positional_args("make_interval", list(node.expressions))
