"""Entry values of expression and partial indexes (CREATE INDEX ... (lower(x)) / WHERE pred).

Such an index hands storage a ``key`` function (:class:`storage.layout.IndexLayout`): from a
stored row it computes the index entry (plain columns as stored, expressions evaluated over the
decoded row and converted to their storage form), or None when the row fails the predicate.
Index expressions are immutable, so they are compiled once per table version without a session
(constants are read with the default I/O settings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any

import sqlglot

from sql import catalog as C
from sql import typesys as T
from sql.catalog import Index, Table
from sql.dialect import PgDialect
from sql.expr import CExpr, CompileEnv, ExprCompiler


class _StaticSession:
    """What expression compilation asks of a session, with the default settings."""

    def text_input(self, oid: int, typmod: int = -1) -> Callable[[str], Any]:
        return T.text_input(oid, typmod)

    def text_output(self, oid: int) -> Callable[[Any], str]:
        return T.text_output(oid)

    def timezone(self) -> Any:
        return UTC


def compile_index_expr(table: Table, text: str, catalog: Any = None, session: Any = None) -> CExpr:
    from sql.constraints import table_scope

    node = sqlglot.parse_one(text, read=PgDialect)
    return ExprCompiler(CompileEnv(session or _StaticSession(), catalog, []), table_scope(table)).compile(node)


def index_key(table: Table, ix: Index) -> Callable[[Sequence[object]], Sequence[object] | None]:
    decode = table.codec.decode
    exprs = iter(ix.exprs)
    parts: list[tuple[int, Callable[[Any, Any], Any] | None, Callable[[Any], Any] | None]] = []
    for p in ix.columns:
        if p >= 0:
            parts.append((p, None, None))
        else:
            ce = compile_index_expr(table, next(exprs))
            parts.append((-1, ce.fn, T.to_storage(ce.type)))
    pred = None
    if ix.predicate:
        from sql.constraints import table_scope

        node = sqlglot.parse_one(ix.predicate, read=PgDialect)
        pred = ExprCompiler(CompileEnv(_StaticSession(), None, []), table_scope(table)).compile_bool(node).fn

    def key(stored: Sequence[object]) -> Sequence[object] | None:
        row = decode(stored) if decode is not None else stored
        if pred is not None and pred(row, None) is not True:
            return None
        out = []
        for p, fn, conv in parts:
            if fn is None:
                out.append(stored[p])
            else:
                v = fn(row, None)
                out.append(conv(v) if conv is not None and v is not None else v)
        return out

    return key


C.INDEX_KEY_FACTORY[0] = index_key
