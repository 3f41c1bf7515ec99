-- CTEs, part 2: recursive trees and graphs (cycles guarded), UNION vs UNION ALL in recursion,
-- SEARCH/CYCLE, data-modifying CTEs, scoping and error cases.

-- case: cte2_tree_descendants_with_depth
CREATE TABLE emp (id int PRIMARY KEY, boss int, name text);
INSERT INTO emp VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 1, 'cfo'), (4, 2, 'dev1'), (5, 2, 'dev2'), (6, 4, 'intern');
WITH RECURSIVE sub AS (SELECT id, name, 0 AS depth FROM emp WHERE id = 2 UNION ALL SELECT e.id, e.name, s.depth + 1 FROM emp e JOIN sub s ON e.boss = s.id) SELECT name, depth FROM sub ORDER BY depth, name;
-- expect:
-- columns: ["name", "depth"]
-- types: ["text", "int4"]
-- row: ["cto", "0"]
-- row: ["dev1", "1"]
-- row: ["dev2", "1"]
-- row: ["intern", "2"]
-- tag: SELECT 4

-- case: cte2_tree_ancestors_path
CREATE TABLE emp (id int PRIMARY KEY, boss int, name text);
INSERT INTO emp VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (4, 2, 'dev1'), (6, 4, 'intern');
WITH RECURSIVE up AS (SELECT id, boss, name::text AS path FROM emp WHERE id = 6 UNION ALL SELECT e.id, e.boss, u.path || ' > ' || e.name FROM emp e JOIN up u ON e.id = u.boss) SELECT path FROM up WHERE boss IS NULL;
-- expect:
-- columns: ["path"]
-- types: ["text"]
-- row: ["intern > dev1 > cto > ceo"]
-- tag: SELECT 1

-- case: cte2_tree_path_array_sorted
CREATE TABLE cat (id int, parent int, name text);
INSERT INTO cat VALUES (1, NULL, 'root'), (2, 1, 'b'), (3, 1, 'a'), (4, 3, 'x'), (5, 2, 'y');
WITH RECURSIVE t AS (SELECT id, ARRAY[name] AS path FROM cat WHERE parent IS NULL UNION ALL SELECT c.id, t.path || c.name FROM cat c JOIN t ON c.parent = t.id) SELECT array_to_string(path, '/') AS p FROM t ORDER BY path;
-- expect:
-- columns: ["p"]
-- types: ["text"]
-- row: ["root"]
-- row: ["root/a"]
-- row: ["root/a/x"]
-- row: ["root/b"]
-- row: ["root/b/y"]
-- tag: SELECT 5

-- case: cte2_graph_cycle_guard_array
CREATE TABLE edge (src int, dst int);
INSERT INTO edge VALUES (1, 2), (2, 3), (3, 1), (3, 4);
WITH RECURSIVE walk AS (SELECT 1 AS node, ARRAY[1] AS seen UNION ALL SELECT e.dst, w.seen || e.dst FROM walk w JOIN edge e ON e.src = w.node WHERE NOT e.dst = ANY (w.seen)) SELECT node, seen FROM walk ORDER BY cardinality(seen), node;
-- expect:
-- columns: ["node", "seen"]
-- types: ["int4", "int4[]"]
-- row: ["1", "{1}"]
-- row: ["2", "{1,2}"]
-- row: ["3", "{1,2,3}"]
-- row: ["4", "{1,2,3,4}"]
-- tag: SELECT 4

-- case: cte2_graph_reachable_union_dedup
CREATE TABLE edge (src int, dst int);
INSERT INTO edge VALUES (1, 2), (2, 3), (3, 1), (3, 4), (5, 6);
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT e.dst FROM edge e JOIN r ON e.src = r.n) SELECT n FROM r ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 4

-- case: cte2_cycle_clause_marks
CREATE TABLE edge (src int, dst int);
INSERT INTO edge VALUES (1, 2), (2, 3), (3, 1);
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT e.dst FROM edge e JOIN g ON e.src = g.n) CYCLE n SET is_cycle USING path SELECT n, is_cycle FROM g ORDER BY path;
-- expect:
-- columns: ["n", "is_cycle"]
-- types: ["int4", "bool"]
-- row: ["1", "f"]
-- row: ["2", "f"]
-- row: ["3", "f"]
-- row: ["1", "t"]
-- tag: SELECT 4

-- case: cte2_search_breadth_first
CREATE TABLE tree (id int, parent int);
INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 3);
WITH RECURSIVE t(id) AS (SELECT 1 UNION ALL SELECT tree.id FROM tree JOIN t ON tree.parent = t.id) SEARCH BREADTH FIRST BY id SET ord SELECT id FROM t ORDER BY ord;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 5

-- case: cte2_search_depth_first_order
CREATE TABLE tree (id int, parent int);
INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 3);
WITH RECURSIVE t(id) AS (SELECT 1 UNION ALL SELECT tree.id FROM tree JOIN t ON tree.parent = t.id) SEARCH DEPTH FIRST BY id SET ord SELECT id FROM t ORDER BY ord;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["4"]
-- row: ["3"]
-- row: ["5"]
-- tag: SELECT 5

-- case: cte2_recursive_union_all_terminates_by_where
WITH RECURSIVE c(n) AS (VALUES (1) UNION ALL SELECT n * 2 FROM c WHERE n < 100) SELECT array_agg(n ORDER BY n) AS powers FROM c;
-- expect:
-- columns: ["powers"]
-- types: ["int4[]"]
-- row: ["{1,2,4,8,16,32,64,128}"]
-- tag: SELECT 1

-- case: cte2_recursive_string_build
WITH RECURSIVE s(i, str) AS (SELECT 1, 'a'::text UNION ALL SELECT i + 1, str || chr(ascii('a') + i) FROM s WHERE i < 5) SELECT str FROM s ORDER BY i DESC LIMIT 1;
-- expect:
-- columns: ["str"]
-- types: ["text"]
-- row: ["abcde"]
-- tag: SELECT 1

-- case: cte2_recursive_collatz
WITH RECURSIVE c(n, steps) AS (SELECT 27::bigint, 0 UNION ALL SELECT CASE WHEN n % 2 = 0 THEN n / 2 ELSE 3 * n + 1 END, steps + 1 FROM c WHERE n <> 1) SELECT max(steps) AS steps, max(n) AS peak FROM c;
-- expect:
-- columns: ["steps", "peak"]
-- types: ["int4", "int8"]
-- row: ["111", "9232"]
-- tag: SELECT 1

-- case: cte2_recursive_gcd
WITH RECURSIVE g(a, b) AS (SELECT 1071, 462 UNION ALL SELECT b, a % b FROM g WHERE b <> 0) SELECT a AS gcd FROM g WHERE b = 0;
-- expect:
-- columns: ["gcd"]
-- types: ["int4"]
-- row: ["21"]
-- tag: SELECT 1

-- case: cte2_recursive_month_series
WITH RECURSIVE m(d) AS (SELECT date '2024-01-31' UNION ALL SELECT (d + interval '1 month')::date FROM m WHERE d < date '2024-05-01') SELECT d FROM m ORDER BY d;
-- expect:
-- columns: ["d"]
-- types: ["date"]
-- row: ["2024-01-31"]
-- row: ["2024-02-29"]
-- row: ["2024-03-29"]
-- row: ["2024-04-29"]
-- row: ["2024-05-29"]
-- tag: SELECT 5

-- case: cte2_recursive_two_anchors
WITH RECURSIVE r(n, src) AS (SELECT 1, 'a' UNION ALL SELECT 10, 'b' UNION ALL SELECT n + 1, src FROM r WHERE n < 3 OR (n >= 10 AND n < 11)) SELECT n, src FROM r ORDER BY src, n;
-- expect:
-- columns: ["n", "src"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "a"]
-- row: ["3", "a"]
-- row: ["10", "b"]
-- row: ["11", "b"]
-- tag: SELECT 5

-- case: cte2_recursive_bom_quantities
CREATE TABLE parts (assembly text, part text, qty int);
INSERT INTO parts VALUES ('bike', 'wheel', 2), ('wheel', 'spoke', 32), ('wheel', 'rim', 1), ('bike', 'frame', 1);
WITH RECURSIVE bom(part, total) AS (SELECT part, qty FROM parts WHERE assembly = 'bike' UNION ALL SELECT p.part, b.total * p.qty FROM parts p JOIN bom b ON p.assembly = b.part) SELECT part, total FROM bom ORDER BY part;
-- expect:
-- columns: ["part", "total"]
-- types: ["text", "int4"]
-- row: ["frame", "1"]
-- row: ["rim", "2"]
-- row: ["spoke", "64"]
-- row: ["wheel", "2"]
-- tag: SELECT 4

-- case: cte2_recursive_reference_twice_error
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT a.n + 1 FROM r a, r b WHERE a.n < 3) SELECT * FROM r;
-- expect:
-- error: 42P19

-- case: cte2_recursive_in_subquery_of_recursive_term_error
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n IN (SELECT n FROM r)) SELECT * FROM r;
-- expect:
-- error: 42P19

-- case: cte2_recursive_aggregate_in_recursive_term_error
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT max(n) + 1 FROM r WHERE n < 3) SELECT * FROM r;
-- expect:
-- error: 42P19

-- case: cte2_recursive_left_join_error
CREATE TABLE t (a int);
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT r.n + 1 FROM t LEFT JOIN r ON true WHERE r.n < 3) SELECT * FROM r;
-- expect:
-- error: 42P19

-- case: cte2_recursive_without_union_is_plain
WITH RECURSIVE r AS (SELECT 1 AS n) SELECT n FROM r;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: cte2_non_recursive_self_reference_error
WITH r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT * FROM r;
-- expect:
-- error: 42P01

-- case: cte2_multiple_referencing_earlier
WITH a AS (SELECT generate_series(1, 5) AS x), b AS (SELECT x * 10 AS y FROM a WHERE x % 2 = 1), c AS (SELECT sum(y) AS s FROM b) SELECT s FROM c;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["90"]
-- tag: SELECT 1

-- case: cte2_with_recursive_mixed_with_plain
WITH RECURSIVE base AS (SELECT 3 AS lim), r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, base WHERE n < base.lim) SELECT array_agg(n ORDER BY n) AS ns FROM r;
-- expect:
-- columns: ["ns"]
-- types: ["int4[]"]
-- row: ["{1,2,3}"]
-- tag: SELECT 1

-- case: cte2_inner_with_shadows_outer
WITH x AS (SELECT 1 AS v) SELECT (WITH x AS (SELECT 2 AS v) SELECT v FROM x) AS inner_v, (SELECT v FROM x) AS outer_v;
-- expect:
-- columns: ["inner_v", "outer_v"]
-- types: ["int4", "int4"]
-- row: ["2", "1"]
-- tag: SELECT 1

-- case: cte2_cte_in_union_branches
WITH a AS (SELECT 1 AS v), b AS (SELECT 2 AS v) SELECT v FROM a UNION ALL SELECT v FROM b ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: cte2_cte_with_order_limit_inside
WITH top2 AS (SELECT x FROM generate_series(1, 10) x ORDER BY x DESC LIMIT 2) SELECT sum(x) AS s FROM top2;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["19"]
-- tag: SELECT 1

-- case: cte2_cte_column_rename_partial
WITH c(a) AS (SELECT 1, 2 AS b) SELECT a, b FROM c;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- tag: SELECT 1

-- case: cte2_materialized_volatile_evaluated_once
CREATE SEQUENCE s;
WITH v AS MATERIALIZED (SELECT nextval('s') AS n) SELECT a.n = b.n AS same FROM v a, v b;
-- expect:
-- columns: ["same"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: cte2_insert_returning_into_second_insert
CREATE TABLE a (id serial, v text);
CREATE TABLE log (msg text);
WITH ins AS (INSERT INTO a (v) VALUES ('x'), ('y') RETURNING id, v) INSERT INTO log SELECT v || ':' || id FROM ins;
SELECT msg FROM log ORDER BY msg;
-- expect:
-- columns: ["msg"]
-- types: ["text"]
-- row: ["x:1"]
-- row: ["y:2"]
-- tag: SELECT 2

-- case: cte2_delete_returning_archive
CREATE TABLE live (id int, v text);
CREATE TABLE archive (id int, v text);
INSERT INTO live VALUES (1, 'a'), (2, 'b'), (3, 'c');
WITH moved AS (DELETE FROM live WHERE id >= 2 RETURNING *) INSERT INTO archive SELECT * FROM moved;
SELECT (SELECT count(*) FROM live) AS live_n, (SELECT string_agg(v, ',' ORDER BY id) FROM archive) AS archived;
-- expect:
-- columns: ["live_n", "archived"]
-- types: ["int8", "text"]
-- row: ["1", "b,c"]
-- tag: SELECT 1

-- case: cte2_update_returning_tag
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 1), (2, 2);
WITH u AS (UPDATE t SET v = v * 10 RETURNING id, v) SELECT id, v FROM u ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- row: ["2", "20"]
-- tag: SELECT 2

-- case: cte2_modifying_cte_snapshot_main_query_sees_old
CREATE TABLE t (id int);
INSERT INTO t VALUES (1);
WITH ins AS (INSERT INTO t VALUES (2) RETURNING id) SELECT count(*) AS n FROM t;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: cte2_modifying_cte_in_subquery_error
CREATE TABLE t (id int);
SELECT * FROM (WITH ins AS (INSERT INTO t VALUES (1) RETURNING id) SELECT * FROM ins) s;
-- expect:
-- error: 0A000

-- case: cte2_with_in_insert_select
CREATE TABLE t (n int);
INSERT INTO t WITH src AS (SELECT generate_series(1, 4) AS n) SELECT n * n FROM src;
SELECT n FROM t ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["4"]
-- row: ["9"]
-- row: ["16"]
-- tag: SELECT 4

-- case: cte2_with_in_delete_using
CREATE TABLE t (id int);
INSERT INTO t SELECT generate_series(1, 6);
WITH evens AS (SELECT id FROM t WHERE id % 2 = 0) DELETE FROM t USING evens WHERE t.id = evens.id;
-- expect:
-- tag: DELETE 3

-- case: cte2_values_cte_column_types
WITH v(a, b) AS (VALUES (1, 'x'), (2, NULL)) SELECT pg_typeof(a) AS ta, pg_typeof(b) AS tb FROM v LIMIT 1;
-- expect:
-- columns: ["ta", "tb"]
-- types: ["regtype", "regtype"]
-- row: ["integer", "text"]
-- tag: SELECT 1

-- case: cte2_recursive_column_types_must_match_error
WITH RECURSIVE r(n) AS (SELECT 1::int UNION ALL SELECT n + 1.5 FROM r WHERE n < 3) SELECT * FROM r;
-- expect:
-- error: 42804

-- case: cte2_recursive_varchar_cast_each_step
WITH RECURSIVE r(s) AS (SELECT 'a'::varchar(3) UNION ALL SELECT (s || 'a')::varchar(3) FROM r WHERE length(s) < 3) SELECT * FROM r;
-- expect:
-- columns: ["s"]
-- types: ["varchar"]
-- row: ["a"]
-- row: ["aa"]
-- row: ["aaa"]
-- tag: SELECT 3

-- case: cte2_recursive_text_cast_ok
WITH RECURSIVE r(s) AS (SELECT 'a'::text UNION ALL SELECT s || 'b' FROM r WHERE length(s) < 4) SELECT s FROM r ORDER BY length(s);
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["a"]
-- row: ["ab"]
-- row: ["abb"]
-- row: ["abbb"]
-- tag: SELECT 4

-- case: cte2_cte_name_same_as_table_qualified_still_table
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
WITH t AS (SELECT 100 AS a) SELECT (SELECT sum(a) FROM t) AS cte_sum, (SELECT sum(a) FROM @schema@.t) AS table_sum;
-- expect:
-- columns: ["cte_sum", "table_sum"]
-- types: ["int8", "int8"]
-- row: ["100", "3"]
-- tag: SELECT 1

-- case: cte2_unused_cte_select_not_evaluated_error_free
WITH boom AS (SELECT 1 / 0 AS x) SELECT 42 AS answer;
-- expect:
-- columns: ["answer"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: cte2_recursive_fib_bigint
WITH RECURSIVE f(i, a, b) AS (SELECT 1, 0::bigint, 1::bigint UNION ALL SELECT i + 1, b, a + b FROM f WHERE i < 90) SELECT a FROM f WHERE i = 90;
-- expect:
-- columns: ["a"]
-- types: ["int8"]
-- row: ["1779979416004714189"]
-- tag: SELECT 1

-- case: cte2_lateral_with_cte
WITH nums AS (SELECT generate_series(1, 3) AS n) SELECT n, s.sq FROM nums, LATERAL (SELECT n * n AS sq) s ORDER BY n;
-- expect:
-- columns: ["n", "sq"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "4"]
-- row: ["3", "9"]
-- tag: SELECT 3
