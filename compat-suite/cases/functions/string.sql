-- String functions.

-- case: fn_length_variants
SELECT length('abc') AS a, char_length('abcd') AS b, character_length('') AS c, octet_length('ab') AS d, bit_length('ab') AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "int4"]
-- row: ["3", "4", "0", "2", "16"]
-- tag: SELECT 1

-- case: fn_upper_lower_initcap
SELECT upper('abc Def') AS u, lower('ABC dEF') AS l, initcap('hello wORLD foo-bar') AS i;
-- expect:
-- columns: ["u", "l", "i"]
-- types: ["text", "text", "text"]
-- row: ["ABC DEF", "abc def", "Hello World Foo-Bar"]
-- tag: SELECT 1

-- case: fn_substring_variants
SELECT substring('hello world' FROM 7) AS a, substring('hello world' FROM 1 FOR 5) AS b, substr('hello', 2, 3) AS c, substr('hello', 0, 2) AS d, substring('hello', -1, 3) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: ["world", "hello", "ell", "h", "h"]
-- tag: SELECT 1

-- case: fn_substring_regex
SELECT substring('abc123def' FROM '[0-9]+') AS a, substring('foobar' FROM 'o(.)b') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["123", "o"]
-- tag: SELECT 1

-- case: fn_substring_negative_length
SELECT substr('hello', 1, -1);
-- expect:
-- error: 22011

-- case: fn_position_strpos
SELECT position('lo' IN 'hello') AS a, strpos('hello', 'l') AS b, position('z' IN 'hello') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["4", "3", "0"]
-- tag: SELECT 1

-- case: fn_trim_variants
SELECT trim('  x  ') || '|' AS a, ltrim('  x  ') || '|' AS b, rtrim('  x  ') || '|' AS c, trim(both 'x' FROM 'xxaxx') AS d, trim(leading 'x' FROM 'xxaxx') AS e, btrim('abcba', 'ab') AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["text", "text", "text", "text", "text", "text"]
-- row: ["x|", "x  |", "  x|", "a", "axx", "c"]
-- tag: SELECT 1

-- case: fn_lpad_rpad
SELECT lpad('7', 3, '0') AS a, rpad('ab', 5, 'xy') AS b, lpad('hello', 3) AS c, lpad('x', 4) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["007", "abxyx", "hel", "   x"]
-- tag: SELECT 1

-- case: fn_replace_translate
SELECT replace('banana', 'an', 'AN') AS a, translate('12345', '143', 'ax') AS b, replace('aaa', '', 'x') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["bANANa", "a2x5", "aaa"]
-- tag: SELECT 1

-- case: fn_repeat_reverse
SELECT repeat('ab', 3) AS a, repeat('x', 0) AS b, reverse('abc') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["ababab", "", "cba"]
-- tag: SELECT 1

-- case: fn_left_right
SELECT left('abcdef', 2) AS a, right('abcdef', 2) AS b, left('abcdef', -2) AS c, right('abcdef', -2) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["ab", "ef", "abcd", "cdef"]
-- tag: SELECT 1

-- case: fn_split_part
SELECT split_part('a,b,c', ',', 2) AS a, split_part('a,b,c', ',', 5) AS b, split_part('a,b,c', ',', -1) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["b", "", "c"]
-- tag: SELECT 1

-- case: fn_concat_concat_ws
SELECT concat('a', NULL, 1, true) AS a, concat_ws('-', 'a', NULL, 'b') AS b, 'a' || NULL AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["a1t", "a-b", null]
-- tag: SELECT 1

-- case: fn_format_basic
SELECT format('Hello %s, you are %s', 'Bob', 42) AS a, format('%I.%I', 'my table', 'col') AS b, format('%L', 'it''s') AS c, format('%L', NULL) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["Hello Bob, you are 42", "\"my table\".col", "'it''s'", "NULL"]
-- tag: SELECT 1

-- case: fn_format_positional_width
SELECT format('%2$s %1$s', 'a', 'b') AS a, format('[%5s]', 'x') AS b, format('[%-5s]', 'x') AS c, format('%s%%', 50) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["b a", "[    x]", "[x    ]", "50%"]
-- tag: SELECT 1

-- case: fn_format_too_few_args
SELECT format('%s %s', 'a');
-- expect:
-- error: 22023

-- case: fn_ascii_chr
SELECT ascii('A') AS a, chr(66) AS b, chr(233) AS c, ascii('é') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "text", "text", "int4"]
-- row: ["65", "B", "é", "233"]
-- tag: SELECT 1

-- case: fn_starts_with
SELECT starts_with('alphabet', 'alph') AS a, starts_with('alphabet', 'beta') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: fn_md5_hex
SELECT md5('') AS a, md5('hello') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["d41d8cd98f00b204e9800998ecf8427e", "5d41402abc4b2a76b9719d911017c592"]
-- tag: SELECT 1

-- case: fn_to_hex
SELECT to_hex(255) AS a, to_hex(-1) AS b, to_hex(4294967296::int8) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["ff", "ffffffff", "100000000"]
-- tag: SELECT 1

-- case: fn_quote_functions
SELECT quote_ident('Foo Bar') AS a, quote_ident('foo') AS b, quote_literal('O''Reilly') AS c, quote_nullable(NULL) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["\"Foo Bar\"", "foo", "'O''Reilly'", "NULL"]
-- tag: SELECT 1

-- case: fn_regexp_replace
SELECT regexp_replace('foo bar baz', 'ba.', 'X') AS a, regexp_replace('foo bar baz', 'ba.', 'X', 'g') AS b, regexp_replace('abc', '(b)', '[\1]') AS c, regexp_replace('ABC', 'b', 'x', 'i') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["foo X baz", "foo X X", "a[b]c", "AxC"]
-- tag: SELECT 1

-- case: fn_regexp_match
SELECT regexp_match('foo123bar45', '[0-9]+') AS a, regexp_match('key=val', '(\w+)=(\w+)') AS b, regexp_match('abc', 'z') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text[]", "text[]", "text[]"]
-- row: ["{123}", "{key,val}", null]
-- tag: SELECT 1

-- case: fn_regexp_matches_global
SELECT regexp_matches('a1b22c333', '[0-9]+', 'g') AS m;
-- expect:
-- columns: ["m"]
-- types: ["text[]"]
-- row: ["{1}"]
-- row: ["{22}"]
-- row: ["{333}"]
-- tag: SELECT 3

-- case: fn_regexp_split
SELECT regexp_split_to_array('a1b22c', '[0-9]+') AS a, string_to_array('a b  c', ' ') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text[]", "text[]"]
-- row: ["{a,b,c}", "{a,b,\"\",c}"]
-- tag: SELECT 1

-- case: fn_regexp_split_to_table
SELECT x FROM regexp_split_to_table('one, two,three', ',\s*') AS x;
-- expect:
-- columns: ["x"]
-- types: ["text"]
-- row: ["one"]
-- row: ["two"]
-- row: ["three"]
-- tag: SELECT 3

-- case: fn_string_to_table
SELECT x FROM string_to_table('a|b|c', '|') AS x;
-- expect:
-- columns: ["x"]
-- types: ["text"]
-- row: ["a"]
-- row: ["b"]
-- row: ["c"]
-- tag: SELECT 3

-- case: fn_overlay
SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4) AS a;
-- expect:
-- columns: ["a"]
-- types: ["text"]
-- row: ["Thomas"]
-- tag: SELECT 1

-- case: fn_string_agg_basic
CREATE TABLE t (s text);
INSERT INTO t VALUES ('b'), ('a'), ('c');
SELECT string_agg(s, ', ' ORDER BY s) AS a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["text"]
-- row: ["a, b, c"]
-- tag: SELECT 1

-- case: fn_like_with_column_pattern
CREATE TABLE t (s text, p text);
INSERT INTO t VALUES ('hello', 'h%'), ('world', '%x%'), ('abc', '_b_');
SELECT s, s LIKE p AS m FROM t ORDER BY s;
-- expect:
-- columns: ["s", "m"]
-- types: ["text", "bool"]
-- row: ["abc", "t"]
-- row: ["hello", "t"]
-- row: ["world", "f"]
-- tag: SELECT 3

-- case: fn_collate_c_compare
SELECT 'a' < 'B' COLLATE "C" AS a, 'a' COLLATE "C" < 'b' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["f", "t"]
-- tag: SELECT 1

-- case: fn_text_comparison_trailing_space
SELECT 'a ' = 'a' AS a, 'a '::varchar = 'a'::varchar AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["f", "f"]
-- tag: SELECT 1
