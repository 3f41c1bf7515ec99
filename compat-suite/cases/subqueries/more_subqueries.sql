-- Subqueries, part 2: multi-level and correlated subqueries in SELECT/WHERE/HAVING, EXISTS and
-- NOT EXISTS with NULLs, NOT IN with NULLs, ANY/ALL, scalar subquery rules.

-- case: sub2_correlated_max_per_group
CREATE TABLE emp (name text, dept text, sal int);
INSERT INTO emp VALUES ('a', 'x', 10), ('b', 'x', 30), ('c', 'y', 20), ('d', 'y', 20), ('e', 'z', 5);
SELECT name FROM emp e WHERE sal = (SELECT max(sal) FROM emp e2 WHERE e2.dept = e.dept) ORDER BY name;
-- expect:
-- columns: ["name"]
-- types: ["text"]
-- row: ["b"]
-- row: ["c"]
-- row: ["d"]
-- row: ["e"]
-- tag: SELECT 4

-- case: sub2_correlated_above_dept_avg
CREATE TABLE emp (name text, dept text, sal int);
INSERT INTO emp VALUES ('a', 'x', 10), ('b', 'x', 30), ('c', 'y', 20), ('d', 'y', 25);
SELECT name, sal FROM emp e WHERE sal > (SELECT avg(sal) FROM emp WHERE dept = e.dept) ORDER BY name;
-- expect:
-- columns: ["name", "sal"]
-- types: ["text", "int4"]
-- row: ["b", "30"]
-- row: ["d", "25"]
-- tag: SELECT 2

-- case: sub2_correlated_in_select_list_rank
CREATE TABLE s (name text, score int);
INSERT INTO s VALUES ('a', 50), ('b', 70), ('c', 70), ('d', 90);
SELECT name, (SELECT count(*) FROM s s2 WHERE s2.score > s.score) + 1 AS rnk FROM s ORDER BY rnk, name;
-- expect:
-- columns: ["name", "rnk"]
-- types: ["text", "int8"]
-- row: ["d", "1"]
-- row: ["b", "2"]
-- row: ["c", "2"]
-- row: ["a", "4"]
-- tag: SELECT 4

-- case: sub2_correlated_in_having
CREATE TABLE o (cust text, amount int);
CREATE TABLE lim (cust text, cap int);
INSERT INTO o VALUES ('a', 10), ('a', 20), ('b', 5), ('b', 1);
INSERT INTO lim VALUES ('a', 25), ('b', 100);
SELECT cust, sum(amount) AS total FROM o GROUP BY cust HAVING sum(amount) > (SELECT cap FROM lim WHERE lim.cust = o.cust) ORDER BY cust;
-- expect:
-- columns: ["cust", "total"]
-- types: ["text", "int8"]
-- row: ["a", "30"]
-- tag: SELECT 1

-- case: sub2_correlated_two_levels_up
CREATE TABLE a (id int);
CREATE TABLE b (aid int, v int);
CREATE TABLE c (v int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1, 10), (2, 20);
INSERT INTO c VALUES (10), (20), (20);
SELECT a.id, (SELECT (SELECT count(*) FROM c WHERE c.v = b.v AND a.id > 0) FROM b WHERE b.aid = a.id) AS n FROM a ORDER BY a.id;
-- expect:
-- columns: ["id", "n"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: sub2_nested_in_in
SELECT x FROM generate_series(1, 10) x WHERE x IN (SELECT y FROM generate_series(1, 10) y WHERE y IN (SELECT z * 3 FROM generate_series(1, 3) z)) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["6"]
-- row: ["9"]
-- tag: SELECT 3

-- case: sub2_exists_correlated_with_nulls
CREATE TABLE a (k int);
CREATE TABLE b (k int);
INSERT INTO a VALUES (1), (NULL), (3);
INSERT INTO b VALUES (1), (NULL);
SELECT k FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k) ORDER BY k;
-- expect:
-- columns: ["k"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: sub2_not_exists_vs_not_in_with_nulls
CREATE TABLE a (k int);
CREATE TABLE b (k int);
INSERT INTO a VALUES (1), (2), (NULL);
INSERT INTO b VALUES (1), (NULL);
SELECT (SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k)) AS not_exists_n, (SELECT count(*) FROM a WHERE k NOT IN (SELECT k FROM b)) AS not_in_n, (SELECT count(*) FROM a WHERE k NOT IN (SELECT k FROM b WHERE k IS NOT NULL)) AS not_in_filtered_n;
-- expect:
-- columns: ["not_exists_n", "not_in_n", "not_in_filtered_n"]
-- types: ["int8", "int8", "int8"]
-- row: ["2", "0", "1"]
-- tag: SELECT 1

-- case: sub2_not_in_empty_subquery_true_even_for_null
CREATE TABLE a (k int);
INSERT INTO a VALUES (1), (NULL);
SELECT count(*) AS n FROM a WHERE k NOT IN (SELECT 1 WHERE false);
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: sub2_in_subquery_returns_null_row
SELECT 1 IN (SELECT NULL::int) AS a, 1 NOT IN (SELECT NULL::int) AS b, 1 IN (SELECT 1 UNION ALL SELECT NULL) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: [null, null, "t"]
-- tag: SELECT 1

-- case: sub2_exists_with_limit_zero
SELECT EXISTS (SELECT 1 FROM generate_series(1, 5) LIMIT 0) AS e;
-- expect:
-- columns: ["e"]
-- types: ["bool"]
-- row: ["f"]
-- tag: SELECT 1

-- case: sub2_exists_ignores_select_list_errors
SELECT EXISTS (SELECT 1 / 0 WHERE false) AS e;
-- expect:
-- columns: ["e"]
-- types: ["bool"]
-- row: ["f"]
-- tag: SELECT 1

-- case: sub2_scalar_subquery_empty_in_arithmetic
SELECT (SELECT 1 WHERE false) + 1 AS a, coalesce((SELECT 1 WHERE false), 0) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: [null, "0"]
-- tag: SELECT 1

-- case: sub2_scalar_subquery_with_order_limit
SELECT (SELECT x FROM generate_series(1, 5) x ORDER BY x DESC LIMIT 1) AS top;
-- expect:
-- columns: ["top"]
-- types: ["int4"]
-- row: ["5"]
-- tag: SELECT 1

-- case: sub2_scalar_subquery_multiple_rows_in_where_error
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT 1 WHERE 1 = (SELECT a FROM t);
-- expect:
-- error: 21000

-- case: sub2_scalar_subquery_in_order_by
CREATE TABLE c (id int, name text);
CREATE TABLE o (cid int);
INSERT INTO c VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO o VALUES (2), (2), (3);
SELECT name FROM c ORDER BY (SELECT count(*) FROM o WHERE o.cid = c.id) DESC, name;
-- expect:
-- columns: ["name"]
-- types: ["text"]
-- row: ["b"]
-- row: ["c"]
-- row: ["a"]
-- tag: SELECT 3

-- case: sub2_any_with_subquery_and_nulls
SELECT 5 > ANY (SELECT NULL::int UNION ALL SELECT 3) AS a, 5 > ALL (SELECT NULL::int UNION ALL SELECT 3) AS b, 5 = ANY (SELECT NULL::int) AS c, 5 <> ALL (SELECT 1 WHERE false) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", null, null, "t"]
-- tag: SELECT 1

-- case: sub2_all_subquery_max_alternative
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (5), (3);
SELECT v FROM t WHERE v >= ALL (SELECT v FROM t);
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["5"]
-- tag: SELECT 1

-- case: sub2_any_array_vs_subquery_forms
SELECT 2 = ANY (ARRAY[1, 2]) AS arr, 2 = ANY (SELECT unnest(ARRAY[1, 2])) AS sub;
-- expect:
-- columns: ["arr", "sub"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: sub2_any_subquery_returning_array_error
SELECT 2 = ANY ((SELECT ARRAY[1, 2]));
-- expect:
-- error: 42883

-- case: sub2_row_subquery_comparison
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2), (3, 4);
SELECT a, b FROM t WHERE (a, b) = (SELECT 3, 4);
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["3", "4"]
-- tag: SELECT 1

-- case: sub2_row_in_subquery_multi_column
CREATE TABLE t (a int, b int);
CREATE TABLE s (a int, b int);
INSERT INTO t VALUES (1, 2), (3, 4), (5, 6);
INSERT INTO s VALUES (3, 4), (5, 0);
SELECT a, b FROM t WHERE (a, b) IN (SELECT a, b FROM s);
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["3", "4"]
-- tag: SELECT 1

-- case: sub2_row_not_in_with_null_component
SELECT (1, 2) NOT IN (SELECT 1, NULL::int) AS a, (1, 2) NOT IN (SELECT 3, NULL::int) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: [null, "t"]
-- tag: SELECT 1

-- case: sub2_derived_table_with_window_filter
SELECT name, sal FROM (SELECT name, sal, row_number() OVER (ORDER BY sal DESC, name) AS rn FROM (VALUES ('a', 10), ('b', 30), ('c', 20)) v(name, sal)) s WHERE rn <= 2 ORDER BY rn;
-- expect:
-- columns: ["name", "sal"]
-- types: ["text", "int4"]
-- row: ["b", "30"]
-- row: ["c", "20"]
-- tag: SELECT 2

-- case: sub2_derived_table_column_alias_list
SELECT total FROM (SELECT sum(x) FROM generate_series(1, 4) x) AS s(total);
-- expect:
-- columns: ["total"]
-- types: ["int8"]
-- row: ["10"]
-- tag: SELECT 1

-- case: sub2_derived_table_without_alias_pg15_error
SELECT * FROM (SELECT 1) JOIN (SELECT 2) ON true;
-- expect:
-- error: 42601

-- case: sub2_subquery_in_from_lateral_implicit_error
CREATE TABLE t (a int);
SELECT * FROM t, (SELECT t.a) s;
-- expect:
-- error: 42P01

-- case: sub2_correlated_update_set
CREATE TABLE t (id int, cnt int);
CREATE TABLE e (tid int);
INSERT INTO t VALUES (1, 0), (2, 0), (3, 0);
INSERT INTO e VALUES (1), (1), (3);
UPDATE t SET cnt = (SELECT count(*) FROM e WHERE e.tid = t.id);
SELECT id, cnt FROM t ORDER BY id;
-- expect:
-- columns: ["id", "cnt"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["2", "0"]
-- row: ["3", "1"]
-- tag: SELECT 3

-- case: sub2_correlated_delete_keep_latest
CREATE TABLE t (k text, ver int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 1), ('a', 3), ('b', 5);
DELETE FROM t WHERE ver < (SELECT max(ver) FROM t t2 WHERE t2.k = t.k);
SELECT k, ver FROM t ORDER BY k;
-- expect:
-- columns: ["k", "ver"]
-- types: ["text", "int4"]
-- row: ["a", "3"]
-- row: ["b", "5"]
-- tag: SELECT 2

-- case: sub2_insert_where_not_exists_idempotent
CREATE TABLE t (k text PRIMARY KEY);
INSERT INTO t SELECT 'a' WHERE NOT EXISTS (SELECT 1 FROM t WHERE k = 'a');
INSERT INTO t SELECT 'a' WHERE NOT EXISTS (SELECT 1 FROM t WHERE k = 'a');
-- expect:
-- tag: INSERT 0 0

-- case: sub2_subquery_returns_aggregate_of_outer
CREATE TABLE t (g int, v int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 5);
SELECT g, (SELECT sum(v)) AS s FROM t GROUP BY g ORDER BY g;
-- expect:
-- columns: ["g", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "3"]
-- row: ["2", "5"]
-- tag: SELECT 2

-- case: sub2_outer_aggregate_in_subquery_where
CREATE TABLE t (g int, v int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 5);
SELECT g FROM t GROUP BY g HAVING EXISTS (SELECT 1 WHERE max(t.v) > 3);
-- expect:
-- columns: ["g"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: sub2_ungrouped_outer_column_in_subquery_error
CREATE TABLE t (g int, v int);
SELECT g, (SELECT v) FROM t GROUP BY g;
-- expect:
-- error: 42803

-- case: sub2_array_subquery_correlated
CREATE TABLE p (id int);
CREATE TABLE c (pid int, name text);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (1, 'b'), (1, 'a');
SELECT id, ARRAY(SELECT name FROM c WHERE c.pid = p.id ORDER BY name) AS kids FROM p ORDER BY id;
-- expect:
-- columns: ["id", "kids"]
-- types: ["int4", "text[]"]
-- row: ["1", "{a,b}"]
-- row: ["2", "{}"]
-- tag: SELECT 2

-- case: sub2_exists_in_select_list
CREATE TABLE p (id int);
CREATE TABLE c (pid int);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (2);
SELECT id, EXISTS (SELECT 1 FROM c WHERE c.pid = p.id) AS has_child FROM p ORDER BY id;
-- expect:
-- columns: ["id", "has_child"]
-- types: ["int4", "bool"]
-- row: ["1", "f"]
-- row: ["2", "t"]
-- tag: SELECT 2

-- case: sub2_case_with_subqueries
SELECT x, CASE WHEN x IN (SELECT 2 UNION SELECT 3) THEN 'in' WHEN EXISTS (SELECT 1 WHERE x > 3) THEN 'big' ELSE 'other' END AS c FROM generate_series(1, 4) x ORDER BY x;
-- expect:
-- columns: ["x", "c"]
-- types: ["int4", "text"]
-- row: ["1", "other"]
-- row: ["2", "in"]
-- row: ["3", "in"]
-- row: ["4", "big"]
-- tag: SELECT 4

-- case: sub2_subquery_in_join_condition
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1), (2);
SELECT a.id AS aid, b.id AS bid FROM a JOIN b ON b.id = (SELECT max(id) FROM b) ORDER BY a.id;
-- expect:
-- columns: ["aid", "bid"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: sub2_subquery_column_name_default
SELECT (SELECT 1), (SELECT 1 AS x), (SELECT max(y) FROM generate_series(1, 2) y);
-- expect:
-- columns: ["?column?", "x", "max"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "1", "2"]
-- tag: SELECT 1

-- case: sub2_subquery_too_many_columns_in_in
SELECT 1 IN (SELECT 1, 2);
-- expect:
-- error: 42601

-- case: sub2_nested_aggregates_via_subquery
SELECT avg(cnt) AS avg_per_group FROM (SELECT g, count(*) AS cnt FROM (VALUES (1), (1), (2), (3), (3), (3)) v(g) GROUP BY g) s;
-- expect:
-- columns: ["avg_per_group"]
-- types: ["numeric"]
-- row: ["2.0000000000000000"]
-- tag: SELECT 1

-- case: sub2_correlated_count_zero_vs_left_join
CREATE TABLE p (id int);
CREATE TABLE c (pid int);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (1);
SELECT id, (SELECT count(*) FROM c WHERE c.pid = p.id) AS n, (SELECT sum(1) FROM c WHERE c.pid = p.id) AS s FROM p ORDER BY id;
-- expect:
-- columns: ["id", "n", "s"]
-- types: ["int4", "int8", "int8"]
-- row: ["1", "1", "1"]
-- row: ["2", "0", null]
-- tag: SELECT 2

-- case: sub2_lateral_vs_correlated_same_result
CREATE TABLE p (id int);
CREATE TABLE c (pid int, v int);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (1, 5), (1, 7), (2, 1);
SELECT p.id, l.m FROM p, LATERAL (SELECT max(v) AS m FROM c WHERE c.pid = p.id) l ORDER BY p.id;
-- expect:
-- columns: ["id", "m"]
-- types: ["int4", "int4"]
-- row: ["1", "7"]
-- row: ["2", "1"]
-- tag: SELECT 2

-- case: sub2_in_with_duplicates_in_subquery
SELECT count(*) AS n FROM generate_series(1, 3) x WHERE x IN (SELECT 1 FROM generate_series(1, 100));
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: sub2_scalar_subquery_type
SELECT pg_typeof((SELECT 1::int8)) AS a, pg_typeof((SELECT NULL)) AS b, pg_typeof((SELECT 'x')) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["regtype", "regtype", "regtype"]
-- row: ["bigint", "text", "text"]
-- tag: SELECT 1

-- case: sub2_values_subquery_in_in
SELECT x FROM generate_series(1, 5) x WHERE x IN (VALUES (2), (4)) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["4"]
-- tag: SELECT 2
