-- Casts and literal resolution, part 2: casts between common types (including failures with
-- SQLSTATEs), unknown-literal resolution, boolean input forms, typed literals.

-- case: cast2_bool_input_forms
SELECT 't'::bool AS a, 'TRUE'::bool AS b, 'yes'::bool AS c, 'on'::bool AS d, '1'::bool AS e, 'f'::bool AS f, 'No'::bool AS g, 'off'::bool AS h, '0'::bool AS i, ' true '::bool AS j, 'y'::bool AS k;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
-- types: ["bool", "bool", "bool", "bool", "bool", "bool", "bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "t", "t", "f", "f", "f", "f", "t", "t"]
-- tag: SELECT 1

-- case: cast2_bool_prefix_forms
SELECT 'tr'::bool AS a, 'fa'::bool AS b, 'of'::bool AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "f", "f"]
-- tag: SELECT 1

-- case: cast2_bool_ambiguous_o_error
SELECT 'o'::bool;
-- expect:
-- error: 22P02

-- case: cast2_bool_to_int_and_back
SELECT true::int AS a, false::int AS b, 1::bool AS c, 0::bool AS d, 5::bool AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "bool", "bool", "bool"]
-- row: ["1", "0", "t", "f", "t"]
-- tag: SELECT 1

-- case: cast2_bool_from_int8_error
SELECT 1::int8::bool;
-- expect:
-- error: 42846

-- case: cast2_bool_to_text_forms
SELECT true::text AS a, false::varchar AS b, true::char(1) AS c, CAST(NULL AS bool)::text AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "varchar", "bpchar", "text"]
-- row: ["true", "false", "t", null]
-- tag: SELECT 1

-- case: cast2_int_to_text_and_varchar_typmod
SELECT 12345::text AS a, 12345::varchar(3) AS b, (-5)::text AS c, 12345::char(2) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "varchar", "text", "bpchar"]
-- row: ["12345", "123", "-5", "12"]
-- tag: SELECT 1

-- case: cast2_text_to_int_whitespace_and_sign
SELECT ' 42 '::int AS a, '+7'::int AS b, '-0'::int AS c, '007'::int AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["42", "7", "0", "7"]
-- tag: SELECT 1

-- case: cast2_text_to_int_underscore_pg16_only_error
SELECT '1_000'::int;
-- expect:
-- error: 22P02

-- case: cast2_text_to_int_hex_pg16_only_error
SELECT '0x10'::int;
-- expect:
-- error: 22P02

-- case: cast2_text_to_numeric_forms
SELECT ' 1.50 '::numeric AS a, '1e3'::numeric AS b, '.5'::numeric AS c, '5.'::numeric AS d, '-1.2E-3'::numeric AS e, 'nan'::numeric AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]
-- row: ["1.50", "1000", "0.5", "5", "-0.0012", "NaN"]
-- tag: SELECT 1

-- case: cast2_numeric_to_int_types_rounding
SELECT 2.5::numeric::int2 AS a, (-2.5)::numeric::int4 AS b, 2.49::numeric::int8 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int2", "int4", "int8"]
-- row: ["3", "-3", "2"]
-- tag: SELECT 1

-- case: cast2_float_to_numeric_exactness
SELECT 0.1::float8::numeric AS a, 1e20::float8::numeric AS b, 1.5::float4::numeric AS c, 'Infinity'::float8::numeric AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["0.1", "100000000000000000000", "1.5", "Infinity"]
-- tag: SELECT 1

-- case: cast2_numeric_to_float_text
SELECT 1.23456789012345678::numeric::float8 AS a, 1.23456789012345678::numeric::float4 AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["float8", "float4"]
-- row: ["1.2345678901234567", "1.2345679"]
-- tag: SELECT 1

-- case: cast2_float4_from_float8_rounding
SELECT 0.1::float8::float4 AS a, 16777217::float8::float4 AS b, 3.4e38::float8::float4 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["float4", "float4", "float4"]
-- row: ["0.1", "1.6777216e+07", "3.4e+38"]
-- tag: SELECT 1

-- case: cast2_float4_overflow_from_float8
SELECT 1e40::float8::float4;
-- expect:
-- error: 22003

-- case: cast2_int8_to_int2_overflow
SELECT 40000::int8::int2;
-- expect:
-- error: 22003

-- case: cast2_text_to_date_many_styles
SELECT '2024-03-05'::date AS iso, '03/05/2024'::date AS mdy, '20240305'::date AS compact, 'March 5, 2024'::date AS words, '5 Mar 2024'::date AS dmy_words, '2024-3-5'::date AS short;
-- expect:
-- columns: ["iso", "mdy", "compact", "words", "dmy_words", "short"]
-- types: ["date", "date", "date", "date", "date", "date"]
-- row: ["2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05"]
-- tag: SELECT 1

-- case: cast2_date_to_timestamp_and_text
SELECT date '2024-03-05'::timestamp AS ts, date '2024-03-05'::timestamptz AS tz, date '2024-03-05'::text AS t, pg_typeof(date '2024-03-05'::timestamptz) AS ty;
-- expect:
-- columns: ["ts", "tz", "t", "ty"]
-- types: ["timestamp", "timestamptz", "text", "regtype"]
-- row: ["2024-03-05 00:00:00", "2024-03-05 00:00:00+00", "2024-03-05", "timestamp with time zone"]
-- tag: SELECT 1

-- case: cast2_timestamp_to_time_and_date
SELECT timestamp '2024-03-05 13:14:15.5'::time AS t, timestamp '2024-03-05 23:59:59.999999'::date AS d, timestamptz '2024-03-05 23:30:00-05'::date AS dz;
-- expect:
-- columns: ["t", "d", "dz"]
-- types: ["time", "date", "date"]
-- row: ["13:14:15.5", "2024-03-05", "2024-03-06"]
-- tag: SELECT 1

-- case: cast2_timestamp_input_variants
SELECT '2024-03-05T13:14:15'::timestamp AS a, '2024-03-05 13:14:15.123456789'::timestamp AS b, '2024-03-05 13:14'::timestamp AS c, 'epoch'::timestamp AS d, '2024-03-05 1:02:03 pm'::timestamp AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["timestamp", "timestamp", "timestamp", "timestamp", "timestamp"]
-- row: ["2024-03-05 13:14:15", "2024-03-05 13:14:15.123457", "2024-03-05 13:14:00", "1970-01-01 00:00:00", "2024-03-05 13:02:03"]
-- tag: SELECT 1

-- case: cast2_timestamptz_input_offsets
SELECT '2024-03-05 12:00:00+05:30'::timestamptz AS a, '2024-03-05 12:00:00 -0800'::timestamptz AS b, '2024-03-05 12:00:00Z'::timestamptz AS c, '2024-03-05 12:00 Europe/Paris'::timestamptz AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["timestamptz", "timestamptz", "timestamptz", "timestamptz"]
-- row: ["2024-03-05 06:30:00+00", "2024-03-05 20:00:00+00", "2024-03-05 12:00:00+00", "2024-03-05 11:00:00+00"]
-- tag: SELECT 1

-- case: cast2_timestamp_ignores_offset
SELECT '2024-03-05 12:00:00+05'::timestamp AS a;
-- expect:
-- columns: ["a"]
-- types: ["timestamp"]
-- row: ["2024-03-05 12:00:00"]
-- tag: SELECT 1

-- case: cast2_time_input_variants
SELECT '1:2:3'::time AS a, '13:14'::time AS b, '24:00:00'::time AS c, '10:00 PM'::time AS d, '12:34:56.789'::time(1) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["time", "time", "time", "time", "time"]
-- row: ["01:02:03", "13:14:00", "24:00:00", "22:00:00", "12:34:56.8"]
-- tag: SELECT 1

-- case: cast2_interval_input_variants
SELECT '1 day 2 hours'::interval AS a, '1-2'::interval AS b, 'P1Y2M3DT4H5M6S'::interval AS c, '@ 3 days ago'::interval AS d, '1.5 days'::interval AS e, '90 seconds'::interval AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["interval", "interval", "interval", "interval", "interval", "interval"]
-- row: ["1 day 02:00:00", "1 year 2 mons", "1 year 2 mons 3 days 04:05:06", "-3 days", "1 day 12:00:00", "00:01:30"]
-- tag: SELECT 1

-- case: cast2_interval_to_text_and_time
SELECT interval '1 day 02:03:04'::text AS a, interval '02:03:04'::time AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "time"]
-- row: ["1 day 02:03:04", "02:03:04"]
-- tag: SELECT 1

-- case: cast2_text_to_uuid_forms
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS a, '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid AS b, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["uuid", "uuid", "uuid"]
-- row: ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"]
-- tag: SELECT 1

-- case: cast2_text_to_bytea_and_back
SELECT 'abc'::bytea AS a, '\x616263'::bytea AS b, convert_from('\x616263'::bytea, 'UTF8') AS c, 'abc'::bytea::text AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bytea", "bytea", "text", "text"]
-- row: ["\\x616263", "\\x616263", "abc", "\\x616263"]
-- tag: SELECT 1

-- case: cast2_int_to_bytea_error
SELECT 1::bytea;
-- expect:
-- error: 42846

-- case: cast2_text_to_json_and_jsonb
SELECT '{"b":1, "a":2}'::json AS j, '{"b":1, "a":2}'::jsonb AS jb, '{"a":1}'::json::jsonb AS conv, '  [1,2] '::jsonb AS arr;
-- expect:
-- columns: ["j", "jb", "conv", "arr"]
-- types: ["json", "jsonb", "jsonb", "jsonb"]
-- row: ["{\"b\":1, \"a\":2}", "{\"a\": 2, \"b\": 1}", "{\"a\": 1}", "[1, 2]"]
-- tag: SELECT 1

-- case: cast2_int_to_jsonb_via_to_jsonb
SELECT to_jsonb(42) AS a, to_jsonb(1.50) AS b, to_jsonb(true) AS c, to_jsonb('x'::text) AS d, to_jsonb(NULL::int) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["jsonb", "jsonb", "jsonb", "jsonb", "jsonb"]
-- row: ["42", "1.50", "true", "\"x\"", null]
-- tag: SELECT 1

-- case: cast2_int_to_json_direct_error
SELECT 42::jsonb;
-- expect:
-- error: 42846

-- case: cast2_text_array_to_int_array
SELECT '{1,2,3}'::text[]::int[] AS a, ARRAY['1', '2']::int[] AS b, ARRAY[1.6, 2.4]::int[] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4[]", "int4[]", "int4[]"]
-- row: ["{1,2,3}", "{1,2}", "{2,2}"]
-- tag: SELECT 1

-- case: cast2_text_array_to_int_array_error
SELECT ARRAY['1', 'x']::int[];
-- expect:
-- error: 22P02

-- case: cast2_enum_to_text_and_back
CREATE TYPE lvl AS ENUM ('low', 'high');
SELECT 'high'::lvl::text AS a, ('low'::text)::lvl AS b, 'low'::lvl < 'high'::lvl AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "user", "bool"]
-- row: ["high", "low", "t"]
-- tag: SELECT 1

-- case: cast2_enum_to_int_error
CREATE TYPE lvl AS ENUM ('low', 'high');
SELECT 'low'::lvl::int;
-- expect:
-- error: 42846

-- case: cast2_domain_over_varchar_length
CREATE DOMAIN short AS varchar(3);
SELECT 'abcdef'::short AS s;
-- expect:
-- columns: ["s"]
-- types: ["varchar"]
-- row: ["abc"]
-- tag: SELECT 1

-- case: cast2_composite_text_roundtrip
CREATE TYPE pair AS (a int, b text);
SELECT ROW(1, 'x y')::pair AS p, '(2,"q,r")'::pair AS q, ('(3,z)'::pair).b AS b;
-- expect:
-- columns: ["p", "q", "b"]
-- types: ["user", "user", "text"]
-- row: ["(1,\"x y\")", "(2,\"q,r\")", "z"]
-- tag: SELECT 1

-- case: cast2_inet_cidr_conversions
SELECT '192.168.1.5/24'::inet AS a, '192.168.1.0/24'::cidr AS b, '192.168.1.5'::inet::text AS c, host('192.168.1.5/24'::inet) AS d, masklen('10.0.0.0/8'::cidr) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["inet", "cidr", "text", "text", "int4"]
-- row: ["192.168.1.5/24", "192.168.1.0/24", "192.168.1.5/32", "192.168.1.5", "8"]
-- tag: SELECT 1

-- case: cast2_cidr_with_host_bits_error
SELECT '192.168.1.5/24'::cidr;
-- expect:
-- error: 22P02

-- case: cast2_money_like_numeric_formatting
SELECT 1234.5::numeric(10, 2) AS a, 0.1::numeric(3, 3) AS b, 99.999::numeric(4, 1) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["1234.50", "0.100", "100.0"]
-- tag: SELECT 1

-- case: cast2_numeric_typmod_overflow_by_rounding
SELECT 99.99::numeric(3, 1);
-- expect:
-- error: 22003

-- case: cast2_regclass_text_roundtrip
CREATE TABLE "Mixed Case" (a int);
SELECT '"Mixed Case"'::regclass::text AS a, 'pg_class'::regclass::text AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["\"Mixed Case\"", "pg_class"]
-- tag: SELECT 1

-- case: cast2_oid_and_int
SELECT 23::oid AS a, 23::oid::regtype AS b, '23'::oid = 23 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["oid", "regtype", "bool"]
-- row: ["23", "integer", "t"]
-- tag: SELECT 1

-- case: cast2_char_to_int_via_text
SELECT '12'::char(4)::text::int AS a, '12  '::char(4) = '12' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "bool"]
-- row: ["12", "t"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_resolves_in_comparison
CREATE TABLE t (a int, d date, b bool);
INSERT INTO t VALUES (1, '2024-01-01', 'yes');
SELECT a = '1' AS a, d = '2024-01-01' AS d, b = 't' AS b FROM t;
-- expect:
-- columns: ["a", "d", "b"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_bad_for_column_type
CREATE TABLE t (a int);
SELECT * FROM t WHERE a = 'x';
-- expect:
-- error: 22P02

-- case: cast2_unknown_literal_in_select_is_text
SELECT 'abc' AS a, pg_typeof('abc') AS t, pg_typeof(x) AS tx FROM (SELECT 'abc' AS x) s;
-- expect:
-- columns: ["a", "t", "tx"]
-- types: ["text", "regtype", "regtype"]
-- row: ["abc", "unknown", "text"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_in_values_union_resolves
SELECT pg_typeof(x) AS t FROM (VALUES ('1'), ('2')) v(x) LIMIT 1;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["text"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_with_int_in_values
SELECT x, pg_typeof(x) AS t FROM (VALUES (1), ('2')) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "t"]
-- types: ["int4", "regtype"]
-- row: ["1", "integer"]
-- row: ["2", "integer"]
-- tag: SELECT 2

-- case: cast2_unknown_literal_case_branches
SELECT CASE WHEN true THEN '1' ELSE 2 END AS a, pg_typeof(CASE WHEN true THEN '1' ELSE 2 END) AS t;
-- expect:
-- columns: ["a", "t"]
-- types: ["int4", "regtype"]
-- row: ["1", "integer"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_case_all_unknown_text
SELECT pg_typeof(CASE WHEN true THEN 'a' ELSE 'b' END) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["text"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_coalesce_with_int
SELECT COALESCE(NULL, '5', 7) AS a, pg_typeof(COALESCE('5', 7)) AS t;
-- expect:
-- columns: ["a", "t"]
-- types: ["int4", "regtype"]
-- row: ["5", "integer"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_coalesce_bad
SELECT COALESCE('x', 7);
-- expect:
-- error: 22P02

-- case: cast2_unknown_literal_in_in_list
SELECT 3 IN ('1', '3') AS a, date '2024-01-01' IN ('2024-01-01', '2024-01-02') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_arithmetic_with_int
SELECT 1 + '2' AS a, '3' * 2.5 AS b, pg_typeof(1 + '2') AS t;
-- expect:
-- columns: ["a", "b", "t"]
-- types: ["int4", "numeric", "regtype"]
-- row: ["3", "7.5", "integer"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_timestamp_minus_text
SELECT timestamp '2024-01-02' - '2024-01-01' AS a;
-- expect:
-- columns: ["a"]
-- types: ["interval"]
-- row: ["1 day"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_date_minus_resolves_date_error
SELECT date '2024-01-10' - '3';
-- expect:
-- error: 22007

-- case: cast2_unknown_literal_date_minus_date_text
SELECT date '2024-01-10' - '2024-01-01' AS d, pg_typeof(date '2024-01-10' - '2024-01-01') AS t;
-- expect:
-- columns: ["d", "t"]
-- types: ["int4", "regtype"]
-- row: ["9", "integer"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_concat_number
SELECT 'n=' || 5 AS a, pg_typeof('n=' || 5) AS t;
-- expect:
-- columns: ["a", "t"]
-- types: ["text", "regtype"]
-- row: ["n=5", "text"]
-- tag: SELECT 1

-- case: cast2_unknown_literal_array_element
SELECT ARRAY['1', '2'] AS a, pg_typeof(ARRAY['1', '2']) AS t, ARRAY[1, '2'] AS b;
-- expect:
-- columns: ["a", "t", "b"]
-- types: ["text[]", "regtype", "int4[]"]
-- row: ["{1,2}", "text[]", "{1,2}"]
-- tag: SELECT 1

-- case: cast2_typed_literal_forms
SELECT int '42' AS a, float8 '1.5' AS b, numeric '1.50' AS c, bool 'yes' AS d, text 'x' AS e, interval '1' day AS f, varchar(3) 'abcd' AS g;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g"]
-- types: ["int4", "float8", "numeric", "bool", "text", "interval", "varchar"]
-- row: ["42", "1.5", "1.50", "t", "x", "1 day", "abc"]
-- tag: SELECT 1

-- case: cast2_interval_qualifier_forms
SELECT interval '1-2' YEAR TO MONTH AS a, interval '3 4:05' DAY TO MINUTE AS b, interval '100' MINUTE AS c, interval '1 day 2 hours 3 minutes' HOUR AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["interval", "interval", "interval", "interval"]
-- row: ["1 year 2 mons", "3 days 04:05:00", "01:40:00", "1 day 02:00:00"]
-- tag: SELECT 1

-- case: cast2_function_style_casts
SELECT int4('12') AS a, text(12) AS b, float8(1) AS c, date('2024-01-01') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "text", "float8", "date"]
-- row: ["12", "12", "1", "2024-01-01"]
-- tag: SELECT 1

-- case: cast2_numeric_function_style_is_type_syntax_error
SELECT numeric('1.5');
-- expect:
-- error: 42601

-- case: cast2_unary_minus_binds_looser_than_cast_error
SELECT -1::text;
-- expect:
-- error: 42883

-- case: cast2_cast_precedence_unary_minus
SELECT (-1)::text AS b, - '1'::int AS c, -2::int8 AS d, pg_typeof(-2::int2) AS t;
-- expect:
-- columns: ["b", "c", "d", "t"]
-- types: ["text", "int4", "int8", "regtype"]
-- row: ["-1", "-1", "-2", "smallint"]
-- tag: SELECT 1

-- case: cast2_null_casts_types
SELECT NULL::int AS a, pg_typeof(NULL::int[]) AS b, CAST(NULL AS text) IS NULL AS c, pg_typeof(NULL::jsonb) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "regtype", "bool", "regtype"]
-- row: [null, "integer[]", "t", "jsonb"]
-- tag: SELECT 1

-- case: cast2_varchar_cast_no_error_silent_truncate
SELECT 'abcdef'::varchar(3) AS a, 'abc   '::varchar(3) AS b, 'abcdef'::char(3) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["varchar", "varchar", "bpchar"]
-- row: ["abc", "abc", "abc"]
-- tag: SELECT 1

-- case: cast2_int_to_float_exact
SELECT 2147483647::float4 AS a, 9007199254740993::float8 AS b, 123456789::float4::int AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["float4", "float8", "int4"]
-- row: ["2.1474836e+09", "9.007199254740992e+15", "123456792"]
-- tag: SELECT 1

-- case: cast2_text_to_float_special
SELECT '1e308'::float8 AS a, '1e-320'::float8 AS b, '-0'::float8 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["float8", "float8", "float8"]
-- row: ["1e+308", "1e-320", "-0"]
-- tag: SELECT 1

-- case: cast2_text_to_float_out_of_range
SELECT '1e309'::float8;
-- expect:
-- error: 22003

-- case: cast2_interval_to_int_error
SELECT interval '1 day'::int;
-- expect:
-- error: 42846

-- case: cast2_date_to_int_error
SELECT date '2024-01-01'::int;
-- expect:
-- error: 42846

-- case: cast2_timestamp_to_date_infinity
SELECT 'infinity'::timestamp::date AS a, '-infinity'::date::timestamp AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["date", "timestamp"]
-- row: ["infinity", "-infinity"]
-- tag: SELECT 1

-- case: cast2_point_and_geometric_output
SELECT point(1, 2) AS p, '(1.5,2)'::point AS q, box '((0,0),(1,1))' AS b, circle '((0,0),2)' AS c;
-- expect:
-- columns: ["p", "q", "b", "c"]
-- types: ["point", "point", "box", "circle"]
-- row: ["(1,2)", "(1.5,2)", "(1,1),(0,0)", "<(0,0),2>"]
-- tag: SELECT 1

-- case: cast2_bit_strings
SELECT B'1010' AS a, X'1F' AS b, B'1010' & B'0110' AS c, '101'::bit(3)::int AS d, 5::bit(4) AS e, B'10'::varbit || B'1' AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["bit", "bit", "bit", "int4", "bit", "varbit"]
-- row: ["1010", "00011111", "0010", "5", "0101", "101"]
-- tag: SELECT 1

-- case: cast2_bit_length_mismatch_error
SELECT B'101'::bit(3) & B'10'::bit(2);
-- expect:
-- error: 22026

-- case: cast2_tsvector_basic
SELECT 'a fat cat'::tsvector AS v, to_tsvector('simple', 'The Fat Cats') AS t, to_tsvector('simple', 'fat cat') @@ to_tsquery('simple', 'cat') AS m;
-- expect:
-- columns: ["v", "t", "m"]
-- types: ["tsvector", "tsvector", "bool"]
-- row: ["'a' 'cat' 'fat'", "'cats':3 'fat':2 'the':1", "t"]
-- tag: SELECT 1

-- case: cast2_range_types_text
SELECT int4range(1, 5) AS a, int4range(1, 5, '[]') AS b, numrange(1.5, 2.5) AS c, daterange('2024-01-01', '2024-01-31') AS d, int4range(5, 5) AS e, '[3,1)'::text AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["int4range", "int4range", "numrange", "daterange", "int4range", "text"]
-- row: ["[1,5)", "[1,6)", "[1.5,2.5)", "[2024-01-01,2024-01-31)", "empty", "[3,1)"]
-- tag: SELECT 1

-- case: cast2_range_invalid_bounds_error
SELECT int4range(5, 1);
-- expect:
-- error: 22000

-- case: cast2_range_operators
SELECT int4range(1, 10) @> 5 AS a, int4range(1, 10) && int4range(10, 20) AS b, int4range(1, 5) + int4range(5, 8) AS c, upper(int4range(1, 5)) AS d, isempty(int4range(3, 3)) AS e, lower_inc(numrange(1, 2, '(]')) AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["bool", "bool", "int4range", "int4", "bool", "bool"]
-- row: ["t", "f", "[1,8)", "5", "t", "f"]
-- tag: SELECT 1
