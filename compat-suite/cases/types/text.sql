-- Character types: text, varchar(n), char(n), length semantics, padding, casts.

-- case: varchar_length_ok
CREATE TABLE t (s varchar(5));
INSERT INTO t VALUES ('abcde');
SELECT s, length(s) AS l FROM t;

-- case: varchar_too_long_insert
CREATE TABLE t (s varchar(5));
INSERT INTO t VALUES ('abcdef');

-- case: varchar_trailing_spaces_truncated
CREATE TABLE t (s varchar(3));
INSERT INTO t VALUES ('ab    ');
SELECT s || '|' AS s FROM t;

-- case: varchar_explicit_cast_truncates
SELECT 'abcdef'::varchar(3) AS s;

-- case: varchar_too_long_update
CREATE TABLE t (s varchar(2));
INSERT INTO t VALUES ('ab');
UPDATE t SET s = 'abc';

-- case: char_padding
SELECT 'ab'::char(5) AS a, length('ab'::char(5)) AS l, octet_length('ab'::char(5)) AS o;

-- case: char_comparison_ignores_padding
SELECT 'ab'::char(5) = 'ab'::char(3) AS a, 'ab '::char(5) = 'ab'::char(5) AS b;

-- case: char_concat_strips_padding
SELECT 'ab'::char(5) || 'x' AS s;

-- case: char_too_long
CREATE TABLE t (c char(2));
INSERT INTO t VALUES ('abc');

-- case: char_default_length_one
SELECT 'xyz'::char AS c, pg_typeof('xyz'::char) AS t;

-- case: text_unicode_length
SELECT length('héllo') AS l, octet_length('héllo') AS o, upper('héllo') AS u;

-- case: varchar_unicode_limit
CREATE TABLE t (s varchar(3));
INSERT INTO t VALUES ('äöü');
SELECT s, length(s) AS l FROM t;

-- case: text_escape_string
SELECT E'a\tb' AS a, E'line1\nline2' AS b, 'it''s' AS c, E'\\' AS d;

-- case: text_unicode_escape
SELECT U&'\0041\00e9' AS a, E'\u00e9' AS b;

-- case: text_dollar_quoted
SELECT $$it's $ fine$$ AS a, $tag$with $$ inside$tag$ AS b;

-- case: text_empty_vs_null
SELECT '' AS empty, NULL::text AS nul, '' IS NULL AS e_is_null, length('') AS l;

-- case: unknown_literal_resolves_text
SELECT pg_typeof('abc') AS t, 'abc' AS v;

-- case: unknown_literal_in_union
SELECT pg_typeof(x) AS t FROM (SELECT 'a' AS x UNION SELECT 'b') s LIMIT 1;

-- case: text_comparison_c_locale
SELECT 'a' < 'B' AS a, 'Z' < 'a' AS b, 'abc' < 'abd' AS c, '' < 'a' AS d;

-- case: name_type
SELECT 'abc'::name AS n, pg_typeof('abc'::name) AS t;

-- case: text_to_bool_casts
SELECT 'true'::bool AS a, 'f'::bool AS b, 'yes'::bool AS c, 'off'::bool AS d, '1'::bool AS e, ' TRUE '::boolean AS f;

-- case: text_to_bool_invalid
SELECT 'maybe'::bool;

-- case: bool_output
SELECT true AS t, false AS f, NULL::bool AS n;

-- case: bool_to_text
SELECT true::text AS a, false::text AS b;

-- case: bool_to_int
SELECT true::int AS a, false::int AS b, 1::bool AS c, 0::bool AS d;

-- case: bool_ordering
SELECT v FROM (VALUES (true), (false), (NULL::bool)) t(v) ORDER BY v;

-- case: int_to_text_concat_types
SELECT pg_typeof(1 || 'a') AS t;

-- case: bytea_hex_output
SELECT 'abc'::bytea AS a, '\x00ff'::bytea AS b, ''::bytea AS c;

-- case: bytea_escape_input
SELECT E'\\001\\002'::bytea AS a, 'a\\b'::bytea AS b;

-- case: bytea_functions
SELECT length('\xdeadbeef'::bytea) AS l, octet_length('\xdeadbeef'::bytea) AS o, '\x01'::bytea || '\x02'::bytea AS c;

-- case: bytea_encode_decode
SELECT encode('hello'::bytea, 'hex') AS h, encode('hello'::bytea, 'base64') AS b, decode('68656c6c6f', 'hex') AS d, convert_from(decode('aGk=', 'base64'), 'UTF8') AS s;

-- case: bytea_invalid_hex
SELECT '\xzz'::bytea;

-- case: bytea_get_byte
SELECT get_byte('\x0102ff'::bytea, 2) AS b, substring('\x0102ff'::bytea from 2 for 1) AS s;

-- case: bytea_md5
SELECT md5('abc') AS a, md5('abc'::bytea) AS b;

-- case: bytea_sha256
SELECT sha256('abc'::bytea) AS h;
