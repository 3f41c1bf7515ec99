"""The checks PostgreSQL makes when a PL/pgSQL function is created: assignment targets must be
known (and not CONSTANT) variables, RETURN forms must fit the result type, RAISE formats must match
their arguments, EXIT/CONTINUE need a loop, exception conditions must exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.plpgsql import ast as A
from sql.plpgsql.interp import condition_code

TRIGGER_VARS = ("new", "old", "tg_op", "tg_name", "tg_when", "tg_level", "tg_relid", "tg_table_name", "tg_relname",
                "tg_table_schema", "tg_nargs", "tg_argv")


@dataclass(frozen=True)
class Shape:
    """What the body may return."""

    names: tuple[str, ...]  # parameters and output columns visible as variables
    returns_void: bool  # void functions, procedures, DO blocks
    returns_set: bool
    has_out: bool  # OUT parameters (RETURN takes no expression)
    trigger: bool


def validate(block: A.Block, shape: Shape) -> None:
    scope: dict[str, bool] = {n: False for n in shape.names if n}  # name -> constant
    scope["found"] = False
    if shape.trigger:
        scope.update({n: False for n in TRIGGER_VARS})
    _Checker(shape).block(block, [scope], 0)


class _Checker:
    def __init__(self, shape: Shape) -> None:
        self.shape = shape

    def block(self, b: A.Block, scopes: list[dict[str, bool]], loops: int) -> None:
        own: dict[str, bool] = {}
        scopes = scopes + [own]
        for d in b.decls:
            own[d.name] = d.constant
        self.stmts(b.body, scopes, loops)
        for h in b.handlers or []:
            for c in h.conditions:
                if c.lower() != "others" and condition_code(c) is None:
                    raise SqlError(sqlstate.UNDEFINED_OBJECT, f'unrecognized exception condition "{c}"')
            self.stmts(h.body, scopes + [{"sqlstate": False, "sqlerrm": False}], loops)

    def stmts(self, body: list[Any], scopes: list[dict[str, bool]], loops: int) -> None:
        for s in body:
            self.stmt(s, scopes, loops)

    def target(self, name: str, scopes: list[dict[str, bool]]) -> None:
        base = name.split(".", 1)[0]
        for sc in reversed(scopes):
            if base in sc:
                if sc[base] and "." not in name:
                    raise SqlError("22005", f'variable "{base}" is declared CONSTANT')
                return
        raise SqlError(sqlstate.SYNTAX_ERROR, f'"{base}" is not a known variable')

    def stmt(self, s: Any, scopes: list[dict[str, bool]], loops: int) -> None:  # noqa: C901
        shape = self.shape
        if isinstance(s, A.Block):
            self.block(s, scopes, loops)
        elif isinstance(s, A.Assign):
            self.target(s.target[0] + (f".{s.target[1]}" if s.target[1] else ""), scopes)
        elif isinstance(s, (A.Sql, A.Execute)) and s.into:
            for t in s.into:
                self.target(t, scopes)
        elif isinstance(s, A.If):
            for _c, body in s.branches:
                self.stmts(body, scopes, loops)
            self.stmts(s.else_body or [], scopes, loops)
        elif isinstance(s, A.Case):
            for _v, body in s.whens:
                self.stmts(body, scopes, loops)
            self.stmts(s.else_body or [], scopes, loops)
        elif isinstance(s, A.Loop):
            self.stmts(s.body, scopes, loops + 1)
        elif isinstance(s, A.ForInt):
            self.stmts(s.body, scopes + [{s.var: False}], loops + 1)
        elif isinstance(s, A.ForQuery):
            extra = {t: False for t in s.targets if "." not in t}
            self.stmts(s.body, scopes + [extra], loops + 1)
        elif isinstance(s, A.Foreach):
            self.target(s.var, scopes)
            self.stmts(s.body, scopes, loops + 1)
        elif isinstance(s, A.Exit):
            if s.label is None and loops == 0:
                word = "CONTINUE" if s.is_continue else "EXIT"
                raise SqlError(sqlstate.SYNTAX_ERROR, f"{word} cannot be used outside a loop"
                               + ("" if s.is_continue else ", unless it has a label"))
        elif isinstance(s, A.Return):
            self.check_return(s)
        elif isinstance(s, (A.ReturnNext, A.ReturnQuery)):
            if not shape.returns_set:
                what = "RETURN NEXT" if isinstance(s, A.ReturnNext) else "RETURN QUERY"
                raise SqlError(sqlstate.DATATYPE_MISMATCH, f"cannot use {what} in a non-SETOF function")
        elif isinstance(s, A.Raise):
            if s.fmt is not None:
                wanted = s.fmt.replace("%%", "").count("%")
                if wanted > len(s.args):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "too few parameters specified for RAISE")
                if wanted < len(s.args):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "too many parameters specified for RAISE")
            if s.condition is not None and condition_code(s.condition) is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'unrecognized exception condition "{s.condition}"')
        elif isinstance(s, A.GetDiag):
            for var, _item in s.items:
                self.target(var, scopes)

    def check_return(self, s: A.Return) -> None:
        shape = self.shape
        if s.expr is None:
            if not (shape.returns_void or shape.returns_set or shape.has_out):
                raise SqlError(sqlstate.SYNTAX_ERROR, 'missing expression at or near ";"')
            return
        if shape.returns_set:
            raise SqlError(sqlstate.DATATYPE_MISMATCH, "RETURN cannot have a parameter in function returning set",
                           hint="Use RETURN NEXT or RETURN QUERY.")
        if shape.has_out:
            raise SqlError(sqlstate.DATATYPE_MISMATCH,
                           "RETURN cannot have a parameter in function with OUT parameters")
        if shape.returns_void:
            raise SqlError(sqlstate.DATATYPE_MISMATCH, "RETURN cannot have a parameter in function returning void")
