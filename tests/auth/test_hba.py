"""pg_hba.conf parsing and matching (auth.hba)."""

from __future__ import annotations

import ipaddress

import pytest

from auth.hba import DEFAULT_HBA_CONF, HbaError, Token, find_rule, parse_hba, parse_line

GROUPS = {("alice", "staff"), ("alice", "alice"), ("bob", "bob"), ("carol", "carol"), ("carol", "admins")}


def is_member(user: str, role: str) -> bool:
    return (user, role) in GROUPS


def match(text: str, *, ssl: bool = False, database: str = "db", user: str = "alice",
          addr: str = "127.0.0.1", server: str = "127.0.0.1") -> int | None:
    rule = find_rule(parse_hba(text), ssl=ssl, database=database, user=user, client_addr=addr, server_addr=server,
                     is_member=is_member)
    return rule.line_number if rule is not None else None


def test_default_file_asks_everyone_for_a_password() -> None:
    rules = parse_hba(DEFAULT_HBA_CONF)
    assert [(r.conn_type, r.address, r.auth_method) for r in rules] == [("host", None, "scram-sha-256")]
    assert match(DEFAULT_HBA_CONF, addr="10.1.2.3") == rules[0].line_number
    assert match(DEFAULT_HBA_CONF, addr="::1", ssl=True) == rules[0].line_number


def test_parse_fields_quotes_lists_comments_and_masks() -> None:
    rule = parse_line('hostssl  "all",db2 +staff,"+x"  10.0.0.0 255.0.0.0  md5  # comment', 7)
    assert rule is not None
    assert rule.line_number == 7 and rule.conn_type == "hostssl"
    assert rule.databases == (Token("all", True), Token("db2"))
    assert rule.users == (Token("+staff"), Token("+x", True))
    assert rule.address == ipaddress.ip_network("10.0.0.0/8")
    assert rule.method == "md5" and rule.auth_method == "scram-sha-256"
    assert parse_line("   # only a comment", 1) is None
    assert parse_line("", 1) is None
    local = parse_line("local all all trust", 3)
    assert local is not None and local.address is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("hots all all all trust", 'invalid connection type "hots"'),
        ("host all", "end-of-line before role specification"),
        ("host all all", "end-of-line before IP address specification"),
        ("host all all 10.0.0.1", "end-of-line before netmask specification"),
        ("host all all 10.0.0.1/33 trust", 'invalid IP address "10.0.0.1/33"'),
        ("host all all 10.0.0.1 255.0.0.300 trust", 'invalid IP mask "255.0.0.300"'),
        ("host all all all", "end-of-line before authentication method"),
        ("host all all all peer", 'invalid authentication method "peer"'),
        ("host all all example.com trust", "host names are not supported"),
        ("host @dbs all all trust", "@file inclusion is not supported"),
        ('host "all all all trust', "unterminated quoted string"),
        ("host all,,x all all trust", "empty list element"),
    ],
)
def test_parse_errors(line: str, message: str) -> None:
    with pytest.raises(HbaError, match=message) as info:
        parse_hba("# first line\n" + line)
    assert info.value.line_number == 2


def test_first_matching_rule_decides() -> None:
    text = "host all all 127.0.0.1/32 reject\nhost all all all trust\n"
    assert match(text) == 1
    assert match(text, addr="192.168.1.5") == 2


def test_no_rule_matches() -> None:
    assert match("host other all all trust\n") is None
    assert match("") is None


def test_connection_types() -> None:
    text = "hostssl all all all trust\nhostnossl all all all reject\n"
    assert match(text, ssl=True) == 1
    assert match(text, ssl=False) == 2
    assert match("local all all trust\nhostgssenc all all all trust\n") is None
    assert match("hostnogssenc all all all trust\n") == 1


def test_addresses() -> None:
    assert match("host all all 10.0.0.0/8 trust\n", addr="10.200.3.4") == 1
    assert match("host all all 10.0.0.0/8 trust\n", addr="11.0.0.1") is None
    assert match("host all all 10.0.0.0/8 trust\n", addr="::1") is None
    assert match("host all all ::1/128 trust\n", addr="::1") == 1
    assert match("host all all ::1/128 trust\n", addr="127.0.0.1") is None
    assert match("host all all 127.0.0.1/32 trust\n", addr="::ffff:127.0.0.1") == 1
    assert match("host all all samehost trust\n", addr="10.0.0.7", server="10.0.0.7") == 1
    assert match("host all all samehost trust\n", addr="10.0.0.8", server="10.0.0.7") is None


def test_databases() -> None:
    assert match("host db2,db all all trust\n", database="db") == 1
    assert match("host sameuser all all trust\n", database="alice", user="alice") == 1
    assert match("host sameuser all all trust\n", database="db", user="alice") is None
    assert match("host samerole all all trust\n", database="staff", user="alice") == 1
    assert match("host samerole all all trust\n", database="staff", user="bob") is None
    assert match("host replication all all trust\n", database="replication") is None
    assert match('host "replication" all all trust\n', database="replication") == 1
    assert match('host "all" all all trust\n', database="db") is None
    assert match("host DB all all trust\n", database="db") is None  # names are case-sensitive


def test_users() -> None:
    assert match("host all bob,alice all trust\n", user="alice") == 1
    assert match("host all +staff all trust\n", user="alice") == 1
    assert match("host all +staff all trust\n", user="bob") is None
    assert match('host all "+staff" all trust\n', user="alice") is None
    assert match('host all "all" all trust\n', user="alice") is None
