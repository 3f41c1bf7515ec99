-- Joins: inner, outer, cross, natural, USING, LATERAL, self joins.

-- case: join_inner_on
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4');
SELECT a.id, x, y FROM a JOIN b ON a.id = b.id;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["2", "a2", "b2"]
-- row: ["3", "a3", "b3"]
-- tag: SELECT 2

-- case: join_inner_keyword
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (2, 'b2'), (2, 'b2bis');
SELECT a.id, x, y FROM a INNER JOIN b ON a.id = b.id;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["2", "a2", "b2"]
-- row: ["2", "a2", "b2bis"]
-- tag: SELECT 2

-- case: join_left
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4');
SELECT a.id, x, y FROM a LEFT JOIN b ON a.id = b.id ORDER BY a.id;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a1", null]
-- row: ["2", "a2", "b2"]
-- row: ["3", "a3", "b3"]
-- tag: SELECT 3

-- case: join_right
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4');
SELECT b.id, x, y FROM a RIGHT JOIN b ON a.id = b.id ORDER BY b.id;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["2", "a2", "b2"]
-- row: ["3", "a3", "b3"]
-- row: ["4", null, "b4"]
-- tag: SELECT 3

-- case: join_full
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4');
SELECT a.id AS aid, b.id AS bid, x, y FROM a FULL OUTER JOIN b ON a.id = b.id;
-- expect:
-- columns: ["aid", "bid", "x", "y"]
-- types: ["int4", "int4", "text", "text"]
-- row: ["1", null, "a1", null]
-- row: ["2", "2", "a2", "b2"]
-- row: ["3", "3", "a3", "b3"]
-- row: [null, "4", null, "b4"]
-- tag: SELECT 4

-- case: join_full_coalesce_order
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (3, 'a3');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
SELECT coalesce(a.id, b.id) AS id, x, y FROM a FULL JOIN b ON a.id = b.id ORDER BY 1;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a1", null]
-- row: ["2", null, "b2"]
-- row: ["3", "a3", "b3"]
-- tag: SELECT 3

-- case: join_cross
CREATE TABLE a (x int);
CREATE TABLE b (y text);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES ('p'), ('q'), ('r');
SELECT x, y FROM a CROSS JOIN b;
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "text"]
-- row: ["1", "p"]
-- row: ["1", "q"]
-- row: ["1", "r"]
-- row: ["2", "p"]
-- row: ["2", "q"]
-- row: ["2", "r"]
-- tag: SELECT 6

-- case: join_comma_with_where
CREATE TABLE a (x int);
CREATE TABLE b (y int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2), (3), (4);
SELECT x, y FROM a, b WHERE x = y;
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "int4"]
-- row: ["2", "2"]
-- row: ["3", "3"]
-- tag: SELECT 2

-- case: join_using
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
SELECT * FROM a JOIN b USING (id);
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["2", "a2", "b2"]
-- tag: SELECT 1

-- case: join_using_full_merged_column
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
SELECT * FROM a FULL JOIN b USING (id) ORDER BY id;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a1", null]
-- row: ["2", "a2", "b2"]
-- row: ["3", null, "b3"]
-- tag: SELECT 3

-- case: join_natural
CREATE TABLE a (id int, k int, x text);
CREATE TABLE b (id int, k int, y text);
INSERT INTO a VALUES (1, 1, 'a'), (2, 2, 'b');
INSERT INTO b VALUES (1, 1, 'c'), (2, 3, 'd');
SELECT * FROM a NATURAL JOIN b;
-- expect:
-- columns: ["id", "k", "x", "y"]
-- types: ["int4", "int4", "text", "text"]
-- row: ["1", "1", "a", "c"]
-- tag: SELECT 1

-- case: join_natural_left
CREATE TABLE a (id int, x text);
CREATE TABLE b (id int, y text);
INSERT INTO a VALUES (1, 'a'), (2, 'b');
INSERT INTO b VALUES (1, 'c');
SELECT * FROM a NATURAL LEFT JOIN b ORDER BY id;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a", "c"]
-- row: ["2", "b", null]
-- tag: SELECT 2

-- case: join_self
CREATE TABLE emp (id int, name text, boss int);
INSERT INTO emp VALUES (1, 'ceo', NULL), (2, 'vp', 1), (3, 'dev', 2);
SELECT e.name AS employee, m.name AS manager FROM emp e LEFT JOIN emp m ON e.boss = m.id ORDER BY e.id;
-- expect:
-- columns: ["employee", "manager"]
-- types: ["text", "text"]
-- row: ["ceo", null]
-- row: ["vp", "ceo"]
-- row: ["dev", "vp"]
-- tag: SELECT 3

-- case: join_three_tables
CREATE TABLE a (id int);
CREATE TABLE b (id int, aid int);
CREATE TABLE c (id int, bid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (10, 1), (20, 2);
INSERT INTO c VALUES (100, 10), (101, 10), (200, 20);
SELECT a.id AS a, b.id AS b, c.id AS c FROM a JOIN b ON b.aid = a.id JOIN c ON c.bid = b.id ORDER BY c.id;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "10", "100"]
-- row: ["1", "10", "101"]
-- row: ["2", "20", "200"]
-- tag: SELECT 3

-- case: join_left_with_where_on_right_null
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (2);
SELECT a.id FROM a LEFT JOIN b ON a.id = b.id WHERE b.id IS NULL ORDER BY a.id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: join_left_condition_in_on_vs_where
CREATE TABLE a (id int);
CREATE TABLE b (id int, flag bool);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1, false), (2, true);
SELECT a.id, b.id AS bid FROM a LEFT JOIN b ON a.id = b.id AND b.flag ORDER BY a.id;
-- expect:
-- columns: ["id", "bid"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: join_on_true
SELECT * FROM (VALUES (1), (2)) a(x) JOIN (VALUES ('a')) b(y) ON true;
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "a"]
-- tag: SELECT 2

-- case: join_non_equi
CREATE TABLE r (lo int, hi int, label text);
CREATE TABLE v (n int);
INSERT INTO r VALUES (0, 10, 'low'), (10, 100, 'high');
INSERT INTO v VALUES (5), (10), (50), (500);
SELECT n, label FROM v LEFT JOIN r ON n >= lo AND n < hi ORDER BY n;
-- expect:
-- columns: ["n", "label"]
-- types: ["int4", "text"]
-- row: ["5", "low"]
-- row: ["10", "high"]
-- row: ["50", "high"]
-- row: ["500", null]
-- tag: SELECT 4

-- case: join_duplicates_multiply
CREATE TABLE a (k int);
CREATE TABLE b (k int);
INSERT INTO a VALUES (1), (1);
INSERT INTO b VALUES (1), (1), (1);
SELECT count(*) AS c FROM a JOIN b USING (k);
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["6"]
-- tag: SELECT 1

-- case: join_null_keys_never_match
CREATE TABLE a (k int);
CREATE TABLE b (k int);
INSERT INTO a VALUES (NULL), (1);
INSERT INTO b VALUES (NULL), (1);
SELECT count(*) AS c FROM a JOIN b ON a.k = b.k;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: join_lateral_subquery
CREATE TABLE t (id int, n int);
INSERT INTO t VALUES (1, 2), (2, 3);
SELECT t.id, s.v FROM t, LATERAL (SELECT generate_series(1, t.n) AS v) s ORDER BY t.id, s.v;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["1", "2"]
-- row: ["2", "1"]
-- row: ["2", "2"]
-- row: ["2", "3"]
-- tag: SELECT 5

-- case: join_lateral_top_n_per_group
CREATE TABLE g (id int);
CREATE TABLE item (gid int, score int);
INSERT INTO g VALUES (1), (2), (3);
INSERT INTO item VALUES (1, 5), (1, 9), (1, 7), (2, 1), (2, 3);
SELECT g.id, top.score FROM g CROSS JOIN LATERAL (SELECT score FROM item WHERE item.gid = g.id ORDER BY score DESC LIMIT 2) top ORDER BY g.id, top.score DESC;
-- expect:
-- columns: ["id", "score"]
-- types: ["int4", "int4"]
-- row: ["1", "9"]
-- row: ["1", "7"]
-- row: ["2", "3"]
-- row: ["2", "1"]
-- tag: SELECT 4

-- case: join_left_lateral_on_true
CREATE TABLE g (id int);
CREATE TABLE item (gid int, score int);
INSERT INTO g VALUES (1), (2);
INSERT INTO item VALUES (1, 5);
SELECT g.id, m.mx FROM g LEFT JOIN LATERAL (SELECT max(score) AS mx FROM item WHERE gid = g.id) m ON true ORDER BY g.id;
-- expect:
-- columns: ["id", "mx"]
-- types: ["int4", "int4"]
-- row: ["1", "5"]
-- row: ["2", null]
-- tag: SELECT 2

-- case: join_lateral_function
CREATE TABLE t (id int, tags text[]);
INSERT INTO t VALUES (1, '{a,b}'), (2, '{c}');
SELECT id, tag FROM t, unnest(tags) AS tag ORDER BY id, tag;
-- expect:
-- columns: ["id", "tag"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["1", "b"]
-- row: ["2", "c"]
-- tag: SELECT 3

-- case: join_subquery_derived_tables
SELECT l.k, l.v AS lv, r.v AS rv FROM (VALUES (1, 'x'), (2, 'y')) l(k, v) JOIN (VALUES (2, 'z'), (1, 'w')) r(k, v) ON l.k = r.k ORDER BY l.k;
-- expect:
-- columns: ["k", "lv", "rv"]
-- types: ["int4", "text", "text"]
-- row: ["1", "x", "w"]
-- row: ["2", "y", "z"]
-- tag: SELECT 2

-- case: join_with_aggregate
CREATE TABLE c (id int, name text);
CREATE TABLE o (cid int, amount int);
INSERT INTO c VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
INSERT INTO o VALUES (1, 10), (1, 5), (2, 7);
SELECT c.name, count(o.cid) AS n, coalesce(sum(o.amount), 0) AS total FROM c LEFT JOIN o ON o.cid = c.id GROUP BY c.name ORDER BY c.name;
-- expect:
-- columns: ["name", "n", "total"]
-- types: ["text", "int8", "int8"]
-- row: ["ann", "2", "15"]
-- row: ["bob", "1", "7"]
-- row: ["cy", "0", "0"]
-- tag: SELECT 3

-- case: join_parenthesized
CREATE TABLE a (id int);
CREATE TABLE b (id int);
CREATE TABLE c (id int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1);
INSERT INTO c VALUES (1);
SELECT a.id, b.id AS bid, c.id AS cid FROM a LEFT JOIN (b JOIN c ON b.id = c.id) ON a.id = b.id ORDER BY a.id;
-- expect:
-- columns: ["id", "bid", "cid"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "1", "1"]
-- row: ["2", null, null]
-- tag: SELECT 2

-- case: join_alias_columns
SELECT * FROM (VALUES (1, 2)) AS t(a, b) JOIN (VALUES (1, 3)) AS u(a, c) USING (a);
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "2", "3"]
-- tag: SELECT 1

-- case: join_using_alias_qualified
CREATE TABLE a (id int, x int);
CREATE TABLE b (id int, y int);
INSERT INTO a VALUES (1, 10);
INSERT INTO b VALUES (1, 20);
SELECT j.id, j.x, j.y FROM (a JOIN b USING (id)) AS j;
-- expect:
-- columns: ["id", "x", "y"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "10", "20"]
-- tag: SELECT 1

-- case: join_anti_not_exists
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (1), (NULL);
SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.id = a.id) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: join_semi_exists
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1), (2), (3);
INSERT INTO b VALUES (1), (1), (3);
SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.id = a.id) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: join_right_full_with_where
CREATE TABLE a (id int, v int);
CREATE TABLE b (id int, w int);
INSERT INTO a VALUES (1, 10), (2, 20);
INSERT INTO b VALUES (2, 200), (3, 300);
SELECT a.v, b.w FROM a RIGHT JOIN b ON a.id = b.id WHERE b.w > 100 ORDER BY b.w;
-- expect:
-- columns: ["v", "w"]
-- types: ["int4", "int4"]
-- row: ["20", "200"]
-- row: [null, "300"]
-- tag: SELECT 2

-- case: join_cross_join_generate_series
SELECT a.x, b.y FROM generate_series(1, 2) a(x) CROSS JOIN generate_series(1, 2) b(y) ORDER BY a.x, b.y;
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["1", "2"]
-- row: ["2", "1"]
-- row: ["2", "2"]
-- tag: SELECT 4

-- case: join_on_expression_text
CREATE TABLE a (name text);
CREATE TABLE b (name text);
INSERT INTO a VALUES ('Alice'), ('bob');
INSERT INTO b VALUES ('alice'), ('BOB'), ('carol');
SELECT a.name AS an, b.name AS bn FROM a JOIN b ON lower(a.name) = lower(b.name) ORDER BY an;
-- expect:
-- columns: ["an", "bn"]
-- types: ["text", "text"]
-- row: ["Alice", "alice"]
-- row: ["bob", "BOB"]
-- tag: SELECT 2

-- case: join_full_with_nulls_both_sides
CREATE TABLE a (k int);
CREATE TABLE b (k int);
INSERT INTO a VALUES (NULL), (1);
INSERT INTO b VALUES (NULL), (2);
SELECT a.k AS ak, b.k AS bk FROM a FULL JOIN b ON a.k = b.k;
-- expect:
-- columns: ["ak", "bk"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: [null, null]
-- row: [null, "2"]
-- row: [null, null]
-- tag: SELECT 4

-- case: join_update_join_delete_chain
CREATE TABLE a (id int, v int);
CREATE TABLE b (id int);
INSERT INTO a VALUES (1, 0), (2, 0);
INSERT INTO b VALUES (2);
UPDATE a SET v = 1 FROM b WHERE a.id = b.id;
SELECT id, v FROM a ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "int4"]
-- row: ["1", "0"]
-- row: ["2", "1"]
-- tag: SELECT 2

-- case: join_missing_on_clause_error
CREATE TABLE a (id int);
CREATE TABLE b (id int);
SELECT * FROM a JOIN b;
-- expect:
-- error: 42601

-- case: join_lateral_reference_without_lateral_error
CREATE TABLE t (id int);
SELECT * FROM t, (SELECT t.id) s;
-- expect:
-- error: 42P01

-- case: join_natural_no_common_columns
SELECT * FROM (VALUES (1)) a(x) NATURAL JOIN (VALUES (2)) b(y);
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- tag: SELECT 1

-- case: join_using_nonexistent_column
CREATE TABLE a (id int);
CREATE TABLE b (k int);
SELECT * FROM a JOIN b USING (id);
-- expect:
-- error: 42703
