-- Joins, part 2: outer joins with NULLs, LATERAL with aggregates, USING/NATURAL details,
-- multi-way joins, join conditions and their placement, self joins.

-- case: join2_left_join_count_zero_groups
CREATE TABLE c (id int, name text);
CREATE TABLE o (cid int, amount int);
INSERT INTO c VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO o VALUES (1, 10), (1, 20), (3, 5);
SELECT c.name, count(o.cid) AS n, coalesce(sum(o.amount), 0) AS total FROM c LEFT JOIN o ON o.cid = c.id GROUP BY c.name ORDER BY c.name;
-- expect:
-- columns: ["name", "n", "total"]
-- types: ["text", "int8", "int8"]
-- row: ["a", "2", "30"]
-- row: ["b", "0", "0"]
-- row: ["c", "1", "5"]
-- tag: SELECT 3

-- case: join2_left_join_count_star_vs_column
CREATE TABLE c (id int);
CREATE TABLE o (cid int);
INSERT INTO c VALUES (1), (2);
INSERT INTO o VALUES (1);
SELECT c.id, count(*) AS star, count(o.cid) AS col FROM c LEFT JOIN o ON o.cid = c.id GROUP BY c.id ORDER BY c.id;
-- expect:
-- columns: ["id", "star", "col"]
-- types: ["int4", "int8", "int8"]
-- row: ["1", "1", "1"]
-- row: ["2", "1", "0"]
-- tag: SELECT 2

-- case: join2_left_join_filter_in_on_keeps_rows
CREATE TABLE a (id int);
CREATE TABLE b (aid int, kind text);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1, 'x'), (2, 'y');
SELECT a.id, b.kind FROM a LEFT JOIN b ON b.aid = a.id AND b.kind = 'x' ORDER BY a.id;
-- expect:
-- columns: ["id", "kind"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- row: ["2", null]
-- tag: SELECT 2

-- case: join2_left_join_where_is_null_anti
CREATE TABLE a (id int);
CREATE TABLE b (aid int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2);
SELECT a.id FROM a LEFT JOIN b ON b.aid = a.id WHERE b.aid IS NULL ORDER BY a.id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: join2_right_join_equivalent_left
CREATE TABLE a (id int, v text);
CREATE TABLE b (id int, w text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
SELECT a.v, b.w FROM a RIGHT JOIN b ON a.id = b.id ORDER BY b.w;
-- expect:
-- columns: ["v", "w"]
-- types: ["text", "text"]
-- row: ["a2", "b2"]
-- row: [null, "b3"]
-- tag: SELECT 2

-- case: join2_full_join_unmatched_both_sides
CREATE TABLE a (k int, v text);
CREATE TABLE b (k int, w text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
SELECT a.k AS ak, b.k AS bk, v, w FROM a FULL JOIN b ON a.k = b.k ORDER BY coalesce(a.k, b.k);
-- expect:
-- columns: ["ak", "bk", "v", "w"]
-- types: ["int4", "int4", "text", "text"]
-- row: ["1", null, "a1", null]
-- row: ["2", "2", "a2", "b2"]
-- row: [null, "3", null, "b3"]
-- tag: SELECT 3

-- case: join2_full_join_using_coalesced_key
CREATE TABLE a (k int, v text);
CREATE TABLE b (k int, w text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
SELECT k, v, w FROM a FULL JOIN b USING (k) ORDER BY k;
-- expect:
-- columns: ["k", "v", "w"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a1", null]
-- row: ["2", "a2", "b2"]
-- row: ["3", null, "b3"]
-- tag: SELECT 3

-- case: join2_full_join_non_equi_condition_error
CREATE TABLE a (k int);
CREATE TABLE b (k int);
SELECT * FROM a FULL JOIN b ON a.k < b.k;
-- expect:
-- error: 0A000

-- case: join2_chain_of_left_joins
CREATE TABLE a (id int);
CREATE TABLE b (id int, aid int);
CREATE TABLE c (id int, bid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (10, 1);
INSERT INTO c VALUES (100, 10), (101, 10);
SELECT a.id AS a, b.id AS b, c.id AS c FROM a LEFT JOIN b ON b.aid = a.id LEFT JOIN c ON c.bid = b.id ORDER BY a.id, c.id;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "10", "100"]
-- row: ["1", "10", "101"]
-- row: ["2", null, null]
-- tag: SELECT 3

-- case: join2_inner_after_left_eliminates_nulls
CREATE TABLE a (id int);
CREATE TABLE b (id int, aid int);
CREATE TABLE c (id int, bid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (10, 1);
INSERT INTO c VALUES (100, 10);
SELECT a.id FROM a LEFT JOIN b ON b.aid = a.id JOIN c ON c.bid = b.id ORDER BY a.id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: join2_nested_join_parentheses_preserve_left
CREATE TABLE a (id int);
CREATE TABLE b (id int, aid int);
CREATE TABLE c (id int, bid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (10, 1);
INSERT INTO c VALUES (100, 10);
SELECT a.id, b.id AS bid FROM a LEFT JOIN (b JOIN c ON c.bid = b.id) ON b.aid = a.id ORDER BY a.id;
-- expect:
-- columns: ["id", "bid"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- row: ["2", null]
-- tag: SELECT 2

-- case: join2_using_multiple_columns
CREATE TABLE a (x int, y int, v text);
CREATE TABLE b (x int, y int, w text);
INSERT INTO a VALUES (1, 1, 'a11'), (1, 2, 'a12');
INSERT INTO b VALUES (1, 2, 'b12'), (2, 2, 'b22');
SELECT * FROM a JOIN b USING (x, y);
-- expect:
-- columns: ["x", "y", "v", "w"]
-- types: ["int4", "int4", "text", "text"]
-- row: ["1", "2", "a12", "b12"]
-- tag: SELECT 1

-- case: join2_using_star_column_order
CREATE TABLE a (v text, k int);
CREATE TABLE b (w text, k int);
INSERT INTO a VALUES ('a', 1);
INSERT INTO b VALUES ('b', 1);
SELECT * FROM a JOIN b USING (k);
-- expect:
-- columns: ["k", "v", "w"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a", "b"]
-- tag: SELECT 1

-- case: join2_natural_join_star_columns
CREATE TABLE a (k int, v text);
CREATE TABLE b (k int, v text, extra int);
INSERT INTO a VALUES (1, 'x'), (2, 'y');
INSERT INTO b VALUES (1, 'x', 9), (2, 'z', 8);
SELECT * FROM a NATURAL JOIN b;
-- expect:
-- columns: ["k", "v", "extra"]
-- types: ["int4", "text", "int4"]
-- row: ["1", "x", "9"]
-- tag: SELECT 1

-- case: join2_using_alias_pg14
CREATE TABLE a (k int, v text);
CREATE TABLE b (k int, w text);
INSERT INTO a VALUES (1, 'x');
INSERT INTO b VALUES (1, 'y');
SELECT j.k, v, w FROM a JOIN b USING (k) AS j;
-- expect:
-- columns: ["k", "v", "w"]
-- types: ["int4", "text", "text"]
-- row: ["1", "x", "y"]
-- tag: SELECT 1

-- case: join2_using_type_mismatch_error
CREATE TABLE a (k int);
CREATE TABLE b (k text);
SELECT * FROM a JOIN b USING (k);
-- expect:
-- error: 42804

-- case: join2_using_int_bigint_ok
CREATE TABLE a (k int);
CREATE TABLE b (k bigint);
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (1);
SELECT k, pg_typeof(k) AS t FROM a JOIN b USING (k);
-- expect:
-- columns: ["k", "t"]
-- types: ["int8", "regtype"]
-- row: ["1", "bigint"]
-- tag: SELECT 1

-- case: join2_self_join_pairs_no_dupes
CREATE TABLE p (name text);
INSERT INTO p VALUES ('a'), ('b'), ('c');
SELECT x.name AS n1, y.name AS n2 FROM p x JOIN p y ON x.name < y.name ORDER BY 1, 2;
-- expect:
-- columns: ["n1", "n2"]
-- types: ["text", "text"]
-- row: ["a", "b"]
-- row: ["a", "c"]
-- row: ["b", "c"]
-- tag: SELECT 3

-- case: join2_self_join_manager_name
CREATE TABLE emp (id int, name text, boss int);
INSERT INTO emp VALUES (1, 'ann', NULL), (2, 'bob', 1), (3, 'cy', 1), (4, 'di', 2);
SELECT e.name, m.name AS manager FROM emp e LEFT JOIN emp m ON m.id = e.boss ORDER BY e.id;
-- expect:
-- columns: ["name", "manager"]
-- types: ["text", "text"]
-- row: ["ann", null]
-- row: ["bob", "ann"]
-- row: ["cy", "ann"]
-- row: ["di", "bob"]
-- tag: SELECT 4

-- case: join2_lateral_aggregate_per_row
CREATE TABLE c (id int, name text);
CREATE TABLE o (cid int, amount int);
INSERT INTO c VALUES (1, 'a'), (2, 'b');
INSERT INTO o VALUES (1, 10), (1, 20);
SELECT c.name, s.n, s.total FROM c, LATERAL (SELECT count(*) AS n, sum(o.amount) AS total FROM o WHERE o.cid = c.id) s ORDER BY c.name;
-- expect:
-- columns: ["name", "n", "total"]
-- types: ["text", "int8", "int8"]
-- row: ["a", "2", "30"]
-- row: ["b", "0", null]
-- tag: SELECT 2

-- case: join2_lateral_top1_per_group_left
CREATE TABLE c (id int, name text);
CREATE TABLE o (cid int, amount int, ts int);
INSERT INTO c VALUES (1, 'a'), (2, 'b');
INSERT INTO o VALUES (1, 10, 1), (1, 20, 2), (1, 5, 3);
SELECT c.name, last.amount FROM c LEFT JOIN LATERAL (SELECT amount FROM o WHERE o.cid = c.id ORDER BY ts DESC LIMIT 1) last ON true ORDER BY c.name;
-- expect:
-- columns: ["name", "amount"]
-- types: ["text", "int4"]
-- row: ["a", "5"]
-- row: ["b", null]
-- tag: SELECT 2

-- case: join2_lateral_inner_drops_empty
CREATE TABLE c (id int);
CREATE TABLE o (cid int, amount int);
INSERT INTO c VALUES (1), (2);
INSERT INTO o VALUES (1, 10);
SELECT c.id, x.amount FROM c CROSS JOIN LATERAL (SELECT amount FROM o WHERE o.cid = c.id) x;
-- expect:
-- columns: ["id", "amount"]
-- types: ["int4", "int4"]
-- row: ["1", "10"]
-- tag: SELECT 1

-- case: join2_lateral_generate_series_from_column
CREATE TABLE t (id int, n int);
INSERT INTO t VALUES (1, 2), (2, 0), (3, 3);
SELECT t.id, g FROM t, generate_series(1, t.n) g ORDER BY t.id, g;
-- expect:
-- columns: ["id", "g"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["1", "2"]
-- row: ["3", "1"]
-- row: ["3", "2"]
-- row: ["3", "3"]
-- tag: SELECT 5

-- case: join2_lateral_unnest_with_ordinality
CREATE TABLE t (id int, arr text[]);
INSERT INTO t VALUES (1, '{a,b}'), (2, '{c}');
SELECT t.id, u.v, u.i FROM t CROSS JOIN LATERAL unnest(t.arr) WITH ORDINALITY u(v, i) ORDER BY t.id, u.i;
-- expect:
-- columns: ["id", "v", "i"]
-- types: ["int4", "text", "int8"]
-- row: ["1", "a", "1"]
-- row: ["1", "b", "2"]
-- row: ["2", "c", "1"]
-- tag: SELECT 3

-- case: join2_lateral_values_unpivot
CREATE TABLE t (id int, q1 int, q2 int, q3 int);
INSERT INTO t VALUES (1, 10, 20, 30);
SELECT t.id, u.q, u.val FROM t, LATERAL (VALUES ('q1', t.q1), ('q2', t.q2), ('q3', t.q3)) u(q, val) ORDER BY u.q;
-- expect:
-- columns: ["id", "q", "val"]
-- types: ["int4", "text", "int4"]
-- row: ["1", "q1", "10"]
-- row: ["1", "q2", "20"]
-- row: ["1", "q3", "30"]
-- tag: SELECT 3

-- case: join2_lateral_references_later_item_error
CREATE TABLE a (x int);
CREATE TABLE b (y int);
SELECT * FROM a, LATERAL (SELECT b.y) s, b;
-- expect:
-- error: 42P01

-- case: join2_cross_join_counts
CREATE TABLE a (x int);
CREATE TABLE b (y int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (1), (2);
SELECT count(*) AS n FROM a CROSS JOIN b;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["6"]
-- tag: SELECT 1

-- case: join2_cross_join_with_empty
CREATE TABLE a (x int);
CREATE TABLE b (y int);
INSERT INTO a VALUES (1);
SELECT count(*) AS n FROM a, b;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: join2_join_on_expression_case_insensitive
CREATE TABLE a (name text);
CREATE TABLE b (name text, v int);
INSERT INTO a VALUES ('Alice'), ('BOB');
INSERT INTO b VALUES ('alice', 1), ('bob', 2);
SELECT a.name, b.v FROM a JOIN b ON lower(a.name) = b.name ORDER BY b.v;
-- expect:
-- columns: ["name", "v"]
-- types: ["text", "int4"]
-- row: ["Alice", "1"]
-- row: ["BOB", "2"]
-- tag: SELECT 2

-- case: join2_join_between_range
CREATE TABLE ev (ts int);
CREATE TABLE win (lo int, hi int, label text);
INSERT INTO ev VALUES (1), (5), (12);
INSERT INTO win VALUES (0, 4, 'early'), (4, 10, 'mid');
SELECT ev.ts, win.label FROM ev LEFT JOIN win ON ev.ts >= win.lo AND ev.ts < win.hi ORDER BY ev.ts;
-- expect:
-- columns: ["ts", "label"]
-- types: ["int4", "text"]
-- row: ["1", "early"]
-- row: ["5", "mid"]
-- row: ["12", null]
-- tag: SELECT 3

-- case: join2_join_on_or_condition
CREATE TABLE a (x int, y int);
CREATE TABLE b (k int);
INSERT INTO a VALUES (1, 2), (3, 4);
INSERT INTO b VALUES (2), (3);
SELECT a.x, a.y, b.k FROM a JOIN b ON b.k = a.x OR b.k = a.y ORDER BY a.x, b.k;
-- expect:
-- columns: ["x", "y", "k"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "2", "2"]
-- row: ["3", "4", "3"]
-- tag: SELECT 2

-- case: join2_join_with_null_safe_comparison
CREATE TABLE a (k int, v text);
CREATE TABLE b (k int, w text);
INSERT INTO a VALUES (1, 'a1'), (NULL, 'anull');
INSERT INTO b VALUES (1, 'b1'), (NULL, 'bnull');
SELECT v, w FROM a JOIN b ON a.k IS NOT DISTINCT FROM b.k ORDER BY v;
-- expect:
-- columns: ["v", "w"]
-- types: ["text", "text"]
-- row: ["a1", "b1"]
-- row: ["anull", "bnull"]
-- tag: SELECT 2

-- case: join2_derived_table_join_with_aggregates
CREATE TABLE s (dept text, sal int);
INSERT INTO s VALUES ('a', 10), ('a', 20), ('b', 30);
SELECT s.dept, s.sal, d.avg_sal FROM s JOIN (SELECT dept, avg(sal) AS avg_sal FROM s GROUP BY dept) d USING (dept) WHERE s.sal > d.avg_sal ORDER BY s.dept;
-- expect:
-- columns: ["dept", "sal", "avg_sal"]
-- types: ["text", "int4", "numeric"]
-- row: ["a", "20", "15.0000000000000000"]
-- tag: SELECT 1

-- case: join2_four_way_join
CREATE TABLE a (id int);
CREATE TABLE b (id int, aid int);
CREATE TABLE c (id int, bid int);
CREATE TABLE d (id int, cid int);
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (2, 1);
INSERT INTO c VALUES (3, 2);
INSERT INTO d VALUES (4, 3), (5, 3);
SELECT a.id, b.id, c.id, d.id FROM a JOIN b ON b.aid = a.id JOIN c ON c.bid = b.id JOIN d ON d.cid = c.id ORDER BY d.id;
-- expect:
-- columns: ["id", "id", "id", "id"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["1", "2", "3", "4"]
-- row: ["1", "2", "3", "5"]
-- tag: SELECT 2

-- case: join2_ambiguous_star_qualified_ok
CREATE TABLE a (id int, v int);
CREATE TABLE b (id int, v int);
INSERT INTO a VALUES (1, 10);
INSERT INTO b VALUES (1, 20);
SELECT a.*, b.v AS bv FROM a JOIN b ON a.id = b.id;
-- expect:
-- columns: ["id", "v", "bv"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "10", "20"]
-- tag: SELECT 1

-- case: join2_same_alias_twice_error
CREATE TABLE a (id int);
SELECT * FROM a x JOIN a x ON true;
-- expect:
-- error: 42712

-- case: join2_table_twice_without_alias_error
CREATE TABLE a (id int);
SELECT * FROM a, a;
-- expect:
-- error: 42712

-- case: join2_on_references_later_table_error
CREATE TABLE a (id int);
CREATE TABLE b (id int);
CREATE TABLE c (id int);
SELECT * FROM a JOIN b ON b.id = c.id JOIN c ON c.id = a.id;
-- expect:
-- error: 42P01

-- case: join2_left_join_on_false
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1);
SELECT a.id, b.id AS bid FROM a LEFT JOIN b ON false ORDER BY a.id;
-- expect:
-- columns: ["id", "bid"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: ["2", null]
-- tag: SELECT 2

-- case: join2_semi_join_in_no_duplicates
CREATE TABLE a (id int);
CREATE TABLE b (aid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1), (1), (1);
SELECT id FROM a WHERE id IN (SELECT aid FROM b);
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: join2_inner_join_duplicates_vs_semi
CREATE TABLE a (id int);
CREATE TABLE b (aid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1), (1), (1);
SELECT a.id FROM a JOIN b ON b.aid = a.id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- row: ["1"]
-- tag: SELECT 3

-- case: join2_join_values_lookup
CREATE TABLE t (code text);
INSERT INTO t VALUES ('r'), ('g'), ('x');
SELECT t.code, m.name FROM t LEFT JOIN (VALUES ('r', 'red'), ('g', 'green')) m(code, name) ON m.code = t.code ORDER BY t.code;
-- expect:
-- columns: ["code", "name"]
-- types: ["text", "text"]
-- row: ["g", "green"]
-- row: ["r", "red"]
-- row: ["x", null]
-- tag: SELECT 3

-- case: join2_update_join_via_from_multiple_conditions
CREATE TABLE price (sku text, region text, p numeric);
CREATE TABLE adj (sku text, region text, pct numeric);
INSERT INTO price VALUES ('a', 'eu', 10), ('a', 'us', 20), ('b', 'eu', 30);
INSERT INTO adj VALUES ('a', 'us', 0.5);
UPDATE price SET p = p * (1 + adj.pct) FROM adj WHERE adj.sku = price.sku AND adj.region = price.region;
SELECT sku, region, p FROM price ORDER BY sku, region;
-- expect:
-- columns: ["sku", "region", "p"]
-- types: ["text", "text", "numeric"]
-- row: ["a", "eu", "10"]
-- row: ["a", "us", "30.0"]
-- row: ["b", "eu", "30"]
-- tag: SELECT 3
