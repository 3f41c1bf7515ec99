-- String functions, part 2: edge cases with empty strings, NULLs, unicode, negative counts.

-- case: fn2_length_empty_null_unicode
SELECT length('') AS e, length(NULL::text) AS n, length('héllo') AS u, octet_length('héllo') AS ob, char_length('日本語') AS cj, bit_length('ab') AS bl;
-- expect:
-- columns: ["e", "n", "u", "ob", "cj", "bl"]
-- types: ["int4", "int4", "int4", "int4", "int4", "int4"]
-- row: ["0", null, "5", "6", "3", "16"]
-- tag: SELECT 1

-- case: fn2_upper_lower_unicode
SELECT upper('straße é ü') AS u, lower('ÀÉÎ ÖÜ') AS l, initcap('hello wORLD-foo_bar 3rd') AS i;
-- expect:
-- columns: ["u", "l", "i"]
-- types: ["text", "text", "text"]
-- row: ["STRAßE É Ü", "àéî öü", "Hello World-Foo_Bar 3rd"]
-- tag: SELECT 1

-- case: fn2_substr_edge_cases
SELECT substr('hello', 0) AS a, substr('hello', -2, 5) AS b, substr('hello', 10) AS c, substr('hello', 2, 0) AS d, substr('', 1, 3) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: ["hello", "he", "", "", ""]
-- tag: SELECT 1

-- case: fn2_substr_negative_length_error
SELECT substr('hello', 1, -1);
-- expect:
-- error: 22011

-- case: fn2_substring_from_for_keywords
SELECT substring('PostgreSQL' FROM 5) AS a, substring('PostgreSQL' FOR 4) AS b, substring('PostgreSQL' FROM 5 FOR 3) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["greSQL", "Post", "gre"]
-- tag: SELECT 1

-- case: fn2_substring_similar
SELECT substring('foobar' SIMILAR '%#"o_b#"%' ESCAPE '#') AS s;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["oob"]
-- tag: SELECT 1

-- case: fn2_position_empty_and_missing
SELECT position('' IN 'abc') AS a, position('z' IN 'abc') AS b, position('c' IN 'abcabc') AS c, strpos('日本語', '語') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["1", "0", "3", "3"]
-- tag: SELECT 1

-- case: fn2_left_right_negative
SELECT left('abcdef', -2) AS a, right('abcdef', -2) AS b, left('ab', 10) AS c, right('', 3) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["abcd", "cdef", "ab", ""]
-- tag: SELECT 1

-- case: fn2_lpad_rpad_truncate_and_empty_fill
SELECT lpad('abcdef', 3) AS a, rpad('abcdef', 3) AS b, lpad('x', 5, '') AS c, lpad('x', 0) AS d, rpad('x', 4, 'ab') AS e, lpad('é', 3, 'ü') AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["text", "text", "text", "text", "text", "text"]
-- row: ["abc", "abc", "x", "", "xaba", "üüé"]
-- tag: SELECT 1

-- case: fn2_repeat_edge
SELECT repeat('ab', 3) AS a, repeat('ab', 0) AS b, repeat('', 5) AS c, repeat(NULL, 2) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["ababab", "", "", null]
-- tag: SELECT 1

-- case: fn2_replace_edge
SELECT replace('aaa', 'a', 'bb') AS a, replace('abc', '', 'x') AS b, replace('abc', 'b', '') AS c, replace('abc', NULL, 'x') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["bbbbbb", "abc", "ac", null]
-- tag: SELECT 1

-- case: fn2_translate_edge
SELECT translate('12345', '143', 'ax') AS a, translate('hello', 'lo', '01') AS b, translate('abc', '', 'x') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["a2x5", "he001", "abc"]
-- tag: SELECT 1

-- case: fn2_trim_chars_and_directions
SELECT trim(BOTH 'xy' FROM 'xyxhixyx') AS a, trim(LEADING '0' FROM '000120') AS b, trim(TRAILING FROM '  x  ') AS c, btrim('--a--', '-') AS d, ltrim('zzab', 'z') AS e, rtrim('abzz', 'z') AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["text", "text", "text", "text", "text", "text"]
-- row: ["hi", "120", "  x", "a", "ab", "ab"]
-- tag: SELECT 1

-- case: fn2_trim_null_chars
SELECT trim(BOTH NULL FROM 'abc') AS a, btrim('') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: [null, ""]
-- tag: SELECT 1

-- case: fn2_split_part_edge
SELECT split_part('a,b,c', ',', 2) AS a, split_part('a,b,c', ',', 5) AS b, split_part('a,b,c', ',', -1) AS c, split_part('abc', '', 1) AS d, split_part('', ',', 1) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: ["b", "", "c", "abc", ""]
-- tag: SELECT 1

-- case: fn2_split_part_zero_error
SELECT split_part('a,b', ',', 0);
-- expect:
-- error: 22023

-- case: fn2_concat_nulls_and_types
SELECT concat('a', NULL, 1, true, 2.50) AS a, concat_ws('-', 'a', NULL, 'b') AS b, concat_ws(NULL, 'a', 'b') AS c, concat(NULL) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["a1t2.50", "a-b", null, ""]
-- tag: SELECT 1

-- case: fn2_concat_operator_null
SELECT 'a' || NULL AS a, NULL || 'b' AS b, 'x' || 1 AS c, 1 || 'x' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: [null, null, "x1", "1x"]
-- tag: SELECT 1

-- case: fn2_concat_array_operator_text
SELECT 'a'::text || ARRAY['b', 'c'] AS a, ARRAY['b'] || 'c'::text AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text[]", "text[]"]
-- row: ["{a,b,c}", "{b,c}"]
-- tag: SELECT 1

-- case: fn2_concat_unknown_with_array_parses_array_literal_error
SELECT 'a' || ARRAY['b', 'c'];
-- expect:
-- error: 22P02

-- case: fn2_concat_unknown_array_literal_with_array
SELECT '{x}' || ARRAY['b', 'c'] AS a;
-- expect:
-- columns: ["a"]
-- types: ["text[]"]
-- row: ["{x,b,c}"]
-- tag: SELECT 1

-- case: fn2_reverse_unicode
SELECT reverse('héllo') AS a, reverse('') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["olléh", ""]
-- tag: SELECT 1

-- case: fn2_ascii_chr_unicode
SELECT ascii('é') AS a, chr(233) AS b, chr(26085) AS c, ascii('') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "text", "text", "int4"]
-- row: ["233", "é", "日", "0"]
-- tag: SELECT 1

-- case: fn2_chr_zero_error
SELECT chr(0);
-- expect:
-- error: 54000

-- case: fn2_format_identifiers_and_literals
SELECT format('%I.%I', 'my table', 'Col') AS a, format('%L', 'it''s') AS b, format('%L', NULL) AS c, format('%s', NULL) AS d, format('%%') AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: ["\"my table\".\"Col\"", "'it''s'", "NULL", "", "%"]
-- tag: SELECT 1

-- case: fn2_format_width_flags
SELECT format('[%10s]', 'abc') AS a, format('[%-10s]', 'abc') AS b, format('[%*s]', 6, 'x') AS c, format('%2$s %1$s', 'a', 'b') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["[       abc]", "[abc       ]", "[     x]", "b a"]
-- tag: SELECT 1

-- case: fn2_format_array_variadic
SELECT format('%s-%s', VARIADIC ARRAY['x', 'y']) AS a;
-- expect:
-- columns: ["a"]
-- types: ["text"]
-- row: ["x-y"]
-- tag: SELECT 1

-- case: fn2_format_invalid_conversion
SELECT format('%d', 1);
-- expect:
-- error: 22023

-- case: fn2_quote_ident_literal_nullable
SELECT quote_ident('abc') AS a, quote_ident('Abc') AS b, quote_ident('select') AS c, quote_ident('a"b') AS d, quote_literal(E'a\\b') AS e, quote_nullable(NULL) AS f, quote_literal(42) AS g;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g"]
-- types: ["text", "text", "text", "text", "text", "text", "text"]
-- row: ["abc", "\"Abc\"", "\"select\"", "\"a\"\"b\"", "E'a\\\\b'", "NULL", "'42'"]
-- tag: SELECT 1

-- case: fn2_md5_empty_and_unicode
SELECT md5('') AS a, md5('é') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["d41d8cd98f00b204e9800998ecf8427e", "66ddcd97cfdeabb2f6fb8a999b4bc76f"]
-- tag: SELECT 1

-- case: fn2_to_hex_negative_and_bigint
SELECT to_hex(255) AS a, to_hex(-1) AS b, to_hex(9223372036854775807) AS c, to_hex(0) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["ff", "ffffffff", "7fffffffffffffff", "0"]
-- tag: SELECT 1

-- case: fn2_starts_with_and_prefix_operator
SELECT starts_with('alphabet', 'alph') AS a, starts_with('alphabet', '') AS b, 'alphabet' ^@ 'bet' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "f"]
-- tag: SELECT 1

-- case: fn2_regexp_replace_flags_and_backrefs
SELECT regexp_replace('Hello World', 'o', '0', 'g') AS a, regexp_replace('Hello', 'L', 'x', 'gi') AS b, regexp_replace('2024-01-31', '(\d+)-(\d+)-(\d+)', '\3/\2/\1') AS c, regexp_replace('abc', 'z', 'y') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["Hell0 W0rld", "Hexxo", "31/01/2024", "abc"]
-- tag: SELECT 1

-- case: fn2_regexp_match_groups_and_null
SELECT regexp_match('key=value', '(\w+)=(\w+)') AS a, regexp_match('nothing', '(\d+)') AS b, (regexp_match('a1b22', '\d+'))[1] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text[]", "text[]", "text"]
-- row: ["{key,value}", null, "1"]
-- tag: SELECT 1

-- case: fn2_regexp_matches_global_rows
SELECT m FROM regexp_matches('a1b22c333', '\d+', 'g') AS m;
-- expect:
-- columns: ["m"]
-- types: ["text[]"]
-- row: ["{1}"]
-- row: ["{22}"]
-- row: ["{333}"]
-- tag: SELECT 3

-- case: fn2_regexp_count_like_via_array
SELECT array_length(regexp_split_to_array('a1b22c333', '\d+'), 1) AS parts, regexp_split_to_array('a, b,c', ',\s*') AS arr;
-- expect:
-- columns: ["parts", "arr"]
-- types: ["int4", "text[]"]
-- row: ["4", "{a,b,c}"]
-- tag: SELECT 1

-- case: fn2_regex_operators_case
SELECT 'Abc' ~ '^a' AS a, 'Abc' ~* '^a' AS b, 'Abc' !~ '^a' AS c, 'Abc' !~* '^a' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["f", "t", "t", "f"]
-- tag: SELECT 1

-- case: fn2_like_special_chars_and_escape
SELECT 'a_c' LIKE 'a\_c' AS a, 'abc' LIKE 'a\_c' AS b, '100%' LIKE '100!%' ESCAPE '!' AS c, 'ABC' ILIKE 'a%' AS d, 'abc' NOT ILIKE 'A%' AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", "t", "f"]
-- tag: SELECT 1

-- case: fn2_like_empty_pattern
SELECT '' LIKE '' AS a, 'a' LIKE '' AS b, '' LIKE '%' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "f", "t"]
-- tag: SELECT 1

-- case: fn2_similar_to_cases
SELECT 'abc' SIMILAR TO 'a(b|c)c' AS a, 'abc' SIMILAR TO 'a' AS b, 'aaa' SIMILAR TO 'a*' AS c, 'abd' SIMILAR TO '%(c|d)' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", "t"]
-- tag: SELECT 1

-- case: fn2_string_to_array_null_string
SELECT string_to_array('a,b,,c', ',') AS a, string_to_array('a,b,,c', ',', '') AS b, string_to_array('abc', NULL) AS c, string_to_array('', ',') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text[]", "text[]", "text[]", "text[]"]
-- row: ["{a,b,\"\",c}", "{a,b,NULL,c}", "{a,b,c}", "{}"]
-- tag: SELECT 1

-- case: fn2_array_to_string_null_replacement
SELECT array_to_string(ARRAY['a', NULL, 'c'], ',') AS a, array_to_string(ARRAY['a', NULL, 'c'], ',', '*') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["a,c", "a,*,c"]
-- tag: SELECT 1

-- case: fn2_encode_decode_variants
SELECT encode('hello'::bytea, 'base64') AS a, encode('\x00ff'::bytea, 'hex') AS b, convert_from(decode('aGVsbG8=', 'base64'), 'UTF8') AS c, encode(E'a\\001'::bytea, 'escape') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["aGVsbG8=", "00ff", "hello", "a\u0001"]
-- tag: SELECT 1

-- case: fn2_overlay_variants
SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4) AS a, overlay('abc' PLACING 'XY' FROM 2) AS b, overlay('abc' PLACING '' FROM 2 FOR 1) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["Thomas", "aXY", "ac"]
-- tag: SELECT 1

-- case: fn2_text_comparisons_c_collation
SELECT 'a' < 'B' AS a, 'B' < 'a' AS b, 'abc' < 'abd' AS c, 'ab' < 'abc' AS d, 'Z' < 'a' AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["f", "t", "t", "t", "t"]
-- tag: SELECT 1

-- case: fn2_order_by_text_mixed_case_c
SELECT w FROM (VALUES ('banana'), ('Apple'), ('apple'), ('_x'), ('1z')) v(w) ORDER BY w;
-- expect:
-- columns: ["w"]
-- types: ["text"]
-- row: ["1z"]
-- row: ["Apple"]
-- row: ["_x"]
-- row: ["apple"]
-- row: ["banana"]
-- tag: SELECT 5

-- case: fn2_string_agg_with_order_and_delimiter_expr
SELECT string_agg(upper(w), ' | ' ORDER BY length(w), w) AS s FROM (VALUES ('ccc'), ('a'), ('bb'), ('aa')) v(w);
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["A | AA | BB | CCC"]
-- tag: SELECT 1

-- case: fn2_char_length_on_char_padding
SELECT length('ab '::char(5)) AS a, octet_length('ab '::char(5)) AS b, length('ab '::varchar(5)) AS c, 'ab'::char(5) || '|' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "text"]
-- row: ["2", "5", "3", "ab|"]
-- tag: SELECT 1

-- case: fn2_lower_upper_null
SELECT upper(NULL) AS u, lower(NULL::text) AS l, pg_typeof(upper(NULL)) AS t;
-- expect:
-- columns: ["u", "l", "t"]
-- types: ["text", "text", "regtype"]
-- row: [null, null, "text"]
-- tag: SELECT 1

-- case: fn2_unistr_escape_string
SELECT U&'\00e9t\00e9' AS a, E'tab\there' AS b, E'\u00e9' AS c, length(E'\n') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "int4"]
-- row: ["été", "tab\there", "é", "1"]
-- tag: SELECT 1

-- case: fn2_normalize_nfc
SELECT normalize(U&'e\0301', NFC) = U&'\00e9' AS nfc, length(normalize(U&'\00e9', NFD)) AS nfd_len;
-- expect:
-- columns: ["nfc", "nfd_len"]
-- types: ["bool", "int4"]
-- row: ["t", "2"]
-- tag: SELECT 1

-- case: fn2_left_pad_numbers_to_char_like
SELECT lpad(7::text, 3, '0') AS a, lpad((-7)::text, 4, '0') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["007", "00-7"]
-- tag: SELECT 1

-- case: fn2_string_casts_between_text_types
SELECT 'abc'::varchar(2) AS a, 'abc'::char(2) AS b, 'a'::char(3)::text || '|' AS c, pg_typeof('a'::name) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["varchar", "bpchar", "text", "regtype"]
-- row: ["ab", "ab", "a|", "name"]
-- tag: SELECT 1

-- case: fn2_text_multiplication_error
SELECT 'ab' * 2;
-- expect:
-- error: 22P02

-- case: fn2_sha_functions
SELECT encode(sha224('abc'::bytea), 'hex') AS s224, encode(sha384(''::bytea), 'hex') AS s384;
-- expect:
-- columns: ["s224", "s384"]
-- types: ["text", "text"]
-- row: ["23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"]
-- tag: SELECT 1
