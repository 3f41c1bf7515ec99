"""SQL inside PL/pgSQL: a fragment's variable references become parameters ($n), and the statement
is planned once per session and parameter types, then run with the variables' current values."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlglot
from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.plpgsql.ast import SqlFrag

_TREES: dict[str, exp.Expression | None] = {}


class Var:
    """A PL/pgSQL variable: a scalar of `type`, or a record with `fields` ((name, type) per column)."""

    __slots__ = ("type", "value", "fields", "constant", "not_null")

    def __init__(self, type_oid: int, value: Any = None, fields: list[tuple[str, int]] | None = None,
                 constant: bool = False, not_null: bool = False) -> None:
        self.type = type_oid
        self.value = value
        self.fields = fields
        self.constant = constant
        self.not_null = not_null

    def field_index(self, name: str) -> int:
        if self.fields is None:
            raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE,
                           "record is not assigned yet",
                           detail="The tuple structure of a not-yet-assigned record is indeterminate.")
        for i, (n, _t) in enumerate(self.fields):
            if n == name:
                return i
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'record has no field "{name}"')


class Frame:
    """Variables of the nested blocks being run (innermost last)."""

    def __init__(self) -> None:
        self.scopes: list[dict[str, Var]] = [{}]

    def lookup(self, name: str) -> Var | None:
        for scope in reversed(self.scopes):
            v = scope.get(name)
            if v is not None:
                return v
        return None

    def declare(self, name: str, var: Var) -> None:
        self.scopes[-1][name] = var


@dataclass
class _Compiled:
    prepared: Any
    refs: list[tuple[str, str | None]]


@dataclass
class FragResult:
    kind: str  # query, insert, update, delete, utility
    columns: list[Any] | None
    rows: Any  # iterator of tuples (queries, RETURNING) or None
    count: int


def _tree(frag: SqlFrag) -> exp.Expression | None:
    text = ("SELECT " + frag.text) if frag.is_expr else frag.text
    if text in _TREES:
        return _TREES[text]
    try:
        trees = [t for t in sqlglot.parse(text, read=PgDialect) if t is not None]
        tree = trees[0] if len(trees) == 1 and not isinstance(trees[0], exp.Command) else None
    except Exception:  # noqa: BLE001 - left to the statement parser (utility statements)
        tree = None
    if len(_TREES) > 4096:
        _TREES.clear()
    _TREES[text] = tree
    return tree


def _ident(node: Any) -> str:
    if isinstance(node, exp.Identifier):
        return node.this if node.quoted else node.this.lower()
    return str(node).lower() if node else ""


def _is_set_target(col: exp.Column) -> bool:
    parent = col.parent
    return isinstance(parent, exp.EQ) and parent.this is col and isinstance(parent.parent, (exp.Update,)) or \
        isinstance(parent, exp.EQ) and parent.this is col and isinstance(parent.parent, exp.OnConflict)


def _substitute(tree: exp.Expression, frame: Frame) -> tuple[exp.Expression, list[tuple[str, str | None]]]:
    tree = tree.copy()
    refs: list[tuple[str, str | None]] = []
    index: dict[tuple[str, str | None], int] = {}

    def param(ref: tuple[str, str | None], replaced: exp.Expression) -> exp.Expression:
        if ref not in index:
            refs.append(ref)
            index[ref] = len(refs)
        p = exp.Parameter(this=exp.Literal.number(index[ref]))
        # keep the parser's type annotation: a subscript of the variable was parsed (and offset) for it
        p.type = replaced.type
        return p

    for node in list(tree.find_all(exp.Column, exp.Parameter)):
        if isinstance(node, exp.Parameter):
            inner = node.this
            n = inner.this if isinstance(inner, exp.Literal) else getattr(inner, "name", None)
            if n is not None and frame.lookup(f"${n}") is not None:
                node.replace(param((f"${n}", None), node))
            continue
        if isinstance(node.this, exp.Star) or _is_set_target(node):
            continue
        parts = [p for p in (node.args.get("catalog"), node.args.get("db"), node.args.get("table")) if p]
        name = _ident(node.this)
        if not parts:
            v = frame.lookup(name)
            if v is not None:
                node.replace(param((name, None), node))
        elif len(parts) == 1:
            q = _ident(parts[0])
            v = frame.lookup(q)
            if v is not None and v.fields is not None or v is not None and v.type == 2249:
                node.replace(param((q, name), node))
    return tree, refs


def _ref_type(frame: Frame, ref: tuple[str, str | None]) -> int:
    v = frame.lookup(ref[0])
    assert v is not None
    if ref[1] is None:
        return v.type
    return v.fields[v.field_index(ref[1])][1]  # type: ignore[index]


def _ref_value(frame: Frame, ref: tuple[str, str | None]) -> Any:
    v = frame.lookup(ref[0])
    assert v is not None
    if ref[1] is None:
        return v.value
    if v.value is None:
        if v.fields is None:
            v.field_index(ref[1])
        return None
    return v.value[v.field_index(ref[1])]


_SESSION_CACHES: weakref.WeakKeyDictionary[Any, dict[Any, _Compiled]] = weakref.WeakKeyDictionary()


def _compile(session: Any, frag: SqlFrag, frame: Frame) -> _Compiled:
    from sql.parse import parse_one_statement

    tree = _tree(frag)
    if tree is None:
        text = ("SELECT " + frag.text) if frag.is_expr else frag.text
        stmt = parse_one_statement(text)
        return _Compiled(session._prepare(stmt, []), [])
    new_tree, refs = _substitute(tree, frame)
    types = [_ref_type(frame, r) for r in refs]
    stmt = parse_one_statement(new_tree.sql(dialect=PgDialect))
    return _Compiled(session._prepare(stmt, types), refs)


def run_frag(session: Any, frag: SqlFrag, frame: Frame, ts: datetime | None = None) -> FragResult:
    cache = _SESSION_CACHES.get(session)
    if cache is None:
        cache = _SESSION_CACHES[session] = {}
    tree = _tree(frag)
    key: Any = (id(frag), frag.text)
    if tree is not None:
        key = (id(frag), frag.text, tuple(_key_part(frame, n) for n in _names(tree)))
    c = cache.get(key)
    if c is None:
        if len(cache) > 2048:
            cache.clear()
        c = cache[key] = _compile(session, frag, frame)
    p = c.prepared
    if p.kind == "utility":
        if type(p.stmt.utility).__name__ == "TransactionStmt":
            raise SqlError("2D000", "invalid transaction termination")
        r = session._utility(p.stmt)
        return FragResult("utility", r.columns, r.rows, r.rowcount or 0)
    p = session._revalidate(p)
    session._check_privileges(p)
    params = [_ref_value(frame, r) for r in c.refs]
    from sql.expr import Ctx

    ctx = Ctx(params, session.txn(), session, ts or datetime.now(UTC))
    if p.kind == "query":
        return FragResult("query", p.columns, p.plan.rows(ctx), 0)
    count, returned = p.plan.run(ctx)
    return FragResult(p.kind, p.columns, iter(returned) if p.columns else None, count)


def _names(tree: exp.Expression) -> tuple[str, ...]:
    hit = getattr(tree, "_plpgsql_names", None)
    if hit is None:
        names = set()
        for node in tree.find_all(exp.Column, exp.Parameter):
            if isinstance(node, exp.Parameter):
                inner = node.this
                names.add(f"${inner.this if isinstance(inner, exp.Literal) else getattr(inner, 'name', '')}")
            else:
                t = node.args.get("table")
                names.add(_ident(t) if t else _ident(node.this))
        hit = tuple(sorted(names))
        tree._plpgsql_names = hit  # type: ignore[attr-defined]
    return hit


def _key_part(frame: Frame, name: str) -> Any:
    v = frame.lookup(name)
    if v is None:
        return None
    return (v.type, tuple(v.fields) if v.fields is not None else None)


_SIMPLE_ARGS = ("from", "where", "group", "having", "order", "limit", "offset", "distinct", "with_", "windows",
                "qualify", "joins", "laterals")


@dataclass
class _Simple:
    """An expression without FROM or subqueries compiled straight to a closure (no plan)."""

    fn: Any
    type: int
    refs: list[tuple[str, str | None]]
    catalog: Any
    settings: tuple[str, ...]
    role: int
    ref_types: list[int]
    session: Any  # weakref.ref to the session


def _simple(session: Any, frag: SqlFrag, frame: Frame) -> _Simple | None:
    tree = _tree(frag)
    if not isinstance(tree, exp.Select) or len(tree.expressions) != 1 or \
            any(tree.args.get(k) for k in _SIMPLE_ARGS) or \
            any(True for _ in tree.find_all(exp.Subquery, exp.AggFunc, exp.Window, exp.Exists)):
        return None
    from sql.dml_planner import DmlPlanner
    from sql.expr import CompileEnv, ExprCompiler
    from sql.scope import Scope

    new_tree, refs = _substitute(tree, frame)
    types = [_ref_type(frame, r) for r in refs]
    catalog = session.catalog()
    env = CompileEnv(session, catalog, list(types))
    DmlPlanner(env)
    node = new_tree.expressions[0]
    if isinstance(node, exp.Alias):
        node = node.this
    try:
        ce = ExprCompiler(env, Scope()).compile(node)
    except SqlError:
        return None
    if env.privileges or ce.type == 0:
        return None
    if ce.type == T.UNKNOWN:
        ce = ExprCompiler(env, Scope()).coerce(ce, T.TEXT)
    return _Simple(ce.fn, ce.type, refs, catalog, session._plan_settings(), session.current_role.oid, types,
                   weakref.ref(session))


def eval_expr(session: Any, frag: SqlFrag, frame: Frame, ts: datetime | None = None) -> tuple[Any, int]:
    """The value and type of a PL/pgSQL expression (exactly one row and column)."""
    s = frag.cache.get(id(session), False)
    if s is not False:
        if s is None:
            return _eval_planned(session, frag, frame, ts)
        if s.session() is not session or s.catalog is not session.catalog() or \
                s.role != session.current_role.oid or s.settings != session._plan_settings() or \
                [_ref_type(frame, r) for r in s.refs] != s.ref_types:
            s = False
    if s is False:
        if len(frag.cache) > 64:
            frag.cache.clear()
        s = frag.cache[id(session)] = _simple(session, frag, frame)
        if s is None:
            return _eval_planned(session, frag, frame, ts)
    from sql.expr import Ctx

    ctx = Ctx([_ref_value(frame, r) for r in s.refs], session.txn(), session, ts or datetime.now(UTC))
    return s.fn((), ctx), s.type


def _eval_planned(session: Any, frag: SqlFrag, frame: Frame, ts: datetime | None) -> tuple[Any, int]:
    r = run_frag(session, frag, frame, ts)
    rows = list(r.rows) if r.rows is not None else []
    ncols = len(r.columns or [])
    if ncols != 1:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'query "SELECT {frag.text}" returned {ncols} columns')
    if len(rows) > 1:
        raise SqlError(sqlstate.CARDINALITY_VIOLATION, f'query "SELECT {frag.text}" returned more than one row')
    return (rows[0][0] if rows else None), r.columns[0].type_oid  # type: ignore[index]
