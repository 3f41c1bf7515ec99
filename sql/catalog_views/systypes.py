"""The system-catalog types the catalog relations need as column types.

``int2vector`` (``pg_index.indkey``), ``oidvector`` (``pg_proc.proargtypes``), ``aclitem`` /
``aclitem[]`` (``relacl``), ``pg_node_tree`` (``pg_attrdef.adbin``) and ``xid``
(``pg_database.datfrozenxid``) are not in :mod:`sql.datatypes.registry`; :func:`install` adds
them to its tables (only those still missing there, so it is a no-op once the registry has them
itself). Their datums:

* int2vector / oidvector: ``list[int]``. They are array-like (category ``A``, element int2 /
  oid), so ``unnest``, ``generate_subscripts``, ``array_to_string`` and subscripts work; the
  wire text form is PostgreSQL's space-separated ``1 2`` (see :func:`vector_out`, used by
  ``Session.text_output``). Subscripts start at 1 here, at 0 in PostgreSQL.
* aclitem: ``str`` such as ``alice=arwdDxt/alice``; pg_node_tree: ``str`` (we keep SQL text
  where PostgreSQL keeps a node tree, and ``pg_get_expr`` prints it); xid: ``int``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

INT2VECTOR, OIDVECTOR, XID, PG_NODE_TREE, ACLITEM = 22, 30, 28, 194, 1033
INT2VECTOR_ARRAY, OIDVECTOR_ARRAY, XID_ARRAY, ACLITEM_ARRAY = 1006, 1013, 1011, 1034
VECTOR_TYPES = (INT2VECTOR, OIDVECTOR)

_installed = [False]


def vector_out(value: list[Any]) -> str:
    """int2vector / oidvector text output: elements separated by single spaces."""
    return " ".join(str(v) for v in value)


def vector_in(limit_bits: int, signed: bool) -> Callable[[str], list[int]]:
    lo, hi = (-(2 ** (limit_bits - 1)), 2 ** (limit_bits - 1) - 1) if signed else (0, 2**limit_bits - 1)
    name = "smallint" if signed else "oid"

    def parse(text: str) -> list[int]:
        out = []
        for part in text.split():
            try:
                v = int(part)
            except ValueError:
                raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                               f'invalid input syntax for type {name}: "{part}"') from None
            if not lo <= v <= hi:
                raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE,
                               f'value "{part}" is out of range for type {name}')
            out.append(v)
        return out

    return parse


def _aclitem_in(text: str) -> str:
    s = text.strip()
    if "=" not in s:
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'missing "=" sign in aclitem "{text}"')
    return s


def install() -> None:
    """Add the system types to the datatypes registry and its I/O tables (once)."""
    if _installed[0]:
        return
    _installed[0] = True
    from sql.datatypes import binary, registry, textio
    from sql.datatypes.numbers import int_out, oid_in
    from sql.datatypes.strings import text_in, text_out

    rows = [
        # (oid, typname, sql_name, typlen, typbyval, category, array_oid, typelem)
        (INT2VECTOR, "int2vector", "int2vector", -1, False, "A", INT2VECTOR_ARRAY, registry.INT2),
        (OIDVECTOR, "oidvector", "oidvector", -1, False, "A", OIDVECTOR_ARRAY, registry.OID),
        (XID, "xid", "xid", 4, True, "U", XID_ARRAY, 0),
        (PG_NODE_TREE, "pg_node_tree", "pg_node_tree", -1, False, "Z", 0, 0),
        (ACLITEM, "aclitem", "aclitem", 12, False, "U", ACLITEM_ARRAY, 0),
    ]
    for oid, name, sql_name, typlen, byval, cat, arr, elem in rows:
        if registry.find_type_by_oid(oid) is not None:
            continue
        t = registry.PgType(oid, name, sql_name, typlen, byval, cat, False, arr, elem)
        registry._BY_OID[oid] = t
        registry._BY_TYPNAME[name] = t
        if arr and registry.find_type_by_oid(arr) is None:
            a = registry.PgType(arr, "_" + name, sql_name + "[]", -1, False, "A", False, 0, oid)
            registry._BY_OID[arr] = a
            registry._BY_TYPNAME[a.name] = a
    textio._SIMPLE_IN.setdefault(XID, oid_in)
    textio._SIMPLE_OUT.setdefault(XID, int_out)
    textio._SIMPLE_IN.setdefault(PG_NODE_TREE, text_in)
    textio._SIMPLE_OUT.setdefault(PG_NODE_TREE, text_out)
    textio._SIMPLE_IN.setdefault(ACLITEM, _aclitem_in)
    textio._SIMPLE_OUT.setdefault(ACLITEM, text_out)
    binary._SEND.setdefault(XID, binary._oid_send)
    binary._RECV.setdefault(XID, binary._fixed(binary._U32))
    binary._SEND.setdefault(PG_NODE_TREE, binary._text_send)
    binary._RECV.setdefault(PG_NODE_TREE, binary._text_recv)
