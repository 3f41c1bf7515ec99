-- DML, part 2: ON CONFLICT variants, RETURNING with expressions, UPDATE ... FROM,
-- DELETE ... USING, INSERT ... SELECT, defaults, identity/serial, multi-row behaviour, MERGE.

-- case: dml2_on_conflict_do_update_excluded_expression
CREATE TABLE kv (k text PRIMARY KEY, v int);
INSERT INTO kv VALUES ('a', 1);
INSERT INTO kv VALUES ('a', 5), ('b', 2) ON CONFLICT (k) DO UPDATE SET v = kv.v + EXCLUDED.v;
SELECT k, v FROM kv ORDER BY k;
-- expect:
-- columns: ["k", "v"]
-- types: ["text", "int4"]
-- row: ["a", "6"]
-- row: ["b", "2"]
-- tag: SELECT 2

-- case: dml2_on_conflict_do_update_returning
CREATE TABLE kv (k text PRIMARY KEY, v int);
INSERT INTO kv VALUES ('a', 1);
INSERT INTO kv VALUES ('a', 10), ('c', 3) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v RETURNING k, v, (xmax = 0) AS inserted;
-- expect:
-- columns: ["k", "v", "inserted"]
-- types: ["text", "int4", "bool"]
-- row: ["a", "10", "f"]
-- row: ["c", "3", "t"]
-- tag: INSERT 0 2

-- case: dml2_on_conflict_do_update_where_false_skips
CREATE TABLE kv (k text PRIMARY KEY, v int);
INSERT INTO kv VALUES ('a', 100);
INSERT INTO kv VALUES ('a', 5) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.v < EXCLUDED.v;
-- expect:
-- tag: INSERT 0 0

-- case: dml2_on_conflict_do_nothing_no_target
CREATE TABLE t (a int UNIQUE, b int UNIQUE);
INSERT INTO t VALUES (1, 1);
INSERT INTO t VALUES (1, 2), (2, 1), (3, 3) ON CONFLICT DO NOTHING;
-- expect:
-- tag: INSERT 0 1

-- case: dml2_on_conflict_do_update_needs_target
CREATE TABLE t (a int UNIQUE, b int);
INSERT INTO t VALUES (1, 1) ON CONFLICT DO UPDATE SET b = 2;
-- expect:
-- error: 42601

-- case: dml2_on_conflict_composite_target
CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b));
INSERT INTO t VALUES (1, 1, 0);
INSERT INTO t VALUES (1, 1, 9), (1, 2, 8) ON CONFLICT (a, b) DO UPDATE SET c = EXCLUDED.c;
SELECT a, b, c FROM t ORDER BY a, b;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "1", "9"]
-- row: ["1", "2", "8"]
-- tag: SELECT 2

-- case: dml2_on_conflict_partial_index_target
CREATE TABLE t (a int, active bool);
CREATE UNIQUE INDEX t_active ON t (a) WHERE active;
INSERT INTO t VALUES (1, true);
INSERT INTO t VALUES (1, true) ON CONFLICT (a) WHERE active DO NOTHING;
-- expect:
-- tag: INSERT 0 0

-- case: dml2_on_conflict_expression_index_target
CREATE TABLE t (email text);
CREATE UNIQUE INDEX t_lower ON t (lower(email));
INSERT INTO t VALUES ('A@x');
INSERT INTO t VALUES ('a@X') ON CONFLICT (lower(email)) DO UPDATE SET email = EXCLUDED.email;
SELECT email FROM t;
-- expect:
-- columns: ["email"]
-- types: ["text"]
-- row: ["a@X"]
-- tag: SELECT 1

-- case: dml2_on_conflict_wrong_target_column
CREATE TABLE t (a int PRIMARY KEY, b int);
INSERT INTO t VALUES (1, 1) ON CONFLICT (b) DO NOTHING;
-- expect:
-- error: 42P10

-- case: dml2_on_conflict_same_key_twice_in_batch
CREATE TABLE t (a int PRIMARY KEY, b int);
INSERT INTO t VALUES (1, 1), (1, 2) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b;
-- expect:
-- error: 21000

-- case: dml2_on_conflict_do_nothing_same_key_twice
CREATE TABLE t (a int PRIMARY KEY, b int);
INSERT INTO t VALUES (1, 1), (1, 2) ON CONFLICT (a) DO NOTHING;
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- tag: SELECT 1

-- case: dml2_on_conflict_update_set_pk_to_conflict
CREATE TABLE t (a int PRIMARY KEY, b int);
INSERT INTO t VALUES (1, 1), (2, 2);
INSERT INTO t VALUES (1, 0) ON CONFLICT (a) DO UPDATE SET a = 2;
-- expect:
-- error: 23505

-- case: dml2_on_conflict_with_alias
CREATE TABLE counters (name text PRIMARY KEY, n int);
INSERT INTO counters AS c VALUES ('x', 1) ON CONFLICT (name) DO UPDATE SET n = c.n + 1;
INSERT INTO counters AS c VALUES ('x', 1) ON CONFLICT (name) DO UPDATE SET n = c.n + 1;
SELECT name, n FROM counters;
-- expect:
-- columns: ["name", "n"]
-- types: ["text", "int4"]
-- row: ["x", "2"]
-- tag: SELECT 1

-- case: dml2_returning_expressions_and_aliases
CREATE TABLE t (id int, price numeric(8, 2), qty int);
INSERT INTO t VALUES (1, 9.99, 3) RETURNING id, price * qty AS total, upper('ok') AS status, qty > 2 AS bulk;
-- expect:
-- columns: ["id", "total", "status", "bulk"]
-- types: ["int4", "numeric", "text", "bool"]
-- row: ["1", "29.97", "OK", "t"]
-- tag: INSERT 0 1

-- case: dml2_returning_star_with_extra
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x') RETURNING *, length(b) AS len;
-- expect:
-- columns: ["a", "b", "len"]
-- types: ["int4", "text", "int4"]
-- row: ["1", "x", "1"]
-- tag: INSERT 0 1

-- case: dml2_update_returning_old_value_via_from
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 10), (2, 20);
UPDATE t SET v = t.v + 1 FROM t AS old WHERE old.id = t.id RETURNING t.id, old.v AS before, t.v AS after;
-- expect:
-- columns: ["id", "before", "after"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "10", "11"]
-- row: ["2", "20", "21"]
-- tag: UPDATE 2

-- case: dml2_delete_returning_computed
CREATE TABLE t (id int, name text);
INSERT INTO t VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma');
DELETE FROM t WHERE id <> 2 RETURNING id, name || '!' AS gone;
-- expect:
-- columns: ["id", "gone"]
-- types: ["int4", "text"]
-- row: ["1", "alpha!"]
-- row: ["3", "gamma!"]
-- tag: DELETE 2

-- case: dml2_update_from_aggregate_subquery
CREATE TABLE orders (id int, total numeric);
CREATE TABLE items (order_id int, price numeric);
INSERT INTO orders VALUES (1, 0), (2, 0), (3, 0);
INSERT INTO items VALUES (1, 5), (1, 7), (2, 3);
UPDATE orders o SET total = s.sum FROM (SELECT order_id, sum(price) AS sum FROM items GROUP BY order_id) s WHERE s.order_id = o.id;
SELECT id, total FROM orders ORDER BY id;
-- expect:
-- columns: ["id", "total"]
-- types: ["int4", "numeric"]
-- row: ["1", "12"]
-- row: ["2", "3"]
-- row: ["3", "0"]
-- tag: SELECT 3

-- case: dml2_update_from_multiple_matches_one_wins
CREATE TABLE t (id int, v int);
CREATE TABLE s (id int, v int);
INSERT INTO t VALUES (1, 0);
INSERT INTO s VALUES (1, 5), (1, 5);
UPDATE t SET v = s.v FROM s WHERE s.id = t.id;
-- expect:
-- tag: UPDATE 1

-- case: dml2_update_from_join_two_tables
CREATE TABLE t (id int, name text);
CREATE TABLE a (id int, bid int);
CREATE TABLE b (id int, label text);
INSERT INTO t VALUES (1, NULL), (2, NULL);
INSERT INTO a VALUES (1, 10), (2, 20);
INSERT INTO b VALUES (10, 'ten'), (20, 'twenty');
UPDATE t SET name = b.label FROM a JOIN b ON b.id = a.bid WHERE a.id = t.id;
SELECT id, name FROM t ORDER BY id;
-- expect:
-- columns: ["id", "name"]
-- types: ["int4", "text"]
-- row: ["1", "ten"]
-- row: ["2", "twenty"]
-- tag: SELECT 2

-- case: dml2_update_from_target_referenced_in_from_error
CREATE TABLE t (id int, v int);
UPDATE t SET v = 1 FROM t WHERE t.id = 1;
-- expect:
-- error: 42712

-- case: dml2_update_set_column_twice_error
CREATE TABLE t (a int);
UPDATE t SET a = 1, a = 2;
-- expect:
-- error: 42601

-- case: dml2_update_qualified_set_column_error
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
UPDATE t SET t.a = 2;
-- expect:
-- error: 42703

-- case: dml2_update_multi_column_subselect
CREATE TABLE t (id int, a int, b int);
CREATE TABLE s (id int, a int, b int);
INSERT INTO t VALUES (1, 0, 0);
INSERT INTO s VALUES (1, 7, 8);
UPDATE t SET (a, b) = (SELECT a, b FROM s WHERE s.id = t.id);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["7", "8"]
-- tag: SELECT 1

-- case: dml2_update_swap_columns
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2);
UPDATE t SET a = b, b = a;
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["2", "1"]
-- tag: SELECT 1

-- case: dml2_delete_using_multiple_tables
CREATE TABLE t (id int, cid int);
CREATE TABLE c (id int, rid int);
CREATE TABLE r (id int, name text);
INSERT INTO t VALUES (1, 1), (2, 2), (3, 3);
INSERT INTO c VALUES (1, 1), (2, 2), (3, 1);
INSERT INTO r VALUES (1, 'bad'), (2, 'good');
DELETE FROM t USING c, r WHERE t.cid = c.id AND c.rid = r.id AND r.name = 'bad' RETURNING t.id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: DELETE 2

-- case: dml2_delete_using_alias
CREATE TABLE t (id int);
CREATE TABLE s (id int);
INSERT INTO t VALUES (1), (2), (3);
INSERT INTO s VALUES (2);
DELETE FROM t AS x USING s WHERE s.id = x.id;
SELECT id FROM t ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: dml2_delete_where_current_no_rows
CREATE TABLE t (id int);
DELETE FROM t WHERE id = 1;
-- expect:
-- tag: DELETE 0

-- case: dml2_delete_with_in_subquery_self
CREATE TABLE t (id int, grp int);
INSERT INTO t VALUES (1, 1), (2, 1), (3, 2), (4, 2), (5, 3);
DELETE FROM t WHERE id NOT IN (SELECT min(id) FROM t GROUP BY grp);
SELECT id FROM t ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- row: ["5"]
-- tag: SELECT 3

-- case: dml2_insert_select_from_same_table
CREATE TABLE t (n int);
INSERT INTO t VALUES (1), (2);
INSERT INTO t SELECT n + 10 FROM t;
SELECT n FROM t ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["11"]
-- row: ["12"]
-- tag: SELECT 4

-- case: dml2_insert_default_values
CREATE TABLE t (id serial, a int DEFAULT 5, b text);
INSERT INTO t DEFAULT VALUES;
INSERT INTO t DEFAULT VALUES;
SELECT id, a, b FROM t ORDER BY id;
-- expect:
-- columns: ["id", "a", "b"]
-- types: ["int4", "int4", "text"]
-- row: ["1", "5", null]
-- row: ["2", "5", null]
-- tag: SELECT 2

-- case: dml2_insert_default_in_multirow
CREATE TABLE t (a int DEFAULT 99, b int);
INSERT INTO t VALUES (1, 1), (DEFAULT, 2);
SELECT a, b FROM t ORDER BY b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["99", "2"]
-- tag: SELECT 2

-- case: dml2_insert_fewer_values_than_columns
CREATE TABLE t (a int, b int DEFAULT 3, c int);
INSERT INTO t VALUES (1);
SELECT a, b, c FROM t;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "3", null]
-- tag: SELECT 1

-- case: dml2_insert_column_twice_error
CREATE TABLE t (a int, b int);
INSERT INTO t (a, a) VALUES (1, 2);
-- expect:
-- error: 42701

-- case: dml2_insert_more_targets_than_values_error
CREATE TABLE t (a int, b int);
INSERT INTO t (a, b) VALUES (1);
-- expect:
-- error: 42601

-- case: dml2_insert_values_rows_different_lengths
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2), (3);
-- expect:
-- error: 42601

-- case: dml2_insert_text_to_int_column_literal
CREATE TABLE t (a int);
INSERT INTO t VALUES ('42');
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: dml2_insert_text_expression_to_int_error
CREATE TABLE t (a int);
INSERT INTO t VALUES ('4' || '2');
-- expect:
-- error: 42804

-- case: dml2_insert_numeric_string_to_int_error
CREATE TABLE t (a int);
INSERT INTO t VALUES ('4.5');
-- expect:
-- error: 22P02

-- case: dml2_insert_float_to_int_rounds_half_even
CREATE TABLE t (a int);
INSERT INTO t VALUES (2.5::float8), (3.5::float8), (-2.5::float8);
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["-2"]
-- row: ["2"]
-- row: ["4"]
-- tag: SELECT 3

-- case: dml2_insert_numeric_to_int_rounds_half_away
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

-- case: dml2_insert_select_type_coercion
CREATE TABLE t (a numeric(5, 1), b varchar(3));
INSERT INTO t SELECT 1.25, 'abc';
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["numeric", "varchar"]
-- row: ["1.3", "abc"]
-- tag: SELECT 1

-- case: dml2_insert_select_varchar_too_long
CREATE TABLE t (b varchar(3));
INSERT INTO t SELECT 'abcd';
-- expect:
-- error: 22001

-- case: dml2_insert_serial_returning_multi
CREATE TABLE t (id serial, v text);
INSERT INTO t (v) VALUES ('a'), ('b'), ('c') RETURNING id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: INSERT 0 3

-- case: dml2_insert_explicit_into_serial_then_conflict
CREATE TABLE t (id serial PRIMARY KEY, v text);
INSERT INTO t (id, v) VALUES (1, 'x');
INSERT INTO t (v) VALUES ('y');
-- expect:
-- error: 23505

-- case: dml2_insert_overriding_system_value
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (id, v) OVERRIDING SYSTEM VALUE VALUES (77, 'x') RETURNING id, v;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["77", "x"]
-- tag: INSERT 0 1

-- case: dml2_insert_overriding_user_value
CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, v text);
INSERT INTO t (id, v) OVERRIDING USER VALUE VALUES (77, 'x') RETURNING id, v;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- tag: INSERT 0 1

-- case: dml2_update_identity_always_to_default_ok
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('a');
UPDATE t SET id = DEFAULT RETURNING id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["2"]
-- tag: UPDATE 1

-- case: dml2_update_with_case_multiple_rows
CREATE TABLE t (id int, status text);
INSERT INTO t VALUES (1, 'new'), (2, 'open'), (3, 'closed');
UPDATE t SET status = CASE status WHEN 'new' THEN 'open' WHEN 'open' THEN 'closed' ELSE status END;
SELECT id, status FROM t ORDER BY id;
-- expect:
-- columns: ["id", "status"]
-- types: ["int4", "text"]
-- row: ["1", "open"]
-- row: ["2", "closed"]
-- row: ["3", "closed"]
-- tag: SELECT 3

-- case: dml2_update_where_subquery_exists
CREATE TABLE t (id int, flagged bool DEFAULT false);
CREATE TABLE bad (id int);
INSERT INTO t (id) VALUES (1), (2), (3);
INSERT INTO bad VALUES (2), (3);
UPDATE t SET flagged = true WHERE EXISTS (SELECT 1 FROM bad WHERE bad.id = t.id);
SELECT id, flagged FROM t ORDER BY id;
-- expect:
-- columns: ["id", "flagged"]
-- types: ["int4", "bool"]
-- row: ["1", "f"]
-- row: ["2", "t"]
-- row: ["3", "t"]
-- tag: SELECT 3

-- case: dml2_update_unique_violation_intermediate_state
CREATE TABLE t (a int UNIQUE);
INSERT INTO t VALUES (1), (2), (3);
UPDATE t SET a = a + 1;
-- expect:
-- error: 23505

-- case: dml2_update_check_violation
CREATE TABLE t (a int CHECK (a < 10));
INSERT INTO t VALUES (5);
UPDATE t SET a = a * 3;
-- expect:
-- error: 23514

-- case: dml2_update_not_null_violation
CREATE TABLE t (a int NOT NULL, b int);
INSERT INTO t VALUES (1, 1);
UPDATE t SET a = NULL;
-- expect:
-- error: 23502

-- case: dml2_update_fk_violation
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
UPDATE c SET pid = 2;
-- expect:
-- error: 23503

-- case: dml2_delete_parent_set_null_readback
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int, pid int REFERENCES p ON DELETE SET NULL);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (10, 1), (20, 2);
DELETE FROM p WHERE id = 1;
SELECT id, pid FROM c ORDER BY id;
-- expect:
-- columns: ["id", "pid"]
-- types: ["int4", "int4"]
-- row: ["10", null]
-- row: ["20", "2"]
-- tag: SELECT 2

-- case: dml2_update_cascade_readback
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int, pid int REFERENCES p ON UPDATE CASCADE);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (10, 1);
UPDATE p SET id = 5;
SELECT id, pid FROM c;
-- expect:
-- columns: ["id", "pid"]
-- types: ["int4", "int4"]
-- row: ["10", "5"]
-- tag: SELECT 1

-- case: dml2_merge_insert_update_delete
CREATE TABLE tgt (id int PRIMARY KEY, v int);
CREATE TABLE src (id int, v int);
INSERT INTO tgt VALUES (1, 10), (2, 20), (3, 30);
INSERT INTO src VALUES (1, 11), (2, 0), (4, 40);
MERGE INTO tgt t USING src s ON t.id = s.id WHEN MATCHED AND s.v = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
SELECT id, v FROM tgt ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "11"]
-- row: ["3", "30"]
-- row: ["4", "40"]
-- tag: SELECT 3

-- case: dml2_merge_tag
CREATE TABLE tgt (id int PRIMARY KEY, v int);
CREATE TABLE src (id int, v int);
INSERT INTO tgt VALUES (1, 10);
INSERT INTO src VALUES (1, 11), (2, 22);
MERGE INTO tgt t USING src s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
-- expect:
-- tag: MERGE 2

-- case: dml2_merge_do_nothing
CREATE TABLE tgt (id int PRIMARY KEY, v int);
INSERT INTO tgt VALUES (1, 10);
MERGE INTO tgt t USING (VALUES (1, 5), (2, 6)) s(id, v) ON t.id = s.id WHEN MATCHED THEN DO NOTHING WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
SELECT id, v FROM tgt ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- row: ["2", "6"]
-- tag: SELECT 2

-- case: dml2_merge_source_row_matches_twice_error
CREATE TABLE tgt (id int, v int);
INSERT INTO tgt VALUES (1, 10);
MERGE INTO tgt t USING (VALUES (1, 5), (1, 6)) s(id, v) ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v;
-- expect:
-- error: 21000

-- case: dml2_insert_array_and_json_values
CREATE TABLE t (tags text[], meta jsonb);
INSERT INTO t VALUES (ARRAY['a', 'b'], '{"k": [1, 2]}'), ('{c}', 'null');
SELECT tags, meta, jsonb_typeof(meta) AS jt FROM t ORDER BY tags;
-- expect:
-- columns: ["tags", "meta", "jt"]
-- types: ["text[]", "jsonb", "text"]
-- row: ["{a,b}", "{\"k\": [1, 2]}", "object"]
-- row: ["{c}", "null", "null"]
-- tag: SELECT 2

-- case: dml2_update_array_element
CREATE TABLE t (a int[]);
INSERT INTO t VALUES ('{1,2,3}');
UPDATE t SET a[2] = 20;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4[]"]
-- row: ["{1,20,3}"]
-- tag: SELECT 1

-- case: dml2_update_array_extend_with_gap
CREATE TABLE t (a int[]);
INSERT INTO t VALUES ('{1,2}');
UPDATE t SET a[5] = 5;
SELECT a, array_length(a, 1) AS len FROM t;
-- expect:
-- columns: ["a", "len"]
-- types: ["int4[]", "int4"]
-- row: ["{1,2,NULL,NULL,5}", "5"]
-- tag: SELECT 1

-- case: dml2_update_jsonb_set_field
CREATE TABLE t (doc jsonb);
INSERT INTO t VALUES ('{"a": 1, "b": {"c": 2}}');
UPDATE t SET doc = jsonb_set(doc, '{b,c}', '42') || '{"d": true}';
SELECT doc FROM t;
-- expect:
-- columns: ["doc"]
-- types: ["jsonb"]
-- row: ["{\"a\": 1, \"b\": {\"c\": 42}, \"d\": true}"]
-- tag: SELECT 1

-- case: dml2_insert_on_conflict_tag_counts_updates
CREATE TABLE t (a int PRIMARY KEY, n int DEFAULT 0);
INSERT INTO t VALUES (1), (2);
INSERT INTO t VALUES (1), (2), (3) ON CONFLICT (a) DO UPDATE SET n = t.n + 1;
-- expect:
-- tag: INSERT 0 3

-- case: dml2_upsert_counter_loop_result
CREATE TABLE hits (page text PRIMARY KEY, n int NOT NULL);
INSERT INTO hits VALUES ('/', 1) ON CONFLICT (page) DO UPDATE SET n = hits.n + 1;
INSERT INTO hits VALUES ('/', 1) ON CONFLICT (page) DO UPDATE SET n = hits.n + 1;
INSERT INTO hits VALUES ('/a', 1) ON CONFLICT (page) DO UPDATE SET n = hits.n + 1;
INSERT INTO hits VALUES ('/', 1) ON CONFLICT (page) DO UPDATE SET n = hits.n + 1;
SELECT page, n FROM hits ORDER BY page;
-- expect:
-- columns: ["page", "n"]
-- types: ["text", "int4"]
-- row: ["/", "3"]
-- row: ["/a", "1"]
-- tag: SELECT 2

-- case: dml2_insert_into_generated_default_keyword_ok
CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
INSERT INTO t VALUES (3, DEFAULT) RETURNING a, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["3", "6"]
-- tag: INSERT 0 1

-- case: dml2_update_generated_column_error
CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
INSERT INTO t (a) VALUES (1);
UPDATE t SET b = 5;
-- expect:
-- error: 428C9

-- case: dml2_insert_returning_from_on_conflict_nothing_count
CREATE TABLE t (a int PRIMARY KEY);
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (1), (2), (3) ON CONFLICT DO NOTHING RETURNING a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: INSERT 0 2

-- case: dml2_delete_all_then_count_tag
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 25);
DELETE FROM t;
-- expect:
-- tag: DELETE 25

-- case: dml2_update_limit_not_supported
CREATE TABLE t (a int);
UPDATE t SET a = 1 LIMIT 1;
-- expect:
-- error: 42601

-- case: dml2_update_by_ctid_subquery_limit
CREATE TABLE t (id int, done bool DEFAULT false);
INSERT INTO t (id) SELECT generate_series(1, 5);
UPDATE t SET done = true WHERE id IN (SELECT id FROM t ORDER BY id LIMIT 2);
SELECT id FROM t WHERE done ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: dml2_insert_into_view_with_default
CREATE TABLE t (id int, v text DEFAULT 'base');
CREATE VIEW vw AS SELECT id, v FROM t;
INSERT INTO vw (id) VALUES (1);
SELECT id, v FROM t;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "base"]
-- tag: SELECT 1

-- case: dml2_insert_timestamp_variants
CREATE TABLE t (ts timestamp, tz timestamptz, d date);
INSERT INTO t VALUES ('2024-02-29 12:34:56.789', '2024-02-29 12:00:00+02', 'Feb 29, 2024');
SELECT ts, tz, d FROM t;
-- expect:
-- columns: ["ts", "tz", "d"]
-- types: ["timestamp", "timestamptz", "date"]
-- row: ["2024-02-29 12:34:56.789", "2024-02-29 10:00:00+00", "2024-02-29"]
-- tag: SELECT 1
