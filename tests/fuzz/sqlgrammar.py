"""A random SQL statement generator over a small fixed schema, for the SQL fuzzer.

Statements are built from a grammar (expressions of a few types, SELECT with joins, subqueries,
aggregates, windows, CTEs and set operations, INSERT/UPDATE/DELETE/ON CONFLICT, a few DDL forms);
many are valid, some are wrong on purpose (type mismatches, unknown names) so that error paths run
too. Everything is a pure function of the ``random.Random`` given, so a seed reproduces a run.
"""

from __future__ import annotations

import random
from collections.abc import Callable

SCHEMA = [
    "CREATE TABLE t1 (id int PRIMARY KEY, a int, b text, n numeric(10,2), d date, j jsonb, arr int[])",
    "CREATE TABLE t2 (id int PRIMARY KEY, t1_id int, s text, x float8, js json, tags text[], flag boolean)",
    "CREATE INDEX t1_a_idx ON t1 (a)",
    "CREATE UNIQUE INDEX t2_s_idx ON t2 (s)",
    "CREATE VIEW v1 AS SELECT id, a, b, n FROM t1 WHERE a > 0",
    "INSERT INTO t1 SELECT g, g % 7 - 2, 'b' || g, g * 1.25, date '2024-01-01' + g, "
    "jsonb_build_object('k', g, 'l', jsonb_build_array(g, 'x')), ARRAY[g, g + 1, NULL] FROM generate_series(1, 30) g",
    "INSERT INTO t2 SELECT g, g % 10, 's' || g, g / 3.0, json_build_object('a', g), ARRAY['t' || g, 'u'], g % 2 = 0 "
    "FROM generate_series(1, 20) g",
    "INSERT INTO t1 (id) VALUES (100)",
]

#: Columns by table, with their type class.
COLUMNS: dict[str, dict[str, str]] = {
    "t1": {"id": "int", "a": "int", "b": "text", "n": "num", "d": "date", "j": "json", "arr": "arr"},
    "t2": {"id": "int", "t1_id": "int", "s": "text", "x": "num", "js": "json", "tags": "arr", "flag": "bool"},
    "v1": {"id": "int", "a": "int", "b": "text", "n": "num"},
}
TYPES = ["int", "text", "num", "date", "json", "arr", "bool"]
CAST_TARGETS = ["int", "bigint", "smallint", "text", "numeric", "numeric(5,1)", "float8", "date", "timestamp",
                "interval", "jsonb", "json", "boolean", "int[]", "text[]", "varchar(3)", "bytea", "uuid", "oid",
                "regclass", "char(2)", "real", "time", "inet"]

_REGEXES = ["'[a-z]'", "'('", "'.*'", "'b+'"]


class Grammar:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng
        self.depth = 0

    # -- helpers ---------------------------------------------------------------------------------

    def pick(self, items: list[str]) -> str:
        return self.r.choice(items)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def _nested(self, fn: Callable[[], str]) -> str:
        self.depth += 1
        try:
            return fn()
        finally:
            self.depth -= 1

    # -- expressions -----------------------------------------------------------------------------

    def literal(self, t: str) -> str:
        r = self.r
        if t == "int":
            return self.pick(["0", "1", "-1", "7", "2147483647", "-2147483648", "9223372036854775807",
                              str(r.randint(-100, 100)), "NULL"])
        if t == "num":
            return self.pick(["1.5", "0.0", "-2.25", "1e10", "'NaN'::numeric", "1e-5", "99999999.99", "NULL"])
        if t == "text":
            return self.pick(["'a'", "''", "'b1'", "'héllo'", "'%'", "'x''y'", "E'\\\\n'", "'123'", "NULL", "'{1,2}'"])
        if t == "date":
            return self.pick(["date '2024-02-29'", "'2024-01-05'::date", "current_date", "'infinity'::date", "NULL"])
        if t == "json":
            return self.pick(["'{\"k\": 1}'::jsonb", "'[1, 2, \"x\"]'::jsonb", "'null'::jsonb", "'3'::jsonb",
                              "'{\"a\": {\"b\": [1]}}'::json", "NULL::jsonb"])
        if t == "arr":
            return self.pick(["ARRAY[1, 2, 3]", "'{}'::int[]", "ARRAY[NULL, 1]", "ARRAY['a', 'b']",
                              "'{{1,2},{3,4}}'::int[]"])
        return self.pick(["true", "false", "NULL::boolean"])

    def column(self, t: str, tables: list[tuple[str, str]]) -> str | None:
        cands = [f"{alias}.{c}" for table, alias in tables for c, ct in COLUMNS[table].items() if ct == t]
        return self.r.choice(cands) if cands else None

    def expr(self, t: str, tables: list[tuple[str, str]]) -> str:
        if self.depth > 2 or self.chance(0.35):
            col = self.column(t, tables) if tables and self.chance(0.7) else None
            return col or self.literal(t)
        return self._nested(lambda: self._compound(t, tables))

    def _compound(self, t: str, tables: list[tuple[str, str]]) -> str:
        e = lambda tt=t: self.expr(tt, tables)  # noqa: E731
        r = self.r
        if self.chance(0.08):  # a type mismatch on purpose
            return self.expr(self.pick(TYPES), tables)
        if self.chance(0.08):
            return f"CAST({self.expr(self.pick(TYPES), tables)} AS {self.pick(CAST_TARGETS)})"
        if self.chance(0.06):
            return f"CASE WHEN {e('bool')} THEN {e()} WHEN {e('bool')} THEN {e()} ELSE {e()} END"
        if self.chance(0.05):
            return f"COALESCE({e()}, {e()})"
        if self.chance(0.05):
            return f"NULLIF({e()}, {e()})"
        if self.chance(0.04):
            return f"(SELECT {self.column(t, [('t1', 'q')]) or self.literal(t)} FROM t1 q "\
                   f"WHERE q.id = {e('int')} LIMIT 1)"
        if t == "int":
            return r.choice([
                lambda: f"({e()} {self.pick(['+', '-', '*', '/', '%'])} {e()})",
                lambda: f"abs({e()})",
                lambda: f"length({e('text')})",
                lambda: f"array_length({e('arr')}, 1)",
                lambda: f"cardinality({e('arr')})",
                lambda: f"({e('num')})::int",
                lambda: f"extract(day from {e('date')})::int",
                lambda: f"({e('date')} - {e('date')})",
                lambda: f"(- {e()})",
                lambda: f"({e()} << {e()})",
                lambda: f"jsonb_array_length({e('json')})",
                lambda: f"position({e('text')} in {e('text')})",
                lambda: f"greatest({e()}, {e()}, {e()})",
                lambda: f"width_bucket({e('num')}, 0, 100, {e()})",
                lambda: f"({e('arr')})[{e()}]",
            ])()
        if t == "num":
            return r.choice([
                lambda: f"({e()} {self.pick(['+', '-', '*', '/', '^'])} {e()})",
                lambda: f"round({e()}, {e('int')})",
                lambda: f"sqrt({e()})",
                lambda: f"ln({e()})",
                lambda: f"({e('int')} / {e()})",
                lambda: f"mod({e()}, {e()})",
                lambda: f"trunc({e()})",
                lambda: f"power({e()}, {e('int')})",
                lambda: f"to_number({e('text')}, '999.99')",
            ])()
        if t == "text":
            return r.choice([
                lambda: f"({e()} || {e()})",
                lambda: f"upper({e()})",
                lambda: f"substr({e()}, {e('int')}, {e('int')})",
                lambda: f"repeat({e()}, {e('int')} % 5)",
                lambda: f"({e('json')} ->> 'k')",
                lambda: f"({e('int')})::text",
                lambda: f"to_char({e('date')}, 'YYYY-MM-DD')",
                lambda: f"format('%s-%s', {e()}, {e('int')})",
                lambda: f"replace({e()}, 'a', {e()})",
                lambda: f"split_part({e()}, '1', {e('int')})",
                lambda: f"array_to_string({e('arr')}, ',')",
                lambda: f"lpad({e()}, {e('int')}, 'x')",
                lambda: f"regexp_replace({e()}, {self.pick(_REGEXES)}, 'z')",
                lambda: f"jsonb_typeof({e('json')})",
                lambda: f"string_agg_fake({e()})",
            ])()
        if t == "date":
            return r.choice([
                lambda: f"({e()} + {e('int')})",
                lambda: f"({e()} + interval '1 month')::date",
                lambda: f"date_trunc('month', {e()})::date",
                lambda: f"make_date(2024, {e('int')}, 1)",
                lambda: f"to_date({e('text')}, 'YYYY-MM-DD')",
            ])()
        if t == "json":
            return r.choice([
                lambda: f"({e()} -> {self.pick(['0', chr(39) + 'k' + chr(39), '-1'])})",
                lambda: f"({e()} || {e()})",
                lambda: f"to_jsonb({e(self.pick(TYPES))})",
                lambda: f"jsonb_build_object('x', {e('int')}, 'y', {e('text')})",
                lambda: f"({e()} #> '{{a,b}}')",
                lambda: f"({e()} - 'k')",
                lambda: f"jsonb_set({e()}, '{{k}}', {e()})",
                lambda: f"({e('text')})::jsonb",
            ])()
        if t == "arr":
            return r.choice([
                lambda: f"({e()} || {e('int')})",
                lambda: f"array_append({e()}, {e('int')})",
                lambda: f"({e()})[1:2]",
                lambda: f"array_remove({e()}, {e('int')})",
                lambda: f"string_to_array({e('text')}, ',')",
                lambda: f"ARRAY(SELECT {e('int')} FROM t2 LIMIT 3)",
                lambda: f"array_cat({e()}, {e()})",
            ])()
        return r.choice([
            lambda: f"({e(t2 := self.pick(['int', 'text', 'num', 'date']))} "
                    f"{self.pick(['=', '<>', '<', '>=', 'IS DISTINCT FROM'])} {e(t2)})",
            lambda: f"({e()} {self.pick(['AND', 'OR'])} {e()})",
            lambda: f"(NOT {e()})",
            lambda: f"({e('text')} LIKE {self.pick([chr(39) + 'b%' + chr(39), chr(39) + '_1' + chr(39), e('text')])})",
            lambda: f"({e('int')} IN ({', '.join(e('int') for _ in range(self.r.randint(1, 4)))}))",
            lambda: f"({e('int')} IN (SELECT a FROM t1 WHERE {e()}))",
            lambda: f"EXISTS (SELECT 1 FROM t2 WHERE t2.t1_id = {e('int')})",
            lambda: f"({e('int')} BETWEEN {e('int')} AND {e('int')})",
            lambda: f"({e(self.pick(TYPES))} IS NULL)",
            lambda: f"({e('json')} ? 'k')",
            lambda: f"({e('json')} @> {e('json')})",
            lambda: f"({e('arr')} && {e('arr')})",
            lambda: f"({e('int')} = ANY({e('arr')}))",
            lambda: f"({e('text')} ~ {self.pick([chr(39) + '^b' + chr(39), chr(39) + '[' + chr(39), e('text')])})",
        ])()

    # -- statements ------------------------------------------------------------------------------

    def from_clause(self) -> tuple[str, list[tuple[str, str]]]:
        t = self.pick(["t1", "t2", "v1"])
        tables = [(t, "x")]
        sql = f"{t} x"
        if self.chance(0.4):
            t2 = self.pick(["t1", "t2", "v1"])
            kind = self.pick(["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"])
            tables.append((t2, "y"))
            on = "" if kind == "CROSS JOIN" else f" ON {self.expr('bool', tables)}"
            sql += f" {kind} {t2} y{on}"
        elif self.chance(0.1):
            sql += f", LATERAL (SELECT {self.expr('int', tables)} AS z) y"
        elif self.chance(0.1):
            sql += ", generate_series(1, 3) AS g(v)"
        return sql, tables

    def select(self) -> str:
        frm, tables = self.from_clause()
        n = self.r.randint(1, 4)
        agg = self.chance(0.25)
        items = []
        for i in range(n):
            t = self.pick(TYPES)
            e = self.expr(t, tables)
            if agg and self.chance(0.6):
                fn = self.pick(["count", "sum", "avg", "min", "max", "string_agg", "array_agg", "bool_and",
                                "jsonb_agg", "count(DISTINCT", "percentile_cont(0.5) WITHIN GROUP (ORDER BY"])
                if fn == "string_agg":
                    e = f"string_agg({e}, ',')"
                elif fn.endswith("("):
                    e = f"{fn} {e})"
                elif fn.startswith("percentile"):
                    e = f"{fn} {e})"
                else:
                    e = f"{fn}({e})"
            elif self.chance(0.1):
                fn = self.pick(["row_number()", "rank()", "sum(x.id)", "lag(x.id)", "count(*)", "first_value(x.id)"])
                e = f"{fn} OVER (PARTITION BY {self.expr('int', tables)} ORDER BY x.id)"
            items.append(f"{e} AS c{i}")
        sql = f"SELECT {'DISTINCT ' if self.chance(0.1) else ''}{', '.join(items)} FROM {frm}"
        if self.chance(0.6):
            sql += f" WHERE {self.expr('bool', tables)}"
        if agg and self.chance(0.5):
            sql += f" GROUP BY {self.expr('int', tables)}"
            if self.chance(0.3):
                sql += f" HAVING count(*) > {self.r.randint(0, 3)}"
        if self.chance(0.4):
            sql += f" ORDER BY {self.r.randint(1, n)}{self.pick(['', ' DESC', ' NULLS FIRST'])}"
        if self.chance(0.3):
            sql += f" LIMIT {self.pick(['1', '5', '0', 'ALL', '-1', 'NULL'])}"
            if self.chance(0.3):
                sql += f" OFFSET {self.pick(['1', '2', '-1'])}"
        return sql

    def query(self) -> str:
        r = self.r
        if self.chance(0.12):
            a, b = self.select(), self.select()
            return f"({a}) {self.pick(['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT'])} ({b})"
        if self.chance(0.1):
            return f"WITH w AS ({self.select()}) SELECT * FROM w{self.pick(['', ' WHERE c0 IS NOT NULL'])}"
        if self.chance(0.05):
            return ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < "
                    f"{r.randint(0, 50)}) SELECT {self.pick(['sum(n)', 'count(*)', 'max(n)'])} FROM r")
        if self.chance(0.05):
            return f"VALUES ({self.expr('int', [])}, {self.expr('text', [])}), ({self.expr('int', [])}, 'z')"
        if self.chance(0.05):
            return f"SELECT * FROM ({self.select()}) s(a)"
        return self.select()

    def insert(self) -> str:
        r = self.r
        t = self.pick(["t1", "t2"])
        cols = list(COLUMNS[t])
        chosen = r.sample(cols, r.randint(1, len(cols)))
        if "id" not in chosen and self.chance(0.8):
            chosen.insert(0, "id")
        rows = []
        for _ in range(r.randint(1, 3)):
            vals = [str(r.randint(1, 60)) if c == "id" else self.expr(COLUMNS[t][c], []) for c in chosen]
            rows.append(f"({', '.join(vals)})")
        sql = f"INSERT INTO {t} ({', '.join(chosen)}) VALUES {', '.join(rows)}"
        if self.chance(0.2):
            sql = f"INSERT INTO {t} ({', '.join(chosen)}) SELECT {', '.join(chosen)} FROM {t} WHERE id > 100"
        if self.chance(0.4):
            conflict = self.pick(["(id)", "ON CONSTRAINT t1_pkey", "(b)", ""])
            action = self.pick(["DO NOTHING", f"DO UPDATE SET {chosen[-1]} = EXCLUDED.{chosen[-1]}"])
            sql += f" ON CONFLICT {conflict} {action}"
        if self.chance(0.3):
            sql += f" RETURNING {self.pick(['*', 'id', chosen[0]])}"
        return sql

    def update(self) -> str:
        t = self.pick(["t1", "t2", "v1"])
        tables = [(t, t)]
        col, ct = self.r.choice(list(COLUMNS[t].items()))
        sql = f"UPDATE {t} SET {col} = {self.expr(ct, tables)}"
        if self.chance(0.2):
            sql += " FROM t2 z"
        sql += f" WHERE {self.expr('bool', tables)}"
        if self.chance(0.3):
            sql += " RETURNING *"
        return sql

    def delete(self) -> str:
        t = self.pick(["t1", "t2", "v1"])
        return f"DELETE FROM {t} WHERE {self.expr('bool', [(t, t)])}{self.pick(['', ' RETURNING id'])}"

    def ddl(self) -> str:
        r = self.r
        name = f"tmp{r.randint(1, 3)}"
        return self.pick([
            f"CREATE TABLE IF NOT EXISTS {name} (id int, v {self.pick(CAST_TARGETS)})",
            f"CREATE TABLE {name} AS {self.query()}",
            f"DROP TABLE IF EXISTS {name}",
            f"ALTER TABLE {name} ADD COLUMN c{r.randint(1, 5)} {self.pick(CAST_TARGETS)} DEFAULT {self.literal('int')}",
            f"ALTER TABLE {name} DROP COLUMN IF EXISTS c{r.randint(1, 5)}",
            f"CREATE INDEX IF NOT EXISTS {name}_i ON {name} (id)",
            f"CREATE OR REPLACE VIEW {name}v AS {self.query()}",
            f"DROP VIEW IF EXISTS {name}v",
            f"TRUNCATE {name}",
            f"ALTER TABLE {name} ALTER COLUMN v TYPE {self.pick(CAST_TARGETS)}",
            f"COMMENT ON TABLE {name} IS 'x'",
        ])

    def statement(self) -> str:
        r = self.r.random()
        if r < 0.55:
            return self.query()
        if r < 0.7:
            return self.insert()
        if r < 0.8:
            return self.update()
        if r < 0.87:
            return self.delete()
        return self.ddl()
