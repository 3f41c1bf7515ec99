"""Declarative partitioning and inheritance at run time: partition bounds (building, checking for
overlaps, printing as ``pg_get_expr`` does), routing of inserted rows to their partition, and
the scan of a parent table that includes its children's rows.

A partitioned table's ``partition_by`` is ``(strategy, column positions...)`` with strategy
'r' (RANGE), 'l' (LIST) or 'h' (HASH). A partition's ``partition_bound`` is one of::

    ("r", lower items, upper items)   items: ("v", text) | ("min", None) | ("max", None)
    ("l", items)                      items: ("v", text) | ("n", None) for NULL
    ("h", modulus, remainder)
    ("d",)                            DEFAULT

Values are kept as the partition key column's text output and read back with its input function.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Catalog, Table
from sql.errors import SqlError

Row = tuple[Any, ...]
_STRATEGY = {"RANGE": "r", "LIST": "l", "HASH": "h"}
_STRATEGY_NAME = {"r": "range", "l": "list", "h": "hash"}


# bounds ----------------------------------------------------------------------------------------
def key_columns(table: Table) -> tuple[int, ...]:
    return tuple(table.partition_by[1:])


def _typed(session: Any, parent: Table, items: Any) -> list[tuple[str, Any]]:
    out = []
    for i, (kind, text) in enumerate(items):
        if kind == "v":
            col = parent.columns[key_columns(parent)[min(i, len(key_columns(parent)) - 1)]]
            out.append((kind, session.text_input(col.type_oid, col.typmod)(text)))
        else:
            out.append((kind, None))
    return out


def _cmp_items(a: list[tuple[str, Any]], b: list[tuple[str, Any]]) -> int:
    """Compare two range bounds item by item (MINVALUE lowest, MAXVALUE highest)."""
    rank = {"min": 0, "v": 1, "max": 2}
    for (ka, va), (kb, vb) in zip(a, b):
        if rank[ka] != rank[kb]:
            return -1 if rank[ka] < rank[kb] else 1
        if ka != "v":
            return 0  # MINVALUE/MAXVALUE: the rest of the bound does not matter
        if va != vb:
            return -1 if va < vb else 1
    return 0


def _cmp_key(key: Row, bound: list[tuple[str, Any]]) -> int:
    for v, (kind, b) in zip(key, bound):
        if kind == "min":
            return 1
        if kind == "max":
            return -1
        if v != b:
            return -1 if v < b else 1
    return 0


def bound_from_node(session: Any, parent: Table, spec: Any, name: str) -> tuple[Any, ...]:
    """A partition bound from sqlglot's PartitionBoundSpec (or the word DEFAULT)."""
    from sqlglot import exp

    strategy = parent.partition_by[0]
    if spec is None or (isinstance(spec, exp.Var) and spec.name.upper() == "DEFAULT") or \
            (isinstance(spec, str) and spec.upper() == "DEFAULT"):
        return ("d",)
    keys = key_columns(parent)
    if spec.args.get("from_expressions") is not None:
        if strategy != "r":
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                           f"invalid bound specification for a {_STRATEGY_NAME[strategy]} partition")
        lo = [_item(session, parent, keys, i, e, True) for i, e in enumerate(spec.args["from_expressions"])]
        hi = [_item(session, parent, keys, i, e, True) for i, e in enumerate(spec.args["to_expressions"])]
        if len(lo) != len(keys) or len(hi) != len(keys):
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                           "FROM must specify exactly one value per partitioning column")
        bound = ("r", tuple(lo), tuple(hi))
        if _cmp_items(_typed(session, parent, lo), _typed(session, parent, hi)) >= 0:
            raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION, f'empty range bound specified for partition "{name}"')
        return bound
    if isinstance(spec.args.get("this"), list):
        if strategy != "l":
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                           f"invalid bound specification for a {_STRATEGY_NAME[strategy]} partition")
        return ("l", tuple(_item(session, parent, keys, 0, e, False) for e in spec.args["this"]))
    if strategy != "h":
        raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                       f"invalid bound specification for a {_STRATEGY_NAME[strategy]} partition")
    modulus = int(spec.args["this"].name)
    remainder = int(spec.args["expression"].name)
    if modulus <= 0:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "modulus for hash partition must be an integer value "
                                                         "greater than zero")
    if not 0 <= remainder < modulus:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                       "remainder for hash partition must be less than modulus")
    return ("h", modulus, remainder)


def _item(session: Any, parent: Table, keys: tuple[int, ...], i: int, node: Any, rng: bool) -> tuple[str, Any]:
    from sqlglot import exp

    from sql.expr import CompileEnv, Ctx, ExprCompiler
    from sql.scope import Scope

    if rng and isinstance(node, (exp.Var, exp.Column)) and node.name.upper() in ("MINVALUE", "MAXVALUE"):
        return ("min" if node.name.upper() == "MINVALUE" else "max", None)
    if isinstance(node, exp.Null):
        if rng:
            raise SqlError(sqlstate.DATATYPE_MISMATCH, "cannot specify NULL in range bound")
        return ("n", None)
    col = parent.columns[keys[min(i, len(keys) - 1)]]
    compiler = ExprCompiler(CompileEnv(session, session.catalog(), []), Scope())
    value = compiler.coerce(compiler.compile(node), col.type_oid, col.typmod, "assignment").fn((), Ctx(
        [], session.txn(), session))
    if value is None:
        if rng:
            raise SqlError(sqlstate.DATATYPE_MISMATCH, "cannot specify NULL in range bound")
        return ("n", None)
    return ("v", session.text_output(col.type_oid)(value))


def check_overlap(session: Any, catalog: Catalog, parent: Table, name: str, bound: tuple[Any, ...]) -> None:
    """42P17 when the new partition's bound overlaps a sibling's."""
    for other in catalog.children(parent.oid):
        ob = other.partition_bound
        if not ob:
            continue
        if bound[0] == "d" or ob[0] == "d":
            if bound[0] == "d" and ob[0] == "d":
                raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION,
                               f'partition "{name}" conflicts with existing default partition "{other.name}"')
            continue
        if bound[0] == "r" and ob[0] == "r":
            lo, hi = _typed(session, parent, bound[1]), _typed(session, parent, bound[2])
            olo, ohi = _typed(session, parent, ob[1]), _typed(session, parent, ob[2])
            clash = _cmp_items(lo, ohi) < 0 and _cmp_items(olo, hi) < 0
        elif bound[0] == "l" and ob[0] == "l":
            clash = bool({(k, str(v)) for k, v in bound[1]} & {(k, str(v)) for k, v in ob[1]})
        elif bound[0] == "h" and ob[0] == "h":
            m1, r1, m2, r2 = bound[1], bound[2], ob[1], ob[2]
            big, small = max(m1, m2), min(m1, m2)
            if big % small:
                raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION,
                               "every hash partition modulus must be a factor of the next larger modulus")
            clash = r1 % small == r2 % small
        else:
            clash = False
        if clash:
            raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION, f'partition "{name}" would overlap partition '
                                                               f'"{other.name}"')


def bound_text(bound: tuple[Any, ...], parent: Table | None) -> str:
    """The bound as ``pg_get_expr(relpartbound, oid)`` prints it."""
    if bound[0] == "d":
        return "DEFAULT"
    if bound[0] == "h":
        return f"FOR VALUES WITH (modulus {bound[1]}, remainder {bound[2]})"
    keys = key_columns(parent) if parent is not None and parent.partition_by else ()

    def lit(i: int, item: Any) -> str:
        kind, text = item
        if kind == "min":
            return "MINVALUE"
        if kind == "max":
            return "MAXVALUE"
        if kind == "n":
            return "NULL"
        oid = parent.columns[keys[min(i, len(keys) - 1)]].type_oid if keys and parent is not None else T.TEXT
        if T.category(oid) == "N":
            return text
        return "'" + text.replace("'", "''") + "'"

    if bound[0] == "l":
        return "FOR VALUES IN (" + ", ".join(lit(0, x) for x in bound[1]) + ")"
    lo = ", ".join(lit(i, x) for i, x in enumerate(bound[1]))
    hi = ", ".join(lit(i, x) for i, x in enumerate(bound[2]))
    return f"FOR VALUES FROM ({lo}) TO ({hi})"


# routing ---------------------------------------------------------------------------------------
@dataclass
class _Part:
    table: Table
    bound: tuple[Any, ...]
    typed: Any  # typed bound values
    sub: Router | None


class Router:
    """Finds the leaf partition of a row inserted into a partitioned table."""

    def __init__(self, session: Any, catalog: Catalog, table: Table) -> None:
        self.table = table
        self.strategy = table.partition_by[0]
        self.keys = key_columns(table)
        self.parts: list[_Part] = []
        self.default: _Part | None = None
        for child in catalog.children(table.oid):
            b = child.partition_bound
            if not b:
                continue
            sub = Router(session, catalog, child) if child.partition_by else None
            if b[0] == "r":
                typed: Any = (_typed(session, table, b[1]), _typed(session, table, b[2]))
            elif b[0] == "l":
                typed = {v for _k, v in _typed(session, table, b[1])}
            else:
                typed = None
            part = _Part(child, b, typed, sub)
            if b[0] == "d":
                self.default = part
            else:
                self.parts.append(part)

    def leaf(self, row: Row, ctx: Any) -> Table:
        """The partition ``row`` (the parent's column order) belongs to; 23514 if none."""
        key = tuple(row[p] for p in self.keys)
        hit = None
        for part in self.parts:
            b = part.bound
            if b[0] == "r":
                if None not in key and _cmp_key(key, part.typed[0]) >= 0 and _cmp_key(key, part.typed[1]) < 0:
                    hit = part
            elif b[0] == "l":
                if key[0] in part.typed:
                    hit = part
            elif b[0] == "h":
                if _hash_key(key, ctx, self.table, self.keys) % b[1] == b[2]:
                    hit = part
            if hit is not None:
                break
        if hit is None:
            hit = self.default
        if hit is None:
            names = ", ".join(self.table.columns[p].name for p in self.keys)
            vals = ", ".join("null" if v is None else ctx.to_text(v, self.table.columns[p].type_oid)
                             for p, v in zip(self.keys, key))
            raise SqlError(sqlstate.CHECK_VIOLATION, f'no partition of relation "{self.table.name}" found for row',
                           detail=f"Partition key of the failing row contains ({names}) = ({vals}).")
        if hit.sub is not None:
            return hit.sub.leaf(row, ctx)
        return hit.table

    def insert(self, ctx: Any, row: Row) -> bytes:
        """Write ``row`` into its partition (NOT NULL and CHECK constraints of the partition apply)."""
        from sql.executor.ri import rules_for

        leaf = self.leaf(row, ctx)
        rules = rules_for(ctx.session, ctx.session.catalog(), leaf)
        rules.check_row(row, ctx)
        encode = leaf.codec.encode
        return ctx.txn.insert(leaf.layout, encode(row) if encode is not None else row)


def _hash_key(key: Row, ctx: Any, table: Table, keys: tuple[int, ...]) -> int:
    h = 0
    for v, p in zip(key, keys):
        if v is not None:
            h = zlib.crc32(ctx.to_text(v, table.columns[p].type_oid).encode(), h)
    return h


def router_for(session: Any, catalog: Catalog, table: Table) -> Any:
    """How an INSERT into ``table`` writes its rows: None (plainly), a Router (a partitioned table) or a
    BoundCheck (a partition)."""
    parent = catalog.relations.get(table.inherits[0]) if table.partition_bound and table.inherits else None
    if not table.partition_by and not isinstance(parent, Table):
        return None
    key = ("partition_router", table.oid, id(table))
    hit = catalog.cache.get(key)
    if hit is None:
        hit = catalog.cache[key] = Router(session, catalog, table) if table.partition_by else \
            BoundCheck(session, catalog, table, parent)  # type: ignore[arg-type]
    return hit


# scanning a parent with its children -----------------------------------------------------------------
def descendants(catalog: Catalog, table: Table) -> list[Table]:
    out: list[Table] = []
    for child in catalog.children(table.oid):
        out.append(child)
        out.extend(descendants(catalog, child))
    return out


@dataclass(frozen=True)
class InheritScan:
    """Rows of a table and of the tables inheriting from it, in the parent's columns, each followed by
    the oid of the table it came from (the hidden ``tableoid`` column)."""

    tables: tuple[tuple[Any, tuple[int | None, ...], int], ...]  # (TableAccess, parent position -> child's, oid)
    width: int

    def rows(self, ctx: Any) -> Iterator[Row]:
        for access, mapping, oid in self.tables:
            for row in access.rows(ctx):
                yield tuple(None if p is None else row[p] for p in mapping) + (oid,)


def inherit_scan(catalog: Catalog, table: Table) -> InheritScan:
    from sql.executor.scan import TableAccess

    parts = []
    for t in [table, *descendants(catalog, table)]:
        mapping = tuple(t.column_positions.get(c.name) for c in table.columns)
        parts.append((TableAccess(t), mapping, t.oid))
    return InheritScan(tuple(parts), len(table.columns))


class BoundCheck:
    """Direct INSERT into a partition: 23514 unless the row belongs to it."""

    def __init__(self, session: Any, catalog: Catalog, table: Table, parent: Table) -> None:
        self.table = table
        self.parent = Router(session, catalog, parent)

    def insert(self, ctx: Any, row: Row) -> bytes:
        try:
            ok = self.parent.leaf(row, ctx).oid == self.table.oid
        except SqlError:
            ok = False
        if not ok:
            from sql.executor.ri import format_row

            raise SqlError(sqlstate.CHECK_VIOLATION,
                           f'new row for relation "{self.table.name}" violates partition constraint',
                           detail=f"Failing row contains ({format_row(self.table, row, ctx)}).")
        encode = self.table.codec.encode
        return ctx.txn.insert(self.table.layout, encode(row) if encode is not None else row)


# UPDATE / DELETE of a parent: the same statement on each table of the hierarchy ---------------------------
@dataclass(frozen=True)
class EachTable:
    plans: tuple[Any, ...]

    def run(self, ctx: Any) -> tuple[int, list[Row]]:
        total = 0
        out: list[Row] = []
        for plan in self.plans:
            n, rows = plan.run(ctx)
            total += n
            out.extend(rows)
        return total, out


def plan_with_children(planner: Any, node: Any, plan_fn: Any) -> tuple[Any, Any]:
    """Plan UPDATE/DELETE of ``node``'s target and, unless ONLY, of each table inheriting from it."""
    from sqlglot import exp

    from sql.expr import identifier_name

    target = node.this
    if not isinstance(target, exp.Table) or target.args.get("only") or not isinstance(target.this, exp.Identifier):
        return plan_fn(node)
    catalog = planner.env.catalog
    schema = identifier_name(target.args["db"]) if target.args.get("db") else None
    rel = planner.env.session.lookup_relation(schema, identifier_name(target.this), catalog)
    if not isinstance(rel, Table) or not catalog.children(rel.oid):
        return plan_fn(node)
    plan, cols = plan_fn(node)
    plans = [plan]
    for child in descendants(catalog, rel):
        copy = node.copy()
        alias = target.args.get("alias")
        nsp = catalog.schemas.get(child.schema_oid)
        copy.set("this", exp.Table(this=exp.to_identifier(child.name, quoted=True),
                                   db=exp.to_identifier(nsp.name, quoted=True) if nsp is not None else None,
                                   alias=alias.copy() if alias is not None else exp.TableAlias(
                                       this=exp.to_identifier(rel.name, quoted=True))))
        plans.append(plan_fn(copy)[0])
    return EachTable(tuple(plans)), cols
