"""ALTER DEFAULT PRIVILEGES, DROP OWNED BY and REASSIGN OWNED BY (and the dispatch of the other
statements of :mod:`sql.priv_parser`).

Default privileges are kept on the schema they are for (``Schema.default_acl``, key
``"<role oid>:<kind>"``); the ones given without IN SCHEMA are kept on the public schema under
``"*<role oid>:<kind>"``. A new object owned by that role starts with them as its ACL.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from auth.privileges import (
    SCHEMA_ALL,
    SEQUENCE_ALL,
    TABLE_ALL,
    format_grants,
    parse_grants,
)
from auth.privileges import grant as acl_grant
from auth.privileges import revoke as acl_revoke
from sql import sqlstate
from sql.catalog import encode_schema, encode_type, fun_key, nsp_key, typ_key
from sql.errors import SqlError
from sql.executor.ddl_util import done, write_relation
from sql.executor.grants import letters_for
from sql.priv_parser import DefaultPrivStmt, OwnedStmt, PolicyStmt, PrivStmt, RowSecurityStmt
from sql.result import Result

_KINDS = {"tables": ("r", TABLE_ALL, "table"), "sequences": ("S", SEQUENCE_ALL, "sequence"),
          "functions": ("f", "X", "function"), "types": ("T", "U", "type"), "schemas": ("n", SCHEMA_ALL, "schema")}
PUBLIC_SCHEMA = "public"


def priv_statement(session: Any, u: PrivStmt) -> Result:
    if isinstance(u, DefaultPrivStmt):
        return default_privileges(session, u)
    if isinstance(u, OwnedStmt):
        return drop_owned(session, u) if u.action == "drop" else reassign_owned(session, u)
    from sql.executor import rls

    if isinstance(u, RowSecurityStmt):
        return rls.row_security(session, u)
    assert isinstance(u, PolicyStmt)
    return rls.policy_statement(session, u)


def _role_oid(session: Any, name: str) -> int:
    if name == "public":
        return 0
    if name.startswith("@"):
        return session.session_role.oid if name == "@session_user" else session.current_role.oid
    r = session.instance.cluster().roles.get(name)
    if r is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
    return r.oid


def _require_member(session: Any, oid: int, what: str) -> None:
    if session.is_superuser or oid in session.instance.cluster().roles.all_memberships(session.current_role.oid):
        return
    raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, what)


# ALTER DEFAULT PRIVILEGES -------------------------------------------------------------------------------
def default_privileges(session: Any, u: DefaultPrivStmt) -> Result:
    g = u.grant
    letter_kind, allowed, word = _KINDS[g.object_kind]
    if u.schemas and g.object_kind == "schemas":
        raise SqlError(sqlstate.INVALID_GRANT_OPERATION, "cannot use IN SCHEMA clause when using GRANT/REVOKE ON "
                       "SCHEMAS")
    letters = letters_for(g.privileges, allowed, word)
    roles = [_role_oid(session, r) for r in u.roles] or [session.current_role.oid]
    for r in roles:
        _require_member(session, r, "permission denied to change default privileges")
    grantees = [_role_oid(session, n) for n in g.grantees]
    catalog = session.catalog()
    targets = []
    for name in u.schemas or (PUBLIC_SCHEMA,):
        s = catalog.schema(name)
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
        targets.append(s)
    for s in targets:
        dacl = dict(s.default_acl)
        for r in roles:
            key = f"{'' if u.schemas else '*'}{r}:{letter_kind}"
            # a default for every schema is a whole ACL, starting from the built-in one (the owner's
            # privileges, and PUBLIC's EXECUTE / USAGE on functions / types); one for a schema adds grants
            builtin = {} if u.schemas else builtin_default_acl(r, letter_kind)
            acl = {int(k): v for k, v in dacl[key].items()} if key in dacl else dict(builtin)
            if g.is_grant:
                acl = acl_grant(acl, grantees, letters, None, g.grant_option)
            else:
                acl = acl_revoke(acl, grantees, letters, None, option_only=g.grant_option)
            if acl and acl != builtin:
                dacl[key] = {str(k): v for k, v in acl.items()}
            else:
                dacl.pop(key, None)
        s2 = replace(s, default_acl=dacl)
        session.txn().put_catalog(nsp_key(s.oid), encode_schema(s2))
        catalog = catalog.with_schema(s2)
        session.set_local_catalog(catalog)
    return done("ALTER DEFAULT PRIVILEGES")


_BUILTIN_LETTERS = {"r": (TABLE_ALL, ""), "S": (SEQUENCE_ALL, ""), "f": ("X", "X"), "T": ("U", "U"), "n": ("UC", "")}


def builtin_default_acl(owner: int, kind: str) -> dict[int, str]:
    """PostgreSQL's hard-wired ACL of a new object of ``kind`` (r, S, f, T, n) owned by ``owner``."""
    mine, public = _BUILTIN_LETTERS.get(kind, ("", ""))
    out = {owner: mine} if mine else {}
    if public:
        out[0] = public
    return out


def default_acl(session: Any, catalog: Any, schema_oid: int, owner: int, kind: str) -> dict[int, str]:
    """The ACL a new object of ``kind`` (r table, S sequence, f function, T type) owned by ``owner`` in the
    schema starts with: the owner's ALTER DEFAULT PRIVILEGES, global and for the schema. Empty: the
    built-in default."""
    out: dict[int, str] = {}
    public = catalog.schema(PUBLIC_SCHEMA)
    schema = catalog.schemas.get(schema_oid)
    for s, key in ((public, f"*{owner}:{kind}"), (schema, f"{owner}:{kind}")):
        if s is None or not s.default_acl or key not in s.default_acl:
            continue
        if not out and not key.startswith("*") and kind in ("f", "T"):
            out = builtin_default_acl(owner, kind)  # keep PUBLIC's EXECUTE / USAGE beside the added grants
        for grantee, value in s.default_acl[key].items():
            for _gr, letters, options in parse_grants(value):
                out = acl_grant(out, [int(grantee)], letters, None, False)
                if options:
                    out = acl_grant(out, [int(grantee)], options, None, True)
    return out


# DROP OWNED / REASSIGN OWNED -------------------------------------------------------------------------
def _without(acl: dict[int, str], role: int) -> dict[int, str]:
    """``acl`` without the grants to ``role`` and the grants ``role`` made."""
    out = {}
    for grantee, value in acl.items():
        if grantee == role:
            continue
        kept = format_grants(g for g in parse_grants(value) if g[0] != role)
        if kept:
            out[grantee] = kept
    return out


def drop_owned(session: Any, u: OwnedStmt) -> Result:
    import sqlglot

    from sql.dialect import PgDialect
    from sql.executor import ddl

    oids = [_role_oid(session, n) for n in u.roles]
    for oid in oids:
        _require_member(session, oid, "permission denied to drop objects")
    cascade = " CASCADE" if u.cascade else ""
    owned = set(oids)
    for kind_order in ("v", "r", "S"):
        for rel in list(session.catalog().relations.values()):
            if rel.owner not in owned or rel.kind != kind_order or getattr(rel, "owned_by", None):
                continue
            if session.catalog().relations.get(rel.oid) is None:
                continue  # gone with an earlier CASCADE
            word = {"v": "VIEW", "r": "TABLE", "S": "SEQUENCE"}[rel.kind]
            ddl.execute(session, sqlglot.parse_one(f"DROP {word} IF EXISTS {_qualified(session, rel)}{cascade}",
                                                   read=PgDialect))
    for t in list(session.catalog().types.values()):
        if t.owner in owned:
            ddl.execute(session, sqlglot.parse_one(f"DROP TYPE IF EXISTS {_qualified(session, t)}{cascade}",
                                                   read=PgDialect))
    _revoke_all(session, owned)
    for s in list(session.catalog().schemas.values()):
        if s.owner in owned and s.name != PUBLIC_SCHEMA:
            from sql.catalog_views.objects import quote_ident

            ddl.execute(session, sqlglot.parse_one(f"DROP SCHEMA IF EXISTS {quote_ident(s.name)}{cascade}",
                                                   read=PgDialect))
    return done("DROP OWNED")


def _qualified(session: Any, obj: Any) -> str:
    from sql.catalog_views.objects import quote_ident

    schema = session.catalog().schemas.get(obj.schema_oid)
    return f"{quote_ident(schema.name)}.{quote_ident(obj.name)}" if schema is not None else quote_ident(obj.name)


def _revoke_all(session: Any, roles: set[int]) -> None:
    """Take every privilege granted to (or by) ``roles`` in this database and on the databases."""
    catalog = session.catalog()
    txn = session.txn()

    def strip(acl: dict[int, str]) -> dict[int, str]:
        for r in roles:
            acl = _without(acl, r)
        return acl

    for rel in list(catalog.relations.values()):
        columns = tuple(replace(c, acl=strip(c.acl)) for c in getattr(rel, "columns", ()))
        changed = strip(rel.acl) != rel.acl or any(c.acl != o.acl for c, o in zip(columns, getattr(rel, "columns", ())))
        if changed:  # a table's ACL, once not the default, keeps the owner's entry (as PostgreSQL shows it)
            acl = strip(rel.acl) or ({rel.owner: "rwU" if rel.kind == "S" else "arwdDxt"} if rel.acl else {})
            new = replace(rel, acl=acl, **({"columns": columns} if hasattr(rel, "columns") else {}))
            catalog = write_relation(session, catalog, new)
    for s in list(catalog.schemas.values()):
        dacl = {k: v for k, v in s.default_acl.items() if int(k.lstrip("*").split(":")[0]) not in roles}
        if strip(s.acl) != s.acl or dacl != s.default_acl:
            s2 = replace(s, acl=strip(s.acl), default_acl=dacl)
            txn.put_catalog(nsp_key(s.oid), encode_schema(s2))
            catalog = catalog.with_schema(s2)
    for t in list(catalog.types.values()):
        if strip(t.acl) != t.acl:
            t2 = replace(t, acl=strip(t.acl) or {t.owner: "U"})
            txn.put_catalog(typ_key(t.oid), encode_type(t2))
            catalog = catalog.with_type(t2)
    for fn in list(catalog.functions.values()):
        if strip(fn.acl) != fn.acl:
            f2 = replace(fn, acl=strip(fn.acl))
            txn.put_catalog(fun_key(fn.oid), f2.to_record())
            catalog = catalog.with_function(f2)
    session.set_local_catalog(catalog)
    inst = session.instance
    for d in list(inst.cluster().databases.values()):
        if strip(d.acl) != d.acl:
            inst.set_database_acl(d, strip(d.acl)).result()


def reassign_owned(session: Any, u: OwnedStmt) -> Result:
    oids = [_role_oid(session, n) for n in u.roles]
    assert u.new_owner is not None
    new_owner = _role_oid(session, u.new_owner)
    for oid in oids:
        _require_member(session, oid, "permission denied to reassign objects")
    _require_member(session, new_owner, "permission denied to reassign objects")
    old = set(oids)
    catalog = session.catalog()
    txn = session.txn()
    from auth.privileges import SCHEMA_ALL, SEQUENCE_ALL, TABLE_ALL, new_owner_acl

    for rel in list(catalog.relations.values()):
        if rel.owner in old:
            letters = SEQUENCE_ALL if rel.kind == "S" else TABLE_ALL
            acl = new_owner_acl(getattr(rel, "acl", None), rel.owner, new_owner, letters)
            catalog = write_relation(session, catalog, replace(rel, owner=new_owner, acl=acl))
    for s in list(catalog.schemas.values()):
        if s.owner in old:
            s2 = replace(s, owner=new_owner, acl=new_owner_acl(s.acl, s.owner, new_owner, SCHEMA_ALL))
            txn.put_catalog(nsp_key(s.oid), encode_schema(s2))
            catalog = catalog.with_schema(s2)
    for t in list(catalog.types.values()):
        if t.owner in old:
            t2 = replace(t, owner=new_owner)
            txn.put_catalog(typ_key(t.oid), encode_type(t2))
            catalog = catalog.with_type(t2)
    for fn in list(catalog.functions.values()):
        if fn.owner in old:
            f2 = replace(fn, owner=new_owner)
            txn.put_catalog(fun_key(fn.oid), f2.to_record())
            catalog = catalog.with_function(f2)
    session.set_local_catalog(catalog)
    inst = session.instance
    for d in list(inst.cluster().databases.values()):
        if d.owner in old:
            from sql.executor.acl import _db_key
            from sql.instance import DatabaseRecord

            rec = DatabaseRecord(d.oid, d.name, new_owner, d.acl, d.allow_connections, d.connlimit)
            inst._commit_global([(_db_key(d.oid), rec.to_record())]).result()
    return done("REASSIGN OWNED")
