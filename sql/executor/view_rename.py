"""Views keep reading a relation or schema that is renamed or moved (PostgreSQL binds a view to
the relations' OIDs; pgserver keeps the view's query text, so the names in it are rewritten)."""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp

from sql.catalog import Catalog, View, replace_table
from sql.dialect import PgDialect
from sql.executor import ddl_util as U


def _ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def _rewrite(session: Any, catalog: Catalog, view: View, change: Any) -> Catalog:
    tree = sqlglot.parse_one(view.query, read=PgDialect)
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    changed = False
    for t in list(tree.find_all(exp.Table)):
        if not t.args.get("db") and t.name in ctes:
            continue
        changed = change(t) or changed
    if not changed:
        return catalog
    return U.write_relation(session, catalog, replace_table(view, query=tree.sql("postgres")))


def relation_renamed(session: Any, catalog: Catalog, rel: Any, old_name: str, old_schema: str,
                     new_name: str | None = None, new_schema: str | None = None) -> Catalog:
    """After ALTER ... RENAME TO (``new_name``) or SET SCHEMA (``new_schema``) of ``rel``."""
    def change(t: exp.Table) -> bool:
        db = t.args.get("db")
        if t.name != old_name or (db is not None and db.name != old_schema):
            return False
        if new_name is not None:
            t.set("this", _ident(new_name))
        if new_schema is not None:
            t.set("db", _ident(new_schema))
        return True

    for view in list(catalog.relations.values()):
        if isinstance(view, View) and rel.oid in view.depends and view.oid != rel.oid:
            catalog = _rewrite(session, catalog, view, change)
    return catalog


def schema_renamed(session: Any, catalog: Catalog, old: str, new: str) -> Catalog:
    """After ALTER SCHEMA old RENAME TO new: qualified names old.x in views become new.x."""
    def change(t: exp.Table) -> bool:
        db = t.args.get("db")
        if db is None or db.name != old:
            return False
        t.set("db", _ident(new))
        return True

    for view in list(catalog.relations.values()):
        if isinstance(view, View):
            catalog = _rewrite(session, catalog, view, change)
    return catalog


def column_renamed(session: Any, catalog: Catalog, rel: Any, old: str, new: str) -> Catalog:
    """After ALTER TABLE ... RENAME COLUMN old TO new: references to it in views that read ``rel``
    (qualified by the table's name or alias, or unqualified when no other relation the view reads
    has a column of that name). The view's own column names stay as they are."""
    for view in list(catalog.relations.values()):
        if not isinstance(view, View) or rel.oid not in view.depends or view.oid == rel.oid:
            continue
        others = [catalog.relations.get(o) for o in view.depends if o != rel.oid]
        ambiguous = any(old in getattr(r, "column_positions", {}) for r in others if r is not None)
        tree = sqlglot.parse_one(view.query, read=PgDialect)
        ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
        names = {t.alias_or_name for t in tree.find_all(exp.Table)
                 if t.name == rel.name and not (not t.args.get("db") and t.name in ctes)}
        changed = False
        for col in list(tree.find_all(exp.Column)):
            if col.name != old or (col.table and col.table not in names) or (not col.table and ambiguous):
                continue
            col.set("this", _ident(new))
            changed = True
        if changed:
            catalog = U.write_relation(session, catalog, replace_table(view, query=tree.sql("postgres")))
    return catalog
