-- Character types: text, varchar(n), char(n), length semantics, padding, casts.

-- case: varchar_length_ok
CREATE TABLE t (s varchar(5));
INSERT INTO t VALUES ('abcde');
SELECT s, length(s) AS l FROM t;
-- expect:
-- columns: ["s", "l"]
-- types: ["varchar", "int4"]
-- row: ["abcde", "5"]
-- tag: SELECT 1

-- case: varchar_too_long_insert
CREATE TABLE t (s varchar(5));
INSERT INTO t VALUES ('abcdef');
-- expect:
-- error: 22001

-- case: varchar_trailing_spaces_truncated
CREATE TABLE t (s varchar(3));
INSERT INTO t VALUES ('ab    ');
SELECT s || '|' AS s FROM t;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["ab |"]
-- tag: SELECT 1

-- case: varchar_explicit_cast_truncates
SELECT 'abcdef'::varchar(3) AS s;
-- expect:
-- columns: ["s"]
-- types: ["varchar"]
-- row: ["abc"]
-- tag: SELECT 1

-- case: varchar_too_long_update
CREATE TABLE t (s varchar(2));
INSERT INTO t VALUES ('ab');
UPDATE t SET s = 'abc';
-- expect:
-- error: 22001

-- case: char_padding
SELECT 'ab'::char(5) AS a, length('ab'::char(5)) AS l, octet_length('ab'::char(5)) AS o;
-- expect:
-- columns: ["a", "l", "o"]
-- types: ["bpchar", "int4", "int4"]
-- row: ["ab   ", "2", "5"]
-- tag: SELECT 1

-- case: char_comparison_ignores_padding
SELECT 'ab'::char(5) = 'ab'::char(3) AS a, 'ab '::char(5) = 'ab'::char(5) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: char_concat_strips_padding
SELECT 'ab'::char(5) || 'x' AS s;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["abx"]
-- tag: SELECT 1

-- case: char_too_long
CREATE TABLE t (c char(2));
INSERT INTO t VALUES ('abc');
-- expect:
-- error: 22001

-- case: char_default_length_one
SELECT 'xyz'::char AS c, pg_typeof('xyz'::char) AS t;
-- expect:
-- columns: ["c", "t"]
-- types: ["bpchar", "regtype"]
-- row: ["x", "character"]
-- tag: SELECT 1

-- case: text_unicode_length
SELECT length('héllo') AS l, octet_length('héllo') AS o, upper('héllo') AS u;
-- expect:
-- columns: ["l", "o", "u"]
-- types: ["int4", "int4", "text"]
-- row: ["5", "6", "HÉLLO"]
-- tag: SELECT 1

-- case: varchar_unicode_limit
CREATE TABLE t (s varchar(3));
INSERT INTO t VALUES ('äöü');
SELECT s, length(s) AS l FROM t;
-- expect:
-- columns: ["s", "l"]
-- types: ["varchar", "int4"]
-- row: ["äöü", "3"]
-- tag: SELECT 1

-- case: text_escape_string
SELECT E'a\tb' AS a, E'line1\nline2' AS b, 'it''s' AS c, E'\\' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["a\tb", "line1\nline2", "it's", "\\"]
-- tag: SELECT 1

-- case: text_unicode_escape
SELECT U&'\0041\00e9' AS a, E'\u00e9' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["Aé", "é"]
-- tag: SELECT 1

-- case: text_dollar_quoted
SELECT $$it's $ fine$$ AS a, $tag$with $$ inside$tag$ AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["it's $ fine", "with $$ inside"]
-- tag: SELECT 1

-- case: text_empty_vs_null
SELECT '' AS empty, NULL::text AS nul, '' IS NULL AS e_is_null, length('') AS l;
-- expect:
-- columns: ["empty", "nul", "e_is_null", "l"]
-- types: ["text", "text", "bool", "int4"]
-- row: ["", null, "f", "0"]
-- tag: SELECT 1

-- case: unknown_literal_resolves_text
SELECT pg_typeof('abc') AS t, 'abc' AS v;
-- expect:
-- columns: ["t", "v"]
-- types: ["regtype", "text"]
-- row: ["unknown", "abc"]
-- tag: SELECT 1

-- case: unknown_literal_in_union
SELECT pg_typeof(x) AS t FROM (SELECT 'a' AS x UNION SELECT 'b') s LIMIT 1;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["text"]
-- tag: SELECT 1

-- case: text_comparison_c_locale
SELECT 'a' < 'B' AS a, 'Z' < 'a' AS b, 'abc' < 'abd' AS c, '' < 'a' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["f", "t", "t", "t"]
-- tag: SELECT 1

-- case: name_type
SELECT 'abc'::name AS n, pg_typeof('abc'::name) AS t;
-- expect:
-- columns: ["n", "t"]
-- types: ["name", "regtype"]
-- row: ["abc", "name"]
-- tag: SELECT 1

-- case: text_to_bool_casts
SELECT 'true'::bool AS a, 'f'::bool AS b, 'yes'::bool AS c, 'off'::bool AS d, '1'::bool AS e, ' TRUE '::boolean AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["bool", "bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", "f", "t", "t"]
-- tag: SELECT 1

-- case: text_to_bool_invalid
SELECT 'maybe'::bool;
-- expect:
-- error: 22P02

-- case: bool_output
SELECT true AS t, false AS f, NULL::bool AS n;
-- expect:
-- columns: ["t", "f", "n"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "f", null]
-- tag: SELECT 1

-- case: bool_to_text
SELECT true::text AS a, false::text AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["true", "false"]
-- tag: SELECT 1

-- case: bool_to_int
SELECT true::int AS a, false::int AS b, 1::bool AS c, 0::bool AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "bool", "bool"]
-- row: ["1", "0", "t", "f"]
-- tag: SELECT 1

-- case: bool_ordering
SELECT v FROM (VALUES (true), (false), (NULL::bool)) t(v) ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["bool"]
-- row: ["f"]
-- row: ["t"]
-- row: [null]
-- tag: SELECT 3

-- case: int_to_text_concat_types
SELECT pg_typeof(1 || 'a') AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["text"]
-- tag: SELECT 1

-- case: bytea_hex_output
SELECT 'abc'::bytea AS a, '\x00ff'::bytea AS b, ''::bytea AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bytea", "bytea", "bytea"]
-- row: ["\\x616263", "\\x00ff", "\\x"]
-- tag: SELECT 1

-- case: bytea_escape_input
SELECT E'\\001\\002'::bytea AS a, 'a\\b'::bytea AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bytea", "bytea"]
-- row: ["\\x0102", "\\x615c62"]
-- tag: SELECT 1

-- case: bytea_functions
SELECT length('\xdeadbeef'::bytea) AS l, octet_length('\xdeadbeef'::bytea) AS o, '\x01'::bytea || '\x02'::bytea AS c;
-- expect:
-- columns: ["l", "o", "c"]
-- types: ["int4", "int4", "bytea"]
-- row: ["4", "4", "\\x0102"]
-- tag: SELECT 1

-- case: bytea_encode_decode
SELECT encode('hello'::bytea, 'hex') AS h, encode('hello'::bytea, 'base64') AS b, decode('68656c6c6f', 'hex') AS d, convert_from(decode('aGk=', 'base64'), 'UTF8') AS s;
-- expect:
-- columns: ["h", "b", "d", "s"]
-- types: ["text", "text", "bytea", "text"]
-- row: ["68656c6c6f", "aGVsbG8=", "\\x68656c6c6f", "hi"]
-- tag: SELECT 1

-- case: bytea_invalid_hex
SELECT '\xzz'::bytea;
-- expect:
-- error: 22023

-- case: bytea_get_byte
SELECT get_byte('\x0102ff'::bytea, 2) AS b, substring('\x0102ff'::bytea from 2 for 1) AS s;
-- expect:
-- columns: ["b", "s"]
-- types: ["int4", "bytea"]
-- row: ["255", "\\x02"]
-- tag: SELECT 1

-- case: bytea_md5
SELECT md5('abc') AS a, md5('abc'::bytea) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["900150983cd24fb0d6963f7d28e17f72", "900150983cd24fb0d6963f7d28e17f72"]
-- tag: SELECT 1

-- case: bytea_sha256
SELECT sha256('abc'::bytea) AS h;
-- expect:
-- columns: ["h"]
-- types: ["bytea"]
-- row: ["\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"]
-- tag: SELECT 1
