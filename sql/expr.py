"""Compile sqlglot expressions into Python closures, once.

``ExprCompiler.compile(node)`` resolves names against a :class:`~sql.scope.Scope`, infers
types (unknown literals and untyped parameters take the type their context asks for, as in
PostgreSQL), picks operator and function implementations, folds constants, and returns a
:class:`CExpr` whose ``fn(row, ctx)`` evaluates it with PostgreSQL's NULL semantics. Nothing
here runs per row except the closures it returns.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlglot import exp

from sql import operators as ops
from sql import sqlstate
from sql import typesys as T
from sql.aggregates import AGGREGATE_NAMES, AggregateDef, resolve_aggregate
from sql.aggregates_hypothetical import HYPOTHETICAL_AGGREGATES
from sql.datatypes import registry as dt_registry
from sql.errors import SqlError
from sql.functions import resolve_function
from sql.scope import PositionRef, Scope

Fn = Callable[[Any, Any], Any]


class Ctx:
    """Per-execution state handed to every compiled closure."""

    __slots__ = ("params", "txn", "session", "statement_timestamp", "outer", "cache")

    def __init__(self, params: Sequence[Any], txn: Any, session: Any, statement_timestamp: Any = None) -> None:
        self.params = params
        self.txn = txn
        self.session = session
        self.statement_timestamp = statement_timestamp
        self.outer: list[Any] = []
        self.cache: dict[int, Any] = {}

    def to_text(self, value: Any, type_oid: int = T.TEXT) -> str:
        if isinstance(value, str):
            return value
        return self.session.text_output(type_oid)(value)


@dataclass
class CExpr:
    fn: Fn
    type: int
    typmod: int = -1
    const: bool = False
    value: Any = None
    name: str = "?column?"
    param: int | None = None  # bare parameter reference ($n - 1)
    column: tuple[int, int] = (0, 0)  # (table oid, attnum) for RowDescription
    position: int | None = None  # row position for plain column refs


def const(value: Any, type_oid: int, typmod: int = -1, name: str = "?column?") -> CExpr:
    return CExpr(lambda row, ctx: value, type_oid, typmod, const=True, value=value, name=name)


def fold(compute: Callable[[], Any], type_oid: int, name: str = "?column?", typmod: int = -1) -> CExpr:
    """Constant-fold now; if evaluation fails, fail only when (and if) the expression is evaluated,
    so an unreachable CASE branch or unused COALESCE argument does not raise at plan time."""
    try:
        return const(compute(), type_oid, typmod, name)
    except SqlError as err:
        def raise_later(row: Any, ctx: Any, err: SqlError = err) -> Any:
            raise err

        return CExpr(raise_later, type_oid, typmod, name=name)


def column_reader(pos: int, col: Any, depth: int) -> CExpr:
    """Read the column at ``pos`` of this query's row (depth 0) or of an enclosing query's row; a
    deferred column (``col.compute``) is computed from its source row there."""
    compute = col.compute
    if compute is not None:
        src = pos + col.source_delta
        if depth == 0:
            return CExpr(lambda row, ctx: compute(row[src], ctx), col.type, col.typmod, name=col.name)
        return CExpr(lambda row, ctx: compute(ctx.outer[-depth][src], ctx), col.type, col.typmod, name=col.name)
    if depth == 0:
        return CExpr(lambda row, ctx: row[pos], col.type, col.typmod, name=col.name,
                     column=(col.table_oid, col.attnum), position=pos)
    return CExpr(lambda row, ctx: ctx.outer[-depth][pos], col.type, col.typmod, name=col.name)


@dataclass
class AggCall:
    definition: AggregateDef
    args: list[CExpr]
    distinct: bool
    filter: CExpr | None
    node: exp.Expression
    order: list[tuple[CExpr, bool, bool]] = field(default_factory=list)


@dataclass
class AggContext:
    """Grouping state shared by the expressions above an Aggregate node."""

    group_nodes: list[exp.Expression]
    group_exprs: list[CExpr]
    input: ExprCompiler
    aggs: list[AggCall] = field(default_factory=list)
    has_sets: bool = False  # GROUPING SETS: a GROUPING() bitmask column follows the group values


class CompileEnv:
    """What expression compilation needs from the statement being planned."""

    def __init__(self, session: Any, catalog: Any, param_types: list[int], planner: Any = None) -> None:
        self.session = session
        self.catalog = catalog
        self.param_types = param_types
        self.param_domains: dict[int, int] = {}  # parameter index -> the domain it was cast to ($1::dom)
        self.planner = planner  # callable(select_ast, outer_scope) -> (plan, columns)
        from sql.column_privileges import PrivilegeNeeds

        self.privileges: PrivilegeNeeds = PrivilegeNeeds()  # (relation, letters) entries and the columns used

    def param_type(self, index: int) -> int:
        while len(self.param_types) <= index:
            self.param_types.append(0)
        return self.param_types[index]


def _ident(node: exp.Expression | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, exp.Identifier):
        return node.this if node.quoted else node.this.lower()
    if isinstance(node, str):
        return node.lower()
    return node.name.lower() if node.name else None


def identifier_name(node: Any) -> str:
    name = _ident(node)
    if name is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "missing identifier")
    return name


def _bool_of(v: Any) -> bool:
    return v is True


class ExprCompiler:
    def __init__(self, env: CompileEnv, scope: Scope, agg: AggContext | None = None) -> None:
        self.env = env
        self.scope = scope
        self.agg = agg
        # (node, row index (negative: from the end), type[, typmod]) for window calls and select-list SRFs
        self.extra_refs: list[tuple[Any, ...]] = []

    # ------------------------------------------------------------------------------------
    def compile(self, node: exp.Expression) -> CExpr:
        if self.extra_refs and isinstance(node, (exp.Window, exp.Func)):
            for ref_node, idx, typ, *typmod in self.extra_refs:
                if node == ref_node:
                    return CExpr(lambda row, ctx, i=idx: row[i], typ, typmod[0] if typmod else -1,
                                 name=_output_name(node))
        if self.agg is not None:
            hit = self._agg_lookup(node)
            if hit is not None:
                return hit
        handler = _HANDLERS.get(type(node))
        if handler is None:
            if isinstance(node, exp.Func):
                return self._function(node)
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"expression not supported: {node.sql('postgres')[:80]}")
        return handler(self, node)

    def compile_bool(self, node: exp.Expression, what: str = "WHERE") -> CExpr:
        ce = self.compile(node)
        if ce.type == T.UNKNOWN or ce.param is not None:
            ce = self.coerce(ce, T.BOOL)
        if ce.type != T.BOOL:
            raise SqlError(sqlstate.DATATYPE_MISMATCH,
                           f"argument of {what} must be type boolean, not type {T.type_name(ce.type)}")
        return ce

    # coercion ----------------------------------------------------------------------------
    def coerce(self, ce: CExpr, target: int, typmod: int = -1, context: str = "implicit") -> CExpr:
        """Coerce to `target` (context: implicit, assignment, explicit)."""
        if ce.param is not None and self.env.param_type(ce.param) == 0:
            self.env.param_types[ce.param] = target
            out = replace(ce, type=target, param=None)
            if typmod >= 0:
                return self._apply_typmod(out, target, typmod, context == "explicit")
            return out
        if ce.type == target and (typmod < 0 or ce.typmod == typmod):
            return ce
        if ce.type == target:
            return self._apply_typmod(ce, target, typmod, context == "explicit")
        if ce.type == T.UNKNOWN and ce.const:
            value = ce.value
            if value is not None:
                if context == "explicit" and typmod >= 0:
                    parsed = self.env.session.text_input(target, -1)(value)
                    tm = T.typmod_fn(target, typmod, True)
                    value = tm(parsed) if tm is not None else self.env.session.text_input(target, typmod)(value)
                else:
                    value = self.env.session.text_input(target, typmod)(value)
            return const(value, target, typmod, ce.name)
        allowed = {
            "implicit": T.implicit_castable,
            "assignment": T.assignment_castable,
            "explicit": lambda s, d: True,
        }[context](ce.type, target)
        dts = (T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ)
        if target in (T.TEXT, T.VARCHAR, T.BPCHAR, T.NAME) and allowed and (
                ce.type in (T.FLOAT4, T.FLOAT8, T.REGCLASS, T.REGTYPE, T.RECORD, *dts)
                or T.element_type(ce.type) in dts):
            fn = self.env.session.text_output(ce.type)  # honours extra_float_digits, DateStyle, TimeZone
        else:
            fn = T.cast_fn(ce.type, target, typmod, explicit=context == "explicit", tz=self.env.session.timezone())
        if fn is None or not allowed:
            if context == "explicit" or fn is None:
                raise SqlError(sqlstate.CANNOT_COERCE,
                               f"cannot cast type {T.type_name(ce.type)} to {T.format_type(target, typmod)}")
            raise SqlError(sqlstate.DATATYPE_MISMATCH,
                           f"{self._what} is of type {T.format_type(target, typmod)} but expression is of type "
                           f"{T.type_name(ce.type)}", hint="You will need to rewrite or cast the expression.")
        if typmod >= 0:
            base = fn
            tm = T.typmod_fn(target, typmod, context == "explicit")
            if tm is not None:
                fn = lambda v: tm(base(v))  # noqa: E731
        return self._strict1(fn, ce, target, typmod)

    _what = "column"

    def _apply_typmod(self, ce: CExpr, target: int, typmod: int, explicit: bool) -> CExpr:
        tm = T.typmod_fn(target, typmod, explicit)
        if tm is None:
            return replace(ce, typmod=typmod)
        return self._strict1(tm, ce, target, typmod)

    def _strict1(self, f: Callable[[Any], Any], ce: CExpr, rtype: int, typmod: int = -1) -> CExpr:
        if ce.const:
            v = ce.value
            return fold(lambda: None if v is None else f(v), rtype, ce.name, typmod)
        g = ce.fn

        def run(row: Any, ctx: Any) -> Any:
            v = g(row, ctx)
            return None if v is None else f(v)

        return CExpr(run, rtype, typmod, name=ce.name)

    # aggregates --------------------------------------------------------------------------
    def _agg_lookup(self, node: exp.Expression) -> CExpr | None:
        agg = self.agg
        assert agg is not None
        for i, g in enumerate(agg.group_nodes):
            if node == g:
                ge = agg.group_exprs[i]
                return CExpr(lambda row, ctx, i=i: row[i], ge.type, ge.typmod, name=ge.name, column=ge.column)
        if isinstance(node, exp.Column) and not isinstance(node.this, exp.Star):
            # the same column written differently (qualified, quoted) than in GROUP BY
            try:
                hit = agg.input.scope.resolve_local(_ident(node.args.get("table")), identifier_name(node.this))
            except SqlError:
                hit = None
            if hit is not None:
                for i, ge in enumerate(agg.group_exprs):
                    if ge.position is not None and ge.position == hit[0]:
                        return CExpr(lambda row, ctx, i=i: row[i], ge.type, ge.typmod, name=ge.name,
                                     column=ge.column)
        if self._is_aggregate(node):
            return self._aggregate(node)
        if isinstance(node, exp.Column) and not isinstance(node.this, exp.Star):
            # a column reference that is neither grouped nor aggregated
            name = identifier_name(node.this)
            qual = _ident(node.args.get("table"))
            if self.scope.parent is None or self.scope.resolve_local(qual, name) is not None:
                shown = f"{qual}.{name}" if qual else name
                for e in agg.input.scope.entries:
                    if qual is None and any(c.name == name for c in e.columns):
                        shown = f"{e.alias}.{name}"
                        break
                if agg.input.scope.resolve_local(qual, name) is not None:
                    raise SqlError(sqlstate.GROUPING_ERROR,
                                   f'column "{shown}" must appear in the GROUP BY clause or be used in an '
                                   "aggregate function")
        return None

    @staticmethod
    def _is_aggregate(node: exp.Expression) -> bool:
        if isinstance(node, (exp.Count, exp.Sum, exp.Avg, exp.Min, exp.Max, exp.ArrayAgg, exp.GroupConcat,
                             exp.LogicalAnd, exp.LogicalOr, exp.JSONArrayAgg)):
            return True
        if isinstance(node, exp.Anonymous) and node.name.lower() in AGGREGATE_NAMES:
            return True
        if isinstance(node, (exp.Filter, exp.WithinGroup)):
            return True
        return False

    def _aggregate(self, node: exp.Expression) -> CExpr:
        agg = self.agg
        assert agg is not None
        for j, call in enumerate(agg.aggs):
            if call.node == node:
                return self._agg_ref(j, call)
        filt = None
        if isinstance(node, exp.Filter):
            filt = agg.input.compile_bool(node.expression.this if isinstance(node.expression, exp.Where)
                                          else node.expression, "FILTER")
            node_inner = node.this
        else:
            node_inner = node
        order_nodes: list[exp.Ordered] = []
        if isinstance(node_inner, exp.WithinGroup):
            order_nodes = list(node_inner.expression.expressions)
            node_inner = node_inner.this
        name, args, distinct, star, agg_order = _aggregate_parts(node_inner)
        order_nodes = order_nodes or agg_order
        inner = agg.input
        if name in ("percentile_cont", "percentile_disc", "mode"):
            return self._ordered_set_aggregate(node, name, args, order_nodes, filt)
        if isinstance(node_inner.parent, exp.WithinGroup) and name in HYPOTHETICAL_AGGREGATES:
            return self._hypothetical_aggregate(node, name, args, order_nodes, filt)
        if any(ExprCompiler._contains_aggregate(a) for a in args):
            raise SqlError(sqlstate.GROUPING_ERROR, "aggregate function calls cannot be nested")
        cargs = [inner.compile(a) for a in args]
        definition = resolve_aggregate(name, [c.type for c in cargs], star)
        cargs = [inner.coerce(c, t) if c.type != t else c for c, t in zip(cargs, definition.arg_types)] \
            if definition.arg_types else cargs
        order = [(inner.compile(o.this), bool(o.args.get("desc")), _nulls_first(o)) for o in order_nodes]
        order = [(e if e.type != T.UNKNOWN else inner.coerce(e, T.TEXT), d, nf) for e, d, nf in order]
        call = AggCall(definition, cargs, distinct, filt, node, order)
        agg.aggs.append(call)
        return self._agg_ref(len(agg.aggs) - 1, call)

    def _ordered_set_aggregate(self, node: exp.Expression, name: str, args: list[exp.Expression],
                               order_nodes: list[exp.Ordered], filt: CExpr | None) -> CExpr:
        from sql.aggregates import ordered_set_aggregate

        agg = self.agg
        assert agg is not None
        if len(order_nodes) != 1:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name} requires WITHIN GROUP (ORDER BY ...)")
        o = order_nodes[0]
        value = agg.input.compile(o.this)
        fraction = self.compile(args[0]) if args else None
        if fraction is not None:
            many = T.is_array(fraction.type)
            fraction = self.coerce(fraction, T.array_type(T.FLOAT8) if many else T.FLOAT8)
        definition, value = ordered_set_aggregate(name, value, fraction, agg.input)
        call = AggCall(definition, [value], False, filt, node, [(value, bool(o.args.get("desc")), _nulls_first(o))])
        agg.aggs.append(call)
        return self._agg_ref(len(agg.aggs) - 1, call)

    def _hypothetical_aggregate(self, node: exp.Expression, name: str, args: list[exp.Expression],
                                order_nodes: list[exp.Ordered], filt: CExpr | None) -> CExpr:
        from sql.aggregates_hypothetical import hypothetical_factory

        agg = self.agg
        assert agg is not None
        if len(args) != len(order_nodes):
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name}({', '.join(['integer'] * len(args))}) "
                           "does not exist",
                           hint=f"To use the hypothetical-set aggregate {name}, the number of hypothetical direct "
                                f"arguments (here {len(args)}) must match the number of ordering columns "
                                f"(here {len(order_nodes)}).")
        keys = [agg.input.compile(o.this) for o in order_nodes]
        keys = [k if k.type != T.UNKNOWN else agg.input.coerce(k, T.TEXT) for k in keys]
        direct = []
        for a, k in zip(args, keys):
            d = self.coerce(self.compile(a), k.type)
            if not d.const:
                from sql.errors import feature_not_supported

                raise feature_not_supported("a non-constant direct argument of a hypothetical-set aggregate")
            direct.append(d.value)
        specs = [(bool(o.args.get("desc")), _nulls_first(o), k.type) for o, k in zip(order_nodes, keys)]
        fns = [k.fn for k in keys]
        row_keys = CExpr(lambda row, ctx: tuple(f(row, ctx) for f in fns), T.RECORD)
        rtype = T.INT8 if name in ("rank", "dense_rank") else T.FLOAT8
        definition = AggregateDef(name, rtype, (), hypothetical_factory(name, tuple(direct), specs),
                                  counts_nulls=True)
        call = AggCall(definition, [row_keys], False, filt, node, [])
        agg.aggs.append(call)
        return self._agg_ref(len(agg.aggs) - 1, call)

    def _agg_ref(self, j: int, call: AggCall) -> CExpr:
        agg = self.agg
        assert agg is not None
        idx = len(agg.group_nodes) + (1 if agg.has_sets else 0) + j
        return CExpr(lambda row, ctx: row[idx], call.definition.return_type, name=call.definition.name)

    @staticmethod
    def _contains_aggregate(node: exp.Expression, top: bool = True) -> bool:
        """Aggregate calls of this query level (not in subqueries; a window's own function is not one)."""
        if not top and isinstance(node, (exp.Subquery, exp.Select)):
            return False
        if isinstance(node, exp.Window):
            func = node.this.this if isinstance(node.this, exp.Filter) else node.this
            inner = [c for c in func.iter_expressions()]
            if isinstance(node.this, exp.Filter):
                inner.append(node.this.expression)
            inner += list(node.args.get("partition_by") or [])
            order = node.args.get("order")
            if order is not None:
                inner.append(order)
            return any(ExprCompiler._contains_aggregate(c, False) for c in inner)
        if ExprCompiler._is_aggregate(node):
            return True
        return any(ExprCompiler._contains_aggregate(c, False) for c in node.iter_expressions())

    # leaves ------------------------------------------------------------------------------
    def _column(self, node: exp.Column) -> CExpr:
        if isinstance(node.this, exp.Star):
            raise SqlError(sqlstate.SYNTAX_ERROR, "row expansion via \"*\" is not supported here")
        name = identifier_name(node.this)
        qual = _ident(node.args.get("table"))
        schema = _ident(node.args.get("db"))
        if qual is None and name in self.scope.merged_full:
            lp, rp = self.scope.merged_full[name]
            col = self.scope.column_at(lp)
            if col.compute is not None or self.scope.column_at(rp).compute is not None:
                fl, fr = column_reader(lp, col, 0).fn, column_reader(rp, self.scope.column_at(rp), 0).fn
                return CExpr(lambda row, ctx: (lambda v: v if v is not None else fr(row, ctx))(fl(row, ctx)),
                             col.type, col.typmod, name=name)
            return CExpr(lambda row, ctx: row[lp] if row[lp] is not None else row[rp], col.type, col.typmod,
                         name=name)
        scope: Scope | None = self.scope
        depth = 0
        while scope is not None:
            hit = scope.resolve_local(qual, name, schema)
            if hit is not None:
                pos, col = hit
                self._note_read(col)
                return column_reader(pos, col, depth)
            scope = scope.parent
            depth += 1
        if qual is None and name in ("user", "current_role", "current_user", "session_user", "current_catalog",
                                     "current_schema") and not node.this.quoted:
            return self.call({"user": "current_user", "current_role": "current_user",
                              "current_catalog": "current_database"}.get(name, name), [])
        if qual is not None and not self.scope.has_qualifier(qual):
            raise SqlError(sqlstate.UNDEFINED_TABLE, f'missing FROM-clause entry for table "{qual}"')
        if qual is None:
            from sql.expr_rows import whole_row

            whole = whole_row(self, name)
            if whole is not None:
                return whole
        shown = f"{qual}.{name}" if qual else f'"{name}"'  # PostgreSQL quotes only the unqualified name
        from sql.error_position import mark

        raise mark(SqlError(sqlstate.UNDEFINED_COLUMN, f"column {shown} does not exist"),
                   node.args.get("db") or node.args.get("table") or node.this)

    def _position_ref(self, node: PositionRef) -> CExpr:
        pos = int(node.this)
        col = self.scope.column_at(pos)
        self._note_read(col)
        return column_reader(pos, col, 0)

    def _note_read(self, col: Any) -> None:
        """Column privileges: the statement reads this table column."""
        note = getattr(self.env.privileges, "note_read", None)
        if note is not None:
            note(col.table_oid, col.attnum)

    def _literal(self, node: exp.Literal) -> CExpr:
        text = node.this
        if node.is_string:
            return const(text, T.UNKNOWN)
        if "." in text or "e" in text.lower():
            return const(Decimal(text), T.NUMERIC)
        v = int(text)
        if -(2**31) <= v < 2**31:
            return const(v, T.INT4)
        if -(2**63) <= v < 2**63:
            return const(v, T.INT8)
        return const(Decimal(v), T.NUMERIC)

    def _boolean(self, node: exp.Boolean) -> CExpr:
        return const(bool(node.this), T.BOOL, name="bool")

    def _null(self, node: exp.Null) -> CExpr:
        return const(None, T.UNKNOWN)

    def _parameter(self, node: exp.Parameter) -> CExpr:
        inner = node.this
        try:
            n = int(inner.this if isinstance(inner, exp.Literal) else inner.name)
        except (TypeError, ValueError):
            raise SqlError(sqlstate.SYNTAX_ERROR, f"syntax error at or near \"{node.sql()}\"") from None
        if n < 1:
            raise SqlError(sqlstate.UNDEFINED_PARAMETER, f"there is no parameter ${n}")
        i = n - 1
        t = self.env.param_type(i)
        if t == T.UNKNOWN:  # a parameter declared "unknown" is one whose type the server infers
            self.env.param_types[i] = t = 0
        return CExpr(lambda row, ctx: ctx.params[i], t if t else T.UNKNOWN, param=i if not t else None)

    def _paren(self, node: exp.Paren) -> CExpr:
        return self.compile(node.this)

    def _alias(self, node: exp.Alias) -> CExpr:
        ce = self.compile(node.this)
        return replace(ce, name=identifier_name(node.args.get("alias")))

    # operators ---------------------------------------------------------------------------
    def _binary_operands(self, node: exp.Binary) -> tuple[CExpr, CExpr]:
        return self.compile(node.this), self.compile(node.expression)

    def _unify(self, a: CExpr, b: CExpr, context: str = "operator") -> tuple[CExpr, CExpr, int]:
        at = a.type if a.param is None else T.UNKNOWN
        bt = b.type if b.param is None else T.UNKNOWN
        if at == T.UNKNOWN and bt == T.UNKNOWN:
            t = T.TEXT
        elif at == T.UNKNOWN:
            t = bt
        elif bt == T.UNKNOWN:
            t = at
        else:
            t = T.common_type([at, bt], context)
        return self.coerce(a, t), self.coerce(b, t), t

    def _comparison(self, node: exp.Binary) -> CExpr:
        op = _CMP_OPS[type(node)]
        a, b = self._binary_operands(node)
        return self.compare(op, a, b)

    def compare(self, op: str, a: CExpr, b: CExpr) -> CExpr:
        typed = type_operator(self, op, a, b)
        if typed is not None:
            return typed
        a0, b0 = a, b
        try:
            a, b, t = self._unify(a, b)
        except SqlError as e:
            if e.code == sqlstate.DATATYPE_MISMATCH:
                raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                               f"operator does not exist: {T.type_name(a0.type)} {op} {T.type_name(b0.type)}",
                               hint="No operator matches the given name and argument types. "
                                    "You might need to add explicit type casts.") from None
            raise
        if t in (T.FLOAT4, T.FLOAT8):
            f = ops.float_compare(op)
        elif t == T.NUMERIC:
            f = ops.numeric_compare(op)
        elif t == T.BPCHAR:
            f = ops.bpchar_compare(op)
        elif t == T.JSON:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"operator does not exist: json {op} json")
        elif t == T.RECORD and op in _ROW_CMP_OPS:
            from sql.row_compare import row_compare

            f = row_compare(op)
        else:
            f = ops.COMPARE[op]
        return self._strict2(f, a, b, T.BOOL)

    def _strict2(self, f: Callable[[Any, Any], Any], a: CExpr, b: CExpr, rtype: int, name: str = "?column?"
                 ) -> CExpr:
        if a.const and b.const:
            x, y = a.value, b.value
            return fold(lambda: None if x is None or y is None else f(x, y), rtype, name)
        fa, fb = a.fn, b.fn
        if b.const:
            y = b.value
            if y is None:
                return const(None, rtype, name=name)
            if a.position is not None:
                p = a.position

                def run_col_const(row: Any, ctx: Any) -> Any:
                    x = row[p]
                    return None if x is None else f(x, y)

                return CExpr(run_col_const, rtype, name=name)

            def run_const(row: Any, ctx: Any) -> Any:
                x = fa(row, ctx)
                return None if x is None else f(x, y)

            return CExpr(run_const, rtype, name=name)

        def run(row: Any, ctx: Any) -> Any:
            x = fa(row, ctx)
            if x is None:
                return None
            y = fb(row, ctx)
            if y is None:
                return None
            return f(x, y)

        return CExpr(run, rtype, name=name)

    def _arith(self, node: exp.Binary) -> CExpr:
        op = _ARITH_OPS[type(node)]
        a, b = self._binary_operands(node)
        return self.arith(op, a, b)

    def arith(self, op: str, a: CExpr, b: CExpr) -> CExpr:
        typed = type_operator(self, op, a, b)
        if typed is not None:
            return typed
        at = a.type if a.param is None else T.UNKNOWN
        bt = b.type if b.param is None else T.UNKNOWN
        if op == "-" and T.JSONB in (at, bt):
            from sql.expr_more import _json_operator

            return _json_operator(self, "-", a, b)
        dtimpl = ops.datetime_impl(op, at, bt) if T.UNKNOWN not in (at, bt) else None
        if dtimpl is None and T.UNKNOWN in (at, bt) and (at, bt) != (T.UNKNOWN, T.UNKNOWN):
            known = bt if at == T.UNKNOWN else at
            if known in _DATETIME_OPERAND_TYPES and op in "+-":
                other = _unknown_datetime_operand(op, known, unknown_left=at == T.UNKNOWN)
                if at == T.UNKNOWN:
                    a = self.coerce(a, other)
                else:
                    b = self.coerce(b, other)
                at, bt = a.type, b.type
                dtimpl = ops.datetime_impl(op, at, bt)
        if dtimpl is None and op == "-" and at != bt and {at, bt} <= _DATETIME_PROMOTE.keys():
            wider = max(at, bt, key=_DATETIME_PROMOTE.__getitem__)  # date - timestamp: both as timestamp
            a, b = self.coerce(a, wider), self.coerce(b, wider)
            at = bt = wider
            dtimpl = ops.datetime_impl(op, at, bt)
        if dtimpl is not None:
            f, rt = dtimpl
            if rt == T.TIMESTAMPTZ and T.INTERVAL in (at, bt):
                f = self._tz_interval_arith(op, at == T.INTERVAL)
            return self._strict2(f, a, b, rt)
        if op == "%" and (at in (T.FLOAT4, T.FLOAT8) or bt in (T.FLOAT4, T.FLOAT8)):
            raise _no_operator(op, at, bt)
        if at == T.UNKNOWN and bt == T.UNKNOWN:
            raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f"operator is not unique: unknown {op} unknown",
                           hint="Could not choose a best candidate operator. You might need to add explicit "
                                "type casts.")
        if op == "^":
            # PG has ^ only for float8 and numeric
            target = T.NUMERIC if T.NUMERIC in (at, bt) and at not in (T.FLOAT4, T.FLOAT8) and \
                bt not in (T.FLOAT4, T.FLOAT8) else T.FLOAT8
            a, b = self.coerce(a, target), self.coerce(b, target)
            at = bt = target
        else:
            if T.FLOAT4 in (at, bt) and at != bt and T.UNKNOWN not in (at, bt):
                # float4 with an integer/numeric operand: PostgreSQL's float48 operators give float8
                a, b = self.coerce(a, T.FLOAT8), self.coerce(b, T.FLOAT8)
                at = bt = T.FLOAT8
            try:
                a, b, t = self._unify(a, b)
            except SqlError as e:
                if e.code != sqlstate.DATATYPE_MISMATCH:
                    raise  # e.g. 22P02 from an unknown literal that is not a valid number
                raise _no_operator(op, at, bt) from None
            at = bt = t
        impl = ops.arithmetic_impl(op, at, bt)
        if impl is None:
            raise _no_operator(op, a.type, b.type)
        f, rt = impl
        return self._strict2(f, a, b, rt)

    def _tz_interval_arith(self, op: str, interval_left: bool) -> Callable[[Any, Any], Any]:
        """timestamptz +/- interval: months and days move in the session's time zone (DST-aware)."""
        from sql.datatypes import add_interval

        tz = self.env.session.timezone()
        if interval_left:
            return lambda iv, ts: add_interval(ts, iv, tz)
        if op == "+":
            return lambda ts, iv: add_interval(ts, iv, tz)
        return lambda ts, iv: add_interval(ts, -iv, tz)

    def _neg(self, node: exp.Neg) -> CExpr:
        inner = node.this
        if isinstance(inner, exp.Literal) and not inner.is_string:
            text = "-" + inner.this
            if "." in text or "e" in text.lower():
                return const(Decimal(text), T.NUMERIC)
            v = int(text)
            if -(2**31) <= v < 2**31:
                return const(v, T.INT4)
            if -(2**63) <= v < 2**63:
                return const(v, T.INT8)
            return const(Decimal(v), T.NUMERIC)
        a = replace(self.compile(inner), name="?column?")  # an operator's result is not named after its operand
        if a.type in T.INT_TYPES:
            lo, hi, msg = ops.INT_LIMITS[a.type]

            def neg_int(v: int) -> int:
                if -v > hi:
                    raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, msg)
                return -v

            return self._strict1(neg_int, a, a.type)
        if a.type == T.NUMERIC:  # exact at any precision (unary minus would round to the context's)
            return self._strict1(lambda v: v if v.is_nan() or v.is_zero() else v.copy_negate(), a, a.type)
        if a.type in (T.FLOAT4, T.FLOAT8, T.INTERVAL):
            return self._strict1(lambda v: -v, a, a.type)
        if a.type == T.UNKNOWN:
            return self._strict1(lambda v: -v, self.coerce(a, T.NUMERIC), T.NUMERIC)
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"operator does not exist: - {T.type_name(a.type)}")

    def _concat(self, node: exp.DPipe) -> CExpr:
        a, b = self._binary_operands(node)
        typed = type_operator(self, "||", a, b)
        if typed is not None:
            return typed
        if T.is_array(a.type) or T.is_array(b.type) or a.type == T.JSONB or b.type == T.JSONB:
            from sql.expr_more import _json_operator

            if not T.is_array(a.type) and T.is_array(b.type) and a.type != T.JSONB:
                return _json_operator(self, "||", a, b) if a.type == T.UNKNOWN else self._elem_array_concat(a, b)
            return _json_operator(self, "||", a, b)
        if a.type == T.BYTEA or b.type == T.BYTEA:
            if {a.type, b.type} <= {T.BYTEA, T.UNKNOWN}:
                return self._strict2(lambda x, y: x + y, self.coerce(a, T.BYTEA), self.coerce(b, T.BYTEA), T.BYTEA)
        if a.type not in T.STRING_TYPES and b.type not in T.STRING_TYPES:
            raise _no_operator("||", a.type, b.type)
        a, b = (self._strict1(lambda v: "true" if v else "false", x, T.TEXT) if x.type == T.BOOL else x
                for x in (a, b))  # anytextcat casts to text (true, not t)
        a = self._to_text(a)
        b = self._to_text(b)
        return self._strict2(lambda x, y: x + y, a, b, T.TEXT)

    def _elem_array_concat(self, a: CExpr, b: CExpr) -> CExpr:
        a = self.coerce(a, T.element_type(b.type))
        return self._strict2(lambda x, y: [x] + y, a, b, b.type) if not a.const or a.value is not None else \
            CExpr(lambda row, ctx, fb=b.fn: (lambda y: None if y is None else [None] + y)(fb(row, ctx)), b.type)

    def _to_text(self, ce: CExpr) -> CExpr:
        if ce.type in (T.TEXT, T.VARCHAR, T.NAME):
            return ce
        if ce.type == T.UNKNOWN or ce.param is not None:
            return self.coerce(ce, T.TEXT)
        if ce.type == T.BPCHAR:
            return self._strict1(lambda v: v.rstrip(" "), ce, T.TEXT)
        out = self.env.session.text_output(ce.type)
        return self._strict1(out, ce, T.TEXT)

    # boolean logic -----------------------------------------------------------------------
    def _and(self, node: exp.And) -> CExpr:
        return self._logic(node, exp.And, "AND", decisive=False)

    def _or(self, node: exp.Or) -> CExpr:
        return self._logic(node, exp.Or, "OR", decisive=True)

    def _logic(self, node: exp.Expression, cls: type, word: str, decisive: bool) -> CExpr:
        """AND (decisive False) / OR (decisive True) with three-valued logic and short-circuiting."""
        return _bool_combine([self.compile_bool(p, word).fn for p in _flatten(node, cls)], decisive)

    def _not(self, node: exp.Not) -> CExpr:
        a = self.compile_bool(node.this, "NOT")
        return self._strict1(lambda v: not v, a, T.BOOL)

    def _is(self, node: exp.Is) -> CExpr:
        """IS [NOT] NULL / TRUE / FALSE / UNKNOWN (sqlglot marks NOT with negate=True)."""
        negate = bool(node.args.get("negate"))
        target = node.expression
        if isinstance(target, exp.Null):
            ce = self.compile(node.this)
            f = ce.fn
            if ce.type == T.RECORD or T.composite_info(ce.type) is not None:
                # a row IS NULL when every field is; IS NOT NULL when no field is
                if negate:
                    return CExpr(lambda row, ctx: (lambda v: v is not None and all(x is not None for x in v))(
                        f(row, ctx)), T.BOOL)
                return CExpr(lambda row, ctx: (lambda v: v is None or all(x is None for x in v))(f(row, ctx)),
                             T.BOOL)
            if negate:
                return CExpr(lambda row, ctx: f(row, ctx) is not None, T.BOOL)
            return CExpr(lambda row, ctx: f(row, ctx) is None, T.BOOL)
        if isinstance(target, exp.Boolean) or (isinstance(target, exp.Var) and target.name.upper() == "UNKNOWN"):
            f = self.compile_bool(node.this, "IS").fn
            want = bool(target.this) if isinstance(target, exp.Boolean) else None
            if negate:
                return CExpr(lambda row, ctx: f(row, ctx) is not want, T.BOOL)
            return CExpr(lambda row, ctx: f(row, ctx) is want, T.BOOL)
        raise SqlError(sqlstate.SYNTAX_ERROR, f"syntax error at or near \"{target.sql()}\"")

    def _distinct_from(self, node: exp.Expression, negate: bool) -> CExpr:
        a, b = self._binary_operands(node)  # type: ignore[arg-type]
        a, b, _ = self._unify(a, b)
        fa, fb = a.fn, b.fn

        def run(row: Any, ctx: Any) -> bool:
            x, y = fa(row, ctx), fb(row, ctx)
            if x is None or y is None:
                same = x is None and y is None
            else:
                same = x == y
            return same if negate else not same

        return CExpr(run, T.BOOL)

    def _in(self, node: exp.In) -> CExpr:
        if node.args.get("query") is not None:
            if isinstance(node.this, exp.Tuple):
                return self._in_subquery(const(None, T.RECORD), node.args["query"], node.this)
            return self._in_subquery(self.compile(node.this), node.args["query"])
        a = self.compile(node.this)
        items = [self.compile(e) for e in node.expressions]
        try:
            t = T.common_type([a.type if a.param is None else T.UNKNOWN]
                              + [i.type if i.param is None else T.UNKNOWN for i in items], "IN")
        except SqlError as e:
            if e.code != sqlstate.DATATYPE_MISMATCH:
                raise
            other = next(i.type for i in items if i.type not in (a.type, T.UNKNOWN))
            raise _no_operator("=", a.type, other) from None
        a = self.coerce(a, t)
        items = [self.coerce(i, t) for i in items]
        fa = a.fn
        if all(i.const for i in items):
            values = [i.value for i in items]
            has_null = any(v is None for v in values)
            try:
                vset: Any = frozenset(v for v in values if v is not None)
            except TypeError:
                vset = [v for v in values if v is not None]

            def run_const(row: Any, ctx: Any) -> Any:
                x = fa(row, ctx)
                if x is None:
                    return None
                if x in vset:
                    return True
                return None if has_null else False

            return CExpr(run_const, T.BOOL)
        fns = [i.fn for i in items]

        def run(row: Any, ctx: Any) -> Any:
            x = fa(row, ctx)
            if x is None:
                return None
            saw_null = False
            for f in fns:
                y = f(row, ctx)
                if y is None:
                    saw_null = True
                elif x == y:
                    return True
            return None if saw_null else False

        return CExpr(run, T.BOOL)

    def _between(self, node: exp.Between) -> CExpr:
        a = self.compile(node.this)
        lo = self.compile(node.args["low"])
        hi = self.compile(node.args["high"])
        if node.args.get("symmetric"):
            # BETWEEN SYMMETRIC: (a BETWEEN lo AND hi) OR (a BETWEEN hi AND lo)
            return _bool_combine([self._between_pair(a, lo, hi).fn, self._between_pair(a, hi, lo).fn], True)
        return self._between_pair(a, lo, hi)

    def _between_pair(self, a: CExpr, lo: CExpr, hi: CExpr) -> CExpr:
        return _bool_combine([self.compare(">=", a, lo).fn, self.compare("<=", a, hi).fn], False)

    def _like(self, node: exp.Expression, ci: bool) -> CExpr:
        escape = "\\"
        inner = node
        if isinstance(node, exp.Escape):
            inner = node.this
            esc = self.compile(node.expression)
            escape = esc.value if esc.const else "\\"
            if escape is not None and len(escape) > 1:
                raise SqlError(sqlstate.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
                               hint="Escape string must be empty or one character.")
            if isinstance(inner, exp.SimilarTo):
                from sql.expr_more import _similar_to

                return _similar_to(self, inner, escape)
        a = self._to_text(self.compile(inner.this))
        b = self._to_text(self.compile(inner.expression))
        matcher = ops.LikeMatcher(ci, escape or None)
        if inner.args.get("negate") or node.args.get("negate"):
            return self._strict2(lambda x, y: not matcher(x, y), a, b, T.BOOL)
        return self._strict2(matcher, a, b, T.BOOL)

    def _regex(self, node: exp.Expression, ci: bool, negate: bool) -> CExpr:
        a = self._to_text(self.compile(node.this))
        b = self._to_text(self.compile(node.expression))
        from sql.functions_regexp import REGEX_OPERATORS

        f = REGEX_OPERATORS[("!" if negate else "") + ("~*" if ci else "~")]
        return self._strict2(f, a, b, T.BOOL)

    # conditionals ------------------------------------------------------------------------
    def _case(self, node: exp.Case) -> CExpr:
        subject = node.this
        ifs = node.args.get("ifs") or []
        default = node.args.get("default")
        results = [self.compile(i.args["true"]) for i in ifs]
        dflt = self.compile(default) if default is not None else const(None, T.UNKNOWN)
        rtype = T.common_type([r.type for r in results] + [dflt.type], "CASE")
        results = [self.coerce(r, rtype) for r in results]
        dflt = self.coerce(dflt, rtype)
        if subject is not None:
            subj = self.compile(subject)
            conds = [self.compare("=", subj, self.compile(i.this)) for i in ifs]
        else:
            conds = [self.compile_bool(i.this, "CASE") for i in ifs]
        pairs = [(c.fn, r.fn) for c, r in zip(conds, results)]
        fd = dflt.fn

        def run(row: Any, ctx: Any) -> Any:
            for c, r in pairs:
                if c(row, ctx) is True:
                    return r(row, ctx)
            return fd(row, ctx)

        return CExpr(run, rtype, name="case")

    def _coalesce(self, node: exp.Coalesce) -> CExpr:
        args = [self.compile(node.this)] + [self.compile(e) for e in node.expressions]
        return self._coalesce_list(args, "coalesce")

    def _coalesce_list(self, args: list[CExpr], name: str) -> CExpr:
        rtype = T.common_type([a.type for a in args], name.upper())
        args = [self.coerce(a, rtype) for a in args]
        fns = [a.fn for a in args]

        def run(row: Any, ctx: Any) -> Any:
            for f in fns:
                v = f(row, ctx)
                if v is not None:
                    return v
            return None

        return CExpr(run, rtype, name=name)

    def _nullif(self, node: exp.Nullif) -> CExpr:
        a = self.compile(node.this)
        b = self.compile(node.expression)
        eq = self.compare("=", a, b)
        known = [t for t in (a.type, b.type) if t != T.UNKNOWN]
        a = self.coerce(a, T.common_type(known, "NULLIF") if known else T.TEXT)
        fa, fe = a.fn, eq.fn

        def run(row: Any, ctx: Any) -> Any:
            return None if fe(row, ctx) is True else fa(row, ctx)

        return CExpr(run, a.type, name="nullif")

    def _greatest_least(self, node: exp.Expression, is_max: bool) -> CExpr:
        args = [self.compile(node.this)] + [self.compile(e) for e in node.expressions]
        rtype = T.common_type([a.type for a in args], "GREATEST" if is_max else "LEAST")
        args = [self.coerce(a, rtype) for a in args]
        fns = [a.fn for a in args]
        pick = max if is_max else min

        def run(row: Any, ctx: Any) -> Any:
            vals = [v for v in (f(row, ctx) for f in fns) if v is not None]
            return pick(vals) if vals else None

        return CExpr(run, rtype, name="greatest" if is_max else "least")

    # casts -------------------------------------------------------------------------------
    def _cast(self, node: exp.Cast) -> CExpr:
        to = node.args["to"]
        if to.this == exp.DataType.Type.USERDEFINED and getattr(to.args.get("kind"), "name", "") == "anyarray":
            inner = self.compile(node.this)  # an array as anyarray: the same value, sent as its own array type
            if T.is_array(inner.type):
                return replace(inner, name="anyarray", position=None, column=(0, 0))
        target, typmod = T.resolve_datatype(to)
        if isinstance(node.this, exp.Array) and not node.this.expressions and T.is_array(target):
            return const([], target, typmod, name="array")  # ARRAY[]::int[]: the cast gives the type
        inner = self.compile(node.this)
        untyped_param = inner.param if inner.param is not None and self.env.param_type(inner.param) == 0 else None
        out = self.coerce(inner, target, typmod, "explicit")
        name = inner.name if inner.name != "?column?" or inner.const else inner.name
        if inner.const or inner.name == "?column?":
            name = _cast_name(target)
        dom = T.domain_of(node.args["to"])
        if dom is not None and untyped_param is not None and dom.typtype == "d":
            self.env.param_domains[untyped_param] = dom.oid  # described as the domain, as PostgreSQL does
        if dom is not None:
            from sql.domains import domain_checker

            if (inner.const or untyped_param is not None) and dom.typtype == "d":
                name = dom.name
            chk = domain_checker(self.env, dom)
            if chk is not None:
                f = out.fn

                def checked(row: Any, ctx: Any) -> Any:
                    v = f(row, ctx)
                    chk(v, ctx)
                    return v

                return CExpr(checked, out.type, out.typmod, name=name)
        return replace(out, name=name, position=None, column=(0, 0))

    def _interval(self, node: exp.Interval) -> CExpr:
        from sql.dialect_literals import interval_qualifier_typmod

        text = node.this.name if node.this is not None else ""
        unit = node.args.get("unit")
        typmod = interval_qualifier_typmod(unit.name) if unit is not None else -1
        if unit is not None and typmod is None:
            text = f"{text} {unit.name}"
        value = self.env.session.text_input(T.INTERVAL, typmod or -1)(text)
        return const(value, T.INTERVAL, name="interval")

    # functions ---------------------------------------------------------------------------
    def _function(self, node: exp.Func) -> CExpr:
        if isinstance(node, exp.Anonymous) and node.name.lower() in _WINDOW_ONLY:
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE,
                           f"window function {node.name.lower()} requires an OVER clause")
        if self._is_aggregate(node):
            if self.agg is None:
                raise SqlError(sqlstate.GROUPING_ERROR, "aggregate functions are not allowed here")
            return self._aggregate(node)
        name, args = function_parts(node)
        return self.call(name, args)

    def call(self, name: str, arg_nodes: list[exp.Expression]) -> CExpr:
        special = _SPECIAL_FUNCTIONS.get(name)
        if special is not None:
            return special(self, arg_nodes)
        keyword_type_call(name)
        catalog = self.env.catalog
        if catalog is not None and catalog.functions_named(name):
            user = self._user_function(name, arg_nodes)
            if user is not None:
                return user
        if arg_nodes and isinstance(arg_nodes[-1], exp.Variadic):
            from sql.expr_variadic import variadic_call

            return variadic_call(self, name, arg_nodes)
        from sql.functions_sqlglot import positional_args

        arg_nodes = positional_args(name, arg_nodes)
        args = [self.compile(a) for a in arg_nodes]
        arg_types = [a.type if a.param is None else T.UNKNOWN for a in args]
        try:
            b, param_types = resolve_function(name, arg_types)
        except SqlError as e:
            if e.code != sqlstate.UNDEFINED_FUNCTION:
                raise
            from sql.expr_types import function_style_cast

            return function_style_cast(self, name, args, e)
        args = [self.coerce(a, t) for a, t in zip(args, param_types)]
        rtype = b.return_type([a.type for a in args])
        f = b.fn
        if getattr(f, "pg_arg_types", False):
            f = functools.partial(f, arg_types=tuple(a.type for a in args))
        fns = [a.fn for a in args]
        if b.needs_ctx:
            if b.strict:
                def run_ctx(row: Any, ctx: Any) -> Any:
                    vals = [g(row, ctx) for g in fns]
                    if None in vals:
                        return None
                    return f(ctx, *vals)
            else:
                def run_ctx(row: Any, ctx: Any) -> Any:
                    return f(ctx, *[g(row, ctx) for g in fns])
            return CExpr(run_ctx, rtype, name=name)
        if not b.volatile and all(a.const for a in args):
            vals = [a.value for a in args]
            if b.strict and any(v is None for v in vals):
                return const(None, rtype, name=name)
            return fold(lambda: f(*vals), rtype, name)
        if len(fns) == 1 and b.strict:
            g0 = fns[0]

            def run1(row: Any, ctx: Any) -> Any:
                v = g0(row, ctx)
                return None if v is None else f(v)

            return CExpr(run1, rtype, name=name)

        def run(row: Any, ctx: Any) -> Any:
            vals = [g(row, ctx) for g in fns]
            if b.strict and None in vals:
                return None
            return f(*vals)

        return CExpr(run, rtype, name=name)

    def _grouping(self, node: exp.Grouping) -> CExpr:
        agg = self.agg
        if agg is None or not agg.has_sets:
            if agg is not None:
                return const(0, T.INT4, name="grouping")
            raise SqlError(sqlstate.GROUPING_ERROR, "arguments to GROUPING must be grouping expressions of the "
                           "associated query level")
        bits = []
        n = len(agg.group_nodes)
        for arg in node.expressions:
            idx = next((i for i, g in enumerate(agg.group_nodes) if g == arg), None)
            if idx is None:
                raise SqlError(sqlstate.GROUPING_ERROR,
                               "arguments to GROUPING must be grouping expressions of the associated query level")
            bits.append(n - 1 - idx)
        mask_pos = n

        def run(row: Any, ctx: Any) -> int:
            mask = row[mask_pos]
            out = 0
            for b in bits:
                out = (out << 1) | ((mask >> b) & 1)
            return out

        return CExpr(run, T.INT4, name="grouping")

    def _user_function(self, name: str, arg_nodes: list[exp.Expression], schema: str | None = None) -> CExpr | None:
        """A LANGUAGE sql function: its body runs as a subquery whose outer row holds the arguments."""
        from sql.executor.routines import body_query, resolve_user_function
        from sql.scope import RangeEntry, ScopeColumn

        args = [self.compile(a) for a in arg_nodes]
        hit = resolve_user_function(self.env.catalog, name, [a.type if a.param is None else T.UNKNOWN
                                                             for a in args], self.env.session, schema)
        if hit is None:
            return None
        fn, param_types = hit
        from sql.plpgsql.call import check_execute, needs_runtime, runtime_call

        check_execute(self.env.session, fn)
        if fn.returns_set:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "set-returning SQL functions are not supported yet")
        args = [self.coerce(a, t) for a, t in zip(args, param_types)]
        for d, t in zip(fn.arg_defaults[len(args):], fn.arg_types[len(args):]):
            from sql.dialect import parse_expression

            args.append(self.coerce(ExprCompiler(self.env, Scope()).compile(parse_expression(d)), t))
        if needs_runtime(fn):
            return runtime_call(fn, args)
        cols = [ScopeColumn(n or f"${i + 1}", t) for i, (n, t) in enumerate(zip(fn.arg_names, fn.arg_types))]
        cols += [ScopeColumn(f"${i + 1}", t, hidden=True) for i, (n, t) in enumerate(zip(fn.arg_names, fn.arg_types))
                 if n]
        arg_scope = Scope([RangeEntry(fn.name, cols)])
        body = body_query(fn)
        if not isinstance(body, (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values)):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "only SELECT bodies of SQL functions are supported yet")
        plan, out = self.env.planner(body, arg_scope)
        if fn.return_type == T.VOID:
            conv = None
        else:
            if len(out) != 1:
                raise SqlError(sqlstate.INVALID_FUNCTION_DEFINITION,
                               "return type mismatch in function declared to return "
                               f"{T.format_type(fn.return_type)}",
                               detail="Final statement must return exactly one column.")
            conv = None if out[0].type == fn.return_type else T.cast_fn(out[0].type, fn.return_type)
        fns = [a.fn for a in args]
        run_plan = plan.rows
        strict = fn.strict
        names = fn.arg_names

        def run(row: Any, ctx: Any) -> Any:
            vals = tuple(f(row, ctx) for f in fns)
            if strict and None in vals:
                return None
            ctx.outer.append(vals + tuple(v for v, n in zip(vals, names) if n))
            try:
                first = next(iter(run_plan(ctx)), None)
            finally:
                ctx.outer.pop()
            if first is None or conv is None:
                return None if first is None or fn.return_type == T.VOID else first[0]
            return None if first[0] is None else conv(first[0])

        return CExpr(run, fn.return_type, name=fn.name)

    def _pg_typeof(self, arg_nodes: list[exp.Expression]) -> CExpr:
        if len(arg_nodes) != 1:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, "function pg_typeof() does not exist")
        a = self.compile(arg_nodes[0])
        node = arg_nodes[0]
        dom = T.domain_of(node.args["to"]) if isinstance(node, exp.Cast) else None
        return const(dom.oid if dom is not None else a.type, T.REGTYPE, name="pg_typeof")

    def _concat_fn(self, arg_nodes: list[exp.Expression]) -> CExpr:
        args = [self._to_text(self.compile(a)) for a in arg_nodes]
        fns = [a.fn for a in args]

        def run(row: Any, ctx: Any) -> str:
            return "".join(v for v in (f(row, ctx) for f in fns) if v is not None)

        return CExpr(run, T.TEXT, name="concat")

    # subqueries --------------------------------------------------------------------------
    def _plan_sub(self, select: exp.Expression) -> tuple[Any, list[Any]]:
        if self.env.planner is None:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "subqueries are not supported here")
        if self.agg is not None:  # above an Aggregate the outer row holds group values and aggregates
            from sql.scope_grouped import GroupedScope

            return self.env.planner(select, GroupedScope(self.scope, self))
        return self.env.planner(select, self.scope)

    def _subquery(self, node: exp.Subquery) -> CExpr:
        plan, cols = self._plan_sub(node.this)
        if len(cols) != 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, "subquery must return only one column")
        run_plan = plan.rows

        def run(row: Any, ctx: Any) -> Any:
            ctx.outer.append(row)
            try:
                it = iter(run_plan(ctx))
                first = next(it, None)
                if first is None:
                    return None
                if next(it, None) is not None:
                    raise SqlError(sqlstate.CARDINALITY_VIOLATION,
                                   "more than one row returned by a subquery used as an expression")
                return first[0]
            finally:
                ctx.outer.pop()

        return CExpr(run, cols[0].type, cols[0].typmod, name=cols[0].name)

    def _exists(self, node: exp.Exists) -> CExpr:
        plan, _cols = self._plan_sub(node.this)
        run_plan = plan.rows

        def run(row: Any, ctx: Any) -> bool:
            ctx.outer.append(row)
            try:
                return next(iter(run_plan(ctx)), None) is not None
            finally:
                ctx.outer.pop()

        return CExpr(run, T.BOOL, name="exists")

    def _in_subquery(self, a: CExpr, query: exp.Expression, left_node: exp.Expression | None = None) -> CExpr:
        plan, cols = self._plan_sub(query.this if isinstance(query, exp.Subquery) else query)
        if isinstance(left_node, exp.Tuple):
            return self._row_in_subquery(left_node, plan, cols)
        if len(cols) != 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, "subquery has too many columns")
        t = cols[0].type
        if a.type != t:
            ct = T.common_type([a.type, t], "IN")
            a = self.coerce(a, ct)
            conv = None if ct == t else T.cast_fn(t, ct)
        else:
            conv = None
        fa = a.fn
        run_plan = plan.rows

        def run(row: Any, ctx: Any) -> Any:
            x = fa(row, ctx)
            ctx.outer.append(row)
            try:
                saw_null = False
                for r in run_plan(ctx):
                    if x is None:
                        return None  # NULL IN (non-empty set) is NULL; IN (empty set) is false
                    y = r[0]
                    if y is None:
                        saw_null = True
                        continue
                    if conv is not None:
                        y = conv(y)
                    if x == y:
                        return True
                return None if saw_null else False
            finally:
                ctx.outer.pop()

        return CExpr(run, T.BOOL)

    def _row_in_subquery(self, left: exp.Tuple, plan: Any, cols: list[Any]) -> CExpr:
        items = [self.compile(e) for e in left.expressions]
        if len(items) != len(cols):
            few = "subquery has too many columns" if len(cols) > len(items) else "subquery has too few columns"
            raise SqlError(sqlstate.SYNTAX_ERROR, few)
        convs = []
        for i, (it, col) in enumerate(zip(items, cols)):
            t = T.common_type([it.type, col.type], "IN")
            items[i] = self.coerce(it, t)
            convs.append(None if t == col.type else T.cast_fn(col.type, t))
        fns = [it.fn for it in items]
        run_plan = plan.rows

        def run(row: Any, ctx: Any) -> Any:
            xs = [f(row, ctx) for f in fns]
            ctx.outer.append(row)
            try:
                result: bool | None = False
                for r in run_plan(ctx):
                    match: bool | None = True
                    for x, y, conv in zip(xs, r, convs):
                        if x is None or y is None:
                            match = None
                            continue
                        if conv is not None:
                            y = conv(y)
                        if x != y:
                            match = False
                            break
                    if match:
                        return True
                    if match is None:
                        result = None
                return result
            finally:
                ctx.outer.pop()

        return CExpr(run, T.BOOL)

    def _row(self, node: exp.Expression) -> CExpr:
        """ROW(a, b) / (a, b): a record value (a Python tuple)."""
        items = node.expressions
        parts = [self.compile(e) for e in items]
        parts = [self.coerce(p, T.TEXT) if p.type == T.UNKNOWN else p for p in parts]
        fns = [p.fn for p in parts]
        if any(p.type == T.VOID for p in parts):  # a void field's type cannot be told from its value
            from sql.rowvalue import NamedRow

            names, types = [f"f{i + 1}" for i in range(len(parts))], [p.type for p in parts]
            return CExpr(lambda row, ctx: NamedRow([f(row, ctx) for f in fns], names, types), T.RECORD, name="row")
        if all(p.const for p in parts):
            return const(tuple(p.value for p in parts), T.RECORD, name="row")
        return CExpr(lambda row, ctx: tuple(f(row, ctx) for f in fns), T.RECORD, name="row")


_ROW_CMP_OPS = ("=", "<>", "!=", "<", "<=", ">", ">=")


def _output_name(node: exp.Expression) -> str:
    if isinstance(node, exp.Window):
        node = node.this
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    if isinstance(node, exp.Func):
        try:
            return function_parts(node)[0]
        except Exception:
            return "?column?"
    return "?column?"


_DATETIME_PROMOTE = {T.DATE: 0, T.TIMESTAMP: 1, T.TIMESTAMPTZ: 2}
_DATETIME_OPERAND_TYPES = (T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ, T.INTERVAL, T.TIME)
# the other operand types PostgreSQL has for `known op x` (and `x op known`)
_DATETIME_CANDIDATES: dict[tuple[str, int, bool], tuple[int, ...]] = {
    ("+", T.DATE, False): (T.INT4, T.INTERVAL, T.TIME), ("-", T.DATE, False): (T.DATE, T.INT4, T.INTERVAL),
    ("+", T.DATE, True): (T.INT4, T.INTERVAL, T.TIME),
    ("+", T.TIMESTAMP, False): (T.INTERVAL,), ("-", T.TIMESTAMP, False): (T.TIMESTAMP, T.INTERVAL),
    ("+", T.TIMESTAMP, True): (T.INTERVAL,),
    ("+", T.TIMESTAMPTZ, False): (T.INTERVAL,), ("-", T.TIMESTAMPTZ, False): (T.TIMESTAMPTZ, T.INTERVAL),
    ("+", T.TIMESTAMPTZ, True): (T.INTERVAL,),
    ("+", T.INTERVAL, False): (T.INTERVAL, T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ, T.TIME),
    ("-", T.INTERVAL, False): (T.INTERVAL,), ("+", T.INTERVAL, True): (T.INTERVAL, T.DATE, T.TIMESTAMP),
    ("-", T.INTERVAL, True): (T.INTERVAL, T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ, T.TIME),
    ("-", T.DATE, True): (T.DATE,), ("-", T.TIMESTAMP, True): (T.TIMESTAMP,),
    ("-", T.TIMESTAMPTZ, True): (T.TIMESTAMPTZ,), ("-", T.TIME, True): (T.TIME,),
    ("+", T.TIME, False): (T.INTERVAL, T.DATE), ("-", T.TIME, False): (T.TIME, T.INTERVAL),
}


def _unknown_datetime_operand(op: str, known: int, unknown_left: bool) -> int:
    """PostgreSQL's choice for an unknown operand of a date/time operator: the other operand's own
    type when that operator exists, else the only candidate; several candidates -> 42725."""
    cands = _DATETIME_CANDIDATES.get((op, known, unknown_left), ())
    if known in cands:
        return known
    if len(cands) == 1:
        return cands[0]
    side = f"unknown {op} {T.type_name(known)}" if unknown_left else f"{T.type_name(known)} {op} unknown"
    raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f"operator is not unique: {side}",
                   hint="Could not choose a best candidate operator. You might need to add explicit type casts.")


def _looks_int(ce: CExpr) -> bool:
    return ce.const and isinstance(ce.value, str) and ce.value.strip().lstrip("+-").isdigit()


def _looks_interval(ce: CExpr) -> bool:
    return ce.const and isinstance(ce.value, str) and any(c.isalpha() for c in ce.value)


def _no_operator(op: str, lt: int, rt: int) -> SqlError:
    return SqlError(sqlstate.UNDEFINED_FUNCTION,
                    f"operator does not exist: {T.type_name(lt)} {op} {T.type_name(rt)}",
                    hint="No operator matches the given name and argument types. "
                         "You might need to add explicit type casts.")


def _cast_name(oid: int) -> str:
    try:
        t = dt_registry.type_by_oid(oid)
        return dt_registry.type_by_oid(t.elem_oid).name if t.is_array and t.elem_oid else t.name
    except Exception:
        user = T.user_type_name(oid)
        return user if user is not None else "?column?"


def _flatten(node: exp.Expression, cls: type) -> list[exp.Expression]:
    out: list[exp.Expression] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, cls):
            stack.append(n.expression)
            stack.append(n.this)
        else:
            out.append(n)
    return out


_FUNC_RENAMES = {
    "currenttimestamp": "now", "currentdate": "current_date", "currenttime": "current_time",
    "currentuser": "current_user",
    "sessionuser": "session_user", "currentschema": "current_schema", "currentversion": "version",
    "localtimestamp": "localtimestamp", "strposition": "strpos", "stddev": "stddev",
    "currentdatabase": "current_database", "ceil": "ceil", "pow": "power", "currentcatalog": "current_database",
}


def function_parts(node: exp.Func) -> tuple[str, list[exp.Expression]]:
    if isinstance(node, exp.Anonymous):
        return node.name.lower(), list(node.expressions)
    from sql.functions_sqlglot import pg_function_parts

    mapped = pg_function_parts(node)
    if mapped is not None:
        return mapped
    key = node.key.lower()
    name = _FUNC_RENAMES.get(key, key)
    if isinstance(node, exp.StrPosition):
        return "strpos", [node.this, node.args["substr"]]
    if isinstance(node, exp.Substring):
        args = [node.this, node.args.get("start") or exp.Literal.number(1)]
        if node.args.get("length") is not None:
            args.append(node.args["length"])
        return "substring", args
    if isinstance(node, exp.Trim):
        args = [node.this]
        if node.expression is not None:
            args.append(node.expression)
        where = (node.args.get("position") or "BOTH").upper()
        return {"LEADING": "ltrim", "TRAILING": "rtrim"}.get(where, "btrim"), args
    args: list[exp.Expression] = []
    for k in node.arg_types:
        v = node.args.get(k)
        if v is None or isinstance(v, bool):
            continue
        if isinstance(v, list):
            args.extend(v)
        elif isinstance(v, exp.Expression):
            args.append(v)
    return name, args


def _bool_combine(fns: list[Callable[[Any, Any], Any]], decisive: bool) -> CExpr:
    """Three-valued AND (decisive False) / OR (decisive True) over compiled operands, short-circuiting."""
    neutral = not decisive

    def run(row: Any, ctx: Any) -> Any:
        result: bool | None = neutral
        for f in fns:
            v = f(row, ctx)
            if v is decisive:
                return decisive
            if v is None:
                result = None
        return result

    if len(fns) == 2:
        f1, f2 = fns

        def run(row: Any, ctx: Any) -> Any:  # noqa: F811  (two operands: no loop)
            v1 = f1(row, ctx)
            if v1 is decisive:
                return decisive
            v2 = f2(row, ctx)
            if v2 is decisive:
                return decisive
            return None if v1 is None or v2 is None else neutral

    return CExpr(run, T.BOOL)


def _nulls_first(o: exp.Ordered) -> bool | None:
    sql = o.sql("postgres").upper()
    if "NULLS FIRST" in sql:
        return True
    if "NULLS LAST" in sql:
        return False
    return None


def _aggregate_parts(node: exp.Expression) -> tuple[str, list[exp.Expression], bool, bool, list[exp.Ordered]]:
    if isinstance(node, exp.Anonymous):
        args = list(node.expressions)
        order: list[exp.Ordered] = []
        distinct = False
        if args and isinstance(args[-1], exp.Order):  # agg(a, b ORDER BY c)
            o = args.pop()
            order = list(o.expressions)
            if o.this is not None:
                args.append(o.this)
        if args and isinstance(args[0], exp.Distinct):
            distinct = True
            args = list(args[0].expressions) + args[1:]
        if len(args) == 1 and isinstance(args[0], exp.Star):
            return node.name.lower(), [], False, True, order
        return node.name.lower(), args, distinct, False, order
    name = {"logicaland": "bool_and", "logicalor": "bool_or", "groupconcat": "string_agg", "arrayagg": "array_agg",
            "percentilecont": "percentile_cont", "percentiledisc": "percentile_disc", "jsonarrayagg": "json_agg",
            "jsonbarrayagg": "jsonb_agg", "jsonobjectagg": "json_object_agg", "jsonbobjectagg": "jsonb_object_agg"}.get(
        node.key.lower(), node.key.lower())
    this = node.this
    distinct = False
    order: list[exp.Ordered] = []
    if isinstance(this, exp.Order):
        order = list(this.expressions)
        this = this.this
    if isinstance(this, exp.Distinct):
        distinct = True
        items = list(this.expressions)
        if any(isinstance(i, exp.Star) for i in items):
            raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "*"')
    elif isinstance(this, exp.Star):
        return name, [], False, True, []
    else:
        items = [this] if this is not None else []
    for k in ("expression", "separator"):
        v = node.args.get(k)
        if isinstance(v, exp.Expression):
            items.append(v)
    if node.expressions and not isinstance(node, exp.Count):
        items.extend(node.expressions)
    return name, items, distinct, False, order


_WINDOW_ONLY = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
                "first_value", "last_value", "nth_value"}

_CMP_OPS: dict[type, str] = {exp.EQ: "=", exp.NEQ: "<>", exp.LT: "<", exp.LTE: "<=", exp.GT: ">",
                             exp.GTE: ">="}
_ARITH_OPS: dict[type, str] = {exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.Mod: "%",
                               exp.Pow: "^"}

_HANDLERS: dict[type, Callable[[ExprCompiler, Any], CExpr]] = {
    exp.Column: ExprCompiler._column,
    exp.Literal: ExprCompiler._literal,
    exp.Boolean: ExprCompiler._boolean,
    exp.Null: ExprCompiler._null,
    exp.Parameter: ExprCompiler._parameter,
    exp.Placeholder: ExprCompiler._parameter,
    exp.Paren: ExprCompiler._paren,
    exp.Alias: ExprCompiler._alias,
    exp.Neg: ExprCompiler._neg,
    exp.DPipe: ExprCompiler._concat,
    exp.And: ExprCompiler._and,
    exp.Or: ExprCompiler._or,
    exp.Not: ExprCompiler._not,
    exp.Is: ExprCompiler._is,
    exp.NullSafeEQ: lambda c, n: c._distinct_from(n, True),
    exp.NullSafeNEQ: lambda c, n: c._distinct_from(n, False),
    exp.In: ExprCompiler._in,
    exp.Between: ExprCompiler._between,
    exp.Like: lambda c, n: c._like(n, False),
    exp.ILike: lambda c, n: c._like(n, True),
    exp.Escape: lambda c, n: c._like(n, isinstance(n.this, exp.ILike)),
    exp.RegexpLike: lambda c, n: c._regex(n, False, False),
    exp.RegexpILike: lambda c, n: c._regex(n, True, False),
    exp.Case: ExprCompiler._case,
    exp.Coalesce: ExprCompiler._coalesce,
    exp.Nullif: ExprCompiler._nullif,
    exp.Greatest: lambda c, n: c._greatest_least(n, True),
    exp.Least: lambda c, n: c._greatest_least(n, False),
    exp.Cast: ExprCompiler._cast,
    exp.Interval: ExprCompiler._interval,
    exp.Subquery: ExprCompiler._subquery,
    exp.Exists: ExprCompiler._exists,
    exp.Grouping: ExprCompiler._grouping,
    PositionRef: ExprCompiler._position_ref,
    exp.Tuple: ExprCompiler._row,
}
for _cls in _CMP_OPS:
    _HANDLERS[_cls] = ExprCompiler._comparison
for _cls in _ARITH_OPS:
    _HANDLERS[_cls] = ExprCompiler._arith

_SPECIAL_FUNCTIONS: dict[str, Callable[[ExprCompiler, list[exp.Expression]], CExpr]] = {
    "row": lambda c, args: c._row(exp.Tuple(expressions=args)),
    "pg_typeof": ExprCompiler._pg_typeof,
    "concat": ExprCompiler._concat_fn,
    "coalesce": lambda c, args: c._coalesce_list([c.compile(a) for a in args], "coalesce"),
}


# more handlers (arrays, ANY/ALL, row comparisons, JSON operators, ...) register themselves
from sql import expr_more, expr_usertypes  # noqa: E402,F401
from sql.expr_types import keyword_type_call, type_operator  # noqa: E402
