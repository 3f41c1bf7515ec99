"""Triggers: CREATE [OR REPLACE] TRIGGER, DROP TRIGGER, ALTER TABLE ... ENABLE/DISABLE TRIGGER, and
firing them from INSERT/UPDATE/DELETE (:class:`Firing`). Row triggers run once per row (BEFORE ones
may replace the row or skip it by returning NULL); AFTER ROW triggers are queued and run at the end
of the statement, before the AFTER STATEMENT ones, as in PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sql import sqlstate
from sql.catalog import Table, Trigger
from sql.errors import SqlError
from sql.lexer import Token, tokenize
from sql.result import Result

TRIGGER_TYPE = 2279


def _name(t: Token) -> str:
    return t.value if t.kind == "ident" else t.value.lower()


class _Toks:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    def word(self, k: int = 0) -> str:
        j = self.i + k
        t = self.toks[j] if j < len(self.toks) else None
        return t.value.upper() if t is not None and t.kind == "word" else (t.value if t is not None else "")

    def accept(self, *ws: str) -> bool:
        if self.word() in ws:
            self.i += 1
            return True
        return False

    def expect(self, w: str) -> None:
        if not self.accept(w):
            got = self.toks[self.i].value if self.i < len(self.toks) else ""
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{got}"' if got else
                           "syntax error at end of input")

    def name(self) -> str:
        if self.i >= len(self.toks):
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input")
        t = self.toks[self.i]
        self.i += 1
        return _name(t)

    def qualified(self) -> tuple[str | None, str]:
        first = self.name()
        if self.word() == ".":
            self.i += 1
            return first, self.name()
        return None, first

    def at_end(self) -> bool:
        return self.i >= len(self.toks) or (self.word() == ";" and self.i == len(self.toks) - 1)


@dataclass(frozen=True)
class CreateTriggerStmt:
    replace: bool
    name: str
    timing: str
    events: tuple[str, ...]
    columns: tuple[str, ...]
    table: tuple[str | None, str]
    for_each_row: bool
    when: str | None
    function: tuple[str | None, str]
    args: tuple[str, ...]

    def execute_utility(self, session: Any) -> Result:
        return create_trigger(session, self)


@dataclass(frozen=True)
class DropTriggerStmt:
    name: str
    table: tuple[str | None, str]
    if_exists: bool

    def execute_utility(self, session: Any) -> Result:
        return drop_trigger(session, self)


@dataclass(frozen=True)
class EnableTriggerStmt:
    table: tuple[str | None, str]
    name: str  # a trigger name, ALL or USER
    enabled: bool

    def execute_utility(self, session: Any) -> Result:
        return enable_trigger(session, self)


def parse_trigger_statement(text: str, words: list[str]) -> Any:
    w0 = words[0] if words else ""
    if w0 == "CREATE":
        return _parse_create(text)
    if w0 == "DROP":
        p = _Toks(text)
        p.i = 2
        if_exists = p.accept("IF")
        if if_exists:
            p.expect("EXISTS")
        name = p.name()
        p.expect("ON")
        table = p.qualified()
        p.accept("CASCADE", "RESTRICT")
        return DropTriggerStmt(name, table, if_exists)
    if w0 == "ALTER":
        p = _Toks(text)
        p.i = 2
        p.accept("IF") and p.accept("EXISTS")
        p.accept("ONLY")
        table = p.qualified()
        if p.word() not in ("ENABLE", "DISABLE"):
            return None
        enabled = p.word() == "ENABLE"
        p.i += 1
        p.accept("ALWAYS", "REPLICA")
        if not p.accept("TRIGGER"):
            return None
        name = p.name()
        if not p.at_end():
            return None
        return EnableTriggerStmt(table, name, enabled)
    return None


def _parse_create(text: str) -> CreateTriggerStmt:
    p = _Toks(text)
    p.i = 1
    replace_ = False
    if p.accept("OR"):
        p.expect("REPLACE")
        replace_ = True
    if p.accept("CONSTRAINT"):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "constraint triggers are not supported yet")
    p.expect("TRIGGER")
    name = p.name()
    if p.accept("INSTEAD"):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers are not supported yet")
    if p.word() not in ("BEFORE", "AFTER"):
        p.expect("BEFORE")
    timing = p.word().lower()
    p.i += 1
    events: list[str] = []
    columns: list[str] = []
    while True:
        ev = p.word()
        if ev not in ("INSERT", "UPDATE", "DELETE", "TRUNCATE"):
            p.expect("INSERT")
        p.i += 1
        events.append(ev.lower())
        if ev == "UPDATE" and p.accept("OF"):
            columns.append(p.name())
            while p.word() == ",":
                p.i += 1
                columns.append(p.name())
        if not p.accept("OR"):
            break
    p.expect("ON")
    table = p.qualified()
    if p.accept("REFERENCING"):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "transition tables are not supported yet")
    for_each_row = False
    if p.accept("FOR"):
        p.accept("EACH")
        if p.word() not in ("ROW", "STATEMENT"):
            p.expect("ROW")
        for_each_row = p.word() == "ROW"
        p.i += 1
    when = None
    if p.accept("WHEN"):
        if p.word() != "(":
            p.expect("(")
        start = p.toks[p.i].pos + 1
        depth = 0
        while p.i < len(p.toks):
            v = p.toks[p.i]
            if v.kind == "op" and v.value == "(":
                depth += 1
            elif v.kind == "op" and v.value == ")":
                depth -= 1
                if depth == 0:
                    when = text[start:v.pos].strip()
                    p.i += 1
                    break
            p.i += 1
    p.expect("EXECUTE")
    if not p.accept("FUNCTION", "PROCEDURE"):
        p.expect("FUNCTION")
    function = p.qualified()
    p.expect("(")
    args: list[str] = []
    while p.i < len(p.toks) and p.word() != ")":
        if p.word() != ",":
            args.append(p.toks[p.i].value)
        p.i += 1
    p.expect(")")
    return CreateTriggerStmt(replace_, name, timing, tuple(events), tuple(columns), table, for_each_row, when,
                             function, tuple(args))


def _table(session: Any, ref: tuple[str | None, str]) -> Table:
    rel = session.lookup_relation(ref[0], ref[1], session.catalog())
    if rel is None or getattr(rel, "virtual", False):
        shown = f"{ref[0]}.{ref[1]}" if ref[0] else ref[1]
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{shown}" does not exist')
    if not isinstance(rel, Table):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a table')
    return rel


def _write(session: Any, table: Table) -> None:
    from sql.executor.ddl_util import write_relation

    write_relation(session, session.catalog(), table)


def create_trigger(session: Any, u: CreateTriggerStmt) -> Result:
    session.check_writable("CREATE TRIGGER")
    table = _table(session, u.table)
    from sql.executor.ddl_util import require_owner
    from sql.executor.routines import path_functions

    require_owner(session, table)
    fns = [f for f in path_functions(session, session.catalog(), u.function[1], u.function[0]) if not f.arg_types]
    if not fns:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {u.function[1]}() does not exist")
    fn = fns[0]
    if fn.return_type != TRIGGER_TYPE:
        raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION, f"function {fn.name} must return type trigger")
    if "truncate" in u.events and u.for_each_row:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "TRUNCATE FOR EACH ROW triggers are not supported")
    if u.when is not None and not u.for_each_row:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "statement trigger's WHEN condition cannot reference "
                       "column values")
    for c in u.columns:
        if c not in table.column_positions:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{c}" of relation "{table.name}" does not exist')
    existing = next((t for t in table.triggers if t.name == u.name), None)
    if existing is not None and not u.replace:
        raise SqlError(sqlstate.DUPLICATE_OBJECT, f'trigger "{u.name}" for relation "{table.name}" already exists')
    trig = Trigger(existing.oid if existing else session.db.allocate_oid(), u.name, fn.oid, u.timing, u.events,
                   u.for_each_row, u.columns, u.when, u.args)
    others = tuple(t for t in table.triggers if t.name != u.name)
    _write(session, replace(table, triggers=tuple(sorted(others + (trig,), key=lambda t: t.name))))
    return Result("CREATE TRIGGER")


def drop_trigger(session: Any, u: DropTriggerStmt) -> Result:
    session.check_writable("DROP TRIGGER")
    table = _table(session, u.table)
    hit = next((t for t in table.triggers if t.name == u.name), None)
    if hit is None:
        if u.if_exists:
            from sql.executor.ddl_util import notice

            return Result("DROP TRIGGER", notices=[notice(
                f'trigger "{u.name}" for relation "{table.name}" does not exist, skipping')])
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'trigger "{u.name}" for table "{table.name}" does not exist')
    from sql.executor.ddl_util import require_owner

    require_owner(session, table)
    _write(session, replace(table, triggers=tuple(t for t in table.triggers if t.name != u.name)))
    return Result("DROP TRIGGER")


def enable_trigger(session: Any, u: EnableTriggerStmt) -> Result:
    table = _table(session, u.table)
    from sql.executor.ddl_util import require_owner

    require_owner(session, table)
    flag = "O" if u.enabled else "D"
    if u.name.upper() in ("ALL", "USER") and not any(t.name == u.name for t in table.triggers):
        new = tuple(replace(t, enabled=flag) for t in table.triggers)
    else:
        if not any(t.name == u.name for t in table.triggers):
            raise SqlError(sqlstate.UNDEFINED_OBJECT,
                           f'trigger "{u.name}" for table "{table.name}" does not exist')
        new = tuple(replace(t, enabled=flag) if t.name == u.name else t for t in table.triggers)
    _write(session, replace(table, triggers=new))
    return Result("ALTER TABLE")


# firing -------------------------------------------------------------------------------------------
class Firing:
    """The triggers of one table for one statement's event."""

    def __init__(self, table: Table, event: str, triggers: list[Trigger], updated: frozenset[int] = frozenset()
                 ) -> None:
        self.table = table
        self.event = event
        self.op = event.upper()
        cols = {c.name: i for i, c in enumerate(table.columns)}
        active = [t for t in triggers if event in t.events and t.enabled != "D" and
                  (event != "update" or not t.columns or any(cols.get(c) in updated for c in t.columns))]
        self.before_row = [t for t in active if t.timing == "before" and t.for_each_row]
        self.after_row = [t for t in active if t.timing == "after" and t.for_each_row]
        self.before_stmt = [t for t in active if t.timing == "before" and not t.for_each_row]
        self.after_stmt = [t for t in active if t.timing == "after" and not t.for_each_row]
        self.queue: list[tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]] = []
        self._schema: str | None = None

    def _run(self, ctx: Any, trig: Trigger, old: Any, new: Any) -> Any:
        from sql.plpgsql.call import run_trigger

        session = ctx.session
        fn = session.catalog().functions.get(trig.function_oid)
        if fn is None:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function for trigger {trig.name} does not exist")
        if trig.when is not None and not self._when(ctx, trig, old, new):
            return new if new is not None else old
        if self._schema is None:
            self._schema = session.schema_name(self.table, session.catalog()) or ""
        return run_trigger(session, fn, trig, self.table, self._schema, self.op, old, new, ctx.statement_timestamp)

    def _when(self, ctx: Any, trig: Trigger, old: Any, new: Any) -> bool:
        from sql.plpgsql.ast import SqlFrag
        from sql.plpgsql.sqlfrag import Frame, Var, eval_expr

        frag = _WHEN_FRAGS.setdefault((trig.oid, trig.when), SqlFrag(trig.when or "true", True))
        fields = [(c.name, c.type_oid) for c in self.table.columns]
        frame = Frame()
        frame.declare("new", Var(2249, new, fields))
        frame.declare("old", Var(2249, old, fields))
        value, _t = eval_expr(ctx.session, frag, frame, ctx.statement_timestamp)
        return value is True

    def start(self, ctx: Any) -> None:
        for t in self.before_stmt:
            self._run(ctx, t, None, None)

    def before(self, ctx: Any, old: tuple[Any, ...] | None, new: tuple[Any, ...] | None
               ) -> tuple[Any, ...] | None:
        """The row to write (None: skip it). For DELETE, a non-NULL result means go ahead."""
        row = new if new is not None else old
        for t in self.before_row:
            got = self._run(ctx, t, old, new if self.event != "delete" else None)
            if got is None:
                return None
            if self.event != "delete":
                new = tuple(got)
                row = new
        return row

    def after(self, old: tuple[Any, ...] | None, new: tuple[Any, ...] | None) -> None:
        if self.after_row:
            self.queue.append((old, new))

    def finish(self, ctx: Any) -> None:
        queue, self.queue = self.queue, []
        for old, new in queue:
            for t in self.after_row:
                self._run(ctx, t, old, new)
        for t in self.after_stmt:
            self._run(ctx, t, None, None)


_WHEN_FRAGS: dict[tuple[int, str | None], Any] = {}


def firing(table: Any, event: str, updated: frozenset[int] = frozenset()) -> Firing | None:
    triggers = getattr(table, "triggers", ())
    if not triggers:
        return None
    f = Firing(table, event, list(triggers), updated)
    if not (f.before_row or f.after_row or f.before_stmt or f.after_stmt):
        return None
    return f


def dependent_triggers(session: Any, catalog: Any, fn: Any, cascade: bool) -> list[SqlError]:
    """2BP01 when triggers still use the function about to be dropped; with CASCADE they are dropped
    (the notices say so)."""
    from sql import typesys as T

    users = [(t.name, rel.name) for rel in catalog.relations.values() if isinstance(rel, Table)
             for t in rel.triggers if t.function_oid == fn.oid]
    if users and cascade:
        for rel in [r for r in catalog.relations.values() if isinstance(r, Table)]:
            if any(t.function_oid == fn.oid for t in rel.triggers):
                _write(session, replace(rel, triggers=tuple(t for t in rel.triggers if t.function_oid != fn.oid)))
        from sql.executor.ddl_util import notice

        lines = [f"drop cascades to trigger {t} on table {r}" for t, r in users]
        if len(lines) == 1:
            return [notice(lines[0])]
        return [notice(f"drop cascades to {len(lines)} other objects", detail="\n".join(lines))]
    if users:
        sig = f"{fn.name}({', '.join(T.format_type(a) for a in fn.arg_types)})"
        raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST, f"cannot drop function {sig} because other objects "
                       "depend on it",
                       detail="\n".join(f"trigger {t} on table {r} depends on function {sig}" for t, r in users),
                       hint="Use DROP ... CASCADE to drop the dependent objects too.")
    return []


@dataclass(frozen=True)
class RenameTriggerStmt:
    name: str
    table: tuple[str | None, str]
    new_name: str

    def execute_utility(self, session: Any) -> Result:
        from sql.executor.ddl_util import require_owner

        session.check_writable("ALTER TRIGGER")
        table = _table(session, self.table)
        require_owner(session, table)
        if not any(t.name == self.name for t in table.triggers):
            raise SqlError(sqlstate.UNDEFINED_OBJECT,
                           f'trigger "{self.name}" for table "{table.name}" does not exist')
        if any(t.name == self.new_name for t in table.triggers):
            raise SqlError(sqlstate.DUPLICATE_OBJECT,
                           f'trigger "{self.new_name}" for relation "{table.name}" already exists')
        new = tuple(replace(t, name=self.new_name) if t.name == self.name else t for t in table.triggers)
        _write(session, replace(table, triggers=tuple(sorted(new, key=lambda t: t.name))))
        return Result("ALTER TRIGGER")


def parse_rename_trigger(text: str) -> RenameTriggerStmt:
    p = _Toks(text)
    p.i = 2
    name = p.name()
    p.expect("ON")
    table = p.qualified()
    p.expect("RENAME")
    p.expect("TO")
    return RenameTriggerStmt(name, table, p.name())


def statement_triggers(session: Any, tables: list[Any], event: str) -> Any:
    """Run the BEFORE statement triggers of `tables` for `event` now; returns a callable that runs the
    AFTER ones (TRUNCATE)."""
    from datetime import UTC, datetime

    from sql.expr import Ctx

    ctx = Ctx([], session.txn(), session, datetime.now(UTC))
    fired = [f for f in (firing(t, event) for t in tables) if f is not None]
    for f in fired:
        f.start(ctx)

    def after() -> None:
        for f in fired:
            f.finish(ctx)

    return after
