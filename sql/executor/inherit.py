"""CREATE TABLE clauses about other tables and storage: INHERITS (parent), PARTITION BY,
PARTITION OF parent FOR VALUES ..., UNLOGGED and ON COMMIT.

:func:`inherited_specs` merges the parents' columns in front of the table's own (as
PostgreSQL's MergeAttributes does); :func:`table_properties` sets the catalog fields once
the table is built; :func:`after_create` registers ON COMMIT actions.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Catalog, Table, replace_table
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.ddl_util import notice
from sql.executor.partitions import _STRATEGY, bound_from_node, check_overlap
from sql.executor.tabledef import ColumnSpec
from sql.expr import identifier_name


def _props(ast: exp.Create) -> list[Any]:
    props = ast.args.get("properties")
    return list(props.expressions) if props is not None else []


def partition_of(ast: exp.Create) -> exp.PartitionedOfProperty | None:
    return next((p for p in _props(ast) if isinstance(p, exp.PartitionedOfProperty)), None)


def _parent(session: Any, catalog: Catalog, node: exp.Table) -> Table:
    name = identifier_name(node.this)
    schema = identifier_name(node.args["db"]) if node.args.get("db") else None
    rel = U.lookup(session, catalog, schema, name)
    if rel is None:
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{name}" does not exist')
    if not isinstance(rel, Table):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'inherited relation "{name}" is not a table or foreign table')
    U.require_owner(session, rel)
    return rel


def inherited_specs(session: Any, catalog: Catalog, ast: exp.Create, specs: list[ColumnSpec],
                    notices: list[SqlError]) -> tuple[list[ColumnSpec], tuple[int, ...]]:
    """(the columns with the parents' first, parent oids) for INHERITS / PARTITION OF."""
    part = partition_of(ast)
    inh = next((p for p in _props(ast) if isinstance(p, exp.InheritsProperty)), None)
    if part is None and inh is None:
        return specs, ()
    parents: list[Table] = []
    if part is not None:
        parent = _parent(session, catalog, part.this)
        if not parent.partition_by:
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'table "{parent.name}" is not partitioned')
        parents.append(parent)
    else:
        assert inh is not None
        for node in inh.expressions:
            parent = _parent(session, catalog, node)
            if parent.partition_by:
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot inherit from partitioned table "{parent.name}"')
            if parent.oid in (p.oid for p in parents):
                raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{parent.name}" would be inherited from more '
                                                         "than once")
            parents.append(parent)
    merged: list[ColumnSpec] = []
    for parent in parents:
        for col in parent.columns:
            hit = next((s for s in merged if s.column.name == col.name), None)
            if hit is not None:
                notices.append(notice(f'merging multiple inherited definitions of column "{col.name}"'))
                _same_type(hit.column, col)
                continue
            merged.append(ColumnSpec(replace_table(col, attnum=0, identity=""), []))
    for spec in specs:
        hit = next((s for s in merged if s.column.name == spec.column.name), None)
        if hit is None:
            merged.append(spec)
            continue
        if part is None:
            notices.append(notice(f'merging column "{spec.column.name}" with inherited definition'))
        _same_type(hit.column, spec.column)
        col = replace_table(hit.column, not_null=hit.column.not_null or spec.column.not_null,
                            default=spec.column.default if spec.column.default is not None else hit.column.default)
        merged[merged.index(hit)] = ColumnSpec(col, spec.constraints, spec.serial, spec.identity)
    return merged, tuple(p.oid for p in parents)


def _same_type(a: Any, b: Any) -> None:
    if a.type_oid != b.type_oid or (a.typmod != b.typmod and b.typmod != -1):
        raise SqlError(sqlstate.DATATYPE_MISMATCH, f'column "{a.name}" has a type conflict',
                       detail=f"{T.type_name(a.type_oid)} versus {T.type_name(b.type_oid)}")


def table_properties(session: Any, catalog: Catalog, ast: exp.Create, table: Table,
                     parents: tuple[int, ...]) -> Table:
    """UNLOGGED, INHERITS / PARTITION OF (with the bound checked against the siblings), PARTITION BY."""
    changes: dict[str, Any] = {}
    props = _props(ast)
    if table.persistence != "t" and any(isinstance(p, exp.UnloggedProperty) for p in props):
        changes["persistence"] = "u"
    if parents:
        changes["inherits"] = parents
    part = partition_of(ast)
    if part is not None:
        parent = catalog.relations[parents[0]]
        assert isinstance(parent, Table)
        bound = bound_from_node(session, parent, part.args.get("expression"), table.name)
        check_overlap(session, catalog, parent, table.name, bound)
        changes["partition_bound"] = bound
    by = next((p for p in props if isinstance(p, exp.PartitionedByProperty)), None)
    if by is not None:
        changes["partition_by"] = _partition_key(table, by)
    return replace_table(table, **changes) if changes else table


def _partition_key(table: Table, by: exp.PartitionedByProperty) -> tuple[Any, ...]:
    node = by.this
    strategy = _STRATEGY.get(node.name.upper()) if isinstance(node, exp.Anonymous) else None
    if strategy is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'unrecognized partitioning strategy "{node.sql("postgres")}"')
    cols = []
    for e in node.expressions:
        if not isinstance(e, exp.Column):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "partitioning by an expression is not supported yet")
        name = identifier_name(e.this)
        pos = table.column_positions.get(name)
        if pos is None:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" named in partition key does not exist')
        cols.append(pos)
    if strategy == "l" and len(cols) > 1:
        raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION,
                       'cannot use "list" partition strategy with more than one column')
    return (strategy, *cols)


def after_create(session: Any, ast: exp.Create, table: Table) -> None:
    from sql.executor.oncommit import register

    register(session, table, ast.args.get("on_commit"))
