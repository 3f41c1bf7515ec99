-- String functions.

-- case: fn_length_variants
SELECT length('abc') AS a, char_length('abcd') AS b, character_length('') AS c, octet_length('ab') AS d, bit_length('ab') AS e;

-- case: fn_upper_lower_initcap
SELECT upper('abc Def') AS u, lower('ABC dEF') AS l, initcap('hello wORLD foo-bar') AS i;

-- case: fn_substring_variants
SELECT substring('hello world' FROM 7) AS a, substring('hello world' FROM 1 FOR 5) AS b, substr('hello', 2, 3) AS c, substr('hello', 0, 2) AS d, substring('hello', -1, 3) AS e;

-- case: fn_substring_regex
SELECT substring('abc123def' FROM '[0-9]+') AS a, substring('foobar' FROM 'o(.)b') AS b;

-- case: fn_substring_negative_length
SELECT substr('hello', 1, -1);

-- case: fn_position_strpos
SELECT position('lo' IN 'hello') AS a, strpos('hello', 'l') AS b, position('z' IN 'hello') AS c;

-- case: fn_trim_variants
SELECT trim('  x  ') || '|' AS a, ltrim('  x  ') || '|' AS b, rtrim('  x  ') || '|' AS c, trim(both 'x' FROM 'xxaxx') AS d, trim(leading 'x' FROM 'xxaxx') AS e, btrim('abcba', 'ab') AS f;

-- case: fn_lpad_rpad
SELECT lpad('7', 3, '0') AS a, rpad('ab', 5, 'xy') AS b, lpad('hello', 3) AS c, lpad('x', 4) AS d;

-- case: fn_replace_translate
SELECT replace('banana', 'an', 'AN') AS a, translate('12345', '143', 'ax') AS b, replace('aaa', '', 'x') AS c;

-- case: fn_repeat_reverse
SELECT repeat('ab', 3) AS a, repeat('x', 0) AS b, reverse('abc') AS c;

-- case: fn_left_right
SELECT left('abcdef', 2) AS a, right('abcdef', 2) AS b, left('abcdef', -2) AS c, right('abcdef', -2) AS d;

-- case: fn_split_part
SELECT split_part('a,b,c', ',', 2) AS a, split_part('a,b,c', ',', 5) AS b, split_part('a,b,c', ',', -1) AS c;

-- case: fn_concat_concat_ws
SELECT concat('a', NULL, 1, true) AS a, concat_ws('-', 'a', NULL, 'b') AS b, 'a' || NULL AS c;

-- case: fn_format_basic
SELECT format('Hello %s, you are %s', 'Bob', 42) AS a, format('%I.%I', 'my table', 'col') AS b, format('%L', 'it''s') AS c, format('%L', NULL) AS d;

-- case: fn_format_positional_width
SELECT format('%2$s %1$s', 'a', 'b') AS a, format('[%5s]', 'x') AS b, format('[%-5s]', 'x') AS c, format('%s%%', 50) AS d;

-- case: fn_format_too_few_args
SELECT format('%s %s', 'a');

-- case: fn_ascii_chr
SELECT ascii('A') AS a, chr(66) AS b, chr(233) AS c, ascii('é') AS d;

-- case: fn_starts_with
SELECT starts_with('alphabet', 'alph') AS a, starts_with('alphabet', 'beta') AS b;

-- case: fn_md5_hex
SELECT md5('') AS a, md5('hello') AS b;

-- case: fn_to_hex
SELECT to_hex(255) AS a, to_hex(-1) AS b, to_hex(4294967296::int8) AS c;

-- case: fn_quote_functions
SELECT quote_ident('Foo Bar') AS a, quote_ident('foo') AS b, quote_literal('O''Reilly') AS c, quote_nullable(NULL) AS d;

-- case: fn_regexp_replace
SELECT regexp_replace('foo bar baz', 'ba.', 'X') AS a, regexp_replace('foo bar baz', 'ba.', 'X', 'g') AS b, regexp_replace('abc', '(b)', '[\1]') AS c, regexp_replace('ABC', 'b', 'x', 'i') AS d;

-- case: fn_regexp_match
SELECT regexp_match('foo123bar45', '[0-9]+') AS a, regexp_match('key=val', '(\w+)=(\w+)') AS b, regexp_match('abc', 'z') AS c;

-- case: fn_regexp_matches_global
SELECT regexp_matches('a1b22c333', '[0-9]+', 'g') AS m;

-- case: fn_regexp_split
SELECT regexp_split_to_array('a1b22c', '[0-9]+') AS a, string_to_array('a b  c', ' ') AS b;

-- case: fn_regexp_split_to_table
SELECT x FROM regexp_split_to_table('one, two,three', ',\s*') AS x;

-- case: fn_string_to_table
SELECT x FROM string_to_table('a|b|c', '|') AS x;

-- case: fn_overlay
SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4) AS a;

-- case: fn_string_agg_basic
CREATE TABLE t (s text);
INSERT INTO t VALUES ('b'), ('a'), ('c');
SELECT string_agg(s, ', ' ORDER BY s) AS a FROM t;

-- case: fn_like_with_column_pattern
CREATE TABLE t (s text, p text);
INSERT INTO t VALUES ('hello', 'h%'), ('world', '%x%'), ('abc', '_b_');
SELECT s, s LIKE p AS m FROM t ORDER BY s;

-- case: fn_collate_c_compare
SELECT 'a' < 'B' COLLATE "C" AS a, 'a' COLLATE "C" < 'b' AS b;

-- case: fn_text_comparison_trailing_space
SELECT 'a ' = 'a' AS a, 'a '::varchar = 'a'::varchar AS b;
