"""Row-level security on writes: the rows INSERT, UPDATE, DELETE and INSERT ... ON CONFLICT may
touch, and the checks their new rows must pass, as PostgreSQL applies them.

- UPDATE and DELETE only see the existing rows that the command's policies' USING lets through
  (AND-ed with the SELECT policies' USING when the statement reads the table: WHERE, RETURNING,
  SET reading columns, FROM / USING).
- A new row (INSERT; UPDATE, also ON CONFLICT DO UPDATE) must pass the command's policies'
  WITH CHECK (USING when a policy has none): permissive policies OR-ed, each restrictive one
  AND-ed; no permissive policy at all fails every row. When the statement reads the table the
  new row must also pass the SELECT policies' USING. A failure is 42501
  ``new row violates row-level security policy [name] for table "t"`` (a restrictive policy
  is named).
- ON CONFLICT DO UPDATE also checks the existing conflicting row against the UPDATE (and SELECT)
  policies' USING: an error, ``(USING expression)``, rather than a filter.

Row security applies under the same rule as for reads (:func:`sql.executor.rls.applies`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError
from sql.executor.rls import _parse, _scope, applies

RowTest = Callable[[tuple[Any, ...], Any], Any]


@dataclass(frozen=True)
class _Check:
    policy: str | None  # a restrictive policy is named in the error
    using: bool  # the check is a USING expression (ON CONFLICT's existing row)
    test: RowTest


@dataclass(frozen=True)
class RowChecks:
    """Checks one row must pass, in order; the first that fails raises 42501."""

    table: str
    checks: tuple[_Check, ...]

    def __call__(self, row: tuple[Any, ...], ctx: Any) -> None:
        for c in self.checks:
            if c.test(row, ctx) is not True:
                name = f' "{c.policy}"' if c.policy else ""
                using = " (USING expression)" if c.using else ""
                raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                               f"new row violates row-level security policy{name}{using} for table \"{self.table}\"")


@dataclass(frozen=True)
class InsertSecurity:
    """What an INSERT (and its ON CONFLICT DO UPDATE) must check."""

    new_row: RowChecks  # before the row is written or looked up for conflicts
    conflict_existing: RowChecks | None = None  # the existing row an ON CONFLICT DO UPDATE would change
    conflict_new: RowChecks | None = None  # the row that update makes


def _policies(session: Any, rel: Any, command: str) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    roles = session.role_memberships()
    permissive, restrictive = [], []
    for name, p in rel.policies.items():
        if p["cmd"] not in ("*", command) or not any(r in roles for r in p["roles"]):
            continue
        (permissive if p["permissive"] else restrictive).append((name, p))
    return permissive, restrictive


def _compile(env: Any, rel: Any, node: exp.Expression) -> RowTest:
    from sql.expr import ExprCompiler

    return ExprCompiler(env, _scope(rel)).compile_bool(node, "POLICY").fn


def _expr(p: dict, use_check: bool) -> exp.Expression:
    text = (p["check"] or p["using"]) if use_check else p["using"]
    return exp.paren(_parse(text), copy=False) if text else (exp.true() if not use_check else exp.false())


def _combined(permissive: list[tuple[str, dict]], use_check: bool) -> exp.Expression:
    if not permissive:
        return exp.false()
    nodes = [_expr(p, use_check) for _n, p in permissive]
    return exp.or_(*nodes) if len(nodes) > 1 else nodes[0]


def _filter_node(session: Any, rel: Any, command: str) -> exp.Expression:
    permissive, restrictive = _policies(session, rel, command)
    node = _combined(permissive, False)
    for _n, p in restrictive:
        node = exp.and_(node, _expr(p, False))
    return node


def _row_checks(env: Any, rel: Any, command: str, use_check: bool, using_word: bool = False) -> list[_Check]:
    permissive, restrictive = _policies(env.session, rel, command)
    checks = [_Check(None, using_word, _compile(env, rel, _combined(permissive, use_check)))]
    checks += [_Check(n, using_word, _compile(env, rel, _expr(p, use_check))) for n, p in restrictive]
    return checks


def row_filter(env: Any, rel: Any, command: str, reads: bool) -> RowTest | None:
    """The rows of ``rel`` an UPDATE ("w") or DELETE ("d") may touch; None when row security does not apply."""
    if not applies(env.session, rel):
        return None
    node = _filter_node(env.session, rel, command)
    if reads:
        node = exp.and_(node, _filter_node(env.session, rel, "r"))
    return _compile(env, rel, node)


def update_checks(env: Any, rel: Any, reads: bool) -> RowChecks | None:
    """What an UPDATE's new rows must pass; None when row security does not apply."""
    if not applies(env.session, rel):
        return None
    checks = _row_checks(env, rel, "w", True)
    if reads:
        checks += _row_checks(env, rel, "r", False)
    return RowChecks(rel.name, tuple(checks))


def insert_security(env: Any, rel: Any, returning: bool, conflict_update: bool) -> InsertSecurity | None:
    """What an INSERT's rows must pass; None when row security does not apply."""
    if not applies(env.session, rel):
        return None
    new = _row_checks(env, rel, "a", True)
    if returning or conflict_update:
        new += _row_checks(env, rel, "r", False)
    if not conflict_update:
        return InsertSecurity(RowChecks(rel.name, tuple(new)))
    existing = _row_checks(env, rel, "w", False, True) + _row_checks(env, rel, "r", False, True)
    updated = _row_checks(env, rel, "w", True) + _row_checks(env, rel, "r", False)
    return InsertSecurity(RowChecks(rel.name, tuple(new)), RowChecks(rel.name, tuple(existing)),
                          RowChecks(rel.name, tuple(updated)))


def filtered(pred: Any, test: RowTest | None) -> Any:
    """``pred`` (a CExpr or None) with the row filter put first (policies are evaluated before the
    statement's own conditions)."""
    if test is None:
        return pred
    from sql import typesys as T
    from sql.expr import CExpr

    if pred is None:
        return CExpr(lambda row, ctx: test(row, ctx) is True, T.BOOL)
    inner = pred.fn
    return CExpr(lambda row, ctx: (inner(row, ctx) if test(row, ctx) is True else False), T.BOOL)


def refuse_copy_from(session: Any, rel: Any) -> None:
    """COPY FROM into a table under row security: 0A000, as in PostgreSQL."""
    if applies(session, rel):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY FROM not supported with row-level security",
                       hint="Use INSERT statements instead.")


@dataclass(frozen=True)
class MergeSecurity:
    """MERGE: the target rows it sees (SELECT policies), and the checks of each action; an existing
    row an UPDATE or DELETE action may not touch is 42501 ``target row violates ...``."""

    visible: RowTest
    update_existing: RowTest
    delete_existing: RowTest
    insert_new: RowChecks
    update_new: RowChecks

    def check_target(self, test: RowTest, row: tuple[Any, ...], ctx: Any, table: str) -> None:
        if test(row, ctx) is not True:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                           f'target row violates row-level security policy (USING expression) for table "{table}"')


def merge_security(env: Any, rel: Any) -> MergeSecurity | None:
    if not applies(env.session, rel):
        return None
    session = env.session
    return MergeSecurity(
        _compile(env, rel, _filter_node(session, rel, "r")),
        _compile(env, rel, _filter_node(session, rel, "w")),
        _compile(env, rel, _filter_node(session, rel, "d")),
        RowChecks(rel.name, tuple(_row_checks(env, rel, "a", True))),
        RowChecks(rel.name, tuple(_row_checks(env, rel, "w", True) + _row_checks(env, rel, "r", False))))
