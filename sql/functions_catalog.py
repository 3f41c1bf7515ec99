"""System catalog information functions (PostgreSQL's "System Information Functions"):
visibility (pg_table_is_visible ...), format_type, the pg_get_*def family, descriptions,
to_reg*, pg_get_userbyid, pg_get_serial_sequence, current_schemas, encodings, sizes,
pg_get_keywords and the stubs psql and GUI tools call (pg_partition_ancestors, ...).

The privilege-inquiry functions are in :mod:`sql.functions_catalog_acl`, advisory locks in
:mod:`sql.functions_catalog_locks`. Everything resolves against the session's own database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Sequence, Table, View
from sql.catalog_views import objects as O
from sql.catalog_views.definitions import (
    check_text,
    constraint_text,
    default_text,
    index_column_text,
    index_text,
    view_text,
)
from sql.catalog_views.procs import proc_by_oid, procs_named
from sql.catalog_views.systypes import PG_NODE_TREE
from sql.errors import SqlError
from sql.functions import builtin, set_returning

NAME_ARRAY = 1003
REGPROC = T.REGPROC


def _s(ctx: Any) -> Any:
    return ctx.session


# visibility ----------------------------------------------------------------------------------------
@builtin("pg_table_is_visible", (T.OID,), T.BOOL, needs_ctx=True)
def pg_table_is_visible(ctx: Any, oid: int) -> bool | None:
    return O.table_is_visible(_s(ctx), oid)


@builtin("pg_type_is_visible", (T.OID,), T.BOOL, needs_ctx=True)
def pg_type_is_visible(ctx: Any, oid: int) -> bool | None:
    return O.type_is_visible(_s(ctx), oid)


@builtin("pg_function_is_visible", (T.OID,), T.BOOL, needs_ctx=True)
def pg_function_is_visible(ctx: Any, oid: int) -> bool | None:
    fn = _s(ctx).catalog().functions.get(oid)
    if fn is not None:
        from sql.executor.routines import path_functions

        first = next((f for f in path_functions(_s(ctx), _s(ctx).catalog(), fn.name)
                      if f.arg_types == fn.arg_types), None)
        return first is fn
    return True if proc_by_oid(oid) is not None else None


@builtin("pg_collation_is_visible|pg_opclass_is_visible|pg_operator_is_visible|pg_opfamily_is_visible|"
         "pg_conversion_is_visible|pg_statistics_obj_is_visible|pg_ts_config_is_visible|pg_ts_dict_is_visible|"
         "pg_ts_parser_is_visible|pg_ts_template_is_visible", (T.OID,), T.BOOL)
def pg_other_is_visible(_oid: int) -> bool:
    return True


# format_type -----------------------------------------------------------------------------------------
@builtin("format_type", (T.OID, T.INT4), T.TEXT, needs_ctx=True, strict=False)
def format_type(ctx: Any, oid: int | None, typmod: int | None) -> str | None:
    return O.format_type(_s(ctx), oid, typmod)


# definitions -----------------------------------------------------------------------------------------
def _expr_text(ctx: Any, tree: str, relid: int, pretty: bool) -> str | None:
    session = _s(ctx)
    rel = session.catalog().relations.get(relid)
    m = re.match(r"\{DEFAULT :attnum (\d+)\}", tree)
    if m and isinstance(rel, Table):
        col = next((c for c in rel.columns if c.attnum == int(m.group(1))), None)
        return default_text(rel, col, pretty) if col is not None else None
    m = re.match(r"\{PARTBOUND :relid (\d+)\}", tree)
    if m:
        from sql.executor.partitions import bound_text

        part = session.catalog().relations.get(int(m.group(1)))
        if not isinstance(part, Table) or not part.partition_bound:
            return None
        parent = session.catalog().relations.get(part.inherits[0]) if part.inherits else None
        return bound_text(part.partition_bound, parent if isinstance(parent, Table) else None)
    m = re.match(r"\{(INDEXPRS|INDPRED) :indexrelid (\d+)\}", tree)
    if m:
        return _index_expr_text(session, int(m.group(2)), m.group(1) == "INDPRED", pretty)
    m = re.match(r"\{CHECK :conoid (\d+)\}", tree)
    if m:
        hit = O.constraint_by_oid(session.catalog(), int(m.group(1)))
        return check_text(hit[0], hit[1].expr, pretty) if hit is not None else None
    if isinstance(rel, Table):
        return check_text(rel, tree, pretty)
    if relid == 0 or rel is None:
        try:
            return check_text(Table(0, "", 0, 0, ()), tree, pretty)
        except Exception:  # noqa: BLE001
            return tree
    return tree


@builtin("pg_get_expr", (PG_NODE_TREE, T.OID), T.TEXT, needs_ctx=True)
def pg_get_expr(ctx: Any, tree: str, relid: int) -> str | None:
    return _expr_text(ctx, tree, relid, False)


@builtin("pg_get_expr", (PG_NODE_TREE, T.OID, T.BOOL), T.TEXT, needs_ctx=True)
def pg_get_expr_pretty(ctx: Any, tree: str, relid: int, pretty: bool) -> str | None:
    return _expr_text(ctx, tree, relid, pretty)


def _index_expr_text(session: Any, oid: int, predicate: bool, pretty: bool) -> str | None:
    hit = O.index_by_oid(session.catalog(), oid)
    if hit is None:
        return None
    table, ix = hit
    if predicate:
        return check_text(table, ix.predicate, pretty) if ix.predicate else None
    texts = [index_column_text(table, ix, i, pretty) for i, p in enumerate(ix.columns) if p < 0]
    return ", ".join(texts) or None


def _constraintdef(ctx: Any, oid: int, pretty: bool) -> str | None:
    session = _s(ctx)
    hit = O.constraint_by_oid(session.catalog(), oid)
    if hit is None:
        return None
    return constraint_text(session, hit[0], hit[1], pretty)


@builtin("pg_get_constraintdef", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_constraintdef(ctx: Any, oid: int) -> str | None:
    return _constraintdef(ctx, oid, False)


@builtin("pg_get_constraintdef", (T.OID, T.BOOL), T.TEXT, needs_ctx=True)
def pg_get_constraintdef_pretty(ctx: Any, oid: int, pretty: bool) -> str | None:
    return _constraintdef(ctx, oid, pretty)


def _indexdef(ctx: Any, oid: int, column: int = 0, pretty: bool = False) -> str | None:
    session = _s(ctx)
    hit = O.index_by_oid(session.catalog(), oid)
    if hit is None:
        return None
    table, ix = hit
    if column > 0:
        if column <= len(ix.columns):
            return index_column_text(table, ix, column - 1, pretty)
        extra = column - len(ix.columns) - 1
        return O.quote_ident(table.columns[ix.include[extra]].name) if extra < len(ix.include or ()) else ""
    return index_text(session, table, ix)


@builtin("pg_get_indexdef", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_indexdef(ctx: Any, oid: int) -> str | None:
    return _indexdef(ctx, oid)


@builtin("pg_get_indexdef", (T.OID, T.INT4, T.BOOL), T.TEXT, needs_ctx=True)
def pg_get_indexdef_col(ctx: Any, oid: int, column: int, pretty: bool) -> str | None:
    return _indexdef(ctx, oid, column, bool(pretty))


def _viewdef(ctx: Any, oid: int, pretty: bool) -> str | None:
    session = _s(ctx)
    rel = session.catalog().relations.get(oid)
    if isinstance(rel, View):
        return view_text(session, rel, pretty)
    return None


def _view_oid(ctx: Any, name: str) -> int:
    return _s(ctx).text_input(T.REGCLASS)(name)


@builtin("pg_get_viewdef", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_viewdef(ctx: Any, oid: int) -> str | None:
    return _viewdef(ctx, oid, False)


@builtin("pg_get_viewdef", (T.OID, T.BOOL), T.TEXT, needs_ctx=True)
def pg_get_viewdef_pretty(ctx: Any, oid: int, pretty: bool) -> str | None:
    return _viewdef(ctx, oid, pretty)


@builtin("pg_get_viewdef", (T.OID, T.INT4), T.TEXT, needs_ctx=True)
def pg_get_viewdef_wrap(ctx: Any, oid: int, _wrap: int) -> str | None:
    return _viewdef(ctx, oid, True)


@builtin("pg_get_viewdef", (T.TEXT,), T.TEXT, needs_ctx=True)
def pg_get_viewdef_name(ctx: Any, name: str) -> str | None:
    return _viewdef(ctx, _view_oid(ctx, name), False)


@builtin("pg_get_viewdef", (T.TEXT, T.BOOL), T.TEXT, needs_ctx=True)
def pg_get_viewdef_name_pretty(ctx: Any, name: str, pretty: bool) -> str | None:
    return _viewdef(ctx, _view_oid(ctx, name), pretty)


@builtin("pg_get_ruledef", (T.OID,), T.TEXT)
def pg_get_ruledef(_oid: int) -> None:
    return None


@builtin("pg_get_ruledef", (T.OID, T.BOOL), T.TEXT)
def pg_get_ruledef_pretty(_oid: int, _pretty: bool) -> None:
    return None


@builtin("pg_get_triggerdef", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_triggerdef(ctx: Any, oid: int) -> str | None:
    return pg_get_triggerdef_pretty(ctx, oid, False)


@builtin("pg_get_triggerdef", (T.OID, T.BOOL), T.TEXT, needs_ctx=True)
def pg_get_triggerdef_pretty(ctx: Any, oid: int, pretty: bool) -> str | None:
    from sql.catalog_views.triggers import find_trigger, triggerdef

    hit = find_trigger(_s(ctx), oid)
    return triggerdef(_s(ctx), hit[0], hit[1], bool(pretty)) if hit is not None else None


@builtin("pg_get_statisticsobjdef|pg_get_statisticsobjdef_columns|pg_get_partkeydef",
         (T.OID,), T.TEXT)
def pg_get_none(_oid: int) -> None:
    return None


@builtin("pg_get_functiondef", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_functiondef(ctx: Any, oid: int) -> str | None:
    from sql.catalog_views import user_procs

    fn = user_procs.user_function(_s(ctx), oid)
    return user_procs.functiondef_text(_s(ctx), fn) if fn is not None else None


def _proc_types(oid: int, field: str, ctx: Any = None) -> str | None:
    from sql.catalog_views import user_procs

    fn = user_procs.user_function(_s(ctx), oid) if ctx is not None else None
    if fn is not None:
        if field == "result":
            return user_procs.result_text(_s(ctx), fn) if fn.kind != "p" else None
        return user_procs.arguments_text(_s(ctx), fn, field == "args", field == "identity")
    p = proc_by_oid(oid)
    if p is None:
        return None
    if field == "result":
        ret = T.type_name(p[18]) if T.type_name(p[18]) != str(p[18]) else _type_word(p[18])
        return ("SETOF " if p[13] else "") + ret
    return ", ".join(_type_word(t) for t in p[19])


def _type_word(oid: int) -> str:
    from sql.catalog_views.data_types import TYPE_NAMES

    return TYPE_NAMES[oid][0] if oid in TYPE_NAMES else str(oid)


@builtin("pg_get_function_arguments", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_function_arguments(ctx: Any, oid: int) -> str | None:
    return _proc_types(oid, "args", ctx)


@builtin("pg_get_function_identity_arguments", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_function_identity_arguments(ctx: Any, oid: int) -> str | None:
    return _proc_types(oid, "identity", ctx)


@builtin("pg_get_function_result", (T.OID,), T.TEXT, needs_ctx=True)
def pg_get_function_result(ctx: Any, oid: int) -> str | None:
    return _proc_types(oid, "result", ctx)


# names -------------------------------------------------------------------------------------------------
@builtin("pg_get_userbyid", (T.OID,), T.NAME, needs_ctx=True)
def pg_get_userbyid(ctx: Any, oid: int) -> str:
    return _s(ctx).instance.cluster().roles.name_of(oid)


@builtin("pg_get_serial_sequence", (T.TEXT, T.TEXT), T.TEXT, needs_ctx=True)
def pg_get_serial_sequence(ctx: Any, table: str, column: str) -> str | None:
    session = _s(ctx)
    oid = session.text_input(T.REGCLASS)(table)
    rel = session.catalog().relations.get(oid)
    name = column[1:-1].replace('""', '"') if column.startswith('"') else column.lower()
    col = next((c for c in rel.columns if c.name == name), None) if isinstance(rel, Table) else None
    if col is None:
        raise SqlError(sqlstate.UNDEFINED_COLUMN,
                       f'column "{name}" of relation "{rel.name if rel else table}" does not exist')
    for seq in session.catalog().relations.values():
        if isinstance(seq, Sequence) and seq.owned_by == (rel.oid, col.attnum):
            nsp = O.schema_name(session, seq.schema_oid) or ""
            return f"{O.quote_ident(nsp)}.{O.quote_ident(seq.name)}"
    return None


def _description(ctx: Any, oid: int, classoid: int | None, subid: int = 0) -> str | None:
    from sql.catalog_views.pg_relations import comment_class

    session = _s(ctx)
    text = session.catalog().comments.get((oid, subid))
    if text is None:
        return None
    if classoid is not None and comment_class(session, oid) != classoid:
        return None
    return text


_CLASS_OIDS = {"pg_class": 1259, "pg_namespace": 2615, "pg_type": 1247, "pg_constraint": 2606, "pg_proc": 1255,
               "pg_database": 1262, "pg_authid": 1260, "pg_tablespace": 1213}


@builtin("obj_description", (T.OID, T.NAME), T.TEXT, needs_ctx=True)
def obj_description(ctx: Any, oid: int, catalog: str) -> str | None:
    name = catalog.split(".")[-1]
    return _description(ctx, oid, _CLASS_OIDS.get(name, -1))


@builtin("obj_description", (T.OID,), T.TEXT, needs_ctx=True)
def obj_description1(ctx: Any, oid: int) -> str | None:
    return _description(ctx, oid, None)


@builtin("col_description", (T.OID, T.INT4), T.TEXT, needs_ctx=True)
def col_description(ctx: Any, oid: int, attnum: int) -> str | None:
    return _description(ctx, oid, None, attnum)


@builtin("shobj_description", (T.OID, T.NAME), T.TEXT)
def shobj_description(_oid: int, _catalog: str) -> None:
    return None


# to_reg* -------------------------------------------------------------------------------------------------
def _quietly(ctx: Any, type_oid: int, text: str) -> int | None:
    try:
        return _s(ctx).text_input(type_oid)(text)
    except SqlError:
        return None


@builtin("to_regclass", (T.TEXT,), T.REGCLASS, needs_ctx=True)
def to_regclass(ctx: Any, text: str) -> int | None:
    return _quietly(ctx, T.REGCLASS, text)


@builtin("to_regtype", (T.TEXT,), T.REGTYPE, needs_ctx=True)
def to_regtype(ctx: Any, text: str) -> int | None:
    return _quietly(ctx, T.REGTYPE, text)


@builtin("to_regproc|to_regprocedure", (T.TEXT,), REGPROC, needs_ctx=True)
def to_regproc(ctx: Any, text: str) -> int | None:
    return _quietly(ctx, REGPROC, re.sub(r"\(.*\)\s*$", "", text))


@builtin("to_regnamespace", (T.TEXT,), T.REGNAMESPACE, needs_ctx=True)
def to_regnamespace(ctx: Any, text: str) -> int | None:
    return _quietly(ctx, T.REGNAMESPACE, text)


@builtin("to_regrole", (T.TEXT,), T.OID, needs_ctx=True)
def to_regrole(ctx: Any, text: str) -> int | None:
    name = text[1:-1].replace('""', '"') if text.startswith('"') else text.lower()
    role = _s(ctx).instance.cluster().roles.get(name)
    return role.oid if role is not None else None


# schemas, encodings, sizes ----------------------------------------------------------------------------------
@builtin("current_schemas", (T.BOOL,), NAME_ARRAY, needs_ctx=True)
def current_schemas(ctx: Any, implicit: bool) -> list[str]:
    session = _s(ctx)
    oids = O.search_path_oids(session)
    names = [O.schema_name(session, o) for o in oids]
    if not implicit:
        explicit = set(session.search_path())
        names = [n for n in names if n in explicit]
    return [n for n in names if n is not None]


_ENCODINGS = {0: "SQL_ASCII", 6: "UTF8", 8: "LATIN1"}


@builtin("pg_encoding_to_char", (T.INT4,), T.NAME)
def pg_encoding_to_char(enc: int) -> str:
    return _ENCODINGS.get(enc, "")


@builtin("pg_char_to_encoding", (T.NAME,), T.INT4)
def pg_char_to_encoding(name: str) -> int:
    key = name.upper().replace("-", "").replace("_", "")
    for k, v in _ENCODINGS.items():
        if v.replace("_", "") == key or (key == "UNICODE" and k == 6):
            return k
    return -1


@builtin("pg_is_in_recovery", (), T.BOOL)
def pg_is_in_recovery() -> bool:
    return False


PAGE = 8192


def _sizes(ctx: Any, oid: int) -> tuple[int, int, int] | None:
    """(main fork, table incl. TOAST, indexes) in bytes: an estimate of one page per relation,
    what PostgreSQL reports for small tables (the heap of an empty table has no page)."""
    session = _s(ctx)
    cat = session.catalog()
    rel = cat.relations.get(oid)
    if isinstance(rel, Table):
        return 0, PAGE, PAGE * len(rel.indexes)
    if isinstance(rel, Sequence):
        return PAGE, PAGE, 0
    if isinstance(rel, View):
        return 0, 0, 0
    if O.index_by_oid(cat, oid) is not None:
        return PAGE, PAGE, 0
    return None


@builtin("pg_relation_size", (T.REGCLASS,), T.INT8, needs_ctx=True)
def pg_relation_size(ctx: Any, oid: int) -> int | None:
    s = _sizes(ctx, oid)
    return s[0] if s else None


@builtin("pg_relation_size", (T.REGCLASS, T.TEXT), T.INT8, needs_ctx=True)
def pg_relation_size_fork(ctx: Any, oid: int, fork: str) -> int | None:
    s = _sizes(ctx, oid)
    return (s[0] if fork == "main" else 0) if s else None


@builtin("pg_table_size", (T.REGCLASS,), T.INT8, needs_ctx=True)
def pg_table_size(ctx: Any, oid: int) -> int | None:
    s = _sizes(ctx, oid)
    return s[1] if s else None


@builtin("pg_indexes_size", (T.REGCLASS,), T.INT8, needs_ctx=True)
def pg_indexes_size(ctx: Any, oid: int) -> int | None:
    s = _sizes(ctx, oid)
    return s[2] if s else None


@builtin("pg_total_relation_size", (T.REGCLASS,), T.INT8, needs_ctx=True)
def pg_total_relation_size(ctx: Any, oid: int) -> int | None:
    s = _sizes(ctx, oid)
    return s[1] + s[2] if s else None


@builtin("pg_database_size|pg_tablespace_size", (T.NAME,), T.INT8)
def pg_database_size(_name: str) -> int:
    return 0


@builtin("pg_database_size|pg_tablespace_size", (T.OID,), T.INT8)
def pg_database_size_oid(_oid: int) -> int:
    return 0


@builtin("pg_stat_get_numscans|pg_stat_get_live_tuples|pg_stat_get_dead_tuples", (T.OID,), T.INT8)
def pg_stat_get_numscans(_oid: int) -> int:
    return 0


@builtin("pg_tablespace_location", (T.OID,), T.TEXT)
def pg_tablespace_location(_oid: int) -> str:
    return ""


@builtin("pg_relation_is_publishable", (T.REGCLASS,), T.BOOL, needs_ctx=True)
def pg_relation_is_publishable(ctx: Any, oid: int) -> bool:
    rel = _s(ctx).catalog().relations.get(oid)
    return isinstance(rel, Table) and rel.persistence != "t"


def _tdiv(a: int, b: int) -> int:
    """C integer division (truncates toward zero)."""
    q = abs(a) // b
    return q if a >= 0 else -q


def _size_pretty(n: Any) -> str:
    """PostgreSQL 15's pg_size_pretty: bytes below 10 kB (a numeric as given), then
    kB/MB/GB/TB/PB, truncating divisions and rounding the last half away from zero."""
    limit = 10 * 1024
    if abs(n) < limit:
        return f"{n} bytes"
    size = int(n)
    size = _tdiv(size, 1 << 9)
    for unit in ("kB", "MB", "GB", "TB", "PB"):
        if abs(size) < limit * 2 - 1 or unit == "PB":
            return f"{_tdiv(size + (-1 if size < 0 else 1), 2)} {unit}"
        size = _tdiv(size, 1 << 10)
    return ""


@builtin("pg_size_pretty", (T.INT8,), T.TEXT)
def pg_size_pretty(n: int) -> str:
    return _size_pretty(n)


@builtin("pg_size_pretty", (T.NUMERIC,), T.TEXT)
def pg_size_pretty_numeric(n: Any) -> str:
    return _size_pretty(n)


@set_returning("pg_get_keywords", (), [("word", T.TEXT), ("catcode", T.CHAR), ("barelabel", T.BOOL),
                                         ("catdesc", T.TEXT), ("baredesc", T.TEXT)])
def pg_get_keywords() -> Iterator[tuple[Any, ...]]:
    from sql.catalog_views.data_types import KEYWORDS

    return iter(KEYWORDS)


@set_returning("pg_partition_ancestors", (T.REGCLASS,), [("relid", T.REGCLASS)])
def pg_partition_ancestors(_oid: int) -> Iterator[tuple[Any, ...]]:
    return iter(())


@set_returning("pg_partition_tree", (T.REGCLASS,), [("relid", T.REGCLASS), ("parentrelid", T.REGCLASS),
                                                    ("isleaf", T.BOOL), ("level", T.INT4)])
def pg_partition_tree(_oid: int) -> Iterator[tuple[Any, ...]]:
    return iter(())


@builtin("pg_sequence_last_value", (T.REGCLASS,), T.INT8, needs_ctx=True)
def pg_sequence_last_value(ctx: Any, oid: int) -> int | None:
    session = _s(ctx)
    seq = session.catalog().relations.get(oid)
    if not isinstance(seq, Sequence):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{oid}" is not a sequence')
    value, called = session.db.sequence_state(seq, session.txn())
    return value if called else None


def procs_for(name: str) -> list[tuple[Any, ...]]:
    return procs_named(name)


from sql import (  # noqa: E402,F401
    functions_catalog_acl,
    functions_catalog_locks,
    functions_dumpsupport,
    functions_server_files,
    functions_signal,
)
