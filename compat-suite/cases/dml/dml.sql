-- DML: INSERT / UPDATE / DELETE, RETURNING, ON CONFLICT, command tags.

-- case: dml_insert_tag_single
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
-- expect:
-- tag: INSERT 0 1

-- case: dml_insert_tag_multi
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
-- expect:
-- tag: INSERT 0 3

-- case: dml_insert_column_list_reordered
CREATE TABLE t (a int, b text, c int);
INSERT INTO t (c, a) VALUES (3, 1);
SELECT a, b, c FROM t;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "text", "int4"]
-- row: ["1", null, "3"]
-- tag: SELECT 1

-- case: dml_insert_default_keyword
CREATE TABLE t (a int DEFAULT 5, b text);
INSERT INTO t VALUES (DEFAULT, 'x');
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["5", "x"]
-- tag: SELECT 1

-- case: dml_insert_select
CREATE TABLE src (a int);
CREATE TABLE dst (a int, doubled int);
INSERT INTO src VALUES (1), (2), (3);
INSERT INTO dst SELECT a, a * 2 FROM src WHERE a > 1;
-- expect:
-- tag: INSERT 0 2

-- case: dml_insert_select_contents
CREATE TABLE src (a int);
CREATE TABLE dst (a int, doubled int);
INSERT INTO src VALUES (1), (2), (3);
INSERT INTO dst SELECT a, a * 2 FROM src WHERE a > 1;
SELECT * FROM dst ORDER BY a;
-- expect:
-- columns: ["a", "doubled"]
-- types: ["int4", "int4"]
-- row: ["2", "4"]
-- row: ["3", "6"]
-- tag: SELECT 2

-- case: dml_insert_select_zero_rows
CREATE TABLE t (a int);
INSERT INTO t SELECT 1 WHERE false;
-- expect:
-- tag: INSERT 0 0

-- case: dml_insert_implicit_cast_text_to_int
CREATE TABLE t (a int, b numeric(5,2), c text);
INSERT INTO t VALUES ('42', '3.14159', 12);
SELECT a, b, c FROM t;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "numeric", "text"]
-- row: ["42", "3.14", "12"]
-- tag: SELECT 1

-- case: dml_insert_numeric_to_int_rounds
CREATE TABLE t (a int);
INSERT INTO t VALUES (2.5), (3.5), (-2.5);
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["-3"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 3

-- case: dml_insert_returning_star
CREATE TABLE t (id serial, v text);
INSERT INTO t (v) VALUES ('a'), ('b') RETURNING *;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- tag: INSERT 0 2

-- case: dml_insert_returning_expression
CREATE TABLE t (a int);
INSERT INTO t VALUES (5) RETURNING a * 2 AS doubled, 'ok' AS status;
-- expect:
-- columns: ["doubled", "status"]
-- types: ["int4", "text"]
-- row: ["10", "ok"]
-- tag: INSERT 0 1

-- case: dml_insert_returning_default_value
CREATE TABLE t (a int, b int DEFAULT 99);
INSERT INTO t (a) VALUES (1) RETURNING b;
-- expect:
-- columns: ["b"]
-- types: ["int4"]
-- row: ["99"]
-- tag: INSERT 0 1

-- case: dml_update_tag
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
UPDATE t SET a = a + 10 WHERE a >= 2;
-- expect:
-- tag: UPDATE 2

-- case: dml_update_zero_rows_tag
CREATE TABLE t (a int);
UPDATE t SET a = 1;
-- expect:
-- tag: UPDATE 0

-- case: dml_update_contents
CREATE TABLE t (id int, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
UPDATE t SET v = upper(v) WHERE id = 2;
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "B"]
-- tag: SELECT 2

-- case: dml_update_multiple_columns
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2);
UPDATE t SET a = b, b = a;
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["2", "1"]
-- tag: SELECT 1

-- case: dml_update_row_syntax
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2);
UPDATE t SET (a, b) = (10, 20);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["10", "20"]
-- tag: SELECT 1

-- case: dml_update_returning
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 10), (2, 20);
UPDATE t SET v = v + 1 RETURNING id, v;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "11"]
-- row: ["2", "21"]
-- tag: UPDATE 2

-- case: dml_update_from
CREATE TABLE t (id int, v text);
CREATE TABLE u (id int, nv text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO u VALUES (1, 'x'), (3, 'z');
UPDATE t SET v = u.nv FROM u WHERE t.id = u.id;
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- row: ["2", "b"]
-- row: ["3", "z"]
-- tag: SELECT 3

-- case: dml_update_from_tag
CREATE TABLE t (id int, v text);
CREATE TABLE u (id int, nv text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO u VALUES (1, 'x'), (3, 'z');
UPDATE t SET v = u.nv FROM u WHERE t.id = u.id;
-- expect:
-- tag: UPDATE 2

-- case: dml_update_subquery_set
CREATE TABLE t (id int, total int);
CREATE TABLE items (tid int, n int);
INSERT INTO t VALUES (1, 0), (2, 0);
INSERT INTO items VALUES (1, 5), (1, 6), (2, 1);
UPDATE t SET total = (SELECT sum(n) FROM items WHERE items.tid = t.id);
SELECT id, total FROM t ORDER BY id;
-- expect:
-- columns: ["id", "total"]
-- types: ["int4", "int4"]
-- row: ["1", "11"]
-- row: ["2", "1"]
-- tag: SELECT 2

-- case: dml_update_set_default
CREATE TABLE t (a int DEFAULT 7);
INSERT INTO t VALUES (1);
UPDATE t SET a = DEFAULT;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["7"]
-- tag: SELECT 1

-- case: dml_delete_tag
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
DELETE FROM t WHERE a < 3;
-- expect:
-- tag: DELETE 2

-- case: dml_delete_all
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
DELETE FROM t;
-- expect:
-- tag: DELETE 2

-- case: dml_delete_returning
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x'), (2, 'y');
DELETE FROM t WHERE a = 2 RETURNING *;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["2", "y"]
-- tag: DELETE 1

-- case: dml_delete_using
CREATE TABLE t (id int);
CREATE TABLE gone (id int);
INSERT INTO t VALUES (1), (2), (3);
INSERT INTO gone VALUES (2), (3);
DELETE FROM t USING gone WHERE t.id = gone.id;
SELECT id FROM t;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: dml_delete_with_subquery
CREATE TABLE t (id int);
INSERT INTO t VALUES (1), (2), (3), (4);
DELETE FROM t WHERE id IN (SELECT id FROM t WHERE id % 2 = 0);
SELECT id FROM t ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: dml_on_conflict_do_nothing
CREATE TABLE t (a int PRIMARY KEY, b text);
INSERT INTO t VALUES (1, 'orig');
INSERT INTO t VALUES (1, 'new'), (2, 'two') ON CONFLICT DO NOTHING;
-- expect:
-- tag: INSERT 0 1

-- case: dml_on_conflict_do_nothing_contents
CREATE TABLE t (a int PRIMARY KEY, b text);
INSERT INTO t VALUES (1, 'orig');
INSERT INTO t VALUES (1, 'new'), (2, 'two') ON CONFLICT DO NOTHING;
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "orig"]
-- row: ["2", "two"]
-- tag: SELECT 2

-- case: dml_on_conflict_do_update
CREATE TABLE t (a int PRIMARY KEY, b text);
INSERT INTO t VALUES (1, 'orig');
INSERT INTO t VALUES (1, 'new'), (2, 'two') ON CONFLICT (a) DO UPDATE SET b = excluded.b;
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "new"]
-- row: ["2", "two"]
-- tag: SELECT 2

-- case: dml_on_conflict_update_tag
CREATE TABLE t (a int PRIMARY KEY, b text);
INSERT INTO t VALUES (1, 'orig');
INSERT INTO t VALUES (1, 'new'), (2, 'two') ON CONFLICT (a) DO UPDATE SET b = excluded.b;
-- expect:
-- tag: INSERT 0 2

-- case: dml_on_conflict_update_using_existing
CREATE TABLE counters (k text PRIMARY KEY, n int);
INSERT INTO counters VALUES ('x', 1);
INSERT INTO counters VALUES ('x', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + excluded.n;
INSERT INTO counters VALUES ('x', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + excluded.n;
SELECT k, n FROM counters;
-- expect:
-- columns: ["k", "n"]
-- types: ["text", "int4"]
-- row: ["x", "3"]
-- tag: SELECT 1

-- case: dml_on_conflict_update_where
CREATE TABLE t (a int PRIMARY KEY, b int);
INSERT INTO t VALUES (1, 10), (2, 20);
INSERT INTO t VALUES (1, 5), (2, 50) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.b < excluded.b;
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- row: ["2", "50"]
-- tag: SELECT 2

-- case: dml_on_conflict_returning
CREATE TABLE t (a int PRIMARY KEY, b text);
INSERT INTO t VALUES (1, 'orig');
INSERT INTO t VALUES (1, 'new'), (2, 'two') ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING a, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "new"]
-- row: ["2", "two"]
-- tag: INSERT 0 2

-- case: dml_on_conflict_on_constraint
CREATE TABLE t (a int CONSTRAINT t_a_key UNIQUE, b int);
INSERT INTO t VALUES (1, 1);
INSERT INTO t VALUES (1, 2) ON CONFLICT ON CONSTRAINT t_a_key DO UPDATE SET b = excluded.b;
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- tag: SELECT 1

-- case: dml_on_conflict_nothing_returning_empty
CREATE TABLE t (a int PRIMARY KEY);
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING RETURNING a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- tag: INSERT 0 0

-- case: dml_insert_values_expressions
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1 + 2, 'x' || 'y'), (abs(-4), repeat('z', 2));
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["3", "xy"]
-- row: ["4", "zz"]
-- tag: SELECT 2

-- case: dml_insert_null_explicit
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (NULL, NULL);
SELECT a IS NULL AS an, b IS NULL AS bn FROM t;
-- expect:
-- columns: ["an", "bn"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: dml_update_with_case
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
UPDATE t SET a = CASE WHEN a = 1 THEN 100 ELSE a * -1 END;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["-3"]
-- row: ["-2"]
-- row: ["100"]
-- tag: SELECT 3

-- case: dml_self_referencing_update
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
UPDATE t SET a = (SELECT max(a) FROM t) + a;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 2

-- case: dml_insert_with_cte
CREATE TABLE t (a int);
WITH src AS (SELECT generate_series(1, 3) AS n) INSERT INTO t SELECT n * 10 FROM src;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["10"]
-- row: ["20"]
-- row: ["30"]
-- tag: SELECT 3

-- case: dml_data_modifying_cte
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
WITH d AS (DELETE FROM t WHERE a > 1 RETURNING a) SELECT sum(a) AS removed FROM d;
-- expect:
-- columns: ["removed"]
-- types: ["int8"]
-- row: ["5"]
-- tag: SELECT 1

-- case: dml_cte_moves_rows
CREATE TABLE src (a int);
CREATE TABLE dst (a int);
INSERT INTO src VALUES (1), (2);
WITH moved AS (DELETE FROM src RETURNING a) INSERT INTO dst SELECT a FROM moved;
SELECT (SELECT count(*) FROM src) AS s, (SELECT count(*) FROM dst) AS d;
-- expect:
-- columns: ["s", "d"]
-- types: ["int8", "int8"]
-- row: ["0", "2"]
-- tag: SELECT 1

-- case: dml_update_returning_old_and_computed
CREATE TABLE t (id int, price numeric(8, 2));
INSERT INTO t VALUES (1, 10.00), (2, 20.00);
UPDATE t SET price = price * 1.1 WHERE id = 2 RETURNING id, price;
-- expect:
-- columns: ["id", "price"]
-- types: ["int4", "numeric"]
-- row: ["2", "22.00"]
-- tag: UPDATE 1

-- case: dml_insert_into_identity_returning
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('a'), ('b'), ('c') RETURNING id, v;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", "c"]
-- tag: INSERT 0 3

-- case: dml_delete_returning_count_via_cte
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
WITH d AS (DELETE FROM t WHERE a % 3 = 0 RETURNING *) SELECT count(*) AS c FROM d;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: dml_update_no_where_all_rows
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 0), (2, 0);
UPDATE t SET b = 1;
-- expect:
-- tag: UPDATE 2

-- case: dml_insert_text_into_varchar_pad
CREATE TABLE t (c char(4));
INSERT INTO t VALUES ('ab');
SELECT c, length(c) AS l, c = 'ab' AS eq FROM t;
-- expect:
-- columns: ["c", "l", "eq"]
-- types: ["bpchar", "int4", "bool"]
-- row: ["ab  ", "2", "t"]
-- tag: SELECT 1

-- case: dml_insert_enum_text
CREATE TYPE st AS ENUM ('new', 'done');
CREATE TABLE t (s st);
INSERT INTO t VALUES ('done'), ('new');
SELECT s FROM t ORDER BY s;
-- expect:
-- columns: ["s"]
-- types: ["user"]
-- row: ["new"]
-- row: ["done"]
-- tag: SELECT 2

-- case: dml_insert_timestamp_text
CREATE TABLE t (ts timestamptz);
INSERT INTO t VALUES ('2024-06-01 12:00:00+02');
SELECT ts FROM t;
-- expect:
-- columns: ["ts"]
-- types: ["timestamptz"]
-- row: ["2024-06-01 10:00:00+00"]
-- tag: SELECT 1

-- case: dml_insert_json
CREATE TABLE t (j jsonb);
INSERT INTO t VALUES ('{"k": [1, 2]}'), ('[]');
SELECT j, j -> 'k' AS k FROM t ORDER BY j;
-- expect:
-- columns: ["j", "k"]
-- types: ["jsonb", "jsonb"]
-- row: ["[]", null]
-- row: ["{\"k\": [1, 2]}", "[1, 2]"]
-- tag: SELECT 2

-- case: dml_bulk_insert_generate_series
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 1000);
SELECT count(*) AS c, sum(a) AS s, min(a) AS mn, max(a) AS mx FROM t;
-- expect:
-- columns: ["c", "s", "mn", "mx"]
-- types: ["int8", "int8", "int4", "int4"]
-- row: ["1000", "500500", "1", "1000"]
-- tag: SELECT 1

-- case: dml_merge_statement
CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE TABLE s (id int, v text);
INSERT INTO t VALUES (1, 'old'), (2, 'keep');
INSERT INTO s VALUES (1, 'new'), (3, 'ins');
MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "new"]
-- row: ["2", "keep"]
-- row: ["3", "ins"]
-- tag: SELECT 3
