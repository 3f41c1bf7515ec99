"""Row-level security: ALTER TABLE ... ENABLE / DISABLE / [NO] FORCE ROW LEVEL SECURITY,
CREATE / ALTER / DROP POLICY, and the row filter a query's scan of such a table gets.

A policy is kept on its table (``Table.policies``: name -> {"permissive", "cmd" (r a w d *),
"roles" (OIDs, 0 for PUBLIC), "using", "check" (SQL text or None)}). When row security applies
(enabled, and the role is neither a superuser nor BYPASSRLS nor -- unless FORCEd -- the owner),
a scan passes the rows for which some permissive policy's USING holds and every restrictive
one's does; no permissive policy means no rows. Writes are checked in :mod:`sql.executor.rls_writes`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from auth.privileges import check_owner
from sql import sqlstate
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.ddl_util import done, notice
from sql.priv_parser import PolicyStmt, RowSecurityStmt
from sql.result import Result


def _table(session: Any, schema: str | None, name: str, if_exists: bool = False) -> Any:
    catalog = session.catalog()
    rel = U.lookup(session, catalog, schema, name)
    if rel is None:
        if if_exists:
            return None
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{name}" does not exist')
    if rel.kind != "r":
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a table')
    check_owner(session.role_memberships(), session.is_superuser, rel.owner, "table", rel.name)
    return rel


def row_security(session: Any, u: RowSecurityStmt) -> Result:
    rel = _table(session, u.schema, u.table, u.if_exists)
    if rel is None:
        return done("ALTER TABLE", [notice(f'relation "{u.table}" does not exist, skipping')])
    enabled = rel.row_security != ""
    forced = rel.row_security == "f"
    if u.action == "enable":
        enabled = True
    elif u.action == "disable":
        enabled = False
    else:
        forced = u.action == "force"
    # relrowsecurity and relforcerowsecurity are independent flags in PostgreSQL
    flag = ("e" if enabled else "") + ("f" if forced else "")
    U.write_relation(session, session.catalog(), replace(rel, row_security=flag))
    return done("ALTER TABLE")


def policy_statement(session: Any, u: PolicyStmt) -> Result:
    tag = f"{u.action.upper()} POLICY"
    rel = _table(session, u.schema, u.table)
    policies = dict(rel.policies)
    if u.action == "create":
        if u.name in policies:
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'policy "{u.name}" for table "{rel.name}" already exists')
        policies[u.name] = {"permissive": u.permissive, "cmd": u.command, "roles": _roles(session, u.roles),
                            "using": _checked(session, rel, u.using), "check": _checked(session, rel, u.check)}
    else:
        if u.name not in policies:
            if u.action == "drop" and u.if_exists:
                return done(tag, [notice(f'policy "{u.name}" for relation "{rel.name}" does not exist, skipping')])
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'policy "{u.name}" for table "{rel.name}" does not exist')
        if u.action == "drop":
            del policies[u.name]
        elif u.new_name is not None:
            if u.new_name in policies:
                raise SqlError(sqlstate.DUPLICATE_OBJECT,
                               f'policy "{u.new_name}" for table "{rel.name}" already exists')
            policies[u.new_name] = policies.pop(u.name)
        else:
            p = dict(policies[u.name])
            if u.roles:
                p["roles"] = _roles(session, u.roles)
            if u.using is not None:
                p["using"] = _checked(session, rel, u.using)
            if u.check is not None:
                p["check"] = _checked(session, rel, u.check)
            policies[u.name] = p
    U.write_relation(session, session.catalog(), replace(rel, policies=policies))
    return done(tag)


def _roles(session: Any, names: tuple[str, ...]) -> list[int]:
    from sql.executor.owned import _role_oid

    return [_role_oid(session, n) for n in names] or [0]


def _checked(session: Any, rel: Any, text: str | None) -> str | None:
    """The expression, after making sure it compiles against the table."""
    if text is None:
        return None
    from sql.expr import CompileEnv, ExprCompiler

    ExprCompiler(CompileEnv(session, session.catalog(), []), _scope(rel)).compile_bool(_parse(text), "POLICY")
    return text


def _parse(text: str) -> Any:
    import sqlglot

    from sql.dialect import PgDialect

    return sqlglot.parse_one(text, read=PgDialect)


def _scope(rel: Any) -> Any:
    from sql.scope import RangeEntry, Scope, ScopeColumn

    return Scope([RangeEntry(rel.name, [ScopeColumn(c.name, c.type_oid, c.typmod) for c in rel.columns])])


def applies(session: Any, rel: Any) -> bool:
    flag = getattr(rel, "row_security", "")
    if "e" not in flag:
        return False
    role = session.instance.cluster().roles.by_oid.get(session.current_role.oid, session.current_role)
    if role.superuser or role.bypassrls:
        return False
    return "f" in flag or rel.owner not in session.role_memberships()


def secure_scan(env: Any, rel: Any, plan: Any, command: str = "r") -> Any:
    """``plan`` (a scan of ``rel``'s rows, in column order) filtered by the row security policies."""
    session = env.session
    if not applies(session, rel):
        return plan
    from sqlglot import exp

    from sql.executor.filter import Filter
    from sql.expr import ExprCompiler

    roles = session.role_memberships()
    permissive, restrictive = [], []
    for p in rel.policies.values():
        if p["cmd"] not in ("*", command) or not any(r in roles for r in p["roles"]):
            continue
        cond = _parse(p["using"]) if p["using"] else exp.false()
        (permissive if p["permissive"] else restrictive).append(exp.paren(cond, copy=False))
    if not permissive:
        node: exp.Expression = exp.false()
    else:
        node = exp.or_(*permissive) if len(permissive) > 1 else permissive[0]
        for r in restrictive:
            node = exp.and_(node, r)
    return Filter(plan, ExprCompiler(env, _scope(rel)).compile_bool(node, "POLICY"))
