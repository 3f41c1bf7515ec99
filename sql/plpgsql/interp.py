"""Runs a parsed PL/pgSQL body: variables, control flow, SQL statements (via :mod:`.sqlfrag`),
RAISE, exception blocks (each a savepoint of the transaction), RETURN / RETURN NEXT / RETURN QUERY."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError, queue_notice
from sql.executor import notify
from sql.plpgsql import ast as A
from sql.plpgsql.sqlfrag import Frame, Var, eval_expr, run_frag


class _Exit(Exception):
    def __init__(self, label: str | None, is_continue: bool) -> None:
        super().__init__()
        self.label = label
        self.is_continue = is_continue


class ReturnSignal(Exception):
    def __init__(self, value: Any, type_oid: int) -> None:
        super().__init__()
        self.value = value
        self.type = type_oid


def convert(session: Any, value: Any, src: int, dst: int) -> Any:
    """A value of type `src` as type `dst` (PL/pgSQL assignment: a cast, else through text)."""
    if value is None or src == dst or dst in (T.RECORD, 0):
        return value
    if src == T.UNKNOWN or src == 0:
        return session.text_input(dst)(value if isinstance(value, str) else str(value))
    fn = T.cast_fn(src, dst)
    if fn is not None:
        return fn(value)
    return session.text_input(dst)(session.text_output(src)(value))


def condition_code(name: str) -> str | None:
    if name.upper().startswith("SQLSTATE "):
        return name.split()[1]
    return getattr(sqlstate, name.upper(), None)


def _matches(cond: str, code: str) -> bool:
    if cond.lower() == "others":
        return code not in (sqlstate.QUERY_CANCELED, "57P01")
    want = condition_code(cond)
    if want is None:
        return False
    if want.endswith("000"):
        return code[:2] == want[:2]
    return code == want


def resolve_type(session: Any, frame: Frame, text: str) -> tuple[int, list[tuple[str, int]] | None]:
    t = text.strip()
    low = t.lower()
    if low == "record":
        return T.RECORD, None
    if low.endswith("%rowtype"):
        table = _relation(session, t[:-8].strip())
        return T.RECORD, [(c.name, c.type_oid) for c in table.columns]
    if low.endswith("%type"):
        ref = t[:-5].strip()
        v = frame.lookup(ref.lower())
        if v is not None:
            return v.type, v.fields
        rel_name, _, col = ref.rpartition(".")
        table = _relation(session, rel_name)
        c = next((c for c in table.columns if c.name == col.lower()), None)
        if c is None:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{col}" of relation "{rel_name}" does not exist')
        return c.type_oid, None
    from sql.catalog_views.regtypes import regtype_in

    oid = regtype_in(session, t)
    fields = rowtype_fields(session, oid)
    if fields is not None:
        return T.RECORD, fields
    return oid, None


def _relation(session: Any, name: str) -> Any:
    schema, _, rel = name.rpartition(".")
    found = session.lookup_relation(schema.lower() or None, rel.lower(), session.catalog())
    if found is None:
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{name}" does not exist')
    return found


def rowtype_fields(session: Any, oid: int) -> list[tuple[str, int]] | None:
    """The columns of a table's row type, or None for other types."""
    from sql.catalog_views.objects import ROWTYPE_ARRAY_BASE, ROWTYPE_BASE

    if not ROWTYPE_BASE <= oid < ROWTYPE_ARRAY_BASE:
        return None
    rel = session.catalog().relations.get(oid - ROWTYPE_BASE)
    return [(c.name, c.type_oid) for c in rel.columns] if rel is not None else None


class Runner:
    def __init__(self, session: Any, ts: datetime | None, returns_set: bool, out_fields: list[tuple[str, int]]
                 ) -> None:
        self.session = session
        self.ts = ts
        self.frame = Frame()
        self.rows: list[tuple[Any, ...]] | None = [] if returns_set else None
        self.out_fields = out_fields
        self.row_count = 0
        self.errors: list[SqlError] = []
        self.routine_label: str | None = None  # "name(argument types)" in CONTEXT lines
        self.frame.declare("found", Var(T.BOOL, False))

    # helpers --------------------------------------------------------------------------------
    def eval(self, frag: A.SqlFrag) -> tuple[Any, int]:
        return eval_expr(self.session, frag, self.frame, self.ts)

    def truth(self, frag: A.SqlFrag) -> bool:
        v, t = self.eval(frag)
        if t != T.BOOL and v is not None:
            v = convert(self.session, v, t, T.BOOL)
        return v is True

    def set_found(self, value: bool) -> None:
        var = self.frame.scopes[0]["found"]
        var.value = value

    def var(self, name: str) -> Var:
        v = self.frame.lookup(name)
        if v is None:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'"{name}" is not a known variable')
        return v

    def assign(self, target: str, field: str | None, value: Any, src: int) -> None:
        if "." in target and field is None:
            target, field = target.split(".", 1)
        var = self.var(target)
        if var.constant:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'variable "{target}" is declared CONSTANT')
        if field is not None:
            i = var.field_index(field)
            vals = list(var.value) if var.value is not None else [None] * len(var.fields or [])
            vals[i] = convert(self.session, value, src, var.fields[i][1])  # type: ignore[index]
            var.value = tuple(vals)
            return
        if var.fields is not None or var.type == T.RECORD:
            var.value = value
            return
        if value is None and var.not_null:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED,
                           f'null value cannot be assigned to variable "{target}" declared NOT NULL')
        var.value = convert(self.session, value, src, var.type)

    def assign_row(self, targets: list[str], row: tuple[Any, ...] | None, columns: list[Any]) -> None:
        if len(targets) == 1:
            name = targets[0]
            v = self.frame.lookup(name) if "." not in name else None
            if v is not None and (v.fields is not None or v.type == T.RECORD):
                if v.type == T.RECORD and (v.fields is None or len(v.fields) != len(columns)):
                    v.fields = [(c.name, c.type_oid) for c in columns]
                if row is None:
                    v.value = None
                else:
                    v.value = tuple(convert(self.session, x, c.type_oid, f[1])
                                    for x, c, f in zip(row, columns, v.fields))  # type: ignore[arg-type]
                return
        for k, name in enumerate(targets):
            val = row[k] if row is not None and k < len(row) else None
            src = columns[k].type_oid if k < len(columns) else T.UNKNOWN
            self.assign(name, None, val, src)

    # blocks ---------------------------------------------------------------------------------
    def run_block(self, block: A.Block) -> None:
        self.frame.scopes.append({})
        try:
            for d in block.decls:
                self.declare(d)
            if not block.handlers:
                self.run_list(block.body)
                return
            txn = self.session.txn()
            token = txn.savepoint()
            catalog = self.session.catalog()
            notify_mark = notify.savepoint_mark(self.session)
            try:
                self.run_list(block.body)
            except SqlError as e:
                txn.rollback_to_savepoint(token)
                txn.release_savepoint(token)
                self.session.set_local_catalog(catalog)
                notify.rollback_to(self.session, notify_mark)
                for h in block.handlers:
                    if any(_matches(c, e.code) for c in h.conditions):
                        self.frame.scopes.append({"sqlstate": Var(T.TEXT, e.code),
                                                  "sqlerrm": Var(T.TEXT, e.message)})
                        self.errors.append(e)
                        try:
                            self.run_list(h.body)
                        finally:
                            self.errors.pop()
                            self.frame.scopes.pop()
                        return
                raise
            else:
                txn.release_savepoint(token)
        finally:
            self.frame.scopes.pop()

    def declare(self, d: A.Decl) -> None:
        if d.alias_of is not None:
            target = d.alias_of.lower()
            v = self.frame.lookup(target)
            if v is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'variable "{d.alias_of}" does not exist')
            self.frame.declare(d.name, v)
            return
        oid, fields = resolve_type(self.session, self.frame, d.type_text)
        var = Var(oid, None, fields)
        self.frame.declare(d.name, var)
        if d.default is not None:
            value, src = self.eval(d.default)
            self.assign(d.name, None, value, src)
        elif d.not_null:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED,
                           f'variable "{d.name}" must have a default value, since it\'s declared NOT NULL')
        var.constant = d.constant
        var.not_null = d.not_null

    def run_list(self, stmts: list[Any]) -> None:
        for s in stmts:
            self.session.check_interrupts()
            getattr(self, "s_" + type(s).__name__)(s)

    # statements -----------------------------------------------------------------------------
    def s_Block(self, s: A.Block) -> None:
        try:
            self.run_block(s)
        except _Exit as e:
            if e.label is None or e.label != s.label or e.is_continue:
                raise

    def s_Null(self, _s: A.Null) -> None:
        pass

    def s_Assert(self, s: A.Assert) -> None:
        if self.truth(s.cond):
            return
        message = "assertion failed"
        if s.message is not None:
            v, t = self.eval(s.message)
            if v is not None:
                message = convert(self.session, v, t, T.TEXT)
        raise SqlError("P0004", message)

    def s_Assign(self, s: A.Assign) -> None:
        value, src = self.eval(s.expr)
        self.assign(s.target[0], s.target[1], value, src)

    def s_If(self, s: A.If) -> None:
        for cond, body in s.branches:
            if self.truth(cond):
                self.run_list(body)
                return
        if s.else_body is not None:
            self.run_list(s.else_body)

    def s_Case(self, s: A.Case) -> None:
        subject = self.eval(s.subject) if s.subject is not None else None
        for vals, body in s.whens:
            for v in vals:
                if subject is None:
                    hit = self.truth(v)
                else:
                    val, t = self.eval(v)
                    hit = subject[0] is not None and val is not None and \
                        convert(self.session, val, t, subject[1]) == subject[0]
                if hit:
                    self.run_list(body)
                    return
        if s.else_body is None:
            raise SqlError(sqlstate.CASE_NOT_FOUND, "case not found",
                           hint="CASE statement is missing ELSE part.")
        self.run_list(s.else_body)

    def _loop_body(self, label: str | None, body: list[Any]) -> bool:
        """Run one iteration; False when the loop is left."""
        try:
            self.run_list(body)
        except _Exit as e:
            if e.label is not None and e.label != label:
                raise
            return e.is_continue
        return True

    def s_Loop(self, s: A.Loop) -> None:
        while True:
            if s.cond is not None and not self.truth(s.cond):
                return
            if not self._loop_body(s.label, s.body):
                return

    def s_ForInt(self, s: A.ForInt) -> None:
        lo, lt = self.eval(s.lo)
        hi, ht = self.eval(s.hi)
        step = 1
        if s.step is not None:
            sv, st = self.eval(s.step)
            step = convert(self.session, sv, st, T.INT4)
            if step is None or step <= 0:
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "BY value of FOR loop must be greater than zero")
        lo = convert(self.session, lo, lt, T.INT4)
        hi = convert(self.session, hi, ht, T.INT4)
        if lo is None or hi is None:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED,
                           f"{'lower' if lo is None else 'upper'} bound of FOR loop cannot be null")
        self.frame.scopes.append({s.var: Var(T.INT4, lo)})
        found = False
        try:
            i = lo
            while (i <= hi) if not s.reverse else (i >= hi):
                found = True
                self.frame.scopes[-1][s.var].value = i
                if not self._loop_body(s.label, s.body):
                    break
                i = i + step if not s.reverse else i - step
        finally:
            self.frame.scopes.pop()
        self.set_found(found)

    def _dynamic(self, text: A.SqlFrag, using: list[A.SqlFrag]) -> Any:
        sql, st = self.eval(text)
        if sql is None:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "query string argument of EXECUTE is null")
        sql = convert(self.session, sql, st, T.TEXT)
        frame = Frame()
        for k, u in enumerate(using, 1):
            v, t = self.eval(u)
            frame.declare(f"${k}", Var(t if t != T.UNKNOWN else T.TEXT, v))
        return run_frag(self.session, A.SqlFrag(sql, False), frame, self.ts)

    def s_ForQuery(self, s: A.ForQuery) -> None:
        r = self._dynamic(s.dynamic, s.using) if s.dynamic is not None else \
            run_frag(self.session, s.query, self.frame, self.ts)  # type: ignore[arg-type]
        rows = list(r.rows) if r.rows is not None else []
        cols = r.columns or []
        single = len(s.targets) == 1 and self.frame.lookup(s.targets[0]) is None
        if single:
            self.frame.scopes.append({s.targets[0]: Var(T.RECORD, None, [(c.name, c.type_oid) for c in cols])})
        try:
            for row in rows:
                self.assign_row(s.targets, row, cols)
                if not self._loop_body(s.label, s.body):
                    break
        finally:
            if single:
                self.frame.scopes.pop()
        self.set_found(bool(rows))

    def s_Foreach(self, s: A.Foreach) -> None:
        arr, t = self.eval(s.array)
        if arr is None:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "FOREACH expression must not be null")
        elem = T.element_type(t) if hasattr(T, "element_type") else T.UNKNOWN
        for item in _flatten(arr):
            self.assign(s.var, None, item, elem)
            if not self._loop_body(s.label, s.body):
                break

    def s_Exit(self, s: A.Exit) -> None:
        if s.cond is None or self.truth(s.cond):
            raise _Exit(s.label, s.is_continue)

    def s_Return(self, s: A.Return) -> None:
        if s.expr is None:
            raise ReturnSignal(None, T.VOID)
        name = s.expr.text.strip().lower()
        v = self.frame.lookup(name)
        if v is not None and v.fields is not None:
            raise ReturnSignal(v.value, T.RECORD)
        value, t = self.eval(s.expr)
        raise ReturnSignal(value, t)

    def s_ReturnNext(self, s: A.ReturnNext) -> None:
        if self.rows is None:
            raise SqlError(sqlstate.SYNTAX_ERROR, "cannot use RETURN NEXT in a non-SETOF function")
        if s.expr is None:
            self.rows.append(tuple(self.var(n).value for n, _t in self.out_fields))
            return
        v = self.frame.lookup(s.expr.text.strip().lower())
        if v is not None and v.fields is not None:
            self.rows.append(tuple(v.value) if v.value is not None else (None,) * len(v.fields))
            return
        value, t = self.eval(s.expr)
        if len(self.out_fields) == 1:
            value = convert(self.session, value, t, self.out_fields[0][1])
        self.rows.append(value if isinstance(value, tuple) else (value,))

    def s_ReturnQuery(self, s: A.ReturnQuery) -> None:
        if self.rows is None:
            raise SqlError(sqlstate.SYNTAX_ERROR, "cannot use RETURN QUERY in a non-SETOF function")
        r = self._dynamic(s.dynamic, s.using) if s.dynamic is not None else \
            run_frag(self.session, s.query, self.frame, self.ts)  # type: ignore[arg-type]
        rows = list(r.rows) if r.rows is not None else []
        cols = r.columns or []
        if len(cols) != len(self.out_fields):
            raise SqlError(sqlstate.DATATYPE_MISMATCH, "structure of query does not match function result type",
                           detail=f"Number of returned columns ({len(cols)}) does not match expected column "
                                  f"count ({len(self.out_fields)}).")
        for row in rows:
            self.rows.append(tuple(convert(self.session, x, c.type_oid, f[1])
                                   for x, c, f in zip(row, cols, self.out_fields)))
        self.row_count = len(rows)
        self.set_found(bool(rows))

    def s_Perform(self, s: A.Perform) -> None:
        r = run_frag(self.session, s.query, self.frame, self.ts)
        n = sum(1 for _ in r.rows) if r.rows is not None else r.count
        self.row_count = n
        self.set_found(n > 0)

    def _finish(self, r: Any, into: list[str] | None, strict: bool, what: str) -> None:
        if into is None:
            if r.rows is not None and r.kind == "query":
                n = sum(1 for _ in r.rows)
            else:
                if r.rows is not None:
                    for _ in r.rows:
                        pass
                n = r.count
            self.row_count = n
            self.set_found(n > 0)
            return
        rows = list(r.rows) if r.rows is not None else []
        if strict and not rows:
            raise SqlError(sqlstate.NO_DATA_FOUND, "query returned no rows")
        if strict and len(rows) > 1:
            raise SqlError(sqlstate.TOO_MANY_ROWS, "query returned more than one row",
                           hint="Make sure the query returns a single row, or use LIMIT 1.")
        self.assign_row(into, rows[0] if rows else None, r.columns or [])
        self.row_count = len(rows) if r.kind == "query" else r.count
        self.set_found(bool(rows))

    def s_Sql(self, s: A.Sql) -> None:
        r = run_frag(self.session, s.stmt, self.frame, self.ts)
        self._finish(r, s.into, s.strict, s.stmt.text)

    def s_Execute(self, s: A.Execute) -> None:
        r = self._dynamic(s.text, s.using)
        self._finish(r, s.into, s.strict, "EXECUTE")

    def s_GetDiag(self, s: A.GetDiag) -> None:
        for var, item in s.items:
            if item == "ROW_COUNT":
                self.assign(var, None, self.row_count, T.INT8)
                continue
            err = self.errors[-1] if self.errors else None
            value = {"RETURNED_SQLSTATE": err.code if err else None, "MESSAGE_TEXT": err.message if err else None,
                     "PG_EXCEPTION_DETAIL": (err.detail or "") if err else None,
                     "PG_EXCEPTION_HINT": (err.hint or "") if err else None,
                     "PG_EXCEPTION_CONTEXT": ""}.get(item)
            self.assign(var, None, value, T.TEXT)

    def s_Raise(self, s: A.Raise) -> None:
        if s.fmt is None and s.condition is None and not s.options:
            if not self.errors:
                raise SqlError("0Z002", "RAISE without parameters cannot be used outside an exception handler")
            raise self.errors[-1]
        message = None
        if s.fmt is not None:
            message = self._format(s.fmt, s.args)
        code = None
        if s.condition is not None:
            code = condition_code(s.condition)
            if code is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'unrecognized exception condition "{s.condition}"')
            if message is None:
                message = s.condition if not s.condition.upper().startswith("SQLSTATE") else code
        detail = hint = None
        for opt, frag in s.options:
            v, t = self.eval(frag)
            text = None if v is None else convert(self.session, v, t, T.TEXT)
            if opt == "MESSAGE":
                message = text
            elif opt == "DETAIL":
                detail = text
            elif opt == "HINT":
                hint = text
            elif opt == "ERRCODE":
                code = condition_code(text) if text and not (len(text) == 5 and text[:2].isalnum() and
                                                             text.upper() == text) else text
        if s.level == "EXCEPTION":
            raise SqlError(code or sqlstate.RAISE_EXCEPTION, message if message is not None else (code or "P0001"),
                           detail=detail, hint=hint)
        notice = SqlError(code or ("01000" if s.level == "WARNING" else "00000"), message or "", detail=detail,
                          hint=hint, severity=s.level)
        notice.routine = "exec_stmt_raise"
        if self.routine_label is not None:
            notice.context = f"PL/pgSQL function {self.routine_label} line {s.line} at RAISE"
        if s.level in ("NOTICE", "WARNING", "INFO"):
            queue_notice(self.session, notice)

    def _format(self, fmt: str, args: list[A.SqlFrag]) -> str:
        out = []
        k = 0
        i = 0
        while i < len(fmt):
            ch = fmt[i]
            if ch == "%":
                if fmt.startswith("%%", i):
                    out.append("%")
                    i += 2
                    continue
                if k >= len(args):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "too few parameters specified for RAISE")
                v, t = self.eval(args[k])
                k += 1
                out.append("<NULL>" if v is None else self.session.text_output(t if t != T.UNKNOWN else T.TEXT)(v))
                i += 1
                continue
            out.append(ch)
            i += 1
        if k < len(args):
            raise SqlError(sqlstate.SYNTAX_ERROR, "too many parameters specified for RAISE")
        return "".join(out)


def _flatten(arr: Any) -> list[Any]:
    out: list[Any] = []
    for x in arr:
        if isinstance(x, list):
            out.extend(_flatten(x))
        else:
            out.append(x)
    return out
