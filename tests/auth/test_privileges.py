"""ACL values with grant options and grantors (auth.privileges)."""

from __future__ import annotations

import pytest

from auth.privileges import (
    acl_entries,
    grant,
    has_grant_option,
    has_privilege,
    revoke,
    revoke_dependents,
)
from sql.errors import SqlError

OWNER = 10


def test_grant_with_option_and_by_another_grantor() -> None:
    acl = grant({}, [5], "r", with_option=True)
    acl = grant(acl, [6], "ra", grantor=5)
    assert acl == {5: "r*", 6: "ar/5"}
    assert acl_entries(acl) == [(5, None, "r", "r"), (6, 5, "ar", "")]
    assert has_privilege(frozenset({6}), False, OWNER, acl, "a")
    assert has_grant_option(frozenset({5}), False, OWNER, acl, "r")
    assert not has_grant_option(frozenset({6}), False, OWNER, acl, "r")
    assert has_grant_option(frozenset({OWNER}), False, OWNER, acl, "d")


def test_grants_from_two_grantors_are_kept_apart() -> None:
    acl = grant(grant({}, [6], "r"), [6], "r", grantor=5)
    assert acl == {6: "r;r/5"}
    acl = revoke(acl, [6], "r")
    assert acl == {6: "r/5"}
    assert has_privilege(frozenset({6}), False, OWNER, acl, "r")


def test_revoke_grant_option_only() -> None:
    acl = revoke({5: "r*a"}, [5], "r", option_only=True)
    assert acl == {5: "ar"}


def test_dependent_grants_need_cascade() -> None:
    acl = {5: "r*", 6: "r/5", 7: "r/6"}
    acl = grant(acl, [6], "r", grantor=5, with_option=True)
    after = revoke(acl, [5], "r")
    with pytest.raises(SqlError) as e:
        revoke_dependents(after, OWNER, cascade=False)
    assert e.value.code == "2BP01"
    assert revoke_dependents(after, OWNER, cascade=True) == {}
