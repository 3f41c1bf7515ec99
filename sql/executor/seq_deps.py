"""Column defaults that use a sequence (``DEFAULT nextval('s')``, serial columns): they depend on
it, so DROP SEQUENCE fails without CASCADE and with CASCADE drops those defaults (PostgreSQL's
pg_depend entries for a regclass constant in the default expression)."""

from __future__ import annotations

import re
from typing import Any

from sql.catalog import Catalog, Sequence, Table, replace_table
from sql.executor import ddl_util as U

_NEXTVAL = re.compile(r"""nextval\('((?:[^']|'')+)'(?:::regclass)?\)""", re.I)


def _names(text: str) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    for m in _NEXTVAL.finditer(text):
        parts = [p.strip('"') if p.startswith('"') else p.lower() for p in m.group(1).replace("''", "'").split(".")]
        out.append((parts[-2] if len(parts) > 1 else None, parts[-1]))
    return out


def default_dependents(catalog: Catalog, seq: Sequence, dropping: set[int]) -> list[tuple[int, str, Any]]:
    """(sort oid, description, ("default", table oid, attnum)) for defaults calling nextval(seq)."""
    schema = catalog.schemas.get(seq.schema_oid)
    out: list[tuple[int, str, Any]] = []
    for rel in catalog.relations.values():
        if not isinstance(rel, Table) or rel.oid in dropping:
            continue
        for col in rel.columns:
            if not col.default or col.identity or col.generated or "nextval" not in col.default.lower():
                continue
            for sch, name in _names(col.default):
                if name == seq.name and (sch is None or (schema is not None and sch == schema.name)):
                    out.append((rel.oid, f"default value for column {col.name} of table {rel.name}",
                                ("default", rel.oid, col.attnum)))
                    break
    return out


def drop_default(session: Any, catalog: Catalog, table_oid: int, attnum: int) -> Catalog:
    table = catalog.relations.get(table_oid)
    if not isinstance(table, Table):
        return catalog
    cols = tuple(replace_table(c, default=None) if c.attnum == attnum else c for c in table.columns)
    return U.write_relation(session, catalog, replace_table(table, columns=cols))
