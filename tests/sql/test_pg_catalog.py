"""pg_catalog relations computed from our catalog, driven in-process through Instance/Session.

Expected values are what PostgreSQL 15 shows for the same schema (recorded against a real
PostgreSQL 15.18). Shared helpers for the other test_pg_catalog_*.py files live here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.instance import Instance
from tests.sql.sessions import open_instance
from tests.sql.sessions import run_text as text
from tests.sql.sessions import run_values as run

SCHEMA = """
CREATE TABLE customers (id serial PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, name text);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  amount numeric(10,2) DEFAULT 0 CHECK (amount >= 0),
  status text DEFAULT 'new',
  created timestamptz DEFAULT now(),
  tags text[]
);
CREATE INDEX orders_created_idx ON orders (created);
CREATE UNIQUE INDEX orders_cust_status ON orders (customer_id, status);
COMMENT ON TABLE orders IS 'customer orders';
COMMENT ON COLUMN orders.amount IS 'total amount';
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE SEQUENCE myseq START 10;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
"""

_pid = [5000]


def new_instance(tmp_path: Any) -> Iterator[Instance]:
    """An initialised instance in ``tmp_path`` (for fixtures: yields, then closes it)."""
    with open_instance(tmp_path) as inst:
        yield inst


def connect(inst: Instance, user: str = "postgres", db: str = "postgres") -> Any:
    _pid[0] += 1
    return inst.connect(user, db, {}, _pid[0], "127.0.0.1")


def schema_session(inst: Instance) -> Any:
    """A superuser session in database postgres holding SCHEMA."""
    session = connect(inst)
    run(session, SCHEMA)
    return session


@pytest.fixture()
def instance(tmp_path: Any) -> Iterator[Instance]:
    yield from new_instance(tmp_path)


@pytest.fixture()
def s(instance: Instance) -> Any:
    return schema_session(instance)


def one(session: Any, sql: str) -> Any:
    rows = text(session, sql)
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return rows[0][0]


# pg_class / pg_namespace ---------------------------------------------------------------------------------
def test_pg_class_kinds(s: Any) -> None:
    rows = text(s, "SELECT relname, relkind, relnatts, relchecks, relhasindex, relhastriggers, relhasrules, "
                   "relpersistence, relreplident, relam, reltuples, reltype <> 0 FROM pg_class "
                   "WHERE relnamespace = 2200 ORDER BY relname")
    assert rows == [
        ("big_orders", "v", "2", "0", "f", "f", "t", "p", "n", "0", "-1", "t"),
        ("customers", "r", "3", "0", "t", "t", "f", "p", "d", "2", "-1", "t"),
        ("customers_email_key", "i", "1", "0", "f", "f", "f", "p", "n", "403", "0", "f"),
        ("customers_id_seq", "S", "3", "0", "f", "f", "f", "p", "n", "0", "1", "f"),
        ("customers_pkey", "i", "1", "0", "f", "f", "f", "p", "n", "403", "0", "f"),
        ("myseq", "S", "3", "0", "f", "f", "f", "p", "n", "0", "1", "f"),
        ("orders", "r", "6", "1", "t", "t", "f", "p", "d", "2", "-1", "t"),
        ("orders_created_idx", "i", "1", "0", "f", "f", "f", "p", "n", "403", "0", "f"),
        ("orders_cust_status", "i", "2", "0", "f", "f", "f", "p", "n", "403", "0", "f"),
        ("orders_id_seq", "S", "3", "0", "f", "f", "f", "p", "n", "0", "1", "f"),
        ("orders_pkey", "i", "1", "0", "f", "f", "f", "p", "n", "403", "0", "f"),
    ]


def test_pg_class_lists_catalogs_and_temp_tables(s: Any) -> None:
    assert text(s, "SELECT relkind, relnamespace, relisshared FROM pg_class WHERE relname = 'pg_class'") == [
        ("r", "11", "f")]
    assert text(s, "SELECT relkind, relisshared FROM pg_class WHERE relname = 'pg_database'") == [("r", "t")]
    assert text(s, "SELECT relkind FROM pg_class WHERE relname = 'tables' AND relnamespace = 13000") == [("v",)]
    run(s, "CREATE TEMP TABLE tt (a int)")
    assert one(s, "SELECT relpersistence FROM pg_class WHERE oid = 'tt'::regclass") == "t"


def test_relacl_as_aclitem_array(s: Any) -> None:
    assert one(s, "SELECT relacl IS NULL FROM pg_class WHERE relname = 'customers'") == "t"
    run(s, "CREATE ROLE bob")
    run(s, "GRANT SELECT, INSERT ON customers TO bob")
    run(s, "GRANT SELECT ON customers TO PUBLIC")
    assert one(s, "SELECT relacl FROM pg_class WHERE relname = 'customers'") == \
        "{postgres=arwdDxt/postgres,bob=ar/postgres,=r/postgres}"
    assert one(s, "SELECT array_to_string(relacl, ',') FROM pg_class WHERE relname = 'pg_class'") == \
        "postgres=arwdDxt/postgres,=r/postgres"


def test_pg_namespace(s: Any) -> None:
    assert text(s, "SELECT oid, nspname, nspowner FROM pg_namespace ORDER BY oid") == [
        ("11", "pg_catalog", "10"), ("99", "pg_toast", "10"), ("2200", "public", "6171"),
        ("13000", "information_schema", "10")]
    assert one(s, "SELECT nspacl FROM pg_namespace WHERE nspname = 'pg_catalog'") == \
        "{postgres=UC/postgres,=U/postgres}"


# pg_attribute / pg_attrdef / pg_description ----------------------------------------------------------------
def test_pg_attribute_user_and_system_columns(s: Any) -> None:
    rows = text(s, "SELECT attname, attnum, atttypid, attlen, attnotnull, atthasdef, attstorage, attalign, "
                   "attcollation, attndims, atttypmod FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                   "ORDER BY attnum")
    assert rows == [
        ("tableoid", "-6", "26", "4", "t", "f", "p", "i", "0", "0", "-1"),
        ("cmax", "-5", "29", "4", "t", "f", "p", "i", "0", "0", "-1"),
        ("xmax", "-4", "28", "4", "t", "f", "p", "i", "0", "0", "-1"),
        ("cmin", "-3", "29", "4", "t", "f", "p", "i", "0", "0", "-1"),
        ("xmin", "-2", "28", "4", "t", "f", "p", "i", "0", "0", "-1"),
        ("ctid", "-1", "27", "6", "t", "f", "p", "s", "0", "0", "-1"),
        ("id", "1", "20", "8", "t", "t", "p", "d", "0", "0", "-1"),
        ("customer_id", "2", "23", "4", "t", "f", "p", "i", "0", "0", "-1"),
        ("amount", "3", "1700", "-1", "f", "t", "m", "i", "0", "0", "655366"),
        ("status", "4", "25", "-1", "f", "t", "x", "i", "100", "0", "-1"),
        ("created", "5", "1184", "8", "f", "t", "p", "d", "0", "0", "-1"),
        ("tags", "6", "1009", "-1", "f", "f", "x", "i", "100", "1", "-1"),
    ]


def test_pg_attribute_index_view_and_sequence(s: Any) -> None:
    assert text(s, "SELECT attname, attnum FROM pg_attribute WHERE attrelid = 'orders_cust_status'::regclass "
                   "ORDER BY attnum") == [("customer_id", "1"), ("status", "2")]
    assert text(s, "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = 'big_orders'::regclass "
                   "ORDER BY attnum") == [("id", "20"), ("amount", "1700")]
    assert text(s, "SELECT attname FROM pg_attribute WHERE attrelid = 'myseq'::regclass AND attnum > 0 "
                   "ORDER BY attnum") == [("last_value",), ("log_cnt",), ("is_called",)]


def test_identity_and_dropped_columns(s: Any) -> None:
    run(s, "CREATE TABLE ident (id int GENERATED ALWAYS AS IDENTITY, b int DEFAULT 7, c int, d int DEFAULT NULL)")
    run(s, "ALTER TABLE ident DROP COLUMN c")
    assert text(s, "SELECT attname, attnum, attidentity, atthasdef FROM pg_attribute "
                   "WHERE attrelid = 'ident'::regclass AND attnum > 0 ORDER BY attnum") == [
        ("id", "1", "a", "f"), ("b", "2", "", "t"), ("d", "4", "", "f")]
    assert text(s, "SELECT adnum, pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'ident'::regclass"
                ) == [("2", "7")]


def test_pg_attrdef_and_pg_get_expr(s: Any) -> None:
    rows = text(s, "SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true) "
                   "FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                   "WHERE d.adrelid = 'orders'::regclass ORDER BY d.adnum")
    assert rows == [("id", "nextval('orders_id_seq'::regclass)", "nextval('orders_id_seq'::regclass)"),
                    ("amount", "0", "0"), ("status", "'new'::text", "'new'::text"), ("created", "now()", "now()")]


# Defaults as PostgreSQL 15 prints them (pg_get_expr(adbin, adrelid) / with pretty = true).
DEFAULTS = [
    ("a int DEFAULT -1", "'-1'::integer", None), ("b bigint DEFAULT 5", "5", None),
    ("c varchar(10) DEFAULT 'x'", "'x'::character varying", None),
    ("d date DEFAULT '2020-01-01'", "'2020-01-01'::date", None), ("e numeric DEFAULT 1.5", "1.5", None),
    ("f bool DEFAULT true", "true", None), ("g int[] DEFAULT '{}'", "'{}'::integer[]", None),
    ("h text DEFAULT lower('A')", "lower('A'::text)", None),
    ("i timestamptz DEFAULT current_timestamp", "CURRENT_TIMESTAMP", None),
    ("j date DEFAULT current_date", "CURRENT_DATE", None), ("k uuid DEFAULT gen_random_uuid()",
                                                            "gen_random_uuid()", None),
    ("n text DEFAULT 'it''s'", "'it''s'::text", None), ("o int DEFAULT (1+2)*3", "((1 + 2) * 3)", "(1 + 2) * 3"),
    ("p char(2) DEFAULT 'ab'", "'ab'::bpchar", None), ("q timestamp DEFAULT localtimestamp", "LOCALTIMESTAMP", None),
    ("s jsonb DEFAULT '{}'::jsonb", "'{}'::jsonb", None), ("t interval DEFAULT '1 day'", "'1 day'::interval", None),
    ("u numeric DEFAULT -1", "'-1'::integer", None), ("v float8 DEFAULT -1.5", "'-1.5'::numeric", None),
    ("w bigint DEFAULT 3000000000", "'3000000000'::bigint", None), ("x text DEFAULT 5", "5", None),
    ("y varchar(5)[] DEFAULT '{}'", "'{}'::character varying[]", None),
    ("z text DEFAULT current_user", "CURRENT_USER", None),
]


@pytest.mark.parametrize(("column", "plain", "pretty"), DEFAULTS)
def test_default_texts_match_postgres(s: Any, column: str, plain: str, pretty: str | None) -> None:
    run(s, f"CREATE TABLE dflt ({column})")
    assert text(s, "SELECT pg_get_expr(adbin, adrelid), pg_get_expr(adbin, adrelid, true) FROM pg_attrdef "
                   "WHERE adrelid = 'dflt'::regclass") == [(plain, pretty or plain)]


def test_pg_description(s: Any) -> None:
    assert text(s, "SELECT objsubid, classoid, description FROM pg_description WHERE objoid = 'orders'::regclass "
                   "ORDER BY objsubid") == [("0", "1259", "customer orders"), ("3", "1259", "total amount")]
    run(s, "COMMENT ON SCHEMA public IS 'std'")
    assert one(s, "SELECT classoid FROM pg_description WHERE objoid = 2200") == "2615"


# pg_index / pg_constraint ----------------------------------------------------------------------------------
def test_pg_index(s: Any) -> None:
    rows = text(s, "SELECT c.relname, i.indnatts, i.indisunique, i.indisprimary, i.indkey, i.indcollation, "
                   "i.indclass, i.indoption, i.indisvalid, i.indexprs IS NULL FROM pg_index i "
                   "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'orders'::regclass ORDER BY 1")
    assert rows == [
        ("orders_created_idx", "1", "f", "f", "5", "0", "3127", "0", "t", "t"),
        ("orders_cust_status", "2", "t", "f", "2 4", "0 100", "1978 3126", "0 0", "t", "t"),
        ("orders_pkey", "1", "t", "t", "1", "0", "3124", "0", "t", "t"),
    ]


def test_int2vector_behaves_like_an_array(s: Any) -> None:
    assert text(s, "SELECT unnest(indkey) FROM pg_index WHERE indexrelid = 'orders_cust_status'::regclass") == [
        ("2",), ("4",)]
    assert one(s, "SELECT array_to_string(indkey, ',') FROM pg_index "
                  "WHERE indexrelid = 'orders_cust_status'::regclass") == "2,4"


def test_pg_constraint(s: Any) -> None:
    rows = text(s, "SELECT conname, contype, conkey, confkey, confupdtype, confdeltype, confmatchtype, "
                   "conindid <> 0, confrelid <> 0, connoinherit, convalidated FROM pg_constraint "
                   "WHERE connamespace = 2200 ORDER BY conname")
    assert rows == [
        ("customers_email_key", "u", "{2}", None, " ", " ", " ", "t", "f", "t", "t"),
        ("customers_pkey", "p", "{1}", None, " ", " ", " ", "t", "f", "t", "t"),
        ("orders_amount_check", "c", "{3}", None, " ", " ", " ", "f", "f", "f", "t"),
        ("orders_customer_id_fkey", "f", "{2}", "{1}", "a", "c", "s", "t", "t", "t", "t"),
        ("orders_pkey", "p", "{1}", None, " ", " ", " ", "t", "f", "t", "t"),
    ]
    assert one(s, "SELECT conindid = 'customers_pkey'::regclass FROM pg_constraint "
                  "WHERE conname = 'orders_customer_id_fkey'") == "t"


def test_pg_sequence_and_depend(s: Any) -> None:
    assert text(s, "SELECT seqtypid, seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle FROM pg_sequence "
                   "WHERE seqrelid = 'myseq'::regclass") == [("20", "10", "1", "9223372036854775807", "1", "1", "f")]
    rows = text(s, "SELECT c.relname, a.attname, d.deptype FROM pg_depend d JOIN pg_class c ON c.oid = d.objid "
                   "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                   "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass "
                   "AND c.relkind = 'S' ORDER BY 1")
    assert rows == [("customers_id_seq", "id", "a"), ("orders_id_seq", "id", "a")]


def test_other_relations_exist_with_postgres_columns(s: Any) -> None:
    for rel in ("pg_inherits", "pg_trigger", "pg_policy", "pg_foreign_table", "pg_partitioned_table",
                "pg_statistic_ext", "pg_publication", "pg_publication_rel", "pg_matviews", "pg_event_trigger",
                "pg_shdescription", "pg_range", "pg_rewrite", "pg_extension", "pg_locks"):
        run(s, f"SELECT * FROM {rel}")
    assert text(s, "SELECT tgname, tgrelid, tgenabled FROM pg_trigger") == []
    assert one(s, "SELECT count(*) FROM pg_range") == "6"  # the built-in range types, as in PostgreSQL
