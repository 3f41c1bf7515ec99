"""Catalog functions: format_type, pg_get_*def, reg* types, to_reg*, visibility, descriptions,
sizes, keywords, pg_proc / pg_type lookups. Expected texts recorded against PostgreSQL 15.18."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.instance import Instance
from tests.sql.sessions import sql_error_code as code_of
from tests.sql.test_pg_catalog import new_instance, one, run, schema_session, text


@pytest.fixture()
def instance(tmp_path: Any) -> Iterator[Instance]:
    yield from new_instance(tmp_path)


@pytest.fixture()
def s(instance: Instance) -> Any:
    return schema_session(instance)


@pytest.mark.parametrize(("args", "expected"), [
    ("1042, NULL", "character"), ("1042, -1", "bpchar"), ("1042, 8", "character(4)"),
    ("1043, -1", "character varying"), ("1043, 14", "character varying(10)"), ("1184, 3",
                                                                              "timestamp(3) with time zone"),
    ("1186, (((1<<12)|(1<<11)|(1<<10)|(1<<3))<<16)|3", "interval day to second(3)"), ("1700, -1", "numeric"),
    ("1700, 655366", "numeric(10,2)"), ("1015, 14", "character varying(10)[]"), ("999999, NULL", "???"),
    ("2277, NULL", "anyarray"), ("18, NULL", '"char"'), ("1083, 2", "time(2) without time zone"),
    ("1114, NULL", "timestamp without time zone"), ("1000, NULL", "boolean[]"), ("19, NULL", "name"),
    ("23, NULL", "integer"), ("1009, NULL", "text[]"), ("22, NULL", "int2vector"),
])
def test_format_type(s: Any, args: str, expected: str) -> None:
    assert one(s, f"SELECT format_type({args})") == expected


def test_format_type_user_types(s: Any) -> None:
    assert one(s, "SELECT format_type(NULL, NULL)") is None
    assert one(s, "SELECT format_type('mood'::regtype, NULL)") == "mood"
    assert one(s, "SELECT format_type(typarray, NULL) FROM pg_type WHERE typname = 'mood'") == "mood[]"
    assert one(s, "SELECT format_type(reltype, NULL) FROM pg_class WHERE relname = 'orders'") == "orders"
    run(s, "CREATE SCHEMA other")
    run(s, "CREATE TYPE other.color AS ENUM ('red')")
    assert one(s, "SELECT format_type('other.color'::regtype, NULL)") == "other.color"
    run(s, "SET search_path = other, public")
    assert one(s, "SELECT format_type('color'::regtype, NULL)") == "color"


# Constraints as PostgreSQL 15 prints them: (check, pg_get_constraintdef(oid), ... (oid, true)).
CHECKS = [
    ("a > 0 AND b > 0", "CHECK (((a > 0) AND (b > 0)))", "CHECK (a > 0 AND b > 0)"),
    ("c IN ('x', 'y')", "CHECK (((c)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[])))",
     "CHECK (c::text = ANY (ARRAY['x'::character varying, 'y'::character varying]::text[]))"),
    ("a BETWEEN 1 AND 10", "CHECK (((a >= 1) AND (a <= 10)))", "CHECK (a >= 1 AND a <= 10)"),
    ("c LIKE 'x%'", "CHECK (((c)::text ~~ 'x%'::text))", "CHECK (c::text ~~ 'x%'::text)"),
    ("a > 0 OR b < 5 AND l > 1", "CHECK (((a > 0) OR ((b < 5) AND (l > 1))))", "CHECK (a > 0 OR b < 5 AND l > 1)"),
    ("NOT (a = 5)", "CHECK ((NOT (a = 5)))", "CHECK (NOT a = 5)"),
    ("h IS NOT NULL", "CHECK ((h IS NOT NULL))", "CHECK (h IS NOT NULL)"),
    ("m > 1", "CHECK ((m > (1)::double precision))", "CHECK (m > 1::double precision)"),
    ("e >= 0", "CHECK ((e >= (0)::numeric))", "CHECK (e >= 0::numeric)"),
    ("length(c) > 0", "CHECK ((length((c)::text) > 0))", "CHECK (length(c::text) > 0)"),
    ("a + b * 2 > 0", "CHECK (((a + (b * 2)) > 0))", "CHECK ((a + b * 2) > 0)"),
    ("a - (b - 1) > 0", "CHECK (((a - (b - 1)) > 0))", "CHECK ((a - (b - 1)) > 0)"),
    ("c || 'y' <> 'z'", "CHECK ((((c)::text || 'y'::text) <> 'z'::text))",
     "CHECK ((c::text || 'y'::text) <> 'z'::text)"),
    ("d > '2000-01-01'", "CHECK ((d > '2000-01-01'::date))", "CHECK (d > '2000-01-01'::date)"),
    ("f", "CHECK (f)", "CHECK (f)"),
    ("i > now() - interval '1 day'", "CHECK ((i > (now() - '1 day'::interval)))",
     "CHECK (i > (now() - '1 day'::interval))"),
    ("a::text <> 'x'", "CHECK (((a)::text <> 'x'::text))", "CHECK (a::text <> 'x'::text)"),
    ("b > 1", "CHECK ((b > 1))", "CHECK (b > 1)"), ("a > -5", "CHECK ((a > '-5'::integer))",
                                                    "CHECK (a > '-5'::integer)"),
    ("coalesce(a, 0) >= 0", "CHECK ((COALESCE(a, 0) >= 0))", "CHECK (COALESCE(a, 0) >= 0)"),
    ("upper(c) = c", "CHECK ((upper((c)::text) = (c)::text))", "CHECK (upper(c::text) = c::text)"),
    ("c ~ '^x'", "CHECK (((c)::text ~ '^x'::text))", "CHECK (c::text ~ '^x'::text)"),
    ("a IN (1, 2, 3)", "CHECK ((a = ANY (ARRAY[1, 2, 3])))", "CHECK (a = ANY (ARRAY[1, 2, 3]))"),
    ("p = 'ab'", "CHECK ((p = 'ab'::bpchar))", "CHECK (p = 'ab'::bpchar)"),
]


@pytest.mark.parametrize(("check", "plain", "pretty"), CHECKS)
def test_check_constraint_texts_match_postgres(s: Any, check: str, plain: str, pretty: str) -> None:
    run(s, "CREATE TABLE ck (a int, b bigint, c varchar(10), d date, e numeric, f bool, h text, "
           f"i timestamptz, l smallint, m float8, p char(2), CONSTRAINT k CHECK ({check}))")
    assert text(s, "SELECT pg_get_constraintdef(oid), pg_get_constraintdef(oid, true), "
                   "pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conname = 'k'") == [
        (plain, pretty, plain[len("CHECK ("):-1])]


def test_key_constraint_and_index_texts(s: Any) -> None:
    rows = text(s, "SELECT conname, pg_get_constraintdef(oid, true) FROM pg_constraint WHERE contype <> 'c' "
                   "ORDER BY conname")
    assert rows == [("customers_email_key", "UNIQUE (email)"), ("customers_pkey", "PRIMARY KEY (id)"),
                    ("orders_customer_id_fkey",
                     "FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE"),
                    ("orders_pkey", "PRIMARY KEY (id)")]
    assert text(s, "SELECT pg_get_indexdef(indexrelid), pg_get_indexdef(indexrelid, 2, true) FROM pg_index "
                   "WHERE indexrelid = 'orders_cust_status'::regclass") == [
        ("CREATE UNIQUE INDEX orders_cust_status ON public.orders USING btree (customer_id, status)", "status")]
    assert one(s, "SELECT indexdef FROM pg_indexes WHERE indexname = 'orders_pkey'") == \
        "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)"
    run(s, "CREATE SCHEMA o2")
    run(s, "CREATE TABLE o2.child (cid int REFERENCES customers, x int REFERENCES o2.child (cid), UNIQUE (cid))")
    run(s, "SET search_path = o2")
    assert [r[0] for r in text(s, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' "
                                  "AND conrelid = 'child'::regclass ORDER BY conname")] == [
        "FOREIGN KEY (cid) REFERENCES public.customers(id)", "FOREIGN KEY (x) REFERENCES child(cid)"]


VIEWS = [
    ("SELECT id, amount FROM orders WHERE amount > 100",
     " SELECT orders.id,\n    orders.amount\n   FROM orders\n  WHERE orders.amount > 100::numeric;",
     " SELECT orders.id,\n    orders.amount\n   FROM orders\n  WHERE (orders.amount > (100)::numeric);"),
    ("SELECT o.id, o.amount * 2 AS dbl, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
     "WHERE o.status = 'new' ORDER BY o.id",
     " SELECT o.id,\n    o.amount * 2::numeric AS dbl,\n    c.name\n   FROM orders o\n"
     "     JOIN customers c ON c.id = o.customer_id\n  WHERE o.status = 'new'::text\n  ORDER BY o.id;",
     " SELECT o.id,\n    (o.amount * (2)::numeric) AS dbl,\n    c.name\n   FROM (orders o\n"
     "     JOIN customers c ON ((c.id = o.customer_id)))\n  WHERE (o.status = 'new'::text)\n  ORDER BY o.id;"),
    ("SELECT count(*) AS n, status FROM orders GROUP BY status HAVING count(*) > 1",
     " SELECT count(*) AS n,\n    orders.status\n   FROM orders\n  GROUP BY orders.status\n HAVING count(*) > 1;",
     " SELECT count(*) AS n,\n    orders.status\n   FROM orders\n  GROUP BY orders.status\n HAVING (count(*) > 1);"),
    ("SELECT 1 AS one, 'x' AS x", " SELECT 1 AS one,\n    'x'::text AS x;", " SELECT 1 AS one,\n    'x'::text AS x;"),
    ("SELECT * FROM customers", " SELECT customers.id,\n    customers.email,\n    customers.name\n   FROM customers;",
     " SELECT customers.id,\n    customers.email,\n    customers.name\n   FROM customers;"),
    ("SELECT o.id FROM orders o LEFT JOIN customers c USING (id) WHERE c.id IS NULL AND o.amount BETWEEN 1 AND 2 "
     "LIMIT 5",
     " SELECT o.id\n   FROM orders o\n     LEFT JOIN customers c USING (id)\n"
     "  WHERE c.id IS NULL AND o.amount >= 1::numeric AND o.amount <= 2::numeric\n LIMIT 5;",
     " SELECT o.id\n   FROM (orders o\n     LEFT JOIN customers c USING (id))\n"
     "  WHERE ((c.id IS NULL) AND ((o.amount >= (1)::numeric) AND (o.amount <= (2)::numeric)))\n LIMIT 5;"),
]


@pytest.mark.parametrize(("query", "pretty", "plain"), VIEWS)
def test_view_definitions_match_postgres(s: Any, query: str, pretty: str, plain: str) -> None:
    run(s, f"CREATE VIEW vv AS {query}")
    assert text(s, "SELECT pg_get_viewdef('vv'::regclass, true), pg_get_viewdef('vv'::regclass), "
                   "pg_get_viewdef('vv')") == [(pretty, plain, plain)]
    assert one(s, "SELECT definition FROM pg_views WHERE viewname = 'vv'") == plain


# reg* types --------------------------------------------------------------------------------------------------
def test_reg_types_in_and_out(s: Any) -> None:
    assert text(s, "SELECT 'orders'::regclass, 'public.orders'::regclass::oid = 'orders'::regclass::oid, "
                   "1259::regclass, 'pg_catalog.pg_class'::regclass::oid, 'int4'::regtype, "
                   "'character varying'::regtype, 'mood'::regtype, 'public'::regnamespace, "
                   "'pg_catalog.array_in'::regproc, 'array_in'::regproc::oid") == [
        ("orders", "t", "pg_class", "1259", "integer", "character varying", "mood", "public", "array_in", "750")]
    assert text(s, "SELECT oid::regclass::text, relname FROM pg_class WHERE relname = 'orders_pkey'") == [
        ("orders_pkey", "orders_pkey")]
    assert one(s, "SELECT 0::regclass") == "-"
    assert one(s, "SELECT 999999::regclass::text") == "999999"


def test_regclass_is_qualified_when_not_visible(s: Any) -> None:
    run(s, "CREATE SCHEMA hidden")
    run(s, 'CREATE TABLE hidden."Mixed Case" (a int)')
    assert one(s, """SELECT 'hidden."Mixed Case"'::regclass""") == 'hidden."Mixed Case"'
    assert one(s, "SELECT pg_table_is_visible('hidden.\"Mixed Case\"'::regclass)") == "f"
    run(s, "SET search_path = hidden, public")
    assert one(s, """SELECT 'hidden."Mixed Case"'::regclass""") == '"Mixed Case"'
    assert one(s, "SELECT pg_table_is_visible('\"Mixed Case\"'::regclass)") == "t"


@pytest.mark.parametrize(("sql", "code"), [
    ("SELECT 'upper'::regproc", "42725"), ("SELECT 'nope'::regproc", "42883"),
    ("SELECT 'nope'::regnamespace", "3F000"), ("SELECT 'nope'::regtype", "42704"),
    ("SELECT 'public.nope'::regclass", "42P01"), ("SELECT 'a.b.c.d'::regclass", "42601"),
])
def test_reg_type_errors(s: Any, sql: str, code: str) -> None:
    assert code_of(s, sql) == code


def test_to_reg_functions(s: Any) -> None:
    assert text(s, "SELECT to_regclass('nope') IS NULL, to_regclass('orders')::oid = 'orders'::regclass::oid, "
                   "to_regtype('int4'), to_regtype('nope') IS NULL, to_regnamespace('public'), "
                   "to_regproc('array_in'), to_regproc('upper') IS NULL, to_regrole('postgres'), "
                   "to_regrole('nobody') IS NULL, to_regtype('mood')") == [
        ("t", "t", "integer", "t", "public", "array_in", "t", "10", "t", "mood")]


def test_psycopg_typeinfo_query(s: Any) -> None:
    sql = ("SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter "
           "FROM pg_type t WHERE t.oid = to_regtype('{}') ORDER BY t.oid")
    assert text(s, sql.format("int4")) == [("int4", "23", "1007", "integer", ",")]
    assert text(s, sql.format("int4[]")) == [("_int4", "1007", "0", "integer[]", ",")]
    assert text(s, sql.format("hstore")) == []
    (name, _oid, array_oid, regtype, delim), = text(s, sql.format("mood"))
    assert (name, regtype, delim) == ("mood", "mood", ",")
    assert one(s, f"SELECT typname FROM pg_type WHERE oid = {array_oid}") == "_mood"
    assert text(s, "SELECT enumlabel, enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                   "WHERE t.typname = 'mood' ORDER BY 2") == [("sad", "1"), ("ok", "2"), ("happy", "3")]


def test_pg_type_and_pg_proc_rows(s: Any) -> None:
    assert text(s, "SELECT typname, typlen, typbyval, typtype, typcategory, typinput, typoutput, typreceive, "
                   "typsend, typalign, typstorage, typelem, typarray, typnamespace FROM pg_type "
                   "WHERE oid IN (23, 1007) ORDER BY oid") == [
        ("int4", "4", "t", "b", "N", "int4in", "int4out", "int4recv", "int4send", "i", "p", "0", "1007", "11"),
        ("_int4", "-1", "f", "b", "A", "array_in", "array_out", "array_recv", "array_send", "i", "x", "23", "0",
         "11")]
    assert text(s, "SELECT typinput = 'pg_catalog.array_in'::regproc, typtype FROM pg_type WHERE oid = 1007") == [
        ("t", "b")]
    assert text(s, "SELECT proname, prorettype::regtype::text FROM pg_proc WHERE proname = 'upper' ORDER BY 2") == [
        ("upper", "anyelement"), ("upper", "anyelement"), ("upper", "text")]
    assert text(s, "SELECT proname, proargtypes, prokind, proretset FROM pg_proc WHERE oid = 'array_recv'::regproc"
                ) == [("array_recv", "2281 26 23", "f", "f")]
    assert text(s, "SELECT typname, typtype, typrelid = 'orders'::regclass FROM pg_type "
                   "WHERE oid = (SELECT reltype FROM pg_class WHERE relname = 'orders')") == [("orders", "c", "t")]


# visibility, names, descriptions -----------------------------------------------------------------------------
def test_visibility_and_search_path(s: Any) -> None:
    run(s, "CREATE SCHEMA a")
    run(s, "CREATE TABLE a.orders (x int)")
    assert one(s, "SELECT pg_table_is_visible('a.orders'::regclass)") == "f"
    assert one(s, "SELECT pg_table_is_visible('public.orders'::regclass)") == "t"
    run(s, "SET search_path = a, public")
    assert one(s, "SELECT pg_table_is_visible('a.orders'::regclass)") == "t"
    assert one(s, "SELECT pg_table_is_visible('public.orders'::regclass)") == "f"
    assert one(s, "SELECT 'public.orders'::regclass") == "public.orders"
    assert one(s, "SELECT current_schemas(true)") == "{pg_catalog,a,public}"
    assert one(s, "SELECT current_schemas(false)") == "{a,public}"
    assert one(s, "SELECT pg_type_is_visible('mood'::regtype)") == "t"
    assert one(s, "SELECT pg_table_is_visible(1259)") == "t"
    assert one(s, "SELECT pg_table_is_visible(999999) IS NULL") == "t"


def test_names_and_descriptions(s: Any) -> None:
    assert text(s, "SELECT pg_get_userbyid(10), pg_get_userbyid(424242)") == [("postgres", "unknown (OID=424242)")]
    assert text(s, "SELECT pg_get_serial_sequence('orders', 'id'), pg_get_serial_sequence('orders', 'status') "
                   "IS NULL") == [("public.orders_id_seq", "t")]
    assert code_of(s, "SELECT pg_get_serial_sequence('orders', 'nope')") == "42703"
    assert code_of(s, "SELECT pg_get_serial_sequence('nope', 'id')") == "42P01"
    assert text(s, "SELECT obj_description('orders'::regclass, 'pg_class'), obj_description('orders'::regclass), "
                   "col_description('orders'::regclass, 3), col_description('orders'::regclass, 2) IS NULL, "
                   "obj_description('orders'::regclass, 'pg_type') IS NULL") == [
        ("customer orders", "customer orders", "total amount", "t", "t")]


def test_encodings_sizes_keywords(s: Any) -> None:
    assert text(s, "SELECT pg_encoding_to_char(6), pg_char_to_encoding('UTF8'), pg_is_in_recovery()") == [
        ("UTF8", "6", "f")]
    assert text(s, "SELECT pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), "
                   "pg_size_pretty(1000000000000::bigint), pg_size_pretty(-10240::bigint), "
                   "pg_size_pretty(20971519::bigint), pg_size_pretty(123456789012345678::bigint), "
                   "pg_size_pretty(1234.5::numeric)") == [
        ("10239 bytes", "10 kB", "931 GB", "-10 kB", "20 MB", "110 PB", "1234.5 bytes")]
    assert one(s, "SELECT count(*) FROM pg_get_keywords()") == "460"
    assert text(s, "SELECT word, catcode, catdesc FROM pg_get_keywords() WHERE word = 'select'") == [
        ("select", "R", "reserved")]
    assert text(s, "SELECT pg_relation_size('orders'), pg_table_size('orders'), pg_indexes_size('orders'), "
                   "pg_total_relation_size('orders')") == [("0", "8192", "24576", "32768")]
