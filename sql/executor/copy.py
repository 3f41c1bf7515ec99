"""COPY ... FROM STDIN and COPY ... TO STDOUT.

COPY TO plans an ordinary query (``SELECT cols FROM table`` or the given query) and hands the
front end a :class:`CopyOut` that turns its rows into data lines. COPY FROM hands back a
:class:`CopyIn`: the front end feeds it the CopyData bytes as they arrive; complete rows are
converted with the columns' input functions and inserted in batches through a prepared
``INSERT ... VALUES`` (so defaults, constraints, privileges and indexes apply as for INSERT).
Bad data raises PostgreSQL's error with a ``COPY t, line n, column c`` context; the statement's
transaction then rolls back, so nothing of a failed COPY stays.

Files and programs on the server are never opened: a client-supplied name must not reach the
file system (psql's ``\\copy`` sends the data over the connection instead)."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog_views.objects import quote_ident
from sql.copy_format import (
    BINARY_HEADER,
    BINARY_TRAILER,
    BinaryDecoder,
    CsvDecoder,
    TextDecoder,
    encode_binary_row,
    encode_csv_row,
    encode_text_row,
)
from sql.copy_parser import CopyStmt
from sql.errors import SqlError
from sql.executor.modify import Insert
from sql.executor.scan import ValuesScan
from sql.result import ColumnInfo, Result

BATCH_ROWS = 2000  # rows per run of the INSERT plan
# Types whose text input function (given the column's typmod) already yields exactly what the INSERT's
# cast of the parameter to the column would: their casts are skipped for text and CSV data.
_EXACT_TEXT_INPUT = frozenset({T.BOOL, T.INT2, T.INT4, T.INT8, T.FLOAT4, T.FLOAT8, T.NUMERIC, T.TEXT, T.VARCHAR,
                               T.BPCHAR, T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ, T.UUID, T.BYTEA, T.JSON, T.JSONB})


_DOMAIN_ERROR = re.compile(r"(?:value for )?domain (\S+) (?:violates check constraint|does not allow null values)")


def _with_context(err: SqlError, context: str) -> SqlError:
    err.context = context if not getattr(err, "context", None) else f"{err.context}\n{context}"
    return err


def _field_text(value: str | bytes) -> str:
    s = value if isinstance(value, str) else value.hex()
    return s if len(s) <= 100 else s[:100] + "..."


class CopyOut:
    """Rows of a COPY TO, as the bytes of CopyData messages."""

    def __init__(self, stmt: CopyStmt, columns: list[ColumnInfo], rows: Iterator[tuple[Any, ...]],
                 session: Any) -> None:
        self.options = stmt.options
        self.binary = stmt.options.format == "binary"
        self.columns = columns
        self.rows = rows
        self.count = 0
        names = [c.name for c in columns]
        missing = [c for c in stmt.force_quote_columns if c not in names]
        if missing:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'FORCE_QUOTE column "{missing[0]}" not referenced by COPY')
        self.forced = frozenset(names.index(c) for c in stmt.force_quote_columns)
        out = session.binary_output if self.binary else session.text_output
        self.encoders: list[Callable[[Any], Any]] = [out(c.type_oid) for c in columns]

    @property
    def format_code(self) -> int:
        return 1 if self.binary else 0

    def chunks(self) -> Iterator[bytes]:
        encs = self.encoders
        if self.binary:  # the header travels with the first row, as PostgreSQL sends it
            head = BINARY_HEADER
            for row in self.rows:
                self.count += 1
                yield head + encode_binary_row([None if v is None else f(v) for f, v in zip(encs, row)])
                head = b""
            yield head + BINARY_TRAILER
            return
        opts = self.options
        if opts.format == "csv":
            if opts.header:
                yield encode_csv_row([c.name for c in self.columns], opts)
            for row in self.rows:
                self.count += 1
                yield encode_csv_row([None if v is None else f(v) for f, v in zip(encs, row)], opts, self.forced)
            return
        if opts.header:
            yield encode_text_row([c.name for c in self.columns], opts)
        for row in self.rows:
            self.count += 1
            yield encode_text_row([None if v is None else f(v) for f, v in zip(encs, row)], opts)


class CopyIn:
    """Loads the data of a COPY FROM STDIN as it arrives."""

    def __init__(self, session: Any, stmt: CopyStmt, table: Any, schema: str, columns: list[Any]) -> None:
        self.session = session
        self.table_name = table.name
        self.columns = columns
        self.binary = stmt.options.format == "binary"
        names = [c.name for c in columns]
        for label, cols in (("FORCE_NOT_NULL", stmt.force_not_null_columns), ("FORCE_NULL", stmt.force_null_columns)):
            for c in cols:
                if c not in names:
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'{label} column "{c}" not referenced by COPY')
        if self.binary:
            self.decoder: Any = BinaryDecoder()
            self.inputs = [T.binary_input(c.type_oid) for c in columns]
        elif stmt.options.format == "csv":
            self.decoder = CsvDecoder(stmt.options, frozenset(names.index(c) for c in stmt.force_not_null_columns),
                                      frozenset(names.index(c) for c in stmt.force_null_columns))
            self.inputs = [session.text_input(c.type_oid, c.typmod) for c in columns]
        else:
            self.decoder = TextDecoder(stmt.options)
            self.inputs = [session.text_input(c.type_oid, c.typmod) for c in columns]
        self.insert_head = (f"INSERT INTO {quote_ident(schema)}.{quote_ident(table.name)} "
                            f"({', '.join(quote_ident(c.name) for c in columns)}) "
                            # COPY FROM fills GENERATED ALWAYS identity columns too (PostgreSQL)
                            + ("OVERRIDING SYSTEM VALUE " if any(getattr(c, "identity", "") == "a" for c in columns)
                               else "") + "VALUES ")
        self.types = [c.type_oid for c in columns]
        self.exact = frozenset() if self.binary else frozenset(
            j for j, c in enumerate(columns) if c.type_oid in _EXACT_TEXT_INPUT)
        self.insert_sql = self.insert_head + "(" + ", ".join(f"${j + 1}" for j in range(len(columns))) + ")"
        self.filtered = stmt.where is not None
        if stmt.where is not None:  # rows failing the condition are skipped (one INSERT ... SELECT per row)
            params = ", ".join(f"${j + 1}" for j in range(len(columns)))
            self.insert_sql = (self.insert_head[:-len("VALUES ")] + f"SELECT * FROM (VALUES ({params})) AS "
                               f"{quote_ident(table.name)}({', '.join(quote_ident(n) for n in names)}) "
                               f"WHERE {stmt.where}")
        self.pending: list[list[Any]] = []
        self.pending_lines: list[tuple[tuple[int, str | None], Any]] = []  # (line number, text), fields
        self.count = 0

    @property
    def format_code(self) -> int:
        return 1 if self.binary else 0

    @property
    def column_count(self) -> int:
        return len(self.columns)

    def feed(self, data: bytes) -> None:
        self._take(self.decoder.feed(data))
        if len(self.pending) >= BATCH_ROWS:
            self._flush(full_only=True)

    def finish(self) -> Result:
        self._take(self.decoder.finish())
        self._flush(full_only=False)
        return Result("COPY", rowcount=self.count)

    def _context(self, where: tuple[int, str | None], with_text: bool = False) -> str:
        line_no, line = where
        text = f"COPY {self.table_name}, line {line_no}"
        return text if line is None or not with_text else f'{text}: "{_field_text(line)}"'

    def _take(self, rows: list[list[Any]]) -> None:
        d = self.decoder
        lines = d.row_lines
        d.row_lines = []
        ncols = len(self.columns)
        inputs = self.inputs
        pending = self.pending
        for i, fields in enumerate(rows):
            if len(fields) != ncols:
                self._bad_row(fields, lines[i])
            try:
                values = [None if f is None else conv(f) for f, conv in zip(fields, inputs)]
            except (SqlError, ValueError, UnicodeDecodeError):
                self._bad_value(fields, lines[i])
                raise  # not reached: _bad_value raises
            pending.append(values)
        self.pending_lines.extend(zip(lines, rows))

    def _bad_row(self, fields: list[Any], where: tuple[int, str | None]) -> None:
        ncols = len(self.columns)
        if self.binary:
            raise _with_context(SqlError(sqlstate.BAD_COPY_FILE_FORMAT, "row field count is "
                                         f"{len(fields)}, expected {ncols}"), self._context(where))
        if len(fields) > ncols:
            err = SqlError(sqlstate.BAD_COPY_FILE_FORMAT, "extra data after last expected column")
        else:
            err = SqlError(sqlstate.BAD_COPY_FILE_FORMAT, f'missing data for column "{self.columns[len(fields)].name}"')
        raise _with_context(err, self._context(where, with_text=True))

    def _bad_value(self, fields: list[Any], where: tuple[int, str | None]) -> None:
        """Convert the row again field by field to raise the error with its column."""
        for k, (f, conv) in enumerate(zip(fields, self.inputs)):
            if f is None:
                continue
            try:
                conv(f)
            except SqlError as err:
                raise _with_context(err, f'{self._context(where)}, column {self.columns[k].name}: '
                                         f'"{_field_text(f)}"') from None
            except (ValueError, UnicodeDecodeError):
                raise _with_context(SqlError(sqlstate.INVALID_BINARY_REPRESENTATION if self.binary else
                                             sqlstate.INVALID_TEXT_REPRESENTATION,
                                             "incorrect binary data format" if self.binary else
                                             f'invalid input syntax for type {T.type_name(self.types[k])}: '
                                             f'"{f}"'),
                                    f"{self._context(where)}, column {self.columns[k].name}") from None

    def _flush(self, full_only: bool) -> None:
        """Insert the pending rows in batches of BATCH_ROWS (a smaller last one only at the end)."""
        while len(self.pending) >= (BATCH_ROWS if full_only else 1):
            batch = self.pending[:BATCH_ROWS]
            lines = self.pending_lines[:BATCH_ROWS]
            del self.pending[:BATCH_ROWS]
            del self.pending_lines[:BATCH_ROWS]
            # planned (or revalidated) before every batch: a trigger may have changed the catalog
            p = self.session.prepare_internal(self.insert_sql, self.types)
            source = batch_source(p.plan, batch, self.exact)
            if source is None:  # not the plain INSERT ... VALUES plan: one row per run
                for k, row in enumerate(batch):
                    try:
                        res = self.session.run_internal(p, row)
                    except SqlError as err:
                        raise _with_context(err, self._context(lines[k][0], with_text=True)) from None
                    self.count += (res.rowcount or 0) if self.filtered else 1
                continue
            q = copy.copy(p)
            q.plan = dataclasses.replace(p.plan, source=source)
            try:
                self.session.run_internal(q, batch[0])  # the parameters only satisfy the count check
            except SqlError as err:
                raise self._row_error(err, source, lines) from None
            self.count += len(batch)

    def _row_error(self, err: SqlError, source: _BatchRows, lines: list[tuple[tuple[int, str | None], Any]]
                   ) -> SqlError:
        """The error of an INSERT batch with PostgreSQL's context: the line (and its text, or the column and
        its field when a column's cast failed); none for foreign keys, checked after the rows."""
        if err.code == sqlstate.FOREIGN_KEY_VIOLATION:
            return err
        k = source.taken - 1
        if not 0 <= k < len(lines):
            return _with_context(err, f"COPY {self.table_name}, line {self.decoder.line_no}")
        where, fields = lines[k]
        j = source.failed_column
        m = _DOMAIN_ERROR.match(err.message) if j is None else None
        if m is not None:  # checked with the row: the first column of that domain, as its input would have
            types = self.session.catalog().types
            j = next((n for n, c in enumerate(self.columns) if getattr(c, "domain", None)
                      and getattr(types.get(c.domain), "name", None) == m.group(1)), None)
        if j is not None:
            f = fields[j]
            return _with_context(err, f'{self._context(where)}, column {self.columns[j].name}'
                                 + ("" if f is None else f': "{_field_text(f)}"'))
        return _with_context(err, self._context(where, with_text=err.code not in (
            sqlstate.UNIQUE_VIOLATION, sqlstate.EXCLUSION_VIOLATION)))


class _BatchRows:
    """The source of COPY's INSERT plan: converted rows instead of its one VALUES row of parameters.
    Columns whose VALUES item is more than the bare parameter (a cast to the column's type and
    typmod, a domain check) still go through that expression, with the row as the parameters."""

    def __init__(self, item: tuple[Any, ...], batch: list[list[Any]], exact: frozenset[int]) -> None:
        self.casts = [(j, e.fn) for j, e in enumerate(item) if e.param != j and j not in exact]
        self.batch = batch
        self.taken = 0
        self.failed_column: int | None = None

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        casts = self.casts
        if not casts:
            for values in self.batch:
                self.taken += 1
                yield tuple(values)
            return
        saved = ctx.params
        for values in self.batch:
            self.taken += 1
            ctx.params = values
            j = None
            try:
                out = list(values)
                for j, fn in casts:
                    out[j] = fn((), ctx)
            except SqlError:
                self.failed_column = j
                raise
            finally:
                ctx.params = saved
            yield tuple(out)


def batch_source(plan: Any, batch: list[list[Any]], exact: frozenset[int]) -> _BatchRows | None:
    if not isinstance(plan, Insert) or not isinstance(plan.source, ValuesScan) or len(plan.source.items) != 1:
        return None
    return _BatchRows(plan.source.items[0], batch, exact)


def _file_refused(stmt: CopyStmt) -> SqlError:
    what = "program" if stmt.program else "file"
    return SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                    f"COPY to or from a {what} on the server is not allowed",
                    hint="Use COPY ... FROM STDIN or COPY ... TO STDOUT (psql's \\copy does this).")


def execute_copy(session: Any, stmt: CopyStmt) -> Result:
    if stmt.target is not None or stmt.program:
        raise _file_refused(stmt)
    if stmt.query is not None:
        p = session.prepare_internal(stmt.query, [])
        if p.kind not in ("query", "insert", "update", "delete") or p.columns is None:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY query must have a RETURNING clause"
                           if p.kind in ("insert", "update", "delete") else "COPY (query) must be a query")
        res = session.run_internal(p, [])
        out = CopyOut(stmt, p.columns, res.rows if res.rows is not None else iter(()), session)
        return Result("COPY", copy=out)
    catalog = session.catalog()
    assert stmt.table is not None
    rel = session.lookup_relation(stmt.schema, stmt.table, catalog)
    if rel is None:
        shown = f"{stmt.schema}.{stmt.table}" if stmt.schema else stmt.table
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{shown}" does not exist')
    kind = getattr(rel, "kind", "r")
    if kind != "r" and kind != "p":
        word = {"v": "view", "m": "materialized view", "S": "sequence", "f": "foreign table"}.get(kind, "relation")
        if stmt.is_from:
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot copy to {word} "{rel.name}"',
                           hint="To enable copying to a view, provide an INSTEAD OF INSERT trigger."
                           if kind == "v" else None)
        if kind != "m":
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot copy from {word} "{rel.name}"',
                           hint="Try the COPY (SELECT ...) TO variant." if kind == "v" else None)
    if stmt.columns is None:
        columns = [c for c in rel.columns if not getattr(c, "generated", "")]
    else:
        by_name = {c.name: c for c in rel.columns}
        columns = []
        for name in stmt.columns:
            col = by_name.get(name)
            if col is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{rel.name}" does not exist')
            if col in columns:
                raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{name}" specified more than once')
            columns.append(col)
    schema = session.schema_name(rel, catalog) or "public"
    if stmt.is_from:
        session.check_writable("COPY FROM")
        if getattr(rel, "row_security", ""):
            from sql.executor.rls_writes import refuse_copy_from

            refuse_copy_from(session, rel)
        if stmt.options.freeze and rel.oid in session.db.catalog().relations \
                and not session.txn().truncated(rel.layout):
            raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot perform COPY FREEZE because the "
                           "table was not created or truncated in the current subtransaction")
        return Result("COPY", copy=CopyIn(session, stmt, rel, schema, columns))
    query = (f"SELECT {', '.join(quote_ident(c.name) for c in columns)} "
             f"FROM {quote_ident(schema)}.{quote_ident(rel.name)}")
    p = session.prepare_internal(query, [])
    res = session.run_internal(p, [])
    return Result("COPY", copy=CopyOut(stmt, p.columns, res.rows if res.rows is not None else iter(()), session))
