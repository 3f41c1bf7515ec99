"""A parsed jsonpath back to text, in PostgreSQL's canonical form (``jsonpath_out``): keys and
variables quoted, operators spaced, operands parenthesised by operator priority (and the whole
expression when it is an operation), e.g. ``$.a ? (@ > 2)`` -> ``$."a"?(@ > 2)``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sql.datatypes.json_parse import escape_json

from . import ast as A

_PRIORITY = {"||": 0, "&&": 1, "==": 2, "!=": 2, "<": 2, "<=": 2, ">": 2, ">=": 2, "starts": 2,
             "+": 3, "-": 3, "*": 4, "/": 4, "%": 4, "unary": 5}
_FLAG_ORDER = "ismxq"


def _priority(node: Any) -> int:
    if isinstance(node, (A.Binary, A.Compare, A.BoolOp)):
        return _PRIORITY[node.op]
    if isinstance(node, A.StartsWith):
        return _PRIORITY["starts"]
    if isinstance(node, A.Unary):
        return _PRIORITY["unary"]
    return 6


def _number(v: int | Decimal) -> str:
    if isinstance(v, Decimal):
        from sql.datatypes.numeric import numeric_out

        return numeric_out(v)
    return str(v)


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return escape_json(v)
    return _number(v)


def _item(node: Any, brackets: bool) -> str:
    if isinstance(node, A.Chain):
        prim = node.primary
        if isinstance(prim, A.Root):
            head = "$"
        elif isinstance(prim, A.Current):
            head = "@"
        elif isinstance(prim, A.Last):
            head = "last"
        elif isinstance(prim, A.Variable):
            head = "$" + escape_json(prim.name)
        elif isinstance(prim, A.Literal):
            head = _scalar(prim.value)
            if node.accessors and not isinstance(prim.value, str) and prim.value is not None \
                    and not isinstance(prim.value, bool):
                head = f"({head})"
        else:
            head = _item(prim, True)
        return head + "".join(_accessor(a) for a in node.accessors)
    if isinstance(node, (A.Binary, A.Compare, A.BoolOp)):
        prio = _priority(node)
        text = (f"{_item(node.left, _priority(node.left) <= prio)} {node.op} "
                f"{_item(node.right, _priority(node.right) <= prio)}")
        return f"({text})" if brackets else text
    if isinstance(node, A.Unary):
        text = node.op + _item(node.operand, _priority(node.operand) <= _PRIORITY["unary"])
        return f"({text})" if brackets else text
    if isinstance(node, A.Not):
        return f"!({_item(node.operand, False)})"
    if isinstance(node, A.IsUnknown):
        return f"({_item(node.operand, False)}) is unknown"
    if isinstance(node, A.Exists):
        return f"exists ({_item(node.operand, False)})"
    if isinstance(node, A.StartsWith):
        prefix = node.prefix
        right = escape_json(prefix.value) if isinstance(prefix, A.Literal) else "$" + escape_json(prefix.name)
        text = f"{_item(node.operand, False)} starts with {right}"
        return f"({text})" if brackets else text
    if isinstance(node, A.LikeRegex):
        text = f"{_item(node.operand, _priority(node.operand) <= 2)} like_regex {escape_json(node.pattern)}"
        flags = "".join(f for f in _FLAG_ORDER if f in node.flags)
        if flags:
            text += f' flag "{flags}"'
        return f"({text})" if brackets else text
    return _item(A.Chain(node), brackets)


def _level(n: int) -> str:
    return "last" if n < 0 else str(n)


def _accessor(acc: Any) -> str:
    if isinstance(acc, A.Member):
        return "." + escape_json(acc.key)
    if isinstance(acc, A.MemberWildcard):
        return ".*"
    if isinstance(acc, A.ArrayWildcard):
        return "[*]"
    if isinstance(acc, A.Subscripts):
        parts = [_item(lo, False) + (f" to {_item(hi, False)}" if hi is not None else "") for lo, hi in acc.items]
        return "[" + ",".join(parts) + "]"
    if isinstance(acc, A.AnyPath):
        if acc.lo == 0 and acc.hi < 0:
            return ".**"
        if acc.lo == acc.hi:
            return f".**{{{_level(acc.lo)}}}"
        return f".**{{{_level(acc.lo)} to {_level(acc.hi)}}}"
    if isinstance(acc, A.Method):
        arg = escape_json(acc.arg) if acc.arg is not None else ""
        return f".{acc.name}({arg})"
    if isinstance(acc, A.Filter):
        return f"?({_item(acc.pred, False)})"
    raise TypeError(acc)


def jsonpath_text(path: A.JsonPath) -> str:
    return ("" if path.lax else "strict ") + _item(path.expr, True)
