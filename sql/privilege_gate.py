"""The one place every statement passes through for its privilege check before it runs.

Every kind of statement the parser produces has a rule here, and :func:`check` refuses a
statement whose kind has none (XX000), so a new kind of statement cannot run unchecked. The
rules say how a kind is checked:

- ``PLANNED``: queries and DML (also COPY's and cursors' queries, PL/pgSQL's SQL): the planner
  lists every relation and column the statement touches with the privileges needed
  (``Prepared.privileges``), and :meth:`sql.session.Session._check_privileges` tests them all
  before the plan runs -- tables, views (as the view owner), sequences, columns, catalog views
  (pg_authid and the like are refused there) and, through the function registry, functions.
- ``OBJECT``: DDL and utility statements on named objects: ownership, CREATE on the schema or
  database, or the object's ACL, tested against the resolved object by the executor function
  named in the rule before anything is written (the object must be looked up first).
- ``ROLE``: role and membership statements (CREATEROLE / superuser / admin option), tested in
  the executor named.
- ``NONE``: statements PostgreSQL runs without any privilege (transaction control, SET/SHOW,
  cursors already opened, LISTEN/NOTIFY ...).

:func:`statement_kind` names a statement's kind; the privilege-coverage test enumerates the
kinds from :data:`RULES` and from the parser's statement classes, runs one statement of each as
an unprivileged role against pgserver and PostgreSQL, and compares the refusals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from auth.predefined_roles import PG_CHECKPOINT
from sql import sqlstate
from sql.errors import SqlError


@dataclass(frozen=True)
class Rule:
    how: str  # PLANNED, OBJECT, ROLE, NONE
    where: str  # the function that performs the check (or why none is needed)


def _planned() -> Rule:
    return Rule("PLANNED", "sql.session.Session._check_privileges")


def _obj(where: str) -> Rule:
    return Rule("OBJECT", where)


def _none(why: str) -> Rule:
    return Rule("NONE", why)


RULES: dict[str, Rule] = {
    # queries and DML (sqlglot trees)
    "Select": _planned(), "Union": _planned(), "Intersect": _planned(), "Except": _planned(),
    "Values": _planned(), "Subquery": _planned(), "Insert": _planned(), "Update": _planned(),
    "Delete": _planned(), "Merge": _planned(),
    "SelectInto": _obj("sql.executor.objects.select_into (CREATE on the schema) + the query's plan"),
    "TruncateTable": _obj("sql.executor.ddl.truncate (TRUNCATE on each table)"),
    "Create:TABLE": _obj("sql.executor.ddl.create_table / objects.create_table_as (CREATE on the schema)"),
    "Create:INDEX": _obj("sql.executor.ddl.create_index (owner of the table)"),
    "Create:SCHEMA": _obj("sql.executor.ddl.create_schema (CREATE on the database)"),
    "Create:VIEW": _obj("sql.executor.objects.create_view (CREATE on the schema, SELECT through the query)"),
    "Create:TYPE": _obj("sql.executor.objects.create_type (CREATE on the schema)"),
    "Create": _obj("sql.executor.ddl.execute (other kinds are not supported: 0A000)"),
    "Drop:TABLE": _obj("sql.executor.ddl.drop_relations (owner)"),
    "Drop:SEQUENCE": _obj("sql.executor.ddl.drop_relations (owner)"),
    "Drop:VIEW": _obj("sql.executor.ddl.drop_relations (owner)"),
    "Drop:INDEX": _obj("sql.executor.ddl.drop_index (owner)"),
    "Drop:SCHEMA": _obj("sql.executor.ddl.drop_schema (owner)"),
    "Drop:TYPE": _obj("sql.executor.objects.drop_type (owner)"),
    "Drop": _obj("sql.executor.ddl.execute (other kinds are not supported: 0A000)"),
    # utility statements (parser dataclasses)
    "TransactionStmt": _none("transaction control"),
    "SetStmt": _none("settings: superuser-only ones are refused by sql.settings; SET ROLE by executor.acl.set_role"),
    "ResetStmt": _none("settings"),
    "ShowStmt": _none("settings (superuser-only ones refused by sql.settings)"),
    "DiscardStmt": _none("session state"),
    "DeallocateStmt": _none("session state"),
    "NoOpStmt": _none("accepted and ignored (VACUUM, ANALYZE ...); CHECKPOINT is checked here"),
    "RoleStmt": Rule("ROLE", "sql.executor.acl.role_statement (CREATEROLE / superuser / admin option)"),
    "GrantStmt": Rule("ROLE", "sql.executor.grants.object_grant (grant option) / acl._grant_role (admin option)"),
    "DatabaseStmt": _obj("sql.executor.acl.database_statement (CREATEDB / owner)"),
    "CreateFunctionStmt": _obj("sql.executor.routines.create_function (CREATE on the schema, owner to replace)"),
    "DropFunctionStmt": _obj("sql.executor.routines.drop_function (owner)"),
    "AlterFunctionStmt": _obj("sql.plpgsql.statements.AlterFunctionStmt (owner)"),
    "GrantFunctionStmt": Rule("ROLE", "sql.plpgsql.statements.GrantFunctionStmt (owner / grant option)"),
    "DoStmt": _planned(),
    "CallStmt": _obj("sql.plpgsql.statements.CallStmt (EXECUTE on the procedure; its SQL is planned)"),
    "CopyStmt": _obj("sql.executor.copy.execute_copy (through the planned INSERT / SELECT; files: superuser)"),
    "DeclareStmt": _planned(),
    "FetchStmt": _none("the cursor's query was checked when it was declared"),
    "CloseCursorStmt": _none("session state"),
    "PrepareSqlStmt": _none("checked when executed"),
    "ExecuteSqlStmt": _planned(),
    "ExplainStmt": _obj("sql.explain.explain (the explained statement's privileges, also without ANALYZE)"),
    "ListenStmt": _none("LISTEN needs no privilege"),
    "NotifyStmt": _none("NOTIFY needs no privilege"),
    "ExtensionStmt": _obj("here, privilege_gate._extension (CREATE on the database / owner)"),
    "MatViewStmt": _obj("sql.executor.matview.run (CREATE on the schema / owner)"),
    "AlterTableStmt": _obj("sql.executor.alter (owner of the table)"),
    "SequenceStmt": _obj("sql.executor.alter (CREATE on the schema / owner)"),
    "AlterTypeStmt": _obj("sql.executor.alter (owner of the type)"),
    "CommentStmt": _obj("sql.executor.alter (owner of the object)"),
    "LockStmt": _obj("sql.executor.txcontrol (a table privilege per lock mode)"),
    "SetConstraintsStmt": _none("transaction state"),
    "AlterSchemaStmt": _obj("sql.executor.schema_alter (owner, CREATE on the database to rename)"),
    "CreateIndexStmt": _obj("sql.executor.alter (owner of the table)"),
    "CreateDomainStmt": _obj("sql.executor.alter (CREATE on the schema)"),
    "DropDomainStmt": _obj("sql.executor.alter (owner)"),
    "CreateSchemaStmt": _obj("sql.executor.alter (CREATE on the database)"),
    "CreateTriggerStmt": _obj("sql.executor.triggers (TRIGGER on the table, EXECUTE on the function)"),
    "DropTriggerStmt": _obj("sql.executor.triggers (owner of the table)"),
    "EnableTriggerStmt": _obj("sql.executor.triggers (owner of the table)"),
    "RenameTriggerStmt": _obj("sql.executor.triggers (owner of the table)"),
    "DefaultPrivStmt": Rule("ROLE", "sql.executor.owned (membership in the FOR ROLE roles)"),
    "OwnedStmt": Rule("ROLE", "sql.executor.owned (privileges of each role named)"),
    "RowSecurityStmt": _obj("sql.executor.rls.row_security (owner of the table)"),
    "PolicyStmt": _obj("sql.executor.rls.policy_statement (owner of the table)"),
}


def statement_kind(stmt: Any) -> str:
    """The kind of a parsed statement (:class:`sql.parse.Statement`): its utility class's name, or
    its sqlglot tree's (with the object kind for CREATE / DROP)."""
    if stmt.utility is not None:
        return type(stmt.utility).__name__
    ast = stmt.ast
    if ast is None:
        return "Empty"
    if isinstance(ast, exp.Select) and ast.args.get("into") is not None:
        return "SelectInto"
    if isinstance(ast, (exp.Create, exp.Drop)):
        kind = (ast.args.get("kind") or "").upper()
        name = type(ast).__name__
        return f"{name}:{kind}" if f"{name}:{kind}" in RULES else name
    return type(ast).__name__


def rule_for(stmt: Any) -> Rule:
    kind = statement_kind(stmt)
    if kind == "Empty":
        return _none("empty query")
    rule = RULES.get(kind)
    if rule is None:
        raise SqlError(sqlstate.INTERNAL_ERROR, f"statement kind {kind} has no privilege rule")
    return rule


def check(session: Any, stmt: Any) -> Rule:
    """Called for every statement before it runs (utility statements and planned ones alike):
    refuses a kind without a rule; the rule says where the privileges are tested. Statements
    whose check needs no object lookup are checked right here."""
    rule = rule_for(stmt)
    u = stmt.utility
    if u is not None and not session.is_superuser:
        kind = type(u).__name__
        if kind == "NoOpStmt" and u.tag == "CHECKPOINT" and PG_CHECKPOINT not in session.role_memberships():
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                           "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT")
        if kind == "ExtensionStmt":
            _extension(session, u)
    return rule


def _extension(session: Any, u: Any) -> None:
    """Extensions belong to the bootstrap superuser; creating one needs CREATE on the database."""
    if not u.create:
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"must be owner of extension {u.names[0]}")
    from auth.privileges import has_privilege

    rec = session.instance.cluster().databases_by_oid.get(session.database_oid)
    if rec is None or not has_privilege(session.role_memberships(), False, rec.owner, rec.acl, "C"):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'permission denied to create extension "{u.names[0]}"',
                       hint="Must have CREATE privilege on current database to create this extension.")
