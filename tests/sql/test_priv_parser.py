"""Parsing of ALTER DEFAULT PRIVILEGES, DROP/REASSIGN OWNED, policies, row security and
per-privilege column lists of GRANT."""

from __future__ import annotations

from sql.lexer import first_words
from sql.priv_parser import DefaultPrivStmt, OwnedStmt, PolicyStmt, RowSecurityStmt
from sql.utility_parser import GrantStmt, parse_utility


def parse(text: str) -> object:
    return parse_utility(text, first_words(text))


def test_grant_columns_per_privilege_and_cascade() -> None:
    g = parse("GRANT SELECT (id), UPDATE (a, b), DELETE ON t TO r WITH GRANT OPTION")
    assert isinstance(g, GrantStmt)
    assert g.privileges == ("SELECT", "UPDATE", "DELETE")
    assert g.priv_columns == (("id",), ("a", "b"), ())
    assert g.grant_option
    r = parse("REVOKE GRANT OPTION FOR SELECT ON t FROM r CASCADE")
    assert isinstance(r, GrantStmt) and r.cascade and r.grant_option and not r.is_grant
    assert parse("GRANT USAGE ON TYPE e TO r").object_kind == "type"  # type: ignore[attr-defined]


def test_alter_default_privileges() -> None:
    s = parse("ALTER DEFAULT PRIVILEGES FOR ROLE a IN SCHEMA s1, s2 GRANT SELECT, INSERT ON TABLES TO b, PUBLIC")
    assert isinstance(s, DefaultPrivStmt)
    assert s.roles == ("a",) and s.schemas == ("s1", "s2")
    assert s.grant.object_kind == "tables" and s.grant.privileges == ("SELECT", "INSERT")
    assert s.grant.grantees == ("b", "public")
    r = parse("ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SEQUENCES FROM b")
    assert isinstance(r, DefaultPrivStmt) and not r.grant.is_grant and r.grant.object_kind == "sequences"


def test_owned_statements() -> None:
    assert parse("DROP OWNED BY a, b CASCADE") == OwnedStmt("drop", ("a", "b"), cascade=True)
    assert parse("REASSIGN OWNED BY a TO CURRENT_USER") == OwnedStmt("reassign", ("a",), "@current_user")


def test_policies_and_row_security() -> None:
    p = parse("CREATE POLICY p ON s.t AS RESTRICTIVE FOR UPDATE TO a, b USING (x = (1)) WITH CHECK (y > 0)")
    assert p == PolicyStmt("create", "p", "s", "t", False, "w", ("a", "b"), "x = (1)", "y > 0")
    assert parse("DROP POLICY IF EXISTS p ON t") == PolicyStmt("drop", "p", None, "t", if_exists=True)
    assert parse("ALTER POLICY p ON t RENAME TO q") == PolicyStmt("alter", "p", None, "t", new_name="q")
    assert parse("ALTER TABLE t NO FORCE ROW LEVEL SECURITY") == RowSecurityStmt(None, "t", "no_force")
    assert not isinstance(parse("ALTER TABLE t ADD COLUMN security int"), RowSecurityStmt)
