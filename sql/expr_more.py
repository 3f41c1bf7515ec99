"""More expression forms for the compiler: arrays (ARRAY[...], ARRAY(subquery), subscripts and
slices), = ANY/ALL (arrays and subqueries), row comparisons, EXTRACT, AT TIME ZONE, COLLATE,
OPERATOR(...), SIMILAR TO, and the JSON/array operators.

Each handler takes the compiler and a sqlglot node and returns a CExpr; they are registered in
the compiler's dispatch table at import time (see the bottom of :mod:`sql.expr`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlglot import exp

from sql import operators as ops
from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.expr import _CMP_OPS, _HANDLERS, CExpr, ExprCompiler, const, fold
from sql.expr_subscript import bracket


# arrays ---------------------------------------------------------------------------------------
def _array(c: ExprCompiler, node: exp.Array) -> CExpr:
    items = node.expressions
    if len(items) == 1 and isinstance(items[0], (exp.Select, exp.Subquery, exp.Union)):
        return _array_subquery(c, items[0])
    elems = [c.compile(e) for e in items]
    if not elems:
        raise SqlError(sqlstate.INDETERMINATE_DATATYPE, "cannot determine type of empty array",
                       hint="Explicitly cast to the desired type, for example ARRAY[]::integer[].")
    nested = all(T.is_array(e.type) or e.type == T.UNKNOWN for e in elems) and any(T.is_array(e.type) for e in elems)
    types = [e.type for e in elems]
    et = T.common_type(types, "ARRAY")
    elems = [c.coerce(e, et) for e in elems]
    at = et if nested else T.array_type(et)
    if not at:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f"could not find array type for data type {T.type_name(et)}")
    fns = [e.fn for e in elems]
    build = _nest_subarrays if nested else list
    if all(e.const for e in elems):
        values = [e.value for e in elems]
        return fold(lambda: build(values), at, name="array")
    return CExpr(lambda row, ctx: build([f(row, ctx) for f in fns]), at, name="array")


def _nest_subarrays(subs: list[Any]) -> list[Any]:
    """ARRAY[ARRAY[..], ARRAY[..]]: the sub-arrays must all have the same dimensions."""
    from sql.datatypes.arrays import array_dims

    shapes = {tuple(array_dims(s)) if s is not None else None for s in subs}
    if len(shapes) != 1 or None in shapes:
        raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR,
                       "multidimensional arrays must have array expressions with matching dimensions")
    if shapes == {()}:
        return []
    return [list(s) for s in subs]


def _array_subquery(c: ExprCompiler, q: exp.Expression) -> CExpr:
    plan, cols = c._plan_sub(q.this if isinstance(q, exp.Subquery) else q)
    if len(cols) != 1:
        raise SqlError(sqlstate.SYNTAX_ERROR, "subquery must return only one column")
    at = cols[0].type if T.is_array(cols[0].type) else T.array_type(cols[0].type)
    run_plan = plan.rows

    def run(row: Any, ctx: Any) -> list[Any]:
        ctx.outer.append(row)
        try:
            return [r[0] for r in run_plan(ctx)]
        finally:
            ctx.outer.pop()

    return CExpr(run, at, name="array")


# ANY / ALL ------------------------------------------------------------------------------------
def _quantified(c: ExprCompiler, node: exp.Binary) -> CExpr | None:
    right = node.expression
    is_all = False
    inner: exp.Expression | None = None
    if isinstance(right, exp.Any):
        inner = right.this
    elif isinstance(right, exp.All):
        inner, is_all = right.this, True
    elif isinstance(right, exp.Anonymous) and right.name.upper() in ("ALL", "ANY", "SOME") and \
            len(right.expressions) == 1:
        inner, is_all = right.expressions[0], right.name.upper() == "ALL"
    if inner is None:
        return None
    op = _CMP_OPS[type(node)]
    left = c.compile(node.this)
    while isinstance(inner, exp.Paren):
        inner = inner.this
    if isinstance(inner, (exp.Subquery, exp.Select, exp.Union, exp.Intersect, exp.Except)):
        plan, cols = c._plan_sub(inner.this if isinstance(inner, exp.Subquery) else inner)
        if len(cols) != 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, "subquery has too many columns")
        elem_type = cols[0].type
        run_plan = plan.rows

        def values(row: Any, ctx: Any) -> Any:
            ctx.outer.append(row)
            try:
                return [r[0] for r in run_plan(ctx)]
            finally:
                ctx.outer.pop()
        source_fn: Callable[[Any, Any], Any] = values
    else:
        arr = c.compile(inner)
        if arr.type == T.UNKNOWN or arr.param is not None:
            at = T.array_type(left.type if left.type != T.UNKNOWN else T.TEXT)
            arr = c.coerce(arr, at)
        if not T.is_array(arr.type):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side")
        elem_type = T.element_type(arr.type)
        source_fn = arr.fn
    lf = left.fn
    if left.type != elem_type:
        try:
            t = T.common_type([left.type, elem_type], "ANY")
        except SqlError as e:
            if e.code != sqlstate.DATATYPE_MISMATCH:
                raise
            raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                           f"operator does not exist: {T.type_name(left.type)} {op} {T.type_name(elem_type)}",
                           hint="No operator matches the given name and argument types. "
                                "You might need to add explicit type casts.") from None
        lc = c.coerce(left, t)
        lf = lc.fn
        conv = T.cast_fn(elem_type, t) if t != elem_type else None
    else:
        conv = None
        t = elem_type
    base_cmp = _scalar_compare(op, t)

    test = base_cmp if conv is None else (lambda x, y: base_cmp(x, conv(y)))

    def run(row: Any, ctx: Any) -> Any:
        return _any_all(lf(row, ctx), source_fn(row, ctx), test, is_all)

    return CExpr(run, T.BOOL)


def _like_or_quantified(c: ExprCompiler, node: exp.Expression, ci: bool) -> CExpr:
    """x [NOT] LIKE/ILIKE ANY|ALL (array): the LIKE test against each element, three-valued."""
    inner = node.this if isinstance(node, exp.Escape) else node
    right = inner.expression
    if not isinstance(right, (exp.Any, exp.All)):
        return c._like(node, ci)
    is_all = isinstance(right, exp.All)
    arr_node = right.this
    while isinstance(arr_node, exp.Paren):
        arr_node = arr_node.this
    left = c._to_text(c.compile(inner.this))
    arr = c.compile(arr_node)
    if arr.type == T.UNKNOWN or arr.param is not None:
        arr = c.coerce(arr, T.array_type(T.TEXT))
    if not T.is_array(arr.type):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side")
    escape = "\\"
    if isinstance(node, exp.Escape):
        esc = c.compile(node.expression)
        escape = esc.value if esc.const else "\\"
    matcher = ops.LikeMatcher(ci, escape or None)
    negate = bool(inner.args.get("negate") or node.args.get("negate"))
    lf, af = left.fn, arr.fn

    def run(row: Any, ctx: Any) -> Any:
        return _any_all(lf(row, ctx), af(row, ctx), lambda x, y: matcher(x, y) != negate, is_all)

    return CExpr(run, T.BOOL)


def _any_all(x: Any, items: Any, test: Any, is_all: bool) -> Any:
    """x op ANY|ALL (items), three-valued: ``test(x, y)`` compares with one non-null element."""
    if items is None:
        return None
    if x is None:
        return None if items else is_all
    saw_null = False
    for y in _flatten_array(items):
        if y is None:
            saw_null = True
            continue
        if bool(test(x, y)) != is_all:
            return not is_all
    return None if saw_null else is_all


def _flatten_array(items: Any) -> Any:
    for v in items:
        if isinstance(v, list):
            yield from _flatten_array(v)
        else:
            yield v


def _scalar_compare(op: str, t: int) -> Callable[[Any, Any], bool]:
    if t in (T.FLOAT4, T.FLOAT8):
        return ops.float_compare(op)
    if t == T.BPCHAR:
        return ops.bpchar_compare(op)
    return ops.COMPARE[op]


def _explicit_collation(node: exp.Expression) -> str | None:
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Collate):
        coll = node.expression
        return coll.name if isinstance(coll, exp.Expression) else str(coll)
    return None


def _comparison_or_quantified(c: ExprCompiler, node: exp.Binary) -> CExpr:
    left_coll, right_coll = _explicit_collation(node.this), _explicit_collation(node.expression)
    if left_coll is not None and right_coll is not None and left_coll != right_coll:
        raise SqlError(sqlstate.COLLATION_MISMATCH,
                       f'collation mismatch between explicit collations "{left_coll}" and "{right_coll}"')
    q = _quantified(c, node)
    if q is not None:
        return q
    if isinstance(node.this, exp.Tuple) and isinstance(node.expression, exp.Tuple):
        return _row_compare(c, _CMP_OPS[type(node)], node.this, node.expression)
    if isinstance(node.this, exp.Tuple) and isinstance(node.expression, exp.Subquery) and _CMP_OPS[type(node)] == "=":
        return _row_equals_subquery(c, node.this, node.expression)
    return c._comparison(node)


def single_row(run_plan: Any, row: Any, ctx: Any) -> Any:
    """The one row a subquery gives for this outer row (None if none; 21000 if more than one)."""
    ctx.outer.append(row)
    try:
        it = iter(run_plan(ctx))
        first = next(it, None)
        if first is not None and next(it, None) is not None:
            raise SqlError(sqlstate.CARDINALITY_VIOLATION,
                           "more than one row returned by a subquery used as an expression")
    finally:
        ctx.outer.pop()
    return first


def _row_equals_subquery(c: ExprCompiler, left: exp.Tuple, sub: exp.Subquery) -> CExpr:
    """(a, b) = (SELECT x, y ...): the subquery must return at most one row (21000 otherwise)."""
    inner = c._in_subquery(const(None, T.RECORD), sub, left)
    plan, _cols = c._plan_sub(sub.this)
    run_plan = plan.rows
    f = inner.fn

    def run(row: Any, ctx: Any) -> Any:
        if single_row(run_plan, row, ctx) is None:
            return None
        return f(row, ctx)

    return CExpr(run, T.BOOL)


def _row_compare(c: ExprCompiler, op: str, a: exp.Tuple, b: exp.Tuple) -> CExpr:
    la, lb = a.expressions, b.expressions
    if len(la) != len(lb):
        raise SqlError(sqlstate.SYNTAX_ERROR, "unequal number of entries in row expressions")
    eqs = [c.compare("=", c.compile(x), c.compile(y)) for x, y in zip(la, lb)]
    if op in ("=", "<>"):
        fns = [e.fn for e in eqs]

        def run_eq(row: Any, ctx: Any) -> Any:
            result: bool | None = True
            for f in fns:
                v = f(row, ctx)
                if v is False:
                    return op == "<>"
                if v is None:
                    result = None
            if result is None:
                return None
            return op == "="

        return CExpr(run_eq, T.BOOL)
    strict = op.rstrip("=")
    lts = [c.compare(strict, c.compile(x), c.compile(y)).fn for x, y in zip(la, lb)]
    eq_fns = [e.fn for e in eqs]
    last = c.compare(op, c.compile(la[-1]), c.compile(lb[-1])).fn

    def run(row: Any, ctx: Any) -> Any:
        for i in range(len(lts) - 1):
            e = eq_fns[i](row, ctx)
            if e is None:
                return None
            if not e:
                return lts[i](row, ctx)
        return last(row, ctx)

    return CExpr(run, T.BOOL)


def _in_tuple(c: ExprCompiler, node: exp.In) -> CExpr:
    items = node.expressions
    if len(items) == 1 and isinstance(items[0], exp.Values) and node.args.get("query") is None:
        # x IN (VALUES ...) is x IN (subquery)
        node = exp.In(this=node.this.copy(), query=exp.Subquery(this=items[0].copy()))
    if not isinstance(node.this, exp.Tuple) or node.args.get("query") is not None:
        return c._in(node)
    parts = [_row_compare(c, "=", node.this, e if isinstance(e, exp.Tuple) else exp.Tuple(expressions=[e]))
             for e in node.expressions]
    fns = [p.fn for p in parts]

    def run(row: Any, ctx: Any) -> Any:
        saw_null = False
        for f in fns:
            v = f(row, ctx)
            if v is True:
                return True
            if v is None:
                saw_null = True
        return None if saw_null else False

    return CExpr(run, T.BOOL)


# date/time forms ------------------------------------------------------------------------------
def _extract(c: ExprCompiler, node: exp.Extract) -> CExpr:
    field = node.this.name if isinstance(node.this, exp.Expression) else str(node.this)
    return c.call("extract", [exp.Literal.string(field.lower()), node.expression])


def _at_time_zone(c: ExprCompiler, node: exp.AtTimeZone) -> CExpr:
    return c.call("timezone", [node.args["zone"], node.this])


def _timestamp_trunc(c: ExprCompiler, node: exp.Expression) -> CExpr:
    unit = node.args.get("unit")
    unit_node = exp.Literal.string(unit.name.lower()) if isinstance(unit, exp.Var) else unit
    args = [unit_node, node.this]
    if node.args.get("zone") is not None:
        args.append(node.args["zone"])
    return c.call("date_trunc", args)


def _collate(c: ExprCompiler, node: exp.Collate) -> CExpr:
    coll = node.expression.name if isinstance(node.expression, exp.Expression) else str(node.expression)
    if coll.lower().replace("pg_catalog.", "") not in ("c", "posix", "default", "ucs_basic", "c.utf-8",
                                                       "c.utf8", "und-x-icu"):
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'collation "{coll}" for encoding "UTF8" does not exist')
    return c.compile(node.this)


_OPERATOR_MAP = {"~": "regex", "~*": "iregex", "!~": "nregex", "!~*": "niregex", "~~": "like", "~~*": "ilike",
                 "!~~": "nlike", "!~~*": "nilike", "=": "=", "<>": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">=",
                 "+": "+", "-": "-", "*": "*", "/": "/", "||": "||"}


def _operator(c: ExprCompiler, node: exp.Operator) -> CExpr:
    opname = str(node.args.get("operator") or "").split(".")[-1].strip()
    kind = _OPERATOR_MAP.get(opname)
    left, right = node.this, node.expression
    if kind is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"operator does not exist: {opname}")
    if kind in ("regex", "iregex", "nregex", "niregex"):
        return c._regex(exp.RegexpLike(this=left, expression=right), kind in ("iregex", "niregex"),
                        kind.startswith("n"))
    if kind in ("like", "ilike", "nlike", "nilike"):
        cls = exp.ILike if "ilike" in kind else exp.Like
        out = c._like(cls(this=left, expression=right), "ilike" in kind)
        return c._strict1(lambda v: not v, out, T.BOOL) if kind.startswith("n") else out
    if kind in ("=", "<>", "<", ">", "<=", ">="):
        return c.compare(kind, c.compile(left), c.compile(right))
    if kind == "||":
        return c._concat(exp.DPipe(this=left, expression=right))
    return c.arith(kind, c.compile(left), c.compile(right))


def _similar_to(c: ExprCompiler, node: exp.SimilarTo, escape: str | None = "\\") -> CExpr:
    from sql.functions_regexp import similar_to

    a = c._to_text(c.compile(node.this))
    b = c._to_text(c.compile(node.expression))
    esc = escape or None
    return c._strict2(lambda x, p: similar_to(x, p, esc), a, b, T.BOOL)


# JSON and array operators ---------------------------------------------------------------------
_JSON_NODE_OPS: dict[type, str] = {
    exp.JSONExtract: "->", exp.JSONExtractScalar: "->>", exp.JSONBExtract: "#>", exp.JSONBExtractScalar: "#>>",
    exp.JSONBContainsTopKey: "?", exp.JSONBContainsAnyTopKeys: "?|", exp.JSONBContainsAllTopKeys: "?&",
    exp.ArrayContainsAll: "@>", exp.ArrayContainedBy: "<@", exp.ArrayOverlaps: "&&",
    exp.JSONBPathExists: "@?", exp.JSONBDeleteAtPath: "#-",
}


def _json_path_arg(node: exp.Expression) -> exp.Expression:
    """sqlglot turns `j -> 'a'` into a JSONPath; give back the plain key/index literal."""
    if isinstance(node, exp.JSONPath):
        parts = node.expressions
        last = parts[-1] if parts else None
        if isinstance(last, exp.JSONPathKey):
            key = last.this
            return exp.Literal.string(key) if isinstance(key, str) else key
        if isinstance(last, exp.JSONPathSubscript):
            v = last.this
            return exp.Literal.number(v) if isinstance(v, int) else v
    return node


def _json_like(c: ExprCompiler, node: exp.Binary) -> CExpr:
    op = _JSON_NODE_OPS[type(node)]
    left = c.compile(node.this)
    right_node = _json_path_arg(node.expression)
    right = c.compile(right_node)
    if op == "->" and isinstance(right_node, exp.Literal) and not right_node.is_string:
        right = const(int(right_node.this), T.INT4)
    return _json_operator(c, op, left, right)


def _operator_tables() -> tuple[dict[Any, Any], dict[Any, Any]]:
    try:
        from sql.functions_json import JSON_OPERATORS
    except ImportError:  # pragma: no cover - the function library is optional at import time
        JSON_OPERATORS = {}
    try:
        from sql.functions_array import ARRAY_OPERATORS
    except ImportError:  # pragma: no cover
        ARRAY_OPERATORS = {}
    return JSON_OPERATORS, ARRAY_OPERATORS


def _json_operator(c: ExprCompiler, op: str, left: CExpr, right: CExpr) -> CExpr:
    """Binary JSON/jsonb and array operators (`->`, `@>`, `||`, `&&`, ...) from the function
    library's operator tables; array entries are polymorphic (anyarray/anyelement)."""
    typed = type_operator(c, op, left, right)
    if typed is not None:
        return typed
    json_ops, array_ops = _operator_tables()
    lt, rt = left.type, right.type
    if T.is_array(lt) or (T.is_array(rt) and lt not in (T.JSONB, T.JSON)):
        return _array_operator(c, op, left, right, array_ops)
    if lt == T.UNKNOWN:
        left = c.coerce(left, rt if rt != T.UNKNOWN else T.JSONB)
        lt = left.type
    candidates = [(k, v) for k, v in json_ops.items() if k[0] == op and k[1] == lt]
    candidates.sort(key=lambda kv: kv[0][2] != T.TEXT)  # an unknown right operand prefers text, as in PG
    chosen = next(((k, v) for k, v in candidates if k[2] == rt), None)
    if chosen is None:
        for k, v in candidates:
            if rt == T.UNKNOWN or right.param is not None or T.implicit_castable(rt, k[2]):
                chosen = (k, v)
                break
    if chosen is None:
        raise _no_such_operator(op, lt, rt)
    (_op, _lt, want), (fn, result_type) = chosen[0], chosen[1][:2]
    right = c.coerce(right, want)
    return c._strict2(fn, left, right, result_type if result_type else lt)


def _no_such_operator(op: str, lt: int, rt: int) -> SqlError:
    return SqlError(sqlstate.UNDEFINED_FUNCTION, f"operator does not exist: {T.type_name(lt)} {op} {T.type_name(rt)}",
                    hint="No operator matches the given name and argument types. "
                         "You might need to add explicit type casts.")


def _array_operator(c: ExprCompiler, op: str, left: CExpr, right: CExpr, table: dict[Any, Any]) -> CExpr:
    lt, rt = left.type, right.type
    array_t = lt if T.is_array(lt) else rt
    elem_t = T.element_type(array_t)
    for (o, kl, kr), value in table.items():
        if o != op:
            continue
        fn, result, strict = value[0], value[1], value[2] if len(value) > 2 else True
        want_l = array_t if kl == T.ANYARRAY else elem_t if kl == T.ANYELEMENT else kl
        want_r = array_t if kr == T.ANYARRAY else elem_t if kr == T.ANYELEMENT else kr
        ok_l = lt == want_l or lt == T.UNKNOWN or left.param is not None or T.implicit_castable(lt, want_l)
        ok_r = rt == want_r or rt == T.UNKNOWN or right.param is not None or T.implicit_castable(rt, want_r)
        if kl == T.ANYARRAY and not T.is_array(lt) and lt != T.UNKNOWN:
            continue
        if kr == T.ANYARRAY and not T.is_array(rt) and rt != T.UNKNOWN:
            continue
        if not (ok_l and ok_r):
            continue
        left2, right2 = c.coerce(left, want_l), c.coerce(right, want_r)
        rtype = array_t if result == T.ANYARRAY else elem_t if result == T.ANYELEMENT else result
        if strict:
            return c._strict2(fn, left2, right2, rtype)
        return CExpr(lambda row, ctx, f=fn, a=left2.fn, b=right2.fn: f(a(row, ctx), b(row, ctx)), rtype)
    raise _no_such_operator(op, lt, rt)


# string literal forms ------------------------------------------------------------------------
def _plain_string(c: ExprCompiler, node: exp.Expression) -> CExpr:
    """E'...' (sqlglot's ByteString, escapes already processed) and $$...$$ (RawString)."""
    return const(node.this, T.UNKNOWN)


def _unicode_string(c: ExprCompiler, node: exp.UnicodeString) -> CExpr:
    """U&'d\\0061t' with \\XXXX and \\+XXXXXX escapes (UESCAPE not supported)."""
    if node.args.get("escape"):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "UESCAPE is not supported")
    text = node.this
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if text.startswith("\\\\", i):
                out.append("\\")
                i += 2
                continue
            digits = 6 if text.startswith("+", i + 1) else 4
            start = i + (2 if digits == 6 else 1)
            hexpart = text[start:start + digits]
            if len(hexpart) != digits or any(h not in "0123456789abcdefABCDEF" for h in hexpart):
                raise SqlError(sqlstate.SYNTAX_ERROR, "invalid Unicode escape",
                               hint="Unicode escapes must be \\XXXX or \\+XXXXXX.")
            out.append(chr(int(hexpart, 16)))
            i = start + digits
            continue
        out.append(ch)
        i += 1
    return const("".join(out), T.UNKNOWN)


from sql.expr_types import prefix_type_operator, type_operator  # noqa: E402
from sql.type_operators import OPERATOR_TYPES  # noqa: E402


# integer bitwise operators ---------------------------------------------------------------------
def _bitwise(c: ExprCompiler, node: exp.Expression) -> CExpr:
    import operator as pyop

    if isinstance(node, exp.BitwiseNot):
        a = c.compile(node.this)
        if a.type in OPERATOR_TYPES:
            return prefix_type_operator(c, "~", a)
        if a.type == T.UNKNOWN:
            a = c.coerce(a, T.INT4)
        if a.type not in T.INT_TYPES:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"operator does not exist: ~ {T.type_name(a.type)}")
        return c._strict1(lambda v: ~v, a, a.type)
    sym, fn = {exp.BitwiseAnd: ("&", pyop.and_), exp.BitwiseOr: ("|", pyop.or_), exp.BitwiseXor: ("#", pyop.xor),
               exp.BitwiseLeftShift: ("<<", None), exp.BitwiseRightShift: (">>", None)}[type(node)]
    a, b = c.compile(node.this), c.compile(node.expression)
    typed = type_operator(c, sym, a, b)
    if typed is not None:
        return typed
    if sym in ("<<", ">>"):
        if a.type == T.UNKNOWN:
            a = c.coerce(a, T.INT4)
        b = c.coerce(b, T.INT4)
        if a.type not in T.INT_TYPES:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                           f"operator does not exist: {T.type_name(a.type)} {sym} {T.type_name(b.type)}")
        bits = {T.INT2: 16, T.INT4: 32, T.INT8: 64}[a.type]
        mask = (1 << bits) - 1

        def shift(x: int, n: int, left: bool = sym == "<<") -> int:
            n %= bits
            r = (x << n) & mask if left else x >> n
            return r - (1 << bits) if r >= 1 << (bits - 1) else r

        return c._strict2(shift, a, b, a.type)
    a, b, t = c._unify(a, b)
    if t not in T.INT_TYPES:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                       f"operator does not exist: {T.type_name(a.type)} {sym} {T.type_name(b.type)}")
    return c._strict2(fn, a, b, t)


for _cls in (exp.BitwiseAnd, exp.BitwiseOr, exp.BitwiseXor, exp.BitwiseNot, exp.BitwiseLeftShift,
             exp.BitwiseRightShift):
    _HANDLERS[_cls] = _bitwise

for _cls in _CMP_OPS:
    _HANDLERS[_cls] = _comparison_or_quantified
_HANDLERS.update({
    exp.Array: _array,
    exp.Bracket: bracket,
    exp.In: _in_tuple,
    exp.Extract: _extract,
    exp.AtTimeZone: _at_time_zone,
    exp.TimestampTrunc: _timestamp_trunc,
    exp.DateTrunc: _timestamp_trunc,
    exp.Collate: _collate,
    exp.Operator: _operator,
    exp.SimilarTo: _similar_to,
    exp.ByteString: _plain_string,
    exp.RawString: _plain_string,
    exp.UnicodeString: _unicode_string,
})
for _cls in _JSON_NODE_OPS:
    _HANDLERS[_cls] = _json_like
_HANDLERS[exp.Like] = lambda c, n: _like_or_quantified(c, n, False)
_HANDLERS[exp.ILike] = lambda c, n: _like_or_quantified(c, n, True)
_HANDLERS[exp.Escape] = lambda c, n: _like_or_quantified(c, n, isinstance(n.this, exp.ILike))
# sqlglot reads `a @@ b` as MySQL's MATCH ... AGAINST with the operands swapped
_HANDLERS[exp.MatchAgainst] = lambda c, n: _json_operator(c, "@@", c.compile(n.expressions[0]), c.compile(n.this))
