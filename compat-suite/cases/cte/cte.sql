-- Common table expressions: WITH, WITH RECURSIVE, MATERIALIZED, data-modifying CTEs.

-- case: cte_simple
WITH x AS (SELECT 1 AS a) SELECT a FROM x;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: cte_multiple
WITH a AS (SELECT 1 AS v), b AS (SELECT v + 1 AS v FROM a) SELECT a.v AS av, b.v AS bv FROM a, b;
-- expect:
-- columns: ["av", "bv"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- tag: SELECT 1

-- case: cte_column_list
WITH x(p, q) AS (SELECT 1, 2) SELECT q, p FROM x;
-- expect:
-- columns: ["q", "p"]
-- types: ["int4", "int4"]
-- row: ["2", "1"]
-- tag: SELECT 1

-- case: cte_referenced_twice
WITH x AS (SELECT generate_series(1, 3) AS n) SELECT a.n AS a, b.n AS b FROM x a JOIN x b ON a.n = b.n - 1 ORDER BY a.n;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["2", "3"]
-- tag: SELECT 2

-- case: cte_over_table
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 5);
WITH totals AS (SELECT g, sum(v) AS s FROM t GROUP BY g) SELECT g, s FROM totals WHERE s > 2 ORDER BY g;
-- expect:
-- columns: ["g", "s"]
-- types: ["text", "int8"]
-- row: ["a", "3"]
-- row: ["b", "5"]
-- tag: SELECT 2

-- case: cte_recursive_counter
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 5

-- case: cte_recursive_sum
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100) SELECT sum(n) AS s FROM r;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["5050"]
-- tag: SELECT 1

-- case: cte_recursive_factorial
WITH RECURSIVE f(n, fact) AS (SELECT 1, 1::numeric UNION ALL SELECT n + 1, fact * (n + 1) FROM f WHERE n < 10) SELECT n, fact FROM f ORDER BY n;
-- expect:
-- columns: ["n", "fact"]
-- types: ["int4", "numeric"]
-- row: ["1", "1"]
-- row: ["2", "2"]
-- row: ["3", "6"]
-- row: ["4", "24"]
-- row: ["5", "120"]
-- row: ["6", "720"]
-- row: ["7", "5040"]
-- row: ["8", "40320"]
-- row: ["9", "362880"]
-- row: ["10", "3628800"]
-- tag: SELECT 10

-- case: cte_recursive_fibonacci
WITH RECURSIVE fib(a, b) AS (SELECT 0::int8, 1::int8 UNION ALL SELECT b, a + b FROM fib WHERE b < 100) SELECT a FROM fib ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int8"]
-- row: ["0"]
-- row: ["1"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["5"]
-- row: ["8"]
-- row: ["13"]
-- row: ["21"]
-- row: ["34"]
-- row: ["55"]
-- row: ["89"]
-- tag: SELECT 12

-- case: cte_recursive_tree
CREATE TABLE tree (id int, parent int, name text);
INSERT INTO tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'), (5, 4, 'a1x');
WITH RECURSIVE sub AS (SELECT id, name, 0 AS depth FROM tree WHERE id = 2 UNION ALL SELECT t.id, t.name, s.depth + 1 FROM tree t JOIN sub s ON t.parent = s.id) SELECT id, name, depth FROM sub ORDER BY id;
-- expect:
-- columns: ["id", "name", "depth"]
-- types: ["int4", "text", "int4"]
-- row: ["2", "a", "0"]
-- row: ["4", "a1", "1"]
-- row: ["5", "a1x", "2"]
-- tag: SELECT 3

-- case: cte_recursive_path_string
CREATE TABLE tree (id int, parent int, name text);
INSERT INTO tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'c');
WITH RECURSIVE p AS (SELECT id, name::text AS path FROM tree WHERE parent IS NULL UNION ALL SELECT t.id, p.path || '/' || t.name FROM tree t JOIN p ON t.parent = p.id) SELECT path FROM p ORDER BY path;
-- expect:
-- columns: ["path"]
-- types: ["text"]
-- row: ["root"]
-- row: ["root/a"]
-- row: ["root/a/c"]
-- row: ["root/b"]
-- tag: SELECT 4

-- case: cte_recursive_union_dedup
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT CASE WHEN n < 3 THEN n + 1 ELSE 1 END FROM r) SELECT n FROM r ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: cte_recursive_graph_cycle_union
CREATE TABLE edges (a int, b int);
INSERT INTO edges VALUES (1, 2), (2, 3), (3, 1), (3, 4);
WITH RECURSIVE reach(n) AS (SELECT 1 UNION SELECT e.b FROM edges e JOIN reach r ON e.a = r.n) SELECT n FROM reach ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 4

-- case: cte_recursive_search_depth_first
CREATE TABLE tree (id int, parent int);
INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 1), (4, 2);
WITH RECURSIVE t(id) AS (SELECT id FROM tree WHERE parent IS NULL UNION ALL SELECT tree.id FROM tree JOIN t ON tree.parent = t.id) SEARCH DEPTH FIRST BY id SET ord SELECT id FROM t ORDER BY ord;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["4"]
-- row: ["3"]
-- tag: SELECT 4

-- case: cte_recursive_cycle_clause
CREATE TABLE edges (a int, b int);
INSERT INTO edges VALUES (1, 2), (2, 1);
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT e.b FROM edges e JOIN r ON e.a = r.n) CYCLE n SET is_cycle USING path SELECT n, is_cycle FROM r;
-- expect:
-- columns: ["n", "is_cycle"]
-- types: ["int4", "bool"]
-- row: ["1", "f"]
-- row: ["2", "f"]
-- row: ["1", "t"]
-- tag: SELECT 3

-- case: cte_recursive_dates
WITH RECURSIVE d(day) AS (SELECT date '2024-02-27' UNION ALL SELECT day + 1 FROM d WHERE day < date '2024-03-02') SELECT day FROM d ORDER BY day;
-- expect:
-- columns: ["day"]
-- types: ["date"]
-- row: ["2024-02-27"]
-- row: ["2024-02-28"]
-- row: ["2024-02-29"]
-- row: ["2024-03-01"]
-- row: ["2024-03-02"]
-- tag: SELECT 5

-- case: cte_materialized
WITH x AS MATERIALIZED (SELECT 5 AS v) SELECT v * 2 AS d FROM x;
-- expect:
-- columns: ["d"]
-- types: ["int4"]
-- row: ["10"]
-- tag: SELECT 1

-- case: cte_not_materialized
WITH x AS NOT MATERIALIZED (SELECT 5 AS v) SELECT v * 3 AS d FROM x;
-- expect:
-- columns: ["d"]
-- types: ["int4"]
-- row: ["15"]
-- tag: SELECT 1

-- case: cte_in_subquery
SELECT (WITH x AS (SELECT 7 AS v) SELECT v FROM x) AS r;
-- expect:
-- columns: ["r"]
-- types: ["int4"]
-- row: ["7"]
-- tag: SELECT 1

-- case: cte_nested_with
WITH a AS (WITH b AS (SELECT 2 AS v) SELECT v * 10 AS v FROM b) SELECT v FROM a;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["20"]
-- tag: SELECT 1

-- case: cte_shadows_table
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
WITH t AS (SELECT 99 AS a) SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["99"]
-- tag: SELECT 1

-- case: cte_insert_returning
CREATE TABLE t (id serial, v text);
WITH ins AS (INSERT INTO t (v) VALUES ('a'), ('b') RETURNING id, v) SELECT count(*) AS n FROM ins;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: cte_update_returning
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 1), (2, 2);
WITH u AS (UPDATE t SET v = v * 10 RETURNING id, v) SELECT id, v FROM u ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- row: ["2", "20"]
-- tag: SELECT 2

-- case: cte_modifying_executed_even_if_unused
CREATE TABLE t (a int);
WITH ins AS (INSERT INTO t VALUES (1)) SELECT 'x' AS done;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: cte_used_in_insert
CREATE TABLE t (a int);
WITH src AS (SELECT generate_series(1, 3) AS n) INSERT INTO t SELECT n FROM src;
-- expect:
-- tag: INSERT 0 3

-- case: cte_used_in_update
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 0), (2, 0);
WITH src AS (SELECT 2 AS id, 5 AS nv) UPDATE t SET v = src.nv FROM src WHERE t.id = src.id;
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "0"]
-- row: ["2", "5"]
-- tag: SELECT 2

-- case: cte_used_in_delete
CREATE TABLE t (id int);
INSERT INTO t VALUES (1), (2), (3);
WITH doomed AS (SELECT 2 AS id) DELETE FROM t WHERE id IN (SELECT id FROM doomed);
SELECT id FROM t ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: cte_recursive_type_mismatch_error
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1.5 FROM r WHERE n < 3) SELECT n FROM r;
-- expect:
-- error: 42804

-- case: cte_recursive_limit_stops
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r LIMIT 4;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 4

-- case: cte_recursive_two_columns_running_total
WITH RECURSIVE r(i, total) AS (SELECT 1, 1 UNION ALL SELECT i + 1, total + i + 1 FROM r WHERE i < 5) SELECT i, total FROM r ORDER BY i;
-- expect:
-- columns: ["i", "total"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "3"]
-- row: ["3", "6"]
-- row: ["4", "10"]
-- row: ["5", "15"]
-- tag: SELECT 5

-- case: cte_union_all_in_base
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT 10 UNION ALL SELECT n + 1 FROM r WHERE n < 3 OR (n >= 10 AND n < 11)) SELECT n FROM r ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["10"]
-- row: ["11"]
-- tag: SELECT 5

-- case: cte_with_window
CREATE TABLE t (a int);
INSERT INTO t VALUES (3), (1), (2);
WITH ranked AS (SELECT a, row_number() OVER (ORDER BY a) AS rn FROM t) SELECT a FROM ranked WHERE rn = 2;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: cte_with_aggregates_chain
WITH nums AS (SELECT generate_series(1, 10) AS n), evens AS (SELECT n FROM nums WHERE n % 2 = 0) SELECT count(*) AS c, sum(n) AS s FROM evens;
-- expect:
-- columns: ["c", "s"]
-- types: ["int8", "int8"]
-- row: ["5", "30"]
-- tag: SELECT 1

-- case: cte_forward_reference_error
WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a;
-- expect:
-- error: 42P01

-- case: cte_column_count_mismatch_error
WITH x(a, b, c) AS (SELECT 1, 2) SELECT * FROM x;
-- expect:
-- error: 42P10

-- case: cte_recursive_with_order_inside_error
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM r WHERE n < 3 ORDER BY n)) SELECT n FROM r;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: cte_values
WITH v(a, b) AS (VALUES (1, 'x'), (2, 'y')) SELECT b FROM v WHERE a = 2;
-- expect:
-- columns: ["b"]
-- types: ["text"]
-- row: ["y"]
-- tag: SELECT 1
