-- Subqueries: scalar, IN / NOT IN, EXISTS, correlated, ANY / ALL, derived tables.

-- case: sub_scalar_in_select
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
SELECT a, (SELECT max(a) FROM t) AS mx FROM t ORDER BY a;
-- expect:
-- columns: ["a", "mx"]
-- types: ["int4", "int4"]
-- row: ["1", "3"]
-- row: ["2", "3"]
-- row: ["3", "3"]
-- tag: SELECT 3

-- case: sub_scalar_no_rows_is_null
SELECT (SELECT 1 WHERE false) AS x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- tag: SELECT 1

-- case: sub_scalar_in_where
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
SELECT a FROM t WHERE a > (SELECT avg(a) FROM t);
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: sub_in
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2), (3), (3);
SELECT id FROM a WHERE id IN (SELECT id FROM b) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sub_not_in
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2);
SELECT id FROM a WHERE id NOT IN (SELECT id FROM b) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sub_not_in_with_null_returns_nothing
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2), (NULL);
SELECT id FROM a WHERE id NOT IN (SELECT id FROM b);
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: sub_in_null_result
SELECT 1 IN (SELECT NULL::int) AS a, 1 NOT IN (SELECT NULL::int) AS b, 1 IN (SELECT 1 UNION SELECT NULL) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: [null, null, "t"]
-- tag: SELECT 1

-- case: sub_in_empty
SELECT 1 IN (SELECT 1 WHERE false) AS a, NULL::int IN (SELECT 1 WHERE false) AS b, NULL::int NOT IN (SELECT 1 WHERE false) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["f", "f", "t"]
-- tag: SELECT 1

-- case: sub_exists
CREATE TABLE t (a int);
SELECT EXISTS (SELECT 1 FROM t) AS e1, NOT EXISTS (SELECT 1 FROM t) AS e2;
-- expect:
-- columns: ["e1", "e2"]
-- types: ["bool", "bool"]
-- row: ["f", "t"]
-- tag: SELECT 1

-- case: sub_exists_with_nulls
SELECT EXISTS (SELECT NULL) AS e;
-- expect:
-- columns: ["e"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: sub_correlated_scalar
CREATE TABLE dept (id int, name text);
CREATE TABLE emp (dept_id int, salary int);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty');
INSERT INTO emp VALUES (1, 100), (1, 200), (2, 50);
SELECT name, (SELECT sum(salary) FROM emp WHERE emp.dept_id = dept.id) AS total FROM dept ORDER BY name;
-- expect:
-- columns: ["name", "total"]
-- types: ["text", "int8"]
-- row: ["empty", null]
-- row: ["eng", "300"]
-- row: ["ops", "50"]
-- tag: SELECT 3

-- case: sub_correlated_where
CREATE TABLE emp (name text, dept int, salary int);
INSERT INTO emp VALUES ('a', 1, 10), ('b', 1, 20), ('c', 2, 5), ('d', 2, 6);
SELECT name FROM emp e WHERE salary = (SELECT max(salary) FROM emp x WHERE x.dept = e.dept) ORDER BY name;
-- expect:
-- columns: ["name"]
-- types: ["text"]
-- row: ["b"]
-- row: ["d"]
-- tag: SELECT 2

-- case: sub_correlated_exists
CREATE TABLE c (id int);
CREATE TABLE o (cid int);
INSERT INTO c VALUES (1), (2), (3);
INSERT INTO o VALUES (1), (3), (3);
SELECT id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.cid = c.id) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sub_any
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (5), (10);
SELECT a FROM t WHERE a > ANY (SELECT 4 UNION ALL SELECT 8) ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["5"]
-- row: ["10"]
-- tag: SELECT 2

-- case: sub_all
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (5), (10);
SELECT a FROM t WHERE a > ALL (SELECT 4 UNION ALL SELECT 8) ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["10"]
-- tag: SELECT 1

-- case: sub_all_empty_true
SELECT 1 > ALL (SELECT 1 WHERE false) AS a, 1 > ANY (SELECT 1 WHERE false) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: sub_all_with_null
SELECT 5 > ALL (SELECT x FROM (VALUES (1), (NULL)) v(x)) AS a, 5 > ANY (SELECT x FROM (VALUES (1), (NULL)) v(x)) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: [null, "t"]
-- tag: SELECT 1

-- case: sub_some_synonym
SELECT 3 = SOME (SELECT generate_series(1, 5)) AS a;
-- expect:
-- columns: ["a"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: sub_derived_table_aggregate
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 10);
SELECT avg(s) AS avg_of_sums FROM (SELECT g, sum(v) AS s FROM t GROUP BY g) sub;
-- expect:
-- columns: ["avg_of_sums"]
-- types: ["numeric"]
-- row: ["6.5000000000000000"]
-- tag: SELECT 1

-- case: sub_derived_table_requires_alias_pg15
SELECT * FROM (SELECT 1);
-- expect:
-- error: 42601

-- case: sub_nested_three_levels
SELECT (SELECT (SELECT 42)) AS x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: sub_in_select_list_correlated_count
CREATE TABLE p (id int);
CREATE TABLE c (pid int);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (1), (1), (1);
SELECT id, (SELECT count(*) FROM c WHERE c.pid = p.id) AS n FROM p ORDER BY id;
-- expect:
-- columns: ["id", "n"]
-- types: ["int4", "int8"]
-- row: ["1", "3"]
-- row: ["2", "0"]
-- tag: SELECT 2

-- case: sub_row_in
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 2);
SELECT a, b FROM t WHERE (a, b) IN (SELECT 1, 2 UNION ALL SELECT 2, 2) ORDER BY a, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: sub_row_compare_scalar_subquery
SELECT (1, 2) = (SELECT 1, 2) AS a;
-- expect:
-- columns: ["a"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: sub_in_update_where
CREATE TABLE t (id int, v int);
CREATE TABLE sel (id int);
INSERT INTO t VALUES (1, 0), (2, 0), (3, 0);
INSERT INTO sel VALUES (1), (3);
UPDATE t SET v = 1 WHERE id IN (SELECT id FROM sel);
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "0"]
-- row: ["3", "1"]
-- tag: SELECT 3

-- case: sub_in_having
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 10), ('c', 3);
SELECT g FROM t GROUP BY g HAVING sum(v) > (SELECT avg(v) FROM t) ORDER BY g;
-- expect:
-- columns: ["g"]
-- types: ["text"]
-- row: ["b"]
-- tag: SELECT 1

-- case: sub_in_order_by
CREATE TABLE t (id int);
CREATE TABLE w (id int, weight int);
INSERT INTO t VALUES (1), (2), (3);
INSERT INTO w VALUES (1, 30), (2, 10), (3, 20);
SELECT id FROM t ORDER BY (SELECT weight FROM w WHERE w.id = t.id);
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- row: ["1"]
-- tag: SELECT 3

-- case: sub_exists_correlated_not
CREATE TABLE users (id int);
CREATE TABLE logins (uid int);
INSERT INTO users VALUES (1), (2), (3);
INSERT INTO logins VALUES (2);
SELECT id FROM users u WHERE NOT EXISTS (SELECT FROM logins l WHERE l.uid = u.id) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sub_scalar_multiple_rows_error
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT (SELECT a FROM t) AS x;
-- expect:
-- error: 21000

-- case: sub_in_values_list_of_subquery
SELECT x FROM (VALUES (1), (2), (3)) v(x) WHERE x IN (SELECT y FROM (VALUES (3), (1)) w(y)) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sub_array_constructor
CREATE TABLE t (a int);
INSERT INTO t VALUES (3), (1), (2);
SELECT ARRAY(SELECT a FROM t ORDER BY a) AS arr;
-- expect:
-- columns: ["arr"]
-- types: ["int4[]"]
-- row: ["{1,2,3}"]
-- tag: SELECT 1

-- case: sub_any_array_param
SELECT x FROM generate_series(1, 6) x WHERE x = ANY (ARRAY[2, 4, 8]) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["4"]
-- tag: SELECT 2

-- case: sub_lateral_correlated_limit
CREATE TABLE t (id int);
INSERT INTO t VALUES (1), (2);
SELECT t.id, s.x FROM t, LATERAL (SELECT t.id * 10 AS x) s ORDER BY t.id;
-- expect:
-- columns: ["id", "x"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- row: ["2", "20"]
-- tag: SELECT 2

-- case: sub_correlated_in_case
CREATE TABLE t (id int);
CREATE TABLE flags (id int);
INSERT INTO t VALUES (1), (2);
INSERT INTO flags VALUES (2);
SELECT id, CASE WHEN id IN (SELECT id FROM flags) THEN 'flagged' ELSE 'ok' END AS st FROM t ORDER BY id;
-- expect:
-- columns: ["id", "st"]
-- types: ["int4", "text"]
-- row: ["1", "ok"]
-- row: ["2", "flagged"]
-- tag: SELECT 2

-- case: sub_union_in_subquery
SELECT count(*) AS c FROM (SELECT 1 UNION SELECT 1 UNION SELECT 2) s;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: sub_limit_in_subquery
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT sum(a) AS s FROM (SELECT a FROM t ORDER BY a DESC LIMIT 3) top3;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["27"]
-- tag: SELECT 1

-- case: sub_delete_with_correlated_exists
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2);
DELETE FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.id = a.id);
SELECT id FROM a ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sub_insert_select_where_not_exists
CREATE TABLE t (id int);
INSERT INTO t VALUES (1);
INSERT INTO t SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = 1);
INSERT INTO t SELECT 2 WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = 2);
SELECT id FROM t ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: sub_outer_reference_in_aggregate
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a, (SELECT count(*) FROM t t2 WHERE t2.a <= t.a) AS rnk FROM t ORDER BY a;
-- expect:
-- columns: ["a", "rnk"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: sub_scalar_type
SELECT pg_typeof((SELECT 1::int8)) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["bigint"]
-- tag: SELECT 1
