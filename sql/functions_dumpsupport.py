"""Catalog helper functions pg_dump calls: acldefault (the built-in default ACL of an object kind)
and pg_options_to_table (reloptions-style ``name=value`` arrays as rows)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog_views.base import _acl_name
from sql.catalog_views.systypes import ACLITEM_ARRAY
from sql.errors import SqlError
from sql.functions import builtin, set_returning

# object kind letter -> (privileges of the owner, privileges PUBLIC has by default)
_DEFAULTS = {
    "c": ("arwx", ""),  # column
    "r": ("arwdDxt", ""),  # relation
    "s": ("rwU", ""),  # sequence
    "d": ("CTc", "Tc"),  # database
    "f": ("X", "X"),  # function
    "l": ("U", "U"),  # language
    "L": ("rw", ""),  # large object
    "n": ("UC", ""),  # schema
    "t": ("C", ""),  # tablespace
    "F": ("U", ""),  # foreign data wrapper
    "S": ("U", ""),  # foreign server
    "T": ("U", "U"),  # type
    "p": ("sA", ""),  # parameter
}


@builtin("acldefault", (T.CHAR, T.OID), ACLITEM_ARRAY, needs_ctx=True)
def _acldefault(ctx: Any, kind: str, owner: int) -> list[str]:
    spec = _DEFAULTS.get(kind)
    if spec is None:
        raise SqlError(sqlstate.INTERNAL_ERROR, f"unrecognized object type abbreviation: {kind}")
    owner_privs, public_privs = spec
    name = _acl_name(ctx.session.instance.cluster().roles.name_of(owner))
    items = [f"={public_privs}/{name}"] if public_privs else []
    items.append(f"{name}={owner_privs}/{name}")
    return items


@set_returning("pg_options_to_table", (T.array_type(T.TEXT),), [("option_name", T.TEXT), ("option_value", T.TEXT)])
def _options_to_table(options: list[Any]) -> Iterator[tuple[Any, Any]]:
    for opt in options:
        if opt is None:
            continue
        name, sep, value = str(opt).partition("=")
        yield (name, value if sep else None)
