"""A raw-socket PostgreSQL v3 client for fuzzing: builds frontend messages byte by byte, logs in
with SCRAM-SHA-256, and reads backend messages checking that each is well formed."""

from __future__ import annotations

import socket
import struct
import time
from dataclasses import dataclass, field

from scramp import ScramClient

PROTOCOL_3 = 196608
SSL_REQUEST_CODE = 80877103
GSSENC_REQUEST_CODE = 80877104
CANCEL_REQUEST_CODE = 80877102

#: Backend message type bytes of protocol 3.0.
BACKEND_TYPES = frozenset(b"RKSZTDCENI123nstGHWdcAVv")

#: Text that must never reach a client: it would mean a Python exception leaked out.
LEAK_MARKERS = (
    "Traceback",
    'File "',
    "Error:",
    "Exception",
    "NoneType",
    "object has no attribute",
    "unpack requires",
    "struct.error",
    "KeyError",
    "IndexError",
    "TypeError",
    "ValueError",
    "AttributeError",
    "AssertionError",
    "RecursionError",
    "UnicodeDecodeError",
    ".py",
)


def i32(v: int) -> bytes:
    return struct.pack("!i", v)


def i16(v: int) -> bytes:
    return struct.pack("!h", v)


def cstr(s: str | bytes) -> bytes:
    return (s.encode() if isinstance(s, str) else s) + b"\0"


def typed(type_byte: bytes, payload: bytes) -> bytes:
    return type_byte + i32(len(payload) + 4) + payload


def startup_packet(params: dict[str, str], version: int = PROTOCOL_3) -> bytes:
    body = struct.pack("!I", version) + b"".join(cstr(k) + cstr(v) for k, v in params.items()) + b"\0"
    return i32(len(body) + 4) + body


@dataclass
class BackendMessage:
    type: str
    body: bytes

    def fields(self) -> dict[str, str]:
        """The fields of an ErrorResponse / NoticeResponse."""
        out: dict[str, str] = {}
        pos = 0
        body = self.body
        while pos < len(body) and body[pos] != 0:
            end = body.index(b"\0", pos + 1)
            out[chr(body[pos])] = body[pos + 1 : end].decode("utf-8")
            pos = end + 1
        assert pos == len(body) - 1, f"malformed {self.type} body {body!r}"
        return out


class Malformed(AssertionError):
    """The server sent bytes that are not a well-formed backend message stream."""


@dataclass
class RawConnection:
    host: str
    port: int
    sock: socket.socket = field(init=False)
    _buf: bytearray = field(default_factory=bytearray)
    closed_by_server: bool = False

    def __post_init__(self) -> None:
        self.sock = socket.create_connection((self.host, self.port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            self.closed_by_server = True

    def close(self) -> None:
        self.sock.close()

    def _fill(self, deadline: float) -> bool:
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError:
            return False
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.closed_by_server = True
            return False
        self._buf += chunk
        return True

    def read_byte(self, timeout: float = 10.0) -> bytes:
        deadline = time.monotonic() + timeout
        while not self._buf:
            if not self._fill(deadline):
                raise Malformed("no single-byte answer")
        b = bytes(self._buf[:1])
        del self._buf[:1]
        return b

    def read_message(self, timeout: float = 10.0) -> BackendMessage | None:
        """The next backend message, or None on EOF / timeout."""
        deadline = time.monotonic() + timeout
        while True:
            if len(self._buf) >= 5:
                t = self._buf[0]
                length = struct.unpack_from("!i", self._buf, 1)[0]
                if t not in BACKEND_TYPES:
                    raise Malformed(f"unknown backend message type {t!r} in {bytes(self._buf[:40])!r}")
                if length < 4 or length > 1 << 30:
                    raise Malformed(f"bad backend message length {length}")
                if len(self._buf) >= 1 + length:
                    body = bytes(self._buf[5 : 1 + length])
                    del self._buf[: 1 + length]
                    return BackendMessage(chr(t), body)
            if self.closed_by_server or time.monotonic() >= deadline:
                if self._buf and self.closed_by_server:
                    raise Malformed(f"truncated backend message {bytes(self._buf[:40])!r}")
                return None
            self._fill(deadline)

    def read_until_ready(self, timeout: float = 10.0) -> list[BackendMessage]:
        out: list[BackendMessage] = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.read_message(max(0.01, deadline - time.monotonic()))
            if msg is None:
                return out
            out.append(msg)
            if msg.type == "Z":
                return out

    def drain_to_eof(self, timeout: float) -> tuple[list[BackendMessage], bool]:
        """Everything the server sends until it closes; the flag says whether it did in time."""
        out: list[BackendMessage] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.read_message(max(0.01, deadline - time.monotonic()))
            if msg is not None:
                out.append(msg)
            elif self.closed_by_server:
                return out, True
        return out, False

    def login(self, user: str, password: str, database: str) -> list[BackendMessage]:
        """Startup + SCRAM-SHA-256; returns the messages up to the first ReadyForQuery."""
        self.send(startup_packet({"user": user, "database": database, "client_encoding": "UTF8"}))
        msg = self.read_message()
        assert msg is not None and msg.type == "R", msg
        code = struct.unpack_from("!i", msg.body)[0]
        assert code == 10, f"expected SASL, got {code}"
        client = ScramClient(["SCRAM-SHA-256"], user, password)
        first = client.get_client_first().encode()
        self.send(typed(b"p", cstr("SCRAM-SHA-256") + i32(len(first)) + first))
        msg = self.read_message()
        assert msg is not None and msg.type == "R", msg
        client.set_server_first(msg.body[4:].decode())
        self.send(typed(b"p", client.get_client_final().encode()))
        msgs = self.read_until_ready()
        assert msgs and msgs[-1].type == "Z", msgs
        return msgs


def check_error_fields(msg: BackendMessage, sent: bytes = b"") -> dict[str, str]:
    """An ErrorResponse/NoticeResponse's fields, asserting it is well formed and leaks nothing
    (a marker the client itself sent, echoed back in a message, does not count)."""
    fields = msg.fields()
    assert "S" in fields and "C" in fields and "M" in fields, fields
    assert len(fields["C"]) == 5, fields
    for key, value in fields.items():
        if key in "SVC":
            continue
        for marker in LEAK_MARKERS:
            if marker.encode() in sent:
                continue
            assert marker not in value, f"possible Python internals leaked in field {key}: {value!r}"
    return fields
