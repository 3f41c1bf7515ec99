"""Evaluation of a parsed jsonpath against a JSON value (PostgreSQL 15 semantics).

Values are plain parsed JSON (dict / list / str / int / Decimal / bool / None for JSON null).
``evaluate`` returns the result sequence as a list. Lax mode unwraps arrays for member accessors,
filters, methods and operands, wraps non-arrays for subscripts and ignores structural errors;
strict mode raises them. Predicates are three-valued (True / False / None for unknown): errors
inside a predicate make it unknown instead of failing the query.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from sql import sqlstate
from sql.datatypes.jsonb import key_sort_key
from sql.errors import SqlError

from . import ast as A


class JsonPathItemError(SqlError):
    """An error the jsonpath functions' ``silent`` flag (and predicates) suppress."""


def _err(code: str, msg: str) -> JsonPathItemError:
    return JsonPathItemError(code, msg)


def is_number(v: Any) -> bool:
    return isinstance(v, (int, Decimal, float)) and not isinstance(v, bool)


def _dec(v: Any) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(v)


def type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "number"


def _ordered_items(d: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(d.items(), key=lambda kv: key_sort_key(kv[0]))


class Evaluator:
    def __init__(self, root: Any, variables: dict[str, Any], lax: bool) -> None:
        self.root = root
        self.vars = variables
        self.lax = lax
        self.last: int | None = None

    # ---- sequences ------------------------------------------------------------------------------
    def seq(self, node: Any, cur: Any) -> list[Any]:
        if isinstance(node, A.Chain):
            items = self.primary(node.primary, cur)
            for acc in node.accessors:
                out: list[Any] = []
                for item in items:
                    self.accessor(acc, item, cur, out)
                items = out
            return items
        if isinstance(node, A.Binary):
            return [self.arith(node, cur)]
        if isinstance(node, A.Unary):
            out = []
            for v in self.unwrapped(node.operand, cur):
                if not is_number(v):
                    raise _err(sqlstate.SQL_JSON_NUMBER_NOT_FOUND,
                               f"operand of unary jsonpath operator {node.op} is not a numeric value")
                out.append(-v if node.op == "-" else v)
            return out
        if isinstance(node, A.PREDICATES):
            return [self.pred(node, cur)]
        return self.primary(node, cur)

    def unwrapped(self, node: Any, cur: Any) -> list[Any]:
        """The node's sequence with arrays unwrapped one level in lax mode (for operands)."""
        items = self.seq(node, cur)
        if not self.lax:
            return items
        out: list[Any] = []
        for v in items:
            if isinstance(v, list):
                out.extend(v)
            else:
                out.append(v)
        return out

    def primary(self, node: Any, cur: Any) -> list[Any]:
        if isinstance(node, A.Root):
            return [self.root]
        if isinstance(node, A.Current):
            return [cur]
        if isinstance(node, A.Literal):
            return [node.value]
        if isinstance(node, A.Variable):
            return [self.variable(node.name)]
        if isinstance(node, A.Last):
            if self.last is None:
                raise _err(sqlstate.SYNTAX_ERROR, "evaluating jsonpath LAST outside of array subscript")
            return [self.last]
        return self.seq(node, cur)

    def variable(self, name: str) -> Any:
        if name not in self.vars:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'could not find jsonpath variable "{name}"')
        return self.vars[name]

    # ---- accessors ------------------------------------------------------------------------------
    def accessor(self, acc: Any, item: Any, cur: Any, out: list[Any]) -> None:
        if isinstance(acc, A.Member):
            self.member(acc.key, item, out, True)
        elif isinstance(acc, A.MemberWildcard):
            self.member_wildcard(item, out, True)
        elif isinstance(acc, A.ArrayWildcard):
            if isinstance(item, list):
                out.extend(item)
            elif self.lax:
                out.append(item)
            else:
                raise _err(sqlstate.SQL_JSON_ARRAY_NOT_FOUND,
                           "jsonpath wildcard array accessor can only be applied to an array")
        elif isinstance(acc, A.Subscripts):
            self.subscripts(acc, item, cur, out)
        elif isinstance(acc, A.AnyPath):
            self.any_path(item, 0, acc.lo, acc.hi, out)
        elif isinstance(acc, A.Method):
            self.method(acc, item, out)
        elif isinstance(acc, A.Filter):
            targets = item if self.lax and isinstance(item, list) else [item]
            for x in targets:
                if self.pred(acc.pred, x) is True:
                    out.append(x)

    def member(self, key: str, item: Any, out: list[Any], unwrap: bool) -> None:
        if isinstance(item, dict):
            if key in item:
                out.append(item[key])
            elif not self.lax:
                raise _err(sqlstate.SQL_JSON_MEMBER_NOT_FOUND, f'JSON object does not contain key "{key}"')
        elif self.lax and unwrap and isinstance(item, list):
            for x in item:
                self.member(key, x, out, False)
        elif not self.lax:
            raise _err(sqlstate.SQL_JSON_MEMBER_NOT_FOUND, "jsonpath member accessor can only be applied to an object")

    def member_wildcard(self, item: Any, out: list[Any], unwrap: bool) -> None:
        if isinstance(item, dict):
            out.extend(v for _k, v in _ordered_items(item))
        elif self.lax and unwrap and isinstance(item, list):
            for x in item:
                self.member_wildcard(x, out, False)
        elif not self.lax:
            raise _err(sqlstate.SQL_JSON_OBJECT_NOT_FOUND,
                       "jsonpath wildcard member accessor can only be applied to an object")

    def subscripts(self, acc: A.Subscripts, item: Any, cur: Any, out: list[Any]) -> None:
        if isinstance(item, list):
            arr = item
        elif self.lax:
            arr = [item]
        else:
            raise _err(sqlstate.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath array accessor can only be applied to an array")
        size = len(arr)
        saved = self.last
        self.last = size - 1
        try:
            for lo_node, hi_node in acc.items:
                lo = self.index(lo_node, cur)
                hi = self.index(hi_node, cur) if hi_node is not None else lo
                if not self.lax and (lo < 0 or lo > hi or hi >= size):
                    raise _err(sqlstate.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of bounds")
                out.extend(arr[max(lo, 0):min(hi, size - 1) + 1])
        finally:
            self.last = saved

    def index(self, node: Any, cur: Any) -> int:
        vals = self.unwrapped(node, cur)
        if len(vals) != 1 or not is_number(vals[0]):
            raise _err(sqlstate.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is not a single numeric value")
        v = vals[0]
        return int(v) if isinstance(v, int) else int(_dec(v).to_integral_value(rounding="ROUND_DOWN"))

    def any_path(self, item: Any, level: int, lo: int, hi: int, out: list[Any]) -> None:
        if level >= lo and (hi < 0 or level <= hi):
            out.append(item)
        if hi >= 0 and level >= hi:
            return
        if isinstance(item, dict):
            for _k, v in _ordered_items(item):
                self.any_path(v, level + 1, lo, hi, out)
        elif isinstance(item, list):
            for v in item:
                self.any_path(v, level + 1, lo, hi, out)

    # ---- methods --------------------------------------------------------------------------------
    def method(self, m: A.Method, item: Any, out: list[Any]) -> None:
        name = m.name
        if name == "type":
            out.append(type_name(item))
            return
        if name == "size":
            if isinstance(item, list):
                out.append(len(item))
            elif self.lax:
                out.append(1)
            else:
                raise _err(sqlstate.SQL_JSON_ARRAY_NOT_FOUND,
                           "jsonpath item method .size() can only be applied to an array")
            return
        if self.lax and isinstance(item, list):
            for x in item:
                self.method(m, x, out)
            return
        fn = _METHODS.get(name)
        if fn is None:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"jsonpath item method .{name}() is not supported")
        out.extend(fn(item))

    # ---- arithmetic -----------------------------------------------------------------------------
    def arith(self, node: A.Binary, cur: Any) -> Any:
        left = self.unwrapped(node.left, cur)
        if len(left) != 1 or not is_number(left[0]):
            raise _err(sqlstate.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                       f"left operand of jsonpath operator {node.op} is not a single numeric value")
        right = self.unwrapped(node.right, cur)
        if len(right) != 1 or not is_number(right[0]):
            raise _err(sqlstate.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                       f"right operand of jsonpath operator {node.op} is not a single numeric value")
        a, b = left[0], right[0]
        if node.op in ("/", "%"):
            from sql.operators import numeric_div, numeric_mod

            if b == 0:
                raise _err(sqlstate.DIVISION_BY_ZERO, "division by zero")
            return (numeric_div if node.op == "/" else numeric_mod)(_dec(a), _dec(b))
        if isinstance(a, int) and isinstance(b, int):
            return a + b if node.op == "+" else a - b if node.op == "-" else a * b
        a, b = _dec(a), _dec(b)
        return a + b if node.op == "+" else a - b if node.op == "-" else a * b

    # ---- predicates -----------------------------------------------------------------------------
    def pred(self, node: Any, cur: Any) -> bool | None:
        if isinstance(node, A.BoolOp):
            left = self.pred(node.left, cur)
            if node.op == "&&":
                if left is False:
                    return False
                right = self.pred(node.right, cur)
                return False if right is False else (None if left is None or right is None else True)
            if left is True:
                return True
            right = self.pred(node.right, cur)
            return True if right is True else (None if left is None or right is None else False)
        if isinstance(node, A.Not):
            v = self.pred(node.operand, cur)
            return None if v is None else not v
        if isinstance(node, A.IsUnknown):
            return self.pred(node.operand, cur) is None
        if isinstance(node, A.Exists):
            try:
                return bool(self.seq(node.operand, cur))
            except JsonPathItemError:
                return None
        if isinstance(node, A.Compare):
            return self.predicate_over(node.left, node.right, cur, lambda x, y: compare_items(node.op, x, y))
        if isinstance(node, A.StartsWith):
            prefix = node.prefix.value if isinstance(node.prefix, A.Literal) else self.variable(node.prefix.name)
            return self.predicate_over(node.operand, None, cur, lambda x, _y: _starts_with(x, prefix))
        if isinstance(node, A.LikeRegex):
            rx = node.regex
            return self.predicate_over(node.operand, None, cur,
                                       lambda x, _y: None if not isinstance(x, str) else rx.search(x) is not None)
        # a plain expression used as a predicate: its single boolean value
        vals = self.seq(node, cur)
        return vals[0] if len(vals) == 1 and (vals[0] is None or isinstance(vals[0], bool)) else None

    def predicate_over(self, left: Any, right: Any, cur: Any, test: Callable[[Any, Any], bool | None]) -> bool | None:
        try:
            xs = self.unwrapped(left, cur)
            ys = self.unwrapped(right, cur) if right is not None else [None]
        except JsonPathItemError:
            return None
        found = error = False
        for x in xs:
            for y in ys:
                r = test(x, y)
                if r is None:
                    if not self.lax:
                        return None
                    error = True
                elif r:
                    if self.lax:
                        return True
                    found = True
        return True if found else None if error else False

    def run(self, path: A.JsonPath) -> list[Any]:
        expr = path.expr
        if isinstance(expr, A.PREDICATES):
            return [self.pred(expr, self.root)]
        return self.seq(expr, self.root)


def _starts_with(x: Any, prefix: Any) -> bool | None:
    if not isinstance(x, str) or not isinstance(prefix, str):
        return None
    return x.startswith(prefix)


def compare_items(op: str, x: Any, y: Any) -> bool | None:
    tx, ty = type_name(x), type_name(y)
    if tx != ty:
        if tx == "null" or ty == "null":
            return op == "!="
        return None
    if tx in ("array", "object"):
        return None
    if tx == "null":
        c = 0
    elif tx == "number":
        a, b = _dec(x), _dec(y)
        c = (a > b) - (a < b)
    else:
        c = (x > y) - (x < y)
    return {"==": c == 0, "!=": c != 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0}[op]


# ---- item methods -------------------------------------------------------------------------------
def _numeric_only(name: str, item: Any) -> Decimal | int:
    if not is_number(item):
        raise _err(sqlstate.NON_NUMERIC_SQL_JSON_ITEM,
                   f"jsonpath item method .{name}() can only be applied to a numeric value")
    return item


def _abs(item: Any) -> list[Any]:
    return [abs(_numeric_only("abs", item))]


def _floor(item: Any) -> list[Any]:
    v = _numeric_only("floor", item)
    return [v if isinstance(v, int) else _dec(v).quantize(Decimal(1), rounding=ROUND_FLOOR)]


def _ceiling(item: Any) -> list[Any]:
    v = _numeric_only("ceiling", item)
    return [v if isinstance(v, int) else _dec(v).quantize(Decimal(1), rounding=ROUND_CEILING)]


def _double(item: Any) -> list[Any]:
    from sql.datatypes.numeric import float_to_numeric

    if is_number(item):
        f = float(item)
    elif isinstance(item, str):
        try:
            f = float(item.strip())
        except ValueError:
            f = math.nan
        if math.isnan(f) or math.isinf(f):
            raise _err(sqlstate.NON_NUMERIC_SQL_JSON_ITEM, "string argument of jsonpath item method .double() is not "
                       "a valid representation of a double precision number")
    else:
        raise _err(sqlstate.NON_NUMERIC_SQL_JSON_ITEM,
                   "jsonpath item method .double() can only be applied to a string or numeric value")
    if math.isnan(f) or math.isinf(f):
        raise _err(sqlstate.NON_NUMERIC_SQL_JSON_ITEM, "NaN or Infinity is not allowed for jsonpath item method "
                   ".double()")
    return [float_to_numeric(f)]


def _keyvalue(item: Any) -> list[Any]:
    if not isinstance(item, dict):
        raise _err(sqlstate.SQL_JSON_OBJECT_NOT_FOUND,
                   "jsonpath item method .keyvalue() can only be applied to an object")
    return [{"id": 0, "key": k, "value": v} for k, v in _ordered_items(item)]


_METHODS: dict[str, Callable[[Any], list[Any]]] = {
    "abs": _abs, "floor": _floor, "ceiling": _ceiling, "double": _double, "keyvalue": _keyvalue,
}


def evaluate(path: A.JsonPath, root: Any, variables: dict[str, Any] | None = None) -> list[Any]:
    return Evaluator(root, variables or {}, path.lax).run(path)
