"""GRANT / REVOKE on databases, schemas, types, tables (whole or by column) and sequences.

The owner (or a superuser, or a member of the owner role) grants as the owner. Anyone else
grants what they hold WITH GRANT OPTION and is recorded as the grantor; holding some privilege
but no grant option gives only a WARNING, holding none is 42501 (PostgreSQL's
restrict_and_check_grant). REVOKE takes back the grants the revoker made; grants that were made
with a grant option that is now gone are revoked too with CASCADE, else 2BP01.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from auth.privileges import (
    DATABASE_ALL,
    PRIVILEGE_LETTERS,
    SCHEMA_ALL,
    SEQUENCE_ALL,
    TABLE_ALL,
    acl_entries,
    has_privilege,
    revoke_dependents,
)
from auth.privileges import grant as acl_grant
from auth.privileges import revoke as acl_revoke
from sql import sqlstate
from sql.catalog import Sequence, encode_schema, encode_type, nsp_key, replace_table, typ_key
from sql.errors import SqlError
from sql.executor.ddl_util import done, write_relation
from sql.result import Result
from sql.utility_parser import GrantStmt

COLUMN_ALL = "arwx"
TYPE_ALL = "U"


def letters_for(privs: tuple[str, ...], allowed: str, kind: str) -> str:
    if privs == ("ALL",):
        return allowed
    out = ""
    for p in privs:
        letter = PRIVILEGE_LETTERS.get(p)
        if letter is None or letter not in allowed:
            raise SqlError(sqlstate.INVALID_GRANT_OPERATION, f"invalid privilege type {p} for {kind}")
        out += letter
    return out


class _Granter:
    """The grantor's rights on one object and the resulting ACL changes."""

    def __init__(self, session: Any, u: GrantStmt, grantees: list[int]) -> None:
        self.session = session
        self.u = u
        self.grantees = grantees
        self.roles = session.role_memberships()
        self.superuser = session.is_superuser
        self.notices: list[SqlError] = []

    def grantor(self, owner: int, acls: list[dict[int, str]], letters: str, word: str, name: str,
                ) -> tuple[int | None, str]:
        """(grantor, the letters it may grant) -- None is the owner; warns or raises as PostgreSQL does."""
        if self.superuser or owner in self.roles:
            return None, letters
        entries = [e for acl in acls for e in acl_entries(acl) if e[0] in self.roles and e[0] != 0]
        holders: dict[int, str] = {}
        for grantee, _gr, _letters, options in entries:
            holders[grantee] = holders.get(grantee, "") + options
        me = self.session.current_role.oid
        who = me if holders.get(me) else next((g for g, o in holders.items() if o), None)
        grantable = "".join(c for c in letters if who is not None and c in holders[who])
        if not grantable:
            if not any(has_privilege(self.roles, False, owner, acl, c) for acl in acls for c in TABLE_ALL + "UCTcX"):
                raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for {word} {name}")
        if not grantable:
            self._warn(name, none=True)
        elif len(grantable) < len(letters) and self.u.privileges != ("ALL",):
            self._warn(name, none=False)
        return who, grantable

    def _warn(self, name: str, none: bool) -> None:
        if self.u.is_grant:
            code = sqlstate.PRIVILEGE_NOT_GRANTED
            msg = f'no privileges were granted for "{name}"' if none else \
                f'not all privileges were granted for "{name}"'
        else:
            code = sqlstate.PRIVILEGE_NOT_REVOKED
            msg = f'no privileges could be revoked for "{name}"' if none else \
                f'not all privileges could be revoked for "{name}"'
        self.notices.append(SqlError(code, msg, severity="WARNING"))

    def apply(self, acl: dict[int, str] | None, owner: int, grantor: int | None, letters: str) -> dict[int, str]:
        if not letters:
            return dict(acl or {})
        if self.u.is_grant:
            return acl_grant(acl, self.grantees, letters, grantor, self.u.grant_option)
        out = acl_revoke(acl, self.grantees, letters, grantor, option_only=self.u.grant_option)
        return revoke_dependents(out, owner, self.u.cascade)

    def change(self, owner: int, acl: dict[int, str], letters: str, word: str, name: str) -> dict[int, str]:
        grantor, letters = self.grantor(owner, [acl], letters, word, name)
        return self.apply(acl, owner, grantor, letters)


def object_grant(session: Any, u: GrantStmt, grantees: list[int]) -> Result:
    tag = "GRANT" if u.is_grant else "REVOKE"
    g = _Granter(session, u, grantees)
    handler = _HANDLERS.get(u.object_kind, _relations)
    handler(session, u, g)
    return done(tag, g.notices)


def _databases(session: Any, u: GrantStmt, g: _Granter) -> None:
    letters = letters_for(u.privileges, DATABASE_ALL, "database")
    inst = session.instance
    for _schema, name in u.objects:
        rec = inst.cluster().databases.get(name)
        if rec is None:
            raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{name}" does not exist')
        from sql.org_roles import memberships_on_database

        g.roles = memberships_on_database(session, rec.oid)  # organization roles count in their database only
        acl = g.change(rec.owner, rec.acl, letters, "database", name)
        inst.set_database_acl(rec, acl).result()


def _schemas(session: Any, u: GrantStmt, g: _Granter) -> None:
    letters = letters_for(u.privileges, SCHEMA_ALL, "schema")
    catalog = session.catalog()
    for _s, name in u.objects:
        s = catalog.schema(name)
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
        base = s.acl or ({0: "U"} if s.name == "public" else {})  # PG 15: USAGE on public for PUBLIC
        acl = g.change(s.owner, base, letters, "schema", name)
        s2 = replace(s, acl=acl)
        session.txn().put_catalog(nsp_key(s.oid), encode_schema(s2))
        catalog = catalog.with_schema(s2)
        session.set_local_catalog(catalog)


def _types(session: Any, u: GrantStmt, g: _Granter) -> None:
    from sql.executor.objects import _find_type

    letters = letters_for(u.privileges, TYPE_ALL, "type")
    catalog = session.catalog()
    for schema, name in u.objects:
        t = _find_type(session, catalog, schema, name)
        if t is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{name}" does not exist')
        base = t.acl or {0: "U"}  # types are usable by PUBLIC by default
        acl = g.change(t.owner, base, letters, "type", name) or {t.owner: "U"}
        t2 = type(t)(**{**t.__dict__, "acl": acl})
        session.txn().put_catalog(typ_key(t.oid), encode_type(t2))
        catalog = catalog.with_type(t2)
        session.set_local_catalog(catalog)


def _relations(session: Any, u: GrantStmt, g: _Granter) -> None:
    catalog = session.catalog()
    rels: list[Any] = []
    if u.object_kind in ("all_tables", "all_sequences"):
        want = "r" if u.object_kind == "all_tables" else "S"
        for _s, sname in u.objects:
            s = catalog.schema(sname)
            if s is None:
                raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{sname}" does not exist')
            rels.extend(r for r in catalog.relations.values() if r.schema_oid == s.oid and r.kind == want)
    else:
        for schema, name in u.objects:
            rel = session.lookup_relation(schema, name, catalog)
            if rel is None or getattr(rel, "virtual", False):
                if rel is not None:
                    raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for table {name}")
                raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{name}" does not exist')
            if u.object_kind == "sequence" and rel.kind != "S":
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a sequence')
            rels.append(rel)
    for rel in rels:
        catalog = write_relation(session, catalog, _relation_acl(u, g, rel))


def _relation_acl(u: GrantStmt, g: _Granter, rel: Any) -> Any:
    seq = rel.kind == "S"
    word = "sequence" if seq else "table"
    privs = u.priv_columns or tuple(() for _ in u.privileges)
    whole = tuple(p for p, cols in zip(u.privileges, privs) if not cols)
    by_column = [(p, cols) for p, cols in zip(u.privileges, privs) if cols]
    columns = list(getattr(rel, "columns", ()))
    col_acls = [c.acl for c in columns]
    if whole:
        letters = letters_for(whole, SEQUENCE_ALL if seq else TABLE_ALL, word)
        grantor, letters = g.grantor(rel.owner, [rel.acl, *col_acls], letters, word, rel.name)
        acl = g.apply(rel.acl, rel.owner, grantor, letters)
        col_letters = "".join(c for c in letters if c in COLUMN_ALL)
        if not u.is_grant and col_letters:  # a table-level REVOKE takes the column privileges too
            columns = [_replace_column(c, g.apply(c.acl, rel.owner, grantor, col_letters)) for c in columns]
    else:
        acl = rel.acl
    for p, cols in by_column:
        if seq:
            raise SqlError(sqlstate.INVALID_GRANT_OPERATION, f"invalid privilege type {p} for sequence")
        letters = letters_for((p,), COLUMN_ALL, "column")
        positions = []
        for cname in cols:
            pos = next((i for i, c in enumerate(columns) if c.name == cname), None)
            if pos is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN,
                               f'column "{cname}" of relation "{rel.name}" does not exist')
            positions.append(pos)
        grantor, letters = g.grantor(rel.owner, [rel.acl, *col_acls], letters, word, rel.name)
        for pos in positions:
            c = columns[pos]
            columns[pos] = _replace_column(c, g.apply(c.acl, rel.owner, grantor, letters))
    if seq:
        return Sequence(**{**rel.__dict__, "acl": acl})
    return replace_table(rel, acl=acl, columns=tuple(columns))


def _replace_column(c: Any, acl: dict[int, str]) -> Any:
    return replace(c, acl=acl)


_HANDLERS: dict[str, Callable[[Any, GrantStmt, _Granter], None]] = {
    "database": _databases, "schema": _schemas, "type": _types,
}
