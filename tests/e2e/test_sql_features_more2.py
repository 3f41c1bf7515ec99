"""Still more of issue #3's feature list through psycopg against the real server: views over renamed
columns and dropped tables, composite foreign keys, TRUNCATE and COMMENT corner cases, joins and
subqueries in DML, and casts between the common types. Every expectation was recorded from
PostgreSQL 15; see tests/e2e/scenario_runner.py to re-check them."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests.e2e.scenario_runner import Err, Step, run_scenario, scenario_connection

SCENARIOS: dict[str, list[Step]] = {
    'views_more': [
        ('CREATE TABLE a (x int, y text)', 'CREATE TABLE'),
        ("INSERT INTO a VALUES (1, 'p'), (2, 'q')", 'INSERT 0 2'),
        ('CREATE VIEW v1 (n, label) AS SELECT x, y FROM a ORDER BY x DESC LIMIT 1', 'CREATE VIEW'),
        ('SELECT * FROM v1', [('2', 'q')]),
        ('CREATE VIEW v2 AS SELECT n * 10 AS big FROM v1', 'CREATE VIEW'),
        ('SELECT * FROM v2', [('20',)]),
        ('CREATE VIEW v1 AS SELECT 1', Err(sqlstate='42P07')),
        ('ALTER VIEW v1 RENAME COLUMN label TO tag', 'ALTER VIEW'),
        ('SELECT tag FROM v1', [('q',)]),
        ('ALTER TABLE a RENAME COLUMN y TO yy', 'ALTER TABLE'),
        ('SELECT * FROM v1', [('2', 'q')]),
        ('DROP TABLE a', Err(sqlstate='2BP01')),
        ('DROP TABLE a CASCADE', 'DROP TABLE'),
        ("SELECT count(*) FROM pg_views WHERE viewname IN ('v1', 'v2')", [('0',)]),
        ("CREATE VIEW v3 AS SELECT * FROM (VALUES (1, 'a')) t(k, w)", 'CREATE VIEW'),
        ('SELECT k, w FROM v3', [('1', 'a')]),
        ("SELECT column_name FROM information_schema.columns WHERE table_name = 'v3' ORDER BY ordinal_position",
         [('k',), ('w',)]),
        ('CREATE TEMP VIEW tv AS SELECT 1 AS one', 'CREATE VIEW'),
        ('SELECT * FROM tv', [('1',)]),
        ('DELETE FROM v3', Err(sqlstate='55000')),
    ],
    'foreign_keys_more': [
        ('CREATE TABLE p (a int, b int, PRIMARY KEY (a, b))', 'CREATE TABLE'),
        ('CREATE TABLE c (id int, a int, b int, FOREIGN KEY (a, b) REFERENCES p ON UPDATE CASCADE ON DELETE CASCADE)',
         'CREATE TABLE'),
        ('INSERT INTO p VALUES (1, 1), (1, 2)', 'INSERT 0 2'),
        ('INSERT INTO c VALUES (1, 1, 1), (2, 1, 2), (3, NULL, 5)', 'INSERT 0 3'),
        ('INSERT INTO c VALUES (4, 2, 2)', Err(sqlstate='23503')),
        ('UPDATE p SET b = 10 WHERE b = 2', 'UPDATE 1'),
        ('SELECT * FROM c ORDER BY id', [('1', '1', '1'), ('2', '1', '10'), ('3', None, '5')]),
        ('DELETE FROM p WHERE a = 1 AND b = 1', 'DELETE 1'),
        ('SELECT * FROM c ORDER BY id', [('2', '1', '10'), ('3', None, '5')]),
        ('CREATE TABLE cf (a int, b int, FOREIGN KEY (a, b) REFERENCES p MATCH FULL)', 'CREATE TABLE'),
        ('INSERT INTO cf VALUES (1, NULL)', Err(sqlstate='23503')),
        ('INSERT INTO cf VALUES (NULL, NULL)', 'INSERT 0 1'),
        ('CREATE TABLE r (id int PRIMARY KEY)', 'CREATE TABLE'),
        ('CREATE TABLE rr (rid int REFERENCES r ON UPDATE RESTRICT)', 'CREATE TABLE'),
        ('INSERT INTO r VALUES (1), (2)', 'INSERT 0 2'),
        ('INSERT INTO rr VALUES (1)', 'INSERT 0 1'),
        ('UPDATE r SET id = 3 WHERE id = 1', Err(sqlstate='23503')),
        ('UPDATE r SET id = 4 WHERE id = 2', 'UPDATE 1'),
        ('CREATE TABLE selfref (id int PRIMARY KEY, parent int REFERENCES selfref ON DELETE CASCADE)',
         'CREATE TABLE'),
        ('INSERT INTO selfref VALUES (1, NULL), (2, 1), (3, 2), (4, NULL)', 'INSERT 0 4'),
        ('DELETE FROM selfref WHERE id = 1', 'DELETE 1'),
        ('SELECT id FROM selfref', [('4',)]),
        ('CREATE TABLE bad (x text REFERENCES r)', Err(sqlstate='42804')),
        ('CREATE TABLE bad2 (x int REFERENCES nosuch)', Err(sqlstate='42P01')),
        ('CREATE TABLE bad3 (x int, FOREIGN KEY (x) REFERENCES p (a))', Err(sqlstate='42830')),
    ],
    'truncate_comment_more': [
        ('CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text)', 'CREATE TABLE'),
        ("INSERT INTO t (v) VALUES ('a'), ('b')", 'INSERT 0 2'),
        ('TRUNCATE t RESTART IDENTITY', 'TRUNCATE TABLE'),
        ("INSERT INTO t (v) VALUES ('c') RETURNING id", [('1',)]),
        ('TRUNCATE t CONTINUE IDENTITY', 'TRUNCATE TABLE'),
        ("INSERT INTO t (v) VALUES ('d') RETURNING id", [('2',)]),
        ('CREATE VIEW tv AS SELECT * FROM t', 'CREATE VIEW'),
        ('TRUNCATE tv', Err(sqlstate='42809')),
        ('TRUNCATE nosuch', Err(sqlstate='42P01')),
        ('TRUNCATE ONLY t', 'TRUNCATE TABLE'),
        ('SELECT count(*) FROM t', [('0',)]),
        ("COMMENT ON VIEW tv IS 'the view'", 'COMMENT'),
        ("COMMENT ON COLUMN t.id IS 'key'", 'COMMENT'),
        ('ALTER TABLE t RENAME COLUMN id TO ident', 'ALTER TABLE'),
        ("SELECT col_description('t'::regclass, 1), obj_description('tv'::regclass)", [('key', 'the view')]),
        ('CREATE SEQUENCE s', 'CREATE SEQUENCE'),
        ("COMMENT ON SEQUENCE s IS 'seq'", 'COMMENT'),
        ("SELECT obj_description('s'::regclass, 'pg_class')", [('seq',)]),
        ("COMMENT ON COLUMN t.nosuch IS 'x'", Err(sqlstate='42703')),
        ("COMMENT ON TABLE tv IS 'x'", Err(sqlstate='42809')),
        ("SELECT description FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE c.relname = 't' ORDER "
         'BY objsubid',
         [('key',)]),
    ],
    'casts_more': [
        ('SELECT 1.5::text, 1e10::text, 12345678901234567890::text, (-0.0)::numeric::text, 1::numeric(5,2)::text, '
         '3::float4::text',
         [('1.5', '10000000000', '12345678901234567890', '0.0', '1.00', '3')]),
        ("SELECT '  12  '::int8, '1e2'::numeric, '-.5'::numeric, '+3.'::numeric, ' NaN '::numeric, 'Infinity'::float4",
         [('12', '100', '-0.5', '3', 'NaN', 'Infinity')]),
        ("SELECT 'abc'::numeric", Err(sqlstate='22P02')),
        ("SELECT 'infinity'::numeric", [('Infinity',)]),
        ('SELECT 123.456::float4, 123.456::float8::float4, 1e-45::float4, 16777217::float4::int4',
         [('123.456', '123.456', '1e-45', '16777216')]),
        ('SELECT 2147483647::float4::int4', Err(sqlstate='22003')),
        ('SELECT 2.5::float8::int2, 3.5::float8::int2, (-2.5)::float8::int4, 2.5::numeric::int4, '
         '(-2.5)::numeric::int4',
         [('2', '4', '-2', '3', '-3')]),
        ("SELECT 'yes'::boolean::text, 1::int4::bool, 'f'::bool::int", [('true', 't', '0')]),
        ('SELECT 1::int2::bool', Err(sqlstate='42846')),
        ("SELECT 65::int::text::bytea, 'x'::bytea::text, '\\x41'::bytea::text, convert_from('\\x41', 'UTF8')",
         [('\\x3635', '\\x78', '\\x41', 'A')]),
        ("SELECT now()::text IS NOT NULL, '2024-01-01'::timestamp::date, '2024-01-01 10:00'::timestamptz::time, "
         "'10:00'::time::interval",
         [('t', '2024-01-01', '10:00:00', '10:00:00')]),
        ("SELECT '1 day'::interval::text, interval '36 hours'::time", [('1 day', '12:00:00')]),
        ("SELECT '2024-01-01'::date::timestamptz, '2024-01-01 12:00+05'::timestamptz::date",
         [('2024-01-01 00:00:00+00', '2024-01-01')]),
        ('SELECT \'{"a": 1}\'::json::jsonb, \'[1, 2]\'::jsonb::json, \'1\'::jsonb::int, \'true\'::jsonb::bool, '
         '\'"x"\'::jsonb::text',
         [('{"a": 1}', '[1, 2]', '1', 't', '"x"')]),
        ("SELECT 'a1b2c3d4-0000-0000-0000-000000000000'::uuid::text, "
         "'a1b2c3d4-0000-0000-0000-000000000000'::text::uuid",
         [('a1b2c3d4-0000-0000-0000-000000000000', 'a1b2c3d4-0000-0000-0000-000000000000')]),
        ("SELECT 1::regclass, 'pg_class'::regclass::oid > 0, 'int4'::regtype, 23::regtype::text",
         [('1', 't', 'integer', 'integer')]),
        ("SELECT CAST(1 AS text) || CAST(2.0 AS varchar(2)), CAST('abc' AS char(2)), CAST(' x ' AS varchar), "
         "'abc'::name",
         [('12.', 'ab', ' x ', 'abc')]),
        ('SELECT 300::smallint::char(2)', [('30',)]),
        ("SELECT 12::bit(4), '1010'::varbit::bit(2), 5::bit(3)::int", [('1100', '10', '5')]),
        ("SELECT x::int FROM (VALUES ('1'), ('2 ')) t(x)", [('1',), ('2',)]),
        ("SELECT x::int FROM (VALUES ('1'), ('two')) t(x)", Err(sqlstate='22P02')),
    ],
    'joins_in_dml_and_subqueries_more': [
        ('CREATE TABLE o (id int PRIMARY KEY, cust int, amt numeric)', 'CREATE TABLE'),
        ('CREATE TABLE cu (id int PRIMARY KEY, name text, vip bool)', 'CREATE TABLE'),
        ("INSERT INTO cu VALUES (1, 'x', true), (2, 'y', false), (3, 'z', NULL)", 'INSERT 0 3'),
        ('INSERT INTO o VALUES (10, 1, 5.5), (11, 1, 4.5), (12, 2, 100), (13, 4, 1)', 'INSERT 0 4'),
        ('SELECT cu.name, sum(o.amt) FROM cu LEFT JOIN o ON o.cust = cu.id GROUP BY cu.name ORDER BY 2 DESC NULLS '
         'LAST',
         [('y', '100'), ('x', '10.0'), ('z', None)]),
        ('SELECT name FROM cu WHERE (SELECT count(*) FROM o WHERE o.cust = cu.id) >= 2', [('x',)]),
        ('SELECT o.id FROM o WHERE NOT EXISTS (SELECT FROM cu WHERE cu.id = o.cust)', [('13',)]),
        ('SELECT id, (SELECT max(amt) FROM o) = amt AS top FROM o ORDER BY id',
         [('10', 'f'), ('11', 'f'), ('12', 't'), ('13', 'f')]),
        ('SELECT name FROM cu WHERE id = ANY (SELECT cust FROM o WHERE amt > 5) ORDER BY 1', [('x',), ('y',)]),
        ('SELECT name FROM cu WHERE vip IS NOT TRUE ORDER BY 1', [('y',), ('z',)]),
        ('SELECT * FROM cu c1 JOIN LATERAL (SELECT sum(amt) s FROM o WHERE o.cust = c1.id) x ON x.s > 50',
         [('2', 'y', 'f', '100')]),
        ('UPDATE o SET amt = amt * 2 WHERE cust IN (SELECT id FROM cu WHERE vip) RETURNING id, amt',
         [('10', '11.0'), ('11', '9.0')]),
        ('DELETE FROM o WHERE cust NOT IN (SELECT id FROM cu) RETURNING id', [('13',)]),
        ('UPDATE cu SET name = o.amt::text FROM o WHERE o.cust = cu.id AND o.id = 12 RETURNING cu.name', [('100',)]),
        ('WITH ins AS (INSERT INTO o SELECT 20 + id, id, 0 FROM cu WHERE NOT vip OR vip IS NULL RETURNING id) SELECT '
         'id FROM ins ORDER BY id',
         [('22',), ('23',)]),
        ('SELECT a.id, b.id FROM o a JOIN o b ON a.cust = b.cust AND a.id < b.id ORDER BY 1, 2',
         [('10', '11'), ('12', '22')]),
        ('SELECT x, y FROM (VALUES (1), (2)) a(x) FULL JOIN (VALUES (2), (3)) b(y) ON x = y ORDER BY coalesce(x, y)',
         [('1', None), ('2', '2'), (None, '3')]),
        ('SELECT * FROM (VALUES (1)) a(x) JOIN (VALUES (1)) b(x) USING (x) JOIN (VALUES (1)) c(x) USING (x)',
         [('1',)]),
        ('SELECT count(*) FROM cu NATURAL JOIN cu AS c2', [('2',)]),
        ('SELECT (SELECT name FROM cu WHERE id = o.cust) FROM o ORDER BY id LIMIT 1', [('x',)]),
        ('SELECT cu.* FROM cu WHERE id IN (1, 2) AND EXISTS (SELECT 1 FROM o WHERE cust = cu.id HAVING count(*) > 1)',
         [('1', 'x', 't'), ('2', '100', 'f')]),
    ],
}


@pytest.fixture()
def fconn(request: pytest.FixtureRequest) -> Iterator[psycopg.Connection]:
    yield from scenario_connection(request)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_feature(fconn: psycopg.Connection, name: str) -> None:
    run_scenario(fconn, SCENARIOS[name])
