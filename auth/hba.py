"""Host-based access rules: a ``pg_hba.conf`` file parsed into :class:`HbaRule`s, and the
matcher that picks the rule deciding a connection (the first one that matches).

Each non-empty line is ``TYPE DATABASE USER [ADDRESS [MASK]] METHOD [OPTIONS]``:

* TYPE: ``local`` (never matches: there are no Unix sockets), ``host``, ``hostssl``,
  ``hostnossl``, ``hostgssenc`` (never matches) and ``hostnogssenc``;
* DATABASE: ``all``, ``sameuser``, ``samerole``/``samegroup``, ``replication`` or names,
  comma-separated; USER: ``all``, names or ``+role`` (members of the role);
  double quotes make a keyword a plain name;
* ADDRESS: ``all``, ``samehost``, an IPv4/IPv6 address with ``/prefix`` or followed by a MASK;
* METHOD: ``trust``, ``reject``, ``scram-sha-256``; ``md5`` and ``password`` are accepted
  and run SCRAM-SHA-256 (passwords are stored as SCRAM verifiers only).

``@file`` inclusion and host names are not supported (reported as errors on their line).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

LOCAL, HOST, HOSTSSL, HOSTNOSSL, HOSTGSSENC, HOSTNOGSSENC = (
    "local",
    "host",
    "hostssl",
    "hostnossl",
    "hostgssenc",
    "hostnogssenc",
)
CONNECTION_TYPES = (LOCAL, HOST, HOSTSSL, HOSTNOSSL, HOSTGSSENC, HOSTNOGSSENC)
TRUST, REJECT, SCRAM = "trust", "reject", "scram-sha-256"
#: Method names accepted in the file -> the method that runs.
METHODS = {TRUST: TRUST, REJECT: REJECT, SCRAM: SCRAM, "md5": SCRAM, "password": SCRAM}

#: The file written into a new data directory: passwords for everyone, from everywhere.
DEFAULT_HBA_CONF = """\
# pg_hba.conf: who may connect, from where, and how they authenticate.
# The first line matching the connection type, database, user and client address decides;
# a connection no line matches is refused. Reload with SIGHUP or SELECT pg_reload_conf().
#
# TYPE      DATABASE    USER        ADDRESS         METHOD
# Examples:
# hostssl   all         all         0.0.0.0/0       scram-sha-256
# host      all         all         127.0.0.1/32    trust     (local development only)
# host      all         guest       all             reject
host        all         all         all             scram-sha-256
"""

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class HbaError(ValueError):
    """A line of the file that cannot be used; ``line_number`` is 1-based."""

    def __init__(self, line_number: int, message: str) -> None:
        super().__init__(f"line {line_number}: {message}")
        self.line_number = line_number
        self.message = message


@dataclass(frozen=True)
class Token:
    text: str
    quoted: bool = False

    def is_keyword(self, word: str) -> bool:
        return not self.quoted and self.text == word


@dataclass(frozen=True)
class HbaRule:
    line_number: int
    line: str
    conn_type: str
    databases: tuple[Token, ...]
    users: tuple[Token, ...]
    #: None for local rules and ADDRESS ``all``; ``"samehost"``; else a network.
    address: Network | str | None
    method: str  # as written
    options: tuple[str, ...] = field(default_factory=tuple)

    @property
    def auth_method(self) -> str:
        """The method that runs: trust, reject or scram-sha-256."""
        return METHODS[self.method]


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


def _split_fields(line: str, line_number: int) -> list[list[Token]]:
    """Whitespace-separated fields, each a comma-separated list of tokens ('#' starts a comment)."""
    fields: list[list[Token]] = []
    i, n = 0, len(line)
    while i < n:
        while i < n and line[i] in " \t\r":
            i += 1
        if i >= n or line[i] == "#":
            break
        tokens: list[Token] = []
        while True:
            text: list[str] = []
            quoted = False
            while i < n and line[i] not in " \t\r,":
                if line[i] == '"':
                    quoted = True
                    end = line.find('"', i + 1)
                    if end < 0:
                        raise HbaError(line_number, "unterminated quoted string")
                    text.append(line[i + 1 : end])
                    i = end + 1
                elif line[i] == "#" and not text:
                    break
                else:
                    text.append(line[i])
                    i += 1
            tokens.append(Token("".join(text), quoted))
            if i < n and line[i] == ",":
                i += 1
                continue
            break
        if any(not t.text and not t.quoted for t in tokens):
            raise HbaError(line_number, "empty list element")
        fields.append(tokens)
    return fields


def _single(field_tokens: list[Token], what: str, line_number: int) -> str:
    if len(field_tokens) != 1:
        raise HbaError(line_number, f"multiple values specified for {what}")
    return field_tokens[0].text


def _parse_address(fields: list[list[Token]], line_number: int) -> tuple[Network | str | None, int]:
    """The address (and how many fields it used) from the fields after USER."""
    if not fields:
        raise HbaError(line_number, "end-of-line before IP address specification")
    text = _single(fields[0], "host address", line_number)
    token = fields[0][0]
    if token.is_keyword("all"):
        return None, 1
    if token.is_keyword("samehost"):
        return "samehost", 1
    if token.is_keyword("samenet"):
        raise HbaError(line_number, "samenet is not supported")
    if "/" in text:
        try:
            return ipaddress.ip_network(text, strict=False), 1
        except ValueError:
            raise HbaError(line_number, f'invalid IP address "{text}"') from None
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        raise HbaError(line_number, f'host names are not supported: "{text}"') from None
    if len(fields) < 3:  # ADDRESS MASK METHOD
        raise HbaError(line_number, "end-of-line before netmask specification")
    mask = _single(fields[1], "netmask", line_number)
    try:
        network = ipaddress.ip_network(f"{addr}/{mask}", strict=False)
    except ValueError:
        raise HbaError(line_number, f'invalid IP mask "{mask}"') from None
    return network, 2


def parse_line(line: str, line_number: int) -> HbaRule | None:
    """One rule, None for a blank or comment line; raises HbaError."""
    fields = _split_fields(line, line_number)
    if not fields:
        return None
    conn_type = _single(fields[0], "connection type", line_number)
    if conn_type not in CONNECTION_TYPES:
        raise HbaError(line_number, f'invalid connection type "{conn_type}"')
    if len(fields) < 2:
        raise HbaError(line_number, "end-of-line before database specification")
    if len(fields) < 3:
        raise HbaError(line_number, "end-of-line before role specification")
    for token in fields[1] + fields[2]:
        if token.text.startswith("@") and not token.quoted:
            raise HbaError(line_number, "@file inclusion is not supported")
    rest = fields[3:]
    address: Network | str | None = None
    if conn_type != LOCAL:
        address, used = _parse_address(rest, line_number)
        rest = rest[used:]
    if not rest:
        raise HbaError(line_number, "end-of-line before authentication method")
    method = _single(rest[0], "authentication type", line_number)
    if method not in METHODS:
        raise HbaError(line_number, f'invalid authentication method "{method}"')
    options = tuple(",".join(t.text for t in f) for f in rest[1:])
    return HbaRule(
        line_number, line.strip(), conn_type, tuple(fields[1]), tuple(fields[2]), address, method, options
    )


def parse_hba(text: str) -> list[HbaRule]:
    """All rules of a file; raises HbaError on the first bad line."""
    rules: list[HbaRule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        rule = parse_line(line, number)
        if rule is not None:
            rules.append(rule)
    return rules


def load_hba(path: str) -> list[HbaRule]:
    """The rules of the file at ``path`` (a path from the configuration, never from a client)."""
    with open(path, encoding="utf-8") as f:
        return parse_hba(f.read())


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------

#: is_member(user, role): True when ``user`` is ``role`` or a (transitive) member of it.
MembershipCheck = Callable[[str, str], bool]


def _type_matches(conn_type: str, ssl: bool) -> bool:
    if conn_type in (HOST, HOSTNOGSSENC):
        return True
    if conn_type == HOSTSSL:
        return ssl
    if conn_type == HOSTNOSSL:
        return not ssl
    return False  # local (no Unix sockets), hostgssenc (no GSSAPI encryption)


def _database_matches(tokens: Iterable[Token], database: str, user: str, is_member: MembershipCheck) -> bool:
    for token in tokens:
        if token.is_keyword("all"):
            return True
        if token.is_keyword("sameuser"):
            if database == user:
                return True
        elif token.is_keyword("samerole") or token.is_keyword("samegroup"):
            if is_member(user, database):
                return True
        elif token.is_keyword("replication"):
            continue  # only physical replication connections, which this server does not take
        elif token.text == database:
            return True
    return False


def _user_matches(tokens: Iterable[Token], user: str, is_member: MembershipCheck) -> bool:
    for token in tokens:
        if token.is_keyword("all"):
            return True
        if token.text.startswith("+") and not token.quoted:
            if is_member(user, token.text[1:]):
                return True
        elif token.text == user:
            return True
    return False


def _address_matches(address: Network | str | None, client: str, server: str) -> bool:
    if address is None:
        return True
    try:
        client_ip = ipaddress.ip_address(client.split("%", 1)[0])
    except ValueError:
        return False
    if address == "samehost":
        return client_ip.is_loopback or client == server
    assert not isinstance(address, str)
    if client_ip.version != address.version:
        mapped = getattr(client_ip, "ipv4_mapped", None)
        if mapped is None or address.version != 4:
            return False
        client_ip = mapped
    return client_ip in address


def find_rule(
    rules: Iterable[HbaRule],
    *,
    ssl: bool,
    database: str,
    user: str,
    client_addr: str,
    server_addr: str = "",
    is_member: MembershipCheck,
) -> HbaRule | None:
    """The first rule matching a TCP connection, or None."""
    for rule in rules:
        if (
            _type_matches(rule.conn_type, ssl)
            and _address_matches(rule.address, client_addr, server_addr)
            and _database_matches(rule.databases, database, user, is_member)
            and _user_matches(rule.users, user, is_member)
        ):
            return rule
    return None
